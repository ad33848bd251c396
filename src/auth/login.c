#include "auth/login.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "auth/mfa.h"
#include "base/jsonw.h"
#include "base/timeutil.h"
#include "isms/audit.h"

struct counter {
	int64_t failures;
	time_t last_failure, locked_until;
};

static int read_counter(struct store *s, const char *key, struct counter *c, struct err *e)
{
	struct stmt *st = store_prepare(s, "SELECT failures, last_failure_at, locked_until FROM login_throttle "
					  "WHERE key = ?", e);
	int step;
	memset(c, 0, sizeof(*c));
	if (!st)
		return -1;
	stmt_bind_text(st, 1, key);
	step = stmt_step(st, e);
	if (step == STORE_ROW) {
		c->failures = stmt_int(st, 0);
		c->last_failure = time_parse_iso(stmt_text(st, 1));
		c->locked_until = stmt_isnull(st, 2) ? 0 : time_parse_iso(stmt_text(st, 2));
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

/* Refuses with 429 when key is locked or must still wait. */
static int check(struct store *s, const char *key, int slow_after, time_t now, struct err *e)
{
	struct counter c;
	char until[32];
	if (read_counter(s, key, &c, e))
		return -1;
	if (c.locked_until > now) {
		time_iso(c.locked_until, until);
		return err_set(e, 429, "locked", "Too many failed logins: locked until %s (UTC). Try again then, "
			       "or ask an administrator.", until);
	}
	if (c.last_failure + LOGIN_WINDOW_SECONDS <= now)
		return 0; /* old failures no longer count */
	if (c.failures >= slow_after) {
		int shift = (int)(c.failures - slow_after);
		time_t wait = shift >= 3 ? LOGIN_MAX_WAIT_SECONDS : (time_t)2 << shift;
		if (wait > LOGIN_MAX_WAIT_SECONDS)
			wait = LOGIN_MAX_WAIT_SECONDS;
		if (c.last_failure + wait > now)
			return err_set(e, 429, "slow_down", "Too many failed logins: wait %lld second%s before trying again.",
				       (long long)(c.last_failure + wait - now), c.last_failure + wait - now == 1 ? "" : "s");
	}
	return 0;
}

/* Counts one failure for key; locks it at the limit. Returns 1 when this
 * failure locked it, 0 otherwise, -1 on error. Inside the caller's transaction. */
static int count_failure(struct store *s, const char *key, int limit, time_t now, struct err *e)
{
	struct counter c;
	char at[32], until[32];
	struct stmt *st;
	int64_t failures;
	int locks, step;
	if (read_counter(s, key, &c, e))
		return -1;
	failures = c.last_failure + LOGIN_WINDOW_SECONDS <= now || c.locked_until ? 1 : c.failures + 1;
	locks = failures >= limit;
	time_iso(now, at);
	time_iso(now + LOGIN_LOCK_SECONDS, until);
	st = store_prepare(s, "INSERT INTO login_throttle (key, failures, last_failure_at, locked_until) VALUES (?, ?, ?, ?) "
			      "ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, "
			      "last_failure_at = excluded.last_failure_at, locked_until = excluded.locked_until", e);
	if (!st)
		return -1;
	stmt_bind_text(st, 1, key);
	stmt_bind_int(st, 2, locks ? 0 : failures);
	stmt_bind_text(st, 3, at);
	stmt_bind_text(st, 4, locks ? until : NULL);
	step = stmt_step(st, e);
	stmt_done(st);
	return step < 0 ? -1 : locks;
}

static int reset(struct store *s, const char *key, struct err *e)
{
	struct stmt *st = store_prepare(s, "DELETE FROM login_throttle WHERE key = ?", e);
	int step;
	if (!st)
		return -1;
	stmt_bind_text(st, 1, key);
	step = stmt_step(st, e);
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

static int audit_login(struct store *s, const char *action, const char *email, const char *client,
		       const char *factor, int64_t user_id, struct err *e)
{
	struct strbuf j = STRBUF_INIT;
	int first = 1, rc;
	sb_addc(&j, '{');
	jsonw_kv_str(&j, &first, "email", email);
	jsonw_kv_str(&j, &first, "client", client);
	if (factor)
		jsonw_kv_str(&j, &first, "factor", factor);
	sb_addc(&j, '}');
	rc = audit_append(s, NULL, action, "user", user_id, NULL, j.buf, e);
	sb_release(&j);
	return rc;
}
/* The throttling keys of an attempt. */
struct keys {
	char account[300], addr[80];
};

static void make_keys(const char *email, const char *client, struct keys *k)
{
	snprintf(k->account, sizeof(k->account), "account:%s", email);
	snprintf(k->addr, sizeof(k->addr), "client:%s", client ? client : "unknown");
}

static int check_keys(struct store *s, const struct keys *k, time_t now, struct err *e)
{
	return check(s, k->account, LOGIN_ACCOUNT_SLOW_AFTER, now, e) || check(s, k->addr, LOGIN_CLIENT_SLOW_AFTER, now, e)
		       ? -1 : 0;
}

/* Counts a failure against the account and the address and audits it
 * (factor: NULL for the password, "code" for the second factor), in one
 * transaction. 0 when counted; -1 with 429 when this locked a key. */
static int count_failures(struct store *s, const struct keys *k, const char *email, const char *client,
			  const char *factor, int64_t user_id, struct err *e)
{
	time_t now = time(NULL);
	int locked_account, locked_client;
	if (store_begin(s, e))
		return -1;
	if ((locked_account = count_failure(s, k->account, LOGIN_ACCOUNT_LIMIT, now, e)) < 0 ||
	    (locked_client = count_failure(s, k->addr, LOGIN_CLIENT_LIMIT, now, e)) < 0 ||
	    audit_login(s, "login_failed", email, client, factor, user_id, e) ||
	    (locked_account && audit_login(s, "login_locked", email, client, factor, user_id, e)) ||
	    (locked_client && audit_login(s, "login_locked_client", email, client, factor, user_id, e)) ||
	    store_commit(s, e)) {
		store_rollback(s);
		return -1;
	}
	if (locked_account || locked_client)
		return err_set(e, 429, "locked", "Too many failed logins: locked for %d minutes.", LOGIN_LOCK_SECONDS / 60);
	return 0;
}

/* Checks u's code (keys already checked); clears the account's count on success. */
static int second_factor(struct store *s, const struct keys *k, const struct user *u, const char *code,
			 const char *client, struct err *e)
{
	struct err bad = ERR_INIT;
	if (mfa_verify(s, u, code, &bad) == 0)
		return reset(s, k->account, e);
	if (bad.status != 401) {
		*e = bad;
		return -1;
	}
	if (count_failures(s, k, u->email, client, "code", u->id, e))
		return -1;
	*e = bad;
	return -1;
}

int login_attempt(struct store *s, const char *email, const char *password, const char *code, const char *client,
		  struct arena *a, struct user *out, struct err *e)
{
	struct err auth = ERR_INIT;
	struct user known;
	struct keys k;

	make_keys(email, client, &k);
	if (check_keys(s, &k, time(NULL), e))
		return -1;
	if (user_authenticate(s, email, password, a, out, &auth) == 0) {
		if (!out->mfa_enabled)
			return reset(s, k.account, e);
		if (!code)
			return err_set(e, 401, "mfa_required",
				       "Enter the code from your authenticator app, or one of your recovery codes.");
		return second_factor(s, &k, out, code, client, e);
	}
	if (auth.status != 401) {
		*e = auth;
		return -1;
	}
	if (user_by_email(s, email, a, &known, &auth))
		known.id = 0;
	if (count_failures(s, &k, email, client, NULL, known.id, e))
		return -1;
	return err_set(e, 401, "bad_credentials", "Wrong e-mail or password.");
}

int login_code(struct store *s, const struct user *u, const char *code, const char *client, struct err *e)
{
	struct keys k;
	make_keys(u->email, client, &k);
	if (check_keys(s, &k, time(NULL), e))
		return -1;
	return second_factor(s, &k, u, code, client, e);
}
