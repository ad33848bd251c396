/* supplier: the supplier assessment rule, keeping a supplier's latest
 * assessment on the supplier, and the suppliers a person owes attention to
 * (see supplier.h). */
#include "isms/supplier.h"

#include <string.h>

#include "base/timeutil.h"
#include "base/util.h"

static const char *after(const struct record *before, const struct input *in, const char *name)
{
	return record_after_value(entity_by_name("supplier_assessment"), before, in, name);
}

int supplier_assessment_prepare(struct store *s, const struct record *before, struct input *in, struct arena *a,
				struct err *e)
{
	const struct entity *ent = entity_by_name("supplier_assessment");
	const char *on = after(before, in, "assessed_on"), *next = after(before, in, "next_assessment");
	const char *findings = after(before, in, "findings");
	int si = entity_field_index(ent, "supplier");
	char today[16];
	(void)s;
	(void)a;
	time_today_plus_months(0, today);
	if (before && in->set[si] && !streq(in->values[si], before->values[si]))
		err_field(e, "supplier", "fixed", "An assessment stays with its supplier: archive it and record a new "
			  "one for the other supplier.");
	if (on && strcmp(on, today) > 0)
		err_field(e, "assessed_on", "future", "Must not be in the future (today is %s).", today);
	if (on && next && strcmp(next, on) <= 0)
		err_field(e, "next_assessment", "order", "Must come after the assessment date (%s).", on);
	if (streq(after(before, in, "result"), "acceptable_with_conditions") && (!findings || !*findings))
		err_field(e, "findings", "required", "Write down the conditions the supplier must meet.");
	if (e->nfields)
		return err_set(e, 422, "validation", "The assessment has problems; see the fields.");
	return 0;
}

/* The supplier's last assessment, next assessment and last result from its
 * latest live assessment; a supplier update (audited) when they differ. */
int supplier_assessment_changed(struct store *s, const struct actor *who, int64_t id, struct arena *a,
				struct err *e)
{
	const struct entity *ent = entity_by_name("supplier_assessment"), *sup = entity_by_name("supplier");
	static const char *const fields[] = { "last_review", "next_review", "last_result" };
	const char *latest[3];
	struct record asmt, supplier;
	struct input in;
	struct stmt *st;
	int64_t sid = 0;
	int step, differs = 0;

	if (record_get(s, ent, id, a, &asmt, e) ||
	    parse_int64(asmt.values[entity_field_index(ent, "supplier")], &sid) ||
	    record_get(s, sup, sid, a, &supplier, e))
		return e->status ? -1 : err_set(e, 500, "internal", "The assessment names no supplier.");
	if (supplier.archived)
		return 0;
	if (!(st = store_prepare(s,
				 "SELECT assessed_on, next_assessment, result FROM supplier_assessment WHERE supplier = ? AND "
				 "archived = 0 ORDER BY assessed_on DESC, id DESC LIMIT 1",
				 e)))
		return -1;
	stmt_bind_int(st, 1, sid);
	step = stmt_step(st, e);
	for (int i = 0; i < 3; i++)
		latest[i] = step == STORE_ROW ? arena_strdup(a, stmt_text(st, i)) : NULL;
	stmt_done(st);
	if (step < 0)
		return -1;
	if (step != STORE_ROW)
		return 0; /* no assessment left: the supplier keeps its dates */
	input_init(&in, sup, a);
	for (int i = 0; i < 3; i++) {
		int k = entity_field_index(sup, fields[i]);
		if (!streq(supplier.values[k], latest[i])) {
			in.set[k] = 1;
			in.values[k] = latest[i];
			differs = 1;
		}
	}
	return differs ? record_update_within(s, who, sup, sid, supplier.version, &in, a, e) : 0;
}

int supplier_due_tasks(struct store *s, const struct actor *who, const struct task_source *src,
		       struct my_tasks *out, struct arena *a, struct err *e)
{
	struct stmt *st = store_prepare(
		s,
		"SELECT id, name, next_review, contract_end FROM supplier WHERE archived = 0 AND owner = ? AND "
		"(status IS NULL OR status <> 'terminated') AND ((next_review IS NOT NULL AND next_review <= ?) OR "
		"(contract_end IS NOT NULL AND contract_end <= ?)) LIMIT ?",
		e);
	int step;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, who->user_id);
	stmt_bind_text(st, 2, out->ahead);
	stmt_bind_text(st, 3, out->ahead);
	stmt_bind_int(st, 4, MY_TASKS_MAX);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		const char *next = stmt_text(st, 2), *end = stmt_text(st, 3);
		int by_review = next && strcmp(next, out->ahead) <= 0;
		int by_contract = end && strcmp(end, out->ahead) <= 0;
		const char *due = by_review && (!by_contract || strcmp(next, end) <= 0) ? next : end;
		const char *detail = by_review && by_contract ? arena_printf(a, "Assessment due; contract ends on %s", end)
				     : by_review	      ? "Assessment due"
							      : arena_printf(a, "Contract ends on %s: renew or exit", end);
		my_tasks_add(out, a, src, stmt_text(st, 1), detail, stmt_int(st, 0), due, -1);
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}
