/* pages_soa: the Statement of Applicability in the web UI —
 * GET /frameworks/{id}/soa (the document an auditor asks for: header,
 * counts, one table grouped by theme, the approve form for ISMS managers,
 * the versions and the choice of two to compare), GET and POST
 * /frameworks/{id}/soa/{sub} (one row's form; sub is the requirement),
 * POST /frameworks/{id}/soa/versions (approve), GET
 * /frameworks/{id}/soa/versions/{sub} (an approved version, frozen) and GET
 * /frameworks/{id}/soa/compare?from=&to= (what changed, row by row). Reads
 * and checks go through isms/soa.h and api_soa_compare_params, as for the
 * API. */
#include <string.h>

#include "api/api.h"
#include "base/util.h"
#include "isms/soa.h"
#include "web/page.h"
#include "web/web.h"

static const char *const status_labels[] = { "Not implemented", "Planned", "Partially implemented", "Implemented",
					     NULL };

static const struct field f_justification = {
	"justification", "Justification for exclusion", FT_LONGTEXT, 0, .max_len = SOA_JUSTIFICATION_MAX,
	.help = "Required when the control is not applicable: why the organisation does without it.",
};
static const struct field f_status = {
	"status", "Implementation status", FT_ENUM, 0, .values = soa_statuses,
	.help = "Used while no control of yours is linked to this requirement; once one is, the status comes "
		"from the linked controls.",
};
static const struct field f_note = {
	"note", "Note", FT_TEXT, 0, .max_len = SOA_NOTE_MAX,
	.help = "What this approval is for, e.g. \"Management review 2026\".",
};

static const char *soa_href(struct request *req, int64_t fw)
{
	return arena_printf(&req->arena, "/frameworks/%lld/soa", (long long)fw);
}

static int can_edit(const struct request *req)
{
	return req->user.role >= SOA_WRITE_ROLE;
}

static void applicable_badge(struct strbuf *sb, int v)
{
	html_printf(sb, "%R", v == 1   ? "<span class=\"badge badge-ok\">Yes</span>"
			      : v == 0 ? "<span class=\"badge badge-muted\">No</span>"
				       : "<span class=\"badge badge-warn\">Not decided</span>");
}

static void status_badge(struct request *req, struct strbuf *sb, const struct soa_row *r)
{
	view_badge(sb, &req->arena, r->status);
	if (streq(r->status_source, "controls"))
		html_printf(sb, "<span class=\"soa-source\">from the linked controls</span>");
}

static void reasons_cell(struct strbuf *sb, const struct soa_row *r)
{
	int any = 0;
	html_printf(sb, "<td>");
	for (int i = 0; i < SOA_NREASONS; i++)
		if (r->reasons[i])
			html_printf(sb, "%R%s", any++ ? ", " : "", soa_reason_labels[i]);
	if (r->risk_derived)
		html_printf(sb, "<span class=\"soa-source\">risk treatment follows from the linked risks</span>");
	if (r->applicable == 0 && r->justification)
		html_printf(sb, "<p class=\"soa-justification\"><strong>Excluded:</strong> %s</p>", r->justification);
	else if (!any)
		html_printf(sb, "<span class=\"empty\">—</span>");
	html_printf(sb, "</td>");
}

static void links_cells(struct strbuf *sb, const struct soa_row *r)
{
	html_printf(sb, "<td>");
	for (int i = 0; i < r->n_controls; i++)
		html_printf(sb, "<a class=\"soa-link\" href=\"/controls/%lld\">%s%R%s</a>", (long long)r->controls[i].id,
			    r->controls[i].code ? r->controls[i].code : "", r->controls[i].code ? " " : "",
			    r->controls[i].title);
	if (!r->n_controls)
		html_printf(sb, "<span class=\"empty\">—</span>");
	html_printf(sb, "</td><td>");
	for (int i = 0; i < r->n_risks; i++) {
		html_printf(sb, "<a class=\"soa-link\" href=\"/risks/%lld\">%s</a>", (long long)r->risks[i].id,
			    r->risks[i].title);
	}
	if (!r->n_risks)
		html_printf(sb, "<span class=\"empty\">—</span>");
	html_printf(sb, "</td>");
}

