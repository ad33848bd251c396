/* test_oscal_export: the pure parts of the OSCAL export (isms/oscal_export.h)
 * — version 5 UUIDs against RFC 4122's example, ref_ids made into OSCAL
 * tokens, the implementation state from our records — and a catalog of a
 * small framework saved on a fresh SQLite database: groups and controls
 * nested as the tree is, a grouping node under a control kept as a control,
 * ids made unique, stable UUIDs. */
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
#include "isms/oscal_export.h"
#include "store/store.h"

static void uuid_v5_matches_rfc_4122(void **state)
{
	/* the DNS namespace of RFC 4122 appendix C, and a well-known result */
	static const unsigned char dns[16] = { 0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1,
					       0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8 };
	char u[37];
	(void)state;
	oscal_uuid_v5(dns, "python.org", u);
	assert_string_equal(u, "886313e1-3b8a-5372-9b90-0c9aee199e5d");
}

static void tokens_follow_the_ncname_pattern(void **state)
{
	struct arena a = ARENA_INIT;
	(void)state;
	assert_string_equal(oscal_token(&a, "A.5.1"), "a.5.1");
	assert_string_equal(oscal_token(&a, "4.1"), "_4.1");
	assert_string_equal(oscal_token(&a, "GV.OC-01"), "gv.oc-01");
	assert_string_equal(oscal_token(&a, "AC-2 (3)"), "ac-2-3");
	assert_string_equal(oscal_token(&a, "ISO/IEC 27001:2022"), "iso-iec-27001-2022");
	assert_string_equal(oscal_token(&a, "-x-"), "x");
	assert_string_equal(oscal_token(&a, "\xc3\x9c" "ber"), "ber");
	assert_string_equal(oscal_token(&a, "control_type"), "control_type");
	assert_null(oscal_token(&a, "  "));
	assert_null(oscal_token(&a, NULL));
	arena_release(&a);
}

static void state_from_soa_controls_and_gap(void **state)
{
	const char *impl[] = { "implemented", "implemented" };
	const char *mixed[] = { "implemented", "planned" };
	const char *planned[] = { "planned", "not_implemented" };
	const char *na[] = { "not_applicable" };
	const char *impl_na[] = { "implemented", "not_applicable" };
	(void)state;
	assert_string_equal(oscal_state(0, impl, 2, NULL, "met"), "not-applicable"); /* the SoA excludes it */
	assert_string_equal(oscal_state(1, impl, 2, NULL, NULL), "implemented");
	assert_string_equal(oscal_state(-1, mixed, 2, NULL, NULL), "partial");
	assert_string_equal(oscal_state(-1, planned, 2, NULL, "met"), "planned"); /* controls decide */
	assert_string_equal(oscal_state(-1, impl_na, 2, NULL, NULL), "implemented");
	assert_string_equal(oscal_state(-1, na, 1, NULL, NULL), "not-applicable");
	assert_string_equal(oscal_state(1, NULL, 0, "partially_implemented", "met"), "partial"); /* the row's own */
	assert_string_equal(oscal_state(-1, NULL, 0, NULL, "met"), "implemented");
	assert_string_equal(oscal_state(-1, NULL, 0, NULL, "partial"), "partial");
	assert_string_equal(oscal_state(-1, NULL, 0, NULL, "not_met"), "planned");
	assert_string_equal(oscal_state(-1, NULL, 0, NULL, "not_applicable"), "not-applicable");
	assert_string_equal(oscal_state(1, NULL, 0, NULL, NULL), "planned");
	assert_null(oscal_state(-1, NULL, 0, NULL, NULL));
}

/* ---- a catalog on a real database ---------------------------------------- */

static const struct actor manager = { 1, ROLE_MANAGER, "m@example.org", "M" };

static json_t *export_json(struct store *s, enum oscal_doc d, int64_t fw, struct arena *a, struct strbuf *text)
{
	const char *filename;
	struct err e = ERR_INIT;
	json_error_t je;
	sb_reset(text);
	assert_int_equal(oscal_export(s, &manager, d, fw, text, &filename, a, &e), 0);
	assert_string_equal(filename, d == OSCAL_CATALOG ? "t-1-catalog.json" : "t-1-ssp.json");
	return json_loads(text->buf, 0, &je);
}

/* urn, parent, ref_id, title, guidance, assessable, in_soa, attributes */
static const struct fw_node tree[] = {
	{ "urn:t:a", NULL, "A", "Theme A", NULL, 0, 0, NULL },
	{ "urn:t:a.1", "urn:t:a", "A.1", "Control one", "Do the first thing.", 1, 1,
	  "{\"control_type\":[\"preventive\",\"detective\"]}" },
	{ "urn:t:a.1.x", "urn:t:a.1", NULL, "Grouping under a control", NULL, 0, 0, NULL },
	{ "urn:t:a.1.x.1", "urn:t:a.1.x", "A 1", "Its child", NULL, 1, 0, NULL },
	{ "urn:t:dup", "urn:t:a", "a.1", "Same token as A.1", NULL, 1, 0, NULL },
	{ "urn:t:4", NULL, "4", "Clause four", NULL, 1, 0, NULL },
};

