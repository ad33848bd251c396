#include "isms/internal_audit.h"

#include <jansson.h>
#include <string.h>
#include <strings.h>

#include "base/jsonw.h"
#include "base/timeutil.h"
#include "base/util.h"
#include "isms/audit.h"
#include "isms/group.h"

const char *const audit_results[AUDIT_NRESULTS + 1] = {
	"conforming", "minor_nc", "major_nc", "observation", "opportunity_for_improvement", "not_checked", NULL,
};

/* Status order; a change moves one step forward or back. */
static const char *const statuses[] = { "planned", "in_progress", "reported", "closed" };

#define TEXT_MAX 8000

int audit_result_index(const char *result)
{
	for (int i = 0; result && i < AUDIT_NRESULTS; i++)
		if (strcmp(audit_results[i], result) == 0)
			return i;
	return -1;
}

static const struct entity *audit_ent(void)
{
	return entity_by_name("internal_audit");
}

static const char *value(const struct record *r, const char *field)
{
	return r->values[entity_field_index(audit_ent(), field)];
}

static void set_value(struct input *in, const char *name, const char *v)
{
	int i = entity_field_index(audit_ent(), name);
	in->set[i] = 1;
	in->values[i] = v;
}

static int status_rank(const char *s)
{
	for (int i = 0; s && i < (int)ARRAY_SIZE(statuses); i++)
		if (strcmp(statuses[i], s) == 0)
			return i;
	return -1;
}

static char *today_in(struct arena *a)
{
	char *d = arena_alloc(a, 16);
	time_today_plus_months(0, d);
	return d;
}

/* ---- criteria: the requirements a selection of a framework names ---- */

struct crit_node {
	int64_t id, parent;
	const char *ref, *title, *guidance;
	int assessable, in; /* in: selected, or under a selected node */
};

static int crit_index(const struct crit_node *n, int count, int64_t id)
{
	int lo = 0, hi = count - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (n[mid].id == id)
			return mid;
		if (n[mid].id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* The framework's nodes in document order (ids ascend with it), each marked
 * in when refs (comma-separated ref ids; NULL or blank: all) selects it or
 * an ancestor. 422 on criteria_refs naming a ref id the framework lacks. */
static int criteria_select(struct store *s, int64_t fw, const char *refs, struct arena *a, struct crit_node **out,
			   int *count, struct err *e)
{
	struct stmt *st = store_prepare(s, "SELECT id, parent_id, ref_id, title, guidance, assessable FROM requirement "
					   "WHERE framework_id = ? ORDER BY id", e);
	struct crit_node *n = NULL;
	int cap = 0, c = 0, step, all = 1;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, fw);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		n = arena_grow(a, n, c, &cap, sizeof(*n));
		n[c].id = stmt_int(st, 0);
		n[c].parent = stmt_isnull(st, 1) ? 0 : stmt_int(st, 1);
		n[c].ref = arena_strdup(a, stmt_text(st, 2));
		n[c].title = arena_strdup(a, stmt_text(st, 3));
		n[c].guidance = arena_strdup(a, stmt_text(st, 4));
		n[c].assessable = (int)stmt_int(st, 5);
		n[c].in = 0;
		c++;
	}
	stmt_done(st);
	if (step < 0)
		return -1;
	for (const char *p = refs ? refs : ""; *p;) {
		size_t len = strcspn(p, ",;");
		const char *tok = p;
		size_t tl = len;
		int found = 0;
		while (tl && (*tok == ' ' || *tok == '\t'))
			tok++, tl--;
		while (tl && (tok[tl - 1] == ' ' || tok[tl - 1] == '\t'))
			tl--;
		if (tl) {
			all = 0;
			for (int i = 0; i < c; i++)
				if (n[i].ref && strlen(n[i].ref) == tl && strncasecmp(n[i].ref, tok, tl) == 0) {
					n[i].in = 1;
					found = 1;
				}
			if (!found)
				return err_field(e, "criteria_refs", "unknown_ref", "The framework has no section or "
						 "requirement '%.*s'.", (int)(tl > 40 ? 40 : tl), tok);
		}
		p += len + (p[len] ? 1 : 0);
	}
	for (int i = 0; i < c; i++) {
		int pi = n[i].parent ? crit_index(n, c, n[i].parent) : -1;
		if (all || (pi >= 0 && pi < i && n[pi].in))
			n[i].in = 1;
	}
	*out = n;
	*count = c;
	return 0;
}

