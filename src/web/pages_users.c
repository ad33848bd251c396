/* pages_users: user administration for administrators — the list with
 * search, a new user (with a one-time password shown once), a user's page
 * to change name and role, disable or enable, reset the password, and
 * revoke their API tokens. The same domain calls as /api/v1/users. */
#include <string.h>

#include "api/api.h"
#include "auth/account.h"
#include "auth/mfa.h"
#include "auth/token.h"
#include "base/util.h"
#include "web/page.h"
#include "web/web.h"

#define SEARCH_MAX 200

static const char *const role_values[] = { "employee", "auditor", "owner", "isms_manager", "admin", NULL };

enum { F_EMAIL, F_NAME, F_ROLE };
static const struct field user_fields[] = {
	[F_EMAIL] = { "email", "E-mail", FT_EMAIL, F_REQUIRED, .max_len = 254, .help = "The user logs in with it." },
	[F_NAME] = { "name", "Name", FT_TEXT, F_REQUIRED, .max_len = 200 },
	[F_ROLE] = { "role", "Role", FT_ENUM, F_REQUIRED, .values = role_values,
		     .help = "Employees report incidents and read policies; auditors read everything; owners keep "
			     "their assets, risks and controls; ISMS managers run the ISMS; administrators also "
			     "manage users and settings." },
};

/* The labels of role_values, in order. */
static const char *const *role_labels(struct arena *a)
{
	const char **labels = arena_alloc(a, sizeof(role_values));
	for (int i = 0; role_values[i]; i++) {
		enum role r = ROLE_EMPLOYEE;
		role_parse(role_values[i], &r);
		labels[i] = role_label(r);
	}
	return labels;
}

static const char *user_state(const struct user *u)
{
	return u->disabled ? "disabled" : u->must_change_password ? "must_change_password" : "active";
}

static void role_badge(struct strbuf *sb, enum role r)
{
	html_printf(sb, "<span class=\"badge badge-neutral\">%s</span>", role_label(r));
}

void web_users(struct request *req, struct response *resp)
{
	struct strbuf *sb = &resp->body;
	const char *q = http_query(req, "q");
	struct user *users;
	struct err e = ERR_INIT;
	int n;

	if (q && (utf8_length(q) < 0 || utf8_length(q) > SEARCH_MAX))
		q = NULL;
	if ((n = user_list(req->store, q, &req->arena, &users, &e)) < 0) {
		page_error(req, resp, &e, "/", NULL);
		return;
	}
	page_begin(req, resp, "Users", "admin/users", 0);
	page_head(sb, "Administration", NULL, "Users", "Who may log in to isms, and with which role.");
	html_printf(sb, "<div class=\"actions\"><a class=\"btn btn-primary\" href=\"/admin/users/new\">"
			"<span aria-hidden=\"true\">+</span> New user</a></div>");
	page_head_end(sb);
	page_flash(req, sb);
	html_printf(sb, "<form class=\"filters\" method=\"get\" action=\"/admin/users\" role=\"search\">"
			"<div class=\"filter filter-search\"><label for=\"q\">Search</label>"
			"<input type=\"search\" id=\"q\" name=\"q\" value=\"%s\" placeholder=\"Name or e-mail…\" "
			"maxlength=\"%d\"></div><div class=\"filter-actions\"><button type=\"submit\" "
			"class=\"btn btn-secondary\">Search</button>%R</div></form>",
		    q ? q : "", SEARCH_MAX, q && q[0] ? "<a class=\"btn btn-ghost\" href=\"/admin/users\">Clear</a>" : "");
	if (n == 0) {
		html_printf(sb, "<div class=\"empty-state card\"><p><strong>No users match.</strong></p>"
				"<p><a href=\"/admin/users\">Show all users</a>.</p></div>");
		page_end(req, resp, 200);
		return;
	}
	html_printf(sb, "<p class=\"result-count\" role=\"status\"><strong>%d</strong> user%s</p>"
			"<div class=\"table-wrap\"><table class=\"table\"><thead><tr><th scope=\"col\">Name</th>"
			"<th scope=\"col\">E-mail</th><th scope=\"col\">Role</th><th scope=\"col\">State</th>"
			"</tr></thead><tbody>",
		    n, n == 1 ? "" : "s");
	for (int i = 0; i < n; i++) {
		const struct user *u = &users[i];
		html_printf(sb, "<tr%R><th scope=\"row\"><a href=\"/admin/users/%lld\">%s</a></th><td>%s</td><td>",
			    u->disabled ? " class=\"archived\"" : "", (long long)u->id, u->name, u->email);
		role_badge(sb, u->role);
		html_printf(sb, "</td><td>");
		view_badge(sb, &req->arena, user_state(u));
		html_printf(sb, "</td></tr>");
	}
	html_printf(sb, "</tbody></table></div>");
	page_end(req, resp, 200);
}

