/* soa: the current Statement of Applicability — reading its rows with what
 * is derived from controls and risks, and changing one row (see soa.h). */
#include "isms/soa.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/jsonw.h"
#include "base/timeutil.h"
#include "base/util.h"
#include "isms/audit.h"
#include "model/validate.h"

const char *const soa_reason_keys[SOA_NREASONS] = { "risk_treatment", "legal", "contractual", "business_practice" };
const char *const soa_reason_labels[SOA_NREASONS] = { "Risk treatment", "Legal or regulatory", "Contractual",
						      "Business practice" };
const char *const soa_statuses[] = { "not_implemented", "planned", "partially_implemented", "implemented", NULL };

static const struct field justification_field = {
	"justification", "Justification for exclusion", FT_LONGTEXT, 0, .max_len = SOA_JUSTIFICATION_MAX,
};

int soa_reason_index(const char *key)
{
	for (int i = 0; key && i < SOA_NREASONS; i++)
		if (strcmp(soa_reason_keys[i], key) == 0)
			return i;
	return -1;
}

static int known_status(const char *s)
{
	for (int i = 0; soa_statuses[i]; i++)
		if (streq(soa_statuses[i], s))
			return 1;
	return 0;
}

/* ---- reading --------------------------------------------------------------
 * Three queries for a whole SoA (or one row): the rows with their decisions,
 * the live controls linked to them, the live risks linked to those controls.
 * {W} is the WHERE clause of the rows. */

#define WHERE_FW "r.framework_id = ? AND r.in_soa = 1"
#define WHERE_ONE "r.id = ? AND r.in_soa = 1"

#define ROWS_SQL(W)                                                                                          \
	"SELECT r.id, r.ref_id, r.title, r.parent_id, p.ref_id, p.title, e.applicable, e.reason_risk, "         \
	"e.reason_legal, e.reason_contract, e.reason_business, e.justification, e.status, e.version, "          \
	"e.updated_at, e.updated_by FROM requirement r LEFT JOIN requirement p ON p.id = r.parent_id "          \
	"LEFT JOIN soa_entry e ON e.requirement_id = r.id WHERE " W " ORDER BY r.ordinal"
#define CONTROLS_SQL(W)                                                                                      \
	"SELECT cr.requirement_id, c.id, c.code, c.title, c.status FROM control_requirement cr "                \
	"JOIN requirement r ON r.id = cr.requirement_id JOIN control c ON c.id = cr.control_id "                \
	"WHERE " W " AND c.archived = 0 ORDER BY cr.requirement_id, c.id"
#define RISKS_SQL(W)                                                                                         \
	"SELECT cr.requirement_id, k.id, k.title, k.residual_level, c.id FROM control_requirement cr "          \
	"JOIN requirement r ON r.id = cr.requirement_id JOIN control c ON c.id = cr.control_id "                \
	"JOIN link_risk_control l ON l.to_id = c.id JOIN risk k ON k.id = l.from_id "                          \
	"WHERE " W " AND c.archived = 0 AND k.archived = 0 ORDER BY cr.requirement_id, k.id, c.id"

struct row_index {
	int64_t id;
	int at;
};

static int index_cmp(const void *a, const void *b)
{
	int64_t x = ((const struct row_index *)a)->id, y = ((const struct row_index *)b)->id;
	return x < y ? -1 : x > y;
}

static struct soa_row *row_of(struct row_index *ix, int n, struct soa_row *rows, int64_t id)
{
	struct row_index key = { id, 0 }, *hit = bsearch(&key, ix, (size_t)n, sizeof(*ix), index_cmp);
	return hit ? &rows[hit->at] : NULL;
}

