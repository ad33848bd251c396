/* cmd_user: isms user add and isms token create. */
#include <stdio.h>
#include <stdlib.h>

#include "auth/session.h"
#include "base/util.h"
#include "cli/cli.h"

static const struct actor cli_actor = { 0, ROLE_ADMIN, "cli", "isms cli" };

int cmd_user_add(const struct cli_args *a)
{
	const char *email = cli_opt(a, "email"), *name = cli_opt(a, "name"), *role_s = cli_opt(a, "role");
	const char *password = getenv("ISMS_PASSWORD");
	char generated[32];
	enum role role;
	struct store *s;
	struct err e = ERR_INIT;
	int64_t id;
	int rc;

	if (!email || !name) {
		fprintf(stderr, "isms user add: --email and --name are required (see --help)\n");
		return CLI_USAGE;
	}
	if (role_parse(role_s, &role)) {
		fprintf(stderr, "isms user add: unknown role '%s'; use employee, auditor, owner, isms_manager or admin\n",
			role_s);
		return CLI_USAGE;
	}
	if (!password || !*password) {
		password_generate(generated);
		password = generated;
	}
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	rc = user_create(s, &cli_actor, email, name, role, password, password == generated, &id, &e);
	store_close(s);
	if (rc)
		return cli_fail(&e);
	printf("Added user %lld: %s (%s)\n", (long long)id, email, role_name(role));
	if (password == generated)
		printf("One-time password: %s\n", generated);
	return CLI_OK;
}

int cmd_token_create(const struct cli_args *a)
{
	const char *email = cli_opt(a, "user"), *name = cli_opt(a, "name");
	char token[TOKEN_MAX];
	struct arena arena = ARENA_INIT;
	struct store *s;
	struct user u;
	struct err e = ERR_INIT;
	int64_t days;
	int rc = CLI_FAIL;

	if (!email) {
		fprintf(stderr, "isms token create: --user EMAIL is required\n");
		return CLI_USAGE;
	}
	if (parse_int64(cli_opt(a, "days"), &days) || days < 0 || days > 3650) {
		fprintf(stderr, "isms token create: --days must be a number from 0 to 3650\n");
		return CLI_USAGE;
	}
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	if (user_by_email(s, email, &arena, &u, &e)) {
		if (e.status == 404)
			err_set(&e, 404, "not_found", "No user with e-mail %s.", email);
		cli_fail(&e);
	} else if (u.disabled) {
		fprintf(stderr, "isms: user %s is disabled\n", email);
	} else if (token_create(s, &cli_actor, u.id, name, (int)days, token, &e)) {
		cli_fail(&e);
	} else {
		printf("%s\n", token);
		rc = CLI_OK;
	}
	store_close(s);
	arena_release(&arena);
	return rc;
}
