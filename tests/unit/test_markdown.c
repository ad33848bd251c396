/* test_markdown: src/web/markdown (cmark-gfm behind an allow-list
 * sanitiser) with hostile inputs — the rendered HTML must carry no script,
 * iframe, event handler, style or javascript:/data: URL — and the
 * sanitiser alone on HTML the renderer would never write; and the line
 * diff of src/base/textdiff. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "base/arena.h"
#include "base/strbuf.h"
#include "base/textdiff.h"
#include "web/markdown.h"

static char *render(struct strbuf *sb, const char *md)
{
	sb_reset(sb);
	markdown_html(sb, md, strlen(md));
	return sb->buf;
}

static char *sanitise(struct strbuf *sb, const char *html)
{
	sb_reset(sb);
	markdown_sanitise(sb, html, strlen(html));
	return sb->buf;
}

/* Nothing that runs: no tags but allowed ones, no handler, no bad scheme. */
static void assert_inert(const char *html)
{
	static const char *const bad[] = { "<script", "<iframe", "<object", "<embed", "<style", "<svg", "<form",
					   "onerror", "onclick", "onload", "style=", "javascript:", "vbscript:",
					   "data:", "&#106;", "<!--" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (strcasestr(html, bad[i]))
			fail_msg("found %s in: %s", bad[i], html);
}

static void renders_the_gfm_extensions(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	render(&sb, "# T\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n~~gone~~\n\n- [x] done\n- [ ] open\n\nsee https://example.org\n");
	assert_non_null(strstr(sb.buf, "<h1>T</h1>"));
	assert_non_null(strstr(sb.buf, "<th align=\"left\">a</th>"));
	assert_non_null(strstr(sb.buf, "<td align=\"right\">2</td>"));
	assert_non_null(strstr(sb.buf, "<del>gone</del>"));
	assert_non_null(strstr(sb.buf, "<input type=\"checkbox\" checked=\"\" disabled=\"\"> done"));
	assert_non_null(strstr(sb.buf, "<a href=\"https://example.org\">https://example.org</a>"));
	sb_release(&sb);
}

static void hostile_markdown_renders_inert(void **state)
{
	static const char *const inputs[] = {
		"<script>alert(1)</script>",
		"<img src=x onerror=alert(1)>",
		"[x](javascript:alert(1))",
		"[x](JaVaScRiPt:alert(1))",
		"[x](&#106;avascript:alert(1))",
		"[x](&#x6A;avascript:alert(1))",
		"[x](java&#09;script:alert(1))",
		"[x]( javascript:alert(1))",
		"<iframe src=\"https://evil.example\"></iframe>",
		"[x](data:text/html;base64,PHNjcmlwdD4=)",
		"![x](data:image/svg+xml;base64,PHN2Zz4=)",
		"![x](javascript:alert(1))",
		"<a href=\"javascript:alert(1)\" onclick=\"x()\">a</a>",
		"<div style=\"background:url(javascript:alert(1))\">x</div>",
		"<svg onload=alert(1)>",
		"`<script>` and ```\n<script>alert(1)</script>\n```",
		"[x](vbscript:msgbox(1))",
		"<!-- <script>alert(1)</script> -->",
		"<<script>script>alert(1)<</script>/script>",
		"[x]: javascript:alert(1)\n\n[y][x]",
	};
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++)
		assert_inert(render(&sb, inputs[i]));
	/* escaped, not dropped: the text of a code span stays readable */
	render(&sb, "`<script>`");
	assert_non_null(strstr(sb.buf, "<code>&lt;script&gt;</code>"));
	sb_release(&sb);
}

