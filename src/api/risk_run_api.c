/* risk_run_api: the risk register over time — GET /api/v1/risks/{id}/history
 * (a risk's assessed values after each change) and the assessment runs:
 * list, create (ISMS managers), one run, and the comparison of two. */
#include <string.h>

#include "api/api.h"
#include "base/util.h"
#include "isms/risk_history.h"
#include "isms/risk_run.h"

void api_risk_history(struct request *req, struct response *resp)
{
	struct risk_history h;
	struct err e = ERR_INIT;
	if (risk_history_read(req->store, &req->actor, req->id, &req->arena, &h, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	risk_history_to_json(&h, &resp->body);
	http_reply(resp, 200, "application/json");
}

struct run_params {
	int64_t limit, offset, from, to;
	struct err *e;
	int compare; /* from and to are the parameters, not limit and offset */
};

static int run_param(void *ctx, const char *key, const char *value)
{
	struct run_params *p = ctx;
	int64_t v;
	if (p->compare && (strcmp(key, "from") == 0 || strcmp(key, "to") == 0)) {
		if (parse_int64(value, &v) || v <= 0)
			return err_field(p->e, key, "type", "Must be the number of an assessment run.");
		*(key[0] == 'f' ? &p->from : &p->to) = v;
		return 0;
	}
	if (!p->compare && strcmp(key, "limit") == 0) {
		if (parse_int64(value, &p->limit) || p->limit < 1 || p->limit > RISK_RUN_LIST_MAX)
			return err_set(p->e, 400, "bad_parameter", "limit must be from 1 to %d.", RISK_RUN_LIST_MAX);
		return 0;
	}
	if (!p->compare && strcmp(key, "offset") == 0) {
		if (parse_int64(value, &p->offset) || p->offset < 0 || p->offset > 1000000000)
			return err_set(p->e, 400, "bad_parameter", "offset must be a whole number of at least 0.");
		return 0;
	}
	return err_set(p->e, 400, "bad_parameter", "Unknown query parameter '%s': use %s.", key,
		       p->compare ? "from and to" : "limit or offset");
}

void api_risk_runs(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	struct run_params p = { .limit = 100, .e = &e };
	struct risk_run *runs;
	int64_t total;
	int n;
	if (http_query_each(req, run_param, &p) ||
	    (n = risk_run_list(req->store, (int)p.limit, (int)p.offset, &req->arena, &runs, &total, &e)) < 0) {
		http_reply_problem(resp, &e);
		return;
	}
	sb_adds(&resp->body, "{\"items\":[");
	for (int i = 0; i < n; i++) {
		if (i)
			sb_addc(&resp->body, ',');
		risk_run_to_json(&runs[i], &resp->body);
	}
	sb_addf(&resp->body, "],\"total\":%lld}", (long long)total);
	http_reply(resp, 200, "application/json");
}

static void reply_run(struct request *req, struct response *resp, int status, int64_t id)
{
	struct risk_run_full r;
	struct err e = ERR_INIT;
	if (risk_run_get(req->store, id, "run", &req->arena, &r, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	sb_reset(&resp->body);
	risk_run_full_to_json(&r, &req->arena, &resp->body);
	http_reply(resp, status, "application/json");
}

void api_risk_run_create(struct request *req, struct response *resp)
{
	static const struct body_key keys[] = { { "note", BODY_STRING, 0 }, { NULL, 0, 0 } };
	struct body_value vals[1];
	struct err e = ERR_INIT;
	int64_t id = 0;
	memset(vals, 0, sizeof(vals));
	if (api_body_read(req, keys, vals, &e) || risk_run_create(req->store, &req->actor, vals[0].s, &id, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	http_set_header(resp, "Location", arena_printf(&req->arena, "/api/v1/risk-runs/%lld", (long long)id));
	reply_run(req, resp, 201, id);
}

void api_risk_run_get(struct request *req, struct response *resp)
{
	reply_run(req, resp, 200, req->id);
}

/* Reads ?from=A&to=B into two runs: per-field errors for a missing,
 * malformed or unknown run, and for a run compared with itself. Shared with
 * the compare page through api_run_compare_params. */
void api_risk_run_compare(struct request *req, struct response *resp)
{
	struct risk_run_full from, to;
	struct run_diff d;
	struct err e = ERR_INIT;
	if (api_run_compare_params(req, &from, &to, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	risk_run_compare(&from, &to, &req->arena, &d);
	risk_run_diff_to_json(&from, &to, &d, &resp->body);
	http_reply(resp, 200, "application/json");
}

int api_run_compare_params(struct request *req, struct risk_run_full *from, struct risk_run_full *to,
			    struct err *e)
{
	struct run_params p = { .compare = 1, .e = e };
	if (http_query_each(req, run_param, &p) && e->status == 400)
		return -1;
	if (!p.from && !err_has_field(e, "from"))
		err_field(e, "from", "required", "Choose the earlier run.");
	if (!p.to && !err_has_field(e, "to"))
		err_field(e, "to", "required", "Choose the later run.");
	if (p.from && p.to && p.from == p.to)
		err_field(e, "to", "same_run", "Choose another run than the first: a run compared with itself shows "
			  "no change.");
	if (e->nfields)
		return -1;
	risk_run_get(req->store, p.from, "from", &req->arena, from, e);
	risk_run_get(req->store, p.to, "to", &req->arena, to, e);
	return e->status ? -1 : 0;
}
