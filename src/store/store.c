/* store: the engine-neutral half of store.h. Chooses the engine from the
 * URL, keeps the cache of prepared statements keyed by their SQL text,
 * and applies the engine's embedded migrations in order; everything else
 * is one call through the engine's table of operations (engine.h). */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/timeutil.h"
#include "base/xalloc.h"
#include "store/engine.h"

static const struct store_ops *ops_for(const char *url)
{
	if (strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0)
		return &pg_ops;
	return &sqlite_ops;
}

const char *store_engine_of(const char *url)
{
	return ops_for(url ? url : "")->name;
}

const char *store_engine(const struct store *s)
{
	return s->ops->name;
}

int store_open(struct store **out, const char *url, int create, struct err *e)
{
	struct store *s;
	*out = NULL;
	if (!url || !*url)
		return err_set(e, 500, "config", "No database given: use --db PATH or set ISMS_DB.");
	s = xcalloc(1, sizeof(*s));
	s->ops = ops_for(url);
	if (s->ops->open(s, url, create, e)) {
		store_close(s);
		return -1;
	}
	*out = s;
	return 0;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->ncache; i++) {
		s->ops->finalize(s, s->cache[i].raw);
		free(s->cache[i].sql);
	}
	if (s->conn)
		s->ops->close(s);
	free(s);
}

int store_exec(struct store *s, const char *sql, struct err *e)
{
	return s->ops->exec(s, sql, e);
}

int store_begin(struct store *s, struct err *e)
{
	return s->ops->begin(s, e);
}

int store_begin_read(struct store *s, struct err *e)
{
	return s->ops->begin_read(s, e);
}

int store_commit(struct store *s, struct err *e)
{
	return s->ops->commit(s, e);
}

void store_rollback(struct store *s)
{
	s->ops->rollback(s);
}

static uint64_t fnv1a(const char *str)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *str; str++) {
		h ^= (unsigned char)*str;
		h *= 1099511628211ULL;
	}
	return h;
}

struct stmt *store_prepare(struct store *s, const char *sql, struct err *e)
{
	uint64_t h = fnv1a(sql);
	struct stmt *st;
	void *raw;
	for (int i = 0; i < s->ncache; i++) {
		st = &s->cache[i];
		if (st->hash == h && !st->in_use && strcmp(st->sql, sql) == 0) {
			st->in_use = 1;
			return st;
		}
	}
	if (!(raw = s->ops->prepare(s, sql, e)))
		return NULL;
	if (s->ncache < STORE_CACHE_SIZE) {
		st = &s->cache[s->ncache++];
		st->cached = 1;
	} else {
		st = xcalloc(1, sizeof(*st));
		st->cached = 0;
	}
	st->store = s;
	st->raw = raw;
	st->sql = xstrdup(sql);
	st->hash = h;
	st->in_use = 1;
	return st;
}

void stmt_bind_int(struct stmt *st, int idx, int64_t v)
{
	st->store->ops->bind_int(st->raw, idx, v);
}

void stmt_bind_text(struct stmt *st, int idx, const char *v)
{
	st->store->ops->bind_text(st->raw, idx, v);
}

void stmt_bind_null(struct stmt *st, int idx)
{
	st->store->ops->bind_text(st->raw, idx, NULL);
}

void stmt_bind_id(struct stmt *st, int idx, int64_t id)
{
	if (id)
		stmt_bind_int(st, idx, id);
	else
		stmt_bind_null(st, idx);
}

int stmt_step(struct stmt *st, struct err *e)
{
	return st->store->ops->step(st->store, st->raw, e);
}

int stmt_columns(struct stmt *st)
{
	return st->store->ops->columns(st->raw);
}

const char *stmt_column_name(struct stmt *st, int col)
{
	return st->store->ops->column_name(st->raw, col);
}

int stmt_isnull(struct stmt *st, int col)
{
	return st->store->ops->isnull(st->raw, col);
}

int64_t stmt_int(struct stmt *st, int col)
{
	return st->store->ops->get_int(st->raw, col);
}

const char *stmt_text(struct stmt *st, int col)
{
	return st->store->ops->get_text(st->raw, col);
}

void stmt_done(struct stmt *st)
{
	struct store *s;
	if (!st)
		return;
	s = st->store;
	s->ops->reset(st->raw);
	if (st->cached) {
		st->in_use = 0;
		return;
	}
	s->ops->finalize(s, st->raw);
	free(st->sql);
	free(st);
}

int64_t store_changes(struct store *s)
{
	return s->ops->changes(s);
}

struct stmt *store_prepare_tables(struct store *s, struct err *e)
{
	return store_prepare(s, s->ops->tables_sql, e);
}

struct stmt *store_prepare_columns(struct store *s, const char *table, struct err *e)
{
	struct stmt *st = store_prepare(s, s->ops->columns_sql, e);
	if (st)
		stmt_bind_text(st, 1, table);
	return st;
}

