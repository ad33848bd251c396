/* unit_db: database helpers shared by the unit tests (see unit_db.h). */
#include "unit_db.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <cmocka.h>

int unit_db_on_cluster(const char *pg_url, const char *sql_fmt, const char *name)
{
	struct store *s = NULL;
	struct err e = ERR_INIT;
	char url[300], sql[160];
	int rc;
	snprintf(url, sizeof(url), "%s/postgres", pg_url);
	snprintf(sql, sizeof(sql), sql_fmt, name);
	rc = store_open(&s, url, 0, &e) || store_exec(s, sql, &e) ? -1 : 0;
	if (rc)
		print_error("%s: %s\n", sql, e.message);
	store_close(s);
	return rc;
}

int64_t unit_db_one(struct store *s, const char *sql)
{
	struct err e = ERR_INIT;
	struct stmt *st = store_prepare(s, sql, &e);
	int64_t n = -1;
	if (!st)
		fail_msg("%s: %s", sql, e.message);
	if (stmt_step(st, &e) == STORE_ROW)
		n = stmt_int(st, 0);
	stmt_done(st);
	return n;
}
