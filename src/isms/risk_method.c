#include "isms/risk_method.h"

#include <string.h>

#include "base/jsonw.h"
#include "base/timeutil.h"
#include "base/util.h"
#include "isms/audit.h"

const char *const rm_colours[] = { "green", "lime", "yellow", "orange", "red", "purple", "blue", "grey", NULL };

static const char *const method_keys[] = { "likelihood", "impact", "levels", "matrix", "appetite", "note", NULL };

static int in_list(const char *const *list, const char *v)
{
	for (; *list; list++)
		if (strcmp(*list, v) == 0)
			return 1;
	return 0;
}

const char *rm_text_member(json_t *o, const char *key, const char *path, int max, int optional,
			       struct arena *a, struct err *e)
{
	json_t *v = json_object_get(o, key);
	const char *name = arena_printf(a, "%s.%s", path, key);
	long len;
	if (!v || json_is_null(v) || (json_is_string(v) && json_string_length(v) == 0)) {
		if (!optional)
			err_field(e, name, "required", "Required.");
		return NULL;
	}
	if (!json_is_string(v) || json_string_length(v) != strlen(json_string_value(v))) {
		err_field(e, name, "type", "Must be a string.");
		return NULL;
	}
	len = utf8_length(json_string_value(v));
	if (len < 0 || len > max) {
		err_field(e, name, "too_long", "Must be valid text of at most %d characters.", max);
		return NULL;
	}
	for (const unsigned char *p = (const unsigned char *)json_string_value(v); *p; p++)
		if (*p < 0x20 || *p == 0x7f) {
			err_field(e, name, "control_chars", "Must be a single line without control characters.");
			return NULL;
		}
	return arena_strdup(a, json_string_value(v));
}

const char *rm_key_member(json_t *o, const char *path, int max, struct arena *a, struct err *e)
{
	const char *key = rm_text_member(o, "key", path, max, 0, a, e);
	for (const char *p = key; p && *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')) {
			err_field(e, arena_printf(a, "%s.key", path), "format", "Use lower-case letters, digits and _ only.");
			return NULL;
		}
	return key;
}

static void parse_scale(json_t *root, const char *key, struct arena *a, struct rm_scale *s, struct err *e)
{
	json_t *arr = json_object_get(root, key), *step;
	size_t i;
	memset(s, 0, sizeof(*s));
	if (!json_is_array(arr)) {
		err_field(e, key, arr ? "type" : "required", "Must be a list of %d to %d steps, lowest first.",
			  RM_MIN_STEPS, RM_MAX_STEPS);
		return;
	}
	if (json_array_size(arr) < RM_MIN_STEPS || json_array_size(arr) > RM_MAX_STEPS) {
		err_field(e, key, "count", "Must have %d to %d steps (this has %zu).", RM_MIN_STEPS, RM_MAX_STEPS,
			  json_array_size(arr));
		return;
	}
	json_array_foreach(arr, i, step) {
		const char *path = arena_printf(a, "%s[%zu]", key, i);
		struct rm_step *st = &s->steps[i];
		json_t *v;
		if (!json_is_object(step)) {
			err_field(e, path, "type", "Must be an object with value, label and description.");
			continue;
		}
		v = json_object_get(step, "value");
		if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 1000)
			err_field(e, arena_printf(a, "%s.value", path), "type", "Must be a whole number from 0 to 1000.");
		else
			st->value = json_integer_value(v);
		if (i > 0 && json_is_integer(v) && st->value <= s->steps[i - 1].value)
			err_field(e, arena_printf(a, "%s.value", path), "order",
				  "Values must increase strictly from the lowest step to the highest.");
		st->label = rm_text_member(step, "label", path, RM_LABEL_MAX, 0, a, e);
		st->description = rm_text_member(step, "description", path, RM_DESC_MAX, 1, a, e);
	}
	s->n = (int)json_array_size(arr);
}

