/* document_api: documents over JSON beyond the generic record routes — the
 * workflow actions (submit, approve, publish with its audience, retire),
 * versions and the diff of two, acknowledgements (giving one, the report,
 * the caller's documents to read) and the starter templates. */
#include <string.h>

#include "api/api.h"
#include "base/jsonw.h"
#include "base/textdiff.h"
#include "base/util.h"
#include "isms/doc_ack.h"
#include "isms/doc_template.h"
#include "isms/doc_version.h"

/* Reads {"audience": {"everyone": bool, "roles": [...], "groups": [...]}}
 * into aud; *given 0 for an empty body or an absent audience. */
static int read_audience(struct request *req, struct doc_audience *aud, int *given, struct err *e)
{
	json_t *body, *a, *v;
	const char *key;
	size_t i;
	*given = 0;
	memset(aud, 0, sizeof(*aud));
	if (!req->body_len)
		return 0;
	if (!(body = http_json_body(req, e)))
		return -1;
	if (!json_is_object(body)) {
		json_decref(body);
		return err_set(e, 400, "bad_json", "The body must be a JSON object.");
	}
	json_object_foreach(body, key, v)
		if (strcmp(key, "audience") != 0)
			err_field(e, key, "unknown_field", "Publishing takes only \"audience\".");
	a = json_object_get(body, "audience");
	if (e->nfields) {
		e->status = 400;
		snprintf(e->code, sizeof(e->code), "unknown_field");
	} else if (a && !json_is_object(a)) {
		err_field(e, "audience", "type", "The audience is an object: {\"everyone\": true} or "
			  "{\"roles\": [\"employee\"], \"groups\": [3]}.");
	} else if (a) {
		*given = 1;
		json_object_foreach(a, key, v) {
			if (strcmp(key, "everyone") == 0) {
				if (!json_is_boolean(v))
					err_field(e, "everyone", "type", "true or false.");
				aud->everyone = json_is_true(v);
			} else if (strcmp(key, "roles") == 0 && json_is_array(v)) {
				json_t *r;
				json_array_foreach(v, i, r) {
					if (!json_is_string(r))
						err_field(e, "roles", "type", "Roles are named as strings.");
					else
						doc_audience_add_role(aud, json_string_value(r), "roles", e);
				}
			} else if (strcmp(key, "groups") == 0 && json_is_array(v)) {
				json_t *g;
				json_array_foreach(v, i, g) {
					if (!json_is_integer(g))
						err_field(e, "groups", "type", "Groups are named by their ids (numbers).");
					else
						doc_audience_add_group(aud, json_integer_value(g), "groups", e);
				}
			} else if (strcmp(key, "roles") == 0 || strcmp(key, "groups") == 0) {
				err_field(e, key, "type", "A list.");
			} else {
				err_field(e, key, "unknown_field", "The audience has everyone, roles and groups.");
			}
		}
	}
	json_decref(body);
	return e->status ? -1 : 0;
}

static int64_t if_match_version(struct request *req, struct err *e)
{
	const char *v = http_header(req, "If-Match");
	int64_t version = 0;
	if (v && parse_if_match(v, &version)) {
		err_set(e, 400, "bad_if_match", "If-Match must be the record's ETag, e.g. \"3\".");
		return -1;
	}
	return version;
}

