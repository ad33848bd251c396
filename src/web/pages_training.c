/* pages_training: awareness training in the web UI (isms/training.h).
 *   GET  /training                   your courses; for ISMS managers every course's and group's figures
 *   GET  /training/{id}              the course: content, the quiz to take, your attempts; for ISMS
 *                                    managers who must take it, with forms to assign and unassign
 *   POST /training/{id}/attempts     answers (q<ID> = choice ids), scored by the server
 *   GET  /training/{id}/quiz, POST   the quiz in its text form (ISMS managers)
 *   POST /training/{id}/assignments, /training/{id}/assignments/{sub}/remove
 *   GET  /training/{id}/report       the figures, per group and per person (ISMS managers)
 * The course's own fields are edited on its generic pages (/courses/{id}/edit). The content is
 * Markdown, rendered and sanitised as documents are (web/markdown.c). */
#include <stdio.h>
#include <string.h>

#include "base/timeutil.h"
#include "base/util.h"
#include "isms/group.h"
#include "isms/record.h"
#include "isms/training.h"
#include "web/markdown.h"
#include "web/page.h"
#include "web/web.h"

static const struct entity *course_entity(void)
{
	return entity_by_name("course");
}

static const char *cv(const struct record *r, const char *field)
{
	return r->values[entity_field_index(course_entity(), field)];
}

static int is_manager(const struct request *req)
{
	return req->user.role >= ROLE_MANAGER;
}

static void today(char out[16])
{
	time_today_plus_months(0, out);
}

static const char *rate(struct arena *a, double v)
{
	char buf[32];
	if (v < 0)
		return "—";
	snprintf(buf, sizeof(buf), "%.1f%%", v);
	return arena_strdup(a, buf);
}

static void state_badge(struct strbuf *sb, enum training_state st)
{
	static const char *const tone[] = { "warn", "danger", "ok" };
	static const char *const label[] = { "Due", "Overdue", "Completed" };
	html_printf(sb, "<span class=\"badge badge-%s\">%s</span>", tone[st], label[st]);
}

/* ---- /training --------------------------------------------------------- */

static void my_courses(struct request *req, struct strbuf *sb, const char *day)
{
	struct training_status *t;
	struct err e = ERR_INIT;
	int n;
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-mine\"><h2 id=\"h-mine\">Your training</h2>");
	if (training_statuses(req->store, 0, req->actor.user_id, day, &req->arena, &t, &n, &e)) {
		page_notice(sb, "error", e.message);
		html_printf(sb, "</section>");
		return;
	}
	if (!n)
		html_printf(sb, "<p class=\"muted\">No course is assigned to you.</p>");
	else
		html_printf(sb, "<table class=\"table\"><thead><tr><th scope=\"col\">Course</th><th scope=\"col\">Status</th>"
				"<th scope=\"col\">Due</th><th scope=\"col\">Last score</th></tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		html_printf(sb, "<tr%R><th scope=\"row\"><a href=\"/training/%lld\">%s</a></th><td>",
			    t[i].state == TRAINING_OVERDUE ? " class=\"row-overdue\"" : "", (long long)t[i].course_id,
			    t[i].course_title);
		state_badge(sb, t[i].state);
		html_printf(sb, "</td><td>%s%s</td><td>%s</td></tr>",
			    t[i].state == TRAINING_COMPLETED && t[i].due_date ? "renew by " : "",
			    t[i].due_date ? t[i].due_date : "—",
			    t[i].last_score >= 0 ? arena_printf(&req->arena, "%d%%", t[i].last_score) : "—");
	}
	if (n)
		html_printf(sb, "</tbody></table>");
	html_printf(sb, "</section>");
}

static void rates_cells(struct request *req, struct strbuf *sb, const struct training_rates *r)
{
	html_printf(sb, "<td>%lld</td><td>%lld <span class=\"muted\">(%s)</span></td><td>%R%lld%R</td><td>%s</td><td>%s</td>",
		    (long long)r->assigned, (long long)r->completed, rate(&req->arena, training_completion_rate(r)),
		    r->overdue ? "<span class=\"overdue\">" : "", (long long)r->overdue, r->overdue ? "</span>" : "",
		    rate(&req->arena, training_pass_rate(r)), rate(&req->arena, training_average_score(r)));
}