/* The document's table: one header row per theme, one row per control.
 * edit_fw: the framework whose rows link to their forms; 0: frozen. */
static void soa_table(struct request *req, struct strbuf *sb, const struct soa *soa, int64_t edit_fw)
{
	int cols = edit_fw ? 7 : 6;
	html_printf(sb, "<div class=\"table-wrap\"><table class=\"table soa-table\"><thead><tr>"
			"<th scope=\"col\">Control</th><th scope=\"col\">Applicable</th>"
			"<th scope=\"col\">Reasons or justification</th><th scope=\"col\">Implementation</th>"
			"<th scope=\"col\">Our controls</th><th scope=\"col\">Risks treated</th>%R</tr></thead><tbody>",
		    edit_fw ? "<th scope=\"col\"><span class=\"sr-only\">Edit</span></th>" : "");
	for (int i = 0; i < soa->n; i++) {
		const struct soa_row *r = &soa->rows[i];
		if (i == 0 || r->group_id != soa->rows[i - 1].group_id)
			html_printf(sb, "<tr class=\"soa-group\"><th colspan=\"%d\" scope=\"colgroup\">%s%R%s</th></tr>", cols,
				    r->group_ref ? r->group_ref : "", r->group_ref ? " " : "",
				    r->group_title ? r->group_title : "");
		html_printf(sb, "<tr id=\"row-%lld\"><th scope=\"row\"><span class=\"soa-ref\">%s</span> %s</th><td>",
			    (long long)r->requirement_id, r->ref_id ? r->ref_id : "", r->title);
		applicable_badge(sb, r->applicable);
		html_printf(sb, "</td>");
		reasons_cell(sb, r);
		html_printf(sb, "<td>");
		status_badge(req, sb, r);
		html_printf(sb, "</td>");
		links_cells(sb, r);
		if (edit_fw)
			html_printf(sb, "<td><a class=\"btn btn-secondary btn-small\" href=\"/frameworks/%lld/soa/%lld\" "
					"aria-label=\"Edit %s\">Edit</a></td>",
				    (long long)edit_fw, (long long)r->requirement_id, r->ref_id ? r->ref_id : r->title);
		html_printf(sb, "</tr>");
	}
	html_printf(sb, "</tbody></table></div>");
}

static void count_tile(struct strbuf *sb, const char *label, const char *value, const char *cls)
{
	html_printf(sb, "<div class=\"tile %s\"><span class=\"tile-n\">%s</span><span class=\"tile-label\">%s</span></div>",
		    cls, value, label);
}

static void counts_tiles(struct request *req, struct strbuf *sb, const struct soa_counts *c)
{
	struct arena *a = &req->arena;
	html_printf(sb, "<div class=\"tiles\" role=\"group\" aria-label=\"Counts\">");
	count_tile(sb, "Controls", arena_printf(a, "%d", c->rows), "tile-same");
	count_tile(sb, "Applicable", arena_printf(a, "%d", c->applicable), "tile-down");
	count_tile(sb, "Excluded", arena_printf(a, "%d", c->excluded), "tile-gone");
	count_tile(sb, "Not decided", arena_printf(a, "%d", c->undecided), "tile-up");
	count_tile(sb, "Implemented", arena_printf(a, "%d%%", soa_implemented_percent(c)), "tile-new");
	html_printf(sb, "</div><p class=\"muted\">Implemented counts the applicable controls whose implementation is "
			"complete: %d of %d.</p>",
		    c->implemented, c->applicable);
}

/* The document's header: framework, which version, who approved it. */
static void doc_header(struct request *req, struct strbuf *sb, const struct soa *soa, const struct soa_version *v,
		       const struct soa_version *last)
{
	html_printf(sb, "<dl class=\"soa-header\"><div><dt>Framework</dt><dd>%s%R%s</dd></div><div><dt>Version</dt><dd>",
		    soa->fw.name, soa->fw.version ? ", version " : "", soa->fw.version);
	if (v)
		html_printf(sb, "Version %lld (approved)", (long long)v->number);
	else if (last)
		html_printf(sb, "Current working copy; last approved version: <a href=\"%s/versions/%lld\">version %lld</a>",
			    soa_href(req, soa->fw.id), (long long)last->number, (long long)last->number);
	else
		html_printf(sb, "Current working copy, not approved yet");
	html_printf(sb, "</dd></div>");
	if (v || last) {
		const struct soa_version *x = v ? v : last;
		html_printf(sb, "<div><dt>Approved</dt><dd>");
		view_time(req, sb, x->approved_at, NULL);
		html_printf(sb, " by %s%R%s</dd></div>", x->approved_by_name ? x->approved_by_name : "the system",
			    x->note ? " — " : "", x->note);
	}
	html_printf(sb, "</dl>");
}

