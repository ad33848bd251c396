/* pages_risk_runs: assessment runs in the web UI — GET /risk-runs (the
 * runs, the form that freezes the register for ISMS managers, the choice
 * of two runs to compare), POST /risk-runs, GET /risk-runs/{id} (one run:
 * counts by level and its risks) and GET /risk-runs/compare?from=&to= (new,
 * gone and changed risks). Reads and checks go through isms/risk_run.c and
 * api_run_compare_params, as for the API. */
#include <string.h>

#include "api/api.h"
#include "base/util.h"
#include "isms/risk_history.h"
#include "isms/risk_method.h"
#include "isms/risk_run.h"
#include "web/page.h"
#include "web/web.h"

#define RUNS_LEAD                                                                                            \
	"Each run freezes the risk register as it stands — every live risk with its scores, levels, treatment "   \
	"and status — as the record of an assessment. Runs never change; compare two to see what moved."

/* Levels of items, each in the method version it was scored with. */
struct levels {
	struct request *req;
	struct rm_cache methods;
};

static void level_badge(struct strbuf *sb, struct levels *lv, const struct run_item *it, const char *key)
{
	risk_level_badge(lv->req, sb, &lv->methods, it->method_version, key);
}

static void risk_link(struct strbuf *sb, const struct run_item *it)
{
	html_printf(sb, "<th scope=\"row\"><a href=\"/risks/%lld\">%s</a> <span class=\"muted\">#%lld</span></th>",
		    (long long)it->risk_id, it->title, (long long)it->risk_id);
}

/* A table of frozen risks; rows picks which (NULL: all of r). */
static void items_table(struct strbuf *sb, struct levels *lv, const char *label, const struct run_item *const *items,
			int n)
{
	html_printf(sb, "<div class=\"table-wrap table-scroll\" role=\"region\" aria-label=\"%s\" tabindex=\"0\">"
			"<table class=\"table\"><thead><tr><th scope=\"col\">Risk</th><th scope=\"col\">Owner</th>"
			"<th scope=\"col\">Asset</th><th scope=\"col\">Inherent</th><th scope=\"col\">Residual</th>"
			"<th scope=\"col\">Treatment</th><th scope=\"col\">Status</th><th scope=\"col\">Method</th>"
			"</tr></thead><tbody>",
		    label);
	for (int i = 0; i < n; i++) {
		const struct run_item *it = items[i];
		html_printf(sb, "<tr>");
		risk_link(sb, it);
		html_printf(sb, "<td>%s</td><td>%s</td>", it->owner_name ? it->owner_name : "—",
			    it->asset_name ? it->asset_name : "—");
		risk_score_cell(lv->req, sb, &lv->methods, it->method_version, it->likelihood, it->impact,
				it->inherent_score, it->inherent_level);
		risk_score_cell(lv->req, sb, &lv->methods, it->method_version, it->residual_likelihood,
				it->residual_impact, it->residual_score, it->residual_level);
		html_printf(sb, "<td>%s</td><td>", it->treatment ? view_enum_label(&lv->req->arena, it->treatment) : "—");
		if (it->status)
			view_badge(sb, &lv->req->arena, it->status);
		html_printf(sb, "</td><td>");
		if (it->method_version != RUN_NONE)
			html_printf(sb, "<a href=\"/risk-method/versions/%lld\">v%lld</a>", (long long)it->method_version,
				    (long long)it->method_version);
		html_printf(sb, "</td></tr>");
	}
	html_printf(sb, "</tbody></table></div>");
}

static const char *run_label(struct arena *a, const struct risk_run *r)
{
	return arena_printf(a, "Run %lld — %.10s — %s", (long long)r->id, r->created_at, r->note);
}

