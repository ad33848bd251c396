/* cmd_user: isms user add, list, set-role, disable, enable, reset-password,
 * reset-mfa, and isms token create. */
#include <stdio.h>
#include <stdlib.h>

#include "auth/mfa.h"
#include "auth/token.h"
#include "base/util.h"
#include "cli/cli.h"

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
	struct api_token info;
	struct store *s;
	struct user u;
	struct err e = ERR_INIT;
	int64_t days;
	int rc = CLI_FAIL;

	if (!email) {
		fprintf(stderr, "isms token create: --user EMAIL is required\n");
		return CLI_USAGE;
	}
	if (parse_int64(cli_opt(a, "days"), &days) || days < 0 || days > TOKEN_DAYS_MAX) {
		fprintf(stderr, "isms token create: --days must be a number from 0 to %d\n", TOKEN_DAYS_MAX);
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
	} else if (token_create(s, &cli_actor, u.id, name, days, &arena, &info, token, &e)) {
		cli_fail(&e);
	} else {
		printf("%s\n", token);
		rc = CLI_OK;
	}
	store_close(s);
	arena_release(&arena);
	return rc;
}

int cmd_user_list(const struct cli_args *a)
{
	struct arena arena = ARENA_INIT;
	struct store *s;
	struct user *users;
	struct err e = ERR_INIT;
	int n;
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	n = user_list(s, NULL, &arena, &users, &e);
	store_close(s);
	if (n < 0) {
		arena_release(&arena);
		return cli_fail(&e);
	}
	printf("id\temail\tname\trole\tstate\n");
	for (int i = 0; i < n; i++)
		printf("%lld\t%s\t%s\t%s\t%s\n", (long long)users[i].id, users[i].email, users[i].name,
		       role_name(users[i].role),
		       users[i].disabled ? "disabled" : users[i].must_change_password ? "must-change-password" : "active");
	arena_release(&arena);
	return CLI_OK;
}

/* Finds the user named by --email; prints the error and returns -1. */
static int find_user(struct store *s, const struct cli_args *a, struct arena *arena, struct user *u)
{
	const char *email = cli_opt(a, "email");
	struct err e = ERR_INIT;
	if (user_by_email(s, email, arena, u, &e)) {
		if (e.status == 404)
			err_set(&e, 404, "not_found", "No user with e-mail %s.", email);
		cli_fail(&e);
		return -1;
	}
	return 0;
}

/* Runs act on the user named by --email (a usage error without it),
 * around opening and closing the database. act prints what it did and
 * returns the exit code. */
static int on_user(const struct cli_args *a, const char *command,
		   int (*act)(struct store *s, const struct user *u, const void *ctx), const void *ctx)
{
	struct arena arena = ARENA_INIT;
	struct store *s;
	struct user u;
	int rc = CLI_FAIL;
	if (!cli_opt(a, "email")) {
		fprintf(stderr, "isms user %s: --email is required\n", command);
		return CLI_USAGE;
	}
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	if (find_user(s, a, &arena, &u) == 0)
		rc = act(s, &u, ctx);
	store_close(s);
	arena_release(&arena);
	return rc;
}

static int set_disabled(struct store *s, const struct user *u, const void *ctx)
{
	int disabled = *(const int *)ctx;
	struct err e = ERR_INIT;
	if (user_set_disabled(s, &cli_actor, u->id, disabled, &e))
		return cli_fail(&e);
	printf("%s %s%s\n", u->email, disabled ? "disabled" : "enabled",
	       disabled ? "; its sessions and API tokens no longer work" : "");
	return CLI_OK;
}

int cmd_user_disable(const struct cli_args *a)
{
	static const int disabled = 1;
	return on_user(a, "disable", set_disabled, &disabled);
}

int cmd_user_enable(const struct cli_args *a)
{
	static const int disabled = 0;
	return on_user(a, "enable", set_disabled, &disabled);
}

static int reset_password(struct store *s, const struct user *u, const void *ctx)
{
	char generated[32];
	struct err e = ERR_INIT;
	(void)ctx;
	if (user_reset_password(s, &cli_actor, u->id, generated, &e))
		return cli_fail(&e);
	printf("One-time password for %s: %s\n(to be changed at next login; other sessions ended)\n", u->email,
	       generated);
	return CLI_OK;
}

int cmd_user_reset_password(const struct cli_args *a)
{
	return on_user(a, "reset-password", reset_password, NULL);
}

static int reset_mfa(struct store *s, const struct user *u, const void *ctx)
{
	struct err e = ERR_INIT;
	(void)ctx;
	if (mfa_reset(s, &cli_actor, u->id, &e))
		return cli_fail(&e);
	printf("Two-factor authentication of %s reset: the next login needs only the password\n", u->email);
	return CLI_OK;
}

int cmd_user_reset_mfa(const struct cli_args *a)
{
	return on_user(a, "reset-mfa", reset_mfa, NULL);
}

static int set_role(struct store *s, const struct user *u, const void *ctx)
{
	struct user_change c = USER_CHANGE_INIT;
	struct err e = ERR_INIT;
	c.set_role = 1;
	c.role = *(const enum role *)ctx;
	if (user_update(s, &cli_actor, u->id, &c, &e))
		return cli_fail(&e);
	printf("%s: %s -> %s\n", u->email, role_name(u->role), role_name(c.role));
	return CLI_OK;
}

int cmd_user_set_role(const struct cli_args *a)
{
	const char *role_s = cli_opt(a, "role");
	enum role role;
	if (!role_s) {
		fprintf(stderr, "isms user set-role: --email and --role are required\n");
		return CLI_USAGE;
	}
	if (role_parse(role_s, &role)) {
		fprintf(stderr, "isms user set-role: unknown role '%s'; use employee, auditor, owner, isms_manager or "
			"admin\n", role_s);
		return CLI_USAGE;
	}
	return on_user(a, "set-role", set_role, &role);
}
