/* oscal_import: the OSCAL front (oscal_parse and its JSON and XML
 * variants), what both readers share (oscal_model.h helpers), a catalog
 * into a framework, and a profile resolved against its catalog into a
 * baseline. What the result looks like is described in oscal_import.h. */
#include "isms/oscal_import.h"

#include <ctype.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isms/oscal_model.h"

#define SLUG_MAX 80

/* ---- shared by the readers ----------------------------------------------- */

int oscal_fail(struct err *e, const char *name, const char *place, const char *fmt, ...)
{
	char what[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	err_set(e, 422, "invalid_oscal", "%s, %s: %s.", name ? name : "the file", place, what);
	err_field(e, "file", "invalid", "%s: %s.", place, what);
	return -1;
}

struct oscal_ctl *oscal_add_kid(struct oscal_ctl *parent, struct arena *a)
{
	struct oscal_ctl *c = arena_alloc(a, sizeof(*c));
	parent->kids = arena_grow(a, parent->kids, parent->n_kids, &parent->cap_kids, sizeof(*parent->kids));
	parent->kids[parent->n_kids++] = c;
	c->parent = parent;
	return c;
}

struct oscal_param *oscal_add_param(struct oscal_ctl *c, struct arena *a)
{
	struct oscal_param *p;
	c->params = arena_grow(a, c->params, c->n_params, &c->cap_params, sizeof(*c->params));
	p = &c->params[c->n_params++];
	memset(p, 0, sizeof(*p));
	return p;
}

void oscal_add_choice(struct oscal_param *p, const char *text, struct arena *a)
{
	p->choices = arena_grow(a, p->choices, p->n_choices, &p->cap_choices, sizeof(*p->choices));
	p->choices[p->n_choices++] = text ? text : "";
}

struct oscal_import_ref *oscal_add_import(struct oscal_doc *d, struct arena *a)
{
	struct oscal_import_ref *r;
	d->imports = arena_grow(a, d->imports, d->n_imports, &d->cap_imports, sizeof(*d->imports));
	r = &d->imports[d->n_imports++];
	memset(r, 0, sizeof(*r));
	return r;
}

struct oscal_sel *oscal_add_sel(struct oscal_import_ref *r, int exclude, struct arena *a)
{
	struct oscal_sel *s;
	if (exclude) {
		r->exc = arena_grow(a, r->exc, r->n_exc, &r->cap_exc, sizeof(*r->exc));
		s = &r->exc[r->n_exc++];
	} else {
		r->inc = arena_grow(a, r->inc, r->n_inc, &r->cap_inc, sizeof(*r->inc));
		s = &r->inc[r->n_inc++];
	}
	memset(s, 0, sizeof(*s));
	return s;
}

struct oscal_resource *oscal_add_resource(struct oscal_doc *d, struct arena *a)
{
	struct oscal_resource *r;
	d->resources = arena_grow(a, d->resources, d->n_resources, &d->cap_resources, sizeof(*d->resources));
	r = &d->resources[d->n_resources++];
	memset(r, 0, sizeof(*r));
	return r;
}

void oscal_add_href(struct oscal_resource *r, const char *href, struct arena *a)
{
	r->hrefs = arena_grow(a, r->hrefs, r->n_hrefs, &r->cap_hrefs, sizeof(*r->hrefs));
	r->hrefs[r->n_hrefs++] = href;
}

void oscal_add_text(struct strbuf *sb, const char *text, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char ch = text[i];
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
			if (sb->len && sb->buf[sb->len - 1] != ' ' && sb->buf[sb->len - 1] != '\n')
				sb_addc(sb, ' ');
		} else {
			sb_addc(sb, ch);
		}
	}
}

static void trim_end(struct strbuf *sb)
{
	while (sb->len && sb->buf[sb->len - 1] == ' ')
		sb_truncate(sb, sb->len - 1);
}

void oscal_guidance_line(struct strbuf *sb, int depth, const char *label)
{
	trim_end(sb);
	if (sb->len)
		sb_addc(sb, '\n');
	for (int i = 1; i < depth; i++)
		sb_adds(sb, "  ");
	if (label && *label) {
		sb_adds(sb, label);
		sb_addc(sb, ' ');
	}
}

