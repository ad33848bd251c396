/* cmd_serve: isms serve. */
#include <stdio.h>

#include "base/util.h"
#include "cli/cli.h"
#include "http/http.h"

int cmd_serve(const struct cli_args *a)
{
	struct server_config cfg = { 0 };
	struct store *s;
	int64_t threads;
	int applied = 0;
	struct err e = ERR_INIT;

	if (parse_int64(cli_opt(a, "threads"), &threads) || threads < 0 || threads > 64) {
		fprintf(stderr, "isms serve: --threads must be a number from 0 to 64\n");
		return CLI_USAGE;
	}
	/* bring the schema up to date before serving, so an upgrade is one restart */
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	if (store_migrate(s, &applied, &e)) {
		store_close(s);
		return cli_fail(&e);
	}
	store_close(s);
	cfg.db_url = a->db;
	cfg.listen = cli_opt(a, "listen");
	cfg.threads = (int)threads;
	cfg.quiet = cli_opt(a, "quiet") != NULL;
	return server_run(&cfg);
}
