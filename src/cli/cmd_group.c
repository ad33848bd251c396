/* cmd_group: user groups from the command line — list, add, show (members
 * as JSON of the API's shape is not needed here: one a line), add and
 * remove members by e-mail. Acts as the system unless --as names a user. */
#include <stdio.h>

#include "auth/account.h"
#include "base/util.h"
#include "cli/cli.h"
#include "isms/group.h"

static int64_t group_id(const struct cli_args *a, const char *cmd, int *ok)
{
	int64_t id = 0;
	const char *v = cli_opt(a, "id");
	if (!v || parse_int64(v, &id) || id <= 0) {
		fprintf(stderr, "isms %s: --id must be a group's id\n", cmd);
		*ok = 0;
	}
	return id;
}

int cmd_group_list(const struct cli_args *a)
{
	struct arena ar = ARENA_INIT;
	struct group *g;
	struct err e = ERR_INIT;
	struct store *s;
	int n, rc;
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	rc = group_list(s, &ar, &g, &n, &e);
	store_close(s);
	for (int i = 0; !rc && i < n; i++)
		printf("%lld\t%s\t%lld members\t%s\n", (long long)g[i].id, g[i].name, (long long)g[i].members,
		       g[i].description ? g[i].description : "");
	arena_release(&ar);
	return rc ? cli_fail(&e) : CLI_OK;
}

int cmd_group_add(const struct cli_args *a)
{
	struct arena ar = ARENA_INIT;
	struct err e = ERR_INIT;
	struct actor who;
	struct store *s;
	int64_t id = 0;
	int rc;
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	rc = cli_actor_opt(a, s, &ar, &who, &e) ||
	     group_create(s, &who, cli_opt(a, "name"), cli_opt(a, "description"), &id, &e);
	store_close(s);
	arena_release(&ar);
	if (rc)
		return cli_fail(&e);
	printf("group %lld created\n", (long long)id);
	return CLI_OK;
}

int cmd_group_show(const struct cli_args *a)
{
	struct arena ar = ARENA_INIT;
	struct group g;
	struct group_member *m;
	struct err e = ERR_INIT;
	struct store *s;
	int ok = 1, n, rc;
	int64_t id = group_id(a, "group show", &ok);
	if (!ok)
		return CLI_USAGE;
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	rc = group_get(s, id, &ar, &g, &e) || group_members(s, id, &ar, &m, &n, &e);
	store_close(s);
	if (!rc) {
		printf("%s\t%lld members\n", g.name, (long long)g.members);
		for (int i = 0; i < n; i++)
			printf("%lld\t%s\t%s\n", (long long)m[i].user_id, m[i].email, m[i].name);
	}
	arena_release(&ar);
	return rc ? cli_fail(&e) : CLI_OK;
}

static int member(const struct cli_args *a, const char *cmd, int add)
{
	struct arena ar = ARENA_INIT;
	struct user u;
	struct err e = ERR_INIT;
	struct actor who;
	struct store *s;
	int ok = 1, rc;
	int64_t id = group_id(a, cmd, &ok);
	if (!ok)
		return CLI_USAGE;
	if (!cli_opt(a, "user")) {
		fprintf(stderr, "isms %s: --user EMAIL is required\n", cmd);
		return CLI_USAGE;
	}
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	rc = cli_actor_opt(a, s, &ar, &who, &e) || user_by_email(s, cli_opt(a, "user"), &ar, &u, &e) ||
	     (add ? group_member_add : group_member_remove)(s, &who, id, u.id, &e);
	store_close(s);
	arena_release(&ar);
	if (rc)
		return cli_fail(&e);
	printf("%s %s group %lld\n", cli_opt(a, "user"), add ? "added to" : "removed from", (long long)id);
	return CLI_OK;
}

int cmd_group_member_add(const struct cli_args *a)
{
	return member(a, "group member add", 1);
}

int cmd_group_member_remove(const struct cli_args *a)
{
	return member(a, "group member remove", 0);
}
