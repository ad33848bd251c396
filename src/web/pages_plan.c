/* pages_plan: the risk treatment plan (GET /risks/plan) — totals on top,
 * then every risk being treated, those with overdue actions first, each
 * with its progress and its actions (overdue ones first and marked). The
 * plan itself is isms/treatment.c's, the same the API and the CLI give. */
#include <stdio.h>

#include "isms/treatment.h"
#include "web/page.h"
#include "web/web.h"

static void total(struct strbuf *sb, const char *label, int n, const char *cls)
{
	html_printf(sb, "<div class=\"stat-card%R\"><span class=\"stat-label\">%s</span><span class=\"stat-count\">%d"
			"</span></div>", cls, label, n);
}

void web_risk_plan(struct request *req, struct response *resp)
{
	struct strbuf *sb = &resp->body;
	struct plan p;
	struct err e = ERR_INIT;
	if (treatment_plan(req->store, &req->actor, &req->arena, &p, &e)) {
		page_error(req, resp, &e, "/risks", "Back to the risks");
		return;
	}
	page_begin(req, resp, "Treatment plan", "risks", 0);
	page_head(sb, "Risks", "/risks", "Treatment plan",
		  "Every risk being modified, shared or avoided and not yet closed, with the actions that treat it. "
		  "Risks with overdue actions come first.");
	page_head_end(sb);
	html_printf(sb, "<section aria-label=\"Totals\" class=\"cards plan-totals\">");
	total(sb, "Risks in treatment", p.nrisks, "");
	total(sb, "Actions", p.actions, "");
	total(sb, "Done", p.done, "");
	total(sb, "Open", p.open, "");
	total(sb, "Overdue", p.overdue, p.overdue ? " stat-overdue" : "");
	html_printf(sb, "</section><p class=\"plan-progress\"><progress max=\"100\" value=\"%d\" aria-label=\"Done over "
			"all risks\"></progress> <strong>%d%%</strong> of the actions done (cancelled ones left out)</p>",
		    p.progress, p.progress);
	if (!p.nrisks)
		html_printf(sb, "<div class=\"empty-state card\"><p><strong>No risk is in treatment.</strong></p><p>A risk "
				"enters the plan when its treatment is modify, share or avoid; add its actions on the "
				"risk's page.</p></div>");
	for (int i = 0; i < p.nrisks; i++) {
		const struct plan_risk *pr = &p.risks[i];
		const struct record *r = pr->risk;
		const char *owner = plan_title("risk", r, "owner");
		const char *level = plan_value("risk", r, "residual_level");
		html_printf(sb, "<section class=\"card plan-risk%R\" aria-labelledby=\"plan-%lld\"><div class=\"card-head\">"
				"<h2 id=\"plan-%lld\"><a href=\"/risks/%lld\">%s</a></h2><span>",
			    pr->overdue ? " has-overdue" : "", (long long)r->id, (long long)r->id, (long long)r->id,
			    plan_value("risk", r, "title"));
		if (!level)
			level = plan_value("risk", r, "inherent_level");
		if (level) {
			view_level(req, sb, level);
			html_printf(sb, " ");
		}
		view_badge(sb, &req->arena, plan_value("risk", r, "treatment"));
		html_printf(sb, " ");
		view_badge(sb, &req->arena, plan_value("risk", r, "status"));
		html_printf(sb, "</span></div><p class=\"muted\">Risk owner: %s</p>", owner ? owner : "none named");
		web_plan_actions(req, sb, pr);
		html_printf(sb, "</section>");
	}
	page_end(req, resp, 200);
}
