/* pages_audit: the audit log in the web UI — GET /audit (filters, pages,
 * newest first), GET /audit/{id} (one entry in full, its hashes and the
 * chain check) and the History section of every record's page. The filters
 * are parsed and run by isms/audit_query.c, as for GET /api/v1/audit. */
#include <string.h>

#include "auth/account.h"
#include "base/util.h"
#include "isms/audit.h"
#include "web/page.h"
#include "web/web.h"

#define AUDIT_PAGE_SIZE 50
#define AUDIT_PAGE_MAX 1000000
#define HISTORY_MAX 20

/* The filters of the page, in the order of its filter bar. */
enum { F_ACTOR, F_RECORD_TYPE, F_RECORD_ID, F_ACTION, F_FROM, F_TO, F_COUNT };
static const char *const filter_keys[F_COUNT] = { "actor", "record_type", "record_id", "action", "from", "to" };

struct audit_view {
	struct request *req;
	struct audit_filter f;
	const char *given[F_COUNT]; /* as typed, good or not, for the form and links */
	int page;
	struct strbuf problems;     /* what we could not understand, for the notice */
};

static void problem(struct audit_view *v, const char *msg)
{
	page_problem(&v->problems, msg);
}

static int view_param(void *ctx, const char *key, const char *value)
{
	struct audit_view *v = ctx;
	struct err e = ERR_INIT;
	int64_t n;
	if (strcmp(key, "notice") == 0 || value[0] == '\0')
		return 0; /* empty values are the "All" choice of a filter */
	if (strcmp(key, "page") == 0) {
		if (parse_int64(value, &n) || n < 1 || n > AUDIT_PAGE_MAX)
			problem(v, "The page number must be a whole number of at least 1.");
		else
			v->page = (int)n;
		return 0;
	}
	for (int k = 0; k < F_COUNT; k++)
		if (strcmp(key, filter_keys[k]) == 0) {
			v->given[k] = value;
			if (audit_filter_param(&v->f, key, value, &v->req->arena, &e))
				problem(v, e.message);
			return 0;
		}
	problem(v, arena_printf(&v->req->arena, "There is no filter '%s': use actor, record_type, record_id, "
						"action, from or to.", key));
	return 0;
}

/* This page of the log with the filters as given. */
static void view_href(struct strbuf *sb, const void *ctx, int page)
{
	const struct audit_view *v = ctx;
	const char *sep = "?";
	html_printf(sb, "/audit");
	for (int k = 0; k < F_COUNT; k++)
		if (v->given[k]) {
			html_printf(sb, "%R%s=%U", sep, filter_keys[k], v->given[k]);
			sep = "&amp;";
		}
	if (page > 1)
		html_printf(sb, "%Rpage=%d", sep, page);
}

/* A select of values with their labels; the value given stays selectable
 * even when it is not among them. */
static void select_filter(struct strbuf *sb, const struct audit_view *v, int k, const char *label,
			  const char *const *values, const char *const *labels, int n)
{
	const char *given = v->given[k];
	int found = 0;
	html_printf(sb, "<div class=\"filter\"><label for=\"f-%s\">%s</label><select id=\"f-%s\" name=\"%s\">"
			"<option value=\"\">All</option>",
		    filter_keys[k], label, filter_keys[k], filter_keys[k]);
	for (int i = 0; i < n; i++) {
		int sel = streq(given, values[i]);
		found |= sel;
		html_printf(sb, "<option value=\"%s\"%R>%s</option>", values[i], sel ? " selected" : "", labels[i]);
	}
	if (given && !found)
		html_printf(sb, "<option value=\"%s\" selected>%s</option>", given, given);
	html_printf(sb, "</select></div>");
}

/* A text field; dates get a date picker unless the value given is a time. */
static void input_filter(struct strbuf *sb, const struct audit_view *v, int k, const char *label, const char *type)
{
	const char *given = v->given[k];
	if (strcmp(type, "date") == 0 && given && strlen(given) != 10)
		type = "text";
	html_printf(sb, "<div class=\"filter filter-narrow\"><label for=\"f-%s\">%s</label>"
			"<input type=\"%s\" id=\"f-%s\" name=\"%s\" value=\"%s\"%R></div>",
		    filter_keys[k], label, type, filter_keys[k], filter_keys[k], given,
		    strcmp(type, "text") == 0 ? " inputmode=\"numeric\"" : "");
}