static void read_row(struct stmt *st, struct arena *a, struct soa_row *r)
{
	memset(r, 0, sizeof(*r));
	r->requirement_id = stmt_int(st, 0);
	r->ref_id = arena_strdup(a, stmt_text(st, 1));
	r->title = arena_strdup(a, stmt_text(st, 2));
	r->group_id = stmt_isnull(st, 3) ? 0 : stmt_int(st, 3);
	r->group_ref = arena_strdup(a, stmt_text(st, 4));
	r->group_title = arena_strdup(a, stmt_text(st, 5));
	r->decided = stmt_isnull(st, 6) ? SOA_UNDECIDED : stmt_int(st, 6) != 0;
	for (int i = 0; i < SOA_NREASONS; i++)
		r->decided_reasons[i] = !stmt_isnull(st, 7 + i) && stmt_int(st, 7 + i) != 0;
	r->justification = arena_strdup(a, stmt_text(st, 11));
	r->own_status = arena_strdup(a, stmt_text(st, 12));
	r->version = stmt_isnull(st, 13) ? 0 : stmt_int(st, 13);
	r->updated_at = arena_strdup(a, stmt_text(st, 14));
	r->updated_by = stmt_isnull(st, 15) ? 0 : stmt_int(st, 15);
}

/* What is derived from the controls and risks of a row. */
static void derive(struct soa_row *r)
{
	int counted = 0, implemented = 0, partly = 0, planned = 0;
	for (int i = 0; i < r->n_controls; i++) {
		const char *st = r->controls[i].status;
		if (streq(st, "not_applicable"))
			continue;
		counted++;
		implemented += streq(st, "implemented");
		partly += streq(st, "partially_implemented");
		planned += streq(st, "planned");
	}
	r->risk_derived = r->n_risks > 0;
	r->applicable = r->risk_derived ? 1 : r->decided;
	memcpy(r->reasons, r->decided_reasons, sizeof(r->reasons));
	if (r->risk_derived)
		r->reasons[SOA_RISK] = 1;
	if (!counted) {
		r->status_source = "row";
		r->status = r->own_status ? r->own_status : "not_implemented";
		return;
	}
	r->status_source = "controls";
	r->status = implemented == counted       ? "implemented"
		    : implemented + partly > 0 ? "partially_implemented"
		    : planned > 0              ? "planned"
					       : "not_implemented";
}

/* Reads the rows matching the bound key (a framework or one requirement). */
static int read_rows(struct store *s, int one, int64_t key, struct arena *a, struct soa_row **out, int *n,
		     struct err *e)
{
	struct stmt *st = store_prepare(s, one ? ROWS_SQL(WHERE_ONE) : ROWS_SQL(WHERE_FW), e);
	struct row_index *ix;
	struct soa_row *rows = NULL, *cur;
	int cap = 0, step, nrows = 0;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, key);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		rows = arena_grow(a, rows, nrows, &cap, sizeof(*rows));
		read_row(st, a, &rows[nrows++]);
	}
	stmt_done(st);
	if (step < 0)
		return -1;
	ix = arena_alloc(a, sizeof(*ix) * (size_t)(nrows ? nrows : 1));
	for (int i = 0; i < nrows; i++)
		ix[i] = (struct row_index){ rows[i].requirement_id, i };
	qsort(ix, (size_t)nrows, sizeof(*ix), index_cmp);

	if (!(st = store_prepare(s, one ? CONTROLS_SQL(WHERE_ONE) : CONTROLS_SQL(WHERE_FW), e)))
		return -1;
	stmt_bind_int(st, 1, key);
	cur = NULL;
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		struct soa_row *r = row_of(ix, nrows, rows, stmt_int(st, 0));
		struct soa_control *c;
		if (!r)
			continue;
		if (r != cur) { /* a row's controls come together: one capacity at a time */
			cur = r;
			cap = 0;
		}
		r->controls = arena_grow(a, r->controls, r->n_controls, &cap, sizeof(*r->controls));
		c = &r->controls[r->n_controls++];
		c->id = stmt_int(st, 1);
		c->code = arena_strdup(a, stmt_text(st, 2));
		c->title = arena_strdup(a, stmt_text(st, 3));
		c->status = arena_strdup(a, stmt_text(st, 4));
	}
	stmt_done(st);
	if (step < 0)
		return -1;

	if (!(st = store_prepare(s, one ? RISKS_SQL(WHERE_ONE) : RISKS_SQL(WHERE_FW), e)))
		return -1;
	stmt_bind_int(st, 1, key);
	cur = NULL;
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		struct soa_row *r = row_of(ix, nrows, rows, stmt_int(st, 0));
		int64_t risk = stmt_int(st, 1);
		struct soa_risk *k;
		if (!r || (r->n_risks && r->risks[r->n_risks - 1].id == risk)) /* one risk through two controls */
			continue;
		if (r != cur) {
			cur = r;
			cap = 0;
		}
		r->risks = arena_grow(a, r->risks, r->n_risks, &cap, sizeof(*r->risks));
		k = &r->risks[r->n_risks++];
		k->id = risk;
		k->title = arena_strdup(a, stmt_text(st, 2));
		k->residual_level = arena_strdup(a, stmt_text(st, 3));
		k->control_id = stmt_int(st, 4);
	}
	stmt_done(st);
	if (step < 0)
		return -1;
	for (int i = 0; i < nrows; i++)
		derive(&rows[i]);
	*out = rows;
	*n = nrows;
	return 0;
}

