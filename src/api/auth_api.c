/* auth_api: health, login, logout, the current user, password change. */
#include <string.h>

#include "api/api.h"
#include "auth/login.h"
#include "auth/session.h"
#include "base/jsonw.h"

void api_health(struct request *req, struct response *resp)
{
	(void)req;
	http_reply_json_text(resp, 200, "{\"status\":\"ok\"}");
}

void session_cookie_set(struct request *req, struct response *resp, const char *token)
{
	const char *proto = http_header(req, "X-Forwarded-Proto");
	int secure = proto && strcmp(proto, "https") == 0;
	http_set_header(resp, "Set-Cookie",
			arena_printf(&req->arena, "%s=%s; Path=/; HttpOnly; SameSite=Strict%s", SESSION_COOKIE,
				     token, secure ? "; Secure" : ""));
}

int session_open(struct request *req, const struct user *u, char token[TOKEN_MAX], char csrf[TOKEN_MAX],
		 struct err *e)
{
	return session_create(req->store, u, http_client(req), http_header(req, "User-Agent"), token, csrf, e);
}

void session_cookie_clear(struct request *req, struct response *resp)
{
	(void)req;
	http_set_header(resp, "Set-Cookie", SESSION_COOKIE "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
}

static void user_json(struct strbuf *sb, const struct user *u)
{
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &first, "id", u->id);
	jsonw_kv_str(sb, &first, "email", u->email);
	jsonw_kv_str(sb, &first, "name", u->name);
	jsonw_kv_str(sb, &first, "role", role_name(u->role));
	jsonw_kv_bool(sb, &first, "must_change_password", u->must_change_password);
	sb_addc(sb, '}');
}

/* Reads {"a": "...", "b": "..."} with exactly the named string keys. */
static int string_body(struct request *req, const char *const *keys, const char **vals, struct err *e)
{
	json_t *body = http_json_body(req, e), *v;
	const char *key;
	int i;
	if (!body)
		return -1;
	if (!json_is_object(body)) {
		json_decref(body);
		return err_set(e, 400, "bad_json", "The body must be a JSON object.");
	}
	json_object_foreach(body, key, v) {
		for (i = 0; keys[i]; i++)
			if (strcmp(keys[i], key) == 0)
				break;
		if (!keys[i])
			err_field(e, key, "unknown_field", "Not expected here.");
		else if (!json_is_string(v))
			err_field(e, key, "type", "Must be a string.");
		else
			vals[i] = arena_strdup(&req->arena, json_string_value(v));
	}
	for (i = 0; keys[i]; i++)
		if (!vals[i] && !err_has_field(e, keys[i]))
			err_field(e, keys[i], "required", "Required.");
	json_decref(body);
	if (e->status)
		e->status = 400;
	return e->status ? -1 : 0;
}

void api_login(struct request *req, struct response *resp)
{
	static const char *const keys[] = { "email", "password", NULL };
	const char *vals[2] = { NULL, NULL };
	char token[TOKEN_MAX], csrf[TOKEN_MAX];
	struct err e = ERR_INIT;
	struct user u;
	int first = 0;

	if (string_body(req, keys, vals, &e) ||
	    login_attempt(req->store, vals[0], vals[1], http_client(req), &req->arena, &u, &e) ||
	    session_open(req, &u, token, csrf, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	session_cookie_set(req, resp, token);
	sb_adds(&resp->body, "{\"user\":");
	user_json(&resp->body, &u);
	jsonw_kv_str(&resp->body, &first, "csrf_token", csrf);
	sb_addc(&resp->body, '}');
	http_reply(resp, 200, "application/json");
}

void api_logout(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	if (req->session_token) {
		if (session_delete(req->store, req->session_token, &e)) {
			http_reply_problem(resp, &e);
			return;
		}
		session_cookie_clear(req, resp);
	}
	http_reply(resp, 204, NULL);
}

void api_me(struct request *req, struct response *resp)
{
	user_json(&resp->body, &req->user);
	http_reply(resp, 200, "application/json");
}

void api_change_password(struct request *req, struct response *resp)
{
	static const char *const keys[] = { "current_password", "new_password", NULL };
	const char *vals[2] = { NULL, NULL };
	struct err e = ERR_INIT;
	if (string_body(req, keys, vals, &e))
		goto fail;
	if (password_verify(req->user.password_hash, vals[0])) {
		err_field(&e, "current_password", "wrong", "This is not your current password.");
		goto fail;
	}
	if (strcmp(vals[0], vals[1]) == 0) {
		err_field(&e, "new_password", "unchanged", "Choose a password different from the current one.");
		goto fail;
	}
	if (user_set_password(req->store, &req->actor, req->user.id, req->user.email, vals[1], 0, req->session_token, &e)) {
		/* password rules report on "password"; name the field the caller sent */
		for (int i = 0; i < e.nfields; i++)
			if (strcmp(e.fields[i].field, "password") == 0)
				snprintf(e.fields[i].field, sizeof(e.fields[i].field), "new_password");
		goto fail;
	}
	http_reply(resp, 204, NULL);
	return;
fail:
	http_reply_problem(resp, &e);
}
