/* pages_incident: what an incident's page shows beyond its fields — the
 * timeline panel (each stage's time, the durations computed from them and,
 * for a personal-data breach, the 72-hour regulator-notification clock) and
 * a button that raises a nonconformity from it (the new-nonconformity form
 * pre-filled) — and the response times over the last 12 months atop the
 * incident list. The figures are isms/incident.c's. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/timeutil.h"
#include "base/util.h"
#include "isms/incident.h"
#include "web/page.h"
#include "web/web.h"

static const char *const stages[] = {
	"occurred_at", "detected_at", "reported_at", "responded_at", "contained_at", "resolved_at", "closed_at",
};

/* 90061 seconds -> "1 d 1 h 1 min"; a dash for -1. */
static const char *duration(struct arena *a, int64_t s)
{
	int64_t d = s / 86400, h = s % 86400 / 3600, m = s % 3600 / 60;
	if (s < 0)
		return "—";
	if (d)
		return arena_printf(a, "%lld d %lld h %lld min", (long long)d, (long long)h, (long long)m);
	if (h)
		return arena_printf(a, "%lld h %lld min", (long long)h, (long long)m);
	if (m || !s)
		return arena_printf(a, "%lld min", (long long)m);
	return arena_printf(a, "%lld s", (long long)s);
}

static void figure(struct request *req, struct strbuf *sb, const char *label, const char *from, int64_t s)
{
	html_printf(sb, "<div class=\"kpi\"><dt>%s</dt><dd><strong>%s</strong><span class=\"muted\"> %s</span></dd></div>",
		    label, duration(&req->arena, s), from);
}

static void breach_clock(struct request *req, struct strbuf *sb, const struct incident_timing *t)
{
	html_printf(sb, "<div class=\"breach-clock\"><h3>Regulator notification</h3><p>A personal-data breach must be "
			"notified to the supervisory authority within %d hours of its detection: by <strong><time "
			"datetime=\"%s\">%s</time></strong>.</p>",
		    INCIDENT_BREACH_HOURS, t->deadline, view_datetime(&req->arena, t->deadline));
	if (t->notified && t->met)
		html_printf(sb, "<p><span class=\"badge badge-ok\">Met</span> Notified on %s, within the deadline.</p>",
			    view_datetime(&req->arena, t->notified));
	else if (t->notified)
		html_printf(sb, "<p><span class=\"badge badge-danger\">Missed</span> Notified on %s, after the deadline.</p>",
			    view_datetime(&req->arena, t->notified));
	else if (t->seconds_left < 0)
		html_printf(sb, "<p><span class=\"badge badge-danger\">Overdue</span> Not notified yet: the deadline passed "
				"%s ago. Notify now and record when.</p>",
			    duration(&req->arena, -t->seconds_left));
	else
		html_printf(sb, "<p><span class=\"badge badge-warn\">Open</span> Not notified yet: %s left.</p>",
			    duration(&req->arena, t->seconds_left));
	html_printf(sb, "</div>");
}

void incident_timeline_section(struct request *req, struct strbuf *sb, const struct record *r)
{
	const struct entity *ent = entity_by_name("incident"), *nc = entity_by_name("nonconformity");
	struct incident_timing t;

	incident_timing(r, time(NULL), &t);
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-timeline\"><div class=\"card-head\">"
			"<h2 id=\"h-timeline\">Timeline</h2>");
	if (!r->archived && nc && view_can_create(req, nc))
		html_printf(sb, "<a class=\"btn btn-secondary\" href=\"/nonconformities/new?source=incident&amp;incident=%lld"
				"&amp;title=%U\">Raise a nonconformity</a>",
			    (long long)r->id, r->values[entity_field_index(ent, "title")]);
	html_printf(sb, "</div><ol class=\"timeline\">");
	for (size_t i = 0; i < ARRAY_SIZE(stages); i++) {
		const struct field *f = entity_field(ent, stages[i]);
		const char *v = r->values[entity_field_index(ent, stages[i])];
		html_printf(sb, "<li class=\"%R\"><span class=\"timeline-stage\">%s</span> ", v ? "done" : "pending",
			    f->label);
		view_time(req, sb, v, "not yet");
		html_printf(sb, "</li>");
	}
	html_printf(sb, "</ol><dl class=\"kpis\">");
	figure(req, sb, "Time to detect", "occurred → detected", t.detect);
	figure(req, sb, "Time to respond", "detected → responded", t.respond);
	figure(req, sb, "Time to contain", "detected → contained", t.contain);
	figure(req, sb, "Time to resolve", "detected → resolved", t.resolve);
	html_printf(sb, "</dl>");
	if (t.breach)
		breach_clock(req, sb, &t);
	else if (streq(r->values[entity_field_index(ent, "personal_data_breach")], "1"))
		html_printf(sb, "<p class=\"muted\">A personal-data breach: the %d-hour notification clock starts when the "
				"detection time is recorded.</p>", INCIDENT_BREACH_HOURS);
	html_printf(sb, "</section>");
}

/* The incident list: mean response times over the last 12 months. */
void incident_list_figures(struct request *req, struct strbuf *sb)
{
	struct incident_metrics m;
	struct err e = ERR_INIT;
	char from[16], to[16];
	if (req->user.role < ROLE_AUDITOR)
		return;
	time_today_plus_months(-12, from);
	time_today_plus_months(0, to);
	if (incident_metrics(req->store, from, to, &m, &e)) {
		page_notice(sb, "error", e.message);
		return;
	}
	html_printf(sb, "<p class=\"page-links\">Last 12 months, %lld incident%R detected: mean time to detect "
			"<strong>%s</strong>, to respond <strong>%s</strong>, to resolve <strong>%s</strong>",
		    (long long)m.incidents, m.incidents == 1 ? "" : "s", duration(&req->arena, m.mean_detect),
		    duration(&req->arena, m.mean_respond), duration(&req->arena, m.mean_resolve));
	if (m.breaches)
		html_printf(sb, " · breaches notified in time: %lld of %lld", (long long)m.breaches_met,
			    (long long)m.breaches);
	html_printf(sb, "</p>");
}
