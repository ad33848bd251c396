/* yamltree: one YAML document into an arena tree, with limits (see yamltree.h). */
#include "base/yamltree.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

struct anchor {
	const char *name;
	struct yt_node *node;
};

struct loader {
	const char *name;
	struct arena *a;
	struct err *e;
	struct yt_node *stack[YT_MAX_DEPTH];
	const char *stack_anchor[YT_MAX_DEPTH]; /* a collection's anchor: defined once it is closed */
	int depth;
	struct anchor anchors[YT_MAX_ANCHORS];
	int n_anchors, n_aliases, documents;
	struct yt_node *root;
};

static int fail_at(struct loader *l, size_t line, size_t col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail_at(struct loader *l, size_t line, size_t col, const char *fmt, ...)
{
	char msg[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return err_set(l->e, 422, "invalid_yaml", "%s line %zu, column %zu: %s", l->name, line, col, msg);
}

static int define_anchor(struct loader *l, const char *name, struct yt_node *node, const yaml_mark_t *m)
{
	if (l->n_anchors >= YT_MAX_ANCHORS)
		return fail_at(l, m->line + 1, m->column + 1, "more than %d anchors: refused", YT_MAX_ANCHORS);
	l->anchors[l->n_anchors].name = name;
	l->anchors[l->n_anchors++].node = node;
	return 0;
}

/* Hangs a finished node (or an alias of one) under the open collection, or
 * makes it the root. */
static int attach(struct loader *l, struct yt_node *node, const yaml_mark_t *m)
{
	struct yt_node *parent;
	if (l->depth == 0) {
		l->root = node;
		return 0;
	}
	parent = l->stack[l->depth - 1];
	if (parent->kind == YT_MAP && parent->n % 2 == 0 && node->kind != YT_SCALAR)
		return fail_at(l, m->line + 1, m->column + 1, "a mapping key must be a plain value");
	parent->items = arena_grow(l->a, parent->items, parent->n, &parent->cap, sizeof(*parent->items));
	parent->items[parent->n++] = node;
	parent->weight += node->weight;
	if (parent->weight > YT_MAX_EXPANDED)
		return fail_at(l, m->line + 1, m->column + 1, "aliases expand the document past %ld nodes: refused",
			       YT_MAX_EXPANDED);
	return 0;
}

static int key_cmp(const void *x, const void *y)
{
	const struct yt_node *p = *(const struct yt_node *const *)x, *q = *(const struct yt_node *const *)y;
	if (p->len != q->len)
		return p->len < q->len ? -1 : 1;
	return memcmp(p->text, q->text, p->len);
}

/* A key given twice in one mapping: named at its later place. */
static int check_keys(struct loader *l, const struct yt_node *map)
{
	int pairs = map->n / 2, rc = 0;
	const struct yt_node **keys;
	if (pairs < 2)
		return 0;
	keys = arena_alloc(l->a, (size_t)pairs * sizeof(*keys));
	for (int i = 0; i < pairs; i++)
		keys[i] = map->items[2 * i];
	qsort(keys, (size_t)pairs, sizeof(*keys), key_cmp);
	for (int i = 1; i < pairs && !rc; i++)
		if (key_cmp(&keys[i - 1], &keys[i]) == 0) {
			const struct yt_node *k = keys[i]->line > keys[i - 1]->line ? keys[i] : keys[i - 1];
			rc = fail_at(l, (size_t)k->line, (size_t)k->col, "the key '%.60s' appears twice in one mapping",
				     k->text);
		}
	return rc;
}

static struct yt_node *new_node(struct loader *l, enum yt_kind kind, const yaml_mark_t *m)
{
	struct yt_node *n = arena_alloc(l->a, sizeof(*n));
	n->kind = kind;
	n->line = (int)m->line + 1;
	n->col = (int)m->column + 1;
	n->weight = 1;
	return n;
}

static int on_event(struct loader *l, const yaml_event_t *ev)
{
	const yaml_mark_t *m = &ev->start_mark;
	struct yt_node *n;
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++l->documents > 1)
			return fail_at(l, m->line + 1, m->column + 1, "a second YAML document: one file holds one library");
		return 0;
	case YAML_SCALAR_EVENT:
		if (memchr(ev->data.scalar.value, '\0', ev->data.scalar.length))
			return fail_at(l, m->line + 1, m->column + 1, "the text holds a NUL character");
		n = new_node(l, YT_SCALAR, m);
		n->text = arena_strndup(l->a, (const char *)ev->data.scalar.value, ev->data.scalar.length);
		n->len = ev->data.scalar.length;
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		if (ev->data.scalar.anchor &&
		    define_anchor(l, arena_strdup(l->a, (const char *)ev->data.scalar.anchor), n, m))
			return -1;
		return attach(l, n, m);
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		const yaml_char_t *anchor = ev->type == YAML_SEQUENCE_START_EVENT ? ev->data.sequence_start.anchor
										   : ev->data.mapping_start.anchor;
		if (l->depth >= YT_MAX_DEPTH)
			return fail_at(l, m->line + 1, m->column + 1, "nested deeper than %d levels: refused",
				       YT_MAX_DEPTH);
		n = new_node(l, ev->type == YAML_SEQUENCE_START_EVENT ? YT_SEQ : YT_MAP, m);
		l->stack_anchor[l->depth] = anchor ? arena_strdup(l->a, (const char *)anchor) : NULL;
		l->stack[l->depth++] = n;
		return 0;
	}
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		n = l->stack[--l->depth];
		if (n->kind == YT_MAP && check_keys(l, n))
			return -1;
		if (l->stack_anchor[l->depth] && define_anchor(l, l->stack_anchor[l->depth], n, m))
			return -1;
		return attach(l, n, m);
	case YAML_ALIAS_EVENT: {
		const char *name = (const char *)ev->data.alias.anchor;
		if (++l->n_aliases > YT_MAX_ANCHORS)
			return fail_at(l, m->line + 1, m->column + 1, "more than %d aliases: refused", YT_MAX_ANCHORS);
		for (int i = l->n_anchors - 1; i >= 0; i--)
			if (strcmp(l->anchors[i].name, name) == 0)
				return attach(l, l->anchors[i].node, m);
		return fail_at(l, m->line + 1, m->column + 1, "the alias *%.60s names no finished anchor before it",
			       name);
	}
	default:
		return 0;
	}
}

