/* textdiff: see textdiff.h. The common first and last lines are set aside,
 * then the middle gets the classic LCS table (lengths of the common
 * subsequence of every pair of suffixes) and one walk from the top left
 * that keeps a line when both sides agree and otherwise follows the longer
 * remainder, preferring removals first so a changed line reads "- old"
 * then "+ new". */
#include "base/textdiff.h"

#include <stdint.h>
#include <string.h>

struct lines {
	const char **s;
	int n;
};

static void split(const char *t, struct arena *ar, struct lines *out)
{
	int cap = 0;
	out->s = NULL;
	out->n = 0;
	if (!t || !*t)
		return;
	while (*t) {
		const char *end = strchr(t, '\n');
		size_t len = end ? (size_t)(end - t) : strlen(t);
		size_t keep = len && t[len - 1] == '\r' ? len - 1 : len;
		out->s = arena_grow(ar, out->s, out->n, &cap, sizeof(*out->s));
		out->s[out->n++] = arena_strndup(ar, t, keep);
		t += len + (end ? 1 : 0);
	}
}

static void emit(struct diff_line *d, int *n, enum diff_kind k, const char *text, int old_no, int new_no)
{
	d[*n].kind = k;
	d[*n].text = text;
	d[*n].old_no = k == DIFF_ADD ? 0 : old_no;
	d[*n].new_no = k == DIFF_DEL ? 0 : new_no;
	(*n)++;
}

int text_diff(const char *a, const char *b, struct arena *ar, struct diff_line **out, int *n)
{
	struct lines x, y;
	int pre = 0, suf = 0, changes = 0, m, k;
	struct diff_line *d;

	split(a, ar, &x);
	split(b, ar, &y);
	while (pre < x.n && pre < y.n && strcmp(x.s[pre], y.s[pre]) == 0)
		pre++;
	while (suf < x.n - pre && suf < y.n - pre && strcmp(x.s[x.n - 1 - suf], y.s[y.n - 1 - suf]) == 0)
		suf++;
	d = arena_alloc(ar, sizeof(*d) * (size_t)(x.n + y.n + 1));
	*n = 0;
	for (k = 0; k < pre; k++)
		emit(d, n, DIFF_SAME, x.s[k], k + 1, k + 1);
	m = x.n - pre - suf;
	k = y.n - pre - suf;
	if ((long)(m + 1) * (long)(k + 1) > TEXTDIFF_MAX_CELLS) {
		for (int i = 0; i < m; i++, changes++)
			emit(d, n, DIFF_DEL, x.s[pre + i], pre + i + 1, 0);
		for (int j = 0; j < k; j++, changes++)
			emit(d, n, DIFF_ADD, y.s[pre + j], 0, pre + j + 1);
	} else {
		/* L[i][j]: LCS length of x[pre+i..] and y[pre+j..] within the middle */
		uint32_t *L = arena_alloc(ar, sizeof(uint32_t) * (size_t)(m + 1) * (size_t)(k + 1));
#define AT(i, j) L[(size_t)(i) * (size_t)(k + 1) + (size_t)(j)]
		for (int i = m - 1; i >= 0; i--)
			for (int j = k - 1; j >= 0; j--)
				AT(i, j) = strcmp(x.s[pre + i], y.s[pre + j]) == 0 ? AT(i + 1, j + 1) + 1
				    : (AT(i + 1, j) >= AT(i, j + 1) ? AT(i + 1, j) : AT(i, j + 1));
		int i = 0, j = 0;
		while (i < m || j < k) {
			if (i < m && j < k && strcmp(x.s[pre + i], y.s[pre + j]) == 0) {
				emit(d, n, DIFF_SAME, x.s[pre + i], pre + i + 1, pre + j + 1);
				i++;
				j++;
			} else if (i < m && (j >= k || AT(i + 1, j) >= AT(i, j + 1))) {
				emit(d, n, DIFF_DEL, x.s[pre + i], pre + i + 1, 0);
				i++;
				changes++;
			} else {
				emit(d, n, DIFF_ADD, y.s[pre + j], 0, pre + j + 1);
				j++;
				changes++;
			}
		}
#undef AT
	}
	for (k = 0; k < suf; k++)
		emit(d, n, DIFF_SAME, x.s[x.n - suf + k], x.n - suf + k + 1, y.n - suf + k + 1);
	*out = d;
	return changes;
}
