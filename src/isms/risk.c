#include "isms/risk.h"

#include <string.h>

#include "base/timeutil.h"
#include "base/util.h"
#include "isms/risk_method.h"

/* The scored fields: likelihood and impact pairs, inherent then residual. */
static const char *const scored[] = { "likelihood", "impact", "residual_likelihood", "residual_impact" };
static const char *const level_fields[] = { "inherent_level", "residual_level" };

/* The value a field will have after the change. */
static const char *after_value(const struct entity *ent, const struct record *before, const struct input *in,
			       const char *name)
{
	int i = entity_field_index(ent, name);
	if (in->set[i])
		return in->values[i];
	return before ? before->values[i] : NULL;
}

static void put(const struct entity *ent, struct input *in, const char *name, const char *value)
{
	int i = entity_field_index(ent, name);
	in->set[i] = 1;
	in->values[i] = value;
}

int risk_prepare(struct store *s, const struct record *before, struct input *in, struct arena *a, struct err *e)
{
	const struct entity *ent = entity_by_name("risk");
	const struct rm_level *level[2] = { NULL, NULL };
	struct risk_method m;
	int64_t v[4];
	int have[4], touched = before == NULL;

	for (int k = 0; k < 4; k++)
		touched |= in->set[entity_field_index(ent, scored[k])];
	touched |= in->set[entity_field_index(ent, "review_date")];
	if (!touched) /* the scores stay as assessed, with their method version */
		return 0;
	if (risk_method_current(s, a, &m, e))
		return -1;
	for (int k = 0; k < 4; k++) {
		const char *text = after_value(ent, before, in, scored[k]);
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
	if (!after_value(ent, before, in, "review_date") && (level[1] || level[0])) {
		char date[16];
		time_today_plus_months((level[1] ? level[1] : level[0])->review_months, date);
		put(ent, in, "review_date", arena_strdup(a, date));
	}
	return 0;
}