static void version_select(struct request *req, struct strbuf *sb, const char *name, const char *label,
			   const struct soa_version *vs, int n, int64_t chosen, int with_current, const struct err *e)
{
	const char *msg = page_field_error(e, name);
	html_printf(sb, "<div class=\"field%R\"><label for=\"v-%s\">%s</label><select id=\"v-%s\" name=\"%s\"%R>",
		    msg ? " has-error" : "", name, label, name, name,
		    msg ? arena_printf(&req->arena, " aria-invalid=\"true\" aria-describedby=\"v-%s-error\"", name) : "");
	if (with_current)
		html_printf(sb, "<option value=\"\">The current working copy</option>");
	for (int i = 0; i < n; i++)
		html_printf(sb, "<option value=\"%lld\"%R>Version %lld — %s</option>", (long long)vs[i].number,
			    vs[i].number == chosen ? " selected" : "", (long long)vs[i].number,
			    arena_strndup(&req->arena, vs[i].approved_at, 10));
	html_printf(sb, "</select>");
	if (msg)
		html_printf(sb, "<p class=\"field-error\" id=\"v-%s-error\">%s</p>", name, msg);
	html_printf(sb, "</div>");
}

static void compare_form(struct request *req, struct strbuf *sb, int64_t fw, const struct soa_version *vs, int n,
			 int64_t from, int64_t to, const struct err *e)
{
	if (n < 1) {
		html_printf(sb, "<p class=\"muted\">Approve a version first; then it can be compared with later ones and "
				"with the working copy.</p>");
		return;
	}
	html_printf(sb, "<form class=\"compare-form\" method=\"get\" action=\"%s/compare\">", soa_href(req, fw));
	version_select(req, sb, "from", "Earlier version", vs, n, from ? from : vs[0].number, 0, e);
	version_select(req, sb, "to", "Later version", vs, n, to, 1, e);
	html_printf(sb, "<div class=\"filter-actions\"><button type=\"submit\" class=\"btn btn-primary\">Compare</button>"
			"</div></form>");
}

static void versions_section(struct request *req, struct strbuf *sb, int64_t fw, const struct soa_version *vs, int n)
{
	html_printf(sb, "<section class=\"card soa-versions\" aria-labelledby=\"h-versions\"><h2 id=\"h-versions\">"
			"Approved versions</h2>");
	if (!n) {
		html_printf(sb, "<p class=\"muted\">None yet.</p></section>");
		return;
	}
	html_printf(sb, "<table class=\"table\"><thead><tr><th scope=\"col\">Version</th><th scope=\"col\">Approved</th>"
			"<th scope=\"col\">By</th><th scope=\"col\">Note</th><th scope=\"col\" class=\"num\">Applicable</th>"
			"<th scope=\"col\" class=\"num\">Excluded</th><th scope=\"col\" class=\"num\">Implemented</th>"
			"</tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		html_printf(sb, "<tr><th scope=\"row\"><a href=\"%s/versions/%lld\">Version %lld</a></th><td>",
			    soa_href(req, fw), (long long)vs[i].number, (long long)vs[i].number);
		view_time(req, sb, vs[i].approved_at, NULL);
		html_printf(sb, "</td><td>%s</td><td>%s</td><td class=\"num\">%d</td><td class=\"num\">%d</td>"
				"<td class=\"num\">%d%%</td></tr>",
			    vs[i].approved_by_name ? vs[i].approved_by_name : "the system", vs[i].note ? vs[i].note : "—",
			    vs[i].counts.applicable, vs[i].counts.excluded, soa_implemented_percent(&vs[i].counts));
	}
	html_printf(sb, "</tbody></table></section>");
}

#define SOA_LEAD                                                                                             \
	"Which controls the organisation applies, why, and how far each is implemented. A control that treats a " \
	"risk in the register is applicable for that reason by itself; approving freezes the statement as a "    \
	"numbered version."

