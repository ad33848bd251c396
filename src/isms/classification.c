/* classification: the classification scheme — parse, JSON, load, save with
 * the in-use check, and the write-time check of records' keys. See
 * classification.h. */
#include "isms/classification.h"

#include <stdlib.h>
#include <string.h>

#include "base/jsonw.h"
#include "base/util.h"
#include "isms/audit.h"
#include "isms/protection.h"
#include "isms/risk_method.h"

const char *const cl_rule_keys[CL_NRULES] = { "label", "store", "share", "send", "dispose" };
const char *const cl_rule_titles[CL_NRULES] = { "Labelling", "Storage", "Sharing", "Sending", "Disposal" };

static const char *const scheme_keys[] = { "levels" };
static const char *const level_keys[] = { "key", "label", "rank", "colour", "handling" };

static int in_list(const char *const *list, int n, const char *v)
{
	for (int i = 0; i < n; i++)
		if (strcmp(list[i], v) == 0)
			return 1;
	return 0;
}

static int colour_ok(const char *c)
{
	for (const char *const *p = rm_colours; *p; p++)
		if (strcmp(*p, c) == 0)
			return 1;
	return 0;
}

/* Members of o not among the n allowed are field errors at PATH.KEY (or KEY). */
static void unknown_members(json_t *o, const char *const *allowed, int n, const char *path, struct arena *a,
			    struct err *e)
{
	const char *key;
	json_t *v;
	json_object_foreach(o, key, v)
		if (!in_list(allowed, n, key))
			err_field(e, path ? arena_printf(a, "%s.%s", path, key) : key, "unknown_field",
				  "No field '%s' here.", key);
}

static void parse_handling(json_t *lv, const char *path, struct arena *a, struct cl_level *l, struct err *e)
{
	json_t *h = json_object_get(lv, "handling");
	const char *hpath = arena_printf(a, "%s.handling", path);
	if (!h || json_is_null(h))
		return;
	if (!json_is_object(h)) {
		err_field(e, hpath, "type", "Must be an object with label, store, share, send and dispose.");
		return;
	}
	unknown_members(h, cl_rule_keys, CL_NRULES, hpath, a, e);
	for (int r = 0; r < CL_NRULES; r++)
		l->rules[r] = rm_text_member(h, cl_rule_keys[r], hpath, CL_RULE_MAX, 1, a, e);
}

static void parse_level(json_t *lv, size_t i, struct arena *a, struct cl_scheme *sc, struct err *e)
{
	const char *path = arena_printf(a, "levels[%zu]", i);
	struct cl_level *l = &sc->levels[i];
	json_t *rank;
	if (!json_is_object(lv)) {
		err_field(e, path, "type", "Must be an object with key, label, rank, colour and handling.");
		return;
	}
	unknown_members(lv, level_keys, (int)ARRAY_SIZE(level_keys), path, a, e);
	l->key = rm_key_member(lv, path, CL_KEY_MAX, a, e);
	for (size_t k = 0; l->key && k < i; k++)
		if (streq(sc->levels[k].key, l->key))
			err_field(e, arena_printf(a, "%s.key", path), "duplicate", "Another level has the key '%s'.", l->key);
	l->label = rm_text_member(lv, "label", path, CL_LABEL_MAX, 0, a, e);
	l->colour = rm_text_member(lv, "colour", path, CL_KEY_MAX, 0, a, e);
	if (l->colour && !colour_ok(l->colour))
		err_field(e, arena_printf(a, "%s.colour", path), "enum",
			  "Must be one of: green, lime, yellow, orange, red, purple, blue, grey.");
	rank = json_object_get(lv, "rank");
	if (!json_is_integer(rank) || json_integer_value(rank) < 0 || json_integer_value(rank) > CL_RANK_MAX) {
		err_field(e, arena_printf(a, "%s.rank", path), "range", "Must be a whole number from 0 to %d; higher "
			  "means more sensitive.", CL_RANK_MAX);
		l->rank = -1;
	} else {
		l->rank = (int)json_integer_value(rank);
		for (size_t k = 0; k < i; k++)
			if (sc->levels[k].rank == l->rank)
				err_field(e, arena_printf(a, "%s.rank", path), "duplicate",
					  "Another level has the rank %d: each level needs its own.", l->rank);
	}
	parse_handling(lv, path, a, l, e);
}

static int by_rank(const void *x, const void *y)
{
	const struct cl_level *a = x, *b = y;
	return (a->rank > b->rank) - (a->rank < b->rank);
}

