/* gap: the gap analysis of a framework — per requirement a status (not
 * assessed, not met, partial, met, not applicable) with evidence and notes
 * (table requirement_assessment), and how complete the framework is, per
 * section and overall.
 *
 * A requirement's effective status, used for the figures, comes from the
 * first of:
 *   1. its own assessment (anything but not_assessed);
 *   2. its Statement of Applicability row, when that excludes it (not applicable);
 *   3. the live controls linked to it: all implemented -> met, some
 *      implemented or partially implemented -> partial, else not met;
 *   4. a mapped requirement of another framework (either direction of the
 *      mapping) whose own assessment or controls give met or partial: met
 *      carries over through an "equal" mapping or one where this requirement
 *      is a subset of the other, else it counts as partial — a control implemented for one framework counts toward
 *      the mapped requirements of the others, and says so (source "mapping",
 *      via names the requirement it came through);
 *   5. else not assessed.
 * Percent complete counts the assessable requirements that are not "not
 * applicable": met 1, partial 1/2, others 0. */
#ifndef ISMS_GAP_H
#define ISMS_GAP_H
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/strbuf.h"
#include "isms/actor.h"
#include "isms/framework.h"
#include "store/store.h"

enum gap_status { GAP_NOT_ASSESSED, GAP_NOT_MET, GAP_PARTIAL, GAP_MET, GAP_NOT_APPLICABLE, GAP_NSTATUS };
extern const char *const gap_status_names[]; /* "not_assessed", ... NULL-terminated */
#define GAP_TEXT_MAX 8000

struct gap_row {
	const struct requirement *req;
	enum gap_status own;          /* its assessment; GAP_NOT_ASSESSED when none */
	const char *evidence, *notes; /* of the assessment */
	int64_t version;              /* of the assessment; 0 when none */
	const char *assessed_at, *assessed_by; /* when and by whom (name) */
	enum gap_status effective;
	const char *source;           /* "assessment", "soa", "controls", "mapping" or "none" */
	const char *via;              /* source "mapping": "A.8.5 of ISO/IEC 27001:2022 (equal)" */
	int controls, implemented;    /* live controls linked; of them implemented */
};

struct gap_counts {
	int count[GAP_NSTATUS]; /* assessable requirements by effective status */
	int total;              /* assessable ones */
	double percent;         /* complete, 0..100; 0 when nothing counts */
};

struct gap_report {
	struct framework fw;
	struct requirement *reqs;
	struct gap_row *rows;       /* one per requirement, document order */
	struct gap_counts *subtree; /* per row: its assessable descendants (and itself) */
	int n;
	struct gap_counts overall;
	int by_mapping;             /* requirements whose status came through a mapping */
};

int gap_report_read(struct store *s, int64_t framework_id, struct arena *a, struct gap_report *out, struct err *e);
/* JSON: {"framework":{...},"overall":{...},"sections":[top-level nodes],"requirements":[...]} */
void gap_report_to_json(const struct gap_report *g, struct strbuf *sb);
void gap_counts_to_json(const struct gap_counts *c, struct strbuf *sb);

/* Records the assessment of one assessable requirement. status one of
 * gap_status_names; evidence and notes may be NULL (cleared). if_version: the
 * assessment's version the caller saw (0: do not check; a stale one is 412).
 * Needs ROLE_MANAGER; audited ("requirement_assess") in its transaction. */
int gap_assess(struct store *s, const struct actor *who, int64_t requirement_id, int64_t if_version,
	       const char *status, const char *evidence, const char *notes, struct arena *a, struct err *e);

#endif
