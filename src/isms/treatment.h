/* treatment: the risk treatment plan (ISO 27001 6.1.3, 8.3). A risk's
 * treatment actions are the tasks that name it (task.risk): owner, due date,
 * status and a linked control. The plan gathers, for every live risk being
 * treated (treatment modify, share or avoid; not closed), its actions, the
 * share done and the overdue ones (due before today, still open or in
 * progress), with totals over all of them.
 *
 * What a viewer sees follows the records' own read rules: risks and tasks
 * come through record_list with list_query.viewer, so an employee's plan
 * holds only the tasks they may read. Memory comes from the caller's arena. */
#ifndef ISMS_TREATMENT_H
#define ISMS_TREATMENT_H
#include "base/strbuf.h"
#include "isms/record.h"

/* Risks and, per risk, actions taken into the plan: at most this many. */
#define PLAN_MAX LIST_MAX_LIMIT

struct plan_action {
	const struct record *task;
	int overdue;
};

struct plan_risk {
	const struct record *risk; /* NULL for treatment_actions */
	struct plan_action *actions; /* overdue first, then by due date */
	int n, done, cancelled, overdue;
	int progress;              /* % of the actions not cancelled that are done; 0 when none */
};

struct plan {
	char today[16];
	struct plan_risk *risks;   /* those with overdue actions first, then by inherent score */
	int nrisks;
	int actions, done, open, overdue, progress;
};

/* The tasks whose reference field (task.risk, task.nonconformity) names
 * record id, as viewer may see them: the actions of a risk or of a
 * nonconformity, overdue first, with the same counts. */
int task_actions(struct store *s, const struct actor *viewer, const char *field, int64_t id, struct arena *a,
		 struct plan_risk *out, struct err *e);
/* The actions of one risk as viewer may see them. */
int treatment_actions(struct store *s, const struct actor *viewer, int64_t risk_id, struct arena *a,
		      struct plan_risk *out, struct err *e);
/* The whole plan. */
int treatment_plan(struct store *s, const struct actor *viewer, struct arena *a, struct plan *out, struct err *e);
void treatment_plan_json(const struct plan *p, struct strbuf *sb);
/* Field values of a plan record by name (NULL when empty), and its link's title. */
const char *plan_value(const char *entity, const struct record *r, const char *field);
const char *plan_title(const char *entity, const struct record *r, const char *field);

#endif
