/* cmd_backup: isms backup FILE and isms restore FILE (src/isms/backup.c). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/strbuf.h"
#include "cli/cli.h"
#include "isms/backup.h"

/* The snapshot goes to a temporary file (mode 0600: it holds password
 * hashes and TOTP secrets) beside FILE, renamed over FILE once complete
 * and on disk: FILE is never a half-written backup. */
int cmd_backup(const struct cli_args *a)
{
	struct backup_summary sum;
	struct err e = ERR_INIT;
	struct strbuf tmp = STRBUF_INIT;
	struct store *s;
	FILE *out = NULL;
	int fd, rc = CLI_FAIL;
	long size;

	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	sb_addf(&tmp, "%s.tmp-XXXXXX", a->operand);
	if ((fd = mkstemp(tmp.buf)) < 0 || !(out = fdopen(fd, "w"))) {
		fprintf(stderr, "isms: cannot create %s: %s\n", tmp.buf, strerror(errno));
		if (fd >= 0)
			close(fd);
		goto out;
	}
	if (backup_write(s, &cli_actor, a->operand, out, &sum, &e)) {
		cli_fail(&e);
		goto out;
	}
	size = ftell(out);
	if (fflush(out) || ferror(out) || fsync(fileno(out)) || fclose(out)) {
		out = NULL;
		fprintf(stderr, "isms: cannot write %s: %s\n", tmp.buf, strerror(errno));
		goto out;
	}
	out = NULL;
	if (rename(tmp.buf, a->operand)) {
		fprintf(stderr, "isms: cannot rename %s to %s: %s\n", tmp.buf, a->operand, strerror(errno));
		goto out;
	}
	printf("Wrote %s: %d tables, %lld rows, %lld audit entries, schema version %d, %ld bytes.\n", a->operand,
	       sum.tables, (long long)sum.rows, (long long)sum.audit_entries, sum.schema_version, size);
	rc = CLI_OK;
out:
	if (out)
		fclose(out);
	if (rc != CLI_OK && fd >= 0)
		unlink(tmp.buf);
	sb_release(&tmp);
	store_close(s);
	return rc;
}

/* A SQLite file that restore created is removed again when it fails. */
static void remove_sqlite_files(const char *db)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
	char path[4096];
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", db, suffixes[i]);
		unlink(path);
	}
}

int cmd_restore(const struct cli_args *a)
{
	struct backup_summary sum;
	struct err e = ERR_INIT;
	struct store *s = NULL;
	int is_sqlite = strcmp(store_engine_of(a->db), "sqlite") == 0;
	int created = is_sqlite && access(a->db, F_OK) != 0;
	FILE *in = fopen(a->operand, "r");
	int rc = CLI_FAIL;

	if (!in) {
		fprintf(stderr, "isms: cannot read %s: %s\n", a->operand, strerror(errno));
		return CLI_FAIL;
	}
	if (store_open(&s, a->db, 1, &e) || backup_restore(s, &cli_actor, a->operand, in, &sum, &e)) {
		cli_fail(&e);
		goto out;
	}
	printf("Restored %s into %s: %d tables, %lld rows, schema version %d (made %s on %s).\n", a->operand, a->db,
	       sum.tables, (long long)sum.rows, sum.schema_version, sum.made_at, sum.engine);
	cli_print_audit_intact(sum.audit_entries);
	rc = CLI_OK;
out:
	fclose(in);
	store_close(s);
	if (rc != CLI_OK && created)
		remove_sqlite_files(a->db);
	return rc;
}
