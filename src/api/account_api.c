/* account_api: the caller's own API tokens and browser sessions —
 * /api/v1/me/tokens, /api/v1/me/sessions, /api/v1/me/logout-everywhere.
 * A token's secret appears once, in the answer that creates it. */
#include "api/api.h"
#include "auth/session.h"
#include "base/jsonw.h"

#define TOKEN_DAYS_DEFAULT 90

/* secret: the token itself, only in the answer that creates it. */
static void token_json(struct strbuf *sb, const struct api_token *t, const char *secret)
{
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &first, "id", t->id);
	jsonw_kv_str(sb, &first, "name", t->name);
	jsonw_kv_str(sb, &first, "created_at", t->created_at);
	jsonw_kv_str(sb, &first, "expires_at", t->expires_at);
	jsonw_kv_str(sb, &first, "last_used_at", t->last_used_at);
	jsonw_kv_bool(sb, &first, "revoked", t->revoked);
	if (secret)
		jsonw_kv_str(sb, &first, "token", secret);
	sb_addc(sb, '}');
}

static void token_item(struct strbuf *sb, const void *items, int i)
{
	token_json(sb, &((const struct api_token *)items)[i], NULL);
}

void api_reply_tokens(struct request *req, struct response *resp, int64_t user_id)
{
	struct api_token *tokens;
	struct err e = ERR_INIT;
	int n = token_list(req->store, user_id, &req->arena, &tokens, &e);
	if (n < 0)
		http_reply_problem(resp, &e);
	else
		http_reply_items(resp, n, 0, token_item, tokens);
}

void api_reply_token_revoke(struct request *req, struct response *resp, int64_t user_id, int64_t token_id)
{
	struct err e = ERR_INIT;
	if (token_revoke(req->store, &req->actor, user_id, token_id, &e))
		http_reply_problem(resp, &e);
	else
		http_reply(resp, 204, NULL);
}

void api_my_tokens(struct request *req, struct response *resp)
{
	api_reply_tokens(req, resp, req->user.id);
}

/* Body: {"name": "...", "days": N}; days defaults to 90, 0 = no expiry. */
void api_my_token_create(struct request *req, struct response *resp)
{
	static const struct body_key keys[] = {
		{ "name", BODY_STRING, 1 }, { "days", BODY_INT, 0 }, { NULL, 0, 0 },
	};
	struct body_value vals[2];
	struct api_token info;
	struct err e = ERR_INIT;
	char token[TOKEN_MAX];

	if (api_body_read(req, keys, vals, &e) ||
	    token_create(req->store, &req->actor, req->user.id, vals[0].s, vals[1].set ? vals[1].i : TOKEN_DAYS_DEFAULT,
			 &req->arena, &info, token, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	token_json(&resp->body, &info, token);
	http_reply(resp, 201, "application/json");
}

void api_my_token_revoke(struct request *req, struct response *resp)
{
	api_reply_token_revoke(req, resp, req->user.id, req->id);
}

static void session_item(struct strbuf *sb, const void *items, int i)
{
	const struct session_info *si = &((const struct session_info *)items)[i];
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &first, "id", si->id);
	jsonw_kv_str(sb, &first, "created_at", si->created_at);
	jsonw_kv_str(sb, &first, "last_seen_at", si->last_seen_at);
	jsonw_kv_str(sb, &first, "expires_at", si->expires_at);
	jsonw_kv_str(sb, &first, "client", si->client);
	jsonw_kv_str(sb, &first, "user_agent", si->user_agent);
	jsonw_kv_bool(sb, &first, "current", si->current);
	sb_addc(sb, '}');
}

void api_my_sessions(struct request *req, struct response *resp)
{
	struct session_info *list;
	struct err e = ERR_INIT;
	int n = session_list(req->store, req->user.id, req->session_token, &req->arena, &list, &e);
	if (n < 0)
		http_reply_problem(resp, &e);
	else
		http_reply_items(resp, n, 0, session_item, list);
}

void api_my_session_end(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	int was_current;
	if (session_end(req->store, &req->actor, req->user.id, req->id, req->session_token, &was_current, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	if (was_current)
		session_cookie_clear(req, resp);
	http_reply(resp, 204, NULL);
}

/* Ends every session of the caller, this one included; tokens stay. */
void api_logout_everywhere(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	if (session_end_all(req->store, &req->actor, req->user.id, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	if (req->session_token)
		session_cookie_clear(req, resp);
	http_reply(resp, 204, NULL);
}
