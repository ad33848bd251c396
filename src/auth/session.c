#include "auth/session.h"

#include <string.h>
#include <time.h>

#include "base/jsonw.h"
#include "base/timeutil.h"
#include "isms/audit.h"
#include "isms/settings.h"

int session_create(struct store *s, const struct user *u, char token[TOKEN_MAX], char csrf[TOKEN_MAX],
		   struct err *e)
{
	char hash[TOKEN_HASH_LEN], now[32], expires[32];
	struct actor who;
	struct stmt *st;
	int rc = -1;
	time_t t = time(NULL);

	token_new("", token);
	token_new("", csrf);
	token_hash(token, hash);
	time_iso(t, now);
	time_iso(t + (time_t)settings_get(s, SETTING_SESSION_ABSOLUTE) * 3600, expires);
	user_actor(u, &who);
	if (store_begin(s, e))
		return -1;
	st = store_prepare(s, "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, "
			      "expires_at) VALUES (?, ?, ?, ?, ?, ?)", e);
	if (!st)
		goto out;
	stmt_bind_text(st, 1, hash);
	stmt_bind_int(st, 2, u->id);
	stmt_bind_text(st, 3, csrf);
	stmt_bind_text(st, 4, now);
	stmt_bind_text(st, 5, now);
	stmt_bind_text(st, 6, expires);
	if (stmt_step(st, e) < 0)
		goto out;
	stmt_done(st);
	st = NULL;
	if (audit_append(s, &who, "login", "user", u->id, NULL, NULL, e))
		goto out;
	rc = store_commit(s, e);
out:
	stmt_done(st);
	if (rc)
		store_rollback(s);
	return rc;
}

int session_lookup(struct store *s, const char *token, struct arena *a, struct user *u, const char **csrf,
		   struct err *e)
{
	char hash[TOKEN_HASH_LEN], now[32];
	struct stmt *st;
	int step;
	int64_t user_id = 0;
	time_t t = time(NULL), last_seen = 0, idle;
	const char *expires;

	token_hash(token, hash);
	st = store_prepare(s, "SELECT user_id, csrf_token, last_seen_at, expires_at FROM sessions WHERE token_hash = ?", e);
	if (!st)
		return -1;
	stmt_bind_text(st, 1, hash);
	idle = (time_t)settings_get(s, SETTING_SESSION_IDLE) * 60;
	step = stmt_step(st, e);
	if (step == STORE_ROW) {
		user_id = stmt_int(st, 0);
		*csrf = arena_strdup(a, stmt_text(st, 1));
		last_seen = time_parse_iso(stmt_text(st, 2));
		expires = stmt_text(st, 3);
		if (time_parse_iso(expires) <= t || last_seen + idle <= t)
			user_id = 0;
	}
	stmt_done(st);
	if (step < 0)
		return -1;
	if (!user_id)
		return err_set(e, 401, "session_expired", "Your session has ended; log in again.");
	if (user_by_id(s, user_id, a, u, e) || u->disabled)
		return err_set(e, 401, "session_expired", "Your session has ended; log in again.");
	if (t - last_seen > 60) { /* refresh at most once a minute to spare writes */
		st = store_prepare(s, "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", e);
		if (!st)
			return -1;
		time_iso(t, now);
		stmt_bind_text(st, 1, now);
		stmt_bind_text(st, 2, hash);
		step = stmt_step(st, e);
		stmt_done(st);
		if (step < 0)
			return -1;
	}
	return 0;
}

int session_delete(struct store *s, const char *token, struct err *e)
{
	char hash[TOKEN_HASH_LEN];
	struct stmt *st = store_prepare(s, "DELETE FROM sessions WHERE token_hash = ?", e);
	int step;
	if (!st)
		return -1;
	token_hash(token, hash);
	stmt_bind_text(st, 1, hash);
	step = stmt_step(st, e);
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

int token_create(struct store *s, const struct actor *who, int64_t user_id, const char *name, int days,
		 char token[TOKEN_MAX], struct err *e)
{
	char hash[TOKEN_HASH_LEN], now[32], expires[32];
	struct strbuf after = STRBUF_INIT;
	struct stmt *st;
	time_t t = time(NULL);
	int rc = -1, first = 1;

	token_new("isms_", token);
	token_hash(token, hash);
	time_iso(t, now);
	if (days > 0)
		time_iso(t + (time_t)days * 86400, expires);
	if (store_begin(s, e))
		return -1;
	st = store_prepare(s, "INSERT INTO api_tokens (token_hash, user_id, name, created_at, expires_at) "
			      "VALUES (?, ?, ?, ?, ?) RETURNING id", e);
	if (!st)
		goto out;
	stmt_bind_text(st, 1, hash);
	stmt_bind_int(st, 2, user_id);
	stmt_bind_text(st, 3, name);
	stmt_bind_text(st, 4, now);
	stmt_bind_text(st, 5, days > 0 ? expires : NULL);
	if (stmt_step(st, e) != STORE_ROW)
		goto out;
	sb_addc(&after, '{');
	jsonw_kv_int(&after, &first, "token_id", stmt_int(st, 0));
	jsonw_kv_str(&after, &first, "name", name);
	jsonw_kv_str(&after, &first, "expires_at", days > 0 ? expires : NULL);
	sb_addc(&after, '}');
	stmt_done(st);
	st = NULL;
	if (audit_append(s, who, "token_create", "user", user_id, NULL, after.buf, e))
		goto out;
	rc = store_commit(s, e);
out:
	stmt_done(st);
	if (rc)
		store_rollback(s);
	sb_release(&after);
	return rc;
}

int token_lookup(struct store *s, const char *token, struct arena *a, struct user *u, struct err *e)
{
	char hash[TOKEN_HASH_LEN], now[32];
	struct stmt *st;
	int step;
	int64_t user_id = 0;

	token_hash(token, hash);
	time_now_iso(now);
	st = store_prepare(s, "SELECT user_id FROM api_tokens WHERE token_hash = ? AND revoked = 0 "
			      "AND (expires_at IS NULL OR expires_at > ?)", e);
	if (!st)
		return -1;
	stmt_bind_text(st, 1, hash);
	stmt_bind_text(st, 2, now);
	step = stmt_step(st, e);
	if (step == STORE_ROW)
		user_id = stmt_int(st, 0);
	stmt_done(st);
	if (step < 0)
		return -1;
	if (!user_id || user_by_id(s, user_id, a, u, e) || u->disabled)
		return err_set(e, 401, "bad_token", "The API token is not valid.");
	return 0;
}
