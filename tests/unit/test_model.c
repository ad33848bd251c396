/* test_model: unit tests for src/model — the invariants of the entity table
 * (checked for every type and every field, so a new type or field is
 * covered without touching this file), roles, and the two validation doors
 * validate_json (API) and validate_form (web UI). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/util.h"
#include "model/entity.h"
#include "model/role.h"
#include "model/validate.h"

/* ---- helpers --------------------------------------------------------- */

static const struct entity *ent_named(const char *name)
{
	const struct entity *ent = entity_by_name(name);
	assert_non_null(ent);
	return ent;
}

static int fidx(const struct entity *ent, const char *name)
{
	int i = entity_field_index(ent, name);
	if (i < 0)
		fail_msg("no field %s in %s", name, ent->name);
	return i;
}

/* The code of the error on `field`, or NULL when there is none. */
static const char *field_code(const struct err *e, const char *field)
{
	for (int i = 0; i < e->nfields; i++)
		if (strcmp(e->fields[i].field, field) == 0)
			return e->fields[i].code;
	return NULL;
}

/* Runs validate_json on a JSON text; the JSON must parse. */
static int vjson(const struct entity *ent, const char *text, int creating, struct arena *a, struct input *in,
		 struct err *e)
{
	json_error_t je;
	json_t *obj = json_loads(text, JSON_DECODE_ANY, &je);
	int rc;
	if (!obj)
		fail_msg("bad test JSON %s: %s", text, je.text);
	rc = validate_json(ent, obj, creating, a, in, e);
	json_decref(obj);
	return rc;
}

/* JSON text {"name":"...","asset_type":"hardware"} with name = n copies of unit. */
static char *asset_json_with_name(struct arena *a, const char *unit, int n)
{
	size_t ul = strlen(unit);
	char *name = arena_alloc(a, ul * (size_t)n + 1);
	for (int i = 0; i < n; i++)
		memcpy(name + ul * (size_t)i, unit, ul);
	return arena_printf(a, "{\"name\":\"%s\",\"asset_type\":\"hardware\"}", name);
}

