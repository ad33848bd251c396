/* backup: isms backup and isms restore (see backup.h for the format). */
#include "isms/backup.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/jsonw.h"
#include "base/strbuf.h"
#include "base/timeutil.h"
#include "base/util.h"
#include "base/xalloc.h"
#include "isms/audit.h"

#define FORMAT_NAME "isms-backup"
#define MAX_COLS 64
#define NAME_LEN 64
#define MAX_MIGRATIONS 256

enum keep {
	KEEP,      /* written and restored */
	LEAVE_OUT, /* short-lived state: everyone logs in again after a restore */
	IN_HEADER, /* schema_migrations: the header's "migrations" */
};

/* Every table of the schema, in an order in which each table's references
 * point to tables before it (restore inserts in this order). A migration
 * that adds a table adds it here. */
static const struct {
	const char *name;
	enum keep what;
} known[] = {
	{ "schema_migrations", IN_HEADER },
	{ "users", KEEP },
	{ "settings", KEEP },
	{ "risk_method", KEEP },
	{ "classification_level", KEEP },
	{ "user_group", KEEP },
	{ "user_group_member", KEEP },
	{ "api_tokens", KEEP },
	{ "mfa_recovery_codes", KEEP },
	{ "audit_head", KEEP },
	{ "audit_log", KEEP },
	{ "asset", KEEP },
	{ "threat", KEEP },
	{ "vulnerability", KEEP },
	{ "risk", KEEP },
	{ "control", KEEP },
	{ "document", KEEP },
	{ "document_version", KEEP },
	{ "document_audience", KEEP },
	{ "document_ack", KEEP },
	{ "incident", KEEP },
	{ "nonconformity", KEEP },
	{ "supplier", KEEP },
	{ "management_review", KEEP },
	{ "review_attendee", KEEP },
	{ "supplier_assessment", KEEP },
	{ "task", KEEP },
	{ "course", KEEP },
	{ "course_question", KEEP },
	{ "course_choice", KEEP },
	{ "training_assignment", KEEP },
	{ "training_attempt", KEEP },
	{ "training_answer", KEEP },
	{ "objective", KEEP },
	{ "kpi", KEEP },
	{ "kpi_measurement", KEEP },
	{ "risk_run", KEEP },
	{ "risk_run_item", KEEP },
	{ "risk_acceptance", KEEP },
	{ "link_asset_depends_on", KEEP },
	{ "link_risk_asset", KEEP },
	{ "link_risk_control", KEEP },
	{ "link_incident_asset", KEEP },
	{ "link_incident_risk", KEEP },
	{ "link_nonconformity_incident", KEEP },
	{ "link_supplier_risk", KEEP },
	{ "link_supplier_control", KEEP },
	{ "framework", KEEP },
	{ "requirement", KEEP },
	{ "requirement_mapping", KEEP },
	{ "control_requirement", KEEP },
	{ "requirement_assessment", KEEP },
	{ "soa_entry", KEEP },
	{ "soa_version", KEEP },
	{ "context_issue", KEEP },
	{ "interested_party", KEEP },
	{ "party_requirement", KEEP },
	{ "link_party_requirement_party", KEEP },
	{ "link_party_requirement_control", KEEP },
	{ "scope_statement", KEEP },
	{ "scope_version", KEEP },
	{ "process", KEEP },
	{ "isms_role_holder", KEEP },
	{ "raci_entry", KEEP },
	{ "audit_area", KEEP },
	{ "audit_programme", KEEP },
	{ "internal_audit", KEEP },
	{ "audit_item", KEEP },
	{ "sessions", LEAVE_OUT },
	{ "login_tickets", LEAVE_OUT },
	{ "login_throttle", LEAVE_OUT },
};
#define NKNOWN ((int)ARRAY_SIZE(known))

/* A known table as the database's catalogue has it. */
struct table {
	int present;
	int seen; /* restore: its section was read */
	int ncols; /* the columns a backup holds: all but generated ones */
	char cols[MAX_COLS][NAME_LEN];
	int is_int[MAX_COLS];
};

struct catalogue {
	struct table t[NKNOWN];
};

static int known_index(const char *name)
{
	for (int i = 0; i < NKNOWN; i++)
		if (strcmp(known[i].name, name) == 0)
			return i;
	return -1;
}

