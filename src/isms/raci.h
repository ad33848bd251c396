/* raci: roles and responsibilities (ISO 27001 5.3). Two things:
 *  - who holds each ISMS role: a fixed list (isms_roles[]: the top
 *    management sponsor, the information security officer, ...), each held
 *    by one named user or by nobody yet (table isms_role_holder);
 *  - the RACI of each process (record type "process"): per ISMS role or
 *    person, one letter of R (responsible), A (accountable), C (consulted)
 *    or I (informed), with exactly one A per process (table raci_entry).
 * A process's RACI is replaced whole (raci_set), checked whole: an empty one
 * clears it; otherwise one A, known roles, live users, nobody twice.
 * Everyone reads (RACI_READ_ROLE); ISMS managers change (RACI_WRITE_ROLE).
 * Audited: role_assign on record type "isms_role" (id: the role's place in
 * isms_roles[], from 1), raci_set on the process. Strings: caller's arena. */
#ifndef ISMS_RACI_H
#define ISMS_RACI_H
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/strbuf.h"
#include "isms/actor.h"
#include "store/store.h"

#define RACI_READ_ROLE ROLE_EMPLOYEE
#define RACI_WRITE_ROLE ROLE_MANAGER
#define RACI_MAX_ENTRIES 64

struct isms_role {
	const char *key, *label, *description;
};
extern const struct isms_role isms_roles[];
extern const int isms_role_count;
/* The role with that key, or NULL. */
const struct isms_role *isms_role_find(const char *key);

struct role_holder {
	const struct isms_role *role;
	int64_t user_id; /* 0: nobody yet */
	const char *name, *email, *assigned_at;
};
/* out[isms_role_count], in isms_roles[] order. */
int raci_holders(struct store *s, struct arena *a, struct role_holder *out, struct err *e);
/* user_id 0 leaves the role unfilled. 404 unknown role (field "role");
 * 422 unknown or disabled user (field "user_id"). */
int raci_assign(struct store *s, const struct actor *who, const char *role, int64_t user_id, struct err *e);

struct raci_entry {
	const char *role;  /* an isms_roles[] key, or NULL for a person */
	int64_t user_id;   /* a person, or 0 for a role */
	const char *name;  /* read: the role's label or the person's name */
	char letter;       /* 'R', 'A', 'C' or 'I' */
};
struct raci_process {
	int64_t id;
	const char *name;
	struct raci_entry *entries; /* roles in isms_roles[] order, then people by name */
	int n;
};
/* Every live process by name, with its RACI. */
int raci_matrix(struct store *s, struct arena *a, struct raci_process **out, int *n, struct err *e);
/* One process (archived ones too); 404 when there is none. */
int raci_get(struct store *s, int64_t process_id, struct arena *a, struct raci_process *out, struct err *e);
/* Replaces the RACI of a live process. Errors name the entry: field
 * "entries[I].role" / ".user_id" / ".letter"; the count of A is a 422 on
 * "entries" (code no_accountable or several_accountable). 409 archived. */
int raci_set(struct store *s, const struct actor *who, int64_t process_id, const struct raci_entry *in, int n,
	     struct arena *a, struct err *e);

void raci_process_to_json(const struct raci_process *p, struct strbuf *sb);
void raci_holder_to_json(const struct role_holder *h, struct strbuf *sb);

#endif