/* ---- the record rule ---- */

static const char *user_name(struct store *s, const char *id, struct arena *a, struct err *e)
{
	struct stmt *st = store_prepare(s, "SELECT name FROM users WHERE id = ?", e);
	const char *name = NULL;
	int64_t uid;
	if (!st)
		return NULL;
	stmt_bind_int(st, 1, parse_int64(id, &uid) ? 0 : uid);
	if (stmt_step(st, e) == STORE_ROW)
		name = arena_strdup(a, stmt_text(st, 0));
	stmt_done(st);
	return name ? name : id;
}

/* Who on the team owns the area or belongs to its staff group, in words;
 * NULL when nobody does. */
static int independence(struct store *s, const struct record *before, const struct input *in, struct arena *a,
			const char **warning, struct err *e)
{
	static const struct {
		const char *field, *role;
	} team[] = { { "lead_auditor", "lead auditor" }, { "auditor_2", "team member" }, { "auditor_3", "team member" } };
	const struct entity *ent = audit_ent(), *area_ent = entity_by_name("audit_area");
	const char *area_id = record_after_value(ent, before, in, "area");
	struct strbuf sb = STRBUF_INIT;
	struct record area;
	struct group g = { 0 };
	int64_t aid, gid = 0;
	const char *owner, *group;
	*warning = NULL;
	if (!area_id || parse_int64(area_id, &aid) || record_get(s, area_ent, aid, a, &area, e))
		return area_id ? -1 : 0;
	owner = area.values[entity_field_index(area_ent, "owner")];
	group = area.values[entity_field_index(area_ent, "group_id")];
	if (group && !parse_int64(group, &gid) && group_get(s, gid, a, &g, e)) {
		err_clear(e); /* a group deleted since: nobody belongs to it */
		gid = 0;
	}
	for (size_t k = 0; k < ARRAY_SIZE(team); k++) {
		const char *who = record_after_value(ent, before, in, team[k].field);
		int64_t uid;
		int member = 0;
		if (!who || parse_int64(who, &uid))
			continue;
		if (gid && group_has_member(s, gid, uid, &member, e))
			goto fail;
		if (!streq(who, owner) && !member)
			continue;
		sb_addf(&sb, "%s%s (%s) %s the area %s", sb.len ? "; " : "", user_name(s, who, a, e), team[k].role,
			streq(who, owner) ? "owns" : "belongs to the staff group of",
			area.values[entity_field_index(area_ent, "name")]);
		if (streq(who, owner) && member)
			sb_adds(&sb, " and belongs to its staff group");
	}
	if (sb.len)
		*warning = arena_printf(a, "%s. An auditor should not audit their own work: choose another auditor, or "
					   "acknowledge the warning.", sb.buf);
	sb_release(&sb);
	return 0;
fail:
	sb_release(&sb);
	return -1;
}

int internal_audit_prepare(struct store *s, const struct record *before, struct input *in, struct arena *a,
			   struct err *e)
{
	const struct entity *ent = audit_ent();
	const char *status = record_after_value(ent, before, in, "status");
	const char *was = before ? value(before, "status") : NULL;
	const char *ps = record_after_value(ent, before, in, "planned_start");
	const char *pe = record_after_value(ent, before, in, "planned_end");
	const char *fw = record_after_value(ent, before, in, "criteria_framework");
	const char *refs = record_after_value(ent, before, in, "criteria_refs");
	const char *warning, *old_warning = before ? value(before, "independence_warning") : NULL;
	int to = status_rank(status), from = before ? status_rank(was) : -1;

