/* soa_version: approved versions of a Statement of Applicability — freezing
 * the SoA as it reads into soa_version, listing and reading versions, the
 * row-by-row comparison of two SoAs, and the SoA as JSON and CSV (see
 * soa.h). */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/jsonw.h"
#include "base/timeutil.h"
#include "base/util.h"
#include "isms/audit.h"
#include "isms/soa.h"
#include "model/validate.h"

const char *const soa_field_keys[SOA_NFIELDS] = { "applicable", "reasons", "status", "justification" };

static const struct field note_field = { "note", "Note", FT_TEXT, 0, .max_len = SOA_NOTE_MAX };

/* ---- approving ----------------------------------------------------------- */

static void rows_json(const struct soa_row *rows, int n, struct strbuf *sb)
{
	sb_addc(sb, '[');
	for (int i = 0; i < n; i++) {
		if (i)
			sb_addc(sb, ',');
		soa_row_to_json(&rows[i], sb);
	}
	sb_addc(sb, ']');
}

int soa_approve(struct store *s, const struct actor *who, int64_t framework_id, const char *note, struct arena *a,
		struct soa_version *out, struct err *e)
{
	struct strbuf snap = STRBUF_INIT, after = STRBUF_INIT;
	struct stmt *st = NULL;
	struct soa soa;
	const char *clean = NULL;
	char now[32];
	int rc = -1;

	if (who->role < SOA_WRITE_ROLE)
		return err_set(e, 403, "forbidden", "Only ISMS managers and administrators approve the Statement of "
			       "Applicability.");
	if (note && *note && validate_text(&note_field, note, a, &clean, e))
		return -1;
	memset(out, 0, sizeof(*out));
	time_now_iso(now);
	if (store_begin(s, e))
		return -1;
	if (soa_read(s, framework_id, a, &soa, e))
		goto out;
	rows_json(soa.rows, soa.n, &snap);
	if (!(st = store_prepare(s, "SELECT COALESCE(MAX(number), 0) FROM soa_version WHERE framework_id = ?", e)))
		goto out;
	stmt_bind_int(st, 1, framework_id);
	if (stmt_step(st, e) != STORE_ROW)
		goto out;
	out->number = stmt_int(st, 0) + 1;
	stmt_done(st);
	if (!(st = store_prepare(s, "INSERT INTO soa_version (framework_id, number, note, approved_at, approved_by, "
				    "snapshot) VALUES (?, ?, ?, ?, ?, ?) RETURNING id", e)))
		goto out;
	stmt_bind_int(st, 1, framework_id);
	stmt_bind_int(st, 2, out->number);
	stmt_bind_text(st, 3, clean);
	stmt_bind_text(st, 4, now);
	stmt_bind_id(st, 5, who->user_id);
	stmt_bind_text(st, 6, snap.buf);
	if (stmt_step(st, e) != STORE_ROW)
		goto out;
	out->id = stmt_int(st, 0);
	stmt_done(st);
	st = NULL;
	out->framework_id = framework_id;
	out->note = clean;
	out->approved_at = arena_strdup(a, now);
	out->approved_by = who->user_id;
	out->approved_by_name = who->user_id ? who->name : NULL;
	out->counts = soa.counts;
	soa_version_to_json(out, &after);
	if (audit_append(s, who, "soa_approve", "framework", framework_id, NULL, after.buf, e))
		goto out;
	rc = store_commit(s, e);
out:
	stmt_done(st);
	if (rc)
		store_rollback(s);
	sb_release(&snap);
	sb_release(&after);
	return rc;
}

/* ---- reading versions ---------------------------------------------------- */

#define VERSION_SELECT                                                                                      \
	"SELECT v.id, v.framework_id, v.number, v.note, v.approved_at, v.approved_by, u.name, v.snapshot "    \
	"FROM soa_version v LEFT JOIN users u ON u.id = v.approved_by WHERE v.framework_id = ?"

