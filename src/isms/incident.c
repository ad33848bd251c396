#include "isms/incident.h"

#include <stdio.h>
#include <string.h>

#include "base/jsonw.h"
#include "base/timeutil.h"
#include "base/util.h"

/* The stages of the timeline, in the order they must happen. */
static const char *const stages[] = {
	"occurred_at", "detected_at", "reported_at", "responded_at", "contained_at", "resolved_at", "closed_at",
};
#define NSTAGES ((int)ARRAY_SIZE(stages))

static const struct entity *incident_entity(void)
{
	return entity_by_name("incident");
}

static const char *value_of(const struct record *r, const char *name)
{
	return r->values[entity_field_index(incident_entity(), name)];
}

/* Seconds from a to b (both stored times); -1 when either is missing. */
static int64_t span(const char *a, const char *b)
{
	time_t ta, tb;
	if (!a || !b || (ta = time_parse_iso(a)) < 0 || (tb = time_parse_iso(b)) < 0)
		return -1;
	return (int64_t)(tb - ta);
}

/* The timing from the values of the fields it reads. */
static void timing_of(const char *occurred, const char *detected, const char *responded, const char *contained,
		      const char *resolved, int breach, const char *notified, time_t now, struct incident_timing *out)
{
	time_t det;
	memset(out, 0, sizeof(*out));
	out->detect = span(occurred, detected);
	out->respond = span(detected, responded);
	out->contain = span(detected, contained);
	out->resolve = span(detected, resolved);
	if (!breach || !detected || (det = time_parse_iso(detected)) < 0)
		return;
	out->breach = 1;
	time_iso(det + INCIDENT_BREACH_HOURS * 3600, out->deadline);
	out->notified = notified;
	if (notified)
		out->met = strcmp(notified, out->deadline) <= 0;
	else
		out->seconds_left = (int64_t)(det + INCIDENT_BREACH_HOURS * 3600 - now);
}

static int is_true(const char *v)
{
	return v && strcmp(v, "0") != 0;
}

void incident_timing(const struct record *r, time_t now, struct incident_timing *out)
{
	timing_of(value_of(r, "occurred_at"), value_of(r, "detected_at"), value_of(r, "responded_at"),
		  value_of(r, "contained_at"), value_of(r, "resolved_at"), is_true(value_of(r, "personal_data_breach")),
		  value_of(r, "regulator_notified_at"), now, out);
}

static void seconds_or_null(struct strbuf *sb, int *first, const char *key, int64_t v)
{
	jsonw_key(sb, first, key);
	if (v < 0)
		sb_adds(sb, "null");
	else
		sb_addf(sb, "%lld", (long long)v);
}

void incident_timing_json(const struct incident_timing *t, struct strbuf *sb)
{
	int first = 1;
	sb_addc(sb, '{');
	seconds_or_null(sb, &first, "time_to_detect_seconds", t->detect);
	seconds_or_null(sb, &first, "time_to_respond_seconds", t->respond);
	seconds_or_null(sb, &first, "time_to_contain_seconds", t->contain);
	seconds_or_null(sb, &first, "time_to_resolve_seconds", t->resolve);
	jsonw_key(sb, &first, "breach_notification");
	if (!t->breach) {
		sb_adds(sb, "null}");
		return;
	}
	int f2 = 1;
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &f2, "deadline_hours", INCIDENT_BREACH_HOURS);
	jsonw_kv_str(sb, &f2, "deadline", t->deadline);
	jsonw_kv_str(sb, &f2, "notified_at", t->notified);
	jsonw_key(sb, &f2, "met");
	sb_adds(sb, t->notified ? (t->met ? "true" : "false") : "null");
	jsonw_key(sb, &f2, "seconds_left");
	if (t->notified)
		sb_adds(sb, "null");
	else
		sb_addf(sb, "%lld", (long long)t->seconds_left);
	jsonw_kv_bool(sb, &f2, "overdue", !t->notified && t->seconds_left < 0);
	sb_adds(sb, "}}");
}

/* ---- the timeline rule ---- */

static int out_of_order(const struct entity *ent, const char *earlier, const char *later, const char *te,
			const char *tl, struct err *e)
{
	const struct field *fe = entity_field(ent, earlier), *fl = entity_field(ent, later);
	err_field(e, later, "timeline", "%s (%s) is before %s (%s): it cannot be.", fl->label, tl, fe->label, te);
	err_field(e, earlier, "timeline", "%s (%s) is after %s (%s): it cannot be.", fe->label, te, fl->label, tl);
	snprintf(e->message, sizeof(e->message),
		 "The timeline is out of order: %s is before %s. The stages run occurred, detected, reported, "
		 "responded, contained, resolved, closed.", fl->label, fe->label);
	return -1;
}

