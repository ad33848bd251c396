/* test_base: unit tests for src/base (strbuf, arena, jsonw, timeutil, util,
 * err) and for the secrets of src/auth/secret.h, which need no database.
 * Each test names the one behaviour it checks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "auth/secret.h"
#include "base/arena.h"
#include "base/err.h"
#include "base/jsonw.h"
#include "base/strbuf.h"
#include "base/timeutil.h"
#include "base/util.h"

/* ---- strbuf ---------------------------------------------------------- */

static void strbuf_init_is_empty_and_never_null(void **state)
{
	struct strbuf a = STRBUF_INIT, b;
	(void)state;
	assert_non_null(a.buf);
	assert_string_equal(a.buf, "");
	assert_int_equal(a.len, 0);
	sb_init(&b, 0);
	assert_non_null(b.buf);
	assert_string_equal(b.buf, "");
	sb_init(&b, 100);
	assert_true(b.cap >= 101);
	assert_string_equal(b.buf, "");
	sb_release(&b);
	sb_release(&a);
}

static void strbuf_appends_and_keeps_nul_terminator(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	sb_adds(&sb, "abc");
	sb_addc(&sb, '-');
	sb_add(&sb, "xyz123", 3);
	sb_addf(&sb, "[%d|%s]", 42, "q");
	assert_string_equal(sb.buf, "abc-xyz[42|q]");
	assert_int_equal(sb.len, strlen("abc-xyz[42|q]"));
	assert_int_equal(sb.overflow, 0);
	sb_release(&sb);
}

static void strbuf_grows_far_past_first_allocation(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	for (int i = 0; i < 10000; i++)
		sb_addc(&sb, (char)('a' + i % 26));
	assert_int_equal(sb.len, 10000);
	assert_int_equal(strlen(sb.buf), 10000);
	assert_int_equal(sb.buf[9999], 'a' + 9999 % 26);
	sb_release(&sb);
}

static void strbuf_max_sets_overflow_and_drops_the_append(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	sb.max = 5;
	sb_adds(&sb, "abc");
	assert_int_equal(sb.overflow, 0);
	sb_adds(&sb, "def"); /* would make 6 */
	assert_int_equal(sb.overflow, 1);
	assert_string_equal(sb.buf, "abc");
	assert_int_equal(sb.len, 3);
	sb_release(&sb);
}

static void strbuf_max_allows_an_exact_fit(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	sb.max = 5;
	sb_adds(&sb, "abc");
	sb_adds(&sb, "de");
	assert_int_equal(sb.overflow, 0);
	assert_string_equal(sb.buf, "abcde");
	sb_addc(&sb, 'f');
	assert_int_equal(sb.overflow, 1);
	assert_string_equal(sb.buf, "abcde");
	sb_release(&sb);
}

static void strbuf_max_applies_to_addc_and_addf(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	sb.max = 4;
	sb_addf(&sb, "%d", 12345);
	assert_int_equal(sb.overflow, 1);
	assert_int_equal(sb.len, 0);
	sb.overflow = 0;
	sb_addf(&sb, "%d", 1234);
	assert_int_equal(sb.overflow, 0);
	sb_addc(&sb, 'x');
	assert_int_equal(sb.overflow, 1);
	assert_string_equal(sb.buf, "1234");
	sb_release(&sb);
}

static void strbuf_reset_empties_and_clears_overflow(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	sb.max = 3;
	sb_adds(&sb, "abcd");
	sb_adds(&sb, "ab");
	assert_int_equal(sb.overflow, 1);
	sb_reset(&sb);
	assert_int_equal(sb.overflow, 0);
	assert_int_equal(sb.len, 0);
	assert_string_equal(sb.buf, "");
	sb_adds(&sb, "xyz");
	assert_string_equal(sb.buf, "xyz");
	sb_release(&sb);
}

static void strbuf_detach_hands_over_buffer_and_resets(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len = 99;
	char *p;
	(void)state;
	sb_adds(&sb, "hello");
	p = sb_detach(&sb, &len);
	assert_string_equal(p, "hello");
	assert_int_equal(len, 5);
	assert_int_equal(sb.len, 0);
	assert_string_equal(sb.buf, "");
	assert_ptr_not_equal(sb.buf, p);
	free(p);
	/* detaching an empty builder still gives a freeable "" */
	p = sb_detach(&sb, NULL);
	assert_non_null(p);
	assert_string_equal(p, "");
	free(p);
}

