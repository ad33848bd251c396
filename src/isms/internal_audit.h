/* internal_audit: internal audits (ISO 27001 9.2) beyond their generic
 * record (model/types/internal_audit.c):
 *  - the record rule: status moves one step at a time (planned →
 *    in_progress → reported → closed, or one step back), dates in order, a
 *    conclusion before reporting, criteria that name an installed framework
 *    and ref ids of it, and the independence warning (a team member who owns
 *    the area or belongs to its staff group), stamped on the record;
 *  - the checklist (table audit_item): one item per assessable requirement
 *    of the criteria, made in the audit's write transaction by the rule's
 *    changed hook and remade when the criteria change — refused (409) once
 *    an item holds a result, evidence, notes or a nonconformity;
 *  - results, evidence and notes per item, and a nonconformity raised from a
 *    minor or major NC item in one transaction (once: again gives the same);
 *  - figures for the management review and the dashboard.
 * Every change is audited on the audit record ("internal_audit", its id).
 * Strings returned live in the caller's arena. */
#ifndef ISMS_INTERNAL_AUDIT_H
#define ISMS_INTERNAL_AUDIT_H
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/strbuf.h"
#include "isms/actor.h"
#include "isms/record.h"
#include "store/store.h"

/* Item results, in report order; not_checked is the default. */
enum { AUDIT_NRESULTS = 6 };
extern const char *const audit_results[AUDIT_NRESULTS + 1]; /* NULL-terminated */
int audit_result_index(const char *result);                  /* -1 when unknown */

/* record.c's rule for internal_audit (see struct record_rule). */
int internal_audit_prepare(struct store *s, const struct record *before, struct input *in, struct arena *a,
			   struct err *e);
int internal_audit_changed(struct store *s, const struct actor *who, int64_t id, struct arena *a, struct err *e);

/* record_extra.c's "warnings" of an audit's JSON: [] or the independence
 * warning as {field, code, message, acknowledged}. */
void internal_audit_warnings(const struct record *r, struct strbuf *sb);

struct audit_item {
	int64_t id, audit_id, requirement_id, ordinal, version;
	const char *ref_id, *title, *guidance, *result, *evidence, *notes, *updated_at;
	int64_t nonconformity_id; /* 0: none raised */
	const char *nonconformity_status; /* the raised one's status, else NULL */
};

/* The checklist of an audit in document order (no permission check). */
int audit_checklist(struct store *s, int64_t audit_id, struct arena *a, struct audit_item **out, int *n,
		    struct err *e);
void audit_item_json(const struct audit_item *it, struct strbuf *sb);

/* What one item change sets; a NULL field is left as it is. if_version 0:
 * whatever the item's version, else 412 when it differs. */
struct audit_item_change {
	int64_t item_id, if_version;
	const char *result, *evidence, *notes; /* "" clears evidence or notes */
};
/* Applies n changes to items of audit_id in one transaction, each audited
 * ("audit_checklist"); an unchanged item writes nothing. Refused whole: 404
 * audit or item, 403 not on the team, 409 the audit is not in progress, 422
 * a bad result or a text too long (field "result"/"evidence"/"notes", or
 * "items[i].result" when n > 1). */
int audit_items_update(struct store *s, const struct actor *who, int64_t audit_id,
		       const struct audit_item_change *changes, int n, struct err *e);

/* Raises the nonconformity of a minor or major NC item: source
 * audit_finding, severity from the result, description from the item,
 * owner the area's owner, detected today; the item keeps its id. When the
 * item has one already, *nc_id is it and *created 0. 422 for an item of
 * another result; 409 for an audit neither in progress nor reported. The
 * team may raise it though the nonconformity names another owner. */
int audit_raise_nc(struct store *s, const struct actor *who, int64_t audit_id, int64_t item_id, struct arena *a,
		   int64_t *nc_id, int *created, struct err *e);

/* For the management review and the dashboard. Audits completed: live
 * audits reported or closed whose end date (actual, else planned) is on or
 * after since; their items by result and the nonconformities raised. */
struct audit_results {
	int64_t audits_completed, items;
	int64_t by_result[AUDIT_NRESULTS];
	int64_t ncs_raised;
};
int audit_results_since(struct store *s, const char *since, struct audit_results *out, struct err *e);
void audit_results_json(const struct audit_results *r, const char *since, struct strbuf *sb);

/* Live audits still planned whose planned start is within days of today
 * (late ones included, late set), soonest first. */
struct audit_upcoming {
	int64_t id, area_id, lead_auditor;
	const char *title, *status, *planned_start, *area, *lead_name;
	int late;
};
int audits_upcoming(struct store *s, const char *today, int days, struct arena *a, struct audit_upcoming **out,
		    int *n, struct err *e);
void audits_upcoming_json(const struct audit_upcoming *u, int n, int days, struct strbuf *sb);

#endif
