#include "isms/record.h"

#include <string.h>

#include "base/jsonw.h"
#include "base/timeutil.h"
#include "base/util.h"
#include "isms/audit.h"
#include "isms/kpi.h"
#include "isms/link.h"
#include "isms/protection.h"
#include "isms/record_extra.h"
#include "isms/classification.h"
#include "isms/doc_version.h"
#include "isms/incident.h"
#include "isms/internal_audit.h"
#include "isms/nonconformity.h"
#include "isms/review.h"
#include "isms/risk.h"
#include "isms/supplier.h"

/* What a record type adds to the generic checks, inside the write
 * transaction, after its references are checked: derived values to store
 * and checks that depend on other data (the risk method's scales). before
 * is NULL on create. changed runs after the row is written (created,
 * updated or archived), before its audit entry: derived values elsewhere. */
struct record_rule {
	const char *entity;
	int (*prepare)(struct store *s, const struct record *before, struct input *in, struct arena *a,
		       struct err *e);
	int (*changed)(struct store *s, const struct actor *who, int64_t id, struct arena *a, struct err *e);
};

static const struct record_rule rules[] = {
	{ "risk", risk_prepare, NULL },
	{ "asset", NULL, protection_record_changed },
	{ "document", doc_record_prepare, doc_record_changed },
	{ "incident", incident_prepare, NULL },
	{ "kpi", kpi_prepare, NULL },
	{ "nonconformity", nonconformity_prepare, NULL },
	{ "review", review_prepare, review_changed },
	{ "supplier_assessment", supplier_assessment_prepare, supplier_assessment_changed },
	{ "internal_audit", internal_audit_prepare, internal_audit_changed },
};

static int apply_rules(struct store *s, const struct entity *ent, const struct record *before, struct input *in,
		       struct arena *a, struct err *e)
{
	for (size_t k = 0; k < sizeof(rules) / sizeof(rules[0]); k++)
		if (strcmp(rules[k].entity, ent->name) == 0 && rules[k].prepare)
			return rules[k].prepare(s, before, in, a, e);
	return 0;
}

/* After the write, before its audit entry: the type's derived values. (The
 * links a reference field implies come after the entry: link_record_written.) */
static int apply_changed(struct store *s, const struct actor *who, const struct entity *ent, int64_t id,
			 struct arena *a, struct err *e)
{
	for (size_t k = 0; k < sizeof(rules) / sizeof(rules[0]); k++)
		if (strcmp(rules[k].entity, ent->name) == 0 && rules[k].changed)
			return rules[k].changed(s, who, id, a, e);
	return 0;
}

const char *record_after_value(const struct entity *ent, const struct record *before, const struct input *in,
			       const char *name)
{
	int i = entity_field_index(ent, name);
	if (in->set[i])
		return in->values[i];
	return before ? before->values[i] : NULL;
}

/* A copy of given that the rules may add to. */
static struct input *input_copy(const struct entity *ent, const struct input *given, struct arena *a)
{
	struct input *in = arena_alloc(a, sizeof(*in));
	input_init(in, ent, a);
	memcpy(in->values, given->values, sizeof(char *) * (size_t)ent->nfields);
	memcpy(in->set, given->set, (size_t)ent->nfields);
	return in;
}

static int is_int_type(enum field_type t)
{
	return t == FT_INT || t == FT_REF || t == FT_USER || t == FT_BOOL;
}

static int is_link(const struct field *f)
{
	return f->type == FT_REF || f->type == FT_USER;
}

static void bind_value(struct stmt *st, int idx, const struct field *f, const char *v)
{
	int64_t n;
	if (!v)
		stmt_bind_null(st, idx);
	else if (is_int_type(f->type) && parse_int64(v, &n) == 0)
		stmt_bind_int(st, idx, n);
	else
		stmt_bind_text(st, idx, v);
}

/* SELECT list and joins that bring a record with its links' titles. */
/* The columns of a record and the titles of what it refers to, from t:
 * the table itself, or the rows of from (SQL selecting t.* of the table)
 * when given — a page chosen first, so that only its rows are joined. */
