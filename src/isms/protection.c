/* protection: effective protection needs of assets by the maximum principle
 * (see protection.h): the pure computation over a graph, keeping the
 * stored values up to date in the write transaction, and where a value
 * comes from. */
#include "isms/protection.h"

#include <stdlib.h>
#include <string.h>

#include "base/jsonw.h"
#include "base/util.h"
#include "base/xalloc.h"
#include "isms/audit.h"
#include "isms/record.h"
#include "model/entity.h"
#include "isms/classification.h"

/* The asset table and its depends_on links (link.c's kind table names the
 * same table). Constants, never input. */
#define ASSETS "asset"
#define DEPENDS "link_asset_depends_on"

const char *const pn_dim_names[PN_DIMS] = { "confidentiality", "integrity", "availability", "classification" };
const char *const pn_dim_labels[PN_DIMS] = { "Confidentiality", "Integrity", "Availability", "Classification" };

/* ---- the classification scheme ------------------------------------------ */

int protection_class_rank(const struct cl_scheme *sc, const char *key)
{
	for (int i = 0; key && i < sc->n; i++)
		if (strcmp(sc->levels[i].key, key) == 0)
			return i + 1;
	return 0;
}

const char *protection_class_key(const struct cl_scheme *sc, int rank)
{
	return rank >= 1 && rank <= sc->n ? sc->levels[rank - 1].key : NULL;
}

/* ---- the pure computation ------------------------------------------------ */

static int max_int(int x, int y)
{
	return x > y ? x : y;
}

int pn_compute(struct pn_node *nodes, int n, const struct pn_edge *edges, int nedges)
{
	/* Kahn's order: a node is final once every node depending on it is */
	int *indeg = xcalloc((size_t)n + 1, sizeof(int));
	int *first = xcalloc((size_t)n + 1, sizeof(int)); /* out-edges of node i: by_from[first[i] .. first[i+1]) */
	int *by_from = xcalloc((size_t)nedges + 1, sizeof(int));
	int *queue = xcalloc((size_t)n + 1, sizeof(int));
	int head = 0, tail = 0, rc;

	for (int i = 0; i < n; i++)
		for (int d = 0; d < PN_DIMS; d++)
			nodes[i].eff[d] = max_int(nodes[i].own[d], nodes[i].floor[d]);
	for (int k = 0; k < nedges; k++) {
		indeg[edges[k].to]++;
		first[edges[k].from + 1]++;
	}
	for (int i = 0; i < n; i++)
		first[i + 1] += first[i];
	{
		int *fill = xcalloc((size_t)n + 1, sizeof(int));
		for (int k = 0; k < nedges; k++)
			by_from[first[edges[k].from] + fill[edges[k].from]++] = edges[k].to;
		free(fill);
	}
	for (int i = 0; i < n; i++)
		if (indeg[i] == 0)
			queue[tail++] = i;
	while (head < tail) {
		int x = queue[head++];
		for (int k = first[x]; k < first[x + 1]; k++) {
			int y = by_from[k];
			if (nodes[x].active)
				for (int d = 0; d < PN_DIMS; d++)
					nodes[y].eff[d] = max_int(nodes[y].eff[d], nodes[x].eff[d]);
			if (--indeg[y] == 0)
				queue[tail++] = y;
		}
	}
	rc = tail == n ? 0 : -1;
	free(indeg);
	free(first);
	free(by_from);
	free(queue);
	return rc;
}

/* ---- in the database ---------------------------------------------------- */

/* Everything downstream of ? (the asset itself included). */
#define DOWN "WITH RECURSIVE down(id) AS (SELECT id FROM " ASSETS " WHERE id = ? UNION SELECT l.to_id FROM " \
	DEPENDS " l JOIN down ON l.from_id = down.id) "
/* every asset: the same shape as DOWN (bind 0), for a recompute of all */
#define ALL "WITH down(id) AS (SELECT id FROM " ASSETS " WHERE id > ?) "

struct stored {
	int64_t id;
	const char *name;
	int eff[PN_DIMS]; /* as stored */
};

