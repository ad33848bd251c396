/* training: a course's quiz, its assignments and the attempts at it (see
 * training.h; where people stand is training_status.c). */
#include "isms/training.h"

#include <stdio.h>
#include <string.h>

#include "base/jsonw.h"
#include "base/timeutil.h"
#include "base/util.h"
#include "isms/audit.h"
#include "isms/record.h"
#include "model/entity.h"

#define QUESTION_MAX_LEN 1000
#define CHOICE_MAX_LEN 500
#define DUE_DAYS_MAX 3650

static const char *const audiences[] = { "user", "group", "everyone", "new_joiners", NULL };

static int may_manage(const struct actor *who, struct err *e)
{
	if (who && who->role < ROLE_MANAGER)
		return err_set(e, 403, "forbidden", "Managing training needs the ISMS manager role or above.");
	return 0;
}

/* The course as who may read it (everyone for who NULL), live; active when
 * asked. */
static int course_open(struct store *s, const struct actor *who, int64_t course_id, int need_active,
		       struct arena *a, struct record *r, struct err *e)
{
	const struct entity *ent = entity_by_name("course");
	int st;
	if (record_read(s, who, ent, course_id, a, r, e))
		return -1;
	if (r->archived)
		return err_set(e, 409, "archived", "The course is archived.");
	st = entity_field_index(ent, "status");
	if (need_active && !streq(r->values[st], "active"))
		return err_set(e, 409, "retired", "The course is retired: it can no longer be taken or assigned.");
	return 0;
}

static int64_t course_int(const struct record *r, const char *field, int64_t def)
{
	int i = entity_field_index(entity_by_name("course"), field);
	int64_t v = def;
	if (i >= 0 && r->values[i])
		parse_int64(r->values[i], &v);
	return v;
}

/* ---- the quiz ------------------------------------------------------------ */

/* Reports a problem of question qi (choice ci, or -1) on its JSON place, or
 * in text mode on field "quiz" naming the line. */
struct quiz_where {
	int text;       /* text mode */
	const int *lines; /* text mode: the line of each question */
};

static int quiz_problem(struct err *e, const struct quiz_where *w, int qi, const char *part, const char *msg)
{
	char field[48];
	if (w->text)
		return err_field(e, "quiz", "invalid", "Line %d: %s", w->lines ? w->lines[qi] : qi + 1, msg);
	if (qi < 0)
		snprintf(field, sizeof(field), "questions");
	else
		snprintf(field, sizeof(field), "questions[%d]%s%s", qi, part ? "." : "", part ? part : "");
	return err_field(e, field, "invalid", "%s", msg);
}

static int quiz_check(const struct quiz *q, const struct quiz_where *w, struct err *e)
{
	if (q->n == 0)
		return w->text ? err_field(e, "quiz", "required", "Write at least one question: a line starting with "
								"\"? \", then its choices.")
			       : err_field(e, "questions", "required", "Give at least one question.");
	if (q->n > TRAINING_MAX_QUESTIONS)
		return quiz_problem(e, w, w->text ? TRAINING_MAX_QUESTIONS : -1, NULL,
				    "A quiz has at most 20 questions.");
	for (int i = 0; i < q->n; i++) {
		const struct quiz_question *qq = &q->q[i];
		int correct = 0;
		long len = qq->text ? utf8_length(qq->text) : -1;
		if (len <= 0)
			quiz_problem(e, w, i, "text", "The question has no text.");
		else if (len > QUESTION_MAX_LEN)
			quiz_problem(e, w, i, "text", "A question has at most 1000 characters.");
		for (int c = 0; c < qq->nchoices; c++) {
			long cl = qq->choices[c].text ? utf8_length(qq->choices[c].text) : -1;
			correct += qq->choices[c].correct;
			if (cl <= 0 || cl > CHOICE_MAX_LEN) {
				quiz_problem(e, w, i, "choices",
					     cl <= 0 ? "A choice has no text." : "A choice has at most 500 characters.");
				break;
			}
		}
		if (qq->nchoices < TRAINING_MIN_CHOICES)
			quiz_problem(e, w, i, "choices", "A question needs 2 to 6 choices.");
		else if (!correct)
			quiz_problem(e, w, i, "choices", "Mark at least one choice correct.");
	}
	return e->status ? -1 : 0;
}

