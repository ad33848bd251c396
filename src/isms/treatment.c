#include "isms/treatment.h"

#include <string.h>

#include "base/jsonw.h"
#include "base/timeutil.h"
#include "base/util.h"

static const char *const treating[] = { "modify", "share", "avoid", NULL };

const char *plan_value(const char *entity, const struct record *r, const char *field)
{
	return r->values[entity_field_index(entity_by_name(entity), field)];
}

const char *plan_title(const char *entity, const struct record *r, const char *field)
{
	return r->titles[entity_field_index(entity_by_name(entity), field)];
}

static int is_overdue(const struct record *task, const char *today)
{
	const char *due = plan_value("task", task, "due_date"), *status = plan_value("task", task, "status");
	return due && strcmp(due, today) < 0 && (streq(status, "open") || streq(status, "in_progress"));
}

static int actions_of(struct store *s, const struct actor *viewer, const char *field, int64_t id, const char *today,
		      struct arena *a, struct plan_risk *out, struct err *e)
{
	const struct entity *task = entity_by_name("task");
	struct list_query q;
	struct record_page page;
	int k = 0;
	list_query_init(&q, task);
	list_query_sort(&q, task, "due_date", NULL);
	q.viewer = viewer;
	q.limit = PLAN_MAX;
	q.nfilters = 1;
	q.filter_field[0] = entity_field_index(task, field);
	q.filter_value[0] = arena_printf(a, "%lld", (long long)id);
	memset(out, 0, sizeof(*out));
	if (record_list(s, task, &q, a, &page, e))
		return -1;
	out->actions = arena_alloc(a, sizeof(struct plan_action) * (size_t)(page.n ? page.n : 1));
	/* overdue first, each group keeping the order by due date */
	for (int pass = 1; pass >= 0; pass--)
		for (int i = 0; i < page.n; i++)
			if (is_overdue(&page.items[i], today) == pass) {
				out->actions[k].task = &page.items[i];
				out->actions[k++].overdue = pass;
			}
	out->n = page.n;
	for (int i = 0; i < out->n; i++) {
		const char *status = plan_value("task", out->actions[i].task, "status");
		out->done += streq(status, "done");
		out->cancelled += streq(status, "cancelled");
		out->overdue += out->actions[i].overdue;
	}
	if (out->n > out->cancelled)
		out->progress = out->done * 100 / (out->n - out->cancelled);
	return 0;
}

int task_actions(struct store *s, const struct actor *viewer, const char *field, int64_t id, struct arena *a,
		 struct plan_risk *out, struct err *e)
{
	char today[16];
	time_today_plus_months(0, today);
	return actions_of(s, viewer, field, id, today, a, out, e);
}

int treatment_actions(struct store *s, const struct actor *viewer, int64_t risk_id, struct arena *a,
		      struct plan_risk *out, struct err *e)
{
	return task_actions(s, viewer, "risk", risk_id, a, out, e);
}

static int treated(const struct record *r)
{
	const char *t = plan_value("risk", r, "treatment");
	if (streq(plan_value("risk", r, "status"), "closed"))
		return 0;
	for (const char *const *v = treating; *v; v++)
		if (streq(t, *v))
			return 1;
	return 0;
}

int treatment_plan(struct store *s, const struct actor *viewer, struct arena *a, struct plan *out, struct err *e)
{
	const struct entity *risk = entity_by_name("risk");
	struct list_query q;
	struct record_page page;
	int undone = 0;
	memset(out, 0, sizeof(*out));
	time_today_plus_months(0, out->today);
	list_query_init(&q, risk);
	q.viewer = viewer;
	q.limit = PLAN_MAX;
	if (record_list(s, risk, &q, a, &page, e))
		return -1;
	out->risks = arena_alloc(a, sizeof(struct plan_risk) * (size_t)(page.n ? page.n : 1));
	for (int i = 0; i < page.n; i++) {
		struct plan_risk *pr = &out->risks[out->nrisks];
		if (!treated(&page.items[i]))
			continue;
		if (actions_of(s, viewer, "risk", page.items[i].id, out->today, a, pr, e))
			return -1;
		pr->risk = &page.items[i];
		out->nrisks++;
		out->actions += pr->n;
		out->done += pr->done;
		out->open += pr->n - pr->done - pr->cancelled;
		out->overdue += pr->overdue;
		undone += pr->cancelled;
	}
	/* risks with overdue actions first; a stable insertion sort keeps the rest by score */
	for (int i = 1; i < out->nrisks; i++) {
		struct plan_risk x = out->risks[i];
		int j = i;
		for (; j > 0 && !out->risks[j - 1].overdue && x.overdue; j--)
			out->risks[j] = out->risks[j - 1];
		out->risks[j] = x;
	}
	if (out->actions > undone)
		out->progress = out->done * 100 / (out->actions - undone);
	return 0;
}

