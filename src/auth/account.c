#include "auth/account.h"

#include <string.h>

#include "auth/secret.h"
#include "base/jsonw.h"
#include "base/timeutil.h"
#include "base/util.h"
#include "isms/audit.h"
#include "model/validate.h"

static const struct field email_field = { "email", "E-mail", FT_EMAIL, F_REQUIRED, .max_len = 254 };
static const struct field name_field = { "name", "Name", FT_TEXT, F_REQUIRED, .max_len = 200 };

/* A user's name: required, one line, at most name_field.max_len. */
static int check_name(const char *name, struct arena *a, struct err *e)
{
	const char *norm;
	if (!name[0])
		return err_field(e, "name", "required", "Required.");
	return validate_text(&name_field, name, a, &norm, e);
}

#define USER_COLUMNS "id, email, name, role, password_hash, must_change_password, disabled, " \
		     "CASE WHEN mfa_secret IS NULL THEN 0 ELSE 1 END"

/* One row of USER_COLUMNS into u; strings in the arena. */
static void row_to_user(struct stmt *st, struct arena *a, struct user *u)
{
	u->id = stmt_int(st, 0);
	u->email = arena_strdup(a, stmt_text(st, 1));
	u->name = arena_strdup(a, stmt_text(st, 2));
	if (role_parse(stmt_text(st, 3), &u->role))
		u->role = ROLE_EMPLOYEE;
	u->password_hash = arena_strdup(a, stmt_text(st, 4));
	u->must_change_password = (int)stmt_int(st, 5);
	u->disabled = (int)stmt_int(st, 6);
	u->mfa_enabled = (int)stmt_int(st, 7);
}

static int read_user(struct store *s, const char *sql, const char *text, int64_t id, struct arena *a,
		     struct user *u, struct err *e)
{
	struct stmt *st = store_prepare(s, sql, e);
	int step, rc = -1;
	if (!st)
		return -1;
	if (text)
		stmt_bind_text(st, 1, text);
	else
		stmt_bind_int(st, 1, id);
	step = stmt_step(st, e);
	if (step == STORE_ROW) {
		row_to_user(st, a, u);
		rc = 0;
	} else if (step == STORE_DONE) {
		err_set(e, 404, "not_found", "No such user.");
	}
	stmt_done(st);
	return rc;
}

int user_by_email(struct store *s, const char *email, struct arena *a, struct user *out, struct err *e)
{
	return read_user(s, "SELECT " USER_COLUMNS " FROM users WHERE email = ?", email, 0, a, out, e);
}

int user_by_id(struct store *s, int64_t id, struct arena *a, struct user *out, struct err *e)
{
	return read_user(s, "SELECT " USER_COLUMNS " FROM users WHERE id = ?", NULL, id, a, out, e);
}

void user_actor(const struct user *u, struct actor *out)
{
	out->user_id = u->id;
	out->role = u->role;
	out->email = u->email;
	out->name = u->name;
}

int user_create(struct store *s, const struct actor *who, const char *email, const char *name, enum role role,
		const char *password, int must_change, int64_t *id, struct err *e)
{
	struct arena a = ARENA_INIT;
	struct strbuf after = STRBUF_INIT;
	char hash[PASSWORD_HASH_MAX], now[32];
	const char *norm;
	struct stmt *st = NULL;
	int rc = -1, first = 1;

	validate_text(&email_field, email, &a, &norm, e);
	check_name(name, &a, e);
	password_check(email, password, e);
	if (e->status)
		goto out;
	if (password_hash(password, hash)) {
		err_set(e, 500, "hash", "Could not hash the password (out of memory?).");
		goto out;
	}
	if (store_begin(s, e))
		goto out;
	st = store_prepare(s, "INSERT INTO users (email, name, role, password_hash, must_change_password, "
			      "disabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?) RETURNING id", e);
	if (!st)
		goto out;
	time_now_iso(now);
	stmt_bind_text(st, 1, email);
	stmt_bind_text(st, 2, name);
	stmt_bind_text(st, 3, role_name(role));
	stmt_bind_text(st, 4, hash);
	stmt_bind_int(st, 5, must_change);
	stmt_bind_text(st, 6, now);
	stmt_bind_text(st, 7, now);
	if (stmt_step(st, e) != STORE_ROW) {
		if (e->status == 409)
			err_field(e, "email", "taken", "A user with this e-mail already exists.");
		goto out;
	}
	*id = stmt_int(st, 0);
	stmt_done(st);
	st = NULL;
	sb_addc(&after, '{');
	jsonw_kv_int(&after, &first, "id", *id);
	jsonw_kv_str(&after, &first, "email", email);
	jsonw_kv_str(&after, &first, "name", name);
	jsonw_kv_str(&after, &first, "role", role_name(role));
	sb_addc(&after, '}');
	if (audit_append(s, who, "user_create", "user", *id, NULL, after.buf, e))
		goto out;
	rc = store_commit(s, e);
out:
	stmt_done(st);
	if (rc)
		store_rollback(s);
	sb_release(&after);
	arena_release(&a);
	return rc;
}

