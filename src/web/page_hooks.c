/* page_hooks: what a record type adds to its generic list and detail pages
 * (pages_entity.c): links under the list's title, sections between the
 * list's filters and its table, and sections after a record's details. A
 * type may have several rows (shown in table order); a type without one
 * gets the generic pages alone. */
#include <string.h>

#include "isms/record.h"
#include "web/heatmap_view.h"
#include "web/page.h"
#include "web/pages_kpi.h"

struct page_hook {
	const char *entity;
	void (*list_links)(struct request *req, struct strbuf *sb);
	void (*list_body)(struct request *req, struct strbuf *sb, const struct list_query *q,
			  const struct list_link *link);
	void (*detail)(struct request *req, struct strbuf *sb, const struct record *r);
};

/* The risk register: its treatment plan and assessment runs. */
static void risk_list_links(struct request *req, struct strbuf *sb)
{
	if (req->user.role < ROLE_AUDITOR)
		return;
	html_printf(sb, "<p class=\"page-links\"><a href=\"/risks/plan\">Treatment plan</a>"
			"<span class=\"muted\"> — every risk in treatment, its actions and what is overdue</span> · "
			"<a href=\"/risk-runs\">Assessment runs</a>"
			"<span class=\"muted\"> — the register frozen at a date, and what changed between two dates</span></p>");
}

static const struct page_hook hooks[] = {
	{ "risk", risk_list_links, heatmap_sections, risk_acceptance_section },
	{ "risk", NULL, NULL, risk_actions_section },
	{ "risk", NULL, NULL, risk_trend_section },
	{ "control", NULL, NULL, control_requirements_section },
	{ "document", document_list_links, NULL, document_detail_section },
	{ "incident", incident_list_figures, NULL, incident_timeline_section },
	{ "nonconformity", nonconformity_list_figures, NULL, nonconformity_actions_section },
	{ "course", course_list_links, NULL, course_training_section },
	{ "process", NULL, NULL, process_raci_section },
	{ "issue", context_list_links, NULL, NULL },
	{ "interested_party", context_list_links, NULL, NULL },
	{ "objective", NULL, NULL, objective_kpis_section },
	{ "kpi", kpi_list_figures, NULL, kpi_detail_section },
	{ "review", NULL, NULL, review_detail_section },
	{ "supplier", NULL, NULL, supplier_detail_section },
	{ "internal_audit", NULL, NULL, audit_detail_section },
	{ "audit_programme", NULL, NULL, programme_schedule_section },
};

#define EACH_HOOK(h, ent)                                                   \
	for (const struct page_hook *h = hooks; h < hooks + sizeof(hooks) / sizeof(hooks[0]); h++) \
		if (strcmp(h->entity, (ent)->name) == 0)

void page_list_extras(struct request *req, struct strbuf *sb, const struct entity *ent)
{
	EACH_HOOK(h, ent)
		if (h->list_links)
			h->list_links(req, sb);
}

void page_list_body(struct request *req, struct strbuf *sb, const struct entity *ent, const struct list_query *q,
		    const struct list_link *link)
{
	EACH_HOOK(h, ent)
		if (h->list_body)
			h->list_body(req, sb, q, link);
}

void page_detail_extras(struct request *req, struct strbuf *sb, const struct entity *ent, const struct record *r)
{
	EACH_HOOK(h, ent)
		if (h->detail)
			h->detail(req, sb, r);
}
