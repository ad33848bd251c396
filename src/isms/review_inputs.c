/* review_inputs: the compiler of a management review's inputs (ISO 27001
 * 9.3.2). review_inputs[] holds one row per input section — key, title and
 * the function writing the section's figures as a JSON object — and
 * review_inputs_compile runs them in order into one snapshot. An input whose
 * module is not in this build says so ("available": false and a note); the
 * row's function is where it will be read once the module lands.
 *
 * Everything is read as the system (management sees the whole ISMS), as of
 * the day given. The snapshot is stored by isms/review.c and never
 * recompiled once the review is held. */
#include "isms/review.h"

#include <stdio.h>
#include <string.h>

#include "base/jsonw.h"
#include "base/util.h"
#include "isms/context.h"
#include "isms/doc_ack.h"
#include "isms/incident.h"
#include "isms/internal_audit.h"
#include "isms/kpi.h"
#include "isms/nonconformity.h"
#include "isms/risk_method.h"
#include "isms/record.h"
#include "isms/training.h"

#define INPUT_ROWS_MAX 500 /* rows of a table in a section, at most */

struct review_ctx {
	struct store *s;
	struct arena *a;
	int64_t review_id;
	const char *today;
	const char *since; /* the previous review's compiling day; NULL when there is none */
	const char *note;  /* set by a section that is not available */
	struct err *e;
};

/* ---- helpers ---- */

/* One decimal of part / whole in percent, or null. */
static void percent(struct strbuf *sb, int *first, const char *key, int64_t part, int64_t whole)
{
	jsonw_key(sb, first, key);
	if (whole <= 0)
		sb_adds(sb, "null");
	else
		sb_addf(sb, "%.1f", (double)part * 100.0 / (double)whole);
}

static void hours(struct strbuf *sb, int *first, const char *key, int64_t seconds)
{
	jsonw_key(sb, first, key);
	if (seconds < 0)
		sb_adds(sb, "null");
	else
		sb_addf(sb, "%.1f", (double)seconds / 3600.0);
}

/* Counts of the live tasks whose column names a record (risk, nonconformity,
 * review): by status, and the open or in-progress ones past their due date,
 * as members "total", "open", "in_progress", "done", "cancelled", "overdue". */
static int task_counts(struct review_ctx *c, const char *column, struct strbuf *sb, int *first)
{
	static const char *const statuses[] = { "open", "in_progress", "done", "cancelled" };
	int64_t n[4] = { 0 }, total = 0, overdue = 0;
	char sql[400];
	struct stmt *st;
	int step;
	snprintf(sql, sizeof(sql),
		 "SELECT status, COUNT(*), SUM(CASE WHEN due_date IS NOT NULL AND due_date < ? AND status IN "
		 "('open', 'in_progress') THEN 1 ELSE 0 END) FROM task WHERE archived = 0 AND %s IS NOT NULL "
		 "GROUP BY status",
		 column);
	if (!(st = store_prepare(c->s, sql, c->e)))
		return -1;
	stmt_bind_text(st, 1, c->today);
	while ((step = stmt_step(st, c->e)) == STORE_ROW) {
		for (int i = 0; i < 4; i++)
			if (streq(stmt_text(st, 0), statuses[i]))
				n[i] += stmt_int(st, 1);
		total += stmt_int(st, 1);
		overdue += stmt_int(st, 2);
	}
	stmt_done(st);
	if (step < 0)
		return -1;
	jsonw_kv_int(sb, first, "total", total);
	for (int i = 0; i < 4; i++)
		jsonw_kv_int(sb, first, statuses[i], n[i]);
	jsonw_kv_int(sb, first, "overdue", overdue);
	return 0;
}

/* ---- the sections ---- */

