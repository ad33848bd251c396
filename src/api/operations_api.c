/* operations_api: the figures of ISMS operations (issue 7) and the caller's
 * own list of what they owe: GET /api/v1/me/tasks (isms/my_tasks.h),
 * GET /api/v1/incidents/metrics and GET /api/v1/nonconformities/figures
 * (isms/incident.h, isms/nonconformity.h), the last two over an optional
 * period given as from and to dates. */
#include <string.h>

#include "api/api.h"
#include "base/timeutil.h"
#include "isms/incident.h"
#include "isms/my_tasks.h"
#include "isms/nonconformity.h"

static int no_params(void *ctx, const char *key, const char *value)
{
	(void)value;
	return err_set(ctx, 400, "bad_parameter", "Unknown query parameter '%s': this list takes none.", key);
}

void api_my_tasks(struct request *req, struct response *resp)
{
	struct my_tasks l;
	struct err e = ERR_INIT;
	if (http_query_each(req, no_params, &e) ||
	    my_tasks_list(req->store, &req->actor, &req->arena, &l, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	my_tasks_json(&l, &resp->body);
	http_reply(resp, 200, "application/json");
}

struct period {
	const char *from, *to;
	struct err *e;
};

static int period_param(void *ctx, const char *key, const char *value)
{
	struct period *p = ctx;
	if (strcmp(key, "from") != 0 && strcmp(key, "to") != 0)
		return err_set(p->e, 400, "bad_parameter", "Unknown query parameter '%s': use from and to.", key);
	if (time_check_date(value))
		return err_field(p->e, key, "date", "Must be a date as YYYY-MM-DD.");
	*(key[0] == 'f' ? &p->from : &p->to) = value;
	return 0;
}

/* The period of the query; 0, or -1 with e set. */
static int read_period(struct request *req, struct period *p, struct err *e)
{
	p->e = e;
	if (http_query_each(req, period_param, p))
		return -1;
	if (p->from && p->to && strcmp(p->from, p->to) > 0)
		return err_field(e, "to", "order", "Must not be before from (%s).", p->from);
	return 0;
}

void api_incident_metrics(struct request *req, struct response *resp)
{
	struct period p = { 0 };
	struct incident_metrics m;
	struct err e = ERR_INIT;
	if (read_period(req, &p, &e) || incident_metrics(req->store, p.from, p.to, &m, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	incident_metrics_json(&m, p.from, p.to, &resp->body);
	http_reply(resp, 200, "application/json");
}

void api_nc_figures(struct request *req, struct response *resp)
{
	struct period p = { 0 };
	struct nc_figures f;
	struct err e = ERR_INIT;
	if (read_period(req, &p, &e) || nc_figures(req->store, p.from, p.to, &f, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	nc_figures_json(&f, p.from, p.to, &resp->body);
	http_reply(resp, 200, "application/json");
}
