/* record: generic create / read / list / update / archive for every type in
 * the entity table. The API and the web UI both call these; they never see
 * HTTP, and the store never sees JSON. Memory for results comes from the
 * caller's arena.
 *
 * Per-record rules (an owner changes what they own; an employee sees only
 * the incidents they reported) are enforced here, for the API and the web
 * UI alike: create, update and archive check who; lists and reads check
 * list_query.viewer and record_read's who.
 *
 * Concurrency: each record has a version; update and archive take the
 * version the caller last saw and refuse a stale one with 412. */
#ifndef ISMS_RECORD_H
#define ISMS_RECORD_H
#include <jansson.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/strbuf.h"
#include "isms/actor.h"
#include "model/entity.h"
#include "model/validate.h"
#include "store/store.h"

struct record {
	int64_t id, version;
	int archived;
	const char *created_at, *updated_at;
	int64_t created_by, updated_by;
	const char **values; /* per field, text form; NULL = null */
	const char **titles; /* per FT_REF/FT_USER field: the target's name, else NULL */
};

#define LIST_MAX_FILTERS 16
#define LIST_MAX_LIMIT 500

struct list_query {
	int nfilters;
	int filter_field[LIST_MAX_FILTERS]; /* field index, or -1 for id */
	const char *filter_value[LIST_MAX_FILTERS];
	const char *q;          /* free text over F_SEARCH fields; NULL = none */
	int sort_field;         /* field index; -1 = id */
	int sort_desc;
	int limit, offset;
	int include_archived;
	const char *overdue_on;     /* YYYY-MM-DD: only records overdue that day (ent->overdue); NULL = all */
	const struct actor *viewer; /* lists only what they may see; NULL = everything */
};

struct record_page {
	struct record *items;
	int n;
	int64_t total;
};

/* Fills q from the entity's defaults (default sort, limit 25). A limit of 0
 * makes record_list count only (total set, no items). */
void list_query_init(struct list_query *q, const struct entity *ent);
/* Parses a "sort" parameter: "name" or "-name". */
int list_query_sort(struct list_query *q, const struct entity *ent, const char *spec, struct err *e);

int record_list(struct store *s, const struct entity *ent, const struct list_query *q, struct arena *a,
		struct record_page *out, struct err *e);
/* Counts the records q matches (its filters, search, viewer and archived
 * rule; not its sort or page) per distinct values of the fields by[0..nby-1]
 * (field indexes): fn gets each group's values (text; NULL for null,
 * borrowed for the call) and count. */
#define RECORD_GROUP_MAX 4
int record_count_by(struct store *s, const struct entity *ent, const struct list_query *q, const int *by, int nby,
		    void (*fn)(void *ctx, const char *const *values, int64_t count), void *ctx, struct err *e);
/* 404 when no such record (archived ones are found, with archived set).
 * Sees every record: for the system and for checks inside this module. */
int record_get(struct store *s, const struct entity *ent, int64_t id, struct arena *a, struct record *out,
	       struct err *e);
/* record_get as who: a record out of their read scope is 404, as if absent. */
int record_read(struct store *s, const struct actor *who, const struct entity *ent, int64_t id, struct arena *a,
		struct record *out, struct err *e);

/* Per-record rules (see struct record_scope): whether who reaches r under
 * scope sc; always 1 for who NULL or a role at or above sc->all_role. */
int record_in_scope(const struct entity *ent, const struct record_scope *sc, const struct actor *who,
		    const struct record *r);
/* Before a change: 404 when r is out of who's read scope, 403 "not_yours"
 * when out of their write scope. */
int record_check_change(const struct entity *ent, const struct actor *who, const struct record *r, struct err *e);
/* Whether who may change r: the type's write role and its write scope. */
int record_can_write(const struct entity *ent, const struct actor *who, const struct record *r);
int record_create(struct store *s, const struct actor *who, const struct entity *ent, const struct input *in,
		  struct arena *a, int64_t *id, struct err *e);
/* if_version: the version the caller saw; a different current version is 412. */
int record_update(struct store *s, const struct actor *who, const struct entity *ent, int64_t id,
		  int64_t if_version, const struct input *in, struct arena *a, struct err *e);
/* record_create and record_update inside the caller's transaction, for a
 * domain operation that changes several records at once: the same checks,
 * rules and audit entries, without begin and commit. */
int record_create_within(struct store *s, const struct actor *who, const struct entity *ent,
			 const struct input *in, struct arena *a, int64_t *id, struct err *e);
int record_update_within(struct store *s, const struct actor *who, const struct entity *ent, int64_t id,
			 int64_t if_version, const struct input *in, struct arena *a, struct err *e);
/* For a record type's rules: the value field name will have after the
 * change — the input's when it sets it, else before's (NULL on create). */
const char *record_after_value(const struct entity *ent, const struct record *before, const struct input *in,
			       const char *name);
/* if_version 0: archive whatever the version. Archiving twice is 409. */
int record_archive(struct store *s, const struct actor *who, const struct entity *ent, int64_t id,
		   int64_t if_version, struct arena *a, struct err *e);

/* The record as a JSON object. */
void record_to_json(const struct entity *ent, const struct record *r, struct strbuf *sb);
/* A page of a list as JSON: {"items": [...], "total", "limit", "offset"}. */
void record_page_to_json(const struct entity *ent, const struct record_page *p, const struct list_query *q,
			 struct strbuf *sb);

/* Options for a reference field in a form: id and title of live records of
 * the target type (or users), at most max. Returns the count. */
struct ref_option {
	int64_t id;
	const char *title;
};
int record_ref_options(struct store *s, const struct field *f, int max, struct arena *a,
		       struct ref_option **out, struct err *e);

#endif
