/* pages_framework: frameworks in the web UI — GET /frameworks (what is
 * installed, how complete each is, and the built-in library to install
 * from), GET /frameworks/{id} (the requirements as a tree with their gap
 * status, per section and overall), GET /requirements/{id} (guidance,
 * attributes, the assessment form, controls and mappings) and their forms;
 * and the Requirements section of a control's page. Reads and checks go
 * through isms/framework*.c, gap.c and requirement_link.c, as for the API. */
#include <string.h>

#include "base/util.h"
#include "isms/framework_library.h"
#include "isms/gap.h"
#include "isms/record.h"
#include "isms/requirement_link.h"
#include "web/page.h"
#include "web/web.h"

#define FRAMEWORKS_LEAD                                                                                      \
	"The standards and frameworks you work to. Link your controls to their requirements and record the "   \
	"gap analysis; a control that meets a requirement of one framework counts toward the requirements "    \
	"mapped to it in the others."

static void percent_bar(struct strbuf *sb, const struct gap_counts *c)
{
	int pct = (int)(c->percent + 0.5);
	html_printf(sb, "<span class=\"plan-progress gap-progress\"><progress max=\"100\" value=\"%d\" "
			"aria-label=\"%d%% complete\"></progress> <strong>%d%%</strong></span>",
		    pct, pct, pct);
}

static void counts_line(struct strbuf *sb, const struct gap_counts *c)
{
	html_printf(sb, "<span class=\"muted\">%d met · %d partial · %d not met · %d not assessed", c->count[GAP_MET],
		    c->count[GAP_PARTIAL], c->count[GAP_NOT_MET], c->count[GAP_NOT_ASSESSED]);
	if (c->count[GAP_NOT_APPLICABLE])
		html_printf(sb, " · %d not applicable", c->count[GAP_NOT_APPLICABLE]);
	html_printf(sb, "</span>");
}

void web_frameworks(struct request *req, struct response *resp)
{
	struct strbuf *sb = &resp->body;
	struct framework *fws;
	struct fw_library_item *lib;
	struct err e = ERR_INIT;
	int n, nlib;
	if (framework_list(req->store, &req->arena, &fws, &n, &e) ||
	    framework_library(req->store, &req->arena, &lib, &nlib, &e)) {
		page_error(req, resp, &e, "/", "Back to the dashboard");
		return;
	}
	page_begin(req, resp, "Frameworks", "frameworks", 0);
	page_head(sb, NULL, NULL, "Frameworks", FRAMEWORKS_LEAD);
	if (req->user.role >= ROLE_MANAGER)
		html_printf(sb, "<div class=\"head-actions\"><a class=\"btn btn-secondary\" href=\"/frameworks/import\">Import a "
				"framework</a></div>");
	page_head_end(sb);
	page_flash(req, sb);
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-installed\"><h2 id=\"h-installed\">Installed "
			"<span class=\"count\">%d</span></h2>", n);
	if (n == 0)
		html_printf(sb, "<p class=\"muted\">No framework yet. Install ISO/IEC 27001:2022 from the library below "
				"to start your Statement of Applicability.</p>");
	else
		html_printf(sb, "<div class=\"table-wrap\"><table class=\"table\"><thead><tr><th scope=\"col\">Framework"
				"</th><th scope=\"col\">Requirements</th><th scope=\"col\">Gap analysis</th><th scope=\"col\">"
				"Origin</th><th scope=\"col\"></th></tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		struct gap_report g;
		if (gap_report_read(req->store, fws[i].id, &req->arena, &g, &e))
			break;
		html_printf(sb, "<tr><th scope=\"row\"><a href=\"/frameworks/%lld\">%s</a><br><span class=\"muted\">%s"
				"</span></th><td>%lld</td><td>",
			    (long long)fws[i].id, fws[i].ref_id, fws[i].name, (long long)fws[i].requirement_count);
		percent_bar(sb, &g.overall);
		html_printf(sb, "</td><td>%s</td><td>", view_enum_label(&req->arena, fws[i].origin));
		if (fws[i].has_soa)
			html_printf(sb, "<a href=\"/frameworks/%lld/soa\">Statement of Applicability</a>",
				    (long long)fws[i].id);
		html_printf(sb, "</td></tr>");
	}
	if (n)
		html_printf(sb, "</tbody></table></div>");
	html_printf(sb, "</section><section class=\"card\" aria-labelledby=\"h-library\"><h2 id=\"h-library\">Built-in "
			"library</h2><ul class=\"library\">");
	for (int i = 0; i < nlib; i++) {
		const struct fw_builtin *b = lib[i].builtin;
		html_printf(sb, "<li><div><strong>%s</strong> <span class=\"badge badge-neutral\">%s</span><br>"
				"<span class=\"muted\">%s</span></div>",
			    b->title, b->kind == FW_BUILTIN_FRAMEWORK ? "Framework" : "Mapping", b->summary);
		if (lib[i].installed && lib[i].framework_id)
			html_printf(sb, "<a href=\"/frameworks/%lld\">Installed</a>", (long long)lib[i].framework_id);
		else if (lib[i].installed)
			html_printf(sb, "<span class=\"badge badge-ok\">Installed</span>");
		else if (req->user.role >= ROLE_MANAGER) {
			html_printf(sb, "<form method=\"post\" action=\"/frameworks/install\">");
			page_csrf(req, sb);
			html_printf(sb, "<input type=\"hidden\" name=\"key\" value=\"%s\"><button type=\"submit\" "
					"class=\"btn btn-secondary\">Install</button></form>",
				    b->key);
		}
		html_printf(sb, "</li>");
	}
	html_printf(sb, "</ul></section>");
	page_end(req, resp, 200);
}

