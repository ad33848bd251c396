/* incident: an information security event or incident, from report to
 * closure, with the timeline that response times are computed from. */
#include "model/entity.h"
#include "model/types/common.h"

static const char *const categories[] = {
	"malware", "phishing", "unauthorised_access", "data_leak", "loss_or_theft",
	"denial_of_service", "misconfiguration", "physical", "supplier", "other", NULL,
};
static const char *const statuses[] = {
	"reported", "triaged", "responding", "contained", "resolved", "closed", NULL,
};

static const struct field fields[] = {
	{ "title", "Title", FT_TEXT, F_REQUIRED | F_LIST | F_SEARCH, .max_len = 200 },
	{ "description", "What happened", FT_LONGTEXT, F_SEARCH, .max_len = 8000 },
	{ "category", "Category", FT_ENUM, F_LIST, .values = categories },
	{ "severity", "Severity", FT_ENUM, F_LIST, .values = severity_values },
	{ "status", "Status", FT_ENUM, F_LIST, .values = statuses, .def = "reported" },
	{ "reporter", "Reported by", FT_USER, F_CALLER },
	{ "handler", "Handler", FT_USER, F_LIST },
	{ "asset", "Affected asset", FT_REF, 0, .ref = "asset" },
	{ "personal_data_breach", "Personal-data breach", FT_BOOL, 0, .def = "0",
	  .help = "A breach must be notified to the regulator within 72 hours of detection." },
	{ "occurred_at", "Occurred", FT_DATETIME, F_PANEL },
	{ "detected_at", "Detected", FT_DATETIME, F_LIST | F_PANEL },
	{ "reported_at", "Reported", FT_DATETIME, F_PANEL },
	{ "responded_at", "Responded", FT_DATETIME, F_PANEL },
	{ "contained_at", "Contained", FT_DATETIME, F_PANEL },
	{ "resolved_at", "Resolved", FT_DATETIME, F_PANEL },
	{ "closed_at", "Closed", FT_DATETIME, F_PANEL },
	{ "regulator_notified_at", "Regulator notified", FT_DATETIME, 0,
	  .help = "For a personal-data breach: when the supervisory authority was told." },
	{ "lessons_learned", "Lessons learned", FT_LONGTEXT, 0, .max_len = 8000 },
};

const struct entity entity_incident = {
	.name = "incident", .plural = "incidents", .table = "incident",
	.label = "Incident", .label_plural = "Incidents",
	.title_field = "title", .default_sort = "-id",
	.intro = "Security events and incidents, from the first report to lessons learned.",
	.read_role = ROLE_EMPLOYEE, .create_role = ROLE_EMPLOYEE, .write_role = ROLE_MANAGER,
	/* anyone reports; an employee sees only what they reported or handle */
	.read_scope = { ROLE_AUDITOR, { "reporter", "handler" } },
	ENTITY_FIELDS(fields),
};
