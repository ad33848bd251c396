/* acceptance: signed acceptances of risks above the risk appetite (ISO 27001
 * 6.1.3 e: risk owners approve the plan and accept the residual risk).
 *
 * The rule: a risk whose level (residual, else inherent) is above the
 * appetite of the risk method version it was assessed with may get status
 * closed or accepted, or treatment retain, only while a valid acceptance
 * covers it. risk_prepare (isms/risk.c) enforces it through
 * acceptance_rule inside the risk's write transaction.
 *
 * An acceptance is signed by the risk's owner, or by a user whose role is at
 * or above the setting risk_acceptance_role; it has a rationale and an
 * expiry date (after today, at most ACCEPTANCE_MAX_MONTHS ahead), and
 * records the score, level and method version it accepts. It covers the
 * risk while it is neither revoked nor expired, its expiry date is after
 * today, and the risk is still assessed with that method version at a score
 * no higher than the accepted one.
 *
 * Rows are never deleted (table risk_acceptance): revoking stamps who and
 * when; expiry (acceptance_expire_due, a housekeeping job) stamps when,
 * turns a closed or accepted risk that nothing else covers back to
 * 'assessed' and gives its owner a task to review it. Every change is
 * audited in its transaction, on the risk ("risk_accept",
 * "risk_accept_revoke", "risk_accept_expire"). */
#ifndef ISMS_ACCEPTANCE_H
#define ISMS_ACCEPTANCE_H
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/strbuf.h"
#include "isms/actor.h"
#include "isms/record.h"
#include "store/store.h"

#define ACCEPTANCE_MAX_MONTHS 36
#define ACCEPTANCE_RATIONALE_MAX 2000

struct acceptance {
	int64_t id, risk_id;
	int64_t accepted_by;
	const char *accepted_by_name, *accepted_at;
	const char *rationale;
	const char *expires_on;       /* YYYY-MM-DD: valid before this day */
	int has_score;
	int64_t accepted_score;
	const char *accepted_level;   /* level key; NULL when unscored */
	int64_t method_version;
	const char *revoked_at;       /* NULL unless revoked */
	int64_t revoked_by;
	const char *revoked_by_name;
	const char *expired_at;       /* NULL until the expiry job stamped it */
	const char *state;            /* "valid", "revoked", "expired" */
};

/* The risk's acceptances, newest first (arena). Returns the count, or -1. */
int acceptance_list(struct store *s, int64_t risk_id, struct arena *a, struct acceptance **out, struct err *e);
/* One acceptance of the risk; 404 when the risk has none of that id. */
int acceptance_get(struct store *s, int64_t risk_id, int64_t id, struct arena *a, struct acceptance *out,
		   struct err *e);
/* The acceptance as a JSON object. */
void acceptance_to_json(const struct acceptance *ac, struct strbuf *sb);

/* Whether who may accept (or revoke an acceptance of) risk r: its owner, or
 * a role at or above the setting. */
int acceptance_may_sign(struct store *s, const struct actor *who, const struct record *r);

/* Signs an acceptance of risk risk_id by who, with its audit entry, in one
 * transaction. 404 no such risk (or out of who's read scope), 409 archived
 * or unscored, 403 "may_not_accept", 422 per field (rationale, expires_on). */
int acceptance_create(struct store *s, const struct actor *who, int64_t risk_id, const char *rationale,
		      const char *expires_on, struct arena *a, int64_t *id, struct err *e);
/* Revokes one; 409 when it is no longer valid. A closed or accepted risk it
 * leaves uncovered goes back to 'assessed' in the same transaction. */
int acceptance_revoke(struct store *s, const struct actor *who, int64_t risk_id, int64_t id, struct arena *a,
		      struct err *e);

/* What the rule needs to know about a risk after a change. */
struct risk_state {
	int64_t id;                /* 0 when being created */
	const char *status, *treatment, *level;
	int has_score;
	int64_t score;             /* residual score, else inherent */
	int64_t method_version;
	const char *field;         /* the field to name in the error; NULL: the change does not touch the rule */
};
/* Adds a field error to e (and returns -1) when the state needs an
 * acceptance that no valid one gives. */
int acceptance_rule(struct store *s, const struct risk_state *st, struct arena *a, struct err *e);

/* The housekeeping job: stamps every acceptance whose expiry date has come,
 * each in its own transaction, as the system. *count: how many it expired. */
int acceptance_expire_due(struct store *s, int *count, struct err *e);

#endif
