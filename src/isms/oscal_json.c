/* oscal_json: reads an OSCAL catalog or profile written in JSON (jansson)
 * into the syntax-free model of oscal_model.h. Places in messages are JSON
 * paths ("catalog.groups[3].controls[7]"); the guidance is the statement
 * part's prose, with {{ insert: param, ID }} written out by
 * oscal_param_text and Markdown links reduced to their text. */
#include <jansson.h>
#include <string.h>

#include "isms/oscal_model.h"

struct jr {
	const char *name;
	struct arena *a;
	struct err *e;
};

static const char *str_of(struct jr *r, json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	return json_is_string(v) ? arena_strdup(r->a, json_string_value(v)) : NULL;
}

static const char *prop_of(json_t *obj, const char *name)
{
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(obj, "props"), i, p)
	{
		json_t *n = json_object_get(p, "name"), *v = json_object_get(p, "value");
		if (json_is_string(n) && json_is_string(v) && strcmp(json_string_value(n), name) == 0)
			return json_string_value(v);
	}
	return NULL;
}

/* Text of Markdown: emphasis and code marks (* and `) dropped, as the XML
 * twin's <em>, <strong> and <code> leave their text alone. */
static void plain(struct strbuf *sb, const char *s, size_t n)
{
	size_t from = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '*' || s[i] == '`') {
			oscal_add_text(sb, s + from, i - from);
			from = i + 1;
		}
	}
	oscal_add_text(sb, s + from, n - from);
}

/* Prose in Markdown: parameters inserted, links reduced to their text. */
static void prose(struct strbuf *sb, const struct oscal_ctl *c, const char *s)
{
	while (*s) {
		const char *ins = strstr(s, "{{"), *link = strchr(s, '[');
		const char *next = ins && (!link || ins < link) ? ins : link;
		if (!next) {
			plain(sb, s, strlen(s));
			return;
		}
		plain(sb, s, (size_t)(next - s));
		if (next == ins) {
			const char *end = strstr(ins, "}}");
			const char *comma = end ? memchr(ins, ',', (size_t)(end - ins)) : NULL;
			if (!end) {
				oscal_add_text(sb, ins, strlen(ins));
				return;
			}
			if (comma && strncmp(ins + 2, " insert: param", 14) == 0) {
				const char *id = comma + 1;
				while (*id == ' ')
					id++;
				size_t n = (size_t)(end - id);
				while (n && id[n - 1] == ' ')
					n--;
				char buf[128];
				snprintf(buf, sizeof(buf), "%.*s", (int)n, id);
				oscal_param_text(sb, c, buf);
			} else {
				oscal_add_text(sb, ins, (size_t)(end + 2 - ins));
			}
			s = end + 2;
		} else {
			const char *close = strstr(link, "](");
			const char *paren = close ? strchr(close, ')') : NULL;
			if (close && paren && !memchr(link + 1, '[', (size_t)(close - link - 1))) {
				plain(sb, link + 1, (size_t)(close - link - 1));
				s = paren + 1;
			} else {
				oscal_add_text(sb, link, 1);
				s = link + 1;
			}
		}
	}
}

static void statement(struct strbuf *sb, const struct oscal_ctl *c, json_t *part, int depth)
{
	json_t *p = json_object_get(part, "prose"), *sub;
	size_t i;
	if (json_is_string(p)) {
		oscal_guidance_line(sb, depth, depth ? prop_of(part, "label") : NULL);
		prose(sb, c, json_string_value(p));
	}
	json_array_foreach(json_object_get(part, "parts"), i, sub)
	{
		json_t *n = json_object_get(sub, "name");
		if (json_is_string(n) && strcmp(json_string_value(n), "item") == 0)
			statement(sb, c, sub, depth + 1);
	}
}

static void params(struct jr *r, struct oscal_ctl *c, json_t *obj)
{
	size_t i, j;
	json_t *p, *ch;
	json_array_foreach(json_object_get(obj, "params"), i, p)
	{
		struct oscal_param *op = oscal_add_param(c, r->a);
		json_t *sel = json_object_get(p, "select");
		op->id = str_of(r, p, "id");
		if (json_is_string(json_object_get(p, "label"))) {
			struct strbuf t = STRBUF_INIT;
			prose(&t, c, json_string_value(json_object_get(p, "label")));
			op->label = oscal_guidance_done(&t, r->a);
			sb_release(&t);
		}
		if (json_is_object(sel)) {
			op->how_many = str_of(r, sel, "how-many");
			json_array_foreach(json_object_get(sel, "choice"), j, ch)
			{
				if (json_is_string(ch)) {
					struct strbuf t = STRBUF_INIT;
					prose(&t, c, json_string_value(ch));
					oscal_add_choice(op, oscal_guidance_done(&t, r->a), r->a);
					sb_release(&t);
				}
			}
		}
	}
}

