/* test_totp: unit tests for src/auth/totp — HOTP against RFC 4226
 * Appendix D, TOTP (SHA1) against RFC 6238 Appendix B, the acceptance
 * window and the refusal of used steps, base32 against RFC 4648 section 10,
 * and the otpauth:// URI. */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "auth/totp.h"
#include "base/strbuf.h"

/* The RFC test secret: the ASCII bytes of "12345678901234567890". */
static const unsigned char rfc_key[] = "12345678901234567890";
#define RFC_KEYLEN 20

static void hotp_matches_rfc4226_appendix_d(void **state)
{
	static const int64_t want[] = { 755224, 287082, 359152, 969429, 338314,
					254676, 287922, 162583, 399871, 520489 };
	(void)state;
	for (uint64_t c = 0; c < 10; c++)
		assert_int_equal(hotp(rfc_key, RFC_KEYLEN, c, 6), want[c]);
}

static const struct {
	time_t t;
	const char *eight, *six;
} rfc6238[] = {
	{ 59, "94287082", "287082" },
	{ 1111111109, "07081804", "081804" },
	{ 1111111111, "14050471", "050471" },
	{ 1234567890, "89005924", "005924" },
	{ 2000000000, "69279037", "279037" },
	{ (time_t)20000000000LL, "65353130", "353130" },
};

/* Every vector of the table with the given number of digits. */
static void check_rfc6238(int digits)
{
	char code[10];
	for (size_t i = 0; i < sizeof(rfc6238) / sizeof(rfc6238[0]); i++) {
		assert_int_equal(totp_code(rfc_key, RFC_KEYLEN, totp_step(rfc6238[i].t), digits, code, sizeof(code)), 0);
		assert_string_equal(code, digits == 8 ? rfc6238[i].eight : rfc6238[i].six);
	}
}

static void totp_matches_rfc6238_appendix_b_sha1(void **state)
{
	(void)state;
	check_rfc6238(8);
}

static void totp_six_digits_are_the_last_six_of_eight(void **state)
{
	(void)state;
	check_rfc6238(6);
}

static void totp_code_refuses_bad_arguments(void **state)
{
	char code[4];
	(void)state;
	assert_int_equal(hotp(rfc_key, RFC_KEYLEN, 0, 5), -1);
	assert_int_equal(hotp(rfc_key, RFC_KEYLEN, 0, 10), -1);
	assert_int_equal(totp_code(rfc_key, RFC_KEYLEN, 1, 6, code, sizeof(code)), -1); /* no room */
	assert_int_equal(totp_code(rfc_key, RFC_KEYLEN, -1, 6, code, sizeof(code)), -1);
}

/* The code of step, six digits. */
static void code_at(int64_t step, char out[7])
{
	assert_int_equal(totp_code(rfc_key, RFC_KEYLEN, step, 6, out, 7), 0);
}

static void totp_check_accepts_one_step_either_side(void **state)
{
	const time_t now = 1234567890;
	const int64_t s = totp_step(now);
	char code[7];
	int64_t got = 0;
	(void)state;
	for (int64_t d = -1; d <= 1; d++) {
		code_at(s + d, code);
		assert_int_equal(totp_check(rfc_key, RFC_KEYLEN, code, now, 0, &got), TOTP_OK);
		assert_int_equal(got, s + d);
	}
	code_at(s - 2, code);
	assert_int_equal(totp_check(rfc_key, RFC_KEYLEN, code, now, 0, &got), TOTP_WRONG);
	code_at(s + 2, code);
	assert_int_equal(totp_check(rfc_key, RFC_KEYLEN, code, now, 0, &got), TOTP_WRONG);
}

static void totp_check_refuses_used_steps(void **state)
{
	const time_t now = 1234567890;
	const int64_t s = totp_step(now);
	char code[7];
	int64_t got = 0;
	(void)state;
	code_at(s, code);
	assert_int_equal(totp_check(rfc_key, RFC_KEYLEN, code, now, s, &got), TOTP_USED);
	code_at(s - 1, code);
	assert_int_equal(totp_check(rfc_key, RFC_KEYLEN, code, now, s, &got), TOTP_USED);
	code_at(s + 1, code);
	assert_int_equal(totp_check(rfc_key, RFC_KEYLEN, code, now, s, &got), TOTP_OK);
	assert_int_equal(got, s + 1);
}

static void totp_check_refuses_anything_but_six_digits(void **state)
{
	const time_t now = 1234567890;
	char code[7], longer[8];
	int64_t got = 0;
	(void)state;
	code_at(totp_step(now), code);
	snprintf(longer, sizeof(longer), "%s0", code);
	assert_int_equal(totp_check(rfc_key, RFC_KEYLEN, longer, now, 0, &got), TOTP_WRONG);
	assert_int_equal(totp_check(rfc_key, RFC_KEYLEN, code + 1, now, 0, &got), TOTP_WRONG);
	assert_int_equal(totp_check(rfc_key, RFC_KEYLEN, "", now, 0, &got), TOTP_WRONG);
	assert_int_equal(totp_check(rfc_key, RFC_KEYLEN, "12345a", now, 0, &got), TOTP_WRONG);
	assert_int_equal(totp_check(rfc_key, RFC_KEYLEN, " 12345", now, 0, &got), TOTP_WRONG);
}