static int is_identifier(const char *s)
{
	if (!s || !*s || !((*s >= 'a' && *s <= 'z') || *s == '_'))
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

static int is_texty(enum field_type t)
{
	return t == FT_TEXT || t == FT_LONGTEXT || t == FT_EMAIL;
}

/* ---- entity table ---------------------------------------------------- */

static void entity_table_lists_the_types_in_order(void **state)
{
	static const char *const names[] = { "asset", "threat", "vulnerability", "risk", "control", "document",
					     "incident", "nonconformity", "review", "supplier", "supplier_assessment", "task",
					     "course", "issue", "interested_party", "party_requirement", "process", "objective",
					     "kpi", "audit_area", "audit_programme", "internal_audit" };
	(void)state;
	assert_int_equal(entity_count, 22);
	for (int i = 0; i < entity_count; i++)
		assert_string_equal(entity_table[i]->name, names[i]);
}

static void entity_every_type_has_names_labels_and_fields(void **state)
{
	(void)state;
	for (int i = 0; i < entity_count; i++) {
		const struct entity *ent = entity_table[i];
		assert_true(is_identifier(ent->name));
		assert_true(is_identifier(ent->plural) || strchr(ent->plural, '-')); /* a URL segment: party-requirements */
		assert_true(is_identifier(ent->table));
		assert_non_null(ent->label);
		assert_non_null(ent->label_plural);
		assert_non_null(ent->intro);
		assert_non_null(ent->fields);
		assert_true(ent->nfields > 0);
		assert_true(ent->label[0] >= 'A' && ent->label[0] <= 'Z');
	}
}

static void entity_names_plurals_and_tables_are_unique(void **state)
{
	(void)state;
	for (int i = 0; i < entity_count; i++)
		for (int j = i + 1; j < entity_count; j++) {
			assert_string_not_equal(entity_table[i]->name, entity_table[j]->name);
			assert_string_not_equal(entity_table[i]->plural, entity_table[j]->plural);
			assert_string_not_equal(entity_table[i]->table, entity_table[j]->table);
			assert_string_not_equal(entity_table[i]->name, entity_table[j]->plural);
		}
}

static void entity_by_name_finds_every_type(void **state)
{
	(void)state;
	for (int i = 0; i < entity_count; i++)
		assert_ptr_equal(entity_by_name(entity_table[i]->name), entity_table[i]);
	assert_null(entity_by_name("nope"));
	assert_null(entity_by_name(""));
	assert_null(entity_by_name("assets")); /* a plural is not a name */
	assert_null(entity_by_name("Asset"));
}

static void entity_by_plural_finds_every_type(void **state)
{
	(void)state;
	for (int i = 0; i < entity_count; i++) {
		const struct entity *ent = entity_table[i];
		char path[64];
		assert_ptr_equal(entity_by_plural(ent->plural, -1), ent);
		/* a length-bounded lookup, as the router does on "/assets/12" */
		snprintf(path, sizeof(path), "%s/12", ent->plural);
		assert_ptr_equal(entity_by_plural(path, (int)strlen(ent->plural)), ent);
		assert_null(entity_by_plural(path, -1));
		assert_null(entity_by_plural(ent->plural, (int)strlen(ent->plural) - 1));
	}
	assert_null(entity_by_plural("asset", -1));
	assert_null(entity_by_plural("", 0));
	assert_null(entity_by_plural("", -1));
}

static void entity_field_names_are_unique_identifiers_not_system_columns(void **state)
{
	(void)state;
	for (int i = 0; i < entity_count; i++) {
		const struct entity *ent = entity_table[i];
		for (int k = 0; k < ent->nfields; k++) {
			const struct field *f = &ent->fields[k];
			if (!is_identifier(f->name))
				fail_msg("%s.%s is not an identifier", ent->name, f->name);
			assert_non_null(f->label);
			assert_false(is_system_column(f->name));
			assert_int_equal(entity_field_index(ent, f->name), k);
			assert_ptr_equal(entity_field(ent, f->name), f);
			for (int m = k + 1; m < ent->nfields; m++)
				if (strcmp(f->name, ent->fields[m].name) == 0)
					fail_msg("%s.%s appears twice", ent->name, f->name);
		}
		assert_int_equal(entity_field_index(ent, "no_such_field"), -1);
		assert_null(entity_field(ent, "no_such_field"));
		assert_int_equal(entity_field_index(ent, "id"), -1);
	}
}

static void entity_enum_fields_have_unique_values(void **state)
{
	(void)state;
	for (int i = 0; i < entity_count; i++) {
		const struct entity *ent = entity_table[i];
		for (int k = 0; k < ent->nfields; k++) {
			const struct field *f = &ent->fields[k];
			int n = 0;
			if (f->type != FT_ENUM) {
				if (f->values)
					fail_msg("%s.%s has values but is no enum", ent->name, f->name);
				continue;
			}
			if (!f->values || !f->values[0])
				fail_msg("%s.%s is an enum without values", ent->name, f->name);
			for (const char *const *v = f->values; *v; v++, n++) {
				if (!is_identifier(*v))
					fail_msg("%s.%s value '%s' is not a lowercase word", ent->name, f->name, *v);
				assert_true(enum_has(f, *v));
				for (const char *const *w = v + 1; *w; w++)
					if (strcmp(*v, *w) == 0)
						fail_msg("%s.%s value '%s' twice", ent->name, f->name, *v);
			}
			assert_true(n >= 2);
			assert_false(enum_has(f, "no_such_value"));
			assert_false(enum_has(f, ""));
		}
	}
}

static void entity_ref_fields_name_existing_types(void **state)
{
	(void)state;
	for (int i = 0; i < entity_count; i++) {
		const struct entity *ent = entity_table[i];
		for (int k = 0; k < ent->nfields; k++) {
			const struct field *f = &ent->fields[k];
			if (f->type != FT_REF) {
				if (f->ref)
					fail_msg("%s.%s has ref but is no FT_REF", ent->name, f->name);
				continue;
			}
			if (!f->ref || !entity_by_name(f->ref))
				fail_msg("%s.%s refers to unknown type '%s'", ent->name, f->name,
					 f->ref ? f->ref : "(null)");
			/* the target's title names links to it */
			assert_non_null(entity_title(entity_by_name(f->ref)));
		}
	}
}

/* A per-record rule names person fields (or the creator) and, optionally,
 * an enum field with one of its values; its role is above the type's read
 * role, or the rule could never apply. */
static void entity_record_scopes_name_real_fields(void **state)
{
	(void)state;
	for (int i = 0; i < entity_count; i++) {
		const struct entity *ent = entity_table[i];
		const struct record_scope *scopes[2] = { &ent->read_scope, &ent->write_scope };
		for (int k = 0; k < 2; k++) {
			const struct record_scope *sc = scopes[k];
			if (sc->all_role == ROLE_ANONYMOUS) {
				if (sc->user_fields[0] || sc->field)
					fail_msg("%s: a scope with fields needs an all_role", ent->name);
				continue;
			}
			if (!sc->user_fields[0] && !sc->field)
				fail_msg("%s: a scope lets nobody below its role in", ent->name);
			if (sc->all_role <= (k ? ent->write_role : ent->read_role))
				fail_msg("%s: scope role not above the type's role", ent->name);
			for (int u = 0; u < SCOPE_USER_FIELDS && sc->user_fields[u]; u++) {
				const struct field *f = entity_field(ent, sc->user_fields[u]);
				if (strcmp(sc->user_fields[u], "created_by") != 0 && (!f || f->type != FT_USER))
					fail_msg("%s: scope names '%s', not a person field", ent->name, sc->user_fields[u]);
			}
			if (sc->field) {
				const struct field *f = entity_field(ent, sc->field);
				/* field = value of an enum, or (value NULL) any field that is set */
				if (!f || (sc->value && (f->type != FT_ENUM || !enum_has(f, sc->value))))
					fail_msg("%s: scope condition %s = %s is not an enum value", ent->name, sc->field,
						 sc->value ? sc->value : "(null)");
			}
		}
	}
}

static void entity_title_field_is_a_required_text(void **state)
{
	(void)state;
	for (int i = 0; i < entity_count; i++) {
		const struct entity *ent = entity_table[i];
		const struct field *t = entity_title(ent);
		if (!t)
			fail_msg("%s: title_field '%s' is not a field", ent->name, ent->title_field);
		assert_string_equal(t->name, ent->title_field);
		assert_true(t->type == FT_TEXT || t->type == FT_DATE); /* a dated record may be named by its date */
		assert_true(t->flags & F_REQUIRED);
		assert_true(t->flags & F_LIST);
	}
}

static void entity_default_sort_names_a_field_or_id(void **state)
{
	(void)state;
	for (int i = 0; i < entity_count; i++) {
		const struct entity *ent = entity_table[i];
		const char *s = ent->default_sort;
		assert_non_null(s);
		if (*s == '-')
			s++;
		if (strcmp(s, "id") != 0 && !entity_field(ent, s))
			fail_msg("%s: default_sort '%s' is not a field", ent->name, ent->default_sort);
	}
}

static void entity_text_fields_have_a_length_limit(void **state)
{
	(void)state;
	for (int i = 0; i < entity_count; i++) {
		const struct entity *ent = entity_table[i];
		for (int k = 0; k < ent->nfields; k++) {
			const struct field *f = &ent->fields[k];
			if (is_texty(f->type) && f->max_len <= 0)
				fail_msg("%s.%s has no max_len", ent->name, f->name);
			if (f->type == FT_INT && !(f->flags & F_COMPUTED) && !(f->min < f->max))
				fail_msg("%s.%s has no range", ent->name, f->name);
			/* search uses LIKE over text columns only */
			if ((f->flags & F_SEARCH) && !is_texty(f->type))
				fail_msg("%s.%s is searched but not text", ent->name, f->name);
		}
	}
}

static void entity_computed_fields_are_not_required_and_have_no_default(void **state)
{
	int ncomputed = 0;
	(void)state;
	for (int i = 0; i < entity_count; i++) {
		const struct entity *ent = entity_table[i];
		for (int k = 0; k < ent->nfields; k++) {
			const struct field *f = &ent->fields[k];
			if (!(f->flags & F_COMPUTED))
				continue;
			ncomputed++;
			assert_false(f->flags & F_REQUIRED);
			assert_null(f->def);
		}
	}
	assert_true(ncomputed >= 2); /* risk scores */
}

static void entity_defaults_are_valid_values(void **state)
{
	struct arena a = ARENA_INIT;
	(void)state;
	for (int i = 0; i < entity_count; i++) {
		const struct entity *ent = entity_table[i];
		for (int k = 0; k < ent->nfields; k++) {
			const struct field *f = &ent->fields[k];
			struct err e = ERR_INIT;
			const char *out = NULL;
			if (!f->def)
				continue;
			if (f->type == FT_ENUM && !enum_has(f, f->def))
				fail_msg("%s.%s default '%s' is not a value", ent->name, f->name, f->def);
			if (validate_text(f, f->def, &a, &out, &e) != 0)
				fail_msg("%s.%s default '%s' fails validation: %s", ent->name, f->name, f->def,
					 e.nfields ? e.fields[0].code : e.code);
			/* the default is already in normal form */
			assert_string_equal(out, f->def);
		}
	}
	arena_release(&a);
}

static void entity_roles_let_writers_read(void **state)
{
	(void)state;
	for (int i = 0; i < entity_count; i++) {
		const struct entity *ent = entity_table[i];
		assert_true(ent->read_role >= ROLE_EMPLOYEE);
		assert_true(ent->read_role <= ent->create_role);
		assert_true(ent->read_role <= ent->write_role);
		assert_true(ent->create_role <= ROLE_ADMIN && ent->write_role <= ROLE_ADMIN);
	}
}

static void entity_title_returns_the_title_field(void **state)
{
	(void)state;
	assert_string_equal(entity_title(ent_named("asset"))->name, "name");
	assert_string_equal(entity_title(ent_named("risk"))->name, "title");
	assert_string_equal(entity_title(ent_named("supplier"))->name, "name");
}

static void enum_label_capitalises_and_spaces(void **state)
{
	char out[64];
	(void)state;
	enum_label("treatment_planned", out, sizeof(out));
	assert_string_equal(out, "Treatment planned");
	enum_label("low", out, sizeof(out));
	assert_string_equal(out, "Low");
	enum_label("", out, sizeof(out));
	assert_string_equal(out, "");
	enum_label("abcdef", out, 4);
	assert_string_equal(out, "Abc");
}

static void is_system_column_knows_the_seven(void **state)
{
	static const char *const sys[] = { "id", "version", "archived", "created_at", "created_by",
					   "updated_at", "updated_by" };
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(sys); i++)
		assert_true(is_system_column(sys[i]));
	assert_int_equal(ARRAY_SIZE(sys), SYSTEM_NCOLS);
	assert_false(is_system_column("name"));
	assert_false(is_system_column("ID"));
	assert_false(is_system_column(""));
}

