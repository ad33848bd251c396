/* record: generic create / read / list / update / archive for every type in
 * the entity table. The API and the web UI both call these; they never see
 * HTTP, and the store never sees JSON. Memory for results comes from the
 * caller's arena.
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
};

struct record_page {
	struct record *items;
	int n;
	int64_t total;
};

/* Fills q from the entity's defaults (default sort, limit 25). */
void list_query_init(struct list_query *q, const struct entity *ent);
/* Parses a "sort" parameter: "name" or "-name". */
int list_query_sort(struct list_query *q, const struct entity *ent, const char *spec, struct err *e);

int record_list(struct store *s, const struct entity *ent, const struct list_query *q, struct arena *a,
		struct record_page *out, struct err *e);
/* 404 when no such record (archived ones are found, with archived set). */
int record_get(struct store *s, const struct entity *ent, int64_t id, struct arena *a, struct record *out,
	       struct err *e);
int record_create(struct store *s, const struct actor *who, const struct entity *ent, const struct input *in,
		  struct arena *a, int64_t *id, struct err *e);
/* if_version: the version the caller saw; a different current version is 412. */
int record_update(struct store *s, const struct actor *who, const struct entity *ent, int64_t id,
		  int64_t if_version, const struct input *in, struct arena *a, struct err *e);
/* if_version 0: archive whatever the version. Archiving twice is 409. */
int record_archive(struct store *s, const struct actor *who, const struct entity *ent, int64_t id,
		   int64_t if_version, struct arena *a, struct err *e);

/* The record as a JSON object. */
void record_to_json(const struct entity *ent, const struct record *r, struct strbuf *sb);

/* Options for a reference field in a form: id and title of live records of
 * the target type (or users), at most max. Returns the count. */
struct ref_option {
	int64_t id;
	const char *title;
};
int record_ref_options(struct store *s, const struct field *f, int max, struct arena *a,
		       struct ref_option **out, struct err *e);

#endif
