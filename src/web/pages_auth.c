/* pages_auth: signing in and out, and changing one's password. The login
 * form posts e-mail and password; success opens a session (cookie set by
 * the API's helper) and goes to a local `next` page. A user with a second
 * factor gets a code form instead, carrying a short-lived login ticket
 * (src/auth/ticket.h), never the password. A one-time password sends the
 * user to the password page before anything else. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "auth/secret.h"
#include "auth/login.h"
#include "auth/session.h"
#include "auth/ticket.h"
#include "web/page.h"
#include "web/web.h"

/* Only our own paths: "/x" but not "//host" or "/\host" (browsers treat
 * the backslash as a slash), and nothing that could break a header. */
static int safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\')
		return 0;
	for (const unsigned char *p = (const unsigned char *)next; *p; p++)
		if (*p <= 0x20 || *p >= 0x7f)
			return 0;
	return strncmp(next, "/login", 6) != 0 && strncmp(next, "/logout", 7) != 0;
}

static void login_page(struct request *req, struct response *resp, const char *email, const char *next,
		       const struct err *e)
{
	struct strbuf *sb = &resp->body;
	int status = e && e->status ? e->status : 200;
	page_begin(req, resp, "Sign in", NULL, PAGE_BARE);
	html_printf(sb, "<section class=\"auth-card\" aria-labelledby=\"login-title\">"
			"<h1 id=\"login-title\">Sign in</h1>"
			"<p class=\"lead\">Your information security management system.</p>");
	page_flash(req, sb);
	if (e && e->status)
		page_notice(sb, "error", e->message);
	html_printf(sb, "<form method=\"post\" action=\"/login\" class=\"stack\">");
	if (safe_next(next))
		html_printf(sb, "<input type=\"hidden\" name=\"next\" value=\"%s\">", next);
	html_printf(sb,
		    "<div class=\"field\"><label for=\"email\">E-mail</label>"
		    "<input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required "
		    "value=\"%s\"%R></div>"
		    "<div class=\"field\"><label for=\"password\">Password</label>"
		    "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" "
		    "required%R></div>"
		    "<button type=\"submit\" class=\"btn btn-primary btn-block\">Sign in</button></form></section>",
		    email ? email : "", email && email[0] ? "" : " autofocus",
		    email && email[0] ? " autofocus" : "");
	page_end(req, resp, status);
}

void web_login_form(struct request *req, struct response *resp)
{
	const char *next = http_query(req, "next");
	if (req->authenticated) {
		http_redirect(resp, safe_next(next) ? next : "/");
		return;
	}
	login_page(req, resp, "", next, NULL);
}

/* The second step: the code form, carrying the ticket and next. */
static void code_page(struct request *req, struct response *resp, const char *ticket, const char *next,
		      const struct err *e)
{
	struct strbuf *sb = &resp->body;
	page_begin(req, resp, "Enter your code", NULL, PAGE_BARE);
	html_printf(sb, "<section class=\"auth-card\" aria-labelledby=\"code-title\">"
			"<h1 id=\"code-title\">Enter your code</h1>"
			"<p class=\"lead\">Open your authenticator app and enter the six-digit code it shows for "
			"isms. Without your device, enter one of your recovery codes instead.</p>");
	if (e && e->status)
		page_notice(sb, "error", e->message);
	html_printf(sb, "<form method=\"post\" action=\"/login/code\" class=\"stack\">"
			"<input type=\"hidden\" name=\"ticket\" value=\"%s\">", ticket);
	if (safe_next(next))
		html_printf(sb, "<input type=\"hidden\" name=\"next\" value=\"%s\">", next);
	html_printf(sb, "<div class=\"field\"><label for=\"code\">Code</label>"
			"<input id=\"code\" name=\"code\" type=\"text\" autocomplete=\"one-time-code\" "
			"spellcheck=\"false\" maxlength=\"64\" required autofocus%R></div>"
			"<button type=\"submit\" class=\"btn btn-primary btn-block\">Verify</button></form>"
			"<p class=\"auth-footer\"><a href=\"/login\">Start again</a></p></section>",
		    e && e->status ? " aria-invalid=\"true\"" : "");
	page_end(req, resp, e && e->status ? e->status : 200);
}