static void strbuf_truncate_only_shortens(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	sb_adds(&sb, "abcdef");
	sb_truncate(&sb, 10);
	assert_string_equal(sb.buf, "abcdef");
	sb_truncate(&sb, 2);
	assert_string_equal(sb.buf, "ab");
	assert_int_equal(sb.len, 2);
	sb_release(&sb);
}

/* ---- arena ----------------------------------------------------------- */

static void arena_alloc_is_zeroed_and_aligned(void **state)
{
	struct arena a = ARENA_INIT;
	(void)state;
	for (size_t n = 1; n < 100; n += 7) {
		unsigned char *p = arena_alloc(&a, n);
		assert_int_equal((uintptr_t)p % 16, 0);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(p[i], 0);
		memset(p, 0xAB, n);
	}
	arena_release(&a);
	assert_null(a.head);
}

static void arena_serves_allocations_bigger_than_a_block(void **state)
{
	struct arena a = ARENA_INIT;
	unsigned char *small, *big;
	(void)state;
	small = arena_alloc(&a, 10);
	big = arena_alloc(&a, 100000);
	memset(big, 1, 100000);
	assert_int_equal(big[99999], 1);
	assert_int_equal(small[0], 0);
	for (int i = 0; i < 2000; i++)
		arena_alloc(&a, 100); /* several blocks */
	arena_release(&a);
	assert_null(a.head);
}

static void arena_strdup_copies_and_keeps_null(void **state)
{
	struct arena a = ARENA_INIT;
	const char *src = "text";
	char *p;
	(void)state;
	assert_null(arena_strdup(&a, NULL));
	p = arena_strdup(&a, src);
	assert_string_equal(p, "text");
	assert_ptr_not_equal(p, src);
	assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
	assert_string_equal(arena_strndup(&a, "abc", 0), "");
	arena_release(&a);
}

static void arena_printf_formats_any_length(void **state)
{
	struct arena a = ARENA_INIT;
	char *p;
	(void)state;
	assert_string_equal(arena_printf(&a, "%s-%d", "id", 7), "id-7");
	assert_string_equal(arena_printf(&a, "%s", ""), "");
	p = arena_printf(&a, "%05d|%3000s|", 42, "x");
	assert_int_equal(strlen(p), 5 + 1 + 3000 + 1);
	assert_memory_equal(p, "00042|", 6);
	assert_string_equal(p + 6 + 2999, "x|");
	arena_release(&a);
}

/* ---- jsonw ----------------------------------------------------------- */

static void jsonw_str_null_writes_null(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	jsonw_str(&sb, NULL);
	assert_string_equal(sb.buf, "null");
	sb_release(&sb);
}

static void jsonw_str_escapes_quotes_and_backslashes(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	jsonw_str(&sb, "a\"b\\c/d");
	assert_string_equal(sb.buf, "\"a\\\"b\\\\c/d\"");
	sb_release(&sb);
}

static void jsonw_str_escapes_control_characters(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	jsonw_str(&sb, "\x01\n\r\t\x1f\b\x0c x");
	assert_string_equal(sb.buf, "\"\\u0001\\n\\r\\t\\u001f\\u0008\\u000c x\"");
	sb_release(&sb);
}

static void jsonw_str_keeps_utf8_and_plain_text(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	jsonw_str(&sb, "");
	jsonw_str(&sb, "Grüße €");
	assert_string_equal(sb.buf, "\"\"\"Grüße €\"");
	sb_release(&sb);
}

static void jsonw_str_output_parses_back_for_every_ascii_byte(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char all[128];
	json_t *v;
	json_error_t je;
	(void)state;
	for (int i = 1; i < 128; i++)
		all[i - 1] = (char)i;
	all[127] = '\0';
	jsonw_str(&sb, all);
	v = json_loads(sb.buf, JSON_DECODE_ANY, &je);
	assert_non_null(v);
	assert_true(json_is_string(v));
	assert_string_equal(json_string_value(v), all);
	json_decref(v);
	sb_release(&sb);
}

