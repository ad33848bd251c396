/* training_report: the figures of training as JSON — one course's report
 * (rates, per group, per person) and the overview of every course — for
 * GET /api/v1/courses/{id}/report, GET /api/v1/training and the CLI. */
#include "base/jsonw.h"
#include "isms/group.h"
#include "isms/record.h"
#include "isms/training.h"

static const char *course_value(const struct record *r, const char *field)
{
	return r->values[entity_field_index(entity_by_name("course"), field)];
}

static void rates_object(struct strbuf *sb, const struct training_rates *r)
{
	int first = 1;
	sb_addc(sb, '{');
	training_rates_members(r, sb, &first);
	sb_addc(sb, '}');
}

/* [{"id", "name", rates...}] of the groups with someone assigned. */
static int groups_rates(struct store *s, int64_t course_id, const char *today, struct arena *a, struct strbuf *sb,
			struct err *e)
{
	struct group *g;
	int n, k = 0;
	if (group_list(s, a, &g, &n, e))
		return -1;
	sb_addc(sb, '[');
	for (int i = 0; i < n; i++) {
		struct training_rates r;
		int first = 1;
		if (training_rates(s, course_id, g[i].id, today, &r, e))
			return -1;
		if (!r.assigned)
			continue;
		sb_adds(sb, k++ ? ",{" : "{");
		jsonw_kv_int(sb, &first, "id", g[i].id);
		jsonw_kv_str(sb, &first, "name", g[i].name);
		training_rates_members(&r, sb, &first);
		sb_addc(sb, '}');
	}
	sb_addc(sb, ']');
	return 0;
}

int training_report_json(struct store *s, const struct record *course, const char *today, struct arena *a,
			 struct strbuf *sb, struct err *e)
{
	struct training_rates rates;
	struct training_status *t;
	int n, first = 1;
	if (training_rates(s, course->id, 0, today, &rates, e) ||
	    training_statuses(s, course->id, 0, today, a, &t, &n, e))
		return -1;
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &first, "course", course->id);
	jsonw_kv_str(sb, &first, "title", course_value(course, "title"));
	jsonw_kv_str(sb, &first, "status", course_value(course, "status"));
	jsonw_kv_str(sb, &first, "today", today);
	jsonw_key(sb, &first, "rates");
	rates_object(sb, &rates);
	jsonw_key(sb, &first, "groups");
	if (groups_rates(s, course->id, today, a, sb, e))
		return -1;
	jsonw_key(sb, &first, "people");
	sb_addc(sb, '[');
	for (int i = 0; i < n; i++) {
		if (i)
			sb_addc(sb, ',');
		training_status_json(&t[i], sb);
	}
	sb_adds(sb, "]}");
	return 0;
}

int training_overview_json(struct store *s, const struct actor *viewer, const char *today, struct arena *a,
			   struct strbuf *sb, struct err *e)
{
	const struct entity *ent = entity_by_name("course");
	struct list_query q;
	struct record_page page;
	struct training_rates all;
	int first = 1;
	list_query_init(&q, ent);
	q.limit = LIST_MAX_LIMIT;
	q.viewer = viewer;
	if (record_list(s, ent, &q, a, &page, e) || training_rates(s, 0, 0, today, &all, e))
		return -1;
	sb_addc(sb, '{');
	jsonw_kv_str(sb, &first, "today", today);
	jsonw_key(sb, &first, "rates");
	rates_object(sb, &all);
	jsonw_key(sb, &first, "courses");
	sb_addc(sb, '[');
	for (int i = 0; i < page.n; i++) {
		struct training_rates r;
		int f = 1;
		if (training_rates(s, page.items[i].id, 0, today, &r, e))
			return -1;
		sb_adds(sb, i ? ",{" : "{");
		jsonw_kv_int(sb, &f, "id", page.items[i].id);
		jsonw_kv_str(sb, &f, "title", course_value(&page.items[i], "title"));
		jsonw_kv_str(sb, &f, "status", course_value(&page.items[i], "status"));
		training_rates_members(&r, sb, &f);
		sb_addc(sb, '}');
	}
	sb_addc(sb, ']');
	jsonw_key(sb, &first, "groups");
	if (groups_rates(s, 0, today, a, sb, e))
		return -1;
	sb_addc(sb, '}');
	return 0;
}
