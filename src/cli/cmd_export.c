/* cmd_export: isms risk heatmap (the heat map as SVG, JSON or CSV) and
 * isms export (a record type's list as CSV, with the API's filters; with
 * --oscal, the ISMS as an OSCAL document). Both
 * read as the system: every record, archived ones only when asked. The
 * output is built whole before anything is written, so a refused command
 * leaves no file behind. */
#include <stdio.h>
#include <string.h>

#include "base/util.h"
#include "cli/cli.h"
#include "isms/export.h"
#include "isms/framework.h"
#include "isms/heatmap.h"
#include "isms/oscal_export.h"
#include "isms/list_params.h"
#include "web/heatmap_view.h"

/* Writes sb to path ("-" or NULL: standard output). */
static int write_out(const char *cmd, const char *path, const struct strbuf *sb)
{
	FILE *f = !path || strcmp(path, "-") == 0 ? stdout : fopen(path, "wb");
	int bad;
	if (!f) {
		fprintf(stderr, "isms %s: cannot write %s\n", cmd, path);
		return CLI_FAIL;
	}
	bad = fwrite(sb->buf, 1, sb->len, f) != sb->len;
	bad |= f == stdout ? fflush(f) != 0 : fclose(f) != 0;
	if (bad) {
		fprintf(stderr, "isms %s: cannot write %s\n", cmd, path ? path : "standard output");
		if (f != stdout)
			remove(path);
		return CLI_FAIL;
	}
	return CLI_OK;
}

int cmd_risk_heatmap(const struct cli_args *a)
{
	const char *format = cli_opt(a, "format");
	const struct entity *risk = entity_by_name("risk");
	int residual = cli_opt(a, "residual") != NULL;
	struct arena ar = ARENA_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct list_query q;
	struct risk_method m;
	struct heatmap h;
	struct err e = ERR_INIT;
	struct store *s;
	int rc;

	if (!format || (strcmp(format, "svg") && strcmp(format, "json") && strcmp(format, "csv"))) {
		fprintf(stderr, "isms risk heatmap: --format must be svg, json or csv\n");
		return CLI_USAGE;
	}
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	list_query_init(&q, risk);
	rc = risk_method_current(s, &ar, &m, &e) || heatmap_count(s, &m, residual, &q, &h, &e);
	store_close(s);
	if (rc == 0) {
		if (strcmp(format, "svg") == 0) {
			sb_adds(&sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
			heatmap_svg(&h, &sb, heatmap_kind(residual), NULL, 1, -1, -1);
			sb_addc(&sb, '\n');
		} else if (strcmp(format, "json") == 0) {
			heatmap_json(&h, &sb);
			sb_addc(&sb, '\n');
		} else {
			heatmap_csv(&h, &sb);
		}
		rc = write_out("risk heatmap", cli_opt(a, "out"), &sb);
	} else {
		rc = cli_fail(&e);
	}
	sb_release(&sb);
	arena_release(&ar);
	return rc;
}

/* isms export --oscal DOC [--framework ID|URN]: an OSCAL document (isms/oscal_export.h), as
 * the system reads the ISMS. */
static int export_oscal(const struct cli_args *a, const char *name)
{
	const char *fw = cli_opt(a, "framework"), *filename;
	enum oscal_doc d;
	struct arena ar = ARENA_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct err e = ERR_INIT;
	struct framework f;
	struct store *s;
	int64_t id = 0;
	int rc;

	if (oscal_doc_parse(name, &d)) {
		fprintf(stderr, "isms export: --oscal must be %s\n", oscal_doc_names());
		return CLI_USAGE;
	}
	if (cli_opt(a, "type") || cli_opt(a, "query") || strcmp(cli_opt(a, "format"), "csv")) {
		fprintf(stderr, "isms export: --oscal takes no --type, --query or --format\n");
		return CLI_USAGE;
	}
	if (oscal_doc_needs_framework(d) != (fw != NULL)) {
		fprintf(stderr, fw ? "isms export: the poam covers the whole ISMS: it takes no --framework\n"
				   : "isms export: --oscal %s needs --framework ID (its id or URN)\n",
			name);
		return CLI_USAGE;
	}
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	rc = fw && parse_int64(fw, &id) && framework_by_urn(s, fw, &ar, &f, &e);
	if (!rc && fw && !id)
		id = f.id;
	rc = rc || oscal_export(s, &cli_actor, d, id, &sb, &filename, &ar, &e);
	store_close(s);
	rc = rc ? cli_fail(&e) : write_out("export", cli_opt(a, "out"), &sb);
	sb_release(&sb);
	arena_release(&ar);
	return rc;
}

int cmd_export(const struct cli_args *a)
{
	const char *type = cli_opt(a, "type"), *format = cli_opt(a, "format"), *query = cli_opt(a, "query");
	const struct entity *ent;
	struct arena ar = ARENA_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct list_query q;
	struct err e = ERR_INIT;
	struct list_params lp = { NULL, &q, LP_SORT | LP_ARCHIVED, &ar, &e };
	struct store *s = NULL;
	int rc = CLI_FAIL;

	if (cli_opt(a, "oscal"))
		return export_oscal(a, cli_opt(a, "oscal"));
	if (!(ent = cli_entity("export", type)))
		return CLI_USAGE;
	if (!format || strcmp(format, "csv")) {
		fprintf(stderr, "isms export: --format must be csv\n");
		return CLI_USAGE;
	}
	lp.ent = ent;
	list_query_init(&q, ent);
	if (query && cli_read_query(query, &lp)) {
		fprintf(stderr, "isms export: --query: %s\n", e.message);
		arena_release(&ar);
		return CLI_USAGE;
	}
	if ((s = cli_store(a, 0))) {
		if (export_csv(s, ent, &q, &sb, &e) < 0)
			rc = cli_fail(&e);
		else
			rc = write_out("export", cli_opt(a, "out"), &sb);
		store_close(s);
	}
	sb_release(&sb);
	arena_release(&ar);
	return rc;
}
