/* store: the one database interface. Domain code writes portable SQL with
 * '?' placeholders and steps through rows; the engine behind it (sqlite.c
 * or pg.c, chosen by the URL in store.c) owns connections, transactions and
 * its migrations. A struct store is one connection: use it from one thread at
 * a time (the server keeps one per worker thread).
 *
 * Errors map to struct err: constraint violations -> 409 "conflict",
 * busy/locked or lost connection -> 503 "unavailable", others -> 500. */
#ifndef ISMS_STORE_H
#define ISMS_STORE_H
#include <stdint.h>

#include "base/err.h"

struct store;
struct stmt;

enum { STORE_ROW = 1, STORE_DONE = 0 };

/* url: postgres://... or postgresql://... (a libpq URL; the database must
 * exist, with C collation and UTF-8), else a file path (SQLite). For SQLite
 * create makes the file; otherwise a missing database is an error that
 * names `isms init`. A PostgreSQL server that cannot be reached is 503. */
int store_open(struct store **out, const char *url, int create, struct err *e);
void store_close(struct store *s);
const char *store_engine(const struct store *s); /* "sqlite" or "postgres" */
const char *store_engine_of(const char *url);     /* the engine url selects */

/* Applies pending migrations, each in its own transaction. *applied gets the
 * number applied (0 when up to date). */
int store_migrate(struct store *s, int *applied, struct err *e);
/* The same for the pending migrations numbered up to upto only (staging an
 * upgrade; building an older schema in tests). */
int store_migrate_to(struct store *s, int upto, int *applied, struct err *e);
int store_schema_version(struct store *s, int *version, struct err *e);
/* The numbers of the migrations recorded in the database, ascending: up to
 * max of them into out, *n the count (more than max is a 500). */
int store_migrations_applied(struct store *s, int *out, int max, int *n, struct err *e);
/* Inside the caller's transaction (restore): applies the migrations not yet
 * recorded whose number is in only[0..nonly), or every one when only is
 * NULL. A number in only[] that no migration of this binary has is 422
 * "unknown_schema", before anything runs. */
int store_migrate_within(struct store *s, const int *only, int nonly, int *applied, struct err *e);

/* The catalogue, for backup and restore. Rows: (name) of every table in the
 * database (isms's schema), sorted; (name, generated 0/1, integer 0/1)
 * of table's columns in their order. Hand back with stmt_done(). */
struct stmt *store_prepare_tables(struct store *s, struct err *e);
struct stmt *store_prepare_columns(struct store *s, const char *table, struct err *e);
/* After inserting rows with explicit ids: the engine's id generators
 * continue after the largest id (PostgreSQL identity sequences). */
int store_reset_ids(struct store *s, struct err *e);

/* Transactions. store_begin takes the write lock at once so that
 * read-check-write sequences inside are serialised (SQLite: BEGIN
 * IMMEDIATE; PostgreSQL: one advisory lock shared by every node). Not
 * nestable. */
int store_begin(struct store *s, struct err *e);
int store_commit(struct store *s, struct err *e);
void store_rollback(struct store *s);
/* A read-only transaction that sees one snapshot of the database for all
 * its statements, without the write lock (a consistent backup while the
 * server writes). End it with store_rollback. */
int store_begin_read(struct store *s, struct err *e);

/* Prepares (or takes from the cache) a statement; the stmt is owned by the
 * store and must be handed back with stmt_done(). */
struct stmt *store_prepare(struct store *s, const char *sql, struct err *e);
/* Runs a statement without parameters or rows (DDL, PRAGMA-free SQL). */
int store_exec(struct store *s, const char *sql, struct err *e);

/* Binding, 1-based in '?' order. A NULL text binds SQL NULL. */
void stmt_bind_int(struct stmt *st, int idx, int64_t v);
void stmt_bind_text(struct stmt *st, int idx, const char *v);
void stmt_bind_null(struct stmt *st, int idx);
/* Binds an id, with 0 meaning "none" (SQL NULL): actors, optional links. */
void stmt_bind_id(struct stmt *st, int idx, int64_t id);

/* STORE_ROW, STORE_DONE, or -1 with e set. */
int stmt_step(struct stmt *st, struct err *e);
int stmt_columns(struct stmt *st);
/* The name of a result column; borrowed. Valid after the first stmt_step. */
const char *stmt_column_name(struct stmt *st, int col);
int stmt_isnull(struct stmt *st, int col);
int64_t stmt_int(struct stmt *st, int col);
/* Borrowed, valid until the next step or stmt_done; NULL for SQL NULL. */
const char *stmt_text(struct stmt *st, int col);
/* Resets and returns the statement to the store's cache. NULL is a no-op. */
void stmt_done(struct stmt *st);

/* One statement that returns no rows, with its parameters in '?' order:
 *   STORE_RUN(s, e, "UPDATE t SET a = ? WHERE id = ?", ARG_TEXT(a), ARG_INT(id))
 * Returns 0, or -1 with e set. The macros keep the bindings typed. */
struct store_arg {
	int is_text;
	int64_t i;
	const char *s; /* NULL binds SQL NULL */
};
#define ARG_INT(v) ((struct store_arg){ 0, (int64_t)(v), NULL })
#define ARG_TEXT(v) ((struct store_arg){ 1, 0, (v) })
int store_run(struct store *s, const char *sql, const struct store_arg *args, int nargs, struct err *e);
#define STORE_RUN(s, e, sql, ...)                                                                       \
	store_run((s), (sql), (const struct store_arg[]){ __VA_ARGS__ },                                 \
		  (int)(sizeof((const struct store_arg[]){ __VA_ARGS__ }) / sizeof(struct store_arg)), (e))

/* Rows changed by the last INSERT/UPDATE/DELETE on this connection. */
int64_t store_changes(struct store *s);

#endif
