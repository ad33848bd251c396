/* pages_entity: the list page (search, filters, sortable columns, pages),
 * the detail page and archiving, for every type in the entity table. The
 * new/edit forms live in pages_form.c. Query parameters the page does not
 * understand are reported on the page and ignored, never fatal. */
#include <stdio.h>
#include <string.h>

#include "auth/account.h"
#include "base/util.h"
#include "isms/list_params.h"
#include "isms/record.h"
#include "web/heatmap_view.h"
#include "web/page.h"
#include "web/web.h"

#define PAGE_SIZE 25
#define PAGE_MAX 1000000
#define SEARCH_MAX 200

struct list_view {
	struct request *req;
	const struct entity *ent;
	struct list_query q;
	const char *text;     /* q= as typed */
	const char **filters; /* per field: the active filter value, or NULL */
	int page;
	int archived;
	int sort_given;
	struct strbuf problems; /* what we could not understand, for the notice */
};

static void problem(struct list_view *lv, const char *msg)
{
	page_problem(&lv->problems, msg);
}

static void set_filter(struct list_view *lv, int i, const char *value)
{
	for (int k = 0; k < lv->q.nfilters; k++)
		if (lv->q.filter_field[k] == i) {
			lv->q.filter_value[k] = value;
			lv->filters[i] = value;
			return;
		}
	if (lv->q.nfilters >= LIST_MAX_FILTERS) {
		problem(lv, "Too many filters; some were ignored.");
		return;
	}
	lv->q.filter_field[lv->q.nfilters] = i;
	lv->q.filter_value[lv->q.nfilters++] = value;
	lv->filters[i] = value;
}

static int list_param(void *ctx, const char *key, const char *value)
{
	struct list_view *lv = ctx;
	struct arena *a = &lv->req->arena;
	struct err e = ERR_INIT;
	const char *norm;
	int64_t n;
	int i;

	if (strcmp(key, "notice") == 0 || value[0] == '\0')
		return 0; /* empty values are the "All" choice of a filter */
	if (strcmp(key, "q") == 0) {
		long len = utf8_length(value);
		if (len < 0 || len > SEARCH_MAX)
			problem(lv, arena_printf(a, "The search text must be valid text of at most %d characters.",
						 SEARCH_MAX));
		else
			lv->text = lv->q.q = value;
	} else if (strcmp(key, "sort") == 0) {
		if (list_query_sort(&lv->q, lv->ent, value, &e))
			problem(lv, e.message);
		else
			lv->sort_given = 1;
	} else if (strcmp(key, "page") == 0) {
		if (parse_int64(value, &n) || n < 1 || n > PAGE_MAX)
			problem(lv, "The page number must be a whole number of at least 1.");
		else
			lv->page = (int)n;
	} else if (strcmp(key, "archived") == 0) {
		lv->archived = lv->q.include_archived = strcmp(value, "0") != 0 && strcmp(value, "false") != 0;
	} else if (strcmp(key, "overdue") == 0) {
		if (list_query_param(lv->ent, &lv->q, 0, key, value, a, &e))
			problem(lv, e.message);
	} else if ((i = entity_field_index(lv->ent, key)) < 0) {
		problem(lv, arena_printf(a, "There is no field '%s' to filter %s by.", key, lv->ent->plural));
	} else if (validate_text(&lv->ent->fields[i], value, a, &norm, &e)) {
		problem(lv, arena_printf(a, "Filter %s: %s", lv->ent->fields[i].label,
					 e.nfields ? e.fields[0].message : e.message));
	} else {
		set_filter(lv, i, norm);
	}
	return 0;
}

/* The search and filters of this list as query parameters after base;
 * archived as archived_on when shown, sort when not NULL, page when past
 * the first. */