static void soa_page(struct request *req, struct response *resp, const char *note, const struct err *form_err,
		     int status)
{
	struct strbuf *sb = &resp->body;
	struct soa soa;
	struct soa_version *vs;
	struct err e = ERR_INIT;
	int n;
	const char *title;
	if (soa_read(req->store, req->id, &req->arena, &soa, &e) ||
	    soa_versions(req->store, req->id, &req->arena, &vs, &n, &e)) {
		page_error(req, resp, &e, "/frameworks", "Back to the frameworks");
		return;
	}
	title = arena_printf(&req->arena, "Statement of Applicability — %s", soa.fw.ref_id);
	page_begin(req, resp, title, "frameworks", 0);
	page_head(sb, soa.fw.name, arena_printf(&req->arena, "/frameworks/%lld", (long long)soa.fw.id),
		  "Statement of Applicability", SOA_LEAD);
	html_printf(sb, "<div class=\"actions\"><a class=\"btn btn-secondary\" href=\"/api/v1/frameworks/%lld/soa?format=csv\" "
			"download>Download CSV</a></div>",
		    (long long)soa.fw.id);
	page_head_end(sb);
	page_flash(req, sb);
	doc_header(req, sb, &soa, NULL, n ? &vs[0] : NULL);
	counts_tiles(req, sb, &soa.counts);
	soa_table(req, sb, &soa, can_edit(req) ? soa.fw.id : 0);
	if (can_edit(req)) {
		html_printf(sb, "<h2 class=\"section-title soa-approve\">Approve this statement</h2>");
		page_form_begin(req, sb, arena_printf(&req->arena, "%s/versions", soa_href(req, soa.fw.id)));
		page_field(req, sb, &f_note, note, NULL, form_err);
		page_form_end(sb, arena_printf(&req->arena, "Approve as version %d", n ? (int)vs[0].number + 1 : 1), NULL);
	}
	versions_section(req, sb, soa.fw.id, vs, n);
	html_printf(sb, "<section class=\"card soa-versions\" aria-labelledby=\"h-compare\"><h2 id=\"h-compare\">"
			"Compare</h2>");
	compare_form(req, sb, soa.fw.id, vs, n, 0, 0, NULL);
	html_printf(sb, "</section>");
	page_end(req, resp, status);
}

void web_soa(struct request *req, struct response *resp)
{
	soa_page(req, resp, NULL, NULL, 200);
}

void web_soa_approve(struct request *req, struct response *resp)
{
	const char *note = http_form(req, "note");
	struct soa_version v;
	struct err e = ERR_INIT;
	if (soa_approve(req->store, &req->actor, req->id, note, &req->arena, &v, &e) == 0) {
		http_redirect(resp, arena_printf(&req->arena, "%s/versions/%lld?notice=soa_approved", soa_href(req, req->id),
						 (long long)v.number));
		return;
	}
	if (!e.nfields) {
		page_error(req, resp, &e, soa_href(req, req->id), "Back to the statement");
		return;
	}
	soa_page(req, resp, note, &e, e.status);
}

void web_soa_version(struct request *req, struct response *resp)
{
	struct strbuf *sb = &resp->body;
	struct soa_version v;
	struct soa soa;
	struct err e = ERR_INIT;
	const char *title;
	if (soa_version_get(req->store, req->id, req->sub_id, NULL, &req->arena, &v, &soa, &e)) {
		page_error(req, resp, &e, soa_href(req, req->id), "Back to the statement");
		return;
	}
	title = arena_printf(&req->arena, "Statement of Applicability — %s, version %lld", soa.fw.ref_id,
			     (long long)v.number);
	page_begin(req, resp, title, "frameworks", 0);
	page_head(sb, "Statement of Applicability", soa_href(req, req->id),
		  arena_printf(&req->arena, "Version %lld", (long long)v.number),
		  "An approved version, frozen as it read when it was approved: later changes of the statement, "
		  "the controls or the risks do not reach it.");
	html_printf(sb, "<div class=\"actions\"><a class=\"btn btn-secondary\" href=\"%s/compare?from=%lld\">Compare with "
			"the working copy</a></div>",
		    soa_href(req, req->id), (long long)v.number);
	page_head_end(sb);
	page_flash(req, sb);
	doc_header(req, sb, &soa, &v, NULL);
	counts_tiles(req, sb, &v.counts);
	soa_table(req, sb, &soa, 0);
	page_end(req, resp, 200);
}

