/* kpi: a key performance indicator (ISO 27001 9.1) — what is measured, in
 * which unit, which way is better, the target and the thresholds that turn
 * it to warning and critical, how often it is measured, and where the
 * figures come from: entered by hand or one of the built-in formulas
 * (isms/kpi.h, kpi_formulas[]). Its measurements, their status and trend
 * are isms/kpi.c's; the rule that keeps unit, direction and thresholds
 * consistent runs inside every write (kpi_prepare). */
#include "model/entity.h"

extern const char *const kpi_source_values[]; /* isms/kpi_formula.c: the formulas' keys, then "manual" */

static const char *const units[] = { "percent", "count", "hours", "days", "currency", "ratio", NULL };
static const char *const directions[] = { "higher_better", "lower_better", NULL };
static const char *const frequencies[] = { "monthly", "quarterly", "yearly", NULL };

static const struct field fields[] = {
	{ "title", "Name", FT_TEXT, F_REQUIRED | F_LIST | F_SEARCH, .max_len = 200 },
	{ "definition", "Definition", FT_LONGTEXT, F_SEARCH, .max_len = 4000,
	  .help = "What is measured, how, and what the figure says about the objective." },
	{ "objective", "Objective", FT_REF, F_LIST, .ref = "objective", .help = "The objective this KPI measures." },
	{ "owner", "Owner", FT_USER, 0, .help = "Who records the measurements and answers for the figure." },
	{ "source", "Source", FT_ENUM, F_LIST, .values = kpi_source_values, .def = "manual",
	  .help = "Manual: measurements are entered by hand. Any other: computed from the data by a built-in "
		  "formula, which also sets the unit and direction." },
	{ "unit", "Unit", FT_ENUM, F_LIST, .values = units, .def = "percent",
	  .help = "Percent lies between 0 and 100; counts, hours, days and ratios are never negative." },
	{ "direction", "Better when", FT_ENUM, 0, .values = directions, .def = "higher_better",
	  .help = "Whether a higher or a lower value is better." },
	{ "target", "Target", FT_NUMBER, F_REQUIRED | F_LIST, .help = "The value to reach (or beat)." },
	{ "warning", "Warning threshold", FT_NUMBER, 0,
	  .help = "A value worse than this is a warning; left empty, any value worse than the target is." },
	{ "critical", "Critical threshold", FT_NUMBER, 0,
	  .help = "A value worse than this is critical; left empty, nothing is." },
	{ "frequency", "Measured", FT_ENUM, F_LIST, .values = frequencies, .def = "monthly",
	  .help = "One measurement per period; computed KPIs are measured at the start of each period." },
};

const struct entity entity_kpi = {
	.name = "kpi", .plural = "kpis", .table = "kpi",
	.label = "KPI", .label_plural = "KPIs",
	.title_field = "title", .default_sort = "title",
	.intro = "Key performance indicators: what is measured against which target, and how the figures move.",
	.read_role = ROLE_AUDITOR, .create_role = ROLE_MANAGER, .write_role = ROLE_OWNER,
	.write_scope = { ROLE_MANAGER, { "owner" } },
	ENTITY_FIELDS(fields),
};
