/* supplier: a third party that provides services and may touch the
 * organisation's information (Annex A 5.19-5.22). */
#include "model/entity.h"
#include "model/types/common.h"

static const char *const data_access[] = {
	"none", "internal", "confidential", "personal_data", "restricted", NULL,
};
static const char *const assessment_results[] = {
	"acceptable", "acceptable_with_conditions", "unacceptable", NULL,
};
static const char *const statuses[] = { "prospective", "active", "terminated", NULL };

static const struct field fields[] = {
	{ "name", "Name", FT_TEXT, F_REQUIRED | F_LIST | F_SEARCH, .max_len = 200 },
	{ "service", "Service provided", FT_TEXT, F_LIST | F_SEARCH, .max_len = 500 },
	{ "data_access", "Data they access", FT_ENUM, 0, .values = data_access, .def = "none",
	  .help = "The most sensitive kind of information they can see or hold." },
	{ "data_categories", "Categories of data", FT_TEXT, F_SEARCH, .max_len = 500,
	  .help = "What they handle, separated by commas: customer contact details, payroll, source code..." },
	{ "criticality", "Criticality", FT_ENUM, F_LIST, .values = severity_values },
	{ "status", "Status", FT_ENUM, F_LIST, .values = statuses, .def = "active" },
	{ "owner", "Relationship owner", FT_USER, 0 },
	{ "contact_name", "Contact", FT_TEXT, 0, .max_len = 200 },
	{ "contact_email", "Contact e-mail", FT_EMAIL, 0, .max_len = 254 },
	{ "contract_start", "Contract start", FT_DATE, 0 },
	{ "contract_end", "Contract end", FT_DATE, F_LIST },
	{ "last_review", "Last assessment", FT_DATE, 0,
	  .help = "Kept up to date by the supplier's assessments." },
	{ "next_review", "Next assessment", FT_DATE, F_LIST,
	  .help = "Past this day, or past the contract's end, the supplier is overdue." },
	{ "last_result", "Last result", FT_ENUM, F_COMPUTED | F_LIST, .values = assessment_results,
	  .help = "The result of the latest assessment." },
	{ "notes", "Notes", FT_LONGTEXT, 0, .max_len = 4000 },
};

const struct entity entity_supplier = {
	.name = "supplier", .plural = "suppliers", .table = "supplier",
	.label = "Supplier", .label_plural = "Suppliers",
	.title_field = "name", .default_sort = "name",
	.intro = "Third parties, what they do for you, what they can see and when they are next assessed.",
	.read_role = ROLE_AUDITOR, .create_role = ROLE_MANAGER, .write_role = ROLE_MANAGER,
	.overdue = { "next_review", "status", { "terminated", NULL }, "contract_end" },
	ENTITY_FIELDS(fields),
};
