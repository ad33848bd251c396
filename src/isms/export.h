/* export: the records of a list as CSV (RFC 4180, UTF-8, CRLF rows) — the
 * list's filters, search, sort and viewer, every matching row, read a page
 * at a time inside one read snapshot so that the pages agree.
 *
 * Columns, under a header row of names: id; each field of the type by its
 * name, a reference followed by the record's title (NAME_title) and a
 * person by their name (NAME_name); then archived, created_at, created_by,
 * updated_at, updated_by and version. Enum values are their keys, booleans
 * true/false. Free text is guarded against formula injection (base/csv.h).
 * The title of a referenced record is left empty for a viewer whose role
 * may not read that type, as on the pages. */
#ifndef ISMS_EXPORT_H
#define ISMS_EXPORT_H
#include "base/err.h"
#include "base/strbuf.h"
#include "isms/record.h"

#define EXPORT_PAGE 500

/* Appends the CSV of what q matches to sb; q's limit and offset are
 * ignored. Returns the number of rows, or -1. */
int64_t export_csv(struct store *s, const struct entity *ent, const struct list_query *q, struct strbuf *sb,
		   struct err *e);

#endif
