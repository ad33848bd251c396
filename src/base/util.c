#include "base/util.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int parse_int64(const char *s, int64_t *out)
{
	char *end;
	long long v;
	if (!s || !*s || (*s != '-' && (*s < '0' || *s > '9')))
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end)
		return -1;
	*out = v;
	return 0;
}

int parse_int64_n(const char *s, size_t n, int64_t *out)
{
	char tmp[24];
	if (n == 0 || n >= sizeof(tmp))
		return -1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	return parse_int64(tmp, out);
}

int parse_number(const char *s, double *out)
{
	const char *p = s;
	char *end;
	double v;
	if (!s)
		return -1;
	if (*p == '-')
		p++;
	if (!isdigit((unsigned char)*p))
		return -1;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p == '.') {
		if (!isdigit((unsigned char)*++p))
			return -1;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!isdigit((unsigned char)*p))
			return -1;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p)
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (*end || errno == ERANGE || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

void number_format(double v, char *out, size_t n)
{
	if (v == 0)
		v = 0; /* -0 reads as 0 */
	snprintf(out, n, "%.15g", v);
}

int number_canonical(const char *s, char *out, size_t n)
{
	double v;
	if (parse_number(s, &v))
		return -1;
	number_format(v, out, n);
	return 0;
}

long utf8_length(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	long n = 0;
	while (*p) {
		int len;
		unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
		if (*p < 0x80) {
			len = 1;
		} else if (*p >= 0xC2 && *p <= 0xDF) {
			len = 2;
		} else if (*p >= 0xE0 && *p <= 0xEF) {
			len = 3;
			if (*p == 0xE0)
				lo = 0xA0; /* overlong */
			else if (*p == 0xED)
				hi = 0x9F; /* UTF-16 surrogates */
		} else if (*p >= 0xF0 && *p <= 0xF4) {
			len = 4;
			if (*p == 0xF0)
				lo = 0x90; /* overlong */
			else if (*p == 0xF4)
				hi = 0x8F; /* above U+10FFFF */
		} else {
			return -1;
		}
		if (len > 1 && (p[1] < lo || p[1] > hi))
			return -1;
		for (int i = 2; i < len; i++)
			if ((p[i] & 0xC0) != 0x80)
				return -1;
		p += len;
		n++;
	}
	return n;
}

void hex_encode(const unsigned char *in, size_t n, char *out)
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex[in[i] >> 4];
		out[2 * i + 1] = hex[in[i] & 15];
	}
	out[2 * n] = '\0';
}

int streq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

void like_contains(const char *text, char *out)
{
	char *p = out;
	*p++ = '%';
	for (const char *c = text; *c; c++) {
		if (*c == '%' || *c == '_' || *c == '\\')
			*p++ = '\\';
		*p++ = (*c >= 'A' && *c <= 'Z') ? (char)(*c + 32) : *c;
	}
	*p++ = '%';
	*p = '\0';
}
