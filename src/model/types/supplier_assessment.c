/* supplier_assessment: one assessment of a supplier's security (Annex A
 * 5.19-5.22) — when, by whom, the result, a score, the findings and when the
 * next one is due. Recording one brings the supplier's last and next
 * assessment up to date in the same transaction (isms/supplier.h). */
#include "model/entity.h"

static const char *const results[] = { "acceptable", "acceptable_with_conditions", "unacceptable", NULL };

static const struct field fields[] = {
	{ "supplier", "Supplier", FT_REF, F_REQUIRED | F_LIST, .ref = "supplier" },
	{ "assessed_on", "Assessed on", FT_DATE, F_REQUIRED | F_LIST, .help = "The day the assessment was done." },
	{ "assessor", "Assessor", FT_USER, F_CALLER | F_LIST, .help = "Who assessed; you, unless someone else is chosen." },
	{ "result", "Result", FT_ENUM, F_REQUIRED | F_LIST, .values = results,
	  .help = "Acceptable with conditions needs the conditions in the findings." },
	{ "score", "Score", FT_INT, F_LIST, .min = 0, .max = 100,
	  .help = "From 0 to 100, as your questionnaire or checklist counts it." },
	{ "findings", "Findings", FT_LONGTEXT, F_SEARCH, .max_len = 8000,
	  .help = "What was found, and the conditions the supplier must meet." },
	{ "next_assessment", "Next assessment", FT_DATE, F_LIST,
	  .help = "When to assess the supplier again; after the assessment date." },
};

const struct entity entity_supplier_assessment = {
	.name = "supplier_assessment", .plural = "supplier-assessments", .table = "supplier_assessment",
	.label = "Supplier assessment", .label_plural = "Supplier assessments",
	.title_field = "assessed_on", .default_sort = "-assessed_on",
	.intro = "Assessments of suppliers: each updates its supplier's last and next assessment.",
	.read_role = ROLE_AUDITOR, .create_role = ROLE_MANAGER, .write_role = ROLE_MANAGER,
	ENTITY_FIELDS(fields),
};