int store_reset_ids(struct store *s, struct err *e)
{
	return s->ops->reset_ids_sql ? store_exec(s, s->ops->reset_ids_sql, e) : 0;
}

/* ---- migrations ---------------------------------------------------------- */

/* The same table on every engine: this SQL is portable. */
#define SCHEMA_TABLE "CREATE TABLE IF NOT EXISTS schema_migrations (" \
		     "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"

static int read_version(struct store *s, int *version, struct err *e)
{
	struct stmt *st = store_prepare(s, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", e);
	int rc;
	*version = 0;
	if (!st)
		return -1;
	rc = stmt_step(st, e);
	if (rc == STORE_ROW)
		*version = (int)stmt_int(st, 0);
	stmt_done(st);
	return rc < 0 ? -1 : 0;
}

int store_schema_version(struct store *s, int *version, struct err *e)
{
	*version = 0;
	if (store_exec(s, SCHEMA_TABLE, e))
		return -1;
	return read_version(s, version, e);
}

/* 1 when the migration numbered version is recorded as applied, 0 when
 * not, -1 on error. */
static int migration_applied(struct store *s, int version, struct err *e)
{
	struct stmt *st = store_prepare(s, "SELECT COUNT(*) FROM schema_migrations WHERE version = ?", e);
	int rc;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, version);
	rc = stmt_step(st, e) == STORE_ROW ? stmt_int(st, 0) > 0 : -1;
	stmt_done(st);
	return rc;
}

/* Runs migration m and records it, inside the caller's transaction. */
static int run_migration(struct store *s, const struct embedded_file *m, struct err *e)
{
	char now[32];
	time_now_iso(now);
	if (store_exec(s, (const char *)m->data, e))
		return -1;
	return STORE_RUN(s, e, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
			 ARG_INT(strtol(m->name, NULL, 10)), ARG_TEXT(m->name), ARG_TEXT(now));
}

/* One migration in its own transaction. Whether it is applied is read
 * again under the write lock, so two nodes starting at once apply each
 * migration once. */
static int apply(struct store *s, const struct embedded_file *m, int *applied, struct err *e)
{
	int done;
	if (store_begin(s, e))
		return -1;
	if ((done = migration_applied(s, (int)strtol(m->name, NULL, 10), e)) < 0)
		goto fail;
	if (done) {
		store_rollback(s);
		return 0;
	}
	if (run_migration(s, m, e))
		goto fail;
	if (store_commit(s, e))
		return -1;
	(*applied)++;
	return 0;
fail:
	store_rollback(s);
	return -1;
}

/* Every migration not yet recorded runs, in order — also one numbered
 * below the newest applied, as happens when branches that each added a
 * migration are merged in another order than they were numbered. */
int store_migrate(struct store *s, int *applied, struct err *e)
{
	return store_migrate_to(s, INT_MAX, applied, e);
}

int store_migrate_to(struct store *s, int upto, int *applied, struct err *e)
{
	int current, done, number;
	*applied = 0;
	if (store_schema_version(s, &current, e))
		return -1;
	for (const struct embedded_file *m = s->ops->migrations; m->name; m++) {
		if ((number = (int)strtol(m->name, NULL, 10)) > upto)
			continue;
		if ((done = migration_applied(s, number, e)) < 0)
			return -1;
		if (!done && apply(s, m, applied, e))
			return -1;
	}
	return 0;
}

int store_migrations_applied(struct store *s, int *out, int max, int *n, struct err *e)
{
	struct stmt *st = store_prepare(s, "SELECT version FROM schema_migrations ORDER BY version", e);
	int step;
	*n = 0;
	if (!st)
		return -1;
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		if (*n == max) {
			stmt_done(st);
			return err_set(e, 500, "store", "More than %d migrations are recorded.", max);
		}
		out[(*n)++] = (int)stmt_int(st, 0);
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

static int has_migration(const struct embedded_file *list, int version)
{
	for (const struct embedded_file *m = list; m->name; m++)
		if ((int)strtol(m->name, NULL, 10) == version)
			return 1;
	return 0;
}

static int wanted(const int *only, int nonly, int version)
{
	for (int i = 0; i < nonly; i++)
		if (only[i] == version)
			return 1;
	return !only;
}

int store_migrate_within(struct store *s, const int *only, int nonly, int *applied, struct err *e)
{
	int current, done;
	*applied = 0;
	for (int i = 0; i < nonly; i++)
		if (!has_migration(s->ops->migrations, only[i]))
			return err_set(e, 422, "unknown_schema",
				       "Migration %d is unknown to this isms (it was made by a newer version).", only[i]);
	if (store_schema_version(s, &current, e))
		return -1;
	for (const struct embedded_file *m = s->ops->migrations; m->name; m++) {
		int version = (int)strtol(m->name, NULL, 10);
		if (!wanted(only, nonly, version))
			continue;
		if ((done = migration_applied(s, version, e)) < 0)
			return -1;
		if (!done) {
			if (run_migration(s, m, e))
				return -1;
			(*applied)++;
		}
	}
	return 0;
}
