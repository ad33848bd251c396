/* session: browser sessions and API tokens. Both are random secrets handed
 * to the client once and stored only as SHA-256 hashes, in the database, so
 * any node can check any of them. */
#ifndef ISMS_SESSION_H
#define ISMS_SESSION_H
#include <stdint.h>

#include "auth/account.h"
#include "auth/secret.h"

#define SESSION_COOKIE "isms_session"

/* Creates a session for the user: token (for the cookie) and csrf. */
int session_create(struct store *s, const struct user *u, char token[TOKEN_MAX], char csrf[TOKEN_MAX],
		   struct err *e);
/* Looks up a live session; 401 when unknown, expired (idle and absolute
 * limits are settings, see isms/settings.h), or the user is disabled.
 * Refreshes last-seen now and then. */
int session_lookup(struct store *s, const char *token, struct arena *a, struct user *u, const char **csrf,
		   struct err *e);
int session_delete(struct store *s, const char *token, struct err *e);

/* API tokens: name and lifetime in days (0 = no expiry). */
int token_create(struct store *s, const struct actor *who, int64_t user_id, const char *name, int days,
		 char token[TOKEN_MAX], struct err *e);
int token_lookup(struct store *s, const char *token, struct arena *a, struct user *u, struct err *e);

#endif