static void query_href(struct strbuf *sb, const struct list_view *lv, const char *base, const char *archived_on,
		       const char *sort, int page)
{
	const char *sep = "?";
	html_printf(sb, "%s", base);
	if (lv->text) {
		html_printf(sb, "%Rq=%U", sep, lv->text);
		sep = "&amp;";
	}
	for (int i = 0; i < lv->ent->nfields; i++)
		if (lv->filters[i]) {
			html_printf(sb, "%R%s=%U", sep, lv->ent->fields[i].name, lv->filters[i]);
			sep = "&amp;";
		}
	if (lv->archived) {
		html_printf(sb, "%Rarchived=%s", sep, archived_on);
		sep = "&amp;";
	}
	if (lv->q.overdue_on) {
		html_printf(sb, "%Roverdue=true", sep);
		sep = "&amp;";
	}
	if (sort) {
		html_printf(sb, "%Rsort=%U", sep, sort);
		sep = "&amp;";
	}
	if (page > 1)
		html_printf(sb, "%Rpage=%d", sep, page);
}

/* A link to this list with the current search and filters; sort and page
 * as given (sort NULL keeps the current one, page 1 is left out). */
static void list_href(struct strbuf *sb, const struct list_view *lv, const char *sort, int page)
{
	query_href(sb, lv, arena_printf(&lv->req->arena, "/%s", lv->ent->plural), "1", sort, page);
}

static const char *current_sort(const struct list_view *lv)
{
	const char *name = lv->q.sort_field < 0 ? "id" : lv->ent->fields[lv->q.sort_field].name;
	return arena_printf(&lv->req->arena, "%s%s", lv->q.sort_desc ? "-" : "", name);
}

static int is_column(const struct entity *ent, int i)
{
	return (ent->fields[i].flags & F_LIST) || strcmp(ent->fields[i].name, ent->title_field) == 0;
}

/* How a filter value reads: a user's name, a record's title, a label. */
static const char *filter_text(struct list_view *lv, int i)
{
	const struct field *f = &lv->ent->fields[i];
	const char *v = lv->filters[i];
	struct arena *a = &lv->req->arena;
	struct err e = ERR_INIT;
	int64_t id;
	if (f->type == FT_USER && parse_int64(v, &id) == 0) {
		struct user u;
		if (id == lv->req->user.id)
			return "me";
		if (user_by_id(lv->req->store, id, a, &u, &e) == 0)
			return u.name;
	} else if (f->type == FT_REF && parse_int64(v, &id) == 0) {
		const struct entity *t = entity_by_name(f->ref);
		struct record r;
		int ti;
		if (t && view_can_read(lv->req, t) && record_read(lv->req->store, &lv->req->actor, t, id, a, &r, &e) == 0 &&
		    (ti = entity_field_index(t, t->title_field)) >= 0 && r.values[ti])
			return r.values[ti];
	} else if (f->type == FT_ENUM) {
		return view_enum_label(a, v);
	} else if (f->type == FT_BOOL) {
		return strcmp(v, "0") ? "yes" : "no";
	}
	return v;
}

/* Filters that came with a link (not in the bar) are shown as chips that
 * can be removed one by one. */
static void link_filters(struct strbuf *sb, struct list_view *lv)
{
	int any = 0;
	for (int i = 0; i < lv->ent->nfields; i++) {
		const struct field *f = &lv->ent->fields[i];
		const char *keep = lv->filters[i];
		if (!keep || (f->type == FT_ENUM && (f->flags & F_LIST)))
			continue;
		if (!any++)
			html_printf(sb, "<div class=\"chips\">");
		html_printf(sb, "<span class=\"chip\">%s: <strong>%s</strong> <a href=\"", f->label,
			    filter_text(lv, i));
		lv->filters[i] = NULL;
		list_href(sb, lv, lv->sort_given ? current_sort(lv) : NULL, 1);
		lv->filters[i] = keep;
		html_printf(sb, "\" aria-label=\"Remove the filter %s\">×</a></span>", f->label);
	}
	if (any)
		html_printf(sb, "</div>");
}