/* ---- roles ----------------------------------------------------------- */

static void role_names_parse_back(void **state)
{
	(void)state;
	for (int r = ROLE_EMPLOYEE; r < ROLE_COUNT; r++) {
		enum role out = ROLE_ANONYMOUS;
		assert_int_equal(role_parse(role_name((enum role)r), &out), 0);
		assert_int_equal(out, r);
		assert_non_null(role_label((enum role)r));
	}
	assert_string_equal(role_name(ROLE_MANAGER), "isms_manager");
	assert_string_equal(role_label(ROLE_MANAGER), "ISMS manager");
	assert_string_equal(role_name(ROLE_ADMIN), "admin");
}

static void role_parse_refuses_anonymous_and_unknown(void **state)
{
	enum role out = ROLE_ADMIN;
	(void)state;
	assert_int_equal(role_parse("anonymous", &out), -1);
	assert_int_equal(role_parse("root", &out), -1);
	assert_int_equal(role_parse("", &out), -1);
	assert_int_equal(role_parse("Admin", &out), -1);
	assert_int_equal(out, ROLE_ADMIN); /* untouched */
	assert_string_equal(role_name((enum role)99), "unknown");
	assert_string_equal(role_label((enum role)-1), "Unknown");
}

static void roles_are_ordered_by_power(void **state)
{
	(void)state;
	assert_true(ROLE_ANONYMOUS < ROLE_EMPLOYEE);
	assert_true(ROLE_EMPLOYEE < ROLE_AUDITOR);
	assert_true(ROLE_AUDITOR < ROLE_OWNER);
	assert_true(ROLE_OWNER < ROLE_MANAGER);
	assert_true(ROLE_MANAGER < ROLE_ADMIN);
	assert_int_equal(ROLE_COUNT, ROLE_ADMIN + 1);
}

/* ---- validate_json --------------------------------------------------- */

static void validate_json_accepts_asset_and_applies_defaults(void **state)
{
	const struct entity *ent = ent_named("asset");
	struct arena a = ARENA_INIT;
	struct input in;
	struct err e = ERR_INIT;
	(void)state;
	assert_int_equal(vjson(ent, "{\"name\":\"Laptop\",\"asset_type\":\"hardware\",\"confidentiality\":3}", 1,
			       &a, &in, &e), 0);
	assert_int_equal(e.status, 0);
	assert_string_equal(in.values[fidx(ent, "name")], "Laptop");
	assert_string_equal(in.values[fidx(ent, "asset_type")], "hardware");
	assert_string_equal(in.values[fidx(ent, "confidentiality")], "3");
	assert_string_equal(in.values[fidx(ent, "classification")], "internal");
	assert_int_equal(in.set[fidx(ent, "classification")], 1);
	assert_string_equal(in.values[fidx(ent, "lifecycle")], "in_use");
	assert_null(in.values[fidx(ent, "description")]);
	assert_int_equal(in.set[fidx(ent, "description")], 0);
	assert_int_equal(in.set[fidx(ent, "owner")], 0);
	arena_release(&a);
}

static void validate_json_does_not_override_given_value_with_default(void **state)
{
	const struct entity *ent = ent_named("asset");
	struct arena a = ARENA_INIT;
	struct input in;
	struct err e = ERR_INIT;
	(void)state;
	assert_int_equal(vjson(ent, "{\"name\":\"X\",\"asset_type\":\"site\",\"classification\":\"restricted\","
				    "\"lifecycle\":null}", 1, &a, &in, &e), 0);
	assert_string_equal(in.values[fidx(ent, "classification")], "restricted");
	/* an explicit null stays null */
	assert_null(in.values[fidx(ent, "lifecycle")]);
	assert_int_equal(in.set[fidx(ent, "lifecycle")], 1);
	arena_release(&a);
}

