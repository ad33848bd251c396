/* acceptance_api: a risk's acceptances — GET and POST
 * /api/v1/risks/{id}/acceptances, POST .../acceptances/{sub}/revoke — and
 * the treatment plan, GET /api/v1/risks/plan. The rules live in
 * isms/acceptance.c and isms/treatment.c. */
#include "api/api.h"
#include "base/jsonw.h"
#include "base/util.h"
#include "isms/acceptance.h"
#include "isms/treatment.h"

void api_risk_acceptances(struct request *req, struct response *resp)
{
	struct record r;
	struct acceptance *list;
	struct err e = ERR_INIT;
	struct strbuf *sb = &resp->body;
	int n, first = 1, current = -1;
	if (record_read(req->store, &req->actor, entity_by_name("risk"), req->id, &req->arena, &r, &e) ||
	    (n = acceptance_list(req->store, req->id, &req->arena, &list, &e)) < 0) {
		http_reply_problem(resp, &e);
		return;
	}
	for (int i = 0; i < n && current < 0; i++)
		if (streq(list[i].state, "valid"))
			current = i;
	sb_addc(sb, '{');
	jsonw_key(sb, &first, "current");
	if (current >= 0)
		acceptance_to_json(&list[current], sb);
	else
		sb_adds(sb, "null");
	jsonw_kv_bool(sb, &first, "may_accept", acceptance_may_sign(req->store, &req->actor, &r));
	jsonw_key(sb, &first, "items");
	sb_addc(sb, '[');
	for (int i = 0; i < n; i++) {
		if (i)
			sb_addc(sb, ',');
		acceptance_to_json(&list[i], sb);
	}
	sb_addf(sb, "],\"total\":%d}", n);
	http_reply(resp, 200, "application/json");
}

static void reply_one(struct request *req, struct response *resp, int status, int64_t id)
{
	struct acceptance ac;
	struct err e = ERR_INIT;
	if (acceptance_get(req->store, req->id, id, &req->arena, &ac, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	acceptance_to_json(&ac, &resp->body);
	http_reply(resp, status, "application/json");
}

/* Body: {"rationale": "...", "expires_on": "YYYY-MM-DD"}. */
void api_risk_accept(struct request *req, struct response *resp)
{
	static const struct body_key keys[] = {
		{ "rationale", BODY_STRING, 0 }, { "expires_on", BODY_STRING, 0 }, { NULL, BODY_STRING, 0 },
	};
	struct body_value vals[2] = { { 0 } };
	struct err e = ERR_INIT;
	int64_t id = 0;
	if (api_body_read(req, keys, vals, &e) ||
	    acceptance_create(req->store, &req->actor, req->id, vals[0].s, vals[1].s, &req->arena, &id, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	http_set_header(resp, "Location", arena_printf(&req->arena, "/api/v1/risks/%lld/acceptances/%lld",
						       (long long)req->id, (long long)id));
	reply_one(req, resp, 201, id);
}

void api_risk_accept_revoke(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	if (acceptance_revoke(req->store, &req->actor, req->id, req->sub_id, &req->arena, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	reply_one(req, resp, 200, req->sub_id);
}

void api_risk_plan(struct request *req, struct response *resp)
{
	struct plan p;
	struct err e = ERR_INIT;
	if (treatment_plan(req->store, &req->actor, &req->arena, &p, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	treatment_plan_json(&p, &resp->body);
	http_reply(resp, 200, "application/json");
}
