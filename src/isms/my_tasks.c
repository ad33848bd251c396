#include "isms/my_tasks.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/jsonw.h"
#include "base/timeutil.h"
#include "base/util.h"
#include "isms/doc_ack.h"
#include "isms/incident.h"
#include "isms/supplier.h"
#include "isms/training.h"
#include "model/entity.h"

void my_tasks_add(struct my_tasks *l, struct arena *a, const struct task_source *src, const char *title,
		  const char *detail, int64_t id, const char *due, int overdue)
{
	const struct entity *ent = entity_by_name(src->record_type);
	struct my_task *t;
	l->items = arena_grow(a, l->items, l->n, &l->cap, sizeof(*l->items));
	t = &l->items[l->n++];
	t->source = src;
	t->title = title && *title ? arena_strdup(a, title) : arena_printf(a, "%s #%lld", ent->label, (long long)id);
	t->detail = arena_strdup(a, detail);
	t->record_type = ent->name;
	t->record_id = id;
	t->url = arena_printf(a, "/%s/%lld", ent->plural, (long long)id);
	t->due = due ? arena_strndup(a, due, 10) : NULL;
	t->overdue = overdue >= 0 ? overdue : (t->due && strcmp(t->due, l->today) < 0);
	l->overdue += t->overdue;
}

/* Runs sql with the caller's id bound n_me times (then extra, when given)
 * and hands each row to row(). */
