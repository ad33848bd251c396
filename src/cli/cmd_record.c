/* cmd_record: isms record list|show|add|set|archive — the records of the
 * register from the command line, one implementation for every type of the
 * entity table — and the short forms isms asset ... and isms risk ...,
 * rows of the command table that name their type (cli_row_type).
 *
 * Each command goes through the domain's generic operations (record_list,
 * record_read, record_create, record_update, record_archive) with the
 * API's validation (validate_json) and list parameters (list_params), so
 * the per-record rules, the risk rules, the acceptance rule, links and
 * audit entries apply exactly as on the web and the API. The acting user
 * is the system (cli_actor), or with --as EMAIL that user, whose role and
 * per-record rules then apply. JSON output is the API's JSON. */
#include <stdio.h>
#include <string.h>

#include "base/util.h"
#include "cli/cli.h"
#include "isms/list_params.h"
#include "isms/record.h"
#include "isms/record_extra.h"

#define CELL_MAX 40 /* code points of a table cell; longer ones end in "..." */

/* One run of a record command. */
struct rc_run {
	char cmd[48];              /* "record list" or "risk list", for messages */
	const struct entity *ent;
	int64_t id;                /* --id, when the command takes one */
	int json;                  /* --format json */
	struct store *s;
	struct actor who;
	struct arena ar;
	struct err e;
};

/* What each command needs of the acting user's role. */
enum rc_need { NEED_READ, NEED_CREATE, NEED_WRITE };

/* Reads the options every record command shares: the type (the row's, or
 * --type), --id when need_id, --format. CLI_OK or CLI_USAGE. */
static int rc_begin(const struct cli_args *a, const char *verb, int need_id, struct rc_run *r)
{
	const char *type = cli_row_type(), *id = cli_opt(a, "id"), *format = cli_opt(a, "format");
	memset(r, 0, sizeof(*r));
	r->e = (struct err)ERR_INIT;
	snprintf(r->cmd, sizeof(r->cmd), "%s %s", type ? type : "record", verb);
	if (!(r->ent = cli_entity(r->cmd, type ? type : cli_opt(a, "type"))))
		return CLI_USAGE;
	if (need_id && (!id || parse_int64(id, &r->id) || r->id <= 0)) {
		fprintf(stderr, "isms %s: --id must be a record id (a whole number of at least 1)\n", r->cmd);
		return CLI_USAGE;
	}
	if (format && strcmp(format, "table") && strcmp(format, "json")) {
		fprintf(stderr, "isms %s: --format must be table or json\n", r->cmd);
		return CLI_USAGE;
	}
	r->json = format && strcmp(format, "json") == 0;
	return CLI_OK;
}

/* Opens the database and settles who acts: the system, or --as, whose role
 * must allow what the command does to this type. CLI_OK or CLI_FAIL. */
static int rc_open(const struct cli_args *a, enum rc_need need, struct rc_run *r)
{
	static const char *const verbs[] = { "read", "create", "change or archive" };
	const char *as = cli_opt(a, "as");
	enum role least = need == NEED_READ ? r->ent->read_role
			  : need == NEED_CREATE ? r->ent->create_role : r->ent->write_role;
	if (!(r->s = cli_store(a, 0)))
		return CLI_FAIL;
	r->who = cli_actor;
	if (!as)
		return CLI_OK;
	if (cli_actor_as(r->s, as, &r->ar, &r->who, &r->e))
		return cli_fail(&r->e);
	if (r->who.role < least) {
		err_set(&r->e, 403, "forbidden", "%s is %s: to %s %s takes the role %s or above.", as,
			role_name(r->who.role), verbs[need], r->ent->plural, role_name(least));
		return cli_fail(&r->e);
	}
	return CLI_OK;
}

static int rc_end(struct rc_run *r, int rc)
{
	if (r->s)
		store_close(r->s);
	arena_release(&r->ar);
	return rc;
}

