/* group_api: user groups over JSON — list, create, read with members,
 * rename, delete, add and remove members (ISMS managers and up). */
#include <string.h>

#include "api/api.h"
#include "base/jsonw.h"
#include "isms/group.h"

static void group_members_json(struct strbuf *sb, int *first, const struct group *g)
{
	jsonw_kv_int(sb, first, "id", g->id);
	jsonw_kv_str(sb, first, "name", g->name);
	jsonw_kv_str(sb, first, "description", g->description);
	jsonw_kv_int(sb, first, "members", g->members);
	jsonw_kv_str(sb, first, "created_at", g->created_at);
}

void api_groups(struct request *req, struct response *resp)
{
	struct group *g;
	struct err e = ERR_INIT;
	int n;
	if (group_list(req->store, &req->arena, &g, &n, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	sb_adds(&resp->body, "{\"items\":[");
	for (int i = 0; i < n; i++) {
		int first = 1;
		sb_adds(&resp->body, i ? ",{" : "{");
		group_members_json(&resp->body, &first, &g[i]);
		sb_addc(&resp->body, '}');
	}
	sb_addf(&resp->body, "],\"total\":%d}", n);
	http_reply(resp, 200, "application/json");
}

static void reply_group(struct request *req, struct response *resp, int64_t id, int status)
{
	struct group g;
	struct group_member *m;
	struct err e = ERR_INIT;
	int n, first = 1;
	sb_reset(&resp->body);
	if (group_get(req->store, id, &req->arena, &g, &e) || group_members(req->store, id, &req->arena, &m, &n, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	sb_addc(&resp->body, '{');
	group_members_json(&resp->body, &first, &g);
	jsonw_key(&resp->body, &first, "users");
	sb_addc(&resp->body, '[');
	for (int i = 0; i < n; i++) {
		int ff = 1;
		sb_adds(&resp->body, i ? ",{" : "{");
		jsonw_kv_int(&resp->body, &ff, "id", m[i].user_id);
		jsonw_kv_str(&resp->body, &ff, "name", m[i].name);
		jsonw_kv_str(&resp->body, &ff, "email", m[i].email);
		jsonw_kv_bool(&resp->body, &ff, "disabled", m[i].disabled);
		jsonw_kv_str(&resp->body, &ff, "added_at", m[i].added_at);
		sb_addc(&resp->body, '}');
	}
	sb_adds(&resp->body, "]}");
	http_reply(resp, status, "application/json");
}

void api_group_get(struct request *req, struct response *resp)
{
	reply_group(req, resp, req->id, 200);
}

static const struct body_key group_keys[] = {
	{ "name", BODY_STRING, 0 }, { "description", BODY_STRING, 0 }, { NULL, 0, 0 },
};

void api_group_create(struct request *req, struct response *resp)
{
	struct body_value v[2];
	struct err e = ERR_INIT;
	int64_t id = 0;
	memset(v, 0, sizeof(v));
	if (api_body_read(req, group_keys, v, &e) ||
	    group_create(req->store, &req->actor, v[0].s, v[1].set ? v[1].s : NULL, &id, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	http_set_header(resp, "Location", arena_printf(&req->arena, "/api/v1/groups/%lld", (long long)id));
	reply_group(req, resp, id, 201);
}

void api_group_patch(struct request *req, struct response *resp)
{
	struct body_value v[2];
	struct err e = ERR_INIT;
	memset(v, 0, sizeof(v));
	if (api_body_read(req, group_keys, v, &e) ||
	    group_update(req->store, &req->actor, req->id, v[0].set ? v[0].s : NULL, v[1].set ? v[1].s : NULL, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	reply_group(req, resp, req->id, 200);
}

void api_group_delete(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	if (group_delete(req->store, &req->actor, req->id, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	http_reply(resp, 204, NULL);
}

void api_group_member_add(struct request *req, struct response *resp)
{
	static const struct body_key keys[] = { { "user_id", BODY_INT, 1 }, { NULL, 0, 0 } };
	struct body_value v[1];
	struct err e = ERR_INIT;
	memset(v, 0, sizeof(v));
	if (api_body_read(req, keys, v, &e) || group_member_add(req->store, &req->actor, req->id, v[0].i, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	reply_group(req, resp, req->id, 200);
}

void api_group_member_remove(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	if (group_member_remove(req->store, &req->actor, req->id, req->sub_id, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	reply_group(req, resp, req->id, 200);
}