static int controls(struct jr *r, struct oscal_ctl *parent, json_t *obj, const char *path);

/* A group or control at path: its fields, then its own groups and controls. */
static int item(struct jr *r, struct oscal_ctl *parent, json_t *obj, int group, const char *path)
{
	struct oscal_ctl *c = oscal_add_kid(parent, r->a);
	const char *status;
	json_t *part;
	size_t i;
	c->group = group;
	c->place = path;
	if (!json_is_object(obj))
		return oscal_fail(r->e, r->name, path, "expected an object");
	c->id = str_of(r, obj, "id");
	c->title = str_of(r, obj, "title");
	c->label = prop_of(obj, "label") ? arena_strdup(r->a, prop_of(obj, "label")) : NULL;
	status = prop_of(obj, "status");
	c->withdrawn = status && strcmp(status, "withdrawn") == 0;
	if (!group && (!c->id || !*c->id))
		return oscal_fail(r->e, r->name, path, "a control has no id");
	if (!c->title || !*c->title)
		return oscal_fail(r->e, r->name, path, "%s %s has no title", group ? "group" : "control",
				  c->id ? c->id : "");
	{ /* titles are Markdown lines: their text alone */
		struct strbuf t = STRBUF_INIT;
		prose(&t, c, c->title);
		c->title = arena_strndup(r->a, t.buf, t.len);
		sb_release(&t);
	}
	params(r, c, obj);
	json_array_foreach(json_object_get(obj, "parts"), i, part)
	{
		json_t *n = json_object_get(part, "name");
		if (json_is_string(n) && strcmp(json_string_value(n), "statement") == 0) {
			struct strbuf g = STRBUF_INIT;
			statement(&g, c, part, 0);
			c->guidance = oscal_guidance_done(&g, r->a);
			sb_release(&g);
			break;
		}
	}
	return controls(r, c, obj, path);
}

static int list(struct jr *r, struct oscal_ctl *parent, json_t *obj, const char *key, int group, const char *path)
{
	json_t *arr = json_object_get(obj, key), *x;
	size_t i;
	if (!arr)
		return 0;
	if (!json_is_array(arr))
		return oscal_fail(r->e, r->name, arena_printf(r->a, "%s.%s", path, key), "expected an array");
	json_array_foreach(arr, i, x)
	{
		if (item(r, parent, x, group, arena_printf(r->a, "%s.%s[%zu]", path, key, i)))
			return -1;
	}
	return 0;
}

static int controls(struct jr *r, struct oscal_ctl *parent, json_t *obj, const char *path)
{
	return list(r, parent, obj, "groups", 1, path) || list(r, parent, obj, "controls", 0, path) ? -1 : 0;
}

static int selections(struct jr *r, struct oscal_import_ref *ref, json_t *arr, int exclude, const char *path)
{
	size_t i, j;
	json_t *sel, *id;
	json_array_foreach(arr, i, sel)
	{
		const char *with_child = json_string_value(json_object_get(sel, "with-child-controls"));
		const char *here = arena_printf(r->a, "%s[%zu]", path, i);
		json_t *ids = json_object_get(sel, "with-ids"), *match = json_object_get(sel, "matching");
		if (!json_is_array(ids) && !json_is_array(match))
			return oscal_fail(r->e, r->name, here, "expected with-ids or matching");
		json_array_foreach(ids, j, id)
		{
			struct oscal_sel *s = oscal_add_sel(ref, exclude, r->a);
			if (!json_is_string(id))
				return oscal_fail(r->e, r->name, arena_printf(r->a, "%s.with-ids[%zu]", here, j),
						  "expected a control id");
			s->id = arena_strdup(r->a, json_string_value(id));
			s->with_child = with_child && strcmp(with_child, "yes") == 0;
			s->place = arena_printf(r->a, "%s.with-ids[%zu]", here, j);
		}
		json_array_foreach(match, j, id)
		{
			struct oscal_sel *s = oscal_add_sel(ref, exclude, r->a);
			const char *pattern = json_string_value(json_object_get(id, "pattern"));
			if (!pattern)
				return oscal_fail(r->e, r->name, arena_printf(r->a, "%s.matching[%zu]", here, j),
						  "expected a pattern");
			s->id = arena_strdup(r->a, pattern);
			s->matching = 1;
			s->with_child = with_child && strcmp(with_child, "yes") == 0;
			s->place = arena_printf(r->a, "%s.matching[%zu]", here, j);
		}
	}
	return 0;
}

