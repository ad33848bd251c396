/* pages_my_tasks: everything the signed-in user owes (isms/my_tasks.h) —
 * the page /my-tasks, the "My tasks" link of the navigation with a count of
 * what is overdue, and the dashboard's card with the first few. */
#include <string.h>

#include "isms/my_tasks.h"
#include "web/page.h"
#include "web/web.h"

#define CARD_ITEMS 5

static void due_cell(struct strbuf *sb, const struct my_task *t)
{
	if (!t->due)
		html_printf(sb, "<td>—</td>");
	else if (t->overdue)
		html_printf(sb, "<td><time class=\"overdue\" datetime=\"%s\">%s</time> <span class=\"badge badge-danger\">"
				"Overdue</span></td>", t->due, t->due);
	else
		html_printf(sb, "<td><time datetime=\"%s\">%s</time></td>", t->due, t->due);
}

static void tasks_table(struct strbuf *sb, const struct my_tasks *l, int max)
{
	html_printf(sb, "<div class=\"table-wrap\"><table class=\"table my-tasks\"><thead><tr><th scope=\"col\">Due</th>"
			"<th scope=\"col\">What</th><th scope=\"col\">Title</th><th scope=\"col\">To do</th></tr></thead><tbody>");
	for (int i = 0; i < l->n && i < max; i++) {
		const struct my_task *t = &l->items[i];
		html_printf(sb, "<tr%R>", t->overdue ? " class=\"row-overdue\"" : "");
		due_cell(sb, t);
		html_printf(sb, "<td>%s</td><th scope=\"row\"><a href=\"%s\">%s</a></th><td>%s</td></tr>", t->source->label,
			    t->url, t->title, t->detail);
	}
	html_printf(sb, "</tbody></table></div>");
}

void web_my_tasks(struct request *req, struct response *resp)
{
	struct strbuf *sb = &resp->body;
	struct my_tasks l;
	struct err e = ERR_INIT;
	page_begin(req, resp, "My tasks", "my-tasks", 0);
	page_head(sb, "Your work", NULL, "My tasks",
		  "Everything you owe, wherever it comes from: tasks and actions you own, risk acceptances about to "
		  "expire, documents due for review, nonconformities you own and incidents you handle. Overdue first.");
	page_head_end(sb);
	if (my_tasks_list(req->store, &req->actor, &req->arena, &l, &e)) {
		page_notice(sb, "error", e.message);
		page_end(req, resp, e.status ? e.status : 500);
		return;
	}
	html_printf(sb, "<section class=\"card\" aria-label=\"My tasks\">");
	if (!l.n)
		html_printf(sb, "<p class=\"empty-state\">Nothing waiting for you.</p>");
	else {
		html_printf(sb, "<p>%d item%R", l.n, l.n == 1 ? "" : "s");
		if (l.overdue)
			html_printf(sb, ", <span class=\"overdue\">%d overdue</span>", l.overdue);
		html_printf(sb, ".</p>");
		tasks_table(sb, &l, l.n);
	}
	html_printf(sb, "</section>");
	page_end(req, resp, 200);
}

void my_tasks_card(struct request *req, struct strbuf *sb)
{
	struct my_tasks l;
	struct err e = ERR_INIT;
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"my-tasks\"><div class=\"card-head\">"
			"<h2 id=\"my-tasks\">My tasks</h2><a href=\"/my-tasks\">All my tasks</a></div>");
	if (my_tasks_list(req->store, &req->actor, &req->arena, &l, &e))
		page_notice(sb, "error", e.message);
	else if (!l.n)
		html_printf(sb, "<p class=\"empty-state\">Nothing waiting for you. What you owe shows up here until it "
				"is done.</p>");
	else {
		tasks_table(sb, &l, CARD_ITEMS);
		if (l.n > CARD_ITEMS)
			html_printf(sb, "<p class=\"muted\">The first %d of %d.</p>", CARD_ITEMS, l.n);
	}
	html_printf(sb, "</section>");
}

void my_tasks_nav(struct request *req, struct strbuf *sb, const char *nav_active)
{
	struct my_tasks l;
	struct err e = ERR_INIT;
	int overdue = my_tasks_list(req->store, &req->actor, &req->arena, &l, &e) ? 0 : l.overdue;
	html_printf(sb, "<li><a href=\"/my-tasks\"%R>", nav_active && strcmp(nav_active, "my-tasks") == 0
								 ? " aria-current=\"page\"" : "");
	page_icon(sb, "tasks");
	html_printf(sb, "<span>My tasks</span>");
	if (overdue)
		html_printf(sb, "<span class=\"nav-count\" title=\"Overdue\" aria-label=\"%d overdue\">%d</span>", overdue,
			    overdue);
	html_printf(sb, "</a></li>");
}
