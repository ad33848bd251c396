/* kpi: the KPI record rule, measurements (reading, recording by hand,
 * computing with a formula, the housekeeping job that measures computed
 * KPIs each period) and the status of every KPI. See kpi.h. */
#include "isms/kpi.h"

#include <stdio.h>
#include <string.h>

#include "base/jsonw.h"
#include "base/timeutil.h"
#include "base/util.h"
#include "isms/audit.h"
#include "model/validate.h"

static const struct actor system_actor = { 0, ROLE_ADMIN, "system", "isms housekeeping" };

static const struct entity *kpi_entity(void)
{
	return entity_by_name("kpi");
}

static const char *value_of(const struct record *r, const char *name)
{
	return r->values[entity_field_index(kpi_entity(), name)];
}

static void today(char out[16])
{
	char now[32];
	time_now_iso(now);
	snprintf(out, 16, "%.10s", now);
}

/* ---- the record rule ---- */

/* Sets field name of the change to value when the KPI would otherwise hold
 * another; 422 when the change itself names another. */
static void implied(const struct record *before, struct input *in, const char *name, const char *value,
		    const char *label, struct err *e)
{
	const struct entity *ent = kpi_entity();
	int i = entity_field_index(ent, name);
	const char *now = record_after_value(ent, before, in, name);
	if (streq(now, value))
		return;
	/* a value the change gives (not the field's default, applied on create
	 * as the very string of the entity table) must be the formula's */
	if (in->set[i] && in->values[i] && in->values[i] != ent->fields[i].def) {
		err_field(e, name, "formula", "The formula \"%s\" gives %s %s; leave this out or set it so.", label,
			  name, value);
		return;
	}
	in->values[i] = value;
	in->set[i] = 1;
}

int kpi_prepare(struct store *s, const struct record *before, struct input *in, struct arena *a, struct err *e)
{
	static const char *const limits[] = { "target", "warning", "critical" };
	const struct entity *ent = kpi_entity();
	const struct kpi_formula *f = kpi_formula_by_key(record_after_value(ent, before, in, "source"));
	const char *unit, *direction;
	double v[3];
	int has[3];
	(void)s;
	(void)a;
	if (f) {
		implied(before, in, "unit", f->unit, f->label, e);
		implied(before, in, "direction", f->direction, f->label, e);
	}
	unit = record_after_value(ent, before, in, "unit");
	direction = record_after_value(ent, before, in, "direction");
	for (int i = 0; i < 3; i++) {
		const char *t = record_after_value(ent, before, in, limits[i]);
		has[i] = t && parse_number(t, &v[i]) == 0;
		if (has[i] && unit && !err_has_field(e, limits[i]))
			kpi_check_value(unit, v[i], limits[i], e);
	}
	/* target, then warning, then critical, each no better than the one before */
	for (int i = 1; i < 3; i++) {
		int lower = streq(direction, "lower_better");
		for (int j = i - 1; j >= 0; j--) {
			if (!has[i] || !has[j] || err_has_field(e, limits[i]))
				continue;
			if (lower ? v[i] < v[j] : v[i] > v[j])
				err_field(e, limits[i], "order", "When %s is better, the %s threshold must not be %s than the %s.",
					  lower ? "lower" : "higher", limits[i], lower ? "lower" : "higher", limits[j]);
		}
	}
	return e->nfields ? -1 : 0;
}

/* ---- measurements ---- */

#define MEASUREMENT_COLUMNS                                                                                       \
	"m.id, m.kpi_id, m.period, m.measured_on, m.value, m.note, m.source, m.recorded_by, u.name, m.recorded_at"
#define MEASUREMENT_FROM " FROM kpi_measurement m LEFT JOIN users u ON u.id = m.recorded_by"