int user_authenticate(struct store *s, const char *email, const char *password, struct arena *a,
		      struct user *out, struct err *e)
{
	struct err lookup = ERR_INIT;
	if (user_by_email(s, email, a, out, &lookup)) {
		if (lookup.status != 404) {
			*e = lookup;
			return -1;
		}
		/* spend the same time as a real check so timing does not reveal accounts */
		char dummy[PASSWORD_HASH_MAX];
		password_hash("timing-equaliser", dummy);
		return err_set(e, 401, "bad_credentials", "Wrong e-mail or password.");
	}
	if (password_verify(out->password_hash, password) || out->disabled)
		return err_set(e, 401, "bad_credentials", "Wrong e-mail or password.");
	return 0;
}

int user_set_password(struct store *s, const struct actor *who, int64_t id, const char *email,
		      const char *password, int must_change, const char *keep_session, struct err *e)
{
	char hash[PASSWORD_HASH_MAX], now[32], keep[TOKEN_HASH_LEN] = "";
	struct stmt *st;
	int rc = -1;
	if (password_check(email, password, e))
		return -1;
	if (password_hash(password, hash))
		return err_set(e, 500, "hash", "Could not hash the password.");
	if (store_begin(s, e))
		return -1;
	st = store_prepare(s, "UPDATE users SET password_hash = ?, must_change_password = ?, updated_at = ? "
			      "WHERE id = ?", e);
	if (!st)
		goto out;
	time_now_iso(now);
	stmt_bind_text(st, 1, hash);
	stmt_bind_int(st, 2, must_change);
	stmt_bind_text(st, 3, now);
	stmt_bind_int(st, 4, id);
	if (stmt_step(st, e) < 0)
		goto out;
	stmt_done(st);
	st = NULL;
	/* whoever knew the old password is signed out everywhere else */
	if (keep_session)
		token_hash(keep_session, keep);
	if (!(st = store_prepare(s, "DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", e)))
		goto out;
	stmt_bind_int(st, 1, id);
	stmt_bind_text(st, 2, keep);
	if (stmt_step(st, e) < 0)
		goto out;
	stmt_done(st);
	st = NULL;
	if (audit_append(s, who, "password_change", "user", id, NULL, NULL, e))
		goto out;
	rc = store_commit(s, e);
out:
	stmt_done(st);
	if (rc)
		store_rollback(s);
	return rc;
}

int user_reset_password(struct store *s, const struct actor *who, int64_t id, char otp[32], struct err *e)
{
	struct arena a = ARENA_INIT;
	struct user u;
	int rc = user_by_id(s, id, &a, &u, e);
	if (rc == 0) {
		password_generate(otp);
		rc = user_set_password(s, who, id, u.email, otp, 1, NULL, e);
	}
	arena_release(&a);
	return rc;
}

/* Refuses (409) to take the last enabled administrator's rights: what is
 * "disabled" or "demoted". Inside the caller's transaction. */
static int keep_an_admin(struct store *s, const struct user *u, const char *what, struct err *e)
{
	struct stmt *st;
	int64_t others = 0;
	if (u->role != ROLE_ADMIN || u->disabled)
		return 0;
	if (!(st = store_prepare(s, "SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = 0 AND id <> ?", e)))
		return -1;
	stmt_bind_int(st, 1, u->id);
	if (stmt_step(st, e) == STORE_ROW)
		others = stmt_int(st, 0);
	stmt_done(st);
	if (e->status)
		return -1;
	if (others == 0)
		return err_set(e, 409, "last_admin", "%s is the last enabled administrator and cannot be %s.", u->email,
			       what);
	return 0;
}

