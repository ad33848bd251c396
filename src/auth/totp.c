#include "auth/totp.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <string.h>

static const char b32_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int64_t hotp(const unsigned char *key, size_t keylen, uint64_t counter, int digits)
{
	unsigned char msg[8], mac[EVP_MAX_MD_SIZE];
	unsigned int maclen = 0;
	uint32_t bin;
	int64_t mod = 1;
	int off;

	if (digits < 6 || digits > 9)
		return -1;
	for (int i = 7; i >= 0; i--) {
		msg[i] = (unsigned char)(counter & 0xff);
		counter >>= 8;
	}
	if (!HMAC(EVP_sha1(), key, (int)keylen, msg, sizeof(msg), mac, &maclen) || maclen != 20)
		return -1;
	/* dynamic truncation, RFC 4226 section 5.3 */
	off = mac[19] & 0x0f;
	bin = ((uint32_t)(mac[off] & 0x7f) << 24) | ((uint32_t)mac[off + 1] << 16) | ((uint32_t)mac[off + 2] << 8) |
	      (uint32_t)mac[off + 3];
	for (int i = 0; i < digits; i++)
		mod *= 10;
	return (int64_t)bin % mod;
}

int64_t totp_step(time_t t)
{
	return (int64_t)(t / TOTP_PERIOD);
}

int totp_code(const unsigned char *key, size_t keylen, int64_t step, int digits, char *out, size_t outlen)
{
	int64_t v = step < 0 ? -1 : hotp(key, keylen, (uint64_t)step, digits);
	if (v < 0 || outlen < (size_t)digits + 1)
		return -1;
	out[digits] = '\0';
	for (int i = digits - 1; i >= 0; i--) {
		out[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return 0;
}

enum totp_result totp_check(const unsigned char *key, size_t keylen, const char *code, time_t now, int64_t last_step,
			    int64_t *step)
{
	char want[TOTP_DIGITS + 1];
	enum totp_result result = TOTP_WRONG;
	int64_t center = totp_step(now);

	if (strlen(code) != TOTP_DIGITS || strspn(code, "0123456789") != TOTP_DIGITS)
		return TOTP_WRONG;
	for (int64_t s = center - TOTP_WINDOW; s <= center + TOTP_WINDOW; s++) {
		if (totp_code(key, keylen, s, TOTP_DIGITS, want, sizeof(want)))
			return TOTP_WRONG;
		if (CRYPTO_memcmp(want, code, TOTP_DIGITS) != 0)
			continue;
		if (s <= last_step) {
			result = TOTP_USED;
			continue;
		}
		*step = s;
		return TOTP_OK;
	}
	return result;
}

size_t base32_len(size_t n)
{
	return (n + 4) / 5 * 8;
}

void base32_encode(const unsigned char *in, size_t n, int pad, char *out)
{
	uint32_t buf = 0;
	int bits = 0;
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		buf = (buf << 8) | in[i];
		bits += 8;
		while (bits >= 5) {
			out[o++] = b32_alphabet[(buf >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0)
		out[o++] = b32_alphabet[(buf << (5 - bits)) & 31];
	while (pad && o % 8)
		out[o++] = '=';
	out[o] = '\0';
}

int base32_decode(const char *in, unsigned char *out, size_t cap, size_t *outlen)
{
	size_t len = strlen(in), data = len, o = 0;
	uint32_t buf = 0;
	int bits = 0;

	while (data > 0 && in[data - 1] == '=')
		data--;
	if (data < len && len % 8 != 0)
		return -1; /* padding, when present, fills the last group of 8 */
	for (size_t i = 0; i < data; i++) {
		char c = in[i];
		int v;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c >= 'A' && c <= 'Z')
			v = c - 'A';
		else if (c >= '2' && c <= '7')
			v = c - '2' + 26;
		else
			return -1;
		buf = (buf << 5) | (uint32_t)v;
		bits += 5;
		if (bits >= 8) {
			if (o == cap)
				return -1;
			out[o++] = (unsigned char)((buf >> (bits - 8)) & 0xff);
			bits -= 8;
		}
	}
	*outlen = o;
	return 0;
}

void totp_uri(struct strbuf *sb, const char *issuer, const char *account, const char *secret_b32)
{
	sb_adds(sb, "otpauth://totp/");
	sb_addurl(sb, issuer);
	sb_addc(sb, ':');
	sb_addurl(sb, account);
	sb_adds(sb, "?secret=");
	sb_addurl(sb, secret_b32);
	sb_adds(sb, "&issuer=");
	sb_addurl(sb, issuer);
	sb_addf(sb, "&algorithm=SHA1&digits=%d&period=%d", TOTP_DIGITS, TOTP_PERIOD);
}
