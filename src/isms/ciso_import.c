/* ciso_import: CISO Assistant library YAML into a struct fw_import (see ciso_import.h). */
#include "isms/ciso_import.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/jsonw.h"
#include "base/util.h"
#include "base/yamltree.h"

#define TITLE_MAX 160 /* bytes of a description that may title a node without name or ref_id */

struct ctx {
	const char *name;
	struct arena *a;
	struct err *e;
	struct store *s;
	struct ciso_report *rep;
};

static int bad(struct ctx *c, const struct yt_node *at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int bad(struct ctx *c, const struct yt_node *at, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return err_set(c->e, 422, "invalid_library", "%s line %d: %s", c->name, at ? at->line : 1, msg);
}

static void skip(struct ctx *c, const char *what, long n)
{
	struct ciso_report *r = c->rep;
	int i;
	if (!r || n <= 0)
		return;
	for (i = 0; i < r->n && strcmp(r->skipped[i].what, what) != 0; i++)
		;
	if (i == r->n) {
		if (r->n == CISO_MAX_SKIPS)
			return;
		r->skipped[r->n].what = what;
		r->skipped[r->n++].n = 0;
	}
	r->skipped[i].n += n;
}

/* ---- a set of lower-case URNs (open addressing, fixed size) -------------- */

struct urnset {
	const char **slot;
	size_t mask;
};

static void urnset_init(struct urnset *u, size_t expected, struct arena *a)
{
	size_t cap = 64;
	while (cap < 2 * expected)
		cap *= 2;
	u->slot = arena_alloc(a, cap * sizeof(*u->slot));
	u->mask = cap - 1;
}

static size_t urnset_find(const struct urnset *u, const char *urn)
{
	uint64_t h = 1469598103934665603ULL;
	for (const char *p = urn; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	for (size_t i = (size_t)h & u->mask;; i = (i + 1) & u->mask)
		if (!u->slot[i] || strcmp(u->slot[i], urn) == 0)
			return i;
}

static int urnset_has(const struct urnset *u, const char *urn)
{
	return u->slot[urnset_find(u, urn)] != NULL;
}

/* 1 when urn was there already. */
static int urnset_add(struct urnset *u, const char *urn)
{
	size_t i = urnset_find(u, urn);
	if (u->slot[i])
		return 1;
	u->slot[i] = urn;
	return 0;
}

/* ---- values ----------------------------------------------------------------- */

static char *lower_dup(struct arena *a, const char *s)
{
	char *d = arena_strdup(a, s);
	for (char *p = d; p && *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return d;
}

/* An optional text value of map: *out NULL when absent or null; a list or a mapping is refused. */
static int text(struct ctx *c, const struct yt_node *map, const char *key, const char **out)
{
	const struct yt_node *v = yt_get(map, key);
	*out = NULL;
	if (yt_is_null(v))
		return 0;
	if (v->kind != YT_SCALAR)
		return bad(c, v, "%s must be text, not a %s", key, v->kind == YT_SEQ ? "list" : "mapping");
	*out = v->text;
	return 0;
}

/* The first line of a description, cut short at a word (and never inside a character). */
static const char *short_title(struct arena *a, const char *s)
{
	size_t n, cut;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	n = strcspn(s, "\r\n");
	if (n <= TITLE_MAX)
		return arena_strndup(a, s, n);
	cut = TITLE_MAX;
	while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
		cut--;
	for (size_t i = cut; i > TITLE_MAX / 2; i--)
		if (s[i] == ' ') {
			cut = i;
			break;
		}
	return arena_printf(a, "%.*s\xE2\x80\xA6", (int)cut, s);
}

/* ---- frameworks --------------------------------------------------------------- */

/* implementation_groups as the node's attributes; sets *soa when one group is "SoA". */
static int read_groups(struct ctx *c, const struct yt_node *g, struct fw_node *fn, int *soa)
{
	struct strbuf sb = STRBUF_INIT;
	*soa = 0;
	if (yt_is_null(g))
		return 0;
	if (g->kind != YT_SEQ)
		return bad(c, g, "implementation_groups must be a list");
	sb_adds(&sb, "{\"implementation_groups\":[");
	for (int i = 0; i < g->n; i++) {
		const char *v = yt_str(g->items[i]);
		if (!v) {
			sb_release(&sb);
			return bad(c, g->items[i], "each implementation group must be a name");
		}
		if (i)
			sb_addc(&sb, ',');
		jsonw_str(&sb, v);
		if (strcasecmp(v, "SoA") == 0)
			*soa = 1;
	}
	sb_adds(&sb, "]}");
	fn->attributes = arena_strndup(c->a, sb.buf, sb.len);
	sb_release(&sb);
	return 0;
}

static int read_node(struct ctx *c, const struct yt_node *it, struct fw_def *fw, struct urnset *seen)
{
	const char *urn, *parent, *ref_id, *name, *desc, *depth;
	const struct yt_node *v;
	struct fw_node *fn;
	int64_t d;
	int soa = 0;
	if (it->kind != YT_MAP)
		return bad(c, it, "a requirement node must be a mapping");
	if (text(c, it, "urn", &urn) || text(c, it, "parent_urn", &parent) || text(c, it, "ref_id", &ref_id) ||
	    text(c, it, "name", &name) || text(c, it, "description", &desc) || text(c, it, "depth", &depth))
		return -1;
	if (!urn)
		return bad(c, it, "a requirement node without urn");
	urn = lower_dup(c->a, urn);
	if (!name && !ref_id && !desc)
		return bad(c, it, "requirement node %s has no name, ref_id or description to call it by", urn);
	if (parent) {
		parent = lower_dup(c->a, parent);
		if (!urnset_has(seen, parent))
			return bad(c, it, "the parent_urn %s of %s is not a node defined before it", parent, urn);
	}
	if (urnset_add(seen, urn))
		return bad(c, it, "the urn %s is used by two requirement nodes", urn);
	if (depth && (parse_int64(depth, &d) || d < 1 || d > 64))
		return bad(c, yt_get(it, "depth"), "the depth of %s must be a whole number from 1 to 64", urn);
	fn = fw_def_add_node(fw, c->a);
	fn->urn = urn;
	fn->parent_urn = parent;
	fn->ref_id = ref_id;
	fn->title = name ? name : ref_id ? ref_id : short_title(c->a, desc);
	fn->guidance = desc;
	v = yt_get(it, "assessable");
	if (!yt_is_null(v) && yt_bool(v, &fn->assessable))
		return bad(c, v, "assessable of %s must be true or false", urn);
	if (read_groups(c, yt_get(it, "implementation_groups"), fn, &soa))
		return -1;
	fn->in_soa = fn->assessable && soa;
	v = yt_get(it, "reference_controls");
	skip(c, "links to reference controls", v && v->kind == YT_SEQ ? v->n : 0);
	skip(c, "translations", yt_get(it, "translations") ? 1 : 0);
	return 0;
}

static int read_framework(struct ctx *c, const struct yt_node *lib, const struct yt_node *f, struct fw_import *imp)
{
	const char *urn, *ref_id, *name, *desc, *lib_ref, *lib_desc, *version, *provider;
	const struct yt_node *nodes;
	struct fw_def *fw;
	struct urnset seen;
	if (f->kind != YT_MAP)
		return bad(c, f, "objects.framework must be a mapping");
	if (text(c, f, "urn", &urn) || text(c, f, "ref_id", &ref_id) || text(c, f, "name", &name) ||
	    text(c, f, "description", &desc) || text(c, lib, "ref_id", &lib_ref) ||
	    text(c, lib, "description", &lib_desc) || text(c, lib, "version", &version) ||
	    text(c, lib, "provider", &provider))
		return -1;
	if (!urn)
		return bad(c, f, "the framework has no urn");
	if (!name)
		return bad(c, f, "the framework %s has no name", urn);
	if (!ref_id && !(ref_id = lib_ref))
		return bad(c, f, "the framework %s has no ref_id (nor has its library)", urn);
	nodes = yt_get(f, "requirement_nodes");
	if (!nodes || nodes->kind != YT_SEQ || nodes->n == 0)
		return bad(c, nodes ? nodes : f, "the framework %s has no list of requirement_nodes", urn);
	fw = fw_import_add_framework(imp, c->a);
	fw->urn = lower_dup(c->a, urn);
	fw->ref_id = ref_id;
	fw->name = name;
	fw->description = desc ? desc : lib_desc;
	fw->version = version;
	fw->provider = provider;
	urnset_init(&seen, (size_t)nodes->n, c->a);
	for (int i = 0; i < nodes->n; i++)
		if (read_node(c, nodes->items[i], fw, &seen))
			return -1;
	skip(c, "translations", yt_get(f, "translations") ? 1 : 0);
	return 0;
}

/* ---- mapping sets ----------------------------------------------------------- */

/* 1 when the database has a row for urn (sql: SELECT 1 ... WHERE urn = ?), 0 when not or no store. */
static int db_has(struct ctx *c, const char *sql, const char *urn)
{
	struct stmt *st;
	int rc;
	if (!c->s)
		return 0;
	if (!(st = store_prepare(c->s, sql, c->e)))
		return -1;
	stmt_bind_text(st, 1, urn);
	rc = stmt_step(st, c->e);
	stmt_done(st);
	return rc < 0 ? -1 : rc == STORE_ROW;
}

/* Whether a mapping side's framework is here or installed: 1, 0, or -1 on a database error. */
static int framework_known(struct ctx *c, const struct fw_import *imp, const char *urn)
{
	if (!urn)
		return 0;
	for (int i = 0; i < imp->n_fws; i++)
		if (strcmp(imp->fws[i].urn, urn) == 0)
			return 1;
	return db_has(c, "SELECT 1 FROM framework WHERE urn = ?", urn);
}

/* An endpoint must be a node of its framework when that framework is known
 * (here or installed); otherwise framework_import_save decides, at the end. */
static int check_end(struct ctx *c, const struct urnset *have, const char *urn, int fw_known, const char *fw_urn,
		     const char *side, const struct yt_node *at)
{
	int rc;
	if (!fw_known || urnset_has(have, urn))
		return 0;
	if ((rc = db_has(c, "SELECT 1 FROM requirement WHERE urn = ?", urn)) != 0)
		return rc < 0 ? -1 : 0;
	return bad(c, at, "the %s requirement %s is not in framework %s", side, urn, fw_urn);
}

static const char *relationship(const char *r)
{
	static const char *const names[][2] = { { "equal", "equal" },
						{ "subset", "subset" },
						{ "superset", "superset" },
						{ "intersect", "intersects" },
						{ "intersects", "intersects" },
						{ "not_related", "" } };
	for (size_t i = 0; r && i < ARRAY_SIZE(names); i++)
		if (strcasecmp(r, names[i][0]) == 0)
			return names[i][1];
	return NULL;
}

static int read_set(struct ctx *c, const struct yt_node *sn, struct fw_import *imp, const struct urnset *have)
{
	const char *urn, *name, *ref_id, *src_fw, *tgt_fw;
	const struct yt_node *items;
	struct fw_mapping_set *set;
	int src_known, tgt_known;
	if (sn->kind != YT_MAP)
		return bad(c, sn, "a requirement mapping set must be a mapping");
	if (text(c, sn, "urn", &urn) || text(c, sn, "name", &name) || text(c, sn, "ref_id", &ref_id) ||
	    text(c, sn, "source_framework_urn", &src_fw) || text(c, sn, "target_framework_urn", &tgt_fw))
		return -1;
	if (!urn)
		return bad(c, sn, "a requirement mapping set without urn");
	urn = lower_dup(c->a, urn);
	items = yt_get(sn, "requirement_mappings");
	if (!items || items->kind != YT_SEQ)
		return bad(c, items ? items : sn, "the mapping set %s has no list of requirement_mappings", urn);
	src_fw = src_fw ? lower_dup(c->a, src_fw) : NULL;
	tgt_fw = tgt_fw ? lower_dup(c->a, tgt_fw) : NULL;
	if ((src_known = framework_known(c, imp, src_fw)) < 0 || (tgt_known = framework_known(c, imp, tgt_fw)) < 0)
		return -1;
	set = fw_import_add_set(imp, c->a);
	set->urn = urn;
	set->name = name ? name : ref_id ? ref_id : urn;
	for (int i = 0; i < items->n; i++) {
		const struct yt_node *it = items->items[i];
		const char *src, *tgt, *rel, *norm;
		struct fw_mapping *m;
		if (it->kind != YT_MAP)
			return bad(c, it, "a requirement mapping must be a mapping");
		if (text(c, it, "source_requirement_urn", &src) || text(c, it, "target_requirement_urn", &tgt) ||
		    text(c, it, "relationship", &rel))
			return -1;
		if (!src || !tgt)
			return bad(c, it, "a requirement mapping without %s",
				   src ? "target_requirement_urn" : "source_requirement_urn");
		if (!(norm = relationship(rel)))
			return bad(c, it, "the relationship '%.40s' is not one of equal, subset, superset, intersect, "
				   "not_related", rel ? rel : "");
		src = lower_dup(c->a, src);
		tgt = lower_dup(c->a, tgt);
		if (check_end(c, have, src, src_known, src_fw, "source", it) ||
		    check_end(c, have, tgt, tgt_known, tgt_fw, "target", it))
			return -1;
		if (!*norm) {
			skip(c, "not_related mappings", 1);
			continue;
		}
		m = fw_set_add(set, c->a);
		m->source_urn = src;
		m->target_urn = tgt;
		m->relationship = norm;
	}
	return 0;
}

/* ---- a library ---------------------------------------------------------------- */

static const char *object_label(struct arena *a, const char *key)
{
	static const char *const labels[][2] = { { "reference_controls", "reference controls" },
						 { "threats", "threats" },
						 { "risk_matrix", "risk matrices" },
						 { "risk_matrices", "risk matrices" } };
	char *d;
	for (size_t i = 0; i < ARRAY_SIZE(labels); i++)
		if (strcmp(key, labels[i][0]) == 0)
			return labels[i][1];
	d = arena_strdup(a, key);
	for (char *p = d; *p; p++)
		if (*p == '_')
			*p = ' ';
	return d;
}

static int read_library(struct ctx *c, const struct yt_node *lib, struct fw_import *imp)
{
	const struct yt_node *objects = yt_get(lib, "objects"), *f, *one, *many;
	struct urnset have;
	size_t total = 0;
	if (!lib || lib->kind != YT_MAP || !objects || objects->kind != YT_MAP)
		return bad(c, objects ? objects : lib,
			   "not a CISO Assistant library: it needs a mapping named objects at the top");
	f = yt_get(objects, "framework");
	one = yt_get(objects, "requirement_mapping_set");
	many = yt_get(objects, "requirement_mapping_sets");
	if (yt_is_null(f) && yt_is_null(one) && yt_is_null(many))
		return bad(c, objects, "the library holds no framework and no requirement mapping set");
	for (int i = 0; i + 1 < objects->n; i += 2) {
		const char *key = objects->items[i]->text;
		const struct yt_node *v = objects->items[i + 1];
		if (strcmp(key, "framework") && strcmp(key, "requirement_mapping_set") &&
		    strcmp(key, "requirement_mapping_sets"))
			skip(c, object_label(c->a, key), v->kind == YT_SEQ ? v->n : yt_is_null(v) ? 0 : 1);
	}
	skip(c, "translations", yt_get(lib, "translations") ? 1 : 0);
	if (!yt_is_null(f) && read_framework(c, lib, f, imp))
		return -1;
	if (yt_is_null(one) && yt_is_null(many))
		return 0;
	if (!yt_is_null(many) && many->kind != YT_SEQ)
		return bad(c, many, "requirement_mapping_sets must be a list");
	for (int i = 0; i < imp->n_fws; i++)
		total += (size_t)imp->fws[i].n_nodes;
	urnset_init(&have, total, c->a);
	for (int i = 0; i < imp->n_fws; i++)
		for (int k = 0; k < imp->fws[i].n_nodes; k++)
			urnset_add(&have, imp->fws[i].nodes[k].urn);
	if (!yt_is_null(one) && read_set(c, one, imp, &have))
		return -1;
	for (int i = 0; !yt_is_null(many) && i < many->n; i++)
		if (read_set(c, many->items[i], imp, &have))
			return -1;
	return 0;
}

int ciso_parse_report(const char *buf, size_t len, const char *name, struct store *s, struct fw_import *imp,
		      struct arena *a, struct ciso_report *rep, struct err *e)
{
	struct ctx c = { name, a, e, s, rep };
	struct yt_node *root;
	struct ciso_report before;
	int n_fws = imp->n_fws, n_sets = imp->n_sets;
	if (rep)
		before = *rep;
	if (yt_load(buf, len, name, a, &root, e) == 0 && read_library(&c, root, imp) == 0)
		return 0;
	imp->n_fws = n_fws; /* nothing of a refused file stays */
	imp->n_sets = n_sets;
	if (rep)
		*rep = before;
	return -1;
}

int ciso_parse(const char *buf, size_t len, const char *name, const char *dir, struct store *s,
	       struct fw_import *imp, struct arena *a, struct err *e)
{
	struct ciso_report rep = { 0 };
	struct strbuf sb = STRBUF_INIT;
	(void)dir;
	if (ciso_parse_report(buf, len, name, s, imp, a, &rep, e))
		return -1;
	/* what this file held that is left out, after the other files' */
	if (rep.n) {
		if (imp->skipped)
			sb_addf(&sb, "%s; ", imp->skipped);
		sb_addf(&sb, "%s: ", name);
		ciso_report_text(&rep, &sb);
		imp->skipped = arena_strndup(a, sb.buf, sb.len);
	}
	sb_release(&sb);
	return 0;
}

void ciso_report_text(const struct ciso_report *rep, struct strbuf *sb)
{
	for (int i = 0; i < rep->n; i++)
		sb_addf(sb, "%s%ld %s", i ? ", " : "", rep->skipped[i].n, rep->skipped[i].what);
}