static void catalog_nests_groups_and_controls(void **state)
{
	char dir[64] = "/tmp/isms-oscal-XXXXXX", path[96], p[128];
	struct arena a = ARENA_INIT;
	struct strbuf text = STRBUF_INIT, again = STRBUF_INIT;
	struct store *s = NULL;
	struct fw_import imp = { 0 };
	struct fw_import_result res;
	struct fw_def *d;
	struct err e = ERR_INIT;
	json_t *root, *cat, *g, *c, *sub;
	const char *filename;
	int applied;
	(void)state;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/t.db", dir);
	assert_int_equal(store_open(&s, path, 1, &e), 0);
	assert_int_equal(store_migrate(s, &applied, &e), 0);
	assert_int_equal(store_exec(s,
				    "INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) "
				    "VALUES (1, 'm@example.org', 'M', 'isms_manager', 'x', '2026-01-01T00:00:00Z', "
				    "'2026-01-01T00:00:00Z')",
				    &e),
			 0);
	imp.origin = "test";
	imp.file = "t.yaml";
	d = fw_import_add_framework(&imp, &a);
	d->urn = "urn:t";
	d->ref_id = "T 1";
	d->name = "Test framework";
	for (size_t i = 0; i < sizeof(tree) / sizeof(tree[0]); i++)
		*fw_def_add_node(d, &a) = tree[i];
	assert_int_equal(framework_import_save(s, &manager, &imp, &res, NULL, NULL, &e), 0);

	root = export_json(s, OSCAL_CATALOG, res.first_framework_id, &a, &text);
	assert_non_null(root);
	cat = json_object_get(root, "catalog");
	assert_string_equal(json_string_value(json_object_get(json_object_get(cat, "metadata"), "oscal-version")),
			    "1.1.2");
	g = json_array_get(json_object_get(cat, "groups"), 0);
	assert_string_equal(json_string_value(json_object_get(g, "id")), "a");
	assert_int_equal(json_array_size(json_object_get(g, "controls")), 2);
	c = json_array_get(json_object_get(g, "controls"), 0);
	assert_string_equal(json_string_value(json_object_get(c, "id")), "a.1");
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(c, "parts"), 0), "prose")),
			    "Do the first thing.");
	/* label, soa, then one prop per attribute value */
	assert_int_equal(json_array_size(json_object_get(c, "props")), 4);
	/* the grouping node under a control is a control, so is its child */
	sub = json_array_get(json_object_get(c, "controls"), 0);
	assert_string_equal(json_string_value(json_object_get(sub, "id")), "a.1.x");
	assert_null(json_object_get(c, "groups"));
	assert_string_equal(
		json_string_value(json_object_get(json_array_get(json_object_get(sub, "controls"), 0), "id")), "a-1");
	/* a second node with the same token gets a suffix */
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(g, "controls"), 1), "id")),
			    "a.1_2");
	/* a root that is assessable is a control of the catalog */
	assert_string_equal(
		json_string_value(json_object_get(json_array_get(json_object_get(cat, "controls"), 0), "id")), "_4");
	json_decref(root);

	/* the same bytes twice: UUIDs and times come from the data */
	assert_int_equal(oscal_export(s, &manager, OSCAL_CATALOG, res.first_framework_id, &again, &filename, &a, &e), 0);
	assert_string_equal(again.buf, text.buf);

	/* nothing recorded: no system security plan */
	assert_int_equal(oscal_export(s, &manager, OSCAL_SSP, res.first_framework_id, &again, &filename, &a, &e), -1);
	assert_int_equal(e.status, 422);
	assert_string_equal(e.code, "nothing_to_export");
	/* a gap assessment is enough */
	assert_int_equal(store_exec(s,
				    "INSERT INTO requirement_assessment (requirement_id, status, version, updated_at) "
				    "SELECT id, 'met', 1, '2026-02-01T00:00:00Z' FROM requirement WHERE urn = 'urn:t:4'",
				    &e),
			 0);
	root = export_json(s, OSCAL_SSP, res.first_framework_id, &a, &text);
	c = json_array_get(json_object_get(json_object_get(json_object_get(root, "system-security-plan"),
							    "control-implementation"),
					   "implemented-requirements"),
			   0);
	assert_string_equal(json_string_value(json_object_get(c, "control-id")), "_4");
	json_decref(root);
	/* an unknown framework is 404 */
	assert_int_equal(oscal_export(s, &manager, OSCAL_CATALOG, 999, &again, &filename, &a, &e), -1);
	assert_int_equal(e.status, 404);

	sb_release(&text);
	sb_release(&again);
	store_close(s);
	arena_release(&a);
	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(uuid_v5_matches_rfc_4122),
		cmocka_unit_test(tokens_follow_the_ncname_pattern),
		cmocka_unit_test(state_from_soa_controls_and_gap),
		cmocka_unit_test(catalog_nests_groups_and_controls),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
