/* test_framework: framework_import_save (src/isms/framework.c) on a fresh
 * SQLite database — what it writes, and that every refusal writes nothing:
 * duplicates, unknown parents, bad attributes, dangling mapping URNs,
 * a framework already installed, a caller without the role. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/arena.h"
#include "isms/framework.h"
#include "store/store.h"
#include "unit_fixture.h"

static void node(struct fw_def *d, struct arena *a, const char *urn, const char *parent, const char *ref,
		 const char *title, int assessable)
{
	struct fw_node *n = fw_def_add_node(d, a);
	n->urn = urn;
	n->parent_urn = parent;
	n->ref_id = ref;
	n->title = title;
	n->assessable = assessable;
}

/* Two small frameworks and a mapping set between them, URNs in mixed case. */
static void two_frameworks(struct fw_import *imp, struct arena *a)
{
	struct fw_def *x = fw_import_add_framework(imp, a), *y;
	struct fw_mapping_set *set;
	struct fw_mapping *m;
	imp->origin = "test";
	imp->file = "two.yaml";
	x->urn = "urn:T:X";
	x->ref_id = "X";
	x->name = "Framework X";
	node(x, a, "urn:t:x:a", NULL, "A", "Theme A", 0);
	node(x, a, "urn:t:x:a.1", "urn:T:X:A", "A.1", "First", 1);
	x->nodes[1].in_soa = 1;
	x->nodes[1].attributes = "{\"control_type\":[\"preventive\"]}";
	node(x, a, "urn:t:x:a.2", "urn:t:x:a", "A.2", "Second", 1);
	y = fw_import_add_framework(imp, a);
	y->urn = "urn:t:y";
	y->ref_id = "Y";
	y->name = "Framework Y";
	node(y, a, "urn:t:y:1", NULL, "Y-1", "Only", 1);
	set = fw_import_add_set(imp, a);
	set->urn = "urn:t:map";
	m = fw_set_add(set, a);
	m->source_urn = "URN:T:X:A.1";
	m->target_urn = "urn:t:y:1";
	m->relationship = "intersect";
	m = fw_set_add(set, a);
	m->source_urn = "urn:t:y:1"; /* the reverse of the first: kept once */
	m->target_urn = "urn:t:x:a.1";
	m->relationship = "intersect";
	m = fw_set_add(set, a);
	m->source_urn = "urn:t:x:a.2";
	m->target_urn = "urn:t:y:1";
	m->relationship = "not_related"; /* dropped */
}

static void import_writes_frameworks_nodes_mappings_and_one_audit_entry(void **state)
{
	struct fx *f = *state;
	struct fw_import imp = { 0 };
	struct fw_import_result res;
	struct err e = ERR_INIT;
	struct requirement r;
	two_frameworks(&imp, &f->a);
	assert_int_equal(framework_import_save(f->s, &manager, &imp, &res, NULL, NULL, &e), 0);
	assert_int_equal(res.frameworks, 2);
	assert_int_equal(res.requirements, 4);
	assert_int_equal(res.mappings, 1);
	assert_int_equal(count(f->s, "SELECT COUNT(*) FROM framework"), 2);
	assert_int_equal(count(f->s, "SELECT COUNT(*) FROM requirement"), 4);
	assert_int_equal(count(f->s, "SELECT COUNT(*) FROM requirement_mapping WHERE relationship = 'intersects'"), 1);
	assert_int_equal(count(f->s, "SELECT has_soa FROM framework WHERE urn = 'urn:t:x'"), 1);
	assert_int_equal(count(f->s, "SELECT has_soa FROM framework WHERE urn = 'urn:t:y'"), 0);
	assert_int_equal(count(f->s, "SELECT depth FROM requirement WHERE urn = 'urn:t:x:a.1'"), 2);
	assert_int_equal(count(f->s, "SELECT COUNT(*) FROM requirement r JOIN requirement p ON p.id = r.parent_id "
				     "WHERE p.urn = 'urn:t:x:a'"),
			 2);
	assert_int_equal(count(f->s, "SELECT COUNT(*) FROM audit_log WHERE action = 'framework_import'"), 1);
	assert_int_equal(requirement_by_ref(f->s, res.first_framework_id, "a.2", &f->a, &r, &e), 0);
	assert_string_equal(r.title, "Second");
	assert_int_equal(requirement_by_ref(f->s, res.first_framework_id, "A.9", &f->a, &r, &e), -1);
	assert_int_equal(e.status, 404);
}

static void refusals_write_nothing(void **state)
{
	struct fx *f = *state;
	struct fw_import_result res;
	struct actor employee = manager;
	employee.role = ROLE_EMPLOYEE;
	for (int c = 0; c < 6; c++) {
		struct fw_import imp = { 0 };
		struct err e = ERR_INIT;
		two_frameworks(&imp, &f->a);
		const struct actor *who = &manager;
		int status = 422;
		switch (c) {
		case 0: imp.fws[0].nodes[2].parent_urn = "urn:t:x:nowhere"; break;
		case 1: imp.fws[1].nodes[0].urn = "URN:T:X:A.2"; break; /* same urn, other case */
		case 2: imp.fws[0].nodes[0].attributes = "{\"a\":\"not a list\"}"; break;
		case 3: imp.sets[0].items[0].target_urn = "urn:t:y:404"; break;
		case 4: imp.fws[0].nodes[1].title = "  "; break;
		case 5: who = &employee; status = 403; break;
		}
		assert_int_equal(framework_import_save(f->s, who, &imp, &res, NULL, NULL, &e), -1);
		assert_int_equal(e.status, status);
		if (c == 3)
			assert_non_null(strstr(e.message, "urn:t:y:404"));
		assert_int_equal(count(f->s, "SELECT COUNT(*) FROM framework"), 0);
		assert_int_equal(count(f->s, "SELECT COUNT(*) FROM requirement"), 0);
		assert_int_equal(count(f->s, "SELECT COUNT(*) FROM audit_log"), 0);
	}
}

static void second_import_of_an_installed_framework_is_409_and_mappings_reach_installed_ones(void **state)
{
	struct fx *f = *state;
	struct fw_import imp = { 0 }, again = { 0 }, maps = { 0 };
	struct fw_import_result res;
	struct err e = ERR_INIT;
	struct fw_mapping *m;
	two_frameworks(&imp, &f->a);
	assert_int_equal(framework_import_save(f->s, &manager, &imp, &res, NULL, NULL, &e), 0);
	two_frameworks(&again, &f->a);
	assert_int_equal(framework_import_save(f->s, &manager, &again, &res, NULL, NULL, &e), -1);
	assert_int_equal(e.status, 409);
	assert_int_equal(count(f->s, "SELECT COUNT(*) FROM requirement"), 4);
	/* a mapping-only import resolves against what is installed */
	maps.origin = "test";
	m = fw_set_add(fw_import_add_set(&maps, &f->a), &f->a);
	m->source_urn = "urn:t:x:a.2";
	m->target_urn = "URN:T:Y:1";
	m->relationship = "subset";
	err_clear(&e);
	assert_int_equal(framework_import_save(f->s, &manager, &maps, &res, NULL, NULL, &e), 0);
	assert_int_equal(res.mappings, 1);
	assert_int_equal(count(f->s, "SELECT COUNT(*) FROM requirement_mapping"), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(import_writes_frameworks_nodes_mappings_and_one_audit_entry, setup,
						teardown),
		cmocka_unit_test_setup_teardown(refusals_write_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(
			second_import_of_an_installed_framework_is_409_and_mappings_reach_installed_ones, setup,
			teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