int incident_prepare(struct store *s, const struct record *before, struct input *in, struct arena *a,
		     struct err *e)
{
	const struct entity *ent = incident_entity();
	const char *v[NSTAGES], *notified;
	int touched[NSTAGES];
	(void)s;
	(void)a;
	for (int i = 0; i < NSTAGES; i++) {
		v[i] = record_after_value(ent, before, in, stages[i]);
		touched[i] = !before || in->set[entity_field_index(ent, stages[i])];
	}
	for (int j = 1; j < NSTAGES; j++)
		for (int i = 0; i < j; i++)
			if (v[i] && v[j] && (touched[i] || touched[j]) && strcmp(v[j], v[i]) < 0)
				return out_of_order(ent, stages[i], stages[j], v[i], v[j], e);
	notified = record_after_value(ent, before, in, "regulator_notified_at");
	if (notified && v[1] && strcmp(notified, v[1]) < 0 &&
	    (!before || in->set[entity_field_index(ent, "regulator_notified_at")] || touched[1]))
		return out_of_order(ent, "detected_at", "regulator_notified_at", v[1], notified, e);
	return 0;
}

/* ---- averages over a period ---- */

static int64_t mean(int64_t sum, int64_t n)
{
	return n ? sum / n : -1;
}

int incident_metrics(struct store *s, const char *from, const char *to, struct incident_metrics *out,
		     struct err *e)
{
	struct stmt *st;
	int64_t sum[4] = { 0 };
	char upto[32];
	int step;
	time_t now = time(NULL);

	memset(out, 0, sizeof(*out));
	snprintf(upto, sizeof(upto), "%.10sT23:59:59Z", to ? to : "9999-12-31");
	st = store_prepare(s, "SELECT occurred_at, detected_at, responded_at, contained_at, resolved_at, "
			      "personal_data_breach, regulator_notified_at FROM incident WHERE archived = 0 AND "
			      "detected_at IS NOT NULL AND detected_at >= ? AND detected_at <= ?", e);
	if (!st)
		return -1;
	stmt_bind_text(st, 1, from ? from : "0000-01-01");
	stmt_bind_text(st, 2, upto);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		struct incident_timing t;
		int64_t d[4];
		timing_of(stmt_text(st, 0), stmt_text(st, 1), stmt_text(st, 2), stmt_text(st, 3), stmt_text(st, 4),
			  !stmt_isnull(st, 5) && stmt_int(st, 5) != 0, stmt_text(st, 6), now, &t);
		out->incidents++;
		d[0] = t.detect, d[1] = t.respond, d[2] = t.contain, d[3] = t.resolve;
		for (int k = 0; k < 4; k++)
			if (d[k] >= 0)
				sum[k] += d[k];
		out->n_detect += t.detect >= 0;
		out->n_respond += t.respond >= 0;
		out->n_contain += t.contain >= 0;
		out->n_resolve += t.resolve >= 0;
		if (t.breach) {
			out->breaches++;
			out->breaches_met += t.notified && t.met;
			out->breaches_late += t.notified && !t.met;
			out->breaches_open += !t.notified;
		}
	}
	stmt_done(st);
	if (step < 0)
		return -1;
	out->mean_detect = mean(sum[0], out->n_detect);
	out->mean_respond = mean(sum[1], out->n_respond);
	out->mean_contain = mean(sum[2], out->n_contain);
	out->mean_resolve = mean(sum[3], out->n_resolve);
	return 0;
}

void incident_metrics_json(const struct incident_metrics *m, const char *from, const char *to, struct strbuf *sb)
{
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_str(sb, &first, "from", from);
	jsonw_kv_str(sb, &first, "to", to);
	jsonw_kv_int(sb, &first, "incidents", m->incidents);
	seconds_or_null(sb, &first, "mean_time_to_detect_seconds", m->mean_detect);
	seconds_or_null(sb, &first, "mean_time_to_respond_seconds", m->mean_respond);
	seconds_or_null(sb, &first, "mean_time_to_contain_seconds", m->mean_contain);
	seconds_or_null(sb, &first, "mean_time_to_resolve_seconds", m->mean_resolve);
	jsonw_key(sb, &first, "counted");
	sb_addf(sb, "{\"detect\":%lld,\"respond\":%lld,\"contain\":%lld,\"resolve\":%lld}", (long long)m->n_detect,
		(long long)m->n_respond, (long long)m->n_contain, (long long)m->n_resolve);
	jsonw_key(sb, &first, "breaches");
	sb_addf(sb, "{\"total\":%lld,\"notified_in_time\":%lld,\"notified_late\":%lld,\"not_notified\":%lld}",
		(long long)m->breaches, (long long)m->breaches_met, (long long)m->breaches_late,
		(long long)m->breaches_open);
	sb_addc(sb, '}');
}
