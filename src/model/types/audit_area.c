/* audit_area: what an internal audit looks at (ISO 27001 9.2.2) — a
 * process, a department, a clause or a theme — with its owner and the user
 * group of the people who work in it. An auditor who owns or belongs to an
 * area is warned off auditing it (isms/internal_audit.c). */
#include "model/entity.h"

static const char *const kinds[] = { "process", "department", "clause", "theme", "location", "system", "other",
				     NULL };

static const struct field fields[] = {
	{ "name", "Name", FT_TEXT, F_REQUIRED | F_LIST | F_SEARCH, .max_len = 200 },
	{ "kind", "Kind", FT_ENUM, F_LIST, .values = kinds, .def = "process",
	  .help = "What sort of area this is: a process, a department, a clause of the standard, a theme ..." },
	{ "owner", "Owner", FT_USER, F_REQUIRED | F_LIST,
	  .help = "Who answers for the area; findings raised in it become theirs to correct." },
	{ "group_id", "Staff group", FT_INT, 0, .min = 1, .max = 1000000000,
	  .help = "Optional: the number of the user group whose members work in the area (see Groups). "
		  "Auditors from that group get an independence warning." },
	{ "description", "Description", FT_LONGTEXT, F_SEARCH, .max_len = 4000 },
};

const struct entity entity_audit_area = {
	.name = "audit_area", .plural = "audit_areas", .table = "audit_area",
	.label = "Audit area", .label_plural = "Audit areas",
	.title_field = "name", .default_sort = "name",
	.intro = "The processes, departments, clauses and themes the audit programme covers, each with its owner.",
	.read_role = ROLE_AUDITOR, .create_role = ROLE_MANAGER, .write_role = ROLE_MANAGER,
	ENTITY_FIELDS(fields),
};
