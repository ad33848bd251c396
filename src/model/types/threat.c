/* threat: an entry of the threat catalogue (ISO 27001 6.1.2; SPEC row 6.1):
 * something that could harm the organisation's information, its family and
 * the security properties it typically harms. Risks refer to threats; a
 * starter set comes with the schema (migration 0008).
 *
 * Read by whoever reads risks; changed by the ISMS manager and up, because
 * one entry is shared by every risk that names it: editing it changes the
 * meaning of all of them, like changing the risk method. */
#include "model/entity.h"

static const char *const families[] = {
	"physical", "natural", "technical_failure", "human_error", "malicious", "legal", NULL,
};

static const struct field fields[] = {
	{ "name", "Name", FT_TEXT, F_REQUIRED | F_LIST | F_SEARCH, .max_len = 200 },
	{ "family", "Family", FT_ENUM, F_REQUIRED | F_LIST, .values = families,
	  .help = "Where it comes from: physical, natural, technical failure, human error, malicious or legal." },
	{ "description", "Description", FT_LONGTEXT, F_SEARCH, .max_len = 2000,
	  .help = "What happens when this threat occurs, in a sentence or two." },
	{ "confidentiality", "Confidentiality", FT_BOOL, F_LIST, .def = "0",
	  .help = "It can expose information to people who should not see it." },
	{ "integrity", "Integrity", FT_BOOL, F_LIST, .def = "0",
	  .help = "It can make information wrong, incomplete or untrustworthy." },
	{ "availability", "Availability", FT_BOOL, F_LIST, .def = "0",
	  .help = "It can make information or services unavailable when needed." },
};

const struct entity entity_threat = {
	.name = "threat", .plural = "threats", .table = "threat",
	.label = "Threat", .label_plural = "Threats",
	.title_field = "name", .default_sort = "name",
	.intro = "The threat catalogue: what could harm your information, and which of confidentiality, "
		 "integrity and availability it harms.",
	.read_role = ROLE_AUDITOR, .create_role = ROLE_MANAGER, .write_role = ROLE_MANAGER,
	ENTITY_FIELDS(fields),
};
