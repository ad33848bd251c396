/* link: many-to-many links between records, declared once in link_kinds[]
 * (link.c) as the entity table declares record types. A kind names the
 * record type a link starts from and the one it points to, how each side
 * reads ("Depends on" / "Used by"), its SQL table, and its rules (no cycles,
 * an attribute such as existing/planned, a reference field of the from
 * record that names one of its links). Adding a kind is one row there plus a
 * migration creating its table, of the shape every link table has:
 *   id, from_id, to_id, relation, created_at, created_by, UNIQUE (from_id, to_id)
 *
 * Rules, for every caller (API, web, CLI): changing the links of a record
 * needs write permission on that record (its type's write role and
 * per-record write scope, record_check_change); the target must be a live
 * record of the kind's type that the caller may read. Reading shows only the
 * linked records the caller may read. Each change is audited (link_add,
 * link_remove) in its transaction, with the kind's after-change hook (the
 * protection needs of assets) in the same transaction. */
#ifndef ISMS_LINK_H
#define ISMS_LINK_H
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "isms/actor.h"
#include "isms/record.h"
#include "model/entity.h"
#include "store/store.h"

enum link_flag {
	LK_ACYCLIC = 1 << 0, /* from and to of one type: no self-links, no cycles */
};

struct link_kind {
	const char *name;          /* "depends_on": URL segment, JSON and CLI; unique per from type */
	const char *from, *to;     /* entity names */
	const char *label;         /* from's side: "Depends on" */
	const char *reverse_label; /* to's side: "Used by" */
	const char *table;         /* SQL table (a constant, never input) */
	unsigned flags;
	const char *const *relations; /* NULL-terminated values of the attribute; NULL: none. The first is the default */
	const char *primary_field;    /* an FT_REF field of from naming one of its links (kept linked); NULL: none */
	const char *help;             /* one sentence under the add form */
	/* After an add or remove, inside its transaction: derived values to
	 * bring up to date. NULL: none. */
	int (*changed)(struct store *s, const struct actor *who, int64_t from_id, int64_t to_id, struct arena *a,
		       struct err *e);
};

extern const struct link_kind link_kinds[];
extern const int link_kind_count;

/* The kind named name that starts from records of ent; NULL when none. */
const struct link_kind *link_kind_find(const struct entity *ent, const char *name);

/* One linked record, seen from the record the list is about. */
struct link_item {
	int64_t id;             /* the other record */
	const char *title;      /* its title (arena) */
	const char *relation;   /* NULL when the kind has none */
	int archived;           /* the other record is archived */
	int primary;            /* it is what the kind's primary field names */
	const char *created_at;
	int64_t created_by;
};

/* The links of one kind in one direction. */
struct link_group {
	const struct link_kind *kind;
	int reverse;                 /* 0: from this record (kind->label); 1: to it (reverse_label) */
	const struct entity *other;  /* the type of the records listed */
	int writable;                /* who may add and remove these (forward groups only) */
	struct link_item *items;
	int n;
};

/* Every kind touching ent's record id, in both directions, as groups (in
 * link_kinds[] order, forward before reverse); only kinds whose other type
 * who may read, and only the records in who's read scope. 404 when the
 * record is out of who's read scope. */
int link_list(struct store *s, const struct actor *who, const struct entity *ent, int64_t id, struct arena *a,
	      struct link_group **out, int *n, struct err *e);

/* Links from's record from_id to to_id. relation NULL takes the kind's
 * default. 404 from record unknown or unseen; 403 not_yours; 409 archived
 * from record or duplicate; 422 (field "id") unknown or archived target,
 * self-link, cycle (the message names the path); 422 (field "relation")
 * a relation the kind does not have. */
int link_add(struct store *s, const struct actor *who, const struct link_kind *k, int64_t from_id, int64_t to_id,
	     const char *relation, struct arena *a, struct err *e);
/* 404 when there is no such link; 409 when it is the primary one. */
int link_remove(struct store *s, const struct actor *who, const struct link_kind *k, int64_t from_id,
		int64_t to_id, struct arena *a, struct err *e);

/* Live records of the kind's target type who may read, not yet linked from
 * from_id (nor from_id itself), at most max, by title: an add form's choices. */
int link_candidates(struct store *s, const struct actor *who, const struct link_kind *k, int64_t from_id, int max,
		    struct arena *a, struct ref_option **out, struct err *e);

/* For record.c, after a record of ent is created or updated, inside the
 * transaction: each kind's primary field that names a record gets its link
 * (audited as link_add) when it has none. */
int link_record_written(struct store *s, const struct actor *who, const struct entity *ent, int64_t id,
			struct arena *a, struct err *e);

/* {"kinds": [{"kind", "direction", "label", "type", "writable", "items": [...]}]} */
void link_groups_json(const struct link_group *g, int n, struct strbuf *sb);

#endif