static int col_int(struct stmt *st, int col)
{
	return stmt_isnull(st, col) ? 0 : (int)stmt_int(st, col);
}

static int index_of(const struct stored *rows, int n, int64_t id)
{
	int lo = 0, hi = n - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (rows[mid].id == id)
			return mid;
		if (rows[mid].id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* {"name": ..., "effective_confidentiality": ...}: an "inherit" entry's side. */
static const char *eff_json(const struct cl_scheme *sc, const char *name, const int *eff, struct arena *a)
{
	struct strbuf sb = STRBUF_INIT;
	const char *out;
	int first = 1;
	sb_addc(&sb, '{');
	jsonw_kv_str(&sb, &first, "name", name);
	for (int d = 0; d < PN_DIMS; d++) {
		const char *key = arena_printf(a, "effective_%s", pn_dim_names[d]);
		if (d == PN_CLASS)
			jsonw_kv_str(&sb, &first, key, protection_class_key(sc, eff[d]));
		else if (eff[d])
			jsonw_kv_int(&sb, &first, key, eff[d]);
		else
			jsonw_kv_str(&sb, &first, key, NULL);
	}
	sb_addc(&sb, '}');
	out = arena_strndup(a, sb.buf, sb.len);
	sb_release(&sb);
	return out;
}

static int store_eff(struct store *s, const struct actor *who, const struct cl_scheme *sc, const struct stored *row, const int *eff,
		     int64_t quiet_id, struct arena *a, struct err *e)
{
	struct store_arg v[PN_DIMS + 1];
	for (int d = 0; d < PN_CLASS; d++)
		v[d] = eff[d] ? ARG_INT(eff[d]) : ARG_TEXT(NULL);
	v[PN_CLASS] = ARG_TEXT(protection_class_key(sc, eff[PN_CLASS]));
	v[PN_DIMS] = ARG_INT(row->id);
	if (store_run(s, "UPDATE " ASSETS " SET effective_confidentiality = ?, effective_integrity = ?, "
			 "effective_availability = ?, effective_classification = ? WHERE id = ?",
		      v, PN_DIMS + 1, e))
		return -1;
	if (row->id == quiet_id)
		return 0;
	return audit_append(s, who, "inherit", "asset", row->id, eff_json(sc, row->name, row->eff, a),
			    eff_json(sc, row->name, eff, a), e);
}

/* The effective values of the assets set selects (DOWN from start, or ALL
 * with start 0), recomputed and stored where they changed. */
static int refresh(struct store *s, const struct actor *who, const char *set, int64_t start, int64_t quiet_id,
		   struct arena *a, struct err *e)
{
	struct strbuf sql = STRBUF_INIT;
	struct stored *rows = NULL;
	struct pn_node *nodes = NULL;
	struct pn_edge *edges = NULL;
	struct stmt *st;
	struct cl_scheme *sc = arena_alloc(a, sizeof(*sc));
	int n = 0, cap = 0, nedges = 0, ecap = 0, step, rc = -1;

	/* classifications compare by their order in the scheme as it is now */
	if (classification_load(s, a, sc, e))
		return -1;
	sb_addf(&sql, "%sSELECT a.id, a.name, a.archived, a.confidentiality, a.integrity, a.availability, "
		      "a.classification, a.effective_confidentiality, a.effective_integrity, "
		      "a.effective_availability, a.effective_classification FROM down JOIN " ASSETS
		      " a ON a.id = down.id ORDER BY a.id",
		set);
	st = store_prepare(s, sql.buf, e);
	if (!st)
		goto out;
	stmt_bind_int(st, 1, start);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		int ncap = cap;
		rows = arena_grow(a, rows, n, &cap, sizeof(*rows));
		nodes = arena_grow(a, nodes, n, &ncap, sizeof(*nodes));
		memset(&nodes[n], 0, sizeof(nodes[n]));
		rows[n].id = stmt_int(st, 0);
		rows[n].name = arena_strdup(a, stmt_text(st, 1));
		nodes[n].active = stmt_int(st, 2) == 0;
		for (int d = 0; d < PN_CLASS; d++) {
			nodes[n].own[d] = col_int(st, 3 + d);
			rows[n].eff[d] = col_int(st, 7 + d);
		}
		nodes[n].own[PN_CLASS] = protection_class_rank(sc, stmt_text(st, 6));
		rows[n].eff[PN_CLASS] = protection_class_rank(sc, stmt_text(st, 10));
		n++;
	}
	stmt_done(st);
	if (step < 0)
		goto out;

	/* links into the set: edges inside it, floors from live dependents outside */
	sb_reset(&sql);
	sb_addf(&sql, "%sSELECT l.from_id, l.to_id, f.archived, f.effective_confidentiality, "
		      "f.effective_integrity, f.effective_availability, f.effective_classification FROM "
		      DEPENDS " l JOIN down ON l.to_id = down.id JOIN " ASSETS " f ON f.id = l.from_id",
		set);
	st = store_prepare(s, sql.buf, e);
	if (!st)
		goto out;
	stmt_bind_int(st, 1, start);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		int from = index_of(rows, n, stmt_int(st, 0)), to = index_of(rows, n, stmt_int(st, 1));
		if (to < 0)
			continue;
		if (from >= 0) {
			edges = arena_grow(a, edges, nedges, &ecap, sizeof(*edges));
			edges[nedges].from = from;
			edges[nedges++].to = to;
		} else if (stmt_int(st, 2) == 0) {
			for (int d = 0; d < PN_CLASS; d++)
				nodes[to].floor[d] = max_int(nodes[to].floor[d], col_int(st, 3 + d));
			nodes[to].floor[PN_CLASS] = max_int(nodes[to].floor[PN_CLASS],
							    protection_class_rank(sc, stmt_text(st, 6)));
		}
	}
	stmt_done(st);
	if (step < 0)
		goto out;
	if (pn_compute(nodes, n, edges, nedges)) {
		err_set(e, 500, "cycle", "The asset dependencies form a circle; remove one of its links.");
		goto out;
	}
	for (int i = 0; i < n; i++)
		if (memcmp(nodes[i].eff, rows[i].eff, sizeof(rows[i].eff)) != 0 &&
		    store_eff(s, who, sc, &rows[i], nodes[i].eff, quiet_id, a, e))
			goto out;
	rc = 0;
out:
	sb_release(&sql);
	return rc;
}

