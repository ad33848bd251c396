/* internal_audit_api: internal audits over JSON beyond their generic CRUD
 * (/api/v1/audits, /api/v1/audit_areas, /api/v1/audit_programmes): an
 * audit's checklist, a result entered per item, the nonconformity raised
 * from a finding, the report, a programme's schedule, and the figures for
 * the management review and the dashboard (isms/internal_audit.h,
 * isms/internal_audit_report.h). */
#include <string.h>

#include "api/api.h"
#include "base/timeutil.h"
#include "base/util.h"
#include "isms/internal_audit.h"
#include "isms/internal_audit_report.h"

static const struct entity *audit_ent(void)
{
	return entity_by_name("internal_audit");
}

static int no_params(void *ctx, const char *key, const char *value)
{
	(void)value;
	return err_set(ctx, 400, "bad_parameter", "Unknown query parameter '%s': this resource takes none.", key);
}

void api_audit_checklist(struct request *req, struct response *resp)
{
	struct record r;
	struct audit_item *items;
	struct err e = ERR_INIT;
	int n;
	if (http_query_each(req, no_params, &e) ||
	    record_read(req->store, &req->actor, audit_ent(), req->id, &req->arena, &r, &e) ||
	    audit_checklist(req->store, req->id, &req->arena, &items, &n, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	sb_adds(&resp->body, "{\"items\":[");
	for (int i = 0; i < n; i++) {
		if (i)
			sb_addc(&resp->body, ',');
		audit_item_json(&items[i], &resp->body);
	}
	sb_addf(&resp->body, "],\"total\":%d}", n);
	http_reply(resp, 200, "application/json");
}

/* Answers with item sub of the audit as it now is. */
static void reply_item(struct request *req, struct response *resp, int status)
{
	struct audit_item *items;
	struct err e = ERR_INIT;
	int n;
	if (audit_checklist(req->store, req->id, &req->arena, &items, &n, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	for (int i = 0; i < n; i++)
		if (items[i].id == req->sub_id) {
			audit_item_json(&items[i], &resp->body);
			http_set_header(resp, "ETag", arena_printf(&req->arena, "\"%lld\"", (long long)items[i].version));
		}
	http_reply(resp, status, "application/json");
}

void api_audit_item_patch(struct request *req, struct response *resp)
{
	static const struct body_key keys[] = {
		{ "result", BODY_STRING, 0 }, { "evidence", BODY_STRING, 0 }, { "notes", BODY_STRING, 0 }, { NULL, 0, 0 },
	};
	struct body_value v[3];
	struct audit_item_change c = { .item_id = req->sub_id };
	struct err e = ERR_INIT;
	const char *im = http_header(req, "If-Match");
	if (api_body_read(req, keys, v, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	if (im && parse_if_match(im, &c.if_version)) {
		err_set(&e, 400, "bad_if_match", "If-Match must be the item's version, as its ETag gives it.");
		http_reply_problem(resp, &e);
		return;
	}
	c.result = v[0].set ? v[0].s : NULL;
	c.evidence = v[1].set ? (v[1].s ? v[1].s : "") : NULL;
	c.notes = v[2].set ? (v[2].s ? v[2].s : "") : NULL;
	if (audit_items_update(req->store, &req->actor, req->id, &c, 1, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	reply_item(req, resp, 200);
}

void api_audit_raise_nc(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	int64_t nc = 0;
	int created = 0;
	if (audit_raise_nc(req->store, &req->actor, req->id, req->sub_id, &req->arena, &nc, &created, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	sb_addf(&resp->body, "{\"nonconformity_id\":%lld,\"created\":%s,\"item\":", (long long)nc,
		created ? "true" : "false");
	{
		struct audit_item *items;
		int n;
		if (audit_checklist(req->store, req->id, &req->arena, &items, &n, &e)) {
			http_reply_problem(resp, &e);
			return;
		}
		for (int i = 0; i < n; i++)
			if (items[i].id == req->sub_id)
				audit_item_json(&items[i], &resp->body);
	}
	sb_addc(&resp->body, '}');
	http_set_header(resp, "Location", arena_printf(&req->arena, "/api/v1/nonconformities/%lld", (long long)nc));
	http_reply(resp, created ? 201 : 200, "application/json");
}

void api_audit_report(struct request *req, struct response *resp)
{
	struct audit_report r;
	struct err e = ERR_INIT;
	if (http_query_each(req, no_params, &e) ||
	    audit_report_read(req->store, &req->actor, req->id, &req->arena, &r, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	audit_report_json(&r, &resp->body);
	http_reply(resp, 200, "application/json");
}

void api_audit_schedule(struct request *req, struct response *resp)
{
	struct audit_schedule sc;
	struct err e = ERR_INIT;
	if (http_query_each(req, no_params, &e) ||
	    audit_schedule_read(req->store, &req->actor, req->id, &req->arena, &sc, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	audit_schedule_json(&sc, &resp->body);
	http_reply(resp, 200, "application/json");
}

struct figures_params {
	const char *since, *days;
	struct err *e;
};

static int figures_param(void *ctx, const char *key, const char *value)
{
	struct figures_params *p = ctx;
	if (strcmp(key, "since") == 0) {
		if (time_check_date(value))
			return err_field(p->e, "since", "date", "Must be a date as YYYY-MM-DD.");
		p->since = value;
		return 0;
	}
	if (strcmp(key, "days") == 0) {
		p->days = value;
		return 0;
	}
	return err_set(p->e, 400, "bad_parameter", "Unknown query parameter '%s'.", key);
}

void api_audit_results(struct request *req, struct response *resp)
{
	struct figures_params p = { .e = NULL };
	struct audit_results r;
	struct err e = ERR_INIT;
	p.e = &e;
	if (http_query_each(req, figures_param, &p))
		goto fail;
	if (p.days)
		err_set(&e, 400, "bad_parameter", "Unknown query parameter 'days': use since.");
	else if (!p.since)
		err_field(&e, "since", "required", "Give the first day to count from, as YYYY-MM-DD.");
	if (e.status || audit_results_since(req->store, p.since, &r, &e))
		goto fail;
	audit_results_json(&r, p.since, &resp->body);
	http_reply(resp, 200, "application/json");
	return;
fail:
	http_reply_problem(resp, &e);
}

void api_audits_upcoming(struct request *req, struct response *resp)
{
	struct figures_params p = { .e = NULL };
	struct audit_upcoming *u;
	struct err e = ERR_INIT;
	char today[16];
	int64_t days = 30;
	int n;
	p.e = &e;
	if (http_query_each(req, figures_param, &p))
		goto fail;
	if (p.since)
		err_set(&e, 400, "bad_parameter", "Unknown query parameter 'since': use days.");
	else if (p.days && (parse_int64(p.days, &days) || days < 0 || days > 366))
		err_field(&e, "days", "range", "Must be a whole number of days from 0 to 366.");
	time_today_plus_months(0, today);
	if (e.status || audits_upcoming(req->store, today, (int)days, &req->arena, &u, &n, &e))
		goto fail;
	audits_upcoming_json(u, n, (int)days, &resp->body);
	http_reply(resp, 200, "application/json");
	return;
fail:
	http_reply_problem(resp, &e);
}
