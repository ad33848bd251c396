/* context_api: what changed in issues, interested parties and their
 * requirements since a date (isms/context.h), for the management review. */
#include <string.h>

#include "api/api.h"
#include "isms/context.h"

static int since_only(void *ctx, const char *key, const char *value)
{
	struct err *e = ctx;
	(void)value;
	if (strcmp(key, "since"))
		return err_set(e, 400, "unknown_parameter", "Unknown parameter %s: only since is read.", key);
	return 0;
}

void api_context_changes(struct request *req, struct response *resp)
{
	struct context_changes c;
	struct err e = ERR_INIT;
	const char *since = http_query(req, "since");
	if (http_query_each(req, since_only, &e) ||
	    context_changes_since(req->store, since, &req->arena, &c, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	context_changes_to_json(&c, since, &resp->body);
	http_reply(resp, 200, "application/json");
}
