/* training_status: who must take which course and where they stand — due,
 * overdue or completed — and the figures over them (see training.h).
 * Worked out when read, from the assignments, the users (their creation
 * time makes new joiners), group memberships and passes: nothing is stored,
 * so a new joiner is due from the moment they exist. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/jsonw.h"
#include "base/timeutil.h"
#include "base/util.h"
#include "isms/group.h"
#include "isms/training.h"

/* Every (assignment, user) pair it reaches, by course then user. Which
 * users: the named one, the members of the group, everyone, or those
 * created after the assignment; never a disabled one. */
#define PAIRS_SQL                                                                                            \
	"SELECT a.course_id, c.title, c.renewal_months, a.audience, a.due_date, a.due_days, a.created_at, "   \
	"u.id, u.name, u.email, u.created_at, m.added_at "                                                    \
	"FROM training_assignment a JOIN course c ON c.id = a.course_id "                                     \
	"JOIN users u ON u.disabled = 0 AND (a.audience IN ('everyone', 'group') "                           \
	"OR (a.audience = 'user' AND u.id = a.user_id) "                                                      \
	"OR (a.audience = 'new_joiners' AND u.created_at > a.created_at)) "                                   \
	"LEFT JOIN user_group_member m ON m.group_id = a.group_id AND m.user_id = u.id "                     \
	"WHERE (a.audience <> 'group' OR m.user_id IS NOT NULL)"

static const char *later(const char *x, const char *y)
{
	return !y || (x && strcmp(x, y) >= 0) ? x : y;
}

/* When the person must have passed under one assignment row: its date, or
 * due_days after the latest of the assignment, the person's creation and
 * their joining the group. */
static const char *row_due(struct stmt *st, struct arena *a)
{
	char out[16];
	const char *from;
	if (!stmt_isnull(st, 4))
		return arena_strdup(a, stmt_text(st, 4));
	from = later(stmt_text(st, 6), stmt_text(st, 10));
	from = later(from, stmt_isnull(st, 11) ? NULL : stmt_text(st, 11));
	if (time_date_plus_days(from, (int)stmt_int(st, 5), out))
		return NULL;
	return arena_strdup(a, out);
}

struct pass {
	int64_t course_id, user_id;
	int attempts, last_score, passes;
	int64_t score_sum;
	const char *passed_at; /* YYYY-MM-DD of the latest pass */
};

/* base plus " AND COURSE = ?" and " AND USER = ?" for the ids given (else
 * no_course when course_id is 0), then tail; prepared and bound. */
static struct stmt *prepare_for(struct store *s, const char *base, const char *course_col, const char *no_course,
				const char *user_col, int64_t course_id, int64_t user_id, const char *tail,
				struct err *e)
{
	struct strbuf sql = STRBUF_INIT;
	struct stmt *st;
	int idx = 1;
	sb_adds(&sql, base);
	if (course_id)
		sb_addf(&sql, " AND %s = ?", course_col);
	else if (no_course)
		sb_adds(&sql, no_course);
	if (user_id)
		sb_addf(&sql, " AND %s = ?", user_col);
	sb_adds(&sql, tail);
	st = store_prepare(s, sql.buf, e);
	sb_release(&sql);
	if (!st)
		return NULL;
	if (course_id)
		stmt_bind_int(st, idx++, course_id);
	if (user_id)
		stmt_bind_int(st, idx++, user_id);
	return st;
}

