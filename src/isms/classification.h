/* classification: the organisation's information classification scheme
 * (ISO 27001 5.12, 5.13; SPEC row 6.1): levels with a key, a label, a rank
 * (higher is more sensitive), a colour and handling rules — how to label,
 * store, share, send and dispose of information at that level. The default
 * is Public / Internal / Confidential / Restricted (migration 0008).
 *
 * Records store a level's key in their classification fields (fields with
 * F_CLASS: asset, document). Which keys are allowed is decided at write
 * time, inside the write transaction, from the scheme as it is then
 * (classification_check); a level still used by a live record cannot be
 * removed (classification_save).
 *
 * The scheme is one table (classification_level), read and replaced whole;
 * every replacement is audited with the scheme before and after. The pure
 * half (parse, look up, JSON) needs no database. */
#ifndef ISMS_CLASSIFICATION_H
#define ISMS_CLASSIFICATION_H
#include <jansson.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/strbuf.h"
#include "isms/actor.h"
#include "model/validate.h"
#include "store/store.h"

#define CL_MIN_LEVELS 1
#define CL_MAX_LEVELS 10
#define CL_KEY_MAX 32
#define CL_LABEL_MAX 60
#define CL_RULE_MAX 1000
#define CL_RANK_MAX 1000

/* The handling rules of a level, in this order. */
enum cl_rule { CL_LABEL, CL_STORE, CL_SHARE, CL_SEND, CL_DISPOSE, CL_NRULES };
/* "label", "store", "share", "send", "dispose": JSON keys and form names. */
extern const char *const cl_rule_keys[CL_NRULES];
/* "Labelling", "Storage", ...: headings on pages. */
extern const char *const cl_rule_titles[CL_NRULES];

struct cl_level {
	const char *key;    /* "internal": what records store */
	const char *label;  /* "Internal" */
	int rank;           /* 0..CL_RANK_MAX, unique; higher is more sensitive */
	const char *colour; /* one of rm_colours (a CSS class) */
	const char *rules[CL_NRULES]; /* each may be NULL */
};

struct cl_scheme {
	int n;
	struct cl_level levels[CL_MAX_LEVELS]; /* by rank, lowest first */
};

/* Reads a scheme from {"levels": [...]}: every problem becomes a field
 * error named by its path ("levels[2].key") and the result is -1 with
 * status 422 (400 when obj is not an object). Levels are sorted by rank;
 * strings are copied into a. */
int classification_parse(json_t *obj, struct arena *a, struct cl_scheme *sc, struct err *e);
/* {"levels":[{"key","label","rank","colour","handling":{...}}]} */
void classification_to_json(const struct cl_scheme *sc, struct strbuf *sb);

/* The level with key, or NULL. */
const struct cl_level *cl_level(const struct cl_scheme *sc, const char *key);
/* "public, internal or restricted": the keys for messages, in a. */
const char *cl_keys(const struct cl_scheme *sc, struct arena *a);

/* The scheme as stored. */
int classification_load(struct store *s, struct arena *a, struct cl_scheme *sc, struct err *e);
/* The rank of a level by key, for comparing sensitivities (say, the
 * effective classification along asset dependencies): 0 and *rank set, or
 * -1 with 404 "unknown_level" when the scheme has no such key. */
int classification_rank(struct store *s, const char *key, int *rank, struct err *e);
/* Replaces the scheme with sc (from classification_parse) in one
 * transaction, audited ("classification_change"). A level whose key
 * disappears while live records use it is refused with 409 "in_use",
 * naming how many records of which types; nothing changes. */
int classification_save(struct store *s, const struct actor *who, const struct cl_scheme *sc, struct err *e);
/* For record writes (record.c, inside the transaction): each F_CLASS field
 * the input sets must be a key of the current scheme; else a field error
 * listing the allowed keys. */
int classification_check(struct store *s, const struct entity *ent, const struct input *in, struct arena *a,
			 struct err *e);

#endif