static void run_select(struct strbuf *sb, struct request *req, const char *name, const char *label,
		       const struct risk_run *runs, int n, int64_t chosen, const struct err *e)
{
	const char *msg = page_field_error(e, name);
	html_printf(sb, "<div class=\"field%R\"><label for=\"run-%s\">%s</label><select id=\"run-%s\" name=\"%s\"%R>",
		    msg ? " has-error" : "", name, label, name, name,
		    msg ? arena_printf(&req->arena, " aria-invalid=\"true\" aria-describedby=\"run-%s-error\"", name) : "");
	for (int i = 0; i < n; i++)
		html_printf(sb, "<option value=\"%lld\"%R>%s</option>", (long long)runs[i].id,
			    runs[i].id == chosen ? " selected" : "", run_label(&req->arena, &runs[i]));
	html_printf(sb, "</select>");
	if (msg)
		html_printf(sb, "<p class=\"field-error\" id=\"run-%s-error\">%s</p>", name, msg);
	html_printf(sb, "</div>");
}

/* The choice of two runs, newest last by default. */
static void compare_form(struct request *req, struct strbuf *sb, const struct risk_run *runs, int n, int64_t from,
			 int64_t to, const struct err *e)
{
	if (n < 2) {
		html_printf(sb, "<p class=\"muted\">Two runs are needed for a comparison.</p>");
		return;
	}
	if (!from)
		from = runs[1].id;
	if (!to)
		to = runs[0].id;
	html_printf(sb, "<form class=\"compare-form\" method=\"get\" action=\"/risk-runs/compare\">");
	run_select(sb, req, "from", "Earlier run", runs, n, from, e);
	run_select(sb, req, "to", "Later run", runs, n, to, e);
	html_printf(sb, "<div class=\"filter-actions\"><button type=\"submit\" class=\"btn btn-primary\">Compare</button>"
			"</div></form>");
}

static int load_runs(struct request *req, struct risk_run **runs, struct err *e)
{
	int64_t total;
	return risk_run_list(req->store, RISK_RUN_LIST_MAX, 0, &req->arena, runs, &total, e);
}

static void runs_page(struct request *req, struct response *resp, const char *note, const struct err *form_err,
		      int status)
{
	struct strbuf *sb = &resp->body;
	struct risk_run *runs;
	struct err e = ERR_INIT;
	int n = load_runs(req, &runs, &e);
	if (n < 0) {
		page_error(req, resp, &e, "/risks", "Back to the risks");
		return;
	}
	page_begin(req, resp, "Assessment runs", "risks", 0);
	page_head(sb, "Risks", "/risks", "Assessment runs", RUNS_LEAD);
	page_head_end(sb);
	page_flash(req, sb);
	if (req->user.role >= ROLE_MANAGER) {
		html_printf(sb, "<h2 class=\"section-title\">Freeze the register now</h2>");
		page_form_begin(req, sb, "/risk-runs");
		page_field(req, sb, &risk_run_note_field, note, NULL, form_err);
		page_form_end(sb, "Create the run", NULL);
	}
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-compare\"><h2 id=\"h-compare\">Compare two runs</h2>");
	compare_form(req, sb, runs, n, 0, 0, NULL);
	html_printf(sb, "</section><section class=\"card\" aria-labelledby=\"h-runs\"><h2 id=\"h-runs\">Runs</h2>");
	if (n == 0) {
		html_printf(sb, "<p class=\"muted\">No runs yet.%R</p>",
			    req->user.role >= ROLE_MANAGER ? " Create the first one above." : " An ISMS manager creates them.");
	} else {
		html_printf(sb, "<table class=\"table\"><thead><tr><th scope=\"col\">Run</th><th scope=\"col\">Frozen</th>"
				"<th scope=\"col\">By</th><th scope=\"col\">Note</th><th scope=\"col\" class=\"num\">Risks</th>"
				"</tr></thead><tbody>");
		for (int i = 0; i < n; i++) {
			html_printf(sb, "<tr><th scope=\"row\"><a href=\"/risk-runs/%lld\">Run %lld</a></th><td>",
				    (long long)runs[i].id, (long long)runs[i].id);
			view_time(req, sb, runs[i].created_at, NULL);
			html_printf(sb, "</td><td>%s</td><td>%s</td><td class=\"num\">%lld</td></tr>",
				    runs[i].created_by_name ? runs[i].created_by_name : "the system", runs[i].note,
				    (long long)runs[i].risk_count);
		}
		html_printf(sb, "</tbody></table>");
	}
	html_printf(sb, "</section>");
	page_end(req, resp, status);
}

