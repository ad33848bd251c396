/* pg: the PostgreSQL engine behind store.h (libpq; see engine.h).
 *
 * - '?' placeholders become $1..$n once, when a statement is prepared
 *   (quoted text and comments are skipped); statements are prepared on
 *   the server under a name and kept in store.c's cache.
 * - Every value travels as text, so a column reads back exactly as SQLite
 *   gives it (integers in decimal, times as ISO-8601 text).
 * - store_begin serialises writers as SQLite's BEGIN IMMEDIATE does: the
 *   transaction takes one advisory lock (WRITE_LOCK) before anything else,
 *   so read-check-write sequences never interleave, on one node or many.
 *   Statements run under READ COMMITTED, so each sees every commit made
 *   before the lock was granted.
 * - A connection the server closed (restart, failover) is noticed before
 *   the next statement outside a transaction and reopened; statements are
 *   prepared again lazily (the generation counter). A statement that loses
 *   its connection fails with 503 "unavailable". */
#include <libpq-fe.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "store/engine.h"

/* pg_advisory_xact_lock key of the write lock: "isms" in ASCII. */
#define WRITE_LOCK "1769172339"

struct pg {
	PGconn *conn;
	unsigned gen;       /* bumped at each reconnect */
	unsigned next_name; /* statement names isms_1, isms_2, ... */
	int64_t changes;
	int tx; /* between store_begin and commit/rollback */
	char where[160]; /* host:port/db for messages; never the password */
};

struct pgst {
	char *sql; /* with $n placeholders */
	char name[24];
	unsigned gen; /* connection generation it was prepared in */
	int nparams;
	char **values;
	PGresult *res;
	int row, nrows;
};

static struct pg *pg_of(struct store *s)
{
	return s->conn;
}

/* First line of a libpq message, without "ERROR:  " and the newline. */
static void first_line(const char *msg, char *out, size_t n)
{
	size_t len;
	if (!msg || !*msg)
		msg = "no message";
	if (strncmp(msg, "ERROR:  ", 8) == 0 || strncmp(msg, "FATAL:  ", 8) == 0)
		msg += 8;
	len = strcspn(msg, "\n");
	snprintf(out, n, "%.*s", (int)(len < n ? len : n - 1), msg);
}

/* The details (server, libpq's reason) go to the log, not to API clients. */
static int lost(struct pg *pg, const char *msg, struct err *e)
{
	char line[160];
	first_line(msg, line, sizeof(line));
	log_error("database %s: %s", pg->where, line);
	return err_set(e, 503, "unavailable",
		       "The database server is unavailable (connection lost or refused); try again shortly.");
}

static int starts(const char *state, const char *prefix)
{
	return state && strncmp(state, prefix, strlen(prefix)) == 0;
}

/* Maps a failed result (or, with res NULL, the connection's error). */
static int pg_fail(struct pg *pg, PGresult *res, struct err *e, const char *what)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res && *PQresultErrorMessage(res) ? PQresultErrorMessage(res) : PQerrorMessage(pg->conn);
	char line[200];
	if (PQstatus(pg->conn) != CONNECTION_OK || starts(state, "08") || starts(state, "57P"))
		return lost(pg, msg, e);
	first_line(msg, line, sizeof(line));
	if (starts(state, "23"))
		return err_set(e, 409, "conflict", "%s: %s", what, line);
	if (starts(state, "40") || starts(state, "55P03"))
		return err_set(e, 503, "unavailable", "The database is busy; try again.");
	if (starts(state, "53"))
		return err_set(e, 503, "unavailable", "%s: storage error: %s", what, line);
	return err_set(e, 500, "store", "%s: %s", what, line);
}

/* Runs SQL without parameters; 0 when it succeeded. */
static int run(struct pg *pg, const char *sql, struct err *e)
{
	PGresult *r = PQexec(pg->conn, sql);
	ExecStatusType st = PQresultStatus(r);
	int rc = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? 0 : pg_fail(pg, r, e, "exec");
	PQclear(r);
	return rc;
}

/* Before a statement: outside a transaction, reads what the server may
 * have sent an idle connection and reopens a closed connection. A server
 * that shut down sent its notice, then closed: one read takes the notice,
 * the next sees the end of file. Inside a transaction a lost connection
 * is an error: the transaction is gone with it. */