static void jsonw_key_writes_commas_between_members(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	int first = 1;
	(void)state;
	sb_addc(&sb, '{');
	jsonw_kv_str(&sb, &first, "a", "x");
	assert_int_equal(first, 0);
	jsonw_kv_int(&sb, &first, "b", -9007199254740993LL);
	jsonw_kv_bool(&sb, &first, "c", 1);
	jsonw_kv_bool(&sb, &first, "d", 0);
	jsonw_kv_str(&sb, &first, "e", NULL);
	sb_addc(&sb, '}');
	assert_string_equal(sb.buf, "{\"a\":\"x\",\"b\":-9007199254740993,\"c\":true,\"d\":false,\"e\":null}");
	sb_release(&sb);
}

/* ---- timeutil -------------------------------------------------------- */

static void time_check_date_accepts_real_dates(void **state)
{
	(void)state;
	assert_int_equal(time_check_date("2023-01-01"), 0);
	assert_int_equal(time_check_date("2023-12-31"), 0);
	assert_int_equal(time_check_date("2024-02-29"), 0); /* leap year */
	assert_int_equal(time_check_date("2000-02-29"), 0); /* divisible by 400 */
	assert_int_equal(time_check_date("2023-04-30"), 0);
	assert_int_equal(time_check_date("0001-01-01"), 0);
}

static void time_check_date_rejects_impossible_dates(void **state)
{
	(void)state;
	assert_int_equal(time_check_date("2023-02-29"), -1); /* not a leap year */
	assert_int_equal(time_check_date("1900-02-29"), -1); /* century, not leap */
	assert_int_equal(time_check_date("2024-02-30"), -1);
	assert_int_equal(time_check_date("2023-04-31"), -1);
	assert_int_equal(time_check_date("2023-13-01"), -1);
	assert_int_equal(time_check_date("2023-00-10"), -1);
	assert_int_equal(time_check_date("2023-01-00"), -1);
	assert_int_equal(time_check_date("2023-01-32"), -1);
	assert_int_equal(time_check_date("0000-01-01"), -1);
}

static void time_check_date_rejects_wrong_shapes(void **state)
{
	(void)state;
	assert_int_equal(time_check_date(""), -1);
	assert_int_equal(time_check_date("2023-1-01"), -1);
	assert_int_equal(time_check_date("2023-01-1"), -1);
	assert_int_equal(time_check_date("2023-01-011"), -1);
	assert_int_equal(time_check_date("2023/01/01"), -1);
	assert_int_equal(time_check_date("20230101"), -1);
	assert_int_equal(time_check_date("abcd-ef-gh"), -1);
	assert_int_equal(time_check_date("2023-01-01T00:00:00Z"), -1);
	assert_int_equal(time_check_date(" 2023-01-1"), -1);
	assert_int_equal(time_check_date("2023-+1-01"), -1);
}

static void time_normalize_datetime_writes_normal_form(void **state)
{
	char out[32];
	(void)state;
	assert_int_equal(time_normalize_datetime("2026-11-23T12:00", out), 0);
	assert_string_equal(out, "2026-11-23T12:00:00Z");
	assert_int_equal(time_normalize_datetime("2026-11-23T12:34Z", out), 0);
	assert_string_equal(out, "2026-11-23T12:34:00Z");
	assert_int_equal(time_normalize_datetime("2026-11-23T23:59:59Z", out), 0);
	assert_string_equal(out, "2026-11-23T23:59:59Z");
	assert_int_equal(time_normalize_datetime("2026-11-23T00:00:05", out), 0);
	assert_string_equal(out, "2026-11-23T00:00:05Z");
	assert_int_equal(time_normalize_datetime("2024-02-29 08:15", out), 0);
	assert_string_equal(out, "2024-02-29T08:15:00Z");
	assert_int_equal(time_normalize_datetime("2024-02-29 08:15:30Z", out), 0);
	assert_string_equal(out, "2024-02-29T08:15:30Z");
}

static void time_normalize_datetime_rejects_bad_input(void **state)
{
	static const char *const bad[] = {
		"", "2026-11-23", "2026-11-23T", "2026-11-23T12", "2026-11-23T24:00", "2026-11-23T12:60",
		"2026-11-23T12:00:60", "2023-02-29T12:00", "2026-11-23X12:00", "2026-11-23T12-00",
		"2026-11-23T12:00:00ZZ", "2026-11-23T12:00:00+01:00", "2026-11-23T12:00:0",
		"2026-11-23T12:00:00.5Z", "2026-11-23T1a:00", "2026-11-23T12:00-00", "Z",
		"2026-11-23T12:00:00z",
	};
	char out[32];
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		if (time_normalize_datetime(bad[i], out) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
	}
}

