/* incident: what the incident type adds to the generic record operations —
 * the order of its timeline (a rule run inside every write), the times
 * computed from it (time to detect, respond, contain and resolve) and the
 * regulator-notification clock of a personal-data breach (72 hours from
 * detection), for one incident and as averages over a period (KPIs).
 *
 * Times are the stored UTC text "YYYY-MM-DDTHH:MM:SSZ"; durations are whole
 * seconds, -1 when either end is missing. Nothing here allocates. */
#ifndef ISMS_INCIDENT_H
#define ISMS_INCIDENT_H
#include <stdint.h>
#include <time.h>

#include "base/err.h"
#include "base/strbuf.h"
#include "isms/record.h"
#include "store/store.h"

#define INCIDENT_BREACH_HOURS 72

struct incident_timing {
	int64_t detect;  /* occurred -> detected */
	int64_t respond; /* detected -> responded */
	int64_t contain; /* detected -> contained */
	int64_t resolve; /* detected -> resolved */
	int breach;            /* a personal-data breach with a detection time: the clock below applies */
	char deadline[32];     /* detection + 72 hours */
	const char *notified;  /* when the regulator was notified (borrowed from the record), or NULL */
	int met;               /* notified at or before the deadline */
	int64_t seconds_left;  /* not notified: deadline - now (negative once overdue) */
};

/* The timing of incident r at time now. */
void incident_timing(const struct record *r, time_t now, struct incident_timing *out);
/* {"time_to_detect_seconds": .., ..., "breach_notification": {...} | null} */
void incident_timing_json(const struct incident_timing *t, struct strbuf *sb);

/* The record rule (record.c): the timeline must run occurred <= detected <=
 * reported <= responded <= contained <= resolved <= closed, and the regulator
 * cannot have been notified before detection; otherwise 422 naming both
 * fields. Only pairs the change touches are checked. */
int incident_prepare(struct store *s, const struct record *before, struct input *in, struct arena *a,
		     struct err *e);

/* Averages over the live incidents detected from from to to (dates
 * YYYY-MM-DD, both included; NULL: no bound). Each mean is over the
 * incidents that have both ends of that duration (n_*). */
struct incident_metrics {
	int64_t incidents;
	int64_t n_detect, n_respond, n_contain, n_resolve;
	int64_t mean_detect, mean_respond, mean_contain, mean_resolve; /* seconds, rounded down; -1 when n is 0 */
	int64_t breaches, breaches_met, breaches_late, breaches_open; /* open: not notified yet */
};
int incident_metrics(struct store *s, const char *from, const char *to, struct incident_metrics *out,
		     struct err *e);
void incident_metrics_json(const struct incident_metrics *m, const char *from, const char *to, struct strbuf *sb);

#endif
