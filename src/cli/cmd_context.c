/* cmd_context: the context of the organisation from the command line —
 * the scope statement (show, set, approve, versions and their comparison),
 * the ISMS roles and RACI (show, assign, set) and the changes in issues and
 * interested parties since a date. The same domain calls as the API, so the
 * same checks and audit entries; JSON output is the API's. Acts as the
 * system unless --as names a user. */
#include <stdio.h>
#include <string.h>

#include "auth/account.h"
#include "base/util.h"
#include "cli/cli.h"
#include "isms/context.h"
#include "isms/raci.h"
#include "isms/scope.h"

struct ctx_cmd {
	struct store *s;
	struct arena ar;
	struct strbuf out;
	struct err e;
	struct actor who;
};

static int begin(const struct cli_args *a, struct ctx_cmd *c)
{
	memset(c, 0, sizeof(*c));
	c->ar = (struct arena)ARENA_INIT;
	c->out = (struct strbuf)STRBUF_INIT;
	c->who = cli_actor;
	if (!(c->s = cli_store(a, 0)))
		return CLI_FAIL;
	if (cli_opt(a, "as") && cli_actor_as(c->s, cli_opt(a, "as"), &c->ar, &c->who, &c->e)) {
		store_close(c->s);
		c->s = NULL;
		return cli_fail(&c->e);
	}
	return CLI_OK;
}

/* Prints the output (rc 0, with a final newline) or the error; releases everything. */
static int finish(struct ctx_cmd *c, int rc)
{
	if (rc == 0 && c->out.len)
		printf("%s\n", c->out.buf);
	if (c->s)
		store_close(c->s);
	sb_release(&c->out);
	arena_release(&c->ar);
	return rc ? cli_fail(&c->e) : CLI_OK;
}

static int positive(const char *cmd, const char *opt, const char *v, int64_t *out)
{
	if (v && (parse_int64(v, out) || *out <= 0)) {
		fprintf(stderr, "isms %s: --%s must be a whole number from 1\n", cmd, opt);
		return -1;
	}
	return 0;
}

int cmd_scope_show(const struct cli_args *a)
{
	struct ctx_cmd c;
	int64_t number = 0;
	int rc;
	if (positive("scope show", "version", cli_opt(a, "version"), &number))
		return CLI_USAGE;
	if ((rc = begin(a, &c)) != CLI_OK)
		return rc;
	if (number) {
		struct scope_version v;
		if ((rc = scope_version_get(c.s, number, &c.ar, &v, &c.e)) == 0)
			scope_version_to_json(&v, 1, &c.out);
	} else {
		struct scope sc;
		if ((rc = scope_read(c.s, &c.ar, &sc, &c.e)) == 0)
			scope_to_json(&sc, &c.out);
	}
	return finish(&c, rc);
}

int cmd_scope_set(const struct cli_args *a)
{
	const char *names[SCOPE_NFIELDS], *vals[SCOPE_NFIELDS];
	struct ctx_cmd c;
	struct input in;
	struct scope sc;
	int n = 0, rc;
	for (int i = 0; i < SCOPE_NFIELDS; i++) {
		const char *v = cli_opt(a, scope_entity.fields[i].name);
		if (v) {
			names[n] = scope_entity.fields[i].name;
			vals[n++] = v;
		}
	}
	if (!n) {
		fprintf(stderr, "isms scope set: give at least one field to change (see --help)\n");
		return CLI_USAGE;
	}
	if ((rc = begin(a, &c)) != CLI_OK)
		return rc;
	rc = validate_form(&scope_entity, names, vals, n, 0, &c.ar, &in, &c.e) || scope_read(c.s, &c.ar, &sc, &c.e) ||
	     scope_set(c.s, &c.who, sc.version, &in, &c.ar, &c.e) || scope_read(c.s, &c.ar, &sc, &c.e);
	if (!rc)
		scope_to_json(&sc, &c.out);
	return finish(&c, rc);
}

int cmd_scope_approve(const struct cli_args *a)
{
	struct ctx_cmd c;
	struct scope_version v;
	int64_t number = 0;
	int rc;
	if ((rc = begin(a, &c)) != CLI_OK)
		return rc;
	rc = scope_approve(c.s, &c.who, -1, cli_opt(a, "note"), &c.ar, &number, &c.e) ||
	     scope_version_get(c.s, number, &c.ar, &v, &c.e);
	if (!rc)
		scope_version_to_json(&v, 1, &c.out);
	return finish(&c, rc);
}

int cmd_scope_versions(const struct cli_args *a)
{
	struct ctx_cmd c;
	int rc;
	if ((rc = begin(a, &c)) != CLI_OK)
		return rc;
	if (cli_opt(a, "from") || cli_opt(a, "to")) {
		struct scope_side f, t;
		struct scope_diff d[SCOPE_NFIELDS];
		if ((rc = scope_sides(c.s, cli_opt(a, "from"), cli_opt(a, "to"), &c.ar, &f, &t, &c.e)) == 0) {
			int changed = scope_compare(f.values, t.values, d);
			for (int i = 0; i < SCOPE_NFIELDS; i++)
				if (d[i].changed)
					sb_addf(&c.out, "%s\n  - %s\n  + %s\n", d[i].field->label, d[i].from ? d[i].from : "",
						d[i].to ? d[i].to : "");
			sb_addf(&c.out, "%d of %d fields differ", changed, SCOPE_NFIELDS);
		}
	} else {
		struct scope_version *v;
		int n;
		if ((rc = scope_versions(c.s, &c.ar, &v, &n, &c.e)) == 0) {
			for (int i = 0; i < n; i++)
				sb_addf(&c.out, "%s%lld\t%s\t%s\t%s", i ? "\n" : "", (long long)v[i].number, v[i].approved_at,
					v[i].approved_by_name ? v[i].approved_by_name : "the system", v[i].note ? v[i].note : "");
			if (!n)
				fprintf(stderr, "isms scope versions: no approved version yet\n");
		}
	}
	return finish(&c, rc);
}

