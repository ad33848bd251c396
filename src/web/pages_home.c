/* pages_home: the dashboard — one card per record type the caller may read,
 * with its count, and the caller's open tasks ordered by due date. */
#include <string.h>

#include "isms/record.h"
#include "web/heatmap_view.h"
#include "web/page.h"
#include "web/web.h"

#define MY_TASKS_MAX 100

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
		q.limit = 1;
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

/* Open tasks of one status, owned by the caller, by due date. */
static int tasks_with_status(struct request *req, const struct entity *task, const char *status,
			     struct record_page *out, struct err *e)
{
	struct list_query q;
	list_query_init(&q, task);
	q.viewer = &req->actor;
	q.limit = MY_TASKS_MAX;
	if (list_query_sort(&q, task, "due_date", e))
		return -1;
	q.filter_field[0] = entity_field_index(task, "owner");
	q.filter_value[0] = arena_printf(&req->arena, "%lld", (long long)req->user.id);
	q.filter_field[1] = entity_field_index(task, "status");
	q.filter_value[1] = status;
	q.nfilters = 2;
	return record_list(req->store, task, &q, &req->arena, out, e);
}

/* Due dates sort as strings; tasks without one come last. */
static int due_before(const struct record *a, const struct record *b, int due)
{
	const char *da = a->values[due], *db = b->values[due];
	int c;
	if (!da || !db)
		return da ? 1 : (db ? 0 : a->id < b->id);
	c = strcmp(da, db);
	return c < 0 || (c == 0 && a->id < b->id);
}

static void task_row(struct request *req, struct strbuf *sb, const struct entity *task, const struct record *r,
		     const char *today)
{
	int title = entity_field_index(task, task->title_field);
	int due = entity_field_index(task, "due_date"), status = entity_field_index(task, "status");
	int prio = entity_field_index(task, "priority");
	const char *d = r->values[due];
	html_printf(sb, "<tr><td><a href=\"/%s/%lld\">%s</a></td><td>", task->plural, (long long)r->id,
		    r->values[title] ? r->values[title] : "(untitled)");
	if (d && strcmp(d, today) < 0)
		html_printf(sb, "<time class=\"overdue\" datetime=\"%s\">%s</time> <span class=\"badge "
				"badge-danger\">Overdue</span>",
			    d, d);
	else
		view_value(req, sb, &task->fields[due], d, NULL);
	html_printf(sb, "</td><td>");
	view_value(req, sb, &task->fields[status], r->values[status], NULL);
	html_printf(sb, "</td><td>");
	if (prio >= 0)
		view_value(req, sb, &task->fields[prio], r->values[prio], NULL);
	html_printf(sb, "</td></tr>");
}

static void my_tasks(struct request *req, struct strbuf *sb)
{
	const struct entity *task = entity_by_name("task");
	struct record_page open, busy;
	struct err e = ERR_INIT;
	int i = 0, j = 0, due;
	char today[16];

	if (!task || !view_can_read(req, task) || entity_field_index(task, "owner") < 0 ||
	    (due = entity_field_index(task, "due_date")) < 0 || entity_field_index(task, "status") < 0)
		return;
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"my-tasks\"><div class=\"card-head\">"
			"<h2 id=\"my-tasks\">My open tasks</h2>"
			"<a href=\"/%s?owner=%lld\">All my tasks</a></div>",
		    task->plural, (long long)req->user.id);
	if (tasks_with_status(req, task, "open", &open, &e) ||
	    tasks_with_status(req, task, "in_progress", &busy, &e)) {
		page_notice(sb, "error", e.message);
		html_printf(sb, "</section>");
		return;
	}
	if (open.n + busy.n == 0) {
		html_printf(sb, "<p class=\"empty-state\">Nothing waiting for you. Tasks you own show up here "
				"until they are done.</p></section>");
		return;
	}
	view_today(today);
	html_printf(sb, "<div class=\"table-wrap\"><table class=\"table\"><thead><tr><th scope=\"col\">Task</th>"
			"<th scope=\"col\">Due</th><th scope=\"col\">Status</th><th scope=\"col\">Priority</th>"
			"</tr></thead><tbody>");
	while (i < open.n || j < busy.n) {
		if (j >= busy.n || (i < open.n && due_before(&open.items[i], &busy.items[j], due)))
			task_row(req, sb, task, &open.items[i++], today);
		else
			task_row(req, sb, task, &busy.items[j++], today);
	}
	html_printf(sb, "</tbody></table></div>");
	if (open.total + busy.total > open.n + busy.n)
		html_printf(sb, "<p class=\"muted\">Showing the first %d of %lld.</p>", open.n + busy.n,
			    (long long)(open.total + busy.total));
	html_printf(sb, "</section>");
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
	my_tasks(req, sb);
	if (view_can_read(req, entity_by_name("risk")))
		heatmap_sections(req, sb, NULL, NULL);
	count_cards(req, sb);
	page_end(req, resp, 200);
}
