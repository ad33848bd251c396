/* cmd_internal_audit: internal audits from the command line (isms
 * internal-audit ...; "isms audit" is the audit log): an audit's checklist,
 * a result entered, a nonconformity raised from a finding, the report, a
 * programme's schedule, audits coming up and the results since a date
 * (isms/internal_audit.h). Audits, areas and programmes themselves are
 * the generic record commands (isms internal-audit add is isms record add
 * --type internal_audit). */
#include <stdio.h>
#include <string.h>

#include "base/timeutil.h"
#include "base/util.h"
#include "cli/cli.h"
#include "isms/internal_audit.h"
#include "isms/internal_audit_report.h"

static int id_opt(const struct cli_args *a, const char *cmd, const char *name, const char *what, int64_t *id)
{
	const char *v = cli_opt(a, name);
	if (!v || parse_int64(v, id) || *id <= 0) {
		fprintf(stderr, "isms internal-audit %s: --%s must be %s's id\n", cmd, name, what);
		return -1;
	}
	return 0;
}

/* Opens the store and the actor; NULL after printing why. */
static struct store *open_as(const struct cli_args *a, struct arena *ar, struct actor *who, struct err *e)
{
	struct store *s = cli_store(a, 0);
	if (s && cli_actor_opt(a, s, ar, who, e)) {
		store_close(s);
		cli_fail(e);
		return NULL;
	}
	return s;
}

int cmd_internal_audit_checklist(const struct cli_args *a)
{
	struct arena ar = ARENA_INIT;
	struct err e = ERR_INIT;
	struct actor who;
	struct record r;
	struct audit_item *items;
	struct store *s;
	int64_t id;
	int n, rc;
	if (id_opt(a, "checklist", "id", "an audit", &id))
		return CLI_USAGE;
	if (!(s = open_as(a, &ar, &who, &e)))
		return CLI_FAIL;
	rc = record_read(s, &who, entity_by_name("internal_audit"), id, &ar, &r, &e) ||
	     audit_checklist(s, id, &ar, &items, &n, &e);
	for (int i = 0; !rc && i < n; i++) {
		printf("%lld\t%s\t%s\t", (long long)items[i].id, items[i].ref_id ? items[i].ref_id : "-", items[i].result);
		if (items[i].nonconformity_id)
			printf("%lld", (long long)items[i].nonconformity_id);
		else
			putchar('-');
		printf("\t%s\n", items[i].title);
	}
	store_close(s);
	arena_release(&ar);
	return rc ? cli_fail(&e) : CLI_OK;
}

int cmd_internal_audit_result(const struct cli_args *a)
{
	struct arena ar = ARENA_INIT;
	struct err e = ERR_INIT;
	struct actor who;
	struct audit_item_change c = { 0 };
	struct store *s;
	int64_t id;
	int rc;
	if (id_opt(a, "result", "id", "an audit", &id) || id_opt(a, "result", "item", "a checklist item", &c.item_id))
		return CLI_USAGE;
	c.result = cli_opt(a, "result");
	c.evidence = cli_opt(a, "evidence");
	c.notes = cli_opt(a, "notes");
	if (!c.result && !c.evidence && !c.notes) {
		fprintf(stderr, "isms internal-audit result: give --result, --evidence or --notes\n");
		return CLI_USAGE;
	}
	if (!(s = open_as(a, &ar, &who, &e)))
		return CLI_FAIL;
	rc = audit_items_update(s, &who, id, &c, 1, &e);
	store_close(s);
	arena_release(&ar);
	if (rc)
		return cli_fail(&e);
	printf("audit %lld: item %lld saved\n", (long long)id, (long long)c.item_id);
	return CLI_OK;
}

int cmd_internal_audit_raise_nc(const struct cli_args *a)
{
	struct arena ar = ARENA_INIT;
	struct err e = ERR_INIT;
	struct actor who;
	struct store *s;
	int64_t id, item, nc = 0;
	int rc, created = 0;
	if (id_opt(a, "raise-nc", "id", "an audit", &id) || id_opt(a, "raise-nc", "item", "a checklist item", &item))
		return CLI_USAGE;
	if (!(s = open_as(a, &ar, &who, &e)))
		return CLI_FAIL;
	rc = audit_raise_nc(s, &who, id, item, &ar, &nc, &created, &e);
	store_close(s);
	arena_release(&ar);
	if (rc)
		return cli_fail(&e);
	printf("nonconformity %lld %s\n", (long long)nc, created ? "raised" : "was raised already");
	return CLI_OK;
}

