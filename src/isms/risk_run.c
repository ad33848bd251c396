#include "isms/risk_run.h"

#include <string.h>

#include "base/jsonw.h"
#include "base/timeutil.h"
#include "isms/audit.h"
#include "isms/risk_history.h"
#include "model/validate.h"

const struct field risk_run_note_field = {
	"note", "Note", FT_TEXT, F_REQUIRED, .max_len = RISK_RUN_NOTE_MAX,
	.help = "What this run is for: \"Annual assessment 2026\", \"After the data centre move\".",
};

static int check_note(const char *note, struct arena *a, const char **out, struct err *e)
{
	const char *p = note;
	while (p && (*p == ' ' || *p == '\t'))
		p++;
	if (!p || !*p)
		return err_field(e, "note", "required",
				 "Say what this run is for, for example \"Annual assessment 2026\".");
	return validate_text(&risk_run_note_field, note, a, out, e);
}

/* Every live risk, with its owner's and asset's names as they are now. The
 * run id comes first as a typed parameter so PostgreSQL knows its type. */
#define FREEZE_SQL                                                                                          \
	"INSERT INTO risk_run_item (run_id, risk_id, title, owner, owner_name, asset, asset_name, likelihood, "  \
	"impact, inherent_score, inherent_level, residual_likelihood, residual_impact, residual_score, "        \
	"residual_level, treatment, status, method_version) "                                                  \
	"SELECT CAST(? AS BIGINT), r.id, r.title, r.owner, u.name, r.asset, s.name, r.likelihood, r.impact, "   \
	"r.inherent_score, r.inherent_level, r.residual_likelihood, r.residual_impact, r.residual_score, "     \
	"r.residual_level, r.treatment, r.status, r.method_version FROM risk r "                              \
	"LEFT JOIN users u ON u.id = r.owner LEFT JOIN asset s ON s.id = r.asset WHERE r.archived = 0"

int risk_run_create(struct store *s, const struct actor *who, const char *note, int64_t *id, struct err *e)
{
	struct arena a = ARENA_INIT;
	struct strbuf after = STRBUF_INIT;
	struct risk_run run = { 0 };
	struct stmt *st = NULL;
	const char *clean;
	char now[32];
	int rc = -1;

	if (check_note(note, &a, &clean, e)) {
		arena_release(&a);
		return -1;
	}
	time_now_iso(now);
	if (store_begin(s, e)) {
		arena_release(&a);
		return -1;
	}
	if (!(st = store_prepare(s, "SELECT COUNT(*) FROM risk WHERE archived = 0", e)) ||
	    stmt_step(st, e) != STORE_ROW)
		goto out;
	run.risk_count = stmt_int(st, 0);
	stmt_done(st);
	if (!(st = store_prepare(s, "INSERT INTO risk_run (created_at, created_by, note, risk_count) "
				    "VALUES (?, ?, ?, ?) RETURNING id", e)))
		goto out;
	stmt_bind_text(st, 1, now);
	stmt_bind_id(st, 2, who->user_id);
	stmt_bind_text(st, 3, clean);
	stmt_bind_int(st, 4, run.risk_count);
	if (stmt_step(st, e) != STORE_ROW)
		goto out;
	*id = stmt_int(st, 0);
	stmt_done(st);
	st = NULL;
	if (STORE_RUN(s, e, FREEZE_SQL, ARG_INT(*id)) || store_changes(s) != run.risk_count) {
		if (!e->status)
			err_set(e, 500, "internal", "The register changed while it was being frozen; try again.");
		goto out;
	}
	run.id = *id;
	run.created_at = now;
	run.created_by = who->user_id;
	run.created_by_name = who->user_id ? who->name : NULL;
	run.note = clean;
	risk_run_to_json(&run, &after);
	if (audit_append(s, who, "risk_run_create", "risk_run", *id, NULL, after.buf, e))
		goto out;
	rc = store_commit(s, e);
out:
	stmt_done(st);
	if (rc)
		store_rollback(s);
	sb_release(&after);
	arena_release(&a);
	return rc;
}

