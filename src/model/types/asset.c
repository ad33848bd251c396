/* asset: anything of value to the organisation that the ISMS protects
 * (ISO 27001 6.1.2; SPEC row 6.1). */
#include "model/entity.h"

static const char *const asset_types[] = {
	"information", "software", "hardware", "service", "people", "site", "supplier_service", NULL,
};
static const char *const lifecycle[] = { "planned", "in_use", "retired", NULL };

static const struct field fields[] = {
	{ "name", "Name", FT_TEXT, F_REQUIRED | F_LIST | F_SEARCH, .max_len = 200 },
	{ "asset_type", "Type", FT_ENUM, F_REQUIRED | F_LIST, .values = asset_types },
	{ "description", "Description", FT_LONGTEXT, F_SEARCH, .max_len = 4000 },
	{ "owner", "Owner", FT_USER, F_LIST, .help = "The person accountable for protecting this asset." },
	{ "classification", "Classification", FT_TEXT, F_LIST | F_CLASS, .max_len = 32, .def = "internal",
	  .help = "A level of the classification scheme; it says how the information must be handled." },
	{ "confidentiality", "Confidentiality", FT_INT, 0, .min = 1, .max = 4,
	  .help = "Protection need: 1 low, 2 medium, 3 high, 4 very high." },
	{ "integrity", "Integrity", FT_INT, 0, .min = 1, .max = 4,
	  .help = "Protection need: 1 low, 2 medium, 3 high, 4 very high." },
	{ "availability", "Availability", FT_INT, 0, .min = 1, .max = 4,
	  .help = "Protection need: 1 low, 2 medium, 3 high, 4 very high." },
	/* the own values raised to those of every asset that depends on this
	 * one (isms/protection.h): written by the domain, never by callers */
	{ "effective_confidentiality", "Effective confidentiality", FT_INT, F_COMPUTED | F_PANEL, .min = 1, .max = 4,
	  .help = "The highest confidentiality of this asset and of every asset that depends on it." },
	{ "effective_integrity", "Effective integrity", FT_INT, F_COMPUTED | F_PANEL, .min = 1, .max = 4,
	  .help = "The highest integrity of this asset and of every asset that depends on it." },
	{ "effective_availability", "Effective availability", FT_INT, F_COMPUTED | F_PANEL, .min = 1, .max = 4,
	  .help = "The highest availability of this asset and of every asset that depends on it." },
	{ "effective_classification", "Effective classification", FT_TEXT, F_COMPUTED | F_CLASS | F_PANEL, .max_len = 32,
	  .help = "The strictest classification of this asset and of every asset that depends on it." },
	{ "location", "Location", FT_TEXT, F_SEARCH, .max_len = 200,
	  .help = "Where it lives: site, data centre, cloud region or system." },
	{ "lifecycle", "Lifecycle", FT_ENUM, F_LIST, .values = lifecycle, .def = "in_use" },
};

const struct entity entity_asset = {
	.name = "asset", .plural = "assets", .table = "asset",
	.label = "Asset", .label_plural = "Assets",
	.title_field = "name", .default_sort = "name",
	.intro = "Information, systems, services, people and places the ISMS protects.",
	.read_role = ROLE_EMPLOYEE, .create_role = ROLE_OWNER, .write_role = ROLE_OWNER,
	/* owners change the assets they own; the ISMS manager changes any */
	.write_scope = { ROLE_MANAGER, { "owner" } },
	ENTITY_FIELDS(fields),
};
