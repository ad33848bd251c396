#include "auth/secret.h"

#include <ctype.h>
#include <sodium.h>
#include <string.h>

#include "base/util.h"

int secret_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

int password_hash(const char *password, char out[PASSWORD_HASH_MAX])
{
	return crypto_pwhash_str_alg(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
				     crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13);
}

int password_verify(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0 ? 0 : -1;
}

/* A short list of passwords people choose anyway; compared case-insensitively. */
static const char *const common[] = {
	"123456789012", "password1234", "passwordpassword", "qwertyuiopas", "111111111111",
	"changemechangeme", "administrator", "letmeinletmein", "iloveyou1234", "welcome12345",
	"password123!", "qwerty123456", "abc123456789", "correcthorsebatterystaple", "000000000000",
	"1q2w3e4r5t6y", "trustno1trustno1", "p@ssw0rd1234", "football1234", "monkey123456",
	NULL,
};

int password_check(const char *email, const char *password, struct err *e)
{
	long len = utf8_length(password);
	if (len < 0)
		return err_field(e, "password", "encoding", "Must be valid UTF-8 text.");
	if (len < PASSWORD_MIN)
		return err_field(e, "password", "too_short", "At least %d characters.", PASSWORD_MIN);
	if (len > 256)
		return err_field(e, "password", "too_long", "At most 256 characters.");
	if (email && strcasecmp(email, password) == 0)
		return err_field(e, "password", "is_email", "Must not be your e-mail address.");
	for (const char *const *c = common; *c; c++)
		if (strcasecmp(*c, password) == 0)
			return err_field(e, "password", "common", "This password is too common; choose another.");
	return 0;
}

static void b64url(const unsigned char *in, size_t n, char *out, size_t outlen)
{
	sodium_bin2base64(out, outlen, in, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void password_generate(char out[32])
{
	unsigned char raw[15];
	randombytes_buf(raw, sizeof(raw));
	b64url(raw, sizeof(raw), out, 32); /* 20 characters */
}

void token_new(const char *prefix, char out[TOKEN_MAX])
{
	unsigned char raw[32];
	char enc[48];
	randombytes_buf(raw, sizeof(raw));
	b64url(raw, sizeof(raw), enc, sizeof(enc));
	snprintf(out, TOKEN_MAX, "%s%s", prefix, enc);
	sodium_memzero(raw, sizeof(raw));
}

void token_hash(const char *token, char out[TOKEN_HASH_LEN])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	hex_encode(h, sizeof(h), out);
}

int secret_equal(const char *a, const char *b)
{
	size_t n = strlen(a);
	if (n != strlen(b))
		return -1;
	return sodium_memcmp(a, b, n);
}
