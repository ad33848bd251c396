/* review: what the management review type (model/types/review.c) adds to
 * the generic record operations (ISO 27001 9.3).
 *
 * - Inputs: when a review is created, its inputs are compiled from the data
 *   as of that day (review_inputs.c: one row of review_inputs[] per input
 *   section) and stored with it as a JSON snapshot (management_review.inputs,
 *   compiled_on), in the transaction that creates it. Later changes to the
 *   data do not touch it. A draft's inputs may be compiled again
 *   (review_compile); once held or closed they are frozen (409 frozen).
 * - The closing rule (review_prepare, run by record.c in every write): a
 *   review is closed only with outputs — decisions, or at least one live task
 *   naming it (task.review) — else 422 outputs_required on status; closing
 *   stamps closed_on; a closed review no longer changes (409 closed).
 * - Attendees: users (review_attendee), replaced whole and audited
 *   (review_attendees) on the review; external people are a text field.
 * - The report: the record, attendees, the frozen inputs and the actions
 *   decided, as one JSON document for the API and the CLI.
 * Memory comes from the caller's arena. */
#ifndef ISMS_REVIEW_H
#define ISMS_REVIEW_H
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/strbuf.h"
#include "isms/actor.h"
#include "isms/record.h"
#include "store/store.h"

#define REVIEW_ATTENDEES_MAX 100

/* ---- input sections (review_inputs.c) ---- */

/* What a section function returns when its module is not in this build
 * (it sets the context's note instead of writing figures). */
#define REVIEW_INPUT_NA 1

struct review_ctx;
struct review_input {
	const char *key;   /* stable, in the JSON */
	const char *title; /* the report's heading */
	/* Writes the section's figures as one JSON object to sb: 0, or
	 * REVIEW_INPUT_NA, or -1 with the context's error set. */
	int (*fn)(struct review_ctx *c, struct strbuf *sb);
};
extern const struct review_input review_inputs[];
extern const int review_input_count;

/* The inputs of review id as of today (YYYY-MM-DD), the "previous review"
 * being the latest live one created before it:
 * {"compiled_on", "previous_review": {"id", "title", "review_date",
 *  "compiled_on"} | null, "sections": [{"key", "title", "available": true,
 *  "data": {...}} | {"key", "title", "available": false, "note"}]} */
int review_inputs_compile(struct store *s, int64_t review_id, const char *today, struct arena *a,
			  struct strbuf *out, struct err *e);

/* ---- the record rule (record.c's rules[]) ---- */

int review_prepare(struct store *s, const struct record *before, struct input *in, struct arena *a, struct err *e);
/* After a write: compiles the inputs of a review that has none yet. */
int review_changed(struct store *s, const struct actor *who, int64_t id, struct arena *a, struct err *e);

/* ---- operations ---- */

/* Compiles a draft's inputs again as of today (an update of the review:
 * version + 1, audited). 409 frozen once held or closed. */
int review_compile(struct store *s, const struct actor *who, int64_t id, struct arena *a, struct err *e);
/* Sets the status to closed (the closing rule applies). if_version 0: the
 * current version. */
int review_close(struct store *s, const struct actor *who, int64_t id, int64_t if_version, struct arena *a,
		 struct err *e);

struct review_attendee {
	int64_t user_id;
	const char *name, *email;
};
/* The attendees of review id, by name. */
int review_attendees(struct store *s, int64_t id, struct arena *a, struct review_attendee **out, int *n,
		     struct err *e);
/* Replaces the attendees with users[0..n-1] (duplicates count once): 422 on
 * "users" naming an unknown user, 409 for an archived or closed review.
 * Audited as review_attendees with the ids before and after. */
int review_attendees_set(struct store *s, const struct actor *who, int64_t id, const int64_t *users, int n,
			 struct arena *a, struct err *e);

/* The frozen inputs of review id as stored (JSON text), or NULL when none. */
int review_inputs_read(struct store *s, int64_t id, struct arena *a, const char **json, struct err *e);

/* {"review": {...record...}, "attendees": [{"id", "name", "email"}],
 *  "inputs": {...} | null, "actions": [{"id", "title", "owner", "owner_name",
 *  "due_date", "status", "overdue"}]} as who may read it (404 out of scope). */
int review_report_json(struct store *s, const struct actor *who, int64_t id, struct arena *a, struct strbuf *sb,
		       struct err *e);

#endif
