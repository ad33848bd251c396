/* party_requirement: one requirement of an interested party (ISO 27001
 * 4.2 c) — a law, a regulation, a clause of a contract — whether the ISMS
 * addresses it, and the controls that satisfy it (a link kind in
 * isms/link.c; the party is a link kind too, with party as its primary
 * field, so the party's page lists its requirements). */
#include "model/entity.h"

static const char *const types[] = { "legal", "regulatory", "contractual", "other", NULL };

static const struct field fields[] = {
	{ "requirement", "Requirement", FT_TEXT, F_REQUIRED | F_LIST | F_SEARCH, .max_len = 300,
	  .help = "What the party requires, in one line: \"Report personal-data breaches within 72 hours\"." },
	{ "party", "Interested party", FT_REF, F_LIST, .ref = "interested_party",
	  .help = "Who requires it. Several parties may share a requirement: link the others below." },
	{ "requirement_type", "Type", FT_ENUM, F_REQUIRED | F_LIST, .values = types,
	  .help = "Legal: a law. Regulatory: a regulator's rule or order. Contractual: a clause of an agreement." },
	{ "source", "Source", FT_TEXT, F_LIST | F_SEARCH, .max_len = 300,
	  .help = "Where it is written: the act and article, the contract and clause." },
	{ "details", "Details", FT_LONGTEXT, F_SEARCH, .max_len = 4000 },
	{ "addressed", "Addressed by the ISMS", FT_BOOL, F_LIST, .def = "0",
	  .help = "Tick when the ISMS covers it; link the controls that satisfy it below." },
};

const struct entity entity_party_requirement = {
	.name = "party_requirement", .plural = "party-requirements", .table = "party_requirement",
	.label = "Party requirement", .label_plural = "Party requirements",
	.title_field = "requirement", .default_sort = "requirement",
	.intro = "Legal, regulatory and contractual requirements of interested parties, and the controls that meet them.",
	.read_role = ROLE_AUDITOR, .create_role = ROLE_MANAGER, .write_role = ROLE_MANAGER,
	ENTITY_FIELDS(fields),
};
