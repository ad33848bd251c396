/* risk_history: how a risk's assessment changed over time — its scores,
 * levels, treatment and status after each change, with when and who.
 *
 * Derived from the audit log, not kept twice: every risk write already
 * appends an entry with the whole record after the change (audit.c), in the
 * same transaction, so the log is complete and tamper-evident. The read goes
 * through the index audit_log_record (record_type, record_id) and so costs
 * the same with a million entries of other records. Entries that change none
 * of the assessed values (a typo in the description) are left out.
 *
 * Memory: every string of a result lives in the caller's arena. */
#ifndef ISMS_RISK_HISTORY_H
#define ISMS_RISK_HISTORY_H
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/strbuf.h"
#include "isms/actor.h"
#include "store/store.h"

/* At most this many of the newest audit entries of one risk are read. */
#define RISK_HISTORY_MAX 1000
/* A value the risk did not have (unscored): scales are never negative. */
#define RH_NONE (-1)

struct risk_point {
	int64_t audit_id;
	const char *at;          /* UTC time of the change */
	int64_t actor;           /* 0: the system */
	const char *actor_name;  /* NULL for the system or a deleted user */
	const char *action;      /* "create", "update" or "archive" */
	int64_t likelihood, impact, inherent_score;                     /* RH_NONE when unset */
	int64_t residual_likelihood, residual_impact, residual_score;  /* RH_NONE when unset */
	int64_t method_version;                                        /* RH_NONE when unset */
	const char *inherent_level, *residual_level, *treatment, *status; /* NULL when unset */
};

struct risk_history {
	int64_t risk_id;
	struct risk_point *points; /* oldest first */
	int n;
	int truncated;             /* older entries than RISK_HISTORY_MAX were left out */
};

/* The history of risk id as who sees it: 404 when there is no such risk or
 * it is out of who's read scope (as record_read). */
int risk_history_read(struct store *s, const struct actor *who, int64_t id, struct arena *a,
		      struct risk_history *out, struct err *e);

/* The risk method versions that past assessments were scored with, each
 * read once: a history or a run names a handful of them. */
#define RM_CACHE_MAX 8
struct risk_method;
struct rm_cache {
	int n;
	struct risk_method *m[RM_CACHE_MAX];
};
/* The method of version (NULL when it cannot be read, version is RH_NONE,
 * or the cache is full). c starts zeroed; methods live in a. */
const struct risk_method *rm_cache_get(struct store *s, struct rm_cache *c, int64_t version, struct arena *a);
/* The level's place in m (0 lowest), or RH_NONE for no level or a key m
 * lacks. */
int rm_cache_rank(const struct risk_method *m, const char *key);

/* "key": v, or null for RH_NONE (as for RUN_NONE in risk_run.h). */
void rh_kv_number(struct strbuf *sb, int *first, const char *key, int64_t v);

/* {"risk_id": N, "items": [...], "total": n, "truncated": false}. */
void risk_history_to_json(const struct risk_history *h, struct strbuf *sb);

#endif
