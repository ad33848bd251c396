/* nonconformity: something that does not meet a requirement (ISO 27001
 * 10.2) — where it came from, the immediate correction, the root cause, the
 * corrective actions (tasks naming it) and the effectiveness check without
 * which it cannot be closed. The workflow rules are isms/nonconformity.c's. */
#include "model/entity.h"

static const char *const sources[] = {
	"audit_finding", "incident", "management_review", "monitoring", "other", NULL,
};
static const char *const severities[] = { "major", "minor", NULL };
static const char *const statuses[] = {
	"open", "correction", "root_cause_analysis", "corrective_action", "effectiveness_check", "closed", NULL,
};
static const char *const results[] = { "effective", "not_effective", NULL };

static const struct field fields[] = {
	{ "title", "Title", FT_TEXT, F_REQUIRED | F_LIST | F_SEARCH, .max_len = 200 },
	{ "source", "Source", FT_ENUM, F_LIST, .values = sources, .def = "other",
	  .help = "Where it was found: an audit, an incident, a management review, monitoring, or anyone else." },
	{ "incident", "Incident", FT_REF, 0, .ref = "incident",
	  .help = "For an incident as the source: the incident that revealed it." },
	{ "audit_reference", "Audit finding", FT_TEXT, F_SEARCH, .max_len = 200,
	  .help = "For an audit finding as the source: the audit and the finding's reference." },
	{ "description", "What does not conform", FT_LONGTEXT, F_SEARCH, .max_len = 8000,
	  .help = "The requirement that is not met and the evidence that shows it." },
	{ "severity", "Severity", FT_ENUM, F_LIST, .values = severities,
	  .help = "Major: a requirement is not met at all or the system fails its purpose; minor: a lapse." },
	{ "raised_by", "Raised by", FT_USER, F_CALLER },
	{ "owner", "Owner", FT_USER, F_LIST, .help = "Who sees the nonconformity through to its closure." },
	{ "detected_on", "Detected on", FT_DATE, 0 },
	{ "due_date", "Due", FT_DATE, F_LIST, .help = "When it should be closed; closing later counts as late." },
	{ "status", "Status", FT_ENUM, F_LIST, .values = statuses, .def = "open" },
	{ "correction", "Correction", FT_LONGTEXT, 0, .max_len = 8000,
	  .help = "What was done at once to contain the nonconformity and deal with its consequences." },
	{ "root_cause", "Root cause", FT_LONGTEXT, 0, .max_len = 8000,
	  .help = "Why it happened, so that the corrective actions remove the cause and not only the symptom." },
	{ "effectiveness_checked_by", "Effectiveness checked by", FT_USER, 0 },
	{ "effectiveness_checked_on", "Effectiveness checked on", FT_DATE, 0 },
	{ "effectiveness_result", "Effectiveness result", FT_ENUM, 0, .values = results,
	  .help = "Effective: the cause is gone and the nonconformity can be closed. Not effective: it goes "
		  "back to corrective action." },
	{ "effectiveness_notes", "Effectiveness notes", FT_LONGTEXT, 0, .max_len = 4000 },
	{ "closed_on", "Closed on", FT_DATE, F_COMPUTED, .help = "Set when the nonconformity is closed." },
};

const struct entity entity_nonconformity = {
	.name = "nonconformity", .plural = "nonconformities", .table = "nonconformity",
	.label = "Nonconformity", .label_plural = "Nonconformities",
	.title_field = "title", .default_sort = "-id",
	.intro = "What does not meet a requirement, its root cause, corrective actions and their effectiveness.",
	.read_role = ROLE_EMPLOYEE, .create_role = ROLE_EMPLOYEE, .write_role = ROLE_OWNER,
	/* anyone may raise one; below auditors, people see the ones they raised
	 * or own, and owners work the ones they own */
	.read_scope = { ROLE_AUDITOR, { "owner", "raised_by" } },
	.write_scope = { ROLE_MANAGER, { "owner" } },
	.overdue = { "due_date", "status", { "closed", NULL } },
	ENTITY_FIELDS(fields),
};
