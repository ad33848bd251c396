/* pages_dashboard: the ISMS manager's dashboard on the home page (auditors
 * and up) — the Plan-Do-Check-Act cycle as four panels of figures, each
 * figure a link to the list behind it, then compliance per framework and
 * overdue items by type as server-rendered SVG bar charts.
 *
 * The figures come from dash_figures[]: one row per figure naming its
 * phase and the function that computes it, so a module that lands adds a
 * row (KPI status, audits, management reviews). A phase needs attention
 * when one of its figures does (something overdue, nothing done yet). */
#include <string.h>
#include <time.h>

#include "base/timeutil.h"

#include "isms/doc_ack.h"
#include "isms/framework.h"
#include "isms/gap.h"
#include "isms/incident.h"
#include "isms/kpi.h"
#include "isms/internal_audit.h"
#include "isms/nonconformity.h"
#include "isms/record.h"
#include "isms/soa.h"
#include "isms/training.h"
#include "web/page.h"
#include "web/web.h"

enum phase { PLAN, DO, CHECK, ACT, NPHASE };
static const char *const phase_names[] = { "Plan", "Do", "Check", "Act" };
static const char *const phase_leads[] = {
	"Scope, risks and the controls you choose",
	"Controls, treatment and awareness in place",
	"Measuring, auditing and reviewing",
	"Correcting and improving",
};

struct dash_item {
	const char *label, *value, *href;
	int attention;
};

struct dash {
	struct request *req;
	char today[16];
	struct dash_item items[NPHASE][12];
	int n[NPHASE];
};

static void add(struct dash *d, enum phase p, const char *label, const char *value, const char *href, int attention)
{
	if (d->n[p] >= (int)(sizeof(d->items[p]) / sizeof(d->items[p][0])))
		return;
	d->items[p][d->n[p]++] = (struct dash_item){ label, value, href, attention };
}

/* How many live records of type name match field = value (NULL field: all;
 * overdue: only those overdue today); -1 when it cannot be read. */
static int64_t count(struct dash *d, const char *name, const char *field, const char *value, int overdue)
{
	const struct entity *ent = entity_by_name(name);
	struct list_query q;
	struct record_page page;
	struct err e = ERR_INIT;
	if (!ent || !view_can_read(d->req, ent))
		return -1;
	list_query_init(&q, ent);
	q.viewer = &d->req->actor;
	q.limit = 0; /* the count only */
	if (field) {
		q.filter_field[0] = entity_field_index(ent, field);
		q.filter_value[0] = value;
		q.nfilters = q.filter_field[0] >= 0;
	}
	if (overdue)
		q.overdue_on = d->today;
	if (record_list(d->req->store, ent, &q, &d->req->arena, &page, &e))
		return -1;
	return page.total;
}

static const char *num(struct dash *d, int64_t n)
{
	return n < 0 ? "—" : arena_printf(&d->req->arena, "%lld", (long long)n);
}

static const char *pct(struct dash *d, int64_t part, int64_t whole)
{
	if (whole <= 0)
		return "—";
	return arena_printf(&d->req->arena, "%lld%%", (long long)((part * 100 + whole / 2) / whole));
}

/* ---- the figures ---------------------------------------------------------- */

static void frameworks_figure(struct dash *d)
{
	struct framework *fws;
	struct err e = ERR_INIT;
	int n;
	if (framework_list(d->req->store, &d->req->arena, &fws, &n, &e))
		return;
	add(d, PLAN, "Frameworks installed", num(d, n), "/frameworks", n == 0);
	for (int i = 0; i < n; i++) {
		struct soa soa;
		struct soa_version *v;
		int nv = 0;
		if (!fws[i].has_soa || soa_read(d->req->store, fws[i].id, &d->req->arena, &soa, &e) ||
		    soa_versions(d->req->store, fws[i].id, &d->req->arena, &v, &nv, &e))
			continue;
		add(d, PLAN, arena_printf(&d->req->arena, "SoA %s: decided", fws[i].ref_id),
		    arena_printf(&d->req->arena, "%d of %d", soa.counts.rows - soa.counts.undecided, soa.counts.rows),
		    arena_printf(&d->req->arena, "/frameworks/%lld/soa", (long long)fws[i].id), soa.counts.undecided > 0);
		add(d, PLAN, arena_printf(&d->req->arena, "SoA %s: approved versions", fws[i].ref_id), num(d, nv),
		    arena_printf(&d->req->arena, "/frameworks/%lld/soa", (long long)fws[i].id), nv == 0);
		add(d, DO, arena_printf(&d->req->arena, "Applicable controls implemented (%s)", fws[i].ref_id),
		    arena_printf(&d->req->arena, "%d%%", soa_implemented_percent(&soa.counts)),
		    arena_printf(&d->req->arena, "/frameworks/%lld/soa", (long long)fws[i].id), 0);
	}
}