int protection_refresh(struct store *s, const struct actor *who, int64_t start, int64_t quiet_id, struct arena *a,
		       struct err *e)
{
	return refresh(s, who, DOWN, start, quiet_id, a, e);
}

int protection_refresh_all(struct store *s, const struct actor *who, struct arena *a, struct err *e)
{
	return refresh(s, who, ALL, 0, 0, a, e);
}

int protection_record_changed(struct store *s, const struct actor *who, int64_t id, struct arena *a,
			      struct err *e)
{
	return protection_refresh(s, who, id, id, a, e);
}

int protection_link_changed(struct store *s, const struct actor *who, int64_t from_id, int64_t to_id,
			    struct arena *a, struct err *e)
{
	(void)from_id;
	return protection_refresh(s, who, to_id, 0, a, e);
}

/* ---- where a value comes from ------------------------------------------- */

int protection_view(struct store *s, const struct actor *who, int64_t id, struct arena *a, struct pn_view *out,
		    struct err *e)
{
	struct stmt *st;
	int step, cap[PN_DIMS] = { 0 };
	const struct entity *ent = entity_by_name("asset");

	memset(out, 0, sizeof(*out));
	out->id = id;
	out->scheme = arena_alloc(a, sizeof(*out->scheme));
	if (classification_load(s, a, out->scheme, e))
		return -1;
	st = store_prepare(s, "SELECT confidentiality, integrity, availability, classification, "
			      "effective_confidentiality, effective_integrity, effective_availability, "
			      "effective_classification FROM " ASSETS " WHERE id = ?",
			   e);
	if (!st)
		return -1;
	stmt_bind_int(st, 1, id);
	if ((step = stmt_step(st, e)) == STORE_ROW) {
		for (int d = 0; d < PN_CLASS; d++) {
			out->dim[d].own = col_int(st, d);
			out->dim[d].eff = col_int(st, 4 + d);
		}
		out->dim[PN_CLASS].own = protection_class_rank(out->scheme, stmt_text(st, 3));
		out->dim[PN_CLASS].eff = protection_class_rank(out->scheme, stmt_text(st, 7));
	}
	stmt_done(st);
	if (step != STORE_ROW)
		return step < 0 ? -1 : err_set(e, 404, "not_found", "No asset with id %lld.", (long long)id);

