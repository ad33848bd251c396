/* pages_risk: what a risk's page shows beyond its fields — its treatment
 * actions (tasks naming it) with an "Add action" form that creates a task
 * through the ordinary task form, and its acceptance: the valid one, the
 * history, the form to sign one and the button to revoke it — and the two
 * POST handlers of acceptances. The rules are isms/acceptance.c's; a
 * refused form comes back on a page of its own with each message next to
 * its field. page_actions_section serves any record whose actions are
 * tasks naming it (a nonconformity's corrective actions too). */
#include <stdio.h>
#include <string.h>

#include "base/util.h"
#include "isms/acceptance.h"
#include "isms/risk_method.h"
#include "isms/settings.h"
#include "isms/treatment.h"
#include "web/page.h"
#include "web/web.h"

static const struct field rationale_field = {
	"rationale", "Rationale", FT_LONGTEXT, F_REQUIRED, .max_len = ACCEPTANCE_RATIONALE_MAX,
	.help = "Why the organisation lives with this risk as it is scored now: what it would cost to treat, "
		"what limits the damage.",
};
static const struct field expires_field = {
	"expires_on", "Valid until", FT_DATE, F_REQUIRED,
	.help = "The acceptance ends on this day (at most 36 months ahead). The risk then goes back to "
		"'assessed' and its owner gets a task to review it.",
};

/* ---- treatment actions ---- */

static void actions_table(struct request *req, struct strbuf *sb, const struct plan_risk *pr)
{
	html_printf(sb, "<div class=\"table-wrap\"><table class=\"table\"><thead><tr><th scope=\"col\">Action</th>"
			"<th scope=\"col\">Owner</th><th scope=\"col\">Due</th><th scope=\"col\">Status</th>"
			"<th scope=\"col\">Control</th></tr></thead><tbody>");
	for (int k = 0; k < pr->n; k++) {
		const struct record *t = pr->actions[k].task;
		const char *owner = plan_title("task", t, "owner"), *control = plan_value("task", t, "control");
		html_printf(sb, "<tr%R><th scope=\"row\"><a href=\"/tasks/%lld\">%s</a></th><td>%s</td><td>",
			    pr->actions[k].overdue ? " class=\"row-overdue\"" : "", (long long)t->id,
			    plan_value("task", t, "title"), owner ? owner : "—");
		if (pr->actions[k].overdue)
			html_printf(sb, "<span class=\"overdue\">%s (overdue)</span>", plan_value("task", t, "due_date"));
		else
			html_printf(sb, "%s", plan_value("task", t, "due_date") ? plan_value("task", t, "due_date") : "—");
		html_printf(sb, "</td><td>");
		view_badge(sb, &req->arena, plan_value("task", t, "status"));
		if (control)
			html_printf(sb, "</td><td><a href=\"/controls/%s\">%s</a></td></tr>", control,
				    plan_title("task", t, "control"));
		else
			html_printf(sb, "</td><td>—</td></tr>");
	}
	html_printf(sb, "</tbody></table></div>");
}

void web_plan_actions(struct request *req, struct strbuf *sb, const struct plan_risk *pr)
{
	html_printf(sb, "<p class=\"plan-progress\"><progress max=\"100\" value=\"%d\" aria-label=\"Done\"></progress> "
			"<strong>%d%%</strong> done · %d action%R",
		    pr->progress, pr->progress, pr->n, pr->n == 1 ? "" : "s");
	if (pr->overdue)
		html_printf(sb, " · <span class=\"overdue\">%d overdue</span>", pr->overdue);
	html_printf(sb, "</p>");
	if (pr->n)
		actions_table(req, sb, pr);
}

void page_actions_section(struct request *req, struct strbuf *sb, const struct record *r,
			  const struct actions_view *v)
{
	const struct entity *task = entity_by_name("task"), *ent = entity_by_name(v->field);
	struct plan_risk pr;
	struct err e = ERR_INIT;
	if (!view_can_read(req, task))
		return;
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-actions\"><div class=\"card-head\">"
			"<h2 id=\"h-actions\">%s</h2>", v->heading);
	if (v->more_href)
		html_printf(sb, "<a href=\"%s\">%s</a>", v->more_href, v->more_label);
	html_printf(sb, "</div>");
	if (task_actions(req->store, &req->actor, v->field, r->id, &req->arena, &pr, &e)) {
		page_notice(sb, "error", e.message);
	} else if (!pr.n) {
		html_printf(sb, "<p class=\"muted\">No actions yet%R.</p>",
			    view_can_read_audit(req) ? "" : " that you can see");
	} else {
		web_plan_actions(req, sb, &pr);
	}
	if (!r->archived && view_can_create(req, task)) {
		html_printf(sb, "<details class=\"add-action\"><summary class=\"btn btn-secondary\">Add action</summary>"
				"<form method=\"post\" action=\"/tasks\" class=\"record-form\" novalidate>");
		page_csrf(req, sb);
		html_printf(sb, "<input type=\"hidden\" name=\"%s\" value=\"%lld\"><div class=\"form-grid\">", v->field,
			    (long long)r->id);
		/* an action is owed by the record's owner unless someone else is chosen */
		const char *owner = r->values[entity_field_index(ent, "owner")];
		for (const char *const *f = v->form_fields; *f; f++)
			page_field(req, sb, &task->fields[entity_field_index(task, *f)],
				   streq(*f, "owner") ? owner : NULL, NULL, NULL);
		html_printf(sb, "</div><div class=\"form-actions\"><button type=\"submit\" class=\"btn btn-primary\">"
				"Add the action</button></div></form></details>");
	}
	html_printf(sb, "</section>");
}

