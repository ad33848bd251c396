/* strbuf: the one growable string builder, used for HTML, JSON and SQL text.
 * buf is never NULL and always NUL-terminated. A non-zero max caps the length:
 * appends past it set 'overflow' and are dropped, so callers check once at
 * the end instead of after every append. */
#ifndef ISMS_STRBUF_H
#define ISMS_STRBUF_H
#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
	size_t max;   /* 0 = unlimited */
	int overflow; /* set when an append would pass max */
};

#define STRBUF_INIT { .buf = strbuf_empty, .len = 0, .cap = 0, .max = 0, .overflow = 0 }
extern char strbuf_empty[1];

void sb_init(struct strbuf *sb, size_t hint);
void sb_release(struct strbuf *sb);
/* Returns the malloc'd buffer (caller frees) and resets sb. */
char *sb_detach(struct strbuf *sb, size_t *len);
void sb_reset(struct strbuf *sb);
void sb_grow(struct strbuf *sb, size_t extra);
void sb_add(struct strbuf *sb, const void *data, size_t n);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addc(struct strbuf *sb, char c);
void sb_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
void sb_truncate(struct strbuf *sb, size_t len);
/* Appends s percent-encoded: RFC 3986 unreserved characters stay, every
 * other byte becomes %XX. NULL appends nothing. */
void sb_addurl(struct strbuf *sb, const char *s);
/* Appends the whole file at path; -1 when it cannot be opened or read. */
int sb_read_file(struct strbuf *sb, const char *path);

#endif