/* The frozen rows of a snapshot; -1 when it is not an array of rows. */
static int parse_snapshot(const char *text, struct arena *a, struct soa *out)
{
	json_t *arr = json_loads(text ? text : "", 0, NULL), *v;
	size_t i;
	int rc = 0;
	if (!json_is_array(arr)) {
		json_decref(arr);
		return -1;
	}
	out->rows = arena_alloc(a, sizeof(*out->rows) * (json_array_size(arr) + 1));
	json_array_foreach(arr, i, v) {
		if (soa_row_from_json(v, a, &out->rows[out->n++])) {
			rc = -1;
			break;
		}
	}
	json_decref(arr);
	soa_count(out->rows, out->n, &out->counts);
	return rc;
}

static int read_version(struct stmt *st, struct arena *a, struct soa_version *v, struct soa *rows, struct err *e)
{
	struct soa tmp;
	memset(v, 0, sizeof(*v));
	memset(&tmp, 0, sizeof(tmp));
	v->id = stmt_int(st, 0);
	v->framework_id = stmt_int(st, 1);
	v->number = stmt_int(st, 2);
	v->note = arena_strdup(a, stmt_text(st, 3));
	v->approved_at = arena_strdup(a, stmt_text(st, 4));
	v->approved_by = stmt_isnull(st, 5) ? 0 : stmt_int(st, 5);
	v->approved_by_name = arena_strdup(a, stmt_text(st, 6));
	if (parse_snapshot(stmt_text(st, 7), a, rows ? rows : &tmp))
		return err_set(e, 500, "internal", "Version %lld of the Statement of Applicability cannot be read.",
			       (long long)v->number);
	v->counts = (rows ? rows : &tmp)->counts;
	return 0;
}