#define RATES_HEAD                                                                                          \
	"<th scope=\"col\">Assigned</th><th scope=\"col\">Completed</th><th scope=\"col\">Overdue</th>"     \
	"<th scope=\"col\">Pass rate</th><th scope=\"col\">Average score</th>"

/* Rows per group with someone assigned to course_id (0: any course). */
static int group_rows(struct request *req, struct strbuf *sb, int64_t course_id, const char *day, struct err *e)
{
	struct group *g;
	int n, k = 0;
	if (group_list(req->store, &req->arena, &g, &n, e))
		return -1;
	for (int i = 0; i < n; i++) {
		struct training_rates r;
		if (training_rates(req->store, course_id, g[i].id, day, &r, e))
			return -1;
		if (!r.assigned)
			continue;
		if (!k++)
			html_printf(sb, "<table class=\"table\"><thead><tr><th scope=\"col\">Group</th>%R</tr></thead><tbody>",
				    RATES_HEAD);
		html_printf(sb, "<tr><th scope=\"row\">%s</th>", g[i].name);
		rates_cells(req, sb, &r);
		html_printf(sb, "</tr>");
	}
	if (k)
		html_printf(sb, "</tbody></table>");
	else
		html_printf(sb, "<p class=\"muted\">No group has a course assigned to its members.</p>");
	return 0;
}

void web_training(struct request *req, struct response *resp)
{
	const struct entity *ent = course_entity();
	struct strbuf *sb = &resp->body;
	struct list_query q;
	struct record_page page;
	struct err e = ERR_INIT;
	char day[16];
	today(day);
	list_query_init(&q, ent);
	q.limit = LIST_MAX_LIMIT;
	q.viewer = &req->actor;
	if (record_list(req->store, ent, &q, &req->arena, &page, &e)) {
		page_error(req, resp, &e, "/", "Back to the dashboard");
		return;
	}
	page_begin(req, resp, "Training", "training", 0);
	page_head(sb, NULL, NULL, "Training",
		  "Awareness courses: read the content, then pass the quiz. A pass is valid for the course's renewal "
		  "period.");
	if (is_manager(req))
		html_printf(sb, "<div class=\"head-actions\"><a class=\"btn btn-primary\" href=\"/courses/new\">New course</a></div>");
	page_head_end(sb);
	page_flash(req, sb);
	my_courses(req, sb, day);
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-courses\"><h2 id=\"h-courses\">Courses "
			"<span class=\"count\">%d</span></h2>",
		    page.n);
	if (!page.n)
		html_printf(sb, "<p class=\"muted\">No course yet.%R</p>",
			    is_manager(req) ? " Create one with <a href=\"/courses/new\">New course</a>." : "");
	else
		html_printf(sb, "<table class=\"table\"><thead><tr><th scope=\"col\">Course</th><th scope=\"col\">Status</th>%R"
				"</tr></thead><tbody>",
			    is_manager(req) ? RATES_HEAD : "<th scope=\"col\">Summary</th>");
	for (int i = 0; i < page.n; i++) {
		const struct record *r = &page.items[i];
		html_printf(sb, "<tr><th scope=\"row\"><a href=\"/training/%lld\">%s</a></th><td>", (long long)r->id,
			    cv(r, "title"));
		view_badge(sb, &req->arena, cv(r, "status"));
		html_printf(sb, "</td>");
		if (is_manager(req)) {
			struct training_rates rt;
			if (training_rates(req->store, r->id, 0, day, &rt, &e))
				break;
			rates_cells(req, sb, &rt);
		} else {
			html_printf(sb, "<td>%s</td>", cv(r, "summary") ? cv(r, "summary") : "");
		}
		html_printf(sb, "</tr>");
	}
	if (page.n)
		html_printf(sb, "</tbody></table>");
	html_printf(sb, "</section>");
	if (is_manager(req)) {
		html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-groups\"><h2 id=\"h-groups\">By group</h2>");
		group_rows(req, sb, 0, day, &e);
		html_printf(sb, "</section>");
	}
	if (e.status)
		page_notice(sb, "error", e.message);
	page_end(req, resp, 200);
}

/* ---- /training/{id} ---------------------------------------------------- */

/* Whether choice id was ticked for question qid in the refused form. */
static int ticked(struct request *req, int64_t qid, int64_t id)
{
	char name[32], val[24];
	snprintf(name, sizeof(name), "q%lld", (long long)qid);
	snprintf(val, sizeof(val), "%lld", (long long)id);
	for (int i = 0; i < req->nform; i++)
		if (streq(req->form[i].name, name) && streq(req->form[i].value, val))
			return 1;
	return 0;
}

