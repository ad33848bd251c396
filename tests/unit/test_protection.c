/* test_protection: unit tests for the pure half of src/isms/protection.c —
 * effective protection needs by the maximum principle over a graph of
 * dependencies (chains, diamonds, archived nodes, floors from outside the
 * node set, refused cycles) and the classification ranks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "isms/classification.h"
#include "isms/protection.h"

static struct pn_node node(int c, int i, int a, int cls)
{
	struct pn_node n;
	memset(&n, 0, sizeof(n));
	n.own[PN_CONF] = c;
	n.own[PN_INTEG] = i;
	n.own[PN_AVAIL] = a;
	n.own[PN_CLASS] = cls;
	n.active = 1;
	return n;
}

static void assert_eff(const struct pn_node *n, int c, int i, int a, int cls)
{
	assert_int_equal(n->eff[PN_CONF], c);
	assert_int_equal(n->eff[PN_INTEG], i);
	assert_int_equal(n->eff[PN_AVAIL], a);
	assert_int_equal(n->eff[PN_CLASS], cls);
}

/* data -> app -> host: each gets the highest of what depends on it */
static void test_chain(void **state)
{
	struct pn_node n[3] = { node(4, 1, 1, 4), node(2, 3, 1, 2), node(1, 1, 2, 1) };
	const struct pn_edge e[] = { { 1, 2 }, { 0, 1 } }; /* listed bottom first: order must not matter */
	(void)state;
	assert_int_equal(pn_compute(n, 3, e, 2), 0);
	assert_eff(&n[0], 4, 1, 1, 4);
	assert_eff(&n[1], 4, 3, 1, 4);
	assert_eff(&n[2], 4, 3, 2, 4);
}

/* top -> left, top -> right, left -> bottom, right -> bottom */
static void test_diamond(void **state)
{
	struct pn_node n[4] = { node(4, 0, 1, 0), node(1, 0, 2, 0), node(2, 0, 4, 0), node(1, 0, 1, 0) };
	const struct pn_edge e[] = { { 0, 1 }, { 0, 2 }, { 1, 3 }, { 2, 3 } };
	(void)state;
	assert_int_equal(pn_compute(n, 4, e, 4), 0);
	assert_eff(&n[1], 4, 0, 2, 0);
	assert_eff(&n[2], 4, 0, 4, 0);
	assert_eff(&n[3], 4, 0, 4, 0);
}

/* an archived dependent keeps its values but passes nothing on */
static void test_archived(void **state)
{
	struct pn_node n[3] = { node(4, 4, 4, 4), node(1, 1, 1, 1), node(1, 1, 1, 1) };
	const struct pn_edge e[] = { { 0, 1 }, { 1, 2 } };
	(void)state;
	n[0].active = 0;
	assert_int_equal(pn_compute(n, 3, e, 2), 0);
	assert_eff(&n[0], 4, 4, 4, 4);
	assert_eff(&n[1], 1, 1, 1, 1);
	assert_eff(&n[2], 1, 1, 1, 1);
}

/* what dependents outside the set pass on, and unset values */
static void test_floor(void **state)
{
	struct pn_node n[2] = { node(0, 0, 0, 0), node(2, 0, 0, 1) };
	const struct pn_edge e[] = { { 0, 1 } };
	(void)state;
	n[0].floor[PN_CONF] = 3;
	n[0].floor[PN_CLASS] = 3;
	assert_int_equal(pn_compute(n, 2, e, 1), 0);
	assert_eff(&n[0], 3, 0, 0, 3);
	assert_eff(&n[1], 3, 0, 0, 3);
}

static void test_cycle_refused(void **state)
{
	struct pn_node n[3] = { node(1, 1, 1, 1), node(2, 2, 2, 2), node(3, 3, 3, 3) };
	const struct pn_edge e[] = { { 0, 1 }, { 1, 2 }, { 2, 0 } };
	(void)state;
	assert_int_equal(pn_compute(n, 3, e, 3), -1);
	assert_int_equal(pn_compute(n, 0, NULL, 0), 0);
}

static void test_class_rank(void **state)
{
	/* the order is the scheme's (levels by rank, lowest first), whatever the keys */
	struct cl_scheme sc = { .n = 3 };
	sc.levels[0] = (struct cl_level){ .key = "open", .rank = 5 };
	sc.levels[1] = (struct cl_level){ .key = "staff", .rank = 40 };
	sc.levels[2] = (struct cl_level){ .key = "board", .rank = 41 };
	(void)state;
	assert_int_equal(protection_class_rank(&sc, "open"), 1);
	assert_int_equal(protection_class_rank(&sc, "board"), 3);
	assert_true(protection_class_rank(&sc, "open") < protection_class_rank(&sc, "staff"));
	assert_int_equal(protection_class_rank(&sc, "restricted"), 0);
	assert_int_equal(protection_class_rank(&sc, NULL), 0);
	assert_string_equal(protection_class_key(&sc, 2), "staff");
	assert_null(protection_class_key(&sc, 0));
	assert_null(protection_class_key(&sc, 4));
	for (int r = 1; r <= 3; r++)
		assert_int_equal(protection_class_rank(&sc, protection_class_key(&sc, r)), r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chain),         cmocka_unit_test(test_diamond),
		cmocka_unit_test(test_archived),      cmocka_unit_test(test_floor),
		cmocka_unit_test(test_cycle_refused), cmocka_unit_test(test_class_rank),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