static void select_from_sql(const struct entity *ent, const char *from, struct strbuf *sb)
{
	sb_adds(sb, "SELECT t.id, t.version, t.archived, t.created_at, t.created_by, t.updated_at, t.updated_by");
	for (int i = 0; i < ent->nfields; i++)
		sb_addf(sb, ", t.%s", ent->fields[i].name);
	for (int i = 0; i < ent->nfields; i++) {
		const struct field *f = &ent->fields[i];
		if (f->type == FT_USER)
			sb_addf(sb, ", j%d.name", i);
		else if (f->type == FT_REF)
			sb_addf(sb, ", j%d.%s", i, entity_by_name(f->ref)->title_field);
	}
	if (from)
		sb_addf(sb, " FROM (%s) t", from);
	else
		sb_addf(sb, " FROM %s t", ent->table);
	for (int i = 0; i < ent->nfields; i++) {
		const struct field *f = &ent->fields[i];
		if (f->type == FT_USER)
			sb_addf(sb, " LEFT JOIN users j%d ON j%d.id = t.%s", i, i, f->name);
		else if (f->type == FT_REF)
			sb_addf(sb, " LEFT JOIN %s j%d ON j%d.id = t.%s", entity_by_name(f->ref)->table, i, i, f->name);
	}
}

static void read_row(struct stmt *st, const struct entity *ent, struct arena *a, struct record *r)
{
	int col = SYSTEM_NCOLS;
	r->id = stmt_int(st, 0);
	r->version = stmt_int(st, 1);
	r->archived = (int)stmt_int(st, 2);
	r->created_at = arena_strdup(a, stmt_text(st, 3));
	r->created_by = stmt_int(st, 4);
	r->updated_at = arena_strdup(a, stmt_text(st, 5));
	r->updated_by = stmt_int(st, 6);
	r->values = arena_alloc(a, sizeof(char *) * (size_t)ent->nfields);
	r->titles = arena_alloc(a, sizeof(char *) * (size_t)ent->nfields);
	for (int i = 0; i < ent->nfields; i++, col++) {
		char num[32];
		const char *v = stmt_text(st, col);
		/* an engine's spelling of a number ("95.0", "95") becomes one */
		if (v && ent->fields[i].type == FT_NUMBER && number_canonical(v, num, sizeof(num)) == 0)
			v = num;
		r->values[i] = arena_strdup(a, v);
	}
	for (int i = 0; i < ent->nfields; i++)
		if (is_link(&ent->fields[i]))
			r->titles[i] = arena_strdup(a, stmt_text(st, col++));
}

void list_query_init(struct list_query *q, const struct entity *ent)
{
	memset(q, 0, sizeof(*q));
	q->sort_field = -1;
	q->sort_desc = 1;
	q->limit = 25;
	if (ent->default_sort)
		list_query_sort(q, ent, ent->default_sort, NULL);
}

int list_query_sort(struct list_query *q, const struct entity *ent, const char *spec, struct err *e)
{
	int desc = spec[0] == '-';
	const char *name = desc ? spec + 1 : spec;
	int i = strcmp(name, "id") == 0 ? -1 : entity_field_index(ent, name);
	if (i < 0 && strcmp(name, "id") != 0) {
		if (e)
			err_set(e, 400, "bad_sort", "Cannot sort by '%s': not a field of %s.", name, ent->name);
		return -1;
	}
	q->sort_field = i;
	q->sort_desc = desc;
	return 0;
}

/* Whether scope sc restricts who (below its all_role). */
static int scoped(const struct record_scope *sc, const struct actor *who)
{
	return who && sc->all_role != ROLE_ANONYMOUS && who->role < sc->all_role;
}

/* The column behind a scope's user field: a field, or the creator. */
static const char *scope_column(const char *name)
{
	return strcmp(name, "created_by") == 0 ? "created_by" : name;
}

