/* cmd_bench: isms bench seed — fills a new database with the deterministic
 * organisation the benchmarks (bench/run.sh) measure. */
#include <stdio.h>

#include "cli/cli.h"
#include "isms/seed.h"

int cmd_bench_seed(const struct cli_args *a)
{
	const char *name = cli_opt(a, "size");
	const struct seed_size *z = seed_size_by_name(name);
	struct err e = ERR_INIT;
	struct store *s;
	int rc;
	if (!z) {
		fprintf(stderr, "isms bench seed: --size must be %s, not '%s'\n", seed_size_names(), name);
		return CLI_USAGE;
	}
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	rc = seed_run(s, z, stdout, &e);
	store_close(s);
	return rc ? cli_fail(&e) : CLI_OK;
}
