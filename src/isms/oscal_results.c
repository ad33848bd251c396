/* oscal_results: a framework's gap analysis as OSCAL assessment results.
 * One result covers the assessments made (start: the first, end: the
 * last); every requirement assessed (status other than not_assessed) is a
 * finding whose target, the requirement's objective, is satisfied (met, or
 * not applicable) or not (partial, not met), with the notes as its
 * description; every assessment with evidence adds an observation the
 * finding refers to. isms keeps no assessment plan, so import-ap names a
 * placeholder in back-matter that says so. */
#include <string.h>

#include "base/util.h"
#include "isms/oscal_doc.h"

struct assessed {
	int i; /* requirement index */
	const char *status, *evidence, *notes, *at;
};

struct assessed_list {
	struct assessed *rows;
	int n, cap;
};

static void assessed_row(struct oscal_ctx *x, struct stmt *q, int i, void *ctx)
{
	struct assessed_list *l = ctx;
	struct assessed *r;
	l->rows = arena_grow(x->a, l->rows, l->n, &l->cap, sizeof(*l->rows));
	r = &l->rows[l->n++];
	r->i = i;
	r->status = arena_strdup(x->a, stmt_text(q, 1));
	r->evidence = arena_strdup(x->a, stmt_text(q, 2));
	r->notes = arena_strdup(x->a, stmt_text(q, 3));
	r->at = arena_strdup(x->a, stmt_text(q, 4));
}

static json_t *observation(struct oscal_ctx *x, const struct assessed *r)
{
	json_t *o = json_object(), *methods = json_array(), *types = json_array(), *ev = json_array(), *one = json_object();
	json_object_set_new(o, "uuid", json_string(oscal_uuid(x, "observation", x->reqs[r->i].urn)));
	json_object_set_new(o, "title", oscal_str(arena_printf(x->a, "Evidence for %s", oscal_req_label(x, r->i))));
	json_object_set_new(o, "description", oscal_str(r->evidence));
	json_array_append_new(methods, json_string("EXAMINE"));
	json_object_set_new(o, "methods", methods);
	json_array_append_new(types, json_string("control-objective"));
	json_object_set_new(o, "types", types);
	json_object_set_new(one, "description", oscal_str(r->evidence));
	json_array_append_new(ev, one);
	json_object_set_new(o, "relevant-evidence", ev);
	json_object_set_new(o, "collected", oscal_str(oscal_datetime(x->a, r->at)));
	return o;
}

static json_t *finding(struct oscal_ctx *x, const struct assessed *r)
{
	const struct requirement *req = &x->reqs[r->i];
	int satisfied = streq(r->status, "met") || streq(r->status, "not_applicable");
	json_t *f = json_object(), *target = json_object(), *status = json_object(), *props = json_array();
	json_object_set_new(f, "uuid", json_string(oscal_uuid(x, "finding", req->urn)));
	json_object_set_new(f, "title", oscal_str(oscal_req_label(x, r->i)));
	json_object_set_new(f, "description",
			    oscal_str(oscal_line(x->a, r->notes) ? r->notes
								 : arena_printf(x->a, "Assessed as %s; no notes were written.",
										r->status)));
	oscal_prop(x, props, "gap-status", r->status, 1);
	oscal_set_array(f, "props", props);
	json_object_set_new(target, "type", json_string("objective-id"));
	json_object_set_new(target, "target-id", json_string(arena_printf(x->a, "%s_obj", x->ids[r->i])));
	json_object_set_new(status, "state", json_string(satisfied ? "satisfied" : "not-satisfied"));
	if (streq(r->status, "met") || streq(r->status, "not_met"))
		json_object_set_new(status, "reason", json_string(satisfied ? "pass" : "fail"));
	else
		json_object_set_new(status, "reason", json_string("other"));
	json_object_set_new(target, "status", status);
	if (streq(r->status, "not_applicable") || streq(r->status, "partial")) {
		json_t *impl = json_object();
		json_object_set_new(impl, "state", json_string(streq(r->status, "partial") ? "partial" : "not-applicable"));
		json_object_set_new(target, "implementation-status", impl);
	}
	json_object_set_new(f, "target", target);
	if (oscal_line(x->a, r->evidence)) {
		json_t *rel = json_array(), *one = json_object();
		json_object_set_new(one, "observation-uuid", json_string(oscal_uuid(x, "observation", req->urn)));
		json_array_append_new(rel, one);
		json_object_set_new(f, "related-observations", rel);
	}
	return f;
}

