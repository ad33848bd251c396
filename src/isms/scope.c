/* scope: the ISMS scope statement, its approval and its versions (see
 * scope.h). */
#include "isms/scope.h"

#include <string.h>

#include "base/jsonw.h"
#include "base/timeutil.h"
#include "base/util.h"
#include "isms/audit.h"

static const struct field fields[SCOPE_NFIELDS] = {
	{ "units", "Organisational units", FT_LONGTEXT, 0, .max_len = 8000,
	  .help = "The departments, teams or legal entities the ISMS covers, one a line." },
	{ "locations", "Locations", FT_LONGTEXT, 0, .max_len = 8000,
	  .help = "Offices, sites and data centres in scope, one a line." },
	{ "processes", "Processes", FT_LONGTEXT, 0, .max_len = 8000,
	  .help = "The business processes and services the ISMS protects, one a line." },
	{ "systems", "Systems", FT_LONGTEXT, 0, .max_len = 8000,
	  .help = "Applications, platforms and networks in scope, one a line." },
	{ "exclusions", "Out of scope", FT_LONGTEXT, 0, .max_len = 8000,
	  .help = "What is deliberately left out: units, sites, processes or systems." },
	{ "justification", "Justification for the exclusions", FT_LONGTEXT, 0, .max_len = 8000,
	  .help = "Why each exclusion does not weaken the protection of what is in scope. Needed when something is "
		  "left out." },
	{ "interfaces", "Interfaces and dependencies", FT_LONGTEXT, 0, .max_len = 8000,
	  .help = "Where the scope meets what is outside it: suppliers, shared services, other parts of the group." },
};

const struct entity scope_entity = {
	.name = "scope", .plural = "scope", .table = "scope_statement",
	.label = "Scope", .label_plural = "Scope",
	.title_field = "units", .default_sort = "id",
	.read_role = SCOPE_READ_ROLE, .create_role = SCOPE_WRITE_ROLE, .write_role = SCOPE_WRITE_ROLE,
	ENTITY_FIELDS(fields),
};

static const struct field note_field = { "note", "Note", FT_TEXT, 0, .max_len = SCOPE_NOTE_MAX };

/* A user id, or NULL for the system (user 0 is no row of users). */
#define ARG_USER(v) ((v) ? ARG_INT(v) : ARG_TEXT(NULL))

#define FIELD_COLUMNS "units, locations, processes, systems, exclusions, justification, interfaces"

static int may_change(const struct actor *who, struct err *e)
{
	if (who->role < SCOPE_WRITE_ROLE)
		return err_set(e, 403, "forbidden", "Only ISMS managers and administrators change or approve the scope.");
	return 0;
}

static int blank(const char *v)
{
	if (!v)
		return 1;
	for (; *v; v++)
		if (*v != ' ' && *v != '\t' && *v != '\r' && *v != '\n')
			return 0;
	return 1;
}

int scope_read(struct store *s, struct arena *a, struct scope *out, struct err *e)
{
	struct stmt *st;
	int step;
	memset(out, 0, sizeof(*out));
	if (!(st = store_prepare(s,
				 "SELECT c.version, c.state, c.based_on, c.updated_at, c.updated_by, u.name, "
				 "c.units, c.locations, c.processes, c.systems, c.exclusions, c.justification, c.interfaces "
				 "FROM scope_statement c LEFT JOIN users u ON u.id = c.updated_by WHERE c.id = 1",
				 e)))
		return -1;
	step = stmt_step(st, e);
	if (step == STORE_ROW) {
		out->version = stmt_int(st, 0);
		out->state = arena_strdup(a, stmt_text(st, 1));
		out->based_on = stmt_int(st, 2);
		out->updated_at = arena_strdup(a, stmt_text(st, 3));
		out->updated_by = stmt_isnull(st, 4) ? 0 : stmt_int(st, 4);
		out->updated_by_name = arena_strdup(a, stmt_text(st, 5));
		for (int i = 0; i < SCOPE_NFIELDS; i++)
			out->values[i] = arena_strdup(a, stmt_text(st, 6 + i));
	}
	stmt_done(st);
	if (step < 0)
		return -1;
	if (!(st = store_prepare(s, "SELECT COALESCE(MAX(number), 0) FROM scope_version", e)))
		return -1;
	step = stmt_step(st, e);
	if (step == STORE_ROW)
		out->latest = stmt_int(st, 0);
	stmt_done(st);
	return step == STORE_ROW ? 0 : -1;
}

