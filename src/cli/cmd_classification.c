/* cmd_classification: isms classification list, show and set (the
 * classification scheme), and isms threat list / vulnerability list (the
 * catalogues). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "isms/classification.h"
#include "isms/record.h"

/* Loads the scheme and prints it as lines (json 0) or JSON (json 1). */
static int print_scheme(const struct cli_args *a, int json)
{
	struct arena ar = ARENA_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct cl_scheme sc;
	struct err e = ERR_INIT;
	struct store *s = cli_store(a, 0);
	int rc;
	if (!s)
		return CLI_FAIL;
	rc = classification_load(s, &ar, &sc, &e);
	store_close(s);
	if (rc == 0 && json) {
		classification_to_json(&sc, &sb);
		printf("%s\n", sb.buf);
	}
	for (int i = 0; rc == 0 && !json && i < sc.n; i++)
		printf("%d\t%s\t%s\t%s\n", sc.levels[i].rank, sc.levels[i].key, sc.levels[i].label, sc.levels[i].colour);
	sb_release(&sb);
	arena_release(&ar);
	return rc ? cli_fail(&e) : CLI_OK;
}

int cmd_classification_list(const struct cli_args *a)
{
	return print_scheme(a, 0);
}

int cmd_classification_show(const struct cli_args *a)
{
	return print_scheme(a, 1);
}

int cmd_classification_set(const struct cli_args *a)
{
	const char *path = cli_opt(a, "file");
	struct arena ar = ARENA_INIT;
	struct cl_scheme sc;
	struct err e = ERR_INIT;
	struct store *s = NULL;
	json_t *body;
	int rc = -1;
	if (!path) {
		fprintf(stderr, "isms classification set: --file is required\n");
		return CLI_USAGE;
	}
	if (!(body = cli_load_json(path)))
		return CLI_FAIL;
	if (classification_parse(body, &ar, &sc, &e) == 0 && (s = cli_store(a, 0)) &&
	    (rc = classification_save(s, &cli_actor, &sc, &e)) == 0)
		printf("classification scheme saved: %d level%s\n", sc.n, sc.n == 1 ? "" : "s");
	json_decref(body);
	if (s)
		store_close(s);
	arena_release(&ar);
	if (rc && !e.status)
		return CLI_FAIL; /* cli_store printed why */
	return rc ? cli_fail(&e) : CLI_OK;
}

/* Every live entry of a catalogue, one a line: id, then each list column
 * (booleans as the field's name when set, "-" when not). */
static int list_catalogue(const struct cli_args *a, const char *type)
{
	const struct entity *ent = entity_by_name(type);
	struct arena ar = ARENA_INIT;
	struct list_query q;
	struct record_page page;
	struct err e = ERR_INIT;
	struct store *s = cli_store(a, 0);
	int rc;
	if (!s)
		return CLI_FAIL;
	list_query_init(&q, ent);
	q.limit = LIST_MAX_LIMIT;
	rc = record_list(s, ent, &q, &ar, &page, &e);
	store_close(s);
	for (int k = 0; rc == 0 && k < page.n; k++) {
		printf("%lld", (long long)page.items[k].id);
		for (int i = 0; i < ent->nfields; i++) {
			const struct field *f = &ent->fields[i];
			const char *v = page.items[k].values[i];
			if (!(f->flags & F_LIST))
				continue;
			if (f->type == FT_BOOL)
				v = v && strcmp(v, "0") ? f->name : "-";
			printf("\t%s", v ? v : "-");
		}
		putchar('\n');
	}
	arena_release(&ar);
	return rc ? cli_fail(&e) : CLI_OK;
}

int cmd_threat_list(const struct cli_args *a)
{
	return list_catalogue(a, "threat");
}

int cmd_vulnerability_list(const struct cli_args *a)
{
	return list_catalogue(a, "vulnerability");
}
