/* link: the table of link kinds and the generic operations on links
 * between records (see link.h): list both directions, add, remove, the
 * choices of an add form, and the link a primary reference field implies. */
#include "isms/link.h"

#include <string.h>

#include "base/jsonw.h"
#include "base/timeutil.h"
#include "base/util.h"
#include "isms/audit.h"
#include "isms/protection.h"

#define LINK_LIST_MAX 500 /* linked records listed per kind and direction */
#define PATH_MAX_STEPS 40 /* assets named in a cycle message */

static const char *const control_relations[] = { "existing", "planned", NULL };

const struct link_kind link_kinds[] = {
	{ "depends_on", "asset", "asset", "Depends on", "Used by", "link_asset_depends_on", LK_ACYCLIC, NULL, NULL,
	  "What this asset needs in order to work: the service that processes it, the system it runs on, "
	  "the site that houses it. Its protection needs pass on to them.",
	  protection_link_changed },
	{ "assets", "risk", "asset", "Assets involved", "Risks", "link_risk_asset", 0, NULL, "asset",
	  "Every asset this scenario could harm. The Asset field names the primary one, which is always listed.",
	  NULL },
	{ "controls", "risk", "control", "Controls", "Risks treated", "link_risk_control", 0, control_relations, NULL,
	  "Controls that already reduce this risk (existing) or that the treatment plan adds (planned).", NULL },
	{ "assets", "incident", "asset", "Affected assets", "Incidents", "link_incident_asset", 0, NULL, "asset",
	  "Every asset the incident harmed or put at risk. The Affected asset field names the main one, which is "
	  "always listed.", NULL },
	{ "risks", "incident", "risk", "Related risks", "Incidents", "link_incident_risk", 0, NULL, NULL,
	  "Risks of the register this incident shows to be real, or that it should make you assess again.", NULL },
	{ "incident", "nonconformity", "incident", "Incident", "Nonconformities", "link_nonconformity_incident", 0,
	  NULL, "incident", "The incident that revealed this nonconformity; the Incident field names it.", NULL },
	{ "party", "party_requirement", "interested_party", "Interested party", "Requirements",
	  "link_party_requirement_party", 0, NULL, "party", "The party that requires it; the Interested party field "
	  "names it.", NULL },
	{ "controls", "party_requirement", "control", "Satisfied by controls", "Party requirements met",
	  "link_party_requirement_control", 0, NULL, NULL,
	  "The controls that together meet this requirement. A requirement with none is not yet shown to be met.", NULL },
	{ "risks", "supplier", "risk", "Related risks", "Suppliers", "link_supplier_risk", 0, NULL, NULL,
	  "Risks that come from this supplier or that it helps to carry: an outage, a breach at their end.", NULL },
	{ "controls", "supplier", "control", "Controls", "Suppliers", "link_supplier_control", 0, NULL, NULL,
	  "Controls that govern this supplier (contract clauses, access reviews) or that it operates for you.", NULL },
};

const int link_kind_count = (int)ARRAY_SIZE(link_kinds);

const struct link_kind *link_kind_find(const struct entity *ent, const char *name)
{
	for (int i = 0; i < link_kind_count; i++)
		if (strcmp(link_kinds[i].from, ent->name) == 0 && streq(link_kinds[i].name, name))
			return &link_kinds[i];
	return NULL;
}

/* ---- who sees what ------------------------------------------------------ */

/* Whether who may read records of ent at all. */
static int can_read_type(const struct actor *who, const struct entity *ent)
{
	return !who || who->role >= ent->read_role;
}

/* Whether who may read record id of ent (a type they may read). */
static int can_read(struct store *s, const struct actor *who, const struct entity *ent, int64_t id, struct arena *a,
		    struct err *e, int *out)
{
	struct record r;
	*out = 0;
	if (!can_read_type(who, ent))
		return 0;
	if (!who || ent->read_scope.all_role == ROLE_ANONYMOUS || who->role >= ent->read_scope.all_role) {
		*out = 1;
		return 0;
	}
	if (record_get(s, ent, id, a, &r, e))
		return e->status == 404 ? (err_clear(e), 0) : -1;
	*out = record_in_scope(ent, &ent->read_scope, who, &r);
	return 0;
}

static const char *title_of(const struct entity *ent, const struct record *r, struct arena *a)
{
	int t = entity_field_index(ent, ent->title_field);
	if (t >= 0 && r->values[t] && r->values[t][0])
		return r->values[t];
	return arena_printf(a, "%s #%lld", ent->label, (long long)r->id);
}

