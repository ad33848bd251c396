#include "base/csv.h"

#include <string.h>

/* Characters that make a spreadsheet read a cell as a formula. */
static int formula_lead(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

void csv_cell(struct strbuf *sb, int *first, const char *value, enum csv_cell_kind kind)
{
	int guard, quote;
	if (!*first)
		sb_addc(sb, ',');
	*first = 0;
	if (!value)
		return;
	guard = kind == CSV_TEXT && formula_lead(value[0]);
	quote = strpbrk(value, ",\"\r\n") != NULL;
	if (quote)
		sb_addc(sb, '"');
	if (guard)
		sb_addc(sb, '\'');
	for (const char *p = value; *p; p++) {
		if (*p == '"')
			sb_addc(sb, '"');
		sb_addc(sb, *p);
	}
	if (quote)
		sb_addc(sb, '"');
}

void csv_row_end(struct strbuf *sb, int *first)
{
	sb_adds(sb, "\r\n");
	*first = 1;
}
