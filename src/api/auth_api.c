/* auth_api: health, login (with the second-factor code when the user has
 * one), logout, the current user, password change. */
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

void api_user_members(struct strbuf *sb, int *first, const struct user *u)
{
	jsonw_kv_int(sb, first, "id", u->id);
	jsonw_kv_str(sb, first, "email", u->email);
	jsonw_kv_str(sb, first, "name", u->name);
	jsonw_kv_str(sb, first, "role", role_name(u->role));
	jsonw_kv_bool(sb, first, "disabled", u->disabled);
	jsonw_kv_bool(sb, first, "must_change_password", u->must_change_password);
	jsonw_kv_bool(sb, first, "mfa_enabled", u->mfa_enabled);
}

void api_user_json(struct strbuf *sb, const struct user *u)
{
	int first = 1;
	sb_addc(sb, '{');
	api_user_members(sb, &first, u);
	sb_addc(sb, '}');
}

int api_string_body(struct request *req, const char *const *keys, int nrequired, const char **vals, struct err *e)
{
	struct body_key decl[API_STRING_KEYS_MAX + 1];
	struct body_value got[API_STRING_KEYS_MAX];
	int n = 0;
	for (; keys[n]; n++) {
		if (n == API_STRING_KEYS_MAX)
			return err_set(e, 500, "internal", "Too many keys declared.");
		decl[n] = (struct body_key){ keys[n], BODY_STRING, n < nrequired };
	}
	decl[n] = (struct body_key){ NULL, 0, 0 };
	if (api_body_read(req, decl, got, e)) {
		e->status = 400; /* these bodies come from scripts: any problem is a bad request */
		return -1;
	}
	for (int i = 0; i < n; i++)
		vals[i] = got[i].set ? got[i].s : NULL;
	return 0;
}

void api_login(struct request *req, struct response *resp)
{
	static const char *const keys[] = { "email", "password", "code", NULL };
	const char *vals[3] = { NULL, NULL, NULL };
	char token[TOKEN_MAX], csrf[TOKEN_MAX];
	struct err e = ERR_INIT;
	struct user u;
	int first = 0;

	if (api_string_body(req, keys, 2, vals, &e) ||
	    login_attempt(req->store, vals[0], vals[1], vals[2], http_client(req), &req->arena, &u, &e) ||
	    session_open(req, &u, token, csrf, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	session_cookie_set(req, resp, token);
	sb_adds(&resp->body, "{\"user\":");
	api_user_json(&resp->body, &u);
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
	api_user_json(&resp->body, &req->user);
	http_reply(resp, 200, "application/json");
}

void api_change_password(struct request *req, struct response *resp)
{
	static const char *const keys[] = { "current_password", "new_password", NULL };
	const char *vals[2] = { NULL, NULL };
	struct err e = ERR_INIT;
	if (api_string_body(req, keys, 2, vals, &e))
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
