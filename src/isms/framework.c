#include "isms/framework.h"

#include <ctype.h>
#include <jansson.h>
#include <string.h>

#include "base/jsonw.h"
#include "base/strbuf.h"
#include "base/timeutil.h"
#include "base/util.h"
#include "isms/audit.h"

/* ---- builders ------------------------------------------------------------ */

struct fw_def *fw_import_add_framework(struct fw_import *imp, struct arena *a)
{
	struct fw_def *d;
	imp->fws = arena_grow(a, imp->fws, imp->n_fws, &imp->cap_fws, sizeof(*imp->fws));
	d = &imp->fws[imp->n_fws++];
	memset(d, 0, sizeof(*d));
	return d;
}

struct fw_node *fw_def_add_node(struct fw_def *fw, struct arena *a)
{
	struct fw_node *n;
	fw->nodes = arena_grow(a, fw->nodes, fw->n_nodes, &fw->cap_nodes, sizeof(*fw->nodes));
	n = &fw->nodes[fw->n_nodes++];
	memset(n, 0, sizeof(*n));
	return n;
}

struct fw_mapping_set *fw_import_add_set(struct fw_import *imp, struct arena *a)
{
	struct fw_mapping_set *m;
	imp->sets = arena_grow(a, imp->sets, imp->n_sets, &imp->cap_sets, sizeof(*imp->sets));
	m = &imp->sets[imp->n_sets++];
	memset(m, 0, sizeof(*m));
	return m;
}

struct fw_mapping *fw_set_add(struct fw_mapping_set *set, struct arena *a)
{
	struct fw_mapping *m;
	set->items = arena_grow(a, set->items, set->n, &set->cap, sizeof(*set->items));
	m = &set->items[set->n++];
	memset(m, 0, sizeof(*m));
	return m;
}

/* ---- URN index ------------------------------------------------------------
 * Open addressing over lower-cased URNs: the nodes of one import, so that a
 * child finds its parent's id and a mapping its endpoints without asking the
 * database. */

struct urn_slot {
	const char *urn; /* lower case; NULL: empty */
	int64_t id;      /* requirement id once written; 0 before */
	int fw;          /* index of its framework in the import */
	int depth;       /* 1 for a root; set as nodes are written */
};