/* ---- one row's form ------------------------------------------------------ */

/* The form as sent, kept for showing it again. */
struct row_form {
	const char *applicable; /* "yes", "no", "" */
	int reasons[SOA_NREASONS];
	const char *justification, *status, *version;
};

static void row_form_page(struct request *req, struct response *resp, const struct soa_row *r,
			  const struct row_form *f, const struct err *e, int status)
{
	struct strbuf *sb = &resp->body;
	const char *msg = page_field_error(e, "applicable"), *rmsg = page_field_error(e, "reasons");
	static const char *const choices[][2] = { { "yes", "Applicable" }, { "no", "Not applicable" },
						  { "", "Not decided" } };
	page_begin(req, resp, arena_printf(&req->arena, "%s %s", r->ref_id ? r->ref_id : "", r->title), "frameworks", 0);
	page_head(sb, "Statement of Applicability", soa_href(req, req->id),
		  arena_printf(&req->arena, "%s %s", r->ref_id ? r->ref_id : "", r->title),
		  r->group_title ? arena_printf(&req->arena, "%s%s%s", r->group_ref ? r->group_ref : "",
						r->group_ref ? " " : "", r->group_title)
				 : NULL);
	page_head_end(sb);
	if (e && e->status == 412)
		page_notice(sb, "warn", "Someone changed this row since you opened it; nothing was saved. The form now "
			    "shows what you typed: reload the page to see the current row.");
	else if (e && e->status && !e->nfields)
		page_notice(sb, "error", e->message);
	else if (e && e->nfields)
		page_notice(sb, "error", e->nfields == 1 ? "Please correct the marked field."
							 : "Please correct the marked fields.");
	if (r->risk_derived) {
		html_printf(sb, "<div class=\"notice notice-info\"><p>Applicable for risk treatment: ");
		for (int i = 0; i < r->n_risks; i++)
			html_printf(sb, "%R<a href=\"/risks/%lld\">%s</a>", i ? ", " : "", (long long)r->risks[i].id,
				    r->risks[i].title);
		html_printf(sb, ". It cannot be excluded while a linked control treats a risk.</p></div>");
	}
	page_form_begin(req, sb, arena_printf(&req->arena, "/frameworks/%lld/soa/%lld", (long long)req->id,
					      (long long)r->requirement_id));
	html_printf(sb, "<input type=\"hidden\" name=\"version\" value=\"%s\">", f->version);
	html_printf(sb, "<fieldset class=\"field field-wide%R\"%R><legend>Applicable</legend><div class=\"choices\">",
		    msg ? " has-error" : "", msg ? " aria-describedby=\"f-applicable-error\"" : "");
	for (size_t i = 0; i < ARRAY_SIZE(choices); i++)
		html_printf(sb, "<div class=\"check\"><input type=\"radio\" id=\"f-applicable-%zu\" name=\"applicable\" "
				"value=\"%s\"%R><label for=\"f-applicable-%zu\">%s</label></div>",
			    i, choices[i][0], streq(f->applicable, choices[i][0]) ? " checked" : "", i, choices[i][1]);
	html_printf(sb, "</div>");
	if (msg)
		html_printf(sb, "<p class=\"field-error\" id=\"f-applicable-error\">%s</p>", msg);
	html_printf(sb, "</fieldset><fieldset class=\"field field-wide%R\"><legend>Reasons for inclusion</legend>"
			"<div class=\"choices\">",
		    rmsg ? " has-error" : "");
	for (int i = 0; i < SOA_NREASONS; i++)
		html_printf(sb, "<div class=\"check\"><input type=\"checkbox\" id=\"f-reason-%d\" name=\"reason\" "
				"value=\"%s\"%R><label for=\"f-reason-%d\">%s</label></div>",
			    i, soa_reason_keys[i], f->reasons[i] ? " checked" : "", i, soa_reason_labels[i]);
	html_printf(sb, "</div>");
	if (rmsg)
		html_printf(sb, "<p class=\"field-error\">%s</p>", rmsg);
	html_printf(sb, "</fieldset>");
	page_field(req, sb, &f_justification, f->justification, NULL, e);
	page_field(req, sb, &f_status, f->status, status_labels, e);
	page_form_end(sb, "Save", arena_printf(&req->arena, "%s#row-%lld", soa_href(req, req->id),
					       (long long)r->requirement_id));
	page_end(req, resp, status);
}