	if (to >= 0 && (!before ? to > 1 : (to - from > 1 || from - to > 1)))
		err_field(e, "status", "bad_transition", "An audit moves one step at a time: from %s it can go to "
			  "%s.", before ? was : "nothing", !before ? "planned or in progress" :
			  from == 0 ? "in progress" : from == 1 ? "planned or reported" : from == 2 ? "in progress or "
			  "closed" : "reported");
	if (to >= 1 && !record_after_value(ent, before, in, "actual_start"))
		set_value(in, "actual_start", today_in(a));
	if (to >= 2 && from < 2) {
		if (!record_after_value(ent, before, in, "conclusion"))
			err_field(e, "conclusion", "required", "Write the audit's conclusion before it is reported.");
		if (!record_after_value(ent, before, in, "actual_end"))
			set_value(in, "actual_end", today_in(a));
	}
	if (ps && pe && strcmp(pe, ps) < 0)
		err_field(e, "planned_end", "before_start", "The planned end is before the planned start.");
	{
		const char *as = record_after_value(ent, before, in, "actual_start");
		const char *ae = record_after_value(ent, before, in, "actual_end");
		if (as && ae && strcmp(ae, as) < 0)
			err_field(e, "actual_end", "before_start", "The audit cannot end before it started.");
	}
	if (refs && !fw)
		err_field(e, "criteria_framework", "required", "Choose the framework the sections belong to.");
	if (fw) {
		struct crit_node *n;
		int c, any = 0;
		int64_t id;
		if (parse_int64(fw, &id) || criteria_select(s, id, refs, a, &n, &c, e)) {
			if (e->status != 422)
				return -1;
		} else if (c == 0) {
			err_field(e, "criteria_framework", "unknown_framework", "No framework is installed with number "
				  "%lld: see Frameworks.", (long long)id);
		} else {
			for (int i = 0; i < c; i++)
				any |= n[i].in && n[i].assessable;
			if (!any)
				err_field(e, "criteria_refs", "nothing_to_check", "These sections hold no requirement to "
					  "check.");
		}
	}
	if (e->status)
		return -1;
	if (independence(s, before, in, a, &warning, e))
		return -1;
	set_value(in, "independence_warning", warning);
	/* a new or different warning needs a new acknowledgement */
	if (warning && !streq(warning, old_warning) && !in->set[entity_field_index(ent, "independence_ack")])
		set_value(in, "independence_ack", "0");
	return 0;
}

void internal_audit_warnings(const struct record *r, struct strbuf *sb)
{
	const char *w = value(r, "independence_warning");
	int first = 1;
	if (!w) {
		sb_adds(sb, "[]");
		return;
	}
	sb_adds(sb, "[{");
	jsonw_kv_str(sb, &first, "field", "lead_auditor");
	jsonw_kv_str(sb, &first, "code", "independence");
	jsonw_kv_str(sb, &first, "message", w);
	jsonw_kv_bool(sb, &first, "acknowledged", streq(value(r, "independence_ack"), "1"));
	sb_adds(sb, "}]");
}

/* ---- the checklist ---- */

static int item_has_work(struct stmt *st)
{
	return !streq(stmt_text(st, 2), "not_checked") || !stmt_isnull(st, 3) || !stmt_isnull(st, 4) ||
	       !stmt_isnull(st, 5);
}

int internal_audit_changed(struct store *s, const struct actor *who, int64_t id, struct arena *a, struct err *e)
{
	struct record r;
	struct crit_node *n = NULL;
	int c = 0, same = 1, k = 0, work = 0, step;
	int64_t fw;
	struct stmt *st;
	(void)who;
	if (record_get(s, audit_ent(), id, a, &r, e))
		return -1;
	if (value(&r, "criteria_framework") && !parse_int64(value(&r, "criteria_framework"), &fw) &&
	    criteria_select(s, fw, value(&r, "criteria_refs"), a, &n, &c, e))
		return -1;
	if (!(st = store_prepare(s, "SELECT id, requirement_id, result, evidence, notes, nonconformity_id "
				    "FROM audit_item WHERE audit_id = ? ORDER BY ordinal", e)))
		return -1;
	stmt_bind_int(st, 1, id);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		while (k < c && !(n[k].in && n[k].assessable))
			k++;
		if (k >= c || n[k].id != stmt_int(st, 1))
			same = 0;
		k++;
		work |= item_has_work(st);
	}
	stmt_done(st);
	if (step < 0)
		return -1;
	while (k < c && !(n[k].in && n[k].assessable))
		k++;
	if (same && k >= c)
		return 0;
	if (work) {
		err_field(e, "criteria_framework", "checklist_has_results", "The checklist holds results: the "
			  "criteria can no longer change.");
		return err_set(e, 409, "checklist_has_results", "The checklist already holds results, evidence or "
			       "nonconformities; the criteria can no longer change.");
	}
	if (STORE_RUN(s, e, "DELETE FROM audit_item WHERE audit_id = ?", ARG_INT(id)))
		return -1;
	for (int i = 0, ord = 0; i < c; i++) {
		if (!n[i].in || !n[i].assessable)
			continue;
		if (STORE_RUN(s, e, "INSERT INTO audit_item (audit_id, requirement_id, ordinal, ref_id, title, guidance, "
				    "result, version) VALUES (?, ?, ?, ?, ?, ?, 'not_checked', 1)",
			      ARG_INT(id), ARG_INT(n[i].id), ARG_INT(++ord), ARG_TEXT(n[i].ref), ARG_TEXT(n[i].title),
			      ARG_TEXT(n[i].guidance)))
			return -1;
	}
	return 0;
}