void web_risk_runs(struct request *req, struct response *resp)
{
	runs_page(req, resp, NULL, NULL, 200);
}

void web_risk_run_create(struct request *req, struct response *resp)
{
	const char *note = http_form(req, "note");
	struct err e = ERR_INIT;
	int64_t id = 0;
	if (risk_run_create(req->store, &req->actor, note, &id, &e) == 0) {
		http_redirect(resp, arena_printf(&req->arena, "/risk-runs/%lld?notice=created", (long long)id));
		return;
	}
	if (!e.nfields) {
		page_error(req, resp, &e, "/risk-runs", "Back to the runs");
		return;
	}
	runs_page(req, resp, note, &e, e.status);
}

static void level_counts(struct strbuf *sb, struct levels *lv, const struct risk_run_full *r)
{
	struct level_count *c;
	int n = risk_run_level_counts(r, &lv->req->arena, &c);
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-counts\"><h2 id=\"h-counts\">Risks by level</h2>"
			"<table class=\"table counts\"><thead><tr><th scope=\"col\">Level</th>"
			"<th scope=\"col\" class=\"num\">Inherent</th><th scope=\"col\" class=\"num\">Residual</th>"
			"</tr></thead><tbody>");
	for (int j = 0; j < n; j++) { /* highest level first, unscored (sorted last) still last */
		int i = c[n - 1].level ? n - 1 - j : j == n - 1 ? n - 1 : n - 2 - j;
		const struct run_item *it = NULL;
		html_printf(sb, "<tr><th scope=\"row\">");
		for (int k = 0; k < r->n && !it; k++) /* an item with this level, to read it in its method */
			if (streq(r->items[k].inherent_level, c[i].level) || streq(r->items[k].residual_level, c[i].level))
				it = &r->items[k];
		if (c[i].level && it)
			level_badge(sb, lv, it, c[i].level);
		else
			html_printf(sb, "Not scored");
		html_printf(sb, "</th><td class=\"num\">%d</td><td class=\"num\">%d</td></tr>", c[i].inherent,
			    c[i].residual);
	}
	html_printf(sb, "</tbody></table></section>");
}

/* The run before id, or 0 (ids are not dense: a refused run uses one up). */
static int64_t earlier_run(struct request *req, int64_t id)
{
	struct risk_run *runs;
	struct err e = ERR_INIT;
	int n = load_runs(req, &runs, &e);
	for (int i = 0; i < n; i++)
		if (runs[i].id < id)
			return runs[i].id;
	return 0;
}

