/* internal_audit: one internal audit (ISO 27001 9.2) — its area, dates,
 * team, scope, objectives and criteria (requirements of a framework, all of
 * them or the subtrees of some ref ids). Its checklist, the independence
 * warning and the status rules are isms/internal_audit.c's. */
#include "model/entity.h"

static const char *const statuses[] = { "planned", "in_progress", "reported", "closed", NULL };

static const struct field fields[] = {
	{ "title", "Title", FT_TEXT, F_REQUIRED | F_LIST | F_SEARCH, .max_len = 200 },
	{ "programme", "Programme", FT_REF, F_LIST, .ref = "audit_programme",
	  .help = "The audit programme this audit belongs to, if any." },
	{ "area", "Area", FT_REF, F_LIST, .ref = "audit_area",
	  .help = "What is audited: its owner and staff are checked against the team." },
	{ "status", "Status", FT_ENUM, F_LIST, .values = statuses, .def = "planned",
	  .help = "Planned, then in progress, reported and closed, one step at a time." },
	{ "planned_start", "Planned start", FT_DATE, F_REQUIRED | F_LIST },
	{ "planned_end", "Planned end", FT_DATE, 0 },
	{ "actual_start", "Started on", FT_DATE, 0, .help = "Set to today when the audit starts, unless given." },
	{ "actual_end", "Ended on", FT_DATE, 0, .help = "Set to today when the audit is reported, unless given." },
	{ "lead_auditor", "Lead auditor", FT_USER, F_LIST,
	  .help = "Should neither own the area nor work in it: the audit's independence depends on it." },
	{ "auditor_2", "Team member", FT_USER, 0 },
	{ "auditor_3", "Team member", FT_USER, 0 },
	{ "scope", "Scope", FT_LONGTEXT, F_SEARCH, .max_len = 8000,
	  .help = "What the audit covers: sites, systems, processes and the period looked at." },
	{ "objectives", "Objectives", FT_LONGTEXT, 0, .max_len = 8000 },
	{ "criteria_framework", "Criteria: framework", FT_INT, 0, .min = 1, .max = 1000000000,
	  .help = "The number of the installed framework whose requirements are the audit criteria (see "
		  "Frameworks). The checklist is made from them." },
	{ "criteria_refs", "Criteria: sections", FT_TEXT, 0, .max_len = 2000,
	  .help = "Optional: ref ids of sections or requirements of that framework, separated by commas (A.5, "
		  "8.2). Empty: every requirement of the framework." },
	{ "conclusion", "Conclusion", FT_LONGTEXT, 0, .max_len = 8000,
	  .help = "The audit team's overall conclusion; needed before the audit is reported." },
	{ "independence_warning", "Independence warning", FT_TEXT, F_COMPUTED, .max_len = 2000,
	  .help = "Set when someone on the team owns or works in the area." },
	{ "independence_ack", "Independence warning acknowledged", FT_BOOL, 0, .def = "0",
	  .help = "Tick to record that the team's link to the area is known and accepted." },
};

const struct entity entity_internal_audit = {
	.name = "internal_audit", .plural = "audits", .table = "internal_audit",
	.label = "Internal audit", .label_plural = "Internal audits",
	.title_field = "title", .default_sort = "planned_start",
	.intro = "Internal audits: scope, criteria, team, the checklist of findings and the report.",
	.read_role = ROLE_AUDITOR, .create_role = ROLE_MANAGER, .write_role = ROLE_AUDITOR,
	/* below ISMS managers, the audit team works its own audits */
	.write_scope = { ROLE_MANAGER, { "lead_auditor", "auditor_2", "auditor_3" } },
	/* overdue: still planned after its planned start */
	.overdue = { "planned_start", "status", { "in_progress", "reported", "closed", NULL } },
	ENTITY_FIELDS(fields),
};
