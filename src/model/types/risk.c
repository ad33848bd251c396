/* risk: one scenario of the risk register (ISO 27001 6.1.2, 6.1.3, 8.2, 8.3):
 * what could happen to which asset, how likely and how bad, before and after
 * treatment. Scores are computed by the database from the 1-5 scales. */
#include "model/entity.h"

static const char *const treatments[] = { "modify", "avoid", "share", "retain", NULL };
static const char *const statuses[] = {
	"identified", "assessed", "treatment_planned", "in_treatment", "accepted", "closed", NULL,
};

static const struct field fields[] = {
	{ "title", "Title", FT_TEXT, F_REQUIRED | F_LIST | F_SEARCH, .max_len = 200 },
	{ "description", "Scenario", FT_LONGTEXT, F_SEARCH, .max_len = 4000,
	  .help = "What could happen, to what, and with what consequence." },
	{ "asset", "Asset", FT_REF, F_LIST, .ref = "asset" },
	{ "threat", "Threat", FT_TEXT, F_SEARCH, .max_len = 200 },
	{ "vulnerability", "Vulnerability", FT_TEXT, F_SEARCH, .max_len = 200 },
	{ "owner", "Risk owner", FT_USER, F_LIST,
	  .help = "The person with the authority to accept or treat this risk." },
	{ "likelihood", "Likelihood", FT_INT, 0, .min = 1, .max = 5, .help = "Inherent, 1 rare to 5 almost certain." },
	{ "impact", "Impact", FT_INT, 0, .min = 1, .max = 5, .help = "Inherent, 1 negligible to 5 severe." },
	{ "inherent_score", "Inherent score", FT_INT, F_COMPUTED | F_LIST },
	{ "existing_controls", "Existing controls", FT_LONGTEXT, 0, .max_len = 4000 },
	{ "treatment", "Treatment", FT_ENUM, F_LIST, .values = treatments,
	  .help = "Modify (reduce), avoid, share (transfer) or retain (accept)." },
	{ "treatment_plan", "Treatment plan", FT_LONGTEXT, 0, .max_len = 4000 },
	{ "residual_likelihood", "Residual likelihood", FT_INT, 0, .min = 1, .max = 5 },
	{ "residual_impact", "Residual impact", FT_INT, 0, .min = 1, .max = 5 },
	{ "residual_score", "Residual score", FT_INT, F_COMPUTED | F_LIST },
	{ "status", "Status", FT_ENUM, F_LIST, .values = statuses, .def = "identified" },
	{ "review_date", "Next review", FT_DATE, F_LIST },
};

const struct entity entity_risk = {
	.name = "risk", .plural = "risks", .table = "risk",
	.label = "Risk", .label_plural = "Risks",
	.title_field = "title", .default_sort = "-inherent_score",
	.intro = "The risk register: scenarios, their scores before and after treatment, and who owns them.",
	.read_role = ROLE_AUDITOR, .create_role = ROLE_OWNER, .write_role = ROLE_OWNER,
	.write_scope = { ROLE_MANAGER, { "owner" } },
	ENTITY_FIELDS(fields),
};