/* Opens the session of a signed-in user and goes on. */
static void signed_in(struct request *req, struct response *resp, const struct user *u, const char *next)
{
	char token[TOKEN_MAX], csrf[TOKEN_MAX];
	struct err e = ERR_INIT;
	if (session_open(req, u, token, csrf, &e)) {
		login_page(req, resp, u->email, next, &e);
		return;
	}
	/* signing in again replaces the session this browser had */
	if (req->session_token) {
		struct err ignored = ERR_INIT;
		session_delete(req->store, req->session_token, &ignored);
	}
	session_cookie_set(req, resp, token);
	if (u->must_change_password)
		http_redirect(resp, "/account/password");
	else
		http_redirect(resp, safe_next(next) ? next : "/");
}

void web_login_submit(struct request *req, struct response *resp)
{
	const char *email = http_form(req, "email"), *password = http_form(req, "password");
	const char *next = http_form(req, "next");
	char ticket[TOKEN_MAX];
	struct err e = ERR_INIT;
	struct user u;

	if (!email)
		email = "";
	if (!password)
		password = "";
	if (!email[0] || !password[0]) {
		err_set(&e, 401, "bad_credentials", "Wrong e-mail or password.");
		login_page(req, resp, email, next, &e);
		return;
	}
	if (login_attempt(req->store, email, password, NULL, http_client(req), &req->arena, &u, &e)) {
		if (strcmp(e.code, "mfa_required") != 0) {
			login_page(req, resp, email, next, &e);
			return;
		}
		err_clear(&e);
		if (ticket_create(req->store, u.id, ticket, &e))
			login_page(req, resp, email, next, &e);
		else
			code_page(req, resp, ticket, next, NULL);
		return;
	}
	signed_in(req, resp, &u, next);
}

void web_login_code(struct request *req, struct response *resp)
{
	const char *ticket = http_form(req, "ticket"), *code = http_form(req, "code");
	const char *next = http_form(req, "next");
	struct err e = ERR_INIT, ignored = ERR_INIT;
	int64_t user_id;
	struct user u;

	if (ticket_user(req->store, ticket, &user_id, &e)) {
		login_page(req, resp, "", next, &e);
		return;
	}
	if (user_by_id(req->store, user_id, &req->arena, &u, &e) || u.disabled || !u.mfa_enabled) {
		ticket_delete(req->store, ticket, &ignored);
		err_set(&e, 401, "ticket_expired", "Sign in again.");
		login_page(req, resp, "", next, &e);
		return;
	}
	if (!code || !code[0]) {
		err_set(&e, 422, "code_missing", "Enter the code.");
		code_page(req, resp, ticket, next, &e);
		return;
	}
	if (login_code(req->store, &u, code, http_client(req), &e)) {
		if (e.status == 401 || strcmp(e.code, "slow_down") == 0) {
			code_page(req, resp, ticket, next, &e);
			return;
		}
		/* locked, or the database failed: this ticket is done */
		ticket_delete(req->store, ticket, &ignored);
		login_page(req, resp, u.email, next, &e);
		return;
	}
	if (ticket_delete(req->store, ticket, &e)) {
		login_page(req, resp, u.email, next, &e);
		return;
	}
	signed_in(req, resp, &u, next);
}

void web_logout(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	if (req->session_token && session_delete(req->store, req->session_token, &e)) {
		page_error(req, resp, &e, "/", NULL);
		return;
	}
	session_cookie_clear(req, resp);
	http_redirect(resp, "/login?notice=logged_out");
}

