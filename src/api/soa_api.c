/* soa_api: the Statement of Applicability over JSON (isms/soa.h) — the
 * current SoA of a framework (also as CSV), one row and its change (with
 * If-Match on the row's version), approving a version, the versions, one
 * version, and the comparison of two versions or of a version with the
 * current SoA. Read by auditors and up, changed by ISMS managers and up
 * (the route table). */
#include <string.h>

#include "api/api.h"
#include "base/timeutil.h"
#include "base/util.h"
#include "isms/soa.h"

/* ?format=json|csv on the SoA, ?from=&to= on the comparison: anything else is 400. */
struct soa_params {
	int compare;
	int csv;
	int64_t from, to;
	struct err *e;
};

static int soa_param(void *ctx, const char *key, const char *value)
{
	struct soa_params *p = ctx;
	int64_t v;
	if (!p->compare && strcmp(key, "format") == 0) {
		if (strcmp(value, "csv") != 0 && strcmp(value, "json") != 0)
			return err_set(p->e, 400, "bad_parameter", "format must be json or csv.");
		p->csv = value[0] == 'c';
		return 0;
	}
	if (p->compare && (strcmp(key, "from") == 0 || strcmp(key, "to") == 0)) {
		if (parse_int64(value, &v) || v <= 0)
			return err_field(p->e, key, "type", "Must be the number of an approved version.");
		*(key[0] == 'f' ? &p->from : &p->to) = v;
		return 0;
	}
	return err_set(p->e, 400, "bad_parameter", "Unknown query parameter '%s': use %s.", key,
		       p->compare ? "from and to" : "format");
}