/* The row exists and belongs to framework {id}; else the error page. */
static int load_row(struct request *req, struct response *resp, struct soa_row *r)
{
	struct requirement q;
	struct err e = ERR_INIT;
	if (requirement_get(req->store, req->sub_id, &req->arena, &q, &e) == 0 && q.framework_id != req->id)
		err_set(&e, 404, "not_found", "Framework %lld has no requirement %lld.", (long long)req->id,
			(long long)req->sub_id);
	if (e.status || soa_row_read(req->store, req->sub_id, &req->arena, r, &e)) {
		page_error(req, resp, &e, soa_href(req, req->id), "Back to the statement");
		return -1;
	}
	return 0;
}

void web_soa_row_form(struct request *req, struct response *resp)
{
	struct soa_row r;
	struct row_form f = { 0 };
	if (load_row(req, resp, &r))
		return;
	f.applicable = r.decided == 1 ? "yes" : r.decided == 0 ? "no" : "";
	memcpy(f.reasons, r.decided_reasons, sizeof(f.reasons));
	f.justification = r.justification;
	f.status = r.own_status;
	f.version = arena_printf(&req->arena, "%lld", (long long)r.version);
	row_form_page(req, resp, &r, &f, NULL, 200);
}

void web_soa_row_save(struct request *req, struct response *resp)
{
	struct soa_row r;
	struct row_form f = { 0 };
	struct soa_change c = { 0 };
	struct err e = ERR_INIT;
	int64_t version = -2;
	if (load_row(req, resp, &r))
		return;
	f.applicable = http_form(req, "applicable");
	f.justification = http_form(req, "justification");
	f.status = http_form(req, "status");
	f.version = http_form(req, "version");
	for (int i = 0; i < req->nform; i++)
		if (strcmp(req->form[i].name, "reason") == 0) {
			int k = soa_reason_index(req->form[i].value);
			if (k < 0)
				err_field(&e, "reasons", "enum", "Unknown reason.");
			else
				f.reasons[k] = 1;
		}
	if (!f.applicable)
		f.applicable = "";
	if (strcmp(f.applicable, "yes") != 0 && strcmp(f.applicable, "no") != 0 && *f.applicable)
		err_field(&e, "applicable", "enum", "Choose applicable, not applicable or not decided.");
	if (!f.version || parse_int64(f.version, &version) || version < 0)
		err_set(&e, 400, "bad_version", "The form lacks the row's version: reload the page.");
	c.set_applicable = 1;
	c.applicable = strcmp(f.applicable, "yes") == 0 ? 1 : strcmp(f.applicable, "no") == 0 ? 0 : SOA_UNDECIDED;
	c.set_reasons = 1;
	memcpy(c.reasons, f.reasons, sizeof(c.reasons));
	c.set_justification = 1;
	c.justification = f.justification;
	c.set_status = 1;
	c.status = f.status && *f.status ? f.status : NULL;
	if (!e.status && soa_update(req->store, &req->actor, r.requirement_id, version, &c, &req->arena, NULL, &e) == 0) {
		http_redirect(resp, arena_printf(&req->arena, "%s?notice=updated#row-%lld", soa_href(req, req->id),
						 (long long)r.requirement_id));
		return;
	}
	if (!f.version)
		f.version = "0";
	row_form_page(req, resp, &r, &f, &e, e.status);
}

/* ---- the comparison ------------------------------------------------------ */

/* A field's value as the page shows it: statuses by their labels. */
static const char *shown(struct request *req, const struct soa_row *r, enum soa_field k)
{
	const char *v = soa_field_text(r, k, &req->arena);
	return k == SOA_F_STATUS && r->status ? view_enum_label(&req->arena, v) : v;
}

