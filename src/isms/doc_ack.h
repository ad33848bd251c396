/* doc_ack: who must read a document, and who has (ISO 27001 7.3, 7.5).
 *
 * A document's audience (table document_audience) is everyone, a set of
 * roles (exactly those roles) and/or a set of groups (isms/group.h); it is
 * read when asked, so people who join a group or role later are asked
 * too. Each published version asks its audience to acknowledge it: one
 * document_ack row per (document, version, person), with the time. A new
 * published version asks again.
 *
 * Acknowledging refuses, changing nothing: a document not published (409
 * not_published), a version that is not the published one (409
 * old_version), a person outside the audience (403 not_in_audience), a
 * second acknowledgement (409 already_acknowledged). Each acknowledgement
 * is audited (document_acknowledge) in its transaction. */
#ifndef ISMS_DOC_ACK_H
#define ISMS_DOC_ACK_H
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "isms/actor.h"
#include "model/role.h"
#include "store/store.h"

#define DOC_AUDIENCE_MAX_GROUPS 64

struct doc_audience {
	int everyone;
	int nroles;
	enum role roles[ROLE_COUNT];
	int ngroups;
	int64_t groups[DOC_AUDIENCE_MAX_GROUPS];
	const char *group_names[DOC_AUDIENCE_MAX_GROUPS]; /* filled by doc_audience_get */
};

/* Adds a role by name / a group by id to aud: 422 on field for an unknown
 * role, a repeated one, or too many groups. */
int doc_audience_add_role(struct doc_audience *aud, const char *name, const char *field, struct err *e);
int doc_audience_add_group(struct doc_audience *aud, int64_t id, const char *field, struct err *e);
/* Reads "employee,auditor" and "3,5" lists (NULL or empty: none). */
int doc_audience_parse(struct doc_audience *aud, int everyone, const char *roles, const char *groups,
		       struct err *e);

int doc_audience_get(struct store *s, int64_t doc_id, struct arena *a, struct doc_audience *out, struct err *e);
/* Replaces the audience inside the caller's transaction; 422 on "groups"
 * for a group that does not exist. */
int doc_audience_save_within(struct store *s, int64_t doc_id, const struct doc_audience *aud, struct err *e);
/* "Everyone", or "Roles: ...; groups: ..." (arena), or "Nobody". */
const char *doc_audience_text(const struct doc_audience *aud, struct arena *a);
/* The audience as a JSON object {"everyone":..,"roles":[..],"groups":[{id,name}]}. */
struct strbuf;
void doc_audience_json(struct strbuf *sb, const struct doc_audience *aud);

/* who acknowledges the published version of document id; version 0: the
 * published one, else it must be the published one. */
int doc_acknowledge(struct store *s, const struct actor *who, int64_t id, int64_t version, struct err *e);
/* Whether user_id is in the audience of document id (*out 1/0). */
int doc_in_audience(struct store *s, int64_t id, int64_t user_id, int *out, struct err *e);
/* When user_id acknowledged version of document id (arena), or NULL. */
int doc_acknowledged_at(struct store *s, int64_t id, int64_t version, int64_t user_id, struct arena *a,
			const char **out, struct err *e);

/* A published version waiting for a person's acknowledgement: a source of
 * "my tasks" (what each person owes). */
struct doc_pending {
	int64_t document_id, version;
	const char *title, *label, *published_at;
};
/* The documents whose published version user_id is asked to acknowledge
 * and has not, oldest publication first. */
int doc_ack_pending(struct store *s, int64_t user_id, struct arena *a, struct doc_pending **out, int *n,
		    struct err *e);

/* Who has and has not acknowledged the published version of a document. */
struct doc_ack_person {
	int64_t user_id;
	const char *name, *email, *role;
	const char *acknowledged_at; /* NULL: not yet */
};
struct doc_ack_report {
	int64_t version; /* 0: nothing published */
	const char *label, *published_at;
	int64_t audience, acknowledged;
	int percent; /* acknowledged * 100 / audience, rounded down; 0 with no audience */
	struct doc_ack_person *people; /* not yet first, then by name */
	int n;
};
/* For the owner of the document, auditors and ISMS managers and up (403
 * for others; 404 when who may not read the document at all). */
int doc_ack_report(struct store *s, const struct actor *who, int64_t id, struct arena *a,
		   struct doc_ack_report *out, struct err *e);

/* The acknowledgement rate over live published documents (of doc_type, or
 * all when NULL): acknowledgements of their published versions by people
 * still in their audience, against the people asked; a KPI (policy
 * acknowledgement rate). */
int doc_ack_rate(struct store *s, const char *doc_type, int64_t *acknowledged, int64_t *expected, struct err *e);

#endif