static void id_or_null(struct strbuf *sb, int *first, const char *key, const char *v)
{
	jsonw_key(sb, first, key);
	sb_adds(sb, v ? v : "null");
}

static void action_json(struct strbuf *sb, const struct plan_action *pa)
{
	const struct record *t = pa->task;
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &first, "id", t->id);
	jsonw_kv_str(sb, &first, "title", plan_value("task", t, "title"));
	id_or_null(sb, &first, "owner", plan_value("task", t, "owner"));
	jsonw_kv_str(sb, &first, "owner_name", plan_title("task", t, "owner"));
	jsonw_kv_str(sb, &first, "due_date", plan_value("task", t, "due_date"));
	jsonw_kv_str(sb, &first, "status", plan_value("task", t, "status"));
	id_or_null(sb, &first, "control", plan_value("task", t, "control"));
	jsonw_kv_str(sb, &first, "control_title", plan_title("task", t, "control"));
	jsonw_kv_bool(sb, &first, "overdue", pa->overdue);
	sb_addc(sb, '}');
}

static void risk_json(struct strbuf *sb, const struct record *r)
{
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &first, "id", r->id);
	jsonw_kv_str(sb, &first, "title", plan_value("risk", r, "title"));
	id_or_null(sb, &first, "owner", plan_value("risk", r, "owner"));
	jsonw_kv_str(sb, &first, "owner_name", plan_title("risk", r, "owner"));
	jsonw_kv_str(sb, &first, "treatment", plan_value("risk", r, "treatment"));
	jsonw_kv_str(sb, &first, "status", plan_value("risk", r, "status"));
	jsonw_kv_str(sb, &first, "inherent_level", plan_value("risk", r, "inherent_level"));
	jsonw_kv_str(sb, &first, "residual_level", plan_value("risk", r, "residual_level"));
	sb_addc(sb, '}');
}

void treatment_plan_json(const struct plan *p, struct strbuf *sb)
{
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_str(sb, &first, "today", p->today);
	jsonw_key(sb, &first, "totals");
	sb_addf(sb, "{\"risks\":%d,\"actions\":%d,\"done\":%d,\"open\":%d,\"overdue\":%d,\"progress\":%d}", p->nrisks,
		p->actions, p->done, p->open, p->overdue, p->progress);
	jsonw_key(sb, &first, "items");
	sb_addc(sb, '[');
	for (int i = 0; i < p->nrisks; i++) {
		const struct plan_risk *pr = &p->risks[i];
		int f = 1;
		sb_adds(sb, i ? ",{" : "{");
		jsonw_key(sb, &f, "risk");
		risk_json(sb, pr->risk);
		jsonw_kv_int(sb, &f, "actions_total", pr->n);
		jsonw_kv_int(sb, &f, "done", pr->done);
		jsonw_kv_int(sb, &f, "overdue", pr->overdue);
		jsonw_kv_int(sb, &f, "progress", pr->progress);
		jsonw_key(sb, &f, "actions");
		sb_addc(sb, '[');
		for (int k = 0; k < pr->n; k++) {
			if (k)
				sb_addc(sb, ',');
			action_json(sb, &pr->actions[k]);
		}
		sb_adds(sb, "]}");
	}
	sb_adds(sb, "]}");
}