int training_quiz_from_json(json_t *body, struct arena *a, struct quiz *out, struct err *e)
{
	static const struct quiz_where w = { 0, NULL };
	json_t *qs, *v;
	const char *key;
	size_t i;
	memset(out, 0, sizeof(*out));
	if (!json_is_object(body))
		return err_set(e, 400, "bad_json", "The body must be a JSON object.");
	json_object_foreach(body, key, v)
		if (strcmp(key, "questions") != 0)
			err_field(e, key, "unknown_field", "Not expected here.");
	if (e->status) {
		e->status = 400;
		return -1;
	}
	qs = json_object_get(body, "questions");
	if (!json_is_array(qs))
		return err_field(e, "questions", qs ? "type" : "required", "Give the questions as a list.");
	if (json_array_size(qs) > TRAINING_MAX_QUESTIONS)
		return err_field(e, "questions", "too_many", "A quiz has at most 20 questions.");
	out->q = arena_alloc(a, sizeof(*out->q) * (json_array_size(qs) + 1));
	json_array_foreach(qs, i, v) {
		struct quiz_question *qq = &out->q[out->n++];
		json_t *cs = json_object_get(v, "choices"), *c;
		size_t j;
		char field[48];
		snprintf(field, sizeof(field), "questions[%d]", (int)i);
		if (!json_is_object(v) || json_object_size(v) != 2 || !json_is_string(json_object_get(v, "text")) ||
		    !json_is_array(cs)) {
			err_field(e, field, "type", "Each question is {\"text\": \"...\", \"choices\": [...]}.");
			continue;
		}
		qq->text = arena_strdup(a, json_string_value(json_object_get(v, "text")));
		if (json_array_size(cs) > TRAINING_MAX_CHOICES) {
			quiz_problem(e, &w, (int)i, "choices", "A question needs 2 to 6 choices.");
			continue;
		}
		json_array_foreach(cs, j, c) {
			json_t *t = json_object_get(c, "text"), *ok = json_object_get(c, "correct");
			if (!json_is_object(c) || !json_is_string(t) || (ok && !json_is_boolean(ok)) ||
			    json_object_size(c) != (size_t)(ok ? 2 : 1)) {
				quiz_problem(e, &w, (int)i, "choices",
					     "Each choice is {\"text\": \"...\", \"correct\": true or false}.");
				break;
			}
			qq->choices[qq->nchoices].text = arena_strdup(a, json_string_value(t));
			qq->choices[qq->nchoices++].correct = ok && json_is_true(ok);
		}
	}
	if (e->status)
		return -1;
	return quiz_check(out, &w, e);
}