static void filter_bar(struct strbuf *sb, struct list_view *lv)
{
	const struct entity *ent = lv->ent;
	int active = lv->text || lv->archived;
	html_printf(sb, "<form class=\"filters\" method=\"get\" action=\"/%s\" role=\"search\" data-autosubmit>"
			"<div class=\"filter filter-search\"><label for=\"q\">Search</label>"
			"<input type=\"search\" id=\"q\" name=\"q\" value=\"%s\" placeholder=\"Search %s…\" "
			"maxlength=\"%d\"></div>",
		    ent->plural, lv->text, ent->plural, SEARCH_MAX);
	for (int i = 0; i < ent->nfields; i++) {
		const struct field *f = &ent->fields[i];
		if (lv->filters[i])
			active = 1;
		if (f->type != FT_ENUM || !(f->flags & F_LIST)) {
			if (lv->filters[i]) /* a filter from a link: keep it */
				html_printf(sb, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", f->name,
					    lv->filters[i]);
			continue;
		}
		html_printf(sb, "<div class=\"filter\"><label for=\"filter-%s\">%s</label>"
				"<select id=\"filter-%s\" name=\"%s\"><option value=\"\">All</option>",
			    f->name, f->label, f->name, f->name);
		for (const char *const *v = f->values; *v; v++)
			html_printf(sb, "<option value=\"%s\"%R>%s</option>", *v,
				    streq(lv->filters[i], *v) ? " selected" : "", view_enum_label(&lv->req->arena, *v));
		html_printf(sb, "</select></div>");
	}
	if (lv->sort_given)
		html_printf(sb, "<input type=\"hidden\" name=\"sort\" value=\"%s\">", current_sort(lv));
	html_printf(sb, "<div class=\"filter filter-check\"><input type=\"checkbox\" id=\"archived\" name=\"archived\" "
			"value=\"1\"%R><label for=\"archived\">Show archived</label></div>"
			"<div class=\"filter-actions\"><button type=\"submit\" class=\"btn btn-secondary\">Apply</button>",
		    lv->archived ? " checked" : "");
	if (active)
		html_printf(sb, "<a class=\"btn btn-ghost\" href=\"/%s\">Clear</a>", ent->plural);
	html_printf(sb, "</div>");
	link_filters(sb, lv);
	html_printf(sb, "</form>");
}

static void column_head(struct strbuf *sb, const struct list_view *lv, const struct field *f)
{
	const char *cur = current_sort(lv);
	int is_cur = strcmp(cur + (cur[0] == '-'), f->name) == 0;
	int desc = cur[0] == '-';
	const char *next = is_cur && !desc ? arena_printf(&lv->req->arena, "-%s", f->name) : f->name;
	html_printf(sb, "<th scope=\"col\"%R><a class=\"sort\" href=\"",
		    is_cur ? (desc ? " aria-sort=\"descending\"" : " aria-sort=\"ascending\"") : "");
	list_href(sb, lv, next, 1);
	html_printf(sb, "\">%s<span class=\"sort-mark\" aria-hidden=\"true\">%R</span></a></th>", f->label,
		    is_cur ? (desc ? "▼" : "▲") : "↕");
}

static void table(struct strbuf *sb, struct list_view *lv, const struct record_page *page)
{
	const struct entity *ent = lv->ent;
	html_printf(sb, "<div class=\"table-wrap table-scroll\" role=\"region\" aria-label=\"%s\" tabindex=\"0\">"
			"<table class=\"table\"><thead><tr>",
		    ent->label_plural);
	for (int i = 0; i < ent->nfields; i++)
		if (is_column(ent, i))
			column_head(sb, lv, &ent->fields[i]);
	html_printf(sb, "</tr></thead><tbody>");
	for (int r = 0; r < page->n; r++) {
		const struct record *rec = &page->items[r];
		html_printf(sb, "<tr%R>", rec->archived ? " class=\"archived\"" : "");
		for (int i = 0; i < ent->nfields; i++) {
			if (!is_column(ent, i))
				continue;
			if (strcmp(ent->fields[i].name, ent->title_field) == 0) {
				const char *t = rec->values[i] && rec->values[i][0] ? rec->values[i] : "(untitled)";
				html_printf(sb, "<th scope=\"row\"><a href=\"/%s/%lld\">%s</a>%R</th>", ent->plural,
					    (long long)rec->id, t,
					    rec->archived ? " <span class=\"badge badge-muted\">Archived</span>" : "");
				continue;
			}
			html_printf(sb, "<td>");
			view_field(lv->req, sb, ent, rec, i);
			html_printf(sb, "</td>");
		}
		html_printf(sb, "</tr>");
	}
	html_printf(sb, "</tbody></table></div>");
}

