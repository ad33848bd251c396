#include "isms/risk.h"

#include <string.h>

#include "base/timeutil.h"
#include "base/util.h"
#include "isms/acceptance.h"
#include "isms/risk_method.h"

/* The scored fields: likelihood and impact pairs, inherent then residual. */
static const char *const scored[] = { "likelihood", "impact", "residual_likelihood", "residual_impact" };
static const char *const level_fields[] = { "inherent_level", "residual_level" };

/* The value a field will have after the change. */

static int assess(struct store *s, const struct record *before, struct input *in, struct arena *a,
		  struct err *e);

static void put(const struct entity *ent, struct input *in, const char *name, const char *value)
{
	int i = entity_field_index(ent, name);
	in->set[i] = 1;
	in->values[i] = value;
}

/* An empty next review date follows from the level's review interval. */
static void derive_review(const struct entity *ent, const struct record *before, struct input *in,
			  const struct rm_level *level, struct arena *a)
{
	char date[16];
	if (!level || record_after_value(ent, before, in, "review_date"))
		return;
	time_today_plus_months(level->review_months, date);
	put(ent, in, "review_date", arena_strdup(a, date));
}

/* A change that leaves the scores alone keeps the assessment and its
 * method version; a cleared review date then follows from the stored
 * level in that version. */
static int keep_assessment(struct store *s, const struct entity *ent, const struct record *before,
			   struct input *in, struct arena *a, struct err *e)
{
	const char *version = before->values[entity_field_index(ent, "method_version")];
	const char *key = before->values[entity_field_index(ent, "residual_level")];
	struct risk_method m;
	int64_t id;
	int k;
	if (!key)
		key = before->values[entity_field_index(ent, "inherent_level")];
	if (!key || !version || parse_int64(version, &id) || !in->set[entity_field_index(ent, "review_date")])
		return 0;
	if (risk_method_get(s, id, a, &m, e))
		return -1;
	if ((k = rm_level_index(&m, key)) >= 0)
		derive_review(ent, before, in, &m.levels[k], a);
	return 0;
}

/* Whether the change sets name to something other than it was. */
static int changes(const struct entity *ent, const struct record *before, const struct input *in, const char *name)
{
	int i = entity_field_index(ent, name);
	return in->set[i] && (!before || !streq(before->values[i], in->values[i]));
}

static int product(const struct entity *ent, const struct record *before, const struct input *in, const char *l,
		   const char *i, int64_t *out)
{
	int64_t a, b;
	const char *ta = record_after_value(ent, before, in, l), *tb = record_after_value(ent, before, in, i);
	if (!ta || !tb || parse_int64(ta, &a) || parse_int64(tb, &b))
		return 0;
	*out = a * b;
	return 1;
}

/* The acceptance rule (isms/acceptance.h) on the risk as the change leaves
 * it; only a change of the status, the treatment or a score is checked, and
 * the error names that field. */
static int check_acceptance(struct store *s, const struct entity *ent, const struct record *before,
			    const struct input *in, struct arena *a, struct err *e)
{
	struct risk_state st = { 0 };
	const char *mv = record_after_value(ent, before, in, "method_version");
	int residual = record_after_value(ent, before, in, "residual_level") != NULL, rescored = 0;
	st.id = before ? before->id : 0;
	st.status = record_after_value(ent, before, in, "status");
	st.treatment = record_after_value(ent, before, in, "treatment");
	st.level = record_after_value(ent, before, in, residual ? "residual_level" : "inherent_level");
	st.has_score = residual ? product(ent, before, in, "residual_likelihood", "residual_impact", &st.score)
				: product(ent, before, in, "likelihood", "impact", &st.score);
	if (!mv || parse_int64(mv, &st.method_version))
		return 0;
	for (int k = 0; k < 4 && !rescored; k++)
		if (changes(ent, before, in, scored[k]))
			rescored = k + 1;
	if (changes(ent, before, in, "status") && (streq(st.status, "closed") || streq(st.status, "accepted")))
		st.field = "status";
	else if (changes(ent, before, in, "treatment") && streq(st.treatment, "retain"))
		st.field = "treatment";
	else if (rescored)
		st.field = scored[rescored - 1];
	return acceptance_rule(s, &st, a, e);
}

int risk_prepare(struct store *s, const struct record *before, struct input *in, struct arena *a, struct err *e)
{
	if (assess(s, before, in, a, e))
		return -1;
	return check_acceptance(s, entity_by_name("risk"), before, in, a, e);
}

/* Scores on the current method's scales, their levels and the version. */
static int assess(struct store *s, const struct record *before, struct input *in, struct arena *a, struct err *e)
{
	const struct entity *ent = entity_by_name("risk");
	const struct rm_level *level[2] = { NULL, NULL };
	struct risk_method m;
	int64_t v[4];
	int have[4], rescored = before == NULL;

	for (int k = 0; k < 4; k++)
		rescored |= in->set[entity_field_index(ent, scored[k])];
	if (!rescored)
		return keep_assessment(s, ent, before, in, a, e);
	if (risk_method_current(s, a, &m, e))
		return -1;
	for (int k = 0; k < 4; k++) {
		const char *text = record_after_value(ent, before, in, scored[k]);
		const struct rm_scale *scale = k % 2 ? &m.impact : &m.likelihood;
		have[k] = text && parse_int64(text, &v[k]) == 0;
		if (have[k] && rm_step_index(scale, v[k]) < 0)
			err_field(e, scored[k], "scale", "Must be %s: a value of the %s scale of the risk method "
				  "(version %lld).", rm_scale_values(scale, a), k % 2 ? "impact" : "likelihood",
				  (long long)m.id);
	}
	if (e->nfields)
		return -1;
	for (int p = 0; p < 2; p++) {
		if (have[2 * p] && have[2 * p + 1])
			level[p] = rm_level_of(&m, v[2 * p], v[2 * p + 1]);
		put(ent, in, level_fields[p], level[p] ? level[p]->key : NULL);
	}
	/* assessed with this version when anything is scored; unscored, with none */
	put(ent, in, "method_version",
	    have[0] || have[1] || have[2] || have[3] ? arena_printf(a, "%lld", (long long)m.id) : NULL);
	derive_review(ent, before, in, level[1] ? level[1] : level[0], a);
	return 0;
}