int training_quiz_from_text(const char *text, struct arena *a, struct quiz *out, struct err *e)
{
	int cap = 0, *lines = NULL, line = 0;
	const char *p = text ? text : "";
	struct quiz_where w = { 1, NULL };
	memset(out, 0, sizeof(*out));
	while (*p) {
		const char *end = strchr(p, '\n'), *s;
		size_t n = end ? (size_t)(end - p) : strlen(p);
		line++;
		while (n && (p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		s = p;
		while (n && (*s == ' ' || *s == '\t')) {
			s++;
			n--;
		}
		if (n == 0) {
			/* blank */
		} else if (n >= 1 && (*s == '?' || *s == '*' || *s == '-')) {
			char kind = *s;
			const char *t = s + 1;
			size_t tn = n - 1;
			while (tn && *t == ' ') {
				t++;
				tn--;
			}
			if (kind == '?') {
				if (out->n > TRAINING_MAX_QUESTIONS)
					break;
				out->q = arena_grow(a, out->q, out->n, &cap, sizeof(*out->q));
				out->q[out->n].text = arena_strndup(a, t, tn);
				out->q[out->n].id = line; /* its line, until saved */
				out->n++;
			} else if (!out->n) {
				return err_field(e, "quiz", "invalid", "Line %d: a choice before the first question "
								      "(a question starts with \"? \").", line);
			} else if (out->q[out->n - 1].nchoices == TRAINING_MAX_CHOICES) {
				return err_field(e, "quiz", "invalid", "Line %d: a question has at most 6 choices.", line);
			} else {
				struct quiz_question *qq = &out->q[out->n - 1];
				qq->choices[qq->nchoices].text = arena_strndup(a, t, tn);
				qq->choices[qq->nchoices++].correct = kind == '*';
			}
		} else {
			return err_field(e, "quiz", "invalid", "Line %d: start it with \"? \" for a question, \"* \" for a "
							      "correct choice or \"- \" for a wrong one.", line);
		}
		p = end ? end + 1 : p + strlen(p);
	}
	lines = arena_alloc(a, sizeof(int) * (size_t)(out->n + 1));
	for (int i = 0; i < out->n; i++) {
		lines[i] = (int)out->q[i].id;
		out->q[i].id = 0;
	}
	w.lines = lines;
	return quiz_check(out, &w, e);
}

void training_quiz_text(const struct quiz *q, struct strbuf *sb)
{
	for (int i = 0; i < q->n; i++) {
		sb_addf(sb, "%s? %s\n", i ? "\n" : "", q->q[i].text);
		for (int c = 0; c < q->q[i].nchoices; c++)
			sb_addf(sb, "%c %s\n", q->q[i].choices[c].correct ? '*' : '-', q->q[i].choices[c].text);
	}
}

int training_quiz_get(struct store *s, int64_t course_id, struct arena *a, struct quiz *out, struct err *e)
{
	struct stmt *st = store_prepare(s,
					"SELECT q.id, q.text, c.id, c.text, c.correct FROM course_question q "
					"JOIN course_choice c ON c.question_id = q.id "
					"WHERE q.course_id = ? AND q.retired = 0 ORDER BY q.position, c.position",
					e);
	int cap = 0, step;
	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	stmt_bind_int(st, 1, course_id);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		struct quiz_question *qq;
		if (!out->n || out->q[out->n - 1].id != stmt_int(st, 0)) {
			out->q = arena_grow(a, out->q, out->n, &cap, sizeof(*out->q));
			qq = &out->q[out->n++];
			qq->id = stmt_int(st, 0);
			qq->text = arena_strdup(a, stmt_text(st, 1));
		}
		qq = &out->q[out->n - 1];
		if (qq->nchoices < TRAINING_MAX_CHOICES) {
			qq->choices[qq->nchoices].id = stmt_int(st, 2);
			qq->choices[qq->nchoices].text = arena_strdup(a, stmt_text(st, 3));
			qq->choices[qq->nchoices++].correct = stmt_int(st, 4) != 0;
		}
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

void training_quiz_json(int64_t course_id, const struct quiz *q, int with_answers, struct strbuf *sb)
{
	int first = 1;
	sb_addc(sb, '{');
	if (course_id)
		jsonw_kv_int(sb, &first, "course", course_id);
	jsonw_key(sb, &first, "questions");
	sb_addc(sb, '[');
	for (int i = 0; i < q->n; i++) {
		int f = 1;
		sb_adds(sb, i ? ",{" : "{");
		if (q->q[i].id)
			jsonw_kv_int(sb, &f, "id", q->q[i].id);
		jsonw_kv_str(sb, &f, "text", q->q[i].text);
		jsonw_key(sb, &f, "choices");
		sb_addc(sb, '[');
		for (int c = 0; c < q->q[i].nchoices; c++) {
			int fc = 1;
			sb_adds(sb, c ? ",{" : "{");
			if (q->q[i].choices[c].id)
				jsonw_kv_int(sb, &fc, "id", q->q[i].choices[c].id);
			jsonw_kv_str(sb, &fc, "text", q->q[i].choices[c].text);
			if (with_answers)
				jsonw_kv_bool(sb, &fc, "correct", q->q[i].choices[c].correct);
			sb_addc(sb, '}');
		}
		sb_adds(sb, "]}");
	}
	sb_adds(sb, "]}");
}

/* sb's text in a, for an audit entry; sb is released. */
static char *audit_text(struct arena *a, struct strbuf *sb)
{
	char *out = arena_strndup(a, sb->buf, sb->len);
	sb_release(sb);
	return out;
}

static char *quiz_audit_json(struct arena *a, const struct quiz *q)
{
	struct strbuf sb = STRBUF_INIT;
	training_quiz_json(0, q, 1, &sb);
	return audit_text(a, &sb);
}

int training_quiz_save(struct store *s, const struct actor *who, int64_t course_id, const struct quiz *q,
		       struct err *e)
{
	static const struct quiz_where w = { 0, NULL };
	struct arena a = ARENA_INIT;
	struct record r;
	struct quiz old;
	int rc = -1;
	if (may_manage(who, e) || quiz_check(q, &w, e))
		return -1;
	if (store_begin(s, e))
		return -1;
	if (course_open(s, NULL, course_id, 0, &a, &r, e) || training_quiz_get(s, course_id, &a, &old, e) ||
	    STORE_RUN(s, e, "UPDATE course_question SET retired = 1 WHERE course_id = ? AND retired = 0",
		      ARG_INT(course_id)))
		goto out;
	for (int i = 0; i < q->n; i++) {
		struct stmt *st = store_prepare(s, "INSERT INTO course_question (course_id, position, text, retired) "
						   "VALUES (?, ?, ?, 0) RETURNING id", e);
		int64_t qid;
		if (!st)
			goto out;
		stmt_bind_int(st, 1, course_id);
		stmt_bind_int(st, 2, i + 1);
		stmt_bind_text(st, 3, q->q[i].text);
		if (stmt_step(st, e) != STORE_ROW) {
			stmt_done(st);
			goto out;
		}
		qid = stmt_int(st, 0);
		stmt_done(st);
		for (int c = 0; c < q->q[i].nchoices; c++)
			if (STORE_RUN(s, e, "INSERT INTO course_choice (question_id, position, text, correct) "
					    "VALUES (?, ?, ?, ?)",
				      ARG_INT(qid), ARG_INT(c + 1), ARG_TEXT(q->q[i].choices[c].text),
				      ARG_INT(q->q[i].choices[c].correct)))
				goto out;
	}
	if (audit_append(s, who, "course_quiz", "course", course_id, old.n ? quiz_audit_json(&a, &old) : NULL,
			 quiz_audit_json(&a, q), e))
		goto out;
	rc = store_commit(s, e);
out:
	if (rc)
		store_rollback(s);
	arena_release(&a);
	return rc;
}

/* ---- assignments --------------------------------------------------------- */

static int check_assign(const struct training_assign_in *in, struct err *e)
{
	int aud = -1;
	for (int i = 0; audiences[i]; i++)
		if (streq(in->audience, audiences[i]))
			aud = i;
	if (!in->audience)
		err_field(e, "audience", "required", "Say who must take the course: user, group, everyone or new_joiners.");
	else if (aud < 0)
		err_field(e, "audience", "enum", "Must be one of user, group, everyone, new_joiners.");
	if (aud == 0 && !in->user_set)
		err_field(e, "user_id", "required", "Name the person who must take the course.");
	if (aud != 0 && in->user_set)
		err_field(e, "user_id", "not_allowed", "Only for the audience \"user\".");
	if (aud == 1 && !in->group_set)
		err_field(e, "group_id", "required", "Name the group that must take the course.");
	if (aud != 1 && in->group_set)
		err_field(e, "group_id", "not_allowed", "Only for the audience \"group\".");
	if (in->due_date && in->due_days_set)
		err_field(e, "due_date", "conflict", "Give a due date or a number of days, not both.");
	else if (!in->due_date && !in->due_days_set)
		err_field(e, "due_date", "required", "Give a due date, or the number of days people have (due_days).");
	else if (in->due_date && time_check_date(in->due_date))
		err_field(e, "due_date", "date", "Must be a date, YYYY-MM-DD.");
	else if (in->due_days_set && (in->due_days < 0 || in->due_days > DUE_DAYS_MAX))
		err_field(e, "due_days", "range", "Must be between 0 and 3650 days.");
	return e->status ? -1 : 0;
}

#define ASSIGNMENT_SELECT                                                                                   \
	"SELECT a.id, a.course_id, a.audience, a.user_id, a.group_id, "                                      \
	"CASE WHEN a.audience = 'user' THEN u.name ELSE g.name END, a.due_date, a.due_days, a.created_at "  \
	"FROM training_assignment a LEFT JOIN users u ON u.id = a.user_id "                                  \
	"LEFT JOIN user_group g ON g.id = a.group_id"

static void read_assignment(struct stmt *st, struct arena *a, struct training_assignment *t)
{
	t->id = stmt_int(st, 0);
	t->course_id = stmt_int(st, 1);
	t->audience = arena_strdup(a, stmt_text(st, 2));
	t->user_id = stmt_isnull(st, 3) ? 0 : stmt_int(st, 3);
	t->group_id = stmt_isnull(st, 4) ? 0 : stmt_int(st, 4);
	t->target = arena_strdup(a, stmt_text(st, 5));
	t->due_date = arena_strdup(a, stmt_text(st, 6));
	t->due_days = stmt_isnull(st, 7) ? -1 : stmt_int(st, 7);
	t->created_at = arena_strdup(a, stmt_text(st, 8));
}

static int assignment_get(struct store *s, int64_t course_id, int64_t id, struct arena *a,
			  struct training_assignment *out, struct err *e)
{
	struct stmt *st = store_prepare(s, ASSIGNMENT_SELECT " WHERE a.id = ? AND a.course_id = ?", e);
	int step;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, id);
	stmt_bind_int(st, 2, course_id);
	if ((step = stmt_step(st, e)) == STORE_ROW)
		read_assignment(st, a, out);
	stmt_done(st);
	if (step == STORE_DONE)
		return err_set(e, 404, "not_found", "Course %lld has no assignment %lld.", (long long)course_id,
			       (long long)id);
	return step < 0 ? -1 : 0;
}

int training_assignments(struct store *s, int64_t course_id, struct arena *a, struct training_assignment **out,
			 int *n, struct err *e)
{
	struct stmt *st = store_prepare(s, ASSIGNMENT_SELECT " WHERE a.course_id = ? ORDER BY a.id", e);
	int cap = 0, step;
	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, course_id);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		read_assignment(st, a, &(*out)[(*n)++]);
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

void training_assignment_json(const struct training_assignment *t, struct strbuf *sb)
{
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &first, "id", t->id);
	jsonw_kv_int(sb, &first, "course", t->course_id);
	jsonw_kv_str(sb, &first, "audience", t->audience);
	jsonw_kv_id(sb, &first, "user_id", t->user_id);
	jsonw_kv_id(sb, &first, "group_id", t->group_id);
	jsonw_kv_str(sb, &first, "target", t->target);
	jsonw_kv_str(sb, &first, "due_date", t->due_date);
	if (t->due_days >= 0)
		jsonw_kv_int(sb, &first, "due_days", t->due_days);
	else
		jsonw_kv_str(sb, &first, "due_days", NULL);
	jsonw_kv_str(sb, &first, "created_at", t->created_at);
	sb_addc(sb, '}');
}

const char *training_audience_label(struct arena *a, const struct training_assignment *t)
{
	if (streq(t->audience, "everyone"))
		return "Everyone";
	if (streq(t->audience, "new_joiners"))
		return "All new joiners";
	if (streq(t->audience, "group"))
		return arena_printf(a, "Group %s", t->target ? t->target : "?");
	return t->target ? t->target : "?";
}

const char *training_due_label(struct arena *a, const struct training_assignment *t)
{
	if (t->due_date)
		return arena_printf(a, "by %s", t->due_date);
	return arena_printf(a, "within %lld days%s", (long long)t->due_days,
			    streq(t->audience, "new_joiners") ? " of joining" : "");
}

static char *assignment_audit_json(struct arena *a, const struct training_assignment *t)
{
	struct strbuf sb = STRBUF_INIT;
	training_assignment_json(t, &sb);
	return audit_text(a, &sb);
}

/* 422 on field unless the row exists (a live, enabled user; a group). */
static int target_exists(struct store *s, const char *sql, int64_t id, const char *field, const char *what,
			 struct err *e)
{
	struct stmt *st = store_prepare(s, sql, e);
	int step;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, id);
	step = stmt_step(st, e);
	stmt_done(st);
	if (step == STORE_DONE)
		return err_field(e, field, "reference", "No %s with id %lld.", what, (long long)id);
	return step < 0 ? -1 : 0;
}

