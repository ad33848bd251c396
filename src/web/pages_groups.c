/* pages_groups: user groups in the web UI — GET /groups (the groups and a
 * form to add one), GET /groups/{id} (its members, add and remove, rename,
 * delete) and their forms. ISMS managers and up; checks in isms/group.c. */
#include <string.h>

#include "auth/account.h"
#include "base/util.h"
#include "isms/group.h"
#include "web/page.h"
#include "web/web.h"

static const struct field name_field = {
	"name", "Name", FT_TEXT, F_REQUIRED, .max_len = 100,
	.help = "Who they are: \"Developers\", \"New joiners 2026\", \"Finance\".",
};
static const struct field description_field = { "description", "Description", FT_TEXT, 0, .max_len = 500 };

static void groups_page(struct request *req, struct response *resp, const struct err *form_err, int status)
{
	struct strbuf *sb = &resp->body;
	struct group *g;
	struct err e = ERR_INIT;
	int n;
	if (group_list(req->store, &req->arena, &g, &n, &e)) {
		page_error(req, resp, &e, "/", "Back to the dashboard");
		return;
	}
	page_begin(req, resp, "Groups", "groups", 0);
	page_head(sb, NULL, NULL, "Groups",
		  "Named sets of people. Documents to acknowledge and training are assigned to groups, to roles or "
		  "to everyone.");
	page_head_end(sb);
	page_flash(req, sb);
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-groups\"><h2 id=\"h-groups\">Groups "
			"<span class=\"count\">%d</span></h2>",
		    n);
	if (n == 0)
		html_printf(sb, "<p class=\"muted\">No group yet.</p>");
	else
		html_printf(sb, "<table class=\"table\"><thead><tr><th scope=\"col\">Group</th><th scope=\"col\">"
				"Members</th><th scope=\"col\">Description</th></tr></thead><tbody>");
	for (int i = 0; i < n; i++)
		html_printf(sb, "<tr><th scope=\"row\"><a href=\"/groups/%lld\">%s</a></th><td>%lld</td><td>%s</td></tr>",
			    (long long)g[i].id, g[i].name, (long long)g[i].members, g[i].description ? g[i].description : "");
	if (n)
		html_printf(sb, "</tbody></table>");
	html_printf(sb, "</section><h2 class=\"section-title\">Add a group</h2>");
	page_form_begin(req, sb, "/groups");
	page_field(req, sb, &name_field, form_err ? http_form(req, "name") : NULL, NULL, form_err);
	page_field(req, sb, &description_field, form_err ? http_form(req, "description") : NULL, NULL, form_err);
	page_form_end(sb, "Add the group", NULL);
	page_end(req, resp, status);
}

void web_groups(struct request *req, struct response *resp)
{
	groups_page(req, resp, NULL, 200);
}

void web_group_create(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	int64_t id;
	if (group_create(req->store, &req->actor, http_form(req, "name"), http_form(req, "description"), &id, &e)) {
		groups_page(req, resp, &e, e.status ? e.status : 422);
		return;
	}
	http_redirect(resp, arena_printf(&req->arena, "/groups/%lld?notice=group_created", (long long)id));
}