/* The scope's text and state as JSON, for the audit log. */
static char *audit_json(const struct scope *sc, const char *state, struct arena *a)
{
	struct strbuf sb = STRBUF_INIT;
	char *out;
	int first = 1;
	sb_addc(&sb, '{');
	jsonw_kv_str(&sb, &first, "state", state);
	for (int i = 0; i < SCOPE_NFIELDS; i++)
		jsonw_kv_str(&sb, &first, fields[i].name, sc->values[i]);
	sb_addc(&sb, '}');
	out = arena_strndup(a, sb.buf, sb.len);
	sb_release(&sb);
	return out;
}

static int same(const char *x, const char *y)
{
	return (blank(x) && blank(y)) || (x && y && strcmp(x, y) == 0);
}

static int check_version(const struct scope *cur, int64_t if_version, struct err *e)
{
	if (if_version >= 0 && cur->version != if_version)
		return err_set(e, 412, "stale",
			       "The scope was changed by someone else (now version %lld, you had %lld); reload and retry.",
			       (long long)cur->version, (long long)if_version);
	return 0;
}

int scope_set(struct store *s, const struct actor *who, int64_t if_version, const struct input *in, struct arena *a,
	      struct err *e)
{
	struct scope before, after;
	char now[32];
	int changed = 0, rc = -1;

	if (may_change(who, e) || store_begin(s, e))
		return -1;
	if (scope_read(s, a, &before, e) || check_version(&before, if_version, e))
		goto out;
	after = before;
	for (int i = 0; i < SCOPE_NFIELDS; i++)
		if (in->set[i]) {
			after.values[i] = blank(in->values[i]) ? NULL : in->values[i];
			changed |= !same(before.values[i], after.values[i]);
		}
	if (!changed) { /* nothing to change: not a new version, nor a new draft */
		rc = store_commit(s, e);
		goto out;
	}
	time_now_iso(now);
	/* a change to an approved scope is a new draft of the latest version */
	after.based_on = before.state && strcmp(before.state, "approved") == 0 ? before.latest : before.based_on;
	if (STORE_RUN(s, e,
		      "INSERT INTO scope_statement (id, version, state, " FIELD_COLUMNS ", based_on, updated_at, "
		      "updated_by) VALUES (1, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
		      "version = excluded.version, state = 'draft', units = excluded.units, locations = excluded.locations, "
		      "processes = excluded.processes, systems = excluded.systems, exclusions = excluded.exclusions, "
		      "justification = excluded.justification, interfaces = excluded.interfaces, "
		      "based_on = excluded.based_on, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
		      ARG_INT(before.version + 1), ARG_TEXT(after.values[0]), ARG_TEXT(after.values[1]),
		      ARG_TEXT(after.values[2]), ARG_TEXT(after.values[3]), ARG_TEXT(after.values[4]),
		      ARG_TEXT(after.values[5]), ARG_TEXT(after.values[6]), ARG_INT(after.based_on), ARG_TEXT(now),
		      ARG_USER(who->user_id)))
		goto out;
	if (audit_append(s, who, "scope_update", "scope", 1, before.state ? audit_json(&before, before.state, a) : NULL,
			 audit_json(&after, "draft", a), e))
		goto out;
	rc = store_commit(s, e);
out:
	if (rc)
		store_rollback(s);
	return rc;
}