void risk_actions_section(struct request *req, struct strbuf *sb, const struct record *r)
{
	static const char *const form_fields[] = { "title", "owner", "due_date", "control", NULL };
	static const struct actions_view v = { "risk", "Treatment actions", "/risks/plan", "Treatment plan of all risks",
					       form_fields };
	page_actions_section(req, sb, r, &v);
}

/* ---- acceptance ---- */

static void acceptance_form(struct request *req, struct strbuf *sb, int64_t risk_id, const char *rationale,
			    const char *expires, const struct err *e)
{
	html_printf(sb, "<form method=\"post\" action=\"/risks/%lld/acceptances\" class=\"record-form\" novalidate>",
		    (long long)risk_id);
	page_csrf(req, sb);
	html_printf(sb, "<div class=\"form-grid\">");
	page_field(req, sb, &rationale_field, rationale, NULL, e);
	page_field(req, sb, &expires_field, expires, NULL, e);
	html_printf(sb, "</div><div class=\"form-actions\"><button type=\"submit\" class=\"btn btn-primary\">Sign the "
			"acceptance</button></div></form>");
}

/* The day of an ISO time, in the arena. */
static const char *day(struct request *req, const char *iso)
{
	return iso ? arena_strndup(&req->arena, iso, 10) : NULL;
}

/* "Medium (score 9, method version 1)" */
static void accepted_what(struct request *req, struct strbuf *sb, const struct acceptance *ac)
{
	view_level(req, sb, ac->accepted_level);
	html_printf(sb, " score %lld, method version %lld", (long long)ac->accepted_score, (long long)ac->method_version);
}

static void current_acceptance(struct request *req, struct strbuf *sb, const struct record *r,
			       const struct acceptance *ac, int may_sign)
{
	html_printf(sb, "<div class=\"notice notice-ok\"><p><strong>Accepted</strong> by %s on %s, valid until %s: ",
		    ac->accepted_by_name ? ac->accepted_by_name : "—", day(req, ac->accepted_at), ac->expires_on);
	accepted_what(req, sb, ac);
	html_printf(sb, ".</p><p class=\"rationale\">%s</p></div>", ac->rationale);
	if (!r->archived && (may_sign || ac->accepted_by == req->user.id)) {
		html_printf(sb, "<form method=\"post\" action=\"/risks/%lld/acceptances/%lld/revoke\" data-confirm=\"Revoke "
				"this acceptance? A closed or accepted risk it covers goes back to assessed.\">",
			    (long long)r->id, (long long)ac->id);
		page_csrf(req, sb);
		html_printf(sb, "<button type=\"submit\" class=\"btn btn-danger\">Revoke the acceptance</button></form>");
	}
}

/* Whether the risk's level is above the appetite of its method version. */
static int above_appetite(struct request *req, const struct record *r, const char **level, const char **appetite)
{
	struct risk_method m;
	struct err e = ERR_INIT;
	const char *key = plan_value("risk", r, "residual_level"), *mv = plan_value("risk", r, "method_version");
	int64_t v;
	int k;
	if (!key)
		key = plan_value("risk", r, "inherent_level");
	if (!key || !mv || parse_int64(mv, &v) || risk_method_get(req->store, v, &req->arena, &m, &e) ||
	    (k = rm_level_index(&m, key)) < 0)
		return 0;
	*level = m.levels[k].label;
	*appetite = m.levels[m.appetite].label;
	return k > m.appetite;
}

