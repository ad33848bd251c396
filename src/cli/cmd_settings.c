/* cmd_settings: isms settings list and isms settings set. */
#include <stdio.h>

#include "cli/cli.h"
#include "isms/settings.h"

int cmd_settings_list(const struct cli_args *a)
{
	struct store *s = cli_store(a, 0);
	if (!s)
		return CLI_FAIL;
	for (int i = 0; i < setting_count; i++) {
		const struct setting *d = &setting_table[i];
		char text[32];
		setting_text(d, settings_get(s, d->key), text, sizeof(text));
		printf("%s\t%s\t%s\n", d->key, text, d->label);
	}
	store_close(s);
	return CLI_OK;
}

int cmd_settings_set(const struct cli_args *a)
{
	const char *key = cli_opt(a, "key"), *value = cli_opt(a, "value");
	struct err e = ERR_INIT;
	struct store *s;
	int rc;
	if (!key || !value) {
		fprintf(stderr, "isms settings set: --key and --value are required (see isms settings list)\n");
		return CLI_USAGE;
	}
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	rc = settings_set(s, &cli_actor, key, value, &e);
	store_close(s);
	if (rc)
		return cli_fail(&e);
	printf("%s = %s\n", key, value);
	return CLI_OK;
}
