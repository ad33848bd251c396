/* layout: the page shell every HTML page shares — document head, the
 * sidebar with navigation built from the entity table plus the account and
 * (for administrators) administration pages, the signed-in user with the
 * logout button, notices (including the whitelisted ?notice=
 * messages carried across redirects), pagination and the generic error page. */
#include <string.h>

#include "base/util.h"
#include "web/page.h"
#include "web/web.h"

/* Notices that survive a redirect are named, never free text, so a link
 * cannot make the page say something we did not write. */
static const struct {
	const char *key, *kind, *message;
} notices[] = {
	{ "created", "ok", "Created. The record has been saved." },
	{ "updated", "ok", "Your changes have been saved." },
	{ "archived", "ok", "The record has been archived. It no longer appears in lists." },
	{ "password_changed", "ok", "Your password has been changed." },
	{ "logged_out", "info", "You have been logged out." },
	{ "mfa_disabled", "info", "Two-factor authentication is off. Signing in needs only your password now." },
	{ "logged_out_everywhere", "info", "You have been logged out everywhere: every session of yours has ended." },
	{ "session_ended", "ok", "The session has ended. Whoever used it must log in again." },
	{ "token_revoked", "ok", "The API token is revoked. Scripts using it are refused from now on." },
	{ "user_disabled", "ok", "The user is disabled: their sessions have ended and their API tokens are revoked." },
	{ "mfa_reset", "ok", "The second factor is removed. The user can set up a new one after logging in." },
	{ "user_enabled", "ok", "The user is enabled and can log in again. Revoked API tokens stay revoked." },
	{ "accepted", "ok", "The acceptance is signed. The risk can now be closed, accepted or retained as it is scored." },
	{ "group_created", "ok", "The group is created. Add its members below." },
	{ "group_saved", "ok", "The group is saved." },
	{ "group_deleted", "ok", "The group is deleted." },
	{ "member_added", "ok", "Added to the group." },
	{ "member_removed", "ok", "Removed from the group." },
	{ "scope_saved", "ok", "The scope is saved as a draft. Approve it when it is ready." },
	{ "scope_approved", "ok", "The scope is approved and frozen as a new version." },
	{ "role_assigned", "ok", "The role is saved." },
	{ "raci_saved", "ok", "The RACI is saved." },
	{ "training_assigned", "ok", "Assigned. The people it reaches see the course in their training." },
	{ "training_unassigned", "ok", "The assignment is removed." },
	{ "quiz_saved", "ok", "The quiz is saved." },
	{ "framework_installed", "ok", "Installed. Link your controls to its requirements and record the gap analysis." },
	{ "assessed", "ok", "The assessment is saved." },
	{ "control_linked", "ok", "The control is linked to this requirement." },
	{ "control_unlinked", "ok", "The control is no longer linked to this requirement." },
	{ "requirement_linked", "ok", "The requirement is linked to this control." },
	{ "review_compiled", "ok", "The inputs are compiled again from today's data." },
	{ "review_closed", "ok", "The review is closed. Its actions will be listed by the next review." },
	{ "review_attendees", "ok", "The attendees are saved." },
	{ "doc_submitted", "ok", "Submitted for review. Another ISMS manager can now approve it." },
	{ "doc_approved", "ok", "Approved. It can now be published." },
	{ "doc_published", "ok", "Published. Its audience is asked to read and acknowledge it." },
	{ "doc_retired", "ok", "Retired. Nobody is asked to read it any more." },
	{ "doc_acknowledged", "ok", "Thank you: your acknowledgement of this version is recorded." },
	{ "soa_approved", "ok", "Approved. This version is frozen: later changes do not reach it." },
	{ "kpi_recorded", "ok", "The measurement is recorded." },
	{ "kpi_measured", "ok", "The KPI is measured: this period's value is computed from the data." },
	{ "results_saved", "ok", "The checklist results are saved." },
	{ "nc_raised", "ok", "The nonconformity is raised from the audit finding and assigned to the area's owner." },
	{ "nc_exists", "info", "This finding had already raised this nonconformity: here it is." },
	{ "acceptance_revoked", "ok", "The acceptance is revoked. A closed or accepted risk it covered is assessed again." },
};

