/* mfa: the second factor of a user — a TOTP secret (src/auth/totp.h) kept
 * in the users table, and recovery codes.
 *
 * Enrolment has two steps: mfa_start makes a random 160-bit secret and
 * keeps it pending; mfa_confirm, given a valid current code for it, turns
 * MFA on and returns ten recovery codes, shown once and stored only as
 * SHA-256 hashes. mfa_verify checks a code at login (or before turning MFA
 * off): a TOTP code of now ± one step that is later than the last step
 * used, or an unused recovery code, which is then spent. Every change is
 * audited in its own transaction: mfa_enrol_start, mfa_enable,
 * mfa_recovery_used, mfa_disable, mfa_reset. Throttling of wrong codes is
 * the caller's (src/auth/login.h). */
#ifndef ISMS_MFA_H
#define ISMS_MFA_H
#include <stdint.h>

#include "auth/account.h"
#include "base/strbuf.h"

#define MFA_ISSUER "isms"
#define MFA_SECRET_BYTES 20   /* 160 bits, as RFC 4226 recommends */
#define MFA_SECRET_B32 33     /* 32 base32 characters + NUL */
#define MFA_RECOVERY_COUNT 10
#define MFA_RECOVERY_LEN 20   /* "abcd-efgh-ijkl-mnop" + NUL: 80 random bits */
#define MFA_CODE_MAX 64       /* longer input is a wrong code, unread */

struct mfa_status {
	int enabled;
	int pending;        /* a secret was shown but not yet confirmed */
	int recovery_left;  /* unused recovery codes */
};

int mfa_status(struct store *s, int64_t user_id, struct mfa_status *out, struct err *e);

/* Starts (or starts again) enrolment with a fresh pending secret, written
 * to secret as base32. 409 "mfa_enabled" when MFA is on already. */
int mfa_start(struct store *s, const struct actor *who, int64_t user_id, char secret[MFA_SECRET_B32],
	      struct err *e);
/* The pending secret, to show it again; 409 "mfa_enabled", 404 "mfa_not_pending". */
int mfa_pending_secret(struct store *s, int64_t user_id, char secret[MFA_SECRET_B32], struct err *e);
/* The otpauth:// URI for an authenticator app: issuer isms, account email. */
void mfa_uri(struct strbuf *sb, const char *email, const char *secret_b32);

/* Completes enrolment when code is valid now for the pending secret, and
 * fills codes with the recovery codes. 409 "mfa_enabled" or
 * "mfa_not_pending"; 422 with a field error on "code" for a wrong code. */
int mfa_confirm(struct store *s, const struct actor *who, int64_t user_id, const char *code,
		char codes[MFA_RECOVERY_COUNT][MFA_RECOVERY_LEN], struct err *e);

/* Checks and spends a code of u (MFA on): six digits, or a recovery code
 * (dashes, spaces and case do not matter). 401 "bad_code" when wrong,
 * 401 "code_used" for a TOTP code of a step already used, 409
 * "mfa_not_enabled" when u has no second factor. */
int mfa_verify(struct store *s, const struct user *u, const char *code, struct err *e);

/* Turns MFA off for the user (the caller has checked a code): secret,
 * pending secret, recovery codes and login tickets go. 409 "mfa_not_enabled". */
int mfa_disable(struct store *s, const struct actor *who, int64_t user_id, struct err *e);
/* The same on an administrator's behalf, also for a pending enrolment;
 * audited as "mfa_reset". 409 "mfa_not_set_up" when there is nothing. */
int mfa_reset(struct store *s, const struct actor *who, int64_t user_id, struct err *e);

#endif
