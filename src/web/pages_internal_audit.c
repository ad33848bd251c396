/* pages_internal_audit: what internal audits add to their generic pages —
 * on an audit's page the independence warning (with its acknowledgement),
 * the criteria and the checklist as one table form with a "Raise
 * nonconformity" button per NC finding; on a programme's page its schedule
 * (areas by quarters of the cycle); and the printable report
 * (/audits/{id}/report). The rules are isms/internal_audit.c's. */
#include <string.h>

#include "base/util.h"
#include "isms/internal_audit.h"
#include "isms/internal_audit_report.h"
#include "web/page.h"
#include "web/web.h"

/* A refused checklist form, shown again on the audit's page (one request). */
static _Thread_local const struct err *checklist_err;

static const struct entity *audit_ent(void)
{
	return entity_by_name("internal_audit");
}

static const char *av(const struct record *r, const char *field)
{
	return r->values[entity_field_index(audit_ent(), field)];
}

static const char *result_label(const char *result)
{
	static const char *const labels[] = { "Conforming", "Minor nonconformity", "Major nonconformity", "Observation",
					      "Opportunity for improvement", "Not checked" };
	int k = audit_result_index(result);
	return k < 0 ? result : labels[k];
}

static void result_badge(struct strbuf *sb, const char *result)
{
	static const char *const tones[] = { "ok", "warn", "danger", "info", "neutral", "muted" };
	int k = audit_result_index(result);
	html_printf(sb, "<span class=\"badge badge-%s\">%s</span>", k < 0 ? "muted" : tones[k], result_label(result));
}

static void independence_notice(struct request *req, struct strbuf *sb, const struct record *r, int can_write)
{
	const char *w = av(r, "independence_warning");
	if (!w)
		return;
	if (streq(av(r, "independence_ack"), "1")) {
		html_printf(sb, "<div class=\"notice notice-info\" role=\"status\"><p><strong>Independence warning, "
				"acknowledged:</strong> %s</p></div>", w);
		return;
	}
	html_printf(sb, "<div class=\"notice notice-warn\" role=\"alert\"><p><strong>Independence warning:</strong> "
			"%s</p>", w);
	if (can_write && !r->archived) {
		html_printf(sb, "<form method=\"post\" action=\"/audits/%lld/independence\" class=\"inline-form\">",
			    (long long)r->id);
		page_csrf(req, sb);
		html_printf(sb, "<input type=\"hidden\" name=\"version\" value=\"%lld\"><button class=\"btn btn-secondary\" "
				"type=\"submit\">Acknowledge the warning</button></form>", (long long)r->version);
	}
	html_printf(sb, "</div>");
}

static void result_select(struct strbuf *sb, const struct audit_item *it, const char *chosen)
{
	html_printf(sb, "<select name=\"result_%lld\" id=\"result_%lld\" aria-label=\"Result for %s\">", (long long)it->id,
		    (long long)it->id, it->ref_id ? it->ref_id : it->title);
	for (int k = 0; audit_results[k]; k++)
		html_printf(sb, "<option value=\"%s\"%R>%s</option>", audit_results[k],
			    streq(audit_results[k], chosen) ? " selected" : "", result_label(audit_results[k]));
	html_printf(sb, "</select>");
}

/* The form's value for item it's field, when a refused form is shown again, else the stored one. */
static const char *shown(struct request *req, const char *field, const struct audit_item *it, const char *stored)
{
	const char *v;
	if (!checklist_err)
		return stored;
	v = http_form(req, arena_printf(&req->arena, "%s_%lld", field, (long long)it->id));
	return v ? v : stored;
}

