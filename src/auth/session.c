#include "auth/session.h"

#include <string.h>
#include <time.h>

#include "base/jsonw.h"
#include "base/timeutil.h"
#include "isms/audit.h"
#include "isms/settings.h"

/* The User-Agent as printable ASCII, at most SESSION_AGENT_MAX bytes. */
static void clean_agent(const char *in, char out[SESSION_AGENT_MAX + 1])
{
	size_t n = 0;
	for (; in && in[n] && n < SESSION_AGENT_MAX; n++)
		out[n] = in[n] >= 0x20 && in[n] < 0x7f ? in[n] : '?';
	out[n] = '\0';
}

int session_create(struct store *s, const struct user *u, const char *client, const char *user_agent,
		   char token[TOKEN_MAX], char csrf[TOKEN_MAX], struct err *e)
{
	char hash[TOKEN_HASH_LEN], now[32], expires[32], agent[SESSION_AGENT_MAX + 1];
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
			      "expires_at, client_addr, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", e);
	if (!st)
		goto out;
	clean_agent(user_agent, agent);
	stmt_bind_text(st, 1, hash);
	stmt_bind_int(st, 2, u->id);
	stmt_bind_text(st, 3, csrf);
	stmt_bind_text(st, 4, now);
	stmt_bind_text(st, 5, now);
	stmt_bind_text(st, 6, expires);
	stmt_bind_text(st, 7, client);
	stmt_bind_text(st, 8, user_agent ? agent : NULL);
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
	time_iso(t, now);
	/* refresh at most once a minute to spare writes */
	if (t - last_seen > 60 &&
	    STORE_RUN(s, e, "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", ARG_TEXT(now), ARG_TEXT(hash)))
		return -1;
	return 0;
}

int session_delete(struct store *s, const char *token, struct err *e)
{
	char hash[TOKEN_HASH_LEN];
	token_hash(token, hash);
	return STORE_RUN(s, e, "DELETE FROM sessions WHERE token_hash = ?", ARG_TEXT(hash));
}

int session_list(struct store *s, int64_t user_id, const char *current_token, struct arena *a,
		 struct session_info **out, struct err *e)
{
	char mine[TOKEN_HASH_LEN] = "", now[32], idle_since[32];
	time_t t = time(NULL);
	struct stmt *st;
	int n = 0, cap = 0, step;

	if (current_token)
		token_hash(current_token, mine);
	time_iso(t, now);
	time_iso(t - (time_t)settings_get(s, SETTING_SESSION_IDLE) * 60, idle_since);
	st = store_prepare(s, "SELECT id, created_at, last_seen_at, expires_at, client_addr, user_agent, token_hash "
			      "FROM sessions WHERE user_id = ? AND expires_at > ? AND last_seen_at > ? "
			      "ORDER BY last_seen_at DESC, id DESC", e);
	if (!st)
		return -1;
	stmt_bind_int(st, 1, user_id);
	stmt_bind_text(st, 2, now);
	stmt_bind_text(st, 3, idle_since);
	*out = NULL;
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		struct session_info *si;
		*out = arena_grow(a, *out, n, &cap, sizeof(**out));
		si = &(*out)[n++];
		si->id = stmt_int(st, 0);
		si->created_at = arena_strdup(a, stmt_text(st, 1));
		si->last_seen_at = arena_strdup(a, stmt_text(st, 2));
		si->expires_at = arena_strdup(a, stmt_text(st, 3));
		si->client = arena_strdup(a, stmt_text(st, 4));
		si->user_agent = arena_strdup(a, stmt_text(st, 5));
		si->current = mine[0] && strcmp(mine, stmt_text(st, 6)) == 0;
	}
	stmt_done(st);
	return step < 0 ? -1 : n;
}

/* Audits an ending of sessions: {"session_id": id} or {"sessions": count}. */
static int audit_end(struct store *s, const struct actor *who, const char *action, int64_t user_id,
		     const char *key, int64_t value, struct err *e)
{
	struct strbuf j = STRBUF_INIT;
	int first = 1, rc;
	sb_addc(&j, '{');
	jsonw_kv_int(&j, &first, key, value);
	sb_addc(&j, '}');
	rc = audit_append(s, who, action, "user", user_id, NULL, j.buf, e);
	sb_release(&j);
	return rc;
}

int session_end(struct store *s, const struct actor *who, int64_t user_id, int64_t session_id,
		const char *current_token, int *was_current, struct err *e)
{
	char mine[TOKEN_HASH_LEN] = "";
	struct stmt *st = NULL;
	int rc = -1, step;

	*was_current = 0;
	if (current_token)
		token_hash(current_token, mine);
	if (store_begin(s, e))
		return -1;
	if (!(st = store_prepare(s, "SELECT token_hash FROM sessions WHERE id = ? AND user_id = ?", e)))
		goto out;
	stmt_bind_int(st, 1, session_id);
	stmt_bind_int(st, 2, user_id);
	step = stmt_step(st, e);
	if (step == STORE_ROW)
		*was_current = mine[0] && strcmp(mine, stmt_text(st, 0)) == 0;
	stmt_done(st);
	st = NULL;
	if (step < 0)
		goto out;
	if (step == STORE_DONE) {
		err_set(e, 404, "not_found", "No such session.");
		goto out;
	}
	if (STORE_RUN(s, e, "DELETE FROM sessions WHERE id = ?", ARG_INT(session_id)) ||
	    audit_end(s, who, "session_end", user_id, "session_id", session_id, e))
		goto out;
	rc = store_commit(s, e);
out:
	stmt_done(st);
	if (rc)
		store_rollback(s);
	return rc;
}

int session_end_all(struct store *s, const struct actor *who, int64_t user_id, struct err *e)
{
	if (store_begin(s, e))
		return -1;
	if (STORE_RUN(s, e, "DELETE FROM sessions WHERE user_id = ?", ARG_INT(user_id)) ||
	    audit_end(s, who, "logout_everywhere", user_id, "sessions", store_changes(s), e) || store_commit(s, e)) {
		store_rollback(s);
		return -1;
	}
	return 0;
}
