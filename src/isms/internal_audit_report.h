/* internal_audit_report: what is read about internal audits as a whole —
 * an audit's report (scope, criteria, team, dates, counts by result, the
 * findings with their evidence and nonconformities, the conclusion) and an
 * audit programme's schedule (its areas by the quarters of its cycle, with
 * each planned audit and its status). Read only; strings in the arena.
 * Both check the caller's read rules (record_read). */
#ifndef ISMS_INTERNAL_AUDIT_REPORT_H
#define ISMS_INTERNAL_AUDIT_REPORT_H
#include "isms/internal_audit.h"

struct audit_report {
	struct record audit;
	int64_t framework_id;
	const char *framework; /* "ISO/IEC 27001:2022 — title", or NULL */
	const char *area_owner;
	struct audit_item *items;
	int n;
	int64_t by_result[AUDIT_NRESULTS];
	int64_t ncs_raised;
};
int audit_report_read(struct store *s, const struct actor *who, int64_t id, struct arena *a, struct audit_report *out,
		      struct err *e);
/* Findings are the items whose result is neither conforming nor not checked. */
int audit_item_is_finding(const struct audit_item *it);
void audit_report_json(const struct audit_report *r, struct strbuf *sb);

struct schedule_audit {
	int64_t id;
	const char *title, *status, *planned_start;
	int quarter; /* 0-based column; -1 outside the cycle */
};
struct schedule_area {
	int64_t id;
	const char *name, *owner;
	struct schedule_audit *audits;
	int n;
};
struct audit_schedule {
	struct record programme;
	int nquarters;
	char (*quarter_start)[16]; /* YYYY-MM-DD of each quarter */
	struct schedule_area *areas; /* every live area, then archived ones holding an audit */
	int nareas;
	int64_t audits, outside;
};
int audit_schedule_read(struct store *s, const struct actor *who, int64_t programme_id, struct arena *a,
			struct audit_schedule *out, struct err *e);
void audit_schedule_json(const struct audit_schedule *sc, struct strbuf *sb);

#endif