/* Actions decided by earlier reviews (tasks naming them), with their status now. */
static int previous_actions(struct review_ctx *c, struct strbuf *sb)
{
	static const char *const statuses[] = { "open", "in_progress", "done", "cancelled" };
	int64_t n[4] = { 0 }, total = 0, overdue = 0;
	struct strbuf items = STRBUF_INIT;
	struct stmt *st = store_prepare(
		c->s,
		"SELECT t.id, t.title, u.name, t.due_date, t.status, r.id, r.title, r.review_date FROM task t "
		"JOIN management_review r ON r.id = t.review LEFT JOIN users u ON u.id = t.owner "
		"WHERE t.archived = 0 AND r.archived = 0 AND r.id < ? ORDER BY r.review_date, r.id, t.id LIMIT ?",
		c->e);
	int step, first = 1;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, c->review_id);
	stmt_bind_int(st, 2, INPUT_ROWS_MAX);
	while ((step = stmt_step(st, c->e)) == STORE_ROW) {
		const char *due = stmt_text(st, 3), *status = stmt_text(st, 4);
		int late = due && strcmp(due, c->today) < 0 && (streq(status, "open") || streq(status, "in_progress"));
		int f = 1;
		for (int i = 0; i < 4; i++)
			n[i] += streq(status, statuses[i]);
		total++;
		overdue += late;
		sb_adds(&items, items.len ? ",{" : "{");
		jsonw_kv_int(&items, &f, "task", stmt_int(st, 0));
		jsonw_kv_str(&items, &f, "action", stmt_text(st, 1));
		jsonw_kv_str(&items, &f, "owner", stmt_text(st, 2));
		jsonw_kv_str(&items, &f, "due", due);
		jsonw_kv_str(&items, &f, "status", status);
		jsonw_kv_bool(&items, &f, "overdue", late);
		jsonw_kv_int(&items, &f, "review", stmt_int(st, 5));
		jsonw_kv_str(&items, &f, "review_title", stmt_text(st, 6));
		jsonw_kv_str(&items, &f, "review_date", stmt_text(st, 7));
		sb_addc(&items, '}');
	}
	stmt_done(st);
	if (step < 0) {
		sb_release(&items);
		return -1;
	}
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &first, "total", total);
	for (int i = 0; i < 4; i++)
		jsonw_kv_int(sb, &first, statuses[i], n[i]);
	jsonw_kv_int(sb, &first, "overdue", overdue);
	percent(sb, &first, "done_percent", n[2], total - n[3]);
	jsonw_key(sb, &first, "actions");
	sb_addc(sb, '[');
	if (items.len)
		sb_add(sb, items.buf, items.len);
	sb_adds(sb, "]}");
	sb_release(&items);
	return 0;
}

/* Changes in external and internal issues, interested parties and their
 * requirements since the previous review (isms/context.h). */
static int context_changes(struct review_ctx *c, struct strbuf *sb)
{
	struct context_changes ch;
	const char *since = c->since ? arena_strndup(c->a, c->since, 10) : "1970-01-01";
	if (context_changes_since(c->s, since, c->a, &ch, c->e))
		return -1;
	context_changes_to_json(&ch, since, sb);
	return 0;
}

static int nonconformities(struct review_ctx *c, struct strbuf *sb)
{
	struct nc_figures f;
	int first = 1, inner = 1;
	if (nc_figures(c->s, c->since, c->today, &f, c->e))
		return -1;
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &first, "open", f.open);
	jsonw_kv_int(sb, &first, "open_major", f.open_major);
	jsonw_kv_int(sb, &first, "open_minor", f.open_minor);
	jsonw_kv_int(sb, &first, "open_overdue", f.open_overdue);
	jsonw_kv_int(sb, &first, "closed_in_period", f.closed);
	jsonw_kv_int(sb, &first, "closed_on_time", f.closed_on_time);
	percent(sb, &first, "closed_on_time_percent", f.closed_on_time, f.closed_with_due);
	jsonw_key(sb, &first, "corrective_actions");
	sb_addc(sb, '{');
	if (task_counts(c, "nonconformity", sb, &inner))
		return -1;
	sb_adds(sb, "}}");
	return 0;
}

/* Every KPI with its latest measurement against its target (isms/kpi.h). */
static int kpis(struct review_ctx *c, struct strbuf *sb)
{
	struct kpi_status *list;
	struct kpi_status_counts counts;
	int n;
	if (kpi_status_all(c->s, NULL, 0, c->a, &list, &n, &counts, c->e))
		return -1;
	kpi_status_list_json(list, n, &counts, sb);
	return 0;
}

/* Internal audits (isms/internal_audit.h): those reported or closed since the
 * previous review (all of them at the first), their items by result and the
 * nonconformities they raised; then the audits due to start within 90 days. */