#define ITEM_COLUMNS                                                                                         \
	"i.id, i.audit_id, i.requirement_id, i.ordinal, i.version, i.ref_id, i.title, i.guidance, i.result, "   \
	"i.evidence, i.notes, i.updated_at, i.nonconformity_id, n.status"

static void item_read(struct stmt *st, struct arena *a, struct audit_item *it)
{
	it->id = stmt_int(st, 0);
	it->audit_id = stmt_int(st, 1);
	it->requirement_id = stmt_int(st, 2);
	it->ordinal = stmt_int(st, 3);
	it->version = stmt_int(st, 4);
	it->ref_id = arena_strdup(a, stmt_text(st, 5));
	it->title = arena_strdup(a, stmt_text(st, 6));
	it->guidance = arena_strdup(a, stmt_text(st, 7));
	it->result = arena_strdup(a, stmt_text(st, 8));
	it->evidence = arena_strdup(a, stmt_text(st, 9));
	it->notes = arena_strdup(a, stmt_text(st, 10));
	it->updated_at = arena_strdup(a, stmt_text(st, 11));
	it->nonconformity_id = stmt_isnull(st, 12) ? 0 : stmt_int(st, 12);
	it->nonconformity_status = arena_strdup(a, stmt_text(st, 13));
}

static int items_query(struct store *s, int64_t audit_id, int64_t item_id, struct arena *a, struct audit_item **out,
		       int *n, struct err *e)
{
	struct stmt *st = store_prepare(s, item_id ? "SELECT " ITEM_COLUMNS " FROM audit_item i LEFT JOIN nonconformity n "
						     "ON n.id = i.nonconformity_id WHERE i.audit_id = ? AND i.id = ?"
						   : "SELECT " ITEM_COLUMNS " FROM audit_item i LEFT JOIN nonconformity n "
						     "ON n.id = i.nonconformity_id WHERE i.audit_id = ? AND i.id <> ? "
						     "ORDER BY i.ordinal", e);
	int cap = 0, step;
	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, audit_id);
	stmt_bind_int(st, 2, item_id);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		item_read(st, a, &(*out)[(*n)++]);
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

int audit_checklist(struct store *s, int64_t audit_id, struct arena *a, struct audit_item **out, int *n,
		    struct err *e)
{
	return items_query(s, audit_id, 0, a, out, n, e);
}

void audit_item_json(const struct audit_item *it, struct strbuf *sb)
{
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &first, "id", it->id);
	jsonw_kv_int(sb, &first, "requirement_id", it->requirement_id);
	jsonw_kv_str(sb, &first, "ref_id", it->ref_id);
	jsonw_kv_str(sb, &first, "title", it->title);
	jsonw_kv_str(sb, &first, "guidance", it->guidance);
	jsonw_kv_str(sb, &first, "result", it->result);
	jsonw_kv_str(sb, &first, "evidence", it->evidence);
	jsonw_kv_str(sb, &first, "notes", it->notes);
	jsonw_kv_id(sb, &first, "nonconformity_id", it->nonconformity_id);
	jsonw_kv_str(sb, &first, "nonconformity_status", it->nonconformity_status);
	jsonw_kv_int(sb, &first, "version", it->version);
	jsonw_kv_str(sb, &first, "updated_at", it->updated_at);
	sb_addc(sb, '}');
}

/* The audit, for a change by who to its checklist: 404 when out of their
 * read scope, 403 when they may not change it, 409 when archived or when
 * its status is not among allowed (a NULL-terminated list). */
static int audit_for_change(struct store *s, const struct actor *who, int64_t audit_id,
			    const char *const *allowed, const char *why, struct arena *a, struct record *r,
			    struct err *e)
{
	const struct entity *ent = audit_ent();
	int ok = 0;
	if (record_read(s, who, ent, audit_id, a, r, e) || record_check_change(ent, who, r, e))
		return -1;
	if (who && who->user_id && who->role < ent->write_role)
		return err_set(e, 403, "forbidden", "Only the audit team and ISMS managers change an audit.");
	if (r->archived)
		return err_set(e, 409, "archived", "The audit is archived.");
	for (int i = 0; allowed[i]; i++)
		ok |= streq(value(r, "status"), allowed[i]);
	if (!ok)
		return err_set(e, 409, "wrong_status", "%s", why);
	return 0;
}