void web_risk_run(struct request *req, struct response *resp)
{
	struct strbuf *sb = &resp->body;
	struct risk_run_full r;
	struct levels lv = { .req = req };
	struct err e = ERR_INIT;
	const struct run_item **all;
	const char *title;
	int64_t earlier;

	if (risk_run_get(req->store, req->id, "run", &req->arena, &r, &e)) {
		page_error(req, resp, &e, "/risk-runs", "Back to the runs");
		return;
	}
	title = arena_printf(&req->arena, "Assessment run %lld", (long long)r.run.id);
	page_begin(req, resp, title, "risks", 0);
	page_head(sb, "Assessment runs", "/risk-runs", title, r.run.note);
	if ((earlier = earlier_run(req, r.run.id)))
		html_printf(sb, "<div class=\"actions\"><a class=\"btn btn-secondary\" "
				"href=\"/risk-runs/compare?from=%lld&amp;to=%lld\">Compare with run %lld</a></div>",
			    (long long)earlier, (long long)r.run.id, (long long)earlier);
	page_head_end(sb);
	page_flash(req, sb);
	html_printf(sb, "<p class=\"run-meta\">Frozen ");
	view_time(req, sb, r.run.created_at, NULL);
	html_printf(sb, " by %s — %lld risk%R. A run never changes: later edits of the risks do not reach it.</p>",
		    r.run.created_by_name ? r.run.created_by_name : "the system", (long long)r.run.risk_count,
		    r.run.risk_count == 1 ? "" : "s");
	level_counts(sb, &lv, &r);
	all = arena_alloc(&req->arena, sizeof(*all) * (size_t)(r.n ? r.n : 1));
	for (int i = 0; i < r.n; i++)
		all[i] = &r.items[i];
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-items\"><h2 id=\"h-items\">Risks</h2>");
	if (r.n)
		items_table(sb, &lv, "Risks of the run", all, r.n);
	else
		html_printf(sb, "<p class=\"muted\">The register was empty.</p>");
	html_printf(sb, "</section>");
	page_end(req, resp, 200);
}

/* ---- the comparison ---- */

static void count_tile(struct strbuf *sb, const char *label, int n, const char *cls)
{
	html_printf(sb, "<div class=\"tile %s\"><span class=\"tile-n\">%d</span><span class=\"tile-label\">%s</span></div>",
		    cls, n, label);
}

static void kind_section(struct strbuf *sb, struct levels *lv, const struct run_diff *d, enum run_change kind,
			 const char *id, const char *title, const char *none)
{
	const struct run_item **rows = arena_alloc(&lv->req->arena, sizeof(*rows) * (size_t)(d->n ? d->n : 1));
	int n = 0;
	for (int i = 0; i < d->n; i++)
		if (d->rows[i].change == kind)
			rows[n++] = d->rows[i].to ? d->rows[i].to : d->rows[i].from; /* as it stands last */
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-%s\"><h2 id=\"h-%s\">%s <span class=\"count\">%d</span>"
			"</h2>",
		    id, id, title, n);
	if (n)
		items_table(sb, lv, title, rows, n);
	else
		html_printf(sb, "<p class=\"muted\">%s</p>", none);
	html_printf(sb, "</section>");
}

static void move_cell(struct strbuf *sb, struct levels *lv, const struct run_diff_row *row, int residual_side)
{
	int move = residual_side ? row->residual_move : row->inherent_move;
	if (!(residual_side ? row->from->residual_level || row->to->residual_level
			    : row->from->inherent_level || row->to->inherent_level)) {
		html_printf(sb, "<td><span class=\"muted\">Not scored</span></td>");
		return;
	}
	html_printf(sb, "<td>");
	level_badge(sb, lv, row->from, residual_side ? row->from->residual_level : row->from->inherent_level);
	html_printf(sb, " → ");
	level_badge(sb, lv, row->to, residual_side ? row->to->residual_level : row->to->inherent_level);
	html_printf(sb, " %R</td>", move > 0 ? "<span class=\"move move-up\">▲ up</span>"
				    : move < 0 ? "<span class=\"move move-down\">▼ down</span>"
					       : "<span class=\"muted\">same</span>");
}

/* The risks of one kind with a level on each side: changed, or reopened. */
static void moves_section(struct strbuf *sb, struct levels *lv, const struct run_diff *d, enum run_change kind,
			  const char *id, const char *title, int count, const char *none)
{
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-%s\"><h2 id=\"h-%s\">%s "
			"<span class=\"count\">%d</span></h2>",
		    id, id, title, count);
	if (!count) {
		html_printf(sb, "<p class=\"muted\">%s</p></section>", none);
		return;
	}
	html_printf(sb, "<div class=\"table-wrap table-scroll\" role=\"region\" aria-label=\"%s\" tabindex=\"0\">"
			"<table class=\"table\"><thead><tr><th scope=\"col\">Risk</th><th scope=\"col\">Inherent level</th>"
			"<th scope=\"col\">Residual level</th></tr></thead><tbody>",
		    title);
	for (int i = 0; i < d->n; i++) {
		const struct run_diff_row *row = &d->rows[i];
		if (row->change != kind)
			continue;
		html_printf(sb, "<tr>");
		risk_link(sb, row->to);
		move_cell(sb, lv, row, 0);
		move_cell(sb, lv, row, 1);
		html_printf(sb, "</tr>");
	}
	html_printf(sb, "</tbody></table></div></section>");
}