static int ready(struct pg *pg, struct err *e)
{
	for (int i = 0; i < 3 && PQstatus(pg->conn) == CONNECTION_OK && !pg->tx; i++)
		PQconsumeInput(pg->conn);
	if (PQstatus(pg->conn) == CONNECTION_OK)
		return 0;
	if (pg->tx) /* never finish a transaction's statements on a new connection */
		return lost(pg, PQerrorMessage(pg->conn), e);
	PQreset(pg->conn);
	if (PQstatus(pg->conn) != CONNECTION_OK)
		return lost(pg, PQerrorMessage(pg->conn), e);
	pg->gen++;
	return 0;
}

static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static int is_c(const char *locale)
{
	return strcmp(locale, "C") == 0 || strcmp(locale, "POSIX") == 0;
}

/* Text must sort and compare byte by byte, as on SQLite: C collation and
 * ctype, UTF-8. */
static int check_database(struct pg *pg, struct err *e)
{
	PGresult *r = PQexec(pg->conn, "SELECT datcollate, datctype, pg_encoding_to_char(encoding), "
				       "current_database() FROM pg_database WHERE datname = current_database()");
	int rc = 0;
	if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) {
		rc = pg_fail(pg, r, e, "open");
	} else if (!is_c(PQgetvalue(r, 0, 0)) || !is_c(PQgetvalue(r, 0, 1)) || strcmp(PQgetvalue(r, 0, 2), "UTF8")) {
		const char *db = PQgetvalue(r, 0, 3);
		rc = err_set(e, 500, "config",
			     "PostgreSQL database %s has collation %s, ctype %s, encoding %s; isms needs C, C and "
			     "UTF8 so that text sorts and compares as on SQLite. Create it with: CREATE DATABASE %s "
			     "TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'",
			     db, PQgetvalue(r, 0, 0), PQgetvalue(r, 0, 1), PQgetvalue(r, 0, 2), db);
	}
	PQclear(r);
	return rc;
}

static int pg_open(struct store *s, const char *url, int create, struct err *e)
{
	/* the URL may override the timeout; client_encoding comes last to win */
	static const char *const keys[] = { "connect_timeout", "application_name", "dbname", "client_encoding", NULL };
	const char *values[] = { "10", "isms", url, "UTF8", NULL };
	struct pg *pg = xcalloc(1, sizeof(*pg));
	(void)create; /* the database is its administrator's to create; isms init creates the tables */
	s->conn = pg;
	pg->conn = PQconnectdbParams(keys, values, 1);
	if (!pg->conn)
		return err_set(e, 503, "unavailable", "Cannot allocate a PostgreSQL connection.");
	snprintf(pg->where, sizeof(pg->where), "%s:%s/%s", PQhost(pg->conn) ? PQhost(pg->conn) : "?",
		 PQport(pg->conn) ? PQport(pg->conn) : "?", PQdb(pg->conn) ? PQdb(pg->conn) : "?");
	if (PQstatus(pg->conn) != CONNECTION_OK)
		return lost(pg, PQerrorMessage(pg->conn), e);
	PQsetNoticeProcessor(pg->conn, quiet, NULL);
	return check_database(pg, e);
}

static void pg_close(struct store *s)
{
	struct pg *pg = pg_of(s);
	PQfinish(pg->conn);
	free(pg);
	s->conn = NULL;
}

static int pg_exec(struct store *s, const char *sql, struct err *e)
{
	return ready(pg_of(s), e) ? -1 : run(pg_of(s), sql, e);
}

static void pg_rollback(struct store *s)
{
	struct pg *pg = pg_of(s);
	PGTransactionStatusType t = PQtransactionStatus(pg->conn);
	if (t == PQTRANS_INTRANS || t == PQTRANS_INERROR)
		PQclear(PQexec(pg->conn, "ROLLBACK"));
	pg->tx = 0;
}