const char *oscal_guidance_done(struct strbuf *sb, struct arena *a)
{
	trim_end(sb);
	return sb->len ? arena_strndup(a, sb->buf, sb->len) : NULL;
}

void oscal_param_text(struct strbuf *sb, const struct oscal_ctl *c, const char *id)
{
	for (; c; c = c->parent) {
		for (int i = 0; i < c->n_params; i++) {
			const struct oscal_param *p = &c->params[i];
			if (!p->id || strcmp(p->id, id) != 0)
				continue;
			if (p->label) {
				sb_addf(sb, "[Assignment: %s]", p->label);
			} else {
				sb_adds(sb, p->how_many && strcmp(p->how_many, "one-or-more") == 0
						    ? "[Selection (one or more): "
						    : "[Selection: ");
				for (int k = 0; k < p->n_choices; k++)
					sb_addf(sb, "%s%s", k ? "; " : "", p->choices[k]);
				sb_addc(sb, ']');
			}
			return;
		}
	}
	sb_addf(sb, "[%s]", id);
}

/* ---- a catalog into a framework ------------------------------------------ */

/* Lower-case letters and digits, other runs as one '-', at most SLUG_MAX
 * characters cut at a '-'. */
static const char *slug(const char *text, struct arena *a)
{
	char out[SLUG_MAX + 1];
	size_t n = 0, cut = 0;
	for (const unsigned char *p = (const unsigned char *)text; *p && n < SLUG_MAX; p++) {
		if (isalnum(*p)) {
			out[n++] = (char)tolower(*p);
		} else if (n && out[n - 1] != '-') {
			cut = n;
			out[n++] = '-';
		}
	}
	if (n == SLUG_MAX && cut && text[n] && isalnum((unsigned char)text[n]))
		n = cut;
	while (n && out[n - 1] == '-')
		n--;
	return arena_strndup(a, out, n);
}

static const char *doc_slug(const struct oscal_doc *d, struct arena *a)
{
	const char *s = slug(d->title ? d->title : "", a);
	return *s ? s : slug(d->uuid ? d->uuid : "untitled", a);
}

/* The short name: the title up to its first ':', at most 80 characters
 * (cut between words). */
static const char *short_name(const char *title, struct arena *a)
{
	size_t n = strcspn(title, ":");
	if (n > 80) {
		n = 80;
		while (n > 40 && title[n] != ' ')
			n--;
	}
	while (n && title[n - 1] == ' ')
		n--;
	return arena_strndup(a, title, n ? n : strlen(title));
}

