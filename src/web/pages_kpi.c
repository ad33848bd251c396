/* pages_kpi: what KPIs and objectives add to their generic pages — on a
 * KPI's page its status, the form to record a measurement (manual KPIs) or
 * the "Measure now" button (computed ones), its trend as a server-rendered
 * SVG chart (target line, warning and critical bands, one point per
 * measurement coloured by its status; CSS classes only, no style
 * attributes) and the measurements table; on an objective's page the KPIs
 * that measure it; above the KPI list the count per status. The forms post
 * to /kpis/{id}/measurements and /kpis/{id}/measure. */
#include <string.h>

#include "base/util.h"
#include "isms/kpi.h"
#include "web/page.h"
#include "web/pages_kpi.h"
#include "web/web.h"

/* The chart's frame, in SVG user units (it scales to its box), as the risk trend's. */
#define W 720
#define H 240
#define LEFT 56
#define RIGHT 20
#define TOP 14
#define BOTTOM 40
#define PLOT_W (W - LEFT - RIGHT)
#define PLOT_H (H - TOP - BOTTOM)
#define LABEL_EVERY_MAX 8

static const char *const state_colour[] = {
	[KPI_NO_DATA] = "grey", [KPI_ON_TARGET] = "green", [KPI_WARNING] = "yellow", [KPI_CRITICAL] = "red",
};

static const char *field_value(const struct record *r, const char *name)
{
	return r->values[entity_field_index(entity_by_name("kpi"), name)];
}

static void state_badge(struct strbuf *sb, enum kpi_state st)
{
	html_printf(sb, "<span class=\"badge level lvl-%s\">%s</span>", state_colour[st], kpi_state_label(st));
}

/* "95 %", "4.5 hours", "12" */
static void value_with_unit(struct strbuf *sb, const char *v, const char *unit)
{
	if (streq(unit, "percent"))
		html_printf(sb, "%s %%", v);
	else if (streq(unit, "hours") || streq(unit, "days"))
		html_printf(sb, "%s %s", v, unit);
	else
		html_printf(sb, "%s", v);
}

/* ---- the chart ---- */

struct chart {
	struct request *req;
	const struct kpi_measurement *m;
	int n;
	const struct kpi_limits *l;
	double lo, hi; /* the scale */
};

static int x_of(const struct chart *c, int i)
{
	return c->n == 1 ? LEFT + PLOT_W / 2 : LEFT + (int)((int64_t)i * PLOT_W / (c->n - 1));
}

static int y_of(const struct chart *c, double v)
{
	if (v < c->lo)
		v = c->lo;
	if (v > c->hi)
		v = c->hi;
	return TOP + PLOT_H - (int)((v - c->lo) * PLOT_H / (c->hi - c->lo) + 0.5);
}

/* A round step giving at most five intervals over span: 1, 2, 5 times a power of ten. */
static double tick_step(double span)
{
	double step = 1;
	while (span / step > 5)
		step *= 10;
	while (span / step <= 0.5)
		step /= 10;
	if (span / (step / 5) <= 5)
		return step / 5;
	if (span / (step / 2) <= 5)
		return step / 2;
	return step;
}

static void scale(struct chart *c, const char *unit)
{
	double lo = 0, hi = c->l->target, step;
	const double *limits[] = { c->l->has_warning ? &c->l->warning : NULL, c->l->has_critical ? &c->l->critical : NULL };
	for (int i = 0; i < c->n; i++) {
		lo = c->m[i].value < lo ? c->m[i].value : lo;
		hi = c->m[i].value > hi ? c->m[i].value : hi;
	}
	for (size_t i = 0; i < ARRAY_SIZE(limits); i++)
		if (limits[i]) {
			lo = *limits[i] < lo ? *limits[i] : lo;
			hi = *limits[i] > hi ? *limits[i] : hi;
		}
	/* room above a lower-is-better critical threshold, so its band shows */
	if (c->l->lower_better && c->l->has_critical && hi < c->l->critical + (c->l->critical - c->l->target) / 2)
		hi = c->l->critical + (c->l->critical - c->l->target) / 2;
	if (streq(unit, "percent") && hi > 100)
		hi = 100;
	if (hi <= lo)
		hi = lo + 1;
	step = tick_step(hi - lo);
	c->lo = (double)(int64_t)(lo / step - (lo < 0 ? 0.999999 : 0)) * step;
	c->hi = (double)(int64_t)(hi / step + 0.999999) * step;
}

