/* cmd_soa: the Statement of Applicability from the command line — isms soa
 * show (JSON or CSV of the API), set (one row, by the framework and the
 * requirement's reference), approve, versions, compare. Every change goes
 * through isms/soa.h with its checks and audit entry, as the system or as
 * the user of --as. */
#include <stdio.h>
#include <string.h>

#include "base/util.h"
#include "cli/cli.h"
#include "isms/soa.h"

/* --framework N, or a usage error. */
static int framework_opt(const struct cli_args *a, const char *cmd, int64_t *id)
{
	const char *v = cli_opt(a, "framework");
	if (!v || parse_int64(v, id) || *id <= 0) {
		fprintf(stderr, "isms %s: --framework must be a framework's id (see 'isms framework list')\n", cmd);
		return -1;
	}
	return 0;
}

/* What every command starts with: the framework, the database, the arena. */
struct soa_cmd {
	const char *name;
	int64_t fw;
	struct store *s;
	struct arena ar;
	struct strbuf out;
	struct err e;
	struct actor who;
};

static int begin(const struct cli_args *a, const char *name, struct soa_cmd *c)
{
	memset(c, 0, sizeof(*c));
	c->name = name;
	c->ar = (struct arena)ARENA_INIT;
	c->out = (struct strbuf)STRBUF_INIT;
	c->who = cli_actor;
	if (framework_opt(a, name, &c->fw))
		return CLI_USAGE;
	if (!(c->s = cli_store(a, 0)))
		return CLI_FAIL;
	if (cli_opt(a, "as") && cli_actor_as(c->s, cli_opt(a, "as"), &c->ar, &c->who, &c->e)) {
		store_close(c->s);
		c->s = NULL;
		return cli_fail(&c->e);
	}
	return CLI_OK;
}

/* Prints the output (rc 0) or the error, and releases everything. */
static int finish(struct soa_cmd *c, int rc)
{
	if (rc == 0 && c->out.len)
		fputs(c->out.buf, stdout);
	if (c->s)
		store_close(c->s);
	sb_release(&c->out);
	arena_release(&c->ar);
	return rc ? cli_fail(&c->e) : CLI_OK;
}

int cmd_soa_show(const struct cli_args *a)
{
	struct soa_cmd c;
	struct soa soa;
	const char *format = cli_opt(a, "format");
	int rc;
	if (strcmp(format, "json") != 0 && strcmp(format, "csv") != 0) {
		fprintf(stderr, "isms soa show: --format must be json or csv\n");
		return CLI_USAGE;
	}
	if ((rc = begin(a, "soa show", &c)) != CLI_OK)
		return rc;
	rc = soa_read(c.s, c.fw, &c.ar, &soa, &c.e);
	if (rc == 0 && format[0] == 'c') {
		soa_to_csv(&soa, &c.out);
	} else if (rc == 0) {
		soa_to_json(&soa, &c.out);
		sb_addc(&c.out, '\n');
	}
	return finish(&c, rc);
}

