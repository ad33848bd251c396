/* cmd_review: management reviews from the command line (isms/review.h) —
 * a review's report (its record, attendees, frozen inputs and actions) as
 * text or the API's JSON, compiling a draft's inputs again, closing it and
 * naming its attendees. Creating and changing a review are the generic
 * record commands (isms review create is isms record add --type review). */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "base/util.h"
#include "cli/cli.h"
#include "isms/review.h"

struct review_run {
	struct arena ar;
	struct err e;
	struct actor who;
	struct store *s;
	int64_t id;
	const char *cmd;
};

/* Opens the store, reads --id and --as; the caller's role must reach the
 * review type's least role for the command (write: its write role). */
static int begin(const struct cli_args *a, const char *cmd, int write, struct review_run *r)
{
	const struct entity *ent = entity_by_name("review");
	const char *v = cli_opt(a, "id");
	memset(r, 0, sizeof(*r));
	r->cmd = cmd;
	if (!v || parse_int64(v, &r->id) || r->id <= 0) {
		fprintf(stderr, "isms %s: --id must be a management review's id\n", cmd);
		return CLI_USAGE;
	}
	if (!(r->s = cli_store(a, 0)))
		return CLI_FAIL;
	if (cli_actor_as(r->s, cli_opt(a, "as"), &r->ar, &r->who, &r->e))
		return cli_fail(&r->e);
	if (r->who.role < (write ? ent->write_role : ent->read_role)) {
		err_set(&r->e, 403, "forbidden", "%s may not %s management reviews.", r->who.email,
			write ? "change" : "read");
		return cli_fail(&r->e);
	}
	return CLI_OK;
}

static int end(struct review_run *r, int rc)
{
	if (r->s)
		store_close(r->s);
	arena_release(&r->ar);
	return rc;
}

/* ---- the report as text ---- */

static void label(const char *key, char *out, int n)
{
	enum_label(key, out, n);
}

