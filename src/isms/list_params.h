/* list_params: the query parameters of a record list, read strictly —
 * a field of the type as a filter (its value checked like input; "null"
 * for an empty non-text field), id, q (free text), sort, limit, offset
 * and archived (true/false). Anything else is a 400 naming the parameter.
 * Shared by GET /api/v1/{type}, its CSV export, the risk heat map and the
 * CLI, so that they read the same parameters the same way. */
#ifndef ISMS_LIST_PARAMS_H
#define ISMS_LIST_PARAMS_H
#include "base/arena.h"
#include "base/err.h"
#include "isms/record.h"

/* Which parameters a caller takes besides filters, id and q. */
enum list_param_flags {
	LP_SORT = 1 << 0,     /* sort */
	LP_PAGE = 1 << 1,     /* limit and offset */
	LP_ARCHIVED = 1 << 2, /* archived */
	LP_ALL = LP_SORT | LP_PAGE | LP_ARCHIVED,
};

/* Reads one parameter into q; value and normalised filter values live in
 * a. -1 with a 400 in e when the parameter is unknown, not accepted by
 * flags, or its value is bad. */
int list_query_param(const struct entity *ent, struct list_query *q, unsigned flags, const char *key,
		     const char *value, struct arena *a, struct err *e);
/* For a loop over parameters (http_query_each): ctx is a struct
 * list_params, each parameter goes to list_query_param. */
struct list_params {
	const struct entity *ent;
	struct list_query *q;
	unsigned flags;
	struct arena *a;
	struct err *e;
};
int list_params_take(void *ctx, const char *key, const char *value);
/* What a caller accepting flags takes, for messages: "q, sort, limit, offset or archived". */
const char *list_params_accepted(unsigned flags);

#endif