/* " AND (t.owner = ? OR ...)": the records who reaches under sc. */
static void scope_sql(const struct record_scope *sc, struct strbuf *sb)
{
	sb_adds(sb, " AND (1 = 0");
	for (int k = 0; k < SCOPE_USER_FIELDS && sc->user_fields[k]; k++)
		sb_addf(sb, " OR t.%s = ?", scope_column(sc->user_fields[k]));
	if (sc->field)
		sb_addf(sb, sc->value ? " OR t.%s = ?" : " OR t.%s IS NOT NULL", sc->field);
	sb_addc(sb, ')');
}

static int scope_bind(struct stmt *st, int idx, const struct record_scope *sc, const struct actor *who)
{
	for (int k = 0; k < SCOPE_USER_FIELDS && sc->user_fields[k]; k++)
		stmt_bind_int(st, idx++, who->user_id);
	if (sc->field && sc->value)
		stmt_bind_text(st, idx++, sc->value);
	return idx;
}

int record_in_scope(const struct entity *ent, const struct record_scope *sc, const struct actor *who,
		    const struct record *r)
{
	char me[24];
	if (!scoped(sc, who))
		return 1;
	snprintf(me, sizeof(me), "%lld", (long long)who->user_id);
	for (int k = 0; k < SCOPE_USER_FIELDS && sc->user_fields[k]; k++) {
		int i = entity_field_index(ent, sc->user_fields[k]);
		if (i < 0 ? r->created_by == who->user_id : (r->values[i] && strcmp(r->values[i], me) == 0))
			return who->user_id != 0;
	}
	if (sc->field) {
		int i = entity_field_index(ent, sc->field);
		return i >= 0 && r->values[i] && (!sc->value || strcmp(r->values[i], sc->value) == 0);
	}
	return 0;
}

int record_can_write(const struct entity *ent, const struct actor *who, const struct record *r)
{
	return who->role >= ent->write_role && record_in_scope(ent, &ent->write_scope, who, r);
}

/* Appends the WHERE clause; binds are replayed by bind_where in the same order. */
static void where_sql(const struct entity *ent, const struct list_query *q, struct strbuf *sb)
{
	sb_adds(sb, q->include_archived ? " WHERE 1 = 1" : " WHERE t.archived = 0");
	if (scoped(&ent->read_scope, q->viewer))
		scope_sql(&ent->read_scope, sb);
	for (int k = 0; k < q->nfilters; k++) {
		if (q->filter_field[k] < 0)
			sb_adds(sb, " AND t.id = ?");
		else if (q->filter_value[k])
			sb_addf(sb, " AND t.%s = ?", ent->fields[q->filter_field[k]].name);
		else
			sb_addf(sb, " AND t.%s IS NULL", ent->fields[q->filter_field[k]].name);
	}
	if (q->overdue_on && ent->overdue.due_field) {
		sb_addf(sb, " AND ((t.%s IS NOT NULL AND t.%s < ?)", ent->overdue.due_field, ent->overdue.due_field);
		if (ent->overdue.also_due_field)
			sb_addf(sb, " OR (t.%s IS NOT NULL AND t.%s < ?)", ent->overdue.also_due_field,
				ent->overdue.also_due_field);
		sb_addc(sb, ')');
		if (ent->overdue.status_field && ent->overdue.done_values[0]) {
			sb_addf(sb, " AND (t.%s IS NULL OR t.%s NOT IN (", ent->overdue.status_field,
				ent->overdue.status_field);
			for (int i = 0; ent->overdue.done_values[i]; i++)
				sb_adds(sb, i ? ", ?" : "?");
			sb_adds(sb, "))");
		}
	}
	if (q->q && *q->q) {
		int first = 1;
		for (int i = 0; i < ent->nfields; i++) {
			if (!(ent->fields[i].flags & F_SEARCH))
				continue;
			sb_addf(sb, "%slower(t.%s) LIKE ? ESCAPE '\\'", first ? " AND (" : " OR ", ent->fields[i].name);
			first = 0;
		}
		if (!first)
			sb_addc(sb, ')');
	}
}