void web_framework_install(struct request *req, struct response *resp)
{
	struct fw_import_result res;
	struct err e = ERR_INIT;
	const char *key = http_form(req, "key");
	if (framework_install(req->store, &req->actor, key, &res, NULL, NULL, &e)) {
		page_error(req, resp, &e, "/frameworks", "Back to the frameworks");
		return;
	}
	http_redirect(resp, res.first_framework_id
				    ? arena_printf(&req->arena, "/frameworks/%lld?notice=framework_installed",
						   (long long)res.first_framework_id)
				    : "/frameworks?notice=framework_installed");
}

/* ?status=S: only requirements whose effective status is S. */
static int status_filter(struct request *req, enum gap_status *out)
{
	const char *v = http_query(req, "status");
	if (!v || !*v)
		return 0;
	for (int i = 0; gap_status_names[i]; i++)
		if (strcmp(v, gap_status_names[i]) == 0) {
			*out = (enum gap_status)i;
			return 1;
		}
	return 0;
}

static void status_cell(struct request *req, struct strbuf *sb, const struct gap_row *r)
{
	view_badge(sb, &req->arena, gap_status_names[r->effective]);
	if (streq(r->source, "mapping"))
		html_printf(sb, " <span class=\"muted small\">through %s</span>", r->via);
	else if (streq(r->source, "controls"))
		html_printf(sb, " <span class=\"muted small\">from %d control%s</span>", r->controls,
			    r->controls == 1 ? "" : "s");
	else if (streq(r->source, "soa"))
		html_printf(sb, " <span class=\"muted small\">excluded in the SoA</span>");
}

