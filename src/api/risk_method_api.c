/* risk_method_api: GET /api/v1/risk-method (the current version), its
 * versions, one version, and PUT (a new version; ISMS managers). */
#include "api/api.h"
#include "base/jsonw.h"
#include "isms/risk_method.h"

static void reply_method(struct response *resp, int status, const struct risk_method *m)
{
	sb_reset(&resp->body);
	risk_method_to_json(m, &resp->body);
	http_reply(resp, status, "application/json");
}

void api_risk_method_get(struct request *req, struct response *resp)
{
	struct risk_method m;
	struct err e = ERR_INIT;
	if (risk_method_current(req->store, &req->arena, &m, &e))
		http_reply_problem(resp, &e);
	else
		reply_method(resp, 200, &m);
}

void api_risk_method_version(struct request *req, struct response *resp)
{
	struct risk_method m;
	struct err e = ERR_INIT;
	if (risk_method_get(req->store, req->id, &req->arena, &m, &e))
		http_reply_problem(resp, &e);
	else
		reply_method(resp, 200, &m);
}

void api_risk_method_versions(struct request *req, struct response *resp)
{
	struct rm_version *v;
	struct err e = ERR_INIT;
	struct strbuf *sb = &resp->body;
	int n = risk_method_versions(req->store, &req->arena, &v, &e);
	if (n < 0) {
		http_reply_problem(resp, &e);
		return;
	}
	sb_adds(sb, "{\"items\":[");
	for (int i = 0; i < n; i++) {
		int first = 1;
		sb_adds(sb, i ? ",{" : "{");
		jsonw_kv_int(sb, &first, "id", v[i].id);
		jsonw_kv_bool(sb, &first, "current", i == 0);
		jsonw_kv_str(sb, &first, "created_at", v[i].created_at);
		jsonw_kv_id(sb, &first, "created_by", v[i].created_by);
		jsonw_kv_str(sb, &first, "created_by_name", v[i].created_by_name ? v[i].created_by_name : "the system");
		jsonw_kv_str(sb, &first, "note", v[i].note);
		sb_addc(sb, '}');
	}
	sb_addf(sb, "],\"total\":%d}", n);
	http_reply(resp, 200, "application/json");
}

void api_risk_method_put(struct request *req, struct response *resp)
{
	struct risk_method m;
	struct err e = ERR_INIT;
	int64_t id = 0;
	json_t *body = http_json_body(req, &e);
	if (body && risk_method_parse(body, &req->arena, &m, &e) == 0 &&
	    risk_method_save(req->store, &req->actor, &m, &id, &e) == 0 &&
	    risk_method_get(req->store, id, &req->arena, &m, &e) == 0) {
		json_decref(body);
		http_set_header(resp, "Location", arena_printf(&req->arena, "/api/v1/risk-method/versions/%lld",
							       (long long)id));
		reply_method(resp, 201, &m);
		return;
	}
	json_decref(body);
	http_reply_problem(resp, &e);
}