static int bind_where(struct stmt *st, const struct entity *ent, const struct list_query *q, struct arena *a)
{
	int idx = 1;
	if (scoped(&ent->read_scope, q->viewer))
		idx = scope_bind(st, idx, &ent->read_scope, q->viewer);
	for (int k = 0; k < q->nfilters; k++) {
		if (q->filter_field[k] < 0) {
			int64_t id = 0;
			parse_int64(q->filter_value[k], &id);
			stmt_bind_int(st, idx++, id);
		} else if (q->filter_value[k]) {
			bind_value(st, idx++, &ent->fields[q->filter_field[k]], q->filter_value[k]);
		}
	}
	if (q->overdue_on && ent->overdue.due_field) {
		stmt_bind_text(st, idx++, q->overdue_on);
		if (ent->overdue.also_due_field)
			stmt_bind_text(st, idx++, q->overdue_on);
		for (int i = 0; ent->overdue.status_field && ent->overdue.done_values[i]; i++)
			stmt_bind_text(st, idx++, ent->overdue.done_values[i]);
	}
	if (q->q && *q->q) {
		char *pat = arena_alloc(a, 2 * strlen(q->q) + 3);
		like_contains(q->q, pat);
		for (int i = 0; i < ent->nfields; i++)
			if (ent->fields[i].flags & F_SEARCH)
				stmt_bind_text(st, idx++, pat);
	}
	return idx;
}

int record_list(struct store *s, const struct entity *ent, const struct list_query *q, struct arena *a,
		struct record_page *out, struct err *e)
{
	struct strbuf sql = STRBUF_INIT, page = STRBUF_INIT, order = STRBUF_INIT;
	struct stmt *st = NULL;
	const char *col;
	int rc = -1, idx, step, cap;

	memset(out, 0, sizeof(*out));
	sb_addf(&sql, "SELECT COUNT(*) FROM %s t", ent->table);
	where_sql(ent, q, &sql);
	if (!(st = store_prepare(s, sql.buf, e)))
		goto out;
	bind_where(st, ent, q, a);
	if (stmt_step(st, e) != STORE_ROW)
		goto out;
	out->total = stmt_int(st, 0);
	stmt_done(st);
	st = NULL;
	if (q->limit == 0) { /* only the count (dashboards): no page to sort */
		rc = 0;
		goto out;
	}

	/* the page's rows first (filter, sort, limit), then only they are
	 * joined to the titles they refer to: joining every matching row before
	 * the sort cost a lookup per reference per row */
	sb_reset(&page);
	sb_addf(&page, "SELECT t.* FROM %s t", ent->table);
	where_sql(ent, q, &page);
	col = q->sort_field < 0 ? "id" : ent->fields[q->sort_field].name;
	/* NULLs last in both directions, identically on every engine */
	sb_addf(&order, " ORDER BY (t.%s IS NULL), t.%s %s, t.id %s", col, col, q->sort_desc ? "DESC" : "ASC",
		q->sort_desc ? "DESC" : "ASC");
	sb_addf(&page, "%s LIMIT ? OFFSET ?", order.buf);
	sb_reset(&sql);
	select_from_sql(ent, page.buf, &sql);
	sb_adds(&sql, order.buf);
	if (!(st = store_prepare(s, sql.buf, e)))
		goto out;
	idx = bind_where(st, ent, q, a);
	stmt_bind_int(st, idx++, q->limit);
	stmt_bind_int(st, idx, q->offset);
	cap = q->limit > 0 ? q->limit : 1;
	out->items = arena_alloc(a, sizeof(struct record) * (size_t)cap);
	while ((step = stmt_step(st, e)) == STORE_ROW && out->n < cap)
		read_row(st, ent, a, &out->items[out->n++]);
	if (step < 0)
		goto out;
	rc = 0;
out:
	stmt_done(st);
	sb_release(&sql);
	sb_release(&page);
	sb_release(&order);
	return rc;
}

