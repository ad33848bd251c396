/* context: the context of the organisation as a whole (ISO 27001 4.1, 4.2)
 * — what changed in issues, interested parties and their requirements since
 * a date, for the management review's input "changes in external and
 * internal issues" and "needs and expectations of interested parties". Read
 * from the audit log, so it covers every change and cannot drift from it. */
#ifndef ISMS_CONTEXT_H
#define ISMS_CONTEXT_H
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/strbuf.h"
#include "store/store.h"

/* One record changed since the date. change is "created" (created in the
 * period, whatever followed unless archived), "archived" (archived in the
 * period) or "changed" (anything else: updates, links). */
struct context_change {
	const char *type;   /* "issue", "interested_party" or "party_requirement" */
	int64_t id;
	const char *title;  /* its current title */
	const char *change;
	const char *at;     /* the latest change in the period */
	int count;          /* audit entries in the period */
};

struct context_changes {
	struct context_change *items; /* by type (issues, parties, requirements), then latest first */
	int n;
	int created, changed, archived;
};

/* since: YYYY-MM-DD (from that day, 00:00 UTC); 422 on field "since"
 * otherwise. */
int context_changes_since(struct store *s, const char *since, struct arena *a, struct context_changes *out,
			  struct err *e);
void context_changes_to_json(const struct context_changes *c, const char *since, struct strbuf *sb);

#endif
