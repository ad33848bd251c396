#include "auth/ticket.h"

#include <string.h>
#include <time.h>

#include "base/timeutil.h"

/* Runs sql with one text parameter. */
static int exec_text(struct store *s, const char *sql, const char *text, struct err *e)
{
	struct stmt *st = store_prepare(s, sql, e);
	int step;
	if (!st)
		return -1;
	stmt_bind_text(st, 1, text);
	step = stmt_step(st, e);
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

int ticket_create(struct store *s, int64_t user_id, char token[TOKEN_MAX], struct err *e)
{
	char hash[TOKEN_HASH_LEN], now[32], expires[32];
	struct stmt *st;
	time_t t = time(NULL);
	int rc = -1;

	token_new("", token);
	token_hash(token, hash);
	time_iso(t, now);
	time_iso(t + TICKET_SECONDS, expires);
	if (store_begin(s, e))
		return -1;
	if (exec_text(s, "DELETE FROM login_tickets WHERE expires_at <= ?", now, e))
		goto out;
	if (!(st = store_prepare(s, "INSERT INTO login_tickets (token_hash, user_id, expires_at) VALUES (?, ?, ?)", e)))
		goto out;
	stmt_bind_text(st, 1, hash);
	stmt_bind_int(st, 2, user_id);
	stmt_bind_text(st, 3, expires);
	rc = stmt_step(st, e) < 0 ? -1 : 0;
	stmt_done(st);
	if (rc == 0)
		rc = store_commit(s, e);
out:
	if (rc)
		store_rollback(s);
	return rc;
}

int ticket_user(struct store *s, const char *token, int64_t *user_id, struct err *e)
{
	char hash[TOKEN_HASH_LEN], now[32];
	struct stmt *st;
	int step;

	*user_id = 0;
	if (!token || !token[0] || strlen(token) >= TOKEN_MAX)
		return err_set(e, 401, "ticket_expired", "The sign-in took too long or was not started; start again.");
	token_hash(token, hash);
	time_now_iso(now);
	if (!(st = store_prepare(s, "SELECT user_id FROM login_tickets WHERE token_hash = ? AND expires_at > ?", e)))
		return -1;
	stmt_bind_text(st, 1, hash);
	stmt_bind_text(st, 2, now);
	step = stmt_step(st, e);
	if (step == STORE_ROW)
		*user_id = stmt_int(st, 0);
	stmt_done(st);
	if (step < 0)
		return -1;
	if (!*user_id)
		return err_set(e, 401, "ticket_expired", "The sign-in took too long or was not started; start again.");
	return 0;
}

int ticket_delete(struct store *s, const char *token, struct err *e)
{
	char hash[TOKEN_HASH_LEN];
	token_hash(token, hash);
	return exec_text(s, "DELETE FROM login_tickets WHERE token_hash = ?", hash, e);
}
