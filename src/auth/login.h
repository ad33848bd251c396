/* login: checking a password with throttling, for the API and the web alike.
 *
 * Failed attempts are counted per account and per client address within a
 * window. From SLOW_AFTER failures on, the next attempt must wait (1 s,
 * 2 s, 4 s ... doubling) — refused with 429 rather than by holding a worker
 * thread; at the limit the key is locked for LOCK_SECONDS and even the
 * right password is refused. Every failure and every lock is audited. A
 * successful login clears the account's count.
 *
 * A user with a second factor (src/auth/mfa.h) needs a code as well: a
 * correct password alone is answered 401 "mfa_required" and neither
 * clears the count nor opens anything. A wrong code is a failure like a
 * wrong password (audited "login_failed" with "factor": "code"). */
#ifndef ISMS_LOGIN_H
#define ISMS_LOGIN_H

#include "auth/account.h"

#define LOGIN_WINDOW_SECONDS (15 * 60)
#define LOGIN_LOCK_SECONDS (15 * 60)
#define LOGIN_ACCOUNT_SLOW_AFTER 3
#define LOGIN_ACCOUNT_LIMIT 5
#define LOGIN_MAX_WAIT_SECONDS 8
#define LOGIN_CLIENT_SLOW_AFTER 17
#define LOGIN_CLIENT_LIMIT 20

/* 0 with *out filled on success; 401 wrong credentials; 429 throttled or
 * locked (e->message says until when). client: the caller's address.
 * code: the second-factor code, or NULL; 401 "mfa_required" (with *out
 * filled, for the web's second step) when the user needs one and it is
 * NULL, 401 "bad_code" or "code_used" when it is wrong. */
int login_attempt(struct store *s, const char *email, const char *password, const char *code, const char *client,
		  struct arena *a, struct user *out, struct err *e);
/* The second step alone, for a user whose password was checked before
 * (the web's code form) or who proves presence again (turning MFA off):
 * throttled, counted and audited like login_attempt's code. */
int login_code(struct store *s, const struct user *u, const char *code, const char *client, struct err *e);

#endif
