/* test_framework_data: the built-in framework library (src/isms/
 * framework_builtin.c and the data files in src/isms/frameworks/) — the exact shape of
 * each built-in (ISO/IEC 27001:2022 clauses and Annex A with its 27002
 * attributes, 27001:2013 Annex A, NIST CSF 2.0, both mappings), unique URNs,
 * no empty titles, mapping endpoints that exist; then all five installed
 * through framework_import_save on a fresh database (SQLite, and PostgreSQL
 * too when $ISMS_TEST_PG_URL names a cluster), counted in the tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "base/arena.h"
#include "isms/framework.h"
#include "isms/framework_builtin.h"
#include "store/store.h"
#include "unit_db.h"

/* ---- helpers --------------------------------------------------------------- */

static struct fw_import load(const char *key, struct arena *a)
{
	struct fw_import imp;
	struct err e = ERR_INIT;
	memset(&imp, 0, sizeof(imp));
	if (framework_builtin_load(key, &imp, a, &e) < 0)
		fail_msg("%s: %s", key, e.message);
	assert_string_equal(imp.origin, "builtin");
	assert_string_equal(imp.file, key);
	return imp;
}

static const struct fw_node *by_ref(const struct fw_def *fw, const char *ref)
{
	for (int i = 0; i < fw->n_nodes; i++)
		if (fw->nodes[i].ref_id && strcmp(fw->nodes[i].ref_id, ref) == 0)
			return &fw->nodes[i];
	return NULL;
}

static const struct fw_node *by_urn(const struct fw_def *fw, const char *urn)
{
	for (int i = 0; i < fw->n_nodes; i++)
		if (strcmp(fw->nodes[i].urn, urn) == 0)
			return &fw->nodes[i];
	return NULL;
}

static int children(const struct fw_def *fw, const char *parent_urn, int assessable_only)
{
	int n = 0;
	for (int i = 0; i < fw->n_nodes; i++)
		if (fw->nodes[i].parent_urn && strcmp(fw->nodes[i].parent_urn, parent_urn) == 0 &&
		    (!assessable_only || fw->nodes[i].assessable))
			n++;
	return n;
}

static int roots(const struct fw_def *fw)
{
	int n = 0;
	for (int i = 0; i < fw->n_nodes; i++)
		n += fw->nodes[i].parent_urn == NULL;
	return n;
}

/* Unique URNs in lower case under the framework's prefix, titles, parents
 * before children, ref_ids present except on key-only roots. */
static void well_formed(const struct fw_def *fw, const char *key, struct arena *a)
{
	const char *prefix = arena_printf(a, "urn:isms:req:%s:", key);
	assert_string_equal(fw->urn, framework_builtin_urn(key, a));
	assert_non_null(fw->ref_id);
	assert_non_null(fw->name);
	for (int i = 0; i < fw->n_nodes; i++) {
		const struct fw_node *n = &fw->nodes[i];
		assert_true(strncmp(n->urn, prefix, strlen(prefix)) == 0);
		for (const char *p = n->urn; *p; p++)
			assert_false(*p >= 'A' && *p <= 'Z');
		assert_non_null(n->title);
		assert_true(strlen(n->title) > 2);
		for (int j = 0; j < i; j++)
			if (strcmp(fw->nodes[j].urn, n->urn) == 0)
				fail_msg("%s: URN %s twice", key, n->urn);
		if (n->parent_urn) {
			int seen = 0;
			for (int j = 0; j < i && !seen; j++)
				seen = strcmp(fw->nodes[j].urn, n->parent_urn) == 0;
			if (!seen)
				fail_msg("%s: %s comes before its parent %s", key, n->urn, n->parent_urn);
		}
	}
}

/* ---- ISO/IEC 27001:2022 ---------------------------------------------------- */

static const char *const attribute_values[][16] = {
	{ "control_type", "preventive", "detective", "corrective", NULL },
	{ "security_properties", "confidentiality", "integrity", "availability", NULL },
	{ "cybersecurity_concepts", "identify", "protect", "detect", "respond", "recover", NULL },
	{ "operational_capabilities", "governance", "asset_management", "information_protection",
	  "human_resource_security", "physical_security", "system_and_network_security", "application_security",
	  "secure_configuration", "identity_and_access_management", "threat_and_vulnerability_management",
	  "continuity", "supplier_relationships_security", "legal_and_compliance",
	  "information_security_event_management", "information_security_assurance" },
	{ "security_domains", "governance_and_ecosystem", "protection", "defence", "resilience", NULL },
};