void web_framework(struct request *req, struct response *resp)
{
	struct strbuf *sb = &resp->body;
	struct gap_report g;
	struct err e = ERR_INIT;
	enum gap_status only = GAP_NOT_ASSESSED;
	int filtered;
	if (gap_report_read(req->store, req->id, &req->arena, &g, &e)) {
		page_error(req, resp, &e, "/frameworks", "Back to the frameworks");
		return;
	}
	filtered = status_filter(req, &only);
	page_begin(req, resp, g.fw.ref_id, "frameworks", 0);
	page_head(sb, "Frameworks", "/frameworks", g.fw.name, g.fw.description);
	html_printf(sb, "<div class=\"head-actions\">");
	if (g.fw.has_soa)
		html_printf(sb, "<a class=\"btn btn-secondary\" href=\"/frameworks/%lld/soa\">Statement of Applicability</a>",
			    (long long)g.fw.id);
	html_printf(sb, "<a class=\"btn btn-secondary\" href=\"/frameworks/%lld/oscal/catalog\">OSCAL catalog</a>"
			"<a class=\"btn btn-secondary\" href=\"/frameworks/%lld/oscal/ssp\">OSCAL SSP</a>"
			"<a class=\"btn btn-secondary\" href=\"/frameworks/%lld/oscal/assessment-results\">OSCAL assessment results</a>"
			"<a class=\"btn btn-secondary\" href=\"/frameworks/%lld/oscal/poam\">OSCAL POA&amp;M</a>"
			"</div>",
		    (long long)g.fw.id, (long long)g.fw.id, (long long)g.fw.id, (long long)g.fw.id);
	page_head_end(sb);
	page_flash(req, sb);
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-gap\"><h2 id=\"h-gap\">Gap analysis</h2><p>");
	percent_bar(sb, &g.overall);
	html_printf(sb, " of %d assessable requirements. ", g.overall.total);
	counts_line(sb, &g.overall);
	html_printf(sb, "</p>");
	if (g.by_mapping)
		html_printf(sb, "<p class=\"muted\">%d requirement%s count through mappings to other frameworks.</p>",
			    g.by_mapping, g.by_mapping == 1 ? "" : "s");
	html_printf(sb, "<p class=\"filter-links\">Show: <a href=\"/frameworks/%lld\"%R>all</a>", (long long)g.fw.id,
		    filtered ? "" : " aria-current=\"page\"");
	for (int i = 0; gap_status_names[i]; i++)
		html_printf(sb, " · <a href=\"/frameworks/%lld?status=%U\"%R>%s</a>", (long long)g.fw.id,
			    gap_status_names[i], filtered && (int)only == i ? " aria-current=\"page\"" : "",
			    view_enum_label(&req->arena, gap_status_names[i]));
	html_printf(sb, "</p></section>");

	html_printf(sb, "<div class=\"table-wrap table-scroll\" role=\"region\" aria-label=\"Requirements\" "
			"tabindex=\"0\"><table class=\"table req-tree\"><thead><tr><th scope=\"col\">Requirement</th>"
			"<th scope=\"col\">Status</th><th scope=\"col\">Controls</th></tr></thead><tbody>");
	for (int i = 0; i < g.n; i++) {
		const struct gap_row *r = &g.rows[i];
		int depth = r->req->depth > 6 ? 6 : r->req->depth;
		if (filtered && (!r->req->assessable || r->effective != only))
			continue;
		if (!r->req->assessable) {
			html_printf(sb, "<tr class=\"req-group depth-%d\"><th scope=\"row\">"
					"<a href=\"/requirements/%lld\">%s %s</a></th><td>",
				    depth, (long long)r->req->id, r->req->ref_id ? r->req->ref_id : "", r->req->title);
			if (g.subtree[i].total)
				percent_bar(sb, &g.subtree[i]);
			html_printf(sb, "</td><td></td></tr>");
			continue;
		}
		html_printf(sb, "<tr class=\"depth-%d\"><th scope=\"row\"><a href=\"/requirements/%lld\">"
				"<span class=\"req-ref\">%s</span> %s</a></th><td>",
			    depth, (long long)r->req->id, r->req->ref_id ? r->req->ref_id : "", r->req->title);
		status_cell(req, sb, r);
		html_printf(sb, "</td><td>%d</td></tr>", r->controls);
	}
	html_printf(sb, "</tbody></table></div>");
	page_end(req, resp, 200);
}

/* ---- one requirement ------------------------------------------------------ */

static const struct field status_field = {
	"status", "Status", FT_ENUM, F_REQUIRED, .values = gap_status_names,
	.help = "Your judgement: met, partial, not met — or not applicable to your organisation.",
};
static const struct field evidence_field = {
	"evidence", "Evidence", FT_LONGTEXT, 0, .max_len = GAP_TEXT_MAX,
	.help = "Where the proof is: a document, a record, a system setting, a report.",
};
static const struct field notes_field = { "notes", "Notes", FT_LONGTEXT, 0, .max_len = GAP_TEXT_MAX };

/* Attributes JSON ({"key":["v",...]}) as a definition list of chips. */
static void attributes_view(struct request *req, struct strbuf *sb, const char *json)
{
	json_error_t je;
	json_t *root = json ? json_loads(json, 0, &je) : NULL, *v;
	const char *k;
	if (!root || !json_object_size(root)) {
		json_decref(root);
		return;
	}
	html_printf(sb, "<dl class=\"attributes\">");
	json_object_foreach(root, k, v) {
		size_t i;
		json_t *item;
		html_printf(sb, "<dt>%s</dt><dd>", view_enum_label(&req->arena, k));
		json_array_foreach(v, i, item)
			html_printf(sb, "<span class=\"chip\">%s</span>",
				    view_enum_label(&req->arena, json_string_value(item) ? json_string_value(item) : ""));
		html_printf(sb, "</dd>");
	}
	html_printf(sb, "</dl>");
	json_decref(root);
}

