/* token: API tokens, for scripts. A token is a random secret shown to its
 * owner once and stored only as its SHA-256 hash; it has a name, an
 * optional expiry, and can be revoked by its owner or an administrator.
 * Disabling a user revokes all of theirs (account.c). */
#ifndef ISMS_TOKEN_H
#define ISMS_TOKEN_H
#include <stdint.h>

#include "auth/account.h"
#include "auth/secret.h"

#define TOKEN_NAME_MAX 100   /* code points */
#define TOKEN_DAYS_MAX 3650  /* lifetime in days; 0 = no expiry */

/* What the owner sees of a token: never the token or its hash. */
struct api_token {
	int64_t id;
	const char *name;
	const char *created_at;
	const char *expires_at;   /* NULL: never */
	const char *last_used_at; /* NULL: not yet; refreshed at most once a minute */
	int revoked;
};

/* Creates a token for user_id: name required, single line, at most
 * TOKEN_NAME_MAX code points; days from 0 to TOKEN_DAYS_MAX (422 with the
 * field otherwise). token gets the secret; info (strings in a) what the
 * owner may see later. Audited as "token_create" without the secret. */
int token_create(struct store *s, const struct actor *who, int64_t user_id, const char *name, int64_t days,
		 struct arena *a, struct api_token *info, char token[TOKEN_MAX], struct err *e);
/* The user of a live token (not revoked, not expired, user enabled); 401
 * otherwise. Records the time of use, at most once a minute. */
int token_lookup(struct store *s, const char *token, struct arena *a, struct user *u, struct err *e);
/* A user's tokens, newest first; *out is arena-owned. Returns the count or -1. */
int token_list(struct store *s, int64_t user_id, struct arena *a, struct api_token **out, struct err *e);
/* Revokes token_id of user_id: 404 when the user has no such token, 409
 * when it is revoked already. Audited as "token_revoke". */
int token_revoke(struct store *s, const struct actor *who, int64_t user_id, int64_t token_id, struct err *e);

#endif