static void validate_json_rejects_unknown_field(void **state)
{
	const struct entity *ent = ent_named("asset");
	struct arena a = ARENA_INIT;
	struct input in;
	struct err e = ERR_INIT;
	(void)state;
	assert_int_equal(vjson(ent, "{\"name\":\"X\",\"asset_type\":\"site\",\"colour\":\"red\"}", 1, &a, &in, &e),
			 -1);
	assert_int_equal(e.status, 400);
	assert_string_equal(e.code, "unknown_field");
	assert_int_equal(e.nfields, 1);
	assert_string_equal(field_code(&e, "colour"), "unknown_field");
	arena_release(&a);
}

static void validate_json_rejects_system_column_as_read_only(void **state)
{
	static const char *const bodies[] = {
		"{\"name\":\"X\",\"asset_type\":\"site\",\"id\":5}",
		"{\"name\":\"X\",\"asset_type\":\"site\",\"version\":2}",
		"{\"name\":\"X\",\"asset_type\":\"site\",\"archived\":true}",
		"{\"name\":\"X\",\"asset_type\":\"site\",\"created_by\":1}",
	};
	static const char *const keys[] = { "id", "version", "archived", "created_by" };
	const struct entity *ent = ent_named("asset");
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(bodies); i++) {
		struct arena a = ARENA_INIT;
		struct input in;
		struct err e = ERR_INIT;
		assert_int_equal(vjson(ent, bodies[i], 0, &a, &in, &e), -1);
		assert_int_equal(e.status, 400);
		assert_non_null(field_code(&e, keys[i]));
		assert_string_equal(field_code(&e, keys[i]), "read_only");
		arena_release(&a);
	}
}

static void validate_json_rejects_computed_field_as_read_only(void **state)
{
	const struct entity *ent = ent_named("risk");
	struct arena a = ARENA_INIT;
	struct input in;
	struct err e = ERR_INIT;
	(void)state;
	assert_int_equal(vjson(ent, "{\"title\":\"R\",\"inherent_score\":25}", 1, &a, &in, &e), -1);
	assert_int_equal(e.status, 400);
	assert_string_equal(field_code(&e, "inherent_score"), "read_only");
	assert_int_equal(in.set[fidx(ent, "inherent_score")], 0);
	arena_release(&a);
}

static void validate_json_reports_all_problems_at_once(void **state)
{
	const struct entity *ent = ent_named("asset");
	struct arena a = ARENA_INIT;
	struct input in;
	struct err e = ERR_INIT;
	(void)state;
	assert_int_equal(vjson(ent, "{\"name\":7,\"asset_type\":\"castle\",\"colour\":1,\"integrity\":9}", 1, &a,
			       &in, &e), -1);
	assert_int_equal(e.status, 400); /* an unknown key makes the whole thing 400 */
	assert_string_equal(field_code(&e, "name"), "type");
	assert_string_equal(field_code(&e, "asset_type"), "enum");
	assert_string_equal(field_code(&e, "colour"), "unknown_field");
	assert_string_equal(field_code(&e, "integrity"), "range");
	assert_int_equal(e.nfields, 4);
	arena_release(&a);
}

static void validate_json_rejects_non_object(void **state)
{
	static const char *const bodies[] = { "[]", "\"x\"", "1", "null" };
	const struct entity *ent = ent_named("asset");
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(bodies); i++) {
		struct arena a = ARENA_INIT;
		struct input in;
		struct err e = ERR_INIT;
		assert_int_equal(vjson(ent, bodies[i], 1, &a, &in, &e), -1);
		assert_int_equal(e.status, 400);
		assert_string_equal(e.code, "bad_json");
		arena_release(&a);
	}
}

static void validate_json_rejects_wrong_types(void **state)
{
	static const struct {
		const char *type, *body, *field;
	} cases[] = {
		{ "asset", "{\"name\":5}", "name" },
		{ "asset", "{\"name\":true}", "name" },
		{ "asset", "{\"name\":[\"x\"]}", "name" },
		{ "asset", "{\"asset_type\":1}", "asset_type" },
		{ "asset", "{\"confidentiality\":\"3\"}", "confidentiality" },
		{ "asset", "{\"confidentiality\":2.5}", "confidentiality" },
		{ "asset", "{\"confidentiality\":true}", "confidentiality" },
		{ "asset", "{\"owner\":\"1\"}", "owner" },
		{ "asset", "{\"description\":{}}", "description" },
		{ "risk", "{\"asset\":\"1\"}", "asset" },
		{ "incident", "{\"personal_data_breach\":\"true\"}", "personal_data_breach" },
		{ "incident", "{\"personal_data_breach\":1}", "personal_data_breach" },
		{ "incident", "{\"occurred_at\":0}", "occurred_at" },
		{ "supplier", "{\"contract_end\":20260101}", "contract_end" },
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct arena a = ARENA_INIT;
		struct input in;
		struct err e = ERR_INIT;
		const char *code;
		assert_int_equal(vjson(ent_named(cases[i].type), cases[i].body, 0, &a, &in, &e), -1);
		assert_int_equal(e.status, 422);
		assert_string_equal(e.code, "validation");
		code = field_code(&e, cases[i].field);
		if (!code || strcmp(code, "type") != 0)
			fail_msg("%s %s: expected type error, got %s", cases[i].type, cases[i].body,
				 code ? code : "none");
		arena_release(&a);
	}
}

static void validate_json_counts_code_points_for_max_len(void **state)
{
	const struct entity *ent = ent_named("asset"); /* name: max 200 */
	(void)state;
	{
		struct arena a = ARENA_INIT;
		struct input in;
		struct err e = ERR_INIT;
		/* 200 × "é" is 400 bytes but 200 characters */
		assert_int_equal(vjson(ent, asset_json_with_name(&a, "é", 200), 1, &a, &in, &e), 0);
		assert_int_equal(strlen(in.values[fidx(ent, "name")]), 400);
		arena_release(&a);
	}
	{
		struct arena a = ARENA_INIT;
		struct input in;
		struct err e = ERR_INIT;
		assert_int_equal(vjson(ent, asset_json_with_name(&a, "é", 201), 1, &a, &in, &e), -1);
		assert_int_equal(e.status, 422);
		assert_string_equal(field_code(&e, "name"), "too_long");
		arena_release(&a);
	}
	{
		struct arena a = ARENA_INIT;
		struct input in;
		struct err e = ERR_INIT;
		assert_int_equal(vjson(ent, asset_json_with_name(&a, "a", 200), 1, &a, &in, &e), 0);
		arena_release(&a);
	}
	{
		struct arena a = ARENA_INIT;
		struct input in;
		struct err e = ERR_INIT;
		assert_int_equal(vjson(ent, asset_json_with_name(&a, "a", 201), 1, &a, &in, &e), -1);
		assert_string_equal(field_code(&e, "name"), "too_long");
		arena_release(&a);
	}
	{
		struct arena a = ARENA_INIT;
		struct input in;
		struct err e = ERR_INIT;
		/* 4-byte characters: 200 emoji are fine */
		assert_int_equal(vjson(ent, asset_json_with_name(&a, "\xF0\x9F\x98\x80", 200), 1, &a, &in, &e), 0);
		arena_release(&a);
	}
}

