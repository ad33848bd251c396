/* cmd_risk: isms risk method show and isms risk method set. */
#include <stdio.h>
#include <string.h>

#include "base/util.h"
#include "cli/cli.h"
#include "isms/risk_method.h"

static const char *const version_keys[] = { "id", "created_at", "created_by", "created_by_name", NULL };

int cmd_risk_method_show(const struct cli_args *a)
{
	const char *v = cli_opt(a, "version");
	struct arena ar = ARENA_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct risk_method m;
	struct err e = ERR_INIT;
	struct store *s;
	int64_t id = 0;
	int rc;
	if (v && (parse_int64(v, &id) || id <= 0)) {
		fprintf(stderr, "isms risk method show: --version must be a version number\n");
		return CLI_USAGE;
	}
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	rc = id ? risk_method_get(s, id, &ar, &m, &e) : risk_method_current(s, &ar, &m, &e);
	store_close(s);
	if (rc == 0) {
		risk_method_to_json(&m, &sb);
		printf("%s\n", sb.buf);
	}
	sb_release(&sb);
	arena_release(&ar);
	return rc ? cli_fail(&e) : CLI_OK;
}

int cmd_risk_method_set(const struct cli_args *a)
{
	const char *path = cli_opt(a, "file");
	struct arena ar = ARENA_INIT;
	struct risk_method m;
	struct err e = ERR_INIT;
	struct store *s = NULL;
	json_t *body;
	int64_t id = 0;
	int rc = -1;
	if (!path) {
		fprintf(stderr, "isms risk method set: --file is required\n");
		return CLI_USAGE;
	}
	if (!(body = cli_load_json(path)))
		return CLI_FAIL;
	if (json_is_object(body)) /* what 'show' prints describes its version: not part of a new one */
		for (const char *const *k = version_keys; *k; k++)
			json_object_del(body, *k);
	if (risk_method_parse(body, &ar, &m, &e) == 0 && (s = cli_store(a, 0)) &&
	    (rc = risk_method_save(s, &cli_actor, &m, &id, &e)) == 0)
		printf("risk method version %lld saved\n", (long long)id);
	json_decref(body);
	if (s)
		store_close(s);
	arena_release(&ar);
	if (rc && !e.status)
		return CLI_FAIL; /* cli_store printed why */
	return rc ? cli_fail(&e) : CLI_OK;
}
