/* pages_supplier: what a supplier's page shows beyond its fields — whether
 * it is overdue (next assessment or contract end past) and its assessments,
 * newest first, with a button recording a new one (the assessment form,
 * its supplier filled in). */
#include <string.h>

#include "base/util.h"
#include "isms/record.h"
#include "web/page.h"
#include "web/web.h"

void supplier_detail_section(struct request *req, struct strbuf *sb, const struct record *r)
{
	const struct entity *sup = entity_by_name("supplier"), *asm_ent = entity_by_name("supplier_assessment");
	const char *next = r->values[entity_field_index(sup, "next_review")];
	const char *end = r->values[entity_field_index(sup, "contract_end")];
	const char *status = r->values[entity_field_index(sup, "status")];
	struct list_query q;
	struct record_page page;
	struct err e = ERR_INIT;
	char today[16];

	view_today(today);
	if (!streq(status, "terminated") && !r->archived) {
		if (next && strcmp(next, today) < 0)
			page_notice(sb, "warn", arena_printf(&req->arena, "Overdue: the next assessment was due on %s.", next));
		if (end && strcmp(end, today) < 0)
			page_notice(sb, "warn", arena_printf(&req->arena, "Overdue: the contract ended on %s. Renew it, or "
							     "end the relationship and set the status to terminated.", end));
	}
	if (!view_can_read(req, asm_ent))
		return;
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-assessments\"><div class=\"card-head\">"
			"<h2 id=\"h-assessments\">Assessments</h2>");
	if (!r->archived && view_can_create(req, asm_ent))
		html_printf(sb, "<a class=\"btn btn-secondary\" href=\"/supplier-assessments/new?supplier=%lld\">Record an "
				"assessment</a>", (long long)r->id);
	html_printf(sb, "</div>");
	list_query_init(&q, asm_ent);
	q.viewer = &req->actor;
	q.limit = 50;
	q.filter_field[0] = entity_field_index(asm_ent, "supplier");
	q.filter_value[0] = arena_printf(&req->arena, "%lld", (long long)r->id);
	q.nfilters = 1;
	if (record_list(req->store, asm_ent, &q, &req->arena, &page, &e)) {
		page_notice(sb, "error", e.message);
	} else if (!page.n) {
		html_printf(sb, "<p class=\"muted\">No assessment yet.</p>");
	} else {
		static const char *const cols[] = { "assessed_on", "result", "score", "assessor", "next_assessment",
						    "findings" };
		html_printf(sb, "<div class=\"table-wrap\"><table class=\"table\"><thead><tr>");
		for (size_t c = 0; c < ARRAY_SIZE(cols); c++)
			html_printf(sb, "<th scope=\"col\">%s</th>", entity_field(asm_ent, cols[c])->label);
		html_printf(sb, "</tr></thead><tbody>");
		for (int i = 0; i < page.n; i++) {
			html_printf(sb, "<tr>");
			for (size_t c = 0; c < ARRAY_SIZE(cols); c++) {
				int k = entity_field_index(asm_ent, cols[c]);
				html_printf(sb, c ? "<td>" : "<th scope=\"row\">");
				if (!c)
					html_printf(sb, "<a href=\"/supplier-assessments/%lld\">", (long long)page.items[i].id);
				view_value(req, sb, &asm_ent->fields[k], page.items[i].values[k], page.items[i].titles[k]);
				html_printf(sb, c ? "</td>" : "</a></th>");
			}
			html_printf(sb, "</tr>");
		}
		html_printf(sb, "</tbody></table></div>");
	}
	html_printf(sb, "</section>");
}