static void validate_json_rejects_value_outside_enum(void **state)
{
	const struct entity *ent = ent_named("asset");
	struct arena a = ARENA_INIT;
	struct input in;
	struct err e = ERR_INIT;
	(void)state;
	assert_int_equal(vjson(ent, "{\"asset_type\":\"Hardware\"}", 0, &a, &in, &e), -1);
	assert_int_equal(e.status, 422);
	assert_string_equal(field_code(&e, "asset_type"), "enum");
	assert_non_null(strstr(e.fields[0].message, "hardware"));
	arena_release(&a);
}

static void validate_json_checks_int_range(void **state)
{
	const struct entity *ent = ent_named("asset"); /* confidentiality 1..4 */
	(void)state;
	for (int v = -1; v <= 6; v++) {
		struct arena a = ARENA_INIT;
		struct input in;
		struct err e = ERR_INIT;
		char body[64];
		int ok = v >= 1 && v <= 4;
		snprintf(body, sizeof(body), "{\"confidentiality\":%d}", v);
		assert_int_equal(vjson(ent, body, 0, &a, &in, &e), ok ? 0 : -1);
		if (ok) {
			int64_t n;
			assert_int_equal(parse_int64(in.values[fidx(ent, "confidentiality")], &n), 0);
			assert_int_equal(n, v);
		} else {
			assert_int_equal(e.status, 422);
			assert_string_equal(field_code(&e, "confidentiality"), "range");
		}
		arena_release(&a);
	}
}

static void validate_json_requires_required_fields_on_create(void **state)
{
	const struct entity *ent = ent_named("asset");
	struct arena a = ARENA_INIT;
	struct input in;
	struct err e = ERR_INIT;
	(void)state;
	assert_int_equal(vjson(ent, "{}", 1, &a, &in, &e), -1);
	assert_int_equal(e.status, 422);
	assert_string_equal(field_code(&e, "name"), "required");
	assert_string_equal(field_code(&e, "asset_type"), "required");
	assert_int_equal(e.nfields, 2);
	arena_release(&a);
}

static void validate_json_required_field_null_or_empty_is_refused(void **state)
{
	static const char *const bodies[] = {
		"{\"name\":null,\"asset_type\":\"site\"}",
		"{\"name\":\"\",\"asset_type\":\"site\"}",
	};
	const struct entity *ent = ent_named("asset");
	(void)state;
	for (int creating = 0; creating <= 1; creating++)
		for (size_t i = 0; i < ARRAY_SIZE(bodies); i++) {
			struct arena a = ARENA_INIT;
			struct input in;
			struct err e = ERR_INIT;
			assert_int_equal(vjson(ent, bodies[i], creating, &a, &in, &e), -1);
			assert_int_equal(e.status, 422);
			assert_string_equal(field_code(&e, "name"), "required");
			arena_release(&a);
		}
}

static void validate_json_update_sets_only_given_fields(void **state)
{
	const struct entity *ent = ent_named("asset");
	struct arena a = ARENA_INIT;
	struct input in;
	struct err e = ERR_INIT;
	(void)state;
	assert_int_equal(vjson(ent, "{\"description\":\"New text\"}", 0, &a, &in, &e), 0);
	for (int i = 0; i < ent->nfields; i++) {
		int expect = i == fidx(ent, "description");
		if (in.set[i] != expect)
			fail_msg("field %s set=%d", ent->fields[i].name, in.set[i]);
		if (!expect)
			assert_null(in.values[i]);
	}
	assert_string_equal(in.values[fidx(ent, "description")], "New text");
	arena_release(&a);
}

static void validate_json_empty_string_clears_to_null(void **state)
{
	const struct entity *ent = ent_named("supplier");
	struct arena a = ARENA_INIT;
	struct input in;
	struct err e = ERR_INIT;
	(void)state;
	/* also for types that would refuse "" as a value (email, date, enum) */
	assert_int_equal(vjson(ent, "{\"notes\":\"\",\"contact_email\":\"\",\"contract_end\":\"\","
				    "\"criticality\":\"\"}", 0, &a, &in, &e), 0);
	assert_int_equal(in.set[fidx(ent, "notes")], 1);
	assert_null(in.values[fidx(ent, "notes")]);
	assert_int_equal(in.set[fidx(ent, "contact_email")], 1);
	assert_null(in.values[fidx(ent, "contact_email")]);
	assert_null(in.values[fidx(ent, "contract_end")]);
	assert_null(in.values[fidx(ent, "criticality")]);
	arena_release(&a);
}

static void validate_json_bools_become_one_and_zero(void **state)
{
	const struct entity *ent = ent_named("incident");
	int i = fidx(ent, "personal_data_breach");
	(void)state;
	{
		struct arena a = ARENA_INIT;
		struct input in;
		struct err e = ERR_INIT;
		assert_int_equal(vjson(ent, "{\"personal_data_breach\":true}", 0, &a, &in, &e), 0);
		assert_string_equal(in.values[i], "1");
		arena_release(&a);
	}
	{
		struct arena a = ARENA_INIT;
		struct input in;
		struct err e = ERR_INIT;
		assert_int_equal(vjson(ent, "{\"personal_data_breach\":false}", 0, &a, &in, &e), 0);
		assert_string_equal(in.values[i], "0");
		arena_release(&a);
	}
	{
		struct arena a = ARENA_INIT;
		struct input in;
		struct err e = ERR_INIT;
		/* default on create */
		assert_int_equal(vjson(ent, "{\"title\":\"Phish\"}", 1, &a, &in, &e), 0);
		assert_string_equal(in.values[i], "0");
		assert_string_equal(in.values[fidx(ent, "status")], "reported");
		arena_release(&a);
	}
}

