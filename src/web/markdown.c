/* markdown: Markdown to HTML that is safe to put in a page (documents'
 * bodies). It owns the renderer's set-up and the sanitiser behind it.
 *
 * Why the output is safe for html_printf's %R:
 * 1. cmark-gfm renders with CMARK_OPT_UNSAFE off: raw HTML blocks and
 *    inline tags become "<!-- raw HTML omitted -->", and link and image
 *    destinations with a javascript:, vbscript:, file: or (non-image) data:
 *    scheme are emptied. Every text and attribute value it writes is
 *    escaped (&, <, >, ").
 * 2. Whatever the renderer wrote then passes markdown_sanitise, which does
 *    not trust step 1: it reads the HTML tag by tag and writes back only
 *    the tags of an allow-list (what Markdown with the table, strikethrough,
 *    autolink and tasklist extensions produces), each with only its allowed
 *    attributes, values re-checked: href and src must have no scheme or
 *    http, https or mailto once character references are decoded and
 *    control characters and spaces removed; align, class, start and type
 *    have fixed shapes. Comments and every other tag are dropped; a '<' that
 *    does not start a well-formed tag is written as &lt;. No event handler
 *    attribute, style, script, iframe, object or form can come through,
 *    whatever the renderer does. tests/unit/test_markdown.c feeds hostile
 *    inputs through both steps. */
#include "web/markdown.h"

#include <ctype.h>
#include <pthread.h>
#include <string.h>
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

static pthread_once_t registered = PTHREAD_ONCE_INIT;