static int load_passes(struct store *s, int64_t course_id, int64_t user_id, struct arena *a, struct pass **out,
		       int *n, struct err *e)
{
	struct stmt *st = prepare_for(s,
				      "SELECT course_id, user_id, score, passed, submitted_at FROM training_attempt "
				      "WHERE submitted_at IS NOT NULL",
				      "course_id", NULL, "user_id", course_id, user_id, " ORDER BY course_id, user_id, id", e);
	int cap = 0, step;
	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		struct pass *p = *n ? &(*out)[*n - 1] : NULL;
		if (!p || p->course_id != stmt_int(st, 0) || p->user_id != stmt_int(st, 1)) {
			*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
			p = &(*out)[(*n)++];
			p->course_id = stmt_int(st, 0);
			p->user_id = stmt_int(st, 1);
		}
		p->attempts++;
		p->last_score = (int)stmt_int(st, 2);
		p->score_sum += stmt_int(st, 2);
		p->passes += stmt_int(st, 3) != 0;
		if (stmt_int(st, 3))
			p->passed_at = arena_strndup(a, stmt_text(st, 4), 10);
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

static const struct pass *find_pass(const struct pass *p, int n, int64_t course_id, int64_t user_id)
{
	int lo = 0, hi = n - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		int cmp = p[mid].course_id != course_id ? (p[mid].course_id < course_id ? -1 : 1)
			  : p[mid].user_id != user_id	 ? (p[mid].user_id < user_id ? -1 : 1)
							 : 0;
		if (!cmp)
			return &p[mid];
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

/* Decides t's state from its due date, the latest pass and the renewal. */
static void decide(struct training_status *t, const struct pass *p, int64_t renewal, const char *today,
		   struct arena *a)
{
	char until[16];
	t->attempts = p ? p->attempts : 0;
	t->passes = p ? p->passes : 0;
	t->score_sum = p ? p->score_sum : 0;
	t->last_score = p ? p->last_score : -1;
	t->passed_at = p ? p->passed_at : NULL;
	if (t->passed_at) {
		if (renewal <= 0) {
			t->state = TRAINING_COMPLETED;
			t->due_date = NULL;
			return;
		}
		time_date_plus_months(t->passed_at, (int)renewal, until);
		t->due_date = arena_strdup(a, until);
		if (strcmp(today, until) < 0) {
			t->state = TRAINING_COMPLETED;
			return;
		}
	}
	t->state = t->due_date && strcmp(t->due_date, today) < 0 ? TRAINING_OVERDUE : TRAINING_DUE;
}

int training_statuses(struct store *s, int64_t course_id, int64_t user_id, const char *today, struct arena *a,
		      struct training_status **out, int *n, struct err *e)
{
	struct stmt *st;
	struct pass *passes;
	int64_t *renewal = NULL;
	int cap = 0, rcap = 0, step, npasses;
	*out = NULL;
	*n = 0;
	if (load_passes(s, course_id, user_id, a, &passes, &npasses, e) ||
	    !(st = prepare_for(s, PAIRS_SQL, "a.course_id", " AND c.archived = 0 AND c.status = 'active'", "u.id",
			       course_id, user_id, " ORDER BY a.course_id, u.id", e)))
		return -1;
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		struct training_status *t = *n ? &(*out)[*n - 1] : NULL;
		const char *due = row_due(st, a);
		if (t && t->course_id == stmt_int(st, 0) && t->user_id == stmt_int(st, 7)) {
			/* another assignment reaching the same person: the earliest due date holds */
			if (due && (!t->due_date || strcmp(due, t->due_date) < 0))
				t->due_date = due;
			continue;
		}
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		renewal = arena_grow(a, renewal, *n, &rcap, sizeof(*renewal));
		renewal[*n] = stmt_isnull(st, 2) ? 0 : stmt_int(st, 2);
		t = &(*out)[(*n)++];
		t->course_id = stmt_int(st, 0);
		t->course_title = arena_strdup(a, stmt_text(st, 1));
		t->user_id = stmt_int(st, 7);
		t->user_name = arena_strdup(a, stmt_text(st, 8));
		t->user_email = arena_strdup(a, stmt_text(st, 9));
		t->due_date = due;
	}
	stmt_done(st);
	if (step < 0)
		return -1;
	for (int i = 0; i < *n; i++) {
		struct training_status *t = &(*out)[i];
		decide(t, find_pass(passes, npasses, t->course_id, t->user_id), renewal[i], today, a);
	}
	return 0;
}

static int by_due(const void *x, const void *y)
{
	const struct training_status *a = x, *b = y;
	int c = strcmp(a->due_date ? a->due_date : "9999", b->due_date ? b->due_date : "9999");
	return c ? c : (a->course_id > b->course_id) - (a->course_id < b->course_id);
}

int training_due(struct store *s, int64_t user_id, const char *today, struct arena *a,
		 struct training_status **out, int *n, struct err *e)
{
	struct training_status *all;
	int nall, k = 0;
	if (training_statuses(s, 0, user_id, today, a, &all, &nall, e))
		return -1;
	for (int i = 0; i < nall; i++)
		if (all[i].state != TRAINING_COMPLETED)
			all[k++] = all[i];
	if (k > 1)
		qsort(all, (size_t)k, sizeof(*all), by_due);
	*out = all;
	*n = k;
	return 0;
}

const char *training_state_name(enum training_state st)
{
	return st == TRAINING_COMPLETED ? "completed" : st == TRAINING_OVERDUE ? "overdue" : "due";
}

void training_status_json(const struct training_status *t, struct strbuf *sb)
{
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &first, "course", t->course_id);
	jsonw_kv_str(sb, &first, "course_title", t->course_title);
	jsonw_kv_int(sb, &first, "user_id", t->user_id);
	jsonw_kv_str(sb, &first, "user", t->user_name);
	jsonw_kv_str(sb, &first, "email", t->user_email);
	jsonw_kv_str(sb, &first, "status", training_state_name(t->state));
	jsonw_kv_str(sb, &first, "due_date", t->due_date);
	jsonw_kv_str(sb, &first, "passed_at", t->passed_at);
	jsonw_kv_int(sb, &first, "attempts", t->attempts);
	if (t->last_score >= 0)
		jsonw_kv_int(sb, &first, "last_score", t->last_score);
	else
		jsonw_kv_str(sb, &first, "last_score", NULL);
	sb_addc(sb, '}');
}