static int audits(struct review_ctx *c, struct strbuf *sb)
{
	struct audit_results r;
	struct audit_upcoming *u;
	int n, first = 1;
	if (audit_results_since(c->s, c->since ? c->since : "0000-01-01", &r, c->e) ||
	    audits_upcoming(c->s, c->today, 90, c->a, &u, &n, c->e))
		return -1;
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &first, "audits_completed", r.audits_completed);
	jsonw_kv_int(sb, &first, "items_checked", r.items - r.by_result[AUDIT_NRESULTS - 1]);
	jsonw_kv_int(sb, &first, "nonconformities_raised", r.ncs_raised);
	jsonw_key(sb, &first, "by_result");
	sb_addc(sb, '{');
	for (int k = 0, f2 = 1; k < AUDIT_NRESULTS; k++)
		jsonw_kv_int(sb, &f2, audit_results[k], r.by_result[k]);
	sb_addc(sb, '}');
	jsonw_key(sb, &first, "upcoming");
	sb_addc(sb, '[');
	for (int i = 0; i < n && i < INPUT_ROWS_MAX; i++) {
		int f3 = 1;
		sb_adds(sb, i ? ",{" : "{");
		jsonw_kv_int(sb, &f3, "internal_audit", u[i].id);
		jsonw_kv_str(sb, &f3, "title", u[i].title);
		jsonw_kv_str(sb, &f3, "area", u[i].area);
		jsonw_kv_str(sb, &f3, "planned_start", u[i].planned_start);
		jsonw_kv_bool(sb, &f3, "overdue", u[i].late);
		sb_addc(sb, '}');
	}
	sb_adds(sb, "]}");
	return 0;
}

/* The objectives with their status, due date and how their KPIs stand. */
static int objectives(struct review_ctx *c, struct strbuf *sb)
{
	const struct entity *ent = entity_by_name("objective");
	struct list_query q;
	struct record_page page;
	sb_adds(sb, "{\"items\":[");
	list_query_init(&q, ent);
	q.limit = INPUT_ROWS_MAX;
	if (record_list(c->s, ent, &q, c->a, &page, c->e))
		return -1;
	for (int i = 0; i < page.n; i++) {
		struct kpi_status *list;
		struct kpi_status_counts counts;
		int n, first = 1;
		if (kpi_status_all(c->s, NULL, page.items[i].id, c->a, &list, &n, &counts, c->e))
			return -1;
		sb_adds(sb, i ? ",{" : "{");
		jsonw_kv_int(sb, &first, "id", page.items[i].id);
		for (int k = 0; k < ent->nfields; k++)
			if (!strcmp(ent->fields[k].name, "title") || !strcmp(ent->fields[k].name, "status") ||
			    !strcmp(ent->fields[k].name, "due_date") || !strcmp(ent->fields[k].name, "target"))
				jsonw_kv_str(sb, &first, ent->fields[k].name, page.items[i].values[k]);
		jsonw_kv_int(sb, &first, "kpis", n);
		jsonw_kv_int(sb, &first, "kpis_on_target", counts.on_target);
		jsonw_kv_int(sb, &first, "kpis_warning", counts.warning);
		jsonw_kv_int(sb, &first, "kpis_critical", counts.critical);
		jsonw_kv_int(sb, &first, "kpis_no_data", counts.no_data);
		sb_addc(sb, '}');
	}
	sb_addf(sb, "],\"total\":%lld}", (long long)page.total);
	return 0;
}

/* Levels in the current method's order, then any other key, then unscored. */
static void level_counts(struct strbuf *sb, int *first, const char *key, const struct risk_method *m,
			 const char *const *keys, const int64_t *counts, int n)
{
	int f2 = 1;
	jsonw_key(sb, first, key);
	sb_addc(sb, '[');
	for (int l = m ? m->nlevels - 1 : -1; l >= -1; l--) {
		for (int i = 0; i < n; i++) {
			int idx = m && keys[i] ? rm_level_index(m, keys[i]) : -1;
			int f = 1;
			if (idx != l || (l == -1 && !keys[i]))
				continue;
			sb_adds(sb, f2 ? "{" : ",{");
			f2 = 0;
			jsonw_kv_str(sb, &f, "level", idx >= 0 ? m->levels[idx].label : keys[i]);
			jsonw_kv_int(sb, &f, "risks", counts[i]);
			sb_addc(sb, '}');
		}
	}
	for (int i = 0; i < n; i++)
		if (!keys[i]) {
			int f = 1;
			sb_adds(sb, f2 ? "{" : ",{");
			f2 = 0;
			jsonw_kv_str(sb, &f, "level", "Not scored");
			jsonw_kv_int(sb, &f, "risks", counts[i]);
			sb_addc(sb, '}');
		}
	sb_addc(sb, ']');
}

