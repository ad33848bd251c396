/* heatmap_api: GET /api/v1/risks/heatmap?kind=inherent|residual — the
 * counts of the risks the caller may read per likelihood × impact cell of
 * the current risk method (isms/heatmap.h), with the register's filters
 * and search when given. */
#include <string.h>

#include "api/api.h"
#include "isms/heatmap.h"
#include "isms/list_params.h"

struct heatmap_params {
	struct list_params list;
	int residual;
};

static int heatmap_param(void *ctx, const char *key, const char *value)
{
	struct heatmap_params *hp = ctx;
	if (strcmp(key, "kind") != 0 && strcmp(key, "q") != 0 && strcmp(key, "id") != 0 &&
	    entity_field_index(hp->list.ent, key) < 0)
		return err_set(hp->list.e, 400, "bad_parameter",
			       "Unknown query parameter '%s': use kind (inherent or residual), q or a field of risk.", key);
	if (strcmp(key, "kind") != 0)
		return list_params_take(&hp->list, key, value);
	if (strcmp(value, "inherent") && strcmp(value, "residual"))
		return err_set(hp->list.e, 400, "bad_parameter", "kind must be inherent or residual.");
	hp->residual = strcmp(value, "residual") == 0;
	return 0;
}

void api_risk_heatmap(struct request *req, struct response *resp)
{
	const struct entity *risk = entity_by_name("risk");
	struct list_query q;
	struct err e = ERR_INIT;
	struct heatmap_params hp = { { risk, &q, 0, &req->arena, &e }, 0 };
	struct risk_method m;
	struct heatmap h;

	list_query_init(&q, risk);
	q.viewer = &req->actor;
	if (http_query_each(req, heatmap_param, &hp) || risk_method_current(req->store, &req->arena, &m, &e) ||
	    heatmap_count(req->store, &m, hp.residual, &q, &h, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	heatmap_json(&h, &resp->body);
	http_reply(resp, 200, "application/json");
}