	/* the origins: live assets upstream whose own value is the effective one */
	st = store_prepare(s, "WITH RECURSIVE up(id) AS (SELECT id FROM " ASSETS " WHERE id = ? UNION SELECT "
			      "l.from_id FROM " DEPENDS " l JOIN up ON l.to_id = up.id JOIN " ASSETS " f ON f.id = "
			      "l.from_id WHERE f.archived = 0) SELECT a.id, a.name, a.confidentiality, a.integrity, "
			      "a.availability, a.classification FROM up JOIN " ASSETS " a ON a.id = up.id WHERE a.id <> ? "
			      "ORDER BY a.name, a.id",
			   e);
	if (!st)
		return -1;
	stmt_bind_int(st, 1, id);
	stmt_bind_int(st, 2, id);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		int64_t src = stmt_int(st, 0);
		const char *name = stmt_text(st, 1);
		int seen = -1;
		for (int d = 0; d < PN_DIMS; d++) {
			struct pn_dim *dim = &out->dim[d];
			int v = d == PN_CLASS ? protection_class_rank(out->scheme, stmt_text(st, 5)) : col_int(st, 2 + d);
			if (dim->eff <= dim->own || v != dim->eff)
				continue;
			if (seen < 0) {
				struct record r;
				struct err ignore = ERR_INIT;
				seen = !who || (who->role >= ent->read_role &&
						(ent->read_scope.all_role == ROLE_ANONYMOUS || who->role >= ent->read_scope.all_role ||
						 (record_get(s, ent, src, a, &r, &ignore) == 0 &&
						  record_in_scope(ent, &ent->read_scope, who, &r))));
			}
			if (!seen)
				continue;
			dim->from = arena_grow(a, dim->from, dim->nfrom, &cap[d], sizeof(*dim->from));
			dim->from[dim->nfrom].id = src;
			dim->from[dim->nfrom++].name = arena_strdup(a, name);
		}
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

void protection_view_json(const struct pn_view *v, struct strbuf *sb)
{
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &first, "id", v->id);
	for (int d = 0; d < PN_DIMS; d++) {
		const struct pn_dim *dim = &v->dim[d];
		int f2 = 1;
		jsonw_key(sb, &first, pn_dim_names[d]);
		sb_addc(sb, '{');
		if (d == PN_CLASS) {
			jsonw_kv_str(sb, &f2, "own", protection_class_key(v->scheme, dim->own));
			jsonw_kv_str(sb, &f2, "effective", protection_class_key(v->scheme, dim->eff));
		} else {
			jsonw_key(sb, &f2, "own");
			dim->own ? sb_addf(sb, "%d", dim->own) : sb_adds(sb, "null");
			jsonw_key(sb, &f2, "effective");
			dim->eff ? sb_addf(sb, "%d", dim->eff) : sb_adds(sb, "null");
		}
		jsonw_key(sb, &f2, "from");
		sb_addc(sb, '[');
		for (int k = 0; k < dim->nfrom; k++) {
			int f3 = 1;
			if (k)
				sb_addc(sb, ',');
			sb_addc(sb, '{');
			jsonw_kv_int(sb, &f3, "id", dim->from[k].id);
			jsonw_kv_str(sb, &f3, "name", dim->from[k].name);
			sb_addc(sb, '}');
		}
		sb_adds(sb, "]}");
	}
	sb_addc(sb, '}');
}