/* Names from the catalogue go into SQL (quoted); they must be plain. */
static int plain_name(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n >= NAME_LEN)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

static int read_columns(struct store *s, const char *name, struct table *t, struct err *e)
{
	struct stmt *st = store_prepare_columns(s, name, e);
	int step;
	if (!st)
		return -1;
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		const char *col = stmt_text(st, 0);
		if (stmt_int(st, 1)) /* generated: the target computes it */
			continue;
		if (!plain_name(col) || t->ncols == MAX_COLS) {
			stmt_done(st);
			return err_set(e, 500, "backup", "Column %s.%s cannot be backed up (name or count).", name,
				       col ? col : "?");
		}
		snprintf(t->cols[t->ncols], NAME_LEN, "%s", col);
		t->is_int[t->ncols++] = (int)stmt_int(st, 2);
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

/* Fills cat from the database; a table not in known[] is an error. */
static int read_catalogue(struct store *s, struct catalogue *cat, struct err *e)
{
	struct stmt *st = store_prepare_tables(s, e);
	int step, i;
	if (!st)
		return -1;
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		const char *name = stmt_text(st, 0);
		if ((i = known_index(name ? name : "")) < 0) {
			err_set(e, 500, "unknown_table",
				"Table %s is not in the backup's table list (src/isms/backup.c): add it there, kept or "
				"left out, so that no backup leaves it out silently.", name ? name : "?");
			stmt_done(st);
			return -1;
		}
		cat->t[i].present = 1;
	}
	stmt_done(st);
	if (step < 0)
		return -1;
	for (i = 0; i < NKNOWN; i++)
		if (cat->t[i].present && known[i].what == KEEP && read_columns(s, known[i].name, &cat->t[i], e))
			return -1;
	return 0;
}

static void add_column_list(struct strbuf *sb, const struct table *t, const int *order)
{
	for (int i = 0; i < t->ncols; i++)
		sb_addf(sb, "%s\"%s\"", i ? ", " : "", t->cols[order ? order[i] : i]);
}

/* ---- backup ---------------------------------------------------------------- */

static int count_rows(struct store *s, const char *table, int64_t *n, struct err *e)
{
	struct strbuf sql = STRBUF_INIT;
	struct stmt *st;
	int step = -1;
	sb_addf(&sql, "SELECT COUNT(*) FROM \"%s\"", table);
	if ((st = store_prepare(s, sql.buf, e))) {
		step = stmt_step(st, e);
		*n = step == STORE_ROW ? stmt_int(st, 0) : 0;
		stmt_done(st);
	}
	sb_release(&sql);
	return step < 0 ? -1 : 0;
}

static int write_table(struct store *s, const char *name, const struct table *t, FILE *out,
		       struct backup_summary *sum, struct err *e)
{
	struct strbuf sb = STRBUF_INIT;
	struct stmt *st = NULL;
	int64_t count = 0, n = 0;
	int step = -1;

	if (count_rows(s, name, &count, e))
		goto out;
	sb_adds(&sb, "{\"table\":");
	jsonw_str(&sb, name);
	sb_adds(&sb, ",\"columns\":[");
	for (int i = 0; i < t->ncols; i++) {
		if (i)
			sb_addc(&sb, ',');
		jsonw_str(&sb, t->cols[i]);
	}
	sb_addf(&sb, "],\"rows\":%lld}\n", (long long)count);
	fputs(sb.buf, out);

	sb_reset(&sb);
	sb_adds(&sb, "SELECT ");
	add_column_list(&sb, t, NULL);
	sb_addf(&sb, " FROM \"%s\" ORDER BY 1", name);
	if (!(st = store_prepare(s, sb.buf, e)))
		goto out;
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		sb_reset(&sb);
		sb_addc(&sb, '[');
		for (int i = 0; i < t->ncols; i++) {
			const char *v = stmt_text(st, i);
			if (v && utf8_length(v) < 0) {
				step = err_set(e, 500, "backup", "%s.%s of row %s is not UTF-8 text.", name, t->cols[i],
					       stmt_text(st, 0));
				goto out;
			}
			if (i)
				sb_addc(&sb, ',');
			jsonw_str(&sb, v);
		}
		sb_adds(&sb, "]\n");
		fputs(sb.buf, out);
		n++;
	}
	if (step == STORE_DONE && n != count)
		step = err_set(e, 500, "backup", "Table %s changed during the backup's snapshot.", name);
	sum->tables++;
	sum->rows += n;
	if (strcmp(name, "audit_log") == 0)
		sum->audit_entries = n;