int training_assign(struct store *s, const struct actor *who, int64_t course_id, const struct training_assign_in *in,
		    int64_t *id, struct err *e)
{
	struct arena a = ARENA_INIT;
	struct record r;
	struct training_assignment t;
	struct stmt *st;
	char now[32];
	int rc = -1, step;
	if (may_manage(who, e) || check_assign(in, e))
		return -1;
	if (store_begin(s, e))
		return -1;
	if (course_open(s, NULL, course_id, 1, &a, &r, e))
		goto out;
	if (streq(in->audience, "user") &&
	    target_exists(s, "SELECT 1 FROM users WHERE id = ? AND disabled = 0", in->user_id, "user_id",
			  "enabled user", e))
		goto out;
	if (streq(in->audience, "group") &&
	    target_exists(s, "SELECT 1 FROM user_group WHERE id = ?", in->group_id, "group_id", "group", e))
		goto out;
	if (!(st = store_prepare(s, "SELECT id FROM training_assignment WHERE course_id = ? AND audience = ? "
				    "AND (user_id IS NULL OR user_id = ?) AND (group_id IS NULL OR group_id = ?)",
				 e)))
		goto out;
	stmt_bind_int(st, 1, course_id);
	stmt_bind_text(st, 2, in->audience);
	stmt_bind_int(st, 3, in->user_id);
	stmt_bind_int(st, 4, in->group_id);
	step = stmt_step(st, e);
	stmt_done(st);
	if (step == STORE_ROW) {
		err_set(e, 409, "duplicate", "The course is already assigned to them; remove that assignment first to "
					     "change its due date.");
		goto out;
	}
	if (step < 0)
		goto out;
	time_now_iso(now);
	if (!(st = store_prepare(s, "INSERT INTO training_assignment (course_id, audience, user_id, group_id, "
				    "due_date, due_days, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
				    "RETURNING id",
				 e)))
		goto out;
	stmt_bind_int(st, 1, course_id);
	stmt_bind_text(st, 2, in->audience);
	stmt_bind_id(st, 3, in->user_set ? in->user_id : 0);
	stmt_bind_id(st, 4, in->group_set ? in->group_id : 0);
	stmt_bind_text(st, 5, in->due_date);
	if (in->due_days_set)
		stmt_bind_int(st, 6, in->due_days);
	else
		stmt_bind_null(st, 6);
	stmt_bind_text(st, 7, now);
	stmt_bind_id(st, 8, who ? who->user_id : 0);
	step = stmt_step(st, e);
	if (step == STORE_ROW)
		*id = stmt_int(st, 0);
	stmt_done(st);
	if (step != STORE_ROW || assignment_get(s, course_id, *id, &a, &t, e) ||
	    audit_append(s, who, "training_assign", "course", course_id, NULL, assignment_audit_json(&a, &t), e))
		goto out;
	rc = store_commit(s, e);
out:
	if (rc)
		store_rollback(s);
	arena_release(&a);
	return rc;
}

