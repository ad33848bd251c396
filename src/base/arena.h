/* arena: a bump allocator for memory that lives exactly as long as one
 * request (or one CLI command). Everything is freed by arena_release().
 * Allocation failure aborts, as with xmalloc. */
#ifndef ISMS_ARENA_H
#define ISMS_ARENA_H
#include <stddef.h>

struct arena_block;
struct arena {
	struct arena_block *head;
};

#define ARENA_INIT { 0 }

void *arena_alloc(struct arena *a, size_t n);    /* zeroed, 16-byte aligned */
char *arena_strdup(struct arena *a, const char *s); /* NULL stays NULL */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void arena_release(struct arena *a);

#endif
