/* cmd_training: awareness training from the command line — the courses
 * with their figures, a course's quiz from a JSON file, assignments, a
 * course's report and a person's training due (isms/training.h). Courses
 * themselves are added and changed by the generic record commands
 * (isms training add is isms record add --type course). */
#include <stdio.h>
#include <string.h>

#include "auth/account.h"
#include "base/timeutil.h"
#include "base/util.h"
#include "cli/cli.h"
#include "isms/record.h"
#include "isms/training.h"

static int course_id(const struct cli_args *a, const char *cmd, int64_t *id)
{
	const char *v = cli_opt(a, "id");
	if (!v || parse_int64(v, id) || *id <= 0) {
		fprintf(stderr, "isms %s: --id must be a course's id\n", cmd);
		return -1;
	}
	return 0;
}

static int as_actor(const struct cli_args *a, struct store *s, struct arena *ar, struct actor *who, struct err *e)
{
	if (!cli_opt(a, "as")) {
		*who = cli_actor;
		return 0;
	}
	return cli_actor_as(s, cli_opt(a, "as"), ar, who, e);
}

static void pct(double v)
{
	if (v < 0)
		printf("\t-");
	else
		printf("\t%.1f%%", v);
}

int cmd_training_list(const struct cli_args *a)
{
	const struct entity *ent = entity_by_name("course");
	struct arena ar = ARENA_INIT;
	struct list_query q;
	struct record_page page;
	struct err e = ERR_INIT;
	struct store *s;
	char day[16];
	int rc, title = entity_field_index(ent, "title"), status = entity_field_index(ent, "status");
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	time_today_plus_months(0, day);
	list_query_init(&q, ent);
	q.limit = LIST_MAX_LIMIT;
	rc = record_list(s, ent, &q, &ar, &page, &e);
	for (int i = 0; !rc && i < page.n; i++) {
		struct training_rates r;
		if ((rc = training_rates(s, page.items[i].id, 0, day, &r, &e)))
			break;
		printf("%lld\t%s\t%s\t%lld assigned\t%lld completed\t%lld overdue", (long long)page.items[i].id,
		       page.items[i].values[title], page.items[i].values[status], (long long)r.assigned,
		       (long long)r.completed, (long long)r.overdue);
		pct(training_completion_rate(&r));
		pct(training_pass_rate(&r));
		pct(training_average_score(&r));
		putchar('\n');
	}
	store_close(s);
	arena_release(&ar);
	return rc ? cli_fail(&e) : CLI_OK;
}

int cmd_training_quiz(const struct cli_args *a)
{
	struct arena ar = ARENA_INIT;
	struct err e = ERR_INIT;
	struct actor who;
	struct quiz q;
	struct store *s;
	json_t *body;
	int64_t id;
	int rc;
	if (course_id(a, "training quiz", &id))
		return CLI_USAGE;
	if (!(body = cli_load_json(cli_opt(a, "file"))))
		return CLI_USAGE;
	if (!(s = cli_store(a, 0))) {
		json_decref(body);
		return CLI_FAIL;
	}
	rc = training_quiz_from_json(body, &ar, &q, &e) || as_actor(a, s, &ar, &who, &e) ||
	     training_quiz_save(s, &who, id, &q, &e);
	json_decref(body);
	store_close(s);
	arena_release(&ar);
	if (rc)
		return cli_fail(&e);
	printf("course %lld: quiz of %d question%s saved\n", (long long)id, q.n, q.n == 1 ? "" : "s");
	return CLI_OK;
}

