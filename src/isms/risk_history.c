#include "isms/risk_history.h"

#include <jansson.h>
#include <string.h>

#include "base/jsonw.h"
#include "isms/record.h"
#include "isms/risk_method.h"

/* The values a point holds, in the order of struct risk_point's numbers. */
static const char *const number_keys[] = {
	"likelihood", "impact", "inherent_score", "residual_likelihood", "residual_impact", "residual_score",
	"method_version",
};
static const char *const text_keys[] = { "inherent_level", "residual_level", "treatment", "status" };

static int64_t *point_number(struct risk_point *p, int k)
{
	int64_t *slots[] = { &p->likelihood, &p->impact, &p->inherent_score, &p->residual_likelihood,
			     &p->residual_impact, &p->residual_score, &p->method_version };
	return slots[k];
}

static const char **point_text(struct risk_point *p, int k)
{
	const char **slots[] = { &p->inherent_level, &p->residual_level, &p->treatment, &p->status };
	return slots[k];
}

/* Reads the assessed values of a record's JSON into p. -1 when the text is
 * not a JSON object (a damaged entry: left out). */
static int read_values(const char *text, struct arena *a, struct risk_point *p)
{
	json_t *obj = text ? json_loads(text, 0, NULL) : NULL;
	if (!json_is_object(obj)) {
		json_decref(obj);
		return -1;
	}
	for (size_t k = 0; k < sizeof(number_keys) / sizeof(number_keys[0]); k++) {
		json_t *v = json_object_get(obj, number_keys[k]);
		*point_number(p, (int)k) = json_is_integer(v) ? (int64_t)json_integer_value(v) : RH_NONE;
	}
	for (size_t k = 0; k < sizeof(text_keys) / sizeof(text_keys[0]); k++) {
		json_t *v = json_object_get(obj, text_keys[k]);
		*point_text(p, (int)k) = json_is_string(v) ? arena_strdup(a, json_string_value(v)) : NULL;
	}
	json_decref(obj);
	return 0;
}

static int text_differs(const char *x, const char *y)
{
	return (x == NULL) != (y == NULL) || (x && strcmp(x, y) != 0);
}

/* Whether q changes any assessed value of p. */
static int differs(struct risk_point *p, struct risk_point *q)
{
	for (int k = 0; k < (int)(sizeof(number_keys) / sizeof(number_keys[0])); k++)
		if (*point_number(p, k) != *point_number(q, k))
			return 1;
	for (int k = 0; k < (int)(sizeof(text_keys) / sizeof(text_keys[0])); k++)
		if (text_differs(*point_text(p, k), *point_text(q, k)))
			return 1;
	return 0;
}

/* Newest first, through the index on (record_type, record_id); the archive
 * entry has no after, so its before stands for the values it kept. Only the
 * record's own writes hold the whole risk: the other entries filed on it
 * (link_add, risk_accept, risk_accept_expire...) hold something else. */
#define HISTORY_SQL                                                                                         \
	"SELECT a.id, a.at, a.actor_id, u.name, a.action, COALESCE(a.after_json, a.before_json) "            \
	"FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id "                                           \
	"WHERE a.record_type = ? AND a.record_id = ? AND a.action IN ('create', 'update', 'archive') "       \
	"ORDER BY a.id DESC LIMIT ?"

int risk_history_read(struct store *s, const struct actor *who, int64_t id, struct arena *a,
		      struct risk_history *out, struct err *e)
{
	struct record r;
	struct risk_point *rows = NULL;
	struct stmt *st;
	int n = 0, cap = 0, step;

	memset(out, 0, sizeof(*out));
	out->risk_id = id;
	if (record_read(s, who, entity_by_name("risk"), id, a, &r, e))
		return -1;
	if (!(st = store_prepare(s, HISTORY_SQL, e)))
		return -1;
	stmt_bind_text(st, 1, "risk");
	stmt_bind_int(st, 2, id);
	stmt_bind_int(st, 3, RISK_HISTORY_MAX + 1);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		struct risk_point *p;
		if (n == RISK_HISTORY_MAX) {
			out->truncated = 1;
			break;
		}
		rows = arena_grow(a, rows, n, &cap, sizeof(*rows));
		p = &rows[n];
		memset(p, 0, sizeof(*p));
		if (read_values(stmt_text(st, 5), a, p))
			continue;
		p->audit_id = stmt_int(st, 0);
		p->at = arena_strdup(a, stmt_text(st, 1));
		p->actor = stmt_int(st, 2);
		p->actor_name = arena_strdup(a, stmt_text(st, 3));
		p->action = arena_strdup(a, stmt_text(st, 4));
		n++;
	}
	stmt_done(st);
	if (step < 0)
		return -1;
	/* oldest first, keeping the entries that changed an assessed value
	 * (and the archiving, which ends the history) */
	out->points = arena_alloc(a, sizeof(*out->points) * (size_t)(n ? n : 1));
	for (int i = n - 1; i >= 0; i--) {
		struct risk_point *last = out->n ? &out->points[out->n - 1] : NULL;
		if (last && strcmp(rows[i].action, "archive") != 0 && !differs(last, &rows[i]))
			continue;
		out->points[out->n++] = rows[i];
	}
	return 0;
}

void rh_kv_number(struct strbuf *sb, int *first, const char *key, int64_t v)
{
	jsonw_key(sb, first, key);
	if (v == RH_NONE)
		sb_adds(sb, "null");
	else
		sb_addf(sb, "%lld", (long long)v);
}

void risk_history_to_json(const struct risk_history *h, struct strbuf *sb)
{
	sb_addf(sb, "{\"risk_id\":%lld,\"items\":[", (long long)h->risk_id);
	for (int i = 0; i < h->n; i++) {
		struct risk_point *p = &h->points[i];
		int first = 1;
		sb_adds(sb, i ? ",{" : "{");
		jsonw_kv_int(sb, &first, "audit_id", p->audit_id);
		jsonw_kv_str(sb, &first, "at", p->at);
		jsonw_kv_id(sb, &first, "actor_id", p->actor);
		jsonw_kv_str(sb, &first, "actor_name", p->actor_name);
		jsonw_kv_str(sb, &first, "action", p->action);
		for (int k = 0; k < (int)(sizeof(number_keys) / sizeof(number_keys[0])); k++)
			rh_kv_number(sb, &first, number_keys[k], *point_number(p, k));
		for (int k = 0; k < (int)(sizeof(text_keys) / sizeof(text_keys[0])); k++)
			jsonw_kv_str(sb, &first, text_keys[k], *point_text(p, k));
		sb_addc(sb, '}');
	}
	sb_addf(sb, "],\"total\":%d,\"truncated\":%s}", h->n, h->truncated ? "true" : "false");
}

const struct risk_method *rm_cache_get(struct store *s, struct rm_cache *c, int64_t version, struct arena *a)
{
	struct err e = ERR_INIT;
	struct risk_method *m;
	for (int i = 0; i < c->n; i++)
		if (c->m[i]->id == version)
			return c->m[i];
	if (version == RH_NONE || c->n == RM_CACHE_MAX)
		return NULL;
	m = arena_alloc(a, sizeof(*m));
	if (risk_method_get(s, version, a, m, &e))
		return NULL;
	return c->m[c->n++] = m;
}

int rm_cache_rank(const struct risk_method *m, const char *key)
{
	int k = m && key ? rm_level_index(m, key) : -1;
	return k < 0 ? RH_NONE : k;
}
