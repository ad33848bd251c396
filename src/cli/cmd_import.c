/* cmd_import: isms import FORMAT FILE... — frameworks from files, through
 * the one import path of isms/fw_format.h (every file in one transaction),
 * as the system. Progress goes to standard error, the result to standard
 * output: a summary line, then one line per framework. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/strbuf.h"
#include "cli/cli.h"
#include "isms/fw_format.h"

struct progress {
	int tty;
	long last;
};

static void on_progress(void *ctx, const char *what, long done, long total)
{
	struct progress *p = ctx;
	if (total < 1000 && !p->tty)
		return; /* small imports are quick: no noise */
	fprintf(stderr, "%simporting %s: %ld of %ld%s", p->tty ? "\r" : "", what, done, total, p->tty ? "" : "\n");
	p->last = p->tty;
}

int cmd_import(const struct cli_args *a)
{
	const struct fw_format *fmt = fw_format_by_name(a->operands[0]);
	struct fw_file files[CLI_MAX_OPERANDS];
	struct strbuf bufs[CLI_MAX_OPERANDS];
	struct arena ar = ARENA_INIT;
	struct fw_import_result res;
	struct fw_imported *out;
	struct progress prog = { isatty(2), 0 };
	struct err e = ERR_INIT;
	struct store *s = NULL;
	int n = a->n_operands - 1, n_out, rc = CLI_FAIL;
	double ms = 0;

	if (!fmt) {
		fprintf(stderr, "isms import: unknown format '%s'; FORMAT must be one of: %s\n", a->operands[0],
			fw_format_names(&ar));
		arena_release(&ar);
		return CLI_USAGE;
	}
	if (n < 1) {
		fprintf(stderr, "isms import: which files? (usage: isms import FORMAT FILE...)\n");
		arena_release(&ar);
		return CLI_USAGE;
	}
	for (int i = 0; i < n; i++)
		sb_init(&bufs[i], 0);
	for (int i = 0; i < n; i++) {
		const char *path = a->operands[i + 1], *slash = strrchr(path, '/');
		if (sb_read_file(&bufs[i], path)) {
			fprintf(stderr, "isms import: cannot read %s\n", path);
			goto out;
		}
		files[i].name = slash ? slash + 1 : path;
		files[i].dir = slash ? arena_strndup(&ar, path, slash == path ? 1 : (size_t)(slash - path)) : ".";
		files[i].buf = bufs[i].buf;
		files[i].len = bufs[i].len;
	}
	if (!(s = cli_store(a, 0)))
		goto out;
	if (fw_format_import(s, &cli_actor, fmt, files, n, on_progress, &prog, &ar, &res, &out, &n_out, &ms, &e)) {
		if (prog.last)
			fputc('\n', stderr);
		rc = cli_fail(&e);
		goto out;
	}
	if (prog.last)
		fputc('\n', stderr);
	printf("imported %d framework%s, %d requirements, %d mappings in %.0f ms\n", res.frameworks,
	       res.frameworks == 1 ? "" : "s", res.requirements, res.mappings, ms);
	if (res.skipped)
		printf("skipped: %s\n", res.skipped);
	for (int i = 0; i < n_out; i++)
		printf("%lld\t%s\t%s\t%d requirements%s\n", (long long)out[i].id, out[i].urn, out[i].ref_id,
		       out[i].requirements, out[i].baseline ? "\tbaseline" : "");
	rc = CLI_OK;
out:
	if (s)
		store_close(s);
	for (int i = 0; i < n; i++)
		sb_release(&bufs[i]);
	arena_release(&ar);
	return rc;
}
