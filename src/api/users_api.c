/* users_api: user administration under /api/v1/users (administrators):
 * list, create, read, change name/role/state, reset the password, and
 * every user's API tokens. One-time passwords appear once, in the answer
 * that makes them. */
#include <string.h>

#include "api/api.h"
#include "auth/account.h"
#include "base/jsonw.h"

#define SEARCH_MAX 200

static int list_param(void *ctx, const char *key, const char *value)
{
	struct err *e = ctx;
	if (strcmp(key, "q") != 0)
		return err_set(e, 400, "bad_parameter", "Unknown query parameter '%s': use q.", key);
	if (strlen(value) > SEARCH_MAX)
		return err_set(e, 400, "bad_parameter", "q must be at most %d characters.", SEARCH_MAX);
	return 0;
}

static void user_item(struct strbuf *sb, const void *items, int i)
{
	api_user_json(sb, &((const struct user *)items)[i]);
}

void api_users_list(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	struct user *users;
	int n;

	if (http_query_each(req, list_param, &e) ||
	    (n = user_list(req->store, http_query(req, "q"), &req->arena, &users, &e)) < 0)
		http_reply_problem(resp, &e);
	else
		http_reply_items(resp, n, 1, user_item, users);
}

/* The user of {id} as JSON with a one-time password when there is one. */
static void reply_user(struct request *req, struct response *resp, int status, int64_t id, const char *otp)
{
	struct err e = ERR_INIT;
	struct user u;
	int first = 1;
	if (user_by_id(req->store, id, &req->arena, &u, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	sb_reset(&resp->body);
	sb_addc(&resp->body, '{');
	api_user_members(&resp->body, &first, &u);
	if (otp)
		jsonw_kv_str(&resp->body, &first, "one_time_password", otp);
	sb_addc(&resp->body, '}');
	if (status == 201)
		http_set_header(resp, "Location", arena_printf(&req->arena, "/api/v1/users/%lld", (long long)id));
	http_reply(resp, status, "application/json");
}

static int parse_role(const struct body_value *v, enum role *out, struct err *e)
{
	if (role_parse(v->s, out))
		return err_field(e, "role", "enum", "Must be one of employee, auditor, owner, isms_manager, admin.");
	return 0;
}

/* Body: {"email", "name", "role"} and optionally "password"; without one,
 * a one-time password is made, returned once, and must be changed at
 * first login. */
void api_user_create(struct request *req, struct response *resp)
{
	static const struct body_key keys[] = {
		{ "email", BODY_STRING, 1 }, { "name", BODY_STRING, 1 }, { "role", BODY_STRING, 1 },
		{ "password", BODY_STRING, 0 }, { NULL, 0, 0 },
	};
	struct body_value v[4];
	struct err e = ERR_INIT;
	char generated[32];
	const char *password;
	enum role role = ROLE_EMPLOYEE;
	int64_t id;

	if (api_body_read(req, keys, v, &e) || parse_role(&v[2], &role, &e))
		goto fail;
	password = v[3].set ? v[3].s : NULL;
	if (!password) {
		password_generate(generated);
		password = generated;
	}
	if (user_create(req->store, &req->actor, v[0].s, v[1].s, role, password, password == generated, &id, &e))
		goto fail;
	reply_user(req, resp, 201, id, password == generated ? generated : NULL);
	return;
fail:
	http_reply_problem(resp, &e);
}

void api_user_get(struct request *req, struct response *resp)
{
	reply_user(req, resp, 200, req->id, NULL);
}

/* Body: any of {"name": "...", "role": "...", "disabled": bool}; all or nothing. */
void api_user_patch(struct request *req, struct response *resp)
{
	static const struct body_key keys[] = {
		{ "name", BODY_STRING, 0 }, { "role", BODY_STRING, 0 }, { "disabled", BODY_BOOL, 0 }, { NULL, 0, 0 },
	};
	struct body_value v[3];
	struct user_change c = USER_CHANGE_INIT;
	struct err e = ERR_INIT;

	if (api_body_read(req, keys, v, &e) || (v[1].set && parse_role(&v[1], &c.role, &e)))
		goto fail;
	c.name = v[0].s;
	c.set_role = v[1].set;
	if (v[2].set)
		c.disabled = (int)v[2].i;
	if (user_update(req->store, &req->actor, req->id, &c, &e))
		goto fail;
	reply_user(req, resp, 200, req->id, NULL);
	return;
fail:
	http_reply_problem(resp, &e);
}

/* A new one-time password: every session of the user ends, and they must
 * choose their own password at next login. */
void api_user_reset_password(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	char otp[32];
	if (user_reset_password(req->store, &req->actor, req->id, otp, &e))
		http_reply_problem(resp, &e);
	else
		reply_user(req, resp, 200, req->id, otp);
}

void api_user_tokens(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	struct user u;
	if (user_by_id(req->store, req->id, &req->arena, &u, &e))
		http_reply_problem(resp, &e);
	else
		api_reply_tokens(req, resp, u.id);
}

/* 404 as well when there is no such user: no token of theirs is found. */
void api_user_token_revoke(struct request *req, struct response *resp)
{
	api_reply_token_revoke(req, resp, req->id, req->sub_id);
}
