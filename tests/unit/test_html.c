/* test_html: unit tests for src/web/html — the escaping builder every byte
 * of HTML goes through. %s must escape for text and attributes alike, %U
 * must percent-encode, %R is the only raw door. Also the QR code SVG of
 * src/web/qr.c, which is built through it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "base/strbuf.h"
#include "web/html.h"
#include "web/page.h"

static void html_escape_escapes_the_five_special_characters(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	html_escape(&sb, "<a href=\"x\">'&'</a>");
	assert_string_equal(sb.buf, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
	sb_release(&sb);
}

static void html_escape_leaves_plain_text_and_utf8_alone(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	html_escape(&sb, "Grüße, 100% / ok = yes; `tick` €");
	assert_string_equal(sb.buf, "Grüße, 100% / ok = yes; `tick` €");
	sb_release(&sb);
}

static void html_escape_null_prints_nothing(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	sb_adds(&sb, "x");
	html_escape(&sb, NULL);
	html_escape(&sb, "");
	assert_string_equal(sb.buf, "x");
	sb_release(&sb);
}

static void html_escape_handles_specials_at_both_ends(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	html_escape(&sb, "&&x>>");
	assert_string_equal(sb.buf, "&amp;&amp;x&gt;&gt;");
	sb_reset(&sb);
	html_escape(&sb, "\"");
	assert_string_equal(sb.buf, "&quot;");
	sb_release(&sb);
}

static void html_printf_s_escapes_its_argument(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	html_printf(&sb, "<p title=\"%s\">%s</p>", "\" onmouseover=\"x", "<script>alert('x')</script>");
	assert_string_equal(sb.buf, "<p title=\"&quot; onmouseover=&quot;x\">"
				    "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>");
	sb_release(&sb);
}

static void html_printf_s_null_prints_nothing(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	const char *none = NULL;
	(void)state;
	html_printf(&sb, "[%s]", none);
	assert_string_equal(sb.buf, "[]");
	sb_release(&sb);
}

static void html_printf_U_percent_encodes_query_values(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	html_printf(&sb, "<a href=\"/assets?q=%U\">", "a b&c=d/é\"<'#?+%");
	assert_string_equal(sb.buf, "<a href=\"/assets?q=a%20b%26c%3Dd%2F%C3%A9%22%3C%27%23%3F%2B%25\">");
	sb_release(&sb);
}

static void html_printf_U_keeps_unreserved_characters(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	html_printf(&sb, "%U", "AZaz09-_.~");
	assert_string_equal(sb.buf, "AZaz09-_.~");
	sb_reset(&sb);
	html_printf(&sb, "[%U]", (const char *)NULL);
	assert_string_equal(sb.buf, "[]");
	sb_release(&sb);
}

static void html_urlencode_encodes_control_and_high_bytes(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	html_urlencode(&sb, "\x01\n\x7f\xff");
	assert_string_equal(sb.buf, "%01%0A%7F%FF");
	sb_release(&sb);
}

static void html_printf_R_inserts_raw_html(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	html_printf(&sb, "<div>%R</div>%R", "<b>&amp;</b>", (const char *)NULL);
	assert_string_equal(sb.buf, "<div><b>&amp;</b></div>");
	sb_release(&sb);
}

static void html_printf_formats_integers(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	html_printf(&sb, "%d %i %u|%ld %lu|%lld %llu|%zu", -5, 42, 4000000000u, -1234567890123L,
		    18446744073709551615UL, (long long)INT64_MIN, 18446744073709551615ULL, (size_t)77);
	assert_string_equal(sb.buf, "-5 42 4000000000|-1234567890123 18446744073709551615|"
				    "-9223372036854775808 18446744073709551615|77");
	sb_release(&sb);
}

static void html_printf_double_percent_is_a_percent_sign(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	html_printf(&sb, "100%% of %d%%", 3);
	assert_string_equal(sb.buf, "100% of 3%");
	sb_release(&sb);
}

static void html_printf_copies_text_without_conversions(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	html_printf(&sb, "<!doctype html>");
	html_printf(&sb, "%s", "");
	html_printf(&sb, "");
	assert_string_equal(sb.buf, "<!doctype html>");
	sb_release(&sb);
}

static void html_printf_mixes_conversions_in_order(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	html_printf(&sb, "<a href=\"/%s/%lld?sort=%U\">%s</a>%R", "assets", 12LL, "-name", "A & B", "<br>");
	assert_string_equal(sb.buf, "<a href=\"/assets/12?sort=-name\">A &amp; B</a><br>");
	sb_release(&sb);
}

static void html_printf_appends_to_existing_content(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	sb_adds(&sb, "<ul>");
	for (int i = 1; i <= 3; i++)
		html_printf(&sb, "<li>%d</li>", i);
	sb_adds(&sb, "</ul>");
	assert_string_equal(sb.buf, "<ul><li>1</li><li>2</li><li>3</li></ul>");
	sb_release(&sb);
}

static void html_printf_respects_the_strbuf_cap(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	sb.max = 10;
	html_printf(&sb, "<p>%s</p>", "0123456789");
	assert_int_equal(sb.overflow, 1);
	assert_true(sb.len <= 10);
	sb_release(&sb);
}

/* Counts the dark modules a qr_svg path draws ("Mx yhNv1h-Nz" per run). */
static int dark_modules(const char *svg)
{
	const char *p = strstr(svg, "<path d=\"");
	int x, y, n, back, total = 0, used;
	assert_non_null(p);
	p += 9;
	while (sscanf(p, "M%d %dh%dv1h-%dz%n", &x, &y, &n, &back, &used) == 4) {
		assert_int_equal(n, back);
		assert_true(x >= 4 && y >= 4);
		total += n;
		p += used;
	}
	assert_int_equal(*p, '"');
	return total;
}