#define MAX_KEYS 16

struct key_counts {
	const char *keys[MAX_KEYS];
	int64_t counts[MAX_KEYS];
	int n;
};

static void key_add(struct key_counts *k, struct arena *a, const char *key, int64_t n)
{
	for (int i = 0; i < k->n; i++)
		if (streq(k->keys[i], key)) {
			k->counts[i] += n;
			return;
		}
	if (k->n < MAX_KEYS) {
		k->keys[k->n] = arena_strdup(a, key);
		k->counts[k->n++] = n;
	}
}

/* Risk assessment results and the treatment's progress. */
static int risks(struct review_ctx *c, struct strbuf *sb)
{
	struct risk_method m;
	struct key_counts inherent = { 0 }, residual = { 0 };
	int64_t total = 0, in_treatment = 0, accepted = 0, closed = 0, within = 0, judged = 0, acceptances = 0;
	int first = 1, inner = 1, have_method, step;
	struct err ignore = ERR_INIT;
	struct stmt *st;

	have_method = risk_method_current(c->s, c->a, &m, &ignore) == 0;
	if (!(st = store_prepare(c->s,
				 "SELECT inherent_level, residual_level, status, COUNT(*) FROM risk WHERE archived = 0 "
				 "GROUP BY inherent_level, residual_level, status",
				 c->e)))
		return -1;
	while ((step = stmt_step(st, c->e)) == STORE_ROW) {
		const char *inh = stmt_text(st, 0), *res = stmt_text(st, 1), *status = stmt_text(st, 2);
		const char *level = res ? res : inh;
		int64_t n = stmt_int(st, 3);
		int idx = have_method && level ? rm_level_index(&m, level) : -1;
		key_add(&inherent, c->a, inh, n);
		key_add(&residual, c->a, res, n);
		total += n;
		in_treatment += n * streq(status, "in_treatment");
		accepted += n * streq(status, "accepted");
		closed += n * streq(status, "closed");
		if (idx >= 0) {
			judged += n;
			within += idx <= m.appetite ? n : 0;
		}
	}
	stmt_done(st);
	if (step < 0)
		return -1;
	if (!(st = store_prepare(c->s,
				 "SELECT COUNT(*) FROM risk_acceptance a JOIN risk r ON r.id = a.risk_id WHERE r.archived = 0 "
				 "AND a.revoked_at IS NULL AND a.expired_at IS NULL AND a.expires_on > ?",
				 c->e)))
		return -1;
	stmt_bind_text(st, 1, c->today);
	if ((step = stmt_step(st, c->e)) == STORE_ROW)
		acceptances = stmt_int(st, 0);
	stmt_done(st);
	if (step < 0)
		return -1;
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &first, "risks", total);
	jsonw_kv_int(sb, &first, "in_treatment", in_treatment);
	jsonw_kv_int(sb, &first, "accepted", accepted);
	jsonw_kv_int(sb, &first, "closed", closed);
	jsonw_kv_int(sb, &first, "valid_acceptances", acceptances);
	percent(sb, &first, "within_appetite_percent", within, judged);
	level_counts(sb, &first, "inherent_levels", have_method ? &m : NULL, inherent.keys, inherent.counts,
		     inherent.n);
	level_counts(sb, &first, "residual_levels", have_method ? &m : NULL, residual.keys, residual.counts,
		     residual.n);
	jsonw_key(sb, &first, "treatment_actions");
	sb_addc(sb, '{');
	if (task_counts(c, "risk", sb, &inner))
		return -1;
	sb_adds(sb, "}}");
	return 0;
}