static void risks_figure(struct dash *d)
{
	int64_t all = count(d, "risk", NULL, NULL, 0), identified = count(d, "risk", "status", "identified", 0),
		late = count(d, "risk", NULL, NULL, 1);
	if (all < 0)
		return;
	add(d, PLAN, "Risks not yet assessed", num(d, identified), "/risks?status=identified", identified > 0);
	add(d, PLAN, "Risk reviews overdue", num(d, late), "/risks?overdue=true", late > 0);
	add(d, DO, "Risks in treatment", num(d, count(d, "risk", "status", "in_treatment", 0)),
	    "/risks?status=in_treatment", 0);
	add(d, DO, "Treatment plan", "open", "/risks/plan", 0);
}

static void controls_figure(struct dash *d)
{
	int64_t all = count(d, "control", NULL, NULL, 0), done = count(d, "control", "status", "implemented", 0);
	if (all < 0)
		return;
	add(d, DO, "Controls implemented", all ? arena_printf(&d->req->arena, "%s of %lld", num(d, done), (long long)all)
					    : "none yet",
	    "/controls?status=implemented", all == 0);
	add(d, CHECK, "Controls never tested", num(d, count(d, "control", "effectiveness", "not_tested", 0)),
	    "/controls?effectiveness=not_tested", 0);
}

static void training_figure(struct dash *d)
{
	struct training_rates r;
	struct err e = ERR_INIT;
	if (d->req->user.role < ROLE_AUDITOR || training_rates(d->req->store, 0, 0, d->today, &r, &e) || !r.assigned)
		return;
	add(d, DO, "Training completed", pct(d, r.completed, r.assigned), "/training", r.overdue > 0);
}

static void incidents_figure(struct dash *d)
{
	int64_t all = count(d, "incident", NULL, NULL, 0), closed = count(d, "incident", "status", "closed", 0),
		resolved = count(d, "incident", "status", "resolved", 0);
	struct incident_metrics m;
	struct err e = ERR_INIT;
	if (all < 0)
		return;
	add(d, CHECK, "Incidents open", num(d, all - closed - resolved), "/incidents", all - closed - resolved > 0);
	if (!incident_metrics(d->req->store, NULL, NULL, &m, &e) && m.mean_respond >= 0)
		add(d, CHECK, "Mean time to respond",
		    arena_printf(&d->req->arena, "%.1f h", (double)m.mean_respond / 3600.0), "/incidents", 0);
	if (!e.status && m.breaches_open > 0)
		add(d, ACT, "Breaches not yet notified", num(d, m.breaches_open), "/incidents", 1);
}

static void nonconformities_figure(struct dash *d)
{
	struct nc_figures f;
	struct err e = ERR_INIT;
	if (!view_can_read(d->req, entity_by_name("nonconformity")) ||
	    nc_figures(d->req->store, NULL, NULL, &f, &e))
		return;
	add(d, ACT, "Nonconformities open", num(d, f.open), "/nonconformities", f.open > 0);
	add(d, ACT, "Nonconformities overdue", num(d, f.open_overdue), "/nonconformities?overdue=true",
	    f.open_overdue > 0);
	add(d, ACT, "Closed on time",
	    f.on_time_permille < 0 ? "—" : arena_printf(&d->req->arena, "%d%%", (f.on_time_permille + 5) / 10),
	    "/nonconformities?status=closed", f.on_time_permille >= 0 && f.on_time_permille < 800);
	int64_t late = count(d, "task", NULL, NULL, 1);
	add(d, ACT, "Actions overdue", num(d, late), "/tasks?overdue=true", late > 0);
}

static void documents_figure(struct dash *d)
{
	int64_t published = count(d, "document", "state", "published", 0);
	if (published < 0)
		return;
	int64_t acked = 0, asked = 0;
	struct err e = ERR_INIT;
	add(d, DO, "Documents published", num(d, published), "/documents?state=published", published == 0);
	if (!doc_ack_rate(d->req->store, "policy", &acked, &asked, &e) && asked)
		add(d, DO, "Policies acknowledged", pct(d, acked, asked), "/documents?doc_type=policy&state=published",
		    acked < asked);
	int64_t late = count(d, "document", NULL, NULL, 1);
	add(d, CHECK, "Document reviews overdue", num(d, late), "/documents?overdue=true", late > 0);
}