/* Why the draft cannot be approved as it stands: per field. */
static int check_approvable(const struct scope *sc, struct err *e)
{
	if (blank(sc->values[0]) && blank(sc->values[1]) && blank(sc->values[2]) && blank(sc->values[3])) {
		err_set(e, 422, "empty_scope",
			"An empty scope cannot be approved: name at least one unit, location, process or system in scope.");
		for (int i = 0; i < 4; i++)
			err_field(e, fields[i].name, "empty_scope", "Say what is in scope here, or in one of the other three.");
		return -1;
	}
	if (!blank(sc->values[4]) && blank(sc->values[5]))
		return err_field(e, "justification", "required",
				 "Something is left out of scope: say why, so that an auditor can accept the exclusion.");
	return 0;
}

int scope_approve(struct store *s, const struct actor *who, int64_t if_version, const char *note, struct arena *a,
		  int64_t *number, struct err *e)
{
	struct scope cur;
	struct strbuf after = STRBUF_INIT;
	const char *clean = NULL;
	char now[32];
	int rc = -1, first = 1;

	if (may_change(who, e) || (note && !blank(note) && validate_text(&note_field, note, a, &clean, e)))
		return -1;
	if (store_begin(s, e))
		return -1;
	if (scope_read(s, a, &cur, e) || check_version(&cur, if_version, e))
		goto out;
	if (!cur.state) {
		err_set(e, 409, "nothing_to_approve", "There is no scope to approve yet: write the scope statement first.");
		goto out;
	}
	if (strcmp(cur.state, "approved") == 0) {
		err_set(e, 409, "nothing_to_approve",
			"The scope is already approved as version %lld; change it first to start a new draft.",
			(long long)cur.latest);
		goto out;
	}
	if (check_approvable(&cur, e))
		goto out;
	*number = cur.latest + 1;
	time_now_iso(now);
	if (STORE_RUN(s, e,
		      "INSERT INTO scope_version (number, " FIELD_COLUMNS ", approved_at, approved_by, note) "
		      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		      ARG_INT(*number), ARG_TEXT(cur.values[0]), ARG_TEXT(cur.values[1]), ARG_TEXT(cur.values[2]),
		      ARG_TEXT(cur.values[3]), ARG_TEXT(cur.values[4]), ARG_TEXT(cur.values[5]), ARG_TEXT(cur.values[6]),
		      ARG_TEXT(now), ARG_USER(who->user_id), ARG_TEXT(clean)) ||
	    STORE_RUN(s, e, "UPDATE scope_statement SET state = 'approved', version = version + 1 WHERE id = 1"))
		goto out;
	sb_addc(&after, '{');
	jsonw_kv_int(&after, &first, "number", *number);
	for (int i = 0; i < SCOPE_NFIELDS; i++)
		jsonw_kv_str(&after, &first, fields[i].name, cur.values[i]);
	jsonw_kv_str(&after, &first, "note", clean);
	sb_addc(&after, '}');
	if (audit_append(s, who, "scope_approve", "scope", 1, NULL, after.buf, e))
		goto out;
	rc = store_commit(s, e);
out:
	if (rc)
		store_rollback(s);
	sb_release(&after);
	return rc;
}

#define VERSION_SELECT                                                                                      \
	"SELECT v.number, v.approved_at, v.approved_by, u.name, v.note, v.units, v.locations, v.processes, "   \
	"v.systems, v.exclusions, v.justification, v.interfaces FROM scope_version v "                       \
	"LEFT JOIN users u ON u.id = v.approved_by"

static void read_version(struct stmt *st, struct arena *a, struct scope_version *v)
{
	v->number = stmt_int(st, 0);
	v->approved_at = arena_strdup(a, stmt_text(st, 1));
	v->approved_by = stmt_isnull(st, 2) ? 0 : stmt_int(st, 2);
	v->approved_by_name = arena_strdup(a, stmt_text(st, 3));
	v->note = arena_strdup(a, stmt_text(st, 4));
	for (int i = 0; i < SCOPE_NFIELDS; i++)
		v->values[i] = arena_strdup(a, stmt_text(st, 5 + i));
}

