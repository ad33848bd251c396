/* training_api: awareness training over JSON (isms/training.h). The
 * courses themselves are the generic /api/v1/courses; here are their quiz,
 * assignments, attempts and figures, the caller's own training due, and
 * the overview of every course and group. */
#include <string.h>

#include "api/api.h"
#include "base/jsonw.h"
#include "base/timeutil.h"
#include "isms/record.h"
#include "isms/training.h"

static void today(char out[16])
{
	time_today_plus_months(0, out);
}

/* The course as the caller may read it (404 otherwise). */
static int course_read(struct request *req, struct record *r, struct err *e)
{
	return record_read(req->store, &req->actor, entity_by_name("course"), req->id, &req->arena, r, e);
}

void api_course_quiz(struct request *req, struct response *resp)
{
	struct record r;
	struct quiz q;
	struct err e = ERR_INIT;
	if (course_read(req, &r, &e) || training_quiz_get(req->store, req->id, &req->arena, &q, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	training_quiz_json(req->id, &q, req->user.role >= ROLE_MANAGER, &resp->body);
	http_reply(resp, 200, "application/json");
}

void api_course_quiz_put(struct request *req, struct response *resp)
{
	struct quiz q;
	struct err e = ERR_INIT;
	json_t *body = http_json_body(req, &e);
	if (!body || training_quiz_from_json(body, &req->arena, &q, &e) ||
	    training_quiz_save(req->store, &req->actor, req->id, &q, &e) ||
	    training_quiz_get(req->store, req->id, &req->arena, &q, &e)) {
		json_decref(body);
		http_reply_problem(resp, &e);
		return;
	}
	json_decref(body);
	training_quiz_json(req->id, &q, 1, &resp->body);
	http_reply(resp, 200, "application/json");
}

void api_course_assignments(struct request *req, struct response *resp)
{
	struct record r;
	struct training_assignment *t;
	struct err e = ERR_INIT;
	int n;
	if (course_read(req, &r, &e) || training_assignments(req->store, req->id, &req->arena, &t, &n, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	sb_adds(&resp->body, "{\"items\":[");
	for (int i = 0; i < n; i++) {
		if (i)
			sb_addc(&resp->body, ',');
		training_assignment_json(&t[i], &resp->body);
	}
	sb_addf(&resp->body, "],\"total\":%d}", n);
	http_reply(resp, 200, "application/json");
}

void api_course_assign(struct request *req, struct response *resp)
{
	static const struct body_key keys[] = {
		{ "audience", BODY_STRING, 1 }, { "user_id", BODY_INT, 0 },  { "group_id", BODY_INT, 0 },
		{ "due_date", BODY_STRING, 0 }, { "due_days", BODY_INT, 0 }, { NULL, 0, 0 },
	};
	struct body_value v[5];
	struct training_assign_in in;
	struct training_assignment *t;
	struct err e = ERR_INIT;
	int64_t id = 0;
	int n;
	memset(&in, 0, sizeof(in));
	if (api_body_read(req, keys, v, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	in.audience = v[0].s;
	in.user_id = v[1].i;
	in.user_set = v[1].set;
	in.group_id = v[2].i;
	in.group_set = v[2].set;
	in.due_date = v[3].set ? v[3].s : NULL;
	in.due_days = v[4].i;
	in.due_days_set = v[4].set;
	if (training_assign(req->store, &req->actor, req->id, &in, &id, &e) ||
	    training_assignments(req->store, req->id, &req->arena, &t, &n, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	for (int i = 0; i < n; i++)
		if (t[i].id == id)
			training_assignment_json(&t[i], &resp->body);
	http_set_header(resp, "Location",
			arena_printf(&req->arena, "/api/v1/courses/%lld/assignments", (long long)req->id));
	http_reply(resp, 201, "application/json");
}

void api_course_unassign(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	if (training_unassign(req->store, &req->actor, req->id, req->sub_id, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	http_reply(resp, 204, NULL);
}

void api_course_attempts(struct request *req, struct response *resp)
{
	struct record r;
	struct training_attempt *t;
	struct err e = ERR_INIT;
	int n;
	if (course_read(req, &r, &e) ||
	    training_attempts(req->store, req->id, req->actor.user_id ? req->actor.user_id : -1, &req->arena, &t, &n,
			      &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	sb_adds(&resp->body, "{\"items\":[");
	for (int i = 0; i < n; i++) {
		if (i)
			sb_addc(&resp->body, ',');
		training_attempt_json(&t[i], &resp->body);
	}
	sb_addf(&resp->body, "],\"total\":%d}", n);
	http_reply(resp, 200, "application/json");
}

/* Reads {"answers": [...]} (required unless may_start); 1 when absent. */
static int read_answers(struct request *req, int may_start, struct training_answer **ans, int *n, struct err *e)
{
	json_t *body = http_json_body(req, e), *v;
	const char *key;
	int absent;
	if (!body)
		return -1;
	if (!json_is_object(body)) {
		json_decref(body);
		return err_set(e, 400, "bad_json", "The body must be a JSON object.");
	}
	json_object_foreach(body, key, v)
		if (strcmp(key, "answers") != 0)
			err_field(e, key, "unknown_field", "Not expected here: the server scores the answers itself.");
	if (e->status) {
		e->status = 400;
		json_decref(body);
		return -1;
	}
	v = json_object_get(body, "answers");
	absent = !v;
	if (absent && !may_start)
		err_field(e, "answers", "required", "Give your answers.");
	else if (!absent)
		training_answers_from_json(v, &req->arena, ans, n, e);
	json_decref(body);
	return e->status ? -1 : absent;
}

static void reply_attempt(struct response *resp, const struct training_attempt *t, int status)
{
	training_attempt_json(t, &resp->body);
	http_reply(resp, status, "application/json");
}

void api_course_attempt_create(struct request *req, struct response *resp)
{
	struct training_answer *ans = NULL;
	struct training_attempt t;
	struct err e = ERR_INIT;
	int n = 0, absent = read_answers(req, 1, &ans, &n, &e);
	int64_t id = 0;
	if (absent < 0) {
		http_reply_problem(resp, &e);
		return;
	}
	if (absent) {
		struct quiz q;
		struct strbuf *sb = &resp->body;
		if (training_attempt_start(req->store, &req->actor, req->id, &id, &e) ||
		    training_quiz_get(req->store, req->id, &req->arena, &q, &e)) {
			http_reply_problem(resp, &e);
			return;
		}
		sb_addf(sb, "{\"id\":%lld,\"course\":%lld,\"status\":\"open\",\"quiz\":", (long long)id,
			(long long)req->id);
		training_quiz_json(req->id, &q, 0, sb);
		sb_addc(sb, '}');
		http_set_header(resp, "Location", arena_printf(&req->arena, "/api/v1/courses/%lld/attempts/%lld",
							       (long long)req->id, (long long)id));
		http_reply(resp, 201, "application/json");
		return;
	}
	if (training_attempt_submit(req->store, &req->actor, req->id, 0, ans, n, &req->arena, &t, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	http_set_header(resp, "Location", arena_printf(&req->arena, "/api/v1/courses/%lld/attempts/%lld",
						       (long long)req->id, (long long)t.id));
	reply_attempt(resp, &t, 201);
}

void api_course_attempt_submit(struct request *req, struct response *resp)
{
	struct training_answer *ans = NULL;
	struct training_attempt t;
	struct err e = ERR_INIT;
	int n = 0;
	if (read_answers(req, 0, &ans, &n, &e) ||
	    training_attempt_submit(req->store, &req->actor, req->id, req->sub_id, ans, n, &req->arena, &t, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	reply_attempt(resp, &t, 200);
}

void api_course_report(struct request *req, struct response *resp)
{
	struct record r;
	struct err e = ERR_INIT;
	char day[16];
	today(day);
	if (course_read(req, &r, &e) ||
	    training_report_json(req->store, &r, day, &req->arena, &resp->body, &e)) {
		sb_reset(&resp->body);
		http_reply_problem(resp, &e);
		return;
	}
	http_reply(resp, 200, "application/json");
}

void api_training_overview(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	char day[16];
	today(day);
	if (training_overview_json(req->store, &req->actor, day, &req->arena, &resp->body, &e)) {
		sb_reset(&resp->body);
		http_reply_problem(resp, &e);
		return;
	}
	http_reply(resp, 200, "application/json");
}

void api_my_training(struct request *req, struct response *resp)
{
	struct training_status *t;
	struct err e = ERR_INIT;
	char day[16];
	int n;
	today(day);
	if (training_due(req->store, req->actor.user_id, day, &req->arena, &t, &n, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	sb_addf(&resp->body, "{\"today\":\"%s\",\"items\":[", day);
	for (int i = 0; i < n; i++) {
		if (i)
			sb_addc(&resp->body, ',');
		training_status_json(&t[i], &resp->body);
	}
	sb_addf(&resp->body, "],\"total\":%d}", n);
	http_reply(resp, 200, "application/json");
}
