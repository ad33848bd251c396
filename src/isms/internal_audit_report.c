#include "isms/internal_audit_report.h"

#include <string.h>

#include "base/jsonw.h"
#include "base/timeutil.h"
#include "base/util.h"

static const struct entity *audit_ent(void)
{
	return entity_by_name("internal_audit");
}

int audit_item_is_finding(const struct audit_item *it)
{
	return !streq(it->result, "conforming") && !streq(it->result, "not_checked");
}

int audit_report_read(struct store *s, const struct actor *who, int64_t id, struct arena *a, struct audit_report *out,
		      struct err *e)
{
	const struct entity *ent = audit_ent(), *area_ent = entity_by_name("audit_area");
	const char *fw, *area;
	int64_t n;
	memset(out, 0, sizeof(*out));
	if (record_read(s, who, ent, id, a, &out->audit, e) || audit_checklist(s, id, a, &out->items, &out->n, e))
		return -1;
	for (int i = 0; i < out->n; i++) {
		int k = audit_result_index(out->items[i].result);
		if (k >= 0)
			out->by_result[k]++;
		out->ncs_raised += out->items[i].nonconformity_id != 0;
	}
	fw = out->audit.values[entity_field_index(ent, "criteria_framework")];
	if (fw && !parse_int64(fw, &n)) {
		struct stmt *st = store_prepare(s, "SELECT ref_id, name FROM framework WHERE id = ?", e);
		if (!st)
			return -1;
		stmt_bind_int(st, 1, n);
		if (stmt_step(st, e) == STORE_ROW)
			out->framework = strstr(stmt_text(st, 1), stmt_text(st, 0))
						 ? arena_strdup(a, stmt_text(st, 1))
						 : arena_printf(a, "%s — %s", stmt_text(st, 0), stmt_text(st, 1));
		stmt_done(st);
		out->framework_id = n;
	}
	area = out->audit.values[entity_field_index(ent, "area")];
	if (area && !parse_int64(area, &n)) {
		struct record r;
		if (record_get(s, area_ent, n, a, &r, e))
			return -1;
		out->area_owner = r.titles[entity_field_index(area_ent, "owner")];
	}
	return 0;
}

void audit_report_json(const struct audit_report *r, struct strbuf *sb)
{
	static const char *const team[] = { "lead_auditor", "auditor_2", "auditor_3" };
	const struct entity *ent = audit_ent();
	int first = 1, f2 = 1, nf = 0;
	sb_addc(sb, '{');
	jsonw_key(sb, &first, "audit");
	record_to_json(ent, &r->audit, sb);
	jsonw_key(sb, &first, "criteria");
	sb_addc(sb, '{');
	jsonw_kv_id(sb, &f2, "framework_id", r->framework_id);
	jsonw_kv_str(sb, &f2, "framework", r->framework);
	jsonw_kv_str(sb, &f2, "refs", r->audit.values[entity_field_index(ent, "criteria_refs")]);
	jsonw_kv_int(sb, &f2, "requirements", r->n);
	sb_addc(sb, '}');
	jsonw_key(sb, &first, "area_owner");
	jsonw_str(sb, r->area_owner);
	jsonw_key(sb, &first, "team");
	sb_addc(sb, '[');
	for (size_t k = 0, m = 0; k < ARRAY_SIZE(team); k++) {
		int i = entity_field_index(ent, team[k]), f3 = 1;
		if (!r->audit.values[i])
			continue;
		sb_adds(sb, m++ ? ",{" : "{");
		jsonw_kv_str(sb, &f3, "role", k ? "team_member" : "lead_auditor");
		jsonw_kv_str(sb, &f3, "user_id", r->audit.values[i]);
		jsonw_kv_str(sb, &f3, "name", r->audit.titles[i]);
		sb_addc(sb, '}');
	}
	sb_addc(sb, ']');
	jsonw_key(sb, &first, "counts");
	f2 = 1;
	sb_addc(sb, '{');
	for (int k = 0; k < AUDIT_NRESULTS; k++)
		jsonw_kv_int(sb, &f2, audit_results[k], r->by_result[k]);
	jsonw_kv_int(sb, &f2, "total", r->n);
	sb_addc(sb, '}');
	jsonw_kv_int(sb, &first, "nonconformities_raised", r->ncs_raised);
	jsonw_key(sb, &first, "findings");
	sb_addc(sb, '[');
	for (int i = 0; i < r->n; i++)
		if (audit_item_is_finding(&r->items[i])) {
			if (nf++)
				sb_addc(sb, ',');
			audit_item_json(&r->items[i], sb);
		}
	sb_addc(sb, ']');
	jsonw_kv_str(sb, &first, "conclusion", r->audit.values[entity_field_index(ent, "conclusion")]);
	sb_addc(sb, '}');
}

/* ---- the programme's schedule ---- */

static int area_row(struct audit_schedule *sc, int *cap, struct arena *a, int64_t id, const char *name,
		    const char *owner)
{
	for (int i = 0; i < sc->nareas; i++)
		if (sc->areas[i].id == id)
			return i;
	sc->areas = arena_grow(a, sc->areas, sc->nareas, cap, sizeof(*sc->areas));
	sc->areas[sc->nareas] = (struct schedule_area){ id, arena_strdup(a, name), arena_strdup(a, owner), NULL, 0 };
	return sc->nareas++;
}