/* The bands of each status: worse than critical, worse than warning, on target. */
static void bands(struct strbuf *sb, const struct chart *c)
{
	const struct kpi_limits *l = c->l;
	double warn = l->has_warning ? l->warning : l->target;
	double crit = l->has_critical ? l->critical : (l->lower_better ? c->hi : c->lo);
	double ok_from = l->lower_better ? c->lo : warn, ok_to = l->lower_better ? warn : c->hi;
	double warn_from = l->lower_better ? warn : crit, warn_to = l->lower_better ? crit : warn;
	double crit_from = l->lower_better ? crit : c->lo, crit_to = l->lower_better ? c->hi : crit;
	const struct {
		double from, to;
		const char *cls, *label;
	} b[] = {
		{ ok_from, ok_to, "kpi-band-ok", "On target" },
		{ warn_from, warn_to, "kpi-band-warn", "Warning" },
		{ crit_from, crit_to, "kpi-band-crit", "Critical" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(b); i++) {
		int y1 = y_of(c, b[i].to), y2 = y_of(c, b[i].from);
		if (y2 - y1 <= 0)
			continue;
		html_printf(sb, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"><title>%s</title></rect>",
			    b[i].cls, LEFT, y1, PLOT_W, y2 - y1, b[i].label);
	}
}

static void axes(struct strbuf *sb, const struct chart *c)
{
	char num[32];
	double step = tick_step(c->hi - c->lo);
	for (double v = c->lo; v <= c->hi + step / 1000; v += step) {
		int y = y_of(c, v);
		number_format(v, num, sizeof(num));
		html_printf(sb, "<line class=\"grid\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
				"<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
			    LEFT, y, W - RIGHT, y, LEFT - 8, y + 4, num);
	}
	for (int i = 0; i < c->n; i++) {
		if (c->n > LABEL_EVERY_MAX && i != 0 && i != c->n - 1)
			continue;
		html_printf(sb, "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"%R\">%s</text>", x_of(c, i),
			    H - BOTTOM + 20, c->n == 1 ? "middle" : i == 0 ? "start" : i == c->n - 1 ? "end" : "middle",
			    c->m[i].period);
	}
}

static void series(struct strbuf *sb, const struct chart *c, const char *unit)
{
	int y = y_of(c, c->l->target);
	html_printf(sb, "<line class=\"kpi-target\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"><title>Target</title></line>",
		    LEFT, y, W - RIGHT, y);
	if (c->n > 1) {
		html_printf(sb, "<path class=\"trend-line kpi-line\" d=\"");
		for (int i = 0; i < c->n; i++)
			html_printf(sb, "%R%d %d", i ? " L" : "M", x_of(c, i), y_of(c, c->m[i].value));
		html_printf(sb, "\"/>");
	}
	for (int i = 0; i < c->n; i++) {
		enum kpi_state st = kpi_state_of(c->l, 1, c->m[i].value);
		html_printf(sb, "<circle class=\"pt lvl-%s\" cx=\"%d\" cy=\"%d\" r=\"5\"><title>%s: ", state_colour[st],
			    x_of(c, i), y_of(c, c->m[i].value), c->m[i].period);
		value_with_unit(sb, c->m[i].value_text, unit);
		html_printf(sb, ", %s</title></circle>", kpi_state_label(st));
	}
}

static void chart(struct request *req, struct strbuf *sb, const struct record *r, const struct kpi_limits *l,
		  const struct kpi_measurement *m, int n)
{
	const char *unit = field_value(r, "unit");
	struct chart c = { .req = req, .m = m, .n = n, .l = l };
	scale(&c, unit);
	html_printf(sb, "<figure class=\"trend\"><svg class=\"trend-chart kpi-chart\" viewBox=\"0 0 %d %d\" role=\"img\" "
			"aria-labelledby=\"kpi-chart-title\"><title id=\"kpi-chart-title\">%s over %d period%s, against "
			"its target</title>",
		    W, H, field_value(r, "title"), n, n == 1 ? "" : "s");
	bands(sb, &c);
	axes(sb, &c);
	series(sb, &c, unit);
	html_printf(sb, "</svg><figcaption class=\"trend-legend\"><span class=\"key key-target\">Target</span>"
			"<span class=\"key key-band-ok\">On target</span><span class=\"key key-band-warn\">Warning"
			"</span><span class=\"key key-band-crit\">Critical</span><span class=\"muted\">%s is better; "
			"each point is coloured by its status.</span></figcaption></figure>",
		    l->lower_better ? "Lower" : "Higher");
}

/* ---- the KPI's page ---- */

static void measurements_table(struct strbuf *sb, const struct record *r,
			       const struct kpi_limits *l, const struct kpi_measurement *m, int n)
{
	html_printf(sb, "<div class=\"table-wrap table-scroll\" role=\"region\" aria-label=\"Measurements\" tabindex=\"0\">"
			"<table class=\"table kpi-measurements\"><thead><tr><th scope=\"col\">Period</th>"
			"<th scope=\"col\">Date</th><th scope=\"col\" class=\"num\">Value</th><th scope=\"col\">Status</th>"
			"<th scope=\"col\">Source</th><th scope=\"col\">Recorded by</th><th scope=\"col\">Note</th>"
			"</tr></thead><tbody>");
	for (int i = n - 1; i >= 0; i--) {
		html_printf(sb, "<tr><td>%s</td><td><time datetime=\"%s\">%s</time></td><td class=\"num\">", m[i].period,
			    m[i].measured_on, m[i].measured_on);
		value_with_unit(sb, m[i].value_text, field_value(r, "unit"));
		html_printf(sb, "</td><td>");
		state_badge(sb, kpi_state_of(l, 1, m[i].value));
		html_printf(sb, "</td><td>%s</td><td>%s</td><td>%s</td></tr>",
			    streq(m[i].source, "computed") ? "Computed" : "Entered",
			    m[i].recorded_by_name ? m[i].recorded_by_name : "the system", m[i].note ? m[i].note : "");
	}
	html_printf(sb, "</tbody></table></div>");
}

static const struct field f_date = { "date", "Date", FT_DATE, 0,
				     .help = "The day measured; left empty, today. One measurement per period." };
static const struct field f_value = { "value", "Value", FT_NUMBER, F_REQUIRED };
static const struct field f_note = { "note", "Note", FT_LONGTEXT, 0, .max_len = KPI_NOTE_MAX,
				     .help = "What explains the figure, if anything." };

static void record_form(struct request *req, struct strbuf *sb, int64_t id, const char *date, const char *value,
			const char *note, const struct err *e)
{
	html_printf(sb, "<form method=\"post\" action=\"/kpis/%lld/measurements\" class=\"record-form\" novalidate>",
		    (long long)id);
	page_csrf(req, sb);
	html_printf(sb, "<div class=\"form-grid\">");
	page_field(req, sb, &f_date, date, NULL, e);
	page_field(req, sb, &f_value, value, NULL, e);
	page_field(req, sb, &f_note, note, NULL, e);
	html_printf(sb, "</div><div class=\"form-actions\"><button type=\"submit\" class=\"btn btn-primary\">Record the "
			"measurement</button></div></form>");
}

static void status_line(struct request *req, struct strbuf *sb, const struct kpi_status *st)
{
	const struct record *r = &st->kpi;
	const struct kpi_formula *f = kpi_formula_by_key(field_value(r, "source"));
	(void)req;
	html_printf(sb, "<dl class=\"kpis\"><div class=\"kpi\"><dt>Status</dt><dd>");
	state_badge(sb, st->state);
	html_printf(sb, "</dd></div><div class=\"kpi\"><dt>Latest</dt><dd><strong>");
	if (st->has_latest)
		value_with_unit(sb, st->latest.value_text, field_value(r, "unit"));
	else
		html_printf(sb, "—");
	html_printf(sb, "</strong><span class=\"muted\">%s</span></dd></div><div class=\"kpi\"><dt>Target</dt><dd>"
			"<strong>",
		    st->has_latest ? st->latest.period : "not measured yet");
	value_with_unit(sb, field_value(r, "target"), field_value(r, "unit"));
	html_printf(sb, "</strong><span class=\"muted\">%s is better</span></dd></div><div class=\"kpi\"><dt>Source</dt>"
			"<dd><strong>%s</strong><span class=\"muted\">%s</span></dd></div></dl>",
		    st->limits.lower_better ? "lower" : "higher", f ? f->label : "Entered by hand",
		    f ? f->help : "Record each period's value below.");
}

void kpi_detail_section(struct request *req, struct strbuf *sb, const struct record *r)
{
	struct kpi_status st;
	struct kpi_measurement *m;
	struct err e = ERR_INIT;
	int n, may = !r->archived && record_can_write(entity_by_name("kpi"), &req->actor, r);
	html_printf(sb, "<section class=\"card kpi-card\" aria-labelledby=\"kpi-h\"><div class=\"card-head\">"
			"<h2 id=\"kpi-h\">Measurements</h2><a href=\"/api/v1/kpis/%lld/measurements\">As JSON</a></div>",
		    (long long)r->id);
	if (kpi_status_one(req->store, r, &req->arena, &st, &e) ||
	    kpi_measurements(req->store, &req->actor, r->id, &req->arena, &m, &n, &e)) {
		page_notice(sb, "error", e.message);
		html_printf(sb, "</section>");
		return;
	}
	status_line(req, sb, &st);
	if (may && kpi_formula_by_key(field_value(r, "source"))) {
		html_printf(sb, "<form method=\"post\" action=\"/kpis/%lld/measure\" class=\"inline-form\">", (long long)r->id);
		page_csrf(req, sb);
		html_printf(sb, "<button type=\"submit\" class=\"btn\">Measure now</button> <span class=\"muted\">Computes "
				"this period's value from the data; the housekeeping job does it at the start of each "
				"period.</span></form>");
	} else if (may) {
		html_printf(sb, "<details class=\"kpi-record\"%R><summary>Record a measurement</summary>", n ? "" : " open");
		record_form(req, sb, r->id, NULL, NULL, NULL, NULL);
		html_printf(sb, "</details>");
	}
	if (n)
		chart(req, sb, r, &st.limits, m, n);
	else
		html_printf(sb, "<p class=\"muted\">No measurements yet: the chart appears with the first one.</p>");
	if (n)
		measurements_table(sb, r, &st.limits, m, n);
	html_printf(sb, "</section>");
}

/* ---- objectives and the KPI list ---- */

void objective_kpis_section(struct request *req, struct strbuf *sb, const struct record *r)
{
	struct kpi_status *list;
	struct kpi_status_counts c;
	struct err e = ERR_INIT;
	int n;
	if (req->user.role < entity_by_name("kpi")->read_role)
		return;
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"obj-kpis-h\"><div class=\"card-head\">"
			"<h2 id=\"obj-kpis-h\">KPIs measuring this objective</h2>");
	if (view_can_create(req, entity_by_name("kpi")))
		html_printf(sb, "<a href=\"/kpis/new?objective=%lld\">Add a KPI</a>", (long long)r->id);
	html_printf(sb, "</div>");
	if (kpi_status_all(req->store, &req->actor, r->id, &req->arena, &list, &n, &c, &e)) {
		page_notice(sb, "error", e.message);
	} else if (!n) {
		html_printf(sb, "<p class=\"muted\">No KPI measures this objective yet.</p>");
	} else {
		html_printf(sb, "<div class=\"table-wrap\"><table class=\"table\"><thead><tr><th scope=\"col\">KPI</th>"
				"<th scope=\"col\" class=\"num\">Latest</th><th scope=\"col\" class=\"num\">Target</th>"
				"<th scope=\"col\">Status</th></tr></thead><tbody>");
		for (int i = 0; i < n; i++) {
			const struct record *k = &list[i].kpi;
			const char *unit = field_value(k, "unit");
			html_printf(sb, "<tr><td><a href=\"/kpis/%lld\">%s</a></td><td class=\"num\">", (long long)k->id,
				    field_value(k, "title"));
			if (list[i].has_latest)
				value_with_unit(sb, list[i].latest.value_text, unit);
			else
				html_printf(sb, "—");
			html_printf(sb, "</td><td class=\"num\">");
			value_with_unit(sb, field_value(k, "target"), unit);
			html_printf(sb, "</td><td>");
			state_badge(sb, list[i].state);
			html_printf(sb, "</td></tr>");
		}
		html_printf(sb, "</tbody></table></div>");
	}
	html_printf(sb, "</section>");
}