int classification_parse(json_t *obj, struct arena *a, struct cl_scheme *sc, struct err *e)
{
	json_t *arr, *lv;
	size_t i;
	memset(sc, 0, sizeof(*sc));
	if (!json_is_object(obj))
		return err_set(e, 400, "bad_json", "The scheme must be a JSON object with a list of levels.");
	unknown_members(obj, scheme_keys, (int)ARRAY_SIZE(scheme_keys), NULL, a, e);
	arr = json_object_get(obj, "levels");
	if (!json_is_array(arr) || json_array_size(arr) < CL_MIN_LEVELS || json_array_size(arr) > CL_MAX_LEVELS)
		err_field(e, "levels", arr ? "count" : "required", "Must be a list of %d to %d levels.", CL_MIN_LEVELS,
			  CL_MAX_LEVELS);
	else
		json_array_foreach(arr, i, lv)
			parse_level(lv, i, a, sc, e);
	if (e->nfields) {
		e->status = 422;
		snprintf(e->code, sizeof(e->code), "validation");
		snprintf(e->message, sizeof(e->message), "The classification scheme has %d problem%s; nothing was changed.",
			 e->nfields, e->nfields == 1 ? "" : "s");
		return -1;
	}
	sc->n = (int)json_array_size(arr);
	qsort(sc->levels, (size_t)sc->n, sizeof(sc->levels[0]), by_rank);
	return 0;
}

void classification_to_json(const struct cl_scheme *sc, struct strbuf *sb)
{
	sb_adds(sb, "{\"levels\":[");
	for (int i = 0; i < sc->n; i++) {
		const struct cl_level *l = &sc->levels[i];
		int f = 1, h = 1;
		sb_adds(sb, i ? ",{" : "{");
		jsonw_kv_str(sb, &f, "key", l->key);
		jsonw_kv_str(sb, &f, "label", l->label);
		jsonw_kv_int(sb, &f, "rank", l->rank);
		jsonw_kv_str(sb, &f, "colour", l->colour);
		jsonw_key(sb, &f, "handling");
		sb_addc(sb, '{');
		for (int r = 0; r < CL_NRULES; r++)
			jsonw_kv_str(sb, &h, cl_rule_keys[r], l->rules[r]);
		sb_adds(sb, "}}");
	}
	sb_adds(sb, "]}");
}

const struct cl_level *cl_level(const struct cl_scheme *sc, const char *key)
{
	for (int i = 0; key && i < sc->n; i++)
		if (strcmp(sc->levels[i].key, key) == 0)
			return &sc->levels[i];
	return NULL;
}

const char *cl_keys(const struct cl_scheme *sc, struct arena *a)
{
	struct strbuf sb = STRBUF_INIT;
	const char *out;
	for (int i = 0; i < sc->n; i++)
		sb_addf(&sb, "%s%s", i == 0 ? "" : i == sc->n - 1 ? " or " : ", ", sc->levels[i].key);
	out = arena_strdup(a, sb.buf ? sb.buf : "");
	sb_release(&sb);
	return out;
}

#define LEVEL_COLUMNS                                                                                       \
	"level_key, label, level_rank, colour, handling_label, handling_store, handling_share, handling_send, " \
	"handling_dispose"