static void password_field(struct strbuf *sb, const struct err *e, const char *name, const char *label,
			   const char *autocomplete, const char *help)
{
	const char *msg = page_field_error(e, name);
	html_printf(sb,
		    "<div class=\"field%R\"><label for=\"%s\">%s</label>"
		    "<input id=\"%s\" name=\"%s\" type=\"password\" autocomplete=\"%s\" required%R>",
		    msg ? " has-error" : "", name, label, name, name, autocomplete,
		    msg ? " aria-invalid=\"true\"" : "");
	if (msg)
		html_printf(sb, "<p class=\"field-error\" id=\"%s-error\">%s</p>", name, msg);
	if (help)
		html_printf(sb, "<p class=\"help\">%s</p>", help);
	html_printf(sb, "</div>");
}

static void password_page(struct request *req, struct response *resp, const struct err *e)
{
	struct strbuf *sb = &resp->body;
	int forced = req->user.must_change_password;
	page_account_begin(req, resp, forced ? "Choose your password" : "Change password", "account/password", forced);
	if (forced)
		page_notice(sb, "info",
			    "The password you signed in with was for one use only. Choose your own to continue.");
	if (e && e->status && !e->nfields)
		page_notice(sb, "error", e->message);
	else if (e && e->nfields)
		page_notice(sb, "error", "The password was not changed. See the marked fields.");
	html_printf(sb, "<form method=\"post\" action=\"/account/password\" class=\"stack\" novalidate>");
	page_csrf(req, sb);
	password_field(sb, e, "current_password", "Current password", "current-password", NULL);
	password_field(sb, e, "new_password", "New password", "new-password",
		       "Twelve characters or more. A few unrelated words make a strong password that is easy "
		       "to remember.");
	password_field(sb, e, "new_password2", "Repeat the new password", "new-password", NULL);
	html_printf(sb, "<div class=\"form-actions\"><button type=\"submit\" class=\"btn btn-primary\">Change "
			"password</button>%R</div></form>",
		    forced ? "" : "<a class=\"btn btn-secondary\" href=\"/\">Cancel</a>");
	page_account_end(req, resp, forced, e && e->status ? e->status : 200);
}

void web_password_form(struct request *req, struct response *resp)
{
	password_page(req, resp, NULL);
}

void web_password_submit(struct request *req, struct response *resp)
{
	const char *current = http_form(req, "current_password");
	const char *fresh = http_form(req, "new_password");
	const char *again = http_form(req, "new_password2");
	struct err e = ERR_INIT;

	if (!current || !current[0])
		err_field(&e, "current_password", "required", "Required.");
	else if (password_verify(req->user.password_hash, current))
		err_field(&e, "current_password", "wrong", "This is not your current password.");
	if (!fresh || !fresh[0])
		err_field(&e, "new_password", "required", "Required.");
	else if (current && strcmp(current, fresh) == 0)
		err_field(&e, "new_password", "unchanged", "Choose a password different from the current one.");
	if (fresh && fresh[0] && !err_has_field(&e, "new_password")) {
		struct err rules = ERR_INIT;
		if (password_check(req->user.email, fresh, &rules))
			err_field(&e, "new_password", rules.nfields ? rules.fields[0].code : "weak", "%s",
				  rules.nfields ? rules.fields[0].message : rules.message);
	}
	if (fresh && fresh[0] && (!again || strcmp(fresh, again) != 0))
		err_field(&e, "new_password2", "mismatch", "Does not match the new password.");
	if (e.status)
		goto fail;
	if (user_set_password(req->store, &req->actor, req->user.id, req->user.email, fresh, 0, req->session_token, &e)) {
		/* the password rules report on "password": show it at the new one */
		for (int i = 0; i < e.nfields; i++)
			if (strcmp(e.fields[i].field, "password") == 0)
				snprintf(e.fields[i].field, sizeof(e.fields[i].field), "new_password");
		goto fail;
	}
	http_redirect(resp, "/?notice=password_changed");
	return;
fail:
	password_page(req, resp, &e);
}
