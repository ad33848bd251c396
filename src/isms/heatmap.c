#include "isms/heatmap.h"

#include <stdio.h>
#include <string.h>

#include "base/csv.h"
#include "base/jsonw.h"
#include "base/util.h"

static const char *const axis_fields[2][2] = {
	{ "likelihood", "impact" },
	{ "residual_likelihood", "residual_impact" },
};

const char *heatmap_kind(int residual)
{
	return residual ? "residual" : "inherent";
}

const char *heatmap_field(int residual, int impact_axis)
{
	return axis_fields[residual != 0][impact_axis != 0];
}

/* One group of record_count_by: a likelihood and impact pair and its count. */
static void place(void *ctx, const char *const *values, int64_t count)
{
	struct heatmap *h = ctx;
	int64_t l, i;
	int li, ii;
	h->total += count;
	if (!values[0] || !values[1] || parse_int64(values[0], &l) || parse_int64(values[1], &i)) {
		h->unscored += count;
		return;
	}
	li = rm_step_index(&h->m->likelihood, l);
	ii = rm_step_index(&h->m->impact, i);
	if (li < 0 || ii < 0)
		h->off_scale += count;
	else
		h->count[li][ii] += count;
}

int heatmap_count(struct store *s, const struct risk_method *m, int residual, const struct list_query *q,
		  struct heatmap *h, struct err *e)
{
	const struct entity *risk = entity_by_name("risk");
	struct list_query live = *q;
	int by[2];
	memset(h, 0, sizeof(*h));
	h->m = m;
	h->residual = residual != 0;
	live.include_archived = 0;
	by[0] = entity_field_index(risk, heatmap_field(residual, 0));
	by[1] = entity_field_index(risk, heatmap_field(residual, 1));
	return record_count_by(s, risk, &live, by, 2, place, h, e);
}

void heatmap_json(const struct heatmap *h, struct strbuf *sb)
{
	const struct risk_method *m = h->m;
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_str(sb, &first, "kind", heatmap_kind(h->residual));
	jsonw_kv_int(sb, &first, "method_version", m->id);
	rm_scale_json(sb, &first, "likelihood", &m->likelihood);
	rm_scale_json(sb, &first, "impact", &m->impact);
	rm_levels_json(sb, &first, m);
	jsonw_key(sb, &first, "cells");
	sb_addc(sb, '[');
	for (int l = 0; l < m->likelihood.n; l++)
		for (int i = 0; i < m->impact.n; i++) {
			int f = 1;
			sb_adds(sb, l || i ? ",{" : "{");
			jsonw_kv_int(sb, &f, "likelihood", m->likelihood.steps[l].value);
			jsonw_kv_int(sb, &f, "impact", m->impact.steps[i].value);
			jsonw_kv_str(sb, &f, "level", m->levels[m->matrix[l][i]].key);
			jsonw_kv_int(sb, &f, "count", h->count[l][i]);
			sb_addc(sb, '}');
		}
	sb_addc(sb, ']');
	jsonw_kv_int(sb, &first, "total", h->total);
	jsonw_kv_int(sb, &first, "off_scale", h->off_scale);
	jsonw_kv_int(sb, &first, "unscored", h->unscored);
	sb_addc(sb, '}');
}

void heatmap_csv(const struct heatmap *h, struct strbuf *sb)
{
	static const char *const header[] = {
		"likelihood", "likelihood_label", "impact", "impact_label", "level", "level_label", "count",
	};
	const struct risk_method *m = h->m;
	int first = 1;
	char num[3][24];
	for (size_t k = 0; k < sizeof(header) / sizeof(header[0]); k++)
		csv_cell(sb, &first, header[k], CSV_TEXT);
	csv_row_end(sb, &first);
	for (int l = 0; l < m->likelihood.n; l++)
		for (int i = 0; i < m->impact.n; i++) {
			const struct rm_level *lv = &m->levels[m->matrix[l][i]];
			snprintf(num[0], sizeof(num[0]), "%lld", (long long)m->likelihood.steps[l].value);
			snprintf(num[1], sizeof(num[1]), "%lld", (long long)m->impact.steps[i].value);
			snprintf(num[2], sizeof(num[2]), "%lld", (long long)h->count[l][i]);
			csv_cell(sb, &first, num[0], CSV_NUMBER);
			csv_cell(sb, &first, m->likelihood.steps[l].label, CSV_TEXT);
			csv_cell(sb, &first, num[1], CSV_NUMBER);
			csv_cell(sb, &first, m->impact.steps[i].label, CSV_TEXT);
			csv_cell(sb, &first, lv->key, CSV_TEXT);
			csv_cell(sb, &first, lv->label, CSV_TEXT);
			csv_cell(sb, &first, num[2], CSV_NUMBER);
			csv_row_end(sb, &first);
		}
}