/* ---- listing ------------------------------------------------------------- */

static int primary_of(const struct link_kind *k, const struct record *from, int64_t *out)
{
	const struct entity *fe = entity_by_name(k->from);
	int i = k->primary_field ? entity_field_index(fe, k->primary_field) : -1;
	*out = 0;
	return i >= 0 && from && from->values[i] && parse_int64(from->values[i], out) == 0;
}

static int list_group(struct store *s, const struct actor *who, const struct record *self, struct link_group *g,
		      struct arena *a, struct err *e)
{
	const struct link_kind *k = g->kind;
	const struct entity *other = g->other;
	char sql[400];
	struct stmt *st;
	int step, cap = 0;
	int64_t primary = 0;

	if (!g->reverse)
		primary_of(k, self, &primary);
	snprintf(sql, sizeof(sql),
		 "SELECT o.id, o.%s, o.archived, l.relation, l.created_at, l.created_by FROM %s l JOIN %s o ON o.id = "
		 "l.%s WHERE l.%s = ? ORDER BY o.%s, o.id LIMIT ?",
		 other->title_field, k->table, other->table, g->reverse ? "from_id" : "to_id",
		 g->reverse ? "to_id" : "from_id", other->title_field);
	if (!(st = store_prepare(s, sql, e)))
		return -1;
	stmt_bind_int(st, 1, self->id);
	stmt_bind_int(st, 2, LINK_LIST_MAX);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		struct link_item *it;
		g->items = arena_grow(a, g->items, g->n, &cap, sizeof(*g->items));
		it = &g->items[g->n++];
		it->id = stmt_int(st, 0);
		it->title = arena_strdup(a, stmt_text(st, 1));
		if (!it->title || !*it->title)
			it->title = arena_printf(a, "%s #%lld", other->label, (long long)it->id);
		it->archived = (int)stmt_int(st, 2);
		it->relation = arena_strdup(a, stmt_text(st, 3));
		it->created_at = arena_strdup(a, stmt_text(st, 4));
		it->created_by = stmt_isnull(st, 5) ? 0 : stmt_int(st, 5);
		it->primary = primary && it->id == primary;
	}
	stmt_done(st);
	if (step < 0)
		return -1;
	/* drop what who may not read (a type with per-record read rules) */
	for (int i = 0; i < g->n; i++) {
		int ok;
		if (can_read(s, who, other, g->items[i].id, a, e, &ok))
			return -1;
		if (!ok) {
			memmove(&g->items[i], &g->items[i + 1], sizeof(*g->items) * (size_t)(g->n - i - 1));
			g->n--;
			i--;
		}
	}
	return 0;
}

int link_list(struct store *s, const struct actor *who, const struct entity *ent, int64_t id, struct arena *a,
	      struct link_group **out, int *n, struct err *e)
{
	struct record self;
	struct link_group *groups;
	int ng = 0;

	*out = NULL;
	*n = 0;
	if (record_read(s, who, ent, id, a, &self, e))
		return -1;
	groups = arena_alloc(a, sizeof(*groups) * (size_t)(2 * link_kind_count + 1));
	for (int rev = 0; rev < 2; rev++)
		for (int i = 0; i < link_kind_count; i++) {
			const struct link_kind *k = &link_kinds[i];
			const struct entity *other = entity_by_name(rev ? k->from : k->to);
			struct link_group *g = &groups[ng];
			if (strcmp(rev ? k->to : k->from, ent->name) != 0 || !can_read_type(who, other))
				continue;
			memset(g, 0, sizeof(*g));
			g->kind = k;
			g->reverse = rev;
			g->other = other;
			g->writable = !rev && !self.archived && (!who || record_can_write(ent, who, &self));
			if (list_group(s, who, &self, g, a, e))
				return -1;
			ng++;
		}
	*out = groups;
	*n = ng;
	return 0;
}

