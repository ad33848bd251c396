/* cmd_framework: frameworks from the command line — the built-in library
 * and installing from it, the installed frameworks with how complete each
 * is, one framework's requirements with their gap status (JSON of the API),
 * one requirement, recording an assessment (isms gap set), and linking
 * controls to requirements (isms control link / unlink / requirements). */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "api/api.h"
#include "base/util.h"
#include "cli/cli.h"
#include "isms/framework_library.h"
#include "isms/gap.h"
#include "isms/requirement_link.h"

static int64_t positive(const struct cli_args *a, const char *cmd, const char *name, int *ok)
{
	const char *v = cli_opt(a, name);
	int64_t id = 0;
	if (!v || parse_int64(v, &id) || id <= 0) {
		fprintf(stderr, "isms %s: --%s must be an id\n", cmd, name);
		*ok = 0;
	}
	return id;
}

/* The command's actor: the system, or --as EMAIL. */
static int actor_of(const struct cli_args *a, struct store *s, struct arena *ar, struct actor *who, struct err *e)
{
	const char *as = cli_opt(a, "as");
	if (!as) {
		*who = cli_actor;
		return 0;
	}
	return cli_actor_as(s, as, ar, who, e);
}

/* The requirement named by --requirement N, or by --framework F --ref REF. */
static int requirement_of(const struct cli_args *a, const char *cmd, struct store *s, struct arena *ar,
			  int64_t *id, struct err *e, int *usage)
{
	struct requirement r;
	int ok = 1;
	if (cli_opt(a, "requirement")) {
		*id = positive(a, cmd, "requirement", &ok);
		*usage = !ok;
		return ok ? 0 : -1;
	}
	if (!cli_opt(a, "framework") || !cli_opt(a, "ref")) {
		fprintf(stderr, "isms %s: name the requirement with --requirement N, or --framework N --ref REF\n", cmd);
		*usage = 1;
		return -1;
	}
	int64_t fw = positive(a, cmd, "framework", &ok);
	if (!ok) {
		*usage = 1;
		return -1;
	}
	if (requirement_by_ref(s, fw, cli_opt(a, "ref"), ar, &r, e))
		return -1;
	*id = r.id;
	return 0;
}

int cmd_framework_library(const struct cli_args *a)
{
	struct arena ar = ARENA_INIT;
	struct fw_library_item *items;
	struct err e = ERR_INIT;
	struct store *s;
	int n, rc;
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	rc = framework_library(s, &ar, &items, &n, &e);
	store_close(s);
	for (int i = 0; !rc && i < n; i++)
		printf("%s\t%s\t%s\t%s\n", items[i].builtin->key,
		       items[i].builtin->kind == FW_BUILTIN_FRAMEWORK ? "framework" : "mapping",
		       items[i].installed ? "installed" : "available", items[i].builtin->title);
	arena_release(&ar);
	return rc ? cli_fail(&e) : CLI_OK;
}