static const char *const new_in_2022[] = { "A.5.7",  "A.5.23", "A.5.30", "A.7.4",  "A.8.9", "A.8.10",
					   "A.8.11", "A.8.12", "A.8.16", "A.8.23", "A.8.28" };

static int listed(const char *const *list, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (list[i] && strcmp(list[i], s) == 0)
			return 1;
	return 0;
}

/* Every one of the five keys, each a non-empty array of known values; the
 * new_in_2022 key exactly on the eleven new controls. */
static void check_attributes(const struct fw_node *n)
{
	json_error_t je;
	json_t *o = json_loads(n->attributes, 0, &je);
	int is_new = listed(new_in_2022, sizeof(new_in_2022) / sizeof(new_in_2022[0]), n->ref_id);
	if (!o)
		fail_msg("%s: attributes are not JSON: %s", n->ref_id, je.text);
	assert_int_equal(json_object_size(o), 5 + is_new);
	for (size_t k = 0; k < sizeof(attribute_values) / sizeof(attribute_values[0]); k++) {
		json_t *arr = json_object_get(o, attribute_values[k][0]), *v;
		size_t i;
		if (!json_is_array(arr) || json_array_size(arr) == 0)
			fail_msg("%s: no %s", n->ref_id, attribute_values[k][0]);
		json_array_foreach (arr, i, v)
			if (!json_is_string(v) || !listed(attribute_values[k] + 1, 15, json_string_value(v)))
				fail_msg("%s: %s has an unknown value", n->ref_id, attribute_values[k][0]);
	}
	if (is_new) {
		json_t *arr = json_object_get(o, "new_in_2022");
		assert_int_equal(json_array_size(arr), 1);
		assert_string_equal(json_string_value(json_array_get(arr, 0)), "yes");
	}
	json_decref(o);
}

static void iso2022_has_clauses_and_93_annex_a_controls_with_attributes(void **state)
{
	struct arena a = ARENA_INIT;
	struct fw_import imp = load("iso27001-2022", &a);
	const struct fw_def *fw;
	const struct fw_node *annex;
	static const char *const themes[] = { "A.5", "A.6", "A.7", "A.8" };
	static const int per_theme[] = { 37, 8, 14, 34 };
	int in_soa = 0, clause_leaves = 0, marked_new = 0;
	(void)state;
	assert_int_equal(imp.n_fws, 1);
	assert_int_equal(imp.n_sets, 0);
	fw = &imp.fws[0];
	well_formed(fw, "iso27001-2022", &a);
	assert_string_equal(fw->ref_id, "ISO/IEC 27001:2022");
	assert_int_equal(roots(fw), 8); /* clauses 4 to 10 and Annex A */
	annex = by_urn(fw, "urn:isms:req:iso27001-2022:annex-a");
	assert_non_null(annex);
	assert_null(annex->ref_id);
	assert_string_equal(annex->title, "Annex A");
	assert_int_equal(children(fw, annex->urn, 0), 4);
	for (int t = 0; t < 4; t++) {
		const struct fw_node *theme = by_ref(fw, themes[t]);
		assert_non_null(theme);
		assert_false(theme->assessable);
		assert_string_equal(theme->parent_urn, annex->urn);
		assert_int_equal(children(fw, theme->urn, 1), per_theme[t]);
		assert_int_equal(children(fw, theme->urn, 0), per_theme[t]);
	}
	for (int i = 0; i < fw->n_nodes; i++) {
		const struct fw_node *n = &fw->nodes[i];
		int control = n->ref_id && strncmp(n->ref_id, "A.", 2) == 0 && strchr(n->ref_id + 2, '.');
		if (control) {
			assert_true(n->assessable);
			assert_true(n->in_soa);
			assert_non_null(n->guidance);
			check_attributes(n);
			in_soa++;
			marked_new += strstr(n->attributes, "new_in_2022") != NULL;
		} else {
			assert_false(n->in_soa);
			assert_null(n->attributes);
			clause_leaves += n->assessable;
			if (n->assessable)
				assert_non_null(n->guidance);
		}
	}
	assert_int_equal(in_soa, 93);
	assert_int_equal(marked_new, 11);
	assert_int_equal(clause_leaves, 30);
	assert_string_equal(by_ref(fw, "A.8.28")->title, "Secure coding");
	assert_string_equal(by_ref(fw, "6.1.3")->parent_urn, "urn:isms:req:iso27001-2022:6.1");
	assert_string_equal(by_ref(fw, "A.5.30")->attributes,
			    "{\"control_type\":[\"corrective\"],\"security_properties\":[\"availability\"],"
			    "\"cybersecurity_concepts\":[\"respond\"],\"operational_capabilities\":[\"continuity\"],"
			    "\"security_domains\":[\"resilience\"],\"new_in_2022\":[\"yes\"]}");
	arena_release(&a);
}

