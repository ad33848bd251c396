/* cmd_import_ciso: isms import ciso-assistant FILE... — reads CISO Assistant
 * libraries (isms/ciso_import.c) into one import and saves it whole
 * (framework_import_save: one transaction, one audit entry), so a
 * framework and the mapping that needs it can come in one command, in any
 * order. Progress goes to stderr; what was imported, what the libraries held
 * that is left out, and the time taken to stdout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/timeutil.h"
#include "base/yamltree.h"
#include "cli/cli.h"
#include "isms/ciso_import.h"

/* A whole file, malloc'd (caller frees); NULL after saying why. */
static char *read_whole(const char *path, size_t *len)
{
	FILE *in = fopen(path, "rb");
	char *buf = NULL;
	long n = -1;
	if (in && fseek(in, 0, SEEK_END) == 0)
		n = ftell(in);
	if (!in || n < 0 || fseek(in, 0, SEEK_SET) != 0) {
		fprintf(stderr, "isms: %s: cannot be read\n", path);
	} else if ((unsigned long)n > YT_MAX_BYTES) {
		fprintf(stderr, "isms: %s: larger than %u MiB, refused\n", path, YT_MAX_BYTES >> 20);
	} else {
		buf = malloc((size_t)n + 1);
		*len = buf ? fread(buf, 1, (size_t)n, in) : 0;
		if (buf && *len != (size_t)n) {
			fprintf(stderr, "isms: %s: cannot be read\n", path);
			free(buf);
			buf = NULL;
		}
	}
	if (in)
		fclose(in);
	return buf;
}

static void show_progress(void *ctx, const char *what, long done, long total)
{
	(void)ctx;
	if (strcmp(what, "mappings") == 0)
		fprintf(stderr, "  writing mappings of %ld set%s\n", total, total == 1 ? "" : "s");
	else
		fprintf(stderr, "  writing %s: %ld of %ld\n", what, done, total);
}

int cmd_import_ciso(const struct cli_args *a)
{
	struct arena ar = ARENA_INIT;
	struct fw_import imp = { 0 };
	struct ciso_report rep = { 0 };
	struct fw_import_result res;
	struct strbuf files = STRBUF_INIT, skipped = STRBUF_INIT;
	struct err e = ERR_INIT;
	struct store *s;
	int64_t t0 = time_now_us();
	int rc = CLI_FAIL;
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	imp.origin = "ciso-assistant";
	for (int i = 0; i < a->n_operands; i++) {
		const char *path = a->operands[i], *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
		int fws = imp.n_fws, sets = imp.n_sets;
		size_t len = 0;
		char *buf = read_whole(path, &len);
		if (!buf)
			goto out;
		fprintf(stderr, "reading %s\n", path);
		if (ciso_parse_report(buf, len, base, s, &imp, &ar, &rep, &e)) {
			free(buf);
			cli_fail(&e);
			goto out;
		}
		free(buf);
		for (int f = fws; f < imp.n_fws; f++)
			fprintf(stderr, "  framework %s: %d requirements\n", imp.fws[f].ref_id, imp.fws[f].n_nodes);
		for (int m = sets; m < imp.n_sets; m++)
			fprintf(stderr, "  mapping set %s: %d mappings\n", imp.sets[m].urn, imp.sets[m].n);
		sb_addf(&files, "%s%s", i ? ", " : "", base);
	}
	imp.file = arena_strndup(&ar, files.buf, files.len);
	if (framework_import_save(s, &cli_actor, &imp, &res, show_progress, NULL, &e)) {
		cli_fail(&e);
		goto out;
	}
	printf("imported %d framework%s with %d requirements and %d mappings in %.2f s\n", res.frameworks,
	       res.frameworks == 1 ? "" : "s", res.requirements, res.mappings, (double)(time_now_us() - t0) / 1e6);
	ciso_report_text(&rep, &skipped);
	if (skipped.len)
		printf("skipped: %s\n", skipped.buf);
	rc = CLI_OK;
out:
	sb_release(&files);
	sb_release(&skipped);
	arena_release(&ar);
	store_close(s);
	return rc;
}