int audit_schedule_read(struct store *s, const struct actor *who, int64_t programme_id, struct arena *a,
			struct audit_schedule *out, struct err *e)
{
	const struct entity *pe = entity_by_name("audit_programme");
	const char *start;
	int64_t years = 3;
	int cap = 0, step;
	struct stmt *st;
	memset(out, 0, sizeof(*out));
	if (record_read(s, who, pe, programme_id, a, &out->programme, e))
		return -1;
	start = out->programme.values[entity_field_index(pe, "cycle_start")];
	if (out->programme.values[entity_field_index(pe, "cycle_years")])
		parse_int64(out->programme.values[entity_field_index(pe, "cycle_years")], &years);
	out->nquarters = (int)years * 4;
	out->quarter_start = arena_alloc(a, sizeof(*out->quarter_start) * (size_t)(out->nquarters + 1));
	for (int q = 0; q <= out->nquarters; q++)
		if (time_date_plus_months(start, q * 3, out->quarter_start[q]))
			return err_set(e, 500, "internal", "The programme's start is not a date.");
	if (!(st = store_prepare(s, "SELECT r.id, r.name, u.name FROM audit_area r LEFT JOIN users u ON u.id = r.owner "
				    "WHERE r.archived = 0 ORDER BY r.name, r.id", e)))
		return -1;
	while ((step = stmt_step(st, e)) == STORE_ROW)
		area_row(out, &cap, a, stmt_int(st, 0), stmt_text(st, 1), stmt_text(st, 2));
	stmt_done(st);
	if (step < 0)
		return -1;
	if (!(st = store_prepare(s, "SELECT a.id, a.title, a.status, a.planned_start, r.id, r.name, u.name "
				    "FROM internal_audit a LEFT JOIN audit_area r ON r.id = a.area "
				    "LEFT JOIN users u ON u.id = r.owner WHERE a.archived = 0 AND a.programme = ? "
				    "ORDER BY a.planned_start, a.id", e)))
		return -1;
	stmt_bind_int(st, 1, programme_id);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		struct schedule_area *ar = &out->areas[area_row(out, &cap, a, stmt_isnull(st, 4) ? 0 : stmt_int(st, 4),
								 stmt_isnull(st, 4) ? "No area chosen" : stmt_text(st, 5),
								 stmt_text(st, 6))];
		struct schedule_audit *au;
		const char *ps = stmt_text(st, 3);
		int acap = ar->n;
		ar->audits = arena_grow(a, ar->audits, ar->n, &acap, sizeof(*ar->audits));
		au = &ar->audits[ar->n++];
		au->id = stmt_int(st, 0);
		au->title = arena_strdup(a, stmt_text(st, 1));
		au->status = arena_strdup(a, stmt_text(st, 2));
		au->planned_start = arena_strdup(a, ps);
		au->quarter = -1;
		for (int q = 0; ps && q < out->nquarters; q++)
			if (strcmp(ps, out->quarter_start[q]) >= 0 && strcmp(ps, out->quarter_start[q + 1]) < 0)
				au->quarter = q;
		out->audits++;
		out->outside += au->quarter < 0;
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

void audit_schedule_json(const struct audit_schedule *sc, struct strbuf *sb)
{
	const struct entity *pe = entity_by_name("audit_programme");
	int first = 1;
	sb_addc(sb, '{');
	jsonw_key(sb, &first, "programme");
	record_to_json(pe, &sc->programme, sb);
	jsonw_key(sb, &first, "quarters");
	sb_addc(sb, '[');
	for (int q = 0; q < sc->nquarters; q++)
		sb_addf(sb, "%s{\"index\":%d,\"year\":%d,\"start\":\"%s\"}", q ? "," : "", q, q / 4 + 1,
			sc->quarter_start[q]);
	sb_addc(sb, ']');
	jsonw_key(sb, &first, "areas");
	sb_addc(sb, '[');
	for (int i = 0; i < sc->nareas; i++) {
		const struct schedule_area *ar = &sc->areas[i];
		int f2 = 1;
		sb_adds(sb, i ? ",{" : "{");
		jsonw_kv_int(sb, &f2, "id", ar->id);
		jsonw_kv_str(sb, &f2, "name", ar->name);
		jsonw_kv_str(sb, &f2, "owner", ar->owner);
		jsonw_key(sb, &f2, "audits");
		sb_addc(sb, '[');
		for (int k = 0; k < ar->n; k++) {
			int f3 = 1;
			sb_adds(sb, k ? ",{" : "{");
			jsonw_kv_int(sb, &f3, "id", ar->audits[k].id);
			jsonw_kv_str(sb, &f3, "title", ar->audits[k].title);
			jsonw_kv_str(sb, &f3, "status", ar->audits[k].status);
			jsonw_kv_str(sb, &f3, "planned_start", ar->audits[k].planned_start);
			jsonw_key(sb, &f3, "quarter");
			if (ar->audits[k].quarter < 0)
				sb_adds(sb, "null");
			else
				sb_addf(sb, "%d", ar->audits[k].quarter);
			sb_addc(sb, '}');
		}
		sb_adds(sb, "]}");
	}
	sb_addc(sb, ']');
	jsonw_kv_int(sb, &first, "audits", sc->audits);
	jsonw_kv_int(sb, &first, "outside_cycle", sc->outside);
	sb_addc(sb, '}');
}