/* Internal audits (isms/internal_audit.h): those due to start within 90 days
 * (late ones need attention) and those reported in the last 12 months (none
 * needs attention: the programme is not being carried out). */
static void audits_figure(struct dash *d)
{
	struct audit_upcoming *u;
	struct audit_results r;
	struct err e = ERR_INIT;
	char since[16];
	int n, late = 0;
	if (!view_can_read(d->req, entity_by_name("internal_audit")) ||
	    audits_upcoming(d->req->store, d->today, 90, &d->req->arena, &u, &n, &e))
		return;
	for (int i = 0; i < n; i++)
		late += u[i].late;
	add(d, CHECK, "Audits due in 90 days", num(d, n), "/audits?status=planned", late > 0);
	if (!time_date_plus_months(d->today, -12, since) && !audit_results_since(d->req->store, since, &r, &e))
		add(d, CHECK, "Audits reported in 12 months", num(d, r.audits_completed), "/audits",
		    r.audits_completed == 0);
}

/* KPIs against their targets (isms/kpi.h). */
static void kpis_figure(struct dash *d)
{
	struct kpi_status *list;
	struct kpi_status_counts c;
	struct err e = ERR_INIT;
	int n;
	if (!view_can_read(d->req, entity_by_name("kpi")) ||
	    kpi_status_all(d->req->store, &d->req->actor, 0, &d->req->arena, &list, &n, &c, &e))
		return;
	add(d, CHECK, "KPIs measured", n ? arena_printf(&d->req->arena, "%d of %d", n - c.no_data, n) : "none yet", "/kpis",
	    n == 0 || c.no_data > 0);
	add(d, CHECK, "KPIs off target", num(d, c.warning + c.critical), "/kpis", c.critical > 0);
}

/* Management reviews: the latest one held or closed, and whether one was in the last 12 months. */
static void reviews_figure(struct dash *d)
{
	struct stmt *st;
	struct err e = ERR_INIT;
	char year_ago[16];
	const char *last = NULL;
	time_t t = time(NULL) - 365 * 86400;
	struct tm tm;
	if (!view_can_read(d->req, entity_by_name("review")) ||
	    !(st = store_prepare(d->req->store, "SELECT MAX(review_date) FROM management_review WHERE archived = 0 AND "
						"status IN ('held', 'closed')", &e)))
		return;
	if (stmt_step(st, &e) == STORE_ROW && stmt_text(st, 0))
		last = arena_strdup(&d->req->arena, stmt_text(st, 0));
	stmt_done(st);
	gmtime_r(&t, &tm);
	strftime(year_ago, sizeof(year_ago), "%Y-%m-%d", &tm);
	add(d, ACT, "Last management review", last ? last : "none yet", "/reviews", !last || strcmp(last, year_ago) < 0);
}


static void (*const dash_figures[])(struct dash *d) = {
	frameworks_figure, risks_figure, controls_figure, documents_figure, training_figure, incidents_figure,
	nonconformities_figure, audits_figure, kpis_figure, reviews_figure,
};

/* ---- charts --------------------------------------------------------------- */

#define BAR_W 230
#define LABEL_W 170
#define ROW_H 30

/* One bar per row: label, a bar of value out of max, the value's text; the
 * whole row links to href. */
struct bar {
	const char *label, *text, *href;
	double value;
	int alert;
};

static void bar_chart(struct strbuf *sb, const char *title, const struct bar *bars, int n, double max)
{
	int h = n * ROW_H + 6, w = LABEL_W + BAR_W + 50;
	html_printf(sb, "<svg class=\"bar-chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
			"aria-label=\"%s\">",
		    w, h, w, h, title);
	for (int i = 0; i < n; i++) {
		int y = i * ROW_H + 4, len = max > 0 ? (int)(bars[i].value / max * BAR_W + 0.5) : 0;
		html_printf(sb, "<a href=\"%s\"><title>%s: %s</title><text class=\"bar-label\" x=\"0\" y=\"%d\">%s</text>"
				"<rect class=\"bar-track\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" rx=\"3\"/>"
				"<rect class=\"bar%R\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" rx=\"3\"/>"
				"<text class=\"bar-value\" x=\"%d\" y=\"%d\">%s</text></a>",
			    bars[i].href, bars[i].label, bars[i].text, y + 14, bars[i].label, LABEL_W, y, BAR_W,
			    bars[i].alert ? " bar-alert" : "", LABEL_W, y, len, LABEL_W + BAR_W + 8, y + 14, bars[i].text);
	}
	html_printf(sb, "</svg>");
}

