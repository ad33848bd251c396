/* pages_context: the context of the organisation in the web UI — the
 * links atop the issue and party lists (scope, roles, changes), and GET
 * /context/changes: what changed in issues, interested parties and their
 * requirements since a date (isms/context.h). */
#include <string.h>

#include "base/timeutil.h"
#include "isms/context.h"
#include "model/entity.h"
#include "web/page.h"
#include "web/web.h"

void context_list_links(struct request *req, struct strbuf *sb)
{
	(void)req;
	html_printf(sb, "<p class=\"page-links\"><a href=\"/scope\">Scope</a> · <a href=\"/roles\">Roles and "
			"responsibilities</a> · <a href=\"/context/changes\">Changes since a date</a>"
			"<span class=\"muted\"> — what changed in issues and interested parties, for the management review"
			"</span></p>");
}

void web_context_changes(struct request *req, struct response *resp)
{
	struct strbuf *sb = &resp->body;
	struct context_changes c;
	struct err e = ERR_INIT;
	const char *since = http_query(req, "since");
	char def[16];
	int bad = 0;
	if (!since || !*since) { /* a quarter back by default */
		char today[16];
		view_today(today);
		time_date_plus_months(today, -3, def);
		since = def;
	}
	if (context_changes_since(req->store, since, &req->arena, &c, &e)) {
		if (!e.nfields) {
			page_error(req, resp, &e, "/issues", "Back to the issues");
			return;
		}
		bad = 1;
	}
	page_begin(req, resp, "Changes in the context", "issues", 0);
	page_head(sb, "Issues", "/issues", "Changes in the context",
		  "Issues, interested parties and their requirements created, changed or archived since a date: an input "
		  "of the management review.");
	page_head_end(sb);
	html_printf(sb, "<section class=\"card\"><form class=\"compare-form\" method=\"get\" action=\"/context/changes\">"
			"<div class=\"field%R\"><label for=\"since\">Since</label><input type=\"date\" id=\"since\" "
			"name=\"since\" value=\"%s\">",
		    bad ? " has-error" : "", since);
	if (bad)
		html_printf(sb, "<p class=\"field-error\">%s</p>", e.fields[0].message);
	html_printf(sb, "</div><div class=\"filter-actions\"><button type=\"submit\" class=\"btn btn-primary\">Show"
			"</button></div></form>");
	if (!bad) {
		html_printf(sb, "<p>Since %s: <strong>%d</strong> created, <strong>%d</strong> changed, <strong>%d</strong> "
				"archived.</p>",
			    since, c.created, c.changed, c.archived);
		if (c.n) {
			html_printf(sb, "<table class=\"table\"><thead><tr><th scope=\"col\">Record</th><th scope=\"col\">Type"
					"</th><th scope=\"col\">Change</th><th scope=\"col\">Latest</th></tr></thead><tbody>");
			for (int i = 0; i < c.n; i++) {
				const struct entity *ent = entity_by_name(c.items[i].type);
				html_printf(sb, "<tr><th scope=\"row\"><a href=\"/%s/%lld\">%s</a></th><td>%s</td><td>", ent->plural,
					    (long long)c.items[i].id, c.items[i].title ? c.items[i].title : "—", ent->label);
				view_badge(sb, &req->arena, c.items[i].change);
				html_printf(sb, "</td><td>");
				view_time(req, sb, c.items[i].at, NULL);
				html_printf(sb, "</td></tr>");
			}
			html_printf(sb, "</tbody></table>");
		}
	}
	html_printf(sb, "</section>");
	page_end(req, resp, bad ? 422 : 200);
}