static void group_page(struct request *req, struct response *resp, const struct err *form_err, int status)
{
	struct strbuf *sb = &resp->body;
	struct group g;
	struct group_member *m;
	struct user *users;
	struct err e = ERR_INIT;
	int n, nu;
	if (group_get(req->store, req->id, &req->arena, &g, &e) ||
	    group_members(req->store, req->id, &req->arena, &m, &n, &e) ||
	    (nu = user_list(req->store, NULL, &req->arena, &users, &e)) < 0) {
		page_error(req, resp, &e, "/groups", "Back to the groups");
		return;
	}
	page_begin(req, resp, g.name, "groups", 0);
	page_head(sb, "Groups", "/groups", g.name, g.description);
	page_head_end(sb);
	page_flash(req, sb);
	if (form_err && form_err->status && !form_err->nfields)
		page_notice(sb, "error", form_err->message);
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-members\"><h2 id=\"h-members\">Members "
			"<span class=\"count\">%d</span></h2>",
		    n);
	if (n == 0)
		html_printf(sb, "<p class=\"muted\">Nobody yet.</p>");
	else
		html_printf(sb, "<ul class=\"link-list\">");
	for (int i = 0; i < n; i++) {
		html_printf(sb, "<li><span>%s <span class=\"muted\">%s</span>%R</span>", m[i].name, m[i].email,
			    m[i].disabled ? " <span class=\"badge badge-muted\">Disabled</span>" : "");
		html_printf(sb, "<form method=\"post\" class=\"inline\" action=\"/groups/%lld/members/%lld/remove\">",
			    (long long)g.id, (long long)m[i].user_id);
		page_csrf(req, sb);
		html_printf(sb, "<button type=\"submit\" class=\"linkish\">Remove</button></form></li>");
	}
	if (n)
		html_printf(sb, "</ul>");
	html_printf(sb, "<form method=\"post\" class=\"link-add\" action=\"/groups/%lld/members\">", (long long)g.id);
	page_csrf(req, sb);
	html_printf(sb, "<label for=\"member\">Add a person</label><select id=\"member\" name=\"user_id\">"
			"<option value=\"\">Choose a person</option>");
	for (int i = 0; i < nu; i++) {
		int is = 0;
		for (int j = 0; j < n; j++)
			is |= m[j].user_id == users[i].id;
		if (!is && !users[i].disabled)
			html_printf(sb, "<option value=\"%lld\">%s (%s)</option>", (long long)users[i].id, users[i].name,
				    users[i].email);
	}
	html_printf(sb, "</select><button type=\"submit\" class=\"btn btn-secondary\">Add</button></form></section>");
	html_printf(sb, "<h2 class=\"section-title\">Rename</h2>");
	page_form_begin(req, sb, arena_printf(&req->arena, "/groups/%lld", (long long)g.id));
	page_field(req, sb, &name_field, form_err && http_form(req, "name") ? http_form(req, "name") : g.name, NULL,
		   form_err);
	page_field(req, sb, &description_field, form_err && http_form(req, "description") ? http_form(req, "description")
											     : g.description,
		   NULL, form_err);
	page_form_end(sb, "Save", NULL);
	html_printf(sb, "<form method=\"post\" action=\"/groups/%lld/delete\" class=\"danger-zone\">", (long long)g.id);
	page_csrf(req, sb);
	html_printf(sb, "<button type=\"submit\" class=\"btn btn-danger\">Delete the group</button></form>");
	page_end(req, resp, status);
}

void web_group(struct request *req, struct response *resp)
{
	group_page(req, resp, NULL, 200);
}

static void after(struct request *req, struct response *resp, int rc, const struct err *e, const char *notice)
{
	if (rc) {
		group_page(req, resp, e, e->status ? e->status : 422);
		return;
	}
	http_redirect(resp, arena_printf(&req->arena, "/groups/%lld?notice=%s", (long long)req->id, notice));
}

void web_group_update(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	int rc = group_update(req->store, &req->actor, req->id, http_form(req, "name"), http_form(req, "description"), &e);
	after(req, resp, rc, &e, "group_saved");
}

void web_group_member_add(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	int64_t uid = 0;
	const char *v = http_form(req, "user_id");
	int rc = !v || parse_int64(v, &uid) ? err_set(&e, 422, "validation", "Choose a person to add.")
					    : group_member_add(req->store, &req->actor, req->id, uid, &e);
	after(req, resp, rc, &e, "member_added");
}

void web_group_member_remove(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	int rc = group_member_remove(req->store, &req->actor, req->id, req->sub_id, &e);
	after(req, resp, rc, &e, "member_removed");
}

void web_group_delete(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	if (group_delete(req->store, &req->actor, req->id, &e)) {
		page_error(req, resp, &e, "/groups", "Back to the groups");
		return;
	}
	http_redirect(resp, "/groups?notice=group_deleted");
}