static void quiz_form(struct request *req, struct strbuf *sb, const struct record *r, const struct quiz *q,
		      const struct err *fe)
{
	html_printf(sb, "<section class=\"card quiz\" aria-labelledby=\"h-quiz\"><h2 id=\"h-quiz\">Quiz</h2>");
	if (!q->n) {
		html_printf(sb, "<p class=\"muted\">This course has no quiz yet.</p></section>");
		return;
	}
	if (!streq(cv(r, "status"), "active")) {
		html_printf(sb, "<p class=\"muted\">The course is retired: it can no longer be taken.</p></section>");
		return;
	}
	html_printf(sb, "<p class=\"help\">%d questions. Tick every right answer: some questions have more than one. "
			"You pass with %s%% or more.</p>",
		    q->n, cv(r, "pass_mark"));
	if (fe && fe->status && !fe->nfields)
		page_notice(sb, "error", fe->message);
	else if (fe && fe->status && page_field_error(fe, "answers"))
		page_notice(sb, "error", page_field_error(fe, "answers"));
	html_printf(sb, "<form method=\"post\" action=\"/training/%lld/attempts\" novalidate>", (long long)r->id);
	page_csrf(req, sb);
	for (int i = 0; i < q->n; i++) {
		const struct quiz_question *qq = &q->q[i];
		const char *msg = page_field_error(fe, arena_printf(&req->arena, "q%lld", (long long)qq->id));
		html_printf(sb, "<fieldset class=\"question%R\"%R><legend>%d. %s</legend>", msg ? " has-error" : "",
			    msg ? arena_printf(&req->arena, " aria-describedby=\"q%lld-error\"", (long long)qq->id) : "",
			    i + 1, qq->text);
		for (int c = 0; c < qq->nchoices; c++)
			html_printf(sb, "<div class=\"check\"><input type=\"checkbox\" id=\"c%lld\" name=\"q%lld\" value=\"%lld\"%R>"
					"<label for=\"c%lld\">%s</label></div>",
				    (long long)qq->choices[c].id, (long long)qq->id, (long long)qq->choices[c].id,
				    fe && ticked(req, qq->id, qq->choices[c].id) ? " checked" : "",
				    (long long)qq->choices[c].id, qq->choices[c].text);
		if (msg)
			html_printf(sb, "<p class=\"field-error\" id=\"q%lld-error\">%s</p>", (long long)qq->id, msg);
		html_printf(sb, "</fieldset>");
	}
	html_printf(sb, "<div class=\"form-actions\"><button type=\"submit\" class=\"btn btn-primary\">Submit my answers"
			"</button></div></form></section>");
}

static void result_notice(struct request *req, struct strbuf *sb, const struct training_attempt *t, int n)
{
	const char *v = http_query(req, "result");
	int64_t id = 0;
	if (!v || parse_int64(v, &id))
		return;
	for (int i = 0; i < n; i++) {
		if (t[i].id != id || !t[i].submitted_at)
			continue;
		if (t[i].passed)
			page_notice(sb, "ok", arena_printf(&req->arena, "Passed: you scored %d%% (%d of %d right); the pass "
									"mark is %d%%.",
							   t[i].score, t[i].correct, t[i].total, t[i].pass_mark));
		else
			page_notice(sb, "error", arena_printf(&req->arena, "Not passed: you scored %d%% (%d of %d right); "
									   "the pass mark is %d%%. Read the course again "
									   "and take the quiz once more.",
							      t[i].score, t[i].correct, t[i].total, t[i].pass_mark));
	}
}

static void my_attempts(struct request *req, struct strbuf *sb, const struct training_attempt *t, int n)
{
	int k = 0;
	for (int i = 0; i < n; i++) {
		if (!t[i].submitted_at)
			continue;
		if (!k++)
			html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-attempts\"><h2 id=\"h-attempts\">Your "
					"attempts</h2><table class=\"table\"><thead><tr><th scope=\"col\">When</th>"
					"<th scope=\"col\">Score</th><th scope=\"col\">Result</th></tr></thead><tbody>");
		html_printf(sb, "<tr><td>");
		view_time(req, sb, t[i].submitted_at, NULL);
		html_printf(sb, "</td><td>%d%% <span class=\"muted\">(%d of %d)</span></td><td>%R</td></tr>", t[i].score,
			    t[i].correct, t[i].total,
			    t[i].passed ? "<span class=\"badge badge-ok\">Passed</span>"
					: "<span class=\"badge badge-danger\">Not passed</span>");
	}
	if (k)
		html_printf(sb, "</tbody></table></section>");
}

