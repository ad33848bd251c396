/* pages_risk_trend: the Trend section of a risk's page — its inherent and
 * residual score after each change of the assessment as an SVG step chart
 * (server-rendered: no script; colours by CSS class, no style attributes),
 * each point coloured by its level in the method version it was scored
 * with, and a compact table of the changes (when, who, scores, treatment,
 * status). The values come from isms/risk_history.c, as for
 * GET /api/v1/risks/{id}/history. */
#include <string.h>

#include "isms/record.h"
#include "isms/risk_history.h"
#include "isms/risk_method.h"
#include "web/page.h"

/* The chart's frame, in SVG user units (it scales to its box). */
#define W 720
#define H 240
#define LEFT 44
#define RIGHT 20
#define TOP 14
#define BOTTOM 40
#define PLOT_W (W - LEFT - RIGHT)
#define PLOT_H (H - TOP - BOTTOM)
#define LABEL_EVERY_MAX 8 /* up to this many points, each gets its date */

struct trend {
	struct request *req;
	const struct risk_history *h;
	struct rm_cache methods;
	int64_t ymax;
};

static int x_of(const struct trend *t, int i)
{
	return t->h->n == 1 ? LEFT + PLOT_W / 2 : LEFT + (int)((int64_t)i * PLOT_W / (t->h->n - 1));
}

static int y_of(const struct trend *t, int64_t v)
{
	return TOP + PLOT_H - (int)(v * PLOT_H / t->ymax);
}

static int64_t inherent(const struct risk_point *p)
{
	return p->inherent_score;
}

static int64_t residual(const struct risk_point *p)
{
	return p->residual_score;
}

/* The level of a point, in the method version it was scored with. */
static const struct rm_level *level_of(struct trend *t, const struct risk_point *p, const char *key)
{
	const struct risk_method *m = rm_cache_get(t->req->store, &t->methods, p->method_version, &t->req->arena);
	int k = rm_cache_rank(m, key);
	return k == RH_NONE ? NULL : &m->levels[k];
}

/* A score held until the next change: a step line, broken where unscored. */
static void series_path(struct strbuf *sb, const struct trend *t, int64_t (*value)(const struct risk_point *),
			const char *cls)
{
	int open = 0, any = 0;
	for (int i = 0; i < t->h->n; i++) {
		int64_t v = value(&t->h->points[i]);
		if (v == RH_NONE) {
			open = 0;
			continue;
		}
		if (!any++)
			html_printf(sb, "<path class=\"trend-line %s\" d=\"", cls);
		if (open)
			html_printf(sb, " H%d V%d", x_of(t, i), y_of(t, v));
		else
			html_printf(sb, "%RM%d %d", any > 1 ? " " : "", x_of(t, i), y_of(t, v));
		open = 1;
	}
	if (any)
		html_printf(sb, "\"/>");
}

static void series_points(struct strbuf *sb, struct trend *t, int residual_series)
{
	for (int i = 0; i < t->h->n; i++) {
		const struct risk_point *p = &t->h->points[i];
		int64_t v = residual_series ? p->residual_score : p->inherent_score;
		const char *key = residual_series ? p->residual_level : p->inherent_level;
		const struct rm_level *l = level_of(t, p, key);
		int x = x_of(t, i), y;
		if (v == RH_NONE)
			continue;
		y = y_of(t, v);
		if (residual_series) /* a diamond, to tell the series apart without colour */
			html_printf(sb, "<path class=\"pt lvl-%s\" d=\"M%d %d l6 6 l-6 6 l-6 -6 z\">", l ? l->colour : "grey",
				    x, y - 6);
		else
			html_printf(sb, "<circle class=\"pt lvl-%s\" cx=\"%d\" cy=\"%d\" r=\"5\">", l ? l->colour : "grey",
				    x, y);
		html_printf(sb, "<title>%s: %s score %lld, %s</title>%R", view_datetime(&t->req->arena, p->at),
			    residual_series ? "residual" : "inherent", (long long)v, l ? l->label : key ? key : "no level",
			    residual_series ? "</path>" : "</circle>");
	}
}

