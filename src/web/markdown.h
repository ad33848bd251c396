/* markdown: Markdown (GitHub flavour: tables, strikethrough, autolinks,
 * task lists) rendered by cmark-gfm without raw HTML, then sanitised by an
 * allow-list of tags and attributes; see markdown.c for why the result may
 * be written raw (%R). */
#ifndef ISMS_MARKDOWN_H
#define ISMS_MARKDOWN_H
#include <stddef.h>

#include "base/strbuf.h"

/* Appends md (len bytes, any content) as safe HTML to sb. */
void markdown_html(struct strbuf *sb, const char *md, size_t len);
/* Appends html with only allowed tags and attributes kept (comments and
 * other tags dropped, a stray '<' or '>' escaped). Used by markdown_html;
 * public for tests. */
void markdown_sanitise(struct strbuf *out, const char *html, size_t len);
/* Whether an href or src value (as written in HTML) is relative or uses
 * http, https or mailto. */
int markdown_url_ok(const char *v, size_t n);

#endif