/* Stroke icons drawn on a 24x24 grid, our own simple shapes. */
static const struct {
	const char *name, *shape;
} icons[] = {
	{ "home", "<rect x='3' y='3' width='7' height='7' rx='1.5'/><rect x='14' y='3' width='7' height='7' "
		  "rx='1.5'/><rect x='3' y='14' width='7' height='7' rx='1.5'/><rect x='14' y='14' width='7' "
		  "height='7' rx='1.5'/>" },
	{ "assets", "<path d='M12 2.5 20.5 7v10L12 21.5 3.5 17V7z'/><path d='M3.5 7 12 11.5 20.5 7M12 11.5v10'/>" },
	{ "risks", "<path d='M12 3 22 20H2z'/><path d='M12 10v4.5M12 17.2v.3'/>" },
	{ "controls", "<path d='M12 2.5 20 5.5v6c0 5-3.4 8.6-8 10-4.6-1.4-8-5-8-10v-6z'/><path d='m8.5 12 2.5 2.5 "
		      "4.5-5'/>" },
	{ "documents", "<path d='M6 2.5h8l4.5 4.5v14.5H6z'/><path d='M14 2.5V7h4.5M9 12h6M9 16h6'/>" },
	{ "incidents", "<path d='M13.5 2.5 5 13.5h6l-1 8 8.5-11h-6z'/>" },
	{ "nonconformities", "<circle cx='12' cy='12' r='9'/><path d='M12 7v6M12 16.5v.3'/>" },
	{ "audits", "<rect x='5' y='4' width='14' height='17' rx='2'/><path d='M9 4V3h6v1M9 12.5l2 2 4-4'/>" },
	{ "audit_programmes", "<rect x='3.5' y='5' width='17' height='15.5' rx='2'/><path d='M3.5 10h17M8 3v4M16 3v4'/>" },
	{ "audit_areas", "<circle cx='12' cy='12' r='8.5'/><circle cx='12' cy='12' r='4'/>" },
	{ "suppliers", "<path d='M3 20.5V9l6 3.5V9l6 3.5V4.5h6v16z'/><path d='M7 16.5h2M12 16.5h2M17 16.5h1'/>" },
	{ "tasks", "<rect x='3.5' y='3.5' width='17' height='17' rx='3'/><path d='m8 12 3 3 5-6'/>" },
	{ "courses", "<path d='M2.5 9 12 4.5 21.5 9 12 13.5z'/><path d='M6.5 11v5c1.5 1.6 3.5 2.5 5.5 2.5s4-.9 5.5-2.5v-5M21.5 9v6'/>" },
	{ "issues", "<circle cx='12' cy='12' r='9'/><path d='M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3z'/>" },
	{ "parties", "<circle cx='8' cy='9' r='3'/><circle cx='16' cy='9' r='3'/><path d='M2.5 19c.5-3 2.7-5 5.5-5s5 2 5.5 5M13 14.6c.9-.4 1.9-.6 3-.6 2.8 0 5 2 5.5 5'/>" },
	{ "party-requirements", "<path d='M6 2.5h12v19H6z'/><path d='m9 8 1.5 1.5L13 7M9 14l1.5 1.5L13 13M15 8.5h1M15 14.5h1'/>" },
	{ "processes", "<circle cx='5' cy='12' r='2.5'/><circle cx='19' cy='12' r='2.5'/><path d='M7.5 12h9M13.5 9l3 3-3 3'/>" },
	{ "scope", "<circle cx='12' cy='12' r='9'/><circle cx='12' cy='12' r='4.5'/><path d='M12 1.5v4M12 18.5v4M1.5 12h4M18.5 12h4'/>" },
	{ "roles", "<rect x='3' y='4' width='18' height='16' rx='2'/><path d='M3 9h18M9 9v11M15 9v11'/>" },
	{ "audit", "<path d='M8.5 4H6a1.5 1.5 0 0 0-1.5 1.5v15A1.5 1.5 0 0 0 6 22h12a1.5 1.5 0 0 0 1.5-1.5v-15A1.5 "
		   "1.5 0 0 0 18 4h-2.5'/><rect x='8.5' y='2.5' width='7' height='3.5' rx='1'/><path d='M8.5 11h7M8.5 "
		   "14.5h7M8.5 18h4'/>" },
	{ "frameworks", "<path d='M4 4.5h6.5v15H4zM13.5 4.5H20v15h-6.5z'/><path d='M6.5 8h1.5M6.5 11h1.5M16 8h1.5M16 "
			"11h1.5'/>" },
	{ "risk-method", "<rect x='3' y='3' width='18' height='18' rx='2'/><path d='M3 9h18M3 15h18M9 3v18M15 3v18'/>" },
	{ "threats", "<path d='M12 2.5c3 3.5 6 6.2 6 11a6 6 0 0 1-12 0c0-2.6 1.2-4.4 2.5-5.8.3 2 1.2 3.2 2.5 3.8 0-3.5.2-6 1-9z'/>" },
	{ "vulnerabilities", "<path d='M12 2.5 20 5.5v6c0 5-3.4 8.6-8 10-4.6-1.4-8-5-8-10v-6z'/><path d='m12 7-2 5h4l-2 5'/>" },
	{ "classification", "<path d='M3.5 12.5V4.5a1 1 0 0 1 1-1h8l8 8-9 9z'/><circle cx='8.5' cy='8.5' r='1.5'/>" },
	{ "password", "<rect x='4.5' y='10.5' width='15' height='10' rx='2'/><path d='M8 10.5V7.5a4 4 0 0 1 8 0v3M12 "
		      "14.5v2'/>" },
	{ "sessions", "<rect x='2.5' y='4' width='19' height='12.5' rx='2'/><path d='M8.5 20.5h7M12 16.5v4'/>" },
	{ "mfa", "<rect x='6.5' y='2.5' width='11' height='19' rx='2'/><path d='M10.5 18.5h3M9.5 9.5l2 2 3.5-3.5'/>" },
	{ "tokens", "<circle cx='8' cy='15' r='4.5'/><path d='m11.2 11.8 8.8-8.8M16.5 6.5l2.5 2.5M14 9l2 2'/>" },
	{ "users", "<circle cx='9' cy='8' r='3.5'/><path d='M2.5 20c.6-3.6 3.2-6 6.5-6s5.9 2.4 6.5 6'/>"
		   "<path d='M16 4.8a3.5 3.5 0 0 1 0 6.4M18 14.4c1.9.8 3.1 2.9 3.5 5.6'/>" },
	{ "settings", "<path d='M4 6.5h9M17 6.5h3M4 12h3M11 12h9M4 17.5h11M19 17.5h1'/><circle cx='15' cy='6.5' r='2'/>"
		      "<circle cx='9' cy='12' r='2'/><circle cx='17' cy='17.5' r='2'/>" },
};