int cmd_roles_show(const struct cli_args *a)
{
	struct ctx_cmd c;
	struct role_holder h[RACI_MAX_ENTRIES];
	struct raci_process *p;
	int n, rc;
	if ((rc = begin(a, &c)) != CLI_OK)
		return rc;
	if ((rc = raci_holders(c.s, &c.ar, h, &c.e) || raci_matrix(c.s, &c.ar, &p, &n, &c.e)) == 0) {
		for (int i = 0; i < isms_role_count; i++)
			sb_addf(&c.out, "%s\t%s\t%s\n", h[i].role->key, h[i].email ? h[i].email : "-", h[i].role->label);
		for (int i = 0; i < n; i++) {
			sb_addf(&c.out, "\nprocess %lld\t%s", (long long)p[i].id, p[i].name);
			for (int k = 0; k < p[i].n; k++)
				sb_addf(&c.out, "\n  %c\t%s", p[i].entries[k].letter, p[i].entries[k].name);
		}
		if (c.out.len && c.out.buf[c.out.len - 1] == '\n')
			c.out.buf[--c.out.len] = '\0';
	}
	return finish(&c, rc);
}

/* An e-mail as a user id; 422 on field when there is no such user. */
static int user_id_of(struct ctx_cmd *c, const char *email, const char *field, int64_t *id)
{
	struct user u;
	if (user_by_email(c->s, email, &c->ar, &u, &c->e)) {
		if (c->e.status != 404)
			return -1;
		err_clear(&c->e);
		return err_field(&c->e, field, "reference", "No user has the e-mail %s.", email);
	}
	*id = u.id;
	return 0;
}

int cmd_roles_assign(const struct cli_args *a)
{
	struct ctx_cmd c;
	const char *user = cli_opt(a, "user");
	int64_t id = 0;
	int rc;
	if (!cli_opt(a, "role") || (!user == !cli_opt(a, "none"))) {
		fprintf(stderr, "isms roles assign: give --role and either --user EMAIL or --none\n");
		return CLI_USAGE;
	}
	if ((rc = begin(a, &c)) != CLI_OK)
		return rc;
	rc = (user && user_id_of(&c, user, "user", &id)) || raci_assign(c.s, &c.who, cli_opt(a, "role"), id, &c.e);
	return finish(&c, rc);
}

/* "isms_manager=A,bob@example.org=R" into entries; people by e-mail. */
static int parse_entries(struct ctx_cmd *c, const char *text, struct raci_entry *in, int *n)
{
	const char *p = text;
	*n = 0;
	while (*p) {
		size_t len = strcspn(p, ",");
		const char *item = arena_strndup(&c->ar, p, len), *eq = strrchr(item, '=');
		const char *field = arena_printf(&c->ar, "entries[%d]", *n);
		struct raci_entry *x = &in[*n];
		if (*n >= RACI_MAX_ENTRIES)
			return err_field(&c->e, "entries", "too_many", "At most %d entries per process.", RACI_MAX_ENTRIES);
		memset(x, 0, sizeof(*x));
		if (!eq || eq == item || strlen(eq + 1) != 1)
			return err_field(&c->e, field, "invalid", "Write each entry as ROLE=LETTER or EMAIL=LETTER, not '%s'.",
					 item);
		x->letter = eq[1];
		if (memchr(item, '@', (size_t)(eq - item))) {
			if (user_id_of(c, arena_strndup(&c->ar, item, (size_t)(eq - item)), field, &x->user_id))
				return -1;
		} else {
			x->role = arena_strndup(&c->ar, item, (size_t)(eq - item));
		}
		(*n)++;
		p += len + (p[len] == ',');
	}
	return 0;
}

int cmd_raci_set(const struct cli_args *a)
{
	struct ctx_cmd c;
	struct raci_entry in[RACI_MAX_ENTRIES];
	struct raci_process p;
	int64_t id = 0;
	int n = 0, rc;
	if (!cli_opt(a, "process") || positive("raci set", "process", cli_opt(a, "process"), &id) || !cli_opt(a, "entries")) {
		fprintf(stderr, "isms raci set: give --process ID and --entries (an empty string clears the RACI)\n");
		return CLI_USAGE;
	}
	if ((rc = begin(a, &c)) != CLI_OK)
		return rc;
	rc = parse_entries(&c, cli_opt(a, "entries"), in, &n) || raci_set(c.s, &c.who, id, in, n, &c.ar, &c.e) ||
	     raci_get(c.s, id, &c.ar, &p, &c.e);
	if (!rc)
		raci_process_to_json(&p, &c.out);
	return finish(&c, rc);
}

int cmd_context_changes(const struct cli_args *a)
{
	struct ctx_cmd c;
	struct context_changes ch;
	int rc;
	if ((rc = begin(a, &c)) != CLI_OK)
		return rc;
	if ((rc = context_changes_since(c.s, cli_opt(a, "since"), &c.ar, &ch, &c.e)) == 0)
		context_changes_to_json(&ch, cli_opt(a, "since"), &c.out);
	return finish(&c, rc);
}
