/* requirement_link: which of the organisation's controls meet which
 * requirements of which frameworks (table control_requirement). A control
 * may meet any number of requirements of any framework; through the
 * mappings between frameworks (requirement_mapping) it also counts toward the
 * requirements mapped to those (gap.c reads both).
 *
 * Changing a control's requirements needs write permission on the control
 * (its type's write role and per-record write scope); the control must be
 * live. Each change is audited on the control, in its transaction. */
#ifndef ISMS_REQUIREMENT_LINK_H
#define ISMS_REQUIREMENT_LINK_H
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "isms/actor.h"
#include "store/store.h"

/* A control meeting a requirement. */
struct req_control {
	int64_t id;
	const char *code, *title, *status;
	int archived;
};

/* A requirement a control meets, with its framework. */
struct control_req {
	int64_t id, framework_id;
	const char *framework, *ref_id, *title; /* framework: its short name */
};

int requirement_link_add(struct store *s, const struct actor *who, int64_t control_id, int64_t requirement_id,
			 struct arena *a, struct err *e);
/* 404 when the control does not meet the requirement. */
int requirement_link_remove(struct store *s, const struct actor *who, int64_t control_id,
			    int64_t requirement_id, struct arena *a, struct err *e);
/* The controls linked to a requirement, by code; archived ones included (flagged). */
int requirement_controls(struct store *s, int64_t requirement_id, struct arena *a, struct req_control **out,
			 int *n, struct err *e);
/* The requirements a control meets, by framework and document order. */
int control_requirements(struct store *s, int64_t control_id, struct arena *a, struct control_req **out, int *n,
			 struct err *e);

#endif