/* ---- ISO/IEC 27001:2013 ---------------------------------------------------- */

static void iso2013_has_14_sections_and_114_controls(void **state)
{
	struct arena a = ARENA_INIT;
	struct fw_import imp = load("iso27001-2013", &a);
	const struct fw_def *fw = &imp.fws[0];
	int sections = 0, objectives = 0, controls = 0;
	(void)state;
	well_formed(fw, "iso27001-2013", &a);
	for (int i = 0; i < fw->n_nodes; i++) {
		const struct fw_node *n = &fw->nodes[i];
		int dots = 0;
		for (const char *p = n->ref_id; *p; p++)
			dots += *p == '.';
		if (dots == 1) {
			assert_null(n->parent_urn);
			assert_false(n->assessable);
			sections++;
		} else if (dots == 2) {
			assert_false(n->assessable);
			objectives++;
		} else {
			assert_int_equal(dots, 3);
			assert_true(n->assessable);
			assert_true(n->in_soa);
			assert_non_null(n->guidance);
			controls++;
		}
	}
	assert_int_equal(sections, 14);
	assert_int_equal(objectives, 35);
	assert_int_equal(controls, 114);
	assert_non_null(by_ref(fw, "A.5"));
	assert_non_null(by_ref(fw, "A.18"));
	assert_null(by_ref(fw, "A.19"));
	assert_int_equal(children(fw, by_ref(fw, "A.12")->urn, 0), 7);
	assert_string_equal(by_ref(fw, "A.12.6.1")->title, "Management of technical vulnerabilities");
	arena_release(&a);
}

/* ---- NIST CSF 2.0 ---------------------------------------------------------- */

static void csf_has_6_functions_22_categories_106_subcategories(void **state)
{
	struct arena a = ARENA_INIT;
	struct fw_import imp = load("nist-csf-2.0", &a);
	const struct fw_def *fw = &imp.fws[0];
	int depth_count[3] = { 0 };
	(void)state;
	well_formed(fw, "nist-csf-2.0", &a);
	for (int i = 0; i < fw->n_nodes; i++) {
		const struct fw_node *n = &fw->nodes[i];
		int d = !n->parent_urn ? 0 : by_urn(fw, n->parent_urn)->parent_urn ? 2 : 1;
		depth_count[d]++;
		assert_int_equal(n->assessable, d == 2);
		assert_false(n->in_soa);
	}
	assert_int_equal(depth_count[0], 6);
	assert_int_equal(depth_count[1], 22);
	assert_int_equal(depth_count[2], 106);
	assert_string_equal(by_ref(fw, "GV")->title, "Govern");
	assert_string_equal(by_ref(fw, "GV.OC-01")->parent_urn, "urn:isms:req:nist-csf-2.0:gv.oc");
	assert_int_equal(children(fw, by_ref(fw, "GV.SC")->urn, 1), 10);
	assert_int_equal(children(fw, by_ref(fw, "PR.DS")->urn, 1), 4);
	arena_release(&a);
}

/* ---- mappings -------------------------------------------------------------- */

static int is_annex_a_control(const struct fw_node *n)
{
	return n && n->in_soa;
}