/* text on one line, control characters as spaces, at most max code points
 * (the last three then "..."). */
static const char *one_line(struct arena *a, const char *text, int max)
{
	size_t n = strlen(text);
	char *out = arena_alloc(a, n + 4);
	int points = 0;
	size_t i = 0, j = 0;
	for (; i < n; i++) {
		unsigned char c = (unsigned char)text[i];
		if ((c & 0xC0) != 0x80 && ++points > max)
			break;
		out[j++] = c < 0x20 || c == 0x7f ? ' ' : (char)c;
	}
	if (i < n) {
		/* back off to keep room for "...": three code points */
		for (int k = 0; k < 3 && j > 0; k++) {
			while (j > 0 && ((unsigned char)out[j - 1] & 0xC0) == 0x80)
				j--;
			if (j > 0)
				j--;
		}
		memcpy(out + j, "...", 3);
		j += 3;
	}
	out[j] = '\0';
	return out;
}

/* A field's value as a person reads it: references by title, "-" for none. */
static const char *cell(const struct field *f, const struct record *rec, int i, int with_id, struct arena *a)
{
	const char *v = rec->values[i];
	if (!v)
		return "-";
	if (f->type == FT_REF || f->type == FT_USER) {
		if (!rec->titles[i])
			return arena_printf(a, "#%s", v);
		return with_id ? arena_printf(a, "%s (#%s)", rec->titles[i], v) : rec->titles[i];
	}
	if (f->type == FT_BOOL)
		return strcmp(v, "0") ? "yes" : "no";
	return v;
}

static const char *by_whom(int64_t user_id, struct arena *a)
{
	return user_id ? arena_printf(a, "user #%lld", (long long)user_id) : "the system";
}

/* "Label:" padded so that values start in column w + 3. */
static void label(int w, const char *text)
{
	printf("%s:%*s", text, w - (int)utf8_length(text) + 2, "");
}

/* The record: the API's JSON, or one "Label: value" line per field. */
static void print_record(struct rc_run *r, const struct record *rec)
{
	struct strbuf sb = STRBUF_INIT;
	int w = 8; /* "Archived" */
	if (r->json) {
		record_to_json(r->ent, rec, &sb);
		record_json_extras(r->ent, rec, &sb);
		printf("%s\n", sb.buf);
		sb_release(&sb);
		return;
	}
	for (int i = 0; i < r->ent->nfields; i++)
		if ((int)utf8_length(r->ent->fields[i].label) > w)
			w = (int)utf8_length(r->ent->fields[i].label);
	label(w, "Record");
	printf("%s #%lld, version %lld\n", r->ent->name, (long long)rec->id, (long long)rec->version);
	for (int i = 0; i < r->ent->nfields; i++) {
		label(w, r->ent->fields[i].label);
		/* long text keeps its lines, indented under the first */
		for (const char *p = cell(&r->ent->fields[i], rec, i, 1, &r->ar); *p; p++) {
			putchar(*p);
			if (*p == '\n')
				printf("%*s", w + 3, "");
		}
		putchar('\n');
	}
	label(w, "Archived");
	printf("%s\n", rec->archived ? "yes" : "no");
	label(w, "Created");
	printf("%s by %s\n", rec->created_at, by_whom(rec->created_by, &r->ar));
	label(w, "Updated");
	printf("%s by %s\n", rec->updated_at, by_whom(rec->updated_by, &r->ar));
}

/* The page: the API's JSON, or aligned columns of id and the list fields
 * (F_LIST) with a closing line of counts. */
