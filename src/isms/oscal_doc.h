/* oscal_doc: what the OSCAL documents share inside isms/ (not for callers
 * of oscal_export.h): the export's context, stable UUIDs, the metadata
 * block, props, text cleaned for OSCAL's string types, and the framework
 * read whole with each node's control id. Built with jansson: every
 * json_t made here is owned by the tree it is set into. */
#ifndef ISMS_OSCAL_DOC_H
#define ISMS_OSCAL_DOC_H
#include <jansson.h>

#include "isms/framework.h"
#include "isms/oscal_export.h"

struct oscal_ctx {
	struct store *s;
	const struct actor *viewer;
	struct arena *a;
	const char *seed;        /* this installation: the hash of its first audit entry ("" if none) */
	const char *changed_at;  /* the newest audit entry's time (now if none) */
	int64_t changed_id;      /* and its id (0 if none) */
	/* the framework, for every document but poam */
	struct framework fw;
	struct requirement *reqs; /* document order */
	const char **ids;         /* per node: its OSCAL control or group id, unique */
	int n;
	const char *slug;         /* the framework's ref_id as a token, for file names */
};

/* A stable UUID for (kind, key) in this installation: "requirement" and a
 * URN, "task" and an id. Arena memory. */
const char *oscal_uuid(const struct oscal_ctx *x, const char *kind, const char *key);
const char *oscal_uuid_id(const struct oscal_ctx *x, const char *kind, int64_t id);
/* A JSON string of s (never NULL: invalid UTF-8 bytes become '?'). */
json_t *oscal_str(const char *s);
/* s on one line (whitespace runs as one space, trimmed) for OSCAL's
 * string type; NULL when nothing is left. */
const char *oscal_line(struct arena *a, const char *s);
/* Sets key to s (as oscal_str) when s is not NULL. */
void oscal_set(json_t *obj, const char *key, const char *s);
/* Sets key to arr when it has items (OSCAL arrays have minItems 1), else frees it. */
void oscal_set_array(json_t *obj, const char *key, json_t *arr);
/* Appends {"name", "ns", "value"} to props when value has text; ours: in OSCAL_NS. */
void oscal_prop(struct oscal_ctx *x, json_t *props, const char *name, const char *value, int ours);
/* The metadata block: title, last-modified, version, oscal-version. */
json_t *oscal_metadata(struct oscal_ctx *x, const char *title, const char *last_modified, const char *version);
/* A back-matter resource {uuid, title, description, rlinks[href]} (href may be NULL). */
json_t *oscal_resource(const char *uuid, const char *title, const char *description, const char *href);
/* Runs sql, whose one parameter is the framework's id and whose column 0
 * is a requirement id, calling fn with each row of a requirement of it and
 * that requirement's index. */
typedef void (*oscal_row_fn)(struct oscal_ctx *x, struct stmt *st, int i, void *ctx);
int oscal_rows(struct oscal_ctx *x, const char *sql, oscal_row_fn fn, void *ctx, struct err *e);
/* Requirement index of id, or -1. */
int oscal_req_index(const struct oscal_ctx *x, int64_t id);
/* "A.5.1 Policies for information security" (or the title alone). */
const char *oscal_req_label(const struct oscal_ctx *x, int i);
/* Our date or time as an OSCAL date-time with a time zone. */
const char *oscal_datetime(struct arena *a, const char *t);

/* One document each (oscal_catalog.c, oscal_ssp.c, oscal_results.c,
 * oscal_poam.c): the root object, or NULL with e set. */
json_t *oscal_catalog(struct oscal_ctx *x, struct err *e);
json_t *oscal_ssp(struct oscal_ctx *x, struct err *e);
json_t *oscal_results(struct oscal_ctx *x, struct err *e);
json_t *oscal_poam(struct oscal_ctx *x, struct err *e);

#endif