static void item_audit_json(const struct audit_item *it, struct strbuf *sb)
{
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &first, "item", it->id);
	jsonw_kv_str(sb, &first, "ref_id", it->ref_id);
	jsonw_kv_str(sb, &first, "title", it->title);
	jsonw_kv_str(sb, &first, "result", it->result);
	jsonw_kv_str(sb, &first, "evidence", it->evidence);
	jsonw_kv_str(sb, &first, "notes", it->notes);
	jsonw_kv_id(sb, &first, "nonconformity_id", it->nonconformity_id);
	sb_addc(sb, '}');
}

/* Checks one change: the per-field error names field with prefix (say "items[3].") when given. */
static int change_check(const struct audit_item_change *c, const char *prefix, struct arena *a, struct err *e)
{
	if (c->result && audit_result_index(c->result) < 0)
		err_field(e, arena_printf(a, "%sresult", prefix), "bad_value", "A result is one of conforming, minor_nc, "
			  "major_nc, observation, opportunity_for_improvement, not_checked.");
	if (c->evidence && utf8_length(c->evidence) > TEXT_MAX)
		err_field(e, arena_printf(a, "%sevidence", prefix), "too_long", "At most %d characters.", TEXT_MAX);
	if (c->notes && utf8_length(c->notes) > TEXT_MAX)
		err_field(e, arena_printf(a, "%snotes", prefix), "too_long", "At most %d characters.", TEXT_MAX);
	return e->status ? -1 : 0;
}

static const char *blank_null(const char *v)
{
	return v && *v ? v : NULL;
}

int audit_items_update(struct store *s, const struct actor *who, int64_t audit_id,
		       const struct audit_item_change *changes, int n, struct err *e)
{
	static const char *const open[] = { "in_progress", NULL };
	struct arena a = ARENA_INIT;
	struct record r;
	char now[32];
	int rc = -1;
	for (int i = 0; i < n; i++)
		change_check(&changes[i], n > 1 ? arena_printf(&a, "items[%d].", i) : "", &a, e);
	if (e->status)
		goto out;
	if (store_begin(s, e))
		goto out;
	if (audit_for_change(s, who, audit_id, open, "Results are recorded while the audit is in progress: start "
			     "it first.", &a, &r, e))
		goto fail;
	time_now_iso(now);
	for (int i = 0; i < n; i++) {
		const struct audit_item_change *c = &changes[i];
		struct audit_item *it, after;
		struct strbuf b = STRBUF_INIT, aft = STRBUF_INIT;
		int cnt, bad;
		if (items_query(s, audit_id, c->item_id, &a, &it, &cnt, e))
			goto fail;
		if (!cnt) {
			err_set(e, 404, "not_found", "The audit has no checklist item %lld.", (long long)c->item_id);
			goto fail;
		}
		if (c->if_version && c->if_version != it->version) {
			err_set(e, 412, "stale", "Item %s was changed by someone else since you read it; reload it.",
				it->ref_id ? it->ref_id : "");
			goto fail;
		}
		after = *it;
		if (c->result)
			after.result = c->result;
		if (c->evidence)
			after.evidence = blank_null(c->evidence);
		if (c->notes)
			after.notes = blank_null(c->notes);
		if (streq(after.result, it->result) && streq(after.evidence, it->evidence) && streq(after.notes, it->notes))
			continue;
		item_audit_json(it, &b);
		item_audit_json(&after, &aft);
		bad = STORE_RUN(s, e, "UPDATE audit_item SET result = ?, evidence = ?, notes = ?, version = version + 1, "
				      "updated_at = ?, updated_by = ? WHERE id = ?",
				ARG_TEXT(after.result), ARG_TEXT(after.evidence), ARG_TEXT(after.notes), ARG_TEXT(now),
				ARG_INT(who ? who->user_id : 0), ARG_INT(it->id)) ||
		      audit_append(s, who, "audit_checklist", "internal_audit", audit_id, b.buf, aft.buf, e);
		sb_release(&b);
		sb_release(&aft);
		if (bad)
			goto fail;
	}
	rc = store_commit(s, e);
	goto out;
fail:
	store_rollback(s);
out:
	arena_release(&a);
	return rc;
}