/* Incidents: by severity (reported since the previous review, open now) and mean times. */
static int incidents(struct review_ctx *c, struct strbuf *sb)
{
	struct incident_metrics m;
	struct stmt *st;
	int first = 1, f2 = 1, step;
	int64_t total = 0, open = 0, period = 0;
	if (incident_metrics(c->s, c->since, c->today, &m, c->e))
		return -1;
	if (!(st = store_prepare(c->s,
				 "SELECT severity, SUM(CASE WHEN created_at >= ? THEN 1 ELSE 0 END), SUM(CASE WHEN status "
				 "IN ('resolved', 'closed') THEN 0 ELSE 1 END), COUNT(*) FROM incident WHERE archived = 0 "
				 "GROUP BY severity ORDER BY (severity IS NULL), severity",
				 c->e)))
		return -1;
	stmt_bind_text(st, 1, c->since ? c->since : "");
	sb_addc(sb, '{');
	jsonw_key(sb, &first, "by_severity");
	sb_addc(sb, '[');
	while ((step = stmt_step(st, c->e)) == STORE_ROW) {
		int f = 1;
		sb_adds(sb, f2 ? "{" : ",{");
		f2 = 0;
		jsonw_kv_str(sb, &f, "severity", stmt_isnull(st, 0) ? "not rated" : stmt_text(st, 0));
		jsonw_kv_int(sb, &f, "reported_in_period", stmt_int(st, 1));
		jsonw_kv_int(sb, &f, "open", stmt_int(st, 2));
		jsonw_kv_int(sb, &f, "all", stmt_int(st, 3));
		sb_addc(sb, '}');
		period += stmt_int(st, 1);
		open += stmt_int(st, 2);
		total += stmt_int(st, 3);
	}
	stmt_done(st);
	if (step < 0)
		return -1;
	sb_addc(sb, ']');
	jsonw_kv_int(sb, &first, "reported_in_period", period);
	jsonw_kv_int(sb, &first, "open", open);
	jsonw_kv_int(sb, &first, "all", total);
	jsonw_kv_int(sb, &first, "detected_in_period", m.incidents);
	hours(sb, &first, "mean_hours_to_detect", m.mean_detect);
	hours(sb, &first, "mean_hours_to_respond", m.mean_respond);
	hours(sb, &first, "mean_hours_to_contain", m.mean_contain);
	hours(sb, &first, "mean_hours_to_resolve", m.mean_resolve);
	jsonw_kv_int(sb, &first, "personal_data_breaches", m.breaches);
	jsonw_kv_int(sb, &first, "breaches_notified_late", m.breaches_late);
	jsonw_kv_int(sb, &first, "breaches_not_notified", m.breaches_open);
	sb_addc(sb, '}');
	return 0;
}

/* Monitoring results the data already hold: awareness training and the
 * acknowledgement of policies. */
static int monitoring(struct review_ctx *c, struct strbuf *sb)
{
	struct training_rates r;
	int64_t acked = 0, asked = 0;
	int first = 1;
	if (training_rates(c->s, 0, 0, c->today, &r, c->e) || doc_ack_rate(c->s, "policy", &acked, &asked, c->e))
		return -1;
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &first, "training_assigned", r.assigned);
	jsonw_kv_int(sb, &first, "training_completed", r.completed);
	jsonw_kv_int(sb, &first, "training_overdue", r.overdue);
	percent(sb, &first, "training_completion_percent", r.completed, r.assigned);
	percent(sb, &first, "quiz_pass_percent", r.passed, r.attempts);
	jsonw_kv_int(sb, &first, "policy_acknowledgements", acked);
	jsonw_kv_int(sb, &first, "policy_acknowledgements_asked", asked);
	percent(sb, &first, "policy_acknowledgement_percent", acked, asked);
	sb_addc(sb, '}');
	return 0;
}

/* What changed in the records since the previous review, from the audit log. */
static void changes_row(struct strbuf *sb, int *first, const struct entity *ent, const int64_t n[3])
{
	int f = 1;
	sb_adds(sb, *first ? "{" : ",{");
	*first = 0;
	jsonw_kv_str(sb, &f, "record_type", ent->label_plural);
	jsonw_kv_int(sb, &f, "created", n[0]);
	jsonw_kv_int(sb, &f, "updated", n[1]);
	jsonw_kv_int(sb, &f, "archived", n[2]);
	sb_addc(sb, '}');
}

