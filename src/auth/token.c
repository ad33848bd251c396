#include "auth/token.h"

#include <string.h>
#include <time.h>

#include "base/jsonw.h"
#include "base/timeutil.h"
#include "isms/audit.h"
#include "model/validate.h"

static const struct field name_field = { "name", "Name", FT_TEXT, F_REQUIRED, .max_len = TOKEN_NAME_MAX };

#define TOKEN_COLUMNS "id, name, created_at, expires_at, last_used_at, revoked"

static void row_to_token(struct stmt *st, struct arena *a, struct api_token *t)
{
	t->id = stmt_int(st, 0);
	t->name = arena_strdup(a, stmt_text(st, 1));
	t->created_at = arena_strdup(a, stmt_text(st, 2));
	t->expires_at = arena_strdup(a, stmt_text(st, 3));
	t->last_used_at = arena_strdup(a, stmt_text(st, 4));
	t->revoked = stmt_int(st, 5) != 0;
}

/* The audit entry's view of a token: id, name, expiry; never the secret. */
static int audit_token(struct store *s, const struct actor *who, const char *action, int64_t user_id,
		       const struct api_token *t, struct err *e)
{
	struct strbuf j = STRBUF_INIT;
	int first = 1, rc;
	sb_addc(&j, '{');
	jsonw_kv_int(&j, &first, "token_id", t->id);
	jsonw_kv_str(&j, &first, "name", t->name);
	jsonw_kv_str(&j, &first, "expires_at", t->expires_at);
	sb_addc(&j, '}');
	rc = audit_append(s, who, action, "user", user_id, NULL, j.buf, e);
	sb_release(&j);
	return rc;
}

int token_create(struct store *s, const struct actor *who, int64_t user_id, const char *name, int64_t days,
		 struct arena *a, struct api_token *info, char token[TOKEN_MAX], struct err *e)
{
	char hash[TOKEN_HASH_LEN], now[32], expires[32];
	const char *norm;
	struct stmt *st;
	time_t t = time(NULL);
	int rc = -1;

	if (!name || !name[0])
		err_field(e, "name", "required", "Required.");
	else
		validate_text(&name_field, name, a, &norm, e);
	if (days < 0 || days > TOKEN_DAYS_MAX)
		err_field(e, "days", "range", "Must be between 0 (no expiry) and %d.", TOKEN_DAYS_MAX);
	if (e->status)
		return -1;
	token_new("isms_", token);
	token_hash(token, hash);
	time_iso(t, now);
	if (days > 0)
		time_iso(t + (time_t)days * 86400, expires);
	memset(info, 0, sizeof(*info));
	info->name = arena_strdup(a, name);
	info->created_at = arena_strdup(a, now);
	info->expires_at = days > 0 ? arena_strdup(a, expires) : NULL;
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
	stmt_bind_text(st, 5, info->expires_at);
	if (stmt_step(st, e) != STORE_ROW)
		goto out;
	info->id = stmt_int(st, 0);
	stmt_done(st);
	st = NULL;
	if (audit_token(s, who, "token_create", user_id, info, e))
		goto out;
	rc = store_commit(s, e);
out:
	stmt_done(st);
	if (rc)
		store_rollback(s);
	return rc;
}

int token_lookup(struct store *s, const char *token, struct arena *a, struct user *u, struct err *e)
{
	char hash[TOKEN_HASH_LEN], now[32];
	struct stmt *st;
	int step;
	int64_t id = 0, user_id = 0;
	time_t t = time(NULL), last_used = 0;

	token_hash(token, hash);
	time_iso(t, now);
	st = store_prepare(s, "SELECT id, user_id, last_used_at FROM api_tokens WHERE token_hash = ? AND revoked = 0 "
			      "AND (expires_at IS NULL OR expires_at > ?)", e);
	if (!st)
		return -1;
	stmt_bind_text(st, 1, hash);
	stmt_bind_text(st, 2, now);
	step = stmt_step(st, e);
	if (step == STORE_ROW) {
		id = stmt_int(st, 0);
		user_id = stmt_int(st, 1);
		last_used = stmt_isnull(st, 2) ? 0 : time_parse_iso(stmt_text(st, 2));
	}
	stmt_done(st);
	if (step < 0)
		return -1;
	if (!user_id || user_by_id(s, user_id, a, u, e) || u->disabled)
		return err_set(e, 401, "bad_token", "The API token is not valid.");
	/* at most once a minute, as with sessions */
	if (t - last_used > 60 && STORE_RUN(s, e, "UPDATE api_tokens SET last_used_at = ? WHERE id = ?", ARG_TEXT(now),
					    ARG_INT(id)))
		return -1;
	return 0;
}

int token_list(struct store *s, int64_t user_id, struct arena *a, struct api_token **out, struct err *e)
{
	struct stmt *st = store_prepare(s, "SELECT " TOKEN_COLUMNS " FROM api_tokens WHERE user_id = ? ORDER BY id DESC", e);
	int n = 0, cap = 0, step;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, user_id);
	*out = NULL;
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		*out = arena_grow(a, *out, n, &cap, sizeof(**out));
		row_to_token(st, a, &(*out)[n++]);
	}
	stmt_done(st);
	return step < 0 ? -1 : n;
}

int token_revoke(struct store *s, const struct actor *who, int64_t user_id, int64_t token_id, struct err *e)
{
	struct arena a = ARENA_INIT;
	struct api_token t;
	struct stmt *st = NULL;
	int rc = -1, step;

	if (store_begin(s, e))
		goto out;
	if (!(st = store_prepare(s, "SELECT " TOKEN_COLUMNS " FROM api_tokens WHERE id = ? AND user_id = ?", e)))
		goto out;
	stmt_bind_int(st, 1, token_id);
	stmt_bind_int(st, 2, user_id);
	step = stmt_step(st, e);
	if (step == STORE_ROW)
		row_to_token(st, &a, &t);
	stmt_done(st);
	st = NULL;
	if (step < 0)
		goto out;
	if (step == STORE_DONE) {
		err_set(e, 404, "not_found", "No such API token.");
		goto out;
	}
	if (t.revoked) {
		err_set(e, 409, "revoked", "This API token is revoked already.");
		goto out;
	}
	if (STORE_RUN(s, e, "UPDATE api_tokens SET revoked = 1 WHERE id = ?", ARG_INT(token_id)) ||
	    audit_token(s, who, "token_revoke", user_id, &t, e))
		goto out;
	rc = store_commit(s, e);
out:
	stmt_done(st);
	if (rc)
		store_rollback(s);
	arena_release(&a);
	return rc;
}
