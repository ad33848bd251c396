/* account: users of isms — e-mail, name, role, password hash, state. */
#ifndef ISMS_ACCOUNT_H
#define ISMS_ACCOUNT_H
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "isms/actor.h"
#include "model/role.h"
#include "store/store.h"

struct user {
	int64_t id;
	const char *email;
	const char *name;
	enum role role;
	const char *password_hash;
	int must_change_password;
	int disabled;
	int mfa_enabled; /* a second factor is set up (src/auth/mfa.h) */
};

/* Creates a user; password rules apply. Audited as the given actor. */
int user_create(struct store *s, const struct actor *who, const char *email, const char *name, enum role role,
		const char *password, int must_change, int64_t *id, struct err *e);
/* 404 when not found. Strings live in the arena. */
int user_by_email(struct store *s, const char *email, struct arena *a, struct user *out, struct err *e);
int user_by_id(struct store *s, int64_t id, struct arena *a, struct user *out, struct err *e);
/* Checks e-mail + password; a generic 401 for any mismatch or a disabled user. */
int user_authenticate(struct store *s, const char *email, const char *password, struct arena *a,
		      struct user *out, struct err *e);
/* Sets a new password and ends the user's other sessions; keep_session
 * (the caller's own session token, or NULL) stays signed in. */
int user_set_password(struct store *s, const struct actor *who, int64_t id, const char *email,
		      const char *password, int must_change, const char *keep_session, struct err *e);
/* Gives the user a new one-time password (into otp, for the caller to show
 * once): every session of theirs ends, and they must choose their own
 * password at next login. 404 for an unknown user. */
int user_reset_password(struct store *s, const struct actor *who, int64_t id, char otp[32], struct err *e);
void user_actor(const struct user *u, struct actor *out);
/* What an administrator changes about a user; unset parts stay. */
struct user_change {
	const char *name; /* NULL: unchanged */
	int set_role;
	enum role role;
	int disabled;     /* -1: unchanged, 0: enable, 1: disable */
};
#define USER_CHANGE_INIT { NULL, 0, ROLE_EMPLOYEE, -1 }

/* Applies the changes in one transaction, each audited with before and
 * after: "user_update" (name), "role_change", "user_disable" or
 * "user_enable". Disabling signs the user out everywhere (sessions
 * deleted, API tokens revoked). The last enabled administrator can be
 * neither disabled nor demoted (409 last_admin). 404 for an unknown user,
 * 422 for a bad name; on any error nothing changes. */
int user_update(struct store *s, const struct actor *who, int64_t id, const struct user_change *c, struct err *e);
/* user_update with only the disabled state. */
int user_set_disabled(struct store *s, const struct actor *who, int64_t id, int disabled, struct err *e);
/* Users ordered by e-mail whose e-mail or name contains q (any case; NULL
 * or "" for all); *out is arena-owned. Returns the count or -1. */
int user_list(struct store *s, const char *q, struct arena *a, struct user **out, struct err *e);

#endif