static void parse_levels(json_t *root, struct arena *a, struct risk_method *m, struct err *e)
{
	json_t *arr = json_object_get(root, "levels"), *lv;
	size_t i;
	if (!json_is_array(arr) || json_array_size(arr) < RM_MIN_LEVELS || json_array_size(arr) > RM_MAX_LEVELS) {
		err_field(e, "levels", arr ? "count" : "required", "Must be a list of %d to %d levels, lowest first.",
			  RM_MIN_LEVELS, RM_MAX_LEVELS);
		return;
	}
	json_array_foreach(arr, i, lv) {
		const char *path = arena_printf(a, "levels[%zu]", i);
		struct rm_level *l = &m->levels[i];
		json_t *months;
		if (!json_is_object(lv)) {
			err_field(e, path, "type", "Must be an object with key, label, colour and review_months.");
			continue;
		}
		l->key = rm_key_member(lv, path, RM_KEY_MAX, a, e);
		for (size_t k = 0; l->key && k < i; k++)
			if (streq(m->levels[k].key, l->key))
				err_field(e, arena_printf(a, "%s.key", path), "duplicate", "Another level has the key '%s'.",
					  l->key);
		l->label = rm_text_member(lv, "label", path, RM_LABEL_MAX, 0, a, e);
		l->colour = rm_text_member(lv, "colour", path, RM_KEY_MAX, 0, a, e);
		if (l->colour && !in_list(rm_colours, l->colour))
			err_field(e, arena_printf(a, "%s.colour", path), "enum",
				  "Must be one of: green, lime, yellow, orange, red, purple, blue, grey.");
		months = json_object_get(lv, "review_months");
		if (!json_is_integer(months) || json_integer_value(months) < 1 || json_integer_value(months) > 60)
			err_field(e, arena_printf(a, "%s.review_months", path), "range",
				  "Must be a whole number of months from 1 to 60.");
		else
			l->review_months = (int)json_integer_value(months);
	}
	m->nlevels = (int)json_array_size(arr);
}

/* The level a key names, with a field error at path when none. */
static int level_ref(const struct risk_method *m, json_t *v, const char *path, struct err *e)
{
	int k = json_is_string(v) ? rm_level_index(m, json_string_value(v)) : -1;
	if (k < 0)
		err_field(e, path, "level", "Must be the key of one of the levels.");
	return k;
}

static void parse_matrix(json_t *root, struct arena *a, struct risk_method *m, struct err *e)
{
	json_t *rows = json_object_get(root, "matrix"), *row;
	size_t li;
	if (!m->likelihood.n || !m->impact.n || !m->nlevels)
		return; /* scales or levels already refused: the matrix cannot be checked */
	if (!json_is_array(rows) || (int)json_array_size(rows) != m->likelihood.n) {
		err_field(e, "matrix", rows ? "shape" : "required",
			  "Must have one row per likelihood step (%d), lowest first, each with one level key per "
			  "impact step (%d).", m->likelihood.n, m->impact.n);
		return;
	}
	json_array_foreach(rows, li, row) {
		if (!json_is_array(row) || (int)json_array_size(row) != m->impact.n) {
			err_field(e, arena_printf(a, "matrix[%zu]", li), "shape",
				  "Must list one level key per impact step (%d).", m->impact.n);
			continue;
		}
		for (int ii = 0; ii < m->impact.n; ii++)
			m->matrix[li][ii] = level_ref(m, json_array_get(row, (size_t)ii),
						      arena_printf(a, "matrix[%zu][%d]", li, ii), e);
	}
}

int risk_method_parse(json_t *obj, struct arena *a, struct risk_method *m, struct err *e)
{
	const char *key;
	json_t *v;
	memset(m, 0, sizeof(*m));
	if (!json_is_object(obj))
		return err_set(e, 400, "bad_json", "The method must be a JSON object.");
	json_object_foreach(obj, key, v)
		if (!in_list(method_keys, key))
			err_field(e, key, "unknown_field",
				  "No field '%s' in a risk method (likelihood, impact, levels, matrix, appetite, note).", key);
	parse_scale(obj, "likelihood", a, &m->likelihood, e);
	parse_scale(obj, "impact", a, &m->impact, e);
	parse_levels(obj, a, m, e);
	if (!e->nfields) /* cells name levels: check them only against valid levels */
		parse_matrix(obj, a, m, e);
	if (m->nlevels && !err_has_field(e, "levels"))
		m->appetite = level_ref(m, json_object_get(obj, "appetite"), "appetite", e);
	m->note = rm_text_member(obj, "note", "method", RM_NOTE_MAX, 1, a, e);
	if (e->nfields) {
		e->status = 422;
		snprintf(e->code, sizeof(e->code), "validation");
		snprintf(e->message, sizeof(e->message), "The risk method has %d problem%s; nothing was changed.",
			 e->nfields, e->nfields == 1 ? "" : "s");
		return -1;
	}
	return 0;
}

