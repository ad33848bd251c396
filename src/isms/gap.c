#include "isms/gap.h"

#include <string.h>

#include "base/jsonw.h"
#include "base/timeutil.h"
#include "base/util.h"
#include "isms/audit.h"
#include "model/validate.h"

const char *const gap_status_names[] = { "not_assessed", "not_met", "partial", "met", "not_applicable", NULL };

static enum gap_status status_of(const char *name)
{
	for (int i = 0; gap_status_names[i]; i++)
		if (streq(name, gap_status_names[i]))
			return (enum gap_status)i;
	return GAP_NOT_ASSESSED;
}

/* The row of requirement id: ids ascend with document order within a
 * framework (nodes are written in order), so a binary search finds it. */
static struct gap_row *row_of(struct gap_report *g, int64_t id)
{
	int lo = 0, hi = g->n - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (g->reqs[mid].id == id)
			return &g->rows[mid];
		if (g->reqs[mid].id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

static enum gap_status from_controls(int controls, int implemented, int partly)
{
	if (controls == 0)
		return GAP_NOT_ASSESSED;
	if (implemented == controls)
		return GAP_MET;
	return partly > 0 ? GAP_PARTIAL : GAP_NOT_MET;
}

static int read_assessments(struct store *s, struct gap_report *g, struct arena *a, struct err *e)
{
	struct stmt *st = store_prepare(s,
					"SELECT a.requirement_id, a.status, a.evidence, a.notes, a.version, a.updated_at, "
					"u.name FROM requirement_assessment a JOIN requirement r ON r.id = a.requirement_id "
					"LEFT JOIN users u ON u.id = a.updated_by WHERE r.framework_id = ?",
					e);
	int step;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, g->fw.id);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		struct gap_row *r = row_of(g, stmt_int(st, 0));
		if (!r)
			continue;
		r->own = status_of(stmt_text(st, 1));
		r->evidence = arena_strdup(a, stmt_text(st, 2));
		r->notes = arena_strdup(a, stmt_text(st, 3));
		r->version = stmt_int(st, 4);
		r->assessed_at = arena_strdup(a, stmt_text(st, 5));
		r->assessed_by = arena_strdup(a, stmt_text(st, 6));
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

/* Controls per requirement, and SoA exclusions. */
static int read_controls_and_soa(struct store *s, struct gap_report *g, int *partly, struct err *e)
{
	struct stmt *st = store_prepare(s,
					"SELECT l.requirement_id, c.status FROM control_requirement l "
					"JOIN requirement r ON r.id = l.requirement_id JOIN control c ON c.id = l.control_id "
					"WHERE r.framework_id = ? AND c.archived = 0",
					e);
	int step;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, g->fw.id);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		struct gap_row *r = row_of(g, stmt_int(st, 0));
		const char *status = stmt_text(st, 1);
		if (!r || streq(status, "not_applicable"))
			continue;
		r->controls++;
		if (streq(status, "implemented"))
			r->implemented++;
		if (streq(status, "implemented") || streq(status, "partially_implemented"))
			partly[r - g->rows]++;
	}
	stmt_done(st);
	if (step < 0 || !(st = store_prepare(s,
					      "SELECT s.requirement_id FROM soa_entry s JOIN requirement r ON "
					      "r.id = s.requirement_id WHERE r.framework_id = ? AND s.applicable = 0",
					      e)))
		return -1;
	stmt_bind_int(st, 1, g->fw.id);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		struct gap_row *r = row_of(g, stmt_int(st, 0));
		if (r && r->own == GAP_NOT_ASSESSED) {
			r->effective = GAP_NOT_APPLICABLE;
			r->source = "soa";
		}
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

/* The other side of every mapping touching this framework, with that
 * requirement's own assessment and control counts. */
#define MAPPED_SQL(MINE, OTHER)                                                                             \
	"SELECT m." MINE ", o.ref_id, o.title, f.ref_id, m.relationship, a.status, "                          \
	"(SELECT COUNT(*) FROM control_requirement l JOIN control c ON c.id = l.control_id "                  \
	" WHERE l.requirement_id = o.id AND c.archived = 0 AND c.status <> 'not_applicable'), "                \
	"(SELECT COUNT(*) FROM control_requirement l JOIN control c ON c.id = l.control_id "                  \
	" WHERE l.requirement_id = o.id AND c.archived = 0 AND c.status = 'implemented'), "                    \
	"(SELECT COUNT(*) FROM control_requirement l JOIN control c ON c.id = l.control_id "                  \
	" WHERE l.requirement_id = o.id AND c.archived = 0 AND c.status IN ('implemented', "                  \
	"'partially_implemented')) "                                                                          \
	"FROM requirement_mapping m JOIN requirement r ON r.id = m." MINE " "                                 \
	"JOIN requirement o ON o.id = m." OTHER " JOIN framework f ON f.id = o.framework_id "                 \
	"LEFT JOIN requirement_assessment a ON a.requirement_id = o.id "                                      \
	"WHERE r.framework_id = ? AND o.framework_id <> r.framework_id"

static int read_mappings(struct store *s, struct gap_report *g, struct arena *a, struct err *e)
{
	static const char *const sqls[] = { MAPPED_SQL("source_id", "target_id"),
					    MAPPED_SQL("target_id", "source_id") };
	for (size_t q = 0; q < ARRAY_SIZE(sqls); q++) {
		struct stmt *st = store_prepare(s, sqls[q], e);
		int step;
		if (!st)
			return -1;
		stmt_bind_int(st, 1, g->fw.id);
		while ((step = stmt_step(st, e)) == STORE_ROW) {
			struct gap_row *r = row_of(g, stmt_int(st, 0));
			enum gap_status other = status_of(stmt_text(st, 5));
			const char *rel = stmt_text(st, 4);
			if (!r || !streq(r->source, "none")) /* only rows nothing else decided */
				continue;
			if (other == GAP_NOT_ASSESSED || other == GAP_NOT_APPLICABLE)
				other = from_controls((int)stmt_int(st, 6), (int)stmt_int(st, 7), (int)stmt_int(st, 8));
			if (other != GAP_MET && other != GAP_PARTIAL)
				continue;
			/* met carries over when this requirement is no wider than the other:
			 * equal, or this one a subset of it (q 0: this is the mapping's source) */
			if (other == GAP_MET && !streq(rel, "equal") && !streq(rel, q == 0 ? "subset" : "superset"))
				other = GAP_PARTIAL;
			/* the best one wins: met over partial */
			if (r->via && r->effective >= other)
				continue;
			r->effective = other;
			r->via = arena_printf(a, "%s of %s (%s)", stmt_text(st, 1) ? stmt_text(st, 1) : stmt_text(st, 2),
					      stmt_text(st, 3), rel ? rel : "intersects");
		}
		stmt_done(st);
		if (step < 0)
			return -1;
	}
	for (int i = 0; i < g->n; i++)
		if (g->rows[i].via) {
			g->rows[i].source = "mapping";
			g->by_mapping++;
		}
	return 0;
}

static void add_counts(struct gap_counts *c, enum gap_status st)
{
	c->count[st]++;
	c->total++;
}

static void finish_percent(struct gap_counts *c)
{
	int counted = c->total - c->count[GAP_NOT_APPLICABLE];
	c->percent = counted > 0 ? 100.0 * (c->count[GAP_MET] + 0.5 * c->count[GAP_PARTIAL]) / counted : 0;
}

int gap_report_read(struct store *s, int64_t framework_id, struct arena *a, struct gap_report *out, struct err *e)
{
	int *partly;
	memset(out, 0, sizeof(*out));
	if (framework_get(s, framework_id, a, &out->fw, e) ||
	    framework_requirements(s, framework_id, a, &out->reqs, &out->n, e))
		return -1;
	out->rows = arena_alloc(a, sizeof(*out->rows) * (size_t)(out->n + 1));
	out->subtree = arena_alloc(a, sizeof(*out->subtree) * (size_t)(out->n + 1));
	partly = arena_alloc(a, sizeof(int) * (size_t)(out->n + 1));
	for (int i = 0; i < out->n; i++) {
		out->rows[i].req = &out->reqs[i];
		out->rows[i].source = "none";
	}
	if (read_assessments(s, out, a, e) || read_controls_and_soa(s, out, partly, e))
		return -1;
	for (int i = 0; i < out->n; i++) {
		struct gap_row *r = &out->rows[i];
		if (r->own != GAP_NOT_ASSESSED) {
			r->effective = r->own;
			r->source = "assessment";
		} else if (streq(r->source, "none") && r->controls) {
			r->effective = from_controls(r->controls, r->implemented, partly[i]);
			r->source = "controls";
		}
	}
	if (read_mappings(s, out, a, e))
		return -1;
	/* each assessable row counts for itself and every ancestor */
	for (int i = 0; i < out->n; i++) {
		const struct requirement *q = &out->reqs[i];
		if (!q->assessable)
			continue;
		add_counts(&out->overall, out->rows[i].effective);
		for (int64_t p = q->id; p;) {
			struct gap_row *r = row_of(out, p);
			if (!r)
				break;
			add_counts(&out->subtree[r - out->rows], out->rows[i].effective);
			p = r->req->parent_id;
		}
	}
	finish_percent(&out->overall);
	for (int i = 0; i < out->n; i++)
		finish_percent(&out->subtree[i]);
	return 0;
}

void gap_counts_to_json(const struct gap_counts *c, struct strbuf *sb)
{
	int first = 1;
	sb_addc(sb, '{');
	for (int i = 0; i < GAP_NSTATUS; i++)
		jsonw_kv_int(sb, &first, gap_status_names[i], c->count[i]);
	jsonw_kv_int(sb, &first, "assessable", c->total);
	jsonw_key(sb, &first, "percent_complete");
	sb_addf(sb, "%.1f", c->percent);
	sb_addc(sb, '}');
}

static void row_to_json(const struct gap_report *g, int i, struct strbuf *sb)
{
	const struct gap_row *r = &g->rows[i];
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &first, "id", r->req->id);
	jsonw_kv_id(sb, &first, "parent_id", r->req->parent_id);
	jsonw_kv_str(sb, &first, "ref_id", r->req->ref_id);
	jsonw_kv_str(sb, &first, "title", r->req->title);
	jsonw_kv_int(sb, &first, "depth", r->req->depth);
	jsonw_kv_bool(sb, &first, "assessable", r->req->assessable);
	if (r->req->assessable) {
		jsonw_kv_str(sb, &first, "status", gap_status_names[r->own]);
		jsonw_kv_str(sb, &first, "effective_status", gap_status_names[r->effective]);
		jsonw_kv_str(sb, &first, "source", r->source);
		jsonw_kv_str(sb, &first, "via", r->via);
		jsonw_kv_int(sb, &first, "controls", r->controls);
		jsonw_kv_int(sb, &first, "controls_implemented", r->implemented);
		jsonw_kv_str(sb, &first, "evidence", r->evidence);
		jsonw_kv_str(sb, &first, "notes", r->notes);
		jsonw_kv_int(sb, &first, "version", r->version);
		jsonw_kv_str(sb, &first, "assessed_at", r->assessed_at);
		jsonw_kv_str(sb, &first, "assessed_by", r->assessed_by);
	}
	if (!r->req->assessable || g->subtree[i].total > 1) {
		jsonw_key(sb, &first, "summary");
		gap_counts_to_json(&g->subtree[i], sb);
	}
	sb_addc(sb, '}');
}

