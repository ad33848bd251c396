/* backup: the whole database as one portable file, and back, on either
 * engine (so also the way from SQLite to PostgreSQL).
 *
 * The file is JSON lines, every value as text or null:
 *   {"format":"isms-backup","format_version":1,"schema_version":5,
 *    "migrations":[1,2,3,4,5],"engine":"sqlite","made_at":"...Z",
 *    "left_out":["login_throttle","login_tickets","sessions"]}
 *   {"table":"users","columns":["id","email",...],"rows":2}
 *   ["1","admin@example.org",...]            one line a row, ordered by the first column
 *   ... a header and its rows per table, in the order of backup.c's table list ...
 *   {"end":"isms-backup","tables":13,"rows":345}
 *
 * Every table of the database must be named in backup.c's table list, kept
 * or left out: a table that a migration adds without a line there makes
 * backup_write fail rather than be left out silently. Generated columns are
 * not written (the target computes them). Table and column names in a file
 * are only matched against the target's own catalogue, never put into SQL. */
#ifndef ISMS_BACKUP_H
#define ISMS_BACKUP_H
#include <stdint.h>
#include <stdio.h>

#include "base/err.h"
#include "isms/actor.h"
#include "store/store.h"

#define BACKUP_FORMAT_VERSION 1

struct backup_summary {
	int tables;
	int64_t rows;
	int schema_version;
	int64_t audit_entries;
	char engine[16];  /* the engine the backup was made on */
	char made_at[32];
};

/* Writes every kept table of s to out from one snapshot (a read
 * transaction; writers go on). First audits the backup by who to file (an
 * export of everything is a security event), so the file holds that entry.
 * The caller checks out for write errors. */
int backup_write(struct store *s, const struct actor *who, const char *file, FILE *out, struct backup_summary *sum,
		 struct err *e);

/* Restores the file in into s, which must have no table at all (409
 * "not_empty" otherwise): migrates to the backup's migrations, inserts the
 * rows with their ids, applies this binary's newer migrations, moves id
 * generators past the restored ids and verifies the audit chain — in one
 * transaction, so on any error nothing is kept. A damaged or unknown file
 * is 422 with the line it stopped at. The restore by who from file is
 * audited as the entry after the restored ones (sum->audit_entries counts
 * the restored entries only). */
int backup_restore(struct store *s, const struct actor *who, const char *file, FILE *in, struct backup_summary *sum,
		   struct err *e);

#endif
