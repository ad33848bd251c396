/* audit_query: reading the audit log. The filters of GET /api/v1/audit and of
 * the /audit page are parsed here, once, and turned into one SQL query; a
 * page of entries comes back newest first. Also one entry by id and the
 * distinct actions and record types, for the page's filter choices.
 *
 * Memory: every string of a result lives in the caller's arena. */
#ifndef ISMS_AUDIT_QUERY_H
#define ISMS_AUDIT_QUERY_H
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "model/role.h"
#include "store/store.h"

/* The least role that may read the audit log, in the API and the web UI. */
#define AUDIT_READ_ROLE ROLE_AUDITOR
#define AUDIT_MAX_LIMIT 500

struct audit_filter {
	int64_t actor;           /* user id; 0 = any */
	const char *record_type; /* NULL = any */
	int64_t record_id;       /* 0 = any */
	const char *action;      /* NULL = any */
	const char *from, *to;   /* UTC times YYYY-MM-DDTHH:MM:SSZ, inclusive; NULL = open */
	int64_t limit, offset;
};

struct audit_entry {
	int64_t id;
	const char *at;
	int64_t actor;           /* 0 = the system (or nobody signed in) */
	const char *actor_name;  /* the user's name; NULL for the system or a deleted user */
	const char *action;
	const char *record_type; /* "risk", "user", "settings" ... */
	int64_t record_id;       /* 0 = none */
	const char *before, *after; /* JSON texts; NULL when there is none */
	const char *hash;
};

struct audit_page {
	struct audit_entry *items;
	int n;
	int64_t total; /* entries matching the filters, all pages */
};

/* No filters, limit 50, offset 0. */
void audit_filter_init(struct audit_filter *f);
/* Parses one filter parameter: actor, record_type, record_id, action, from,
 * to. from and to take a UTC time or a date (a date means the whole day).
 * Returns 0 when done, -1 with a 400 "bad_filter" in e for a bad value, and
 * 1 when key is not a filter (the caller decides: limit, page, unknown). */
int audit_filter_param(struct audit_filter *f, const char *key, const char *value, struct arena *a,
		       struct err *e);

int audit_list(struct store *s, const struct audit_filter *f, struct arena *a, struct audit_page *out,
	       struct err *e);
/* 404 when there is no entry id. */
int audit_get(struct store *s, int64_t id, struct arena *a, struct audit_entry *out, struct err *e);

enum audit_column { AUDIT_ACTIONS, AUDIT_RECORD_TYPES };
/* The distinct values of a column in the log, sorted, NULL-terminated. */
int audit_distinct(struct store *s, enum audit_column col, struct arena *a, const char ***out, struct err *e);

#endif
