/* kpi_api: a KPI's measurements — GET and POST /api/v1/kpis/{id}/measurements
 * (recorded by hand), POST /api/v1/kpis/{id}/measure (a computed KPI now) —
 * and GET /api/v1/kpis/status (every KPI the caller reads, with its latest
 * measurement and status). The rules live in isms/kpi.c. */
#include <string.h>

#include "api/api.h"
#include "base/util.h"
#include "isms/kpi.h"

static void reply_list(struct request *req, struct response *resp, int status)
{
	struct kpi_measurement *list;
	struct strbuf *sb = &resp->body;
	struct err e = ERR_INIT;
	int n;
	if (kpi_measurements(req->store, &req->actor, req->id, &req->arena, &list, &n, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	sb_adds(sb, "{\"items\":[");
	for (int i = 0; i < n; i++) {
		if (i)
			sb_addc(sb, ',');
		kpi_measurement_json(&list[i], sb);
	}
	sb_addf(sb, "],\"total\":%d}", n);
	http_reply(resp, status, "application/json");
}

void api_kpi_measurements(struct request *req, struct response *resp)
{
	reply_list(req, resp, 200);
}

static void reply_one(struct request *req, struct response *resp, int status, int64_t id)
{
	struct kpi_measurement *list;
	struct err e = ERR_INIT;
	int n;
	if (kpi_measurements(req->store, &req->actor, req->id, &req->arena, &list, &n, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	for (int i = 0; i < n; i++)
		if (list[i].id == id)
			kpi_measurement_json(&list[i], &resp->body);
	http_set_header(resp, "Location", arena_printf(&req->arena, "/api/v1/kpis/%lld/measurements", (long long)req->id));
	http_reply(resp, status, "application/json");
}

/* Body: {"date": "YYYY-MM-DD" (default today), "value": number, "note": "..."}. */
void api_kpi_record(struct request *req, struct response *resp)
{
	static const struct body_key keys[] = {
		{ "date", BODY_STRING, 0 }, { "value", BODY_NUMBER, 1 }, { "note", BODY_STRING, 0 },
		{ NULL, BODY_STRING, 0 },
	};
	struct body_value vals[3] = { { 0 } };
	struct err e = ERR_INIT;
	int64_t id = 0;
	if (api_body_read(req, keys, vals, &e) ||
	    kpi_record(req->store, &req->actor, req->id, vals[0].s, vals[1].s, vals[2].s, &req->arena, &id, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	reply_one(req, resp, 201, id);
}

void api_kpi_measure(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	int64_t id = 0;
	if (kpi_measure(req->store, &req->actor, req->id, &req->arena, &id, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	reply_one(req, resp, 200, id);
}

static int status_param(void *ctx, const char *key, const char *value)
{
	int64_t *objective = ctx;
	if (strcmp(key, "objective") != 0)
		return -1;
	return parse_int64(value, objective) || *objective <= 0 ? -1 : 0;
}

void api_kpi_status(struct request *req, struct response *resp)
{
	struct kpi_status *list;
	struct kpi_status_counts c;
	struct err e = ERR_INIT;
	int64_t objective = 0;
	int n;
	if (http_query_each(req, status_param, &objective)) {
		err_set(&e, 400, "bad_parameter", "This list takes one parameter: objective, the id of an objective.");
		http_reply_problem(resp, &e);
		return;
	}
	if (kpi_status_all(req->store, &req->actor, objective, &req->arena, &list, &n, &c, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	kpi_status_list_json(list, n, &c, &resp->body);
	http_reply(resp, 200, "application/json");
}