void rm_scale_json(struct strbuf *sb, int *first, const char *key, const struct rm_scale *s)
{
	jsonw_key(sb, first, key);
	sb_addc(sb, '[');
	for (int i = 0; i < s->n; i++) {
		int f = 1;
		sb_adds(sb, i ? ",{" : "{");
		jsonw_kv_int(sb, &f, "value", s->steps[i].value);
		jsonw_kv_str(sb, &f, "label", s->steps[i].label);
		jsonw_kv_str(sb, &f, "description", s->steps[i].description ? s->steps[i].description : "");
		sb_addc(sb, '}');
	}
	sb_addc(sb, ']');
}

void rm_levels_json(struct strbuf *sb, int *first, const struct risk_method *m)
{
	jsonw_key(sb, first, "levels");
	sb_addc(sb, '[');
	for (int i = 0; i < m->nlevels; i++) {
		int f = 1;
		sb_adds(sb, i ? ",{" : "{");
		jsonw_kv_str(sb, &f, "key", m->levels[i].key);
		jsonw_kv_str(sb, &f, "label", m->levels[i].label);
		jsonw_kv_str(sb, &f, "colour", m->levels[i].colour);
		jsonw_kv_int(sb, &f, "review_months", m->levels[i].review_months);
		sb_addc(sb, '}');
	}
	sb_addc(sb, ']');
}

static void body_members(const struct risk_method *m, struct strbuf *sb, int *first)
{
	rm_scale_json(sb, first, "likelihood", &m->likelihood);
	rm_scale_json(sb, first, "impact", &m->impact);
	rm_levels_json(sb, first, m);
	jsonw_key(sb, first, "matrix");
	sb_addc(sb, '[');
	for (int l = 0; l < m->likelihood.n; l++) {
		sb_adds(sb, l ? ",[" : "[");
		for (int i = 0; i < m->impact.n; i++) {
			if (i)
				sb_addc(sb, ',');
			jsonw_str(sb, m->levels[m->matrix[l][i]].key);
		}
		sb_addc(sb, ']');
	}
	sb_addc(sb, ']');
	jsonw_kv_str(sb, first, "appetite", m->levels[m->appetite].key);
}

void risk_method_body_json(const struct risk_method *m, struct strbuf *sb)
{
	int first = 1;
	sb_addc(sb, '{');
	body_members(m, sb, &first);
	sb_addc(sb, '}');
}

void risk_method_to_json(const struct risk_method *m, struct strbuf *sb)
{
	int first = 1;
	sb_addc(sb, '{');
	if (m->id) {
		jsonw_kv_int(sb, &first, "id", m->id);
		jsonw_kv_str(sb, &first, "created_at", m->created_at);
		jsonw_kv_id(sb, &first, "created_by", m->created_by);
		jsonw_kv_str(sb, &first, "created_by_name", m->created_by_name ? m->created_by_name : "the system");
	}
	jsonw_kv_str(sb, &first, "note", m->note);
	body_members(m, sb, &first);
	sb_addc(sb, '}');
}

int rm_step_index(const struct rm_scale *s, int64_t value)
{
	for (int i = 0; i < s->n; i++)
		if (s->steps[i].value == value)
			return i;
	return -1;
}

int rm_level_index(const struct risk_method *m, const char *key)
{
	for (int i = 0; i < m->nlevels; i++)
		if (streq(m->levels[i].key, key))
			return i;
	return -1;
}

const struct rm_level *rm_level_of(const struct risk_method *m, int64_t likelihood, int64_t impact)
{
	int l = rm_step_index(&m->likelihood, likelihood), i = rm_step_index(&m->impact, impact);
	return l < 0 || i < 0 ? NULL : &m->levels[m->matrix[l][i]];
}

const char *rm_scale_values(const struct rm_scale *s, struct arena *a)
{
	struct strbuf sb = STRBUF_INIT;
	const char *out;
	for (int i = 0; i < s->n; i++)
		sb_addf(&sb, "%s%lld", i == 0 ? "" : i == s->n - 1 ? " or " : ", ", (long long)s->steps[i].value);
	out = arena_strdup(a, sb.buf ? sb.buf : "");
	sb_release(&sb);
	return out;
}

#define VERSION_SELECT                                                                                      \
	"SELECT m.id, m.created_at, m.created_by, u.name, m.note, m.body FROM risk_method m "                 \
	"LEFT JOIN users u ON u.id = m.created_by"

