#include "isms/audit_query.h"

#include <stdio.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/timeutil.h"
#include "base/util.h"

#define ENTRY_COLUMNS                                                                                            \
	"a.id, a.at, a.actor_id, u.name, a.action, a.record_type, a.record_id, a.before_json, a.after_json, a.hash"
#define ENTRY_FROM " FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id"

void audit_filter_init(struct audit_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->limit = 50;
}

/* A time, or a date standing for its first (from) or last (to) second. */
static int parse_bound(const char *value, int end_of_day, char out[32])
{
	if (strlen(value) == 10 && time_check_date(value) == 0) {
		snprintf(out, 32, "%sT%s", value, end_of_day ? "23:59:59Z" : "00:00:00Z");
		return 0;
	}
	return time_normalize_datetime(value, out);
}

int audit_filter_param(struct audit_filter *f, const char *key, const char *value, struct arena *a,
		       struct err *e)
{
	char norm[32];
	int64_t n;
	if (strcmp(key, "actor") == 0 || strcmp(key, "record_id") == 0) {
		if (parse_int64(value, &n) || n <= 0)
			return err_set(e, 400, "bad_filter", "%s must be a positive whole number.", key);
		*(strcmp(key, "actor") == 0 ? &f->actor : &f->record_id) = n;
	} else if (strcmp(key, "record_type") == 0) {
		f->record_type = value;
	} else if (strcmp(key, "action") == 0) {
		f->action = value;
	} else if (strcmp(key, "from") == 0 || strcmp(key, "to") == 0) {
		int to = strcmp(key, "to") == 0;
		if (parse_bound(value, to, norm))
			return err_set(e, 400, "bad_filter",
				       "%s must be a UTC time as YYYY-MM-DDTHH:MM:SSZ or a date as YYYY-MM-DD.", key);
		*(to ? &f->to : &f->from) = arena_strdup(a, norm);
	} else {
		return 1;
	}
	return 0;
}

/* The filters that are set, each as its SQL condition and the value to bind. */
struct cond {
	const char *sql;
	const char *text; /* bound as text when set, else num as an integer */
	int64_t num;
};

static int conditions(const struct audit_filter *f, struct cond out[6])
{
	int n = 0;
	if (f->actor)
		out[n++] = (struct cond){ " AND a.actor_id = ?", NULL, f->actor };
	if (f->record_type)
		out[n++] = (struct cond){ " AND a.record_type = ?", f->record_type, 0 };
	if (f->record_id)
		out[n++] = (struct cond){ " AND a.record_id = ?", NULL, f->record_id };
	if (f->action)
		out[n++] = (struct cond){ " AND a.action = ?", f->action, 0 };
	if (f->from)
		out[n++] = (struct cond){ " AND a.at >= ?", f->from, 0 };
	if (f->to)
		out[n++] = (struct cond){ " AND a.at <= ?", f->to, 0 };
	return n;
}

/* Prepares head + WHERE + tail and binds the filters; returns the next
 * parameter index in *next. */
static struct stmt *prepare_filtered(struct store *s, const struct audit_filter *f, const char *head,
				     const char *tail, int *next, struct err *e)
{
	struct cond c[6];
	struct strbuf sql = STRBUF_INIT;
	struct stmt *st;
	int n = conditions(f, c);
	sb_adds(&sql, head);
	sb_adds(&sql, " WHERE 1 = 1");
	for (int i = 0; i < n; i++)
		sb_adds(&sql, c[i].sql);
	sb_adds(&sql, tail);
	st = store_prepare(s, sql.buf, e);
	sb_release(&sql);
	if (!st)
		return NULL;
	for (int i = 0; i < n; i++) {
		if (c[i].text)
			stmt_bind_text(st, i + 1, c[i].text);
		else
			stmt_bind_int(st, i + 1, c[i].num);
	}
	*next = n + 1;
	return st;
}

static void read_entry(struct stmt *st, struct arena *a, struct audit_entry *out)
{
	out->id = stmt_int(st, 0);
	out->at = arena_strdup(a, stmt_text(st, 1));
	out->actor = stmt_int(st, 2);
	out->actor_name = arena_strdup(a, stmt_text(st, 3));
	out->action = arena_strdup(a, stmt_text(st, 4));
	out->record_type = arena_strdup(a, stmt_text(st, 5));
	out->record_id = stmt_int(st, 6);
	out->before = arena_strdup(a, stmt_text(st, 7));
	out->after = arena_strdup(a, stmt_text(st, 8));
	out->hash = arena_strdup(a, stmt_text(st, 9));
}

int audit_list(struct store *s, const struct audit_filter *f, struct arena *a, struct audit_page *out,
	       struct err *e)
{
	struct stmt *st;
	int step, i;

	memset(out, 0, sizeof(*out));
	if (!(st = prepare_filtered(s, f, "SELECT COUNT(*)" ENTRY_FROM, "", &i, e)))
		return -1;
	step = stmt_step(st, e);
	if (step == STORE_ROW)
		out->total = stmt_int(st, 0);
	stmt_done(st);
	if (step != STORE_ROW)
		return step < 0 ? -1 : err_set(e, 500, "audit", "Counting audit entries returned nothing.");

	st = prepare_filtered(s, f, "SELECT " ENTRY_COLUMNS ENTRY_FROM, " ORDER BY a.id DESC LIMIT ? OFFSET ?", &i, e);
	if (!st)
		return -1;
	stmt_bind_int(st, i++, f->limit);
	stmt_bind_int(st, i, f->offset);
	out->items = arena_alloc(a, sizeof(*out->items) * (size_t)(f->limit > 0 ? f->limit : 1));
	while ((step = stmt_step(st, e)) == STORE_ROW && out->n < f->limit)
		read_entry(st, a, &out->items[out->n++]);
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

int audit_get(struct store *s, int64_t id, struct arena *a, struct audit_entry *out, struct err *e)
{
	struct stmt *st = store_prepare(s, "SELECT " ENTRY_COLUMNS ENTRY_FROM " WHERE a.id = ?", e);
	int step;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, id);
	step = stmt_step(st, e);
	if (step == STORE_ROW)
		read_entry(st, a, out);
	stmt_done(st);
	if (step == STORE_DONE)
		return err_set(e, 404, "not_found", "There is no audit entry %lld.", (long long)id);
	return step < 0 ? -1 : 0;
}

int audit_distinct(struct store *s, enum audit_column col, struct arena *a, const char ***out, struct err *e)
{
	/* fixed statements: the column is never spliced in from input */
	static const char *const sql[] = {
		[AUDIT_ACTIONS] = "SELECT DISTINCT action FROM audit_log ORDER BY action",
		[AUDIT_RECORD_TYPES] = "SELECT DISTINCT record_type FROM audit_log WHERE record_type IS NOT NULL "
				       "ORDER BY record_type",
	};
	struct stmt *st = store_prepare(s, sql[col], e);
	const char **list = NULL;
	int n = 0, cap = 0, step;
	if (!st)
		return -1;
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		if (n + 1 >= cap) {
			const char **grown = arena_alloc(a, sizeof(*grown) * (size_t)(cap = cap ? cap * 2 : 16));
			if (n)
				memcpy(grown, list, sizeof(*grown) * (size_t)n);
			list = grown;
		}
		list[n++] = arena_strdup(a, stmt_text(st, 0));
	}
	stmt_done(st);
	if (step < 0)
		return -1;
	if (!list)
		list = arena_alloc(a, sizeof(*list));
	list[n] = NULL;
	*out = list;
	return 0;
}
