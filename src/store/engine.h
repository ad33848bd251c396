/* engine: what a database engine gives store.c (private to src/store/).
 * store.c owns what is engine-neutral — choosing the engine from the URL,
 * the prepared-statement cache, binding ids, migrations — and calls the
 * engine through one table of operations. sqlite.c and pg.c each define
 * one such table. "raw" is the engine's own statement handle. */
#ifndef ISMS_STORE_ENGINE_H
#define ISMS_STORE_ENGINE_H
#include <stdint.h>

#include "base/embedded.h"
#include "store/store.h"

#define STORE_CACHE_SIZE 96

struct store_ops {
	const char *name; /* "sqlite", "postgres" */
	const struct embedded_file *migrations;
	/* Connects and sets s->conn; on failure leaves s->conn NULL. */
	int (*open)(struct store *s, const char *url, int create, struct err *e);
	void (*close)(struct store *s);
	int (*exec)(struct store *s, const char *sql, struct err *e);
	int (*begin)(struct store *s, struct err *e);
	int (*begin_read)(struct store *s, struct err *e); /* one snapshot, no write lock */
	int (*commit)(struct store *s, struct err *e);
	void (*rollback)(struct store *s);
	void *(*prepare)(struct store *s, const char *sql, struct err *e);
	void (*finalize)(struct store *s, void *raw);
	void (*reset)(void *raw); /* drops the rows and the bindings */
	void (*bind_int)(void *raw, int idx, int64_t v);
	void (*bind_text)(void *raw, int idx, const char *v); /* NULL binds SQL NULL */
	int (*step)(struct store *s, void *raw, struct err *e);
	int (*columns)(void *raw);
	const char *(*column_name)(void *raw, int col);
	int (*isnull)(void *raw, int col);
	int64_t (*get_int)(void *raw, int col);
	const char *(*get_text)(void *raw, int col);
	int64_t (*changes)(struct store *s);
	/* The catalogue, for backup and restore (store_prepare_tables/columns):
	 * rows (name) of every table of the schema isms uses; rows (name,
	 * generated 0/1, integer 0/1) of the table bound to '?', in column order. */
	const char *tables_sql;
	const char *columns_sql;
	/* After rows were inserted with explicit ids: moves every id generator
	 * past the largest id (NULL: the engine needs nothing). */
	const char *reset_ids_sql;
};

extern const struct store_ops sqlite_ops;
extern const struct store_ops pg_ops;

struct stmt {
	struct store *store;
	void *raw;
	char *sql;
	uint64_t hash;
	int in_use;
	int cached;
};

struct store {
	const struct store_ops *ops;
	void *conn; /* the engine's connection */
	int ncache;
	struct stmt cache[STORE_CACHE_SIZE];
};

#endif