static void checklist_section(struct request *req, struct strbuf *sb, const struct record *r, int can_write)
{
	struct audit_item *items;
	struct err e = ERR_INIT;
	int n, editable = can_write && !r->archived && streq(av(r, "status"), "in_progress");
	int raisable = can_write && !r->archived && (streq(av(r, "status"), "in_progress") ||
						      streq(av(r, "status"), "reported"));
	if (audit_checklist(req->store, r->id, &req->arena, &items, &n, &e)) {
		page_notice(sb, "error", e.message);
		return;
	}
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-checklist\"><h2 id=\"h-checklist\">Checklist "
			"<span class=\"count\">%d</span></h2>", n);
	if (!n) {
		html_printf(sb, "<p class=\"muted\">No checklist yet: choose the criteria (a framework, and optionally "
				"some of its sections) by editing the audit.</p></section>");
		return;
	}
	if (checklist_err)
		page_notice(sb, "error", checklist_err->message);
	if (!editable && can_write && streq(av(r, "status"), "planned"))
		html_printf(sb, "<p class=\"help\">Results are entered once the audit is in progress: edit the audit and "
				"set its status to In progress.</p>");
	if (editable) {
		html_printf(sb, "<form method=\"post\" action=\"/audits/%lld/checklist\" class=\"checklist-form\">",
			    (long long)r->id);
		page_csrf(req, sb);
	}
	html_printf(sb, "<div class=\"table-wrap\"><table class=\"table checklist\"><thead><tr><th scope=\"col\">Requirement</th>"
			"<th scope=\"col\">Result</th><th scope=\"col\">Evidence</th><th scope=\"col\">Notes</th>"
			"<th scope=\"col\">Nonconformity</th></tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		const struct audit_item *it = &items[i];
		const char *fe = NULL;
		if (checklist_err)
			for (int k = 0; k < checklist_err->nfields; k++)
				if (strstr(checklist_err->fields[k].field, arena_printf(&req->arena, "items[%d].", i)))
					fe = checklist_err->fields[k].message;
		html_printf(sb, "<tr id=\"item-%lld\"%R><th scope=\"row\"><strong>%s</strong> %s", (long long)it->id,
			    fe ? " class=\"has-error\"" : "", it->ref_id ? it->ref_id : "", it->title);
		if (it->guidance)
			html_printf(sb, "<p class=\"help\">%s</p>", it->guidance);
		html_printf(sb, "</th><td>");
		if (editable) {
			html_printf(sb, "<input type=\"hidden\" name=\"version_%lld\" value=\"%lld\">", (long long)it->id,
				    (long long)it->version);
			result_select(sb, it, shown(req, "result", it, it->result));
			if (fe)
				html_printf(sb, "<p class=\"field-error\">%s</p>", fe);
			html_printf(sb, "</td><td><textarea name=\"evidence_%lld\" rows=\"2\" aria-label=\"Evidence for %s\">"
					"%s</textarea></td><td><textarea name=\"notes_%lld\" rows=\"2\" aria-label=\"Notes for "
					"%s\">%s</textarea></td><td>",
				    (long long)it->id, it->ref_id ? it->ref_id : "", shown(req, "evidence", it, it->evidence),
				    (long long)it->id, it->ref_id ? it->ref_id : "", shown(req, "notes", it, it->notes));
		} else {
			result_badge(sb, it->result);
			html_printf(sb, "</td><td>%s</td><td>%s</td><td>", it->evidence ? it->evidence : "—",
				    it->notes ? it->notes : "—");
		}
		if (it->nonconformity_id)
			html_printf(sb, "<a href=\"/nonconformities/%lld\">Nonconformity #%lld</a>",
				    (long long)it->nonconformity_id, (long long)it->nonconformity_id);
		else if (raisable && (streq(it->result, "minor_nc") || streq(it->result, "major_nc"))) {
			if (!editable) {
				html_printf(sb, "<form method=\"post\" action=\"/audits/%lld/checklist/%lld/nonconformity\">",
					    (long long)r->id, (long long)it->id);
				page_csrf(req, sb);
			}
			html_printf(sb, "<button class=\"btn btn-secondary\" type=\"submit\" formaction=\"/audits/%lld/"
					"checklist/%lld/nonconformity\">Raise nonconformity</button>",
				    (long long)r->id, (long long)it->id);
			if (!editable)
				html_printf(sb, "</form>");
		} else
			html_printf(sb, "—");
		html_printf(sb, "</td></tr>");
	}
	html_printf(sb, "</tbody></table></div>");
	if (editable)
		html_printf(sb, "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\">Save results"
				"</button></div></form>");
	html_printf(sb, "</section>");
}