static void history(struct request *req, struct strbuf *sb, const struct acceptance *list, int n)
{
	html_printf(sb, "<h3>All acceptances</h3><div class=\"table-wrap\"><table class=\"table\"><thead><tr>"
			"<th scope=\"col\">Signed</th><th scope=\"col\">By</th><th scope=\"col\">Accepts</th>"
			"<th scope=\"col\">Until</th><th scope=\"col\">State</th><th scope=\"col\">Rationale</th>"
			"</tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		html_printf(sb, "<tr><td>%s</td><td>%s</td><td>", day(req, list[i].accepted_at),
			    list[i].accepted_by_name ? list[i].accepted_by_name : "—");
		accepted_what(req, sb, &list[i]);
		html_printf(sb, "</td><td>%s</td><td>", list[i].expires_on);
		view_badge(sb, &req->arena, list[i].state);
		if (list[i].revoked_at)
			html_printf(sb, " <span class=\"muted\">%s by %s</span>", day(req, list[i].revoked_at),
				    list[i].revoked_by_name ? list[i].revoked_by_name : "—");
		html_printf(sb, "</td><td>%s</td></tr>", list[i].rationale);
	}
	html_printf(sb, "</tbody></table></div>");
}

void risk_acceptance_section(struct request *req, struct strbuf *sb, const struct record *r)
{
	struct acceptance *list;
	struct err e = ERR_INIT;
	const char *level = NULL, *appetite = NULL;
	int n, current = -1, above = above_appetite(req, r, &level, &appetite);
	int may_sign = req->user.role >= ROLE_OWNER && acceptance_may_sign(req->store, &req->actor, r);

	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-acceptance\"><h2 id=\"h-acceptance\">Acceptance</h2>");
	if ((n = acceptance_list(req->store, r->id, &req->arena, &list, &e)) < 0) {
		page_notice(sb, "error", e.message);
		html_printf(sb, "</section>");
		return;
	}
	for (int i = 0; i < n && current < 0; i++)
		if (streq(list[i].state, "valid"))
			current = i;
	if (current >= 0)
		current_acceptance(req, sb, r, &list[current], may_sign);
	else if (above)
		html_printf(sb, "<p>The level <strong>%s</strong> is above the risk appetite (%s). The risk can be closed, "
				"accepted or retained only under a valid acceptance signed by its owner or by a user with "
				"the role %s or above.</p>",
			    level, appetite, role_label((enum role)settings_get(req->store, SETTING_RISK_ACCEPTANCE_ROLE)));
	else
		html_printf(sb, "<p class=\"muted\">%R</p>",
			    level ? "Within the risk appetite: no acceptance is needed to close or retain this risk."
				  : "Not scored yet: an acceptance accepts a scored level.");
	if (!r->archived && may_sign && level) {
		/* open when the risk needs one and has none */
		html_printf(sb, "<details class=\"add-action\"%R><summary class=\"btn btn-secondary\">%R</summary>",
			    current < 0 && above ? " open" : "", current >= 0 ? "Sign a new acceptance" : "Sign an acceptance");
		acceptance_form(req, sb, r->id, NULL, NULL, NULL);
		html_printf(sb, "</details>");
	}
	if (n)
		history(req, sb, list, n);
	html_printf(sb, "</section>");
}

/* ---- the acceptance forms ---- */

static const char *risk_href(struct request *req)
{
	return arena_printf(&req->arena, "/risks/%lld", (long long)req->id);
}

void web_risk_accept(struct request *req, struct response *resp)
{
	const char *rationale = http_form(req, "rationale"), *expires = http_form(req, "expires_on");
	struct strbuf *sb = &resp->body;
	struct err e = ERR_INIT;
	int64_t id;
	if (acceptance_create(req->store, &req->actor, req->id, rationale && *rationale ? rationale : NULL,
			      expires && *expires ? expires : NULL, &req->arena, &id, &e) == 0) {
		http_redirect(resp, arena_printf(&req->arena, "/risks/%lld?notice=accepted", (long long)req->id));
		return;
	}
	if (!e.nfields) {
		page_error(req, resp, &e, risk_href(req), "Back to the risk");
		return;
	}
	page_begin(req, resp, "Accept the risk", "risks", 0);
	page_head(sb, "Risk", risk_href(req), "Accept the risk", "Nothing was signed: correct the marked fields.");
	page_head_end(sb);
	html_printf(sb, "<section class=\"card\">");
	acceptance_form(req, sb, req->id, rationale, expires, &e);
	html_printf(sb, "</section>");
	page_end(req, resp, e.status);
}

void web_risk_accept_revoke(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	if (acceptance_revoke(req->store, &req->actor, req->id, req->sub_id, &req->arena, &e) == 0)
		http_redirect(resp, arena_printf(&req->arena, "/risks/%lld?notice=acceptance_revoked", (long long)req->id));
	else
		page_error(req, resp, &e, risk_href(req), "Back to the risk");
}
