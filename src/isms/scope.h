/* scope: the ISMS scope statement (ISO 27001 4.3) as a versioned,
 * approvable record. There is one current scope (table scope_statement,
 * row 1): a draft or approved. Approving freezes it as the next numbered
 * version (scope_version: its text, approver, date, a note); changing an
 * approved scope starts a new draft based on the latest version. Versions
 * are never changed; any two (or a version and the current text) compare
 * field by field.
 *
 * Read by everyone (SCOPE_READ_ROLE), changed and approved by ISMS managers
 * (SCOPE_WRITE_ROLE). Every change is audited on record type "scope", id 1:
 * scope_update (before and after) and scope_approve (the version). Strings
 * come from the caller's arena. */
#ifndef ISMS_SCOPE_H
#define ISMS_SCOPE_H
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/strbuf.h"
#include "isms/actor.h"
#include "model/entity.h"
#include "model/validate.h"
#include "store/store.h"

#define SCOPE_READ_ROLE ROLE_EMPLOYEE
#define SCOPE_WRITE_ROLE ROLE_MANAGER
#define SCOPE_NFIELDS 7
#define SCOPE_NOTE_MAX 500

/* The scope's fields (units, locations, processes, systems, exclusions,
 * justification, interfaces) as an entity that is not in the entity table:
 * validate_json / validate_form read input against it, forms draw it. */
extern const struct entity scope_entity;

struct scope {
	int64_t version;      /* of the current text (the API's ETag); 0: no scope yet */
	const char *state;    /* "draft", "approved"; NULL: no scope yet */
	int64_t based_on;     /* the approved version a draft started from; 0: none */
	int64_t latest;       /* the newest approved version's number; 0: none */
	const char *values[SCOPE_NFIELDS];
	const char *updated_at, *updated_by_name;
	int64_t updated_by;
};

struct scope_version {
	int64_t number;
	const char *values[SCOPE_NFIELDS];
	const char *approved_at, *approved_by_name, *note;
	int64_t approved_by;
};

int scope_read(struct store *s, struct arena *a, struct scope *out, struct err *e);
/* Sets the fields in (validated against scope_entity; unset ones stay).
 * if_version: the version the caller read (0 when there was no scope);
 * another is 412. A change to an approved scope makes it a draft based on
 * the latest version; a change that changes nothing is no change at all. */
int scope_set(struct store *s, const struct actor *who, int64_t if_version, const struct input *in, struct arena *a,
	      struct err *e);
/* Freezes the current draft as the next version. if_version < 0: not
 * checked. 409 nothing_to_approve when there is no draft; 422 empty_scope
 * when nothing is in scope (units, locations, processes and systems all
 * empty), 422 on justification when exclusions have none. */
int scope_approve(struct store *s, const struct actor *who, int64_t if_version, const char *note, struct arena *a,
		  int64_t *number, struct err *e);
/* Newest first. */
int scope_versions(struct store *s, struct arena *a, struct scope_version **out, int *n, struct err *e);
/* 404 when there is no version number. */
int scope_version_get(struct store *s, int64_t number, struct arena *a, struct scope_version *out, struct err *e);

/* One field of two scopes side by side. */
struct scope_diff {
	const struct field *field;
	const char *from, *to;
	int changed;
};
/* Pure: fills out[SCOPE_NFIELDS]; returns how many fields changed. Empty
 * text and NULL are the same. */
int scope_compare(const char *const *from, const char *const *to, struct scope_diff *out);

/* One side of a comparison: an approved version, or the current text. */
struct scope_side {
	int64_t number; /* 0: the current text */
	const char *values[SCOPE_NFIELDS];
};
/* Reads the sides named by from and to, each a version number or
 * "current" (to NULL or empty: current). Refusals are 422 on the field
 * "from" or "to": missing, not a number, no such version, no scope yet. */
int scope_sides(struct store *s, const char *from, const char *to, struct arena *a, struct scope_side *f,
		struct scope_side *t, struct err *e);

/* JSON: the current scope; a version (with its text when full). */
void scope_to_json(const struct scope *sc, struct strbuf *sb);
void scope_version_to_json(const struct scope_version *v, int full, struct strbuf *sb);

#endif
