/* interested_party: someone with a stake in the organisation's information
 * security (ISO 27001 4.2) — customers, regulators, staff, suppliers. What
 * they require is a record of its own (party_requirement), listed on the
 * party's page through the requirement's party link. */
#include "model/entity.h"

static const char *const kinds[] = {
	"customer", "regulator", "employee", "supplier", "shareholder", "public", "other", NULL,
};
static const char *const influences[] = { "low", "medium", "high", NULL };

static const struct field fields[] = {
	{ "name", "Name", FT_TEXT, F_REQUIRED | F_LIST | F_SEARCH, .max_len = 200 },
	{ "kind", "Kind", FT_ENUM, F_REQUIRED | F_LIST, .values = kinds },
	{ "description", "Description", FT_LONGTEXT, F_SEARCH, .max_len = 4000,
	  .help = "Who they are and why their view of information security matters." },
	{ "influence", "Influence", FT_ENUM, F_LIST, .values = influences,
	  .help = "How strongly they can affect the organisation: a regulator that can fine it is high." },
	{ "owner", "Relationship owner", FT_USER, F_LIST, .help = "Who speaks with them and follows what they need." },
	{ "review_date", "Next review", FT_DATE, F_LIST },
};

const struct entity entity_interested_party = {
	.name = "interested_party", .plural = "parties", .table = "interested_party",
	.label = "Interested party", .label_plural = "Interested parties",
	.title_field = "name", .default_sort = "name",
	.intro = "Who has a stake in your information security, and what they require of it.",
	.read_role = ROLE_AUDITOR, .create_role = ROLE_MANAGER, .write_role = ROLE_MANAGER,
	ENTITY_FIELDS(fields),
};