int training_unassign(struct store *s, const struct actor *who, int64_t course_id, int64_t assignment_id,
		      struct err *e)
{
	struct arena a = ARENA_INIT;
	struct training_assignment t;
	int rc = -1;
	if (may_manage(who, e))
		return -1;
	if (store_begin(s, e))
		return -1;
	if (assignment_get(s, course_id, assignment_id, &a, &t, e) ||
	    STORE_RUN(s, e, "DELETE FROM training_assignment WHERE id = ?", ARG_INT(assignment_id)) ||
	    audit_append(s, who, "training_unassign", "course", course_id, assignment_audit_json(&a, &t), NULL, e))
		goto out;
	rc = store_commit(s, e);
out:
	if (rc)
		store_rollback(s);
	arena_release(&a);
	return rc;
}

/* ---- attempts ------------------------------------------------------------ */

int training_answers_from_json(json_t *answers, struct arena *a, struct training_answer **out, int *n,
			       struct err *e)
{
	json_t *v;
	size_t i;
	*out = NULL;
	*n = 0;
	if (!json_is_array(answers))
		return err_field(e, "answers", "type", "Give the answers as a list of {\"question\": ID, \"choices\": [ID]}.");
	if (json_array_size(answers) > TRAINING_MAX_QUESTIONS)
		return err_field(e, "answers", "too_many", "A quiz has at most 20 questions.");
	*out = arena_alloc(a, sizeof(**out) * (json_array_size(answers) + 1));
	json_array_foreach(answers, i, v) {
		struct training_answer *t = &(*out)[(*n)++];
		json_t *q = json_object_get(v, "question"), *cs = json_object_get(v, "choices"), *c;
		size_t j;
		if (!json_is_object(v) || json_object_size(v) != 2 || !json_is_integer(q) || !json_is_array(cs) ||
		    json_array_size(cs) > TRAINING_MAX_CHOICES)
			return err_field(e, "answers", "type",
					 "Answer %d: give {\"question\": ID, \"choices\": [ID, ...]} with at most 6 choices.",
					 (int)i + 1);
		t->question_id = json_integer_value(q);
		json_array_foreach(cs, j, c) {
			if (!json_is_integer(c))
				return err_field(e, "answers", "type", "Answer %d: choices are ids (whole numbers).",
						 (int)i + 1);
			t->choices[t->n++] = json_integer_value(c);
		}
	}
	return 0;
}