static void scalar(json_t *v)
{
	if (json_is_null(v))
		fputs("-", stdout);
	else if (json_is_boolean(v))
		fputs(json_is_true(v) ? "yes" : "no", stdout);
	else if (json_is_integer(v))
		printf("%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		printf("%.1f", json_real_value(v));
	else if (json_is_string(v))
		fputs(json_string_value(v), stdout);
}

/* Figures as "Label: value" lines, lists as tab-separated rows under a
 * header, objects indented under their label. */
static void print_data(json_t *obj, int indent)
{
	const char *key;
	json_t *v;
	char buf[96];
	json_object_foreach(obj, key, v) {
		if (json_is_object(v) || json_is_array(v))
			continue;
		label(key, buf, sizeof(buf));
		printf("%*s%s: ", indent, "", buf);
		scalar(v);
		putchar('\n');
	}
	json_object_foreach(obj, key, v) {
		size_t i;
		json_t *row, *cell;
		const char *k;
		if (!json_is_object(v) && !json_is_array(v))
			continue;
		label(key, buf, sizeof(buf));
		printf("%*s%s:\n", indent, "", buf);
		if (json_is_object(v)) {
			print_data(v, indent + 2);
			continue;
		}
		if (!json_array_size(v))
			printf("%*snone\n", indent + 2, "");
		json_array_foreach(v, i, row) {
			int first = 1;
			printf("%*s", indent + 2, "");
			if (!i && json_is_object(row)) {
				json_object_foreach(row, k, cell) {
					label(k, buf, sizeof(buf));
					printf("%s%s", first ? "" : "\t", buf);
					first = 0;
				}
				printf("\n%*s", indent + 2, "");
				first = 1;
			}
			if (json_is_object(row))
				json_object_foreach(row, k, cell) {
					printf("%s", first ? "" : "\t");
					scalar(cell);
					first = 0;
				}
			else
				scalar(row);
			putchar('\n');
		}
	}
}

static void print_report(json_t *rep)
{
	json_t *rv = json_object_get(rep, "review"), *inputs = json_object_get(rep, "inputs"), *v, *sec;
	size_t i;
	static const char *const fields[] = { "review_date", "status", "chair", "external_attendees", "compiled_on",
					      "closed_on", "feedback", "improvement", "minutes", "decisions" };
	printf("Management review #%lld: %s\n", (long long)json_integer_value(json_object_get(rv, "id")),
	       json_string_value(json_object_get(rv, "title")));
	for (size_t k = 0; k < ARRAY_SIZE(fields); k++) {
		const struct field *f = entity_field(entity_by_name("review"), fields[k]);
		printf("%s: ", f->label);
		scalar(json_object_get(rv, fields[k]));
		putchar('\n');
	}
	printf("Attendees:");
	json_array_foreach(json_object_get(rep, "attendees"), i, v)
		printf("%s %s <%s>", i ? "," : "", json_string_value(json_object_get(v, "name")),
		       json_string_value(json_object_get(v, "email")));
	printf("%s\n", json_array_size(json_object_get(rep, "attendees")) ? "" : " none");
	if (!json_is_object(inputs)) {
		printf("\nNo inputs compiled.\n");
	} else {
		printf("\nInputs as of %s\n", json_string_value(json_object_get(inputs, "compiled_on")));
		json_array_foreach(json_object_get(inputs, "sections"), i, sec) {
			printf("\n== %s\n", json_string_value(json_object_get(sec, "title")));
			if (json_is_true(json_object_get(sec, "available")))
				print_data(json_object_get(sec, "data"), 0);
			else
				printf("Not available. %s\n", json_string_value(json_object_get(sec, "note")));
		}
	}
	printf("\n== Actions decided\n");
	json_array_foreach(json_object_get(rep, "actions"), i, v) {
		printf("#%lld\t%s\t", (long long)json_integer_value(json_object_get(v, "id")),
		       json_string_value(json_object_get(v, "title")));
		scalar(json_object_get(v, "owner_name"));
		putchar('\t');
		scalar(json_object_get(v, "due_date"));
		printf("\t%s%s\n", json_string_value(json_object_get(v, "status")),
		       json_is_true(json_object_get(v, "overdue")) ? "\toverdue" : "");
	}
	if (!json_array_size(json_object_get(rep, "actions")))
		printf("none\n");
}

int cmd_review_show(const struct cli_args *a)
{
	struct review_run r;
	struct strbuf sb = STRBUF_INIT;
	const char *format = cli_opt(a, "format");
	int rc;
	if (!streq(format, "table") && !streq(format, "json")) {
		fprintf(stderr, "isms review show: --format must be table or json\n");
		return CLI_USAGE;
	}
	if ((rc = begin(a, "review show", 0, &r)) != CLI_OK)
		return end(&r, rc);
	if (review_report_json(r.s, &r.who, r.id, &r.ar, &sb, &r.e)) {
		rc = cli_fail(&r.e);
	} else if (streq(format, "json")) {
		printf("%s\n", sb.buf);
	} else {
		json_error_t jerr;
		json_t *rep = json_loads(sb.buf, 0, &jerr);
		if (rep)
			print_report(rep);
		json_decref(rep);
	}
	sb_release(&sb);
	return end(&r, rc);
}

int cmd_review_compile(const struct cli_args *a)
{
	struct review_run r;
	int rc = begin(a, "review compile", 1, &r);
	if (rc == CLI_OK && review_compile(r.s, &r.who, r.id, &r.ar, &r.e))
		rc = cli_fail(&r.e);
	else if (rc == CLI_OK)
		printf("Inputs of management review #%lld compiled again.\n", (long long)r.id);
	return end(&r, rc);
}

int cmd_review_close(const struct cli_args *a)
{
	struct review_run r;
	int rc = begin(a, "review close", 1, &r);
	if (rc == CLI_OK && review_close(r.s, &r.who, r.id, 0, &r.ar, &r.e))
		rc = cli_fail(&r.e);
	else if (rc == CLI_OK)
		printf("Management review #%lld closed.\n", (long long)r.id);
	return end(&r, rc);
}

/* --users a@x,b@y: the attendees by e-mail (empty: nobody). */
int cmd_review_attendees(const struct cli_args *a)
{
	struct review_run r;
	const char *list = cli_opt(a, "users");
	int64_t ids[REVIEW_ATTENDEES_MAX + 1];
	int n = 0, rc;
	if (!list) {
		fprintf(stderr, "isms review attendees: --users is required (e-mails separated by commas; '' for nobody)\n");
		return CLI_USAGE;
	}
	if ((rc = begin(a, "review attendees", 1, &r)) != CLI_OK)
		return end(&r, rc);
	for (const char *p = list; *p;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		struct actor u;
		if (len) {
			if (n >= REVIEW_ATTENDEES_MAX) {
				err_set(&r.e, 422, "too_many", "At most %d attendees.", REVIEW_ATTENDEES_MAX);
				return end(&r, cli_fail(&r.e));
			}
			if (cli_actor_as(r.s, arena_strndup(&r.ar, p, len), &r.ar, &u, &r.e))
				return end(&r, cli_fail(&r.e));
			ids[n++] = u.user_id;
		}
		p += len + (comma ? 1 : 0);
	}
	if (review_attendees_set(r.s, &r.who, r.id, ids, n, &r.ar, &r.e))
		rc = cli_fail(&r.e);
	else
		printf("Management review #%lld: %d attendee%s.\n", (long long)r.id, n, n == 1 ? "" : "s");
	return end(&r, rc);
}