/* A round step for at most five intervals up to ymax: 1, 2, 5, 10, 20 ... */
static int64_t tick_step(int64_t ymax)
{
	int64_t step = 1;
	for (int k = 0; ymax > 5 * step; k++)
		step = (k % 3 == 1 ? step * 5 / 2 : step * 2);
	return step;
}

/* The scale's top: ymax rounded up to a whole step. */
static int64_t nice_top(int64_t ymax)
{
	int64_t step = tick_step(ymax);
	return (ymax + step - 1) / step * step;
}

static void axes(struct strbuf *sb, const struct trend *t)
{
	int64_t step = tick_step(t->ymax);
	/* changes all on one day are told apart by their time */
	int one_day = t->h->n && t->h->points[0].at && t->h->points[t->h->n - 1].at &&
		      strncmp(t->h->points[0].at, t->h->points[t->h->n - 1].at, 10) == 0;
	for (int64_t v = 0; v <= t->ymax; v += step) {
		int y = y_of(t, v);
		html_printf(sb, "<line class=\"grid\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
				"<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%lld</text>",
			    LEFT, y, W - RIGHT, y, LEFT - 8, y + 4, (long long)v);
	}
	for (int i = 0; i < t->h->n; i++) {
		const char *at = t->h->points[i].at;
		if (t->h->n > LABEL_EVERY_MAX && i != 0 && i != t->h->n - 1)
			continue;
		html_printf(sb, "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"%R\">%s</text>", x_of(t, i),
			    H - BOTTOM + 20,
			    t->h->n == 1 ? "middle" : i == 0 ? "start" : i == t->h->n - 1 ? "end" : "middle",
			    !at || strlen(at) < 16 ? "" : arena_strndup(&t->req->arena, at + (one_day ? 11 : 0), one_day ? 5 : 10));
	}
}

static void chart(struct strbuf *sb, struct trend *t, const char *title)
{
	html_printf(sb, "<figure class=\"trend\"><svg class=\"trend-chart\" viewBox=\"0 0 %d %d\" role=\"img\" "
			"aria-labelledby=\"trend-title\"><title id=\"trend-title\">%s</title>",
		    W, H, title);
	axes(sb, t);
	series_path(sb, t, inherent, "trend-inherent");
	series_path(sb, t, residual, "trend-residual");
	series_points(sb, t, 0);
	series_points(sb, t, 1);
	html_printf(sb, "</svg><figcaption class=\"trend-legend\"><span class=\"key key-inherent\">Inherent (circles)"
			"</span><span class=\"key key-residual\">Residual (diamonds)</span>"
			"<span class=\"muted\">Each point is coloured by its level; one step per change.</span>"
			"</figcaption></figure>");
}

void risk_level_badge(struct request *req, struct strbuf *sb, struct rm_cache *c, int64_t version, const char *key)
{
	const struct risk_method *m = rm_cache_get(req->store, c, version, &req->arena);
	int k = rm_cache_rank(m, key);
	if (k != RH_NONE)
		view_level_badge(sb, &m->levels[k]);
	else if (key)
		view_badge(sb, &req->arena, key);
	else
		html_printf(sb, "<span class=\"empty\" aria-label=\"none\">—</span>");
}

void risk_score_cell(struct request *req, struct strbuf *sb, struct rm_cache *c, int64_t version, int64_t l,
		     int64_t i, int64_t score, const char *key)
{
	html_printf(sb, "<td class=\"num\">");
	if (score != RH_NONE)
		html_printf(sb, "%lld × %lld = <strong>%lld</strong> ", (long long)l, (long long)i, (long long)score);
	if (score != RH_NONE || key)
		risk_level_badge(req, sb, c, version, key);
	else
		html_printf(sb, "<span class=\"empty\" aria-label=\"empty\">—</span>");
	html_printf(sb, "</td>");
}