int scope_versions(struct store *s, struct arena *a, struct scope_version **out, int *n, struct err *e)
{
	struct stmt *st = store_prepare(s, VERSION_SELECT " ORDER BY v.number DESC", e);
	int cap = 0, step;
	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		read_version(st, a, &(*out)[(*n)++]);
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

int scope_version_get(struct store *s, int64_t number, struct arena *a, struct scope_version *out, struct err *e)
{
	struct stmt *st = store_prepare(s, VERSION_SELECT " WHERE v.number = ?", e);
	int step;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, number);
	step = stmt_step(st, e);
	if (step == STORE_ROW)
		read_version(st, a, out);
	stmt_done(st);
	if (step == STORE_DONE)
		return err_set(e, 404, "not_found", "There is no approved version %lld of the scope.", (long long)number);
	return step < 0 ? -1 : 0;
}

int scope_compare(const char *const *from, const char *const *to, struct scope_diff *out)
{
	int n = 0;
	for (int i = 0; i < SCOPE_NFIELDS; i++) {
		out[i].field = &fields[i];
		out[i].from = from[i];
		out[i].to = to[i];
		out[i].changed = !same(from[i], to[i]);
		n += out[i].changed;
	}
	return n;
}

static int read_side(struct store *s, const char *name, const char *text, struct arena *a, struct scope_side *out,
		     struct err *e)
{
	struct scope_version v;
	struct scope cur;
	int64_t n;
	memset(out, 0, sizeof(*out));
	if (!text || !*text || strcmp(text, "current") == 0) {
		if (strcmp(name, "from") == 0 && (!text || !*text))
			return err_field(e, name, "required", "Say which version to compare from: a number or \"current\".");
		if (scope_read(s, a, &cur, e))
			return -1;
		if (!cur.state)
			return err_field(e, name, "not_found", "There is no scope yet.");
		memcpy(out->values, cur.values, sizeof(out->values));
		return 0;
	}
	if (parse_int64(text, &n) || n <= 0)
		return err_field(e, name, "invalid", "A version is a whole number from 1, or \"current\".");
	if (scope_version_get(s, n, a, &v, e)) {
		if (e->status != 404)
			return -1;
		err_clear(e);
		return err_field(e, name, "not_found", "There is no approved version %lld of the scope.", (long long)n);
	}
	out->number = n;
	memcpy(out->values, v.values, sizeof(out->values));
	return 0;
}

int scope_sides(struct store *s, const char *from, const char *to, struct arena *a, struct scope_side *f,
		struct scope_side *t, struct err *e)
{
	int rf = read_side(s, "from", from, a, f, e);
	if (rf && !e->nfields)
		return -1;
	if (read_side(s, "to", to, a, t, e) && !e->nfields)
		return -1;
	return e->nfields ? -1 : 0;
}

static void values_json(const char *const *values, struct strbuf *sb, int *first)
{
	for (int i = 0; i < SCOPE_NFIELDS; i++)
		jsonw_kv_str(sb, first, fields[i].name, values[i]);
}

void scope_to_json(const struct scope *sc, struct strbuf *sb)
{
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_str(sb, &first, "state", sc->state);
	jsonw_kv_int(sb, &first, "version", sc->version);
	jsonw_kv_id(sb, &first, "based_on", sc->based_on);
	jsonw_kv_id(sb, &first, "approved_version", sc->latest);
	values_json(sc->values, sb, &first);
	jsonw_kv_str(sb, &first, "updated_at", sc->updated_at);
	jsonw_kv_id(sb, &first, "updated_by", sc->updated_by);
	jsonw_kv_str(sb, &first, "updated_by_name", sc->updated_by_name);
	sb_addc(sb, '}');
}

void scope_version_to_json(const struct scope_version *v, int full, struct strbuf *sb)
{
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &first, "number", v->number);
	jsonw_kv_str(sb, &first, "approved_at", v->approved_at);
	jsonw_kv_id(sb, &first, "approved_by", v->approved_by);
	jsonw_kv_str(sb, &first, "approved_by_name", v->approved_by_name);
	jsonw_kv_str(sb, &first, "note", v->note);
	if (full)
		values_json(v->values, sb, &first);
	sb_addc(sb, '}');
}
