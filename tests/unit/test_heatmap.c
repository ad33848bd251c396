/* test_heatmap: unit tests for the pure writers of the heat map and the
 * CSV export — base/csv.c (RFC 4180 quoting, the formula guard), the heat
 * map's CSV and JSON (isms/heatmap.c) and its SVG picture
 * (web/heatmap_view.c): one cell per step pair, the level's colour, the
 * count, escaped labels, links only when asked for. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "base/csv.h"
#include "isms/heatmap.h"
#include "web/heatmap_view.h"

static const char *cells(const char *const *values, const enum csv_cell_kind *kinds, int n, struct strbuf *sb)
{
	int first = 1;
	sb_reset(sb);
	for (int k = 0; k < n; k++)
		csv_cell(sb, &first, values[k], kinds[k]);
	csv_row_end(sb, &first);
	return sb->buf;
}

static void test_csv_quoting(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	const char *v[] = { "plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", NULL, "", "Zürich" };
	enum csv_cell_kind k[] = { CSV_TEXT, CSV_TEXT, CSV_TEXT, CSV_TEXT, CSV_TEXT, CSV_TEXT, CSV_TEXT, CSV_TEXT };
	(void)state;
	assert_string_equal(cells(v, k, 8, &sb),
			    "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",,,Zürich\r\n");
	sb_release(&sb);
}

static void test_csv_formula_guard(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	const char *v[] = { "=1+1", "+1", "-1", "@x", "\tx", "\rx", "a=b", "-5", "=\"q\",x" };
	enum csv_cell_kind k[] = { CSV_TEXT, CSV_TEXT, CSV_TEXT, CSV_TEXT, CSV_TEXT, CSV_TEXT, CSV_TEXT, CSV_NUMBER, CSV_TEXT };
	(void)state;
	assert_string_equal(cells(v, k, 9, &sb),
			    "'=1+1,'+1,'-1,'@x,'\tx,\"'\rx\",a=b,-5,\"'=\"\"q\"\",x\"\r\n");
	sb_release(&sb);
}

/* A 3 × 4 method by hand: likelihood 1, 2, 4; impact 1, 3, 5, 9. */
static void method(struct risk_method *m)
{
	static const char *const ll[] = { "Rare", "Some", "Often <b>" }, *const il[] = { "A", "B", "C", "A very long impact label" };
	static const int64_t lv[] = { 1, 2, 4 }, iv[] = { 1, 3, 5, 9 };
	memset(m, 0, sizeof(*m));
	m->id = 7;
	m->likelihood.n = 3;
	m->impact.n = 4;
	for (int k = 0; k < 3; k++)
		m->likelihood.steps[k] = (struct rm_step){ lv[k], ll[k], NULL };
	for (int k = 0; k < 4; k++)
		m->impact.steps[k] = (struct rm_step){ iv[k], il[k], NULL };
	m->nlevels = 2;
	m->levels[0] = (struct rm_level){ "low", "Low", "green", 12 };
	m->levels[1] = (struct rm_level){ "top", "Top & more", "red", 1 };
	for (int l = 0; l < 3; l++)
		for (int i = 0; i < 4; i++)
			m->matrix[l][i] = l + i >= 4;
}

static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

static void test_heatmap_csv_json(void **state)
{
	struct risk_method m;
	struct heatmap h = { 0 };
	struct strbuf sb = STRBUF_INIT;
	json_t *j;
	(void)state;
	method(&m);
	h.m = &m;
	h.residual = 1;
	h.count[2][3] = 5;
	h.total = 7;
	h.off_scale = 1;
	h.unscored = 1;
	heatmap_csv(&h, &sb);
	assert_int_equal(count(sb.buf, "\r\n"), 1 + 12);
	assert_non_null(strstr(sb.buf, "likelihood,likelihood_label,impact,impact_label,level,level_label,count\r\n"
				       "1,Rare,1,A,low,Low,0\r\n"));
	assert_non_null(strstr(sb.buf, "4,Often <b>,9,A very long impact label,top,Top & more,5\r\n"));
	sb_reset(&sb);
	heatmap_json(&h, &sb);
	j = json_loads(sb.buf, 0, NULL);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "kind")), "residual");
	assert_int_equal(json_integer_value(json_object_get(j, "method_version")), 7);
	assert_int_equal(json_array_size(json_object_get(j, "cells")), 12);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(j, "cells"), 11), "count")), 5);
	assert_int_equal(json_integer_value(json_object_get(j, "off_scale")), 1);
	json_decref(j);
	sb_release(&sb);
}

static void href(struct strbuf *sb, const void *ctx, const char *const *fields, const char *const *values, int n)
{
	sb_adds(sb, (const char *)ctx);
	for (int k = 0; k < n; k++)
		sb_addf(sb, "%s%s=%s", k ? "&amp;" : "?", fields[k], values[k]);
}

static void test_heatmap_svg(void **state)
{
	struct risk_method m;
	struct heatmap h = { 0 };
	struct strbuf sb = STRBUF_INIT;
	struct list_link link = { href, "/risks" };
	(void)state;
	method(&m);
	h.m = &m;
	h.count[0][0] = 2;
	h.count[2][3] = 1;
	h.total = 3;

	heatmap_svg(&h, &sb, "t", NULL, 1, -1, -1);
	assert_true(strncmp(sb.buf, "<svg xmlns=\"http://www.w3.org/2000/svg\"", 39) == 0);
	assert_int_equal(count(sb.buf, "<rect x="), 12);
	assert_int_equal(count(sb.buf, "fill=\"#b3261e\""), 3); /* top: l + i >= 4 */
	assert_int_equal(count(sb.buf, "<a "), 0);
	assert_null(strstr(sb.buf, "style="));
	assert_null(strstr(sb.buf, "<b>"));
	assert_non_null(strstr(sb.buf, "Often &lt;b&gt;"));
	assert_non_null(strstr(sb.buf, "A very long impa…</text>"));
	assert_non_null(strstr(sb.buf, ">Likelihood Often &lt;b&gt; (4) × impact A very long impact label (9): 1 risk, level "
				       "Top &amp; more</title>"));
	assert_non_null(strstr(sb.buf, "<title id=\"t-title\">Inherent risk heat map</title>"));
	assert_non_null(strstr(sb.buf, ">2</text>"));
	assert_string_equal(sb.buf + sb.len - 6, "</svg>");

	sb_reset(&sb);
	h.residual = 1;
	heatmap_svg(&h, &sb, "u", &link, 0, 2, 3);
	assert_null(strstr(sb.buf, "xmlns"));
	assert_int_equal(count(sb.buf, "<a class=\"hm-cell\""), 12);
	assert_non_null(strstr(sb.buf, "href=\"/risks?residual_likelihood=4&amp;residual_impact=9\""));
	assert_non_null(strstr(sb.buf, "aria-label=\"Likelihood Rare, impact A: 2 risks, level Low\""));
	assert_int_equal(count(sb.buf, "stroke-width=\"3\""), 1);
	sb_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_quoting),
		cmocka_unit_test(test_csv_formula_guard),
		cmocka_unit_test(test_heatmap_csv_json),
		cmocka_unit_test(test_heatmap_svg),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