static void compliance_chart(struct dash *d, struct strbuf *sb)
{
	struct framework *fws;
	struct bar *bars;
	struct err e = ERR_INIT;
	int n, k = 0;
	if (framework_list(d->req->store, &d->req->arena, &fws, &n, &e) || n == 0)
		return;
	bars = arena_alloc(&d->req->arena, sizeof(*bars) * (size_t)n);
	for (int i = 0; i < n; i++) {
		struct gap_report g;
		if (gap_report_read(d->req->store, fws[i].id, &d->req->arena, &g, &e))
			continue;
		bars[k++] = (struct bar){ fws[i].ref_id, arena_printf(&d->req->arena, "%.0f%%", g.overall.percent),
					  arena_printf(&d->req->arena, "/frameworks/%lld", (long long)fws[i].id),
					  g.overall.percent, 0 };
	}
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-compliance\"><h2 id=\"h-compliance\">Compliance "
			"per framework</h2><p class=\"muted\">How complete each framework's gap analysis is, counting "
			"controls and mappings.</p>");
	bar_chart(sb, "Compliance per framework", bars, k, 100);
	html_printf(sb, "</section>");
}

static void overdue_chart(struct dash *d, struct strbuf *sb)
{
	struct bar bars[16];
	int k = 0;
	double max = 0;
	for (int i = 0; i < entity_count && k < 16; i++) {
		const struct entity *ent = entity_table[i];
		int64_t n;
		if (!ent->overdue.due_field || (n = count(d, ent->name, NULL, NULL, 1)) < 0)
			continue;
		bars[k++] = (struct bar){ ent->label_plural, arena_printf(&d->req->arena, "%lld", (long long)n),
					  arena_printf(&d->req->arena, "/%s?overdue=true", ent->plural), (double)n, n > 0 };
		if (n > max)
			max = (double)n;
	}
	if (!k)
		return;
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-overdue\"><h2 id=\"h-overdue\">Overdue by type</h2>"
			"<p class=\"muted\">Past their due or review date and not done.</p>");
	bar_chart(sb, "Overdue by type", bars, k, max > 0 ? max : 1);
	html_printf(sb, "</section>");
}

void dashboard_sections(struct request *req, struct strbuf *sb)
{
	struct dash *d;
	time_t now = time(NULL);
	struct tm tm;
	if (req->user.role < ROLE_AUDITOR)
		return;
	d = arena_alloc(&req->arena, sizeof(*d));
	d->req = req;
	gmtime_r(&now, &tm);
	strftime(d->today, sizeof(d->today), "%Y-%m-%d", &tm);
	for (size_t i = 0; i < sizeof(dash_figures) / sizeof(dash_figures[0]); i++)
		dash_figures[i](d);
	html_printf(sb, "<section aria-labelledby=\"h-pdca\"><h2 id=\"h-pdca\" class=\"section-title\">The cycle"
			"</h2><div class=\"pdca\">");
	for (int p = 0; p < NPHASE; p++) {
		int attention = 0;
		for (int i = 0; i < d->n[p]; i++)
			attention |= d->items[p][i].attention;
		html_printf(sb, "<div class=\"pdca-phase%R\"><h3>%s <span class=\"badge badge-%R\">%s</span></h3>"
				"<p class=\"muted small\">%s</p><ul>",
			    attention ? " needs-attention" : "", phase_names[p], attention ? "warn" : "ok",
			    attention ? "Needs attention" : "On track", phase_leads[p]);
		for (int i = 0; i < d->n[p]; i++)
			html_printf(sb, "<li%R><a href=\"%s\"><span>%s</span><strong>%s</strong></a></li>",
				    d->items[p][i].attention ? " class=\"attention\"" : "", d->items[p][i].href,
				    d->items[p][i].label, d->items[p][i].value);
		if (!d->n[p])
			html_printf(sb, "<li class=\"muted\">Nothing recorded yet.</li>");
		html_printf(sb, "</ul></div>");
	}
	html_printf(sb, "</div></section><div class=\"dash-charts\">");
	compliance_chart(d, sb);
	overdue_chart(d, sb);
	html_printf(sb, "</div>");
}
