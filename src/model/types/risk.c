/* risk: one scenario of the risk register (ISO 27001 6.1.2, 6.1.3, 8.2, 8.3):
 * what could happen to which asset, how likely and how bad, before and after
 * treatment. Likelihood and impact are values of the risk method's scales
 * (isms/risk_method.h), checked and turned into levels by isms/risk.c;
 * scores are their products, computed by the database. */
#include "model/entity.h"

/* Bounds of any risk method's values; the current method's scale is
 * checked by isms/risk.c inside the write. */
#define SCALE_BOUNDS .min = 0, .max = 1000

static const char *const treatments[] = { "modify", "avoid", "share", "retain", NULL };
static const char *const share_mechanisms[] = { "insurance", "contract", "outsourcing", "other", NULL };
static const char *const statuses[] = {
	"identified", "assessed", "treatment_planned", "in_treatment", "accepted", "closed", NULL,
};

static const struct field fields[] = {
	{ "title", "Title", FT_TEXT, F_REQUIRED | F_LIST | F_SEARCH, .max_len = 200 },
	{ "description", "Scenario", FT_LONGTEXT, F_SEARCH, .max_len = 4000,
	  .help = "What could happen, to what, and with what consequence." },
	{ "asset", "Asset", FT_REF, F_LIST, .ref = "asset" },
	{ "threat", "Threat", FT_REF, 0, .ref = "threat", .help = "What could happen: an entry of the threat catalogue." },
	{ "vulnerability", "Vulnerability", FT_REF, 0, .ref = "vulnerability",
	  .help = "The weakness the threat would exploit: an entry of the vulnerability catalogue." },
	{ "owner", "Risk owner", FT_USER, F_LIST,
	  .help = "The person with the authority to accept or treat this risk." },
	{ "likelihood", "Likelihood", FT_INT, 0, SCALE_BOUNDS, .help = "Before treatment: a value of the risk method's likelihood scale." },
	{ "impact", "Impact", FT_INT, 0, SCALE_BOUNDS, .help = "Before treatment: a value of the risk method's impact scale." },
	{ "inherent_score", "Inherent score", FT_INT, F_COMPUTED },
	{ "inherent_level", "Inherent level", FT_TEXT, F_COMPUTED | F_LIST | F_LEVEL, .max_len = 32 },
	{ "existing_controls", "Existing controls", FT_LONGTEXT, 0, .max_len = 4000 },
	{ "treatment", "Treatment", FT_ENUM, F_LIST, .values = treatments,
	  .help = "Modify (reduce), avoid, share (transfer) or retain (accept)." },
	{ "treatment_plan", "Treatment plan", FT_LONGTEXT, 0, .max_len = 4000,
	  .help = "For modify: the controls and actions planned, with owners and dates." },
	{ "share_party", "Shared with", FT_TEXT, 0, .max_len = 200,
	  .help = "For share: who carries part of the risk, e.g. the insurer or the service provider." },
	{ "share_mechanism", "Shared through", FT_ENUM, 0, .values = share_mechanisms,
	  .help = "For share: how the risk is passed on." },
	{ "avoid_activity", "Activity stopped", FT_TEXT, 0, .max_len = 500,
	  .help = "For avoid: the activity, process or system given up so the risk no longer arises." },
	{ "residual_likelihood", "Residual likelihood", FT_INT, 0, SCALE_BOUNDS, .help = "After treatment, on the same scale." },
	{ "residual_impact", "Residual impact", FT_INT, 0, SCALE_BOUNDS, .help = "After treatment, on the same scale." },
	{ "residual_score", "Residual score", FT_INT, F_COMPUTED },
	{ "residual_level", "Residual level", FT_TEXT, F_COMPUTED | F_LIST | F_LEVEL, .max_len = 32 },
	{ "status", "Status", FT_ENUM, F_LIST, .values = statuses, .def = "identified" },
	{ "review_date", "Next review", FT_DATE, F_LIST,
	  .help = "Left empty, it follows from the level's review interval in the risk method." },
	{ "method_version", "Risk method version", FT_INT, F_COMPUTED,
	  .help = "The version of the risk method the scores were assessed with." },
};

const struct entity entity_risk = {
	.name = "risk", .plural = "risks", .table = "risk",
	.label = "Risk", .label_plural = "Risks",
	.title_field = "title", .default_sort = "-inherent_score",
	.intro = "The risk register: scenarios, their scores before and after treatment, and who owns them.",
	.read_role = ROLE_AUDITOR, .create_role = ROLE_OWNER, .write_role = ROLE_OWNER,
	.write_scope = { ROLE_MANAGER, { "owner" } },
	.overdue = { "review_date", "status", { "closed", NULL } },
	ENTITY_FIELDS(fields),
};