static const char *const audience_values[] = { "user", "group", "everyone", "new_joiners", NULL };
static const char *const audience_labels[] = { "One person", "A group", "Everyone", "All new joiners", NULL };
static const struct field f_audience = { "audience", "Who", FT_ENUM, F_REQUIRED, .values = audience_values,
					 .help = "New joiners: everyone created from now on, each from the day they join." };
static const struct field f_user = { "user_id", "Person", FT_USER, 0, .help = "When the course is for one person." };
static const struct field f_due_date = { "due_date", "Due date", FT_DATE, 0 };
static const struct field f_due_days = { "due_days", "Or within (days)", FT_INT, 0, .min = 0, .max = 3650,
					 .help = "Counted from the day each person comes under the assignment." };

static void manage_section(struct request *req, struct strbuf *sb, const struct record *r, const struct err *ae)
{
	struct training_assignment *t;
	struct group *g;
	struct err e = ERR_INIT;
	int n, ng;
	const char *gsel = ae ? http_form(req, "group_id") : NULL, *gmsg = page_field_error(ae, "group_id");
	int64_t gid = 0;
	if (training_assignments(req->store, r->id, &req->arena, &t, &n, &e) ||
	    group_list(req->store, &req->arena, &g, &ng, &e)) {
		page_notice(sb, "error", e.message);
		return;
	}
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-assign\"><h2 id=\"h-assign\">Who must take it "
			"<span class=\"count\">%d</span></h2><p class=\"page-links\"><a href=\"/training/%lld/report\">"
			"Report</a> · <a href=\"/training/%lld/quiz\">Edit the quiz</a> · <a href=\"/courses/%lld/edit\">"
			"Edit the course</a></p>",
		    n, (long long)r->id, (long long)r->id, (long long)r->id);
	if (!n)
		html_printf(sb, "<p class=\"muted\">Nobody yet.</p>");
	else
		html_printf(sb, "<ul class=\"link-list\">");
	for (int i = 0; i < n; i++) {
		html_printf(sb, "<li><span>%s <span class=\"muted\">%s</span></span>", training_audience_label(&req->arena, &t[i]),
			    training_due_label(&req->arena, &t[i]));
		html_printf(sb, "<form method=\"post\" class=\"inline\" action=\"/training/%lld/assignments/%lld/remove\">",
			    (long long)r->id, (long long)t[i].id);
		page_csrf(req, sb);
		html_printf(sb, "<button type=\"submit\" class=\"linkish\">Remove</button></form></li>");
	}
	if (n)
		html_printf(sb, "</ul>");
	html_printf(sb, "</section><h2 class=\"section-title\">Assign</h2>");
	if (ae && ae->status && !ae->nfields)
		page_notice(sb, "error", ae->message);
	page_form_begin(req, sb, arena_printf(&req->arena, "/training/%lld/assignments", (long long)r->id));
	page_field(req, sb, &f_audience, ae ? http_form(req, "audience") : NULL, audience_labels, ae);
	page_field(req, sb, &f_user, ae ? http_form(req, "user_id") : NULL, NULL, ae);
	html_printf(sb, "<div class=\"field%R\"><label for=\"f-group_id\">Group</label><select id=\"f-group_id\" "
			"name=\"group_id\"%R><option value=\"\">Choose a group</option>",
		    gmsg ? " has-error" : "", gmsg ? " aria-invalid=\"true\" aria-describedby=\"f-group_id-error\"" : "");
	if (gsel)
		parse_int64(gsel, &gid);
	for (int i = 0; i < ng; i++)
		html_printf(sb, "<option value=\"%lld\"%R>%s</option>", (long long)g[i].id,
			    gid == g[i].id ? " selected" : "", g[i].name);
	html_printf(sb, "</select>");
	if (gmsg)
		html_printf(sb, "<p class=\"field-error\" id=\"f-group_id-error\">%s</p>", gmsg);
	html_printf(sb, "<p class=\"help\">When the course is for a group (<a href=\"/groups\">groups</a>).</p></div>");
	page_field(req, sb, &f_due_date, ae ? http_form(req, "due_date") : NULL, NULL, ae);
	page_field(req, sb, &f_due_days, ae ? http_form(req, "due_days") : NULL, NULL, ae);
	page_form_end(sb, "Assign", NULL);
}