static void actor_filter(struct strbuf *sb, struct audit_view *v)
{
	struct arena *a = &v->req->arena;
	struct user *users = NULL;
	struct err e = ERR_INIT;
	int n = user_list(v->req->store, NULL, a, &users, &e);
	const char **values, **labels;
	if (n < 0)
		n = 0;
	values = arena_alloc(a, sizeof(char *) * (size_t)(n + 1));
	labels = arena_alloc(a, sizeof(char *) * (size_t)(n + 1));
	for (int i = 0; i < n; i++) {
		values[i] = arena_printf(a, "%lld", (long long)users[i].id);
		labels[i] = arena_printf(a, "%s (%s)", users[i].name, users[i].email);
	}
	select_filter(sb, v, F_ACTOR, "Actor", values, labels, n);
}

/* Record types or actions present in the log, with their labels. */
static void column_filter(struct strbuf *sb, struct audit_view *v, enum audit_column col)
{
	struct arena *a = &v->req->arena;
	struct err e = ERR_INIT;
	const char **values = NULL, **labels;
	int n = 0;
	if (audit_distinct(v->req->store, col, a, &values, &e) == 0)
		while (values[n])
			n++;
	labels = arena_alloc(a, sizeof(char *) * (size_t)(n + 1));
	for (int i = 0; i < n; i++) {
		const struct entity *ent = col == AUDIT_RECORD_TYPES ? entity_by_name(values[i]) : NULL;
		labels[i] = col == AUDIT_ACTIONS ? audit_action_label(a, values[i])
			    : ent	       ? ent->label
					       : view_enum_label(a, values[i]);
	}
	if (col == AUDIT_ACTIONS)
		select_filter(sb, v, F_ACTION, "Action", values, labels, n);
	else
		select_filter(sb, v, F_RECORD_TYPE, "Record type", values, labels, n);
}

static void filter_bar(struct strbuf *sb, struct audit_view *v)
{
	int active = 0;
	for (int k = 0; k < F_COUNT; k++)
		active |= v->given[k] != NULL;
	html_printf(sb, "<form class=\"filters\" method=\"get\" action=\"/audit\" role=\"search\" data-autosubmit>");
	actor_filter(sb, v);
	column_filter(sb, v, AUDIT_RECORD_TYPES);
	input_filter(sb, v, F_RECORD_ID, "Record ID", "text");
	column_filter(sb, v, AUDIT_ACTIONS);
	input_filter(sb, v, F_FROM, "From", "date");
	input_filter(sb, v, F_TO, "To", "date");
	html_printf(sb, "<div class=\"filter-actions\"><button type=\"submit\" class=\"btn btn-secondary\">Apply</button>");
	if (active)
		html_printf(sb, "<a class=\"btn btn-ghost\" href=\"/audit\">Clear</a>");
	html_printf(sb, "</div></form>");
}

void web_audit_list(struct request *req, struct response *resp)
{
	struct strbuf *sb = &resp->body;
	struct audit_view v;
	struct audit_page page;
	struct err e = ERR_INIT;
	int status;

	memset(&v, 0, sizeof(v));
	v.req = req;
	v.page = 1;
	sb_init(&v.problems, 0);
	audit_filter_init(&v.f);
	http_query_each(req, view_param, &v);
	v.f.limit = AUDIT_PAGE_SIZE;
	v.f.offset = (int64_t)(v.page - 1) * AUDIT_PAGE_SIZE;
	if (audit_list(req->store, &v.f, &req->arena, &page, &e)) {
		sb_release(&v.problems);
		page_error(req, resp, &e, "/", NULL);
		return;
	}
	status = v.problems.len ? 400 : 200;

	page_begin(req, resp, "Audit log", "audit", 0);
	html_printf(sb, "<div class=\"page-head\"><div><h1>Audit log</h1><p class=\"lead\">Every change to a record "
			"and every security event, newest first. Each entry is chained to the one before it by its "
			"hash, so no entry can be altered or removed unnoticed.</p></div></div>");
	page_flash(req, sb);
	page_problems(sb, &v.problems);
	filter_bar(sb, &v);
	if (page.n == 0) {
		html_printf(sb, "<div class=\"empty-state card\"><p><strong>No entries match.</strong></p>"
				"<p>Try other filters or <a href=\"/audit\">show the whole log</a>.</p></div>");
	} else {
		html_printf(sb, "<p class=\"result-count\" role=\"status\"><strong>%lld–%lld</strong> of %lld</p>",
			    (long long)v.f.offset + 1, (long long)v.f.offset + page.n, (long long)page.total);
		audit_table(req, sb, &page, 1, "Audit entries");
	}
	page_pagination(sb, v.page, page.total, AUDIT_PAGE_SIZE, view_href, &v);
	page_end(req, resp, status);
}

