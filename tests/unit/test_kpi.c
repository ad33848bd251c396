/* test_kpi: unit tests for the pure half of KPIs (src/isms/kpi_status.c) —
 * the status of a value against target, warning and critical thresholds in
 * both directions and without thresholds, the period a day falls in, the
 * values a unit allows — and that kpi_source_values[] lists the formulas of
 * kpi_formulas[] in order, then "manual" (the kpi type's source enum). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "isms/kpi.h"

static enum kpi_state at(const struct kpi_limits *l, double v)
{
	return kpi_state_of(l, 1, v);
}

static void higher_is_better(void **state)
{
	struct kpi_limits l = { .target = 95, .has_warning = 1, .warning = 90, .has_critical = 1, .critical = 80 };
	(void)state;
	assert_int_equal(kpi_state_of(&l, 0, 0), KPI_NO_DATA);
	assert_int_equal(at(&l, 100), KPI_ON_TARGET);
	assert_int_equal(at(&l, 95), KPI_ON_TARGET);
	assert_int_equal(at(&l, 90), KPI_ON_TARGET); /* at the warning threshold: not worse than it */
	assert_int_equal(at(&l, 89.99), KPI_WARNING);
	assert_int_equal(at(&l, 80), KPI_WARNING);
	assert_int_equal(at(&l, 79.99), KPI_CRITICAL);
	assert_int_equal(at(&l, -5), KPI_CRITICAL);
}

static void lower_is_better(void **state)
{
	struct kpi_limits l = { .lower_better = 1, .target = 4, .has_warning = 1, .warning = 6, .has_critical = 1,
				.critical = 8 };
	(void)state;
	assert_int_equal(at(&l, 0), KPI_ON_TARGET);
	assert_int_equal(at(&l, 6), KPI_ON_TARGET);
	assert_int_equal(at(&l, 6.01), KPI_WARNING);
	assert_int_equal(at(&l, 8), KPI_WARNING);
	assert_int_equal(at(&l, 8.01), KPI_CRITICAL);
}

static void without_thresholds(void **state)
{
	struct kpi_limits up = { .target = 95 }, down = { .lower_better = 1, .target = 0 };
	(void)state;
	assert_int_equal(at(&up, 95), KPI_ON_TARGET);
	assert_int_equal(at(&up, 94.9), KPI_WARNING);
	assert_int_equal(at(&up, -1000), KPI_WARNING); /* no critical threshold: never critical */
	assert_int_equal(at(&down, 0), KPI_ON_TARGET);
	assert_int_equal(at(&down, 1), KPI_WARNING);
	assert_string_equal(kpi_state_key(KPI_ON_TARGET), "on_target");
	assert_string_equal(kpi_state_key(KPI_NO_DATA), "no_data");
	assert_string_equal(kpi_state_label(KPI_CRITICAL), "Critical");
}

static void periods(void **state)
{
	char p[16];
	(void)state;
	assert_int_equal(kpi_period("monthly", "2025-03-31", p, sizeof(p)), 0);
	assert_string_equal(p, "2025-03");
	assert_int_equal(kpi_period("quarterly", "2025-03-31", p, sizeof(p)), 0);
	assert_string_equal(p, "2025-Q1");
	assert_int_equal(kpi_period("quarterly", "2025-10-01", p, sizeof(p)), 0);
	assert_string_equal(p, "2025-Q4");
	assert_int_equal(kpi_period("yearly", "2025-12-31", p, sizeof(p)), 0);
	assert_string_equal(p, "2025");
	assert_int_equal(kpi_period("weekly", "2025-12-31", p, sizeof(p)), -1);
	assert_int_equal(kpi_period("monthly", "2025-02-30", p, sizeof(p)), -1);
	assert_int_equal(kpi_period_months("quarterly"), 3);
}

static void unit_values(void **state)
{
	struct err e = ERR_INIT;
	(void)state;
	assert_int_equal(kpi_check_value("percent", 0, "value", &e), 0);
	assert_int_equal(kpi_check_value("percent", 100, "value", &e), 0);
	assert_int_equal(kpi_check_value("percent", 100.1, "value", &e), -1);
	assert_int_equal(kpi_check_value("percent", -0.1, "value", &e), -1);
	assert_int_equal(kpi_check_value("count", 3, "value", &e), 0);
	assert_int_equal(kpi_check_value("count", 2.5, "value", &e), -1);
	assert_int_equal(kpi_check_value("hours", -1, "value", &e), -1);
	assert_int_equal(kpi_check_value("currency", -1, "value", &e), 0);
	assert_int_equal(e.nfields, 4);
	assert_int_equal(e.status, 422);
	assert_string_equal(e.fields[0].field, "value");
}

static void sources_follow_the_formulas(void **state)
{
	int i;
	(void)state;
	for (i = 0; i < kpi_formula_count; i++) {
		assert_non_null(kpi_source_values[i]);
		assert_string_equal(kpi_source_values[i], kpi_formulas[i].key);
		assert_ptr_equal(kpi_formula_by_key(kpi_formulas[i].key), &kpi_formulas[i]);
	}
	assert_string_equal(kpi_source_values[i], "manual");
	assert_null(kpi_source_values[i + 1]);
	assert_null(kpi_formula_by_key("manual"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(higher_is_better),        cmocka_unit_test(lower_is_better),
		cmocka_unit_test(without_thresholds),      cmocka_unit_test(periods),
		cmocka_unit_test(unit_values),             cmocka_unit_test(sources_follow_the_formulas),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
