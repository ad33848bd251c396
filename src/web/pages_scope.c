/* pages_scope: the ISMS scope statement in the web UI (isms/scope.h) —
 * GET /scope (the current text, its state, approval, versions and a
 * comparison form), its edit form, approving, one version, and two compared
 * field by field. Everyone reads; ISMS managers edit and approve. */
#include <string.h>

#include "base/util.h"
#include "isms/scope.h"
#include "web/page.h"
#include "web/web.h"

static const struct field note_field = {
	"note", "Approval note", FT_TEXT, 0, .max_len = SCOPE_NOTE_MAX,
	.help = "Optional: what changed, or the meeting that approved it.",
};

/* The seven fields of a scope as a definition list. */
static void scope_fields(struct request *req, struct strbuf *sb, const char *const *values)
{
	html_printf(sb, "<dl class=\"fields fields-long\">");
	for (int i = 0; i < SCOPE_NFIELDS; i++) {
		html_printf(sb, "<div class=\"field-row\"><dt>%s</dt><dd>", scope_entity.fields[i].label);
		view_value(req, sb, &scope_entity.fields[i], values[i], NULL);
		html_printf(sb, "</dd></div>");
	}
	html_printf(sb, "</dl>");
}

static void version_select(struct request *req, struct strbuf *sb, const char *name, const char *label,
			   const struct scope_version *vs, int n, const char *chosen, const struct err *e)
{
	const char *msg = page_field_error(e, name);
	html_printf(sb, "<div class=\"field%R\"><label for=\"v-%s\">%s</label><select id=\"v-%s\" name=\"%s\">",
		    msg ? " has-error" : "", name, label, name, name);
	html_printf(sb, "<option value=\"current\"%R>The current text</option>",
		    chosen && strcmp(chosen, "current") == 0 ? " selected" : "");
	for (int i = 0; i < n; i++) {
		const char *num = arena_printf(&req->arena, "%lld", (long long)vs[i].number);
		html_printf(sb, "<option value=\"%s\"%R>Version %s — %s</option>", num,
			    chosen && strcmp(chosen, num) == 0 ? " selected" : "", num,
			    arena_strndup(&req->arena, vs[i].approved_at, 10));
	}
	html_printf(sb, "</select>");
	if (msg)
		html_printf(sb, "<p class=\"field-error\">%s</p>", msg);
	html_printf(sb, "</div>");
}

static void compare_form(struct request *req, struct strbuf *sb, const struct scope_version *vs, int n,
			 const char *from, const char *to, const struct err *e)
{
	html_printf(sb, "<form class=\"compare-form\" method=\"get\" action=\"/scope/compare\">");
	version_select(req, sb, "from", "From", vs, n, from, e);
	version_select(req, sb, "to", "To", vs, n, to, e);
	html_printf(sb, "<div class=\"filter-actions\"><button type=\"submit\" class=\"btn btn-primary\">Compare</button>"
			"</div></form>");
}

static void versions_section(struct request *req, struct strbuf *sb, const struct scope_version *vs, int n)
{
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-versions\"><h2 id=\"h-versions\">Approved versions "
			"<span class=\"count\">%d</span></h2>",
		    n);
	if (!n) {
		html_printf(sb, "<p class=\"muted\">None yet. Approving the scope freezes it as version 1.</p></section>");
		return;
	}
	html_printf(sb, "<table class=\"table\"><thead><tr><th scope=\"col\">Version</th><th scope=\"col\">Approved</th>"
			"<th scope=\"col\">By</th><th scope=\"col\">Note</th></tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		html_printf(sb, "<tr><th scope=\"row\"><a href=\"/scope/versions/%lld\">Version %lld</a></th><td>",
			    (long long)vs[i].number, (long long)vs[i].number);
		view_time(req, sb, vs[i].approved_at, NULL);
		html_printf(sb, "</td><td>%s</td><td>%s</td></tr>", vs[i].approved_by_name ? vs[i].approved_by_name : "the system",
			    vs[i].note ? vs[i].note : "—");
	}
	html_printf(sb, "</tbody></table>");
	if (n)
		compare_form(req, sb, vs, n, n > 1 ? arena_printf(&req->arena, "%lld", (long long)vs[1].number) : "1",
			     "current", NULL);
	html_printf(sb, "</section>");
}

static const char *state_line(struct request *req, const struct scope *sc)
{
	if (!sc->state)
		return "There is no scope statement yet.";
	if (strcmp(sc->state, "approved") == 0)
		return arena_printf(&req->arena, "Approved as version %lld.", (long long)sc->latest);
	if (sc->based_on)
		return arena_printf(&req->arena, "Draft: changes to version %lld, not yet approved.", (long long)sc->based_on);
	return "Draft, not yet approved.";
}