void soa_count(const struct soa_row *rows, int n, struct soa_counts *c)
{
	int64_t last_group = -1;
	memset(c, 0, sizeof(*c));
	c->rows = n;
	for (int i = 0; i < n; i++) {
		const struct soa_row *r = &rows[i];
		if (r->group_id != last_group) {
			c->groups++;
			last_group = r->group_id;
		}
		if (r->applicable == 1) {
			c->applicable++;
			c->implemented += streq(r->status, "implemented");
		} else if (r->applicable == 0) {
			c->excluded++;
		} else {
			c->undecided++;
		}
	}
}

int soa_framework(struct store *s, int64_t framework_id, struct arena *a, struct framework *out, struct err *e)
{
	if (framework_get(s, framework_id, a, out, e))
		return -1;
	if (!out->has_soa)
		return err_set(e, 422, "no_soa", "%s has no Statement of Applicability: none of its requirements is "
			       "a control to decide on.", out->ref_id);
	return 0;
}

int soa_implemented_percent(const struct soa_counts *c)
{
	return c->applicable ? (int)((int64_t)c->implemented * 100 / c->applicable) : 0;
}

int soa_read(struct store *s, int64_t framework_id, struct arena *a, struct soa *out, struct err *e)
{
	memset(out, 0, sizeof(*out));
	if (soa_framework(s, framework_id, a, &out->fw, e) || read_rows(s, 0, framework_id, a, &out->rows, &out->n, e))
		return -1;
	soa_count(out->rows, out->n, &out->counts);
	return 0;
}

int soa_row_read(struct store *s, int64_t requirement_id, struct arena *a, struct soa_row *out, struct err *e)
{
	struct requirement req;
	struct soa_row *rows;
	int n;
	if (requirement_get(s, requirement_id, a, &req, e))
		return -1;
	if (!req.in_soa)
		return err_set(e, 422, "not_in_soa", "Requirement %s is not a row of a Statement of Applicability.",
			       req.ref_id ? req.ref_id : req.title);
	if (read_rows(s, 1, requirement_id, a, &rows, &n, e))
		return -1;
	if (n != 1)
		return err_set(e, 404, "not_found", "There is no requirement %lld.", (long long)requirement_id);
	*out = rows[0];
	return 0;
}

/* ---- changing a row ------------------------------------------------------ */