/* Sets one column of the user (text, or an integer when text is NULL) and
 * audits {"col": before} -> {"col": after}. Inside the caller's transaction. */
static int change_column(struct store *s, const struct actor *who, const char *action, int64_t id,
			 const char *sql, const char *key, const char *old_text, const char *new_text,
			 int64_t new_int, struct err *e)
{
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	char now[32];
	int rc = -1, first = 1;

	time_now_iso(now);
	if (STORE_RUN(s, e, sql, new_text ? ARG_TEXT(new_text) : ARG_INT(new_int), ARG_TEXT(now), ARG_INT(id)))
		goto out;
	sb_addc(&before, '{');
	if (new_text)
		jsonw_kv_str(&before, &first, key, old_text);
	else
		jsonw_kv_bool(&before, &first, key, !new_int);
	sb_addc(&before, '}');
	first = 1;
	sb_addc(&after, '{');
	if (new_text)
		jsonw_kv_str(&after, &first, key, new_text);
	else
		jsonw_kv_bool(&after, &first, key, (int)new_int);
	sb_addc(&after, '}');
	rc = audit_append(s, who, action, "user", id, before.buf, after.buf, e);
out:
	sb_release(&before);
	sb_release(&after);
	return rc;
}

int user_update(struct store *s, const struct actor *who, int64_t id, const struct user_change *c, struct err *e)
{
	struct arena a = ARENA_INIT;
	struct user u;
	int rc = -1;

	if ((c->name && check_name(c->name, &a, e)) || store_begin(s, e)) {
		arena_release(&a);
		return -1;
	}
	if (user_by_id(s, id, &a, &u, e))
		goto out;
	if (c->name && strcmp(c->name, u.name) != 0 &&
	    change_column(s, who, "user_update", id, "UPDATE users SET name = ?, updated_at = ? WHERE id = ?", "name",
			  u.name, c->name, 0, e))
		goto out;
	if (c->set_role && c->role != u.role) {
		if ((c->role != ROLE_ADMIN && keep_an_admin(s, &u, "demoted", e)) ||
		    change_column(s, who, "role_change", id, "UPDATE users SET role = ?, updated_at = ? WHERE id = ?",
				  "role", role_name(u.role), role_name(c->role), 0, e))
			goto out;
		u.role = c->role;
	}
	if (c->disabled >= 0 && !c->disabled != !u.disabled) {
		if (c->disabled && keep_an_admin(s, &u, "disabled", e))
			goto out;
		if (change_column(s, who, c->disabled ? "user_disable" : "user_enable", id,
				  "UPDATE users SET disabled = ?, updated_at = ? WHERE id = ?", "disabled", NULL, NULL,
				  c->disabled ? 1 : 0, e))
			goto out;
		/* signed out everywhere at once */
		if (c->disabled && (STORE_RUN(s, e, "DELETE FROM sessions WHERE user_id = ?", ARG_INT(id)) ||
				    STORE_RUN(s, e, "UPDATE api_tokens SET revoked = 1 WHERE user_id = ?", ARG_INT(id))))
			goto out;
	}
	rc = store_commit(s, e);
out:
	if (rc)
		store_rollback(s);
	arena_release(&a);
	return rc;
}

int user_set_disabled(struct store *s, const struct actor *who, int64_t id, int disabled, struct err *e)
{
	struct user_change c = USER_CHANGE_INIT;
	c.disabled = disabled ? 1 : 0;
	return user_update(s, who, id, &c, e);
}

int user_list(struct store *s, const char *q, struct arena *a, struct user **out, struct err *e)
{
	struct stmt *st = store_prepare(s, "SELECT " USER_COLUMNS " FROM users WHERE ? = '' OR lower(email) LIKE ? "
					  "ESCAPE '\\' OR lower(name) LIKE ? ESCAPE '\\' ORDER BY email", e);
	char *pat;
	int n = 0, cap = 0, step;
	if (!st)
		return -1;
	if (!q)
		q = "";
	pat = arena_alloc(a, 2 * strlen(q) + 3);
	like_contains(q, pat);
	stmt_bind_text(st, 1, q);
	stmt_bind_text(st, 2, pat);
	stmt_bind_text(st, 3, pat);
	*out = NULL;
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		*out = arena_grow(a, *out, n, &cap, sizeof(**out));
		row_to_user(st, a, &(*out)[n++]);
	}
	stmt_done(st);
	return step < 0 ? -1 : n;
}