static void new_user_page(struct request *req, struct response *resp, const char *const *values,
			  const struct err *e)
{
	struct strbuf *sb = &resp->body;
	page_begin(req, resp, "New user", "admin/users", 0);
	page_head(sb, "Users", "/admin/users", "New user",
		  "isms makes a one-time password for the new user and shows it once; they choose their own "
		  "at first login.");
	page_head_end(sb);
	if (e && e->status)
		page_notice(sb, "error", e->nfields ? "The user was not created. See the marked fields." : e->message);
	page_form_begin(req, sb, "/admin/users");
	for (int i = F_EMAIL; i <= F_ROLE; i++)
		page_field(req, sb, &user_fields[i], values[i], i == F_ROLE ? role_labels(&req->arena) : NULL, e);
	page_form_end(sb, "Create user", "/admin/users");
	page_end(req, resp, e && e->status ? e->status : 200);
}

void web_user_new_form(struct request *req, struct response *resp)
{
	const char *values[] = { "", "", "employee" };
	new_user_page(req, resp, values, NULL);
}

/* A one-time password, shown once, for u. */
static void otp_page(struct request *req, struct response *resp, const struct user *u, const char *otp,
		     const char *done)
{
	struct strbuf *sb = &resp->body;
	page_begin(req, resp, "One-time password", "admin/users", 0);
	page_head(sb, "Users", "/admin/users", u->name, u->email);
	page_head_end(sb);
	page_notice(sb, "ok", done);
	page_secret(sb, "otp", otp, arena_printf(&req->arena, "One-time password for %s", u->name));
	html_printf(sb, "<p>Give it to them through a channel only they can read. At their next login they must "
			"choose their own password.</p><p><a class=\"btn btn-secondary\" href=\"/admin/users/%lld\">"
			"Back to %s</a></p>",
		    (long long)u->id, u->name);
	page_end(req, resp, 200);
}

void web_user_create(struct request *req, struct response *resp)
{
	const char *values[3];
	struct err e = ERR_INIT;
	struct user u;
	char otp[32];
	enum role role = ROLE_EMPLOYEE;
	int64_t id;

	for (int i = F_EMAIL; i <= F_ROLE; i++) {
		values[i] = http_form(req, user_fields[i].name);
		if (!values[i])
			values[i] = "";
	}
	if (!values[F_EMAIL][0])
		err_field(&e, "email", "required", "Required.");
	if (role_parse(values[F_ROLE], &role))
		err_field(&e, "role", "enum", "Choose a role.");
	password_generate(otp);
	if (e.status || user_create(req->store, &req->actor, values[F_EMAIL], values[F_NAME], role, otp, 1, &id, &e) ||
	    user_by_id(req->store, id, &req->arena, &u, &e)) {
		new_user_page(req, resp, values, &e);
		return;
	}
	otp_page(req, resp, &u, otp, "The user has been created.");
}

/* The user's page; values (name, role) and e after a refused change. */
static void user_page(struct request *req, struct response *resp, const struct user *u, const char *const *values,
		      const struct err *e)
{
	struct strbuf *sb = &resp->body;
	struct api_token *tokens;
	struct err te = ERR_INIT;
	const char *self = arena_printf(&req->arena, "/admin/users/%lld", (long long)u->id);
	int n = token_list(req->store, u->id, &req->arena, &tokens, &te);

	if (n < 0) {
		page_error(req, resp, &te, "/admin/users", "Back to users");
		return;
	}
	page_begin(req, resp, u->name, "admin/users", 0);
	page_head(sb, "Users", "/admin/users", u->name, u->email);
	page_head_end(sb);
	page_flash(req, sb);
	if (e && e->status)
		page_notice(sb, "error", e->nfields ? "Nothing was changed. See the marked fields." : e->message);
	html_printf(sb, "<div class=\"detail-grid\">");
	page_form_begin(req, sb, self);
	page_field(req, sb, &user_fields[F_NAME], values[0], NULL, e);
	page_field(req, sb, &user_fields[F_ROLE], values[1], role_labels(&req->arena), e);
	page_form_end(sb, "Save changes", NULL);
	html_printf(sb, "<aside class=\"card meta\" aria-labelledby=\"account-title\"><h2 id=\"account-title\">"
			"Account</h2><dl><div><dt>ID</dt><dd>%lld</dd></div><div><dt>Role</dt><dd>",
		    (long long)u->id);
	role_badge(sb, u->role);
	html_printf(sb, "</dd></div><div><dt>State</dt><dd>");
	view_badge(sb, &req->arena, user_state(u));
	html_printf(sb, "</dd></div><div><dt>Two-factor</dt><dd>%s</dd></div></dl><div class=\"stack-actions\">"
			"<form method=\"post\" action=\"%s/%s\" data-confirm=\"%s\">",
		    u->mfa_enabled ? "On" : "Off",
		    self, u->disabled ? "enable" : "disable",
		    u->disabled ? "Let this user log in again?"
				: "Disable this user? Their sessions end and their API tokens are revoked at once.");
	page_csrf(req, sb);
	html_printf(sb, "<button type=\"submit\" class=\"btn %s btn-block\">%s</button></form>"
			"<form method=\"post\" action=\"%s/reset-password\" data-confirm=\"Give this user a new one-time "
			"password? Their sessions end and their current password stops working.\">",
		    u->disabled ? "btn-secondary" : "btn-danger", u->disabled ? "Enable user" : "Disable user", self);
	page_csrf(req, sb);
	html_printf(sb, "<button type=\"submit\" class=\"btn btn-secondary btn-block\">Reset password</button></form>");
	if (u->mfa_enabled) {
		html_printf(sb, "<form method=\"post\" action=\"%s/reset-mfa\" data-confirm=\"Remove this user's second "
				"factor and recovery codes? Their next login needs only the password.\">",
			    self);
		page_csrf(req, sb);
		html_printf(sb, "<button type=\"submit\" class=\"btn btn-secondary btn-block\">Reset two-factor</button>"
				"</form>");
	}
	html_printf(sb, "</div></aside></div><section class=\"card\" aria-labelledby=\"tokens-title\">"
			"<div class=\"card-head\"><h2 id=\"tokens-title\">API tokens</h2></div>");
	page_token_table(req, sb, tokens, n, arena_printf(&req->arena, "%s/tokens", self));
	html_printf(sb, "</section>");
	page_end(req, resp, e && e->status ? e->status : 200);
}