#define RUN_SELECT                                                                                          \
	"SELECT r.id, r.created_at, r.created_by, u.name, r.note, r.risk_count FROM risk_run r "              \
	"LEFT JOIN users u ON u.id = r.created_by"

static void read_run(struct stmt *st, struct arena *a, struct risk_run *r)
{
	r->id = stmt_int(st, 0);
	r->created_at = arena_strdup(a, stmt_text(st, 1));
	r->created_by = stmt_int(st, 2);
	r->created_by_name = arena_strdup(a, stmt_text(st, 3));
	r->note = arena_strdup(a, stmt_text(st, 4));
	r->risk_count = stmt_int(st, 5);
}

int risk_run_list(struct store *s, int limit, int offset, struct arena *a, struct risk_run **out, int64_t *total,
		  struct err *e)
{
	struct stmt *st;
	int n = 0, step;
	*out = arena_alloc(a, sizeof(**out) * (size_t)(limit > 0 ? limit : 1));
	if (!(st = store_prepare(s, "SELECT COUNT(*) FROM risk_run", e)))
		return -1;
	step = stmt_step(st, e);
	*total = step == STORE_ROW ? stmt_int(st, 0) : 0;
	stmt_done(st);
	if (step != STORE_ROW || !(st = store_prepare(s, RUN_SELECT " ORDER BY r.id DESC LIMIT ? OFFSET ?", e)))
		return -1;
	stmt_bind_int(st, 1, limit);
	stmt_bind_int(st, 2, offset);
	while ((step = stmt_step(st, e)) == STORE_ROW && n < limit)
		read_run(st, a, &(*out)[n++]);
	stmt_done(st);
	return step < 0 ? -1 : n;
}

static int64_t int_or_none(struct stmt *st, int col)
{
	return stmt_isnull(st, col) ? RUN_NONE : stmt_int(st, col);
}

#define ITEM_SELECT                                                                                         \
	"SELECT risk_id, title, owner, owner_name, asset, asset_name, likelihood, impact, inherent_score, "     \
	"inherent_level, residual_likelihood, residual_impact, residual_score, residual_level, treatment, "   \
	"status, method_version FROM risk_run_item WHERE run_id = ? ORDER BY risk_id"

static void read_item(struct stmt *st, struct arena *a, struct run_item *it)
{
	it->risk_id = stmt_int(st, 0);
	it->title = arena_strdup(a, stmt_text(st, 1));
	it->owner = stmt_int(st, 2);
	it->owner_name = arena_strdup(a, stmt_text(st, 3));
	it->asset = stmt_int(st, 4);
	it->asset_name = arena_strdup(a, stmt_text(st, 5));
	it->likelihood = int_or_none(st, 6);
	it->impact = int_or_none(st, 7);
	it->inherent_score = int_or_none(st, 8);
	it->inherent_level = arena_strdup(a, stmt_text(st, 9));
	it->residual_likelihood = int_or_none(st, 10);
	it->residual_impact = int_or_none(st, 11);
	it->residual_score = int_or_none(st, 12);
	it->residual_level = arena_strdup(a, stmt_text(st, 13));
	it->treatment = arena_strdup(a, stmt_text(st, 14));
	it->status = arena_strdup(a, stmt_text(st, 15));
	it->method_version = int_or_none(st, 16);
}

int risk_run_get(struct store *s, int64_t id, const char *what, struct arena *a, struct risk_run_full *out,
		 struct err *e)
{
	struct rm_cache cache = { 0 };
	struct stmt *st;
	int step, cap = 0;

