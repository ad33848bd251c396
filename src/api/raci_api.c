/* raci_api: roles and responsibilities over JSON (isms/raci.h) — the ISMS
 * roles with their holders and the RACI matrix of every live process,
 * assigning a role, one process's RACI and replacing it. */
#include <string.h>

#include "api/api.h"
#include "base/jsonw.h"
#include "isms/raci.h"

void api_roles_get(struct request *req, struct response *resp)
{
	struct role_holder h[RACI_MAX_ENTRIES];
	struct raci_process *p;
	struct err e = ERR_INIT;
	int n;
	if (raci_holders(req->store, &req->arena, h, &e) || raci_matrix(req->store, &req->arena, &p, &n, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	sb_adds(&resp->body, "{\"roles\":[");
	for (int i = 0; i < isms_role_count; i++) {
		if (i)
			sb_addc(&resp->body, ',');
		raci_holder_to_json(&h[i], &resp->body);
	}
	sb_adds(&resp->body, "],\"processes\":[");
	for (int i = 0; i < n; i++) {
		if (i)
			sb_addc(&resp->body, ',');
		raci_process_to_json(&p[i], &resp->body);
	}
	sb_adds(&resp->body, "]}");
	http_reply(resp, 200, "application/json");
}

void api_role_assign(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	json_t *body = http_json_body(req, &e), *u;
	const char *key;
	json_t *v;
	int64_t user_id = 0;
	if (body) {
		if (!json_is_object(body))
			err_set(&e, 400, "bad_body", "The body is a JSON object: {\"user_id\": ID or null}.");
		else
			json_object_foreach(body, key, v)
				if (strcmp(key, "user_id"))
					err_field(&e, key, "unknown", "Unknown key: only user_id is read.");
		if (!e.status) {
			u = json_object_get(body, "user_id");
			if (!u)
				err_field(&e, "user_id", "required", "Give user_id: the person, or null for nobody.");
			else if (json_is_integer(u) && json_integer_value(u) > 0)
				user_id = json_integer_value(u);
			else if (!json_is_null(u))
				err_field(&e, "user_id", "type", "user_id is a user's id or null.");
		}
		if (e.nfields && err_has_field(&e, "user_id") == 0)
			e.status = 400;
	}
	json_decref(body);
	if (e.status || raci_assign(req->store, &req->actor, req->param, user_id, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	api_roles_get(req, resp);
}

static void reply_raci(struct request *req, struct response *resp, int status)
{
	struct raci_process p;
	struct err e = ERR_INIT;
	sb_reset(&resp->body);
	if (raci_get(req->store, req->id, &req->arena, &p, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	raci_process_to_json(&p, &resp->body);
	http_reply(resp, status, "application/json");
}

void api_raci_get(struct request *req, struct response *resp)
{
	reply_raci(req, resp, 200);
}

/* {"entries": [{"role": KEY | "user_id": ID, "letter": "R"}, ...]} into in[]. */
static int read_entries(struct request *req, json_t *body, struct raci_entry *in, int *n, struct err *e)
{
	json_t *arr, *it;
	const char *key;
	json_t *v;
	size_t i;
	*n = 0;
	if (!json_is_object(body))
		return err_set(e, 400, "bad_body", "The body is a JSON object: {\"entries\": [...]}.");
	json_object_foreach(body, key, v)
		if (strcmp(key, "entries"))
			err_set(e, 400, "unknown_key", "Unknown key %s: only entries is read.", key);
	if (e->status)
		return -1;
	arr = json_object_get(body, "entries");
	if (!json_is_array(arr))
		return err_field(e, "entries", "type", "entries is a list of {role or user_id, letter}.");
	if (json_array_size(arr) > RACI_MAX_ENTRIES)
		return err_field(e, "entries", "too_many", "At most %d entries per process.", RACI_MAX_ENTRIES);
	json_array_foreach(arr, i, it) {
		const char *f = arena_printf(&req->arena, "entries[%zu]", i);
		json_t *role, *user, *letter;
		struct raci_entry *x = &in[(*n)++];
		memset(x, 0, sizeof(*x));
		if (!json_is_object(it)) {
			err_field(e, f, "type", "Each entry is an object {role or user_id, letter}.");
			continue;
		}
		json_object_foreach(it, key, v)
			if (strcmp(key, "role") && strcmp(key, "user_id") && strcmp(key, "letter"))
				err_field(e, arena_printf(&req->arena, "%s.%s", f, key), "unknown",
					  "Unknown key: an entry has role or user_id, and letter.");
		role = json_object_get(it, "role");
		user = json_object_get(it, "user_id");
		letter = json_object_get(it, "letter");
		if (role && !json_is_null(role)) {
			if (json_is_string(role))
				x->role = arena_strdup(&req->arena, json_string_value(role));
			else
				err_field(e, arena_printf(&req->arena, "%s.role", f), "type", "role is an ISMS role's key.");
		}
		if (user && !json_is_null(user)) {
			if (json_is_integer(user) && json_integer_value(user) > 0)
				x->user_id = json_integer_value(user);
			else
				err_field(e, arena_printf(&req->arena, "%s.user_id", f), "type", "user_id is a user's id.");
		}
		if (json_is_string(letter) && strlen(json_string_value(letter)) == 1)
			x->letter = json_string_value(letter)[0];
		else
			err_field(e, arena_printf(&req->arena, "%s.letter", f), "invalid", "The letter is one of R, A, C or I.");
	}
	return e->nfields ? -1 : 0;
}

void api_raci_put(struct request *req, struct response *resp)
{
	struct raci_entry in[RACI_MAX_ENTRIES];
	struct err e = ERR_INIT;
	json_t *body = http_json_body(req, &e);
	int n = 0;
	if (body && read_entries(req, body, in, &n, &e) == 0)
		raci_set(req->store, &req->actor, req->id, in, n, &req->arena, &e);
	json_decref(body);
	if (e.status)
		http_reply_problem(resp, &e);
	else
		reply_raci(req, resp, 200);
}