/* ---- one entry -------------------------------------------------------- */

static int entry_param(void *ctx, const char *key, const char *value)
{
	struct audit_view *v = ctx;
	if (strcmp(key, "notice") == 0 || (strcmp(key, "verify") == 0 && strcmp(value, "1") == 0))
		return 0;
	problem(v, arena_printf(&v->req->arena, "'%s=%s' means nothing here; only verify=1 does.", key, value));
	return 0;
}

static void diff_table(struct request *req, struct strbuf *sb, const struct audit_entry *en,
		       const struct audit_diff *d)
{
	int changed = 0;
	for (int i = 0; i < d->n; i++)
		changed += d->rows[i].changed;
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"values-title\"><div class=\"card-head\">"
			"<h2 id=\"values-title\">Before and after</h2><span class=\"muted\">");
	if (d->before && d->after)
		html_printf(sb, "%d %s changed", changed, changed == 1 ? "value" : "values");
	else if (d->after)
		html_printf(sb, "%s", en->before ? "The before value is not a JSON object." : "Nothing came before.");
	else if (d->before)
		html_printf(sb, "%s", en->after ? "The after value is not a JSON object." : "Nothing came after.");
	html_printf(sb, "</span></div>");
	if (d->n == 0) {
		html_printf(sb, "<p class=\"muted\">This entry records no values.</p></section>");
		return;
	}
	html_printf(sb, "<div class=\"table-wrap\"><table class=\"table diff-table\"><thead><tr>"
			"<th scope=\"col\">Field</th><th scope=\"col\">Before</th><th scope=\"col\">After</th>"
			"</tr></thead><tbody>");
	for (int i = 0; i < d->n; i++) {
		const struct audit_change *c = &d->rows[i];
		html_printf(sb, "<tr%R><th scope=\"row\">%s%R</th><td>", c->changed ? " class=\"diff-changed\"" : "",
			    c->label, c->changed ? " <span class=\"badge badge-warn\">Changed</span>" : "");
		audit_value(req, sb, c, c->before);
		html_printf(sb, "</td><td>");
		audit_value(req, sb, c, c->after);
		html_printf(sb, "</td></tr>");
	}
	html_printf(sb, "</tbody></table></div></section>");
}

/* Its own hash against its content and the previous hash; on request the
 * whole chain from the first entry up to this one. */
static void chain(struct request *req, struct strbuf *sb, const struct audit_entry *en)
{
	struct audit_report r;
	struct err e = ERR_INIT;
	char prev[65];
	int intact = 0;

	if (audit_entry_check(req->store, en->id, prev, &intact, &e)) {
		page_notice(sb, "error", e.message);
		return;
	}
	html_printf(sb, "<div><dt>Hash</dt><dd><code class=\"hash\">%s</code></dd></div>"
			"<div><dt>Previous hash</dt><dd>",
		    en->hash);
	if (!prev[0])
		html_printf(sb, "<span class=\"badge badge-danger\">Missing</span> entry #%lld is gone",
			    (long long)en->id - 1);
	else if (en->id > 1)
		html_printf(sb, "<code class=\"hash\">%s</code><br><a href=\"/audit/%lld\">Entry #%lld</a>", prev,
			    (long long)en->id - 1, (long long)en->id - 1);
	else
		html_printf(sb, "<code class=\"hash\">%s</code><br><span class=\"muted\">the start of the chain</span>",
			    prev);
	html_printf(sb, "</dd></div><div><dt>Chain</dt><dd>%R", intact
		    ? "<p><span class=\"badge badge-ok\">Hash matches</span></p><p class=\"muted\">The hash agrees with "
		      "this entry's content and the previous hash.</p>"
		    : "<p><span class=\"badge badge-danger\">Hash mismatch</span></p><p>This entry or the one before "
		      "it was altered after it was written.</p>");
	if (!streq(http_query(req, "verify"), "1")) {
		html_printf(sb, "<p><a class=\"btn btn-secondary\" href=\"/audit/%lld?verify=1\">Verify the chain up to "
				"here</a></p><p class=\"muted\">The command <code>isms audit verify</code> checks the "
				"whole log.</p></dd></div>",
			    (long long)en->id);
		return;
	}
	if (audit_verify_upto(req->store, en->id, &r, &e))
		page_notice(sb, "error", e.message);
	else if (r.broken_id)
		html_printf(sb, "<div class=\"notice notice-error\" role=\"alert\"><p>The chain is broken at "
				"<a href=\"/audit/%lld\">entry #%lld</a>: %s.</p></div>",
			    (long long)r.broken_id, (long long)r.broken_id, r.reason);
	else
		html_printf(sb, "<div class=\"notice notice-ok\" role=\"status\"><p>The chain from entry #1 to this one "
				"verifies: %lld entries.</p></div>",
			    (long long)r.entries);
	html_printf(sb, "</dd></div>");
}