static void the_sanitiser_alone_drops_what_the_renderer_never_writes(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	assert_string_equal(sanitise(&sb, "<p onclick=\"x()\">a</p>"), "<p>a</p>");
	assert_string_equal(sanitise(&sb, "<script>alert(1)</script>"), "alert(1)");
	assert_string_equal(sanitise(&sb, "<a href=\"javascript:alert(1)\">a</a>"), "<a>a</a>");
	assert_string_equal(sanitise(&sb, "<a href=\"&#106;avascript:x\">a</a>"), "<a>a</a>");
	assert_string_equal(sanitise(&sb, "<a href=\"java&#x09;script:x\">a</a>"), "<a>a</a>");
	assert_string_equal(sanitise(&sb, "<a href=\"&unknown;javascript:x\">a</a>"), "<a>a</a>");
	assert_string_equal(sanitise(&sb, "<a href=\"/documents/2\" title=\"t\">a</a>"),
			    "<a href=\"/documents/2\" title=\"t\">a</a>");
	assert_string_equal(sanitise(&sb, "<a href=\"mailto:x@example.org\">m</a>"), "<a href=\"mailto:x@example.org\">m</a>");
	assert_string_equal(sanitise(&sb, "<img src=\"data:image/png;base64,AA\" alt=\"p\">"), "<img alt=\"p\">");
	assert_string_equal(sanitise(&sb, "<img src=x onerror=alert(1)>"), "&lt;img src=x onerror=alert(1)&gt;");
	assert_string_equal(sanitise(&sb, "<td align=\"center;x\">1</td>"), "<td>1</td>");
	assert_string_equal(sanitise(&sb, "<code class=\"language-c\">x</code>"), "<code class=\"language-c\">x</code>");
	assert_string_equal(sanitise(&sb, "<code class=\"x onmouseover\">x</code>"), "<code>x</code>");
	assert_string_equal(sanitise(&sb, "<input type=\"text\" value=\"v\">"), "<input disabled>");
	assert_string_equal(sanitise(&sb, "a<!-- hidden -->b"), "ab");
	assert_string_equal(sanitise(&sb, "a<!-- never closed <script>"), "a");
	assert_string_equal(sanitise(&sb, "1 < 2 > 0"), "1 &lt; 2 &gt; 0");
	/* a tag cut short is text; <b> is not a tag Markdown writes */
	assert_string_equal(sanitise(&sb, "<a href=\"x\"<b>x</b>"), "&lt;a href=\"x\"x");
	assert_inert(sanitise(&sb, "<svg><script>x</script></svg><style>p{}</style><iframe></iframe>"));
	sb_release(&sb);
}

static void diff_text(const char *a, const char *b, char *out, size_t n, int *changes)
{
	struct arena ar = ARENA_INIT;
	struct diff_line *d;
	int nd;
	size_t o = 0;
	*changes = text_diff(a, b, &ar, &d, &nd);
	out[0] = '\0';
	for (int i = 0; i < nd && o < n; i++)
		o += (size_t)snprintf(out + o, n - o, "%c%s|%d,%d;", (char)d[i].kind, d[i].text, d[i].old_no, d[i].new_no);
	arena_release(&ar);
}

static void diff_marks_kept_removed_and_added_lines(void **state)
{
	char out[512];
	int changes;
	(void)state;
	diff_text("a\nb\nc", "a\nB\nc\nd", out, sizeof(out), &changes);
	assert_string_equal(out, " a|1,1;-b|2,0;+B|0,2; c|3,3;+d|0,4;");
	assert_int_equal(changes, 3);
	diff_text("same\n", "same\n", out, sizeof(out), &changes);
	assert_string_equal(out, " same|1,1;");
	assert_int_equal(changes, 0);
	diff_text(NULL, "x\r\ny", out, sizeof(out), &changes);
	assert_string_equal(out, "+x|0,1;+y|0,2;");
	diff_text("x\ny", "", out, sizeof(out), &changes);
	assert_string_equal(out, "-x|1,0;-y|2,0;");
	/* the longest common subsequence, not the first match */
	diff_text("a\nb\nc\nd\ne", "b\nc\nx\nd\ne", out, sizeof(out), &changes);
	assert_string_equal(out, "-a|1,0; b|2,1; c|3,2;+x|0,3; d|4,4; e|5,5;");
	assert_int_equal(changes, 2);
}

static void diff_of_long_texts_stays_correct_past_the_table_limit(void **state)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	struct arena ar = ARENA_INIT;
	struct diff_line *d;
	int nd, changes, dels = 0, adds = 0, same = 0;
	(void)state;
	for (int i = 0; i < 3000; i++) {
		sb_addf(&a, "old %d\n", i);
		sb_addf(&b, "new %d\n", i);
	}
	sb_adds(&a, "tail\n");
	sb_adds(&b, "tail\n");
	changes = text_diff(a.buf, b.buf, &ar, &d, &nd);
	for (int i = 0; i < nd; i++) {
		dels += d[i].kind == DIFF_DEL;
		adds += d[i].kind == DIFF_ADD;
		same += d[i].kind == DIFF_SAME;
	}
	assert_int_equal(dels, 3000);
	assert_int_equal(adds, 3000);
	assert_int_equal(same, 1);
	assert_int_equal(changes, 6000);
	assert_string_equal(d[nd - 1].text, "tail");
	arena_release(&ar);
	sb_release(&a);
	sb_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(renders_the_gfm_extensions),
		cmocka_unit_test(hostile_markdown_renders_inert),
		cmocka_unit_test(the_sanitiser_alone_drops_what_the_renderer_never_writes),
		cmocka_unit_test(diff_marks_kept_removed_and_added_lines),
		cmocka_unit_test(diff_of_long_texts_stays_correct_past_the_table_limit),
	};
	return cmocka_run_group_tests_name("markdown and diff", tests, NULL, NULL);
}