static void read_measurement(struct stmt *st, int col, struct arena *a, struct kpi_measurement *m)
{
	char num[32] = "0";
	memset(m, 0, sizeof(*m));
	m->id = stmt_int(st, col);
	m->kpi_id = stmt_int(st, col + 1);
	m->period = arena_strdup(a, stmt_text(st, col + 2));
	m->measured_on = arena_strdup(a, stmt_text(st, col + 3));
	if (number_canonical(stmt_text(st, col + 4), num, sizeof(num)))
		snprintf(num, sizeof(num), "0");
	m->value_text = arena_strdup(a, num);
	parse_number(num, &m->value);
	m->note = stmt_isnull(st, col + 5) ? NULL : arena_strdup(a, stmt_text(st, col + 5));
	m->source = arena_strdup(a, stmt_text(st, col + 6));
	m->recorded_by = stmt_isnull(st, col + 7) ? 0 : stmt_int(st, col + 7);
	m->recorded_by_name = stmt_isnull(st, col + 8) ? NULL : arena_strdup(a, stmt_text(st, col + 8));
	m->recorded_at = arena_strdup(a, stmt_text(st, col + 9));
}

static int measurements_of(struct store *s, int64_t kpi_id, struct arena *a, struct kpi_measurement **out, int *n,
			   struct err *e)
{
	struct stmt *st = store_prepare(s, "SELECT " MEASUREMENT_COLUMNS MEASUREMENT_FROM
					   " WHERE m.kpi_id = ? ORDER BY m.measured_on, m.id", e);
	int step, cap = 16;
	*n = 0;
	*out = NULL;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, kpi_id);
	*out = arena_alloc(a, sizeof(**out) * (size_t)cap);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		if (*n == cap) {
			struct kpi_measurement *grown = arena_alloc(a, sizeof(**out) * (size_t)cap * 2);
			memcpy(grown, *out, sizeof(**out) * (size_t)cap);
			*out = grown;
			cap *= 2;
		}
		read_measurement(st, 0, a, &(*out)[(*n)++]);
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

int kpi_measurements(struct store *s, const struct actor *who, int64_t kpi_id, struct arena *a,
		     struct kpi_measurement **out, int *n, struct err *e)
{
	struct record r;
	if (record_read(s, who, kpi_entity(), kpi_id, a, &r, e))
		return -1;
	return measurements_of(s, kpi_id, a, out, n, e);
}

static int measurement_get(struct store *s, int64_t id, struct arena *a, struct kpi_measurement *m, struct err *e)
{
	struct stmt *st = store_prepare(s, "SELECT " MEASUREMENT_COLUMNS MEASUREMENT_FROM " WHERE m.id = ?", e);
	int step;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, id);
	if ((step = stmt_step(st, e)) == STORE_ROW)
		read_measurement(st, 0, a, m);
	stmt_done(st);
	if (step == STORE_DONE)
		return err_set(e, 404, "not_found", "No measurement with id %lld.", (long long)id);
	return step < 0 ? -1 : 0;
}

static const char *measurement_text(const struct kpi_measurement *m, struct arena *a)
{
	struct strbuf sb = STRBUF_INIT;
	const char *out;
	kpi_measurement_json(m, &sb);
	out = arena_strdup(a, sb.buf);
	sb_release(&sb);
	return out;
}

/* The KPI inside the write transaction, checked for a change by who. */
static int kpi_for_change(struct store *s, const struct actor *who, int64_t kpi_id, struct arena *a,
			  struct record *r, struct err *e)
{
	const struct entity *ent = kpi_entity();
	if (record_get(s, ent, kpi_id, a, r, e) || record_check_change(ent, who, r, e))
		return -1;
	if (who->user_id && who->role < ent->write_role)
		return err_set(e, 403, "forbidden", "Your role may not record measurements of KPIs.");
	if (r->archived)
		return err_set(e, 409, "archived", "This KPI is archived: it takes no more measurements.");
	return 0;
}

