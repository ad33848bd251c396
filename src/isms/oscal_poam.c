/* oscal_poam: the open part of the risk treatment plan (isms/treatment.h)
 * as an OSCAL plan of action and milestones. Every action still open or in
 * progress of a risk being treated is a poam-item (title, description, due
 * date, status and owner as props of ours) related to its risk; every risk
 * with such actions is a risk (scenario, treatment, levels) whose
 * remediations are those actions, each with its due date as a milestone.
 * What the viewer may not read in the plan is not exported either. */
#include <string.h>

#include "base/util.h"
#include "isms/oscal_doc.h"
#include "isms/treatment.h"

static int open_action(const struct plan_action *pa)
{
	const char *status = plan_value("task", pa->task, "status");
	return streq(status, "open") || streq(status, "in_progress");
}

static const char *action_text(struct oscal_ctx *x, const struct record *t)
{
	const char *d = plan_value("task", t, "description");
	return oscal_line(x->a, d) ? d : arena_printf(x->a, "The treatment action \"%s\".", plan_value("task", t, "title"));
}

/* A remediation of the risk: the action, its due date as a milestone. */
static json_t *remediation(struct oscal_ctx *x, const struct record *t)
{
	const char *due = plan_value("task", t, "due_date");
	json_t *r = json_object();
	json_object_set_new(r, "uuid", json_string(oscal_uuid_id(x, "response", t->id)));
	json_object_set_new(r, "lifecycle", json_string("planned"));
	json_object_set_new(r, "title", oscal_str(oscal_line(x->a, plan_value("task", t, "title"))));
	json_object_set_new(r, "description", oscal_str(action_text(x, t)));
	if (due) {
		json_t *tasks = json_array(), *m = json_object(), *timing = json_object(), *on = json_object();
		json_object_set_new(m, "uuid", json_string(oscal_uuid_id(x, "milestone", t->id)));
		json_object_set_new(m, "type", json_string("milestone"));
		json_object_set_new(m, "title", oscal_str(arena_printf(x->a, "Due: %s", due)));
		json_object_set_new(on, "date", oscal_str(oscal_datetime(x->a, due)));
		json_object_set_new(timing, "on-date", on);
		json_object_set_new(m, "timing", timing);
		json_array_append_new(tasks, m);
		json_object_set_new(r, "tasks", tasks);
	}
	return r;
}

static json_t *risk_json(struct oscal_ctx *x, const struct plan_risk *pr, json_t *remediations)
{
	const struct record *r = pr->risk;
	const char *scenario = plan_value("risk", r, "description"), *plan = plan_value("risk", r, "treatment_plan");
	const char *status = plan_value("risk", r, "status");
	json_t *o = json_object(), *props = json_array();
	json_object_set_new(o, "uuid", json_string(oscal_uuid_id(x, "risk", r->id)));
	json_object_set_new(o, "title", oscal_str(oscal_line(x->a, plan_value("risk", r, "title"))));
	json_object_set_new(o, "description",
			    oscal_str(oscal_line(x->a, scenario) ? scenario : "No scenario was written for this risk."));
	json_object_set_new(o, "statement",
			    oscal_str(oscal_line(x->a, plan) ? plan
							     : arena_printf(x->a, "Treated by %s; see the remediations.",
									    plan_value("risk", r, "treatment"))));
	oscal_prop(x, props, "treatment", plan_value("risk", r, "treatment"), 1);
	oscal_prop(x, props, "inherent-level", plan_value("risk", r, "inherent_level"), 1);
	oscal_prop(x, props, "residual-level", plan_value("risk", r, "residual_level"), 1);
	oscal_prop(x, props, "owner", plan_title("risk", r, "owner"), 1);
	oscal_prop(x, props, "isms-status", status, 1);
	oscal_set_array(o, "props", props);
	json_object_set_new(o, "status", json_string(streq(status, "treatment_planned") || streq(status, "in_treatment")
							     ? "remediating"
							     : "open"));
	oscal_set_array(o, "remediations", remediations);
	return o;
}

static json_t *poam_item(struct oscal_ctx *x, const struct record *t, const struct record *risk)
{
	json_t *o = json_object(), *props = json_array(), *rel = json_array(), *one = json_object();
	json_object_set_new(o, "uuid", json_string(oscal_uuid_id(x, "poam-item", t->id)));
	json_object_set_new(o, "title", oscal_str(oscal_line(x->a, plan_value("task", t, "title"))));
	json_object_set_new(o, "description", oscal_str(action_text(x, t)));
	oscal_prop(x, props, "due-date", plan_value("task", t, "due_date"), 1);
	oscal_prop(x, props, "status", plan_value("task", t, "status"), 1);
	oscal_prop(x, props, "priority", plan_value("task", t, "priority"), 1);
	oscal_prop(x, props, "owner", plan_title("task", t, "owner"), 1);
	oscal_prop(x, props, "control", plan_title("task", t, "control"), 1);
	oscal_set_array(o, "props", props);
	json_object_set_new(one, "risk-uuid", json_string(oscal_uuid_id(x, "risk", risk->id)));
	json_array_append_new(rel, one);
	json_object_set_new(o, "related-risks", rel);
	return o;
}

json_t *oscal_poam(struct oscal_ctx *x, struct err *e)
{
	struct plan p;
	json_t *root, *poam, *risks, *items;
	if (treatment_plan(x->s, x->viewer, x->a, &p, e))
		return NULL;
	risks = json_array();
	items = json_array();
	for (int i = 0; i < p.nrisks; i++) {
		const struct plan_risk *pr = &p.risks[i];
		json_t *remediations = json_array();
		for (int k = 0; k < pr->n; k++)
			if (open_action(&pr->actions[k])) {
				json_array_append_new(items, poam_item(x, pr->actions[k].task, pr->risk));
				json_array_append_new(remediations, remediation(x, pr->actions[k].task));
			}
		if (json_array_size(remediations))
			json_array_append_new(risks, risk_json(x, pr, remediations));
		else
			json_decref(remediations);
	}
	if (json_array_size(items) == 0) {
		json_decref(risks);
		json_decref(items);
		err_set(e, 422, "nothing_to_export",
			"The risk treatment plan has no open action: a plan of action and milestones needs at least one.");
		return NULL;
	}
	root = json_object();
	poam = json_object();
	json_object_set_new(poam, "uuid", json_string(oscal_uuid(x, "poam", "isms")));
	json_object_set_new(poam, "metadata",
			    oscal_metadata(x, "Plan of action and milestones: open risk treatment actions", x->changed_at,
					   arena_printf(x->a, "audit-%lld", (long long)x->changed_id)));
	json_object_set_new(poam, "risks", risks);
	json_object_set_new(poam, "poam-items", items);
	json_object_set_new(root, "plan-of-action-and-milestones", poam);
	return root;
}