static void course_page(struct request *req, struct response *resp, const struct err *quiz_err,
			const struct err *assign_err, int status)
{
	struct strbuf *sb = &resp->body;
	struct record r;
	struct quiz q;
	struct training_attempt *t;
	struct err e = ERR_INIT;
	int n;
	if (record_read(req->store, &req->actor, course_entity(), req->id, &req->arena, &r, &e) ||
	    training_quiz_get(req->store, req->id, &req->arena, &q, &e) ||
	    training_attempts(req->store, req->id, req->actor.user_id ? req->actor.user_id : -1, &req->arena, &t, &n,
			      &e)) {
		page_error(req, resp, &e, "/training", "Back to training");
		return;
	}
	page_begin(req, resp, cv(&r, "title"), "training", 0);
	page_head(sb, "Training", "/training", cv(&r, "title"), cv(&r, "summary"));
	html_printf(sb, "<p class=\"meta\">Pass mark %s%% · %R</p>", cv(&r, "pass_mark"),
		    streq(cv(&r, "renewal_months"), "0") || !cv(&r, "renewal_months")
			    ? "passed once is enough"
			    : arena_printf(&req->arena, "renewed every %s months", cv(&r, "renewal_months")));
	page_head_end(sb);
	page_flash(req, sb);
	result_notice(req, sb, t, n);
	if (r.archived)
		page_notice(sb, "warn", "This course is archived.");
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-content\"><h2 id=\"h-content\">Content</h2>");
	if (cv(&r, "content") && *cv(&r, "content")) {
		struct strbuf html = STRBUF_INIT;
		markdown_html(&html, cv(&r, "content"), strlen(cv(&r, "content")));
		html_printf(sb, "<div class=\"markdown course-content\">%R</div>", html.buf); /* sanitised: markdown.c */
		sb_release(&html);
	}
	else
		html_printf(sb, "<p class=\"muted\">No content yet.</p>");
	html_printf(sb, "</section>");
	if (!r.archived)
		quiz_form(req, sb, &r, &q, quiz_err);
	my_attempts(req, sb, t, n);
	if (is_manager(req) && !r.archived)
		manage_section(req, sb, &r, assign_err);
	page_end(req, resp, status);
}

void web_training_course(struct request *req, struct response *resp)
{
	course_page(req, resp, NULL, NULL, 200);
}

void web_training_attempt(struct request *req, struct response *resp)
{
	struct training_answer ans[TRAINING_MAX_QUESTIONS];
	struct training_attempt t;
	struct err e = ERR_INIT;
	int n = 0;
	for (int i = 0; i < req->nform && !e.status; i++) {
		int64_t qid = 0, cid = 0;
		int k;
		if (req->form[i].name[0] != 'q' || parse_int64(req->form[i].name + 1, &qid) ||
		    parse_int64(req->form[i].value, &cid)) {
			if (!streq(req->form[i].name, "csrf"))
				err_field(&e, "answers", "type", "The form was not filled in as it should be.");
			continue;
		}
		for (k = 0; k < n && ans[k].question_id != qid; k++)
			;
		if (k == n) {
			if (n == TRAINING_MAX_QUESTIONS) {
				err_field(&e, "answers", "too_many", "A quiz has at most 20 questions.");
				break;
			}
			memset(&ans[n], 0, sizeof(ans[n]));
			ans[n++].question_id = qid;
		}
		if (ans[k].n == TRAINING_MAX_CHOICES) {
			err_field(&e, "answers", "too_many", "A question has at most 6 choices.");
			break;
		}
		ans[k].choices[ans[k].n++] = cid;
	}
	if (e.status ||
	    training_attempt_submit(req->store, &req->actor, req->id, 0, ans, n, &req->arena, &t, &e)) {
		if (e.status == 404) {
			page_error(req, resp, &e, "/training", "Back to training");
			return;
		}
		course_page(req, resp, &e, NULL, e.status);
		return;
	}
	http_redirect(resp, arena_printf(&req->arena, "/training/%lld?result=%lld", (long long)req->id, (long long)t.id));
}

