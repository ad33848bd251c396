/* training: awareness training (ISO 27001 7.2/7.3). A course is a record of
 * the entity table (model/types/course.c: title, content, pass mark,
 * renewal period, active or retired); this module owns the rest:
 *
 *   - the quiz (course_question, course_choice): 1 to TRAINING_MAX_QUESTIONS
 *     multiple-choice questions of 2 to 6 choices, at least one correct.
 *     Saving a quiz replaces it whole; the old questions are retired, not
 *     deleted, so earlier attempts keep what they answered.
 *   - assignments (training_assignment): a course is due for a person, a
 *     group, everyone, or all new joiners (users created after the
 *     assignment — decided when read, so nobody has to run anything when
 *     someone joins), by a fixed date or N days after the person came under
 *     the assignment (was created, joined the group, or the assignment was
 *     made, whichever is latest).
 *   - attempts (training_attempt, training_answer): a person answers the
 *     quiz; the server scores it from the stored correct choices (a question
 *     counts when exactly its correct choices are chosen), score in percent
 *     rounded down, passed when correct / total reaches the pass mark.
 *     An attempt belongs to its user: another's is 404. Attempts are
 *     unlimited.
 *   - status and figures (training_status.c): per person and course, due,
 *     overdue or completed (a pass is valid renewal_months after its day,
 *     then due again on that day; 0 months: for good); rates per course and
 *     group.
 *
 * Every change is audited on the course's record ("course_quiz",
 * "training_assign", "training_unassign", "training_attempt_start",
 * "training_attempt") in its transaction. Quiz and assignments need
 * ROLE_MANAGER (checked here too). Strings come from the caller's arena. */
#ifndef ISMS_TRAINING_H
#define ISMS_TRAINING_H
#include <jansson.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/strbuf.h"
#include "isms/actor.h"
#include "store/store.h"

#define TRAINING_MAX_QUESTIONS 20
#define TRAINING_MIN_CHOICES 2
#define TRAINING_MAX_CHOICES 6

struct quiz_choice {
	int64_t id;
	const char *text;
	int correct;
};

struct quiz_question {
	int64_t id;
	const char *text;
	struct quiz_choice choices[TRAINING_MAX_CHOICES];
	int nchoices;
};

struct quiz {
	struct quiz_question *q;
	int n;
};

/* A quiz from the API's JSON, {"questions": [{"text", "choices": [{"text",
 * "correct"}]}]}, checked; each problem named by its place
 * ("questions[2].choices"). */
int training_quiz_from_json(json_t *body, struct arena *a, struct quiz *out, struct err *e);
/* A quiz from its text form (the web editor): "? question", then one line
 * per choice, "* " for a correct one and "- " for a wrong one; blank lines
 * are ignored. Problems are reported on field "quiz", naming the line. */
int training_quiz_from_text(const char *text, struct arena *a, struct quiz *out, struct err *e);
/* The text form of q, which training_quiz_from_text reads back. */
void training_quiz_text(const struct quiz *q, struct strbuf *sb);
/* The current quiz of a course (no questions: n = 0). */
int training_quiz_get(struct store *s, int64_t course_id, struct arena *a, struct quiz *out, struct err *e);
/* Replaces the quiz of a live course. */
int training_quiz_save(struct store *s, const struct actor *who, int64_t course_id, const struct quiz *q,
		       struct err *e);
/* {"course": id, "questions": [{"id", "text", "choices": [{"id", "text"}]}]};
 * with_answers adds each choice's "correct" (for ISMS managers only: the
 * learner never sees them). */
void training_quiz_json(int64_t course_id, const struct quiz *q, int with_answers, struct strbuf *sb);

/* Assignments */
struct training_assign_in {
	const char *audience; /* user, group, everyone, new_joiners */
	int64_t user_id, group_id;
	int user_set, group_set;
	const char *due_date; /* YYYY-MM-DD, or NULL */
	int64_t due_days;
	int due_days_set;
};

struct training_assignment {
	int64_t id, course_id;
	const char *audience;
	int64_t user_id, group_id;
	const char *target; /* the person's or group's name; NULL for everyone and new joiners */
	const char *due_date;
	int64_t due_days; /* -1 when due_date is set */
	const char *created_at;
};

int training_assign(struct store *s, const struct actor *who, int64_t course_id, const struct training_assign_in *in,
		    int64_t *id, struct err *e);
/* 404 when the assignment is not one of the course's. */
int training_unassign(struct store *s, const struct actor *who, int64_t course_id, int64_t assignment_id,
		      struct err *e);
int training_assignments(struct store *s, int64_t course_id, struct arena *a, struct training_assignment **out,
			 int *n, struct err *e);
/* "Everyone", "All new joiners", "Group Developers", "Ann Smith": what an
 * assignment reaches, and "by 2026-03-01" / "within 30 days". */
