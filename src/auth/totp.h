/* totp: one-time passwords (HOTP, RFC 4226; TOTP, RFC 6238, HMAC-SHA1
 * through OpenSSL), base32 (RFC 4648) and the otpauth:// URI authenticator
 * apps read. Pure functions: no database, no clock (times are passed in),
 * so the RFC test vectors can check them. */
#ifndef ISMS_TOTP_H
#define ISMS_TOTP_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/strbuf.h"

#define TOTP_PERIOD 30 /* seconds per time step */
#define TOTP_DIGITS 6
#define TOTP_WINDOW 1  /* steps accepted either side of now, for clock drift */

/* HOTP of counter with digits (6..9) as a number; -1 when HMAC fails. */
int64_t hotp(const unsigned char *key, size_t keylen, uint64_t counter, int digits);
/* The time step of t: floor(t / TOTP_PERIOD). */
int64_t totp_step(time_t t);
/* The code for step, zero-padded to digits into out (digits + 1 bytes). 0 or -1. */
int totp_code(const unsigned char *key, size_t keylen, int64_t step, int digits, char *out, size_t outlen);

enum totp_result {
	TOTP_OK = 0,
	TOTP_WRONG = -1,  /* no step in the window has this code */
	TOTP_USED = -2,   /* right code, but for a step at or before last_step */
};
/* Checks a TOTP_DIGITS code against the steps of now ± TOTP_WINDOW that are
 * later than last_step (so no code is accepted twice). On TOTP_OK *step is
 * the matching step, for the caller to store as the new last_step. code
 * must be exactly the digits; anything else is TOTP_WRONG. */
enum totp_result totp_check(const unsigned char *key, size_t keylen, const char *code, time_t now, int64_t last_step,
			    int64_t *step);

/* Base32 of n bytes, upper case; with pad, '=' up to a multiple of 8.
 * out needs base32_len(n) + 1 bytes. */
size_t base32_len(size_t n);
void base32_encode(const unsigned char *in, size_t n, int pad, char *out);
/* Decodes upper- or lower-case base32 with optional trailing '='; -1 on any
 * other character, bad padding, or more than cap bytes. */
int base32_decode(const char *in, unsigned char *out, size_t cap, size_t *outlen);

/* otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30,
 * label and issuer percent-encoded. */
void totp_uri(struct strbuf *sb, const char *issuer, const char *account, const char *secret_b32);

#endif
