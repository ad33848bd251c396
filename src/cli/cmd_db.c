/* cmd_db: isms init and isms db migrate. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "auth/account.h"
#include "auth/secret.h"
#include "cli/cli.h"
#include "base/util.h"
#include "store/store.h"

int cli_fail(const struct err *e)
{
	fprintf(stderr, "isms: %s\n", e->message[0] ? e->message : "failed");
	for (int i = 0; i < e->nfields; i++)
		fprintf(stderr, "  %s: %s\n", e->fields[i].field, e->fields[i].message);
	return CLI_FAIL;
}

struct store *cli_store(const struct cli_args *a, int create)
{
	struct store *s = NULL;
	struct err e = ERR_INIT;
	int version = 0;
	if (store_open(&s, a->db, create, &e)) {
		cli_fail(&e);
		return NULL;
	}
	if (!create) {
		if (store_schema_version(s, &version, &e)) {
			cli_fail(&e);
			store_close(s);
			return NULL;
		}
		if (version == 0) {
			fprintf(stderr, "isms: %s has no isms schema; run 'isms init --db %s'\n", a->db, a->db);
			store_close(s);
			return NULL;
		}
	}
	return s;
}

/* mkdir -p of the folder that will hold the database file */
static int make_parent(const char *path)
{
	char dir[4096];
	char *slash;
	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return 0;
	*slash = '\0';
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0750) && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(dir, 0750) && errno != EEXIST ? -1 : 0;
}

int cmd_init(const struct cli_args *a)
{
	struct store *s;
	struct err e = ERR_INIT;
	struct actor system = { 0, ROLE_ADMIN, "system", "isms init" };
	const char *email = cli_opt(a, "admin-email");
	const char *name = cli_opt(a, "admin-name");
	const char *password = getenv("ISMS_ADMIN_PASSWORD");
	char generated[32];
	int applied = 0, version = 0, rc = CLI_FAIL;
	int64_t id;

	if (strcmp(store_engine_of(a->db), "sqlite") == 0 && make_parent(a->db)) {
		fprintf(stderr, "isms: cannot create the folder of %s: %s\n", a->db, strerror(errno));
		return CLI_FAIL;
	}
	if (!(s = cli_store(a, 1)))
		return CLI_FAIL;
	if (store_schema_version(s, &version, &e))
		goto fail;
	if (version > 0) {
		fprintf(stderr, "isms: %s already exists and is initialised; use 'isms db migrate' to upgrade it\n",
			a->db);
		goto out;
	}
	if (store_migrate(s, &applied, &e) || store_schema_version(s, &version, &e))
		goto fail;
	if (!password || !*password) {
		password_generate(generated);
		password = generated;
	}
	if (user_create(s, &system, email, name, ROLE_ADMIN, password, password == generated, &id, &e))
		goto fail;
	printf("Created %s (schema version %d).\n", a->db, version);
	printf("First administrator: %s\n", email);
	if (password == generated)
		printf("One-time password:   %s\n(shown once; you will choose your own at first login)\n", generated);
	else
		printf("Password: from ISMS_ADMIN_PASSWORD\n");
	rc = CLI_OK;
	goto out;
fail:
	cli_fail(&e);
out:
	store_close(s);
	return rc;
}

int cmd_db_migrate(const struct cli_args *a)
{
	struct store *s;
	struct err e = ERR_INIT;
	const char *to = cli_opt(a, "to");
	int applied = 0, version = 0, rc = CLI_OK;
	int64_t upto = INT_MAX;
	if (to && (parse_int64(to, &upto) || upto < 1 || upto > INT_MAX)) {
		fprintf(stderr, "isms: --to must be a migration number, e.g. 5\n");
		return CLI_USAGE;
	}
	/* --to also builds an older schema in a new, empty database */
	if (!(s = cli_store(a, to != NULL)))
		return CLI_FAIL;
	if (store_migrate_to(s, (int)upto, &applied, &e) || store_schema_version(s, &version, &e))
		rc = cli_fail(&e);
	else if (applied)
		printf("Applied %d migration%s; %s is at schema version %d.\n", applied, applied == 1 ? "" : "s",
		       a->db, version);
	else
		printf("%s is up to date (schema version %d).\n", a->db, version);
	store_close(s);
	return rc;
}