int classification_load(struct store *s, struct arena *a, struct cl_scheme *sc, struct err *e)
{
	struct stmt *st = store_prepare(s, "SELECT " LEVEL_COLUMNS " FROM classification_level ORDER BY level_rank", e);
	int step;
	memset(sc, 0, sizeof(*sc));
	if (!st)
		return -1;
	while ((step = stmt_step(st, e)) == STORE_ROW && sc->n < CL_MAX_LEVELS) {
		struct cl_level *l = &sc->levels[sc->n++];
		l->key = arena_strdup(a, stmt_text(st, 0));
		l->label = arena_strdup(a, stmt_text(st, 1));
		l->rank = (int)stmt_int(st, 2);
		l->colour = arena_strdup(a, stmt_text(st, 3));
		for (int r = 0; r < CL_NRULES; r++)
			l->rules[r] = arena_strdup(a, stmt_text(st, 4 + r));
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

int classification_rank(struct store *s, const char *key, int *rank, struct err *e)
{
	struct arena a = ARENA_INIT;
	struct cl_scheme sc;
	const struct cl_level *l;
	int rc = -1;
	if (classification_load(s, &a, &sc, e) == 0) {
		if ((l = cl_level(&sc, key))) {
			*rank = l->rank;
			rc = 0;
		} else {
			err_set(e, 404, "unknown_level", "The classification scheme has no level '%s'.", key ? key : "");
		}
	}
	arena_release(&a);
	return rc;
}

/* How many live records use key, over every F_CLASS field of every type;
 * the detail ("3 assets and 1 document") goes into what. -1 on error. */
static int64_t uses_of(struct store *s, const char *key, struct strbuf *what, struct err *e)
{
	int64_t total = 0;
	for (int t = 0; t < entity_count; t++) {
		const struct entity *ent = entity_table[t];
		for (int i = 0; i < ent->nfields; i++) {
			char sql[200];
			struct stmt *st;
			int64_t n;
			if (!(ent->fields[i].flags & F_CLASS) || (ent->fields[i].flags & F_COMPUTED))
				continue;
			snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s WHERE archived = 0 AND %s = ?", ent->table,
				 ent->fields[i].name);
			if (!(st = store_prepare(s, sql, e)))
				return -1;
			stmt_bind_text(st, 1, key);
			if (stmt_step(st, e) != STORE_ROW) {
				stmt_done(st);
				return -1;
			}
			n = stmt_int(st, 0);
			stmt_done(st);
			if (n)
				sb_addf(what, "%s%lld %s", total ? " and " : "", (long long)n,
					n == 1 ? ent->name : ent->plural);
			total += n;
		}
	}
	return total;
}

/* Each level of before that sc drops must be unused. */
static int check_removed(struct store *s, const struct cl_scheme *before, const struct cl_scheme *sc,
			 struct err *e)
{
	struct strbuf what = STRBUF_INIT;
	for (int i = 0; i < before->n; i++) {
		const char *key = before->levels[i].key;
		int64_t n;
		if (cl_level(sc, key))
			continue;
		sb_reset(&what);
		if ((n = uses_of(s, key, &what, e)) < 0)
			break;
		if (n > 0)
			err_set(e, 409, "in_use", "The level '%s' is in use by %s: classify %s otherwise before removing "
				"the level.", key, what.buf, n == 1 ? "it" : "them");
		if (e->status)
			break;
	}
	sb_release(&what);
	return e->status ? -1 : 0;
}

static int write_levels(struct store *s, const struct cl_scheme *sc, struct err *e)
{
	if (store_exec(s, "DELETE FROM classification_level", e))
		return -1;
	for (int i = 0; i < sc->n; i++) {
		const struct cl_level *l = &sc->levels[i];
		struct stmt *st = store_prepare(s, "INSERT INTO classification_level (" LEVEL_COLUMNS ") "
						   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", e);
		if (!st)
			return -1;
		stmt_bind_text(st, 1, l->key);
		stmt_bind_text(st, 2, l->label);
		stmt_bind_int(st, 3, l->rank);
		stmt_bind_text(st, 4, l->colour);
		for (int r = 0; r < CL_NRULES; r++)
			if (l->rules[r])
				stmt_bind_text(st, 5 + r, l->rules[r]);
			else
				stmt_bind_null(st, 5 + r);
		if (stmt_step(st, e) < 0) {
			stmt_done(st);
			return -1;
		}
		stmt_done(st);
	}
	return 0;
}

int classification_save(struct store *s, const struct actor *who, const struct cl_scheme *sc, struct err *e)
{
	struct strbuf before_json = STRBUF_INIT, after_json = STRBUF_INIT;
	struct arena a = ARENA_INIT;
	struct cl_scheme before;
	int rc = -1;

	if (store_begin(s, e))
		goto done;
	if (classification_load(s, &a, &before, e) || check_removed(s, &before, sc, e) || write_levels(s, sc, e))
		goto fail;
	classification_to_json(&before, &before_json);
	classification_to_json(sc, &after_json);
	/* effective classifications compare by the scheme's order: recompute
	 * them all under the new one, in this transaction */
	if (audit_append(s, who, "classification_change", "classification", 0, before_json.buf, after_json.buf, e) ||
	    protection_refresh_all(s, who, &a, e))
		goto fail;
	rc = store_commit(s, e);
	if (rc)
		goto fail;
	goto done;
fail:
	store_rollback(s);
done:
	sb_release(&before_json);
	sb_release(&after_json);
	arena_release(&a);
	return rc;
}

int classification_check(struct store *s, const struct entity *ent, const struct input *in, struct arena *a,
			 struct err *e)
{
	struct cl_scheme *sc = NULL;
	for (int i = 0; i < ent->nfields; i++) {
		const struct field *f = &ent->fields[i];
		if (!(f->flags & F_CLASS) || !in->set[i] || !in->values[i])
			continue;
		if (!sc) {
			sc = arena_alloc(a, sizeof(*sc));
			if (classification_load(s, a, sc, e))
				return -1;
		}
		if (!cl_level(sc, in->values[i]))
			err_field(e, f->name, "classification", "'%s' is not a level of the classification scheme; use %s.",
				  in->values[i], cl_keys(sc, a));
	}
	return e->nfields ? -1 : 0;
}
