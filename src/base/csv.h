/* csv: writing CSV text (RFC 4180) into a strbuf. Pure: no I/O, no
 * database. A cell is quoted when it holds a comma, a double quote, CR or
 * LF (quotes doubled); rows end in CRLF. A guarded cell that a spreadsheet
 * would read as a formula (starting with = + - @, a tab or CR) gets a
 * leading apostrophe, so opening an export never runs what a user typed. */
#ifndef ISMS_CSV_H
#define ISMS_CSV_H
#include "base/strbuf.h"

enum csv_cell_kind {
	CSV_TEXT,   /* free text: guarded against formula injection */
	CSV_NUMBER, /* a value the program wrote (ids, integers, dates): left as is */
};

/* Appends one cell, preceded by a comma unless *first is set (which it
 * clears). NULL is an empty cell. */
void csv_cell(struct strbuf *sb, int *first, const char *value, enum csv_cell_kind kind);
/* Ends the row (CRLF) and sets *first for the next one. */
void csv_row_end(struct strbuf *sb, int *first);

#endif