int cmd_training_assign(const struct cli_args *a)
{
	struct arena ar = ARENA_INIT;
	struct err e = ERR_INIT;
	struct training_assign_in in;
	struct actor who;
	struct user u;
	struct store *s;
	int64_t id, aid = 0;
	int rc;
	memset(&in, 0, sizeof(in));
	if (course_id(a, "training assign", &id))
		return CLI_USAGE;
	in.audience = cli_opt(a, "to");
	in.due_date = cli_opt(a, "due");
	if (cli_opt(a, "group") && (parse_int64(cli_opt(a, "group"), &in.group_id) || in.group_id <= 0)) {
		fprintf(stderr, "isms training assign: --group must be a group's id (isms group list)\n");
		return CLI_USAGE;
	}
	in.group_set = cli_opt(a, "group") != NULL;
	if (cli_opt(a, "due-days") && parse_int64(cli_opt(a, "due-days"), &in.due_days)) {
		fprintf(stderr, "isms training assign: --due-days must be a whole number\n");
		return CLI_USAGE;
	}
	in.due_days_set = cli_opt(a, "due-days") != NULL;
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	rc = as_actor(a, s, &ar, &who, &e);
	if (!rc && cli_opt(a, "user")) {
		rc = user_by_email(s, cli_opt(a, "user"), &ar, &u, &e);
		in.user_id = u.id;
		in.user_set = 1;
	}
	rc = rc || training_assign(s, &who, id, &in, &aid, &e);
	store_close(s);
	arena_release(&ar);
	if (rc)
		return cli_fail(&e);
	printf("course %lld: assignment %lld added\n", (long long)id, (long long)aid);
	return CLI_OK;
}

int cmd_training_report(const struct cli_args *a)
{
	struct arena ar = ARENA_INIT;
	struct err e = ERR_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct record r;
	struct training_rates rates;
	struct training_status *t = NULL;
	struct store *s;
	char day[16];
	int64_t id;
	int rc, n = 0, json = streq(cli_opt(a, "format"), "json");
	if (course_id(a, "training report", &id))
		return CLI_USAGE;
	if (!json && !streq(cli_opt(a, "format"), "table")) {
		fprintf(stderr, "isms training report: --format is table or json\n");
		return CLI_USAGE;
	}
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	time_today_plus_months(0, day);
	rc = record_get(s, entity_by_name("course"), id, &ar, &r, &e) ||
	     (json ? training_report_json(s, &r, day, &ar, &sb, &e)
		   : training_rates(s, id, 0, day, &rates, &e) || training_statuses(s, id, 0, day, &ar, &t, &n, &e));
	store_close(s);
	if (!rc && json) {
		fwrite(sb.buf, 1, sb.len, stdout);
		putchar('\n');
	} else if (!rc) {
		printf("%lld assigned\t%lld completed\t%lld overdue\t%lld attempts\t%lld passed", (long long)rates.assigned,
		       (long long)rates.completed, (long long)rates.overdue, (long long)rates.attempts,
		       (long long)rates.passed);
		pct(training_completion_rate(&rates));
		pct(training_pass_rate(&rates));
		pct(training_average_score(&rates));
		putchar('\n');
		for (int i = 0; i < n; i++)
			printf("%s\t%s\t%s\t%s\t%d attempts\n", t[i].user_email, training_state_name(t[i].state),
			       t[i].due_date ? t[i].due_date : "-", t[i].passed_at ? t[i].passed_at : "-", t[i].attempts);
	}
	sb_release(&sb);
	arena_release(&ar);
	return rc ? cli_fail(&e) : CLI_OK;
}

int cmd_training_due(const struct cli_args *a)
{
	struct arena ar = ARENA_INIT;
	struct err e = ERR_INIT;
	struct training_status *t = NULL;
	struct user u;
	struct store *s;
	char day[16];
	int rc, n = 0;
	if (!cli_opt(a, "user")) {
		fprintf(stderr, "isms training due: --user EMAIL is required\n");
		return CLI_USAGE;
	}
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	time_today_plus_months(0, day);
	rc = user_by_email(s, cli_opt(a, "user"), &ar, &u, &e) || training_due(s, u.id, day, &ar, &t, &n, &e);
	store_close(s);
	for (int i = 0; !rc && i < n; i++)
		printf("%lld\t%s\t%s\t%s\n", (long long)t[i].course_id, t[i].course_title, training_state_name(t[i].state),
		       t[i].due_date ? t[i].due_date : "-");
	arena_release(&ar);
	return rc ? cli_fail(&e) : CLI_OK;
}
