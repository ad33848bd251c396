/* doc_template: the starter documents isms ships (our own text, Markdown
 * skeletons with [placeholders] and guidance to adapt): the table of keys,
 * titles and types, and a new draft document made from one. The texts are
 * src/isms/doc_templates/KEY.md, compiled in as doc_template_data[]. */
#ifndef ISMS_DOC_TEMPLATE_H
#define ISMS_DOC_TEMPLATE_H
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "isms/actor.h"
#include "store/store.h"

struct doc_template {
	const char *key, *title, *doc_type, *summary;
};

extern const struct doc_template doc_templates[];
extern const int doc_template_count;

/* The template named key, or NULL. */
const struct doc_template *doc_template_find(const char *key);
/* Its Markdown text (NUL-terminated, static). */
const char *doc_template_body(const struct doc_template *t);
/* Creates a draft document from template key (422 on "template" naming the
 * keys when unknown), titled title (NULL or empty: the template's), owned
 * by owner when not 0 — through record_create, so every rule and the audit
 * entry apply. */
int doc_template_create(struct store *s, const struct actor *who, const char *key, const char *title, int64_t owner,
			struct arena *a, int64_t *id, struct err *e);

#endif
