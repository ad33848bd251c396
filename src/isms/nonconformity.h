/* nonconformity: what the nonconformity type adds to the generic record
 * operations (ISO 27001 10.2) — the closing rule run inside every write, and
 * the figures KPIs read: the share closed on time and the open ones by
 * severity.
 *
 * The rule: a nonconformity is closed only after an effectiveness check that
 * found it effective (who checked, when, result "effective"), else 422 on
 * status; recording the result "not_effective" sends it back to
 * corrective_action; closed_on is stamped on closing and cleared on
 * reopening. One from an incident must name the incident. */
#ifndef ISMS_NONCONFORMITY_H
#define ISMS_NONCONFORMITY_H
#include <stdint.h>

#include "base/err.h"
#include "base/strbuf.h"
#include "isms/record.h"
#include "store/store.h"

int nonconformity_prepare(struct store *s, const struct record *before, struct input *in, struct arena *a,
			  struct err *e);

/* Over the live nonconformities: those closed from from to to (closed_on,
 * dates both included; NULL: no bound) and, of those with a due date, the
 * ones closed on or before it; the open ones now by severity and overdue
 * (due before today). */
struct nc_figures {
	int64_t closed, closed_with_due, closed_on_time;
	int on_time_permille; /* closed_on_time * 1000 / closed_with_due, rounded; -1 when none */
	int64_t open, open_major, open_minor, open_unrated, open_overdue;
};
int nc_figures(struct store *s, const char *from, const char *to, struct nc_figures *out, struct err *e);
/* {"closed": .., "closed_on_time_percent": 66.7 | null, "open": {...}} */
void nc_figures_json(const struct nc_figures *f, const char *from, const char *to, struct strbuf *sb);

#endif
