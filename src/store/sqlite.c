/* sqlite: the SQLite engine behind store.h (see engine.h). WAL journal,
 * foreign keys on, durable commits (synchronous=FULL) and a busy timeout;
 * BEGIN IMMEDIATE takes the write lock at the start of a transaction. */
#include <sqlite3.h>
#include <stdint.h>
#include <unistd.h>

#include "store/engine.h"

#define BUSY_TIMEOUT_MS 10000

static sqlite3 *db_of(struct store *s)
{
	return s->conn;
}

static int db_err(struct store *s, struct err *e, int rc, const char *what)
{
	const char *msg = s && s->conn ? sqlite3_errmsg(db_of(s)) : sqlite3_errstr(rc);
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

static int lite_exec(struct store *s, const char *sql, struct err *e)
{
	int rc = sqlite3_exec(db_of(s), sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : db_err(s, e, rc, "exec");
}

static int lite_open(struct store *s, const char *url, int create, struct err *e)
{
	sqlite3 *db = NULL;
	int rc, flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	if (create)
		flags |= SQLITE_OPEN_CREATE;
	else if (access(url, F_OK) != 0)
		return err_set(e, 500, "no_database",
			       "Database %s does not exist; create it with 'isms init --db %s'.", url, url);
	rc = sqlite3_open_v2(url, &db, flags, NULL);
	s->conn = db;
	if (rc != SQLITE_OK)
		return db_err(s, e, rc, url);
	sqlite3_extended_result_codes(db, 1);
	sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
	/* reads through a memory map and a 32 MiB page cache per connection:
	 * a list scan costs no read() per page (measured: see the commit) */
	if (lite_exec(s, "PRAGMA journal_mode=WAL", e) || lite_exec(s, "PRAGMA synchronous=FULL", e) ||
	    lite_exec(s, "PRAGMA foreign_keys=ON", e) || lite_exec(s, "PRAGMA mmap_size=1073741824", e) ||
	    lite_exec(s, "PRAGMA cache_size=-32768", e))
		return -1;
	return 0;
}

static void lite_close(struct store *s)
{
	sqlite3_close(db_of(s));
	s->conn = NULL;
}

static void lite_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(db_of(s)))
		sqlite3_exec(db_of(s), "ROLLBACK", NULL, NULL, NULL);
}

static int lite_begin(struct store *s, struct err *e)
{
	return lite_exec(s, "BEGIN IMMEDIATE", e);
}

/* Deferred: the snapshot is taken by the first read and kept to the end
 * (WAL), while writers go on. */
static int lite_begin_read(struct store *s, struct err *e)
{
	return lite_exec(s, "BEGIN", e);
}

static int lite_commit(struct store *s, struct err *e)
{
	int rc = lite_exec(s, "COMMIT", e);
	if (rc)
		lite_rollback(s);
	return rc;
}

static void *lite_prepare(struct store *s, const char *sql, struct err *e)
{
	sqlite3_stmt *raw = NULL;
	int rc = sqlite3_prepare_v3(db_of(s), sql, -1, SQLITE_PREPARE_PERSISTENT, &raw, NULL);
	if (rc != SQLITE_OK) {
		db_err(s, e, rc, "prepare");
		return NULL;
	}
	return raw;
}

static void lite_finalize(struct store *s, void *raw)
{
	(void)s;
	sqlite3_finalize(raw);
}

static void lite_reset(void *raw)
{
	sqlite3_reset(raw);
	sqlite3_clear_bindings(raw);
}

static void lite_bind_int(void *raw, int idx, int64_t v)
{
	sqlite3_bind_int64(raw, idx, v);
}

static void lite_bind_text(void *raw, int idx, const char *v)
{
	if (v)
		sqlite3_bind_text(raw, idx, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(raw, idx);
}

static int lite_step(struct store *s, void *raw, struct err *e)
{
	int rc = sqlite3_step(raw);
	if (rc == SQLITE_ROW)
		return STORE_ROW;
	if (rc == SQLITE_DONE)
		return STORE_DONE;
	return db_err(s, e, rc, "step");
}

static int lite_columns(void *raw)
{
	return sqlite3_column_count(raw);
}

static const char *lite_column_name(void *raw, int col)
{
	return sqlite3_column_name(raw, col);
}

static int lite_isnull(void *raw, int col)
{
	return sqlite3_column_type(raw, col) == SQLITE_NULL;
}

static int64_t lite_int(void *raw, int col)
{
	return sqlite3_column_int64(raw, col);
}

static const char *lite_text(void *raw, int col)
{
	return (const char *)sqlite3_column_text(raw, col);
}

static int64_t lite_changes(struct store *s)
{
	return sqlite3_changes64(db_of(s));
}

const struct store_ops sqlite_ops = {
	.name = "sqlite",
	.migrations = sqlite_migrations,
	.open = lite_open,
	.close = lite_close,
	.exec = lite_exec,
	.begin = lite_begin,
	.begin_read = lite_begin_read,
	.commit = lite_commit,
	.rollback = lite_rollback,
	.prepare = lite_prepare,
	.finalize = lite_finalize,
	.reset = lite_reset,
	.bind_int = lite_bind_int,
	.bind_text = lite_bind_text,
	.step = lite_step,
	.columns = lite_columns,
	.column_name = lite_column_name,
	.isnull = lite_isnull,
	.get_int = lite_int,
	.get_text = lite_text,
	.changes = lite_changes,
	.tables_sql = "SELECT name FROM sqlite_schema WHERE type = 'table' AND substr(name, 1, 7) <> 'sqlite_' "
		      "ORDER BY name",
	/* hidden: 2 and 3 are generated columns (virtual, stored) */
	.columns_sql = "SELECT name, CASE WHEN hidden IN (2, 3) THEN 1 ELSE 0 END, "
		       "CASE WHEN upper(type) LIKE '%INT%' THEN 1 ELSE 0 END FROM pragma_table_xinfo(?) ORDER BY cid",
	.reset_ids_sql = NULL, /* INTEGER PRIMARY KEY continues after the largest id by itself */
};