static void scope_page(struct request *req, struct response *resp, const struct err *approve_err, int status)
{
	struct strbuf *sb = &resp->body;
	struct scope sc;
	struct scope_version *vs;
	struct err e = ERR_INIT;
	int n, manager = req->user.role >= SCOPE_WRITE_ROLE;
	if (scope_read(req->store, &req->arena, &sc, &e) || scope_versions(req->store, &req->arena, &vs, &n, &e)) {
		page_error(req, resp, &e, "/", "Back to the dashboard");
		return;
	}
	page_begin(req, resp, "Scope", "scope", 0);
	page_head(sb, "Context", NULL, "Scope of the ISMS",
		  "What the management system covers — units, locations, processes and systems — what it leaves out and "
		  "why, and where it meets the world outside.");
	if (manager)
		html_printf(sb, "<div class=\"actions\"><a class=\"btn btn-primary\" href=\"/scope/edit\">%s</a></div>",
			    sc.state ? "Edit the scope" : "Write the scope");
	page_head_end(sb);
	page_flash(req, sb);
	if (approve_err && strcmp(approve_err->code, "validation") == 0) /* the fields' own messages say it */
		for (int i = 0; i < approve_err->nfields; i++)
			page_notice(sb, "error", approve_err->fields[i].message);
	else if (approve_err)
		page_notice(sb, "error", approve_err->message);
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-scope\"><h2 id=\"h-scope\">Scope statement ");
	if (sc.state)
		view_badge(sb, &req->arena, sc.state);
	html_printf(sb, "</h2><p class=\"muted\">%s", state_line(req, &sc));
	if (sc.updated_at) {
		html_printf(sb, " Last changed ");
		view_time(req, sb, sc.updated_at, NULL);
		html_printf(sb, " by %s.", sc.updated_by_name ? sc.updated_by_name : "the system");
	}
	html_printf(sb, "</p>");
	if (sc.state)
		scope_fields(req, sb, sc.values);
	html_printf(sb, "</section>");
	if (manager && sc.state && strcmp(sc.state, "draft") == 0) {
		html_printf(sb, "<h2 class=\"section-title\">Approve this draft</h2>");
		page_form_begin(req, sb, "/scope/approve");
		html_printf(sb, "<input type=\"hidden\" name=\"version\" value=\"%lld\">", (long long)sc.version);
		page_field(req, sb, &note_field, approve_err ? http_form(req, "note") : NULL, NULL, approve_err);
		page_form_end(sb, arena_printf(&req->arena, "Approve as version %lld", (long long)sc.latest + 1), NULL);
	}
	versions_section(req, sb, vs, n);
	page_end(req, resp, status);
}

void web_scope(struct request *req, struct response *resp)
{
	scope_page(req, resp, NULL, 200);
}

static int form_version(struct request *req, int64_t *v)
{
	const char *t = http_form(req, "version");
	*v = -1;
	return t && *t && parse_int64(t, v) == 0 ? 0 : -1;
}

static void edit_page(struct request *req, struct response *resp, const struct err *e, int status)
{
	struct strbuf *sb = &resp->body;
	struct scope sc;
	struct err re = ERR_INIT;
	if (scope_read(req->store, &req->arena, &sc, &re)) {
		page_error(req, resp, &re, "/scope", "Back to the scope");
		return;
	}
	page_begin(req, resp, "Edit the scope", "scope", 0);
	page_head(sb, "Scope", "/scope", sc.state ? "Edit the scope" : "Write the scope",
		  sc.state && strcmp(sc.state, "approved") == 0
			  ? "The scope is approved: saving a change starts a new draft, which needs approving again."
			  : "Write one item a line. Saving keeps a draft; approve it on the scope page.");
	page_head_end(sb);
	if (e && e->status && !e->nfields)
		page_notice(sb, "error", e->message);
	page_form_begin(req, sb, "/scope");
	/* after a refusal, the version the form was made from: a stale one stays stale */
	html_printf(sb, "<input type=\"hidden\" name=\"version\" value=\"%s\">",
		    e && http_form(req, "version") ? http_form(req, "version")
						   : arena_printf(&req->arena, "%lld", (long long)sc.version));
	for (int i = 0; i < SCOPE_NFIELDS; i++) {
		const char *v = e ? http_form(req, scope_entity.fields[i].name) : sc.values[i];
		page_field(req, sb, &scope_entity.fields[i], v, NULL, e);
	}
	page_form_end(sb, "Save the draft", "/scope");
	page_end(req, resp, status);
}

void web_scope_edit(struct request *req, struct response *resp)
{
	edit_page(req, resp, NULL, 200);
}