/* The pages outside the entity table, by group: each is a path (the
 * nav_active of its pages, without the leading slash), an icon, a label. */
struct nav_item {
	const char *path, *icon, *label;
};
static const struct nav_item account_nav[] = {
	{ "account/password", "password", "Password" },
	{ "account/mfa", "mfa", "Two-factor" },
	{ "account/sessions", "sessions", "Sessions" },
	{ "account/tokens", "tokens", "API tokens" },
};
static const struct nav_item admin_nav[] = {
	{ "admin/users", "users", "Users" },
	{ "admin/settings", "settings", "Settings" },
};

void page_icon(struct strbuf *sb, const char *name)
{
	const char *shape = "<circle cx='12' cy='12' r='8'/>";
	for (size_t i = 0; i < sizeof(icons) / sizeof(icons[0]); i++)
		if (strcmp(icons[i].name, name) == 0)
			shape = icons[i].shape;
	html_printf(sb,
		    "<svg class=\"icon\" viewBox=\"0 0 24 24\" width=\"20\" height=\"20\" fill=\"none\" "
		    "stroke=\"currentColor\" stroke-width=\"1.8\" stroke-linecap=\"round\" stroke-linejoin=\"round\" "
		    "aria-hidden=\"true\" focusable=\"false\">%R</svg>",
		    shape);
}