int soa_versions(struct store *s, int64_t framework_id, struct arena *a, struct soa_version **out, int *n,
		 struct err *e)
{
	struct framework fw;
	struct stmt *st;
	int cap = 0, step;
	*out = NULL;
	*n = 0;
	if (soa_framework(s, framework_id, a, &fw, e) ||
	    !(st = store_prepare(s, VERSION_SELECT " ORDER BY v.number DESC", e)))
		return -1;
	stmt_bind_int(st, 1, framework_id);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		if (read_version(st, a, &(*out)[(*n)++], NULL, e)) {
			step = -1;
			break;
		}
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

int soa_version_get(struct store *s, int64_t framework_id, int64_t number, const char *what, struct arena *a,
		    struct soa_version *out, struct soa *rows, struct err *e)
{
	struct stmt *st;
	int step;
	memset(rows, 0, sizeof(*rows));
	if (soa_framework(s, framework_id, a, &rows->fw, e) ||
	    !(st = store_prepare(s, VERSION_SELECT " AND v.number = ?", e)))
		return -1;
	stmt_bind_int(st, 1, framework_id);
	stmt_bind_int(st, 2, number);
	step = stmt_step(st, e);
	if (step == STORE_ROW && read_version(st, a, out, rows, e))
		step = -1;
	stmt_done(st);
	if (step == STORE_DONE) {
		if (!what)
			return err_set(e, 404, "not_found", "The Statement of Applicability of %s has no version %lld.",
				       rows->fw.ref_id, (long long)number);
		return err_field(e, what, "not_found", "There is no version %lld.", (long long)number);
	}
	return step < 0 ? -1 : 0;
}

/* ---- comparison ---------------------------------------------------------- */

struct by_id {
	int64_t id;
	int at;
};

static int by_id_cmp(const void *a, const void *b)
{
	int64_t x = ((const struct by_id *)a)->id, y = ((const struct by_id *)b)->id;
	return x < y ? -1 : x > y;
}

static int same_text(const char *a, const char *b)
{
	return streq(a ? a : "", b ? b : "");
}

static unsigned row_changes(const struct soa_row *f, const struct soa_row *t)
{
	unsigned c = 0;
	if (f->applicable != t->applicable)
		c |= 1u << SOA_F_APPLICABLE;
	if (memcmp(f->reasons, t->reasons, sizeof(f->reasons)) != 0)
		c |= 1u << SOA_F_REASONS;
	if (!same_text(f->status, t->status))
		c |= 1u << SOA_F_STATUS;
	if (!same_text(f->justification, t->justification))
		c |= 1u << SOA_F_JUSTIFICATION;
	return c;
}

void soa_compare(const struct soa *from, const struct soa *to, struct arena *a, struct soa_diff *out)
{
	struct by_id *ix = arena_alloc(a, sizeof(*ix) * (size_t)(from->n + 1));
	char *seen = arena_alloc(a, (size_t)from->n + 1);
	memset(out, 0, sizeof(*out));
	out->rows = arena_alloc(a, sizeof(*out->rows) * (size_t)(from->n + to->n + 1));
	for (int i = 0; i < from->n; i++)
		ix[i] = (struct by_id){ from->rows[i].requirement_id, i };
	qsort(ix, (size_t)from->n, sizeof(*ix), by_id_cmp);
	for (int i = 0; i < to->n; i++) {
		const struct soa_row *t = &to->rows[i];
		struct by_id key = { t->requirement_id, 0 }, *hit = bsearch(&key, ix, (size_t)from->n, sizeof(*ix), by_id_cmp);
		unsigned c;
		if (!hit) {
			out->rows[out->n++] = (struct soa_diff_row){ NULL, t, 0 };
			out->added++;
			continue;
		}
		seen[hit->at] = 1;
		if (!(c = row_changes(&from->rows[hit->at], t))) {
			out->unchanged++;
			continue;
		}
		out->rows[out->n++] = (struct soa_diff_row){ &from->rows[hit->at], t, c };
		out->changed++;
	}
	for (int i = 0; i < from->n; i++)
		if (!seen[i]) {
			out->rows[out->n++] = (struct soa_diff_row){ &from->rows[i], NULL, 0 };
			out->removed++;
		}
}

int soa_compare_versions(struct store *s, int64_t framework_id, int64_t from, int64_t to, struct arena *a,
			 struct soa_cmp *out, struct err *e)
{
	memset(out, 0, sizeof(*out));
	if (from && from == to)
		return err_field(e, "to", "same_version", "Choose another version than the first, or none to compare "
				 "with the current Statement of Applicability.");
	if (soa_version_get(s, framework_id, from, "from", a, &out->from, &out->from_rows, e) && !e->nfields)
		return -1;
	if (to && soa_version_get(s, framework_id, to, "to", a, &out->to, &out->to_rows, e) && !e->nfields)
		return -1;
	if (!to && !e->status && soa_read(s, framework_id, a, &out->to_rows, e))
		return -1;
	if (e->status)
		return -1;
	soa_compare(&out->from_rows, &out->to_rows, a, &out->diff);
	return 0;
}

const char *soa_field_text(const struct soa_row *r, enum soa_field f, struct arena *a)
{
	struct strbuf sb = STRBUF_INIT;
	const char *out;
	switch (f) {
	case SOA_F_APPLICABLE:
		return r->applicable == 1 ? "yes" : r->applicable == 0 ? "no" : "not decided";
	case SOA_F_STATUS:
		return r->status ? r->status : "—";
	case SOA_F_JUSTIFICATION:
		return r->justification && *r->justification ? r->justification : "—";
	case SOA_F_REASONS:
	default:
		for (int i = 0; i < SOA_NREASONS; i++)
			if (r->reasons[i])
				sb_addf(&sb, "%s%s", sb.len ? ", " : "", soa_reason_labels[i]);
		out = arena_strdup(a, sb.len ? sb.buf : "none");
		sb_release(&sb);
		return out;
	}
}

/* ---- JSON ---------------------------------------------------------------- */

static void counts_json(const struct soa_counts *c, struct strbuf *sb)
{
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &first, "rows", c->rows);
	jsonw_kv_int(sb, &first, "groups", c->groups);
	jsonw_kv_int(sb, &first, "applicable", c->applicable);
	jsonw_kv_int(sb, &first, "excluded", c->excluded);
	jsonw_kv_int(sb, &first, "undecided", c->undecided);
	jsonw_kv_int(sb, &first, "implemented", c->implemented);
	jsonw_kv_int(sb, &first, "implemented_percent", soa_implemented_percent(c));
	sb_addc(sb, '}');
}

