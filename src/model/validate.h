/* validate: turns outside input into a record's values, checked against the
 * entity table. Values are kept in text form ("42", "1" for true,
 * "2026-11-23"); NULL means SQL NULL. Two doors lead in — a JSON object
 * (API) and form strings (web) — and both end in the same per-field checks,
 * so the API and the web UI accept and refuse exactly the same things.
 * Checks that need the database (references exist) live in the domain. */
#ifndef ISMS_VALIDATE_H
#define ISMS_VALIDATE_H
#include <jansson.h>

#include "base/arena.h"
#include "base/err.h"
#include "model/entity.h"

struct input {
	const char **values; /* nfields entries; text form or NULL */
	unsigned char *set;  /* nfields flags: 1 when the input named this field */
};

void input_init(struct input *in, const struct entity *ent, struct arena *a);

/* A JSON object from the API. Unknown and read-only keys are 400 errors,
 * wrong types and out-of-range values 422; all problems are reported at once.
 * creating: required fields must be present, defaults are applied. */
int validate_json(const struct entity *ent, json_t *obj, int creating, struct arena *a,
		  struct input *in, struct err *e);

/* Form fields from the web UI: names[i] = values[i]; an empty string is
 * NULL; unknown names are ignored here because the form also carries
 * control fields (csrf, version), which the web layer checks. */
int validate_form(const struct entity *ent, const char *const *names, const char *const *vals, int n,
		  int creating, struct arena *a, struct input *in, struct err *e);

/* One value in text form against one field (also used for list filters).
 * *out gets the normalised value (arena-owned). */
int validate_text(const struct field *f, const char *text, struct arena *a, const char **out, struct err *e);

/* Names that are part of every record and never written by callers. */
int is_system_column(const char *name);

#endif