static void iso2013_to_2022_maps_every_2013_control_to_existing_2022_ones(void **state)
{
	struct arena a = ARENA_INIT;
	struct fw_import m = load("iso27001-2013-to-2022", &a);
	struct fw_import old = load("iso27001-2013", &a), new = load("iso27001-2022", &a);
	const struct fw_mapping_set *set;
	int sources = 0;
	(void)state;
	assert_int_equal(m.n_fws, 0);
	assert_int_equal(m.n_sets, 1);
	set = &m.sets[0];
	assert_string_equal(set->urn, "urn:isms:mapping:iso27001-2013-to-2022");
	assert_non_null(set->name);
	for (int i = 0; i < set->n; i++) {
		const char *r = set->items[i].relationship;
		if (!is_annex_a_control(by_urn(&old.fws[0], set->items[i].source_urn)))
			fail_msg("source %s is no 2013 control", set->items[i].source_urn);
		if (!is_annex_a_control(by_urn(&new.fws[0], set->items[i].target_urn)))
			fail_msg("target %s is no 2022 control", set->items[i].target_urn);
		assert_true(!strcmp(r, "equal") || !strcmp(r, "subset") || !strcmp(r, "superset") ||
			    !strcmp(r, "intersects"));
	}
	for (int i = 0; i < old.fws[0].n_nodes; i++) {
		const struct fw_node *n = &old.fws[0].nodes[i];
		int found = 0;
		if (!n->in_soa)
			continue;
		for (int j = 0; j < set->n && !found; j++)
			found = strcmp(set->items[j].source_urn, n->urn) == 0;
		if (!found)
			fail_msg("%s is not mapped", n->ref_id);
		sources++;
	}
	assert_int_equal(sources, 114);
	assert_int_equal(set->n, 114);
	/* facts spot-checked: 2013 A.12.7.1 is 2022 A.8.34; A.9.2.5 went into A.5.18 */
	for (int j = 0; j < set->n; j++) {
		if (strcmp(set->items[j].source_urn, "urn:isms:req:iso27001-2013:a.12.7.1") == 0) {
			assert_string_equal(set->items[j].target_urn, "urn:isms:req:iso27001-2022:a.8.34");
			assert_string_equal(set->items[j].relationship, "equal");
		}
		if (strcmp(set->items[j].source_urn, "urn:isms:req:iso27001-2013:a.9.2.5") == 0)
			assert_string_equal(set->items[j].target_urn, "urn:isms:req:iso27001-2022:a.5.18");
	}
	arena_release(&a);
}

static void csf_to_iso_endpoints_all_exist(void **state)
{
	struct arena a = ARENA_INIT;
	struct fw_import m = load("nist-csf-2.0-to-iso27001-2022", &a);
	struct fw_import csf = load("nist-csf-2.0", &a), iso = load("iso27001-2022", &a);
	const struct fw_mapping_set *set = &m.sets[0];
	(void)state;
	assert_int_equal(set->n, 341);
	for (int i = 0; i < set->n; i++) {
		const struct fw_node *s = by_urn(&csf.fws[0], set->items[i].source_urn);
		if (!s || !s->assessable)
			fail_msg("source %s is no CSF subcategory", set->items[i].source_urn);
		if (!by_urn(&iso.fws[0], set->items[i].target_urn))
			fail_msg("target %s is not in ISO 27001:2022", set->items[i].target_urn);
		assert_string_equal(set->items[i].relationship, "intersects");
		for (int j = 0; j < i; j++)
			if (!strcmp(set->items[j].source_urn, set->items[i].source_urn) &&
			    !strcmp(set->items[j].target_urn, set->items[i].target_urn))
				fail_msg("pair %s %s twice", set->items[i].source_urn, set->items[i].target_urn);
	}
	arena_release(&a);
}

/* ---- the table --------------------------------------------------------------- */