static void register_extensions(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

static const char *const extensions[] = { "table", "strikethrough", "autolink", "tasklist" };

void markdown_html(struct strbuf *sb, const char *md, size_t len)
{
	int options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8; /* CMARK_OPT_UNSAFE stays off */
	cmark_parser *p;
	cmark_node *doc;
	char *html;

	pthread_once(&registered, register_extensions);
	p = cmark_parser_new(options);
	for (size_t i = 0; i < sizeof(extensions) / sizeof(extensions[0]); i++) {
		cmark_syntax_extension *ext = cmark_find_syntax_extension(extensions[i]);
		if (ext)
			cmark_parser_attach_syntax_extension(p, ext);
	}
	cmark_parser_feed(p, md ? md : "", md ? len : 0);
	doc = cmark_parser_finish(p);
	html = cmark_render_html(doc, options, cmark_parser_get_syntax_extensions(p));
	markdown_sanitise(sb, html, strlen(html));
	cmark_get_default_mem_allocator()->free(html);
	cmark_node_free(doc);
	cmark_parser_free(p);
}

/* The tags that may stay, and for each the attributes it may keep. */
struct allowed_tag {
	const char *name;
	const char *attrs[4];
};

static const struct allowed_tag allowed[] = {
	{ "p", { NULL } },      { "br", { NULL } },     { "hr", { NULL } },    { "h1", { NULL } },
	{ "h2", { NULL } },     { "h3", { NULL } },     { "h4", { NULL } },    { "h5", { NULL } },
	{ "h6", { NULL } },     { "strong", { NULL } }, { "em", { NULL } },    { "del", { NULL } },
	{ "pre", { NULL } },    { "code", { "class" } }, { "blockquote", { NULL } },
	{ "ul", { NULL } },     { "ol", { "start" } },  { "li", { NULL } },
	{ "a", { "href", "title" } },
	{ "img", { "src", "alt", "title" } },
	{ "table", { NULL } },  { "thead", { NULL } },  { "tbody", { NULL } }, { "tr", { NULL } },
	{ "th", { "align" } },  { "td", { "align" } },
	{ "input", { "type", "checked", "disabled" } },
};

static const struct allowed_tag *find_tag(const char *name, size_t n)
{
	for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
		if (strlen(allowed[i].name) == n && memcmp(allowed[i].name, name, n) == 0)
			return &allowed[i];
	return NULL;
}

static int tag_allows(const struct allowed_tag *t, const char *attr, size_t n)
{
	for (int i = 0; i < 4 && t->attrs[i]; i++)
		if (strlen(t->attrs[i]) == n && memcmp(t->attrs[i], attr, n) == 0)
			return 1;
	return 0;
}

/* Decodes the character references of an attribute value that could hide
 * a scheme (&#NN; &#xHH; &amp; &colon; &tab; &newline;), dropping control
 * characters and spaces, lower-cased, into out (at most outlen - 1 bytes).
 * Returns -1 when an unknown named reference is met: the caller refuses. */
static int decode_for_scheme(const char *v, size_t n, char *out, size_t outlen)
{
	size_t o = 0;
	for (size_t i = 0; i < n && o + 1 < outlen; i++) {
		unsigned long c = (unsigned char)v[i];
		if (v[i] == '&') {
			size_t j = i + 1;
			if (j < n && v[j] == '#') {
				int hex = j + 1 < n && (v[j + 1] == 'x' || v[j + 1] == 'X');
				c = 0;
				j += hex ? 2 : 1;
				while (j < n && (hex ? isxdigit((unsigned char)v[j]) : isdigit((unsigned char)v[j]))) {
					int d = isdigit((unsigned char)v[j]) ? v[j] - '0' : (tolower((unsigned char)v[j]) - 'a' + 10);
					c = c < 0x110000 ? c * (hex ? 16 : 10) + (unsigned long)d : c;
					j++;
				}
				if (j < n && v[j] == ';')
					j++;
			} else {
				static const struct { const char *name; char c; } named[] = {
					{ "amp;", '&' }, { "colon;", ':' }, { "tab;", '\t' }, { "newline;", '\n' },
					{ "quot;", '"' }, { "lt;", '<' }, { "gt;", '>' },
				};
				size_t k;
				for (k = 0; k < sizeof(named) / sizeof(named[0]); k++) {
					size_t ln = strlen(named[k].name);
					if (n - j >= ln && strncasecmp(v + j, named[k].name, ln) == 0) {
						c = (unsigned char)named[k].c;
						j += ln;
						break;
					}
				}
				if (k == sizeof(named) / sizeof(named[0]))
					return -1;
			}
			i = j - 1;
		}
		if (c <= 0x20 || c == 0x7f)
			continue;
		out[o++] = c < 0x80 ? (char)tolower((int)c) : '?';
	}
	out[o] = '\0';
	return 0;
}

/* Whether an href or src value is a relative reference or uses an allowed scheme. */
int markdown_url_ok(const char *v, size_t n)
{
	char buf[64];
	size_t k;
	if (decode_for_scheme(v, n < 200 ? n : 200, buf, sizeof(buf)))
		return 0;
	k = strcspn(buf, ":/?#");
	if (buf[k] != ':')
		return 1; /* no scheme: relative to this site */
	return (k == 4 && strncmp(buf, "http", 4) == 0) || (k == 5 && strncmp(buf, "https", 5) == 0) ||
	       (k == 6 && strncmp(buf, "mailto", 6) == 0);
}

static int all_of(const char *v, size_t n, const char *set)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr(set, v[i]))
			return 0;
	return 1;
}

