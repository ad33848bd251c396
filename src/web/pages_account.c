/* pages_account: the signed-in user's own API tokens (list, create — the
 * secret shown once — revoke) and browser sessions (list, end one, log out
 * everywhere). The token table is shared with the user administration
 * pages. */
#include <string.h>

#include "api/api.h"
#include "auth/session.h"
#include "auth/token.h"
#include "base/timeutil.h"
#include "base/util.h"
#include "web/page.h"
#include "web/web.h"

#define TOKEN_DAYS_DEFAULT "90"

static const struct field token_fields[] = {
	{ "name", "Name", FT_TEXT, F_REQUIRED, .max_len = TOKEN_NAME_MAX,
	  .help = "What the token is for, such as the script or system that uses it." },
	{ "days", "Lifetime in days", FT_INT, F_REQUIRED, .min = 0, .max = TOKEN_DAYS_MAX, .def = TOKEN_DAYS_DEFAULT,
	  .help = "0 means the token never expires. Shorter is safer." },
};

static const char *token_state(const struct api_token *t, const char *now)
{
	if (t->revoked)
		return "revoked";
	if (t->expires_at && strcmp(t->expires_at, now) <= 0)
		return "expired";
	return "active";
}

/* A small POST form with one button, for an action on a row. */
static void row_button(struct request *req, struct strbuf *sb, const char *action, const char *label,
		       const char *confirm)
{
	html_printf(sb, "<form method=\"post\" action=\"%s\" class=\"inline\" data-confirm=\"%s\">", action, confirm);
	page_csrf(req, sb);
	html_printf(sb, "<button type=\"submit\" class=\"btn btn-danger btn-sm\">%s</button></form>", label);
}

void page_token_table(struct request *req, struct strbuf *sb, const struct api_token *tokens, int n,
		      const char *revoke_base)
{
	char now[32];
	if (n == 0) {
		html_printf(sb, "<p class=\"empty-state\">No API tokens.</p>");
		return;
	}
	time_now_iso(now);
	html_printf(sb, "<div class=\"table-wrap\"><table class=\"table\"><thead><tr><th scope=\"col\">Name</th>"
			"<th scope=\"col\">Created</th><th scope=\"col\">Expires</th><th scope=\"col\">Last used</th>"
			"<th scope=\"col\">State</th><th scope=\"col\"><span class=\"sr-only\">Actions</span></th>"
			"</tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		const struct api_token *t = &tokens[i];
		const char *state = token_state(t, now);
		html_printf(sb, "<tr><th scope=\"row\">%s</th><td>", t->name);
		view_time(req, sb, t->created_at, NULL);
		html_printf(sb, "</td><td>");
		view_time(req, sb, t->expires_at, "Never");
		html_printf(sb, "</td><td>");
		view_time(req, sb, t->last_used_at, "Not yet");
		html_printf(sb, "</td><td>");
		view_badge(sb, &req->arena, state);
		html_printf(sb, "</td><td class=\"row-actions\">");
		if (!t->revoked)
			row_button(req, sb, arena_printf(&req->arena, "%s/%lld/revoke", revoke_base, (long long)t->id),
				   "Revoke", "Revoke this API token? Scripts using it will be refused at once.");
		html_printf(sb, "</td></tr>");
	}
	html_printf(sb, "</tbody></table></div>");
}

/* The tokens page; secret is a token just created (shown once), e the
 * refused creation with the values typed in name and days. */
static void tokens_page(struct request *req, struct response *resp, const char *secret, const char *name,
			const char *days, const struct err *e)
{
	struct strbuf *sb = &resp->body;
	struct api_token *tokens;
	struct err le = ERR_INIT;
	int n = token_list(req->store, req->user.id, &req->arena, &tokens, &le);

	if (n < 0) {
		page_error(req, resp, &le, "/", NULL);
		return;
	}
	page_begin(req, resp, "API tokens", "account/tokens", 0);
	page_head(sb, "Your account", NULL, "API tokens",
		  "Tokens let scripts use the JSON API as you: send one as \"Authorization: Bearer TOKEN\". "
		  "Revoke a token as soon as it is no longer needed.");
	page_head_end(sb);
	page_flash(req, sb);
	if (secret)
		page_secret(sb, "new-token", secret, arena_printf(&req->arena, "Your new API token “%s”", name));
	if (e && e->status)
		page_notice(sb, "error", e->nfields ? "The token was not created. See the marked fields." : e->message);
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"tokens-title\"><div class=\"card-head\">"
			"<h2 id=\"tokens-title\">Your tokens</h2></div>");
	page_token_table(req, sb, tokens, n, "/account/tokens");
	html_printf(sb, "</section><h2 class=\"section-title\">New token</h2>");
	page_form_begin(req, sb, "/account/tokens");
	page_field(req, sb, &token_fields[0], secret ? "" : name, NULL, e);
	page_field(req, sb, &token_fields[1], secret || !days ? TOKEN_DAYS_DEFAULT : days, NULL, e);
	page_form_end(sb, "Create token", NULL);
	page_end(req, resp, e && e->status ? e->status : 200);
}

