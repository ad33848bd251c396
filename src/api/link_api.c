/* link_api: the links of a record (isms/link.h) — list both directions, add,
 * remove — and an asset's own and effective protection needs
 * (isms/protection.h). */
#include <string.h>

#include "api/api.h"
#include "isms/link.h"
#include "isms/protection.h"

/* The kind named by {name} for {type}; 404 naming the kinds there are. */
static const struct link_kind *kind_of(struct request *req, struct err *e)
{
	const struct link_kind *k = link_kind_find(req->entity, req->param);
	struct strbuf names = STRBUF_INIT;
	if (k)
		return k;
	for (int i = 0; i < link_kind_count; i++)
		if (strcmp(link_kinds[i].from, req->entity->name) == 0)
			sb_addf(&names, "%s%s", names.len ? ", " : "", link_kinds[i].name);
	err_set(e, 404, "unknown_link_kind", "%s records have no links of kind '%s'%s%s.", req->entity->label,
		req->param, names.len ? "; they have: " : "; they have none", names.len ? names.buf : "");
	sb_release(&names);
	return NULL;
}

static void reply_links(struct request *req, struct response *resp, int status)
{
	struct link_group *g;
	struct err e = ERR_INIT;
	int n;
	if (link_list(req->store, &req->actor, req->entity, req->id, &req->arena, &g, &n, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	sb_reset(&resp->body);
	link_groups_json(g, n, &resp->body);
	http_reply(resp, status, "application/json");
}

void api_links_get(struct request *req, struct response *resp)
{
	reply_links(req, resp, 200);
}

void api_link_add(struct request *req, struct response *resp)
{
	static const struct body_key keys[] = {
		{ "id", BODY_INT, 1 }, { "relation", BODY_STRING, 0 }, { "type", BODY_STRING, 0 }, { NULL, 0, 0 },
	};
	struct body_value v[3];
	struct err e = ERR_INIT;
	const struct link_kind *k = kind_of(req, &e);
	if (!k || api_body_read(req, keys, v, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	if (v[0].i <= 0)
		err_field(&e, "id", "range", "Must be the id of a %s: a whole number of at least 1.", k->to);
	if (v[2].set && strcmp(v[2].s, k->to) != 0)
		err_field(&e, "type", "wrong_type", "Links of kind %s go to %s records, not %s.", k->name, k->to,
			  v[2].s);
	if (e.status ||
	    link_add(req->store, &req->actor, k, req->id, v[0].i, v[1].set ? v[1].s : NULL, &req->arena, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	reply_links(req, resp, 201);
}

void api_link_remove(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	const struct link_kind *k = kind_of(req, &e);
	if (!k || link_remove(req->store, &req->actor, k, req->id, req->sub_id, &req->arena, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	http_reply(resp, 204, NULL);
}

void api_asset_protection(struct request *req, struct response *resp)
{
	const struct entity *ent = entity_by_name("asset");
	struct record r;
	struct pn_view v;
	struct err e = ERR_INIT;
	if (record_read(req->store, &req->actor, ent, req->id, &req->arena, &r, &e) ||
	    protection_view(req->store, &req->actor, req->id, &req->arena, &v, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	protection_view_json(&v, &resp->body);
	http_reply(resp, 200, "application/json");
}
