/* kpi: key performance indicators (ISO 27001 9.1) beyond the generic record
 * operations on the kpi type — their measurements, the built-in formulas
 * that compute them from the data, and where each stands against its target.
 *
 * Measurements (table kpi_measurement) are one value per period of the KPI's
 * frequency: monthly "2025-03", quarterly "2025-Q1", yearly "2025", taken
 * from the day measured. A manual KPI's are entered by hand (kpi_record); a
 * computed KPI's by "measure now" (kpi_measure) and by the housekeeping job
 * kpi_measure_due at the start of each period. Every write is audited on
 * the KPI ("kpi_measurement") in its transaction.
 *
 * Status: a value is on target when it meets the target; worse than the
 * warning threshold (the target when none is set) it is a warning, worse
 * than the critical threshold critical; "worse" follows the direction
 * (higher or lower is better). No measurement: no data.
 *
 * Formulas are rows of kpi_formulas[] (kpi_formula.c): key, label, unit,
 * direction and the function; adding one is adding a row (and its key to
 * kpi_source_values[] next to it, which test_kpi checks).
 *
 * Memory: strings of results live in the caller's arena. */
#ifndef ISMS_KPI_H
#define ISMS_KPI_H
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/strbuf.h"
#include "isms/actor.h"
#include "isms/record.h"
#include "store/store.h"

#define KPI_NOTE_MAX 1000

/* ---- the pure half (kpi_status.c) ---- */

enum kpi_state { KPI_NO_DATA, KPI_ON_TARGET, KPI_WARNING, KPI_CRITICAL };

struct kpi_limits {
	int lower_better;
	double target;
	int has_warning, has_critical;
	double warning, critical;
};

enum kpi_state kpi_state_of(const struct kpi_limits *l, int has_value, double value);
const char *kpi_state_key(enum kpi_state st);   /* "on_target", "warning", "critical", "no_data" */
const char *kpi_state_label(enum kpi_state st); /* "On target", ... */
/* The period key of a date for a frequency (monthly, quarterly, yearly)
 * into out; -1 for an unknown frequency or a date that is not one. */
int kpi_period(const char *frequency, const char *date, char *out, size_t n);
/* The months a period of the frequency spans (1, 3, 12); 0 when unknown. */
int kpi_period_months(const char *frequency);
/* Whether v is a value of the unit: 0, or -1 with a 422 message on field. */
int kpi_check_value(const char *unit, double v, const char *field, struct err *e);
/* The limits as a record of the kpi type holds them; -1 when the target is
 * missing or a number does not read (not after kpi_prepare). */
int kpi_limits_of(const struct record *r, struct kpi_limits *out);

/* ---- formulas (kpi_formula.c) ---- */

/* The period a formula looks at: from the day after the same day one
 * period ago up to today (both YYYY-MM-DD, included). Snapshot formulas
 * (controls, risks, training, reviews) read things as they stand today. */
struct kpi_window {
	const char *from, *today;
};

struct kpi_formula {
	const char *key, *label;
	const char *unit, *direction; /* values of the kpi type's enums */
	const char *help;             /* how it is computed, one sentence */
	/* *has 0: nothing to compute from (no applicable control, no incident...) */
	int (*fn)(struct store *s, const struct kpi_window *w, double *value, int *has, struct err *e);
};
extern const struct kpi_formula kpi_formulas[];
extern const int kpi_formula_count;
extern const char *const kpi_source_values[]; /* the formulas' keys in order, then "manual"; NULL-ended */
/* NULL for "manual" and unknown keys. */
const struct kpi_formula *kpi_formula_by_key(const char *key);

/* ---- measurements, status (kpi.c) ---- */

struct kpi_measurement {
	int64_t id, kpi_id;
	const char *period, *measured_on;
	double value;
	const char *value_text; /* canonical spelling of value */
	const char *note;       /* NULL: none */
	const char *source;     /* "manual" or "computed" */
	int64_t recorded_by;    /* 0: the system */
	const char *recorded_by_name, *recorded_at;
};

/* The record rule (record.c's rules[]): a formula sets unit and direction
 * (422 on unit or direction when the change names others); a manual KPI
 * needs a unit; target and thresholds must be values of the unit and lie
 * in the direction's order (higher better: target >= warning >= critical;
 * lower better: the other way), else 422 on the field out of place. */
int kpi_prepare(struct store *s, const struct record *before, struct input *in, struct arena *a, struct err *e);

/* The KPI's measurements, oldest period first. who must read the KPI (404). */
int kpi_measurements(struct store *s, const struct actor *who, int64_t kpi_id, struct arena *a,
		     struct kpi_measurement **out, int *n, struct err *e);
/* Records a manual measurement by who, audited: date (YYYY-MM-DD; NULL:
 * today) not in the future and not in a period already measured, value the
 * text of a number of the KPI's unit, note optional. 404 no KPI, 403 may
 * not change it, 409 archived or computed; 422 per field (date, value,
 * note), nothing changed. */
int kpi_record(struct store *s, const struct actor *who, int64_t kpi_id, const char *date, const char *value,
	       const char *note, struct arena *a, int64_t *id, struct err *e);
/* Computes a formula KPI's value now and stores it as today's period's
 * measurement (replacing a computed one of the same period), audited. 409
 * "manual" for a manual KPI, 409 "no_data" when the formula has nothing to
 * compute from. */
int kpi_measure(struct store *s, const struct actor *who, int64_t kpi_id, struct arena *a, int64_t *id,
		struct err *e);
/* The housekeeping job: a measurement for every live computed KPI whose
 * current period has none, each in its own transaction, as the system. */
int kpi_measure_due(struct store *s, int *count, struct err *e);

struct kpi_status {
	struct record kpi;   /* the KPI as record_list reads it */
	struct kpi_limits limits;
	int has_latest;
	struct kpi_measurement latest;
	enum kpi_state state;
};
struct kpi_status_counts {
	int on_target, warning, critical, no_data;
};
/* Every live KPI viewer may read (NULL: all), by name, with its latest
 * measurement and status; for the dashboard and the management review.
 * objective_id > 0: only the KPIs of that objective. */
int kpi_status_all(struct store *s, const struct actor *viewer, int64_t objective_id, struct arena *a,
		   struct kpi_status **out, int *n, struct kpi_status_counts *counts, struct err *e);
/* The status of one KPI record. */
int kpi_status_one(struct store *s, const struct record *r, struct arena *a, struct kpi_status *out,
		   struct err *e);

void kpi_measurement_json(const struct kpi_measurement *m, struct strbuf *sb);
void kpi_status_json(const struct kpi_status *st, struct strbuf *sb);
/* {"counts": {...}, "items": [...]} */
void kpi_status_list_json(const struct kpi_status *list, int n, const struct kpi_status_counts *c,
			  struct strbuf *sb);

#endif