void web_scope_save(struct request *req, struct response *resp)
{
	const char *names[HTTP_MAX_FORM], *vals[HTTP_MAX_FORM];
	struct err e = ERR_INIT;
	struct input in;
	int64_t version;
	for (int i = 0; i < req->nform; i++) {
		names[i] = req->form[i].name;
		vals[i] = req->form[i].value;
	}
	if (form_version(req, &version))
		err_set(&e, 400, "bad_version", "The form lacks the scope's version; reload the page and try again.");
	if (e.status || validate_form(&scope_entity, names, vals, req->nform, 0, &req->arena, &in, &e) ||
	    scope_set(req->store, &req->actor, version, &in, &req->arena, &e)) {
		edit_page(req, resp, &e, e.status ? e.status : 422);
		return;
	}
	http_redirect(resp, "/scope?notice=scope_saved");
}

void web_scope_approve(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	int64_t version, number;
	if (form_version(req, &version))
		err_set(&e, 400, "bad_version", "The form lacks the scope's version; reload the page and try again.");
	if (e.status ||
	    scope_approve(req->store, &req->actor, version, http_form(req, "note"), &req->arena, &number, &e)) {
		scope_page(req, resp, &e, e.status ? e.status : 422);
		return;
	}
	http_redirect(resp, "/scope?notice=scope_approved");
}

void web_scope_version(struct request *req, struct response *resp)
{
	struct strbuf *sb = &resp->body;
	struct scope_version v;
	struct err e = ERR_INIT;
	const char *title;
	if (scope_version_get(req->store, req->id, &req->arena, &v, &e)) {
		page_error(req, resp, &e, "/scope", "Back to the scope");
		return;
	}
	title = arena_printf(&req->arena, "Scope, version %lld", (long long)v.number);
	page_begin(req, resp, title, "scope", 0);
	page_head(sb, "Scope", "/scope", title, v.note);
	page_head_end(sb);
	html_printf(sb, "<section class=\"card\"><p class=\"run-meta\">Approved ");
	view_time(req, sb, v.approved_at, NULL);
	html_printf(sb, " by %s.</p>", v.approved_by_name ? v.approved_by_name : "the system");
	scope_fields(req, sb, v.values);
	html_printf(sb, "</section>");
	page_end(req, resp, 200);
}

static const char *side_label(struct request *req, const struct scope_side *s)
{
	return s->number ? arena_printf(&req->arena, "Version %lld", (long long)s->number) : "Current text";
}

void web_scope_compare(struct request *req, struct response *resp)
{
	struct strbuf *sb = &resp->body;
	struct scope_side f, t;
	struct scope_diff d[SCOPE_NFIELDS];
	struct scope_version *vs;
	struct err e = ERR_INIT, le = ERR_INIT;
	const char *from = http_query(req, "from"), *to = http_query(req, "to");
	int n, changed = 0, bad;
	if (scope_versions(req->store, &req->arena, &vs, &n, &le)) {
		page_error(req, resp, &le, "/scope", "Back to the scope");
		return;
	}
	bad = scope_sides(req->store, from, to, &req->arena, &f, &t, &e);
	if (bad && !e.nfields) {
		page_error(req, resp, &e, "/scope", "Back to the scope");
		return;
	}
	page_begin(req, resp, "Compare scope versions", "scope", 0);
	page_head(sb, "Scope", "/scope", "Compare scope versions", NULL);
	page_head_end(sb);
	html_printf(sb, "<section class=\"card\">");
	compare_form(req, sb, vs, n, from, to && *to ? to : "current", bad ? &e : NULL);
	if (!bad) {
		changed = scope_compare(f.values, t.values, d);
		html_printf(sb, "<p>%s</p>", changed ? arena_printf(&req->arena, "%d of %d fields differ.", changed, SCOPE_NFIELDS)
						   : "The two are the same.");
		html_printf(sb, "<div class=\"table-wrap\"><table class=\"table diff-table\"><thead><tr><th scope=\"col\">"
				"Field</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
			    side_label(req, &f), side_label(req, &t));
		for (int i = 0; i < SCOPE_NFIELDS; i++) {
			html_printf(sb, "<tr%R><th scope=\"row\">%s%R</th><td>", d[i].changed ? " class=\"diff-changed\"" : "",
				    d[i].field->label, d[i].changed ? " <span class=\"badge badge-warn\">Changed</span>" : "");
			view_value(req, sb, d[i].field, d[i].from, NULL);
			html_printf(sb, "</td><td>");
			view_value(req, sb, d[i].field, d[i].to, NULL);
			html_printf(sb, "</td></tr>");
		}
		html_printf(sb, "</tbody></table></div>");
	}
	html_printf(sb, "</section>");
	page_end(req, resp, bad ? 422 : 200);
}
