/* context: changes in issues, interested parties and their requirements
 * since a date, read from the audit log (see context.h). */
#include "isms/context.h"

#include <string.h>

#include "base/jsonw.h"
#include "base/timeutil.h"
#include "base/util.h"
#include "isms/record.h"

static const char *const context_types[] = { "issue", "interested_party", "party_requirement" };

static struct context_change *find(struct context_changes *c, const char *type, int64_t id)
{
	for (int i = 0; i < c->n; i++)
		if (c->items[i].id == id && strcmp(c->items[i].type, type) == 0)
			return &c->items[i];
	return NULL;
}

static int type_rank(const char *type)
{
	for (size_t i = 0; i < ARRAY_SIZE(context_types); i++)
		if (strcmp(context_types[i], type) == 0)
			return (int)i;
	return (int)ARRAY_SIZE(context_types);
}

/* Whether x comes before y: by type, then latest first, then by id. */
static int before(const struct context_change *x, const struct context_change *y)
{
	int tx = type_rank(x->type), ty = type_rank(y->type), c;
	if (tx != ty)
		return tx < ty;
	c = strcmp(x->at, y->at);
	return c ? c > 0 : x->id < y->id;
}

int context_changes_since(struct store *s, const char *since, struct arena *a, struct context_changes *out,
			  struct err *e)
{
	struct stmt *st;
	int step, cap = 0;
	memset(out, 0, sizeof(*out));
	if (!since || time_check_date(since))
		return err_field(e, "since", "invalid", "Give the date to look back to as YYYY-MM-DD.");
	if (!(st = store_prepare(s, "SELECT record_type, record_id, action, at FROM audit_log WHERE record_type IN "
				    "(?, ?, ?) AND at >= ? ORDER BY id", e)))
		return -1;
	for (size_t i = 0; i < ARRAY_SIZE(context_types); i++)
		stmt_bind_text(st, (int)i + 1, context_types[i]);
	stmt_bind_text(st, 4, since);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		const char *type = stmt_text(st, 0), *action = stmt_text(st, 2);
		int64_t id = stmt_int(st, 1);
		struct context_change *c = find(out, type, id);
		if (!c) {
			out->items = arena_grow(a, out->items, out->n, &cap, sizeof(*out->items));
			c = &out->items[out->n++];
			memset(c, 0, sizeof(*c));
			c->type = arena_strdup(a, type);
			c->id = id;
			c->change = "changed";
		}
		c->at = arena_strdup(a, stmt_text(st, 3));
		c->count++;
		if (strcmp(action, "create") == 0)
			c->change = "created";
		else if (strcmp(action, "archive") == 0)
			c->change = "archived";
	}
	stmt_done(st);
	if (step < 0)
		return -1;
	/* by type, then latest first (insertion sort: a review period's changes) */
	for (int i = 1; i < out->n; i++)
		for (int j = i; j > 0 && before(&out->items[j], &out->items[j - 1]); j--) {
			struct context_change tmp = out->items[j - 1];
			out->items[j - 1] = out->items[j];
			out->items[j] = tmp;
		}
	/* titles as they are now */
	for (int i = 0; i < out->n; i++) {
		struct context_change *c = &out->items[i];
		const struct entity *ent = entity_by_name(c->type);
		struct record r;
		int ti = entity_field_index(ent, ent->title_field);
		if (record_get(s, ent, c->id, a, &r, e)) {
			if (e->status != 404)
				return -1;
			err_clear(e);
		} else {
			c->title = r.values[ti];
		}
		out->created += strcmp(c->change, "created") == 0;
		out->changed += strcmp(c->change, "changed") == 0;
		out->archived += strcmp(c->change, "archived") == 0;
	}
	return 0;
}

void context_changes_to_json(const struct context_changes *c, const char *since, struct strbuf *sb)
{
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_str(sb, &first, "since", since);
	jsonw_kv_int(sb, &first, "created", c->created);
	jsonw_kv_int(sb, &first, "changed", c->changed);
	jsonw_kv_int(sb, &first, "archived", c->archived);
	jsonw_key(sb, &first, "items");
	sb_addc(sb, '[');
	for (int i = 0; i < c->n; i++) {
		int f = 1;
		sb_adds(sb, i ? ",{" : "{");
		jsonw_kv_str(sb, &f, "type", c->items[i].type);
		jsonw_kv_int(sb, &f, "id", c->items[i].id);
		jsonw_kv_str(sb, &f, "title", c->items[i].title);
		jsonw_kv_str(sb, &f, "change", c->items[i].change);
		jsonw_kv_str(sb, &f, "at", c->items[i].at);
		jsonw_kv_int(sb, &f, "entries", c->items[i].count);
		sb_addc(sb, '}');
	}
	sb_adds(sb, "]}");
}