static void qr_svg_draws_a_square_with_a_quiet_zone_and_no_style(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	qr_svg(&sb, "hello", 200, "a <label>");
	/* version 1 is 21 modules, plus a quiet zone of four on each side */
	assert_non_null(strstr(sb.buf, "viewBox=\"0 0 29 29\" width=\"200\" height=\"200\""));
	assert_non_null(strstr(sb.buf, "aria-label=\"a &lt;label&gt;\""));
	/* the top row starts with the seven modules of a finder pattern */
	assert_non_null(strstr(sb.buf, "<path d=\"M4 4h7v1h-7z"));
	/* three finder patterns alone have 3 x 33 dark modules */
	assert_true(dark_modules(sb.buf) > 99);
	assert_null(strstr(sb.buf, "style"));
	assert_null(strstr(sb.buf, "script"));
	sb_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(html_escape_escapes_the_five_special_characters),
		cmocka_unit_test(html_escape_leaves_plain_text_and_utf8_alone),
		cmocka_unit_test(html_escape_null_prints_nothing),
		cmocka_unit_test(html_escape_handles_specials_at_both_ends),
		cmocka_unit_test(html_printf_s_escapes_its_argument),
		cmocka_unit_test(html_printf_s_null_prints_nothing),
		cmocka_unit_test(html_printf_U_percent_encodes_query_values),
		cmocka_unit_test(html_printf_U_keeps_unreserved_characters),
		cmocka_unit_test(html_urlencode_encodes_control_and_high_bytes),
		cmocka_unit_test(html_printf_R_inserts_raw_html),
		cmocka_unit_test(html_printf_formats_integers),
		cmocka_unit_test(html_printf_double_percent_is_a_percent_sign),
		cmocka_unit_test(html_printf_copies_text_without_conversions),
		cmocka_unit_test(html_printf_mixes_conversions_in_order),
		cmocka_unit_test(html_printf_appends_to_existing_content),
		cmocka_unit_test(html_printf_respects_the_strbuf_cap),
		cmocka_unit_test(qr_svg_draws_a_square_with_a_quiet_zone_and_no_style),
	};
	return cmocka_run_group_tests_name("html", tests, NULL, NULL);
}
