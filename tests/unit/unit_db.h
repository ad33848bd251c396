/* unit_db: database helpers shared by the unit tests that open a store
 * (test_store.c, test_framework_data.c). */
#ifndef ISMS_TEST_UNIT_DB_H
#define ISMS_TEST_UNIT_DB_H
#include <stdint.h>

#include "store/store.h"

/* Runs the SQL sql_fmt (one %s: name) on the maintenance database of the
 * PostgreSQL cluster pg_url (CREATE or DROP DATABASE); 0 or -1, with the
 * error printed. */
int unit_db_on_cluster(const char *pg_url, const char *sql_fmt, const char *name);

/* The first column of the first row of sql as an integer; -1 when there is
 * no row (the test fails when the SQL does not prepare). */
int64_t unit_db_one(struct store *s, const char *sql);

#endif
