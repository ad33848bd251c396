/* cmd_risk_run: isms risk run create / list / show / compare, and isms risk
 * history — the register over time from the command line. show, compare
 * and history print the JSON of the API (isms/risk_run.c and
 * isms/risk_history.c write it for both). */
#include <stdio.h>

#include "base/util.h"
#include "cli/cli.h"
#include "isms/risk_history.h"
#include "isms/risk_run.h"

/* A positive id from option name, or a usage error (*ok 0). */
static int64_t id_opt(const struct cli_args *a, const char *cmd, const char *name, int *ok)
{
	const char *v = cli_opt(a, name);
	int64_t id = 0;
	if (!v || parse_int64(v, &id) || id <= 0) {
		fprintf(stderr, "isms %s: --%s must be %s\n", cmd, name,
			name[0] == 'i' && name[1] == 'd' ? "an id" : "the number of an assessment run");
		*ok = 0;
	}
	return id;
}

int cmd_risk_run_create(const struct cli_args *a)
{
	struct err e = ERR_INIT;
	struct store *s;
	int64_t id = 0;
	int rc;
	if (!cli_opt(a, "note")) {
		fprintf(stderr, "isms risk run create: --note is required\n");
		return CLI_USAGE;
	}
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	rc = risk_run_create(s, &cli_actor, cli_opt(a, "note"), &id, &e);
	store_close(s);
	if (rc)
		return cli_fail(&e);
	printf("assessment run %lld created\n", (long long)id);
	return CLI_OK;
}

int cmd_risk_run_list(const struct cli_args *a)
{
	struct arena ar = ARENA_INIT;
	struct risk_run *runs;
	struct err e = ERR_INIT;
	struct store *s;
	int64_t total;
	int n;
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	n = risk_run_list(s, RISK_RUN_LIST_MAX, 0, &ar, &runs, &total, &e);
	store_close(s);
	for (int i = 0; i < n; i++)
		printf("%lld\t%s\t%s\t%lld\t%s\n", (long long)runs[i].id, runs[i].created_at,
		       runs[i].created_by_name ? runs[i].created_by_name : "the system", (long long)runs[i].risk_count,
		       runs[i].note);
	arena_release(&ar);
	return n < 0 ? cli_fail(&e) : CLI_OK;
}

/* Reads one thing by id and writes its JSON into sb. */
typedef int (*json_of)(struct store *s, int64_t id, struct arena *a, struct strbuf *sb, struct err *e);

/* isms CMD --id N: prints what fn writes, or the error. */
static int print_json(const struct cli_args *a, const char *cmd, json_of fn)
{
	struct arena ar = ARENA_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct err e = ERR_INIT;
	struct store *s;
	int ok = 1, rc;
	int64_t id = id_opt(a, cmd, "id", &ok);
	if (!ok)
		return CLI_USAGE;
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	if ((rc = fn(s, id, &ar, &sb, &e)) == 0)
		printf("%s\n", sb.buf);
	store_close(s);
	sb_release(&sb);
	arena_release(&ar);
	return rc ? cli_fail(&e) : CLI_OK;
}

static int run_json(struct store *s, int64_t id, struct arena *a, struct strbuf *sb, struct err *e)
{
	struct risk_run_full r;
	if (risk_run_get(s, id, "run", a, &r, e))
		return -1;
	risk_run_full_to_json(&r, a, sb);
	return 0;
}

static int history_json(struct store *s, int64_t id, struct arena *a, struct strbuf *sb, struct err *e)
{
	struct risk_history h;
	if (risk_history_read(s, NULL, id, a, &h, e))
		return -1;
	risk_history_to_json(&h, sb);
	return 0;
}

int cmd_risk_run_show(const struct cli_args *a)
{
	return print_json(a, "risk run show", run_json);
}

int cmd_risk_history(const struct cli_args *a)
{
	return print_json(a, "risk history", history_json);
}

int cmd_risk_run_compare(const struct cli_args *a)
{
	struct arena ar = ARENA_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct risk_run_full from, to;
	struct run_diff d;
	struct err e = ERR_INIT;
	struct store *s;
	int ok = 1, rc = -1;
	int64_t f = id_opt(a, "risk run compare", "from", &ok), t = ok ? id_opt(a, "risk run compare", "to", &ok) : 0;
	if (!ok)
		return CLI_USAGE;
	if (f == t) {
		fprintf(stderr, "isms risk run compare: --from and --to must be two different runs\n");
		return CLI_USAGE;
	}
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	if (risk_run_get(s, f, "from", &ar, &from, &e) == 0 && risk_run_get(s, t, "to", &ar, &to, &e) == 0) {
		risk_run_compare(&from, &to, &ar, &d);
		risk_run_diff_to_json(&from, &to, &d, &sb);
		printf("%s\n", sb.buf);
		rc = 0;
	}
	store_close(s);
	sb_release(&sb);
	arena_release(&ar);
	return rc ? cli_fail(&e) : CLI_OK;
}