void web_tokens(struct request *req, struct response *resp)
{
	tokens_page(req, resp, NULL, "", NULL, NULL);
}

void web_token_create(struct request *req, struct response *resp)
{
	const char *name = http_form(req, "name"), *days = http_form(req, "days");
	char token[TOKEN_MAX];
	struct api_token info;
	struct err e = ERR_INIT;
	int64_t d = 0;

	if (!name)
		name = "";
	if (!days || parse_int64(days, &d))
		err_field(&e, "days", "type", "Must be a whole number.");
	if (e.status || token_create(req->store, &req->actor, req->user.id, name, d, &req->arena, &info, token, &e)) {
		tokens_page(req, resp, NULL, name, days, &e);
		return;
	}
	tokens_page(req, resp, token, name, NULL, NULL);
}

void web_token_revoke(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	if (token_revoke(req->store, &req->actor, req->user.id, req->id, &e))
		page_error(req, resp, &e, "/account/tokens", "Back to your API tokens");
	else
		http_redirect(resp, "/account/tokens?notice=token_revoked");
}

static void session_row(struct request *req, struct strbuf *sb, const struct session_info *si)
{
	html_printf(sb, "<tr%R><td>", si->current ? " class=\"current\"" : "");
	view_time(req, sb, si->created_at, NULL);
	if (si->current) {
		html_printf(sb, " ");
		view_badge(sb, &req->arena, "this_session");
	}
	html_printf(sb, "</td><td>");
	view_time(req, sb, si->last_seen_at, NULL);
	html_printf(sb, "</td><td>");
	view_time(req, sb, si->expires_at, NULL);
	html_printf(sb, "</td><td>%s</td><td class=\"agent\">%s</td><td class=\"row-actions\">",
		    si->client ? si->client : "—", si->user_agent ? si->user_agent : "—");
	row_button(req, sb, arena_printf(&req->arena, "/account/sessions/%lld/end", (long long)si->id),
		   si->current ? "Log out" : "End",
		   si->current ? "End this session? You will be logged out here." : "End this session? Whoever uses it "
										  "will have to log in again.");
	html_printf(sb, "</td></tr>");
}

void web_sessions(struct request *req, struct response *resp)
{
	struct strbuf *sb = &resp->body;
	struct session_info *list;
	struct err e = ERR_INIT;
	int n = session_list(req->store, req->user.id, req->session_token, &req->arena, &list, &e);

	if (n < 0) {
		page_error(req, resp, &e, "/", NULL);
		return;
	}
	page_begin(req, resp, "Sessions", "account/sessions", 0);
	page_head(sb, "Your account", NULL, "Sessions",
		  "Where you are logged in. End any session you do not recognise, then change your password.");
	page_head_end(sb);
	page_flash(req, sb);
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"sessions-title\"><div class=\"card-head\">"
			"<h2 id=\"sessions-title\">Live sessions</h2></div>");
	if (n == 0) {
		html_printf(sb, "<p class=\"empty-state\">No browser sessions: you are using an API token.</p>");
	} else {
		html_printf(sb, "<div class=\"table-wrap\"><table class=\"table\"><thead><tr>"
				"<th scope=\"col\">Logged in</th><th scope=\"col\">Last active</th>"
				"<th scope=\"col\">Ends</th><th scope=\"col\">Address</th><th scope=\"col\">Browser</th>"
				"<th scope=\"col\"><span class=\"sr-only\">Actions</span></th></tr></thead><tbody>");
		for (int i = 0; i < n; i++)
			session_row(req, sb, &list[i]);
		html_printf(sb, "</tbody></table></div>");
	}
	html_printf(sb, "</section><section class=\"card danger-zone\" aria-labelledby=\"everywhere-title\">"
			"<h2 id=\"everywhere-title\">Log out everywhere</h2>"
			"<p>Ends every session of yours, this one included. Your API tokens keep working; revoke them "
			"on the <a href=\"/account/tokens\">API tokens</a> page.</p>"
			"<form method=\"post\" action=\"/account/logout-everywhere\" data-confirm=\"Log out everywhere, "
			"this browser included?\">");
	page_csrf(req, sb);
	html_printf(sb, "<button type=\"submit\" class=\"btn btn-danger\">Log out everywhere</button></form></section>");
	page_end(req, resp, 200);
}

void web_session_end(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	int was_current;
	if (session_end(req->store, &req->actor, req->user.id, req->id, req->session_token, &was_current, &e)) {
		page_error(req, resp, &e, "/account/sessions", "Back to your sessions");
	} else if (was_current) {
		session_cookie_clear(req, resp);
		http_redirect(resp, "/login?notice=logged_out");
	} else {
		http_redirect(resp, "/account/sessions?notice=session_ended");
	}
}

void web_logout_everywhere(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	if (session_end_all(req->store, &req->actor, req->user.id, &e)) {
		page_error(req, resp, &e, "/account/sessions", "Back to your sessions");
		return;
	}
	session_cookie_clear(req, resp);
	http_redirect(resp, "/login?notice=logged_out_everywhere");
}