static int find_question(const struct quiz *q, int64_t id)
{
	for (int i = 0; i < q->n; i++)
		if (q->q[i].id == id)
			return i;
	return -1;
}

static int has_choice(const struct quiz_question *qq, int64_t id)
{
	for (int c = 0; c < qq->nchoices; c++)
		if (qq->choices[c].id == id)
			return c;
	return -1;
}

/* Checks the answers against the quiz and scores them into out. */
static int score(const struct quiz *q, const struct training_answer *ans, int nans, struct training_attempt *out,
		 struct err *e)
{
	int given[TRAINING_MAX_QUESTIONS + 1] = { 0 };
	for (int i = 0; i < nans; i++) {
		int qi = find_question(q, ans[i].question_id);
		if (qi < 0)
			return err_field(e, "answers", "not_in_quiz", "Question %lld is not a question of this course's quiz.",
					 (long long)ans[i].question_id);
		if (given[qi]++)
			return err_field(e, "answers", "duplicate", "Question %lld is answered twice.",
					 (long long)ans[i].question_id);
		for (int c = 0; c < ans[i].n; c++) {
			if (has_choice(&q->q[qi], ans[i].choices[c]) < 0)
				return err_field(e, "answers", "not_in_quiz", "Choice %lld is not a choice of question %lld.",
						 (long long)ans[i].choices[c], (long long)ans[i].question_id);
			for (int d = 0; d < c; d++)
				if (ans[i].choices[d] == ans[i].choices[c])
					return err_field(e, "answers", "duplicate", "Choice %lld is given twice.",
							 (long long)ans[i].choices[c]);
		}
	}
	for (int qi = 0; qi < q->n; qi++) {
		int answered = 0;
		for (int i = 0; i < nans; i++)
			if (ans[i].question_id == q->q[qi].id && ans[i].n)
				answered = 1;
		if (!answered) {
			char field[48];
			snprintf(field, sizeof(field), "q%lld", (long long)q->q[qi].id);
			err_field(e, field, "required", "Answer this question.");
		}
	}
	if (e->status)
		return -1;
	out->total = q->n;
	out->correct = 0;
	for (int i = 0; i < nans; i++) {
		const struct quiz_question *qq = &q->q[find_question(q, ans[i].question_id)];
		int chosen_right = 0, right = 0;
		for (int c = 0; c < qq->nchoices; c++)
			right += qq->choices[c].correct;
		for (int c = 0; c < ans[i].n; c++)
			chosen_right += qq->choices[has_choice(qq, ans[i].choices[c])].correct;
		out->correct += chosen_right == right && ans[i].n == right;
	}
	out->score = out->correct * 100 / out->total;
	out->passed = out->correct * 100 >= out->pass_mark * out->total;
	return 0;
}

