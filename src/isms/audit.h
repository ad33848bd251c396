/* audit: appends to the audit log. Called inside the transaction of the
 * change it records, so the change and its entry commit together or not
 * at all. before/after are JSON texts (NULL when there is none). */
#ifndef ISMS_AUDIT_H
#define ISMS_AUDIT_H
#include <stdint.h>

#include "base/err.h"
#include "isms/actor.h"
#include "store/store.h"

int audit_append(struct store *s, const struct actor *who, const char *action, const char *record_type,
		 int64_t record_id, const char *before, const char *after, struct err *e);

#endif