out:
	stmt_done(st);
	sb_release(&sb);
	return step < 0 ? -1 : 0;
}

static void write_header(FILE *out, const int *migrations, int nmig, const char *engine, const char *now)
{
	struct strbuf sb = STRBUF_INIT;
	int first = 1;
	sb_addf(&sb, "{\"format\":\"" FORMAT_NAME "\",\"format_version\":%d,\"schema_version\":%d,\"migrations\":[",
		BACKUP_FORMAT_VERSION, nmig ? migrations[nmig - 1] : 0);
	for (int i = 0; i < nmig; i++)
		sb_addf(&sb, "%s%d", i ? "," : "", migrations[i]);
	sb_adds(&sb, "],\"engine\":");
	jsonw_str(&sb, engine);
	sb_adds(&sb, ",\"made_at\":");
	jsonw_str(&sb, now);
	sb_adds(&sb, ",\"left_out\":[");
	for (int i = 0; i < NKNOWN; i++)
		if (known[i].what == LEAVE_OUT) {
			if (!first)
				sb_addc(&sb, ',');
			jsonw_str(&sb, known[i].name);
			first = 0;
		}
	sb_adds(&sb, "]}\n");
	fputs(sb.buf, out);
	sb_release(&sb);
}

/* The after JSON of a backup's or restore's audit entry: the file, and for
 * a restore what the file held. */
static void event_json(struct strbuf *sb, const char *file, const struct backup_summary *sum)
{
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_str(sb, &first, "file", file);
	if (sum) {
		jsonw_kv_str(sb, &first, "made_at", sum->made_at);
		jsonw_kv_str(sb, &first, "engine", sum->engine);
		jsonw_kv_int(sb, &first, "schema_version", sum->schema_version);
		jsonw_kv_int(sb, &first, "rows", sum->rows);
	}
	sb_addc(sb, '}');
}

/* The backup's own audit entry is committed before the snapshot is taken,
 * so the file holds the record of its making. */
static int audit_backup(struct store *s, const struct actor *who, const char *file, struct err *e)
{
	struct strbuf after = STRBUF_INIT;
	int rc = store_begin(s, e);
	event_json(&after, file, NULL);
	if (rc == 0 && (rc = audit_append(s, who, "backup", "database", 0, NULL, after.buf, e)) == 0)
		rc = store_commit(s, e);
	else if (rc == 0)
		store_rollback(s);
	sb_release(&after);
	return rc;
}

int backup_write(struct store *s, const struct actor *who, const char *file, FILE *out, struct backup_summary *sum,
		 struct err *e)
{
	struct catalogue *cat;
	int migrations[MAX_MIGRATIONS], nmig = 0, rc = -1;

	memset(sum, 0, sizeof(*sum));
	snprintf(sum->engine, sizeof(sum->engine), "%s", store_engine(s));
	if (audit_backup(s, who, file, e))
		return -1;
	time_now_iso(sum->made_at);
	cat = xcalloc(1, sizeof(*cat));
	if (store_begin_read(s, e)) {
		free(cat);
		return -1;
	}
	if (read_catalogue(s, cat, e) || store_migrations_applied(s, migrations, MAX_MIGRATIONS, &nmig, e))
		goto out;
	sum->schema_version = nmig ? migrations[nmig - 1] : 0;
	write_header(out, migrations, nmig, sum->engine, sum->made_at);
	for (int i = 0; i < NKNOWN; i++)
		if (cat->t[i].present && known[i].what == KEEP && write_table(s, known[i].name, &cat->t[i], out, sum, e))
			goto out;
	fprintf(out, "{\"end\":\"" FORMAT_NAME "\",\"tables\":%d,\"rows\":%lld}\n", sum->tables, (long long)sum->rows);
	rc = 0;
out:
	store_rollback(s);
	free(cat);
	return rc;
}

/* ---- restore --------------------------------------------------------------- */

struct reader {
	FILE *in;
	char *line;
	size_t cap;
	long lineno;
	struct catalogue *cat;
	int last;     /* index in known[] of the table read last */
	int sections; /* tables read */
	int64_t rows; /* rows inserted */
};