void web_audit_entry(struct request *req, struct response *resp)
{
	struct strbuf *sb = &resp->body;
	struct audit_view v;
	struct audit_entry en;
	struct audit_diff d;
	struct err e = ERR_INIT;
	const char *title;
	int status;

	if (audit_get(req->store, req->id, &req->arena, &en, &e)) {
		page_error(req, resp, &e, "/audit", "Back to the audit log");
		return;
	}
	memset(&v, 0, sizeof(v));
	v.req = req;
	sb_init(&v.problems, 0);
	http_query_each(req, entry_param, &v);
	audit_diff_open(req, &en, &d);
	title = arena_printf(&req->arena, "Audit entry #%lld", (long long)en.id);
	page_begin(req, resp, title, "audit", 0);
	html_printf(sb, "<div class=\"page-head\"><div><p class=\"eyebrow\"><a href=\"/audit\">Audit log</a> / "
			"#%lld</p><h1>%s</h1><div class=\"lead\">",
		    (long long)en.id, audit_action_label(&req->arena, en.action));
	audit_summary(req, sb, &en, &d);
	html_printf(sb, "</div></div>");
	if (en.record_type && en.record_id)
		html_printf(sb, "<div class=\"actions\"><a class=\"btn btn-secondary\" href=\"/audit?record_type=%U&amp;"
				"record_id=%lld\">History of this record</a></div>",
			    en.record_type, (long long)en.record_id);
	html_printf(sb, "</div>");
	status = v.problems.len ? 400 : 200;
	page_problems(sb, &v.problems);
	html_printf(sb, "<div class=\"detail-grid\">");
	diff_table(req, sb, &en, &d);
	html_printf(sb, "<aside class=\"card meta\" aria-labelledby=\"entry-title\"><h2 id=\"entry-title\">Entry</h2>"
			"<dl><div><dt>ID</dt><dd>%lld</dd></div><div><dt>Time</dt><dd><time datetime=\"%s\">%s</time>"
			"</dd></div><div><dt>Actor</dt><dd>",
		    (long long)en.id, en.at, audit_time(&req->arena, en.at));
	audit_actor(req, sb, &en);
	html_printf(sb, "</dd></div><div><dt>Action</dt><dd>");
	audit_action_badge(req, sb, en.action);
	html_printf(sb, " <code>%s</code></dd></div><div><dt>Record</dt><dd>", en.action);
	audit_record(req, sb, &en, &d);
	html_printf(sb, "</dd></div>");
	chain(req, sb, &en);
	html_printf(sb, "</dl></aside></div>");
	audit_diff_close(&d);
	page_end(req, resp, status);
}

/* ---- history of a record ---------------------------------------------- */

void audit_history(struct request *req, struct strbuf *sb, const struct entity *ent, int64_t id)
{
	struct audit_filter f;
	struct audit_page page;
	struct err e = ERR_INIT;

	audit_filter_init(&f);
	f.record_type = ent->name;
	f.record_id = id;
	f.limit = HISTORY_MAX;
	html_printf(sb, "<section class=\"card history\" aria-labelledby=\"history-title\"><div class=\"card-head\">"
			"<h2 id=\"history-title\">History</h2>");
	if (audit_list(req->store, &f, &req->arena, &page, &e)) {
		html_printf(sb, "</div>");
		page_notice(sb, "error", e.message);
		html_printf(sb, "</section>");
		return;
	}
	html_printf(sb, "<a href=\"/audit?record_type=%U&amp;record_id=%lld\">All %lld %s in the audit log</a></div>",
		    ent->name, (long long)id, (long long)page.total, page.total == 1 ? "entry" : "entries");
	if (page.n == 0)
		html_printf(sb, "<p class=\"muted\">No audit entries for this record.</p>");
	else
		audit_table(req, sb, &page, 0, NULL);
	if (page.total > page.n)
		html_printf(sb, "<p class=\"muted\">Showing the newest %d of %lld.</p>", page.n, (long long)page.total);
	html_printf(sb, "</section>");
}
