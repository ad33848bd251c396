/* cmd_acceptance: isms risk accept (an acceptance signed by a named user),
 * isms risk plan (the treatment plan as text) and isms housekeeping run
 * (the periodic jobs, once). */
#include <stdio.h>
#include <string.h>

#include "base/util.h"
#include "cli/cli.h"
#include "isms/acceptance.h"
#include "isms/housekeeping.h"
#include "isms/treatment.h"

int cmd_risk_accept(const struct cli_args *a)
{
	const char *idtext = cli_opt(a, "id"), *by = cli_opt(a, "by");
	struct arena ar = ARENA_INIT;
	struct err e = ERR_INIT;
	struct actor who;
	struct store *s;
	int64_t risk_id, id = 0;
	int rc;
	if (!idtext || parse_int64(idtext, &risk_id) || risk_id <= 0 || !by) {
		fprintf(stderr, "isms risk accept: --id (a risk id) and --by (the signer's e-mail) are required\n");
		return CLI_USAGE;
	}
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	rc = cli_actor_as(s, by, &ar, &who, &e);
	if (rc == 0)
		rc = acceptance_create(s, &who, risk_id, cli_opt(a, "rationale"), cli_opt(a, "expires"), &ar, &id, &e);
	store_close(s);
	arena_release(&ar);
	if (rc)
		return cli_fail(&e);
	printf("risk %lld accepted by %s until %s (acceptance %lld)\n", (long long)risk_id, by, cli_opt(a, "expires"),
	       (long long)id);
	return CLI_OK;
}

int cmd_risk_plan(const struct cli_args *a)
{
	struct arena ar = ARENA_INIT;
	struct err e = ERR_INIT;
	struct plan p;
	struct store *s = cli_store(a, 0);
	if (!s)
		return CLI_FAIL;
	if (treatment_plan(s, &cli_actor, &ar, &p, &e)) {
		store_close(s);
		arena_release(&ar);
		return cli_fail(&e);
	}
	printf("%d risks in treatment, %d actions: %d done, %d open, %d overdue (%d%% done)\n", p.nrisks, p.actions,
	       p.done, p.open, p.overdue, p.progress);
	for (int i = 0; i < p.nrisks; i++) {
		const struct plan_risk *pr = &p.risks[i];
		printf("risk %lld\t%s\t%s\t%d%% done\t%d overdue\n", (long long)pr->risk->id,
		       plan_value("risk", pr->risk, "title"), plan_value("risk", pr->risk, "treatment"), pr->progress,
		       pr->overdue);
		for (int k = 0; k < pr->n; k++) {
			const struct record *t = pr->actions[k].task;
			const char *owner = plan_title("task", t, "owner"), *due = plan_value("task", t, "due_date");
			printf("  task %lld\t%s\t%s\t%s\t%s%s\n", (long long)t->id, plan_value("task", t, "title"),
			       plan_value("task", t, "status"), owner ? owner : "-", due ? due : "-",
			       pr->actions[k].overdue ? "\tOVERDUE" : "");
		}
	}
	store_close(s);
	arena_release(&ar);
	return CLI_OK;
}

static void print_job(void *ctx, const struct housekeeping_job *job, int count, const struct err *e)
{
	(void)ctx;
	if (e->status)
		cli_fail(e);
	else
		printf("%s: %d %s\n", job->name, count, job->what);
}

int cmd_housekeeping_run(const struct cli_args *a)
{
	struct store *s = cli_store(a, 0);
	int rc;
	if (!s)
		return CLI_FAIL;
	rc = housekeeping_run(s, print_job, NULL);
	store_close(s);
	return rc ? CLI_FAIL : CLI_OK;
}