static int pg_begin(struct store *s, struct err *e)
{
	struct pg *pg = pg_of(s);
	if (ready(pg, e))
		return -1;
	pg->tx = 1;
	if (run(pg, "BEGIN; SELECT pg_advisory_xact_lock(" WRITE_LOCK ")", e)) {
		pg_rollback(s);
		return -1;
	}
	return 0;
}

/* One snapshot for every statement (a consistent backup), no lock: writers
 * on every node go on meanwhile. */
static int pg_begin_read(struct store *s, struct err *e)
{
	struct pg *pg = pg_of(s);
	if (ready(pg, e))
		return -1;
	pg->tx = 1;
	if (run(pg, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", e)) {
		pg_rollback(s);
		return -1;
	}
	return 0;
}

static int pg_commit(struct store *s, struct err *e)
{
	struct pg *pg = pg_of(s);
	PGresult *r = PQexec(pg->conn, "COMMIT");
	int rc = 0;
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		rc = pg_fail(pg, r, e, "commit");
	else if (strcmp(PQcmdStatus(r), "COMMIT") != 0) /* the server rolled back a failed transaction */
		rc = err_set(e, 500, "store", "commit: the transaction had failed and was rolled back.");
	PQclear(r);
	pg_rollback(s);
	return rc;
}

/* '?' -> $1..$n outside quotes and comments. */
static char *translate(const char *sql, int *n)
{
	struct strbuf sb = STRBUF_INIT;
	char quote = 0;
	*n = 0;
	for (const char *p = sql; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
		} else if (p[0] == '-' && p[1] == '-') {
			size_t len = strcspn(p, "\n");
			sb_add(&sb, p, len);
			p += len;
			if (!*p)
				break;
		} else if (*p == '?') {
			sb_addf(&sb, "$%d", ++*n);
			continue;
		}
		sb_addc(&sb, *p);
	}
	return sb_detach(&sb, NULL);
}

static int send_prepare(struct pg *pg, struct pgst *st, struct err *e)
{
	PGresult *r = PQprepare(pg->conn, st->name, st->sql, st->nparams, NULL);
	int rc = PQresultStatus(r) == PGRES_COMMAND_OK ? 0 : pg_fail(pg, r, e, "prepare");
	PQclear(r);
	if (rc == 0)
		st->gen = pg->gen;
	return rc;
}

static void pg_reset(void *raw)
{
	struct pgst *st = raw;
	PQclear(st->res);
	st->res = NULL;
	st->row = st->nrows = 0;
	for (int i = 0; i < st->nparams; i++) {
		free(st->values[i]);
		st->values[i] = NULL;
	}
}

static void free_pgst(struct pgst *st)
{
	pg_reset(st);
	free(st->values);
	free(st->sql);
	free(st);
}

static void *pg_prepare(struct store *s, const char *sql, struct err *e)
{
	struct pg *pg = pg_of(s);
	struct pgst *st = xcalloc(1, sizeof(*st));
	st->sql = translate(sql, &st->nparams);
	st->values = xcalloc((size_t)(st->nparams ? st->nparams : 1), sizeof(char *));
	snprintf(st->name, sizeof(st->name), "isms_%u", ++pg->next_name);
	if (ready(pg, e) || send_prepare(pg, st, e)) {
		free_pgst(st);
		return NULL;
	}
	return st;
}

static void pg_finalize(struct store *s, void *raw)
{
	struct pg *pg = pg_of(s);
	struct pgst *st = raw;
	if (st->gen == pg->gen && PQstatus(pg->conn) == CONNECTION_OK &&
	    PQtransactionStatus(pg->conn) != PQTRANS_INERROR) {
		char sql[48];
		snprintf(sql, sizeof(sql), "DEALLOCATE %s", st->name);
		PQclear(PQexec(pg->conn, sql));
	}
	free_pgst(st);
}

static void set_value(struct pgst *st, int idx, char *v)
{
	if (idx < 1 || idx > st->nparams) {
		free(v);
		return;
	}
	free(st->values[idx - 1]);
	st->values[idx - 1] = v;
}

static void pg_bind_int(void *raw, int idx, int64_t v)
{
	char buf[24];
	snprintf(buf, sizeof(buf), "%lld", (long long)v);
	set_value(raw, idx, xstrdup(buf));
}