int cmd_internal_audit_report(const struct cli_args *a)
{
	struct arena ar = ARENA_INIT;
	struct err e = ERR_INIT;
	struct actor who;
	struct audit_report rep;
	struct store *s;
	int64_t id;
	int rc;
	const char *fmt = cli_opt(a, "format");
	if (id_opt(a, "report", "id", "an audit", &id))
		return CLI_USAGE;
	if (!streq(fmt, "table") && !streq(fmt, "json")) {
		fprintf(stderr, "isms internal-audit report: --format is table or json\n");
		return CLI_USAGE;
	}
	if (!(s = open_as(a, &ar, &who, &e)))
		return CLI_FAIL;
	rc = audit_report_read(s, &who, id, &ar, &rep, &e);
	if (!rc && streq(fmt, "json")) {
		struct strbuf sb = STRBUF_INIT;
		audit_report_json(&rep, &sb);
		printf("%s\n", sb.buf);
		sb_release(&sb);
	} else if (!rc) {
		const struct entity *ent = entity_by_name("internal_audit");
		printf("audit\t%lld\t%s\nstatus\t%s\ncriteria\t%s\t%s\n", (long long)id,
		       rep.audit.values[entity_field_index(ent, "title")], rep.audit.values[entity_field_index(ent, "status")],
		       rep.framework ? rep.framework : "-",
		       rep.audit.values[entity_field_index(ent, "criteria_refs")] ?
			       rep.audit.values[entity_field_index(ent, "criteria_refs")] : "all");
		for (int k = 0; k < AUDIT_NRESULTS; k++)
			printf("%s\t%lld\n", audit_results[k], (long long)rep.by_result[k]);
		printf("total\t%d\nnonconformities\t%lld\n", rep.n, (long long)rep.ncs_raised);
		for (int i = 0; i < rep.n; i++) {
			const struct audit_item *it = &rep.items[i];
			if (!audit_item_is_finding(it))
				continue;
			printf("%s\t%s\t", it->ref_id ? it->ref_id : "-", it->result);
			if (it->nonconformity_id)
				printf("nonconformity #%lld\n", (long long)it->nonconformity_id);
			else
				printf("-\n");
		}
	}
	store_close(s);
	arena_release(&ar);
	return rc ? cli_fail(&e) : CLI_OK;
}

int cmd_internal_audit_schedule(const struct cli_args *a)
{
	struct arena ar = ARENA_INIT;
	struct err e = ERR_INIT;
	struct actor who;
	struct audit_schedule sc;
	struct store *s;
	int64_t id;
	int rc;
	if (id_opt(a, "schedule", "id", "an audit programme", &id))
		return CLI_USAGE;
	if (!(s = open_as(a, &ar, &who, &e)))
		return CLI_FAIL;
	rc = audit_schedule_read(s, &who, id, &ar, &sc, &e);
	for (int i = 0; !rc && i < sc.nareas; i++) {
		if (!sc.areas[i].n)
			printf("%s\t-\tno audit planned\n", sc.areas[i].name);
		for (int k = 0; k < sc.areas[i].n; k++) {
			const struct schedule_audit *au = &sc.areas[i].audits[k];
			printf("%s\t%s\t#%lld %s (%s)\n", sc.areas[i].name,
			       au->quarter < 0 ? "outside the cycle" : sc.quarter_start[au->quarter], (long long)au->id,
			       au->title, au->status);
		}
	}
	store_close(s);
	arena_release(&ar);
	return rc ? cli_fail(&e) : CLI_OK;
}

int cmd_internal_audit_upcoming(const struct cli_args *a)
{
	struct arena ar = ARENA_INIT;
	struct err e = ERR_INIT;
	struct audit_upcoming *u;
	struct store *s;
	char today[16];
	int64_t days;
	int n, rc;
	if (parse_int64(cli_opt(a, "days"), &days) || days < 0 || days > 366) {
		fprintf(stderr, "isms internal-audit upcoming: --days is a number of days from 0 to 366\n");
		return CLI_USAGE;
	}
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	time_today_plus_months(0, today);
	rc = audits_upcoming(s, today, (int)days, &ar, &u, &n, &e);
	for (int i = 0; !rc && i < n; i++)
		printf("%lld\t%s\t%s\t%s\t%s%s\n", (long long)u[i].id, u[i].planned_start, u[i].area ? u[i].area : "-",
		       u[i].title, u[i].lead_name ? u[i].lead_name : "no lead auditor", u[i].late ? "\tlate" : "");
	store_close(s);
	arena_release(&ar);
	return rc ? cli_fail(&e) : CLI_OK;
}

int cmd_internal_audit_results(const struct cli_args *a)
{
	struct err e = ERR_INIT;
	struct audit_results r;
	struct strbuf sb = STRBUF_INIT;
	struct store *s;
	const char *since = cli_opt(a, "since");
	int rc;
	if (!since || time_check_date(since)) {
		fprintf(stderr, "isms internal-audit results: --since must be a date, YYYY-MM-DD\n");
		return CLI_USAGE;
	}
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	rc = audit_results_since(s, since, &r, &e);
	store_close(s);
	if (rc)
		return cli_fail(&e);
	audit_results_json(&r, since, &sb);
	printf("%s\n", sb.buf);
	sb_release(&sb);
	return CLI_OK;
}