int training_rates(struct store *s, int64_t course_id, int64_t group_id, const char *today,
		   struct training_rates *out, struct err *e)
{
	struct arena a = ARENA_INIT;
	struct training_status *t;
	struct group_member *m = NULL;
	int n, nm = 0, rc = -1;
	memset(out, 0, sizeof(*out));
	if (training_statuses(s, course_id, 0, today, &a, &t, &n, e) ||
	    (group_id && group_members(s, group_id, &a, &m, &nm, e)))
		goto out;
	for (int i = 0; i < n; i++) {
		int in = !group_id;
		for (int j = 0; j < nm && !in; j++)
			in = m[j].user_id == t[i].user_id;
		if (!in)
			continue;
		out->assigned++;
		out->completed += t[i].state == TRAINING_COMPLETED;
		out->overdue += t[i].state == TRAINING_OVERDUE;
		out->attempts += t[i].attempts;
		out->passed += t[i].passes;
		out->score_sum += t[i].score_sum;
	}
	rc = 0;
out:
	arena_release(&a);
	return rc;
}

static double percent(int64_t num, int64_t den)
{
	if (den <= 0)
		return -1;
	return (double)(int64_t)((double)num * 1000.0 / (double)den + 0.5) / 10.0;
}

double training_completion_rate(const struct training_rates *r)
{
	return percent(r->completed, r->assigned);
}

double training_pass_rate(const struct training_rates *r)
{
	return percent(r->passed, r->attempts);
}

double training_average_score(const struct training_rates *r)
{
	return percent(r->score_sum, r->attempts * 100);
}

static void rate_member(struct strbuf *sb, int *first, const char *key, double v)
{
	jsonw_key(sb, first, key);
	if (v < 0)
		sb_adds(sb, "null");
	else
		sb_addf(sb, "%.1f", v);
}

void training_rates_members(const struct training_rates *r, struct strbuf *sb, int *first)
{
	jsonw_kv_int(sb, first, "assigned", r->assigned);
	jsonw_kv_int(sb, first, "completed", r->completed);
	jsonw_kv_int(sb, first, "overdue", r->overdue);
	jsonw_kv_int(sb, first, "attempts", r->attempts);
	jsonw_kv_int(sb, first, "passed", r->passed);
	rate_member(sb, first, "completion_rate", training_completion_rate(r));
	rate_member(sb, first, "pass_rate", training_pass_rate(r));
	rate_member(sb, first, "average_score", training_average_score(r));
}