void api_soa_get(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	struct soa_params p = { .e = &e };
	struct soa soa;
	char now[32];
	if (http_query_each(req, soa_param, &p) || soa_read(req->store, req->id, &req->arena, &soa, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	if (!p.csv) {
		soa_to_json(&soa, &resp->body);
		http_reply(resp, 200, "application/json");
		return;
	}
	soa_to_csv(&soa, &resp->body);
	time_now_iso(now);
	http_set_header(resp, "Content-Disposition",
			arena_printf(&req->arena, "attachment; filename=\"soa-%lld-%.10s.csv\"", (long long)soa.fw.id, now));
	http_reply(resp, 200, "text/csv; charset=utf-8");
}

static void reply_row(struct request *req, struct response *resp, const struct soa_row *r)
{
	sb_reset(&resp->body);
	soa_row_to_json(r, &resp->body);
	http_set_header(resp, "ETag", arena_printf(&req->arena, "\"%lld\"", (long long)r->version));
	http_reply(resp, 200, "application/json");
}

void api_soa_row_get(struct request *req, struct response *resp)
{
	struct soa_row r;
	struct err e = ERR_INIT;
	if (soa_row_read(req->store, req->id, &req->arena, &r, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	reply_row(req, resp, &r);
}

/* If-Match is required: the row's ETag, "0" for a row nothing was decided on yet. */
static int row_if_match(struct request *req, int64_t *version, struct err *e)
{
	const char *v = http_header(req, "If-Match");
	if (!v)
		return err_set(e, 428, "precondition_required", "Send If-Match with the row's version you last read "
			       "(its ETag), so that concurrent edits are never silently overwritten.");
	if (strcmp(v, "\"0\"") == 0 || strcmp(v, "0") == 0 || strcmp(v, "W/\"0\"") == 0) {
		*version = 0;
		return 0;
	}
	if (parse_if_match(v, version))
		return err_set(e, 400, "bad_if_match", "If-Match must be the row's ETag, e.g. \"3\".");
	return 0;
}

/* The body of PUT /soa/{id}: applicable (true, false or null), reasons (an
 * array of reason keys), justification (text or null), status (a status or
 * null); keys left out keep their value. */
static int change_from_json(struct request *req, struct soa_change *c, struct err *e)
{
	json_t *body = http_json_body(req, e), *v;
	const char *key;
	int unknown = 0;
	memset(c, 0, sizeof(*c));
	if (!body)
		return -1;
	if (!json_is_object(body)) {
		json_decref(body);
		return err_set(e, 400, "bad_json", "The body must be a JSON object.");
	}
	json_object_foreach(body, key, v) {
		if (strcmp(key, "applicable") == 0) {
			if (!json_is_boolean(v) && !json_is_null(v))
				err_field(e, key, "type", "Must be true, false or null (not decided).");
			c->set_applicable = 1;
			c->applicable = json_is_null(v) ? SOA_UNDECIDED : json_is_true(v);
		} else if (strcmp(key, "reasons") == 0) {
			size_t i;
			json_t *r;
			c->set_reasons = 1;
			if (!json_is_array(v)) {
				err_field(e, key, "type", "Must be an array of reasons.");
				continue;
			}
			json_array_foreach(v, i, r) {
				int k = soa_reason_index(json_string_value(r));
				if (k < 0) {
					err_field(e, key, "enum", "Each reason must be one of risk_treatment, legal, "
						  "contractual, business_practice.");
					break;
				}
				c->reasons[k] = 1;
			}
		} else if (strcmp(key, "justification") == 0 || strcmp(key, "status") == 0) {
			const char *s = NULL;
			if (json_is_string(v) && json_string_length(v) == strlen(json_string_value(v)))
				s = arena_strdup(&req->arena, json_string_value(v));
			else if (!json_is_null(v))
				err_field(e, key, "type", "Must be a string or null.");
			if (key[0] == 'j') {
				c->set_justification = 1;
				c->justification = s;
			} else {
				c->set_status = 1;
				c->status = s && *s ? s : NULL;
			}
		} else {
			err_field(e, key, "unknown_field", "Not expected here: use applicable, reasons, justification, "
				  "status.");
			unknown = 1;
		}
	}
	json_decref(body);
	if (unknown)
		e->status = 400;
	return e->status ? -1 : 0;
}

void api_soa_row_put(struct request *req, struct response *resp)
{
	struct soa_change c;
	struct soa_row after;
	struct err e = ERR_INIT;
	int64_t version;
	if (row_if_match(req, &version, &e) || change_from_json(req, &c, &e) ||
	    soa_update(req->store, &req->actor, req->id, version, &c, &req->arena, &after, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	reply_row(req, resp, &after);
}

void api_soa_approve(struct request *req, struct response *resp)
{
	static const struct body_key keys[] = { { "note", BODY_STRING, 0 }, { NULL, 0, 0 } };
	struct body_value vals[1];
	struct soa_version v;
	struct err e = ERR_INIT;
	memset(vals, 0, sizeof(vals));
	if (api_body_read(req, keys, vals, &e) ||
	    soa_approve(req->store, &req->actor, req->id, vals[0].s, &req->arena, &v, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	http_set_header(resp, "Location", arena_printf(&req->arena, "/api/v1/frameworks/%lld/soa/versions/%lld",
						       (long long)req->id, (long long)v.number));
	soa_version_to_json(&v, &resp->body);
	http_reply(resp, 201, "application/json");
}

void api_soa_versions(struct request *req, struct response *resp)
{
	struct soa_version *vs;
	struct err e = ERR_INIT;
	int n;
	if (soa_versions(req->store, req->id, &req->arena, &vs, &n, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	sb_adds(&resp->body, "{\"items\":[");
	for (int i = 0; i < n; i++) {
		if (i)
			sb_addc(&resp->body, ',');
		soa_version_to_json(&vs[i], &resp->body);
	}
	sb_addf(&resp->body, "],\"total\":%d}", n);
	http_reply(resp, 200, "application/json");
}

void api_soa_version(struct request *req, struct response *resp)
{
	struct soa_version v;
	struct soa rows;
	struct err e = ERR_INIT;
	if (soa_version_get(req->store, req->id, req->sub_id, NULL, &req->arena, &v, &rows, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	sb_adds(&resp->body, "{\"version\":");
	soa_version_to_json(&v, &resp->body);
	sb_adds(&resp->body, ",\"soa\":");
	soa_to_json(&rows, &resp->body);
	sb_addc(&resp->body, '}');
	http_reply(resp, 200, "application/json");
}

int api_soa_compare_params(struct request *req, struct soa_cmp *out, struct err *e)
{
	struct soa_params p = { .compare = 1, .e = e };
	if (http_query_each(req, soa_param, &p) && e->status == 400)
		return -1;
	if (!p.from && !err_has_field(e, "from"))
		err_field(e, "from", "required", "Choose the earlier version.");
	if (e->nfields)
		return -1;
	return soa_compare_versions(req->store, req->id, p.from, p.to, &req->arena, out, e);
}

void api_soa_compare(struct request *req, struct response *resp)
{
	struct soa_cmp c;
	struct err e = ERR_INIT;
	if (api_soa_compare_params(req, &c, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	soa_diff_to_json(&c.from, c.to.number ? &c.to : NULL, &c.diff, &resp->body);
	http_reply(resp, 200, "application/json");
}