void gap_report_to_json(const struct gap_report *g, struct strbuf *sb)
{
	int first = 1, any = 0;
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &first, "framework_id", g->fw.id);
	jsonw_kv_str(sb, &first, "framework", g->fw.ref_id);
	jsonw_key(sb, &first, "overall");
	gap_counts_to_json(&g->overall, sb);
	jsonw_kv_int(sb, &first, "covered_through_mappings", g->by_mapping);
	jsonw_key(sb, &first, "sections");
	sb_addc(sb, '[');
	for (int i = 0; i < g->n; i++) {
		int ff = 1;
		if (g->reqs[i].depth != 1 || g->reqs[i].assessable)
			continue;
		sb_adds(sb, any++ ? ",{" : "{");
		jsonw_kv_int(sb, &ff, "id", g->reqs[i].id);
		jsonw_kv_str(sb, &ff, "ref_id", g->reqs[i].ref_id);
		jsonw_kv_str(sb, &ff, "title", g->reqs[i].title);
		jsonw_key(sb, &ff, "summary");
		gap_counts_to_json(&g->subtree[i], sb);
		sb_addc(sb, '}');
	}
	sb_adds(sb, "]");
	jsonw_key(sb, &first, "requirements");
	sb_addc(sb, '[');
	for (int i = 0; i < g->n; i++) {
		if (i)
			sb_addc(sb, ',');
		row_to_json(g, i, sb);
	}
	sb_adds(sb, "]}");
}