/* Controls that can still be linked: live ones not yet linked (the first 500 by code). */
static void control_options(struct request *req, struct strbuf *sb, int64_t requirement_id)
{
	struct stmt *st;
	struct err e = ERR_INIT;
	st = store_prepare(req->store,
			   "SELECT id, code, title FROM control WHERE archived = 0 AND id NOT IN "
			   "(SELECT control_id FROM control_requirement WHERE requirement_id = ?) ORDER BY code, id LIMIT 500",
			   &e);
	if (!st)
		return;
	stmt_bind_int(st, 1, requirement_id);
	while (stmt_step(st, &e) == STORE_ROW)
		html_printf(sb, "<option value=\"%lld\">%s %s</option>", (long long)stmt_int(st, 0),
			    stmt_text(st, 1) ? stmt_text(st, 1) : "", stmt_text(st, 2));
	stmt_done(st);
}

static void mappings_view(struct request *req, struct strbuf *sb, int64_t id)
{
	struct req_mapping *m;
	struct err e = ERR_INIT;
	int n;
	if (requirement_mappings(req->store, id, &req->arena, &m, &n, &e) || n == 0) {
		html_printf(sb, "<p class=\"muted\">Not mapped to any other installed framework.</p>");
		return;
	}
	html_printf(sb, "<table class=\"table\"><thead><tr><th scope=\"col\">Framework</th><th scope=\"col\">"
			"Requirement</th><th scope=\"col\">This one is</th></tr></thead><tbody>");
	for (int i = 0; i < n; i++)
		html_printf(sb, "<tr><td>%s</td><td><a href=\"/requirements/%lld\">%s %s</a></td><td>%s</td></tr>",
			    m[i].framework, (long long)m[i].id, m[i].ref_id ? m[i].ref_id : "", m[i].title,
			    m[i].relationship ? view_enum_label(&req->arena, m[i].relationship) : "");
	html_printf(sb, "</tbody></table>");
}