int record_count_by(struct store *s, const struct entity *ent, const struct list_query *q, const int *by, int nby,
		    void (*fn)(void *ctx, const char *const *values, int64_t count), void *ctx, struct err *e)
{
	struct strbuf sql = STRBUF_INIT;
	struct stmt *st = NULL;
	struct arena a = ARENA_INIT; /* the search pattern */
	const char *values[RECORD_GROUP_MAX];
	int rc = -1, step;

	if (nby < 1 || nby > RECORD_GROUP_MAX)
		return err_set(e, 500, "internal", "record_count_by: 1 to %d fields.", RECORD_GROUP_MAX);
	sb_adds(&sql, "SELECT COUNT(*)");
	for (int k = 0; k < nby; k++)
		sb_addf(&sql, ", t.%s", ent->fields[by[k]].name);
	sb_addf(&sql, " FROM %s t", ent->table);
	where_sql(ent, q, &sql);
	for (int k = 0; k < nby; k++)
		sb_addf(&sql, "%st.%s", k ? ", " : " GROUP BY ", ent->fields[by[k]].name);
	if (!(st = store_prepare(s, sql.buf, e)))
		goto out;
	bind_where(st, ent, q, &a);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		for (int k = 0; k < nby; k++)
			values[k] = stmt_isnull(st, k + 1) ? NULL : stmt_text(st, k + 1);
		fn(ctx, values, stmt_int(st, 0));
	}
	rc = step < 0 ? -1 : 0;
out:
	stmt_done(st);
	sb_release(&sql);
	arena_release(&a);
	return rc;
}

int record_get(struct store *s, const struct entity *ent, int64_t id, struct arena *a, struct record *out,
	       struct err *e)
{
	struct strbuf sql = STRBUF_INIT;
	struct stmt *st;
	int rc = -1, step;
	select_from_sql(ent, NULL, &sql);
	sb_adds(&sql, " WHERE t.id = ?");
	st = store_prepare(s, sql.buf, e);
	sb_release(&sql);
	if (!st)
		return -1;
	stmt_bind_int(st, 1, id);
	step = stmt_step(st, e);
	if (step == STORE_ROW) {
		read_row(st, ent, a, out);
		rc = 0;
	} else if (step == STORE_DONE) {
		err_set(e, 404, "not_found", "No %s with id %lld.", ent->name, (long long)id);
	}
	stmt_done(st);
	return rc;
}

int record_read(struct store *s, const struct actor *who, const struct entity *ent, int64_t id, struct arena *a,
		struct record *out, struct err *e)
{
	if (record_get(s, ent, id, a, out, e))
		return -1;
	if (!record_in_scope(ent, &ent->read_scope, who, out))
		return err_set(e, 404, "not_found", "No %s with id %lld.", ent->name, (long long)id);
	return 0;
}

/* Before a change: the record must be visible to who (else 404, as if it
 * did not exist) and within their write scope (else 403). */
int record_check_change(const struct entity *ent, const struct actor *who, const struct record *r, struct err *e)
{
	if (!record_in_scope(ent, &ent->read_scope, who, r))
		return err_set(e, 404, "not_found", "No %s with id %lld.", ent->name, (long long)r->id);
	if (!record_in_scope(ent, &ent->write_scope, who, r))
		return err_set(e, 403, "not_yours", "You can change only the %s records that are yours; ask an ISMS "
			       "manager to change this one.", ent->name);
	return 0;
}

/* After a change: who must still reach the record — nobody below the
 * scope's role hands a record over to someone else, or creates one that
 * is not theirs. */
static int check_still_theirs(const struct entity *ent, const struct actor *who, const struct record *r,
			      struct err *e)
{
	if (record_in_scope(ent, &ent->read_scope, who, r) && record_in_scope(ent, &ent->write_scope, who, r))
		return 0;
	return err_set(e, 403, "not_yours", "Your role lets you keep a %s only under your own name; ask an ISMS "
		       "manager to assign it to someone else.", ent->name);
}

/* Fields that default to the creating user: F_CALLER fields, and the first
 * user field of a scope that restricts the creator (so what they create is
 * theirs). Only when the input leaves them unset or empty. */