static void validate_json_refuses_control_chars_in_one_line_text(void **state)
{
	static const char *const bodies[] = {
		"{\"name\":\"a\\nb\"}", "{\"name\":\"a\\tb\"}", "{\"name\":\"a\\rb\"}",
		"{\"name\":\"a\\u0001b\"}", "{\"name\":\"a\\u007fb\"}", "{\"name\":\"a\\u001bb\"}",
	};
	const struct entity *ent = ent_named("asset");
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(bodies); i++) {
		struct arena a = ARENA_INIT;
		struct input in;
		struct err e = ERR_INIT;
		assert_int_equal(vjson(ent, bodies[i], 0, &a, &in, &e), -1);
		assert_int_equal(e.status, 422);
		if (!field_code(&e, "name") || strcmp(field_code(&e, "name"), "control_chars") != 0)
			fail_msg("%s not refused as control_chars", bodies[i]);
		arena_release(&a);
	}
}

static void validate_json_allows_newlines_in_longtext(void **state)
{
	const struct entity *ent = ent_named("asset");
	struct arena a = ARENA_INIT;
	struct input in;
	struct err e = ERR_INIT;
	(void)state;
	assert_int_equal(vjson(ent, "{\"description\":\"line 1\\r\\nline 2\\n\\tindented\"}", 0, &a, &in, &e), 0);
	assert_string_equal(in.values[fidx(ent, "description")], "line 1\r\nline 2\n\tindented");
	arena_release(&a);
}

static void validate_json_refuses_other_control_chars_in_longtext(void **state)
{
	static const char *const bodies[] = {
		"{\"description\":\"a\\u0008b\"}", "{\"description\":\"a\\u0007b\"}",
		"{\"description\":\"a\\u007fb\"}", "{\"description\":\"a\\u001bb\"}",
	};
	const struct entity *ent = ent_named("asset");
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(bodies); i++) {
		struct arena a = ARENA_INIT;
		struct input in;
		struct err e = ERR_INIT;
		if (vjson(ent, bodies[i], 0, &a, &in, &e) != -1)
			fail_msg("accepted %s", bodies[i]);
		assert_int_equal(e.status, 422);
		assert_non_null(field_code(&e, "description"));
		arena_release(&a);
	}
}

static void validate_json_refuses_nul_inside_string(void **state)
{
	const struct entity *ent = ent_named("asset");
	struct arena a = ARENA_INIT;
	struct input in;
	struct err e = ERR_INIT;
	json_t *obj = json_object();
	(void)state;
	json_object_set_new(obj, "name", json_stringn("ab\0cd", 5));
	assert_int_equal(validate_json(ent, obj, 0, &a, &in, &e), -1);
	assert_string_equal(field_code(&e, "name"), "encoding");
	json_decref(obj);
	arena_release(&a);
}

static void validate_json_refuses_invalid_utf8(void **state)
{
	const struct entity *ent = ent_named("asset");
	struct arena a = ARENA_INIT;
	struct input in;
	struct err e = ERR_INIT;
	json_t *obj = json_object();
	(void)state;
	json_object_set_new(obj, "name", json_stringn_nocheck("a\xC0\x80", 3));
	assert_int_equal(validate_json(ent, obj, 0, &a, &in, &e), -1);
	assert_string_equal(field_code(&e, "name"), "encoding");
	json_decref(obj);
	arena_release(&a);
}

static void validate_json_checks_email(void **state)
{
	static const char *const good[] = { "a@example.org", "first.last+tag@sub.example.co.uk", "x@y.z" };
	static const char *const bad[] = {
		"nope", "a@b", "@example.org", "a@.org", "a@example.org.", "a b@example.org",
		"a@@example.org", "a@b@example.org", "<a@example.org>", "a@example.org,b@example.org",
	};
	const struct entity *ent = ent_named("supplier");
	int i = fidx(ent, "contact_email");
	(void)state;
	for (size_t k = 0; k < ARRAY_SIZE(good); k++) {
		struct arena a = ARENA_INIT;
		struct input in;
		struct err e = ERR_INIT;
		json_t *obj = json_pack("{ss}", "contact_email", good[k]);
		if (validate_json(ent, obj, 0, &a, &in, &e) != 0)
			fail_msg("refused %s", good[k]);
		assert_string_equal(in.values[i], good[k]);
		json_decref(obj);
		arena_release(&a);
	}
	for (size_t k = 0; k < ARRAY_SIZE(bad); k++) {
		struct arena a = ARENA_INIT;
		struct input in;
		struct err e = ERR_INIT;
		json_t *obj = json_pack("{ss}", "contact_email", bad[k]);
		if (validate_json(ent, obj, 0, &a, &in, &e) != -1)
			fail_msg("accepted %s", bad[k]);
		assert_string_equal(field_code(&e, "contact_email"), "email");
		json_decref(obj);
		arena_release(&a);
	}
}

static void validate_json_checks_dates_and_normalises_datetimes(void **state)
{
	const struct entity *sup = ent_named("supplier");
	const struct entity *inc = ent_named("incident");
	(void)state;
	{
		struct arena a = ARENA_INIT;
		struct input in;
		struct err e = ERR_INIT;
		assert_int_equal(vjson(sup, "{\"contract_start\":\"2024-02-29\"}", 0, &a, &in, &e), 0);
		assert_string_equal(in.values[fidx(sup, "contract_start")], "2024-02-29");
		arena_release(&a);
	}
	{
		struct arena a = ARENA_INIT;
		struct input in;
		struct err e = ERR_INIT;
		assert_int_equal(vjson(sup, "{\"contract_start\":\"2023-02-29\"}", 0, &a, &in, &e), -1);
		assert_string_equal(field_code(&e, "contract_start"), "date");
		arena_release(&a);
	}
	{
		struct arena a = ARENA_INIT;
		struct input in;
		struct err e = ERR_INIT;
		assert_int_equal(vjson(inc, "{\"occurred_at\":\"2026-11-23 12:05\"}", 0, &a, &in, &e), 0);
		assert_string_equal(in.values[fidx(inc, "occurred_at")], "2026-11-23T12:05:00Z");
		arena_release(&a);
	}
	{
		struct arena a = ARENA_INIT;
		struct input in;
		struct err e = ERR_INIT;
		assert_int_equal(vjson(inc, "{\"occurred_at\":\"yesterday\"}", 0, &a, &in, &e), -1);
		assert_string_equal(field_code(&e, "occurred_at"), "datetime");
		arena_release(&a);
	}
}

