/* export_api: GET /api/v1/{type}/export.csv — every record the list would
 * show for the same filters, search and sort (no limit or offset: all of
 * them), as a CSV download (isms/export.h). */
#include "api/api.h"
#include "base/timeutil.h"
#include "isms/export.h"
#include "isms/list_params.h"

void api_export_csv(struct request *req, struct response *resp)
{
	struct list_query q;
	struct err e = ERR_INIT;
	struct list_params lp = { req->entity, &q, LP_SORT | LP_ARCHIVED, &req->arena, &e };
	char now[32];

	list_query_init(&q, req->entity);
	q.viewer = &req->actor;
	if (http_query_each(req, list_params_take, &lp) ||
	    export_csv(req->store, req->entity, &q, &resp->body, &e) < 0) {
		sb_reset(&resp->body);
		http_reply_problem(resp, &e);
		return;
	}
	time_now_iso(now);
	http_set_header(resp, "Content-Disposition",
			arena_printf(&req->arena, "attachment; filename=\"%s-%.10s.csv\"", req->entity->plural, now));
	http_reply(resp, 200, "text/csv; charset=utf-8");
}