static void table_rows_load_and_unknown_key_names_the_known_ones(void **state)
{
	struct arena a = ARENA_INIT;
	struct err e = ERR_INIT;
	struct fw_import imp;
	int n = 0;
	(void)state;
	for (const struct fw_builtin *b = fw_builtins; b->key; b++, n++) {
		struct fw_import one = load(b->key, &a);
		assert_non_null(b->title);
		assert_non_null(b->summary);
		assert_ptr_equal(framework_builtin_find(b->key), b);
		if (b->kind == FW_BUILTIN_FRAMEWORK) {
			assert_int_equal(one.n_fws, 1);
			assert_null(b->needs[0]);
		} else {
			/* what it needs is a framework listed before it */
			for (int k = 0; k < 2; k++) {
				const struct fw_builtin *need = framework_builtin_find(b->needs[k]);
				assert_non_null(need);
				assert_int_equal(need->kind, FW_BUILTIN_FRAMEWORK);
				assert_true(need < b);
			}
			assert_int_equal(one.n_sets, 1);
		}
	}
	assert_int_equal(n, 5);
	memset(&imp, 0, sizeof(imp));
	assert_int_equal(framework_builtin_load("iso27001-2005", &imp, &a, &e), -1);
	assert_int_equal(e.status, 404);
	assert_string_equal(e.code, "not_found");
	assert_non_null(strstr(e.message, "iso27001-2005"));
	assert_non_null(strstr(e.message, "iso27001-2022, iso27001-2013, nist-csf-2.0, iso27001-2013-to-2022, "
					  "nist-csf-2.0-to-iso27001-2022"));
	assert_int_equal(imp.n_fws + imp.n_sets, 0);
	assert_int_equal(framework_builtin_load(NULL, &imp, &a, &e), -1);
	assert_null(framework_builtin_find(NULL));
	arena_release(&a);
}

/* ---- installing all five ----------------------------------------------------- */

static const char *pg_url; /* a PostgreSQL cluster (no database part); NULL: SQLite */

struct db {
	char dir[64], url[256], name[64];
	struct store *s;
};

static int db_open(void **state)
{
	struct db *d = calloc(1, sizeof(*d));
	struct err e = ERR_INIT;
	int applied;
	snprintf(d->dir, sizeof(d->dir), "/tmp/isms-fwdata-XXXXXX");
	if (!mkdtemp(d->dir))
		return -1;
	if (pg_url) {
		snprintf(d->name, sizeof(d->name), "isms_fwdata_%d", (int)getpid());
		snprintf(d->url, sizeof(d->url), "%s/%s", pg_url, d->name);
		if (unit_db_on_cluster(pg_url, "CREATE DATABASE %s", d->name) < 0)
			return -1;
	} else {
		snprintf(d->url, sizeof(d->url), "%s/t.db", d->dir);
	}
	if (store_open(&d->s, d->url, 1, &e) || store_migrate(d->s, &applied, &e) ||
	    store_exec(d->s,
		       "INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) VALUES "
		       "(1, 'lib@example.org', 'Lib', 'isms_manager', 'x', '2026-01-01T00:00:00Z', "
		       "'2026-01-01T00:00:00Z')",
		       &e)) {
		print_error("db_open: %s\n", e.message);
		return -1;
	}
	*state = d;
	return 0;
}

static int db_close(void **state)
{
	static const char *const files[] = { "t.db", "t.db-wal", "t.db-shm", "t.db-journal" };
	struct db *d = *state;
	char p[128];
	store_close(d->s);
	if (pg_url)
		unit_db_on_cluster(pg_url, "DROP DATABASE IF EXISTS %s WITH (FORCE)", d->name);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", d->dir, files[i]);
		unlink(p);
	}
	rmdir(d->dir);
	free(d);
	return 0;
}

static int install(struct store *s, const char *key, struct fw_import_result *res, struct err *e)
{
	static const struct actor manager = { 1, ROLE_MANAGER, "lib@example.org", "Lib" };
	struct arena a = ARENA_INIT;
	struct fw_import imp;
	int rc;
	memset(&imp, 0, sizeof(imp));
	memset(res, 0, sizeof(*res));
	rc = framework_builtin_load(key, &imp, &a, e) < 0 ? -1
							   : framework_import_save(s, &manager, &imp, res, NULL, NULL, e);
	arena_release(&a);
	return rc;
}