static void default_to_caller(const struct entity *ent, const struct actor *who, struct input *in, struct arena *a)
{
	const struct record_scope *scopes[2] = { &ent->read_scope, &ent->write_scope };
	if (!who || !who->user_id)
		return;
	for (int i = 0; i < ent->nfields; i++) {
		const struct field *f = &ent->fields[i];
		int want = f->type == FT_USER && (f->flags & F_CALLER);
		for (int k = 0; k < 2; k++)
			if (scoped(scopes[k], who) && scopes[k]->user_fields[0] &&
			    strcmp(scopes[k]->user_fields[0], f->name) == 0)
				want = 1;
		if (want && (!in->set[i] || !in->values[i])) { /* a form's empty choice too */
			in->set[i] = 1;
			in->values[i] = arena_printf(a, "%lld", (long long)who->user_id);
		}
	}
}

/* Every reference the input sets must name a live record (or a user). */
static int check_links(struct store *s, const struct entity *ent, const struct input *in, struct err *e)
{
	for (int i = 0; i < ent->nfields; i++) {
		const struct field *f = &ent->fields[i];
		const struct entity *target = NULL;
		char sql[160];
		struct stmt *st;
		int step;
		if (!is_link(f) || !in->set[i] || !in->values[i])
			continue;
		if (f->type == FT_USER) {
			snprintf(sql, sizeof(sql), "SELECT 1 FROM users WHERE id = ?");
		} else {
			target = entity_by_name(f->ref);
			snprintf(sql, sizeof(sql), "SELECT 1 FROM %s WHERE id = ? AND archived = 0", target->table);
		}
		if (!(st = store_prepare(s, sql, e)))
			return -1;
		bind_value(st, 1, f, in->values[i]);
		step = stmt_step(st, e);
		stmt_done(st);
		if (step < 0)
			return -1;
		if (step == STORE_DONE)
			err_field(e, f->name, "reference", "No %s with id %s.", target ? target->name : "user",
				  in->values[i]);
	}
	return e->nfields ? -1 : 0;
}

static char *record_json(const struct entity *ent, const struct record *r, struct arena *a)
{
	struct strbuf sb = STRBUF_INIT;
	char *out;
	record_to_json(ent, r, &sb);
	out = arena_strndup(a, sb.buf, sb.len);
	sb_release(&sb);
	return out;
}

int record_create_within(struct store *s, const struct actor *who, const struct entity *ent,
			 const struct input *given, struct arena *a, int64_t *id, struct err *e)
{
	struct strbuf sql = STRBUF_INIT;
	struct stmt *st = NULL;
	struct record after;
	struct input *in = input_copy(ent, given, a);
	char now[32];
	int idx = 1, rc = -1, n = 0;

	default_to_caller(ent, who, in, a);
	if (check_links(s, ent, in, e) || classification_check(s, ent, in, a, e) ||
	    apply_rules(s, ent, NULL, in, a, e))
		goto out;
	sb_addf(&sql, "INSERT INTO %s (created_at, created_by, updated_at, updated_by", ent->table);
	for (int i = 0; i < ent->nfields; i++)
		if (in->set[i]) {
			sb_addf(&sql, ", %s", ent->fields[i].name);
			n++;
		}
	sb_adds(&sql, ") VALUES (?, ?, ?, ?");
	for (int i = 0; i < n; i++)
		sb_adds(&sql, ", ?");
	sb_adds(&sql, ") RETURNING id");
	if (!(st = store_prepare(s, sql.buf, e)))
		goto out;
	time_now_iso(now);
	stmt_bind_text(st, idx++, now);
	stmt_bind_id(st, idx++, who->user_id);
	stmt_bind_text(st, idx++, now);
	stmt_bind_id(st, idx++, who->user_id);
	for (int i = 0; i < ent->nfields; i++)
		if (in->set[i])
			bind_value(st, idx++, &ent->fields[i], in->values[i]);
	if (stmt_step(st, e) != STORE_ROW)
		goto out;
	*id = stmt_int(st, 0);
	stmt_done(st);
	st = NULL;
	if (record_get(s, ent, *id, a, &after, e) || check_still_theirs(ent, who, &after, e))
		goto out;
	if (apply_changed(s, who, ent, *id, a, e) || record_get(s, ent, *id, a, &after, e))
		goto out;
	if (audit_append(s, who, "create", ent->name, *id, NULL, record_json(ent, &after, a), e) ||
	    link_record_written(s, who, ent, *id, a, e))
		goto out;
	rc = 0;
out:
	stmt_done(st);
	sb_release(&sql);
	return rc;
}

