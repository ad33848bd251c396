/* isms: one binary — CLI, web UI and JSON API. See cli/cli.c for commands. */
#include <stdio.h>

#include "auth/secret.h"
#include "cli/cli.h"

int main(int argc, char **argv)
{
	if (secret_init()) {
		fprintf(stderr, "isms: libsodium could not start\n");
		return 1;
	}
	return cli_main(argc, argv);
}
