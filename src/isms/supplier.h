/* supplier: what suppliers and their assessments add to the generic record
 * operations (Annex A 5.19-5.22).
 *
 * - The assessment rule (supplier_assessment_prepare, run by record.c in
 *   every write): the assessment date is not in the future, the next
 *   assessment comes after it, and "acceptable with conditions" needs the
 *   conditions in the findings; 422 on the field otherwise.
 * - After an assessment is recorded, changed or archived
 *   (supplier_assessment_changed, in the same transaction), its supplier's
 *   last assessment, next assessment and last result are those of its latest
 *   live assessment (by date, then id): a supplier update, audited.
 * - Overdue: a supplier not terminated whose next assessment or contract end
 *   is past (entity.overdue with also_due_field; lists take overdue=true).
 * - My tasks: supplier_due_tasks lists the suppliers a person owns whose
 *   next assessment or contract end falls within MY_TASKS_AHEAD_DAYS. */
#ifndef ISMS_SUPPLIER_H
#define ISMS_SUPPLIER_H
#include <stdint.h>

#include "isms/my_tasks.h"
#include "isms/record.h"

int supplier_assessment_prepare(struct store *s, const struct record *before, struct input *in, struct arena *a,
				struct err *e);
int supplier_assessment_changed(struct store *s, const struct actor *who, int64_t id, struct arena *a,
				struct err *e);

/* A task_sources[] row's function (isms/my_tasks.c). */
int supplier_due_tasks(struct store *s, const struct actor *who, const struct task_source *src,
		       struct my_tasks *out, struct arena *a, struct err *e);

#endif
