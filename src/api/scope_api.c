/* scope_api: the ISMS scope statement over JSON (isms/scope.h) — the current
 * scope with its ETag, changing it (If-Match), approving it as a new
 * version, the versions, one version, and two compared field by field. */
#include <string.h>

#include "api/api.h"
#include "base/jsonw.h"
#include "isms/scope.h"

static void reply_scope(struct request *req, struct response *resp, int status)
{
	struct scope sc;
	struct err e = ERR_INIT;
	sb_reset(&resp->body);
	if (scope_read(req->store, &req->arena, &sc, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	scope_to_json(&sc, &resp->body);
	http_set_header(resp, "ETag", arena_printf(&req->arena, "\"%lld\"", (long long)sc.version));
	http_reply(resp, status, "application/json");
}

void api_scope_get(struct request *req, struct response *resp)
{
	reply_scope(req, resp, 200);
}

/* If-Match: the scope's ETag; "0" or nothing while there is no scope yet. */
static int scope_if_match(struct request *req, int64_t *version, struct err *e)
{
	const char *v = http_header(req, "If-Match");
	struct scope sc;
	*version = 0;
	if (!v) {
		if (scope_read(req->store, &req->arena, &sc, e))
			return -1;
		if (sc.state)
			return err_set(e, 428, "precondition_required",
				       "Send If-Match with the scope's version you last read (its ETag), so that "
				       "concurrent edits are never silently overwritten.");
		return 0;
	}
	if (strcmp(v, "0") == 0 || strcmp(v, "\"0\"") == 0)
		return 0;
	if (parse_if_match(v, version))
		return err_set(e, 400, "bad_if_match", "If-Match must be the scope's ETag, e.g. \"3\".");
	return 0;
}

void api_scope_patch(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	struct input in;
	int64_t version;
	json_t *body = NULL;
	if (scope_if_match(req, &version, &e) == 0 && (body = http_json_body(req, &e)) &&
	    validate_json(&scope_entity, body, 0, &req->arena, &in, &e) == 0)
		scope_set(req->store, &req->actor, version, &in, &req->arena, &e);
	json_decref(body);
	if (e.status)
		http_reply_problem(resp, &e);
	else
		reply_scope(req, resp, 200);
}

void api_scope_approve(struct request *req, struct response *resp)
{
	static const struct body_key keys[] = { { "note", BODY_STRING, 0 }, { NULL, 0, 0 } };
	struct body_value v[1];
	struct scope_version ver;
	struct err e = ERR_INIT;
	const char *im = http_header(req, "If-Match");
	int64_t version = -1, number = 0;
	memset(v, 0, sizeof(v));
	if (im && parse_if_match(im, &version))
		err_set(&e, 400, "bad_if_match", "If-Match must be the scope's ETag, e.g. \"3\".");
	if (e.status || api_body_read(req, keys, v, &e) ||
	    scope_approve(req->store, &req->actor, version, v[0].set ? v[0].s : NULL, &req->arena, &number, &e) ||
	    scope_version_get(req->store, number, &req->arena, &ver, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	scope_version_to_json(&ver, 1, &resp->body);
	http_set_header(resp, "Location", arena_printf(&req->arena, "/api/v1/scope/versions/%lld", (long long)number));
	http_reply(resp, 201, "application/json");
}

void api_scope_versions(struct request *req, struct response *resp)
{
	struct scope_version *v;
	struct err e = ERR_INIT;
	int n;
	if (scope_versions(req->store, &req->arena, &v, &n, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	sb_adds(&resp->body, "{\"items\":[");
	for (int i = 0; i < n; i++) {
		if (i)
			sb_addc(&resp->body, ',');
		scope_version_to_json(&v[i], 0, &resp->body);
	}
	sb_addf(&resp->body, "],\"total\":%d}", n);
	http_reply(resp, 200, "application/json");
}

void api_scope_version(struct request *req, struct response *resp)
{
	struct scope_version v;
	struct err e = ERR_INIT;
	if (scope_version_get(req->store, req->id, &req->arena, &v, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	scope_version_to_json(&v, 1, &resp->body);
	http_reply(resp, 200, "application/json");
}

static int compare_key(void *ctx, const char *key, const char *value)
{
	struct err *e = ctx;
	(void)value;
	if (strcmp(key, "from") && strcmp(key, "to"))
		return err_set(e, 400, "unknown_parameter", "Unknown parameter %s: only from and to are read.", key);
	return 0;
}

void api_scope_compare(struct request *req, struct response *resp)
{
	struct scope_side f, t;
	struct scope_diff d[SCOPE_NFIELDS];
	struct err e = ERR_INIT;
	int changed;
	if (http_query_each(req, compare_key, &e) ||
	    scope_sides(req->store, http_query(req, "from"), http_query(req, "to"), &req->arena, &f, &t, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	changed = scope_compare(f.values, t.values, d);
	sb_adds(&resp->body, "{\"from\":");
	if (f.number)
		sb_addf(&resp->body, "%lld", (long long)f.number);
	else
		sb_adds(&resp->body, "\"current\"");
	sb_adds(&resp->body, ",\"to\":");
	if (t.number)
		sb_addf(&resp->body, "%lld", (long long)t.number);
	else
		sb_adds(&resp->body, "\"current\"");
	sb_addf(&resp->body, ",\"changed\":%d,\"fields\":[", changed);
	for (int i = 0; i < SCOPE_NFIELDS; i++) {
		int first = 1;
		sb_adds(&resp->body, i ? ",{" : "{");
		jsonw_kv_str(&resp->body, &first, "field", d[i].field->name);
		jsonw_kv_str(&resp->body, &first, "label", d[i].field->label);
		jsonw_kv_str(&resp->body, &first, "from", d[i].from);
		jsonw_kv_str(&resp->body, &first, "to", d[i].to);
		jsonw_kv_bool(&resp->body, &first, "changed", d[i].changed);
		sb_addc(&resp->body, '}');
	}
	sb_adds(&resp->body, "]}");
	http_reply(resp, 200, "application/json");
}