static void time_parse_iso_reads_utc(void **state)
{
	(void)state;
	assert_int_equal(time_parse_iso("1970-01-01T00:00:00Z"), 0);
	assert_int_equal(time_parse_iso("1970-01-02T00:00:01Z"), 86401);
	assert_int_equal(time_parse_iso("2000-03-01T00:00:00Z"), 951868800);
	assert_int_equal(time_parse_iso("2000-03-01T00:00"), 951868800);
	assert_int_equal(time_parse_iso("nonsense"), -1);
	assert_int_equal(time_parse_iso("2000-02-30T00:00:00Z"), -1);
}

static void time_iso_and_parse_round_trip(void **state)
{
	char out[32];
	(void)state;
	time_iso(0, out);
	assert_string_equal(out, "1970-01-01T00:00:00Z");
	time_iso(1795435200, out);
	assert_string_equal(out, "2026-11-23T12:00:00Z");
	assert_int_equal(strlen(out), TIME_ISO_LEN - 1);
	assert_int_equal(time_parse_iso(out), 1795435200);
	time_now_iso(out);
	assert_int_equal(strlen(out), TIME_ISO_LEN - 1);
	assert_true(time_parse_iso(out) > 1700000000);
}

static void time_now_us_never_goes_back(void **state)
{
	int64_t a, b;
	(void)state;
	a = time_now_us();
	b = time_now_us();
	assert_true(a > 0);
	assert_true(b >= a);
}

/* ---- util ------------------------------------------------------------ */