/* The id of the measurement of the KPI's period, or 0 (and its source). */
static int period_taken(struct store *s, int64_t kpi_id, const char *period, struct arena *a, int64_t *id,
			const char **on, const char **source, struct err *e)
{
	struct stmt *st = store_prepare(s, "SELECT id, measured_on, source FROM kpi_measurement "
					   "WHERE kpi_id = ? AND period = ?", e);
	int step;
	*id = 0;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, kpi_id);
	stmt_bind_text(st, 2, period);
	if ((step = stmt_step(st, e)) == STORE_ROW) {
		*id = stmt_int(st, 0);
		*on = arena_strdup(a, stmt_text(st, 1));
		*source = arena_strdup(a, stmt_text(st, 2));
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

/* Inserts a measurement (ON CONFLICT: nothing) and audits it; *id 0 when
 * the period was taken meanwhile. */
static int insert_measurement(struct store *s, const struct actor *who, int64_t kpi_id, const char *period,
			      const char *on, const char *value, const char *note, const char *source,
			      struct arena *a, int64_t *id, struct err *e)
{
	struct kpi_measurement m;
	struct stmt *st;
	char now[32];
	int step;
	*id = 0;
	time_now_iso(now);
	if (!(st = store_prepare(s, "INSERT INTO kpi_measurement (kpi_id, period, measured_on, value, note, source, "
				    "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
				    "ON CONFLICT (kpi_id, period) DO NOTHING RETURNING id", e)))
		return -1;
	stmt_bind_int(st, 1, kpi_id);
	stmt_bind_text(st, 2, period);
	stmt_bind_text(st, 3, on);
	stmt_bind_text(st, 4, value);
	stmt_bind_text(st, 5, note);
	stmt_bind_text(st, 6, source);
	stmt_bind_id(st, 7, who->user_id);
	stmt_bind_text(st, 8, now);
	if ((step = stmt_step(st, e)) == STORE_ROW)
		*id = stmt_int(st, 0);
	stmt_done(st);
	if (step < 0)
		return -1;
	if (!*id)
		return 0;
	if (measurement_get(s, *id, a, &m, e))
		return -1;
	return audit_append(s, who, "kpi_measurement", "kpi", kpi_id, NULL, measurement_text(&m, a), e);
}

static const struct field f_date = { "date", "Date", FT_DATE, 0 };
static const struct field f_value = { "value", "Value", FT_NUMBER, F_REQUIRED };
static const struct field f_note = { "note", "Note", FT_LONGTEXT, 0, .max_len = KPI_NOTE_MAX };

static void check_input(const struct record *r, const char *date, const char *value, const char *note,
			const char *day, struct arena *a, const char **v_date, const char **v_value,
			const char **v_note, struct err *e)
{
	double v;
	*v_date = day;
	*v_value = *v_note = NULL;
	if (date && *date && validate_text(&f_date, date, a, v_date, e) == 0 && strcmp(*v_date, day) > 0)
		err_field(e, "date", "future", "Must not be in the future (today is %s).", day);
	if (!value || !*value)
		err_field(e, "value", "required", "Required: the value measured.");
	else if (validate_text(&f_value, value, a, v_value, e) == 0 && parse_number(*v_value, &v) == 0)
		kpi_check_value(value_of(r, "unit"), v, "value", e);
	if (note && *note)
		validate_text(&f_note, note, a, v_note, e);
}

int kpi_record(struct store *s, const struct actor *who, int64_t kpi_id, const char *date, const char *value,
	       const char *note, struct arena *a, int64_t *id, struct err *e)
{
	struct record r;
	const char *v_date, *v_value, *v_note, *on = NULL, *source = NULL;
	char day[16], period[16];
	int64_t taken;
	int rc = -1;
	today(day);
	if (store_begin(s, e))
		return -1;
	if (kpi_for_change(s, who, kpi_id, a, &r, e))
		goto out;
	if (kpi_formula_by_key(value_of(&r, "source"))) {
		err_set(e, 409, "computed", "This KPI is computed by its formula: measure it now instead of entering a "
			"value.");
		goto out;
	}
	check_input(&r, date, value, note, day, a, &v_date, &v_value, &v_note, e);
	if (!e->nfields && kpi_period(value_of(&r, "frequency"), v_date, period, sizeof(period)) == 0) {
		if (period_taken(s, kpi_id, period, a, &taken, &on, &source, e))
			goto out;
		if (taken)
			err_field(e, "date", "duplicate_period", "Period %s already has a measurement (taken on %s): one "
				  "measurement per period.", period, on);
	}
	if (e->nfields) {
		err_set(e, 422, "invalid", "The measurement has %d problem%s; nothing was recorded.", e->nfields,
			e->nfields == 1 ? "" : "s");
		goto out;
	}
	if (insert_measurement(s, who, kpi_id, period, v_date, v_value, v_note, "manual", a, id, e))
		goto out;
	if (!*id) {
		err_field(e, "date", "duplicate_period", "Period %s already has a measurement.", period);
		err_set(e, 422, "invalid", "The measurement has 1 problem; nothing was recorded.");
		goto out;
	}
	rc = store_commit(s, e);
out:
	if (rc)
		store_rollback(s);
	return rc;
}

/* The formula's value for r today; *has 0 when it has nothing to compute from. */
static int compute(struct store *s, const struct record *r, const struct kpi_formula *f, const char *day,
		   char value[32], int *has, struct err *e)
{
	char from[16], before[16];
	struct kpi_window w = { from, day };
	double v = 0;
	int months = kpi_period_months(value_of(r, "frequency"));
	if (time_date_plus_months(day, -(months ? months : 1), before) || time_date_plus_days(before, 1, from))
		return err_set(e, 500, "internal", "Cannot compute the period before %s.", day);
	if (f->fn(s, &w, &v, has, e))
		return -1;
	number_format(v, value, 32);
	return 0;
}

int kpi_measure(struct store *s, const struct actor *who, int64_t kpi_id, struct arena *a, int64_t *id,
		struct err *e)
{
	const struct kpi_formula *f;
	struct record r;
	struct kpi_measurement before, after;
	const char *on = NULL, *source = NULL;
	char day[16], period[16], value[32];
	int has = 0, rc = -1;
	today(day);
	if (store_begin(s, e))
		return -1;
	if (kpi_for_change(s, who, kpi_id, a, &r, e))
		goto out;
	if (!(f = kpi_formula_by_key(value_of(&r, "source")))) {
		err_set(e, 409, "manual", "This KPI is measured by hand: record a measurement with its value.");
		goto out;
	}
	if (kpi_period(value_of(&r, "frequency"), day, period, sizeof(period)) ||
	    period_taken(s, kpi_id, period, a, id, &on, &source, e) || compute(s, &r, f, day, value, &has, e))
		goto out;
	if (!has) {
		err_set(e, 409, "no_data", "Nothing to compute \"%s\" from yet: %s", f->label, f->help);
		goto out;
	}
	if (*id && !streq(source, "computed")) {
		err_set(e, 409, "duplicate_period", "Period %s already has a measurement entered by hand.", period);
		goto out;
	}
	if (!*id) {
		if (insert_measurement(s, who, kpi_id, period, day, value, NULL, "computed", a, id, e))
			goto out;
	} else {
		char now[32];
		time_now_iso(now);
		if (measurement_get(s, *id, a, &before, e) ||
		    STORE_RUN(s, e, "UPDATE kpi_measurement SET value = ?, measured_on = ?, recorded_by = ?, "
				    "recorded_at = ? WHERE id = ?",
			      ARG_TEXT(value), ARG_TEXT(day), who->user_id ? ARG_INT(who->user_id) : ARG_TEXT(NULL),
			      ARG_TEXT(now), ARG_INT(*id)) ||
		    measurement_get(s, *id, a, &after, e) ||
		    audit_append(s, who, "kpi_measurement", "kpi", kpi_id, measurement_text(&before, a),
				 measurement_text(&after, a), e))
			goto out;
	}
	rc = store_commit(s, e);
out:
	if (rc)
		store_rollback(s);
	return rc;
}

/* One computed KPI's measurement of this period, when it has none. */
static int measure_one_due(struct store *s, int64_t kpi_id, const char *day, int *count, struct err *e)
{
	struct arena a = ARENA_INIT;
	const struct kpi_formula *f;
	struct record r;
	const char *on = NULL, *source = NULL;
	char period[16], value[32];
	int64_t id = 0;
	int has = 0, rc = -1, open = 1;
	if (store_begin(s, e)) {
		arena_release(&a);
		return -1;
	}
	if (record_get(s, kpi_entity(), kpi_id, &a, &r, e))
		goto out;
	f = kpi_formula_by_key(value_of(&r, "source"));
	if (r.archived || !f || kpi_period(value_of(&r, "frequency"), day, period, sizeof(period)) ||
	    period_taken(s, kpi_id, period, &a, &id, &on, &source, e) || id) {
		rc = e->status ? -1 : 0;
		goto out;
	}
	if (compute(s, &r, f, day, value, &has, e))
		goto out;
	if (has && insert_measurement(s, &system_actor, kpi_id, period, day, value, NULL, "computed", &a, &id, e))
		goto out;
	open = 0;
	if ((rc = store_commit(s, e)) == 0 && id)
		(*count)++;
out:
	if (open)
		store_rollback(s);
	arena_release(&a);
	return rc;
}

int kpi_measure_due(struct store *s, int *count, struct err *e)
{
	struct stmt *st;
	int64_t ids[256];
	int n = 0, step, rc = 0;
	int64_t after = 0;
	char day[16];
	today(day);
	*count = 0;
	/* a page of ids at a time: no statement stays open across the writes */
	do {
		if (!(st = store_prepare(s, "SELECT id FROM kpi WHERE archived = 0 AND source <> 'manual' AND id > ? "
					    "ORDER BY id LIMIT 256", e)))
			return -1;
		stmt_bind_int(st, 1, after);
		for (n = 0; (step = stmt_step(st, e)) == STORE_ROW;)
			ids[n++] = stmt_int(st, 0);
		stmt_done(st);
		if (step < 0)
			return -1;
		for (int i = 0; i < n; i++) {
			struct err one = ERR_INIT;
			if (measure_one_due(s, ids[i], day, count, &one)) {
				*e = one;
				rc = -1;
			}
			after = ids[i];
		}
	} while (n == 256);
	return rc;
}

/* ---- status ---- */

static int latest_of(struct store *s, int64_t kpi_id, struct arena *a, struct kpi_status *out, struct err *e)
{
	struct stmt *st = store_prepare(s, "SELECT " MEASUREMENT_COLUMNS MEASUREMENT_FROM " WHERE m.kpi_id = ? "
					   "ORDER BY m.measured_on DESC, m.id DESC LIMIT 1", e);
	int step;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, kpi_id);
	if ((step = stmt_step(st, e)) == STORE_ROW) {
		read_measurement(st, 0, a, &out->latest);
		out->has_latest = 1;
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

int kpi_status_one(struct store *s, const struct record *r, struct arena *a, struct kpi_status *out, struct err *e)
{
	memset(out, 0, sizeof(*out));
	out->kpi = *r;
	if (latest_of(s, r->id, a, out, e))
		return -1;
	if (kpi_limits_of(r, &out->limits))
		out->state = KPI_NO_DATA;
	else
		out->state = kpi_state_of(&out->limits, out->has_latest, out->latest.value);
	return 0;
}

int kpi_status_all(struct store *s, const struct actor *viewer, int64_t objective_id, struct arena *a,
		   struct kpi_status **out, int *n, struct kpi_status_counts *counts, struct err *e)
{
	const struct entity *ent = kpi_entity();
	struct list_query q;
	struct record_page p;
	*n = 0;
	*out = NULL;
	memset(counts, 0, sizeof(*counts));
	list_query_init(&q, ent);
	q.viewer = viewer;
	q.limit = LIST_MAX_LIMIT;
	if (objective_id > 0) {
		q.filter_field[0] = entity_field_index(ent, "objective");
		q.filter_value[0] = arena_printf(a, "%lld", (long long)objective_id);
		q.nfilters = 1;
	}
	for (;;) {
		struct kpi_status *grown;
		if (record_list(s, ent, &q, a, &p, e))
			return -1;
		grown = arena_alloc(a, sizeof(*grown) * (size_t)(*n + p.n + 1));
		if (*n)
			memcpy(grown, *out, sizeof(*grown) * (size_t)*n);
		*out = grown;
		for (int i = 0; i < p.n; i++) {
			struct kpi_status *st = &(*out)[(*n)++];
			if (kpi_status_one(s, &p.items[i], a, st, e))
				return -1;
			counts->on_target += st->state == KPI_ON_TARGET;
			counts->warning += st->state == KPI_WARNING;
			counts->critical += st->state == KPI_CRITICAL;
			counts->no_data += st->state == KPI_NO_DATA;
		}
		if (p.n < q.limit || q.offset + p.n >= p.total)
			break;
		q.offset += p.n;
	}
	return 0;
}

/* ---- JSON ---- */

void kpi_measurement_json(const struct kpi_measurement *m, struct strbuf *sb)
{
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &first, "id", m->id);
	jsonw_kv_int(sb, &first, "kpi", m->kpi_id);
	jsonw_kv_str(sb, &first, "period", m->period);
	jsonw_kv_str(sb, &first, "date", m->measured_on);
	jsonw_key(sb, &first, "value");
	sb_adds(sb, m->value_text);
	jsonw_kv_str(sb, &first, "note", m->note);
	jsonw_kv_str(sb, &first, "source", m->source);
	jsonw_kv_id(sb, &first, "recorded_by", m->recorded_by);
	jsonw_kv_str(sb, &first, "recorded_by_name", m->recorded_by_name);
	jsonw_kv_str(sb, &first, "recorded_at", m->recorded_at);
	sb_addc(sb, '}');
}

static void number_member(struct strbuf *sb, int *first, const char *key, const char *v)
{
	jsonw_key(sb, first, key);
	sb_adds(sb, v ? v : "null");
}

void kpi_status_json(const struct kpi_status *st, struct strbuf *sb)
{
	const struct record *r = &st->kpi;
	const struct entity *ent = kpi_entity();
	int first = 1, obj = entity_field_index(ent, "objective");
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &first, "id", r->id);
	jsonw_kv_str(sb, &first, "title", value_of(r, "title"));
	jsonw_key(sb, &first, "objective");
	sb_adds(sb, r->values[obj] ? r->values[obj] : "null");
	jsonw_kv_str(sb, &first, "objective_title", r->titles[obj]);
	jsonw_kv_str(sb, &first, "source", value_of(r, "source"));
	jsonw_kv_str(sb, &first, "unit", value_of(r, "unit"));
	jsonw_kv_str(sb, &first, "direction", value_of(r, "direction"));
	jsonw_kv_str(sb, &first, "frequency", value_of(r, "frequency"));
	number_member(sb, &first, "target", value_of(r, "target"));
	number_member(sb, &first, "warning", value_of(r, "warning"));
	number_member(sb, &first, "critical", value_of(r, "critical"));
	jsonw_key(sb, &first, "latest");
	if (st->has_latest)
		kpi_measurement_json(&st->latest, sb);
	else
		sb_adds(sb, "null");
	jsonw_kv_str(sb, &first, "status", kpi_state_key(st->state));
	sb_addc(sb, '}');
}

void kpi_status_list_json(const struct kpi_status *list, int n, const struct kpi_status_counts *c,
			  struct strbuf *sb)
{
	sb_addf(sb, "{\"counts\":{\"on_target\":%d,\"warning\":%d,\"critical\":%d,\"no_data\":%d},\"items\":[",
		c->on_target, c->warning, c->critical, c->no_data);
	for (int i = 0; i < n; i++) {
		if (i)
			sb_addc(sb, ',');
		kpi_status_json(&list[i], sb);
	}
	sb_addf(sb, "],\"total\":%d}", n);
}
