#include "web/heatmap_view.h"

#include <string.h>

#include "base/util.h"
#include "web/page.h"

#define CELL_W 64
#define CELL_H 44
#define LEFT 132   /* room for the likelihood labels and the axis title */
#define TOP 8
#define BOTTOM 52  /* room for the impact labels and the axis title */
#define LABEL_MAX 16 /* code points of a step label shown on an axis; the whole one is its tooltip */

/* A level's colours by name (rm_colours), as in style.css's .lvl-*:
 * fill, then the text drawn on it. */
static const struct {
	const char *name, *fill, *text;
} palette[] = {
	{ "green", "#d9f2e1", "#0f5132" }, { "lime", "#e8f5c8", "#3d5a00" }, { "yellow", "#fdf1bf", "#6b5200" },
	{ "orange", "#fddcb5", "#7a3a00" }, { "red", "#b3261e", "#ffffff" }, { "purple", "#5b2a86", "#ffffff" },
	{ "blue", "#d6e6fb", "#0b3d7a" }, { "grey", "#e6e8ec", "#3b4557" },
};

static int colour_of(const char *name)
{
	for (size_t k = 0; k < sizeof(palette) / sizeof(palette[0]); k++)
		if (streq(palette[k].name, name))
			return (int)k;
	return (int)(sizeof(palette) / sizeof(palette[0])) - 1; /* grey */
}

/* label cut to LABEL_MAX code points with an ellipsis, in tmp. */
static const char *short_label(const char *label, struct strbuf *tmp)
{
	const unsigned char *p = (const unsigned char *)label;
	int n = 0;
	sb_reset(tmp);
	for (; *p; p++) {
		if ((*p & 0xC0) != 0x80 && ++n > LABEL_MAX) {
			sb_adds(tmp, "…");
			return tmp->buf;
		}
		sb_addc(tmp, (char)*p);
	}
	return tmp->buf;
}

static void cell(const struct heatmap *h, struct strbuf *sb, const struct list_link *link, int l, int i, int sel)
{
	const struct risk_method *m = h->m;
	const struct rm_level *lv = &m->levels[m->matrix[l][i]];
	int c = colour_of(lv->colour);
	int x = LEFT + i * CELL_W, y = TOP + (m->likelihood.n - 1 - l) * CELL_H;
	long long n = (long long)h->count[l][i];
	char value_l[24], value_i[24];
	const char *fields[2] = { heatmap_field(h->residual, 0), heatmap_field(h->residual, 1) };
	const char *values[2] = { value_l, value_i };

	snprintf(value_l, sizeof(value_l), "%lld", (long long)m->likelihood.steps[l].value);
	snprintf(value_i, sizeof(value_i), "%lld", (long long)m->impact.steps[i].value);
	if (link) {
		html_printf(sb, "<a class=\"hm-cell\" href=\"");
		link->href(sb, link->ctx, fields, values, 2);
		html_printf(sb, "\" aria-label=\"Likelihood %s, impact %s: %lld risk%R, level %s\">",
			    m->likelihood.steps[l].label, m->impact.steps[i].label, n, n == 1 ? "" : "s", lv->label);
	} else {
		html_printf(sb, "<g class=\"hm-cell\">");
	}
	html_printf(sb, "<title>Likelihood %s (%s) × impact %s (%s): %lld risk%R, level %s</title>",
		    m->likelihood.steps[l].label, value_l, m->impact.steps[i].label, value_i, n, n == 1 ? "" : "s",
		    lv->label);
	html_printf(sb, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"5\" fill=\"%R\" stroke=\"%R\" "
			"stroke-width=\"%d\"/>",
		    x + 2, y + 2, CELL_W - 4, CELL_H - 4, palette[c].fill, sel ? "#1d2433" : "#ffffff", sel ? 3 : 1);
	html_printf(sb, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" dominant-baseline=\"central\" "
			"font-size=\"%d\" font-weight=\"700\" fill=\"%R\"%R>%lld</text>",
		    x + CELL_W / 2, y + CELL_H / 2, n ? 17 : 13, palette[c].text, n ? "" : " fill-opacity=\"0.55\"", n);
	html_printf(sb, link ? "</a>" : "</g>");
}

void heatmap_svg(const struct heatmap *h, struct strbuf *sb, const char *id, const struct list_link *link,
		 int standalone, int sel_l, int sel_i)
{
	const struct risk_method *m = h->m;
	int nl = m->likelihood.n, ni = m->impact.n;
	int w = LEFT + ni * CELL_W + 8, ht = TOP + nl * CELL_H + BOTTOM;
	const char *kind = h->residual ? "Residual" : "Inherent";
	struct strbuf tmp = STRBUF_INIT;

	html_printf(sb, "<svg%R class=\"heatmap-svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"group\" "
			"aria-labelledby=\"%s-title %s-desc\" font-family=\"system-ui, -apple-system, 'Segoe UI', "
			"Roboto, sans-serif\">",
		    standalone ? " xmlns=\"http://www.w3.org/2000/svg\"" : "", w, ht, w, ht, id, id);
	html_printf(sb, "<title id=\"%s-title\">%s risk heat map</title><desc id=\"%s-desc\">%lld risk%R by %s "
			"likelihood (rows, highest on top) and impact (columns), risk method version %lld.</desc>",
		    id, kind, id, (long long)h->total, h->total == 1 ? "" : "s", h->residual ? "residual" : "inherent",
		    (long long)m->id);
	if (standalone)
		html_printf(sb, "<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>");
	for (int l = 0; l < nl; l++)
		html_printf(sb, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" dominant-baseline=\"central\" "
				"font-size=\"11\" fill=\"#3b4557\"><title>%s</title>%s</text>",
			    LEFT - 8, TOP + (nl - 1 - l) * CELL_H + CELL_H / 2, m->likelihood.steps[l].label,
			    short_label(m->likelihood.steps[l].label, &tmp));
	for (int i = 0; i < ni; i++)
		html_printf(sb, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"%d\" fill=\"#3b4557\">"
				"<title>%s</title>%s</text>",
			    LEFT + i * CELL_W + CELL_W / 2, TOP + nl * CELL_H + 16, ni > 6 ? 9 : 11,
			    m->impact.steps[i].label, short_label(m->impact.steps[i].label, &tmp));
	html_printf(sb, "<text x=\"14\" y=\"%d\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"600\" "
			"fill=\"#1a1e29\" transform=\"rotate(-90 14 %d)\">Likelihood</text>"
			"<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"600\" "
			"fill=\"#1a1e29\">Impact</text>",
		    TOP + nl * CELL_H / 2, TOP + nl * CELL_H / 2, LEFT + ni * CELL_W / 2, TOP + nl * CELL_H + 40);
	for (int l = nl - 1; l >= 0; l--)
		for (int i = 0; i < ni; i++)
			cell(h, sb, link, l, i, l == sel_l && i == sel_i);
	html_printf(sb, "</svg>");
	sb_release(&tmp);
}