void audit_detail_section(struct request *req, struct strbuf *sb, const struct record *r)
{
	int can_write = record_can_write(audit_ent(), &req->actor, r);
	struct audit_report rep;
	struct err e = ERR_INIT;
	independence_notice(req, sb, r, can_write);
	if (audit_report_read(req->store, &req->actor, r->id, &req->arena, &rep, &e) == 0)
		html_printf(sb, "<p class=\"page-links\">Criteria: <strong>%s</strong>%R%s%R · "
				"<a href=\"/audits/%lld/report\">Audit report</a></p>",
			    rep.framework ? rep.framework : "none chosen yet", av(r, "criteria_refs") ? " — " : "",
			    av(r, "criteria_refs") ? av(r, "criteria_refs") : "", "", (long long)r->id);
	checklist_section(req, sb, r, can_write);
}

/* ---- the programme's schedule ---- */

void programme_schedule_section(struct request *req, struct strbuf *sb, const struct record *r)
{
	struct audit_schedule sc;
	struct err e = ERR_INIT;
	if (audit_schedule_read(req->store, &req->actor, r->id, &req->arena, &sc, &e)) {
		page_notice(sb, "error", e.message);
		return;
	}
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-schedule\"><h2 id=\"h-schedule\">Schedule "
			"<span class=\"count\">%lld</span></h2>", (long long)sc.audits);
	html_printf(sb, "<p class=\"help\">Each area by quarter of the cycle, with the audits planned in it and where "
			"they stand. An area without an audit in the cycle is not yet covered.</p>");
	if (view_can_create(req, audit_ent()))
		html_printf(sb, "<p class=\"page-links\"><a href=\"/audits/new?programme=%lld\">Plan an audit</a></p>",
			    (long long)r->id);
	if (!sc.nareas) {
		html_printf(sb, "<p class=\"muted\">No audit areas yet: <a href=\"/audit_areas/new\">add the processes, "
				"departments or themes to audit</a>.</p></section>");
		return;
	}
	html_printf(sb, "<div class=\"table-wrap\"><table class=\"table schedule\"><thead><tr><th scope=\"col\" "
			"rowspan=\"2\">Area</th>");
	for (int y = 0; y < sc.nquarters / 4; y++)
		html_printf(sb, "<th scope=\"colgroup\" colspan=\"4\">Year %d <span class=\"muted\">from %s</span></th>",
			    y + 1, sc.quarter_start[y * 4]);
	html_printf(sb, "</tr><tr>");
	for (int q = 0; q < sc.nquarters; q++)
		html_printf(sb, "<th scope=\"col\" class=\"quarter\">Q%d</th>", q % 4 + 1);
	html_printf(sb, "</tr></thead><tbody>");
	for (int i = 0; i < sc.nareas; i++) {
		const struct schedule_area *ar = &sc.areas[i];
		html_printf(sb, "<tr%R><th scope=\"row\">", ar->n ? "" : " class=\"row-uncovered\"");
		if (ar->id)
			html_printf(sb, "<a href=\"/audit_areas/%lld\">%s</a>", (long long)ar->id, ar->name);
		else
			html_printf(sb, "%s", ar->name);
		if (ar->owner)
			html_printf(sb, "<br><span class=\"muted\">%s</span>", ar->owner);
		if (!ar->n)
			html_printf(sb, "<br><span class=\"muted\">Not covered in this programme yet</span>");
		html_printf(sb, "</th>");
		for (int q = 0; q < sc.nquarters; q++) {
			html_printf(sb, "<td>");
			for (int k = 0; k < ar->n; k++)
				if (ar->audits[k].quarter == q) {
					html_printf(sb, "<a href=\"/audits/%lld\">%s</a> ", (long long)ar->audits[k].id,
						    ar->audits[k].title);
					view_badge(sb, &req->arena, ar->audits[k].status);
				}
			html_printf(sb, "</td>");
		}
		html_printf(sb, "</tr>");
	}
	html_printf(sb, "</tbody></table></div>");
	if (sc.outside)
		html_printf(sb, "<p class=\"help\">%lld audit(s) of this programme are planned outside its cycle.</p>",
			    (long long)sc.outside);
	html_printf(sb, "</section>");
}

/* ---- the report ---- */

static void report_row(struct strbuf *sb, const char *label, const char *v)
{
	html_printf(sb, "<tr><th scope=\"row\">%s</th><td class=\"pre\">%s</td></tr>", label, v ? v : "—");
}