static void action(struct request *req, struct response *resp, enum doc_action act)
{
	struct doc_audience aud;
	struct err e = ERR_INIT;
	int given = 0;
	int64_t version = if_match_version(req, &e);
	if (version >= 0 && act == DOC_PUBLISH)
		read_audience(req, &aud, &given, &e);
	else if (version >= 0 && req->body_len)
		err_set(&e, 400, "unexpected_body", "This action takes no body.");
	if (e.status ||
	    doc_action(req->store, &req->actor, req->id, act, version, given ? &aud : NULL, &req->arena, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	req->entity = doc_entity();
	api_reply_record(req, resp, 200, req->id);
}

void api_document_submit(struct request *req, struct response *resp)
{
	action(req, resp, DOC_SUBMIT);
}

void api_document_approve(struct request *req, struct response *resp)
{
	action(req, resp, DOC_APPROVE);
}

void api_document_publish(struct request *req, struct response *resp)
{
	action(req, resp, DOC_PUBLISH);
}

void api_document_retire(struct request *req, struct response *resp)
{
	action(req, resp, DOC_RETIRE);
}

static void version_json(struct strbuf *sb, const struct doc_version *v, int with_body)
{
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &first, "number", v->number);
	jsonw_kv_str(sb, &first, "label", v->label);
	jsonw_kv_str(sb, &first, "state", v->state);
	jsonw_kv_str(sb, &first, "title", v->title);
	jsonw_kv_str(sb, &first, "summary", v->summary);
	jsonw_kv_str(sb, &first, "change_note", v->change_note);
	if (with_body)
		jsonw_kv_str(sb, &first, "body", v->body);
	jsonw_kv_id(sb, &first, "created_by", v->created_by);
	jsonw_kv_str(sb, &first, "created_at", v->created_at);
	jsonw_kv_id(sb, &first, "written_by", v->updated_by);
	jsonw_kv_str(sb, &first, "written_at", v->updated_at);
	jsonw_kv_id(sb, &first, "submitted_by", v->submitted_by);
	jsonw_kv_str(sb, &first, "submitted_at", v->submitted_at);
	jsonw_kv_id(sb, &first, "approver", v->approver);
	jsonw_kv_str(sb, &first, "approver_name", v->approver_name);
	jsonw_kv_str(sb, &first, "approved_at", v->approved_at);
	jsonw_kv_id(sb, &first, "published_by", v->published_by);
	jsonw_kv_str(sb, &first, "published_at", v->published_at);
	jsonw_kv_str(sb, &first, "retired_at", v->retired_at);
	sb_addc(sb, '}');
}

static void version_item(struct strbuf *sb, const void *items, int i)
{
	version_json(sb, &((const struct doc_version *)items)[i], 0);
}

void api_document_versions(struct request *req, struct response *resp)
{
	struct doc_version *v;
	struct err e = ERR_INIT;
	int n;
	if (doc_versions(req->store, &req->actor, req->id, &req->arena, &v, &n, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	http_reply_items(resp, n, 1, version_item, v);
}

void api_document_version(struct request *req, struct response *resp)
{
	struct doc_version v;
	struct err e = ERR_INIT;
	if (doc_version_get(req->store, &req->actor, req->id, req->sub_id, &req->arena, &v, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	version_json(&resp->body, &v, 1);
	http_reply(resp, 200, "application/json");
}

struct diff_params {
	int64_t *from, *to;
	struct err *e;
};

static int diff_param(void *ctx, const char *key, const char *value)
{
	struct diff_params *p = ctx;
	int64_t *slot = strcmp(key, "from") == 0 ? p->from : strcmp(key, "to") == 0 ? p->to : NULL;
	if (!slot)
		err_field(p->e, key, "unknown_parameter", "A diff takes from and to (version numbers).");
	else if (parse_int64(value, slot) || *slot <= 0)
		err_field(p->e, key, "number", "A version number: a whole number above 0.");
	return 0;
}

int api_diff_params(struct request *req, int64_t latest, int64_t *from, int64_t *to, struct err *e)
{
	struct diff_params p = { from, to, e };
	*from = *to = 0;
	http_query_each(req, diff_param, &p);
	if (e->nfields) {
		e->status = 400;
		snprintf(e->code, sizeof(e->code), "bad_parameter");
		snprintf(e->message, sizeof(e->message), "The diff's parameters are not valid.");
		return -1;
	}
	if (!*to)
		*to = latest;
	if (!*from)
		*from = *to > 1 ? *to - 1 : 1;
	return 0;
}

void api_document_diff(struct request *req, struct response *resp)
{
	struct doc_version *all, a, b;
	struct diff_line *d;
	struct err e = ERR_INIT;
	int64_t from, to;
	int n, nd, added = 0, removed = 0;
	if (doc_versions(req->store, &req->actor, req->id, &req->arena, &all, &n, &e) ||
	    api_diff_params(req, n ? all[0].number : 1, &from, &to, &e) ||
	    doc_version_get(req->store, &req->actor, req->id, from, &req->arena, &a, &e) ||
	    doc_version_get(req->store, &req->actor, req->id, to, &req->arena, &b, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	text_diff(a.body, b.body, &req->arena, &d, &nd);
	sb_addf(&resp->body, "{\"from\":%lld,\"to\":%lld,\"lines\":[", (long long)from, (long long)to);
	for (int i = 0; i < nd; i++) {
		int first = 1;
		char op[2] = { (char)d[i].kind, 0 };
		added += d[i].kind == DIFF_ADD;
		removed += d[i].kind == DIFF_DEL;
		sb_adds(&resp->body, i ? ",{" : "{");
		jsonw_kv_str(&resp->body, &first, "op", op);
		jsonw_kv_str(&resp->body, &first, "text", d[i].text);
		jsonw_kv_id(&resp->body, &first, "old", d[i].old_no);
		jsonw_kv_id(&resp->body, &first, "new", d[i].new_no);
		sb_addc(&resp->body, '}');
	}
	sb_addf(&resp->body, "],\"added\":%d,\"removed\":%d}", added, removed);
	http_reply(resp, 200, "application/json");
}

void api_document_acknowledge(struct request *req, struct response *resp)
{
	static const struct body_key keys[] = { { "version", BODY_INT, 0 }, { NULL, 0, 0 } };
	struct body_value v[1];
	struct err e = ERR_INIT;
	const char *at = NULL;
	struct record r;
	int64_t version = 0;
	memset(v, 0, sizeof(v));
	if ((req->body_len && api_body_read(req, keys, v, &e)) ||
	    doc_acknowledge(req->store, &req->actor, req->id, v[0].set ? v[0].i : 0, &e) ||
	    record_get(req->store, doc_entity(), req->id, &req->arena, &r, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	parse_int64(r.values[entity_field_index(doc_entity(), "published_version")], &version);
	doc_acknowledged_at(req->store, req->id, version, req->actor.user_id, &req->arena, &at, &e);
	sb_addf(&resp->body, "{\"document_id\":%lld,\"version\":%lld,\"user_id\":%lld,\"acknowledged_at\":",
		(long long)req->id, (long long)version, (long long)req->actor.user_id);
	jsonw_str(&resp->body, at);
	sb_addc(&resp->body, '}');
	http_reply(resp, 201, "application/json");
}

void api_document_acks(struct request *req, struct response *resp)
{
	struct doc_ack_report rep;
	struct doc_audience aud;
	struct err e = ERR_INIT;
	int first = 1;
	if (doc_ack_report(req->store, &req->actor, req->id, &req->arena, &rep, &e) ||
	    doc_audience_get(req->store, req->id, &req->arena, &aud, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	sb_addc(&resp->body, '{');
	jsonw_kv_int(&resp->body, &first, "document_id", req->id);
	jsonw_kv_id(&resp->body, &first, "version", rep.version);
	jsonw_kv_str(&resp->body, &first, "label", rep.label);
	jsonw_kv_str(&resp->body, &first, "published_at", rep.published_at);
	jsonw_key(&resp->body, &first, "audience");
	doc_audience_json(&resp->body, &aud);
	jsonw_kv_int(&resp->body, &first, "expected", rep.audience);
	jsonw_kv_int(&resp->body, &first, "acknowledged", rep.acknowledged);
	jsonw_kv_int(&resp->body, &first, "percent", rep.percent);
	jsonw_key(&resp->body, &first, "people");
	sb_addc(&resp->body, '[');
	for (int i = 0; i < rep.n; i++) {
		int ff = 1;
		sb_adds(&resp->body, i ? ",{" : "{");
		jsonw_kv_int(&resp->body, &ff, "user_id", rep.people[i].user_id);
		jsonw_kv_str(&resp->body, &ff, "name", rep.people[i].name);
		jsonw_kv_str(&resp->body, &ff, "email", rep.people[i].email);
		jsonw_kv_str(&resp->body, &ff, "role", rep.people[i].role);
		jsonw_kv_str(&resp->body, &ff, "acknowledged_at", rep.people[i].acknowledged_at);
		sb_addc(&resp->body, '}');
	}
	sb_adds(&resp->body, "]}");
	http_reply(resp, 200, "application/json");
}

static void template_item(struct strbuf *sb, const void *items, int i)
{
	const struct doc_template *t = &((const struct doc_template *)items)[i];
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_str(sb, &first, "key", t->key);
	jsonw_kv_str(sb, &first, "title", t->title);
	jsonw_kv_str(sb, &first, "doc_type", t->doc_type);
	jsonw_kv_str(sb, &first, "summary", t->summary);
	sb_addc(sb, '}');
}

void api_document_templates(struct request *req, struct response *resp)
{
	(void)req;
	http_reply_items(resp, doc_template_count, 1, template_item, doc_templates);
}

void api_document_from_template(struct request *req, struct response *resp)
{
	static const struct body_key keys[] = {
		{ "template", BODY_STRING, 1 }, { "title", BODY_STRING, 0 }, { "owner", BODY_INT, 0 }, { NULL, 0, 0 },
	};
	struct body_value v[3];
	struct err e = ERR_INIT;
	int64_t id = 0;
	memset(v, 0, sizeof(v));
	if (api_body_read(req, keys, v, &e) ||
	    doc_template_create(req->store, &req->actor, v[0].s, v[1].set ? v[1].s : NULL, v[2].set ? v[2].i : 0,
				&req->arena, &id, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	req->entity = doc_entity();
	api_reply_record(req, resp, 201, id);
}

static void pending_item(struct strbuf *sb, const void *items, int i)
{
	const struct doc_pending *p = &((const struct doc_pending *)items)[i];
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &first, "document_id", p->document_id);
	jsonw_kv_int(sb, &first, "version", p->version);
	jsonw_kv_str(sb, &first, "title", p->title);
	jsonw_kv_str(sb, &first, "label", p->label);
	jsonw_kv_str(sb, &first, "published_at", p->published_at);
	sb_addc(sb, '}');
}

void api_my_documents_to_read(struct request *req, struct response *resp)
{
	struct doc_pending *p;
	struct err e = ERR_INIT;
	int n;
	if (doc_ack_pending(req->store, req->actor.user_id, &req->arena, &p, &n, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	http_reply_items(resp, n, 1, pending_item, p);
}