static int each_row(struct store *s, const char *sql, const struct actor *who, int n_me, const char *extra,
		    void (*row)(struct stmt *st, const struct task_source *src, struct my_tasks *out, struct arena *a),
		    const struct task_source *src, struct my_tasks *out, struct arena *a, struct err *e)
{
	struct stmt *st = store_prepare(s, sql, e);
	int step, idx = 1;
	if (!st)
		return -1;
	for (int k = 0; k < n_me; k++)
		stmt_bind_int(st, idx++, who->user_id);
	if (extra)
		stmt_bind_text(st, idx++, extra);
	stmt_bind_int(st, idx, MY_TASKS_MAX);
	while ((step = stmt_step(st, e)) == STORE_ROW)
		row(st, src, out, a);
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

/* ---- the sources ---- */

/* "root_cause_analysis" -> "root cause analysis" */
static const char *words(struct arena *a, const char *value)
{
	char buf[64];
	enum_label(value, buf, sizeof(buf));
	buf[0] = (char)tolower((unsigned char)buf[0]);
	return arena_strdup(a, buf);
}

static void task_row(struct stmt *st, const struct task_source *src, struct my_tasks *out, struct arena *a)
{
	const char *what = !stmt_isnull(st, 4) ? "Corrective action" : !stmt_isnull(st, 5) ? "Treatment action" : NULL;
	const char *status = streq(stmt_text(st, 3), "in_progress") ? "in progress" : "open";
	my_tasks_add(out, a, src, stmt_text(st, 1),
		     what ? arena_printf(a, "%s, %s", what, status) : arena_printf(a, "Task, %s", status),
		     stmt_int(st, 0), stmt_text(st, 2), -1);
}

static int tasks(struct store *s, const struct actor *who, const struct task_source *src, struct my_tasks *out,
		 struct arena *a, struct err *e)
{
	return each_row(s, "SELECT id, title, due_date, status, nonconformity, risk FROM task WHERE archived = 0 AND "
			   "owner = ? AND status IN ('open', 'in_progress') LIMIT ?",
			who, 1, NULL, task_row, src, out, a, e);
}

static void acceptance_row(struct stmt *st, const struct task_source *src, struct my_tasks *out, struct arena *a)
{
	my_tasks_add(out, a, src, stmt_text(st, 1),
		     arena_printf(a, "Acceptance expires on %s: review the risk", stmt_text(st, 2)), stmt_int(st, 0),
		     stmt_text(st, 2), -1);
}

static int acceptances(struct store *s, const struct actor *who, const struct task_source *src,
		       struct my_tasks *out, struct arena *a, struct err *e)
{
	return each_row(s, "SELECT r.id, r.title, a.expires_on FROM risk_acceptance a JOIN risk r ON r.id = a.risk_id "
			   "WHERE a.revoked_at IS NULL AND a.expired_at IS NULL AND r.archived = 0 AND "
			   "(a.accepted_by = ? OR r.owner = ?) AND a.expires_on <= ? LIMIT ?",
			who, 2, out->ahead, acceptance_row, src, out, a, e);
}

static void document_row(struct stmt *st, const struct task_source *src, struct my_tasks *out, struct arena *a)
{
	my_tasks_add(out, a, src, stmt_text(st, 1), "Review due", stmt_int(st, 0), stmt_text(st, 2), -1);
}

static int documents(struct store *s, const struct actor *who, const struct task_source *src, struct my_tasks *out,
		     struct arena *a, struct err *e)
{
	return each_row(s, "SELECT id, title, next_review FROM document WHERE archived = 0 AND owner = ? AND "
			   "(state IS NULL OR state <> 'retired') AND next_review IS NOT NULL AND next_review <= ? LIMIT ?",
			who, 1, out->ahead, document_row, src, out, a, e);
}

/* Issues and interested parties (the context, ISO 27001 4.1, 4.2) the caller owns, due for review. */
static int issues(struct store *s, const struct actor *who, const struct task_source *src, struct my_tasks *out,
		  struct arena *a, struct err *e)
{
	return each_row(s, "SELECT id, title, review_date FROM context_issue WHERE archived = 0 AND owner = ? AND "
			   "(status IS NULL OR status <> 'closed') AND review_date IS NOT NULL AND review_date <= ? LIMIT ?",
			who, 1, out->ahead, document_row, src, out, a, e);
}

static int parties(struct store *s, const struct actor *who, const struct task_source *src, struct my_tasks *out,
		   struct arena *a, struct err *e)
{
	return each_row(s, "SELECT id, name, review_date FROM interested_party WHERE archived = 0 AND owner = ? AND "
			   "review_date IS NOT NULL AND review_date <= ? LIMIT ?",
			who, 1, out->ahead, document_row, src, out, a, e);
}

static void nc_row(struct stmt *st, const struct task_source *src, struct my_tasks *out, struct arena *a)
{
	const char *status = stmt_text(st, 3);
	my_tasks_add(out, a, src, stmt_text(st, 1),
		     arena_printf(a, "Nonconformity, %s", status ? words(a, status) : "open"),
		     stmt_int(st, 0), stmt_text(st, 2), -1);
}

static int nonconformities(struct store *s, const struct actor *who, const struct task_source *src,
			   struct my_tasks *out, struct arena *a, struct err *e)
{
	return each_row(s, "SELECT id, title, due_date, status FROM nonconformity WHERE archived = 0 AND owner = ? "
			   "AND (status IS NULL OR status <> 'closed') LIMIT ?",
			who, 1, NULL, nc_row, src, out, a, e);
}

static void incident_row(struct stmt *st, const struct task_source *src, struct my_tasks *out, struct arena *a)
{
	const char *detected = stmt_text(st, 3), *status = stmt_text(st, 2);
	int breach = !stmt_isnull(st, 4) && stmt_int(st, 4) != 0 && stmt_isnull(st, 5) && detected;
	time_t det = breach ? time_parse_iso(detected) : -1;
	if (det >= 0) {
		char deadline[32];
		time_iso(det + INCIDENT_BREACH_HOURS * 3600, deadline);
		my_tasks_add(out, a, src, stmt_text(st, 1),
			     arena_printf(a, "Personal-data breach: notify the regulator by %.10s %.5s UTC", deadline,
					  deadline + 11),
			     stmt_int(st, 0), deadline, strcmp(deadline, out->now) < 0);
		return;
	}
	my_tasks_add(out, a, src, stmt_text(st, 1),
		     arena_printf(a, "Incident, %s", status ? words(a, status) : "reported"), stmt_int(st, 0),
		     NULL, -1);
}

static int incidents(struct store *s, const struct actor *who, const struct task_source *src, struct my_tasks *out,
		     struct arena *a, struct err *e)
{
	return each_row(s, "SELECT id, title, status, detected_at, personal_data_breach, regulator_notified_at FROM "
			   "incident WHERE archived = 0 AND handler = ? AND (status IS NULL OR status NOT IN "
			   "('resolved', 'closed')) LIMIT ?",
			who, 1, NULL, incident_row, src, out, a, e);
}

/* Internal audits the caller is on the team of: planned ones starting
 * within the look-ahead (due on their start), those in progress (due on
 * their planned end, else start). */
static void audit_row(struct stmt *st, const struct task_source *src, struct my_tasks *out, struct arena *a)
{
	int started = streq(stmt_text(st, 2), "in_progress");
	my_tasks_add(out, a, src, stmt_text(st, 1),
		     started ? "Audit in progress: record the checklist results" : "Audit to start",
		     stmt_int(st, 0), started && !stmt_isnull(st, 4) ? stmt_text(st, 4) : stmt_text(st, 3), -1);
}

static int audits(struct store *s, const struct actor *who, const struct task_source *src, struct my_tasks *out,
		  struct arena *a, struct err *e)
{
	return each_row(s, "SELECT id, title, status, planned_start, planned_end FROM internal_audit WHERE archived = 0 "
			   "AND (lead_auditor = ? OR auditor_2 = ? OR auditor_3 = ?) AND (status = 'in_progress' OR "
			   "status = 'planned' AND planned_start <= ?) LIMIT ?",
			who, 3, out->ahead, audit_row, src, out, a, e);
}

/* The table: one row per kind of thing a person can owe. */
/* Courses the caller must take (isms/training.h), due or overdue. */
static int training(struct store *s, const struct actor *who, const struct task_source *src, struct my_tasks *out,
		    struct arena *a, struct err *e)
{
	struct training_status *t;
	int n;
	if (!who || !who->user_id)
		return 0;
	if (training_due(s, who->user_id, out->today, a, &t, &n, e))
		return -1;
	for (int i = 0; i < n && i < MY_TASKS_MAX; i++)
		my_tasks_add(out, a, src, t[i].course_title, t[i].passed_at ? "Training to renew" : "Training to take",
			     t[i].course_id, t[i].due_date, -1);
	return 0;
}

/* Published documents the caller is asked to read and acknowledge (isms/doc_ack.h). */
static int documents_to_read(struct store *s, const struct actor *who, const struct task_source *src,
			     struct my_tasks *out, struct arena *a, struct err *e)
{
	struct doc_pending *p;
	int n;
	if (!who || !who->user_id)
		return 0;
	if (doc_ack_pending(s, who->user_id, a, &p, &n, e))
		return -1;
	for (int i = 0; i < n && i < MY_TASKS_MAX; i++)
		my_tasks_add(out, a, src, p[i].title,
			     arena_printf(a, "To read and acknowledge: version %lld%s%s", (long long)p[i].version,
					  p[i].label ? ", " : "", p[i].label ? p[i].label : ""),
			     p[i].document_id, NULL, -1);
	return 0;
}

static const struct task_source task_sources[] = {
	{ "task", "Task", "task", tasks },
	{ "acceptance", "Risk acceptance", "risk", acceptances },
	{ "document_review", "Document review", "document", documents },
	{ "nonconformity", "Nonconformity", "nonconformity", nonconformities },
	{ "incident", "Incident", "incident", incidents },
	{ "training", "Training", "course", training },
	{ "document_ack", "Document to read", "document", documents_to_read },
	{ "issue_review", "Issue review", "issue", issues },
	{ "party_review", "Interested party review", "interested_party", parties },
	{ "supplier", "Supplier", "supplier", supplier_due_tasks },
	{ "internal_audit", "Internal audit", "internal_audit", audits },
};

/* ---- the list ---- */

static int source_index(const struct task_source *src)
{
	return (int)(src - task_sources);
}

/* Overdue first, then by due date (none last), then by source and id. */
static int by_urgency(const void *pa, const void *pb)
{
	const struct my_task *x = pa, *y = pb;
	int c;
	if (x->overdue != y->overdue)
		return y->overdue - x->overdue;
	if (!x->due != !y->due)
		return x->due ? -1 : 1;
	if (x->due && (c = strcmp(x->due, y->due)) != 0)
		return c;
	if (source_index(x->source) != source_index(y->source))
		return source_index(x->source) - source_index(y->source);
	return x->record_id < y->record_id ? -1 : x->record_id > y->record_id;
}

int my_tasks_list(struct store *s, const struct actor *who, struct arena *a, struct my_tasks *out, struct err *e)
{
	time_t now = time(NULL);
	struct tm tm;
	memset(out, 0, sizeof(*out));
	time_iso(now, out->now);
	time_today_plus_months(0, out->today);
	now += (time_t)MY_TASKS_AHEAD_DAYS * 86400;
	gmtime_r(&now, &tm);
	strftime(out->ahead, sizeof(out->ahead), "%Y-%m-%d", &tm);
	if (!who->user_id)
		return 0; /* the system owes nothing */
	for (size_t i = 0; i < ARRAY_SIZE(task_sources); i++) {
		const struct entity *ent = entity_by_name(task_sources[i].record_type);
		if (!ent || who->role < ent->read_role)
			continue;
		if (task_sources[i].fn(s, who, &task_sources[i], out, a, e))
			return -1;
	}
	if (out->n > 1)
		qsort(out->items, (size_t)out->n, sizeof(*out->items), by_urgency);
	return 0;
}

void my_tasks_json(const struct my_tasks *l, struct strbuf *sb)
{
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_str(sb, &first, "today", l->today);
	jsonw_kv_int(sb, &first, "total", l->n);
	jsonw_kv_int(sb, &first, "overdue", l->overdue);
	jsonw_key(sb, &first, "items");
	sb_addc(sb, '[');
	for (int i = 0; i < l->n; i++) {
		const struct my_task *t = &l->items[i];
		int f = 1;
		sb_adds(sb, i ? ",{" : "{");
		jsonw_kv_str(sb, &f, "kind", t->source->kind);
		jsonw_kv_str(sb, &f, "label", t->source->label);
		jsonw_kv_str(sb, &f, "title", t->title);
		jsonw_kv_str(sb, &f, "detail", t->detail);
		jsonw_kv_str(sb, &f, "record_type", t->record_type);
		jsonw_kv_int(sb, &f, "record_id", t->record_id);
		jsonw_kv_str(sb, &f, "url", t->url);
		jsonw_kv_str(sb, &f, "due", t->due);
		jsonw_kv_bool(sb, &f, "overdue", t->overdue);
		sb_addc(sb, '}');
	}
	sb_adds(sb, "]}");
}
