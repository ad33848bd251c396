/* audit_programme: the internal audit programme (ISO 27001 9.2.2) — a cycle
 * of years over which every area is audited at least once. Its audits are
 * internal_audit records naming it; the programme's page shows them as a
 * table of areas by quarter (web/pages_internal_audit.c). */
#include "model/entity.h"

static const char *const statuses[] = { "draft", "approved", "closed", NULL };

static const struct field fields[] = {
	{ "title", "Title", FT_TEXT, F_REQUIRED | F_LIST | F_SEARCH, .max_len = 200 },
	{ "owner", "Owner", FT_USER, F_LIST, .help = "Who plans the programme and sees that it is carried out." },
	{ "cycle_start", "Cycle starts", FT_DATE, F_REQUIRED | F_LIST,
	  .help = "The first day of the cycle; the programme's table starts with this quarter." },
	{ "cycle_years", "Cycle length (years)", FT_INT, F_LIST, .min = 1, .max = 5, .def = "3",
	  .help = "How many years the cycle runs: every area should be audited at least once in it." },
	{ "status", "Status", FT_ENUM, F_LIST, .values = statuses, .def = "draft" },
	{ "objectives", "Objectives", FT_LONGTEXT, F_SEARCH, .max_len = 8000,
	  .help = "What the programme sets out to show, and how areas were chosen and prioritised." },
};

const struct entity entity_audit_programme = {
	.name = "audit_programme", .plural = "audit_programmes", .table = "audit_programme",
	.label = "Audit programme", .label_plural = "Audit programmes",
	.title_field = "title", .default_sort = "-cycle_start",
	.intro = "Which areas are audited when over a cycle of years, and where each planned audit stands.",
	.read_role = ROLE_AUDITOR, .create_role = ROLE_MANAGER, .write_role = ROLE_MANAGER,
	ENTITY_FIELDS(fields),
};
