/* issue: an internal or external issue that bears on what the ISMS must
 * achieve (ISO 27001 4.1) — a change of law, a move to the cloud, a
 * shortage of staff — with its effect on the ISMS, who watches it and when
 * it is looked at again. Changes since a date feed the management review
 * (isms/context.h). */
#include "model/entity.h"

static const char *const kinds[] = { "internal", "external", NULL };
static const char *const categories[] = {
	"political", "economic", "social", "technological", "legal", "environmental",
	"organisational", "people", "other", NULL,
};
static const char *const statuses[] = { "open", "monitoring", "closed", NULL };

static const struct field fields[] = {
	{ "title", "Title", FT_TEXT, F_REQUIRED | F_LIST | F_SEARCH, .max_len = 200 },
	{ "kind", "Internal or external", FT_ENUM, F_REQUIRED | F_LIST, .values = kinds,
	  .help = "Internal: within the organisation (culture, resources, structure). External: around it (law, "
		  "market, technology, threats)." },
	{ "category", "Category", FT_ENUM, F_LIST, .values = categories,
	  .help = "The first six follow the PESTLE headings; the others cover the organisation itself." },
	{ "description", "Description", FT_LONGTEXT, F_SEARCH, .max_len = 4000 },
	{ "effect", "Effect on the ISMS", FT_LONGTEXT, F_SEARCH, .max_len = 4000,
	  .help = "What the issue changes for information security: a new risk, a requirement, a limit on the scope." },
	{ "owner", "Owner", FT_USER, F_LIST, .help = "Who keeps an eye on the issue and reports changes." },
	{ "status", "Status", FT_ENUM, F_LIST, .values = statuses, .def = "open",
	  .help = "Monitoring: no action needed now, but it is watched. Closed: it no longer bears on the ISMS." },
	{ "review_date", "Next review", FT_DATE, F_LIST },
};

const struct entity entity_issue = {
	.name = "issue", .plural = "issues", .table = "context_issue",
	.label = "Issue", .label_plural = "Issues",
	.title_field = "title", .default_sort = "title",
	.intro = "Internal and external issues that shape what the ISMS must achieve (the context of the organisation).",
	.read_role = ROLE_AUDITOR, .create_role = ROLE_MANAGER, .write_role = ROLE_MANAGER,
	ENTITY_FIELDS(fields),
};
