/* test_risk_run: unit tests for the pure half of assessment runs
 * (src/isms/risk_run_compare.c) — comparing two runs into new, closed,
 * archived, changed (up and down, inherent and residual) and unchanged
 * risks, and counting a run's risks by level. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/arena.h"
#include "isms/risk_run.h"

/* An item: its id, status and the ranks and keys of its levels. */
static struct run_item item(int64_t id, const char *status, const char *in, int in_rank, const char *re, int re_rank)
{
	struct run_item it;
	memset(&it, 0, sizeof(it));
	it.risk_id = id;
	it.title = "r";
	it.status = status;
	it.inherent_level = in;
	it.inherent_rank = in_rank;
	it.residual_level = re;
	it.residual_rank = re_rank;
	return it;
}

static struct risk_run_full run(struct run_item *items, int n)
{
	struct risk_run_full r;
	memset(&r, 0, sizeof(r));
	r.items = items;
	r.n = n;
	return r;
}

static void compare_counts_each_kind_once(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct run_item x[] = {
		item(1, "assessed", "low", 0, NULL, RUN_NONE),          /* unchanged */
		item(2, "assessed", "medium", 1, "low", 0),             /* inherent up */
		item(3, "assessed", "high", 2, "medium", 1),            /* inherent down, residual down */
		item(4, "assessed", "medium", 1, NULL, RUN_NONE),       /* closed later */
		item(5, "identified", "low", 0, NULL, RUN_NONE),        /* archived later */
		item(6, "closed", "critical", 3, NULL, RUN_NONE),       /* closed in both: nowhere */
		item(9, "closed", "low", 0, NULL, RUN_NONE),            /* reopened later, level up */
	};
	struct run_item y[] = {
		item(1, "in_treatment", "low", 0, NULL, RUN_NONE),
		item(2, "assessed", "high", 2, "low", 0),
		item(3, "assessed", "low", 0, "low", 0),
		item(4, "closed", "medium", 1, NULL, RUN_NONE),
		item(6, "closed", "critical", 3, NULL, RUN_NONE),
		item(7, "identified", NULL, RUN_NONE, NULL, RUN_NONE),  /* new, unscored */
		item(8, "closed", "low", 0, NULL, RUN_NONE),            /* new but closed: nowhere */
		item(9, "assessed", "medium", 1, NULL, RUN_NONE),
	};
	struct risk_run_full from = run(x, 7), to = run(y, 8);
	struct run_diff d;
	risk_run_compare(&from, &to, &a, &d);
	assert_int_equal(d.new_risks, 1);
	assert_int_equal(d.reopened, 1);
	assert_int_equal(d.closed, 1);
	assert_int_equal(d.archived, 1);
	assert_int_equal(d.changed, 2);
	assert_int_equal(d.inherent_up, 1);
	assert_int_equal(d.inherent_down, 1);
	assert_int_equal(d.residual_up, 0);
	assert_int_equal(d.residual_down, 1);
	assert_int_equal(d.unchanged, 1);
	/* rows by risk id, unchanged ones left out */
	assert_int_equal(d.n, 6);
	int64_t ids[] = { 2, 3, 4, 5, 7, 9 };
	enum run_change kinds[] = { RUN_CHANGED, RUN_CHANGED, RUN_CLOSED, RUN_ARCHIVED, RUN_NEW, RUN_REOPENED };
	for (int i = 0; i < d.n; i++) {
		const struct run_item *it = d.rows[i].to ? d.rows[i].to : d.rows[i].from;
		assert_int_equal(it->risk_id, ids[i]);
		assert_int_equal(d.rows[i].change, kinds[i]);
	}
	assert_int_equal(d.rows[0].inherent_move, 1);
	assert_int_equal(d.rows[0].residual_move, 0);
	assert_int_equal(d.rows[1].inherent_move, -1);
	assert_int_equal(d.rows[1].residual_move, -1);
	assert_null(d.rows[3].to);
	assert_null(d.rows[4].from);
	/* a reopened risk keeps both sides and its own move, outside the changed counts */
	assert_non_null(d.rows[5].from);
	assert_int_equal(d.rows[5].inherent_move, 1);
	assert_int_equal(d.rows[5].residual_move, 0);
	arena_release(&a);
}

static void compare_empty_and_same(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct run_item x[] = { item(1, "assessed", "low", 0, NULL, RUN_NONE), item(2, NULL, NULL, RUN_NONE, NULL, RUN_NONE) };
	struct risk_run_full empty = run(NULL, 0), one = run(x, 2);
	struct run_diff d;
	risk_run_compare(&empty, &empty, &a, &d);
	assert_int_equal(d.n + d.new_risks + d.unchanged, 0);
	risk_run_compare(&one, &one, &a, &d);
	assert_int_equal(d.unchanged, 2); /* no status counts as open */
	assert_int_equal(d.n, 0);
	risk_run_compare(&empty, &one, &a, &d);
	assert_int_equal(d.new_risks, 2);
	risk_run_compare(&one, &empty, &a, &d);
	assert_int_equal(d.archived, 2);
	/* an unscored risk that gets a level moves up */
	struct run_item y[] = { item(1, "assessed", "low", 0, NULL, RUN_NONE), item(2, NULL, "low", 0, NULL, RUN_NONE) };
	struct risk_run_full two = run(y, 2);
	risk_run_compare(&one, &two, &a, &d);
	assert_int_equal(d.inherent_up, 1);
	assert_int_equal(d.changed, 1);
	arena_release(&a);
}

static void level_counts_lowest_first_unscored_last(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct run_item x[] = {
		item(1, "assessed", "high", 2, "low", 0),
		item(2, "assessed", NULL, RUN_NONE, NULL, RUN_NONE),
		item(3, "assessed", "low", 0, "low", 0),
		item(4, "assessed", "high", 2, "medium", 1),
		item(5, "assessed", "gone", RUN_NONE, NULL, RUN_NONE), /* a key its method lacks */
	};
	struct risk_run_full r = run(x, 5);
	struct level_count *c;
	int n = risk_run_level_counts(&r, &a, &c);
	assert_int_equal(n, 5);
	assert_string_equal(c[0].level, "low");
	assert_int_equal(c[0].inherent, 1);
	assert_int_equal(c[0].residual, 2);
	assert_string_equal(c[1].level, "medium");
	assert_int_equal(c[1].inherent, 0);
	assert_int_equal(c[1].residual, 1);
	assert_string_equal(c[2].level, "high");
	assert_int_equal(c[2].inherent, 2);
	assert_int_equal(c[2].residual, 0);
	assert_string_equal(c[3].level, "gone");
	assert_null(c[4].level);
	assert_int_equal(c[4].inherent, 1);
	assert_int_equal(c[4].residual, 2);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(compare_counts_each_kind_once),
		cmocka_unit_test(compare_empty_and_same),
		cmocka_unit_test(level_counts_lowest_first_unscored_last),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