static int blank(const char *s)
{
	while (s && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
		s++;
	return !s || !*s;
}

/* "R-3 Ransomware (via A-01 Backups), ..." for the refusal. */
static const char *risks_named(const struct soa_row *r, struct arena *a)
{
	struct strbuf sb = STRBUF_INIT;
	const char *out;
	for (int i = 0; i < r->n_risks && i < 5; i++) {
		const struct soa_risk *k = &r->risks[i];
		const struct soa_control *c = NULL;
		for (int j = 0; j < r->n_controls; j++)
			if (r->controls[j].id == k->control_id)
				c = &r->controls[j];
		sb_addf(&sb, "%srisk %lld \"%s\" through control %s%s\"%s\"", i ? "; " : "", (long long)k->id, k->title,
			c && c->code ? c->code : "", c && c->code ? " " : "", c ? c->title : "?");
	}
	if (r->n_risks > 5)
		sb_addf(&sb, " and %d more", r->n_risks - 5);
	out = arena_strdup(a, sb.buf ? sb.buf : "");
	sb_release(&sb);
	return out;
}

/* The row as it will be decided: r's decisions with c applied; per-field
 * errors for what cannot be. */
static void apply_change(struct soa_row *r, const struct soa_change *c, struct arena *a, struct err *e)
{
	if (c->set_applicable)
		r->decided = c->applicable;
	if (c->set_reasons)
		for (int i = 0; i < SOA_NREASONS; i++)
			r->decided_reasons[i] = c->reasons[i] != 0;
	if (c->set_justification) {
		const char *clean = NULL;
		if (blank(c->justification))
			r->justification = NULL;
		else if (validate_text(&justification_field, c->justification, a, &clean, e) == 0)
			r->justification = clean;
	}
	if (c->set_status) {
		if (c->status && !known_status(c->status))
			err_field(e, "status", "enum",
				  "Must be one of not_implemented, planned, partially_implemented, implemented.");
		else
			r->own_status = c->status;
	}
	if (r->decided == 0 && r->risk_derived)
		err_field(e, "applicable", "risk_treatment",
			  "Cannot be not applicable: the control treats %s. Unlink the risk or the control first.",
			  risks_named(r, a));
	else if (r->decided == 0 && blank(r->justification) && !err_has_field(e, "justification"))
		err_field(e, "justification", "required", "Say why this control is excluded: required when it is "
			  "not applicable.");
}

#define UPSERT_SQL                                                                                           \
	"INSERT INTO soa_entry (requirement_id, applicable, reason_risk, reason_legal, reason_contract, "       \
	"reason_business, justification, status, version, updated_at, updated_by) "                            \
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT (requirement_id) DO UPDATE SET "                  \
	"applicable = excluded.applicable, reason_risk = excluded.reason_risk, "                               \
	"reason_legal = excluded.reason_legal, reason_contract = excluded.reason_contract, "                   \
	"reason_business = excluded.reason_business, justification = excluded.justification, "                \
	"status = excluded.status, version = soa_entry.version + 1, updated_at = excluded.updated_at, "        \
	"updated_by = excluded.updated_by"

static int write_row(struct store *s, const struct actor *who, const struct soa_row *r, struct err *e)
{
	struct stmt *st = store_prepare(s, UPSERT_SQL, e);
	char now[32];
	int step;
	if (!st)
		return -1;
	time_now_iso(now);
	stmt_bind_int(st, 1, r->requirement_id);
	if (r->decided == SOA_UNDECIDED)
		stmt_bind_null(st, 2);
	else
		stmt_bind_int(st, 2, r->decided);
	for (int i = 0; i < SOA_NREASONS; i++)
		stmt_bind_int(st, 3 + i, r->decided_reasons[i]);
	stmt_bind_text(st, 7, r->justification);
	stmt_bind_text(st, 8, r->own_status);
	stmt_bind_text(st, 9, now);
	stmt_bind_id(st, 10, who->user_id);
	step = stmt_step(st, e);
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

int soa_update(struct store *s, const struct actor *who, int64_t requirement_id, int64_t version,
	       const struct soa_change *c, struct arena *a, struct soa_row *after, struct err *e)
{
	struct strbuf before_json = STRBUF_INIT, after_json = STRBUF_INIT;
	struct soa_row before, next, now;
	int rc = -1;

	if (who->role < SOA_WRITE_ROLE)
		return err_set(e, 403, "forbidden", "Only ISMS managers and administrators change the Statement of "
			       "Applicability.");
	if (store_begin(s, e))
		return -1;
	if (soa_row_read(s, requirement_id, a, &before, e))
		goto out;
	if (version >= 0 && version != before.version) {
		err_set(e, 412, "stale", "This row of the Statement of Applicability changed since you read it "
			"(version %lld, now %lld): read it again.", (long long)version, (long long)before.version);
		goto out;
	}
	next = before;
	apply_change(&next, c, a, e);
	if (e->status)
		goto out;
	if (write_row(s, who, &next, e) || soa_row_read(s, requirement_id, a, &now, e))
		goto out;
	soa_row_to_json(&before, &before_json);
	soa_row_to_json(&now, &after_json);
	if (audit_append(s, who, "soa_update", "requirement", requirement_id, before_json.buf, after_json.buf, e))
		goto out;
	if ((rc = store_commit(s, e)) == 0 && after)
		*after = now;
out:
	if (rc)
		store_rollback(s);
	sb_release(&before_json);
	sb_release(&after_json);
	return rc;
}

/* ---- JSON ---------------------------------------------------------------- */

static void kv_applicable(struct strbuf *sb, int *first, const char *key, int v)
{
	if (v == SOA_UNDECIDED) {
		jsonw_key(sb, first, key);
		sb_adds(sb, "null");
	} else {
		jsonw_kv_bool(sb, first, key, v);
	}
}

static void reasons_json(struct strbuf *sb, const int reasons[SOA_NREASONS])
{
	int f = 1;
	sb_addc(sb, '[');
	for (int i = 0; i < SOA_NREASONS; i++)
		if (reasons[i]) {
			if (!f)
				sb_addc(sb, ',');
			f = 0;
			jsonw_str(sb, soa_reason_keys[i]);
		}
	sb_addc(sb, ']');
}

static void reasons_from_json(json_t *arr, int reasons[SOA_NREASONS])
{
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v) {
		int k = soa_reason_index(json_string_value(v));
		if (k >= 0)
			reasons[k] = 1;
	}
}

void soa_row_to_json(const struct soa_row *r, struct strbuf *sb)
{
	int first = 1, f;
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &first, "requirement_id", r->requirement_id);
	jsonw_kv_str(sb, &first, "ref_id", r->ref_id);
	jsonw_kv_str(sb, &first, "title", r->title);
	jsonw_key(sb, &first, "group");
	f = 1;
	sb_addc(sb, '{');
	jsonw_kv_id(sb, &f, "id", r->group_id);
	jsonw_kv_str(sb, &f, "ref_id", r->group_ref);
	jsonw_kv_str(sb, &f, "title", r->group_title);
	sb_addc(sb, '}');
	kv_applicable(sb, &first, "applicable", r->applicable);
	kv_applicable(sb, &first, "decided", r->decided);
	jsonw_key(sb, &first, "reasons");
	reasons_json(sb, r->reasons);
	jsonw_key(sb, &first, "decided_reasons");
	reasons_json(sb, r->decided_reasons);
	jsonw_kv_bool(sb, &first, "risk_treatment_derived", r->risk_derived);
	jsonw_kv_str(sb, &first, "justification", r->justification);
	jsonw_kv_str(sb, &first, "status", r->status);
	jsonw_kv_str(sb, &first, "status_source", r->status_source);
	jsonw_kv_str(sb, &first, "own_status", r->own_status);
	jsonw_key(sb, &first, "controls");
	sb_addc(sb, '[');
	for (int i = 0; i < r->n_controls; i++) {
		const struct soa_control *c = &r->controls[i];
		f = 1;
		sb_adds(sb, i ? ",{" : "{");
		jsonw_kv_int(sb, &f, "id", c->id);
		jsonw_kv_str(sb, &f, "code", c->code);
		jsonw_kv_str(sb, &f, "title", c->title);
		jsonw_kv_str(sb, &f, "status", c->status);
		sb_addc(sb, '}');
	}
	sb_adds(sb, "]");
	jsonw_key(sb, &first, "risks");
	sb_addc(sb, '[');
	for (int i = 0; i < r->n_risks; i++) {
		const struct soa_risk *k = &r->risks[i];
		f = 1;
		sb_adds(sb, i ? ",{" : "{");
		jsonw_kv_int(sb, &f, "id", k->id);
		jsonw_kv_str(sb, &f, "title", k->title);
		jsonw_kv_str(sb, &f, "residual_level", k->residual_level);
		jsonw_kv_int(sb, &f, "control_id", k->control_id);
		sb_addc(sb, '}');
	}
	sb_addc(sb, ']');
	jsonw_kv_int(sb, &first, "version", r->version);
	jsonw_kv_str(sb, &first, "updated_at", r->updated_at);
	jsonw_kv_id(sb, &first, "updated_by", r->updated_by);
	sb_addc(sb, '}');
}

