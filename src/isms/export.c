#include "isms/export.h"

#include <stdio.h>
#include <string.h>

#include "base/csv.h"

static int is_text(enum field_type t)
{
	return t == FT_TEXT || t == FT_LONGTEXT || t == FT_EMAIL || t == FT_ENUM;
}

static void header(const struct entity *ent, struct strbuf *sb)
{
	static const char *const tail[] = { "archived", "created_at", "created_by", "updated_at", "updated_by",
					    "version" };
	struct strbuf name = STRBUF_INIT;
	int first = 1;
	csv_cell(sb, &first, "id", CSV_TEXT);
	for (int i = 0; i < ent->nfields; i++) {
		const struct field *f = &ent->fields[i];
		csv_cell(sb, &first, f->name, CSV_TEXT);
		if (f->type == FT_REF || f->type == FT_USER) {
			sb_reset(&name);
			sb_addf(&name, "%s_%s", f->name, f->type == FT_REF ? "title" : "name");
			csv_cell(sb, &first, name.buf, CSV_TEXT);
		}
	}
	for (size_t k = 0; k < sizeof(tail) / sizeof(tail[0]); k++)
		csv_cell(sb, &first, tail[k], CSV_TEXT);
	csv_row_end(sb, &first);
	sb_release(&name);
}

static void id_cell(struct strbuf *sb, int *first, int64_t id)
{
	char num[24];
	if (!id) {
		csv_cell(sb, first, NULL, CSV_NUMBER);
		return;
	}
	snprintf(num, sizeof(num), "%lld", (long long)id);
	csv_cell(sb, first, num, CSV_NUMBER);
}

/* Whether the viewer may see titles of records of the type f refers to. */
static int title_visible(const struct field *f, const struct actor *viewer)
{
	const struct entity *t;
	if (f->type != FT_REF || !viewer)
		return 1;
	t = entity_by_name(f->ref);
	return t && viewer->role >= t->read_role;
}

static void row(const struct entity *ent, const struct record *r, const struct actor *viewer, struct strbuf *sb)
{
	int first = 1;
	id_cell(sb, &first, r->id);
	for (int i = 0; i < ent->nfields; i++) {
		const struct field *f = &ent->fields[i];
		const char *v = r->values[i];
		if (f->type == FT_BOOL && v)
			v = strcmp(v, "0") ? "true" : "false";
		csv_cell(sb, &first, v, is_text(f->type) ? CSV_TEXT : CSV_NUMBER);
		if (f->type == FT_REF || f->type == FT_USER)
			csv_cell(sb, &first, title_visible(f, viewer) ? r->titles[i] : NULL, CSV_TEXT);
	}
	csv_cell(sb, &first, r->archived ? "true" : "false", CSV_NUMBER);
	csv_cell(sb, &first, r->created_at, CSV_NUMBER);
	id_cell(sb, &first, r->created_by);
	csv_cell(sb, &first, r->updated_at, CSV_NUMBER);
	id_cell(sb, &first, r->updated_by);
	id_cell(sb, &first, r->version);
	csv_row_end(sb, &first);
}

int64_t export_csv(struct store *s, const struct entity *ent, const struct list_query *q, struct strbuf *sb,
		   struct err *e)
{
	struct list_query page_q = *q;
	int64_t rows = 0;
	int rc = 0;

	if (store_begin_read(s, e))
		return -1;
	header(ent, sb);
	page_q.limit = EXPORT_PAGE;
	for (page_q.offset = 0;; page_q.offset += EXPORT_PAGE) {
		struct arena a = ARENA_INIT; /* one page of records at a time */
		struct record_page page;
		rc = record_list(s, ent, &page_q, &a, &page, e);
		for (int k = 0; rc == 0 && k < page.n; k++)
			row(ent, &page.items[k], q->viewer, sb);
		rows += rc == 0 ? page.n : 0;
		arena_release(&a);
		if (rc || page.n < EXPORT_PAGE)
			break;
	}
	store_rollback(s);
	return rc ? -1 : rows;
}
