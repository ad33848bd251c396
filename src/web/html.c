#include "web/html.h"

#include <assert.h>
#include <stdarg.h>
#include <string.h>

void html_escape(struct strbuf *sb, const char *s)
{
	const char *run = s;
	if (!s)
		return;
	for (; *s; s++) {
		const char *rep;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		sb_add(sb, run, (size_t)(s - run));
		sb_adds(sb, rep);
		run = s + 1;
	}
	sb_add(sb, run, (size_t)(s - run));
}

void html_urlencode(struct strbuf *sb, const char *s)
{
	sb_addurl(sb, s); /* '%XX' contains nothing that needs HTML escaping */
}

void html_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	const char *run = fmt;
	va_start(ap, fmt);
	for (const char *p = fmt; *p; p++) {
		int longs = 0;
		if (*p != '%')
			continue;
		sb_add(sb, run, (size_t)(p - run));
		p++;
		while (*p == 'l') {
			longs++;
			p++;
		}
		switch (*p) {
		case 's': html_escape(sb, va_arg(ap, const char *)); break;
		case 'U': html_urlencode(sb, va_arg(ap, const char *)); break;
		case 'R': {
			const char *raw = va_arg(ap, const char *);
			if (raw)
				sb_adds(sb, raw);
			break;
		}
		case 'd':
		case 'i':
			if (longs == 0)
				sb_addf(sb, "%d", va_arg(ap, int));
			else if (longs == 1)
				sb_addf(sb, "%ld", va_arg(ap, long));
			else
				sb_addf(sb, "%lld", va_arg(ap, long long));
			break;
		case 'u':
			if (longs == 0)
				sb_addf(sb, "%u", va_arg(ap, unsigned));
			else if (longs == 1)
				sb_addf(sb, "%lu", va_arg(ap, unsigned long));
			else
				sb_addf(sb, "%llu", va_arg(ap, unsigned long long));
			break;
		case 'z':
			if (p[1] == 'u') {
				p++;
				sb_addf(sb, "%zu", va_arg(ap, size_t));
				break;
			}
			assert(!"html_printf: only %zu is supported among size_t conversions");
			break;
		case '%': sb_addc(sb, '%'); break;
		default:
			assert(!"html_printf: unsupported conversion");
			if (!*p)
				p--;
		}
		run = p + 1;
	}
	sb_adds(sb, run);
	va_end(ap);
}
