/* cmd_link: isms link list|add|remove (links between records, isms/link.h)
 * and isms asset needs (an asset's own and effective protection needs,
 * isms/protection.h). The CLI acts as the system, with every permission. */
#include <stdio.h>
#include <string.h>

#include "base/util.h"
#include "cli/cli.h"
#include "isms/link.h"
#include "isms/protection.h"

/* --type (singular or plural) and --id, checked; CLI_OK or CLI_USAGE. */
static int record_opts(const struct cli_args *a, const char *cmd, const struct entity **ent, int64_t *id)
{
	const char *type = cli_opt(a, "type"), *v = cli_opt(a, "id");
	if (!type || !v) {
		fprintf(stderr, "isms %s: --type and --id are required\n", cmd);
		return CLI_USAGE;
	}
	if (!(*ent = cli_entity(cmd, type)))
		return CLI_USAGE;
	if (parse_int64(v, id) || *id <= 0) {
		fprintf(stderr, "isms %s: --id must be a record id (a whole number of at least 1)\n", cmd);
		return CLI_USAGE;
	}
	return CLI_OK;
}

/* --kind and --to as well, for add and remove. */
static int change_opts(const struct cli_args *a, const char *cmd, const struct entity **ent, int64_t *id,
		       const struct link_kind **k, int64_t *to)
{
	const char *kind = cli_opt(a, "kind"), *v = cli_opt(a, "to");
	int rc = record_opts(a, cmd, ent, id);
	if (rc)
		return rc;
	if (!kind || !v) {
		fprintf(stderr, "isms %s: --kind and --to are required\n", cmd);
		return CLI_USAGE;
	}
	if (!(*k = link_kind_find(*ent, kind))) {
		fprintf(stderr, "isms %s: %s records have no links of kind '%s'; they have:", cmd, (*ent)->name, kind);
		for (int i = 0; i < link_kind_count; i++)
			if (strcmp(link_kinds[i].from, (*ent)->name) == 0)
				fprintf(stderr, " %s", link_kinds[i].name);
		fputc('\n', stderr);
		return CLI_USAGE;
	}
	if (parse_int64(v, to) || *to <= 0) {
		fprintf(stderr, "isms %s: --to must be a record id (a whole number of at least 1)\n", cmd);
		return CLI_USAGE;
	}
	return CLI_OK;
}

int cmd_link_list(const struct cli_args *a)
{
	const struct entity *ent;
	struct arena ar = ARENA_INIT;
	struct err e = ERR_INIT;
	struct link_group *g;
	struct store *s;
	int64_t id;
	int n, rc = record_opts(a, "link list", &ent, &id);
	if (rc)
		return rc;
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	rc = link_list(s, &cli_actor, ent, id, &ar, &g, &n, &e);
	for (int i = 0; rc == 0 && i < n; i++)
		for (int j = 0; j < g[i].n; j++) {
			const struct link_item *it = &g[i].items[j];
			printf("%s\t%s\t%s\t%s\t%lld\t%s\t%s%s%s\n", g[i].reverse ? "incoming" : "outgoing",
			       g[i].kind->name, g[i].reverse ? g[i].kind->reverse_label : g[i].kind->label,
			       g[i].other->name, (long long)it->id, it->title, it->relation ? it->relation : "-",
			       it->primary ? "\tprimary" : "", it->archived ? "\tarchived" : "");
		}
	store_close(s);
	arena_release(&ar);
	return rc ? cli_fail(&e) : CLI_OK;
}

static int change(const struct cli_args *a, int add)
{
	const char *cmd = add ? "link add" : "link remove";
	const struct entity *ent;
	const struct link_kind *k;
	struct arena ar = ARENA_INIT;
	struct err e = ERR_INIT;
	struct store *s;
	int64_t id, to;
	int rc = change_opts(a, cmd, &ent, &id, &k, &to);
	if (rc)
		return rc;
	if (!add && cli_opt(a, "relation")) {
		fprintf(stderr, "isms link remove: --relation is for link add only\n");
		return CLI_USAGE;
	}
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	rc = add ? link_add(s, &cli_actor, k, id, to, cli_opt(a, "relation"), &ar, &e)
		 : link_remove(s, &cli_actor, k, id, to, &ar, &e);
	store_close(s);
	arena_release(&ar);
	if (rc)
		return cli_fail(&e);
	printf("%s #%lld %s %s #%lld: %s\n", ent->name, (long long)id, k->name, k->to, (long long)to,
	       add ? "linked" : "unlinked");
	return CLI_OK;
}

int cmd_link_add(const struct cli_args *a)
{
	return change(a, 1);
}

int cmd_link_remove(const struct cli_args *a)
{
	return change(a, 0);
}

int cmd_asset_needs(const struct cli_args *a)
{
	const char *v = cli_opt(a, "id");
	struct arena ar = ARENA_INIT;
	struct err e = ERR_INIT;
	struct pn_view view;
	struct store *s;
	int64_t id;
	int rc;
	if (!v || parse_int64(v, &id) || id <= 0) {
		fprintf(stderr, "isms asset needs: --id must be an asset id (a whole number of at least 1)\n");
		return CLI_USAGE;
	}
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	rc = protection_view(s, NULL, id, &ar, &view, &e);
	for (int d = 0; rc == 0 && d < PN_DIMS; d++) {
		const struct pn_dim *dim = &view.dim[d];
		if (d == PN_CLASS)
			printf("%s\t%s\t%s\t", pn_dim_names[d], dim->own ? protection_class_key(view.scheme, dim->own) : "-",
			       dim->eff ? protection_class_key(view.scheme, dim->eff) : "-");
		else
			printf("%s\t%s\t%s\t", pn_dim_names[d], dim->own ? arena_printf(&ar, "%d", dim->own) : "-",
			       dim->eff ? arena_printf(&ar, "%d", dim->eff) : "-");
		if (dim->nfrom == 0)
			printf("own");
		for (int k = 0; k < dim->nfrom; k++)
			printf("%s#%lld %s", k ? ", " : "", (long long)dim->from[k].id, dim->from[k].name);
		putchar('\n');
	}
	store_close(s);
	arena_release(&ar);
	return rc ? cli_fail(&e) : CLI_OK;
}
