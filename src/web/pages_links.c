/* pages_links: a record's links on its page (isms/link.h) — per kind and
 * direction the linked records, with remove buttons and an add form (a
 * select of the records that may be chosen) where the caller may change
 * them — and the two form handlers. A refused form shows the record's page
 * again with the message at that form. */
#include <string.h>

#include "base/util.h"
#include "isms/link.h"
#include "web/page.h"
#include "web/web.h"

#define CANDIDATES_MAX 1000

static int kind_error(const struct link_form_error *fe, const struct link_group *g)
{
	return fe && !g->reverse && strcmp(fe->kind, g->kind->name) == 0;
}

static void add_form(struct request *req, struct strbuf *sb, const struct entity *ent, const struct record *r,
		     const struct link_group *g, const struct link_form_error *fe)
{
	const struct link_kind *k = g->kind;
	struct ref_option *opt;
	struct err e = ERR_INIT;
	const char *msg = kind_error(fe, g) ? page_field_error(fe->e, "id") : NULL;
	int n = link_candidates(req->store, &req->actor, k, r->id, CANDIDATES_MAX, &req->arena, &opt, &e);

	if (n < 0) {
		page_notice(sb, "error", e.message);
		return;
	}
	if (n == 0 && !msg) { /* nothing to offer: no form, only why */
		html_printf(sb, "<p class=\"help\">There is no %s left to choose.</p>", g->other->name);
		if (k->help)
			html_printf(sb, "<p class=\"help\">%s</p>", k->help);
		return;
	}
	html_printf(sb, "<form class=\"link-add\" method=\"post\" action=\"/%s/%lld/links/%s\">", ent->plural,
		    (long long)r->id, k->name);
	page_csrf(req, sb);
	html_printf(sb, "<div class=\"field%R\"><label for=\"link-%s\">Add to “%s”</label>"
			"<select id=\"link-%s\" name=\"id\" required%R>"
			"<option value=\"\">Choose %s %s…</option>",
		    msg ? " has-error" : "", k->name, k->label, k->name,
		    msg ? arena_printf(&req->arena, " aria-invalid=\"true\" aria-describedby=\"link-%s-error\"", k->name)
			: "",
		    strchr("aeiou", g->other->name[0]) ? "an" : "a", g->other->name);
	for (int i = 0; i < n; i++)
		html_printf(sb, "<option value=\"%lld\"%R>%s</option>", (long long)opt[i].id,
			    kind_error(fe, g) && fe->to == opt[i].id ? " selected" : "",
			    opt[i].title && *opt[i].title ? opt[i].title : arena_printf(&req->arena, "#%lld", (long long)opt[i].id));
	html_printf(sb, "</select>");
	if (msg)
		html_printf(sb, "<p class=\"field-error\" id=\"link-%s-error\">%s</p>", k->name, msg);
	html_printf(sb, "</div>");
	if (k->relations) {
		const char *want = kind_error(fe, g) ? fe->relation : NULL;
		const char *rmsg = kind_error(fe, g) ? page_field_error(fe->e, "relation") : NULL;
		html_printf(sb, "<div class=\"field%R\"><label for=\"link-%s-relation\">As</label>"
				"<select id=\"link-%s-relation\" name=\"relation\">",
			    rmsg ? " has-error" : "", k->name, k->name);
		for (const char *const *v = k->relations; *v; v++)
			html_printf(sb, "<option value=\"%s\"%R>%s</option>", *v, streq(want, *v) ? " selected" : "",
				    view_enum_label(&req->arena, *v));
		html_printf(sb, "</select>");
		if (rmsg)
			html_printf(sb, "<p class=\"field-error\">%s</p>", rmsg);
		html_printf(sb, "</div>");
	}
	html_printf(sb, "<div class=\"link-add-actions\"><button type=\"submit\" class=\"btn btn-secondary\">Add</button>"
			"</div></form>");
	if (k->help)
		html_printf(sb, "<p class=\"help\">%s</p>", k->help);
}

static void item_row(struct request *req, struct strbuf *sb, const struct entity *ent, const struct record *r,
		     const struct link_group *g, const struct link_item *it)
{
	html_printf(sb, "<li><span class=\"link-title\"><a href=\"/%s/%lld\">%s</a>", g->other->plural,
		    (long long)it->id, it->title);
	if (it->relation) {
		html_printf(sb, " ");
		view_badge(sb, &req->arena, it->relation);
	}
	if (it->primary)
		html_printf(sb, " <span class=\"badge badge-info\">Primary</span>");
	if (it->archived)
		html_printf(sb, " <span class=\"badge badge-muted\">Archived</span>");
	html_printf(sb, "</span>");
	if (g->writable && !it->primary) {
		html_printf(sb, "<form method=\"post\" action=\"/%s/%lld/links/%s/%lld/remove\">", ent->plural,
			    (long long)r->id, g->kind->name, (long long)it->id);
		page_csrf(req, sb);
		html_printf(sb, "<button type=\"submit\" class=\"btn btn-ghost btn-sm\" aria-label=\"Remove %s\">Remove"
				"</button></form>",
			    it->title);
	}
	html_printf(sb, "</li>");
}