static void pg_bind_text(void *raw, int idx, const char *v)
{
	set_value(raw, idx, v ? xstrdup(v) : NULL);
}

static int pg_step(struct store *s, void *raw, struct err *e)
{
	struct pg *pg = pg_of(s);
	struct pgst *st = raw;
	if (!st->res) {
		PGresult *r;
		ExecStatusType status;
		if (ready(pg, e) || (st->gen != pg->gen && send_prepare(pg, st, e)))
			return -1;
		r = PQexecPrepared(pg->conn, st->name, st->nparams, (const char *const *)st->values, NULL, NULL, 0);
		status = PQresultStatus(r);
		if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
			pg_fail(pg, r, e, "step");
			PQclear(r);
			return -1;
		}
		if (!strncmp(PQcmdStatus(r), "INSERT", 6) || !strncmp(PQcmdStatus(r), "UPDATE", 6) ||
		    !strncmp(PQcmdStatus(r), "DELETE", 6))
			pg->changes = strtoll(PQcmdTuples(r), NULL, 10);
		st->res = r;
		st->row = -1;
		st->nrows = PQntuples(r);
	}
	if (st->row + 1 < st->nrows) {
		st->row++;
		return STORE_ROW;
	}
	st->row = st->nrows;
	return STORE_DONE;
}

static int has_value(const struct pgst *st, int col)
{
	return st->res && st->row >= 0 && st->row < st->nrows && col >= 0 && col < PQnfields(st->res) &&
	       !PQgetisnull(st->res, st->row, col);
}

static int pg_columns(void *raw)
{
	struct pgst *st = raw;
	return st->res ? PQnfields(st->res) : 0;
}

static const char *pg_column_name(void *raw, int col)
{
	struct pgst *st = raw;
	return st->res && col >= 0 && col < PQnfields(st->res) ? PQfname(st->res, col) : NULL;
}

static int pg_isnull(void *raw, int col)
{
	return !has_value(raw, col);
}

/* Booleans read as SQLite gives them: 1 and 0. */
#define BOOLOID 16

static const char *pg_text(void *raw, int col)
{
	struct pgst *st = raw;
	const char *v;
	if (!has_value(st, col))
		return NULL;
	v = PQgetvalue(st->res, st->row, col);
	if (PQftype(st->res, col) == BOOLOID)
		return *v == 't' ? "1" : "0";
	return v;
}

static int64_t pg_int(void *raw, int col)
{
	const char *v = pg_text(raw, col);
	return v ? strtoll(v, NULL, 10) : 0;
}

static int64_t pg_changes(struct store *s)
{
	return pg_of(s)->changes;
}

const struct store_ops pg_ops = {
	.name = "postgres",
	.migrations = postgres_migrations,
	.open = pg_open,
	.close = pg_close,
	.exec = pg_exec,
	.begin = pg_begin,
	.begin_read = pg_begin_read,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.prepare = pg_prepare,
	.finalize = pg_finalize,
	.reset = pg_reset,
	.bind_int = pg_bind_int,
	.bind_text = pg_bind_text,
	.step = pg_step,
	.columns = pg_columns,
	.column_name = pg_column_name,
	.isnull = pg_isnull,
	.get_int = pg_int,
	.get_text = pg_text,
	.changes = pg_changes,
	.tables_sql = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
		      "AND table_type = 'BASE TABLE' ORDER BY table_name",
	.columns_sql = "SELECT column_name, CASE WHEN is_generated = 'ALWAYS' THEN 1 ELSE 0 END, "
		       "CASE WHEN data_type IN ('bigint', 'integer', 'smallint') THEN 1 ELSE 0 END FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? "
		       "ORDER BY ordinal_position",
	/* identity columns continue after the largest id restored; names quoted by format() */
	.reset_ids_sql = "DO $$ DECLARE c record; BEGIN "
			 "FOR c IN SELECT table_name AS t, column_name AS k FROM information_schema.columns "
			 "WHERE table_schema = current_schema() AND is_identity = 'YES' LOOP "
			 "EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L), "
			 "COALESCE((SELECT MAX(%I) FROM %I), 0) + 1, false)', quote_ident(c.t), c.k, c.k, c.t); "
			 "END LOOP; END $$",
};