void kpi_list_figures(struct request *req, struct strbuf *sb)
{
	struct kpi_status *list;
	struct kpi_status_counts c;
	struct err e = ERR_INIT;
	int n;
	if (kpi_status_all(req->store, &req->actor, 0, &req->arena, &list, &n, &c, &e)) {
		page_notice(sb, "error", e.message);
		return;
	}
	html_printf(sb, "<p class=\"page-links\">Status of the %d live KPI%s: ", n, n == 1 ? "" : "s");
	state_badge(sb, KPI_ON_TARGET);
	html_printf(sb, " %d · ", c.on_target);
	state_badge(sb, KPI_WARNING);
	html_printf(sb, " %d · ", c.warning);
	state_badge(sb, KPI_CRITICAL);
	html_printf(sb, " %d · ", c.critical);
	state_badge(sb, KPI_NO_DATA);
	html_printf(sb, " %d <a href=\"/api/v1/kpis/status\">As JSON</a></p>", c.no_data);
}

/* ---- the forms ---- */

static const char *kpi_href(struct request *req)
{
	return arena_printf(&req->arena, "/kpis/%lld", (long long)req->id);
}

void web_kpi_record(struct request *req, struct response *resp)
{
	const char *date = http_form(req, "date"), *value = http_form(req, "value"), *note = http_form(req, "note");
	struct strbuf *sb = &resp->body;
	struct err e = ERR_INIT;
	int64_t id;
	if (kpi_record(req->store, &req->actor, req->id, date, value, note, &req->arena, &id, &e) == 0) {
		http_redirect(resp, arena_printf(&req->arena, "/kpis/%lld?notice=kpi_recorded", (long long)req->id));
		return;
	}
	if (!e.nfields) {
		page_error(req, resp, &e, kpi_href(req), "Back to the KPI");
		return;
	}
	page_begin(req, resp, "Record a measurement", "kpis", 0);
	page_head(sb, "KPI", kpi_href(req), "Record a measurement", "Nothing was recorded: correct the marked fields.");
	page_head_end(sb);
	html_printf(sb, "<section class=\"card\">");
	record_form(req, sb, req->id, date, value, note, &e);
	html_printf(sb, "</section>");
	page_end(req, resp, e.status);
}

void web_kpi_measure(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	int64_t id;
	if (kpi_measure(req->store, &req->actor, req->id, &req->arena, &id, &e) == 0)
		http_redirect(resp, arena_printf(&req->arena, "/kpis/%lld?notice=kpi_measured", (long long)req->id));
	else
		page_error(req, resp, &e, kpi_href(req), "Back to the KPI");
}
