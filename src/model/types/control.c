/* control: a safeguard the organisation has implemented or plans (Annex A
 * and beyond), with its owner, status and how well it works. */
#include "model/entity.h"

static const char *const statuses[] = {
	"not_implemented", "planned", "partially_implemented", "implemented", "not_applicable", NULL,
};
static const char *const control_types[] = { "preventive", "detective", "corrective", NULL };
static const char *const effectiveness[] = {
	"not_tested", "effective", "partially_effective", "ineffective", NULL,
};

static const struct field fields[] = {
	{ "code", "Code", FT_TEXT, F_LIST | F_SEARCH, .max_len = 50,
	  .help = "Your own reference, e.g. AC-01 or A.5.15." },
	{ "title", "Title", FT_TEXT, F_REQUIRED | F_LIST | F_SEARCH, .max_len = 200 },
	{ "description", "Description", FT_LONGTEXT, F_SEARCH, .max_len = 8000,
	  .help = "What the control does and how it is carried out." },
	{ "control_type", "Control type", FT_ENUM, 0, .values = control_types },
	{ "owner", "Control owner", FT_USER, F_LIST },
	{ "status", "Implementation", FT_ENUM, F_LIST, .values = statuses, .def = "not_implemented" },
	{ "implementation", "Implementation notes", FT_LONGTEXT, 0, .max_len = 8000 },
	{ "evidence", "Evidence", FT_LONGTEXT, 0, .max_len = 4000,
	  .help = "Where the proof is: records, reports, screenshots, system settings." },
	{ "effectiveness", "Effectiveness", FT_ENUM, F_LIST, .values = effectiveness, .def = "not_tested" },
	{ "last_tested", "Last tested", FT_DATE, 0 },
	{ "next_review", "Next review", FT_DATE, F_LIST },
};

const struct entity entity_control = {
	.name = "control", .plural = "controls", .table = "control",
	.label = "Control", .label_plural = "Controls",
	.title_field = "title", .default_sort = "code",
	.intro = "The safeguards you run, who owns them and whether they work.",
	.read_role = ROLE_EMPLOYEE, .create_role = ROLE_MANAGER, .write_role = ROLE_OWNER,
	.write_scope = { ROLE_MANAGER, { "owner" } },
	.overdue = { "next_review", NULL, { NULL } },
	ENTITY_FIELDS(fields),
};
