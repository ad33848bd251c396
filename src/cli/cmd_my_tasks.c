/* cmd_my_tasks: `isms task list` — with --mine, everything one person owes
 * (isms/my_tasks.h: the list of GET /api/v1/me/tasks and the /my-tasks
 * page) for the user of --as or --user; without it, the generic list of
 * tasks (cmd_record_list). */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/strbuf.h"
#include "cli/cli.h"
#include "isms/my_tasks.h"
#include "store/store.h"

static int print_mine(const struct cli_args *a, const char *email)
{
	const char *format = cli_opt(a, "format");
	struct arena ar = ARENA_INIT;
	struct err e = ERR_INIT;
	struct actor who;
	struct my_tasks l;
	struct store *s;
	int json = format && strcmp(format, "json") == 0, rc = CLI_OK;

	if (format && !json && strcmp(format, "table") != 0) {
		fprintf(stderr, "isms task list: --format must be table or json.\n");
		return CLI_USAGE;
	}
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	if (cli_actor_as(s, email, &ar, &who, &e) || my_tasks_list(s, &who, &ar, &l, &e)) {
		rc = cli_fail(&e);
	} else if (json) {
		struct strbuf sb = STRBUF_INIT;
		my_tasks_json(&l, &sb);
		printf("%s\n", sb.buf);
		sb_release(&sb);
	} else {
		for (int i = 0; i < l.n; i++) {
			const struct my_task *t = &l.items[i];
			printf("%s\t%s\t%s\t%s #%lld\t%s\t%s\n", t->due ? t->due : "-", t->overdue ? "OVERDUE" : "-",
			       t->source->kind, t->record_type, (long long)t->record_id, t->title, t->detail);
		}
		printf("%d item%s owed by %s, %d overdue\n", l.n, l.n == 1 ? "" : "s", who.email, l.overdue);
	}
	store_close(s);
	arena_release(&ar);
	return rc;
}

int cmd_task_list(const struct cli_args *a)
{
	const char *as = cli_opt(a, "as"), *user = cli_opt(a, "user");
	if (!cli_opt(a, "mine")) {
		if (user) {
			fprintf(stderr, "isms task list: --user goes with --mine.\n");
			return CLI_USAGE;
		}
		return cmd_record_list(a);
	}
	if (cli_opt(a, "query")) {
		fprintf(stderr, "isms task list: --mine takes no --query: it lists everything owed.\n");
		return CLI_USAGE;
	}
	if (as && user && strcmp(as, user) != 0) {
		fprintf(stderr, "isms task list: --as and --user name different users; give one.\n");
		return CLI_USAGE;
	}
	if (!as && !user) {
		fprintf(stderr, "isms task list: --mine needs --as EMAIL or --user EMAIL: whose tasks?\n");
		return CLI_USAGE;
	}
	return print_mine(a, as ? as : user);
}
