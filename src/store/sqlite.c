/* sqlite: the SQLite engine behind store.h. WAL journal, foreign keys on,
 * durable commits (synchronous=FULL), a busy timeout, and a small cache of
 * prepared statements keyed by their SQL text. */
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/embedded.h"
#include "base/timeutil.h"
#include "base/xalloc.h"
#include "store/store.h"

#define CACHE_SIZE 96
#define BUSY_TIMEOUT_MS 10000

struct stmt {
	struct store *store;
	sqlite3_stmt *st;
	char *sql;
	uint64_t hash;
	int in_use;
	int cached;
};

struct store {
	sqlite3 *db;
	int in_tx;
	int ncache;
	struct stmt cache[CACHE_SIZE];
};

static uint64_t fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

static int db_err(struct store *s, struct err *e, int rc, const char *what)
{
	const char *msg = s && s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
	switch (rc & 0xff) {
	case SQLITE_CONSTRAINT:
		return err_set(e, 409, "conflict", "%s: %s", what, msg);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return err_set(e, 503, "unavailable", "The database is busy; try again.");
	case SQLITE_FULL:
	case SQLITE_IOERR:
		return err_set(e, 503, "unavailable", "%s: storage error: %s", what, msg);
	default:
		return err_set(e, 500, "store", "%s: %s", what, msg);
	}
}

const char *store_engine(const struct store *s)
{
	(void)s;
	return "sqlite";
}

int store_exec(struct store *s, const char *sql, struct err *e)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : db_err(s, e, rc, "exec");
}

int store_open(struct store **out, const char *url, int create, struct err *e)
{
	struct store *s;
	int rc, flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	*out = NULL;
	if (!url || !*url)
		return err_set(e, 500, "config", "No database given: use --db PATH or set ISMS_DB.");
	if (create)
		flags |= SQLITE_OPEN_CREATE;
	else if (access(url, F_OK) != 0)
		return err_set(e, 500, "no_database",
			       "Database %s does not exist; create it with 'isms init --db %s'.", url, url);
	s = xcalloc(1, sizeof(*s));
	rc = sqlite3_open_v2(url, &s->db, flags, NULL);
	if (rc != SQLITE_OK) {
		db_err(s, e, rc, url);
		store_close(s);
		return -1;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
	if (store_exec(s, "PRAGMA journal_mode=WAL", e) ||
	    store_exec(s, "PRAGMA synchronous=FULL", e) ||
	    store_exec(s, "PRAGMA foreign_keys=ON", e)) {
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
		sqlite3_finalize(s->cache[i].st);
		free(s->cache[i].sql);
	}
	sqlite3_close(s->db);
	free(s);
}

int store_begin(struct store *s, struct err *e)
{
	if (store_exec(s, "BEGIN IMMEDIATE", e))
		return -1;
	s->in_tx = 1;
	return 0;
}

int store_commit(struct store *s, struct err *e)
{
	int rc = store_exec(s, "COMMIT", e);
	if (rc)
		store_rollback(s);
	s->in_tx = 0;
	return rc;
}

void store_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->in_tx = 0;
}

struct stmt *store_prepare(struct store *s, const char *sql, struct err *e)
{
	uint64_t h = fnv1a(sql);
	struct stmt *st;
	sqlite3_stmt *raw = NULL;
	int rc;
	for (int i = 0; i < s->ncache; i++) {
		st = &s->cache[i];
		if (st->hash == h && !st->in_use && strcmp(st->sql, sql) == 0) {
			st->in_use = 1;
			return st;
		}
	}
	rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &raw, NULL);
	if (rc != SQLITE_OK) {
		db_err(s, e, rc, "prepare");
		return NULL;
	}
	if (s->ncache < CACHE_SIZE) {
		st = &s->cache[s->ncache++];
		st->cached = 1;
	} else {
		st = xcalloc(1, sizeof(*st));
		st->cached = 0;
	}
	st->store = s;
	st->st = raw;
	st->sql = xstrdup(sql);
	st->hash = h;
	st->in_use = 1;
	return st;
}

void stmt_bind_int(struct stmt *st, int idx, int64_t v)
{
	sqlite3_bind_int64(st->st, idx, v);
}

void stmt_bind_text(struct stmt *st, int idx, const char *v)
{
	if (v)
		sqlite3_bind_text(st->st, idx, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st->st, idx);
}

void stmt_bind_null(struct stmt *st, int idx)
{
	sqlite3_bind_null(st->st, idx);
}

void stmt_bind_id(struct stmt *st, int idx, int64_t id)
{
	if (id)
		sqlite3_bind_int64(st->st, idx, id);
	else
		sqlite3_bind_null(st->st, idx);
}

int stmt_step(struct stmt *st, struct err *e)
{
	int rc = sqlite3_step(st->st);
	if (rc == SQLITE_ROW)
		return STORE_ROW;
	if (rc == SQLITE_DONE)
		return STORE_DONE;
	return db_err(st->store, e, rc, "step");
}

int stmt_columns(struct stmt *st)
{
	return sqlite3_column_count(st->st);
}

int stmt_isnull(struct stmt *st, int col)
{
	return sqlite3_column_type(st->st, col) == SQLITE_NULL;
}

int64_t stmt_int(struct stmt *st, int col)
{
	return sqlite3_column_int64(st->st, col);
}

const char *stmt_text(struct stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st->st, col);
}

void stmt_done(struct stmt *st)
{
	if (!st)
		return;
	sqlite3_reset(st->st);
	sqlite3_clear_bindings(st->st);
	if (st->cached) {
		st->in_use = 0;
		return;
	}
	sqlite3_finalize(st->st);
	free(st->sql);
	free(st);
}

int64_t store_changes(struct store *s)
{
	return sqlite3_changes64(s->db);
}

int store_schema_version(struct store *s, int *version, struct err *e)
{
	struct stmt *st;
	int rc;
	*version = 0;
	if (store_exec(s, "CREATE TABLE IF NOT EXISTS schema_migrations ("
			  "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)", e))
		return -1;
	st = store_prepare(s, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", e);
	if (!st)
		return -1;
	rc = stmt_step(st, e);
	if (rc == STORE_ROW)
		*version = (int)stmt_int(st, 0);
	stmt_done(st);
	return rc < 0 ? -1 : 0;
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

/* Every migration not yet recorded runs, in order — also one numbered
 * below the newest applied, as happens when branches that each added a
 * migration are merged in another order than they were numbered. */
int store_migrate(struct store *s, int *applied, struct err *e)
{
	int current, done;
	*applied = 0;
	if (store_schema_version(s, &current, e))
		return -1;
	for (const struct embedded_file *m = sqlite_migrations; m->name; m++) {
		int version = (int)strtol(m->name, NULL, 10);
		char now[32];
		struct stmt *st;
		if ((done = migration_applied(s, version, e)) < 0)
			return -1;
		if (done)
			continue;
		if (store_begin(s, e))
			return -1;
		if (store_exec(s, (const char *)m->data, e))
			goto fail;
		st = store_prepare(s, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", e);
		if (!st)
			goto fail;
		time_now_iso(now);
		stmt_bind_int(st, 1, version);
		stmt_bind_text(st, 2, m->name);
		stmt_bind_text(st, 3, now);
		if (stmt_step(st, e) < 0) {
			stmt_done(st);
			goto fail;
		}
		stmt_done(st);
		if (store_commit(s, e))
			return -1;
		(*applied)++;
	}
	return 0;
fail:
	store_rollback(s);
	return -1;
}