/* Whether attribute a of the tag may keep value v (v as written: escaped). */
static int value_ok(const char *a, size_t an, const char *v, size_t vn)
{
#define IS(s) (an == strlen(s) && memcmp(a, s, an) == 0)
#define EQ(s) (vn == strlen(s) && memcmp(v, s, vn) == 0)
	if (IS("href") || IS("src"))
		return markdown_url_ok(v, vn);
	if (IS("align"))
		return EQ("left") || EQ("center") || EQ("right");
	if (IS("class"))
		return vn > 9 && memcmp(v, "language-", 9) == 0 &&
		       all_of(v + 9, vn - 9, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+-.#");
	if (IS("start"))
		return vn > 0 && vn < 10 && all_of(v, vn, "0123456789");
	if (IS("type"))
		return EQ("checkbox");
	if (IS("checked") || IS("disabled"))
		return vn == 0;
	return IS("title") || IS("alt"); /* escaped text */
#undef IS
#undef EQ
}

static int is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

/* Reads one tag at s (s[0] == '<') into out when well formed; returns the
 * bytes it spans, or 0 when it is not a tag we can read. */
static size_t sanitise_tag(struct strbuf *out, const char *s, size_t len)
{
	size_t i = 1, name_at, name_len;
	int closing = 0;
	const struct allowed_tag *t;
	struct strbuf tag = STRBUF_INIT;

	if (i < len && s[i] == '/') {
		closing = 1;
		i++;
	}
	name_at = i;
	while (i < len && is_name_char(s[i]))
		i++;
	name_len = i - name_at;
	if (!name_len)
		return 0;
	t = find_tag(s + name_at, name_len);
	sb_addc(&tag, '<');
	if (closing)
		sb_addc(&tag, '/');
	sb_add(&tag, s + name_at, name_len);
	for (;;) {
		size_t an_at, an, v_at = 0, vn = 0;
		int has_value = 0;
		while (i < len && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t'))
			i++;
		if (i < len && s[i] == '>') {
			i++;
			break;
		}
		if (i + 1 < len && s[i] == '/' && s[i + 1] == '>') {
			i += 2;
			break;
		}
		an_at = i;
		while (i < len && is_name_char(s[i]))
			i++;
		an = i - an_at;
		if (!an || closing) {
			sb_release(&tag);
			return 0;
		}
		if (i < len && s[i] == '=') {
			if (i + 1 >= len || s[i + 1] != '"') {
				sb_release(&tag);
				return 0;
			}
			v_at = i + 2;
			i = v_at;
			while (i < len && s[i] != '"' && s[i] != '<' && s[i] != '>')
				i++;
			if (i >= len || s[i] != '"') {
				sb_release(&tag);
				return 0;
			}
			vn = i - v_at;
			i++;
			has_value = 1;
		}
		if (t && tag_allows(t, s + an_at, an) && value_ok(s + an_at, an, s + v_at, vn)) {
			sb_addc(&tag, ' ');
			sb_add(&tag, s + an_at, an);
			if (has_value) {
				sb_adds(&tag, "=\"");
				sb_add(&tag, s + v_at, vn);
				sb_addc(&tag, '"');
			}
		}
	}
	if (t) {
		if (!closing && strcmp(t->name, "input") == 0 && !strstr(tag.buf, " disabled"))
			sb_adds(&tag, " disabled");
		sb_addc(&tag, '>');
		sb_add(out, tag.buf, tag.len);
	}
	sb_release(&tag);
	return i;
}

void markdown_sanitise(struct strbuf *out, const char *html, size_t len)
{
	size_t i = 0;
	while (i < len) {
		size_t run = i, used;
		while (run < len && html[run] != '<' && html[run] != '>' && html[run] != '\0')
			run++;
		sb_add(out, html + i, run - i);
		i = run;
		if (i >= len)
			break;
		if (html[i] == '>') {
			sb_adds(out, "&gt;");
			i++;
			continue;
		}
		if (html[i] == '\0') {
			i++;
			continue;
		}
		if (len - i >= 4 && memcmp(html + i, "<!--", 4) == 0) {
			const char *end = NULL;
			for (size_t k = i + 4; k + 2 < len && !end; k++)
				if (html[k] == '-' && html[k + 1] == '-' && html[k + 2] == '>')
					end = html + k;
			i = end ? (size_t)(end - html) + 3 : len;
			continue;
		}
		used = sanitise_tag(out, html + i, len - i);
		if (used) {
			i += used;
		} else {
			sb_adds(out, "&lt;");
			i++;
		}
	}
}