int audit_raise_nc(struct store *s, const struct actor *who, int64_t audit_id, int64_t item_id, struct arena *a,
		   int64_t *nc_id, int *created, struct err *e)
{
	static const char *const open[] = { "in_progress", "reported", NULL };
	const struct entity *nc_ent = entity_by_name("nonconformity"), *area_ent = entity_by_name("audit_area");
	struct record r, area;
	struct audit_item *it;
	struct actor team = *who;
	struct input in;
	struct strbuf b = STRBUF_INIT, aft = STRBUF_INIT;
	json_t *obj = NULL;
	int cnt;
	int64_t area_id;
	*created = 0;
	if (store_begin(s, e))
		return -1;
	if (audit_for_change(s, who, audit_id, open, "Nonconformities are raised from an audit in progress or "
			     "reported.", a, &r, e) ||
	    items_query(s, audit_id, item_id, a, &it, &cnt, e))
		goto fail;
	if (!cnt) {
		err_set(e, 404, "not_found", "The audit has no checklist item %lld.", (long long)item_id);
		goto fail;
	}
	if (it->nonconformity_id) {
		*nc_id = it->nonconformity_id;
		store_rollback(s);
		return 0;
	}
	if (!streq(it->result, "minor_nc") && !streq(it->result, "major_nc")) {
		err_field(e, "result", "not_a_nonconformity", "Only a minor or major nonconformity raises one; this item "
			  "is '%s'.", it->result);
		goto fail;
	}
	if (parse_int64(value(&r, "area"), &area_id) || record_get(s, area_ent, area_id, a, &area, e))
		goto fail;
	obj = json_object();
	json_object_set_new(obj, "title", json_string(arena_printf(a, "Audit finding %s: %.150s",
								   it->ref_id ? it->ref_id : "", it->title)));
	json_object_set_new(obj, "source", json_string("audit_finding"));
	json_object_set_new(obj, "severity", json_string(streq(it->result, "major_nc") ? "major" : "minor"));
	json_object_set_new(obj, "audit_reference",
			    json_string(arena_printf(a, "Audit #%lld (%.100s), item %.40s", (long long)audit_id,
						     value(&r, "title"), it->ref_id ? it->ref_id : "")));
	json_object_set_new(obj, "description",
			    json_string(arena_printf(a, "Requirement %s %s is not met.\n\nFinding: %.3500s\n\nEvidence: "
						     "%.3500s", it->ref_id ? it->ref_id : "", it->title,
						     it->notes ? it->notes : "(none written)",
						     it->evidence ? it->evidence : "(none recorded)")));
	json_object_set_new(obj, "detected_on", json_string(today_in(a)));
	if (validate_json(nc_ent, obj, 1, a, &in, e))
		goto fail;
	in.set[entity_field_index(nc_ent, "owner")] = 1;
	in.values[entity_field_index(nc_ent, "owner")] = area.values[entity_field_index(area_ent, "owner")];
	/* the audit team raises its finding's nonconformity for the area's owner,
	 * which their own role might not let them name */
	if (team.role < ROLE_MANAGER)
		team.role = ROLE_MANAGER;
	if (record_create_within(s, &team, nc_ent, &in, a, nc_id, e))
		goto fail;
	item_audit_json(it, &b);
	it->nonconformity_id = *nc_id;
	item_audit_json(it, &aft);
	if (STORE_RUN(s, e, "UPDATE audit_item SET nonconformity_id = ?, version = version + 1 WHERE id = ?",
		      ARG_INT(*nc_id), ARG_INT(item_id)) ||
	    audit_append(s, who, "audit_finding_nc", "internal_audit", audit_id, b.buf, aft.buf, e) ||
	    store_commit(s, e))
		goto fail;
	json_decref(obj);
	sb_release(&b);
	sb_release(&aft);
	*created = 1;
	return 0;
fail:
	json_decref(obj);
	sb_release(&b);
	sb_release(&aft);
	store_rollback(s);
	return -1;
}

/* ---- figures ---- */