/* ---- recording an assessment ---------------------------------------------- */

static const struct field evidence_field = { "evidence", "Evidence", FT_LONGTEXT, 0, .max_len = GAP_TEXT_MAX };
static const struct field notes_field = { "notes", "Notes", FT_LONGTEXT, 0, .max_len = GAP_TEXT_MAX };

static void assessment_json(struct strbuf *sb, const char *status, const char *evidence, const char *notes,
			    int64_t version)
{
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_str(sb, &first, "status", status);
	jsonw_kv_str(sb, &first, "evidence", evidence);
	jsonw_kv_str(sb, &first, "notes", notes);
	jsonw_kv_int(sb, &first, "version", version);
	sb_addc(sb, '}');
}

int gap_assess(struct store *s, const struct actor *who, int64_t requirement_id, int64_t if_version,
	       const char *status, const char *evidence, const char *notes, struct arena *a, struct err *e)
{
	struct requirement r;
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	struct stmt *st = NULL;
	const char *ev = NULL, *no = NULL;
	int64_t version = 0;
	int had = 0, rc = -1;
	char now[32];

	if (who && who->role < ROLE_MANAGER)
		return err_set(e, 403, "forbidden", "Recording the gap analysis needs the ISMS manager role or above.");
	if (!status || status_of(status) == GAP_NOT_ASSESSED) {
		if (!streq(status, "not_assessed"))
			return err_field(e, "status", "enum",
					 "Must be one of not_assessed, not_met, partial, met, not_applicable.");
	}
	if ((evidence && validate_text(&evidence_field, evidence, a, &ev, e)) ||
	    (notes && validate_text(&notes_field, notes, a, &no, e)))
		return -1;
	if (store_begin(s, e))
		return -1;
	if (requirement_get(s, requirement_id, a, &r, e))
		goto out;
	if (!r.assessable) {
		err_set(e, 422, "not_assessable",
			"%s %s groups other requirements; assess those instead.", r.ref_id ? r.ref_id : "", r.title);
		goto out;
	}
	if (!(st = store_prepare(s, "SELECT status, evidence, notes, version FROM requirement_assessment "
				    "WHERE requirement_id = ?", e)))
		goto out;
	stmt_bind_int(st, 1, requirement_id);
	if ((had = stmt_step(st, e)) < 0)
		goto out;
	if (had == STORE_ROW) {
		version = stmt_int(st, 3);
		assessment_json(&before, stmt_text(st, 0), stmt_text(st, 1), stmt_text(st, 2), version);
	}
	stmt_done(st);
	st = NULL;
	if (if_version && if_version != version) {
		err_set(e, 412, "stale", "The assessment of %s changed since you read it (version %lld, now %lld); "
			"reload and try again.", r.ref_id ? r.ref_id : r.title, (long long)if_version, (long long)version);
		goto out;
	}
	time_now_iso(now);
	if (had == STORE_ROW
		    ? STORE_RUN(s, e, "UPDATE requirement_assessment SET status = ?, evidence = ?, notes = ?, "
				      "version = version + 1, updated_at = ?, updated_by = ? WHERE requirement_id = ?",
				ARG_TEXT(status), ARG_TEXT(ev), ARG_TEXT(no), ARG_TEXT(now),
				who && who->user_id ? ARG_INT(who->user_id) : ARG_TEXT(NULL), ARG_INT(requirement_id))
		    : STORE_RUN(s, e, "INSERT INTO requirement_assessment (requirement_id, status, evidence, notes, "
				      "version, updated_at, updated_by) VALUES (?, ?, ?, ?, 1, ?, ?)",
				ARG_INT(requirement_id), ARG_TEXT(status), ARG_TEXT(ev), ARG_TEXT(no), ARG_TEXT(now),
				who && who->user_id ? ARG_INT(who->user_id) : ARG_TEXT(NULL)))
		goto out;
	assessment_json(&after, status, ev, no, version + 1);
	if (audit_append(s, who, "requirement_assess", "requirement", requirement_id, had == STORE_ROW ? before.buf : NULL,
			 after.buf, e))
		goto out;
	rc = store_commit(s, e);
out:
	stmt_done(st);
	if (rc)
		store_rollback(s);
	sb_release(&before);
	sb_release(&after);
	return rc;
}