void web_training_assign(struct request *req, struct response *resp)
{
	struct training_assign_in in;
	struct err e = ERR_INIT;
	int64_t id;
	const char *v;
	memset(&in, 0, sizeof(in));
	in.audience = http_form(req, "audience");
	if (in.audience && !*in.audience)
		in.audience = NULL;
	if ((v = http_form(req, "user_id")) && *v && streq(in.audience, "user")) {
		in.user_set = 1;
		if (parse_int64(v, &in.user_id))
			err_field(&e, "user_id", "type", "Choose a person.");
	}
	if ((v = http_form(req, "group_id")) && *v && streq(in.audience, "group")) {
		in.group_set = 1;
		if (parse_int64(v, &in.group_id))
			err_field(&e, "group_id", "type", "Choose a group.");
	}
	if ((v = http_form(req, "due_date")) && *v)
		in.due_date = v;
	if ((v = http_form(req, "due_days")) && *v) {
		in.due_days_set = 1;
		if (parse_int64(v, &in.due_days))
			err_field(&e, "due_days", "type", "Must be a whole number of days.");
	}
	if (e.status || training_assign(req->store, &req->actor, req->id, &in, &id, &e)) {
		course_page(req, resp, NULL, &e, e.status);
		return;
	}
	http_redirect(resp, arena_printf(&req->arena, "/training/%lld?notice=training_assigned", (long long)req->id));
}

void web_training_unassign(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	if (training_unassign(req->store, &req->actor, req->id, req->sub_id, &e)) {
		page_error(req, resp, &e, arena_printf(&req->arena, "/training/%lld", (long long)req->id), "Back to the course");
		return;
	}
	http_redirect(resp, arena_printf(&req->arena, "/training/%lld?notice=training_unassigned", (long long)req->id));
}

/* ---- /training/{id}/quiz ----------------------------------------------- */

static const struct field f_quiz = {
	"quiz", "Questions", FT_LONGTEXT, F_REQUIRED, .max_len = 100000,
	.help = "A line \"? question\" starts a question; then one line per choice: \"* \" for a right answer, "
		"\"- \" for a wrong one. 1 to 20 questions of 2 to 6 choices.",
};

static void quiz_edit_page(struct request *req, struct response *resp, const struct err *fe, int status)
{
	struct strbuf *sb = &resp->body, text = STRBUF_INIT;
	struct record r;
	struct quiz q;
	struct err e = ERR_INIT;
	if (record_read(req->store, &req->actor, course_entity(), req->id, &req->arena, &r, &e) ||
	    training_quiz_get(req->store, req->id, &req->arena, &q, &e)) {
		page_error(req, resp, &e, "/training", "Back to training");
		return;
	}
	training_quiz_text(&q, &text);
	page_begin(req, resp, "Edit the quiz", "training", 0);
	page_head(sb, cv(&r, "title"), arena_printf(&req->arena, "/training/%lld", (long long)r.id), "Edit the quiz",
		  "Saving replaces the quiz whole; earlier attempts keep what they answered.");
	page_head_end(sb);
	page_form_begin(req, sb, arena_printf(&req->arena, "/training/%lld/quiz", (long long)r.id));
	page_field(req, sb, &f_quiz, fe ? http_form(req, "quiz") : (text.len ? text.buf : ""), NULL, fe);
	page_form_end(sb, "Save the quiz", arena_printf(&req->arena, "/training/%lld", (long long)r.id));
	sb_release(&text);
	page_end(req, resp, status);
}

void web_training_quiz(struct request *req, struct response *resp)
{
	quiz_edit_page(req, resp, NULL, 200);
}

void web_training_quiz_save(struct request *req, struct response *resp)
{
	struct quiz q;
	struct err e = ERR_INIT;
	if (training_quiz_from_text(http_form(req, "quiz"), &req->arena, &q, &e) ||
	    training_quiz_save(req->store, &req->actor, req->id, &q, &e)) {
		if (e.status == 404) {
			page_error(req, resp, &e, "/training", "Back to training");
			return;
		}
		if (!e.nfields)
			err_field(&e, "quiz", e.code, "%s", e.message);
		quiz_edit_page(req, resp, &e, e.status);
		return;
	}
	http_redirect(resp, arena_printf(&req->arena, "/training/%lld?notice=quiz_saved", (long long)req->id));
}

/* ---- /training/{id}/report --------------------------------------------- */

