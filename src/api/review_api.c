/* review_api: what a management review adds to its generic CRUD
 * (/api/v1/reviews): the report with the frozen inputs, compiling a draft's
 * inputs again, closing it, and its attendees (isms/review.h). */
#include <string.h>

#include "api/api.h"
#include "isms/review.h"

/* The review as JSON, as the generic record routes give it. */
static void reply_review(struct request *req, struct response *resp)
{
	req->entity = entity_by_name("review");
	api_reply_record(req, resp, 200, req->id);
}

void api_review_report(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	if (review_report_json(req->store, &req->actor, req->id, &req->arena, &resp->body, &e)) {
		sb_reset(&resp->body);
		http_reply_problem(resp, &e);
		return;
	}
	http_reply(resp, 200, "application/json");
}

void api_review_compile(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	if (review_compile(req->store, &req->actor, req->id, &req->arena, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	reply_review(req, resp);
}

void api_review_close(struct request *req, struct response *resp)
{
	const char *v = http_header(req, "If-Match");
	int64_t version = 0;
	struct err e = ERR_INIT;
	if (v && parse_if_match(v, &version))
		err_set(&e, 400, "bad_if_match", "If-Match must be the review's ETag, e.g. \"3\".");
	if (e.status || review_close(req->store, &req->actor, req->id, version, &req->arena, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	reply_review(req, resp);
}

/* {"users": [id, ...]}: the attendees, replaced whole. */
void api_review_attendees_put(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	json_t *body = http_json_body(req, &e), *users, *v;
	const char *key;
	int64_t *ids = NULL;
	size_t i;
	int n = 0;
	if (!body)
		goto fail;
	if (!json_is_object(body)) {
		err_set(&e, 400, "bad_json", "The body must be a JSON object: {\"users\": [ids]}.");
		goto fail;
	}
	json_object_foreach(body, key, v)
		if (strcmp(key, "users") != 0)
			err_field(&e, key, "unknown", "Unknown key: the body takes only users.");
	if (e.nfields) {
		err_set(&e, 400, "unknown_field", "The body takes only users.");
		goto fail;
	}
	users = json_object_get(body, "users");
	if (!json_is_array(users)) {
		err_field(&e, "users", "type", "Must be a list of user ids.");
		err_set(&e, 422, "validation", "users must be a list of user ids.");
		goto fail;
	}
	ids = arena_alloc(&req->arena, sizeof(int64_t) * (json_array_size(users) + 1));
	json_array_foreach(users, i, v) {
		if (!json_is_integer(v) || json_integer_value(v) <= 0) {
			err_field(&e, "users", "type", "Each attendee is a user id (a whole number).");
			err_set(&e, 422, "validation", "users must be a list of user ids.");
			goto fail;
		}
		ids[n++] = json_integer_value(v);
	}
	if (review_attendees_set(req->store, &req->actor, req->id, ids, n, &req->arena, &e))
		goto fail;
	json_decref(body);
	api_review_report(req, resp);
	return;
fail:
	json_decref(body);
	http_reply_problem(resp, &e);
}