static void requirement_page(struct request *req, struct response *resp, const struct err *form_err,
			     const char *status_value, const char *evidence, const char *notes, int status)
{
	struct strbuf *sb = &resp->body;
	struct requirement r;
	struct gap_report g;
	struct req_control *ctl;
	const struct gap_row *row = NULL;
	struct err e = ERR_INIT;
	int n;
	if (requirement_get(req->store, req->id, &req->arena, &r, &e) ||
	    gap_report_read(req->store, r.framework_id, &req->arena, &g, &e) ||
	    requirement_controls(req->store, r.id, &req->arena, &ctl, &n, &e)) {
		page_error(req, resp, &e, "/frameworks", "Back to the frameworks");
		return;
	}
	for (int i = 0; i < g.n; i++)
		if (g.reqs[i].id == r.id)
			row = &g.rows[i];
	page_begin(req, resp, r.ref_id ? r.ref_id : r.title, "frameworks", 0);
	page_head(sb, g.fw.ref_id, arena_printf(&req->arena, "/frameworks/%lld", (long long)g.fw.id),
		  r.ref_id ? arena_printf(&req->arena, "%s %s", r.ref_id, r.title) : r.title, NULL);
	page_head_end(sb);
	page_flash(req, sb);
	if (form_err && form_err->status && !form_err->nfields)
		page_notice(sb, "error", form_err->message);
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-about\"><h2 id=\"h-about\">About</h2>");
	if (r.guidance)
		html_printf(sb, "<p class=\"guidance\">%s</p>", r.guidance);
	attributes_view(req, sb, r.attributes);
	if (row && r.assessable) {
		html_printf(sb, "<p>Status that counts: ");
		status_cell(req, sb, row);
		html_printf(sb, "</p>");
	} else if (!r.assessable) {
		for (int i = 0; i < g.n; i++)
			if (g.reqs[i].id == r.id && g.subtree[i].total) {
				html_printf(sb, "<p>");
				percent_bar(sb, &g.subtree[i]);
				html_printf(sb, " ");
				counts_line(sb, &g.subtree[i]);
				html_printf(sb, "</p>");
			}
	}
	html_printf(sb, "</section>");
	if (row && r.assessable) {
		html_printf(sb, "<h2 class=\"section-title\">Assessment</h2>");
		if (row->assessed_at)
			html_printf(sb, "<p class=\"muted\">Last recorded %s by %s.</p>",
				    view_datetime(&req->arena, row->assessed_at),
				    row->assessed_by ? row->assessed_by : "the system");
		if (req->user.role >= ROLE_MANAGER) {
			page_form_begin(req, sb, arena_printf(&req->arena, "/requirements/%lld/assessment", (long long)r.id));
			page_field(req, sb, &status_field, status_value ? status_value : gap_status_names[row->own], NULL,
				   form_err);
			page_field(req, sb, &evidence_field, form_err ? evidence : row->evidence, NULL, form_err);
			page_field(req, sb, &notes_field, form_err ? notes : row->notes, NULL, form_err);
			html_printf(sb, "<input type=\"hidden\" name=\"version\" value=\"%lld\">", (long long)row->version);
			page_form_end(sb, "Save the assessment", NULL);
		} else {
			html_printf(sb, "<section class=\"card\"><p>%s</p>", view_enum_label(&req->arena, gap_status_names[row->own]));
			if (row->evidence)
				html_printf(sb, "<p><strong>Evidence:</strong> %s</p>", row->evidence);
			if (row->notes)
				html_printf(sb, "<p><strong>Notes:</strong> %s</p>", row->notes);
			html_printf(sb, "</section>");
		}
	}
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-controls\"><h2 id=\"h-controls\">Controls "
			"<span class=\"count\">%d</span></h2>",
		    n);
	if (n == 0)
		html_printf(sb, "<p class=\"muted\">No control is linked to this requirement yet.</p>");
	else
		html_printf(sb, "<ul class=\"link-list\">");
	for (int i = 0; i < n; i++) {
		html_printf(sb, "<li><a href=\"/controls/%lld\">%s %s</a> ", (long long)ctl[i].id,
			    ctl[i].code ? ctl[i].code : "", ctl[i].title);
		view_badge(sb, &req->arena, ctl[i].archived ? "archived" : ctl[i].status ? ctl[i].status : "none");
		if (req->user.role >= ROLE_MANAGER) {
			html_printf(sb, "<form method=\"post\" class=\"inline\" action=\"/requirements/%lld/controls/%lld/remove\">",
				    (long long)r.id, (long long)ctl[i].id);
			page_csrf(req, sb);
			html_printf(sb, "<button type=\"submit\" class=\"linkish\">Remove</button></form>");
		}
		html_printf(sb, "</li>");
	}
	if (n)
		html_printf(sb, "</ul>");
	if (req->user.role >= ROLE_MANAGER) {
		html_printf(sb, "<form method=\"post\" class=\"link-add\" action=\"/requirements/%lld/controls\">",
			    (long long)r.id);
		page_csrf(req, sb);
		html_printf(sb, "<label for=\"link-control\">Link a control</label><select id=\"link-control\" "
				"name=\"control\"><option value=\"\">Choose a control</option>");
		control_options(req, sb, r.id);
		html_printf(sb, "</select><button type=\"submit\" class=\"btn btn-secondary\">Link</button></form>");
	}
	html_printf(sb, "</section><section class=\"card\" aria-labelledby=\"h-maps\"><h2 id=\"h-maps\">Mapped "
			"requirements</h2>");
	mappings_view(req, sb, r.id);
	html_printf(sb, "</section>");
	page_end(req, resp, status);
}

void web_requirement(struct request *req, struct response *resp)
{
	requirement_page(req, resp, NULL, NULL, NULL, NULL, 200);
}

void web_requirement_assess(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	const char *status = http_form(req, "status"), *evidence = http_form(req, "evidence"),
		   *notes = http_form(req, "notes"), *v = http_form(req, "version");
	int64_t version = 0;
	if (v && *v && (parse_int64(v, &version) || version < 0))
		version = -1; /* never matches: a tampered form is stale */
	if (gap_assess(req->store, &req->actor, req->id, v && *v ? version : 0, status,
		       evidence && *evidence ? evidence : NULL, notes && *notes ? notes : NULL, &req->arena, &e)) {
		requirement_page(req, resp, &e, status, evidence, notes, e.status ? e.status : 422);
		return;
	}
	http_redirect(resp, arena_printf(&req->arena, "/requirements/%lld?notice=assessed", (long long)req->id));
}