static void progress(void *ctx, const char *what, long done, long total)
{
	(void)ctx;
	fprintf(stderr, "\r%s: %ld of %ld", what, done, total);
	if (done == total)
		fputc('\n', stderr);
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void print_import(const struct fw_import_result *res, const struct timespec *t0)
{
	printf("imported %d framework%s, %d requirement%s, %d mapping%s in %.0f ms", res->frameworks,
	       res->frameworks == 1 ? "" : "s", res->requirements, res->requirements == 1 ? "" : "s", res->mappings,
	       res->mappings == 1 ? "" : "s", seconds_since(t0) * 1000);
	if (res->first_framework_id)
		printf(" (framework id %lld)", (long long)res->first_framework_id);
	putchar('\n');
}

int cmd_framework_install(const struct cli_args *a)
{
	struct arena ar = ARENA_INIT;
	struct fw_import_result res;
	struct err e = ERR_INIT;
	struct actor who;
	struct store *s;
	struct timespec t0;
	int rc;
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = actor_of(a, s, &ar, &who, &e) ||
	     framework_install(s, &who, a->operand, &res, isatty(2) ? progress : NULL, NULL, &e);
	store_close(s);
	arena_release(&ar);
	if (rc)
		return cli_fail(&e);
	print_import(&res, &t0);
	return CLI_OK;
}

int cmd_framework_list(const struct cli_args *a)
{
	struct arena ar = ARENA_INIT;
	struct framework *fws;
	struct err e = ERR_INIT;
	struct store *s;
	int n, rc;
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	rc = framework_list(s, &ar, &fws, &n, &e);
	for (int i = 0; !rc && i < n; i++) {
		struct gap_report g;
		if ((rc = gap_report_read(s, fws[i].id, &ar, &g, &e)))
			break;
		printf("%lld\t%s\t%lld requirements\t%.1f%% complete\t%s\n", (long long)fws[i].id, fws[i].ref_id,
		       (long long)fws[i].requirement_count, g.overall.percent, fws[i].name);
	}
	store_close(s);
	arena_release(&ar);
	return rc ? cli_fail(&e) : CLI_OK;
}

int cmd_framework_show(const struct cli_args *a)
{
	struct arena ar = ARENA_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct gap_report g;
	struct err e = ERR_INIT;
	struct store *s;
	int ok = 1, rc;
	int64_t id = positive(a, "framework show", "id", &ok);
	if (!ok)
		return CLI_USAGE;
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	if (!(rc = gap_report_read(s, id, &ar, &g, &e))) {
		gap_report_to_json(&g, &sb);
		printf("%s\n", sb.buf);
	}
	store_close(s);
	sb_release(&sb);
	arena_release(&ar);
	return rc ? cli_fail(&e) : CLI_OK;
}

int cmd_framework_requirement(const struct cli_args *a)
{
	struct arena ar = ARENA_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct err e = ERR_INIT;
	struct store *s;
	int64_t id = 0;
	int usage = 0, rc;
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	rc = requirement_of(a, "framework requirement", s, &ar, &id, &e, &usage) ||
	     api_requirement_json(s, id, &ar, &sb, &e);
	if (!rc)
		printf("%s\n", sb.buf);
	store_close(s);
	sb_release(&sb);
	arena_release(&ar);
	return usage ? CLI_USAGE : rc ? cli_fail(&e) : CLI_OK;
}

int cmd_gap_set(const struct cli_args *a)
{
	struct arena ar = ARENA_INIT;
	struct err e = ERR_INIT;
	struct actor who;
	struct store *s;
	int64_t id = 0;
	int usage = 0, rc;
	if (!cli_opt(a, "status")) {
		fprintf(stderr, "isms gap set: --status is required (not_assessed, not_met, partial, met, "
				"not_applicable)\n");
		return CLI_USAGE;
	}
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	rc = requirement_of(a, "gap set", s, &ar, &id, &e, &usage) || actor_of(a, s, &ar, &who, &e) ||
	     gap_assess(s, &who, id, 0, cli_opt(a, "status"), cli_opt(a, "evidence"), cli_opt(a, "notes"), &ar, &e);
	store_close(s);
	arena_release(&ar);
	if (usage)
		return CLI_USAGE;
	if (rc)
		return cli_fail(&e);
	printf("requirement %lld assessed: %s\n", (long long)id, cli_opt(a, "status"));
	return CLI_OK;
}

static int control_link(const struct cli_args *a, const char *cmd, int add)
{
	struct arena ar = ARENA_INIT;
	struct err e = ERR_INIT;
	struct actor who;
	struct store *s;
	int64_t req = 0, control;
	int ok = 1, usage = 0, rc;
	control = positive(a, cmd, "id", &ok);
	if (!ok)
		return CLI_USAGE;
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	rc = requirement_of(a, cmd, s, &ar, &req, &e, &usage) || actor_of(a, s, &ar, &who, &e) ||
	     (add ? requirement_link_add(s, &who, control, req, &ar, &e)
		  : requirement_link_remove(s, &who, control, req, &ar, &e));
	store_close(s);
	arena_release(&ar);
	if (usage)
		return CLI_USAGE;
	if (rc)
		return cli_fail(&e);
	printf("control %lld %s requirement %lld\n", (long long)control, add ? "linked to" : "unlinked from",
	       (long long)req);
	return CLI_OK;
}

int cmd_control_link(const struct cli_args *a)
{
	return control_link(a, "control link", 1);
}

int cmd_control_unlink(const struct cli_args *a)
{
	return control_link(a, "control unlink", 0);
}

int cmd_control_requirements(const struct cli_args *a)
{
	struct arena ar = ARENA_INIT;
	struct control_req *r;
	struct err e = ERR_INIT;
	struct store *s;
	int ok = 1, n, rc;
	int64_t id = positive(a, "control requirements", "id", &ok);
	if (!ok)
		return CLI_USAGE;
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	rc = control_requirements(s, id, &ar, &r, &n, &e);
	store_close(s);
	for (int i = 0; !rc && i < n; i++)
		printf("%lld\t%s\t%s\t%s\n", (long long)r[i].id, r[i].framework, r[i].ref_id ? r[i].ref_id : "",
		       r[i].title);
	arena_release(&ar);
	return rc ? cli_fail(&e) : CLI_OK;
}
