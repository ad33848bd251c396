/* doc_version: a document's versions and their workflow (ISO 27001 7.5).
 *
 * The document row is the working copy: its latest version. Every version
 * is a row of document_version (number, label, text, state, who submitted,
 * approved and published it, when), kept in step with the document by the
 * record rule doc_record_changed, in the transaction of every write.
 *
 * States: draft -> in_review -> approved -> published -> retired. Changing
 * the text (title, summary, body, label) of a version that is in review or
 * approved sends it back to draft, its approval cleared; changing the text
 * of a published or retired document starts a new draft version (number + 1,
 * the label counted up unless given) and the published one stays as it was,
 * still what employees read until the new one is published. Publishing a
 * version marks the one before it superseded.
 *
 * The actions (doc_action) need the ISMS manager role, each audited
 * (document_submit, document_approve, document_publish, document_retire)
 * next to the record's update entry:
 * - submit: a draft with text goes to review;
 * - approve: a version in review, by someone who did not write it (not its
 *   creator, the last to change its text, nor who submitted it): four eyes
 *   see every version. The system (the CLI without --as) is nobody's author;
 * - publish: only an approved version (else 422 not_approved); sets the
 *   published version and date, the next review (today + the interval) and,
 *   when given, the audience asked to acknowledge it (doc_ack.h);
 * - retire: withdraws the document; nobody is asked to read it any more. */
#ifndef ISMS_DOC_VERSION_H
#define ISMS_DOC_VERSION_H
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "isms/actor.h"
#include "isms/record.h"
#include "model/validate.h"
#include "store/store.h"

struct doc_audience;

struct doc_version {
	int64_t id, document_id, number;
	const char *label, *title, *summary, *body, *change_note, *state;
	int64_t submitted_by, approver, published_by, created_by, updated_by;
	const char *submitted_at, *approved_at, *published_at, *retired_at, *created_at, *updated_at;
	const char *approver_name, *author_name; /* the names of approver and updated_by, or NULL */
};

enum doc_action { DOC_SUBMIT, DOC_APPROVE, DOC_PUBLISH, DOC_RETIRE };

/* "submit" ... "retire" -> the action; -1 for anything else. */
int doc_action_parse(const char *name);
const char *doc_action_name(enum doc_action act);

/* Record rules of the type document (record.c): the new state and version
 * number a change implies, and the version row kept in step. */
int doc_record_prepare(struct store *s, const struct record *before, struct input *in, struct arena *a,
		       struct err *e);
int doc_record_changed(struct store *s, const struct actor *who, int64_t id, struct arena *a, struct err *e);

/* Whether who sees the drafts of document r (auditors and up, its owner,
 * its approver), or only its published versions. */
int doc_sees_drafts(const struct actor *who, const struct record *r);

/* The versions of document id that who may read, newest first (404 when
 * who may not read the document). */
int doc_versions(struct store *s, const struct actor *who, int64_t id, struct arena *a, struct doc_version **out,
		 int *n, struct err *e);
/* One version (404 when absent or not for who). */
int doc_version_get(struct store *s, const struct actor *who, int64_t id, int64_t number, struct arena *a,
		    struct doc_version *out, struct err *e);

/* Runs act on document id as who, in one transaction. if_version: the
 * record version the caller saw (0: whatever is current; else 412 when
 * stale). aud: for DOC_PUBLISH, the audience to save first; NULL keeps the
 * stored one. Other actions refuse an audience. */
int doc_action(struct store *s, const struct actor *who, int64_t id, enum doc_action act, int64_t if_version,
	       const struct doc_audience *aud, struct arena *a, struct err *e);

/* The document entity (entity_by_name("document")). */
const struct entity *doc_entity(void);

#endif