static int changes(struct review_ctx *c, struct strbuf *sb)
{
	static const char *const actions[] = { "create", "update", "archive" };
	const struct entity *cur = NULL;
	int64_t n[3] = { 0 };
	int first = 1, rows = 1, step;
	struct stmt *st;
	if (!c->since) {
		c->note = "This is the first management review: there is no earlier one to compare with.";
		return REVIEW_INPUT_NA;
	}
	if (!(st = store_prepare(c->s,
				 "SELECT record_type, action, COUNT(*) FROM audit_log WHERE at >= ? AND record_type IS NOT "
				 "NULL AND action IN ('create', 'update', 'archive') GROUP BY record_type, action "
				 "ORDER BY record_type, action",
				 c->e)))
		return -1;
	stmt_bind_text(st, 1, c->since);
	sb_addc(sb, '{');
	jsonw_kv_str(sb, &first, "since", c->since);
	jsonw_key(sb, &first, "records");
	sb_addc(sb, '[');
	while ((step = stmt_step(st, c->e)) == STORE_ROW) {
		const struct entity *ent = entity_by_name(stmt_text(st, 0));
		if (!ent)
			continue; /* not a record type */
		if (ent != cur) {
			if (cur)
				changes_row(sb, &rows, cur, n);
			memset(n, 0, sizeof(n));
			cur = ent;
		}
		for (int i = 0; i < 3; i++)
			if (streq(stmt_text(st, 1), actions[i]))
				n[i] += stmt_int(st, 2);
	}
	stmt_done(st);
	if (step < 0)
		return -1;
	if (cur)
		changes_row(sb, &rows, cur, n);
	sb_adds(sb, "]}");
	return 0;
}

/* The table of input sections, in the order of clause 9.3.2. */
const struct review_input review_inputs[] = {
	{ "previous_actions", "Actions from previous reviews", previous_actions },
	{ "context_changes", "Changes in external and internal issues and interested parties", context_changes },
	{ "nonconformities", "Nonconformities and corrective actions", nonconformities },
	{ "kpis", "Monitoring and measurement results (KPIs against targets)", kpis },
	{ "monitoring", "Awareness and documented information", monitoring },
	{ "audits", "Audit results", audits },
	{ "objectives", "Fulfilment of information security objectives", objectives },
	{ "risks", "Risk assessment results and the risk treatment plan", risks },
	{ "incidents", "Incidents", incidents },
	{ "changes", "Changes since the previous review", changes },
};
const int review_input_count = (int)ARRAY_SIZE(review_inputs);

int review_inputs_compile(struct store *s, int64_t review_id, const char *today, struct arena *a,
			  struct strbuf *out, struct err *e)
{
	struct review_ctx c = { s, a, review_id, today, NULL, NULL, e };
	struct strbuf data = STRBUF_INIT;
	struct stmt *st;
	int first = 1, step, rc = -1;

	sb_addc(out, '{');
	jsonw_kv_str(out, &first, "compiled_on", today);
	jsonw_key(out, &first, "previous_review");
	if (!(st = store_prepare(s,
				 "SELECT id, title, review_date, compiled_on FROM management_review WHERE archived = 0 AND "
				 "id < ? ORDER BY review_date DESC, id DESC LIMIT 1",
				 e)))
		return -1;
	stmt_bind_int(st, 1, review_id);
	if ((step = stmt_step(st, e)) == STORE_ROW) {
		int f = 1;
		const char *since = stmt_isnull(st, 3) ? stmt_text(st, 2) : stmt_text(st, 3);
		c.since = arena_strdup(a, since);
		sb_addc(out, '{');
		jsonw_kv_int(out, &f, "id", stmt_int(st, 0));
		jsonw_kv_str(out, &f, "title", stmt_text(st, 1));
		jsonw_kv_str(out, &f, "review_date", stmt_text(st, 2));
		jsonw_kv_str(out, &f, "compiled_on", stmt_text(st, 3));
		sb_addc(out, '}');
	} else {
		sb_adds(out, "null");
	}
	stmt_done(st);
	if (step < 0)
		return -1;
	jsonw_key(out, &first, "sections");
	sb_addc(out, '[');
	for (int i = 0; i < review_input_count; i++) {
		int f = 1, got;
		sb_reset(&data);
		c.note = NULL;
		if ((got = review_inputs[i].fn(&c, &data)) < 0)
			goto out;
		sb_adds(out, i ? ",{" : "{");
		jsonw_kv_str(out, &f, "key", review_inputs[i].key);
		jsonw_kv_str(out, &f, "title", review_inputs[i].title);
		jsonw_kv_bool(out, &f, "available", got == 0);
		if (got == 0) {
			jsonw_key(out, &f, "data");
			sb_add(out, data.buf, data.len);
		} else {
			jsonw_kv_str(out, &f, "note", c.note);
		}
		sb_addc(out, '}');
	}
	sb_adds(out, "]}");
	rc = 0;
out:
	sb_release(&data);
	return rc;
}
