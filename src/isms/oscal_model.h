/* oscal_model: what the OSCAL readers (oscal_json.c, oscal_xml.c) take out of
 * a catalog or a profile, the same whatever the file's syntax, so one piece
 * of code (oscal_import.c) turns either into frameworks. Private to the
 * OSCAL import: nothing outside src/isms/oscal_*.c includes it.
 *
 * Memory: every string and array lives in the arena the reader was given. */
#ifndef ISMS_OSCAL_MODEL_H
#define ISMS_OSCAL_MODEL_H
#include "base/arena.h"
#include "base/err.h"
#include "base/strbuf.h"

enum oscal_kind { OSCAL_CATALOG = 1, OSCAL_PROFILE };

/* A parameter of a control: shown in the guidance where the prose inserts it. */
struct oscal_param {
	const char *id;
	const char *label;     /* NULL when the parameter is a selection */
	const char *how_many;  /* "one-or-more" or NULL */
	const char **choices;
	int n_choices, cap_choices;
};

/* A group (family) or a control; a control's kids are its enhancements. */
struct oscal_ctl {
	int group;
	const char *id, *label, *title, *guidance;
	int withdrawn;
	const char *place;           /* "catalog.groups[3].controls[7]" or "line 120" */
	struct oscal_ctl *parent;
	struct oscal_param *params;
	int n_params, cap_params;
	struct oscal_ctl **kids; /* each allocated on its own: parent pointers stay valid */
	int n_kids, cap_kids;
};

/* One with-id (or matching pattern) of include-controls / exclude-controls. */
struct oscal_sel {
	const char *id;
	int matching;   /* id is a glob pattern ("ac-*") */
	int with_child; /* with-child-controls: yes */
	const char *place;
};

struct oscal_import_ref {
	const char *href;  /* "#uuid" of a back-matter resource, or a path */
	const char *place;
	int include_all;
	struct oscal_sel *inc, *exc;
	int n_inc, cap_inc, n_exc, cap_exc;
};

struct oscal_resource {
	const char *uuid;
	const char **hrefs; /* its rlinks, in document order */
	int n_hrefs, cap_hrefs;
};

struct oscal_doc {
	enum oscal_kind kind;
	const char *uuid, *title, *version, *provider;
	struct oscal_ctl root; /* a catalog's groups and controls as kids */
	struct oscal_import_ref *imports;
	int n_imports, cap_imports;
	struct oscal_resource *resources;
	int n_resources, cap_resources;
};

/* The readers: 0, or -1 with a 422 naming name and the place. */
int oscal_read_json(const char *buf, size_t len, const char *name, struct oscal_doc *doc, struct arena *a,
		    struct err *e);
int oscal_read_xml(const char *buf, size_t len, const char *name, struct oscal_doc *doc, struct arena *a,
		   struct err *e);

/* ---- shared by both readers (oscal_import.c) ----------------------------- */

/* 422 "NAME, PLACE: message", also as the message of the field "file". */
int oscal_fail(struct err *e, const char *name, const char *place, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Builders growing the arrays in a; they return the new element, zeroed. */
struct oscal_ctl *oscal_add_kid(struct oscal_ctl *parent, struct arena *a);
struct oscal_param *oscal_add_param(struct oscal_ctl *c, struct arena *a);
void oscal_add_choice(struct oscal_param *p, const char *text, struct arena *a);
struct oscal_import_ref *oscal_add_import(struct oscal_doc *d, struct arena *a);
struct oscal_sel *oscal_add_sel(struct oscal_import_ref *r, int exclude, struct arena *a);
struct oscal_resource *oscal_add_resource(struct oscal_doc *d, struct arena *a);
void oscal_add_href(struct oscal_resource *r, const char *href, struct arena *a);
/* Appends how a parameter reads in the guidance: "[Assignment: LABEL]",
 * "[Selection (one or more): A; B]", or "[ID]" when no control up from c
 * defines it. */
void oscal_param_text(struct strbuf *sb, const struct oscal_ctl *c, const char *id);
/* Starts a line of guidance: a line break after what is there (trailing
 * spaces dropped), two spaces of indent per depth past 1, and the label. */
void oscal_guidance_line(struct strbuf *sb, int depth, const char *label);
/* The guidance built in sb, trimmed, copied into a; NULL when empty. */
const char *oscal_guidance_done(struct strbuf *sb, struct arena *a);
/* Appends text with runs of white space made one space (none at either end
 * of what the builder holds after a line break). */
void oscal_add_text(struct strbuf *sb, const char *text, size_t n);

#endif
