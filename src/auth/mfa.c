#include "auth/mfa.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "auth/secret.h"
#include "auth/totp.h"
#include "base/jsonw.h"
#include "base/timeutil.h"
#include "isms/audit.h"

/* The MFA columns of one user; secrets as base32 text, "" when NULL. */
struct mfa_row {
	char secret[MFA_SECRET_B32];
	char pending[MFA_SECRET_B32];
	int64_t last_step;
};

static void copy_col(struct stmt *st, int col, char out[MFA_SECRET_B32])
{
	const char *v = stmt_text(st, col);
	snprintf(out, MFA_SECRET_B32, "%s", v ? v : "");
}

static int read_row(struct store *s, int64_t user_id, struct mfa_row *r, struct err *e)
{
	struct stmt *st = store_prepare(s, "SELECT mfa_secret, mfa_pending_secret, mfa_last_step FROM users WHERE id = ?", e);
	int step;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, user_id);
	step = stmt_step(st, e);
	if (step == STORE_ROW) {
		copy_col(st, 0, r->secret);
		copy_col(st, 1, r->pending);
		r->last_step = stmt_int(st, 2);
	} else if (step == STORE_DONE) {
		err_set(e, 404, "not_found", "No such user.");
	}
	stmt_done(st);
	return step == STORE_ROW ? 0 : -1;
}

/* Starts a transaction and reads the user's row in it; on failure the
 * transaction is rolled back and -1 returned. */
