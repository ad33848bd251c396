#include "base/jsonw.h"

#include <inttypes.h>

void jsonw_str(struct strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *run;
	if (!s) {
		sb_add(sb, "null", 4);
		return;
	}
	sb_addc(sb, '"');
	run = p;
	for (; *p; p++) {
		const char *esc = NULL;
		char u[6];
		if (*p >= 0x20 && *p != '"' && *p != '\\')
			continue;
		sb_add(sb, run, (size_t)(p - run));
		switch (*p) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		default:
			u[0] = '\\'; u[1] = 'u'; u[2] = '0'; u[3] = '0';
			u[4] = hex[*p >> 4]; u[5] = hex[*p & 15];
			sb_add(sb, u, 6);
		}
		if (esc)
			sb_adds(sb, esc);
		run = p + 1;
	}
	sb_add(sb, run, (size_t)(p - run));
	sb_addc(sb, '"');
}

void jsonw_key(struct strbuf *sb, int *first, const char *key)
{
	if (!*first)
		sb_addc(sb, ',');
	*first = 0;
	jsonw_str(sb, key);
	sb_addc(sb, ':');
}

void jsonw_kv_str(struct strbuf *sb, int *first, const char *key, const char *value)
{
	jsonw_key(sb, first, key);
	jsonw_str(sb, value);
}

void jsonw_kv_int(struct strbuf *sb, int *first, const char *key, int64_t value)
{
	jsonw_key(sb, first, key);
	sb_addf(sb, "%" PRId64, value);
}

void jsonw_kv_id(struct strbuf *sb, int *first, const char *key, int64_t id)
{
	jsonw_key(sb, first, key);
	if (id)
		sb_addf(sb, "%" PRId64, id);
	else
		sb_adds(sb, "null");
}

void jsonw_kv_bool(struct strbuf *sb, int *first, const char *key, int value)
{
	jsonw_key(sb, first, key);
	sb_adds(sb, value ? "true" : "false");
}
