/* cli_shared: what several commands read from their options the same way —
 * the acting user (--as, --by), a record type (--type) and a list's query
 * string (--query). */
#include <stdio.h>
#include <string.h>

#include "auth/account.h"
#include "cli/cli.h"
#include "http/http.h"
#include "isms/list_params.h"

int cli_actor_as(struct store *s, const char *email, struct arena *a, struct actor *out, struct err *e)
{
	struct user u;
	if (!email) {
		*out = cli_actor;
		return 0;
	}
	if (user_by_email(s, email, a, &u, e))
		return e->status == 404 ? err_set(e, 404, "no_user", "No user has the e-mail %s.", email) : -1;
	if (u.disabled)
		return err_set(e, 403, "disabled", "%s is disabled and cannot act.", email);
	out->user_id = u.id;
	out->role = u.role;
	out->email = u.email;
	out->name = u.name;
	return 0;
}

int cli_actor_opt(const struct cli_args *a, struct store *s, struct arena *ar, struct actor *who, struct err *e)
{
	if (!cli_opt(a, "as")) {
		*who = cli_actor;
		return 0;
	}
	return cli_actor_as(s, cli_opt(a, "as"), ar, who, e);
}

const struct entity *cli_entity(const char *cmd, const char *type)
{
	const struct entity *ent = type ? entity_by_name(type) : NULL;
	if (!ent && type)
		ent = entity_by_plural(type, -1);
	if (ent)
		return ent;
	fprintf(stderr, "isms %s: ", cmd);
	if (type)
		fprintf(stderr, "unknown record type '%s'; ", type);
	fprintf(stderr, "--type must be a record type:");
	for (int i = 0; i < entity_count; i++)
		fprintf(stderr, " %s", entity_table[i]->plural);
	fputc('\n', stderr);
	return NULL;
}

int cli_read_query(const char *query, struct list_params *lp)
{
	const char *p = query;
	while (*p) {
		size_t n = strcspn(p, "&");
		const char *eq = memchr(p, '=', n);
		if (n) {
			const char *key = http_urldecode(lp->a, p, eq ? (size_t)(eq - p) : n, 1);
			const char *value = eq ? http_urldecode(lp->a, eq + 1, n - (size_t)(eq - p) - 1, 1) : "";
			if (list_params_take(lp, key, value))
				return -1;
		}
		p += n + (p[n] == '&');
	}
	return 0;
}