static int profile(struct jr *r, struct oscal_doc *d, json_t *root)
{
	json_t *imp, *res, *link;
	size_t i, j;
	json_t *imports = json_object_get(root, "imports");
	if (!json_is_array(imports) || !json_array_size(imports))
		return oscal_fail(r->e, r->name, "profile.imports", "a profile must import a catalog");
	json_array_foreach(imports, i, imp)
	{
		struct oscal_import_ref *ref = oscal_add_import(d, r->a);
		const char *path = arena_printf(r->a, "profile.imports[%zu]", i);
		ref->place = path;
		ref->href = str_of(r, imp, "href");
		if (!ref->href || !*ref->href)
			return oscal_fail(r->e, r->name, path, "an import has no href");
		ref->include_all = json_object_get(imp, "include-all") != NULL;
		if (selections(r, ref, json_object_get(imp, "include-controls"), 0,
			       arena_printf(r->a, "%s.include-controls", path)) ||
		    selections(r, ref, json_object_get(imp, "exclude-controls"), 1,
			       arena_printf(r->a, "%s.exclude-controls", path)))
			return -1;
		if (!ref->include_all && !ref->n_inc)
			return oscal_fail(r->e, r->name, path, "an import selects nothing (no include-all or include-controls)");
	}
	json_array_foreach(json_object_get(json_object_get(root, "back-matter"), "resources"), i, res)
	{
		struct oscal_resource *rs = oscal_add_resource(d, r->a);
		rs->uuid = str_of(r, res, "uuid");
		json_array_foreach(json_object_get(res, "rlinks"), j, link)
		{
			const char *href = str_of(r, link, "href");
			if (href)
				oscal_add_href(rs, href, r->a);
		}
	}
	return 0;
}

int oscal_read_json(const char *buf, size_t len, const char *name, struct oscal_doc *d, struct arena *a, struct err *e)
{
	struct jr r = { name, a, e };
	json_error_t je;
	json_t *doc = json_loadb(buf, len, 0, &je), *root, *meta;
	const char *key;
	int rc = -1;
	if (!doc)
		return oscal_fail(e, name, arena_printf(a, "line %d column %d", je.line, je.column), "not valid JSON: %s",
				  je.text);
	if ((root = json_object_get(doc, "catalog")) && json_is_object(root)) {
		d->kind = OSCAL_CATALOG;
		key = "catalog";
	} else if ((root = json_object_get(doc, "profile")) && json_is_object(root)) {
		d->kind = OSCAL_PROFILE;
		key = "profile";
	} else {
		const char *first = json_is_object(doc) && json_object_iter(doc) ? json_object_iter_key(json_object_iter(doc))
										 : NULL;
		oscal_fail(e, name, "the top level",
			   "neither an OSCAL catalog nor a profile (expected the key \"catalog\" or \"profile\"%s%s%s)",
			   first ? ", found \"" : "", first ? first : "", first ? "\"" : "");
		goto out;
	}
	meta = json_object_get(root, "metadata");
	d->uuid = str_of(&r, root, "uuid");
	d->title = str_of(&r, meta, "title");
	d->version = str_of(&r, meta, "version");
	{
		json_t *party = json_array_get(json_object_get(meta, "parties"), 0);
		d->provider = str_of(&r, party, "name");
	}
	if (!d->title || !*d->title) {
		oscal_fail(e, name, arena_printf(a, "%s.metadata", key), "the document has no title");
		goto out;
	}
	if (d->kind == OSCAL_CATALOG)
		rc = controls(&r, &d->root, root, key);
	else
		rc = profile(&r, d, root);
out:
	json_decref(doc);
	return rc;
}