int yt_load(const char *buf, size_t len, const char *name, struct arena *a, struct yt_node **root,
	    struct err *e)
{
	struct loader *l;
	yaml_parser_t parser;
	yaml_event_t ev;
	int rc = -1, done = 0;
	*root = NULL;
	if (len > YT_MAX_BYTES)
		return err_set(e, 413, "too_large", "%s is larger than %u MiB: refused", name, YT_MAX_BYTES >> 20);
	if (!yaml_parser_initialize(&parser))
		return err_set(e, 500, "internal", "the YAML reader could not start");
	l = arena_alloc(a, sizeof(*l));
	l->name = name;
	l->a = a;
	l->e = e;
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			if (parser.error == YAML_READER_ERROR)
				err_set(e, 422, "invalid_yaml", "%s byte %zu: not valid text: %s", name,
					parser.problem_offset, parser.problem ? parser.problem : "unreadable");
			else
				fail_at(l, parser.problem_mark.line + 1, parser.problem_mark.column + 1,
					"invalid YAML: %s%s%s", parser.problem ? parser.problem : "unreadable",
					parser.context ? " " : "", parser.context ? parser.context : "");
			goto out;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		if (on_event(l, &ev)) {
			yaml_event_delete(&ev);
			goto out;
		}
		yaml_event_delete(&ev);
	}
	if (!l->root) {
		err_set(e, 422, "invalid_yaml", "%s holds no YAML document", name);
		goto out;
	}
	*root = l->root;
	rc = 0;
out:
	yaml_parser_delete(&parser);
	return rc;
}

const struct yt_node *yt_get(const struct yt_node *map, const char *key)
{
	size_t n = strlen(key);
	if (!map || map->kind != YT_MAP)
		return NULL;
	for (int i = 0; i + 1 < map->n; i += 2)
		if (map->items[i]->len == n && memcmp(map->items[i]->text, key, n) == 0)
			return map->items[i + 1];
	return NULL;
}

int yt_is_null(const struct yt_node *n)
{
	return !n || (n->kind == YT_SCALAR && n->plain &&
		      (n->len == 0 || strcmp(n->text, "~") == 0 || strcasecmp(n->text, "null") == 0));
}

const char *yt_str(const struct yt_node *n)
{
	return !yt_is_null(n) && n->kind == YT_SCALAR ? n->text : NULL;
}

int yt_bool(const struct yt_node *n, int *out)
{
	if (!n || n->kind != YT_SCALAR || !n->plain)
		return -1;
	if (strcasecmp(n->text, "true") == 0)
		*out = 1;
	else if (strcasecmp(n->text, "false") == 0)
		*out = 0;
	else
		return -1;
	return 0;
}