void page_csrf(struct request *req, struct strbuf *sb)
{
	html_printf(sb, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", req->csrf ? req->csrf : "");
}

void page_account_begin(struct request *req, struct response *resp, const char *title, const char *nav_active,
			int forced)
{
	struct strbuf *sb = &resp->body;
	page_begin(req, resp, title, nav_active, forced ? PAGE_BARE : 0);
	if (forced)
		html_printf(sb, "<section class=\"auth-card\" aria-labelledby=\"account-title\">"
				"<h1 id=\"account-title\">%s</h1><p class=\"lead\">Signed in as %s.</p>",
			    title, req->user.email);
	else
		html_printf(sb, "<div class=\"page-head\"><div><p class=\"eyebrow\">Your account</p>"
				"<h1 id=\"account-title\">%s</h1><p class=\"lead\">Signed in as %s.</p>"
				"</div></div><section class=\"card narrow\" aria-labelledby=\"account-title\">",
			    title, req->user.email);
}

void page_account_end(struct request *req, struct response *resp, int forced, int status)
{
	struct strbuf *sb = &resp->body;
	if (forced) {
		html_printf(sb, "<form method=\"post\" action=\"/logout\" class=\"auth-footer\">");
		page_csrf(req, sb);
		html_printf(sb, "<button type=\"submit\" class=\"linkish\">Log out instead</button></form>");
	}
	html_printf(sb, "</section>");
	page_end(req, resp, status);
}

const char *page_field_error(const struct err *e, const char *field)
{
	if (!e)
		return NULL;
	for (int i = 0; i < e->nfields; i++)
		if (strcmp(e->fields[i].field, field) == 0)
			return e->fields[i].message;
	return NULL;
}

static void nav_link(struct strbuf *sb, const char *href, const char *icon_name, const char *label, int current)
{
	html_printf(sb, "<li><a href=\"%s\"%R>", href, current ? " aria-current=\"page\"" : "");
	page_icon(sb, icon_name);
	html_printf(sb, "<span>%s</span></a></li>", label);
}

/* The first character of a name (whole UTF-8 sequence), for the avatar. */
static const char *initial(struct arena *a, const char *name)
{
	unsigned char c;
	size_t n = 1;
	if (!name || !name[0])
		return "?";
	c = (unsigned char)name[0];
	if (c >= 0xf0)
		n = 4;
	else if (c >= 0xe0)
		n = 3;
	else if (c >= 0xc0)
		n = 2;
	if (strnlen(name, n) < n)
		return "?";
	return arena_strndup(a, name, n);
}

static void nav_group(struct request *req, struct strbuf *sb, const char *title, const struct nav_item *items, int n,
		      const char *nav_active)
{
	html_printf(sb, "<p class=\"nav-title\">%s</p><ul class=\"nav\">", title);
	for (int i = 0; i < n; i++)
		nav_link(sb, arena_printf(&req->arena, "/%s", items[i].path), items[i].icon, items[i].label,
			 nav_active && strcmp(nav_active, items[i].path) == 0);
	html_printf(sb, "</ul>");
}

static void sidebar(struct request *req, struct strbuf *sb, const char *nav_active)
{
	html_printf(sb, "<header class=\"sidebar\"><a class=\"brand\" href=\"/\">"
			"<img src=\"/static/logo.svg\" alt=\"\" width=\"28\" height=\"28\">"
			"<span>isms</span></a>"
			"<nav aria-label=\"Main\"><ul class=\"nav\">");
	nav_link(sb, "/", "home", "Dashboard", nav_active && nav_active[0] == '\0');
	my_tasks_nav(req, sb, nav_active);
	for (int i = 0; i < entity_count; i++) {
		const struct entity *ent = entity_table[i];
		if (!view_can_read(req, ent))
			continue;
		nav_link(sb, arena_printf(&req->arena, "/%s", ent->plural), ent->plural, ent->label_plural,
			 nav_active && strcmp(nav_active, ent->plural) == 0);
	}
	if (req->authenticated)
		nav_link(sb, "/training", "courses", "Training", streq(nav_active, "training"));
	if (req->authenticated && req->user.role >= ROLE_MANAGER)
		nav_link(sb, "/groups", "users", "Groups", streq(nav_active, "groups"));
	if (req->authenticated) {
		nav_link(sb, "/scope", "scope", "Scope", streq(nav_active, "scope"));
		nav_link(sb, "/roles", "roles", "Roles", streq(nav_active, "roles"));
	}
	if (req->authenticated && req->user.role >= ROLE_AUDITOR)
		nav_link(sb, "/frameworks", "frameworks", "Frameworks", streq(nav_active, "frameworks"));
	if (req->authenticated && req->user.role >= ROLE_AUDITOR)
		nav_link(sb, "/risk-method", "risk-method", "Risk method", streq(nav_active, "risk-method"));
	if (req->authenticated)
		nav_link(sb, "/classification", "classification", "Classification", streq(nav_active, "classification"));
	if (view_can_read_audit(req))
		nav_link(sb, "/audit", "audit", "Audit log", streq(nav_active, "audit"));
	html_printf(sb, "</ul>");
	nav_group(req, sb, "Your account", account_nav, (int)(sizeof(account_nav) / sizeof(account_nav[0])),
		  nav_active);
	if (req->user.role >= ROLE_ADMIN)
		nav_group(req, sb, "Administration", admin_nav, (int)(sizeof(admin_nav) / sizeof(admin_nav[0])),
			  nav_active);
	html_printf(sb, "</nav><div class=\"user-box\">"
			"<div class=\"user-who\"><span class=\"avatar\" aria-hidden=\"true\">%s</span>"
			"<span class=\"user-text\"><span class=\"user-name\">%s</span>"
			"<span class=\"user-role\">%s</span></span></div>"
			"<div class=\"user-actions\"><a href=\"/account/sessions\">Account</a>"
			"<form method=\"post\" action=\"/logout\">",
		    initial(&req->arena, req->user.name),
		    req->user.name, role_label(req->user.role));
	page_csrf(req, sb);
	html_printf(sb, "<button type=\"submit\" class=\"linkish\">Log out</button></form></div></div></header>");
}

void page_begin(struct request *req, struct response *resp, const char *title, const char *nav_active,
		unsigned flags)
{
	struct strbuf *sb = &resp->body;
	int bare = (flags & PAGE_BARE) || !req->authenticated;
	sb_reset(sb);
	sb_grow(sb, 16384);
	html_printf(sb,
		    "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		    "<title>%s · isms</title>"
		    "<link rel=\"icon\" href=\"/static/logo.svg\" type=\"image/svg+xml\">"
		    "<link rel=\"stylesheet\" href=\"/static/style.css\">"
		    "<script src=\"/static/app.js\" defer></script></head>\n",
		    title);
	if (bare) {
		html_printf(sb, "<body class=\"bare\"><div class=\"bare-shell\"><main id=\"main\" class=\"bare-main\">"
				"<a class=\"brand brand-large\" href=\"/\"><img src=\"/static/logo.svg\" alt=\"\" "
				"width=\"36\" height=\"36\"><span>isms</span></a>");
		return;
	}
	html_printf(sb, "<body><a class=\"skip-link\" href=\"#main\">Skip to content</a><div class=\"shell\">");
	sidebar(req, sb, nav_active);
	html_printf(sb, "<main id=\"main\" class=\"main\" tabindex=\"-1\">");
}

void page_end(struct request *req, struct response *resp, int status)
{
	(void)req;
	html_printf(&resp->body, "</main></div></body></html>\n");
	http_reply(resp, status, WEB_HTML);
}

void page_notice(struct strbuf *sb, const char *kind, const char *msg)
{
	int alert = strcmp(kind, "error") == 0 || strcmp(kind, "warn") == 0;
	html_printf(sb, "<div class=\"notice notice-%s\" role=\"%s\"><p>%s</p></div>", kind,
		    alert ? "alert" : "status", msg);
}

void page_flash(struct request *req, struct strbuf *sb)
{
	const char *key = http_query(req, "notice");
	if (!key)
		return;
	for (size_t i = 0; i < sizeof(notices) / sizeof(notices[0]); i++)
		if (strcmp(notices[i].key, key) == 0)
			page_notice(sb, notices[i].kind, notices[i].message);
}

void page_head(struct strbuf *sb, const char *eyebrow, const char *eyebrow_href, const char *title,
	       const char *lead)
{
	html_printf(sb, "<div class=\"page-head\"><div>");
	if (eyebrow && eyebrow_href)
		html_printf(sb, "<p class=\"eyebrow\"><a href=\"%s\">%s</a></p>", eyebrow_href, eyebrow);
	else if (eyebrow)
		html_printf(sb, "<p class=\"eyebrow\">%s</p>", eyebrow);
	html_printf(sb, "<h1>%s</h1>", title);
	if (lead)
		html_printf(sb, "<p class=\"lead\">%s</p>", lead);
	html_printf(sb, "</div>");
}

void page_head_end(struct strbuf *sb)
{
	html_printf(sb, "</div>");
}

void page_secret(struct strbuf *sb, const char *id, const char *value, const char *what)
{
	html_printf(sb, "<section class=\"card secret-card\" aria-labelledby=\"%s-title\">"
			"<h2 id=\"%s-title\">%s</h2>"
			"<p class=\"secret\"><code id=\"%s\">%s</code></p>"
			"<p class=\"secret-note\"><strong>Copy it now:</strong> it is shown only this once and cannot "
			"be displayed again. isms keeps only a hash of it.</p></section>",
		    id, id, what, id, value);
}

void page_error(struct request *req, struct response *resp, const struct err *e, const char *back_href,
		const char *back_label)
{
	struct strbuf *sb = &resp->body;
	int status = e->status ? e->status : 500;
	page_begin(req, resp, err_title(status), NULL, 0);
	html_printf(sb, "<div class=\"page-head\"><div><p class=\"eyebrow\">Error %d</p><h1>%s</h1></div></div>",
		    status, err_title(status));
	page_notice(sb, "error", e->message[0] ? e->message : "Something went wrong on our side.");
	for (int i = 0; i < e->nfields; i++)
		html_printf(sb, "<p class=\"muted\">%s: %s</p>", e->fields[i].field, e->fields[i].message);
	html_printf(sb, "<p><a class=\"btn btn-secondary\" href=\"%s\">%s</a></p>", back_href ? back_href : "/",
		    back_label ? back_label : "Back to the dashboard");
	page_end(req, resp, status);
}

void page_problem(struct strbuf *problems, const char *msg)
{
	html_printf(problems, "<li>%s</li>", msg);
}

void page_problems(struct strbuf *sb, struct strbuf *problems)
{
	if (problems->len)
		html_printf(sb, "<div class=\"notice notice-error\" role=\"alert\"><p>Part of this address was not "
				"understood and has been ignored:</p><ul>%R</ul></div>",
			    problems->buf);
	sb_release(problems);
}

void page_pagination(struct strbuf *sb, int page, int64_t total, int per_page,
		     void (*href)(struct strbuf *sb, const void *ctx, int page), const void *ctx)
{
	int64_t pages = (total + per_page - 1) / per_page;
	if (total <= per_page && page <= 1)
		return;
	html_printf(sb, "<nav class=\"pagination\" aria-label=\"Pages\">");
	if (page > 1) {
		/* past the end (the list got shorter): back to the last page */
		int prev = page - 1 > pages ? (int)(pages ? pages : 1) : page - 1;
		html_printf(sb, "<a class=\"btn btn-secondary\" rel=\"prev\" href=\"");
		href(sb, ctx, prev);
		html_printf(sb, "\">← Previous</a>");
	} else {
		html_printf(sb, "<span class=\"btn btn-secondary\" aria-disabled=\"true\">← Previous</span>");
	}
	if (page <= pages)
		html_printf(sb, "<span class=\"page-of\">Page %d of %lld</span>", page, (long long)pages);
	if (page < pages) {
		html_printf(sb, "<a class=\"btn btn-secondary\" rel=\"next\" href=\"");
		href(sb, ctx, page + 1);
		html_printf(sb, "\">Next →</a>");
	} else {
		html_printf(sb, "<span class=\"btn btn-secondary\" aria-disabled=\"true\">Next →</span>");
	}
	html_printf(sb, "</nav>");
}

void web_error_page(struct request *req, struct response *resp, const struct err *e)
{
	page_error(req, resp, e, "/", NULL);
}