int audit_results_since(struct store *s, const char *since, struct audit_results *out, struct err *e)
{
	struct stmt *st;
	int step;
	memset(out, 0, sizeof(*out));
	st = store_prepare(s, "SELECT a.id, i.result, i.nonconformity_id FROM internal_audit a "
			      "LEFT JOIN audit_item i ON i.audit_id = a.id "
			      "WHERE a.archived = 0 AND a.status IN ('reported', 'closed') "
			      "AND (a.actual_end IS NOT NULL AND a.actual_end >= ? "
			      "OR a.actual_end IS NULL AND a.planned_end >= ?) ORDER BY a.id", e);
	if (!st)
		return -1;
	stmt_bind_text(st, 1, since);
	stmt_bind_text(st, 2, since);
	for (int64_t last = 0; (step = stmt_step(st, e)) == STORE_ROW;) {
		int k;
		if (stmt_int(st, 0) != last) {
			last = stmt_int(st, 0);
			out->audits_completed++;
		}
		if (stmt_isnull(st, 1))
			continue;
		out->items++;
		if ((k = audit_result_index(stmt_text(st, 1))) >= 0)
			out->by_result[k]++;
		out->ncs_raised += !stmt_isnull(st, 2);
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

void audit_results_json(const struct audit_results *r, const char *since, struct strbuf *sb)
{
	int first = 1, f2 = 1;
	sb_addc(sb, '{');
	jsonw_kv_str(sb, &first, "since", since);
	jsonw_kv_int(sb, &first, "audits_completed", r->audits_completed);
	jsonw_kv_int(sb, &first, "items", r->items);
	jsonw_key(sb, &first, "by_result");
	sb_addc(sb, '{');
	for (int i = 0; i < AUDIT_NRESULTS; i++)
		jsonw_kv_int(sb, &f2, audit_results[i], r->by_result[i]);
	sb_addc(sb, '}');
	jsonw_kv_int(sb, &first, "nonconformities_raised", r->ncs_raised);
	sb_addc(sb, '}');
}

int audits_upcoming(struct store *s, const char *today, int days, struct arena *a, struct audit_upcoming **out,
		    int *n, struct err *e)
{
	char until[16];
	int cap = 0, step;
	struct stmt *st;
	*out = NULL;
	*n = 0;
	if (time_date_plus_days(today, days, until))
		return err_set(e, 422, "validation", "Not a date: %s.", today);
	st = store_prepare(s, "SELECT a.id, a.title, a.status, a.planned_start, a.area, r.name, a.lead_auditor, u.name "
			      "FROM internal_audit a LEFT JOIN audit_area r ON r.id = a.area "
			      "LEFT JOIN users u ON u.id = a.lead_auditor "
			      "WHERE a.archived = 0 AND a.status = 'planned' AND a.planned_start <= ? "
			      "ORDER BY a.planned_start, a.id", e);
	if (!st)
		return -1;
	stmt_bind_text(st, 1, until);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		struct audit_upcoming *u;
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		u = &(*out)[(*n)++];
		u->id = stmt_int(st, 0);
		u->title = arena_strdup(a, stmt_text(st, 1));
		u->status = arena_strdup(a, stmt_text(st, 2));
		u->planned_start = arena_strdup(a, stmt_text(st, 3));
		u->area_id = stmt_isnull(st, 4) ? 0 : stmt_int(st, 4);
		u->area = arena_strdup(a, stmt_text(st, 5));
		u->lead_auditor = stmt_isnull(st, 6) ? 0 : stmt_int(st, 6);
		u->lead_name = arena_strdup(a, stmt_text(st, 7));
		u->late = u->planned_start && strcmp(u->planned_start, today) < 0;
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

void audits_upcoming_json(const struct audit_upcoming *u, int n, int days, struct strbuf *sb)
{
	sb_addf(sb, "{\"days\":%d,\"items\":[", days);
	for (int i = 0; i < n; i++) {
		int first = 1;
		sb_adds(sb, i ? ",{" : "{");
		jsonw_kv_int(sb, &first, "id", u[i].id);
		jsonw_kv_str(sb, &first, "title", u[i].title);
		jsonw_kv_str(sb, &first, "status", u[i].status);
		jsonw_kv_str(sb, &first, "planned_start", u[i].planned_start);
		jsonw_kv_id(sb, &first, "area_id", u[i].area_id);
		jsonw_kv_str(sb, &first, "area", u[i].area);
		jsonw_kv_id(sb, &first, "lead_auditor", u[i].lead_auditor);
		jsonw_kv_str(sb, &first, "lead_auditor_name", u[i].lead_name);
		jsonw_kv_bool(sb, &first, "late", u[i].late);
		sb_addc(sb, '}');
	}
	sb_addf(sb, "],\"total\":%d}", n);
}
