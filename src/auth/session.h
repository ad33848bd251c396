/* session: browser sessions. A session is a random secret handed to the
 * browser once (the cookie) and stored only as its SHA-256 hash, in the
 * database, so any node can check it. Its owner can list their live
 * sessions and end any or all of them. API tokens are in token.h. */
#ifndef ISMS_SESSION_H
#define ISMS_SESSION_H
#include <stdint.h>

#include "auth/account.h"
#include "auth/secret.h"

#define SESSION_COOKIE "isms_session"
#define SESSION_AGENT_MAX 200 /* bytes of User-Agent kept */

/* Creates a session for the user: token (for the cookie) and csrf. client
 * and user_agent (either may be NULL) say where it was opened; the agent
 * is kept as printable ASCII, cut at SESSION_AGENT_MAX. */
int session_create(struct store *s, const struct user *u, const char *client, const char *user_agent,
		   char token[TOKEN_MAX], char csrf[TOKEN_MAX], struct err *e);
/* Looks up a live session; 401 when unknown, expired (idle and absolute
 * limits are settings, see isms/settings.h), or the user is disabled.
 * Refreshes last-seen now and then. */
int session_lookup(struct store *s, const char *token, struct arena *a, struct user *u, const char **csrf,
		   struct err *e);
int session_delete(struct store *s, const char *token, struct err *e);

/* One live session as its owner sees it. */
struct session_info {
	int64_t id;
	const char *created_at, *last_seen_at, *expires_at;
	const char *client, *user_agent; /* NULL when not known */
	int current;                     /* the session of current_token */
};

/* The user's live sessions, most recently used first; current_token (or
 * NULL) marks the caller's own. *out is arena-owned. Returns the count or -1. */
int session_list(struct store *s, int64_t user_id, const char *current_token, struct arena *a,
		 struct session_info **out, struct err *e);
/* Ends session_id of user_id (404 when the user has none such), audited
 * as "session_end"; *was_current tells whether it was current_token's. */
int session_end(struct store *s, const struct actor *who, int64_t user_id, int64_t session_id,
		const char *current_token, int *was_current, struct err *e);
/* Ends every session of the user, audited as "logout_everywhere" with the
 * number ended. API tokens are not touched. */
int session_end_all(struct store *s, const struct actor *who, int64_t user_id, struct err *e);

#endif
