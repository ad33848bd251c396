/* cmd_document: documents from the command line — the starter templates,
 * a new draft from one, the workflow (submit, approve, publish with its
 * audience, retire), versions and the diff of two, acknowledging the
 * published version, who has acknowledged it and what a person has to
 * read. Acts as the system unless --as names a user. */
#include <stdio.h>
#include <string.h>

#include "auth/account.h"
#include "base/textdiff.h"
#include "base/util.h"
#include "cli/cli.h"
#include "isms/doc_ack.h"
#include "isms/doc_template.h"
#include "isms/doc_version.h"

/* What every command here needs: the database, who acts, an arena. */
struct doc_run {
	struct store *s;
	struct actor who;
	struct arena ar;
	struct err e;
	int64_t id;
};

/* Opens the run; with need_id, --id must be a document id. CLI_OK or an exit code. */
static int run_open(const struct cli_args *a, const char *cmd, int need_id, struct doc_run *r)
{
	const char *id = cli_opt(a, "id");
	memset(r, 0, sizeof(*r));
	if (need_id && (!id || parse_int64(id, &r->id) || r->id <= 0)) {
		fprintf(stderr, "isms %s: --id must be a document's id\n", cmd);
		return CLI_USAGE;
	}
	if (!(r->s = cli_store(a, 0)))
		return CLI_FAIL;
	if (cli_actor_as(r->s, cli_opt(a, "as"), &r->ar, &r->who, &r->e))
		return cli_fail(&r->e);
	return CLI_OK;
}

/* Closes the run; rc -1 prints its error. */
static int run_close(struct doc_run *r, int rc)
{
	int out = rc ? cli_fail(&r->e) : CLI_OK;
	if (r->s)
		store_close(r->s);
	arena_release(&r->ar);
	return out;
}

/* Closes a run that failed to open, keeping its exit code. */
static int run_abort(struct doc_run *r, int rc)
{
	run_close(r, 0);
	return rc;
}

/* An optional number option: 0 when absent, -1 (after saying so) when bad. */
static int64_t number_opt(const struct cli_args *a, const char *cmd, const char *name)
{
	const char *v = cli_opt(a, name);
	int64_t n = 0;
	if (!v)
		return 0;
	if (parse_int64(v, &n) || n <= 0) {
		fprintf(stderr, "isms %s: --%s must be a whole number above 0\n", cmd, name);
		return -1;
	}
	return n;
}

int cmd_document_templates(const struct cli_args *a)
{
	(void)a;
	for (int i = 0; i < doc_template_count; i++)
		printf("%s\t%s\t%s\n", doc_templates[i].key, doc_templates[i].doc_type, doc_templates[i].title);
	return CLI_OK;
}

int cmd_document_new(const struct cli_args *a)
{
	struct doc_run r;
	struct user owner;
	int64_t id = 0, owner_id = 0;
	int rc = run_open(a, "document new", 0, &r);
	if (rc != CLI_OK)
		return run_abort(&r, rc);
	if (cli_opt(a, "owner")) {
		if (user_by_email(r.s, cli_opt(a, "owner"), &r.ar, &owner, &r.e))
			return run_close(&r, -1);
		owner_id = owner.id;
	}
	rc = doc_template_create(r.s, &r.who, cli_opt(a, "template"), cli_opt(a, "title"), owner_id, &r.ar, &id, &r.e);
	if (!rc)
		printf("document %lld created from %s (draft, version 1)\n", (long long)id, cli_opt(a, "template"));
	return run_close(&r, rc);
}

static int action(const struct cli_args *a, enum doc_action act)
{
	char cmd[32];
	struct doc_run r;
	struct doc_audience aud;
	int given, rc;
	snprintf(cmd, sizeof(cmd), "document %s", doc_action_name(act));
	given = act == DOC_PUBLISH && (cli_opt(a, "everyone") || cli_opt(a, "roles") || cli_opt(a, "groups"));
	if ((rc = run_open(a, cmd, 1, &r)) != CLI_OK)
		return run_abort(&r, rc);
	if (given && doc_audience_parse(&aud, cli_opt(a, "everyone") != NULL, cli_opt(a, "roles"), cli_opt(a, "groups"),
					&r.e))
		return run_close(&r, -1);
	rc = doc_action(r.s, &r.who, r.id, act, 0, given ? &aud : NULL, &r.ar, &r.e);
	if (!rc)
		printf("document %lld: %s done\n", (long long)r.id, doc_action_name(act));
	return run_close(&r, rc);
}

int cmd_document_submit(const struct cli_args *a)
{
	return action(a, DOC_SUBMIT);
}

int cmd_document_approve(const struct cli_args *a)
{
	return action(a, DOC_APPROVE);
}

