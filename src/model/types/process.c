/* process: a business or ISMS process whose responsibilities are set out
 * as a RACI (isms/raci.h): per ISMS role or person, Responsible,
 * Accountable, Consulted or Informed, with exactly one Accountable. */
#include "model/entity.h"

static const char *const statuses[] = { "active", "retired", NULL };

static const struct field fields[] = {
	{ "name", "Name", FT_TEXT, F_REQUIRED | F_LIST | F_SEARCH, .max_len = 200 },
	{ "description", "Description", FT_LONGTEXT, F_SEARCH, .max_len = 4000,
	  .help = "What the process does, where it starts and ends." },
	{ "owner", "Process owner", FT_USER, F_LIST },
	{ "status", "Status", FT_ENUM, F_LIST, .values = statuses, .def = "active" },
};

const struct entity entity_process = {
	.name = "process", .plural = "processes", .table = "process",
	.label = "Process", .label_plural = "Processes",
	.title_field = "name", .default_sort = "name",
	.intro = "Processes and who is responsible, accountable, consulted and informed for each (see Roles).",
	.read_role = ROLE_EMPLOYEE, .create_role = ROLE_MANAGER, .write_role = ROLE_MANAGER,
	ENTITY_FIELDS(fields),
};