json_t *oscal_results(struct oscal_ctx *x, struct err *e)
{
	struct assessed_list l = { 0 };
	struct assessed *rows;
	int n;
	const char *start = x->fw.created_at, *end = NULL, *ap_uuid = oscal_uuid(x, "assessment-plan", x->fw.urn);
	json_t *root, *ar, *ap, *results, *result, *reviewed, *sels, *sel, *findings, *observations, *bm, *res;

	if (oscal_rows(x,
		       "SELECT a.requirement_id, a.status, a.evidence, a.notes, a.updated_at "
		       "FROM requirement_assessment a JOIN requirement r ON r.id = a.requirement_id "
		       "WHERE r.framework_id = ? AND a.status <> 'not_assessed' ORDER BY r.ordinal",
		       assessed_row, &l, e))
		return NULL;
	rows = l.rows;
	n = l.n;
	for (int k = 0; k < n; k++) {
		if (!end || strcmp(rows[k].at, end) > 0)
			end = rows[k].at;
		if (k == 0 || strcmp(rows[k].at, start) < 0)
			start = rows[k].at;
	}
	root = json_object();
	ar = json_object();
	json_object_set_new(ar, "uuid", json_string(oscal_uuid(x, "assessment-results", x->fw.urn)));
	json_object_set_new(ar, "metadata",
			    oscal_metadata(x, arena_printf(x->a, "Gap analysis of the ISMS against %s", x->fw.name),
					   x->changed_at, arena_printf(x->a, "audit-%lld", (long long)x->changed_id)));
	ap = json_object();
	json_object_set_new(ap, "href", json_string(arena_printf(x->a, "#%s", ap_uuid)));
	json_object_set_new(ar, "import-ap", ap);

	result = json_object();
	json_object_set_new(result, "uuid", json_string(oscal_uuid(x, "result", x->fw.urn)));
	json_object_set_new(result, "title", oscal_str(arena_printf(x->a, "Gap analysis: %s", x->fw.name)));
	json_object_set_new(result, "description",
			    oscal_str(arena_printf(x->a,
						   "The organisation's own judgement of each requirement of %s: %d "
						   "assessed of %d.",
						   x->fw.name, n, x->n)));
	json_object_set_new(result, "start", oscal_str(oscal_datetime(x->a, start)));
	if (end)
		json_object_set_new(result, "end", oscal_str(oscal_datetime(x->a, end)));
	reviewed = json_object();
	sels = json_array();
	sel = json_object();
	if (n) {
		json_t *ctrls = json_array();
		for (int k = 0; k < n; k++) {
			json_t *c = json_object();
			json_object_set_new(c, "control-id", json_string(x->ids[rows[k].i]));
			json_array_append_new(ctrls, c);
		}
		json_object_set_new(sel, "include-controls", ctrls);
	} else {
		json_object_set_new(sel, "include-all", json_object());
	}
	json_array_append_new(sels, sel);
	json_object_set_new(reviewed, "control-selections", sels);
	json_object_set_new(result, "reviewed-controls", reviewed);
	observations = json_array();
	findings = json_array();
	for (int k = 0; k < n; k++) {
		if (oscal_line(x->a, rows[k].evidence))
			json_array_append_new(observations, observation(x, &rows[k]));
		json_array_append_new(findings, finding(x, &rows[k]));
	}
	oscal_set_array(result, "observations", observations);
	oscal_set_array(result, "findings", findings);
	results = json_array();
	json_array_append_new(results, result);
	json_object_set_new(ar, "results", results);

	bm = json_object();
	res = json_array();
	json_array_append_new(res, oscal_resource(ap_uuid, "No assessment plan",
						  "isms keeps no OSCAL assessment plan: these results come from the "
						  "organisation's gap analysis, made requirement by requirement.",
						  NULL));
	json_object_set_new(bm, "resources", res);
	json_object_set_new(ar, "back-matter", bm);
	json_object_set_new(root, "assessment-results", ar);
	return root;
}