int cmd_document_publish(const struct cli_args *a)
{
	return action(a, DOC_PUBLISH);
}

int cmd_document_retire(const struct cli_args *a)
{
	return action(a, DOC_RETIRE);
}

int cmd_document_acknowledge(const struct cli_args *a)
{
	struct doc_run r;
	int64_t version = number_opt(a, "document acknowledge", "version");
	int rc;
	if (version < 0)
		return CLI_USAGE;
	if (!cli_opt(a, "as")) {
		fprintf(stderr, "isms document acknowledge: --as EMAIL names the person who has read the document\n");
		return CLI_USAGE;
	}
	if ((rc = run_open(a, "document acknowledge", 1, &r)) != CLI_OK)
		return run_abort(&r, rc);
	rc = doc_acknowledge(r.s, &r.who, r.id, version, &r.e);
	if (!rc)
		printf("document %lld acknowledged by %s\n", (long long)r.id, r.who.email);
	return run_close(&r, rc);
}

int cmd_document_versions(const struct cli_args *a)
{
	struct doc_run r;
	struct doc_version *v;
	int n, rc;
	if ((rc = run_open(a, "document versions", 1, &r)) != CLI_OK)
		return run_abort(&r, rc);
	rc = doc_versions(r.s, &r.who, r.id, &r.ar, &v, &n, &r.e);
	for (int i = 0; !rc && i < n; i++)
		printf("%lld\t%s\t%s\t%s\t%s\n", (long long)v[i].number, v[i].label ? v[i].label : "-", v[i].state,
		       v[i].published_at ? v[i].published_at : "-", v[i].change_note ? v[i].change_note : "");
	return run_close(&r, rc);
}

int cmd_document_diff(const struct cli_args *a)
{
	struct doc_run r;
	struct doc_version *all, x, y;
	struct diff_line *d;
	int64_t from = number_opt(a, "document diff", "from"), to = number_opt(a, "document diff", "to");
	int n, nd, rc;
	if (from < 0 || to < 0)
		return CLI_USAGE;
	if ((rc = run_open(a, "document diff", 1, &r)) != CLI_OK)
		return run_abort(&r, rc);
	rc = doc_versions(r.s, &r.who, r.id, &r.ar, &all, &n, &r.e);
	if (!rc) {
		to = to ? to : (n ? all[0].number : 1);
		from = from ? from : (to > 1 ? to - 1 : 1);
		rc = doc_version_get(r.s, &r.who, r.id, from, &r.ar, &x, &r.e) ||
		     doc_version_get(r.s, &r.who, r.id, to, &r.ar, &y, &r.e);
	}
	if (!rc) {
		text_diff(x.body, y.body, &r.ar, &d, &nd);
		printf("--- version %lld\n+++ version %lld\n", (long long)from, (long long)to);
		for (int i = 0; i < nd; i++)
			printf("%c%s\n", (char)d[i].kind, d[i].text);
	}
	return run_close(&r, rc ? -1 : 0);
}

int cmd_document_acks(const struct cli_args *a)
{
	struct doc_run r;
	struct doc_ack_report rep;
	int rc;
	if ((rc = run_open(a, "document acknowledgements", 1, &r)) != CLI_OK)
		return run_abort(&r, rc);
	rc = doc_ack_report(r.s, &r.who, r.id, &r.ar, &rep, &r.e);
	if (!rc && !rep.version)
		printf("document %lld has no published version\n", (long long)r.id);
	else if (!rc) {
		printf("version %lld: %lld of %lld acknowledged (%d%%)\n", (long long)rep.version,
		       (long long)rep.acknowledged, (long long)rep.audience, rep.percent);
		for (int i = 0; i < rep.n; i++)
			printf("%s\t%s\t%s\n", rep.people[i].email, rep.people[i].name,
			       rep.people[i].acknowledged_at ? rep.people[i].acknowledged_at : "not yet");
	}
	return run_close(&r, rc);
}

int cmd_document_to_read(const struct cli_args *a)
{
	struct doc_run r;
	struct doc_pending *p;
	int n, rc;
	if (!cli_opt(a, "as")) {
		fprintf(stderr, "isms document to-read: --as EMAIL names the person\n");
		return CLI_USAGE;
	}
	if ((rc = run_open(a, "document to-read", 0, &r)) != CLI_OK)
		return run_abort(&r, rc);
	rc = doc_ack_pending(r.s, r.who.user_id, &r.ar, &p, &n, &r.e);
	for (int i = 0; !rc && i < n; i++)
		printf("%lld\t%lld\t%s\t%s\n", (long long)p[i].document_id, (long long)p[i].version,
		       p[i].label ? p[i].label : "-", p[i].title);
	return run_close(&r, rc);
}