static int may_take(const struct actor *who, struct err *e)
{
	if (!who || !who->user_id)
		return err_set(e, 422, "no_user", "Only a person takes a course: act as a user (--as EMAIL).");
	return 0;
}

/* Opens an attempt inside the caller's transaction. */
static int attempt_open(struct store *s, const struct actor *who, int64_t course_id, const char *now, int64_t *id,
			struct err *e)
{
	struct stmt *st = store_prepare(s, "INSERT INTO training_attempt (course_id, user_id, started_at) "
					   "VALUES (?, ?, ?) RETURNING id", e);
	int step;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, course_id);
	stmt_bind_int(st, 2, who->user_id);
	stmt_bind_text(st, 3, now);
	if ((step = stmt_step(st, e)) == STORE_ROW)
		*id = stmt_int(st, 0);
	stmt_done(st);
	return step == STORE_ROW ? 0 : -1;
}

/* The course a learner may take: readable by them, live, active, with a quiz. */
static int course_takeable(struct store *s, const struct actor *who, int64_t course_id, struct arena *a,
			   struct record *r, struct quiz *q, struct err *e)
{
	if (course_open(s, who, course_id, 1, a, r, e) || training_quiz_get(s, course_id, a, q, e))
		return -1;
	if (q->n == 0)
		return err_set(e, 409, "no_quiz", "The course has no quiz yet.");
	return 0;
}

int training_attempt_start(struct store *s, const struct actor *who, int64_t course_id, int64_t *attempt_id,
			   struct err *e)
{
	struct arena a = ARENA_INIT;
	struct record r;
	struct quiz q;
	char now[32];
	int rc = -1;
	if (may_take(who, e))
		return -1;
	if (store_begin(s, e))
		return -1;
	time_now_iso(now);
	if (course_takeable(s, who, course_id, &a, &r, &q, e) || attempt_open(s, who, course_id, now, attempt_id, e) ||
	    audit_append(s, who, "training_attempt_start", "course", course_id, NULL,
			 arena_printf(&a, "{\"attempt\":%lld}", (long long)*attempt_id), e))
		goto out;
	rc = store_commit(s, e);
out:
	if (rc)
		store_rollback(s);
	arena_release(&a);
	return rc;
}

static char *attempt_audit_json(struct arena *a, const struct training_attempt *t)
{
	struct strbuf sb = STRBUF_INIT;
	training_attempt_json(t, &sb);
	return audit_text(a, &sb);
}