static void validate_json_refs_must_be_positive_ids(void **state)
{
	const struct entity *ent = ent_named("risk");
	(void)state;
	{
		struct arena a = ARENA_INIT;
		struct input in;
		struct err e = ERR_INIT;
		assert_int_equal(vjson(ent, "{\"asset\":12,\"owner\":3}", 0, &a, &in, &e), 0);
		assert_string_equal(in.values[fidx(ent, "asset")], "12");
		assert_string_equal(in.values[fidx(ent, "owner")], "3");
		arena_release(&a);
	}
	for (int v = -1; v <= 0; v++) {
		struct arena a = ARENA_INIT;
		struct input in;
		struct err e = ERR_INIT;
		char body[64];
		snprintf(body, sizeof(body), "{\"asset\":%d,\"owner\":%d}", v, v);
		assert_int_equal(vjson(ent, body, 0, &a, &in, &e), -1);
		assert_string_equal(field_code(&e, "asset"), "reference");
		assert_string_equal(field_code(&e, "owner"), "reference");
		arena_release(&a);
	}
}

/* ---- validate_form --------------------------------------------------- */

static void validate_form_unchecked_bool_is_zero(void **state)
{
	const struct entity *ent = ent_named("incident");
	const char *names[] = { "title" };
	const char *vals[] = { "Lost laptop" };
	struct arena a = ARENA_INIT;
	struct input in;
	struct err e = ERR_INIT;
	(void)state;
	/* also on update: a form always describes every checkbox */
	assert_int_equal(validate_form(ent, names, vals, 1, 0, &a, &in, &e), 0);
	assert_int_equal(in.set[fidx(ent, "personal_data_breach")], 1);
	assert_string_equal(in.values[fidx(ent, "personal_data_breach")], "0");
	arena_release(&a);
}

static void validate_form_checked_bool_on_is_one(void **state)
{
	const struct entity *ent = ent_named("incident");
	const char *names[] = { "title", "personal_data_breach" };
	const char *vals[] = { "Lost laptop", "on" };
	struct arena a = ARENA_INIT;
	struct input in;
	struct err e = ERR_INIT;
	(void)state;
	assert_int_equal(validate_form(ent, names, vals, 2, 1, &a, &in, &e), 0);
	assert_string_equal(in.values[fidx(ent, "personal_data_breach")], "1");
	arena_release(&a);
}

static void validate_form_bool_refuses_other_words(void **state)
{
	const struct entity *ent = ent_named("incident");
	const char *names[] = { "personal_data_breach" };
	const char *vals[] = { "yes" };
	struct arena a = ARENA_INIT;
	struct input in;
	struct err e = ERR_INIT;
	(void)state;
	assert_int_equal(validate_form(ent, names, vals, 1, 0, &a, &in, &e), -1);
	assert_string_equal(field_code(&e, "personal_data_breach"), "type");
	arena_release(&a);
}

static void validate_form_ignores_control_fields_and_computed(void **state)
{
	const struct entity *ent = ent_named("risk");
	const char *names[] = { "csrf", "version", "title", "inherent_score" };
	const char *vals[] = { "tok", "3", "Ransomware", "25" };
	struct arena a = ARENA_INIT;
	struct input in;
	struct err e = ERR_INIT;
	(void)state;
	assert_int_equal(validate_form(ent, names, vals, 4, 1, &a, &in, &e), 0);
	assert_int_equal(e.status, 0);
	assert_string_equal(in.values[fidx(ent, "title")], "Ransomware");
	assert_int_equal(in.set[fidx(ent, "inherent_score")], 0);
	assert_null(in.values[fidx(ent, "inherent_score")]);
	assert_string_equal(in.values[fidx(ent, "status")], "identified"); /* default */
	arena_release(&a);
}

static void validate_form_empty_string_is_null(void **state)
{
	const struct entity *ent = ent_named("asset");
	const char *names[] = { "description", "confidentiality", "owner" };
	const char *vals[] = { "", "", "" };
	struct arena a = ARENA_INIT;
	struct input in;
	struct err e = ERR_INIT;
	(void)state;
	assert_int_equal(validate_form(ent, names, vals, 3, 0, &a, &in, &e), 0);
	for (int k = 0; k < 3; k++) {
		assert_int_equal(in.set[fidx(ent, names[k])], 1);
		assert_null(in.values[fidx(ent, names[k])]);
	}
	arena_release(&a);
}

static void validate_form_required_empty_on_create_is_refused(void **state)
{
	const struct entity *ent = ent_named("asset");
	const char *names[] = { "name", "asset_type" };
	const char *vals[] = { "", "hardware" };
	struct arena a = ARENA_INIT;
	struct input in;
	struct err e = ERR_INIT;
	(void)state;
	assert_int_equal(validate_form(ent, names, vals, 2, 1, &a, &in, &e), -1);
	assert_int_equal(e.status, 422);
	assert_string_equal(field_code(&e, "name"), "required");
	assert_int_equal(e.nfields, 1);
	arena_release(&a);
}

static void validate_form_parses_and_normalises_numbers(void **state)
{
	const struct entity *ent = ent_named("asset");
	(void)state;
	{
		const char *names[] = { "confidentiality", "owner" };
		const char *vals[] = { "03", "7" };
		struct arena a = ARENA_INIT;
		struct input in;
		struct err e = ERR_INIT;
		assert_int_equal(validate_form(ent, names, vals, 2, 0, &a, &in, &e), 0);
		assert_string_equal(in.values[fidx(ent, "confidentiality")], "3");
		assert_string_equal(in.values[fidx(ent, "owner")], "7");
		arena_release(&a);
	}
	{
		const char *names[] = { "confidentiality", "integrity", "availability" };
		const char *vals[] = { " 3", "3x", "5" };
		struct arena a = ARENA_INIT;
		struct input in;
		struct err e = ERR_INIT;
		assert_int_equal(validate_form(ent, names, vals, 3, 0, &a, &in, &e), -1);
		assert_string_equal(field_code(&e, "confidentiality"), "type");
		assert_string_equal(field_code(&e, "integrity"), "type");
		assert_string_equal(field_code(&e, "availability"), "range");
		arena_release(&a);
	}
}

