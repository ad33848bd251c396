/* textdiff: a line-based diff of two texts (the Markdown of two document
 * versions): the longest common subsequence of their lines, as a list of
 * kept, removed and added lines in reading order. Pure; memory from the
 * caller's arena. */
#ifndef ISMS_TEXTDIFF_H
#define ISMS_TEXTDIFF_H
#include <stddef.h>

#include "base/arena.h"

enum diff_kind { DIFF_SAME = ' ', DIFF_DEL = '-', DIFF_ADD = '+' };

struct diff_line {
	enum diff_kind kind;
	const char *text; /* the line without its end, NUL-terminated (arena) */
	int old_no, new_no; /* 1-based line numbers; 0 on the side it is absent from */
};

/* The lines shared by the LCS table at most; past it (after the common
 * start and end are set aside) the middle is shown as all removed, then all
 * added: still a correct diff, only not the shortest. */
#define TEXTDIFF_MAX_CELLS (4L * 1024 * 1024)

/* Diffs a against b (NULL reads as empty; "\r\n" and "\n" both end a
 * line). *out gets *n lines. Returns the number of added plus removed lines. */
int text_diff(const char *a, const char *b, struct arena *ar, struct diff_line **out, int *n);

#endif
