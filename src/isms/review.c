/* review: the management review's record rule, its frozen inputs, closing,
 * attendees and report (see review.h). */
#include "isms/review.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/jsonw.h"
#include "base/timeutil.h"
#include "base/util.h"
#include "isms/audit.h"
#include "isms/treatment.h"

static const struct entity *review_entity(void)
{
	return entity_by_name("review");
}

static const char *value_of(const struct record *r, const char *name)
{
	return r->values[entity_field_index(review_entity(), name)];
}

static void set_value(struct input *in, const char *name, const char *value)
{
	int i = entity_field_index(review_entity(), name);
	in->set[i] = 1;
	in->values[i] = value;
}

static int blank(const char *s)
{
	for (; s && *s; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

/* The first column of the first row of sql with id bound (arena text, NULL
 * for SQL NULL): STORE_ROW, STORE_DONE when there is no row, or -1. */
static int first_value(struct store *s, const char *sql, int64_t id, struct arena *a, const char **out,
		       struct err *e)
{
	struct stmt *st = store_prepare(s, sql, e);
	int step;
	*out = NULL;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, id);
	if ((step = stmt_step(st, e)) == STORE_ROW)
		*out = arena_strdup(a, stmt_text(st, 0));
	stmt_done(st);
	return step;
}

/* Live tasks naming review id. */
static int action_count(struct store *s, int64_t id, struct arena *a, int64_t *n, struct err *e)
{
	const char *v;
	*n = 0;
	if (first_value(s, "SELECT COUNT(*) FROM task WHERE archived = 0 AND review = ?", id, a, &v, e) < 0)
		return -1;
	return v ? parse_int64(v, n) : 0;
}

int review_prepare(struct store *s, const struct record *before, struct input *in, struct arena *a, struct err *e)
{
	const struct entity *ent = review_entity();
	const char *status = record_after_value(ent, before, in, "status");
	const char *was = before ? value_of(before, "status") : NULL;

	if (streq(was, "closed"))
		return err_set(e, 409, "closed", "This management review is closed; its record no longer changes.");
	if (streq(status, "closed")) {
		int64_t actions = 0;
		if (before && action_count(s, before->id, a, &actions, e))
			return -1;
		if (blank(record_after_value(ent, before, in, "decisions")) && actions == 0) {
			err_field(e, "status", "outputs_required",
				  "Record the review's outputs first: the decisions taken, or at least one action.");
			return err_set(e, 422, "outputs_required",
				       "A management review is closed only with its outputs: decisions or actions.");
		}
		char *today = arena_alloc(a, 16);
		time_today_plus_months(0, today);
		set_value(in, "closed_on", today);
	}
	return 0;
}

int review_changed(struct store *s, const struct actor *who, int64_t id, struct arena *a, struct err *e)
{
	struct strbuf json = STRBUF_INIT;
	struct stmt *st;
	char today[16];
	int step, missing, rc = -1;
	(void)who;
	if (!(st = store_prepare(s, "SELECT (inputs IS NULL), archived FROM management_review WHERE id = ?", e)))
		return -1;
	stmt_bind_int(st, 1, id);
	step = stmt_step(st, e);
	missing = step == STORE_ROW && stmt_int(st, 0) != 0 && stmt_int(st, 1) == 0;
	stmt_done(st);
	if (step < 0)
		return -1;
	if (!missing)
		return 0;
	time_today_plus_months(0, today);
	if (review_inputs_compile(s, id, today, a, &json, e))
		goto out;
	rc = STORE_RUN(s, e, "UPDATE management_review SET inputs = ?, compiled_on = ? WHERE id = ?", ARG_TEXT(json.buf),
		       ARG_TEXT(today), ARG_INT(id));
out:
	sb_release(&json);
	return rc;
}

int review_compile(struct store *s, const struct actor *who, int64_t id, struct arena *a, struct err *e)
{
	const struct entity *ent = review_entity();
	struct record r;
	struct input in;
	char *today = arena_alloc(a, 16);
	int rc = -1;

	time_today_plus_months(0, today);
	if (store_begin(s, e))
		return -1;
	if (record_get(s, ent, id, a, &r, e) || record_check_change(ent, who, &r, e))
		goto out;
	if (!r.archived && !streq(value_of(&r, "status"), "draft")) {
		err_set(e, 409, "frozen", "The inputs of a review that was held are frozen: only a draft's inputs are "
			"compiled again.");
		goto out;
	}
	/* the update below finds no inputs and compiles them (review_changed) */
	if (!r.archived && STORE_RUN(s, e, "UPDATE management_review SET inputs = NULL WHERE id = ?", ARG_INT(id)))
		goto out;
	input_init(&in, ent, a);
	set_value(&in, "compiled_on", today);
	if (record_update_within(s, who, ent, id, r.version, &in, a, e))
		goto out;
	rc = store_commit(s, e);
out:
	if (rc)
		store_rollback(s);
	return rc;
}

int review_close(struct store *s, const struct actor *who, int64_t id, int64_t if_version, struct arena *a,
		 struct err *e)
{
	const struct entity *ent = review_entity();
	struct record r;
	struct input in;
	if (!if_version) {
		if (record_read(s, who, ent, id, a, &r, e))
			return -1;
		if_version = r.version;
	}
	input_init(&in, ent, a);
	set_value(&in, "status", "closed");
	return record_update(s, who, ent, id, if_version, &in, a, e);
}

int review_attendees(struct store *s, int64_t id, struct arena *a, struct review_attendee **out, int *n,
		     struct err *e)
{
	struct stmt *st = store_prepare(s,
					"SELECT u.id, u.name, u.email FROM review_attendee ra JOIN users u ON u.id = ra.user_id "
					"WHERE ra.review_id = ? ORDER BY u.name, u.id",
					e);
	int step, cap = 0;
	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, id);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		(*out)[*n] = (struct review_attendee){ stmt_int(st, 0), arena_strdup(a, stmt_text(st, 1)),
							arena_strdup(a, stmt_text(st, 2)) };
		(*n)++;
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

static void ids_json(struct strbuf *sb, const int64_t *ids, int n)
{
	sb_adds(sb, "{\"attendees\":[");
	for (int i = 0; i < n; i++)
		sb_addf(sb, "%s%lld", i ? "," : "", (long long)ids[i]);
	sb_adds(sb, "]}");
}

static int by_id(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return a < b ? -1 : a > b;
}

int review_attendees_set(struct store *s, const struct actor *who, int64_t id, const int64_t *users, int n,
			 struct arena *a, struct err *e)
{
	const struct entity *ent = review_entity();
	struct review_attendee *cur;
	struct record r;
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	int64_t *ids = arena_alloc(a, sizeof(int64_t) * (size_t)(n + 1)), *old;
	char now[32];
	int m = 0, ncur = 0, rc = -1;

	if (n > REVIEW_ATTENDEES_MAX)
		return err_field(e, "users", "too_many", "At most %d attendees.", REVIEW_ATTENDEES_MAX);
	memcpy(ids, users, sizeof(int64_t) * (size_t)n);
	qsort(ids, (size_t)n, sizeof(int64_t), by_id);
	for (int i = 0; i < n; i++)
		if (!m || ids[m - 1] != ids[i])
			ids[m++] = ids[i];
	if (store_begin(s, e))
		return -1;
	if (record_get(s, ent, id, a, &r, e) || record_check_change(ent, who, &r, e))
		goto out;
	if (r.archived) {
		err_set(e, 409, "archived", "This management review is archived and can no longer be changed.");
		goto out;
	}
	if (streq(value_of(&r, "status"), "closed")) {
		err_set(e, 409, "closed", "This management review is closed; its record no longer changes.");
		goto out;
	}
	for (int i = 0; i < m; i++) {
		const char *found;
		int step = first_value(s, "SELECT id FROM users WHERE id = ?", ids[i], a, &found, e);
		if (step < 0)
			goto out;
		if (step != STORE_ROW)
			err_field(e, "users", "reference", "No user with id %lld.", (long long)ids[i]);
	}
	if (e->nfields) {
		err_set(e, 422, "validation", "Choose attendees among the users.");
		goto out;
	}
	if (review_attendees(s, id, a, &cur, &ncur, e))
		goto out;
	old = arena_alloc(a, sizeof(int64_t) * (size_t)(ncur + 1));
	for (int i = 0; i < ncur; i++)
		old[i] = cur[i].user_id;
	qsort(old, (size_t)ncur, sizeof(int64_t), by_id);
	ids_json(&before, old, ncur);
	ids_json(&after, ids, m);
	if (strcmp(before.buf, after.buf) == 0) { /* nothing changes: no entry */
		rc = store_commit(s, e);
		goto out;
	}
	time_now_iso(now);
	if (STORE_RUN(s, e, "DELETE FROM review_attendee WHERE review_id = ?", ARG_INT(id)))
		goto out;
	for (int i = 0; i < m; i++)
		if (STORE_RUN(s, e,
			      "INSERT INTO review_attendee (review_id, user_id, created_at, created_by) VALUES (?, ?, ?, ?)",
			      ARG_INT(id), ARG_INT(ids[i]), ARG_TEXT(now),
			      who->user_id ? ARG_INT(who->user_id) : ARG_TEXT(NULL)))
			goto out;
	if (audit_append(s, who, "review_attendees", ent->name, id, before.buf, after.buf, e))
		goto out;
	rc = store_commit(s, e);
out:
	if (rc)
		store_rollback(s);
	sb_release(&before);
	sb_release(&after);
	return rc;
}

int review_inputs_read(struct store *s, int64_t id, struct arena *a, const char **json, struct err *e)
{
	return first_value(s, "SELECT inputs FROM management_review WHERE id = ?", id, a, json, e) < 0 ? -1 : 0;
}

int review_report_json(struct store *s, const struct actor *who, int64_t id, struct arena *a, struct strbuf *sb,
		       struct err *e)
{
	const struct entity *ent = review_entity();
	struct review_attendee *att;
	struct plan_risk pr;
	struct record r;
	const char *inputs;
	int n, first = 1;
	if (record_read(s, who, ent, id, a, &r, e) || review_attendees(s, id, a, &att, &n, e) ||
	    review_inputs_read(s, id, a, &inputs, e) || task_actions(s, who, "review", id, a, &pr, e))
		return -1;
	sb_addc(sb, '{');
	jsonw_key(sb, &first, "review");
	record_to_json(ent, &r, sb);
	jsonw_key(sb, &first, "attendees");
	sb_addc(sb, '[');
	for (int i = 0; i < n; i++) {
		int f = 1;
		sb_adds(sb, i ? ",{" : "{");
		jsonw_kv_int(sb, &f, "id", att[i].user_id);
		jsonw_kv_str(sb, &f, "name", att[i].name);
		jsonw_kv_str(sb, &f, "email", att[i].email);
		sb_addc(sb, '}');
	}
	sb_addc(sb, ']');
	jsonw_key(sb, &first, "inputs");
	sb_adds(sb, inputs ? inputs : "null");
	jsonw_key(sb, &first, "actions");
	sb_addc(sb, '[');
	for (int i = 0; i < pr.n; i++) {
		const struct record *t = pr.actions[i].task;
		const char *owner = plan_value("task", t, "owner");
		int64_t oid = 0;
		int f = 1;
		sb_adds(sb, i ? ",{" : "{");
		jsonw_kv_int(sb, &f, "id", t->id);
		jsonw_kv_str(sb, &f, "title", plan_value("task", t, "title"));
		jsonw_key(sb, &f, "owner");
		if (owner && !parse_int64(owner, &oid))
			sb_addf(sb, "%lld", (long long)oid);
		else
			sb_adds(sb, "null");
		jsonw_kv_str(sb, &f, "owner_name", plan_title("task", t, "owner"));
		jsonw_kv_str(sb, &f, "due_date", plan_value("task", t, "due_date"));
		jsonw_kv_str(sb, &f, "status", plan_value("task", t, "status"));
		jsonw_kv_bool(sb, &f, "overdue", pr.actions[i].overdue);
		sb_addc(sb, '}');
	}
	sb_adds(sb, "]}");
	return 0;
}