static void control_change(struct request *req, struct response *resp, int64_t control, int add)
{
	struct err e = ERR_INIT;
	if (control <= 0) {
		err_set(&e, 422, "validation", "Choose a control to link.");
	} else if (!(add ? requirement_link_add : requirement_link_remove)(req->store, &req->actor, control, req->id,
								     &req->arena, &e)) {
		http_redirect(resp, arena_printf(&req->arena, "/requirements/%lld?notice=%s", (long long)req->id,
						 add ? "control_linked" : "control_unlinked"));
		return;
	}
	requirement_page(req, resp, &e, NULL, NULL, NULL, e.status ? e.status : 422);
}

void web_requirement_control_add(struct request *req, struct response *resp)
{
	int64_t id = 0;
	const char *v = http_form(req, "control");
	if (!v || parse_int64(v, &id))
		id = 0;
	control_change(req, resp, id, 1);
}

void web_requirement_control_remove(struct request *req, struct response *resp)
{
	control_change(req, resp, req->sub_id, 0);
}

/* ---- on a control's page ------------------------------------------------- */

void control_requirements_section(struct request *req, struct strbuf *sb, const struct record *r)
{
	struct control_req *reqs;
	struct framework *fws;
	struct err e = ERR_INIT;
	int n, nf;
	if (req->user.role < ROLE_AUDITOR || control_requirements(req->store, r->id, &req->arena, &reqs, &n, &e) ||
	    framework_list(req->store, &req->arena, &fws, &nf, &e))
		return;
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-reqs\"><h2 id=\"h-reqs\">Requirements met "
			"<span class=\"count\">%d</span></h2>",
		    n);
	if (n == 0)
		html_printf(sb, "<p class=\"muted\">Not linked to any requirement of a framework yet.</p>");
	else
		html_printf(sb, "<ul class=\"link-list\">");
	for (int i = 0; i < n; i++)
		html_printf(sb, "<li><span class=\"muted\">%s</span> <a href=\"/requirements/%lld\">%s %s</a></li>",
			    reqs[i].framework, (long long)reqs[i].id, reqs[i].ref_id ? reqs[i].ref_id : "", reqs[i].title);
	if (n)
		html_printf(sb, "</ul>");
	if (nf && record_can_write(entity_by_name("control"), &req->actor, r) && !r->archived) {
		html_printf(sb, "<form method=\"post\" class=\"link-add\" action=\"/controls/%lld/requirements\">",
			    (long long)r->id);
		page_csrf(req, sb);
		html_printf(sb, "<label for=\"req-fw\">Framework</label><select id=\"req-fw\" name=\"framework\">");
		for (int i = 0; i < nf; i++)
			html_printf(sb, "<option value=\"%lld\">%s</option>", (long long)fws[i].id, fws[i].ref_id);
		html_printf(sb, "</select><label for=\"req-ref\">Requirement</label><input id=\"req-ref\" name=\"ref\" "
				"placeholder=\"A.8.5\" size=\"10\" required><button type=\"submit\" class=\"btn btn-secondary\">Link"
				"</button></form>");
	}
	html_printf(sb, "</section>");
}

void web_control_requirement_add(struct request *req, struct response *resp)
{
	struct requirement q;
	struct err e = ERR_INIT;
	int64_t fw = 0;
	const char *f = http_form(req, "framework"), *ref = http_form(req, "ref");
	if (!f || parse_int64(f, &fw) || requirement_by_ref(req->store, fw, ref, &req->arena, &q, &e) ||
	    requirement_link_add(req->store, &req->actor, req->id, q.id, &req->arena, &e)) {
		if (!e.status)
			err_set(&e, 422, "validation", "Choose a framework.");
		page_error(req, resp, &e, arena_printf(&req->arena, "/controls/%lld", (long long)req->id),
			   "Back to the control");
		return;
	}
	http_redirect(resp, arena_printf(&req->arena, "/controls/%lld?notice=requirement_linked", (long long)req->id));
}