void link_groups_json(const struct link_group *g, int n, struct strbuf *sb)
{
	sb_adds(sb, "{\"kinds\":[");
	for (int i = 0; i < n; i++) {
		int first = 1;
		if (i)
			sb_addc(sb, ',');
		sb_addc(sb, '{');
		jsonw_kv_str(sb, &first, "kind", g[i].kind->name);
		jsonw_kv_str(sb, &first, "direction", g[i].reverse ? "incoming" : "outgoing");
		jsonw_kv_str(sb, &first, "label", g[i].reverse ? g[i].kind->reverse_label : g[i].kind->label);
		jsonw_kv_str(sb, &first, "type", g[i].other->name);
		jsonw_kv_bool(sb, &first, "writable", g[i].writable);
		jsonw_key(sb, &first, "items");
		sb_addc(sb, '[');
		for (int j = 0; j < g[i].n; j++) {
			const struct link_item *it = &g[i].items[j];
			int f2 = 1;
			if (j)
				sb_addc(sb, ',');
			sb_addc(sb, '{');
			jsonw_kv_int(sb, &f2, "id", it->id);
			jsonw_kv_str(sb, &f2, "title", it->title);
			jsonw_kv_bool(sb, &f2, "archived", it->archived);
			jsonw_kv_str(sb, &f2, "relation", it->relation);
			jsonw_kv_bool(sb, &f2, "primary", it->primary);
			jsonw_kv_str(sb, &f2, "created_at", it->created_at);
			jsonw_kv_id(sb, &f2, "created_by", it->created_by);
			sb_addc(sb, '}');
		}
		sb_adds(sb, "]}");
	}
	sb_adds(sb, "]}");
}

/* ---- changing ------------------------------------------------------------ */

/* The from record, if who may change its links: 404 unseen, 403 not
 * theirs or below the type's write role, 409 archived. */
static int load_from(struct store *s, const struct actor *who, const struct entity *fe, int64_t id,
		     struct arena *a, struct record *out, struct err *e)
{
	if (record_get(s, fe, id, a, out, e) || record_check_change(fe, who, out, e))
		return -1;
	if (who->role < fe->write_role)
		return err_set(e, 403, "forbidden", "Your role does not allow changing %s records.", fe->name);
	if (out->archived)
		return err_set(e, 409, "archived", "This %s is archived and its links can no longer be changed.",
			       fe->name);
	return 0;
}

/* The target: a live record of the kind's type that who may read. */
static int load_target(struct store *s, const struct actor *who, const struct entity *te, int64_t id,
		       struct arena *a, struct record *out, struct err *e)
{
	int ok = 0;
	if (record_get(s, te, id, a, out, e)) {
		if (e->status != 404)
			return -1;
		err_clear(e);
	} else if (can_read(s, who, te, id, a, e, &ok)) {
		return -1;
	}
	if (!ok)
		return err_field(e, "id", "reference", "No %s with id %lld.", te->name, (long long)id);
	if (out->archived)
		return err_field(e, "id", "archived", "%s #%lld (%s) is archived: it can no longer be linked.", te->label,
				 (long long)id, title_of(te, out, a));
	return 0;
}