void web_audit_report(struct request *req, struct response *resp)
{
	struct strbuf *sb = &resp->body;
	struct audit_report rep;
	struct err e = ERR_INIT;
	const struct record *r = &rep.audit;
	const struct entity *ent = audit_ent();
	int nf = 0;
	if (audit_report_read(req->store, &req->actor, req->id, &req->arena, &rep, &e)) {
		page_error(req, resp, &e, "/audits", "Back to internal audits");
		return;
	}
	page_begin(req, resp, arena_printf(&req->arena, "Audit report: %s", av(r, "title")), "audits", 0);
	page_head(sb, av(r, "title"), arena_printf(&req->arena, "/audits/%lld", (long long)r->id), "Audit report",
		  arena_printf(&req->arena, "Internal audit #%lld, status %s.", (long long)r->id,
			       view_enum_label(&req->arena, av(r, "status"))));
	page_head_end(sb);
	html_printf(sb, "<section class=\"card report\" aria-labelledby=\"h-about\"><h2 id=\"h-about\">The audit</h2>"
			"<table class=\"table fields\"><tbody>");
	report_row(sb, "Area", r->titles[entity_field_index(ent, "area")]);
	report_row(sb, "Area owner", rep.area_owner);
	report_row(sb, "Scope", av(r, "scope"));
	report_row(sb, "Objectives", av(r, "objectives"));
	report_row(sb, "Criteria", rep.framework ? arena_printf(&req->arena, "%s%s%s", rep.framework,
								 av(r, "criteria_refs") ? ": " : "",
								 av(r, "criteria_refs") ? av(r, "criteria_refs") : "")
						 : NULL);
	report_row(sb, "Lead auditor", r->titles[entity_field_index(ent, "lead_auditor")]);
	report_row(sb, "Team", r->titles[entity_field_index(ent, "auditor_2")] || r->titles[entity_field_index(ent, "auditor_3")]
		   ? arena_printf(&req->arena, "%s%s%s", r->titles[entity_field_index(ent, "auditor_2")] ?
				  r->titles[entity_field_index(ent, "auditor_2")] : "",
				  r->titles[entity_field_index(ent, "auditor_2")] && r->titles[entity_field_index(ent, "auditor_3")] ? ", " : "",
				  r->titles[entity_field_index(ent, "auditor_3")] ? r->titles[entity_field_index(ent, "auditor_3")] : "")
		   : NULL);
	report_row(sb, "Planned", arena_printf(&req->arena, "%s to %s", av(r, "planned_start"),
					       av(r, "planned_end") ? av(r, "planned_end") : "—"));
	report_row(sb, "Carried out", av(r, "actual_start") ? arena_printf(&req->arena, "%s to %s", av(r, "actual_start"),
									    av(r, "actual_end") ? av(r, "actual_end") : "—")
							    : NULL);
	if (av(r, "independence_warning"))
		report_row(sb, "Independence", arena_printf(&req->arena, "%s (%s)", av(r, "independence_warning"),
							    streq(av(r, "independence_ack"), "1") ? "acknowledged"
												: "not acknowledged"));
	html_printf(sb, "</tbody></table></section>");

	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-summary\"><h2 id=\"h-summary\">Summary</h2>"
			"<table class=\"table summary\"><thead><tr><th scope=\"col\">Result</th><th scope=\"col\">Items</th>"
			"</tr></thead><tbody>");
	for (int k = 0; k < AUDIT_NRESULTS; k++) {
		html_printf(sb, "<tr><th scope=\"row\">");
		result_badge(sb, audit_results[k]);
		html_printf(sb, "</th><td data-result=\"%s\">%lld</td></tr>", audit_results[k], (long long)rep.by_result[k]);
	}
	html_printf(sb, "<tr><th scope=\"row\">Total</th><td data-result=\"total\">%d</td></tr><tr><th scope=\"row\">"
			"Nonconformities raised</th><td data-result=\"nonconformities\">%lld</td></tr></tbody></table>"
			"</section>", rep.n, (long long)rep.ncs_raised);

	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-findings\"><h2 id=\"h-findings\">Findings</h2>");
	for (int i = 0; i < rep.n; i++) {
		const struct audit_item *it = &rep.items[i];
		if (!audit_item_is_finding(it))
			continue;
		if (!nf++)
			html_printf(sb, "<table class=\"table findings\"><thead><tr><th scope=\"col\">Requirement</th>"
					"<th scope=\"col\">Result</th><th scope=\"col\">Finding</th><th scope=\"col\">Evidence"
					"</th><th scope=\"col\">Nonconformity</th></tr></thead><tbody>");
		html_printf(sb, "<tr><th scope=\"row\"><strong>%s</strong> %s</th><td>", it->ref_id ? it->ref_id : "",
			    it->title);
		result_badge(sb, it->result);
		html_printf(sb, "</td><td class=\"pre\">%s</td><td class=\"pre\">%s</td><td>", it->notes ? it->notes : "—",
			    it->evidence ? it->evidence : "—");
		if (it->nonconformity_id) {
			html_printf(sb, "<a href=\"/nonconformities/%lld\">#%lld</a> ", (long long)it->nonconformity_id,
				    (long long)it->nonconformity_id);
			if (it->nonconformity_status)
				view_badge(sb, &req->arena, it->nonconformity_status);
		} else
			html_printf(sb, "—");
		html_printf(sb, "</td></tr>");
	}
	html_printf(sb, nf ? "</tbody></table>" : "<p class=\"muted\">No findings: every item checked conforms, or "
						   "none is checked yet.</p>");
	html_printf(sb, "</section><section class=\"card\" aria-labelledby=\"h-conclusion\"><h2 id=\"h-conclusion\">"
			"Conclusion</h2><p class=\"pre\">%s</p></section>",
		    av(r, "conclusion") ? av(r, "conclusion") : "Not written yet.");
	page_end(req, resp, 200);
}