int training_attempt_submit(struct store *s, const struct actor *who, int64_t course_id, int64_t attempt_id,
			    const struct training_answer *ans, int nans, struct arena *ra, struct training_attempt *out,
			    struct err *e)
{
	struct arena a = ARENA_INIT;
	struct record r;
	struct quiz q;
	char now[32];
	int rc = -1;
	memset(out, 0, sizeof(*out));
	if (may_take(who, e))
		return -1;
	if (store_begin(s, e))
		return -1;
	time_now_iso(now);
	if (course_takeable(s, who, course_id, &a, &r, &q, e))
		goto out;
	if (attempt_id) {
		struct stmt *st = store_prepare(s, "SELECT submitted_at, started_at FROM training_attempt "
						   "WHERE id = ? AND course_id = ? AND user_id = ?", e);
		int step;
		if (!st)
			goto out;
		stmt_bind_int(st, 1, attempt_id);
		stmt_bind_int(st, 2, course_id);
		stmt_bind_int(st, 3, who->user_id);
		step = stmt_step(st, e);
		if (step == STORE_ROW) {
			out->started_at = arena_strdup(ra, stmt_text(st, 1));
			if (!stmt_isnull(st, 0))
				err_set(e, 409, "submitted", "This attempt is already submitted; start a new one.");
		} else if (step == STORE_DONE) {
			err_set(e, 404, "not_found", "You have no attempt %lld at this course.", (long long)attempt_id);
		}
		stmt_done(st);
		if (e->status || step < 0)
			goto out;
	} else {
		out->started_at = arena_strdup(ra, now);
		if (attempt_open(s, who, course_id, now, &attempt_id, e))
			goto out;
	}
	out->id = attempt_id;
	out->course_id = course_id;
	out->user_id = who->user_id;
	out->user_name = arena_strdup(ra, who->name);
	out->submitted_at = arena_strdup(ra, now);
	out->pass_mark = (int)course_int(&r, "pass_mark", 80);
	if (score(&q, ans, nans, out, e))
		goto out;
	for (int i = 0; i < nans; i++)
		for (int c = 0; c < ans[i].n; c++)
			if (STORE_RUN(s, e, "INSERT INTO training_answer (attempt_id, question_id, choice_id) VALUES (?, ?, ?)",
				      ARG_INT(attempt_id), ARG_INT(ans[i].question_id), ARG_INT(ans[i].choices[c])))
				goto out;
	if (STORE_RUN(s, e, "UPDATE training_attempt SET submitted_at = ?, correct = ?, total = ?, score = ?, "
			    "pass_mark = ?, passed = ? WHERE id = ?",
		      ARG_TEXT(now), ARG_INT(out->correct), ARG_INT(out->total), ARG_INT(out->score),
		      ARG_INT(out->pass_mark), ARG_INT(out->passed), ARG_INT(attempt_id)) ||
	    audit_append(s, who, "training_attempt", "course", course_id, NULL, attempt_audit_json(&a, out), e))
		goto out;
	rc = store_commit(s, e);
out:
	if (rc) {
		store_rollback(s);
		memset(out, 0, sizeof(*out));
	}
	arena_release(&a);
	return rc;
}

int training_attempts(struct store *s, int64_t course_id, int64_t user_id, struct arena *a,
		      struct training_attempt **out, int *n, struct err *e)
{
	struct stmt *st = store_prepare(s,
					"SELECT t.id, t.course_id, t.user_id, u.name, t.started_at, t.submitted_at, "
					"t.correct, t.total, t.score, t.pass_mark, t.passed FROM training_attempt t "
					"JOIN users u ON u.id = t.user_id WHERE t.course_id = ? AND (t.user_id = ? OR ? = 0) "
					"ORDER BY t.id DESC",
					e);
	int cap = 0, step;
	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, course_id);
	stmt_bind_int(st, 2, user_id);
	stmt_bind_int(st, 3, user_id);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		struct training_attempt *t;
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		t = &(*out)[(*n)++];
		t->id = stmt_int(st, 0);
		t->course_id = stmt_int(st, 1);
		t->user_id = stmt_int(st, 2);
		t->user_name = arena_strdup(a, stmt_text(st, 3));
		t->started_at = arena_strdup(a, stmt_text(st, 4));
		t->submitted_at = arena_strdup(a, stmt_text(st, 5));
		t->correct = (int)stmt_int(st, 6);
		t->total = (int)stmt_int(st, 7);
		t->score = (int)stmt_int(st, 8);
		t->pass_mark = (int)stmt_int(st, 9);
		t->passed = (int)stmt_int(st, 10);
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

void training_attempt_json(const struct training_attempt *t, struct strbuf *sb)
{
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &first, "id", t->id);
	jsonw_kv_int(sb, &first, "course", t->course_id);
	jsonw_kv_int(sb, &first, "user_id", t->user_id);
	jsonw_kv_str(sb, &first, "user", t->user_name);
	jsonw_kv_str(sb, &first, "status", t->submitted_at ? "submitted" : "open");
	jsonw_kv_str(sb, &first, "started_at", t->started_at);
	jsonw_kv_str(sb, &first, "submitted_at", t->submitted_at);
	if (t->submitted_at) {
		jsonw_kv_int(sb, &first, "correct", t->correct);
		jsonw_kv_int(sb, &first, "total", t->total);
		jsonw_kv_int(sb, &first, "score", t->score);
		jsonw_kv_int(sb, &first, "pass_mark", t->pass_mark);
		jsonw_kv_bool(sb, &first, "passed", t->passed);
	}
	sb_addc(sb, '}');
}