static int bad(const struct reader *r, struct err *e, const char *what)
{
	return err_set(e, 422, "bad_backup", "Line %ld of the backup: %s.", r->lineno, what);
}

/* The next line as JSON: 0, or 1 at the end of the file, or -1. */
static int next_json(struct reader *r, json_t **out, struct err *e)
{
	json_error_t je;
	ssize_t n;
	char what[200];
	*out = NULL;
	if ((n = getline(&r->line, &r->cap, r->in)) < 0)
		return 1;
	r->lineno++;
	if (n > 0 && r->line[n - 1] == '\n')
		r->line[--n] = '\0';
	if (!(*out = json_loadb(r->line, (size_t)n, JSON_REJECT_DUPLICATES, &je))) {
		snprintf(what, sizeof(what), "not valid JSON (%s, column %d)", je.text, je.column);
		return bad(r, e, what);
	}
	return 0;
}

static int truncated(const struct reader *r, struct err *e)
{
	return err_set(e, 422, "bad_backup",
		       "The backup ends after line %ld, before its end line: the file is truncated.", r->lineno);
}

/* The header: a backup of a format and migrations this binary knows. */
static int read_header(struct reader *r, int *migrations, int *nmig, struct backup_summary *sum, struct err *e)
{
	json_t *h = NULL, *v;
	size_t i;
	int rc = next_json(r, &h, e);
	if (rc)
		return rc < 0 ? -1 : err_set(e, 422, "bad_backup", "The backup file is empty.");
	rc = -1;
	if (!json_is_object(h) || !json_is_string(json_object_get(h, "format")) ||
	    strcmp(json_string_value(json_object_get(h, "format")), FORMAT_NAME) != 0) {
		err_set(e, 422, "bad_backup", "This is not an isms backup (its first line names no \"%s\" format).",
			FORMAT_NAME);
		goto out;
	}
	v = json_object_get(h, "format_version");
	if (!json_is_integer(v) || json_integer_value(v) != BACKUP_FORMAT_VERSION) {
		err_set(e, 422, "unknown_format", "The backup has format version %lld; this isms reads version %d.",
			json_is_integer(v) ? (long long)json_integer_value(v) : 0LL, BACKUP_FORMAT_VERSION);
		goto out;
	}
	v = json_object_get(h, "migrations");
	if (!json_is_array(v) || json_array_size(v) == 0 || json_array_size(v) > MAX_MIGRATIONS) {
		bad(r, e, "\"migrations\" must list the schema's migrations");
		goto out;
	}
	*nmig = (int)json_array_size(v);
	for (i = 0; i < json_array_size(v); i++) {
		json_t *m = json_array_get(v, i);
		if (!json_is_integer(m) || json_integer_value(m) < 1 || json_integer_value(m) > 99999) {
			bad(r, e, "\"migrations\" must hold migration numbers");
			goto out;
		}
		migrations[i] = (int)json_integer_value(m);
	}
	sum->schema_version = migrations[*nmig - 1];
	v = json_object_get(h, "engine");
	snprintf(sum->engine, sizeof(sum->engine), "%s", json_is_string(v) ? json_string_value(v) : "?");
	v = json_object_get(h, "made_at");
	snprintf(sum->made_at, sizeof(sum->made_at), "%s", json_is_string(v) ? json_string_value(v) : "?");
	rc = 0;
out:
	json_decref(h);
	return rc;
}

/* The target must be empty: no table at all. */
static int check_empty(struct store *s, struct err *e)
{
	struct stmt *st = store_prepare_tables(s, e);
	int step;
	if (!st)
		return -1;
	step = stmt_step(st, e);
	if (step == STORE_ROW)
		err_set(e, 409, "not_empty",
			"The target database is not empty (it has table %s); restore needs a new SQLite file or a new, "
			"empty PostgreSQL database.", stmt_text(st, 0));
	stmt_done(st);
	return step == STORE_DONE ? 0 : -1;
}

/* Matches a section's "columns" against the table's: order[i] is the
 * catalogue's column for the file's column i. */