void soa_version_to_json(const struct soa_version *v, struct strbuf *sb)
{
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &first, "id", v->id);
	jsonw_kv_int(sb, &first, "framework_id", v->framework_id);
	jsonw_kv_int(sb, &first, "number", v->number);
	jsonw_kv_str(sb, &first, "note", v->note);
	jsonw_kv_str(sb, &first, "approved_at", v->approved_at);
	jsonw_kv_id(sb, &first, "approved_by", v->approved_by);
	jsonw_kv_str(sb, &first, "approved_by_name", v->approved_by_name ? v->approved_by_name : "the system");
	jsonw_key(sb, &first, "counts");
	counts_json(&v->counts, sb);
	sb_addc(sb, '}');
}

void soa_to_json(const struct soa *soa, struct strbuf *sb)
{
	int first = 1, f = 1, open = 0;
	sb_addc(sb, '{');
	jsonw_key(sb, &first, "framework");
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &f, "id", soa->fw.id);
	jsonw_kv_str(sb, &f, "urn", soa->fw.urn);
	jsonw_kv_str(sb, &f, "ref_id", soa->fw.ref_id);
	jsonw_kv_str(sb, &f, "name", soa->fw.name);
	jsonw_kv_str(sb, &f, "version", soa->fw.version);
	sb_addc(sb, '}');
	jsonw_key(sb, &first, "counts");
	counts_json(&soa->counts, sb);
	jsonw_key(sb, &first, "groups");
	sb_addc(sb, '[');
	for (int i = 0; i < soa->n; i++) {
		const struct soa_row *r = &soa->rows[i];
		if (!open || r->group_id != soa->rows[i - 1].group_id) {
			int g = 1;
			sb_adds(sb, open ? "]},{" : "{");
			open = 1;
			jsonw_kv_id(sb, &g, "id", r->group_id);
			jsonw_kv_str(sb, &g, "ref_id", r->group_ref);
			jsonw_kv_str(sb, &g, "title", r->group_title);
			jsonw_key(sb, &g, "rows");
			sb_addc(sb, '[');
		} else {
			sb_addc(sb, ',');
		}
		soa_row_to_json(r, sb);
	}
	sb_adds(sb, open ? "]}]}" : "]}");
}

/* A field's value as JSON: applicable true/false/null, reasons an array of
 * keys, the others strings or null. */
static void field_json(const struct soa_row *r, enum soa_field f, struct strbuf *sb)
{
	int first = 1;
	switch (f) {
	case SOA_F_APPLICABLE:
		sb_adds(sb, r->applicable == 1 ? "true" : r->applicable == 0 ? "false" : "null");
		break;
	case SOA_F_REASONS:
		sb_addc(sb, '[');
		for (int i = 0; i < SOA_NREASONS; i++)
			if (r->reasons[i]) {
				if (!first)
					sb_addc(sb, ',');
				first = 0;
				jsonw_str(sb, soa_reason_keys[i]);
			}
		sb_addc(sb, ']');
		break;
	case SOA_F_STATUS:
		jsonw_str(sb, r->status);
		break;
	case SOA_F_JUSTIFICATION:
	default:
		jsonw_str(sb, r->justification);
		break;
	}
}