/* The register with filters set: /risks?F=V&... */
static void register_href(struct strbuf *sb, const void *ctx, const char *const *fields, const char *const *values,
			  int n)
{
	(void)ctx;
	html_printf(sb, "/risks");
	for (int k = 0; k < n; k++)
		html_printf(sb, "%R%s=%U", k ? "&amp;" : "?", fields[k], values[k]);
}

/* The step index of the value q filters an axis field on, or -1. */
static int selected(const struct list_query *q, const struct entity *risk, const struct rm_scale *sc,
		    const char *field)
{
	int f = entity_field_index(risk, field);
	int64_t v;
	for (int k = 0; q && k < q->nfilters; k++)
		if (q->filter_field[k] == f && q->filter_value[k] && parse_int64(q->filter_value[k], &v) == 0)
			return rm_step_index(sc, v);
	return -1;
}

static void one_map(struct request *req, struct strbuf *sb, const struct heatmap *h, const struct list_query *q,
		    const struct list_link *link)
{
	const struct entity *risk = entity_by_name("risk");
	const char *kind = heatmap_kind(h->residual);
	int sl = selected(q, risk, &h->m->likelihood, heatmap_field(h->residual, 0));
	int si = selected(q, risk, &h->m->impact, heatmap_field(h->residual, 1));
	(void)req;
	html_printf(sb, "<figure class=\"card heatmap\" aria-labelledby=\"hm-%s-head\"><div class=\"card-head\">"
			"<h2 id=\"hm-%s-head\">%R</h2><span class=\"muted\">%lld risk%R</span></div>",
		    kind, kind, h->residual ? "Residual risk <small>after treatment</small>"
					    : "Inherent risk <small>before treatment</small>",
		    (long long)h->total, h->total == 1 ? "" : "s");
	html_printf(sb, "<div class=\"heatmap-wrap\">");
	heatmap_svg(h, sb, arena_printf(&req->arena, "hm-%s", kind), link, 0, sl < 0 || si < 0 ? -1 : sl, si);
	html_printf(sb, "</div>");
	if (h->off_scale || h->unscored) {
		html_printf(sb, "<figcaption class=\"heatmap-apart\"><ul>");
		if (h->off_scale)
			html_printf(sb, "<li>Not on the current scales: <strong>%lld</strong> <span class=\"muted\">"
					"(assessed with values that the current risk method no longer has; "
					"reassess them)</span></li>",
				    (long long)h->off_scale);
		if (h->unscored)
			html_printf(sb, "<li>Not scored yet: <strong>%lld</strong></li>", (long long)h->unscored);
		html_printf(sb, "</ul></figcaption>");
	}
	html_printf(sb, "</figure>");
}

void heatmap_sections(struct request *req, struct strbuf *sb, const struct list_query *q,
		      const struct list_link *link)
{
	static const struct list_link plain = { register_href, NULL };
	const struct entity *risk = entity_by_name("risk");
	struct risk_method *m = arena_alloc(&req->arena, sizeof(*m));
	struct heatmap *h = arena_alloc(&req->arena, 2 * sizeof(*h));
	struct list_query all;
	struct err e = ERR_INIT;

	if (!q) {
		list_query_init(&all, risk);
		all.viewer = &req->actor;
		q = &all;
	}
	if (risk_method_current(req->store, &req->arena, m, &e) || heatmap_count(req->store, m, 0, q, &h[0], &e) ||
	    heatmap_count(req->store, m, 1, q, &h[1], &e)) {
		page_notice(sb, "error", arena_printf(&req->arena, "The heat maps cannot be shown: %s", e.message));
		return;
	}
	if (h[0].total == 0)
		return;
	html_printf(sb, "<section class=\"heatmaps\" aria-label=\"Risk heat maps\"><div class=\"heatmap-pair\">");
	one_map(req, sb, &h[0], q, link ? link : &plain);
	one_map(req, sb, &h[1], q, link ? link : &plain);
	html_printf(sb, "</div><p class=\"heatmap-legend\"><span class=\"muted\">Levels of risk method version "
			"%lld:</span> ",
		    (long long)m->id);
	for (int k = 0; k < m->nlevels; k++)
		view_level_badge(sb, &m->levels[k]);
	html_printf(sb, " <span class=\"muted\">Choose a cell to see its risks.</span></p></section>");
}