static void print_page(struct rc_run *r, const struct list_query *q, const struct record_page *p)
{
	const struct entity *ent = r->ent;
	const char ***cells;
	int *width = arena_alloc(&r->ar, sizeof(int) * (size_t)(ent->nfields + 1));
	if (r->json) {
		struct strbuf sb = STRBUF_INIT;
		record_page_to_json(ent, p, q, &sb);
		printf("%s\n", sb.buf);
		sb_release(&sb);
		return;
	}
	/* column 0 is the id, column i + 1 field i (list fields only) */
	cells = arena_alloc(&r->ar, sizeof(*cells) * (size_t)(p->n + 1));
	for (int row = 0; row <= p->n; row++) {
		const struct record *rec = row ? &p->items[row - 1] : NULL;
		cells[row] = arena_alloc(&r->ar, sizeof(char *) * (size_t)(ent->nfields + 1));
		cells[row][0] = rec ? arena_printf(&r->ar, "%lld", (long long)rec->id) : "ID";
		for (int i = 0; i < ent->nfields; i++)
			if (ent->fields[i].flags & F_LIST)
				cells[row][i + 1] = one_line(&r->ar, rec ? cell(&ent->fields[i], rec, i, 0, &r->ar)
									 : ent->fields[i].label, CELL_MAX);
	}
	for (int row = 0; row <= p->n; row++)
		for (int c = 0; c <= ent->nfields; c++)
			if (cells[row][c] && (int)utf8_length(cells[row][c]) > width[c])
				width[c] = (int)utf8_length(cells[row][c]);
	for (int row = 0; row <= p->n; row++) {
		int last = ent->nfields;
		while (last > 0 && !cells[row][last])
			last--;
		for (int c = 0; c <= last; c++) {
			if (!cells[row][c])
				continue;
			fputs(cells[row][c], stdout);
			if (c < last)
				printf("%*s", width[c] - (int)utf8_length(cells[row][c]) + 2, "");
		}
		putchar('\n');
	}
	if (p->n == 0 && p->total > 0)
		printf("none of %lld %s at offset %d\n", (long long)p->total, ent->plural, q->offset);
	else if (p->n < p->total)
		printf("%d-%d of %lld %s (--query 'limit=N&offset=N' for others)\n", q->offset + 1, q->offset + p->n,
		       (long long)p->total, ent->plural);
	else
		printf("%lld %s\n", (long long)p->total, p->total == 1 ? ent->name : ent->plural);
}

int cmd_record_list(const struct cli_args *a)
{
	const char *query = cli_opt(a, "query");
	struct rc_run r;
	struct list_query q;
	struct record_page page;
	struct list_params lp = { NULL, &q, LP_ALL, NULL, NULL };
	int rc = rc_begin(a, "list", 0, &r);
	if (rc)
		return rc;
	list_query_init(&q, r.ent);
	lp.ent = r.ent;
	lp.a = &r.ar;
	lp.e = &r.e;
	if (query && cli_read_query(query, &lp)) {
		fprintf(stderr, "isms %s: --query: %s\n", r.cmd, r.e.message);
		return rc_end(&r, CLI_USAGE);
	}
	if ((rc = rc_open(a, NEED_READ, &r)))
		return rc_end(&r, rc);
	q.viewer = &r.who;
	if (record_list(r.s, r.ent, &q, &r.ar, &page, &r.e))
		return rc_end(&r, cli_fail(&r.e));
	print_page(&r, &q, &page);
	return rc_end(&r, CLI_OK);
}

int cmd_record_show(const struct cli_args *a)
{
	struct rc_run r;
	struct record rec;
	int rc = rc_begin(a, "show", 1, &r);
	if (rc)
		return rc;
	if ((rc = rc_open(a, NEED_READ, &r)))
		return rc_end(&r, rc);
	if (record_read(r.s, &r.who, r.ent, r.id, &r.ar, &rec, &r.e))
		return rc_end(&r, cli_fail(&r.e));
	print_record(&r, &rec);
	return rc_end(&r, CLI_OK);
}

/* The record's values: --json TEXT or --file PATH ('-': standard input),
 * one of them, parsed as the API parses a body. NULL after saying why. */