/* Reads the row st stands on into m. */
static int read_version(struct stmt *st, struct arena *a, struct risk_method *m, struct err *e)
{
	json_error_t je;
	json_t *body = json_loads(stmt_text(st, 5), 0, &je);
	int rc;
	if (!body)
		return err_set(e, 500, "corrupt", "Risk method version %lld cannot be read.", (long long)stmt_int(st, 0));
	rc = risk_method_parse(body, a, m, e);
	json_decref(body);
	if (rc)
		return err_set(e, 500, "corrupt", "Risk method version %lld is not a valid method.",
			       (long long)stmt_int(st, 0));
	m->id = stmt_int(st, 0);
	m->created_at = arena_strdup(a, stmt_text(st, 1));
	m->created_by = stmt_int(st, 2);
	m->created_by_name = arena_strdup(a, stmt_text(st, 3));
	m->note = arena_strdup(a, stmt_text(st, 4));
	return 0;
}

static int load_one(struct store *s, const char *sql, int64_t id, struct arena *a, struct risk_method *m,
		    struct err *e)
{
	struct stmt *st = store_prepare(s, sql, e);
	int step, rc = -1;
	if (!st)
		return -1;
	if (id)
		stmt_bind_int(st, 1, id);
	step = stmt_step(st, e);
	if (step == STORE_ROW)
		rc = read_version(st, a, m, e);
	else if (step == STORE_DONE)
		err_set(e, 404, "not_found", "No risk method version %lld.", (long long)id);
	stmt_done(st);
	return rc;
}

int risk_method_current(struct store *s, struct arena *a, struct risk_method *m, struct err *e)
{
	return load_one(s, VERSION_SELECT " ORDER BY m.id DESC LIMIT 1", 0, a, m, e);
}

int risk_method_get(struct store *s, int64_t id, struct arena *a, struct risk_method *m, struct err *e)
{
	return load_one(s, VERSION_SELECT " WHERE m.id = ?", id, a, m, e);
}

int risk_method_versions(struct store *s, struct arena *a, struct rm_version **out, struct err *e)
{
	struct stmt *st = store_prepare(s, VERSION_SELECT " ORDER BY m.id DESC", e);
	int n = 0, cap = 0, step;
	*out = NULL;
	if (!st)
		return -1;
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		struct rm_version *v;
		*out = arena_grow(a, *out, n, &cap, sizeof(**out));
		v = &(*out)[n++];
		v->id = stmt_int(st, 0);
		v->created_at = arena_strdup(a, stmt_text(st, 1));
		v->created_by = stmt_int(st, 2);
		v->created_by_name = arena_strdup(a, stmt_text(st, 3));
		v->note = arena_strdup(a, stmt_text(st, 4));
	}
	stmt_done(st);
	return step < 0 ? -1 : n;
}

int risk_method_save(struct store *s, const struct actor *who, const struct risk_method *m, int64_t *id,
		     struct err *e)
{
	struct strbuf body = STRBUF_INIT, after = STRBUF_INIT;
	struct stmt *st = NULL;
	struct risk_method saved = *m;
	char now[32];
	int rc = -1;

	risk_method_body_json(m, &body);
	time_now_iso(now);
	if (store_begin(s, e)) {
		sb_release(&body);
		return -1;
	}
	st = store_prepare(s, "INSERT INTO risk_method (created_at, created_by, note, body) VALUES (?, ?, ?, ?) "
			      "RETURNING id", e);
	if (!st)
		goto out;
	stmt_bind_text(st, 1, now);
	stmt_bind_id(st, 2, who->user_id);
	if (m->note)
		stmt_bind_text(st, 3, m->note);
	else
		stmt_bind_null(st, 3);
	stmt_bind_text(st, 4, body.buf);
	if (stmt_step(st, e) != STORE_ROW)
		goto out;
	*id = stmt_int(st, 0);
	stmt_done(st);
	st = NULL;
	saved.id = *id;
	saved.created_at = now;
	saved.created_by = who->user_id;
	saved.created_by_name = who->name;
	risk_method_to_json(&saved, &after);
	if (audit_append(s, who, "risk_method_change", "risk_method", *id, NULL, after.buf, e))
		goto out;
	rc = store_commit(s, e);
out:
	stmt_done(st);
	if (rc)
		store_rollback(s);
	sb_release(&body);
	sb_release(&after);
	return rc;
}
