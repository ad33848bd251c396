/* cmd_kpi: `isms kpi measure|record|status` — a computed KPI measured now,
 * a measurement entered by hand, every KPI's status (isms/kpi.h, as
 * POST /api/v1/kpis/{id}/measure, POST .../measurements and GET
 * /api/v1/kpis/status). `isms kpi list` is the generic record list. */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/strbuf.h"
#include "base/util.h"
#include "cli/cli.h"
#include "isms/kpi.h"
#include "store/store.h"

/* The --id option as a KPI id; 0 after saying why. */
static int64_t kpi_id(const struct cli_args *a, const char *cmd)
{
	int64_t id;
	if (parse_int64(cli_opt(a, "id") ? cli_opt(a, "id") : "", &id) || id <= 0) {
		fprintf(stderr, "isms kpi %s: --id N is required: the KPI's id.\n", cmd);
		return 0;
	}
	return id;
}

static void print_measurement(const struct kpi_measurement *m)
{
	printf("%s\t%s\t%s\t%s\t%s\n", m->period, m->measured_on, m->value_text, m->source, m->note ? m->note : "");
}

/* Runs the change as --as, then prints the measurement made. */
static int change(const struct cli_args *a, const char *cmd, int measure)
{
	struct arena ar = ARENA_INIT;
	struct err e = ERR_INIT;
	struct kpi_measurement *list = NULL;
	struct actor who;
	struct store *s;
	int64_t id = kpi_id(a, cmd), mid = 0;
	int n = 0, rc;
	if (!id)
		return CLI_USAGE;
	if (!measure && !cli_opt(a, "value")) {
		fprintf(stderr, "isms kpi record: --value V is required: the value measured.\n");
		return CLI_USAGE;
	}
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	rc = cli_actor_as(s, cli_opt(a, "as"), &ar, &who, &e) ||
	     (measure ? kpi_measure(s, &who, id, &ar, &mid, &e)
		      : kpi_record(s, &who, id, cli_opt(a, "date"), cli_opt(a, "value"), cli_opt(a, "note"), &ar, &mid, &e)) ||
	     kpi_measurements(s, &who, id, &ar, &list, &n, &e);
	store_close(s);
	for (int i = 0; !rc && i < n; i++)
		if (list[i].id == mid)
			print_measurement(&list[i]);
	arena_release(&ar);
	return rc ? cli_fail(&e) : CLI_OK;
}

int cmd_kpi_measure(const struct cli_args *a)
{
	return change(a, "measure", 1);
}

int cmd_kpi_record(const struct cli_args *a)
{
	return change(a, "record", 0);
}

int cmd_kpi_status(const struct cli_args *a)
{
	const char *format = cli_opt(a, "format");
	struct arena ar = ARENA_INIT;
	struct err e = ERR_INIT;
	struct kpi_status *list = NULL;
	struct kpi_status_counts c;
	struct store *s;
	int64_t objective = 0;
	int n = 0, rc, json = streq(format, "json");
	if (format && !json && !streq(format, "table")) {
		fprintf(stderr, "isms kpi status: --format must be table or json.\n");
		return CLI_USAGE;
	}
	if (cli_opt(a, "objective") && (parse_int64(cli_opt(a, "objective"), &objective) || objective <= 0)) {
		fprintf(stderr, "isms kpi status: --objective takes the id of an objective.\n");
		return CLI_USAGE;
	}
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	rc = kpi_status_all(s, NULL, objective, &ar, &list, &n, &c, &e);
	store_close(s);
	if (!rc && json) {
		struct strbuf sb = STRBUF_INIT;
		kpi_status_list_json(list, n, &c, &sb);
		printf("%s\n", sb.buf);
		sb_release(&sb);
	} else if (!rc) {
		const struct entity *ent = entity_by_name("kpi");
		for (int i = 0; i < n; i++) {
			const struct record *r = &list[i].kpi;
			printf("%lld\t%s\t%s\t%s\t%s\t%s\n", (long long)r->id, kpi_state_key(list[i].state),
			       list[i].has_latest ? list[i].latest.value_text : "-",
			       r->values[entity_field_index(ent, "target")], r->values[entity_field_index(ent, "unit")],
			       r->values[entity_field_index(ent, "title")]);
		}
		printf("%d KPI%s: %d on target, %d warning, %d critical, %d without data\n", n, n == 1 ? "" : "s",
		       c.on_target, c.warning, c.critical, c.no_data);
	}
	arena_release(&ar);
	return rc ? cli_fail(&e) : CLI_OK;
}
