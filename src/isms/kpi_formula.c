/* kpi_formula: the built-in KPI formulas, one row each of kpi_formulas[] —
 * key (stored in kpi.source), label, the unit and direction it implies, a
 * sentence saying how it is computed, and the function that computes it
 * from the data through the modules that own that data (SoA, risk method,
 * incidents, nonconformities, training, documents, the generic lists).
 * Percentages carry one decimal, hours two. */
#include <string.h>

#include "base/util.h"
#include "isms/doc_ack.h"
#include "isms/framework.h"
#include "isms/incident.h"
#include "isms/kpi.h"
#include "isms/nonconformity.h"
#include "isms/risk_history.h"
#include "isms/risk_method.h"
#include "isms/soa.h"
#include "isms/training.h"

/* num of den in percent with one decimal, rounded half up; *has 0 when den is 0. */
static void percent_of(int64_t num, int64_t den, double *value, int *has)
{
	*has = den > 0;
	if (*has)
		*value = (double)((num * 2000 / den + 1) / 2) / 10.0;
}

static void hours_of(int64_t seconds, double *value, int *has)
{
	*has = seconds >= 0;
	if (*has)
		*value = (double)((seconds * 200 / 3600 + 1) / 2) / 100.0;
}

/* Applicable Annex A controls implemented, over every framework with a
 * Statement of Applicability. */
static int soa_implemented(struct store *s, const struct kpi_window *w, double *value, int *has, struct err *e)
{
	struct arena a = ARENA_INIT;
	struct framework *fws;
	int n, rc = -1;
	int64_t applicable = 0, implemented = 0;
	(void)w;
	if (framework_list(s, &a, &fws, &n, e))
		goto out;
	for (int i = 0; i < n; i++) {
		struct soa soa;
		if (!fws[i].has_soa)
			continue;
		if (soa_read(s, fws[i].id, &a, &soa, e))
			goto out;
		applicable += soa.counts.applicable;
		implemented += soa.counts.implemented;
	}
	percent_of(implemented, applicable, value, has);
	rc = 0;
out:
	arena_release(&a);
	return rc;
}

/* Live risks with a level (residual, else inherent) at or below the appetite
 * of the method version they were scored with. */
static int risks_within_appetite(struct store *s, const struct kpi_window *w, double *value, int *has,
				 struct err *e)
{
	struct arena a = ARENA_INIT;
	struct rm_cache cache = { 0 };
	struct stmt *st;
	int64_t scored = 0, within = 0;
	int step, rc = -1;
	(void)w;
	if (!(st = store_prepare(s, "SELECT residual_level, inherent_level, method_version FROM risk "
				    "WHERE archived = 0", e)))
		goto out;
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		const char *level = stmt_text(st, 0) ? stmt_text(st, 0) : stmt_text(st, 1);
		const struct risk_method *m;
		int rank;
		if (!level || stmt_isnull(st, 2))
			continue;
		level = arena_strdup(&a, level);
		m = rm_cache_get(s, &cache, stmt_int(st, 2), &a);
		if (!m || (rank = rm_cache_rank(m, level)) == RH_NONE)
			continue;
		scored++;
		within += rank <= m->appetite;
	}
	stmt_done(st);
	if (step < 0)
		goto out;
	percent_of(within, scored, value, has);
	rc = 0;
out:
	arena_release(&a);
	return rc;
}

static int incident_respond(struct store *s, const struct kpi_window *w, double *value, int *has, struct err *e)
{
	struct incident_metrics m;
	if (incident_metrics(s, w->from, w->today, &m, e))
		return -1;
	hours_of(m.n_respond ? m.mean_respond : -1, value, has);
	return 0;
}

static int incident_resolve(struct store *s, const struct kpi_window *w, double *value, int *has, struct err *e)
{
	struct incident_metrics m;
	if (incident_metrics(s, w->from, w->today, &m, e))
		return -1;
	hours_of(m.n_resolve ? m.mean_resolve : -1, value, has);
	return 0;
}

static int nc_on_time(struct store *s, const struct kpi_window *w, double *value, int *has, struct err *e)
{
	struct nc_figures f;
	if (nc_figures(s, w->from, w->today, &f, e))
		return -1;
	percent_of(f.closed_on_time, f.closed_with_due, value, has);
	return 0;
}