/* --reason legal,contractual (or "none") into c; -1 after saying why. */
static int reasons_opt(const char *v, struct soa_change *c)
{
	char buf[256];
	c->set_reasons = 1;
	if (strcmp(v, "none") == 0)
		return 0;
	snprintf(buf, sizeof(buf), "%s", v);
	for (char *save = NULL, *w = strtok_r(buf, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		int k = soa_reason_index(w);
		if (k < 0) {
			fprintf(stderr, "isms soa set: unknown reason '%s'; use risk_treatment, legal, contractual, "
					"business_practice (several separated by commas) or none\n", w);
			return -1;
		}
		c->reasons[k] = 1;
	}
	return 0;
}

int cmd_soa_set(const struct cli_args *a)
{
	struct soa_cmd c;
	struct soa_change ch = { 0 };
	struct requirement r;
	struct soa_row after;
	const char *app = cli_opt(a, "applicable"), *ref = cli_opt(a, "ref");
	int rc;
	if (!ref) {
		fprintf(stderr, "isms soa set: --ref is required (the requirement's reference, e.g. A.5.1)\n");
		return CLI_USAGE;
	}
	if (app) {
		ch.set_applicable = 1;
		if (strcmp(app, "yes") == 0 || strcmp(app, "no") == 0)
			ch.applicable = app[0] == 'y';
		else if (strcmp(app, "undecided") == 0)
			ch.applicable = SOA_UNDECIDED;
		else {
			fprintf(stderr, "isms soa set: --applicable must be yes, no or undecided\n");
			return CLI_USAGE;
		}
	}
	if (cli_opt(a, "reason") && reasons_opt(cli_opt(a, "reason"), &ch))
		return CLI_USAGE;
	if (cli_opt(a, "justification")) {
		ch.set_justification = 1;
		ch.justification = cli_opt(a, "justification");
	}
	if (cli_opt(a, "status")) {
		ch.set_status = 1;
		ch.status = strcmp(cli_opt(a, "status"), "none") == 0 ? NULL : cli_opt(a, "status");
	}
	if (!ch.set_applicable && !ch.set_reasons && !ch.set_justification && !ch.set_status) {
		fprintf(stderr, "isms soa set: nothing to change: give --applicable, --reason, --justification or --status\n");
		return CLI_USAGE;
	}
	if ((rc = begin(a, "soa set", &c)) != CLI_OK)
		return rc;
	rc = requirement_by_ref(c.s, c.fw, ref, &c.ar, &r, &c.e) ||
	     soa_update(c.s, &c.who, r.id, -1, &ch, &c.ar, &after, &c.e);
	if (rc == 0) {
		soa_row_to_json(&after, &c.out);
		sb_addc(&c.out, '\n');
	}
	return finish(&c, rc);
}

int cmd_soa_approve(const struct cli_args *a)
{
	struct soa_cmd c;
	struct soa_version v;
	int rc;
	if ((rc = begin(a, "soa approve", &c)) != CLI_OK)
		return rc;
	rc = soa_approve(c.s, &c.who, c.fw, cli_opt(a, "note"), &c.ar, &v, &c.e);
	if (rc == 0)
		sb_addf(&c.out, "Statement of Applicability version %lld approved: %d applicable, %d excluded, %d not "
				"decided\n",
			(long long)v.number, v.counts.applicable, v.counts.excluded, v.counts.undecided);
	return finish(&c, rc);
}

int cmd_soa_versions(const struct cli_args *a)
{
	struct soa_cmd c;
	struct soa_version *vs;
	int rc, n = 0;
	if ((rc = begin(a, "soa versions", &c)) != CLI_OK)
		return rc;
	rc = soa_versions(c.s, c.fw, &c.ar, &vs, &n, &c.e);
	for (int i = 0; rc == 0 && i < n; i++)
		sb_addf(&c.out, "%lld\t%s\t%s\t%d\t%d\t%d\t%s\n", (long long)vs[i].number, vs[i].approved_at,
			vs[i].approved_by_name ? vs[i].approved_by_name : "the system", vs[i].counts.applicable,
			vs[i].counts.excluded, vs[i].counts.undecided, vs[i].note ? vs[i].note : "");
	return finish(&c, rc);
}

int cmd_soa_compare(const struct cli_args *a)
{
	struct soa_cmd c;
	struct soa_cmp cmp;
	int64_t from = 0, to = 0;
	int rc;
	if (!cli_opt(a, "from") || parse_int64(cli_opt(a, "from"), &from) || from <= 0 ||
	    (cli_opt(a, "to") && (parse_int64(cli_opt(a, "to"), &to) || to <= 0))) {
		fprintf(stderr, "isms soa compare: --from (and --to, when given) must be numbers of approved versions\n");
		return CLI_USAGE;
	}
	if ((rc = begin(a, "soa compare", &c)) != CLI_OK)
		return rc;
	rc = soa_compare_versions(c.s, c.fw, from, to, &c.ar, &cmp, &c.e);
	if (rc == 0) {
		soa_diff_to_json(&cmp.from, to ? &cmp.to : NULL, &cmp.diff, &c.out);
		sb_addc(&c.out, '\n');
	}
	return finish(&c, rc);
}