static int begin_read(struct store *s, int64_t user_id, struct mfa_row *r, struct err *e)
{
	if (store_begin(s, e))
		return -1;
	if (read_row(s, user_id, r, e)) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

/* Writes the MFA columns; NULL or "" secrets are stored as NULL. */
static int write_row(struct store *s, int64_t user_id, const char *secret, const char *pending, int64_t last_step,
		     struct err *e)
{
	struct stmt *st = store_prepare(s, "UPDATE users SET mfa_secret = ?, mfa_pending_secret = ?, mfa_last_step = ?, "
					  "updated_at = ? WHERE id = ?", e);
	char now[32];
	int step;
	if (!st)
		return -1;
	time_now_iso(now);
	stmt_bind_text(st, 1, secret && secret[0] ? secret : NULL);
	stmt_bind_text(st, 2, pending && pending[0] ? pending : NULL);
	stmt_bind_int(st, 3, last_step);
	stmt_bind_text(st, 4, now);
	stmt_bind_int(st, 5, user_id);
	step = stmt_step(st, e);
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

/* Runs sql, whose one parameter is the user id. */
static int exec_user(struct store *s, const char *sql, int64_t user_id, struct err *e)
{
	struct stmt *st = store_prepare(s, sql, e);
	int step;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, user_id);
	step = stmt_step(st, e);
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

/* Runs sql with the parameters (text, id, text): the rows changed, or -1. */
static int64_t exec_text_id_text(struct store *s, const char *sql, const char *t1, int64_t id, const char *t2,
				 struct err *e)
{
	struct stmt *st = store_prepare(s, sql, e);
	int step;
	if (!st)
		return -1;
	stmt_bind_text(st, 1, t1);
	stmt_bind_int(st, 2, id);
	stmt_bind_text(st, 3, t2);
	step = stmt_step(st, e);
	stmt_done(st);
	return step < 0 ? -1 : store_changes(s);
}

static int count_recovery(struct store *s, int64_t user_id, int *out, struct err *e)
{
	struct stmt *st = store_prepare(s, "SELECT COUNT(*) FROM mfa_recovery_codes WHERE user_id = ? AND used_at IS NULL", e);
	int step;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, user_id);
	step = stmt_step(st, e);
	if (step == STORE_ROW)
		*out = (int)stmt_int(st, 0);
	stmt_done(st);
	return step == STORE_ROW ? 0 : -1;
}

/* An audit entry with an "after" of one integer, or none when key is NULL. */
static int audit_mfa(struct store *s, const struct actor *who, const char *action, int64_t user_id, const char *key,
		     int64_t value, struct err *e)
{
	struct strbuf after = STRBUF_INIT;
	int first = 1, rc;
	if (key) {
		sb_addc(&after, '{');
		jsonw_kv_int(&after, &first, key, value);
		sb_addc(&after, '}');
	}
	rc = audit_append(s, who, action, "user", user_id, NULL, key ? after.buf : NULL, e);
	sb_release(&after);
	return rc;
}

int mfa_status(struct store *s, int64_t user_id, struct mfa_status *out, struct err *e)
{
	struct mfa_row r;
	memset(out, 0, sizeof(*out));
	if (read_row(s, user_id, &r, e) || count_recovery(s, user_id, &out->recovery_left, e))
		return -1;
	out->enabled = r.secret[0] != '\0';
	out->pending = !out->enabled && r.pending[0] != '\0';
	return 0;
}

static int refuse_enabled(struct err *e)
{
	return err_set(e, 409, "mfa_enabled", "A second factor is set up already. Turn it off first to set up another.");
}

/* begin_read for a step of enrolment: refused (rolled back) when MFA is on. */
static int begin_enrolment(struct store *s, int64_t user_id, struct mfa_row *r, struct err *e)
{
	if (begin_read(s, user_id, r, e))
		return -1;
	if (r->secret[0]) {
		store_rollback(s);
		return refuse_enabled(e);
	}
	return 0;
}

int mfa_start(struct store *s, const struct actor *who, int64_t user_id, char secret[MFA_SECRET_B32], struct err *e)
{
	unsigned char raw[MFA_SECRET_BYTES];
	struct mfa_row r;
	int rc = -1;

	if (begin_enrolment(s, user_id, &r, e))
		return -1;
	randombytes_buf(raw, sizeof(raw));
	base32_encode(raw, sizeof(raw), 0, secret);
	sodium_memzero(raw, sizeof(raw));
	if (write_row(s, user_id, NULL, secret, r.last_step, e) ||
	    audit_mfa(s, who, "mfa_enrol_start", user_id, NULL, 0, e))
		goto out;
	rc = store_commit(s, e);
out:
	if (rc)
		store_rollback(s);
	return rc;
}

int mfa_pending_secret(struct store *s, int64_t user_id, char secret[MFA_SECRET_B32], struct err *e)
{
	struct mfa_row r;
	if (read_row(s, user_id, &r, e))
		return -1;
	if (r.secret[0])
		return refuse_enabled(e);
	if (!r.pending[0])
		return err_set(e, 404, "mfa_not_pending", "No set-up of a second factor has been started.");
	memcpy(secret, r.pending, MFA_SECRET_B32);
	return 0;
}

void mfa_uri(struct strbuf *sb, const char *email, const char *secret_b32)
{
	totp_uri(sb, MFA_ISSUER, email, secret_b32);
}

/* code without spaces and dashes, lower case, into out; -1 when too long. */
static int normalise(const char *code, char out[MFA_CODE_MAX + 1])
{
	size_t n = 0;
	if (strlen(code) > MFA_CODE_MAX)
		return -1;
	for (const char *p = code; *p; p++)
		if (*p != ' ' && *p != '-')
			out[n++] = (char)tolower((unsigned char)*p);
	out[n] = '\0';
	return 0;
}

/* Checks code against base32 secret: TOTP_OK with *step, or the failure. */
static enum totp_result check_totp(const char *secret_b32, const char *code, int64_t last_step, int64_t *step)
{
	unsigned char key[MFA_SECRET_B32];
	size_t keylen;
	enum totp_result r = TOTP_WRONG;
	if (base32_decode(secret_b32, key, sizeof(key), &keylen) == 0 && keylen > 0)
		r = totp_check(key, keylen, code, time(NULL), last_step, step);
	sodium_memzero(key, sizeof(key));
	return r;
}

/* A fresh recovery code "abcd-efgh-ijkl-mnop" and the hash it is stored under. */
static void recovery_new(char code[MFA_RECOVERY_LEN], char hash[TOKEN_HASH_LEN])
{
	unsigned char raw[10];
	char b32[17], plain[MFA_CODE_MAX + 1];
	randombytes_buf(raw, sizeof(raw));
	base32_encode(raw, sizeof(raw), 0, b32);
	normalise(b32, plain);
	snprintf(code, MFA_RECOVERY_LEN, "%.4s-%.4s-%.4s-%.4s", plain, plain + 4, plain + 8, plain + 12);
	token_hash(plain, hash);
	sodium_memzero(raw, sizeof(raw));
}

static int store_recovery_codes(struct store *s, int64_t user_id, char codes[MFA_RECOVERY_COUNT][MFA_RECOVERY_LEN],
				struct err *e)
{
	char hash[TOKEN_HASH_LEN], now[32];
	if (exec_user(s, "DELETE FROM mfa_recovery_codes WHERE user_id = ?", user_id, e))
		return -1;
	time_now_iso(now);
	for (int i = 0; i < MFA_RECOVERY_COUNT; i++) {
		recovery_new(codes[i], hash);
		if (exec_text_id_text(s, "INSERT INTO mfa_recovery_codes (code_hash, user_id, created_at) VALUES (?, ?, ?)",
				      hash, user_id, now, e) < 0)
			return -1;
	}
	return 0;
}

int mfa_confirm(struct store *s, const struct actor *who, int64_t user_id, const char *code,
		char codes[MFA_RECOVERY_COUNT][MFA_RECOVERY_LEN], struct err *e)
{
	char plain[MFA_CODE_MAX + 1];
	struct mfa_row r;
	int64_t step = 0;
	int rc = -1;

	if (begin_enrolment(s, user_id, &r, e))
		return -1;
	if (!r.pending[0]) {
		err_set(e, 409, "mfa_not_pending", "Start the set-up first: there is no secret to confirm.");
		goto out;
	}
	if (normalise(code, plain) || check_totp(r.pending, plain, r.last_step, &step) != TOTP_OK) {
		err_field(e, "code", "wrong", "This is not the current code. Check that the device's clock is right "
					      "and enter the code it shows now.");
		goto out;
	}
	if (write_row(s, user_id, r.pending, NULL, step, e) || store_recovery_codes(s, user_id, codes, e) ||
	    audit_mfa(s, who, "mfa_enable", user_id, "recovery_codes", MFA_RECOVERY_COUNT, e))
		goto out;
	rc = store_commit(s, e);
out:
	if (rc) {
		store_rollback(s);
		sodium_memzero(codes, sizeof(char[MFA_RECOVERY_COUNT][MFA_RECOVERY_LEN]));
	}
	return rc;
}

/* Spends an unused recovery code; 1 when there was one, 0 when not, -1 on error. */
static int spend_recovery(struct store *s, int64_t user_id, const char *plain, struct err *e)
{
	char hash[TOKEN_HASH_LEN], now[32];
	int64_t n;
	token_hash(plain, hash);
	time_now_iso(now);
	n = exec_text_id_text(s, "UPDATE mfa_recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? "
				 "AND used_at IS NULL", now, user_id, hash, e);
	return n < 0 ? -1 : n > 0;
}

int mfa_verify(struct store *s, const struct user *u, const char *code, struct err *e)
{
	char plain[MFA_CODE_MAX + 1];
	struct mfa_row r;
	struct actor who;
	int64_t step = 0;
	int rc = -1, spent, left = 0;

	if (begin_read(s, u->id, &r, e))
		return -1;
	if (!r.secret[0]) {
		err_set(e, 409, "mfa_not_enabled", "No second factor is set up.");
		goto out;
	}
	if (normalise(code, plain)) {
		err_set(e, 401, "bad_code", "Wrong code.");
		goto out;
	}
	if (strlen(plain) == TOTP_DIGITS && strspn(plain, "0123456789") == TOTP_DIGITS) {
		switch (check_totp(r.secret, plain, r.last_step, &step)) {
		case TOTP_OK:
			if (write_row(s, u->id, r.secret, NULL, step, e))
				goto out;
			break;
		case TOTP_USED:
			err_set(e, 401, "code_used", "This code has been used already; wait for the next one.");
			goto out;
		default:
			err_set(e, 401, "bad_code", "Wrong code.");
			goto out;
		}
	} else {
		if ((spent = spend_recovery(s, u->id, plain, e)) < 0)
			goto out;
		if (!spent) {
			err_set(e, 401, "bad_code", "Wrong code.");
			goto out;
		}
		user_actor(u, &who);
		if (count_recovery(s, u->id, &left, e) ||
		    audit_mfa(s, &who, "mfa_recovery_used", u->id, "recovery_codes_left", left, e))
			goto out;
	}
	rc = store_commit(s, e);
out:
	if (rc)
		store_rollback(s);
	return rc;
}

/* Removes every trace of a second factor; refuses when there is none
 * (need_enabled: a confirmed one; otherwise a pending one suffices). */
static int turn_off(struct store *s, const struct actor *who, int64_t user_id, const char *action, int need_enabled,
		    struct err *e)
{
	struct mfa_row r;
	int rc = -1;
	if (begin_read(s, user_id, &r, e))
		return -1;
	if (need_enabled && !r.secret[0]) {
		err_set(e, 409, "mfa_not_enabled", "No second factor is set up.");
		goto out;
	}
	if (!r.secret[0] && !r.pending[0]) {
		err_set(e, 409, "mfa_not_set_up", "This user has no second factor, and none is being set up.");
		goto out;
	}
	if (write_row(s, user_id, NULL, NULL, 0, e) ||
	    exec_user(s, "DELETE FROM mfa_recovery_codes WHERE user_id = ?", user_id, e) ||
	    exec_user(s, "DELETE FROM login_tickets WHERE user_id = ?", user_id, e) ||
	    audit_mfa(s, who, action, user_id, NULL, 0, e))
		goto out;
	rc = store_commit(s, e);
out:
	if (rc)
		store_rollback(s);
	return rc;
}

int mfa_disable(struct store *s, const struct actor *who, int64_t user_id, struct err *e)
{
	return turn_off(s, who, user_id, "mfa_disable", 1, e);
}

int mfa_reset(struct store *s, const struct actor *who, int64_t user_id, struct err *e)
{
	return turn_off(s, who, user_id, "mfa_reset", 0, e);
}
