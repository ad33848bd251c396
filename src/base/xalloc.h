/* xalloc: allocation wrappers that abort on out-of-memory (the application
 * has no sane way to continue). Parsers of outside input use the arena or
 * return errors instead. */
#ifndef ISMS_XALLOC_H
#define ISMS_XALLOC_H
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