static const char *jstr(json_t *o, const char *key, struct arena *a)
{
	return arena_strdup(a, json_string_value(json_object_get(o, key)));
}

static int japplicable(json_t *v)
{
	return json_is_boolean(v) ? json_is_true(v) : SOA_UNDECIDED;
}

int soa_row_from_json(json_t *o, struct arena *a, struct soa_row *r)
{
	json_t *g, *v, *arr;
	size_t i;
	memset(r, 0, sizeof(*r));
	if (!json_is_object(o) || !json_is_integer(json_object_get(o, "requirement_id")))
		return -1;
	r->requirement_id = json_integer_value(json_object_get(o, "requirement_id"));
	r->ref_id = jstr(o, "ref_id", a);
	r->title = jstr(o, "title", a);
	if (json_is_object(g = json_object_get(o, "group"))) {
		r->group_id = json_integer_value(json_object_get(g, "id"));
		r->group_ref = jstr(g, "ref_id", a);
		r->group_title = jstr(g, "title", a);
	}
	r->applicable = japplicable(json_object_get(o, "applicable"));
	r->decided = japplicable(json_object_get(o, "decided"));
	reasons_from_json(json_object_get(o, "reasons"), r->reasons);
	reasons_from_json(json_object_get(o, "decided_reasons"), r->decided_reasons);
	r->risk_derived = json_is_true(json_object_get(o, "risk_treatment_derived"));
	r->justification = jstr(o, "justification", a);
	r->status = jstr(o, "status", a);
	r->status_source = jstr(o, "status_source", a);
	r->own_status = jstr(o, "own_status", a);
	arr = json_object_get(o, "controls");
	r->controls = arena_alloc(a, sizeof(*r->controls) * (json_array_size(arr) + 1));
	json_array_foreach(arr, i, v) {
		struct soa_control *c = &r->controls[r->n_controls++];
		c->id = json_integer_value(json_object_get(v, "id"));
		c->code = jstr(v, "code", a);
		c->title = jstr(v, "title", a);
		c->status = jstr(v, "status", a);
	}
	arr = json_object_get(o, "risks");
	r->risks = arena_alloc(a, sizeof(*r->risks) * (json_array_size(arr) + 1));
	json_array_foreach(arr, i, v) {
		struct soa_risk *k = &r->risks[r->n_risks++];
		k->id = json_integer_value(json_object_get(v, "id"));
		k->title = jstr(v, "title", a);
		k->residual_level = jstr(v, "residual_level", a);
		k->control_id = json_integer_value(json_object_get(v, "control_id"));
	}
	r->version = json_integer_value(json_object_get(o, "version"));
	r->updated_at = jstr(o, "updated_at", a);
	r->updated_by = json_integer_value(json_object_get(o, "updated_by"));
	return 0;
}
