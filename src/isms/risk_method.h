/* risk_method: the organisation's risk methodology (ISO 27001 6.1.2):
 * a likelihood scale and an impact scale (3 to 10 steps, each with a
 * value, a label and a description), the risk levels (low ... critical,
 * each with a colour and a review interval), the matrix that maps each
 * likelihood × impact cell to a level, and the risk appetite (the highest
 * level accepted without treatment).
 *
 * The method is versioned: saving one adds a version (who, when) and never
 * changes an earlier one, so a risk scored with version 3 still reads with
 * version 3. A version is stored as its canonical JSON (table risk_method):
 * it is always read and written whole, never queried by part.
 *
 * The pure half (parse, validate, look up, write JSON) needs no database;
 * the rest reads and saves versions. */
#ifndef ISMS_RISK_METHOD_H
#define ISMS_RISK_METHOD_H
#include <jansson.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/strbuf.h"
#include "isms/actor.h"
#include "store/store.h"

#define RM_MIN_STEPS 3
#define RM_MAX_STEPS 10
#define RM_MIN_LEVELS 2
#define RM_MAX_LEVELS 8
#define RM_KEY_MAX 32
#define RM_LABEL_MAX 60
#define RM_DESC_MAX 400
#define RM_NOTE_MAX 400

struct rm_step {
	int64_t value;
	const char *label, *description;
};

struct rm_scale {
	int n;
	struct rm_step steps[RM_MAX_STEPS]; /* lowest first, values strictly increasing */
};

struct rm_level {
	const char *key;    /* "high": stored on risks */
	const char *label;  /* "High" */
	const char *colour; /* one of rm_colours: a CSS class, never a raw colour (CSP) */
	int review_months;  /* a risk at this level is reviewed this often */
};

struct risk_method {
	int64_t id;               /* version; 0 when not stored */
	const char *created_at;
	int64_t created_by;       /* 0: the system */
	const char *created_by_name;
	const char *note;         /* why it changed; may be NULL */
	struct rm_scale likelihood, impact;
	int nlevels;
	struct rm_level levels[RM_MAX_LEVELS];     /* lowest first */
	int matrix[RM_MAX_STEPS][RM_MAX_STEPS];    /* [likelihood step][impact step] -> level index */
	int appetite;                              /* level index */
};

/* The colours a level may have, NULL-terminated. */
extern const char *const rm_colours[];

/* Reads and checks a method from its JSON object: every problem is added
 * to e as a field error named by its path ("likelihood[2].value",
 * "matrix[0][3]", "appetite") and the result is -1 with status 422 (400 for
 * a body that is not an object). Strings are copied into a. The note is
 * read when present; id and created_* are left zero. */
int risk_method_parse(json_t *obj, struct arena *a, struct risk_method *m, struct err *e);
/* The method as JSON: its version fields (when id) and its body. */
void risk_method_to_json(const struct risk_method *m, struct strbuf *sb);
/* "key": [{value, label, description}, ...]: a scale as a member of an object. */
void rm_scale_json(struct strbuf *sb, int *first, const char *key, const struct rm_scale *s);
/* "levels": [{key, label, colour, review_months}, ...], likewise. */
void rm_levels_json(struct strbuf *sb, int *first, const struct risk_method *m);
/* The body alone (scales, levels, matrix, appetite), as stored. */
void risk_method_body_json(const struct risk_method *m, struct strbuf *sb);
/* Index of value on a scale, or -1. */
int rm_step_index(const struct rm_scale *s, int64_t value);
/* Index of a level by key, or -1. */
int rm_level_index(const struct risk_method *m, const char *key);
/* The level of a likelihood × impact pair of scale values, or NULL when
 * either is not on its scale. */
const struct rm_level *rm_level_of(const struct risk_method *m, int64_t likelihood, int64_t impact);
/* "1, 2, 3, 4 or 5": a scale's values for messages, in a. */
const char *rm_scale_values(const struct rm_scale *s, struct arena *a);

/* JSON helpers shared with the other schemes (classification.c). A string
 * member key of o that is one line of 1..max code points, copied into a;
 * NULL (with a field error "PATH.KEY" unless optional) otherwise. */
const char *rm_text_member(json_t *o, const char *key, const char *path, int max, int optional, struct arena *a,
			   struct err *e);
/* Member "key" of o: rm_text_member of lower-case letters, digits and _. */
const char *rm_key_member(json_t *o, const char *path, int max, struct arena *a, struct err *e);

/* The current (newest) version. */
int risk_method_current(struct store *s, struct arena *a, struct risk_method *m, struct err *e);
/* One version by id; 404 when there is none. */
int risk_method_get(struct store *s, int64_t id, struct arena *a, struct risk_method *m, struct err *e);

struct rm_version {
	int64_t id, created_by;
	const char *created_at, *created_by_name, *note;
};
/* Every version, newest first. Returns the count, or -1. */
int risk_method_versions(struct store *s, struct arena *a, struct rm_version **out, struct err *e);
/* Saves m as a new version by who, with its audit entry, in one
 * transaction; m must come from risk_method_parse. Sets *id. */
int risk_method_save(struct store *s, const struct actor *who, const struct risk_method *m, int64_t *id,
		     struct err *e);

#endif