/* Loads the user of {id}; an error page when there is none. */
static int load_user(struct request *req, struct response *resp, struct user *u)
{
	struct err e = ERR_INIT;
	if (user_by_id(req->store, req->id, &req->arena, u, &e) == 0)
		return 0;
	page_error(req, resp, &e, "/admin/users", "Back to users");
	return -1;
}

void web_user_detail(struct request *req, struct response *resp)
{
	struct user u;
	const char *values[2];
	if (load_user(req, resp, &u))
		return;
	values[0] = u.name;
	values[1] = role_name(u.role);
	user_page(req, resp, &u, values, NULL);
}

void web_user_update(struct request *req, struct response *resp)
{
	struct user_change c = USER_CHANGE_INIT;
	struct err e = ERR_INIT;
	struct user u;
	const char *values[2] = { http_form(req, "name"), http_form(req, "role") };

	if (load_user(req, resp, &u))
		return;
	c.name = values[0] ? values[0] : "";
	c.set_role = 1;
	if (!values[1] || role_parse(values[1], &c.role))
		err_field(&e, "role", "enum", "Choose a role.");
	if (e.status || user_update(req->store, &req->actor, u.id, &c, &e)) {
		user_page(req, resp, &u, values, &e);
		return;
	}
	http_redirect(resp, arena_printf(&req->arena, "/admin/users/%lld?notice=updated", (long long)u.id));
}

static void set_disabled(struct request *req, struct response *resp, int disabled)
{
	struct err e = ERR_INIT;
	const char *self = arena_printf(&req->arena, "/admin/users/%lld", (long long)req->id);
	if (user_set_disabled(req->store, &req->actor, req->id, disabled, &e))
		page_error(req, resp, &e, e.status == 404 ? "/admin/users" : self, "Back");
	else
		http_redirect(resp, arena_printf(&req->arena, "%s?notice=%s", self,
						 disabled ? "user_disabled" : "user_enabled"));
}

void web_user_disable(struct request *req, struct response *resp)
{
	set_disabled(req, resp, 1);
}

void web_user_enable(struct request *req, struct response *resp)
{
	set_disabled(req, resp, 0);
}

void web_user_reset_password(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	struct user u;
	char otp[32];
	if (load_user(req, resp, &u))
		return;
	if (user_reset_password(req->store, &req->actor, u.id, otp, &e)) {
		page_error(req, resp, &e, arena_printf(&req->arena, "/admin/users/%lld", (long long)u.id), "Back");
		return;
	}
	otp_page(req, resp, &u, otp, "The password has been reset and every session of this user has ended.");
}

void web_user_reset_mfa(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	const char *self = arena_printf(&req->arena, "/admin/users/%lld", (long long)req->id);
	if (mfa_reset(req->store, &req->actor, req->id, &e))
		page_error(req, resp, &e, e.status == 404 ? "/admin/users" : self, "Back");
	else
		http_redirect(resp, arena_printf(&req->arena, "%s?notice=mfa_reset", self));
}

void web_user_token_revoke(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	const char *self = arena_printf(&req->arena, "/admin/users/%lld", (long long)req->id);
	if (token_revoke(req->store, &req->actor, req->id, req->sub_id, &e))
		page_error(req, resp, &e, self, "Back");
	else
		http_redirect(resp, arena_printf(&req->arena, "%s?notice=token_revoked", self));
}