static void validate_form_counts_code_points_for_max_len(void **state)
{
	const struct entity *ent = ent_named("document"); /* version_label: max 20 */
	const char *names[] = { "version_label" };
	const char *vals[1];
	struct arena a = ARENA_INIT;
	struct input in;
	struct err e = ERR_INIT;
	(void)state;
	vals[0] = "éééééééééééééééééééé"; /* 20 */
	assert_int_equal(validate_form(ent, names, vals, 1, 0, &a, &in, &e), 0);
	vals[0] = "ééééééééééééééééééééé"; /* 21 */
	assert_int_equal(validate_form(ent, names, vals, 1, 0, &a, &in, &e), -1);
	assert_string_equal(field_code(&e, "version_label"), "too_long");
	arena_release(&a);
}

static void validate_form_and_json_agree_on_control_chars(void **state)
{
	const struct entity *ent = ent_named("task");
	const char *names[] = { "title", "description" };
	const char *vals[] = { "two\nlines", "two\nlines" };
	struct arena a = ARENA_INIT;
	struct input in;
	struct err e = ERR_INIT;
	(void)state;
	assert_int_equal(validate_form(ent, names, vals, 2, 0, &a, &in, &e), -1);
	assert_string_equal(field_code(&e, "title"), "control_chars");
	assert_null(field_code(&e, "description"));
	assert_int_equal(e.nfields, 1);
	arena_release(&a);
}

static void validate_text_reads_bool_words(void **state)
{
	const struct field *f = entity_field(ent_named("incident"), "personal_data_breach");
	static const char *const ones[] = { "1", "true", "on" };
	static const char *const zeros[] = { "0", "false" };
	static const char *const bad[] = { "yes", "TRUE", "2", "off", " 1" };
	struct arena a = ARENA_INIT;
	const char *out;
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(ones); i++) {
		struct err e = ERR_INIT;
		assert_int_equal(validate_text(f, ones[i], &a, &out, &e), 0);
		assert_string_equal(out, "1");
	}
	for (size_t i = 0; i < ARRAY_SIZE(zeros); i++) {
		struct err e = ERR_INIT;
		assert_int_equal(validate_text(f, zeros[i], &a, &out, &e), 0);
		assert_string_equal(out, "0");
	}
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		struct err e = ERR_INIT;
		assert_int_equal(validate_text(f, bad[i], &a, &out, &e), -1);
		assert_null(out);
		assert_string_equal(field_code(&e, f->name), "type");
	}
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(entity_table_lists_the_types_in_order),
		cmocka_unit_test(entity_every_type_has_names_labels_and_fields),
		cmocka_unit_test(entity_names_plurals_and_tables_are_unique),
		cmocka_unit_test(entity_by_name_finds_every_type),
		cmocka_unit_test(entity_by_plural_finds_every_type),
		cmocka_unit_test(entity_field_names_are_unique_identifiers_not_system_columns),
		cmocka_unit_test(entity_enum_fields_have_unique_values),
		cmocka_unit_test(entity_ref_fields_name_existing_types),
		cmocka_unit_test(entity_record_scopes_name_real_fields),
		cmocka_unit_test(entity_title_field_is_a_required_text),
		cmocka_unit_test(entity_default_sort_names_a_field_or_id),
		cmocka_unit_test(entity_text_fields_have_a_length_limit),
		cmocka_unit_test(entity_computed_fields_are_not_required_and_have_no_default),
		cmocka_unit_test(entity_defaults_are_valid_values),
		cmocka_unit_test(entity_roles_let_writers_read),
		cmocka_unit_test(entity_title_returns_the_title_field),
		cmocka_unit_test(enum_label_capitalises_and_spaces),
		cmocka_unit_test(is_system_column_knows_the_seven),
		cmocka_unit_test(role_names_parse_back),
		cmocka_unit_test(role_parse_refuses_anonymous_and_unknown),
		cmocka_unit_test(roles_are_ordered_by_power),
		cmocka_unit_test(validate_json_accepts_asset_and_applies_defaults),
		cmocka_unit_test(validate_json_does_not_override_given_value_with_default),
		cmocka_unit_test(validate_json_rejects_unknown_field),
		cmocka_unit_test(validate_json_rejects_system_column_as_read_only),
		cmocka_unit_test(validate_json_rejects_computed_field_as_read_only),
		cmocka_unit_test(validate_json_reports_all_problems_at_once),
		cmocka_unit_test(validate_json_rejects_non_object),
		cmocka_unit_test(validate_json_rejects_wrong_types),
		cmocka_unit_test(validate_json_counts_code_points_for_max_len),
		cmocka_unit_test(validate_json_rejects_value_outside_enum),
		cmocka_unit_test(validate_json_checks_int_range),
		cmocka_unit_test(validate_json_requires_required_fields_on_create),
		cmocka_unit_test(validate_json_required_field_null_or_empty_is_refused),
		cmocka_unit_test(validate_json_update_sets_only_given_fields),
		cmocka_unit_test(validate_json_empty_string_clears_to_null),
		cmocka_unit_test(validate_json_bools_become_one_and_zero),
		cmocka_unit_test(validate_json_refuses_control_chars_in_one_line_text),
		cmocka_unit_test(validate_json_allows_newlines_in_longtext),
		cmocka_unit_test(validate_json_refuses_other_control_chars_in_longtext),
		cmocka_unit_test(validate_json_refuses_nul_inside_string),
		cmocka_unit_test(validate_json_refuses_invalid_utf8),
		cmocka_unit_test(validate_json_checks_email),
		cmocka_unit_test(validate_json_checks_dates_and_normalises_datetimes),
		cmocka_unit_test(validate_json_refs_must_be_positive_ids),
		cmocka_unit_test(validate_form_unchecked_bool_is_zero),
		cmocka_unit_test(validate_form_checked_bool_on_is_one),
		cmocka_unit_test(validate_form_bool_refuses_other_words),
		cmocka_unit_test(validate_form_ignores_control_fields_and_computed),
		cmocka_unit_test(validate_form_empty_string_is_null),
		cmocka_unit_test(validate_form_required_empty_on_create_is_refused),
		cmocka_unit_test(validate_form_parses_and_normalises_numbers),
		cmocka_unit_test(validate_form_counts_code_points_for_max_len),
		cmocka_unit_test(validate_form_and_json_agree_on_control_chars),
		cmocka_unit_test(validate_text_reads_bool_words),
	};
	return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