static int match_columns(struct reader *r, const char *name, const struct table *t, json_t *cols, int *order,
			 struct err *e)
{
	char what[200];
	if (!json_is_array(cols) || json_array_size(cols) != (size_t)t->ncols) {
		snprintf(what, sizeof(what), "table %s must have %d columns in \"columns\"", name, t->ncols);
		return bad(r, e, what);
	}
	for (int i = 0; i < t->ncols; i++) {
		const char *c = json_string_value(json_array_get(cols, (size_t)i));
		order[i] = -1;
		for (int k = 0; c && k < t->ncols; k++)
			if (strcmp(t->cols[k], c) == 0)
				order[i] = k;
		for (int j = 0; j < i && order[i] >= 0; j++)
			if (order[j] == order[i])
				order[i] = -1;
		if (order[i] < 0) {
			snprintf(what, sizeof(what), "column \"%.60s\" is not a column of table %s (or is there twice)",
				 c ? c : "(not a string)", name);
			return bad(r, e, what);
		}
	}
	return 0;
}

/* One row line: an array of the section's width, of text or null. */
static int insert_row(struct reader *r, struct stmt *ins, const char *name, const struct table *t,
		      const int *order, struct err *e)
{
	json_t *row = NULL;
	char what[200];
	int rc = next_json(r, &row, e);
	if (rc)
		return rc < 0 ? -1 : truncated(r, e);
	rc = -1;
	if (!json_is_array(row) || json_array_size(row) != (size_t)t->ncols) {
		snprintf(what, sizeof(what), "a row of table %s must be an array of %d values", name, t->ncols);
		bad(r, e, what);
		goto out;
	}
	for (int i = 0; i < t->ncols; i++) {
		json_t *v = json_array_get(row, (size_t)i);
		const char *text = json_string_value(v);
		int64_t ignored;
		if (!json_is_null(v) && !text) {
			snprintf(what, sizeof(what), "%s.%s must be text or null", name, t->cols[order[i]]);
			bad(r, e, what);
			goto out;
		}
		if (text && t->is_int[order[i]] && parse_int64(text, &ignored)) {
			snprintf(what, sizeof(what), "%s.%s must be an integer, is \"%.40s\"", name, t->cols[order[i]], text);
			bad(r, e, what);
			goto out;
		}
		stmt_bind_text(ins, i + 1, text);
	}
	if (stmt_step(ins, e) < 0) {
		snprintf(what, sizeof(what), "the row does not fit table %s: %.120s", name, e->message);
		bad(r, e, what);
		goto out;
	}
	r->rows++;
	rc = 0;
out:
	stmt_done(ins);
	json_decref(row);
	return rc;
}

/* A table's header line (h) and its rows. */
static int read_section(struct store *s, struct reader *r, json_t *h, struct err *e)
{
	const char *name = json_string_value(json_object_get(h, "table"));
	json_t *nrows = json_object_get(h, "rows");
	int i = name ? known_index(name) : -1, order[MAX_COLS];
	struct strbuf sql = STRBUF_INIT;
	struct table *t;
	char what[200];
	int rc = -1;

	if (i < 0 || known[i].what != KEEP || !r->cat->t[i].present) {
		snprintf(what, sizeof(what), "\"%.60s\" is not a table this backup's schema restores", name ? name : "");
		return bad(r, e, what);
	}
	if (i <= r->last) {
		snprintf(what, sizeof(what), "table %s comes twice or out of order", name);
		return bad(r, e, what);
	}
	if (!json_is_integer(nrows) || json_integer_value(nrows) < 0)
		return bad(r, e, "\"rows\" must count the table's rows");
	t = &r->cat->t[i];
	if (match_columns(r, name, t, json_object_get(h, "columns"), order, e))
		return -1;
	sb_addf(&sql, "INSERT INTO \"%s\" (", name);
	add_column_list(&sql, t, order);
	sb_adds(&sql, ") VALUES (");
	for (int k = 0; k < t->ncols; k++)
		sb_adds(&sql, k ? ", ?" : "?");
	sb_addc(&sql, ')');
	for (json_int_t k = 0; k < json_integer_value(nrows); k++) {
		struct stmt *ins = store_prepare(s, sql.buf, e);
		if (!ins || insert_row(r, ins, name, t, order, e))
			goto out;
	}
	t->seen = 1;
	r->last = i;
	r->sections++;
	rc = 0;
out:
	sb_release(&sql);
	return rc;
}

