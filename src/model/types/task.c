/* task: any action owed by someone by a date — treatment actions (risk),
 * corrective actions (nonconformity), actions of management reviews (review). Everything owed shows up in "my tasks". */
#include "model/entity.h"

static const char *const statuses[] = { "open", "in_progress", "done", "cancelled", NULL };
static const char *const priorities[] = { "low", "normal", "high", NULL };

static const struct field fields[] = {
	{ "title", "Title", FT_TEXT, F_REQUIRED | F_LIST | F_SEARCH, .max_len = 200 },
	{ "description", "Description", FT_LONGTEXT, F_SEARCH, .max_len = 4000 },
	{ "owner", "Owner", FT_USER, F_LIST },
	{ "due_date", "Due", FT_DATE, F_LIST },
	{ "status", "Status", FT_ENUM, F_LIST, .values = statuses, .def = "open" },
	{ "priority", "Priority", FT_ENUM, F_LIST, .values = priorities, .def = "normal" },
	{ "risk", "Risk", FT_REF, 0, .ref = "risk" },
	{ "control", "Control", FT_REF, 0, .ref = "control" },
	{ "incident", "Incident", FT_REF, 0, .ref = "incident" },
	{ "nonconformity", "Nonconformity", FT_REF, 0, .ref = "nonconformity",
	  .help = "For a corrective action: the nonconformity whose cause it removes." },
	{ "review", "Management review", FT_REF, 0, .ref = "review",
	  .help = "For an action decided by a management review: that review. The next review lists it." },
	{ "completed_at", "Completed", FT_DATETIME, 0 },
};

const struct entity entity_task = {
	.name = "task", .plural = "tasks", .table = "task",
	.label = "Task", .label_plural = "Tasks",
	.title_field = "title", .default_sort = "due_date",
	.intro = "Actions owed by someone by a date, wherever they come from.",
	.read_role = ROLE_EMPLOYEE, .create_role = ROLE_OWNER, .write_role = ROLE_EMPLOYEE,
	/* an employee sees and completes their own tasks; whoever assigned a
	 * task may still change it; auditors and up see all */
	.read_scope = { ROLE_AUDITOR, { "owner", "created_by" } },
	.write_scope = { ROLE_MANAGER, { "owner", "created_by" } },
	.overdue = { "due_date", "status", { "done", "cancelled", NULL } },
	ENTITY_FIELDS(fields),
};