void soa_diff_to_json(const struct soa_version *from, const struct soa_version *to, const struct soa_diff *d,
		      struct strbuf *sb)
{
	int first = 1;
	sb_adds(sb, "{\"from\":");
	soa_version_to_json(from, sb);
	sb_adds(sb, ",\"to\":");
	if (to)
		soa_version_to_json(to, sb);
	else
		sb_adds(sb, "null");
	sb_adds(sb, ",\"counts\":{");
	jsonw_kv_int(sb, &first, "added", d->added);
	jsonw_kv_int(sb, &first, "removed", d->removed);
	jsonw_kv_int(sb, &first, "changed", d->changed);
	jsonw_kv_int(sb, &first, "unchanged", d->unchanged);
	sb_adds(sb, "},\"rows\":[");
	for (int i = 0; i < d->n; i++) {
		const struct soa_diff_row *row = &d->rows[i];
		const struct soa_row *r = row->to ? row->to : row->from;
		int f = 1, any = 0;
		sb_adds(sb, i ? ",{" : "{");
		jsonw_kv_int(sb, &f, "requirement_id", r->requirement_id);
		jsonw_kv_str(sb, &f, "ref_id", r->ref_id);
		jsonw_kv_str(sb, &f, "title", r->title);
		jsonw_kv_str(sb, &f, "change", !row->from ? "added" : !row->to ? "removed" : "changed");
		jsonw_key(sb, &f, "changes");
		sb_addc(sb, '[');
		for (int k = 0; k < SOA_NFIELDS; k++) {
			if (!(row->changed & (1u << k)))
				continue;
			sb_adds(sb, any++ ? ",{\"field\":" : "{\"field\":");
			jsonw_str(sb, soa_field_keys[k]);
			sb_adds(sb, ",\"before\":");
			field_json(row->from, (enum soa_field)k, sb);
			sb_adds(sb, ",\"after\":");
			field_json(row->to, (enum soa_field)k, sb);
			sb_addc(sb, '}');
		}
		sb_adds(sb, "]}");
	}
	sb_adds(sb, "]}");
}

/* ---- CSV ----------------------------------------------------------------- */

void soa_to_csv(const struct soa *soa, struct strbuf *sb)
{
	static const char *const head[] = { "group_ref", "group_title", "ref_id", "title", "applicable", "reasons",
					    "risk_treatment_derived", "justification", "status", "status_source",
					    "controls", "risks" };
	struct arena a = ARENA_INIT;
	int first = 1;
	for (size_t i = 0; i < ARRAY_SIZE(head); i++)
		csv_cell(sb, &first, head[i], CSV_NUMBER);
	csv_row_end(sb, &first);
	for (int i = 0; i < soa->n; i++) {
		const struct soa_row *r = &soa->rows[i];
		struct strbuf list = STRBUF_INIT;
		csv_cell(sb, &first, r->group_ref, CSV_TEXT);
		csv_cell(sb, &first, r->group_title, CSV_TEXT);
		csv_cell(sb, &first, r->ref_id, CSV_TEXT);
		csv_cell(sb, &first, r->title, CSV_TEXT);
		csv_cell(sb, &first, soa_field_text(r, SOA_F_APPLICABLE, &a), CSV_NUMBER);
		csv_cell(sb, &first, r->reasons[0] + r->reasons[1] + r->reasons[2] + r->reasons[3]
					     ? soa_field_text(r, SOA_F_REASONS, &a) : NULL, CSV_TEXT);
		csv_cell(sb, &first, r->risk_derived ? "yes" : "no", CSV_NUMBER);
		csv_cell(sb, &first, r->justification, CSV_TEXT);
		csv_cell(sb, &first, r->status, CSV_NUMBER);
		csv_cell(sb, &first, r->status_source, CSV_NUMBER);
		for (int k = 0; k < r->n_controls; k++)
			sb_addf(&list, "%s%s%s%s", k ? "; " : "", r->controls[k].code ? r->controls[k].code : "",
				r->controls[k].code ? " " : "", r->controls[k].title);
		csv_cell(sb, &first, list.len ? list.buf : NULL, CSV_TEXT);
		sb_reset(&list);
		for (int k = 0; k < r->n_risks; k++)
			sb_addf(&list, "%s%s", k ? "; " : "", r->risks[k].title);
		csv_cell(sb, &first, list.len ? list.buf : NULL, CSV_TEXT);
		sb_release(&list);
		csv_row_end(sb, &first);
	}
	arena_release(&a);
}