	memset(out, 0, sizeof(*out));
	if (!(st = store_prepare(s, RUN_SELECT " WHERE r.id = ?", e)))
		return -1;
	stmt_bind_int(st, 1, id);
	step = stmt_step(st, e);
	if (step == STORE_ROW)
		read_run(st, a, &out->run);
	stmt_done(st);
	if (step == STORE_DONE) {
		if (strcmp(what, "run") == 0)
			return err_set(e, 404, "not_found", "No assessment run %lld.", (long long)id);
		return err_field(e, what, "not_found", "No assessment run %lld.", (long long)id);
	}
	if (step != STORE_ROW || !(st = store_prepare(s, ITEM_SELECT, e)))
		return -1;
	stmt_bind_int(st, 1, id);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		struct run_item *it;
		out->items = arena_grow(a, out->items, out->n, &cap, sizeof(*out->items));
		it = &out->items[out->n++];
		read_item(st, a, it);
	}
	stmt_done(st);
	if (step < 0)
		return -1;
	for (int i = 0; i < out->n; i++) {
		struct run_item *it = &out->items[i];
		const struct risk_method *m = rm_cache_get(s, &cache, it->method_version, a);
		it->inherent_rank = rm_cache_rank(m, it->inherent_level);
		it->residual_rank = rm_cache_rank(m, it->residual_level);
	}
	return 0;
}

/* ---- JSON ---- */

static void run_members(const struct risk_run *r, struct strbuf *sb, int *first)
{
	jsonw_kv_int(sb, first, "id", r->id);
	jsonw_kv_str(sb, first, "created_at", r->created_at);
	jsonw_kv_id(sb, first, "created_by", r->created_by);
	jsonw_kv_str(sb, first, "created_by_name", r->created_by_name ? r->created_by_name : "the system");
	jsonw_kv_str(sb, first, "note", r->note);
	jsonw_kv_int(sb, first, "risk_count", r->risk_count);
}

void risk_run_to_json(const struct risk_run *r, struct strbuf *sb)
{
	int first = 1;
	sb_addc(sb, '{');
	run_members(r, sb, &first);
	sb_addc(sb, '}');
}

static void item_json(const struct run_item *it, struct strbuf *sb)
{
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &first, "risk_id", it->risk_id);
	jsonw_kv_str(sb, &first, "title", it->title);
	jsonw_kv_id(sb, &first, "owner", it->owner);
	jsonw_kv_str(sb, &first, "owner_name", it->owner_name);
	jsonw_kv_id(sb, &first, "asset", it->asset);
	jsonw_kv_str(sb, &first, "asset_name", it->asset_name);
	rh_kv_number(sb, &first, "likelihood", it->likelihood);
	rh_kv_number(sb, &first, "impact", it->impact);
	rh_kv_number(sb, &first, "inherent_score", it->inherent_score);
	jsonw_kv_str(sb, &first, "inherent_level", it->inherent_level);
	rh_kv_number(sb, &first, "residual_likelihood", it->residual_likelihood);
	rh_kv_number(sb, &first, "residual_impact", it->residual_impact);
	rh_kv_number(sb, &first, "residual_score", it->residual_score);
	jsonw_kv_str(sb, &first, "residual_level", it->residual_level);
	jsonw_kv_str(sb, &first, "treatment", it->treatment);
	jsonw_kv_str(sb, &first, "status", it->status);
	rh_kv_number(sb, &first, "method_version", it->method_version);
	sb_addc(sb, '}');
}

void risk_run_full_to_json(const struct risk_run_full *r, struct arena *a, struct strbuf *sb)
{
	struct level_count *c;
	int first = 1, n = risk_run_level_counts(r, a, &c);
	sb_addc(sb, '{');
	run_members(&r->run, sb, &first);
	sb_adds(sb, ",\"counts\":[");
	for (int i = 0; i < n; i++) {
		int f = 1;
		sb_adds(sb, i ? ",{" : "{");
		jsonw_kv_str(sb, &f, "level", c[i].level);
		jsonw_kv_int(sb, &f, "inherent", c[i].inherent);
		jsonw_kv_int(sb, &f, "residual", c[i].residual);
		sb_addc(sb, '}');
	}
	sb_adds(sb, "],\"items\":[");
	for (int i = 0; i < r->n; i++) {
		if (i)
			sb_addc(sb, ',');
		item_json(&r->items[i], sb);
	}
	sb_adds(sb, "]}");
}