/* This list with some filters set and the others kept (a heat map cell). */
static void filtered_href(struct strbuf *sb, const void *ctx, const char *const *fields, const char *const *values,
			  int n)
{
	struct list_view *lv = (struct list_view *)ctx;
	const char *keep[LIST_MAX_FILTERS];
	int idx[LIST_MAX_FILTERS];
	for (int k = 0; k < n && k < LIST_MAX_FILTERS; k++) {
		idx[k] = entity_field_index(lv->ent, fields[k]);
		keep[k] = idx[k] >= 0 ? lv->filters[idx[k]] : NULL;
		if (idx[k] >= 0)
			lv->filters[idx[k]] = values[k];
	}
	list_href(sb, lv, lv->sort_given ? current_sort(lv) : NULL, 1);
	for (int k = 0; k < n && k < LIST_MAX_FILTERS; k++)
		if (idx[k] >= 0)
			lv->filters[idx[k]] = keep[k];
}

static void page_href(struct strbuf *sb, const void *ctx, int page)
{
	const struct list_view *lv = ctx;
	list_href(sb, lv, lv->sort_given ? current_sort(lv) : NULL, page);
}

static void empty_state(struct request *req, struct strbuf *sb, const struct list_view *lv, int filtered)
{
	const struct entity *ent = lv->ent;
	html_printf(sb, "<div class=\"empty-state card\">");
	if (filtered) {
		html_printf(sb, "<p><strong>No %s match.</strong></p><p>Try other filters or "
				"<a href=\"/%s\">show all %s</a>.</p>",
			    ent->plural, ent->plural, ent->plural);
	} else if (lv->page > 1) {
		html_printf(sb, "<p>There is nothing on this page. <a href=\"/%s\">Go to the first page</a>.</p>",
			    ent->plural);
	} else {
		html_printf(sb, "<p><strong>No %s yet.</strong></p><p>%s</p>", ent->plural, ent->intro);
		if (view_can_create(req, ent))
			html_printf(sb, "<p><a class=\"btn btn-primary\" href=\"/%s/new\">New %s</a></p>", ent->plural,
				    ent->name);
	}
	html_printf(sb, "</div>");
}

void web_list(struct request *req, struct response *resp)
{
	const struct entity *ent = req->entity;
	struct strbuf *sb = &resp->body;
	struct list_view lv;
	struct record_page page;
	struct err e = ERR_INIT;
	int filtered, status;

	memset(&lv, 0, sizeof(lv));
	lv.req = req;
	lv.ent = ent;
	lv.page = 1;
	lv.filters = arena_alloc(&req->arena, sizeof(char *) * (size_t)ent->nfields);
	sb_init(&lv.problems, 0);
	list_query_init(&lv.q, ent);
	lv.q.viewer = &req->actor;
	http_query_each(req, list_param, &lv);
	lv.q.limit = PAGE_SIZE;
	lv.q.offset = (lv.page - 1) * PAGE_SIZE;
	if (record_list(req->store, ent, &lv.q, &req->arena, &page, &e)) {
		sb_release(&lv.problems);
		page_error(req, resp, &e, "/", NULL);
		return;
	}
	status = lv.problems.len ? 400 : 200;

	page_begin(req, resp, ent->label_plural, ent->plural, 0);
	html_printf(sb, "<div class=\"page-head\"><div><h1>%s</h1><p class=\"lead\">%s</p>", ent->label_plural,
		    ent->intro);
	page_list_extras(req, sb, ent);
	if (lv.q.overdue_on)
		html_printf(sb, "<p class=\"page-links\"><strong>Only the overdue ones</strong><span class=\"muted\"> — "
				"past their date and not done</span> · <a href=\"/%s\">Show all</a></p>",
			    ent->plural);
	html_printf(sb, "</div>");
	html_printf(sb, "<div class=\"actions\"><a class=\"btn btn-secondary\" download href=\"");
	query_href(sb, &lv, arena_printf(&req->arena, "/api/v1/%s/export.csv", ent->plural), "true",
		   lv.sort_given ? current_sort(&lv) : NULL, 1);
	html_printf(sb, "\">Export CSV</a>");
	if (view_can_create(req, ent))
		html_printf(sb, "<a class=\"btn btn-primary\" href=\"/%s/new\"><span aria-hidden=\"true\">+</span> New %s</a>",
			    ent->plural, ent->name);
	html_printf(sb, "</div></div>");
	page_flash(req, sb);
	page_problems(sb, &lv.problems);
	filter_bar(sb, &lv);
	page_list_body(req, sb, ent, &lv.q, &(struct list_link){ filtered_href, &lv });
	filtered = lv.text != NULL;
	for (int i = 0; i < ent->nfields; i++)
		filtered |= lv.filters[i] != NULL;
	if (page.n == 0) {
		empty_state(req, sb, &lv, filtered);
	} else {
		html_printf(sb, "<p class=\"result-count\" role=\"status\"><strong>%d–%d</strong> of %lld</p>",
			    lv.q.offset + 1, lv.q.offset + page.n, (long long)page.total);
		table(sb, &lv, &page);
	}
	page_pagination(sb, lv.page, page.total, PAGE_SIZE, page_href, &lv);
	page_end(req, resp, status);
}

