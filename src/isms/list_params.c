#include "isms/list_params.h"

#include <string.h>
#include <time.h>

#include "base/util.h"
#include "model/validate.h"

static int bounded_int(const char *v, int64_t lo, int64_t hi, int *out)
{
	int64_t n;
	if (parse_int64(v, &n) || n < lo || n > hi)
		return -1;
	*out = (int)n;
	return 0;
}

const char *list_params_accepted(unsigned flags)
{
	static const char *const text[] = {
		"q", "q or sort", "q, limit or offset", "q, sort, limit or offset",
		"q or archived", "q, sort or archived", "q, limit, offset or archived", "q, sort, limit, offset or archived",
	};
	return text[flags & LP_ALL];
}

/* A parameter this caller does not take. */
static int not_here(const struct entity *ent, unsigned flags, const char *key, struct err *e)
{
	return err_set(e, 400, "bad_parameter", "Unknown query parameter '%s': use a field of %s, %s.", key, ent->name,
		       list_params_accepted(flags));
}

int list_query_param(const struct entity *ent, struct list_query *q, unsigned flags, const char *key,
		     const char *value, struct arena *a, struct err *e)
{
	struct err fe = ERR_INIT;
	int i;

	if (strcmp(key, "q") == 0) {
		q->q = value;
		return 0;
	}
	if (strcmp(key, "sort") == 0)
		return flags & LP_SORT ? list_query_sort(q, ent, value, e) : not_here(ent, flags, key, e);
	if (strcmp(key, "limit") == 0) {
		if (!(flags & LP_PAGE))
			return not_here(ent, flags, key, e);
		if (bounded_int(value, 1, LIST_MAX_LIMIT, &q->limit))
			return err_set(e, 400, "bad_parameter", "limit must be a whole number from 1 to %d.",
				       LIST_MAX_LIMIT);
		return 0;
	}
	if (strcmp(key, "offset") == 0) {
		if (!(flags & LP_PAGE))
			return not_here(ent, flags, key, e);
		if (bounded_int(value, 0, 2000000000, &q->offset))
			return err_set(e, 400, "bad_parameter", "offset must be a whole number of at least 0.");
		return 0;
	}
	if (strcmp(key, "archived") == 0) {
		if (!(flags & LP_ARCHIVED))
			return not_here(ent, flags, key, e);
		if (strcmp(value, "true") && strcmp(value, "false"))
			return err_set(e, 400, "bad_parameter", "archived must be true or false.");
		q->include_archived = strcmp(value, "true") == 0;
		return 0;
	}
	if (strcmp(key, "overdue") == 0) {
		if (!ent->overdue.due_field)
			return err_set(e, 400, "bad_parameter", "%s have no due date: overdue does not apply.",
				       ent->label_plural);
		if (strcmp(value, "true") && strcmp(value, "false"))
			return err_set(e, 400, "bad_parameter", "overdue must be true or false.");
		if (strcmp(value, "true") == 0) {
			char *today = arena_alloc(a, 16);
			time_t now = time(NULL);
			struct tm tm;
			gmtime_r(&now, &tm);
			strftime(today, 16, "%Y-%m-%d", &tm);
			q->overdue_on = today;
		}
		return 0;
	}
	if (q->nfilters >= LIST_MAX_FILTERS)
		return err_set(e, 400, "bad_parameter", "At most %d filters.", LIST_MAX_FILTERS);
	if (strcmp(key, "id") == 0) {
		int64_t id;
		if (parse_int64(value, &id))
			return err_set(e, 400, "bad_filter", "Filter id: must be a whole number.");
		q->filter_field[q->nfilters] = -1;
		q->filter_value[q->nfilters++] = value;
		return 0;
	}
	i = entity_field_index(ent, key);
	if (i < 0)
		return not_here(ent, flags, key, e);
	q->filter_field[q->nfilters] = i;
	if (strcmp(value, "null") == 0 && ent->fields[i].type != FT_TEXT && ent->fields[i].type != FT_LONGTEXT) {
		q->filter_value[q->nfilters++] = NULL;
		return 0;
	}
	if (validate_text(&ent->fields[i], value, a, &q->filter_value[q->nfilters], &fe))
		return err_set(e, 400, "bad_filter", "Filter %s: %s", key, fe.nfields ? fe.fields[0].message : fe.message);
	q->nfilters++;
	return 0;
}

int list_params_take(void *ctx, const char *key, const char *value)
{
	struct list_params *lp = ctx;
	return list_query_param(lp->ent, lp->q, lp->flags, key, value, lp->a, lp->e);
}
