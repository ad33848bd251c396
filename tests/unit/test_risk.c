/* test_risk: unit tests for the pure half of src/isms/risk_method.c —
 * reading and checking a method (every problem named by its field), the
 * matrix lookup, and the canonical JSON that round-trips. */
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
#include "isms/risk_method.h"

/* A 3 × 4 method: likelihood 1, 2, 4; impact 1, 3, 5, 9; levels low, mid, top. */
static const char *const METHOD =
	"{\"likelihood\":[{\"value\":1,\"label\":\"Rare\"},{\"value\":2,\"label\":\"Some\"},{\"value\":4,\"label\":\"Often\"}],"
	"\"impact\":[{\"value\":1,\"label\":\"A\"},{\"value\":3,\"label\":\"B\"},{\"value\":5,\"label\":\"C\"},"
	"{\"value\":9,\"label\":\"D\"}],"
	"\"levels\":[{\"key\":\"low\",\"label\":\"Low\",\"colour\":\"green\",\"review_months\":12},"
	"{\"key\":\"mid\",\"label\":\"Mid\",\"colour\":\"yellow\",\"review_months\":6},"
	"{\"key\":\"top\",\"label\":\"Top\",\"colour\":\"red\",\"review_months\":1}],"
	"\"matrix\":[[\"low\",\"low\",\"low\",\"mid\"],[\"low\",\"mid\",\"mid\",\"top\"],[\"mid\",\"mid\",\"top\",\"top\"]],"
	"\"appetite\":\"mid\"}";

/* Parses METHOD with one member replaced by the JSON text `with` (NULL: as is). */
static int parse_with(const char *key, const char *with, struct arena *a, struct risk_method *m, struct err *e)
{
	json_t *obj = json_loads(METHOD, 0, NULL);
	int rc;
	assert_non_null(obj);
	if (key) {
		json_t *v = json_loads(with, JSON_DECODE_ANY, NULL);
		assert_non_null(v);
		json_object_set_new(obj, key, v);
	}
	rc = risk_method_parse(obj, a, m, e);
	json_decref(obj);
	return rc;
}

static void parses_and_looks_up_cells(void **state)
{
	struct arena a = ARENA_INIT;
	struct risk_method m;
	struct err e = ERR_INIT;
	(void)state;
	assert_int_equal(parse_with(NULL, NULL, &a, &m, &e), 0);
	assert_int_equal(m.likelihood.n, 3);
	assert_int_equal(m.impact.n, 4);
	assert_int_equal(m.nlevels, 3);
	assert_string_equal(m.levels[m.appetite].key, "mid");
	assert_string_equal(rm_level_of(&m, 1, 1)->key, "low");
	assert_string_equal(rm_level_of(&m, 1, 9)->key, "mid");
	assert_string_equal(rm_level_of(&m, 2, 3)->key, "mid");
	assert_string_equal(rm_level_of(&m, 4, 5)->key, "top");
	assert_null(rm_level_of(&m, 3, 5)); /* 3 is not a likelihood value */
	assert_null(rm_level_of(&m, 4, 2));
	assert_int_equal(rm_step_index(&m.impact, 9), 3);
	assert_int_equal(rm_level_index(&m, "top"), 2);
	assert_int_equal(rm_level_index(&m, "nope"), -1);
	assert_string_equal(rm_scale_values(&m.impact, &a), "1, 3, 5 or 9");
	arena_release(&a);
}

static void json_round_trips(void **state)
{
	struct arena a = ARENA_INIT;
	struct strbuf one = STRBUF_INIT, two = STRBUF_INIT;
	struct risk_method m, again;
	struct err e = ERR_INIT;
	json_t *obj;
	(void)state;
	assert_int_equal(parse_with(NULL, NULL, &a, &m, &e), 0);
	risk_method_body_json(&m, &one);
	obj = json_loads(one.buf, 0, NULL);
	assert_non_null(obj);
	assert_int_equal(risk_method_parse(obj, &a, &again, &e), 0);
	risk_method_body_json(&again, &two);
	assert_string_equal(one.buf, two.buf);
	json_decref(obj);
	sb_release(&one);
	sb_release(&two);
	arena_release(&a);
}

struct bad_case {
	const char *key, *with, *field;
};

static void refuses_each_problem_by_field(void **state)
{
	static const struct bad_case cases[] = {
		{ "likelihood", "[{\"value\":1,\"label\":\"a\"},{\"value\":2,\"label\":\"b\"}]", "likelihood" },
		{ "likelihood", "[{\"value\":1,\"label\":\"a\"},{\"value\":1,\"label\":\"b\"},{\"value\":3,\"label\":\"c\"}]",
		  "likelihood[1].value" },
		{ "likelihood", "[{\"value\":1,\"label\":\"a\"},{\"value\":2},{\"value\":4,\"label\":\"c\"}]",
		  "likelihood[1].label" },
		{ "impact", "[{\"value\":1,\"label\":\"a\"},{\"value\":3,\"label\":\"b\"},{\"value\":5,\"label\":\"c\"},"
			    "{\"value\":4,\"label\":\"d\"}]", "impact[3].value" },
		{ "impact", "\"1-5\"", "impact" },
		{ "levels", "[{\"key\":\"low\",\"label\":\"Low\",\"colour\":\"green\",\"review_months\":12}]", "levels" },
		{ "matrix", "[[\"low\",\"low\",\"low\",\"mid\"],[\"low\",\"mid\",\"mid\",\"top\"]]", "matrix" },
		{ "matrix", "[[\"low\",\"low\",\"low\",\"mid\"],[\"low\",\"mid\",\"mid\"],[\"mid\",\"mid\",\"top\",\"top\"]]",
		  "matrix[1]" },
		{ "matrix", "[[\"low\",\"low\",\"low\",\"mid\"],[\"low\",\"mid\",\"mid\",\"top\"],[\"mid\",\"mid\",\"top\",\"high\"]]",
		  "matrix[2][3]" },
		{ "appetite", "\"high\"", "appetite" },
		{ "surprise", "1", "surprise" },
	};
	(void)state;
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		struct arena a = ARENA_INIT;
		struct risk_method m;
		struct err e = ERR_INIT;
		assert_int_equal(parse_with(cases[k].key, cases[k].with, &a, &m, &e), -1);
		assert_int_equal(e.status, 422);
		if (!err_has_field(&e, cases[k].field))
			fail_msg("case %zu: no error on %s (first: %s)", k, cases[k].field, e.nfields ? e.fields[0].field : "-");
		arena_release(&a);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_and_looks_up_cells),
		cmocka_unit_test(json_round_trips),
		cmocka_unit_test(refuses_each_problem_by_field),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