static const char *upper(const char *s, struct arena *a)
{
	char *u = arena_strdup(a, s);
	for (char *p = u; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return u;
}

/* A node id of a group that has none: its place in the tree. */
static const char *ctl_key(const struct oscal_ctl *c, int index, struct arena *a)
{
	return c->id && *c->id ? c->id : arena_printf(a, "group-%d", index + 1);
}

static void add_node(struct fw_def *fw, const struct oscal_ctl *c, const char *key, const char *urn_prefix,
		     const char *parent_urn, struct arena *a)
{
	struct fw_node *n = fw_def_add_node(fw, a);
	n->urn = arena_printf(a, "%s:%s", urn_prefix, key);
	n->parent_urn = parent_urn;
	n->ref_id = c->label ? c->label : (c->id ? upper(c->id, a) : NULL);
	n->title = c->title;
	n->guidance = c->guidance;
	n->assessable = !c->group;
}

/* Kept nodes in document order; kids of a withdrawn control go to its parent. */
static void catalog_nodes(struct fw_def *fw, const struct oscal_ctl *c, const char *parent_urn, struct arena *a)
{
	for (int i = 0; i < c->n_kids; i++) {
		const struct oscal_ctl *k = c->kids[i];
		if (k->withdrawn) {
			catalog_nodes(fw, k, parent_urn, a);
			continue;
		}
		add_node(fw, k, ctl_key(k, i, a), fw->urn, parent_urn, a);
		catalog_nodes(fw, k, fw->nodes[fw->n_nodes - 1].urn, a);
	}
}

static int has_framework(const struct fw_import *imp, const char *urn)
{
	for (int f = 0; f < imp->n_fws; f++)
		if (strcasecmp(imp->fws[f].urn, urn) == 0)
			return 1;
	return 0;
}

static const char *catalog_urn(const struct oscal_doc *d, struct arena *a)
{
	return arena_printf(a, "urn:oscal:catalog:%s", doc_slug(d, a));
}

/* The catalog as a framework, unless the import has it already. */
static void add_catalog(const struct oscal_doc *d, const char *file, struct fw_import *imp, struct arena *a)
{
	struct fw_def *fw;
	const char *urn = catalog_urn(d, a);
	if (has_framework(imp, urn))
		return;
	fw = fw_import_add_framework(imp, a);
	fw->urn = urn;
	fw->ref_id = short_name(d->title, a);
	fw->name = d->title;
	fw->version = d->version;
	fw->provider = d->provider;
	fw->source = file;
	catalog_nodes(fw, &d->root, NULL, a);
}

/* ---- a profile resolved against its catalog ------------------------------- */

/* Every control of the catalog, flattened, for look-ups by id. */
struct flat {
	const struct oscal_ctl **items;
	char *mark;
	int n, cap;
};

static void flatten(struct flat *f, const struct oscal_ctl *c, struct arena *a)
{
	for (int i = 0; i < c->n_kids; i++) {
		const struct oscal_ctl *k = c->kids[i];
		if (!k->group) {
			f->items = arena_grow(a, f->items, f->n, &f->cap, sizeof(*f->items));
			f->items[f->n++] = k;
		}
		flatten(f, k, a);
	}
}

static int by_id(const void *x, const void *y)
{
	return strcmp((*(const struct oscal_ctl *const *)x)->id, (*(const struct oscal_ctl *const *)y)->id);
}

static const struct oscal_ctl *find(const struct flat *f, const char *id, int *index)
{
	struct oscal_ctl key = { .id = id };
	const struct oscal_ctl *kp = &key, **hit = bsearch(&kp, f->items, (size_t)f->n, sizeof(*f->items), by_id);
	if (hit)
		*index = (int)(hit - f->items);
	return hit ? *hit : NULL;
}

static int index_of(const struct flat *f, const struct oscal_ctl *c)
{
	int i = -1;
	find(f, c->id, &i);
	return i;
}

static void mark_tree(struct flat *f, const struct oscal_ctl *c, char value, int with_child)
{
	int i = index_of(f, c);
	if (i >= 0 && (!c->withdrawn || !value))
		f->mark[i] = value;
	if (with_child)
		for (int k = 0; k < c->n_kids; k++)
			mark_tree(f, c->kids[k], value, 1);
}

static int apply(struct flat *f, const struct oscal_sel *s, int n, char value, int strict, const char *name,
		 struct err *e)
{
	for (int i = 0; i < n; i++) {
		int at;
		const struct oscal_ctl *c;
		if (s[i].matching) {
			for (int k = 0; k < f->n; k++)
				if (fnmatch(s[i].id, f->items[k]->id, 0) == 0)
					mark_tree(f, f->items[k], value, s[i].with_child);
			continue;
		}
		if ((c = find(f, s[i].id, &at)))
			mark_tree(f, c, value, s[i].with_child);
		else if (strict)
			return oscal_fail(e, name, s[i].place, "the catalog has no control %s", s[i].id);
	}
	return 0;
}

static int any_selected(const struct flat *f, const struct oscal_ctl *c)
{
	for (int i = 0; i < c->n_kids; i++) {
		const struct oscal_ctl *k = c->kids[i];
		int at = k->group ? -1 : index_of(f, k);
		if ((at >= 0 && f->mark[at]) || any_selected(f, k))
			return 1;
	}
	return 0;
}

struct baseline {
	struct fw_def *fw;
	struct fw_mapping_set *set;
	const char *cat_urn;
	const struct flat *flat;
};

static void baseline_nodes(struct baseline *b, const struct oscal_ctl *c, const char *parent_urn, struct arena *a)
{
	for (int i = 0; i < c->n_kids; i++) {
		const struct oscal_ctl *k = c->kids[i];
		int at = k->group ? -1 : index_of(b->flat, k);
		const char *key = ctl_key(k, i, a);
		if ((k->group && any_selected(b->flat, k)) || (at >= 0 && b->flat->mark[at])) {
			add_node(b->fw, k, key, b->fw->urn, parent_urn, a);
			if (!k->group) {
				struct fw_mapping *m = fw_set_add(b->set, a);
				m->source_urn = b->fw->nodes[b->fw->n_nodes - 1].urn;
				m->target_urn = arena_printf(a, "%s:%s", b->cat_urn, key);
				m->relationship = "equal";
			}
			baseline_nodes(b, k, b->fw->nodes[b->fw->n_nodes - 1].urn, a);
		} else if (!k->group || any_selected(b->flat, k)) {
			baseline_nodes(b, k, parent_urn, a);
		}
	}
}

/* The catalog of an installed framework, rebuilt from its requirements. */
static int installed_catalog(struct store *s, const struct framework *fw, struct oscal_doc *cat, struct arena *a,
			     struct err *e)
{
	struct requirement *reqs;
	struct oscal_ctl **by_index;
	size_t plen = strlen(fw->urn);
	int n;
	if (framework_requirements(s, fw->id, a, &reqs, &n, e))
		return -1;
	memset(cat, 0, sizeof(*cat));
	cat->kind = OSCAL_CATALOG;
	cat->title = fw->name;
	by_index = arena_alloc(a, sizeof(*by_index) * (size_t)(n + 1));
	for (int i = 0; i < n; i++) {
		struct oscal_ctl *parent = &cat->root, *c;
		for (int j = i - 1; reqs[i].parent_id && j >= 0; j--)
			if (reqs[j].id == reqs[i].parent_id) {
				parent = by_index[j];
				break;
			}
		c = by_index[i] = oscal_add_kid(parent, a);
		c->group = !reqs[i].assessable;
		c->id = strlen(reqs[i].urn) > plen + 1 ? reqs[i].urn + plen + 1 : reqs[i].urn;
		c->label = reqs[i].ref_id;
		c->title = reqs[i].title;
		c->guidance = reqs[i].guidance;
	}
	return 0;
}

static const char *base_name(const char *path, struct arena *a)
{
	const char *b = strrchr(path, '/');
	const char *dot;
	b = b ? b + 1 : path;
	dot = strrchr(b, '.');
	return arena_strndup(a, b, dot && dot != b ? (size_t)(dot - b) : strlen(b));
}

static const char *ext_of(const char *path)
{
	const char *dot = strrchr(path, '.');
	return dot && !strchr(dot, '/') ? dot : "";
}

static int read_doc(const char *buf, size_t len, const char *name, struct oscal_doc *d, struct arena *a, struct err *e);

/* Finds the catalog of one import: a file next to dir, else an installed
 * framework of the same base name. cat_urn tells which it is; file is set
 * when it was read from disk. */
static int resolve(const struct oscal_import_ref *ref, const struct oscal_doc *prof, const char *name,
		   const char *dir, struct store *s, struct oscal_doc *cat, const char **cat_urn, const char **file,
		   struct arena *a, struct err *e)
{
	const char *const *hrefs = &ref->href;
	int n = 1;
	struct strbuf tried = STRBUF_INIT;
	int rc = -1;
	*file = NULL;
	if (ref->href[0] == '#') {
		n = 0;
		for (int i = 0; i < prof->n_resources; i++)
			if (prof->resources[i].uuid && strcmp(prof->resources[i].uuid, ref->href + 1) == 0) {
				hrefs = prof->resources[i].hrefs;
				n = prof->resources[i].n_hrefs;
			}
		if (!n)
			return oscal_fail(e, name, ref->place, "the import names resource %s, which the back-matter lacks",
					  ref->href);
	}
	/* files of the profile's own syntax first (a JSON profile, the JSON catalog) */
	for (int k = 0; dir && k < 2 * n; k++) {
		int i = k % n, same = strcmp(ext_of(hrefs[i]), ext_of(name)) == 0;
		if ((k < n) != same)
			continue;
		const char *path = hrefs[i][0] == '/' ? hrefs[i] : arena_printf(a, "%s/%s", dir, hrefs[i]);
		struct strbuf buf = STRBUF_INIT;
		if (strstr(hrefs[i], "://"))
			continue; /* never the network */
		if (sb_read_file(&buf, path) == 0) {
			struct err inner = ERR_INIT;
			rc = read_doc(buf.buf, buf.len, hrefs[i], cat, a, &inner);
			sb_release(&buf);
			if (rc) {
				err_set(e, 422, "invalid_oscal", "%s: its catalog %s: %s", name, hrefs[i], inner.message);
				err_field(e, "file", "invalid", "its catalog %s is invalid", hrefs[i]);
				goto out;
			}
			if (cat->kind != OSCAL_CATALOG) {
				rc = oscal_fail(e, name, ref->place, "%s is a profile; only profiles of catalogs are supported",
						hrefs[i]);
				goto out;
			}
			*cat_urn = catalog_urn(cat, a);
			*file = strrchr(hrefs[i], '/') ? strrchr(hrefs[i], '/') + 1 : hrefs[i];
			goto out;
		}
		sb_release(&buf);
	}
	if (s) {
		struct framework *fws;
		int nf;
		if (framework_list(s, a, &fws, &nf, e))
			goto out;
		for (int i = 0; i < n; i++)
			for (int k = 0; k < nf; k++) {
				if (!fws[k].source || !fws[k].origin || strcmp(fws[k].origin, "oscal") != 0 ||
				    fws[k].base_framework_id ||
				    strcmp(base_name(fws[k].source, a), base_name(hrefs[i], a)) != 0)
					continue;
				*cat_urn = fws[k].urn;
				rc = installed_catalog(s, &fws[k], cat, a, e);
				goto out;
			}
	}
	for (int i = 0; i < n; i++) /* file names only: whole paths would not fit the message */
		sb_addf(&tried, "%s%s", i ? ", " : "", strrchr(hrefs[i], '/') ? strrchr(hrefs[i], '/') + 1 : hrefs[i]);
	rc = oscal_fail(e, name, ref->place,
			"the profile's catalog cannot be found (tried %s%s); import the catalog first", tried.buf,
			dir ? "" : " among the installed frameworks");
out:
	sb_release(&tried);
	return rc;
}

static int add_profile(const struct oscal_doc *d, const char *name, const char *dir, struct store *s,
		       struct fw_import *imp, struct arena *a, struct err *e)
{
	const char *sl = doc_slug(d, a);
	struct fw_def *fw = NULL;
	struct fw_mapping_set *set = NULL;

	for (int i = 0; i < d->n_imports; i++) {
		const struct oscal_import_ref *ref = &d->imports[i];
		struct oscal_doc cat;
		struct flat flat = { 0 };
		struct baseline b;
		const char *cat_urn = NULL, *file = NULL;
		memset(&cat, 0, sizeof(cat));
		if (resolve(ref, d, name, dir, s, &cat, &cat_urn, &file, a, e))
			return -1;
		if (file) { /* read from disk: bring it along unless installed */
			struct framework have;
			struct err none = ERR_INIT;
			if (!s || framework_by_urn(s, cat_urn, a, &have, &none))
				add_catalog(&cat, file, imp, a);
		}
		if (!fw) {
			fw = fw_import_add_framework(imp, a);
			fw->urn = arena_printf(a, "urn:oscal:profile:%s", sl);
			fw->ref_id = short_name(d->title, a);
			fw->name = d->title;
			fw->version = d->version;
			fw->provider = d->provider;
			fw->base_urn = cat_urn;
			fw->source = name;
			fw->description = arena_printf(a, "A baseline: the controls this profile selects from %s.",
						       cat.title ? cat.title : cat_urn);
			set = fw_import_add_set(imp, a);
			set->urn = arena_printf(a, "%s:mapping", fw->urn);
			set->name = arena_printf(a, "%s to its catalog", d->title);
		}
		flatten(&flat, &cat.root, a);
		qsort(flat.items, (size_t)flat.n, sizeof(*flat.items), by_id);
		flat.mark = arena_alloc(a, (size_t)flat.n + 1);
		if (ref->include_all)
			for (int k = 0; k < flat.n; k++)
				flat.mark[k] = !flat.items[k]->withdrawn;
		if (apply(&flat, ref->inc, ref->n_inc, 1, file != NULL, name, e) ||
		    apply(&flat, ref->exc, ref->n_exc, 0, 0, name, e))
			return -1;
		b.fw = fw;
		b.set = set;
		b.cat_urn = cat_urn;
		b.flat = &flat;
		baseline_nodes(&b, &cat.root, NULL, a);
	}
	if (!fw->n_nodes)
		return oscal_fail(e, name, d->imports[0].place, "the profile selects no control of its catalog");
	return 0;
}

/* ---- the front ----------------------------------------------------------- */

static int read_doc(const char *buf, size_t len, const char *name, struct oscal_doc *d, struct arena *a, struct err *e)
{
	size_t i = 0;
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n' || buf[i] == '\r'))
		i++;
	if (i + 3 <= len && (unsigned char)buf[i] == 0xEF && (unsigned char)buf[i + 1] == 0xBB &&
	    (unsigned char)buf[i + 2] == 0xBF)
		i += 3; /* a byte order mark */
	if (i < len && buf[i] == '{')
		return oscal_read_json(buf, len, name, d, a, e);
	if (i < len && buf[i] == '<')
		return oscal_read_xml(buf, len, name, d, a, e);
	return oscal_fail(e, name, "the first character",
			  i < len ? "neither JSON nor XML (expected '{' or '<')" : "the file is empty");
}

static int to_frameworks(const struct oscal_doc *d, const char *name, const char *dir, struct store *s,
			 struct fw_import *imp, struct arena *a, struct err *e)
{
	if (!imp->origin)
		imp->origin = "oscal";
	if (!imp->file)
		imp->file = name;
	if (d->kind == OSCAL_CATALOG) {
		add_catalog(d, name, imp, a);
		if (!imp->fws[imp->n_fws - 1].n_nodes)
			return oscal_fail(e, name, "catalog", "the catalog holds no control that is not withdrawn");
		return 0;
	}
	return add_profile(d, name, dir, s, imp, a, e);
}

typedef int (*reader_fn)(const char *buf, size_t len, const char *name, struct oscal_doc *d, struct arena *a,
			 struct err *e);

static int parse_with(reader_fn read, const char *buf, size_t len, const char *name, const char *dir,
		      struct store *s, struct fw_import *imp, struct arena *a, struct err *e)
{
	struct oscal_doc d;
	memset(&d, 0, sizeof(d));
	if (read(buf, len, name, &d, a, e))
		return -1;
	return to_frameworks(&d, name, dir, s, imp, a, e);
}

int oscal_parse(const char *buf, size_t len, const char *name, const char *dir, struct store *s,
		struct fw_import *imp, struct arena *a, struct err *e)
{
	return parse_with(read_doc, buf, len, name, dir, s, imp, a, e);
}

int oscal_parse_json(const char *buf, size_t len, const char *name, const char *dir, struct store *s,
		     struct fw_import *imp, struct arena *a, struct err *e)
{
	return parse_with(oscal_read_json, buf, len, name, dir, s, imp, a, e);
}

int oscal_parse_xml(const char *buf, size_t len, const char *name, const char *dir, struct store *s,
		    struct fw_import *imp, struct arena *a, struct err *e)
{
	return parse_with(oscal_read_xml, buf, len, name, dir, s, imp, a, e);
}