static void tile(struct strbuf *sb, const char *value, const char *label, const char *kind)
{
	html_printf(sb, "<div class=\"tile %s\"><span class=\"tile-n\">%s</span><span class=\"tile-label\">%s</span></div>",
		    kind, value, label);
}

void web_training_report(struct request *req, struct response *resp)
{
	struct strbuf *sb = &resp->body;
	struct record r;
	struct training_rates rt;
	struct training_status *t;
	struct err e = ERR_INIT;
	struct arena *a = &req->arena;
	char day[16];
	int n;
	today(day);
	if (record_read(req->store, &req->actor, course_entity(), req->id, a, &r, &e) ||
	    training_rates(req->store, req->id, 0, day, &rt, &e) ||
	    training_statuses(req->store, req->id, 0, day, a, &t, &n, &e)) {
		page_error(req, resp, &e, "/training", "Back to training");
		return;
	}
	page_begin(req, resp, arena_printf(a, "Report: %s", cv(&r, "title")), "training", 0);
	page_head(sb, cv(&r, "title"), arena_printf(a, "/training/%lld", (long long)r.id), "Report",
		  arena_printf(a, "Where everyone who must take the course stands on %s.", day));
	page_head_end(sb);
	html_printf(sb, "<div class=\"tiles tiles-wide\" role=\"group\" aria-label=\"Figures\">");
	tile(sb, arena_printf(a, "%lld", (long long)rt.assigned), "Assigned", "tile-new");
	tile(sb, rate(a, training_completion_rate(&rt)), "Completed", "tile-down");
	tile(sb, arena_printf(a, "%lld", (long long)rt.overdue), "Overdue", rt.overdue ? "tile-up" : "tile-gone");
	tile(sb, rate(a, training_pass_rate(&rt)), "Pass rate", "tile-new");
	tile(sb, rate(a, training_average_score(&rt)), "Average score", "tile-new");
	html_printf(sb, "</div><p class=\"help tiles-note\">Completed: a valid pass. Pass rate: passed attempts of all attempts. "
			"Average score: of all attempts.</p>");
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-groups\"><h2 id=\"h-groups\">By group</h2>");
	if (group_rows(req, sb, r.id, day, &e))
		page_notice(sb, "error", e.message);
	html_printf(sb, "</section><section class=\"card\" aria-labelledby=\"h-people\"><h2 id=\"h-people\">People "
			"<span class=\"count\">%d</span></h2>",
		    n);
	if (!n)
		html_printf(sb, "<p class=\"muted\">Nobody must take this course: assign it on the "
				"<a href=\"/training/%lld\">course's page</a>.</p>",
			    (long long)r.id);
	else
		html_printf(sb, "<table class=\"table\"><thead><tr><th scope=\"col\">Person</th><th scope=\"col\">Status</th>"
				"<th scope=\"col\">Due or renew by</th><th scope=\"col\">Last pass</th><th scope=\"col\">Attempts</th>"
				"<th scope=\"col\">Last score</th></tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		html_printf(sb, "<tr%R><th scope=\"row\">%s <span class=\"muted\">%s</span></th><td>",
			    t[i].state == TRAINING_OVERDUE ? " class=\"row-overdue\"" : "", t[i].user_name, t[i].user_email);
		state_badge(sb, t[i].state);
		html_printf(sb, "</td><td>%s</td><td>%s</td><td>%d</td><td>%s</td></tr>", t[i].due_date ? t[i].due_date : "—",
			    t[i].passed_at ? t[i].passed_at : "—", t[i].attempts,
			    t[i].last_score >= 0 ? arena_printf(a, "%d%%", t[i].last_score) : "—");
	}
	if (n)
		html_printf(sb, "</tbody></table>");
	html_printf(sb, "</section>");
	page_end(req, resp, 200);
}

/* ---- hooks on the generic course pages ---------------------------------- */

void course_list_links(struct request *req, struct strbuf *sb)
{
	(void)req;
	html_printf(sb, "<p class=\"page-links\"><a href=\"/training\">Training</a><span class=\"muted\"> — who must "
			"take which course, and the completion and pass rates</span></p>");
}

void course_training_section(struct request *req, struct strbuf *sb, const struct record *r)
{
	(void)req;
	html_printf(sb, "<p class=\"page-links\"><a href=\"/training/%lld\">Open the course</a><span class=\"muted\"> — "
			"the content and quiz as learners see them, and who must take it</span></p>",
		    (long long)r->id);
}
