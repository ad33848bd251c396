#include "isms/nonconformity.h"

#include <string.h>

#include "base/jsonw.h"
#include "base/timeutil.h"
#include "base/util.h"

static void set_value(const struct entity *ent, struct input *in, const char *name, const char *value)
{
	int i = entity_field_index(ent, name);
	in->set[i] = 1;
	in->values[i] = value;
}

int nonconformity_prepare(struct store *s, const struct record *before, struct input *in, struct arena *a,
			  struct err *e)
{
	const struct entity *ent = entity_by_name("nonconformity");
	const char *status = record_after_value(ent, before, in, "status");
	const char *was = before ? before->values[entity_field_index(ent, "status")] : NULL;
	const char *result = record_after_value(ent, before, in, "effectiveness_result");
	int result_set = in->set[entity_field_index(ent, "effectiveness_result")];
	(void)s;

	if (streq(record_after_value(ent, before, in, "source"), "incident") &&
	    !record_after_value(ent, before, in, "incident"))
		return err_field(e, "incident", "required", "Name the incident this nonconformity comes from, or "
				 "choose another source.");
	if (streq(status, "closed") && !streq(was, "closed")) {
		if (!streq(result, "effective") || !record_after_value(ent, before, in, "effectiveness_checked_by") ||
		    !record_after_value(ent, before, in, "effectiveness_checked_on")) {
			err_field(e, "status", "effectiveness_required",
				  "Closing needs an effectiveness check that found the corrective action effective: "
				  "record who checked, when, and the result 'effective'.");
			return err_set(e, 422, "effectiveness_required", "A nonconformity is closed only after an "
				       "effectiveness check with the result 'effective'.");
		}
		char *today = arena_alloc(a, 16);
		time_today_plus_months(0, today);
		set_value(ent, in, "closed_on", today);
	} else if (result_set && streq(result, "not_effective")) {
		/* the actions did not remove the cause: back to corrective action */
		set_value(ent, in, "status", "corrective_action");
		status = "corrective_action";
	}
	if (!streq(status, "closed") && before && streq(was, "closed"))
		set_value(ent, in, "closed_on", NULL);
	return 0;
}

int nc_figures(struct store *s, const char *from, const char *to, struct nc_figures *out, struct err *e)
{
	struct stmt *st;
	char today[16];
	int step;

	memset(out, 0, sizeof(*out));
	out->on_time_permille = -1;
	time_today_plus_months(0, today);
	st = store_prepare(s, "SELECT status, severity, due_date, closed_on FROM nonconformity WHERE archived = 0", e);
	if (!st)
		return -1;
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		const char *status = stmt_text(st, 0), *sev = stmt_text(st, 1), *due = stmt_text(st, 2);
		const char *closed = stmt_text(st, 3);
		if (!streq(status, "closed")) {
			out->open++;
			out->open_major += streq(sev, "major");
			out->open_minor += streq(sev, "minor");
			out->open_unrated += !sev;
			out->open_overdue += due && strcmp(due, today) < 0;
		} else if (closed && (!from || strcmp(closed, from) >= 0) && (!to || strcmp(closed, to) <= 0)) {
			out->closed++;
			out->closed_with_due += due != NULL;
			out->closed_on_time += due && strcmp(closed, due) <= 0;
		}
	}
	stmt_done(st);
	if (step < 0)
		return -1;
	if (out->closed_with_due)
		out->on_time_permille = (int)((out->closed_on_time * 1000 + out->closed_with_due / 2) / out->closed_with_due);
	return 0;
}

void nc_figures_json(const struct nc_figures *f, const char *from, const char *to, struct strbuf *sb)
{
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_str(sb, &first, "from", from);
	jsonw_kv_str(sb, &first, "to", to);
	jsonw_kv_int(sb, &first, "closed", f->closed);
	jsonw_kv_int(sb, &first, "closed_with_due_date", f->closed_with_due);
	jsonw_kv_int(sb, &first, "closed_on_time", f->closed_on_time);
	jsonw_key(sb, &first, "closed_on_time_percent");
	if (f->on_time_permille < 0)
		sb_adds(sb, "null");
	else
		sb_addf(sb, "%d.%d", f->on_time_permille / 10, f->on_time_permille % 10);
	jsonw_key(sb, &first, "open");
	sb_addf(sb, "{\"total\":%lld,\"major\":%lld,\"minor\":%lld,\"unrated\":%lld,\"overdue\":%lld}",
		(long long)f->open, (long long)f->open_major, (long long)f->open_minor, (long long)f->open_unrated,
		(long long)f->open_overdue);
	sb_addc(sb, '}');
}
