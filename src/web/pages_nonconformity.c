/* pages_nonconformity: what a nonconformity's page shows beyond its fields
 * — its corrective actions (tasks naming it, through page_actions_section)
 * and where it stands in the closing workflow — and the figures atop the
 * nonconformity list (closed on time, open by severity). */
#include <string.h>

#include "base/util.h"
#include "isms/nonconformity.h"
#include "web/page.h"
#include "web/web.h"

/* What the next step is, from the status; the rule itself is isms/nonconformity.c's. */
static const struct {
	const char *status, *next;
} next_steps[] = {
	{ "open", "Record the correction: what was done at once to contain it." },
	{ "correction", "Find the root cause, so that the actions remove the cause and not only the symptom." },
	{ "root_cause_analysis", "Plan corrective actions below, each with an owner and a due date." },
	{ "corrective_action", "When the actions are done, check whether they worked: record the effectiveness check." },
	{ "effectiveness_check", "Record who checked, when, and the result. Effective closes it; not effective sends "
				 "it back to corrective action." },
};

void nonconformity_actions_section(struct request *req, struct strbuf *sb, const struct record *r)
{
	static const char *const form_fields[] = { "title", "owner", "due_date", NULL };
	static const struct actions_view v = { "nonconformity", "Corrective actions", NULL, NULL, form_fields };
	const char *status = r->values[entity_field_index(entity_by_name("nonconformity"), "status")];
	for (size_t i = 0; i < ARRAY_SIZE(next_steps); i++)
		if (streq(status, next_steps[i].status) && !r->archived)
			html_printf(sb, "<div class=\"notice notice-info\" role=\"status\"><p><strong>Next step:</strong> "
					"%s</p></div>", next_steps[i].next);
	page_actions_section(req, sb, r, &v);
}

void nonconformity_list_figures(struct request *req, struct strbuf *sb)
{
	struct nc_figures f;
	struct err e = ERR_INIT;
	if (req->user.role < ROLE_AUDITOR)
		return;
	if (nc_figures(req->store, NULL, NULL, &f, &e)) {
		page_notice(sb, "error", e.message);
		return;
	}
	html_printf(sb, "<p class=\"page-links\">Open: <strong>%lld</strong> (major %lld, minor %lld", (long long)f.open,
		    (long long)f.open_major, (long long)f.open_minor);
	if (f.open_unrated)
		html_printf(sb, ", not rated %lld", (long long)f.open_unrated);
	html_printf(sb, ")%R", f.open_overdue ? "" : ".");
	if (f.open_overdue)
		html_printf(sb, ", <span class=\"overdue\">%lld overdue</span>.", (long long)f.open_overdue);
	if (f.on_time_permille >= 0)
		html_printf(sb, " Closed on time: <strong>%d.%d%%</strong> (%lld of %lld with a due date).",
			    f.on_time_permille / 10, f.on_time_permille % 10, (long long)f.closed_on_time,
			    (long long)f.closed_with_due);
	html_printf(sb, "</p>");
}