static void all_five_install_and_count_in_the_tables(void **state)
{
	struct db *d = *state;
	struct fw_import_result res;
	struct err e = ERR_INIT;
	/* a mapping before its frameworks is refused and writes nothing */
	assert_int_equal(install(d->s, "iso27001-2013-to-2022", &res, &e), -1);
	assert_int_equal(e.status, 422);
	assert_non_null(strstr(e.message, "urn:isms:req:iso27001-2013:"));
	assert_int_equal(unit_db_one(d->s, "SELECT count(*) FROM requirement_mapping"), 0);
	assert_int_equal(unit_db_one(d->s, "SELECT count(*) FROM audit_log WHERE action = 'framework_import'"), 0);

	for (const struct fw_builtin *b = fw_builtins; b->key; b++) {
		err_clear(&e);
		if (install(d->s, b->key, &res, &e) < 0)
			fail_msg("%s: %s", b->key, e.message);
		assert_int_equal(res.frameworks, b->kind == FW_BUILTIN_FRAMEWORK);
	}
	assert_int_equal(unit_db_one(d->s, "SELECT count(*) FROM framework WHERE origin = 'builtin'"), 3);
	assert_int_equal(unit_db_one(d->s, "SELECT count(*) FROM framework WHERE has_soa = 1"), 2);
	assert_int_equal(unit_db_one(d->s, "SELECT count(*) FROM requirement r JOIN framework f ON f.id = r.framework_id "
				   "WHERE f.urn = 'urn:isms:framework:iso27001-2022' AND r.in_soa = 1"),
			 93);
	assert_int_equal(unit_db_one(d->s, "SELECT count(*) FROM requirement r JOIN framework f ON f.id = r.framework_id "
				   "WHERE f.urn = 'urn:isms:framework:iso27001-2013' AND r.in_soa = 1"),
			 114);
	assert_int_equal(unit_db_one(d->s, "SELECT requirement_count FROM framework WHERE source = 'iso27001-2022'"),
			 unit_db_one(d->s, "SELECT count(*) FROM requirement r JOIN framework f ON f.id = r.framework_id "
				   "WHERE f.source = 'iso27001-2022'"));
	assert_int_equal(unit_db_one(d->s, "SELECT count(*) FROM requirement r JOIN framework f ON f.id = r.framework_id "
				   "WHERE f.urn = 'urn:isms:framework:nist-csf-2.0' AND r.assessable = 1 AND r.depth = 3"),
			 106);
	assert_int_equal(unit_db_one(d->s, "SELECT count(*) FROM requirement WHERE attributes LIKE '%new_in_2022%'"), 11);
	assert_int_equal(unit_db_one(d->s, "SELECT count(*) FROM requirement_mapping"), 114 + 341);
	assert_int_equal(unit_db_one(d->s, "SELECT count(DISTINCT m.source_id) FROM requirement_mapping m "
				   "JOIN requirement r ON r.id = m.source_id JOIN framework f ON f.id = r.framework_id "
				   "WHERE f.urn = 'urn:isms:framework:iso27001-2013'"),
			 114);
	assert_int_equal(unit_db_one(d->s, "SELECT count(*) FROM audit_log WHERE action = 'framework_import'"), 5);

	/* installing one again is refused and changes nothing */
	err_clear(&e);
	assert_int_equal(install(d->s, "iso27001-2022", &res, &e), -1);
	assert_int_equal(e.status, 409);
	assert_int_equal(unit_db_one(d->s, "SELECT count(*) FROM framework"), 3);
	assert_int_equal(unit_db_one(d->s, "SELECT count(*) FROM audit_log WHERE action = 'framework_import'"), 5);
}

int main(void)
{
	const struct CMUnitTest data[] = {
		cmocka_unit_test(iso2022_has_clauses_and_93_annex_a_controls_with_attributes),
		cmocka_unit_test(iso2013_has_14_sections_and_114_controls),
		cmocka_unit_test(csf_has_6_functions_22_categories_106_subcategories),
		cmocka_unit_test(iso2013_to_2022_maps_every_2013_control_to_existing_2022_ones),
		cmocka_unit_test(csf_to_iso_endpoints_all_exist),
		cmocka_unit_test(table_rows_load_and_unknown_key_names_the_known_ones),
	};
	const struct CMUnitTest db[] = {
		cmocka_unit_test_setup_teardown(all_five_install_and_count_in_the_tables, db_open, db_close),
	};
	int failed = cmocka_run_group_tests_name("framework data", data, NULL, NULL);
	failed += cmocka_run_group_tests_name("framework data installed (sqlite)", db, NULL, NULL);
	pg_url = getenv("ISMS_TEST_PG_URL");
	if (pg_url && *pg_url)
		failed += cmocka_run_group_tests_name("framework data installed (postgres)", db, NULL, NULL);
	return failed;
}