struct urn_index {
	struct urn_slot *slots;
	size_t mask;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static void index_init(struct urn_index *ix, size_t n, struct arena *a)
{
	size_t cap = 16;
	while (cap < n * 2)
		cap *= 2;
	ix->slots = arena_alloc(a, cap * sizeof(*ix->slots));
	ix->mask = cap - 1;
}

/* The slot of urn: its own, or the empty one where it would go. */
static struct urn_slot *index_slot(struct urn_index *ix, const char *urn)
{
	size_t i = (size_t)hash_str(urn) & ix->mask;
	while (ix->slots[i].urn && strcmp(ix->slots[i].urn, urn) != 0)
		i = (i + 1) & ix->mask;
	return &ix->slots[i];
}

static char *lower_dup(struct arena *a, const char *s)
{
	char *d = arena_strdup(a, s);
	for (char *p = d; p && *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return d;
}

static int blank(const char *s)
{
	if (!s)
		return 1;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return !*s;
}

/* Canonical relationship names; NULL for "not related" (dropped) and -1 via
 * *bad for anything unknown. */
static const char *relationship_of(const char *r, int *bad)
{
	static const char *const known[] = { "equal", "subset", "superset", "intersects" };
	*bad = 0;
	if (!r)
		return "intersects";
	for (size_t i = 0; i < ARRAY_SIZE(known); i++)
		if (strcasecmp(r, known[i]) == 0)
			return known[i];
	if (strcasecmp(r, "intersect") == 0 || strcasecmp(r, "intersects_with") == 0)
		return "intersects";
	if (strcasecmp(r, "not_related") == 0 || strcasecmp(r, "no_relationship") == 0)
		return NULL;
	*bad = 1;
	return NULL;
}

/* attributes: NULL, or a JSON object whose values are arrays of strings. */
static int attributes_ok(const char *text)
{
	json_error_t je;
	json_t *root, *v;
	const char *k;
	int ok = 1;
	if (!text)
		return 1;
	if (!(root = json_loads(text, JSON_REJECT_DUPLICATES, &je)))
		return 0;
	if (!json_is_object(root))
		ok = 0;
	json_object_foreach(root, k, v) {
		size_t i;
		json_t *item;
		if (!json_is_array(v)) {
			ok = 0;
			break;
		}
		json_array_foreach(v, i, item) if (!json_is_string(item)) ok = 0;
	}
	json_decref(root);
	return ok;
}

/* ---- checking an import whole -------------------------------------------- */

/* Lower-cases every URN of imp into copies (imp itself stays as the parser
 * made it) and checks what needs no database. */
struct checked {
	const char **fw_urn, **fw_base;
	const char ***node_urn, ***node_parent;
	int nodes;
	struct urn_index ix;
};

static int check_import(const struct fw_import *imp, struct checked *c, struct arena *a, struct err *e)
{
	const char *file = imp->file ? imp->file : "the import";
	int total = 0;

	if (imp->n_fws == 0 && imp->n_sets == 0)
		return err_set(e, 422, "empty_import", "%s holds no framework and no mapping set.", file);
	for (int f = 0; f < imp->n_fws; f++)
		total += imp->fws[f].n_nodes;
	c->nodes = total;
	index_init(&c->ix, (size_t)total + (size_t)imp->n_fws, a);
	c->fw_urn = arena_alloc(a, sizeof(char *) * (size_t)(imp->n_fws + 1));
	c->fw_base = arena_alloc(a, sizeof(char *) * (size_t)(imp->n_fws + 1));
	c->node_urn = arena_alloc(a, sizeof(char **) * (size_t)(imp->n_fws + 1));
	c->node_parent = arena_alloc(a, sizeof(char **) * (size_t)(imp->n_fws + 1));

	for (int f = 0; f < imp->n_fws; f++) {
		const struct fw_def *d = &imp->fws[f];
		if (blank(d->urn))
			return err_set(e, 422, "invalid_framework", "%s: framework %d has no URN.", file, f + 1);
		if (blank(d->name) || blank(d->ref_id))
			return err_set(e, 422, "invalid_framework", "%s: framework %s has no %s.", file, d->urn,
				       blank(d->name) ? "name" : "short name (ref_id)");
		c->fw_urn[f] = lower_dup(a, d->urn);
		c->fw_base[f] = d->base_urn ? lower_dup(a, d->base_urn) : NULL;
		for (int g = 0; g < f; g++)
			if (strcmp(c->fw_urn[g], c->fw_urn[f]) == 0)
				return err_set(e, 422, "duplicate_urn", "%s: framework %s appears twice.", file, d->urn);
		if (d->n_nodes == 0)
			return err_set(e, 422, "invalid_framework", "%s: framework %s has no requirements.", file,
				       d->urn);
		c->node_urn[f] = arena_alloc(a, sizeof(char *) * (size_t)d->n_nodes);
		c->node_parent[f] = arena_alloc(a, sizeof(char *) * (size_t)d->n_nodes);
		for (int i = 0; i < d->n_nodes; i++) {
			const struct fw_node *n = &d->nodes[i];
			struct urn_slot *slot;
			if (blank(n->urn))
				return err_set(e, 422, "invalid_requirement",
					       "%s: framework %s, node %d%s%s has no URN.", file, d->urn, i + 1,
					       n->ref_id ? " " : "", n->ref_id ? n->ref_id : "");
			if (blank(n->title))
				return err_set(e, 422, "invalid_requirement", "%s: requirement %s has no title.", file,
					       n->urn);
			if (!attributes_ok(n->attributes))
				return err_set(e, 422, "invalid_requirement",
					       "%s: requirement %s: attributes must be a JSON object of string lists.",
					       file, n->urn);
			c->node_urn[f][i] = lower_dup(a, n->urn);
			c->node_parent[f][i] = n->parent_urn ? lower_dup(a, n->parent_urn) : NULL;
			slot = index_slot(&c->ix, c->node_urn[f][i]);
			if (slot->urn)
				return err_set(e, 422, "duplicate_urn", "%s: requirement %s appears twice.", file,
					       n->urn);
			if (c->node_parent[f][i]) {
				struct urn_slot *p = index_slot(&c->ix, c->node_parent[f][i]);
				if (!p->urn || p->fw != f)
					return err_set(e, 422, "unknown_parent",
						       "%s: requirement %s names parent %s, which is not a node of "
						       "%s defined before it.",
						       file, n->urn, n->parent_urn, d->urn);
			}
			slot->urn = c->node_urn[f][i];
			slot->fw = f;
		}
	}
	for (int m = 0; m < imp->n_sets; m++) {
		const struct fw_mapping_set *set = &imp->sets[m];
		for (int i = 0; i < set->n; i++) {
			int bad;
			relationship_of(set->items[i].relationship, &bad);
			if (bad)
				return err_set(e, 422, "invalid_mapping",
					       "%s: mapping set %s, entry %d: unknown relationship \"%s\" (equal, "
					       "subset, superset, intersects, not_related).",
					       file, set->urn ? set->urn : "?", i + 1, set->items[i].relationship);
			if (blank(set->items[i].source_urn) || blank(set->items[i].target_urn))
				return err_set(e, 422, "invalid_mapping",
					       "%s: mapping set %s, entry %d has no source or target URN.", file,
					       set->urn ? set->urn : "?", i + 1);
		}
	}
	return 0;
}

/* ---- writing ------------------------------------------------------------- */

static int lookup_id(struct store *s, const char *sql, const char *key, int64_t *id, struct err *e)
{
	struct stmt *st = store_prepare(s, sql, e);
	int step;
	*id = 0;
	if (!st)
		return -1;
	stmt_bind_text(st, 1, key);
	step = stmt_step(st, e);
	if (step == STORE_ROW)
		*id = stmt_int(st, 0);
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

static int write_framework(struct store *s, const struct actor *who, const struct fw_import *imp, int f,
			   const struct checked *c, const char *now, int64_t base_id, int64_t *id, struct err *e)
{
	const struct fw_def *d = &imp->fws[f];
	struct stmt *st;
	int has_soa = 0;
	for (int i = 0; i < d->n_nodes; i++)
		has_soa |= d->nodes[i].in_soa != 0;
	st = store_prepare(s,
			   "INSERT INTO framework (urn, ref_id, name, version, provider, description, origin, source, "
			   "base_framework_id, has_soa, requirement_count, created_at, created_by) "
			   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
			   e);
	if (!st)
		return -1;
	stmt_bind_text(st, 1, c->fw_urn[f]);
	stmt_bind_text(st, 2, d->ref_id);
	stmt_bind_text(st, 3, d->name);
	stmt_bind_text(st, 4, d->version);
	stmt_bind_text(st, 5, d->provider);
	stmt_bind_text(st, 6, d->description);
	stmt_bind_text(st, 7, imp->origin ? imp->origin : "import");
	stmt_bind_text(st, 8, d->source ? d->source : imp->file);
	stmt_bind_id(st, 9, base_id);
	stmt_bind_int(st, 10, has_soa);
	stmt_bind_int(st, 11, d->n_nodes);
	stmt_bind_text(st, 12, now);
	stmt_bind_id(st, 13, who ? who->user_id : 0);
	if (stmt_step(st, e) != STORE_ROW) {
		stmt_done(st);
		return -1;
	}
	*id = stmt_int(st, 0);
	stmt_done(st);
	return 0;
}

static int write_nodes(struct store *s, const struct fw_import *imp, int f, struct checked *c, int64_t fw_id,
		       long *done, long total, fw_progress_fn progress, void *ctx, struct err *e)
{
	const struct fw_def *d = &imp->fws[f];
	for (int i = 0; i < d->n_nodes; i++) {
		const struct fw_node *n = &d->nodes[i];
		struct urn_slot *slot = index_slot(&c->ix, c->node_urn[f][i]);
		int64_t parent = 0;
		struct stmt *st;
		slot->depth = 1;
		if (c->node_parent[f][i]) {
			struct urn_slot *p = index_slot(&c->ix, c->node_parent[f][i]);
			parent = p->id;
			slot->depth = p->depth + 1;
		}
		st = store_prepare(s,
				   "INSERT INTO requirement (framework_id, parent_id, urn, ref_id, title, guidance, "
				   "assessable, in_soa, attributes, ordinal, depth) "
				   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
				   e);
		if (!st)
			return -1;
		stmt_bind_int(st, 1, fw_id);
		stmt_bind_id(st, 2, parent);
		stmt_bind_text(st, 3, c->node_urn[f][i]);
		stmt_bind_text(st, 4, blank(n->ref_id) ? NULL : n->ref_id);
		stmt_bind_text(st, 5, n->title);
		stmt_bind_text(st, 6, blank(n->guidance) ? NULL : n->guidance);
		stmt_bind_int(st, 7, n->assessable != 0);
		stmt_bind_int(st, 8, n->in_soa != 0);
		stmt_bind_text(st, 9, n->attributes);
		stmt_bind_int(st, 10, i + 1);
		stmt_bind_int(st, 11, slot->depth);
		if (stmt_step(st, e) != STORE_ROW) {
			stmt_done(st);
			return -1;
		}
		slot->id = stmt_int(st, 0);
		stmt_done(st);
		if (progress && (++*done % 500 == 0 || *done == total))
			progress(ctx, "requirements", *done, total);
	}
	return 0;
}

/* The id of a requirement urn: in this import, else installed; 0 when none. */
static int endpoint(struct store *s, struct checked *c, const char *urn, struct arena *a, int64_t *id,
		    struct err *e)
{
	const char *low = lower_dup(a, urn);
	struct urn_slot *slot = index_slot(&c->ix, low);
	if (slot->urn) {
		*id = slot->id;
		return 0;
	}
	return lookup_id(s, "SELECT id FROM requirement WHERE urn = ?", low, id, e);
}

static int write_mappings(struct store *s, const struct fw_import *imp, struct checked *c, int *written,
			  struct arena *a, struct err *e)
{
	const char *file = imp->file ? imp->file : "the import";
	for (int m = 0; m < imp->n_sets; m++) {
		const struct fw_mapping_set *set = &imp->sets[m];
		for (int i = 0; i < set->n; i++) {
			const struct fw_mapping *mp = &set->items[i];
			int64_t src, dst;
			int bad;
			const char *rel = relationship_of(mp->relationship, &bad);
			if (!rel)
				continue;
			if (endpoint(s, c, mp->source_urn, a, &src, e) || endpoint(s, c, mp->target_urn, a, &dst, e))
				return -1;
			if (!src || !dst)
				return err_set(e, 422, "dangling_urn",
					       "%s: mapping set %s, entry %d: %s %s is neither in this import nor "
					       "installed.",
					       file, set->urn ? set->urn : "?", i + 1, src ? "target" : "source",
					       src ? mp->target_urn : mp->source_urn);
			/* a pair mapped twice (a forward and a reverse set): the first wins */
			if (STORE_RUN(s, e,
				      "INSERT INTO requirement_mapping (source_id, target_id, relationship, origin) "
				      "SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM requirement_mapping "
				      "WHERE (source_id = ? AND target_id = ?) OR (source_id = ? AND target_id = ?))",
				      ARG_INT(src), ARG_INT(dst), ARG_TEXT(rel), ARG_TEXT(set->urn), ARG_INT(src),
				      ARG_INT(dst), ARG_INT(dst), ARG_INT(src)))
				return -1;
			*written += (int)store_changes(s);
		}
	}
	return 0;
}

int framework_import_save(struct store *s, const struct actor *who, const struct fw_import *imp,
			  struct fw_import_result *res, fw_progress_fn progress, void *ctx, struct err *e)
{
	struct arena a = ARENA_INIT;
	struct checked c = { 0 };
	struct strbuf after = STRBUF_INIT;
	int64_t *ids = NULL;
	long done = 0;
	char now[32];
	int rc = -1, first = 1;

	memset(res, 0, sizeof(*res));
	if (who && who->role < ROLE_MANAGER) {
		err_set(e, 403, "forbidden", "Importing frameworks needs the ISMS manager role or above.");
		return -1;
	}
	if (check_import(imp, &c, &a, e)) {
		arena_release(&a);
		return -1;
	}
	ids = arena_alloc(&a, sizeof(int64_t) * (size_t)(imp->n_fws + 1));
	time_now_iso(now);
	if (store_begin(s, e)) {
		arena_release(&a);
		return -1;
	}
	for (int f = 0; f < imp->n_fws; f++) {
		const struct fw_def *d = &imp->fws[f];
		int64_t existing, base = 0;
		if (lookup_id(s, "SELECT id FROM framework WHERE urn = ?", c.fw_urn[f], &existing, e))
			goto out;
		if (existing) {
			err_set(e, 409, "already_installed", "%s (%s) is already installed as framework %lld.",
				d->name, d->ref_id, (long long)existing);
			goto out;
		}
		if (c.fw_base[f]) {
			for (int g = 0; g < f; g++)
				if (strcmp(c.fw_urn[g], c.fw_base[f]) == 0)
					base = ids[g];
			if (!base && lookup_id(s, "SELECT id FROM framework WHERE urn = ?", c.fw_base[f], &base, e))
				goto out;
			if (!base) {
				err_set(e, 422, "unknown_base",
					"%s: %s selects from %s, which is neither in this import nor installed.",
					imp->file ? imp->file : "the import", d->urn, d->base_urn);
				goto out;
			}
		}
		if (write_framework(s, who, imp, f, &c, now, base, &ids[f], e) ||
		    write_nodes(s, imp, f, &c, ids[f], &done, c.nodes, progress, ctx, e))
			goto out;
		res->frameworks++;
		res->requirements += d->n_nodes;
	}
	if (progress && imp->n_sets)
		progress(ctx, "mappings", 0, imp->n_sets);
	if (write_mappings(s, imp, &c, &res->mappings, &a, e))
		goto out;
	res->first_framework_id = imp->n_fws ? ids[0] : 0;
	res->skipped = imp->skipped;

	sb_adds(&after, "{");
	jsonw_kv_str(&after, &first, "origin", imp->origin);
	jsonw_kv_str(&after, &first, "file", imp->file);
	jsonw_key(&after, &first, "frameworks");
	sb_adds(&after, "[");
	for (int f = 0; f < imp->n_fws; f++) {
		int ff = 1;
		sb_adds(&after, f ? ",{" : "{");
		jsonw_kv_int(&after, &ff, "id", ids[f]);
		jsonw_kv_str(&after, &ff, "urn", c.fw_urn[f]);
		jsonw_kv_str(&after, &ff, "name", imp->fws[f].name);
		jsonw_kv_int(&after, &ff, "requirements", imp->fws[f].n_nodes);
		sb_adds(&after, "}");
	}
	sb_adds(&after, "]");
	jsonw_kv_int(&after, &first, "mappings", res->mappings);
	sb_adds(&after, "}");
	if (audit_append(s, who, "framework_import", "framework", res->first_framework_id, NULL, after.buf, e))
		goto out;
	rc = store_commit(s, e);
out:
	if (rc) {
		store_rollback(s);
		memset(res, 0, sizeof(*res));
	}
	sb_release(&after);
	arena_release(&a);
	return rc;
}

/* ---- reading ------------------------------------------------------------- */

#define FW_SELECT                                                                                           \
	"SELECT id, urn, ref_id, name, version, provider, description, origin, source, base_framework_id, "   \
	"has_soa, requirement_count, created_at, created_by FROM framework"

static void read_framework(struct stmt *st, struct arena *a, struct framework *f)
{
	f->id = stmt_int(st, 0);
	f->urn = arena_strdup(a, stmt_text(st, 1));
	f->ref_id = arena_strdup(a, stmt_text(st, 2));
	f->name = arena_strdup(a, stmt_text(st, 3));
	f->version = arena_strdup(a, stmt_text(st, 4));
	f->provider = arena_strdup(a, stmt_text(st, 5));
	f->description = arena_strdup(a, stmt_text(st, 6));
	f->origin = arena_strdup(a, stmt_text(st, 7));
	f->source = arena_strdup(a, stmt_text(st, 8));
	f->base_framework_id = stmt_isnull(st, 9) ? 0 : stmt_int(st, 9);
	f->has_soa = (int)stmt_int(st, 10);
	f->requirement_count = stmt_int(st, 11);
	f->created_at = arena_strdup(a, stmt_text(st, 12));
	f->created_by = stmt_isnull(st, 13) ? 0 : stmt_int(st, 13);
}

int framework_list(struct store *s, struct arena *a, struct framework **out, int *n, struct err *e)
{
	struct stmt *st = store_prepare(s, FW_SELECT " ORDER BY ref_id, id", e);
	int cap = 0, step;
	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		read_framework(st, a, &(*out)[(*n)++]);
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

static int framework_one(struct store *s, const char *sql, int64_t id, const char *key, struct arena *a,
			 struct framework *out, struct err *e)
{
	struct stmt *st = store_prepare(s, sql, e);
	int step;
	if (!st)
		return -1;
	if (key)
		stmt_bind_text(st, 1, key);
	else
		stmt_bind_int(st, 1, id);
	step = stmt_step(st, e);
	if (step == STORE_ROW)
		read_framework(st, a, out);
	stmt_done(st);
	if (step == STORE_DONE) {
		if (key)
			return err_set(e, 404, "not_found", "No framework %s is installed.", key);
		return err_set(e, 404, "not_found", "There is no framework %lld.", (long long)id);
	}
	return step < 0 ? -1 : 0;
}

int framework_get(struct store *s, int64_t id, struct arena *a, struct framework *out, struct err *e)
{
	return framework_one(s, FW_SELECT " WHERE id = ?", id, NULL, a, out, e);
}

int framework_by_urn(struct store *s, const char *urn, struct arena *a, struct framework *out, struct err *e)
{
	return framework_one(s, FW_SELECT " WHERE urn = ?", 0, lower_dup(a, urn), a, out, e);
}

#define REQ_SELECT                                                                                          \
	"SELECT id, framework_id, parent_id, urn, ref_id, title, guidance, attributes, assessable, in_soa, "  \
	"depth, ordinal FROM requirement"

static void read_requirement(struct stmt *st, struct arena *a, struct requirement *r)
{
	r->id = stmt_int(st, 0);
	r->framework_id = stmt_int(st, 1);
	r->parent_id = stmt_isnull(st, 2) ? 0 : stmt_int(st, 2);
	r->urn = arena_strdup(a, stmt_text(st, 3));
	r->ref_id = arena_strdup(a, stmt_text(st, 4));
	r->title = arena_strdup(a, stmt_text(st, 5));
	r->guidance = arena_strdup(a, stmt_text(st, 6));
	r->attributes = arena_strdup(a, stmt_text(st, 7));
	r->assessable = (int)stmt_int(st, 8);
	r->in_soa = (int)stmt_int(st, 9);
	r->depth = (int)stmt_int(st, 10);
	r->ordinal = stmt_int(st, 11);
}

int framework_requirements(struct store *s, int64_t framework_id, struct arena *a, struct requirement **out,
			   int *n, struct err *e)
{
	struct stmt *st = store_prepare(s, REQ_SELECT " WHERE framework_id = ? ORDER BY ordinal", e);
	int cap = 0, step;
	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, framework_id);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		read_requirement(st, a, &(*out)[(*n)++]);
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

int requirement_get(struct store *s, int64_t id, struct arena *a, struct requirement *out, struct err *e)
{
	struct stmt *st = store_prepare(s, REQ_SELECT " WHERE id = ?", e);
	int step;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, id);
	step = stmt_step(st, e);
	if (step == STORE_ROW)
		read_requirement(st, a, out);
	stmt_done(st);
	if (step == STORE_DONE)
		return err_set(e, 404, "not_found", "There is no requirement %lld.", (long long)id);
	return step < 0 ? -1 : 0;
}

int requirement_by_ref(struct store *s, int64_t framework_id, const char *ref_id, struct arena *a,
		       struct requirement *out, struct err *e)
{
	static const char *const sqls[] = {
		REQ_SELECT " WHERE framework_id = ? AND ref_id = ? ORDER BY ordinal LIMIT 1",
		REQ_SELECT " WHERE framework_id = ? AND lower(ref_id) = lower(?) ORDER BY ordinal LIMIT 1",
	};
	for (size_t i = 0; i < ARRAY_SIZE(sqls); i++) {
		struct stmt *st = store_prepare(s, sqls[i], e);
		int step;
		if (!st)
			return -1;
		stmt_bind_int(st, 1, framework_id);
		stmt_bind_text(st, 2, ref_id ? ref_id : "");
		step = stmt_step(st, e);
		if (step == STORE_ROW)
			read_requirement(st, a, out);
		stmt_done(st);
		if (step < 0)
			return -1;
		if (step == STORE_ROW)
			return 0;
	}
	return err_set(e, 404, "not_found", "Framework %lld has no requirement %s.", (long long)framework_id,
		       ref_id ? ref_id : "(none given)");
}

int requirement_mappings(struct store *s, int64_t id, struct arena *a, struct req_mapping **out, int *n,
			 struct err *e)
{
	static const char *const sqls[] = {
		"SELECT o.id, o.ref_id, o.title, f.id, f.ref_id, m.relationship FROM requirement_mapping m "
		"JOIN requirement o ON o.id = m.target_id JOIN framework f ON f.id = o.framework_id "
		"WHERE m.source_id = ? ORDER BY f.ref_id, o.ordinal",
		"SELECT o.id, o.ref_id, o.title, f.id, f.ref_id, m.relationship FROM requirement_mapping m "
		"JOIN requirement o ON o.id = m.source_id JOIN framework f ON f.id = o.framework_id "
		"WHERE m.target_id = ? ORDER BY f.ref_id, o.ordinal",
	};
	int cap = 0;
	*out = NULL;
	*n = 0;
	for (size_t q = 0; q < ARRAY_SIZE(sqls); q++) {
		struct stmt *st = store_prepare(s, sqls[q], e);
		int step;
		if (!st)
			return -1;
		stmt_bind_int(st, 1, id);
		while ((step = stmt_step(st, e)) == STORE_ROW) {
			struct req_mapping *m;
			const char *rel = stmt_text(st, 5);
			if (q == 1 && streq(rel, "subset"))
				rel = "superset";
			else if (q == 1 && streq(rel, "superset"))
				rel = "subset";
			*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
			m = &(*out)[(*n)++];
			m->id = stmt_int(st, 0);
			m->ref_id = arena_strdup(a, stmt_text(st, 1));
			m->title = arena_strdup(a, stmt_text(st, 2));
			m->framework_id = stmt_int(st, 3);
			m->framework = arena_strdup(a, stmt_text(st, 4));
			m->relationship = arena_strdup(a, rel);
			m->reverse = (int)q;
		}
		stmt_done(st);
		if (step < 0)
			return -1;
	}
	return 0;
}
