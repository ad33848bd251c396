/* pages_home: the dashboard — one card per record type the caller may read,
 * with its count, and the first of what the caller owes (pages_my_tasks.c). */
#include <string.h>

#include "isms/record.h"
#include "web/heatmap_view.h"
#include "web/page.h"
#include "web/web.h"

static void count_cards(struct request *req, struct strbuf *sb)
{
	html_printf(sb, "<section aria-labelledby=\"registers\"><h2 id=\"registers\" class=\"section-title\">"
			"Registers</h2><div class=\"cards\">");
	for (int i = 0; i < entity_count; i++) {
		const struct entity *ent = entity_table[i];
		struct list_query q;
		struct record_page page;
		struct err e = ERR_INIT;
		if (!view_can_read(req, ent))
			continue;
		list_query_init(&q, ent);
		q.viewer = &req->actor;
		q.limit = 0; /* the count only */
		html_printf(sb, "<a class=\"stat-card\" href=\"/%s\"><span class=\"stat-icon\">", ent->plural);
		page_icon(sb, ent->plural);
		html_printf(sb, "</span><span class=\"stat-label\">%s</span>", ent->label_plural);
		if (record_list(req->store, ent, &q, &req->arena, &page, &e))
			html_printf(sb, "<span class=\"stat-count stat-error\">?</span>");
		else
			html_printf(sb, "<span class=\"stat-count\">%lld</span>", (long long)page.total);
		html_printf(sb, "<span class=\"stat-intro\">%s</span></a>", ent->intro);
	}
	html_printf(sb, "</div></section>");
}

void web_home(struct request *req, struct response *resp)
{
	struct strbuf *sb = &resp->body;
	page_begin(req, resp, "Dashboard", "", 0);
	page_flash(req, sb);
	html_printf(sb, "<div class=\"page-head\"><div><p class=\"eyebrow\">Dashboard</p>"
			"<h1>Hello, %s</h1><p class=\"lead\">Where your information security management system "
			"stands today.</p></div></div>",
		    req->user.name);
	my_tasks_card(req, sb);
	dashboard_sections(req, sb);
	if (view_can_read(req, entity_by_name("risk")))
		heatmap_sections(req, sb, NULL, NULL);
	count_cards(req, sb);
	page_end(req, resp, 200);
}