const char *training_audience_label(struct arena *a, const struct training_assignment *t);
const char *training_due_label(struct arena *a, const struct training_assignment *t);
void training_assignment_json(const struct training_assignment *t, struct strbuf *sb);

/* Attempts */
struct training_answer {
	int64_t question_id;
	int64_t choices[TRAINING_MAX_CHOICES];
	int n;
};

struct training_attempt {
	int64_t id, course_id, user_id;
	const char *user_name;
	const char *started_at, *submitted_at; /* submitted_at NULL: open */
	int correct, total, score, pass_mark, passed;
};

/* The API's "answers": [{"question": ID, "choices": [ID, ...]}], read
 * without looking at the quiz (training_attempt_submit checks them). */
int training_answers_from_json(json_t *answers, struct arena *a, struct training_answer **out, int *n,
			       struct err *e);
/* Opens an attempt of who at a course they may read, active, with a quiz. */
int training_attempt_start(struct store *s, const struct actor *who, int64_t course_id, int64_t *attempt_id,
			   struct err *e);
/* Scores answers and records them: into attempt_id, an open attempt of
 * who's at this course (another's, or none, is 404; a submitted one 409),
 * or with attempt_id 0 into a new attempt. Every question of the quiz needs
 * an answer (field "q<ID>"); a question or choice not of this quiz is 422 on
 * "answers". out gets the scored attempt (its strings in ra). */
int training_attempt_submit(struct store *s, const struct actor *who, int64_t course_id, int64_t attempt_id,
			    const struct training_answer *ans, int nans, struct arena *ra, struct training_attempt *out,
			    struct err *e);
/* Attempts at a course, newest first: user_id's only, or everyone's (0). */
int training_attempts(struct store *s, int64_t course_id, int64_t user_id, struct arena *a,
		      struct training_attempt **out, int *n, struct err *e);
void training_attempt_json(const struct training_attempt *t, struct strbuf *sb);

/* Status and figures (training_status.c) */
enum training_state { TRAINING_DUE, TRAINING_OVERDUE, TRAINING_COMPLETED };

struct training_status {
	int64_t course_id, user_id;
	const char *course_title, *user_name, *user_email;
	const char *due_date;    /* due, overdue: when; completed: when due again (NULL: never) */
	const char *passed_at;   /* the latest pass, or NULL */
	enum training_state state;
	int attempts, passes;    /* submitted attempts, passes among them */
	int64_t score_sum;       /* their scores added up (for the average) */
	int last_score;          /* -1: no attempt */
};

/* The people who must take courses and where they stand on day today
 * (YYYY-MM-DD), ordered by course then user: for one course or all
 * (course_id 0), one user or all (user_id 0). Retired and archived courses
 * count only when named by course_id. Disabled users never count. */
int training_statuses(struct store *s, int64_t course_id, int64_t user_id, const char *today, struct arena *a,
		      struct training_status **out, int *n, struct err *e);
/* What user_id must still take (due or overdue), soonest due first: the
 * "training due" of their tasks. */
int training_due(struct store *s, int64_t user_id, const char *today, struct arena *a,
		 struct training_status **out, int *n, struct err *e);
const char *training_state_name(enum training_state st);
void training_status_json(const struct training_status *t, struct strbuf *sb);

struct training_rates {
	int64_t assigned;  /* people who must take the course */
	int64_t completed; /* of them, with a valid pass */
	int64_t overdue;   /* of them, past their due date without a valid pass */
	int64_t attempts;  /* their submitted attempts */
	int64_t passed;    /* of those, passes */
	int64_t score_sum; /* of those, the scores added up */
};
/* The figures of a course (0: all courses) among the members of a group
 * (0: everyone assigned), on day today. */
int training_rates(struct store *s, int64_t course_id, int64_t group_id, const char *today,
		   struct training_rates *out, struct err *e);
/* completion rate (completed / assigned), pass rate (passed / attempts) and
 * average score in percent with one decimal; < 0 when there is nothing to
 * divide by. */
double training_completion_rate(const struct training_rates *r);
double training_pass_rate(const struct training_rates *r);
double training_average_score(const struct training_rates *r);
/* The rates as JSON members (assigned, completed, overdue, attempts,
 * passed, completion_rate, pass_rate, average_score; null rates when none). */
void training_rates_members(const struct training_rates *r, struct strbuf *sb, int *first);

/* Reports (training_report.c), shared by the API and the CLI. The report
 * of a course (record as read by the caller): {"course", "title", "status",
 * "today", "rates": {...}, "groups": [{"id", "name", rates...}] (groups
 * with someone assigned), "people": [status...]}. The overview of the
 * courses viewer may read: {"today", "rates", "courses": [{"id", "title",
 * "status", rates...}], "groups": [...]}. */
struct record;
int training_report_json(struct store *s, const struct record *course, const char *today, struct arena *a,
			 struct strbuf *sb, struct err *e);
int training_overview_json(struct store *s, const struct actor *viewer, const char *today, struct arena *a,
			   struct strbuf *sb, struct err *e);

#endif