static void parse_int64_accepts_whole_numbers(void **state)
{
	int64_t v = -1;
	(void)state;
	assert_int_equal(parse_int64("0", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(parse_int64("42", &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(parse_int64("-7", &v), 0);
	assert_true(v == -7);
	assert_int_equal(parse_int64("007", &v), 0);
	assert_int_equal(v, 7);
	assert_int_equal(parse_int64("9223372036854775807", &v), 0);
	assert_true(v == INT64_MAX);
	assert_int_equal(parse_int64("-9223372036854775808", &v), 0);
	assert_true(v == INT64_MIN);
}

static void parse_int64_rejects_junk_blanks_and_overflow(void **state)
{
	static const char *const bad[] = {
		"", " 1", "1 ", "1x", "x1", "+1", "-", "--1", "1.0", "1e3", "0x10", "\t1", "1\n",
		"9223372036854775808", "-9223372036854775809", "99999999999999999999",
	};
	int64_t v = 5;
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		if (parse_int64(bad[i], &v) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
	}
	assert_int_equal(parse_int64(NULL, &v), -1);
}

static void parse_int64_n_reads_only_n_bytes(void **state)
{
	int64_t v = 0;
	(void)state;
	assert_int_equal(parse_int64_n("123/edit", 3, &v), 0);
	assert_int_equal(v, 123);
	assert_int_equal(parse_int64_n("12x", 3, &v), -1);
	assert_int_equal(parse_int64_n("123", 0, &v), -1);
	assert_int_equal(parse_int64_n("1111111111111111111111111", 25, &v), -1);
}

static void utf8_length_counts_code_points(void **state)
{
	(void)state;
	assert_int_equal(utf8_length(""), 0);
	assert_int_equal(utf8_length("abc"), 3);
	assert_int_equal(utf8_length("\xC3\xA9"), 1);         /* é */
	assert_int_equal(utf8_length("\xE2\x82\xAC"), 1);     /* € */
	assert_int_equal(utf8_length("\xF0\x9F\x98\x80"), 1); /* 😀 */
	assert_int_equal(utf8_length("a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z"), 5);
	assert_int_equal(utf8_length("\xF4\x8F\xBF\xBF"), 1); /* U+10FFFF, the last code point */
}

static void utf8_length_rejects_invalid_sequences(void **state)
{
	static const char *const bad[] = {
		"\xC0\x80",         /* overlong NUL */
		"\xC1\xBF",         /* overlong */
		"\x80",             /* lone continuation byte */
		"a\xBF",            /* continuation after ASCII */
		"\xC3",             /* truncated at the end */
		"a\xC3 b",          /* truncated inside */
		"\xE2\x82",         /* truncated three-byte */
		"\xF0\x9F\x98",     /* truncated four-byte */
		"\xF5\x80\x80\x80", /* beyond Unicode */
		"\xF8\x88\x80\x80\x80",
		"\xFF",
		"\xFE",
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		if (utf8_length(bad[i]) != -1)
			fail_msg("accepted invalid UTF-8 #%zu", i);
	}
}

/* RFC 3629: overlong three- and four-byte forms, UTF-16 surrogates and
 * code points above U+10FFFF are not UTF-8 either. */
static void utf8_length_rejects_overlongs_surrogates_and_above_max(void **state)
{
	static const char *const bad[] = {
		"\xE0\x80\x80",     /* overlong NUL, three bytes */
		"\xE0\x80\xBC",     /* overlong '<' */
		"\xE0\x9F\xBF",     /* overlong U+07FF */
		"\xED\xA0\x80",     /* surrogate U+D800 */
		"\xED\xBF\xBF",     /* surrogate U+DFFF */
		"\xF0\x80\x80\x80", /* overlong NUL, four bytes */
		"\xF0\x8F\xBF\xBF", /* overlong U+FFFF */
		"\xF4\x90\x80\x80", /* U+110000 */
	};
	int accepted = 0;
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		if (utf8_length(bad[i]) != -1) {
			print_error("utf8_length accepted invalid UTF-8 #%zu\n", i);
			accepted++;
		}
	}
	assert_int_equal(accepted, 0);
}

static void hex_encode_writes_lowercase_pairs(void **state)
{
	const unsigned char in[] = { 0x00, 0x0f, 0xab, 0xff };
	char out[9];
	(void)state;
	hex_encode(in, sizeof(in), out);
	assert_string_equal(out, "000fabff");
	hex_encode(in, 0, out);
	assert_string_equal(out, "");
}

static void arena_grow_keeps_items_and_doubles(void **state)
{
	struct arena a = ARENA_INIT;
	int64_t *items = NULL;
	int cap = 0, n;
	(void)state;
	for (n = 0; n < 20; n++) {
		items = arena_grow(&a, items, n, &cap, sizeof(*items));
		items[n] = n * 3;
		assert_true(cap > n);
	}
	assert_int_equal(cap, 32);
	for (n = 0; n < 20; n++)
		assert_int_equal(items[n], n * 3);
	arena_release(&a);
}

static void like_contains_escapes_wildcards_and_lowercases(void **state)
{
	char out[64];
	(void)state;
	like_contains("", out);
	assert_string_equal(out, "%%");
	like_contains("Ana", out);
	assert_string_equal(out, "%ana%");
	like_contains("50%_a\\B", out);
	assert_string_equal(out, "%50\\%\\_a\\\\b%");
	like_contains("\xc3\x89", out); /* only ASCII letters are lowered */
	assert_string_equal(out, "%\xc3\x89%");
}

static void streq_is_null_safe(void **state)
{
	(void)state;
	assert_true(streq(NULL, NULL));
	assert_false(streq(NULL, "a"));
	assert_false(streq("a", NULL));
	assert_true(streq("a", "a"));
	assert_false(streq("a", "ab"));
	assert_true(streq("", ""));
}

/* ---- err ------------------------------------------------------------- */

static void err_set_fills_status_code_message(void **state)
{
	struct err e = ERR_INIT;
	(void)state;
	assert_int_equal(err_set(&e, 404, "not_found", "No %s with id %d.", "asset", 7), -1);
	assert_int_equal(e.status, 404);
	assert_string_equal(e.code, "not_found");
	assert_string_equal(e.message, "No asset with id 7.");
	assert_int_equal(e.nfields, 0);
}

static void err_field_first_one_sets_422_validation(void **state)
{
	struct err e = ERR_INIT;
	(void)state;
	assert_int_equal(err_field(&e, "name", "required", "Required."), -1);
	assert_int_equal(e.status, 422);
	assert_string_equal(e.code, "validation");
	assert_int_equal(e.nfields, 1);
	assert_string_equal(e.fields[0].field, "name");
	assert_string_equal(e.fields[0].code, "required");
	assert_string_equal(e.fields[0].message, "Required.");
	err_field(&e, "asset", "reference", "No asset %d.", 3);
	assert_int_equal(e.nfields, 2);
	assert_string_equal(e.fields[1].message, "No asset 3.");
}

static void err_field_keeps_an_earlier_status(void **state)
{
	struct err e = ERR_INIT;
	(void)state;
	err_set(&e, 400, "unknown_field", "x");
	err_field(&e, "colour", "unknown_field", "No such field.");
	assert_int_equal(e.status, 400);
	assert_string_equal(e.code, "unknown_field");
	assert_int_equal(e.nfields, 1);
}

static void err_field_stops_at_the_maximum(void **state)
{
	struct err e = ERR_INIT;
	char name[16];
	(void)state;
	for (int i = 0; i < ERR_MAX_FIELDS + 10; i++) {
		snprintf(name, sizeof(name), "f%d", i);
		assert_int_equal(err_field(&e, name, "x", "m"), -1);
	}
	assert_int_equal(e.nfields, ERR_MAX_FIELDS);
	assert_string_equal(e.fields[ERR_MAX_FIELDS - 1].field, "f31");
}

static void err_field_truncates_long_texts(void **state)
{
	struct err e = ERR_INIT;
	char longname[200];
	(void)state;
	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	err_field(&e, longname, "a_code_that_is_much_longer_than_its_buffer", "%s", longname);
	assert_int_equal(strlen(e.fields[0].field), sizeof(e.fields[0].field) - 1);
	assert_int_equal(strlen(e.fields[0].code), sizeof(e.fields[0].code) - 1);
	assert_int_equal(strlen(e.fields[0].message), sizeof(e.fields[0].message) - 1);
}

static void err_has_field_and_clear(void **state)
{
	struct err e = ERR_INIT;
	(void)state;
	err_field(&e, "name", "required", "Required.");
	assert_true(err_has_field(&e, "name"));
	assert_false(err_has_field(&e, "nam"));
	assert_false(err_has_field(&e, "title"));
	err_clear(&e);
	assert_int_equal(e.status, 0);
	assert_int_equal(e.nfields, 0);
	assert_string_equal(e.code, "");
	assert_string_equal(e.message, "");
	assert_false(err_has_field(&e, "name"));
}

static void err_title_names_statuses(void **state)
{
	(void)state;
	assert_string_equal(err_title(400), "Bad Request");
	assert_string_equal(err_title(404), "Not Found");
	assert_string_equal(err_title(409), "Conflict");
	assert_string_equal(err_title(412), "Precondition Failed");
	assert_string_equal(err_title(422), "Unprocessable Content");
	assert_string_equal(err_title(500), "Internal Server Error");
	assert_string_equal(err_title(502), "Internal Server Error");
	assert_string_equal(err_title(418), "Error");
}

/* ---- auth/secret ----------------------------------------------------- */

static void password_check_refuses_fewer_than_12_characters(void **state)
{
	struct err e = ERR_INIT;
	(void)state;
	assert_int_equal(password_check("a@example.org", "Xk9!mQ2#vL7", &e), -1); /* 11 */
	assert_int_equal(e.status, 422);
	assert_true(err_has_field(&e, "password"));
	assert_string_equal(e.fields[0].code, "too_short");
	err_clear(&e);
	assert_int_equal(password_check("a@example.org", "", &e), -1);
	err_clear(&e);
	assert_int_equal(password_check("a@example.org", "Xk9!mQ2#vL7p", &e), 0); /* 12 */
	assert_int_equal(e.status, 0);
}

static void password_check_counts_code_points_not_bytes(void **state)
{
	struct err e = ERR_INIT;
	(void)state;
	/* 11 × "é" is 22 bytes but only 11 characters */
	assert_int_equal(password_check(NULL, "ééééééééééé", &e), -1);
	assert_string_equal(e.fields[0].code, "too_short");
	err_clear(&e);
	assert_int_equal(password_check(NULL, "éééééééééééé", &e), 0);
	assert_int_equal(password_check(NULL, "abcdefghijk\xC0\x80", &e), -1);
	assert_string_equal(e.fields[0].code, "encoding");
}

static void password_check_refuses_the_email(void **state)
{
	struct err e = ERR_INIT;
	(void)state;
	assert_int_equal(password_check("alice.long@example.org", "alice.long@example.org", &e), -1);
	assert_string_equal(e.fields[0].code, "is_email");
	err_clear(&e);
	assert_int_equal(password_check("alice.long@example.org", "ALICE.LONG@EXAMPLE.ORG", &e), -1);
	assert_string_equal(e.fields[0].code, "is_email");
}

static void password_check_refuses_common_passwords(void **state)
{
	struct err e = ERR_INIT;
	(void)state;
	assert_int_equal(password_check("a@example.org", "password1234", &e), -1);
	assert_string_equal(e.fields[0].code, "common");
	err_clear(&e);
	assert_int_equal(password_check("a@example.org", "Password1234", &e), -1);
	assert_string_equal(e.fields[0].code, "common");
	err_clear(&e);
	assert_int_equal(password_check("a@example.org", "123456789012", &e), -1);
	assert_string_equal(e.fields[0].code, "common");
}

static void password_check_refuses_more_than_256_characters(void **state)
{
	struct err e = ERR_INIT;
	char pw[258];
	(void)state;
	memset(pw, 'k', 256);
	pw[256] = '\0';
	assert_int_equal(password_check(NULL, pw, &e), 0);
	pw[256] = 'k';
	pw[257] = '\0';
	assert_int_equal(password_check(NULL, pw, &e), -1);
	assert_string_equal(e.fields[0].code, "too_long");
}

static void password_hash_and_verify_round_trip(void **state)
{
	char hash[PASSWORD_HASH_MAX];
	char hash2[PASSWORD_HASH_MAX];
	(void)state;
	assert_int_equal(password_hash("correct battery horse", hash), 0);
	assert_true(strncmp(hash, "$argon2id$", 10) == 0);
	assert_int_equal(password_verify(hash, "correct battery horse"), 0);
	assert_int_equal(password_verify(hash, "correct battery horsE"), -1);
	assert_int_equal(password_verify(hash, ""), -1);
	assert_int_equal(password_verify("not a hash", "correct battery horse"), -1);
	/* salted: the same password hashes differently */
	assert_int_equal(password_hash("correct battery horse", hash2), 0);
	assert_string_not_equal(hash, hash2);
}

static void password_generate_passes_password_check(void **state)
{
	struct err e = ERR_INIT;
	char a[32], b[32];
	(void)state;
	password_generate(a);
	password_generate(b);
	assert_int_equal(strlen(a), 20);
	assert_int_equal(password_check("a@example.org", a, &e), 0);
	assert_string_not_equal(a, b);
}

static int is_b64url(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

static void token_new_has_prefix_and_43_random_chars(void **state)
{
	char t[TOKEN_MAX];
	(void)state;
	token_new("isms_", t);
	assert_true(strncmp(t, "isms_", 5) == 0);
	assert_int_equal(strlen(t), 5 + 43);
	for (const char *p = t + 5; *p; p++)
		assert_true(is_b64url(*p));
	token_new("", t);
	assert_int_equal(strlen(t), 43);
}

static void token_new_is_unique(void **state)
{
	enum { N = 200 };
	static char toks[N][TOKEN_MAX];
	(void)state;
	for (int i = 0; i < N; i++) {
		token_new("s_", toks[i]);
		for (int j = 0; j < i; j++)
			assert_string_not_equal(toks[i], toks[j]);
	}
}

static void token_hash_is_hex_sha256(void **state)
{
	char h[TOKEN_HASH_LEN], h2[TOKEN_HASH_LEN];
	(void)state;
	token_hash("abc", h);
	assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	token_hash("", h);
	assert_string_equal(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	token_hash("isms_token", h);
	token_hash("isms_token", h2);
	assert_string_equal(h, h2);
	assert_int_equal(strlen(h), 64);
	for (const char *p = h; *p; p++)
		assert_true((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'));
	token_hash("isms_tokeN", h2);
	assert_string_not_equal(h, h2);
}

static void secret_equal_compares_whole_strings(void **state)
{
	(void)state;
	assert_int_equal(secret_equal("abc", "abc"), 0);
	assert_int_equal(secret_equal("", ""), 0);
	assert_int_not_equal(secret_equal("abc", "abd"), 0);
	assert_int_not_equal(secret_equal("abc", "ab"), 0);
	assert_int_not_equal(secret_equal("ab", "abc"), 0);
	assert_int_not_equal(secret_equal("", "a"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(strbuf_init_is_empty_and_never_null),
		cmocka_unit_test(strbuf_appends_and_keeps_nul_terminator),
		cmocka_unit_test(strbuf_grows_far_past_first_allocation),
		cmocka_unit_test(strbuf_max_sets_overflow_and_drops_the_append),
		cmocka_unit_test(strbuf_max_allows_an_exact_fit),
		cmocka_unit_test(strbuf_max_applies_to_addc_and_addf),
		cmocka_unit_test(strbuf_reset_empties_and_clears_overflow),
		cmocka_unit_test(strbuf_detach_hands_over_buffer_and_resets),
		cmocka_unit_test(strbuf_truncate_only_shortens),
		cmocka_unit_test(arena_alloc_is_zeroed_and_aligned),
		cmocka_unit_test(arena_serves_allocations_bigger_than_a_block),
		cmocka_unit_test(arena_strdup_copies_and_keeps_null),
		cmocka_unit_test(arena_printf_formats_any_length),
		cmocka_unit_test(jsonw_str_null_writes_null),
		cmocka_unit_test(jsonw_str_escapes_quotes_and_backslashes),
		cmocka_unit_test(jsonw_str_escapes_control_characters),
		cmocka_unit_test(jsonw_str_keeps_utf8_and_plain_text),
		cmocka_unit_test(jsonw_str_output_parses_back_for_every_ascii_byte),
		cmocka_unit_test(jsonw_key_writes_commas_between_members),
		cmocka_unit_test(time_check_date_accepts_real_dates),
		cmocka_unit_test(time_check_date_rejects_impossible_dates),
		cmocka_unit_test(time_check_date_rejects_wrong_shapes),
		cmocka_unit_test(time_normalize_datetime_writes_normal_form),
		cmocka_unit_test(time_normalize_datetime_rejects_bad_input),
		cmocka_unit_test(time_parse_iso_reads_utc),
		cmocka_unit_test(time_iso_and_parse_round_trip),
		cmocka_unit_test(time_now_us_never_goes_back),
		cmocka_unit_test(parse_int64_accepts_whole_numbers),
		cmocka_unit_test(parse_int64_rejects_junk_blanks_and_overflow),
		cmocka_unit_test(parse_int64_n_reads_only_n_bytes),
		cmocka_unit_test(utf8_length_counts_code_points),
		cmocka_unit_test(utf8_length_rejects_invalid_sequences),
		cmocka_unit_test(utf8_length_rejects_overlongs_surrogates_and_above_max),
		cmocka_unit_test(hex_encode_writes_lowercase_pairs),
		cmocka_unit_test(streq_is_null_safe),
		cmocka_unit_test(like_contains_escapes_wildcards_and_lowercases),
		cmocka_unit_test(arena_grow_keeps_items_and_doubles),
		cmocka_unit_test(err_set_fills_status_code_message),
		cmocka_unit_test(err_field_first_one_sets_422_validation),
		cmocka_unit_test(err_field_keeps_an_earlier_status),
		cmocka_unit_test(err_field_stops_at_the_maximum),
		cmocka_unit_test(err_field_truncates_long_texts),
		cmocka_unit_test(err_has_field_and_clear),
		cmocka_unit_test(err_title_names_statuses),
		cmocka_unit_test(password_check_refuses_fewer_than_12_characters),
		cmocka_unit_test(password_check_counts_code_points_not_bytes),
		cmocka_unit_test(password_check_refuses_the_email),
		cmocka_unit_test(password_check_refuses_common_passwords),
		cmocka_unit_test(password_check_refuses_more_than_256_characters),
		cmocka_unit_test(password_hash_and_verify_round_trip),
		cmocka_unit_test(password_generate_passes_password_check),
		cmocka_unit_test(token_new_has_prefix_and_43_random_chars),
		cmocka_unit_test(token_new_is_unique),
		cmocka_unit_test(token_hash_is_hex_sha256),
		cmocka_unit_test(secret_equal_compares_whole_strings),
	};
	if (secret_init())
		return 1;
	return cmocka_run_group_tests_name("base", tests, NULL, NULL);
}
