/* html: the escaping builder. Every byte of HTML the server sends goes
 * through html_printf, where %s escapes its argument for text and attribute
 * context alike. Raw output is the named exception: %R, for HTML that was
 * itself built by this module (or an embedded asset). */
#ifndef ISMS_HTML_H
#define ISMS_HTML_H
#include "base/strbuf.h"

/* Conversions: %s escaped text (NULL prints nothing), %U a URL query value
 * (percent-encoded, then escaped), %R raw trusted HTML, %d %i %u %ld %lu
 * %lld %llu %zu integers, %% a percent sign. Anything else aborts in debug
 * builds and prints nothing in release builds. */
void html_printf(struct strbuf *sb, const char *fmt, ...);
void html_escape(struct strbuf *sb, const char *s);
void html_urlencode(struct strbuf *sb, const char *s);

#endif
