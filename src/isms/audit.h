/* audit: the append-only, hash-chained audit log.
 *
 * audit_append is called inside the transaction of the change it records,
 * so a change and its entry commit together or not at all. Each entry's
 * hash is SHA-256(previous hash || canonical entry), where the canonical
 * entry is the JSON array [id, at, actor_id, action, record_type,
 * record_id, before, after]; the first entry's previous hash is 64 zeros.
 * audit_head (one row) holds the newest id and hash: appenders update it
 * first, which serialises them on every engine. before/after are JSON
 * texts, NULL when there is none. */
#ifndef ISMS_AUDIT_H
#define ISMS_AUDIT_H
#include <stdint.h>

#include "base/err.h"
#include "isms/actor.h"
#include "store/store.h"

int audit_append(struct store *s, const struct actor *who, const char *action, const char *record_type,
		 int64_t record_id, const char *before, const char *after, struct err *e);

struct audit_report {
	int64_t entries;     /* entries checked */
	int64_t broken_id;   /* first entry whose content or link is wrong; 0 when intact */
	char reason[160];
};

/* Walks the whole chain. Returns 0 when it could be read (see report), -1 on
 * a database error. */
int audit_verify(struct store *s, struct audit_report *report, struct err *e);
/* The same for the chain from the first entry up to entry last only (last 0:
 * the whole chain, with the head). An entry last that is missing is broken. */
int audit_verify_upto(struct store *s, int64_t last, struct audit_report *report, struct err *e);
/* Checks one entry against its own content and the stored hash of the entry
 * before it (64 zeros for the first): *intact is 1 when they agree. prev gets
 * that previous hash, "" when the entry before is missing. 404 when there is
 * no entry id. A cheap local check; only audit_verify proves the chain. */
int audit_entry_check(struct store *s, int64_t id, char prev[65], int *intact, struct err *e);

#endif
