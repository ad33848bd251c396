/* classification_api: GET /api/v1/classification (the scheme) and PUT (the
 * whole scheme replaced; ISMS managers). */
#include "api/api.h"
#include "isms/classification.h"

static void reply_scheme(struct request *req, struct response *resp, int status)
{
	struct cl_scheme sc;
	struct err e = ERR_INIT;
	if (classification_load(req->store, &req->arena, &sc, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	sb_reset(&resp->body);
	classification_to_json(&sc, &resp->body);
	http_reply(resp, status, "application/json");
}

void api_classification_get(struct request *req, struct response *resp)
{
	reply_scheme(req, resp, 200);
}

void api_classification_put(struct request *req, struct response *resp)
{
	struct cl_scheme sc;
	struct err e = ERR_INIT;
	json_t *body = http_json_body(req, &e);
	int rc = body ? classification_parse(body, &req->arena, &sc, &e) : -1;
	json_decref(body);
	if (rc || classification_save(req->store, &req->actor, &sc, &e))
		http_reply_problem(resp, &e);
	else
		reply_scheme(req, resp, 200);
}