int record_create(struct store *s, const struct actor *who, const struct entity *ent, const struct input *given,
		  struct arena *a, int64_t *id, struct err *e)
{
	if (store_begin(s, e))
		return -1;
	if (record_create_within(s, who, ent, given, a, id, e) || store_commit(s, e)) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

int record_update_within(struct store *s, const struct actor *who, const struct entity *ent, int64_t id,
			 int64_t if_version, const struct input *given, struct arena *a, struct err *e)
{
	struct strbuf sql = STRBUF_INIT;
	struct stmt *st = NULL;
	struct record before, after;
	struct input *in = input_copy(ent, given, a);
	char now[32];
	int idx = 1, rc = -1, n = 0;

	if (record_get(s, ent, id, a, &before, e) || record_check_change(ent, who, &before, e))
		goto out;
	if (before.archived) {
		err_set(e, 409, "archived", "This %s is archived and can no longer be changed.", ent->name);
		goto out;
	}
	if (before.version != if_version) {
		err_set(e, 412, "stale",
			"This %s was changed by someone else (now version %lld, you had %lld); reload and retry.",
			ent->name, (long long)before.version, (long long)if_version);
		goto out;
	}
	if (check_links(s, ent, in, e) || classification_check(s, ent, in, a, e) ||
	    apply_rules(s, ent, &before, in, a, e))
		goto out;
	sb_addf(&sql, "UPDATE %s SET version = version + 1, updated_at = ?, updated_by = ?", ent->table);
	for (int i = 0; i < ent->nfields; i++)
		if (in->set[i]) {
			sb_addf(&sql, ", %s = ?", ent->fields[i].name);
			n++;
		}
	if (n == 0) { /* nothing to change: not a new version */
		rc = 0;
		goto out;
	}
	sb_adds(&sql, " WHERE id = ? AND version = ?");
	if (!(st = store_prepare(s, sql.buf, e)))
		goto out;
	time_now_iso(now);
	stmt_bind_text(st, idx++, now);
	stmt_bind_id(st, idx++, who->user_id);
	for (int i = 0; i < ent->nfields; i++)
		if (in->set[i])
			bind_value(st, idx++, &ent->fields[i], in->values[i]);
	stmt_bind_int(st, idx++, id);
	stmt_bind_int(st, idx, if_version);
	if (stmt_step(st, e) < 0)
		goto out;
	if (store_changes(s) != 1) {
		err_set(e, 412, "stale", "This %s was changed by someone else; reload and retry.", ent->name);
		goto out;
	}
	stmt_done(st);
	st = NULL;
	if (apply_changed(s, who, ent, id, a, e) || record_get(s, ent, id, a, &after, e) ||
	    check_still_theirs(ent, who, &after, e))
		goto out;
	if (audit_append(s, who, "update", ent->name, id, record_json(ent, &before, a),
			 record_json(ent, &after, a), e) ||
	    link_record_written(s, who, ent, id, a, e))
		goto out;
	rc = 0;
out:
	stmt_done(st);
	sb_release(&sql);
	return rc;
}

int record_update(struct store *s, const struct actor *who, const struct entity *ent, int64_t id,
		  int64_t if_version, const struct input *given, struct arena *a, struct err *e)
{
	if (store_begin(s, e))
		return -1;
	if (record_update_within(s, who, ent, id, if_version, given, a, e) || store_commit(s, e)) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

int record_archive(struct store *s, const struct actor *who, const struct entity *ent, int64_t id,
		   int64_t if_version, struct arena *a, struct err *e)
{
	char sql[200], now[32];
	struct stmt *st = NULL;
	struct record before;
	int rc = -1;

	if (store_begin(s, e))
		return -1;
	if (record_get(s, ent, id, a, &before, e) || record_check_change(ent, who, &before, e))
		goto out;
	if (before.archived) {
		err_set(e, 409, "archived", "This %s is already archived.", ent->name);
		goto out;
	}
	if (if_version && before.version != if_version) {
		err_set(e, 412, "stale", "This %s was changed by someone else (now version %lld); reload and retry.",
			ent->name, (long long)before.version);
		goto out;
	}
	snprintf(sql, sizeof(sql),
		 "UPDATE %s SET archived = 1, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?",
		 ent->table);
	if (!(st = store_prepare(s, sql, e)))
		goto out;
	time_now_iso(now);
	stmt_bind_text(st, 1, now);
	stmt_bind_id(st, 2, who->user_id);
	stmt_bind_int(st, 3, id);
	if (stmt_step(st, e) < 0 || apply_changed(s, who, ent, id, a, e))
		goto out;
	if (audit_append(s, who, "archive", ent->name, id, record_json(ent, &before, a), NULL, e))
		goto out;
	rc = store_commit(s, e);
out:
	stmt_done(st);
	if (rc)
		store_rollback(s);
	return rc;
}

void record_to_json(const struct entity *ent, const struct record *r, struct strbuf *sb)
{
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &first, "id", r->id);
	jsonw_kv_int(sb, &first, "version", r->version);
	jsonw_kv_bool(sb, &first, "archived", r->archived);
	jsonw_kv_str(sb, &first, "created_at", r->created_at);
	jsonw_kv_id(sb, &first, "created_by", r->created_by);
	jsonw_kv_str(sb, &first, "updated_at", r->updated_at);
	jsonw_kv_id(sb, &first, "updated_by", r->updated_by);
	for (int i = 0; i < ent->nfields; i++) {
		const struct field *f = &ent->fields[i];
		const char *v = r->values[i];
		jsonw_key(sb, &first, f->name);
		if (!v)
			sb_adds(sb, "null");
		else if (f->type == FT_BOOL)
			sb_adds(sb, strcmp(v, "0") ? "true" : "false");
		else if (f->type == FT_INT || f->type == FT_NUMBER || is_link(f))
			sb_adds(sb, v);
		else
			jsonw_str(sb, v);
	}
	sb_addc(sb, '}');
}

void record_page_to_json(const struct entity *ent, const struct record_page *p, const struct list_query *q,
			 struct strbuf *sb)
{
	sb_grow(sb, (size_t)p->n * 512 + 64);
	sb_adds(sb, "{\"items\":[");
	for (int i = 0; i < p->n; i++) {
		if (i)
			sb_addc(sb, ',');
		record_to_json(ent, &p->items[i], sb);
		record_json_extras(ent, &p->items[i], sb);
	}
	sb_addf(sb, "],\"total\":%lld,\"limit\":%d,\"offset\":%d}", (long long)p->total, q->limit, q->offset);
}

int record_ref_options(struct store *s, const struct field *f, int max, struct arena *a,
		       struct ref_option **out, struct err *e)
{
	char sql[200];
	struct stmt *st;
	int n = 0, step;
	if (f->type == FT_USER) {
		snprintf(sql, sizeof(sql), "SELECT id, name FROM users WHERE disabled = 0 ORDER BY name LIMIT ?");
	} else {
		const struct entity *t = entity_by_name(f->ref);
		snprintf(sql, sizeof(sql), "SELECT id, %s FROM %s WHERE archived = 0 ORDER BY %s LIMIT ?",
			 t->title_field, t->table, t->title_field);
	}
	*out = arena_alloc(a, sizeof(struct ref_option) * (size_t)(max > 0 ? max : 1));
	if (!(st = store_prepare(s, sql, e)))
		return -1;
	stmt_bind_int(st, 1, max);
	while ((step = stmt_step(st, e)) == STORE_ROW && n < max) {
		(*out)[n].id = stmt_int(st, 0);
		(*out)[n].title = arena_strdup(a, stmt_text(st, 1));
		n++;
	}
	stmt_done(st);
	return step < 0 ? -1 : n;
}