/* RFC 4648 section 10 */
static const struct {
	const char *plain, *padded, *bare;
} b32[] = {
	{ "", "", "" },
	{ "f", "MY======", "MY" },
	{ "fo", "MZXQ====", "MZXQ" },
	{ "foo", "MZXW6===", "MZXW6" },
	{ "foob", "MZXW6YQ=", "MZXW6YQ" },
	{ "fooba", "MZXW6YTB", "MZXW6YTB" },
	{ "foobar", "MZXW6YTBOI======", "MZXW6YTBOI" },
};

static void base32_encodes_rfc4648_vectors(void **state)
{
	char out[32];
	(void)state;
	for (size_t i = 0; i < sizeof(b32) / sizeof(b32[0]); i++) {
		size_t n = strlen(b32[i].plain);
		assert_int_equal(base32_len(n), strlen(b32[i].padded));
		base32_encode((const unsigned char *)b32[i].plain, n, 1, out);
		assert_string_equal(out, b32[i].padded);
		base32_encode((const unsigned char *)b32[i].plain, n, 0, out);
		assert_string_equal(out, b32[i].bare);
	}
}

static void base32_decodes_rfc4648_vectors_padded_bare_and_lower_case(void **state)
{
	unsigned char out[16];
	char lower[32];
	size_t n;
	(void)state;
	for (size_t i = 0; i < sizeof(b32) / sizeof(b32[0]); i++) {
		const char *forms[3];
		size_t k;
		for (k = 0; b32[i].bare[k]; k++)
			lower[k] = (char)tolower((unsigned char)b32[i].bare[k]);
		lower[k] = '\0';
		forms[0] = b32[i].padded;
		forms[1] = b32[i].bare;
		forms[2] = lower;
		for (int f = 0; f < 3; f++) {
			assert_int_equal(base32_decode(forms[f], out, sizeof(out), &n), 0);
			assert_int_equal(n, strlen(b32[i].plain));
			assert_memory_equal(out, b32[i].plain, n);
		}
	}
}

static void base32_round_trips_the_rfc_key(void **state)
{
	char text[64];
	unsigned char back[32];
	size_t n;
	(void)state;
	base32_encode(rfc_key, RFC_KEYLEN, 0, text);
	assert_string_equal(text, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	assert_int_equal(base32_decode(text, back, sizeof(back), &n), 0);
	assert_int_equal(n, RFC_KEYLEN);
	assert_memory_equal(back, rfc_key, RFC_KEYLEN);
}

static void base32_decode_refuses_bad_input(void **state)
{
	unsigned char out[4];
	size_t n;
	(void)state;
	assert_int_equal(base32_decode("MZXW1===", out, sizeof(out), &n), -1);  /* 1 is not base32 */
	assert_int_equal(base32_decode("MZ XW", out, sizeof(out), &n), -1);
	assert_int_equal(base32_decode("MY=", out, sizeof(out), &n), -1);       /* padding short of 8 */
	assert_int_equal(base32_decode("M=Y=====", out, sizeof(out), &n), -1);  /* '=' inside */
	assert_int_equal(base32_decode("MZXW6YTBOI", out, sizeof(out), &n), -1); /* 6 bytes > 4 */
}

static void totp_uri_names_issuer_account_and_parameters(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	totp_uri(&sb, "isms", "ana+mfa@example.org", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	assert_string_equal(sb.buf, "otpauth://totp/isms:ana%2Bmfa%40example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
				    "&issuer=isms&algorithm=SHA1&digits=6&period=30");
	sb_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hotp_matches_rfc4226_appendix_d),
		cmocka_unit_test(totp_matches_rfc6238_appendix_b_sha1),
		cmocka_unit_test(totp_six_digits_are_the_last_six_of_eight),
		cmocka_unit_test(totp_code_refuses_bad_arguments),
		cmocka_unit_test(totp_check_accepts_one_step_either_side),
		cmocka_unit_test(totp_check_refuses_used_steps),
		cmocka_unit_test(totp_check_refuses_anything_but_six_digits),
		cmocka_unit_test(base32_encodes_rfc4648_vectors),
		cmocka_unit_test(base32_decodes_rfc4648_vectors_padded_bare_and_lower_case),
		cmocka_unit_test(base32_round_trips_the_rfc_key),
		cmocka_unit_test(base32_decode_refuses_bad_input),
		cmocka_unit_test(totp_uri_names_issuer_account_and_parameters),
	};
	return cmocka_run_group_tests_name("totp", tests, NULL, NULL);
}