static int link_exists(struct store *s, const struct link_kind *k, int64_t from_id, int64_t to_id, int *out,
		       const char **relation, struct arena *a, struct err *e)
{
	char sql[160];
	struct stmt *st;
	int step;
	snprintf(sql, sizeof(sql), "SELECT relation FROM %s WHERE from_id = ? AND to_id = ?", k->table);
	if (!(st = store_prepare(s, sql, e)))
		return -1;
	stmt_bind_int(st, 1, from_id);
	stmt_bind_int(st, 2, to_id);
	step = stmt_step(st, e);
	*out = step == STORE_ROW;
	if (relation)
		*relation = step == STORE_ROW ? arena_strdup(a, stmt_text(st, 0)) : NULL;
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

/* A path of links from start to goal, as ids (path[0] = start), found one
 * step at a time: each step takes a next record from which goal can still
 * be reached (the goal's ancestors, by a recursive query). *n = 0 when
 * goal cannot be reached. */
static int find_path(struct store *s, const struct link_kind *k, int64_t start, int64_t goal, int64_t *path, int *n,
		     struct err *e)
{
	const struct entity *te = entity_by_name(k->to);
	char sql[512];
	int64_t cur = start;
	*n = 0;
	snprintf(sql, sizeof(sql),
		 "WITH RECURSIVE up(id) AS (SELECT id FROM %s WHERE id = ? UNION SELECT l.from_id FROM %s l JOIN up "
		 "ON l.to_id = up.id) SELECT l.to_id FROM %s l JOIN up ON up.id = l.to_id WHERE l.from_id = ? "
		 "ORDER BY l.to_id LIMIT 1",
		 te->table, k->table, k->table);
	path[(*n)++] = start;
	while (cur != goal) {
		struct stmt *st = store_prepare(s, sql, e);
		int step;
		if (!st)
			return -1;
		stmt_bind_int(st, 1, goal);
		stmt_bind_int(st, 2, cur);
		step = stmt_step(st, e);
		if (step == STORE_ROW)
			cur = stmt_int(st, 0);
		stmt_done(st);
		if (step < 0)
			return -1;
		if (step == STORE_DONE) {
			*n = 0;
			return 0;
		}
		if (*n < PATH_MAX_STEPS)
			path[(*n)++] = cur;
		else
			break;
	}
	return 0;
}

#define PATH_NAME_MAX 40 /* code points of a name in a path */
#define PATH_TEXT_MAX 110 /* bytes of a path before its middle is left out */

/* name cut to max code points, with an ellipsis when cut. */
static const char *clip_name(const char *name, int max, struct arena *a)
{
	int n = 0;
	for (size_t i = 0; name[i]; i++)
		if (((unsigned char)name[i] & 0xc0) != 0x80 && n++ == max)
			return arena_printf(a, "%.*s…", (int)i, name);
	return name;
}

/* Drops an incomplete UTF-8 sequence a length-bounded message may end with. */
static void utf8_trim(char *msg)
{
	size_t n = strlen(msg), k = n;
	while (k > 0 && ((unsigned char)msg[k - 1] & 0xc0) == 0x80)
		k--;
	if (k > 0 && ((unsigned char)msg[k - 1] & 0x80)) {
		unsigned char lead = (unsigned char)msg[k - 1];
		size_t want = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
		if (n - (k - 1) < want)
			msg[k - 1] = '\0';
	}
}

/* "A → B → C": the names of the records on path; a long one keeps its
 * start and its end ("A → B → … → Z"). */
static const char *path_text(struct store *s, const struct entity *ent, const int64_t *path, int n, int cut,
			     struct arena *a)
{
	struct strbuf sb = STRBUF_INIT;
	const char *out;
	for (int i = 0; i < n; i++) {
		struct record r;
		struct err ignore = ERR_INIT;
		if (i && i < n - 1 && sb.len > PATH_TEXT_MAX) {
			sb_adds(&sb, " → …");
			i = n - 1;
		}
		if (i)
			sb_adds(&sb, " → ");
		if (record_get(s, ent, path[i], a, &r, &ignore) == 0)
			sb_adds(&sb, clip_name(title_of(ent, &r, a), PATH_NAME_MAX, a));
		else
			sb_addf(&sb, "#%lld", (long long)path[i]);
	}
	if (cut)
		sb_adds(&sb, " → …");
	out = arena_strndup(a, sb.buf, sb.len);
	sb_release(&sb);
	return out;
}

/* A refusal when linking from_id to to_id would close a cycle. */
static int check_cycle(struct store *s, const struct link_kind *k, const struct record *from,
		       const struct record *to, struct arena *a, struct err *e)
{
	const struct entity *ent = entity_by_name(k->from);
	int64_t *path = arena_alloc(a, sizeof(int64_t) * (PATH_MAX_STEPS + 2));
	const char *text;
	int n;
	if (find_path(s, k, to->id, from->id, path, &n, e))
		return -1;
	if (n == 0)
		return 0;
	text = path_text(s, ent, path, n, path[n - 1] != from->id, a);
	const char *name = clip_name(title_of(ent, from, a), PATH_NAME_MAX, a);
	err_set(e, 422, "cycle", "Cannot link: %s → %s would close a circle, because %s already (each arrow: %s).",
		name, clip_name(title_of(ent, to, a), PATH_NAME_MAX, a), text, k->label);
	if (strlen(name) + strlen(text) + 32 < sizeof(e->fields[0].message))
		err_field(e, "id", "cycle", "Would close the circle %s → %s.", name, text);
	else
		err_field(e, "id", "cycle", "Would close a circle of %d records back to %s.", n + 1, name);
	utf8_trim(e->message);
	utf8_trim(e->fields[e->nfields - 1].message);
	return -1;
}

static const char *audit_json(const struct link_kind *k, const struct entity *te, const struct record *to,
			      const char *relation, struct arena *a)
{
	struct strbuf sb = STRBUF_INIT;
	const char *out;
	int first = 1;
	sb_addc(&sb, '{');
	jsonw_kv_str(&sb, &first, "kind", k->name);
	jsonw_kv_str(&sb, &first, "label",
		     relation ? arena_printf(a, "%s (%s)", k->label, relation) : k->label);
	jsonw_kv_str(&sb, &first, "to_type", te->name);
	jsonw_kv_int(&sb, &first, "to_id", to->id);
	jsonw_kv_str(&sb, &first, "to_title", title_of(te, to, a));
	jsonw_kv_str(&sb, &first, "relation", relation);
	sb_addc(&sb, '}');
	out = arena_strndup(a, sb.buf, sb.len);
	sb_release(&sb);
	return out;
}

/* Inserts the link, runs the kind's hook and audits it; in a transaction. */
static int insert_link(struct store *s, const struct actor *who, const struct link_kind *k, int64_t from_id,
		       const struct record *to, const char *relation, struct arena *a, struct err *e)
{
	char sql[200], now[32];
	time_now_iso(now);
	snprintf(sql, sizeof(sql), "INSERT INTO %s (from_id, to_id, relation, created_at, created_by) VALUES (?, ?, ?, ?, ?)",
		 k->table);
	if (STORE_RUN(s, e, sql, ARG_INT(from_id), ARG_INT(to->id), ARG_TEXT(relation), ARG_TEXT(now),
		      who->user_id ? ARG_INT(who->user_id) : ARG_TEXT(NULL)))
		return -1;
	/* the link's entry first, then what follows from it (inherited needs) */
	if (audit_append(s, who, "link_add", k->from, from_id, NULL,
			 audit_json(k, entity_by_name(k->to), to, relation, a), e))
		return -1;
	return k->changed ? k->changed(s, who, from_id, to->id, a, e) : 0;
}

static int check_relation(const struct link_kind *k, const char **relation, struct err *e)
{
	if (!k->relations) {
		if (*relation)
			return err_field(e, "relation", "unknown_field", "Links of kind %s have no relation.", k->name);
		return 0;
	}
	if (!*relation) {
		*relation = k->relations[0];
		return 0;
	}
	for (const char *const *v = k->relations; *v; v++)
		if (strcmp(*v, *relation) == 0)
			return 0;
	{
		char list[120] = "";
		size_t len = 0;
		for (const char *const *v = k->relations; *v; v++)
			len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s", len ? ", " : "", *v);
		return err_field(e, "relation", "enum", "Must be one of: %s.", list);
	}
}

int link_add(struct store *s, const struct actor *who, const struct link_kind *k, int64_t from_id, int64_t to_id,
	     const char *relation, struct arena *a, struct err *e)
{
	const struct entity *fe = entity_by_name(k->from), *te = entity_by_name(k->to);
	struct record from, to;
	int exists, rc = -1;

	if (check_relation(k, &relation, e))
		return -1;
	if (store_begin(s, e))
		return -1;
	if (load_from(s, who, fe, from_id, a, &from, e))
		goto out;
	if (fe == te && from_id == to_id) {
		err_field(e, "id", "self_link", "A record cannot be linked to itself.");
		snprintf(e->code, sizeof(e->code), "self_link");
		snprintf(e->message, sizeof(e->message), "%s cannot %s itself.", title_of(fe, &from, a), k->label);
		goto out;
	}
	if (load_target(s, who, te, to_id, a, &to, e) || link_exists(s, k, from_id, to_id, &exists, NULL, a, e))
		goto out;
	if (exists) {
		err_set(e, 409, "duplicate", "%s is already linked to %s #%lld (%s).", title_of(fe, &from, a), te->name,
			(long long)to_id, title_of(te, &to, a));
		goto out;
	}
	if ((k->flags & LK_ACYCLIC) && check_cycle(s, k, &from, &to, a, e))
		goto out;
	if (insert_link(s, who, k, from_id, &to, relation, a, e))
		goto out;
	rc = store_commit(s, e);
out:
	if (rc)
		store_rollback(s);
	return rc;
}

int link_remove(struct store *s, const struct actor *who, const struct link_kind *k, int64_t from_id,
		int64_t to_id, struct arena *a, struct err *e)
{
	const struct entity *fe = entity_by_name(k->from), *te = entity_by_name(k->to);
	struct record from, to;
	const char *relation = NULL;
	char sql[160];
	int64_t primary;
	int exists, rc = -1;

	if (store_begin(s, e))
		return -1;
	if (load_from(s, who, fe, from_id, a, &from, e) ||
	    link_exists(s, k, from_id, to_id, &exists, &relation, a, e))
		goto out;
	if (!exists) {
		err_set(e, 404, "no_link", "%s has no link of kind %s to %s #%lld.", title_of(fe, &from, a), k->name,
			te->name, (long long)to_id);
		goto out;
	}
	if (primary_of(k, &from, &primary) && primary == to_id) {
		err_set(e, 409, "primary", "%s #%lld is this %s's primary %s (the %s field): choose another one there "
			"or clear it first.", te->label, (long long)to_id, fe->name, te->name,
			entity_field(fe, k->primary_field)->label);
		goto out;
	}
	if (record_get(s, te, to_id, a, &to, e))
		goto out;
	snprintf(sql, sizeof(sql), "DELETE FROM %s WHERE from_id = ? AND to_id = ?", k->table);
	if (STORE_RUN(s, e, sql, ARG_INT(from_id), ARG_INT(to_id)))
		goto out;
	if (audit_append(s, who, "link_remove", k->from, from_id, audit_json(k, te, &to, relation, a), NULL, e) ||
	    (k->changed && k->changed(s, who, from_id, to_id, a, e)))
		goto out;
	rc = store_commit(s, e);
out:
	if (rc)
		store_rollback(s);
	return rc;
}

int link_candidates(struct store *s, const struct actor *who, const struct link_kind *k, int64_t from_id, int max,
		    struct arena *a, struct ref_option **out, struct err *e)
{
	const struct entity *fe = entity_by_name(k->from), *te = entity_by_name(k->to);
	char sql[700];
	struct stmt *st;
	int n = 0, step, idx = 1;
	size_t len = 0;

	*out = arena_alloc(a, sizeof(struct ref_option) * (size_t)(max > 0 ? max : 1));
	if (!can_read_type(who, te))
		return 0;
	/* for an acyclic kind, the record itself and whatever already depends
	 * on it, directly or not, are no choice: they would close a circle */
	if (k->flags & LK_ACYCLIC)
		len += (size_t)snprintf(sql + len, sizeof(sql) - len,
					"WITH RECURSIVE up(id) AS (SELECT id FROM %s WHERE id = ? UNION SELECT l.from_id "
					"FROM %s l JOIN up ON l.to_id = up.id) ",
					fe->table, k->table);
	len += (size_t)snprintf(sql + len, sizeof(sql) - len,
				"SELECT o.id, o.%s FROM %s o WHERE o.archived = 0 AND NOT EXISTS (SELECT 1 FROM %s l WHERE "
				"l.from_id = ? AND l.to_id = o.id)%s ORDER BY o.%s, o.id LIMIT ?",
				te->title_field, te->table, k->table,
				k->flags & LK_ACYCLIC ? " AND o.id NOT IN (SELECT id FROM up)" : "", te->title_field);
	if (!(st = store_prepare(s, sql, e)))
		return -1;
	if (k->flags & LK_ACYCLIC)
		stmt_bind_int(st, idx++, from_id);
	stmt_bind_int(st, idx++, from_id);
	stmt_bind_int(st, idx, max);
	while ((step = stmt_step(st, e)) == STORE_ROW && n < max) {
		(*out)[n].id = stmt_int(st, 0);
		(*out)[n].title = arena_strdup(a, stmt_text(st, 1));
		n++;
	}
	stmt_done(st);
	if (step < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		int ok;
		if (can_read(s, who, te, (*out)[i].id, a, e, &ok))
			return -1;
		if (!ok) {
			memmove(&(*out)[i], &(*out)[i + 1], sizeof(**out) * (size_t)(n - i - 1));
			n--;
			i--;
		}
	}
	return n;
}

int link_record_written(struct store *s, const struct actor *who, const struct entity *ent, int64_t id,
			struct arena *a, struct err *e)
{
	for (int i = 0; i < link_kind_count; i++) {
		const struct link_kind *k = &link_kinds[i];
		struct record from, to;
		int64_t primary;
		int exists;
		if (!k->primary_field || strcmp(k->from, ent->name) != 0)
			continue;
		if (record_get(s, ent, id, a, &from, e))
			return -1;
		if (!primary_of(k, &from, &primary))
			continue;
		if (link_exists(s, k, id, primary, &exists, NULL, a, e))
			return -1;
		if (exists)
			continue;
		if (record_get(s, entity_by_name(k->to), primary, a, &to, e) ||
		    insert_link(s, who, k, id, &to, k->relations ? k->relations[0] : NULL, a, e))
			return -1;
	}
	return 0;
}