static void changes_table(struct strbuf *sb, struct trend *t)
{
	html_printf(sb, "<div class=\"table-wrap table-scroll\" role=\"region\" aria-label=\"Changes of the assessment\" "
			"tabindex=\"0\"><table class=\"table trend-table\"><thead><tr><th scope=\"col\">When</th>"
			"<th scope=\"col\">Who</th><th scope=\"col\">Inherent</th><th scope=\"col\">Residual</th>"
			"<th scope=\"col\">Treatment</th><th scope=\"col\">Status</th></tr></thead><tbody>");
	for (int i = t->h->n - 1; i >= 0; i--) {
		const struct risk_point *p = &t->h->points[i];
		html_printf(sb, "<tr><td>");
		view_time(t->req, sb, p->at, NULL);
		if (strcmp(p->action, "update") != 0)
			html_printf(sb, " <span class=\"badge badge-muted\">%s</span>",
				    strcmp(p->action, "create") == 0 ? "Created" : "Archived");
		html_printf(sb, "</td><td>%s</td>", p->actor_name ? p->actor_name : "the system");
		risk_score_cell(t->req, sb, &t->methods, p->method_version, p->likelihood, p->impact, p->inherent_score,
				p->inherent_level);
		risk_score_cell(t->req, sb, &t->methods, p->method_version, p->residual_likelihood, p->residual_impact,
				p->residual_score, p->residual_level);
		html_printf(sb, "<td>%s</td><td>", p->treatment ? view_enum_label(&t->req->arena, p->treatment) : "—");
		if (p->status)
			view_badge(sb, &t->req->arena, p->status);
		html_printf(sb, "</td></tr>");
	}
	html_printf(sb, "</tbody></table></div>");
}

/* The highest score the current method allows, so that the chart's scale
 * says how high a risk stands, not just how it moved. */
static int64_t method_max(struct request *req)
{
	struct risk_method m;
	struct err e = ERR_INIT;
	if (risk_method_current(req->store, &req->arena, &m, &e) || !m.likelihood.n || !m.impact.n)
		return 1;
	return m.likelihood.steps[m.likelihood.n - 1].value * m.impact.steps[m.impact.n - 1].value;
}

void risk_trend_section(struct request *req, struct strbuf *sb, const struct record *r)
{
	struct risk_history h;
	struct trend t = { .req = req, .h = &h };
	struct err e = ERR_INIT;
	int scored = 0;

	html_printf(sb, "<section class=\"card trend-card\" aria-labelledby=\"trend-h\"><div class=\"card-head\">"
			"<h2 id=\"trend-h\">Trend</h2><a href=\"/api/v1/risks/%lld/history\">As JSON</a></div>",
		    (long long)r->id);
	if (risk_history_read(req->store, &req->actor, r->id, &req->arena, &h, &e)) {
		page_notice(sb, "error", e.message);
		html_printf(sb, "</section>");
		return;
	}
	t.ymax = method_max(req);
	for (int i = 0; i < h.n; i++) {
		const struct risk_point *p = &h.points[i];
		scored |= p->inherent_score != RH_NONE || p->residual_score != RH_NONE;
		if (p->inherent_score > t.ymax)
			t.ymax = p->inherent_score;
		if (p->residual_score > t.ymax)
			t.ymax = p->residual_score;
	}
	t.ymax = nice_top(t.ymax < 1 ? 1 : t.ymax);
	if (scored)
		chart(sb, &t, arena_printf(&req->arena, "Inherent and residual score of this risk over %d change%s",
					   h.n, h.n == 1 ? "" : "s"));
	else
		html_printf(sb, "<p class=\"muted\">Not scored yet: the chart appears once a likelihood and an impact "
				"are set.</p>");
	if (h.n)
		changes_table(sb, &t);
	if (h.truncated)
		html_printf(sb, "<p class=\"muted\">Showing the changes within the newest %d audit entries.</p>",
			    RISK_HISTORY_MAX);
	html_printf(sb, "</section>");
}