/* The end line, then nothing but blank lines. */
static int read_end(struct reader *r, json_t *h, struct err *e)
{
	if (!json_is_integer(json_object_get(h, "tables")) || !json_is_integer(json_object_get(h, "rows")) ||
	    json_integer_value(json_object_get(h, "tables")) != r->sections ||
	    json_integer_value(json_object_get(h, "rows")) != r->rows)
		return bad(r, e, "the end line's counts of tables and rows differ from what the file holds");
	for (int i = 0; i < NKNOWN; i++)
		if (known[i].what == KEEP && r->cat->t[i].present && !r->cat->t[i].seen) {
			char what[120];
			snprintf(what, sizeof(what), "the file has no section for table %s", known[i].name);
			return bad(r, e, what);
		}
	while (getline(&r->line, &r->cap, r->in) >= 0) {
		r->lineno++;
		if (r->line[strspn(r->line, " \t\r\n")])
			return bad(r, e, "there is more after the end line");
	}
	return 0;
}

/* Empties the tables the migrations seeded (audit_head's first row). */
static int clear_seeds(struct store *s, const struct catalogue *cat, struct err *e)
{
	struct strbuf sql = STRBUF_INIT;
	int rc = 0;
	for (int i = NKNOWN - 1; i >= 0 && !rc; i--) {
		if (known[i].what != KEEP || !cat->t[i].present)
			continue;
		sb_reset(&sql);
		sb_addf(&sql, "DELETE FROM \"%s\"", known[i].name);
		rc = store_exec(s, sql.buf, e);
	}
	sb_release(&sql);
	return rc;
}

static int check_chain(struct store *s, struct backup_summary *sum, struct err *e)
{
	struct audit_report rep;
	if (audit_verify(s, &rep, e))
		return -1;
	sum->audit_entries = rep.entries;
	if (rep.broken_id)
		return err_set(e, 422, "broken_chain",
			       "The backup's audit chain is broken at entry %lld (%s); nothing was restored.",
			       (long long)rep.broken_id, rep.reason);
	return 0;
}

static int read_sections(struct store *s, struct reader *r, struct err *e)
{
	for (;;) {
		json_t *h = NULL;
		int rc = next_json(r, &h, e);
		if (rc)
			return rc < 0 ? -1 : truncated(r, e);
		if (json_is_object(h) && json_object_get(h, "table"))
			rc = read_section(s, r, h, e);
		else if (json_is_object(h) && json_is_string(json_object_get(h, "end")))
			rc = read_end(r, h, e) ? -1 : 1;
		else
			rc = bad(r, e, "expected a table's header or the end line");
		json_decref(h);
		if (rc)
			return rc < 0 ? -1 : 0;
	}
}

/* The restore's own audit entry, the first after the restored ones. */
static int audit_restore(struct store *s, const struct actor *who, const char *file, struct reader *r,
			 struct backup_summary *sum, struct err *e)
{
	struct strbuf after = STRBUF_INIT;
	int rc;
	sum->tables = r->sections;
	sum->rows = r->rows;
	event_json(&after, file, sum);
	rc = audit_append(s, who, "restore", "database", 0, NULL, after.buf, e);
	sb_release(&after);
	return rc;
}

int backup_restore(struct store *s, const struct actor *who, const char *file, FILE *in, struct backup_summary *sum,
		   struct err *e)
{
	struct reader r = { .in = in, .last = -1 };
	int migrations[MAX_MIGRATIONS], nmig = 0, applied = 0, rc = -1;

	memset(sum, 0, sizeof(*sum));
	r.cat = xcalloc(1, sizeof(*r.cat));
	if (read_header(&r, migrations, &nmig, sum, e))
		goto done;
	if (store_begin(s, e))
		goto done;
	if (check_empty(s, e) || store_migrate_within(s, migrations, nmig, &applied, e) ||
	    read_catalogue(s, r.cat, e) || clear_seeds(s, r.cat, e) || read_sections(s, &r, e) ||
	    store_migrate_within(s, NULL, 0, &applied, e) || store_reset_ids(s, e) || check_chain(s, sum, e) ||
	    audit_restore(s, who, file, &r, sum, e))
		goto fail;
	if (store_commit(s, e))
		goto done;
	rc = 0;
	goto done;
fail:
	store_rollback(s);
done:
	free(r.line);
	free(r.cat);
	return rc;
}
