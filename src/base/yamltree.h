/* yamltree: reads one YAML document (libyaml's event parser) into a small
 * tree in an arena, for importers of outside files (CISO Assistant
 * libraries). It refuses what a hostile file could use to wear the reader
 * out: input over YT_MAX_BYTES, nesting deeper than YT_MAX_DEPTH, more than
 * YT_MAX_ANCHORS anchors or aliases, and aliases that would expand the tree
 * past YT_MAX_EXPANDED nodes; also a second document, a key used twice in
 * one mapping, a key that is not a scalar, and text holding a NUL byte.
 * Every node keeps its line and column (1-based) for messages.
 *
 * Everything lives in the caller's arena; an alias is the anchored node
 * itself (shared, never copied). Errors are 422 "invalid_yaml" naming the
 * file, line and column. */
#ifndef ISMS_YAMLTREE_H
#define ISMS_YAMLTREE_H
#include <stddef.h>

#include "base/arena.h"
#include "base/err.h"

#define YT_MAX_BYTES (32u << 20)
#define YT_MAX_DEPTH 64
#define YT_MAX_ANCHORS 64
#define YT_MAX_EXPANDED 4000000L

enum yt_kind { YT_SCALAR, YT_SEQ, YT_MAP };

struct yt_node {
	enum yt_kind kind;
	int line, col;
	const char *text;         /* a scalar's text, NUL-terminated; NULL for collections */
	size_t len;
	int plain;                /* an unquoted scalar: only those read as null or booleans */
	struct yt_node **items;   /* a sequence's items; a mapping's keys and values, alternating */
	int n, cap;               /* n counts entries of items (a mapping has n / 2 pairs) */
	long weight;              /* nodes under it, aliases expanded, itself included */
};

/* Parses buf (len bytes) into *root. name is the file's name for messages. */
int yt_load(const char *buf, size_t len, const char *name, struct arena *a, struct yt_node **root,
	    struct err *e);

/* The value of key in a mapping; NULL when map is not a mapping or has no such key. */
const struct yt_node *yt_get(const struct yt_node *map, const char *key);
/* Absent, or a plain scalar null, ~ or empty. */
int yt_is_null(const struct yt_node *n);
/* A scalar's text; NULL when absent, null, or a collection. */
const char *yt_str(const struct yt_node *n);
/* A plain true/false (any case): 0 with *out set, -1 when n is anything else. */
int yt_bool(const struct yt_node *n, int *out);

#endif