static const char *move_name(int move)
{
	return move > 0 ? "up" : move < 0 ? "down" : "same";
}

/* The rows of one kind: items, or for changes the levels on each side. */
static void diff_rows(const struct run_diff *d, enum run_change kind, struct strbuf *sb)
{
	int any = 0;
	sb_addc(sb, '[');
	for (int i = 0; i < d->n; i++) {
		const struct run_diff_row *row = &d->rows[i];
		const struct run_item *it = row->to ? row->to : row->from;
		int first = 1;
		if (row->change != kind)
			continue;
		if (any++)
			sb_addc(sb, ',');
		if (kind != RUN_CHANGED && kind != RUN_REOPENED) {
			item_json(it, sb);
			continue;
		}
		sb_addc(sb, '{');
		jsonw_kv_int(sb, &first, "risk_id", it->risk_id);
		jsonw_kv_str(sb, &first, "title", it->title);
		if (kind == RUN_REOPENED) {
			jsonw_kv_str(sb, &first, "status_from", row->from->status);
			jsonw_kv_str(sb, &first, "status_to", row->to->status);
		}
		jsonw_kv_str(sb, &first, "inherent_from", row->from->inherent_level);
		jsonw_kv_str(sb, &first, "inherent_to", row->to->inherent_level);
		jsonw_kv_str(sb, &first, "inherent_move", move_name(row->inherent_move));
		jsonw_kv_str(sb, &first, "residual_from", row->from->residual_level);
		jsonw_kv_str(sb, &first, "residual_to", row->to->residual_level);
		jsonw_kv_str(sb, &first, "residual_move", move_name(row->residual_move));
		sb_addc(sb, '}');
	}
	sb_addc(sb, ']');
}

void risk_run_diff_to_json(const struct risk_run_full *from, const struct risk_run_full *to,
			   const struct run_diff *d, struct strbuf *sb)
{
	int first = 1;
	sb_adds(sb, "{\"from\":");
	risk_run_to_json(&from->run, sb);
	sb_adds(sb, ",\"to\":");
	risk_run_to_json(&to->run, sb);
	sb_adds(sb, ",\"counts\":{");
	jsonw_kv_int(sb, &first, "new", d->new_risks);
	jsonw_kv_int(sb, &first, "reopened", d->reopened);
	jsonw_kv_int(sb, &first, "closed", d->closed);
	jsonw_kv_int(sb, &first, "archived", d->archived);
	jsonw_kv_int(sb, &first, "changed", d->changed);
	jsonw_kv_int(sb, &first, "inherent_up", d->inherent_up);
	jsonw_kv_int(sb, &first, "inherent_down", d->inherent_down);
	jsonw_kv_int(sb, &first, "residual_up", d->residual_up);
	jsonw_kv_int(sb, &first, "residual_down", d->residual_down);
	jsonw_kv_int(sb, &first, "unchanged", d->unchanged);
	sb_adds(sb, "},\"new\":");
	diff_rows(d, RUN_NEW, sb);
	sb_adds(sb, ",\"reopened\":");
	diff_rows(d, RUN_REOPENED, sb);
	sb_adds(sb, ",\"closed\":");
	diff_rows(d, RUN_CLOSED, sb);
	sb_adds(sb, ",\"archived\":");
	diff_rows(d, RUN_ARCHIVED, sb);
	sb_adds(sb, ",\"changed\":");
	diff_rows(d, RUN_CHANGED, sb);
	sb_addc(sb, '}');
}