static int training_completion(struct store *s, const struct kpi_window *w, double *value, int *has,
			       struct err *e)
{
	struct training_rates r;
	if (training_rates(s, 0, 0, w->today, &r, e))
		return -1;
	percent_of(r.completed, r.assigned, value, has);
	return 0;
}

static int training_pass(struct store *s, const struct kpi_window *w, double *value, int *has, struct err *e)
{
	struct training_rates r;
	if (training_rates(s, 0, 0, w->today, &r, e))
		return -1;
	percent_of(r.passed, r.attempts, value, has);
	return 0;
}

static int policy_ack(struct store *s, const struct kpi_window *w, double *value, int *has, struct err *e)
{
	int64_t acknowledged, expected;
	(void)w;
	if (doc_ack_rate(s, "policy", &acknowledged, &expected, e))
		return -1;
	percent_of(acknowledged, expected, value, has);
	return 0;
}

/* Live documents, risks and controls whose next review date has passed (the
 * types' own rule of overdue: retired documents and closed risks do not count). */
static int overdue_reviews(struct store *s, const struct kpi_window *w, double *value, int *has, struct err *e)
{
	static const char *const types[] = { "document", "risk", "control" };
	struct arena a = ARENA_INIT;
	int64_t total = 0;
	int rc = 0;
	for (size_t i = 0; i < ARRAY_SIZE(types) && rc == 0; i++) {
		const struct entity *ent = entity_by_name(types[i]);
		struct list_query q;
		struct record_page p;
		list_query_init(&q, ent);
		q.overdue_on = w->today;
		q.limit = 1;
		if ((rc = record_list(s, ent, &q, &a, &p, e)) == 0)
			total += p.total;
	}
	arena_release(&a);
	*value = (double)total;
	*has = 1;
	return rc;
}

const struct kpi_formula kpi_formulas[] = {
	{ "controls_implemented", "Applicable controls implemented", "percent", "higher_better",
	  "Of the controls the Statements of Applicability mark applicable, the share implemented.", soa_implemented },
	{ "risks_within_appetite", "Risks within appetite", "percent", "higher_better",
	  "Of the live scored risks, the share whose level (residual, else inherent) is at or below the appetite.",
	  risks_within_appetite },
	{ "incident_time_to_respond", "Incident mean time to respond", "hours", "lower_better",
	  "Mean hours from detection to response, over the incidents detected in the last period.", incident_respond },
	{ "incident_time_to_resolve", "Incident mean time to resolve", "hours", "lower_better",
	  "Mean hours from detection to resolution, over the incidents detected in the last period.", incident_resolve },
	{ "nc_closed_on_time", "Nonconformities closed on time", "percent", "higher_better",
	  "Of the nonconformities closed in the last period that had a due date, the share closed by it.", nc_on_time },
	{ "training_completion", "Training completion rate", "percent", "higher_better",
	  "Of the people assigned a course, the share holding a valid pass.", training_completion },
	{ "training_pass_rate", "Training pass rate", "percent", "higher_better",
	  "Of the quiz attempts submitted, the share that passed.", training_pass },
	{ "policy_acknowledgement", "Policy acknowledgement rate", "percent", "higher_better",
	  "Of the people asked to acknowledge a published policy, the share who have.", policy_ack },
	{ "overdue_reviews", "Overdue reviews", "count", "lower_better",
	  "Documents, risks and controls whose next review date has passed.", overdue_reviews },
};
const int kpi_formula_count = (int)ARRAY_SIZE(kpi_formulas);

const char *const kpi_source_values[] = {
	"controls_implemented", "risks_within_appetite", "incident_time_to_respond", "incident_time_to_resolve",
	"nc_closed_on_time", "training_completion", "training_pass_rate", "policy_acknowledgement", "overdue_reviews",
	"manual", NULL,
};

const struct kpi_formula *kpi_formula_by_key(const char *key)
{
	for (int i = 0; key && i < kpi_formula_count; i++)
		if (strcmp(kpi_formulas[i].key, key) == 0)
			return &kpi_formulas[i];
	return NULL;
}
