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
/* Room for one more item of an array growing in the arena: returns items
 * when n < *cap, else a copy with twice the room (8 at first; the old block
 * stays until the arena is released). */
void *arena_grow(struct arena *a, void *items, int n, int *cap, size_t size);
void arena_release(struct arena *a);

#endif