void web_risk_run_compare(struct request *req, struct response *resp)
{
	struct strbuf *sb = &resp->body;
	struct risk_run_full from, to;
	struct risk_run *runs;
	struct levels lv = { .req = req };
	struct run_diff d;
	struct err e = ERR_INIT, le = ERR_INIT;
	int bad = api_run_compare_params(req, &from, &to, &e), n;

	if (bad && !e.nfields) {
		page_error(req, resp, &e, "/risk-runs", "Back to the runs");
		return;
	}
	if ((n = load_runs(req, &runs, &le)) < 0) {
		page_error(req, resp, &le, "/risk-runs", "Back to the runs");
		return;
	}
	page_begin(req, resp, "Compare assessment runs", "risks", 0);
	page_head(sb, "Assessment runs", "/risk-runs",
		  bad ? "Compare assessment runs"
		      : arena_printf(&req->arena, "Run %lld compared with run %lld", (long long)to.run.id,
				     (long long)from.run.id),
		  "Risks open in the later run and absent from the earlier one are new; risks closed in the "
		  "earlier run and open in the later one are reopened; risks open in the earlier run and closed "
		  "or archived by the later one are gone; risks open in both either changed level (inherent or "
		  "residual) or did not.");
	page_head_end(sb);
	html_printf(sb, "<section class=\"card\">");
	compare_form(req, sb, runs, n, bad ? 0 : from.run.id, bad ? 0 : to.run.id, &e);
	html_printf(sb, "</section>");
	if (bad) {
		page_notice(sb, "error", "Choose two different runs to compare.");
		page_end(req, resp, e.status);
		return;
	}
	risk_run_compare(&from, &to, &req->arena, &d);
	html_printf(sb, "<div class=\"tiles\" role=\"group\" aria-label=\"Summary\">");
	count_tile(sb, "New", d.new_risks, "tile-new");
	count_tile(sb, "Reopened", d.reopened, "tile-new");
	count_tile(sb, "Closed", d.closed, "tile-gone");
	count_tile(sb, "Archived", d.archived, "tile-gone");
	count_tile(sb, "Level up", d.inherent_up + d.residual_up, "tile-up");
	count_tile(sb, "Level down", d.inherent_down + d.residual_down, "tile-down");
	count_tile(sb, "Unchanged", d.unchanged, "tile-same");
	html_printf(sb, "</div><p class=\"muted\">Level moves count inherent and residual separately: %d inherent up, %d "
			"down; %d residual up, %d down, over %d risk%R.</p>",
		    d.inherent_up, d.inherent_down, d.residual_up, d.residual_down, d.changed, d.changed == 1 ? "" : "s");
	moves_section(sb, &lv, &d, RUN_CHANGED, "changed", "Level changed", d.changed,
		      "No risk open in both runs changed level.");
	moves_section(sb, &lv, &d, RUN_REOPENED, "reopened", "Reopened", d.reopened,
		      "No risk closed in the earlier run is open again.");
	kind_section(sb, &lv, &d, RUN_NEW, "new", "New risks", "No new risks.");
	kind_section(sb, &lv, &d, RUN_CLOSED, "closed", "Closed", "No risk was closed.");
	kind_section(sb, &lv, &d, RUN_ARCHIVED, "archived", "Archived", "No risk was archived.");
	page_end(req, resp, 200);
}
