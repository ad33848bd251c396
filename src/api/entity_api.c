/* entity_api: list, get, create, update and archive for every record type. */
#include <string.h>

#include "api/api.h"
#include "base/util.h"
#include "isms/list_params.h"
#include "isms/record.h"
#include "isms/record_extra.h"

void api_list(struct request *req, struct response *resp)
{
	struct list_query q;
	struct record_page page;
	struct err e = ERR_INIT;
	struct list_params lp = { req->entity, &q, LP_ALL, &req->arena, &e };

	list_query_init(&q, req->entity);
	q.viewer = &req->actor;
	if (http_query_each(req, list_params_take, &lp) ||
	    record_list(req->store, req->entity, &q, &req->arena, &page, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	record_page_to_json(req->entity, &page, &q, &resp->body);
	http_reply(resp, 200, "application/json");
}

void api_reply_record(struct request *req, struct response *resp, int status, int64_t id)
{
	struct record r;
	struct err e = ERR_INIT;
	if (record_read(req->store, &req->actor, req->entity, id, &req->arena, &r, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	sb_reset(&resp->body);
	record_to_json(req->entity, &r, &resp->body);
	record_json_extras(req->entity, &r, &resp->body);
	http_set_header(resp, "ETag", arena_printf(&req->arena, "\"%lld\"", (long long)r.version));
	if (status == 201)
		http_set_header(resp, "Location",
				arena_printf(&req->arena, "/api/v1/%s/%lld", req->entity->plural, (long long)id));
	http_reply(resp, status, "application/json");
}

void api_get(struct request *req, struct response *resp)
{
	api_reply_record(req, resp, 200, req->id);
}

void api_create(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	struct input in;
	int64_t id = 0;
	json_t *body = http_json_body(req, &e);
	if (body && validate_json(req->entity, body, 1, &req->arena, &in, &e) == 0)
		record_create(req->store, &req->actor, req->entity, &in, &req->arena, &id, &e);
	json_decref(body);
	if (e.status)
		http_reply_problem(resp, &e);
	else
		api_reply_record(req, resp, 201, id);
}

int parse_if_match(const char *value, int64_t *version)
{
	char buf[32];
	size_t n;
	if (strncmp(value, "W/", 2) == 0)
		value += 2;
	n = strlen(value);
	if (n >= 2 && value[0] == '"' && value[n - 1] == '"') {
		value++;
		n -= 2;
	}
	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, value, n);
	buf[n] = '\0';
	return parse_int64(buf, version) || *version <= 0 ? -1 : 0;
}

/* The If-Match version; 428 when required and absent. */
static int if_match(struct request *req, int required, int64_t *version, struct err *e)
{
	const char *v = http_header(req, "If-Match");
	*version = 0;
	if (!v) {
		if (required)
			return err_set(e, 428, "precondition_required",
				       "Send If-Match with the version you last read (its ETag), so that "
				       "concurrent edits are never silently overwritten.");
		return 0;
	}
	if (parse_if_match(v, version))
		return err_set(e, 400, "bad_if_match", "If-Match must be the record's ETag, e.g. \"3\".");
	return 0;
}

void api_update(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	struct input in;
	int64_t version;
	json_t *body = NULL;
	if (if_match(req, 1, &version, &e) == 0 && (body = http_json_body(req, &e)) &&
	    validate_json(req->entity, body, 0, &req->arena, &in, &e) == 0)
		record_update(req->store, &req->actor, req->entity, req->id, version, &in, &req->arena, &e);
	json_decref(body);
	if (e.status)
		http_reply_problem(resp, &e);
	else
		api_reply_record(req, resp, 200, req->id);
}

void api_archive(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	int64_t version;
	if (if_match(req, 0, &version, &e) ||
	    record_archive(req->store, &req->actor, req->entity, req->id, version, &req->arena, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	http_reply(resp, 204, NULL);
}
