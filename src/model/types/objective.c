/* objective: an information security objective (ISO 27001 6.2) — what the
 * organisation means to achieve, who owns it, the measurable target and by
 * when. The KPIs that measure it name it (kpi.objective); its page lists
 * them with their status (web/pages_kpi.c). */
#include "model/entity.h"

static const char *const statuses[] = { "planned", "in_progress", "achieved", "not_achieved", "cancelled", NULL };

static const struct field fields[] = {
	{ "title", "Title", FT_TEXT, F_REQUIRED | F_LIST | F_SEARCH, .max_len = 200 },
	{ "description", "Description", FT_LONGTEXT, F_SEARCH, .max_len = 4000,
	  .help = "Why it matters and how it supports the information security policy." },
	{ "owner", "Owner", FT_USER, F_LIST, .help = "Who is responsible for reaching it." },
	{ "target", "Target", FT_TEXT, F_LIST, .max_len = 300,
	  .help = "What counts as reached, in measurable terms: say, every employee trained within a month of joining." },
	{ "due_date", "Due", FT_DATE, F_LIST, .help = "When it should be reached." },
	{ "status", "Status", FT_ENUM, F_LIST, .values = statuses, .def = "planned" },
	{ "evaluation", "How results are evaluated", FT_LONGTEXT, 0, .max_len = 4000,
	  .help = "How and when progress is judged; the KPIs that name this objective give the figures." },
};

const struct entity entity_objective = {
	.name = "objective", .plural = "objectives", .table = "objective",
	.label = "Objective", .label_plural = "Objectives",
	.title_field = "title", .default_sort = "due_date",
	.intro = "Information security objectives: measurable targets with owners and due dates, and the KPIs that measure them.",
	/* objectives are communicated to everyone; their owners keep them current */
	.read_role = ROLE_EMPLOYEE, .create_role = ROLE_MANAGER, .write_role = ROLE_OWNER,
	.write_scope = { ROLE_MANAGER, { "owner" } },
	.overdue = { "due_date", "status", { "achieved", "not_achieved", "cancelled", NULL } },
	ENTITY_FIELDS(fields),
};
