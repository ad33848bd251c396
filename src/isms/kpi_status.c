/* kpi_status: the pure half of KPIs — where a value stands against a KPI's
 * target and thresholds, the period a day falls in, and which values a unit
 * allows. No database, no allocation: tests/unit/test_kpi.c covers it. */
#include <stdio.h>
#include <string.h>

#include "base/timeutil.h"
#include "base/util.h"
#include "isms/kpi.h"

/* Whether a is worse than b in the direction of l. */
static int worse(const struct kpi_limits *l, double a, double b)
{
	return l->lower_better ? a > b : a < b;
}

enum kpi_state kpi_state_of(const struct kpi_limits *l, int has_value, double value)
{
	if (!has_value)
		return KPI_NO_DATA;
	if (l->has_critical && worse(l, value, l->critical))
		return KPI_CRITICAL;
	if (worse(l, value, l->has_warning ? l->warning : l->target))
		return KPI_WARNING;
	return KPI_ON_TARGET;
}

static const struct {
	const char *key, *label;
} states[] = {
	[KPI_NO_DATA] = { "no_data", "No data" },
	[KPI_ON_TARGET] = { "on_target", "On target" },
	[KPI_WARNING] = { "warning", "Warning" },
	[KPI_CRITICAL] = { "critical", "Critical" },
};

const char *kpi_state_key(enum kpi_state st)
{
	return states[st].key;
}

const char *kpi_state_label(enum kpi_state st)
{
	return states[st].label;
}

int kpi_period_months(const char *frequency)
{
	if (streq(frequency, "monthly"))
		return 1;
	if (streq(frequency, "quarterly"))
		return 3;
	if (streq(frequency, "yearly"))
		return 12;
	return 0;
}

int kpi_period(const char *frequency, const char *date, char *out, size_t n)
{
	int months = kpi_period_months(frequency);
	int64_t month;
	if (!months || !date || time_check_date(date) || parse_int64_n(date + 5, 2, &month))
		return -1;
	if (months == 1)
		snprintf(out, n, "%.7s", date);
	else if (months == 3)
		snprintf(out, n, "%.4s-Q%d", date, (int)(month - 1) / 3 + 1);
	else
		snprintf(out, n, "%.4s", date);
	return 0;
}

int kpi_check_value(const char *unit, double v, const char *field, struct err *e)
{
	if (streq(unit, "percent") && (v < 0 || v > 100))
		return err_field(e, field, "range", "A percentage lies between 0 and 100.");
	if ((streq(unit, "count") || streq(unit, "hours") || streq(unit, "days") || streq(unit, "ratio")) && v < 0)
		return err_field(e, field, "range", "A value in %s cannot be negative.", unit);
	if (streq(unit, "count") && v != (double)(int64_t)v)
		return err_field(e, field, "range", "A count is a whole number.");
	return 0;
}

static int number_at(const struct record *r, int i, int *has, double *out)
{
	*has = i >= 0 && r->values[i] != NULL;
	return *has && parse_number(r->values[i], out) ? -1 : 0;
}

int kpi_limits_of(const struct record *r, struct kpi_limits *out)
{
	const struct entity *ent = entity_by_name("kpi");
	int has_target;
	memset(out, 0, sizeof(*out));
	out->lower_better = streq(r->values[entity_field_index(ent, "direction")], "lower_better");
	if (number_at(r, entity_field_index(ent, "target"), &has_target, &out->target) || !has_target ||
	    number_at(r, entity_field_index(ent, "warning"), &out->has_warning, &out->warning) ||
	    number_at(r, entity_field_index(ent, "critical"), &out->has_critical, &out->critical))
		return -1;
	return 0;
}