static json_t *read_values(const struct cli_args *a, struct rc_run *r)
{
	const char *text = cli_opt(a, "json"), *path = cli_opt(a, "file");
	json_error_t je;
	json_t *j;
	if (!text == !path) {
		fprintf(stderr, "isms %s: give the values as --json '{...}' or --file PATH, one of them\n", r->cmd);
		return NULL;
	}
	if (path)
		return cli_load_json(path);
	if (!(j = json_loads(text, JSON_REJECT_DUPLICATES, &je)))
		fprintf(stderr, "isms %s: --json is not JSON (line %d, column %d: %s)\n", r->cmd, je.line, je.column,
			je.text);
	return j;
}

/* After a change: the record as it is now, as show prints it. */
static int print_changed(struct rc_run *r, int64_t id)
{
	struct record rec;
	if (record_read(r->s, &r->who, r->ent, id, &r->ar, &rec, &r->e)) {
		printf("%s #%lld saved\n", r->ent->name, (long long)id);
		return CLI_OK;
	}
	print_record(r, &rec);
	return CLI_OK;
}

int cmd_record_add(const struct cli_args *a)
{
	struct rc_run r;
	struct input in;
	json_t *body;
	int64_t id = 0;
	int rc = rc_begin(a, "add", 0, &r);
	if (rc)
		return rc;
	if (!(body = read_values(a, &r)))
		return CLI_USAGE;
	if ((rc = rc_open(a, NEED_CREATE, &r)) == CLI_OK) {
		if (validate_json(r.ent, body, 1, &r.ar, &in, &r.e) ||
		    record_create(r.s, &r.who, r.ent, &in, &r.ar, &id, &r.e))
			rc = cli_fail(&r.e);
		else
			rc = print_changed(&r, id);
	}
	json_decref(body);
	return rc_end(&r, rc);
}

/* --if-version: the version the caller last saw; 0 when not given. */
static int if_version(const struct cli_args *a, struct rc_run *r, int64_t *version)
{
	const char *v = cli_opt(a, "if-version");
	*version = 0;
	if (v && (parse_int64(v, version) || *version <= 0)) {
		fprintf(stderr, "isms %s: --if-version must be a version number (a whole number of at least 1)\n",
			r->cmd);
		return CLI_USAGE;
	}
	return CLI_OK;
}

int cmd_record_set(const struct cli_args *a)
{
	struct rc_run r;
	struct record cur;
	struct input in;
	json_t *body;
	int64_t version;
	int rc = rc_begin(a, "set", 1, &r);
	cur.version = 0;
	if (rc || (rc = if_version(a, &r, &version)))
		return rc;
	if (!(body = read_values(a, &r)))
		return CLI_USAGE;
	if ((rc = rc_open(a, NEED_WRITE, &r)) == CLI_OK) {
		/* without --if-version, the version read just now */
		if ((!version && record_read(r.s, &r.who, r.ent, r.id, &r.ar, &cur, &r.e)) ||
		    validate_json(r.ent, body, 0, &r.ar, &in, &r.e) ||
		    record_update(r.s, &r.who, r.ent, r.id, version ? version : cur.version, &in, &r.ar, &r.e))
			rc = cli_fail(&r.e);
		else
			rc = print_changed(&r, r.id);
	}
	json_decref(body);
	return rc_end(&r, rc);
}

int cmd_record_archive(const struct cli_args *a)
{
	struct rc_run r;
	int64_t version;
	int rc = rc_begin(a, "archive", 1, &r);
	if (rc || (rc = if_version(a, &r, &version)))
		return rc;
	if ((rc = rc_open(a, NEED_WRITE, &r)))
		return rc_end(&r, rc);
	if (record_archive(r.s, &r.who, r.ent, r.id, version, &r.ar, &r.e))
		return rc_end(&r, cli_fail(&r.e));
	printf("%s #%lld archived\n", r.ent->name, (long long)r.id);
	return rc_end(&r, CLI_OK);
}
