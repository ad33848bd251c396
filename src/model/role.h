/* role: who a caller is. Roles are ordered by how much they may do, so a
 * route or record type names the least role it needs; per-record rules
 * (an owner edits what they own) sit on top of this in the domain. */
#ifndef ISMS_ROLE_H
#define ISMS_ROLE_H

enum role {
	ROLE_ANONYMOUS = 0,
	ROLE_EMPLOYEE = 1,
	ROLE_AUDITOR = 2,
	ROLE_OWNER = 3,
	ROLE_MANAGER = 4,
	ROLE_ADMIN = 5,
};

#define ROLE_COUNT 6

const char *role_name(enum role r);      /* "isms_manager", ... */
const char *role_label(enum role r);     /* "ISMS manager", ... */
/* Returns 0 and sets *out for a known name; -1 otherwise. Anonymous is not a
 * name a user can hold. */
int role_parse(const char *name, enum role *out);

#endif