/* ---- form posts ---- */

static void show_audit(struct request *req, struct response *resp, const struct err *e)
{
	req->entity = audit_ent();
	checklist_err = e;
	page_detail(req, resp, NULL);
	checklist_err = NULL;
	resp->status = e->status;
}

void web_audit_checklist_save(struct request *req, struct response *resp)
{
	struct audit_item *items;
	struct audit_item_change *c;
	struct err e = ERR_INIT;
	int n;
	if (audit_checklist(req->store, req->id, &req->arena, &items, &n, &e)) {
		page_error(req, resp, &e, "/audits", "Back to internal audits");
		return;
	}
	c = arena_alloc(&req->arena, sizeof(*c) * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++) {
		const char *ver = http_form(req, arena_printf(&req->arena, "version_%lld", (long long)items[i].id));
		c[i].item_id = items[i].id;
		if (!ver || parse_int64(ver, &c[i].if_version))
			c[i].if_version = 0;
		c[i].result = http_form(req, arena_printf(&req->arena, "result_%lld", (long long)items[i].id));
		c[i].evidence = http_form(req, arena_printf(&req->arena, "evidence_%lld", (long long)items[i].id));
		c[i].notes = http_form(req, arena_printf(&req->arena, "notes_%lld", (long long)items[i].id));
		if (c[i].result && !*c[i].result)
			c[i].result = "not_a_result"; /* an empty choice is refused like any other */
	}
	if (audit_items_update(req->store, &req->actor, req->id, c, n, &e)) {
		show_audit(req, resp, &e);
		return;
	}
	http_redirect(resp, arena_printf(&req->arena, "/audits/%lld?notice=results_saved#h-checklist", (long long)req->id));
}

void web_audit_raise_nc(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	int64_t nc;
	int created;
	if (audit_raise_nc(req->store, &req->actor, req->id, req->sub_id, &req->arena, &nc, &created, &e)) {
		show_audit(req, resp, &e);
		return;
	}
	http_redirect(resp, arena_printf(&req->arena, "/nonconformities/%lld?notice=%s", (long long)nc,
					 created ? "nc_raised" : "nc_exists"));
}

void web_audit_acknowledge(struct request *req, struct response *resp)
{
	const struct entity *ent = audit_ent();
	const char *ver = http_form(req, "version");
	struct input in;
	struct err e = ERR_INIT;
	int64_t version = 0;
	input_init(&in, ent, &req->arena);
	in.set[entity_field_index(ent, "independence_ack")] = 1;
	in.values[entity_field_index(ent, "independence_ack")] = "1";
	if (!ver || parse_int64(ver, &version))
		err_set(&e, 400, "bad_form", "The form lacks the audit's version: reload the page.");
	if (e.status || record_update(req->store, &req->actor, ent, req->id, version, &in, &req->arena, &e)) {
		show_audit(req, resp, &e);
		return;
	}
	http_redirect(resp, arena_printf(&req->arena, "/audits/%lld?notice=updated", (long long)req->id));
}