static void change_cell(struct request *req, struct strbuf *sb, const struct soa_diff_row *row, enum soa_field k)
{
	if (!row->from || !row->to || !(row->changed & (1u << k))) {
		const struct soa_row *r = row->to ? row->to : row->from;
		html_printf(sb, "<td class=\"soa-same\">%s</td>", shown(req, r, k));
		return;
	}
	html_printf(sb, "<td class=\"soa-changed\"><del>%s</del> → <ins>%s</ins></td>",
		    shown(req, row->from, k), shown(req, row->to, k));
}

void web_soa_compare(struct request *req, struct response *resp)
{
	struct strbuf *sb = &resp->body;
	struct soa_cmp c;
	struct soa_version *vs;
	struct framework fw;
	struct err e = ERR_INIT, le = ERR_INIT;
	int bad = api_soa_compare_params(req, &c, &e), n;
	const char *to_name;

	if ((bad && !e.nfields) || soa_framework(req->store, req->id, &req->arena, &fw, &le) ||
	    soa_versions(req->store, req->id, &req->arena, &vs, &n, &le)) {
		page_error(req, resp, le.status ? &le : &e, soa_href(req, req->id), "Back to the statement");
		return;
	}
	to_name = bad ? "" : c.to.number ? arena_printf(&req->arena, "version %lld", (long long)c.to.number)
					 : "the working copy";
	page_begin(req, resp, "Compare versions of the Statement of Applicability", "frameworks", 0);
	page_head(sb, "Statement of Applicability", soa_href(req, req->id),
		  bad ? "Compare versions"
		      : arena_printf(&req->arena, "Version %lld compared with %s", (long long)c.from.number, to_name),
		  "Every row whose applicability, reasons, implementation status or justification differs, with its "
		  "value before and after; rows added to or removed from the framework are listed too.");
	page_head_end(sb);
	html_printf(sb, "<section class=\"card\">");
	compare_form(req, sb, req->id, vs, n, bad ? 0 : c.from.number, bad ? 0 : c.to.number, &e);
	html_printf(sb, "</section>");
	if (bad) {
		page_notice(sb, "error", "Choose two different versions, or a version and the working copy.");
		page_end(req, resp, e.status);
		return;
	}
	html_printf(sb, "<div class=\"tiles\" role=\"group\" aria-label=\"Summary\">");
	count_tile(sb, "Changed", arena_printf(&req->arena, "%d", c.diff.changed), "tile-up");
	count_tile(sb, "Added", arena_printf(&req->arena, "%d", c.diff.added), "tile-new");
	count_tile(sb, "Removed", arena_printf(&req->arena, "%d", c.diff.removed), "tile-gone");
	count_tile(sb, "Unchanged", arena_printf(&req->arena, "%d", c.diff.unchanged), "tile-same");
	html_printf(sb, "</div><section class=\"card\" aria-labelledby=\"h-diff\"><h2 id=\"h-diff\">What changed</h2>");
	if (!c.diff.n) {
		html_printf(sb, "<p class=\"muted\">No row differs.</p></section>");
		page_end(req, resp, 200);
		return;
	}
	html_printf(sb, "<div class=\"table-wrap\"><table class=\"table soa-diff\"><thead><tr><th scope=\"col\">Control</th>"
			"<th scope=\"col\">Change</th><th scope=\"col\">Applicable</th><th scope=\"col\">Reasons</th>"
			"<th scope=\"col\">Implementation</th><th scope=\"col\">Justification</th></tr></thead><tbody>");
	for (int i = 0; i < c.diff.n; i++) {
		const struct soa_diff_row *row = &c.diff.rows[i];
		const struct soa_row *r = row->to ? row->to : row->from;
		html_printf(sb, "<tr><th scope=\"row\"><span class=\"soa-ref\">%s</span> %s</th><td>%R</td>",
			    r->ref_id ? r->ref_id : "", r->title,
			    !row->from  ? "<span class=\"badge badge-info\">Added</span>"
			    : !row->to ? "<span class=\"badge badge-muted\">Removed</span>"
				       : "<span class=\"badge badge-warn\">Changed</span>");
		for (int k = 0; k < SOA_NFIELDS; k++)
			change_cell(req, sb, row, (enum soa_field)k);
		html_printf(sb, "</tr>");
	}
	html_printf(sb, "</tbody></table></div></section>");
	page_end(req, resp, 200);
}