static const char *record_title(const struct entity *ent, const struct record *r, struct arena *a)
{
	int t = entity_field_index(ent, ent->title_field);
	if (t >= 0 && r->values[t] && r->values[t][0])
		return r->values[t];
	return arena_printf(a, "%s #%lld", ent->label, (long long)r->id);
}

static const char *user_name(struct request *req, int64_t id)
{
	struct user u;
	struct err e = ERR_INIT;
	if (!id)
		return "the system";
	if (user_by_id(req->store, id, &req->arena, &u, &e))
		return arena_printf(&req->arena, "user #%lld", (long long)id);
	return u.name;
}

static void record_actions(struct request *req, struct strbuf *sb, const struct entity *ent, const struct record *r)
{
	if (r->archived || !req->authenticated || !record_can_write(ent, &req->actor, r))
		return;
	html_printf(sb, "<div class=\"actions\"><a class=\"btn btn-primary\" href=\"/%s/%lld/edit\">Edit</a>"
			"<form method=\"post\" action=\"/%s/%lld/archive\" data-confirm=\"Archive this %s? It will "
			"disappear from lists; its history stays in the audit trail.\">",
		    ent->plural, (long long)r->id, ent->plural, (long long)r->id, ent->name);
	page_csrf(req, sb);
	html_printf(sb, "<input type=\"hidden\" name=\"version\" value=\"%lld\">"
			"<button type=\"submit\" class=\"btn btn-danger\">Archive</button></form></div>",
		    (long long)r->version);
}

/* The classification level whose handling rules apply to r: the effective
 * one (computed along dependencies) when set, else its own; NULL for none. */
static const char *handling_level(const struct entity *ent, const struct record *r)
{
	const char *own = NULL;
	for (int i = 0; i < ent->nfields; i++) {
		if (!(ent->fields[i].flags & F_CLASS) || !r->values[i])
			continue;
		if (ent->fields[i].flags & F_COMPUTED)
			return r->values[i];
		if (!own)
			own = r->values[i];
	}
	return own;
}

static void field_list(struct request *req, struct strbuf *sb, const struct entity *ent, const struct record *r,
		       int longtext)
{
	const char *handling = handling_level(ent, r);
	int any = 0;
	for (int i = 0; i < ent->nfields; i++) {
		const struct field *f = &ent->fields[i];
		if ((f->type == FT_LONGTEXT) != longtext || strcmp(f->name, ent->title_field) == 0 || (f->flags & F_PANEL))
			continue;
		if (!any++)
			html_printf(sb, "<dl class=\"fields%R\">", longtext ? " fields-long" : "");
		html_printf(sb, "<div class=\"field-row\"><dt>%s</dt><dd>", f->label);
		view_field(req, sb, ent, r, i);
		if ((f->flags & F_CLASS) && handling) {
			view_handling(req, sb, handling);
			handling = NULL; /* once, under the first classification shown */
		}
		html_printf(sb, "</dd></div>");
	}
	if (any)
		html_printf(sb, "</dl>");
}

