/* group: user groups — named sets of people that documents to acknowledge
 * and training are assigned to (tables user_group, user_group_member).
 * Creating, renaming, deleting a group and changing its members need
 * ROLE_MANAGER; each change is audited in its transaction (record type
 * "group"). A name is 1 to 100 characters, unique regardless of case. */
#ifndef ISMS_GROUP_H
#define ISMS_GROUP_H
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "isms/actor.h"
#include "store/store.h"

struct group {
	int64_t id;
	const char *name, *description, *created_at;
	int64_t members;
};

struct group_member {
	int64_t user_id;
	const char *name, *email, *added_at;
	int disabled;
};

int group_list(struct store *s, struct arena *a, struct group **out, int *n, struct err *e);
/* 404 when there is no group id. */
int group_get(struct store *s, int64_t id, struct arena *a, struct group *out, struct err *e);
int group_create(struct store *s, const struct actor *who, const char *name, const char *description, int64_t *id,
		 struct err *e);
/* name or description NULL: unchanged. */
int group_update(struct store *s, const struct actor *who, int64_t id, const char *name, const char *description,
		 struct err *e);
/* Deletes the group and its memberships. */
int group_delete(struct store *s, const struct actor *who, int64_t id, struct err *e);
int group_members(struct store *s, int64_t id, struct arena *a, struct group_member **out, int *n, struct err *e);
/* 409 when already a member (add) or 404 when not (remove); 422 for an unknown user. */
int group_member_add(struct store *s, const struct actor *who, int64_t id, int64_t user_id, struct err *e);
int group_member_remove(struct store *s, const struct actor *who, int64_t id, int64_t user_id, struct err *e);
/* Whether user_id belongs to group id. */
int group_has_member(struct store *s, int64_t id, int64_t user_id, int *out, struct err *e);

#endif