void page_record_links(struct request *req, struct strbuf *sb, const struct entity *ent, const struct record *r,
		       const struct link_form_error *fe)
{
	struct link_group *g;
	struct err e = ERR_INIT;
	int n;

	if (strcmp(ent->name, "asset") == 0)
		page_protection(req, sb, r);
	if (link_list(req->store, &req->actor, ent, r->id, &req->arena, &g, &n, &e)) {
		page_notice(sb, "error", e.message);
		return;
	}
	if (n == 0)
		return;
	html_printf(sb, "<section class=\"card links\" id=\"links\" aria-labelledby=\"links-title\">"
			"<h2 id=\"links-title\">Links</h2><div class=\"link-groups\">");
	for (int i = 0; i < n; i++) {
		const char *id = arena_printf(&req->arena, "links-%s%s", g[i].kind->name, g[i].reverse ? "-reverse" : "");
		html_printf(sb, "<div class=\"link-group\" id=\"%s\"><h3>%s <span class=\"muted\">(%d)</span></h3>", id,
			    g[i].reverse ? g[i].kind->reverse_label : g[i].kind->label, g[i].n);
		if (kind_error(fe, &g[i]) && strcmp(fe->e->code, "validation") != 0) /* field messages sit at the fields */
			page_notice(sb, "error", fe->e->message);
		if (g[i].n == 0) {
			html_printf(sb, "<p class=\"muted\">None.</p>");
		} else {
			html_printf(sb, "<ul class=\"link-list\">");
			for (int j = 0; j < g[i].n; j++)
				item_row(req, sb, ent, r, &g[i], &g[i].items[j]);
			html_printf(sb, "</ul>");
		}
		if (g[i].writable)
			add_form(req, sb, ent, r, &g[i], fe);
		html_printf(sb, "</div>");
	}
	html_printf(sb, "</div></section>");
}

/* ---- the forms ------------------------------------------------------------ */

/* The kind of {name}; a 404 page when the type has no such kind. */
static const struct link_kind *form_kind(struct request *req, struct response *resp)
{
	const struct link_kind *k = link_kind_find(req->entity, req->param);
	struct err e = ERR_INIT;
	if (k)
		return k;
	err_set(&e, 404, "unknown_link_kind", "%s records have no links of kind '%s'.", req->entity->label, req->param);
	page_error(req, resp, &e, arena_printf(&req->arena, "/%s/%lld", req->entity->plural, (long long)req->id),
		   "Back to the record");
	return NULL;
}

static void after_form(struct request *req, struct response *resp, const struct link_kind *k, struct err *e,
		       int64_t to, const char *relation)
{
	struct link_form_error fe = { k->name, e, to, relation };
	if (!e->status) {
		http_redirect(resp, arena_printf(&req->arena, "/%s/%lld#links-%s", req->entity->plural, (long long)req->id,
						 k->name));
		return;
	}
	/* the record itself cannot be shown or changed: a page of its own */
	if (e->status == 403 || strcmp(e->code, "not_found") == 0) {
		page_error(req, resp, e, arena_printf(&req->arena, "/%s", req->entity->plural),
			   arena_printf(&req->arena, "Back to %s", req->entity->label_plural));
		return;
	}
	page_detail(req, resp, &fe);
}

void web_link_add(struct request *req, struct response *resp)
{
	const struct link_kind *k = form_kind(req, resp);
	const char *v = http_form(req, "id"), *relation = http_form(req, "relation");
	struct err e = ERR_INIT;
	int64_t to = 0;
	if (!k)
		return;
	if (relation && !*relation)
		relation = NULL;
	if (!v || !*v)
		err_field(&e, "id", "required", "Choose the %s to add.", k->to);
	else if (parse_int64(v, &to) || to <= 0)
		err_field(&e, "id", "range", "Choose one of the %s records offered.", k->to);
	else
		link_add(req->store, &req->actor, k, req->id, to, relation, &req->arena, &e);
	after_form(req, resp, k, &e, to, relation);
}

void web_link_remove(struct request *req, struct response *resp)
{
	const struct link_kind *k = form_kind(req, resp);
	struct err e = ERR_INIT;
	if (!k)
		return;
	link_remove(req->store, &req->actor, k, req->id, req->sub_id, &req->arena, &e);
	after_form(req, resp, k, &e, 0, NULL);
}