void web_detail(struct request *req, struct response *resp)
{
	page_detail(req, resp, NULL);
}

void page_detail(struct request *req, struct response *resp, const struct link_form_error *fe)
{
	const struct entity *ent = req->entity;
	struct strbuf *sb = &resp->body;
	struct record r;
	struct err e = ERR_INIT;
	const char *title;

	if (record_read(req->store, &req->actor, ent, req->id, &req->arena, &r, &e)) {
		page_error(req, resp, &e, arena_printf(&req->arena, "/%s", ent->plural),
			   arena_printf(&req->arena, "Back to %s", ent->label_plural));
		return;
	}
	title = record_title(ent, &r, &req->arena);
	page_begin(req, resp, title, ent->plural, 0);
	html_printf(sb, "<div class=\"page-head\"><div><p class=\"eyebrow\"><a href=\"/%s\">%s</a> / #%lld</p>"
			"<h1>%s</h1></div>",
		    ent->plural, ent->label_plural, (long long)r.id, title);
	record_actions(req, sb, ent, &r);
	html_printf(sb, "</div>");
	page_flash(req, sb);
	if (r.archived)
		page_notice(sb, "warn", "This record is archived: it is kept for reference and can no longer be changed.");
	/* facts in a grid first, then the narrative fields at full width */
	html_printf(sb, "<div class=\"detail-grid\"><section class=\"card\" aria-label=\"Details\">");
	field_list(req, sb, ent, &r, 0);
	field_list(req, sb, ent, &r, 1);
	html_printf(sb, "</section><aside class=\"card meta\" aria-labelledby=\"meta-title\">"
			"<h2 id=\"meta-title\">Record</h2><dl>"
			"<div><dt>ID</dt><dd>%lld</dd></div><div><dt>Version</dt><dd>%lld</dd></div>"
			"<div><dt>Created</dt><dd><time datetime=\"%s\">%s</time><br><span class=\"muted\">by %s</span></dd></div>"
			"<div><dt>Last changed</dt><dd><time datetime=\"%s\">%s</time><br><span class=\"muted\">by %s</span></dd></div>"
			"<div><dt>State</dt><dd>%R</dd></div></dl></aside></div>",
		    (long long)r.id, (long long)r.version, r.created_at, view_datetime(&req->arena, r.created_at),
		    user_name(req, r.created_by), r.updated_at, view_datetime(&req->arena, r.updated_at),
		    user_name(req, r.updated_by),
		    r.archived ? "<span class=\"badge badge-muted\">Archived</span>"
			       : "<span class=\"badge badge-ok\">Live</span>");
	page_record_links(req, sb, ent, &r, fe);
	page_detail_extras(req, sb, ent, &r);
	if (view_can_read_audit(req))
		audit_history(req, sb, ent, r.id);
	page_end(req, resp, fe ? fe->e->status : 200);
}

void web_archive(struct request *req, struct response *resp)
{
	const struct entity *ent = req->entity;
	const char *v = http_form(req, "version");
	const char *back = arena_printf(&req->arena, "/%s/%lld", ent->plural, (long long)req->id);
	struct err e = ERR_INIT;
	int64_t version = 0;

	if (!v || parse_int64(v, &version) || version <= 0)
		err_set(&e, 400, "bad_version", "The form did not say which version you saw; reload the page and try again.");
	else if (record_archive(req->store, &req->actor, ent, req->id, version, &req->arena, &e) == 0) {
		http_redirect(resp, arena_printf(&req->arena, "/%s?notice=archived", ent->plural));
		return;
	}
	if (e.status == 412)
		snprintf(e.message, sizeof(e.message),
			 "This %s was changed by someone else since you opened it. Reload it, check the changes, "
			 "then archive it again.", ent->name);
	page_error(req, resp, &e, back, arena_printf(&req->arena, "Back to the %s", ent->name));
}
