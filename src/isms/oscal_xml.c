/* oscal_xml: reads an OSCAL catalog or profile written in XML (libxml2's
 * tree) into the syntax-free model of oscal_model.h, so the same catalog
 * gives the same framework as its JSON twin. Safe on outside input: no
 * network (XML_PARSE_NONET), no DTD loaded, no entity substituted, and a
 * document with a DOCTYPE is refused. Places in messages are line numbers. */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <pthread.h>
#include <string.h>

#include "isms/oscal_model.h"

struct xr {
	const char *name;
	struct arena *a;
	struct err *e;
};

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void)
{
	xmlInitParser();
}

static int is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static const xmlNode *child(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (is(c, name))
			return c;
	return NULL;
}

static const char *attr(struct xr *r, const xmlNode *n, const char *name)
{
	xmlChar *v = n ? xmlGetNoNsProp(n, (const xmlChar *)name) : NULL;
	const char *s = v ? arena_strdup(r->a, (const char *)v) : NULL;
	xmlFree(v);
	return s;
}

static const char *place(struct xr *r, const xmlNode *n)
{
	return arena_printf(r->a, "line %ld", xmlGetLineNo(n));
}

static const char *prop_of(struct xr *r, const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is(c, "prop")) {
			const char *pn = attr(r, c, "name");
			if (pn && strcmp(pn, name) == 0)
				return attr(r, c, "value");
		}
	}
	return NULL;
}

static int is_block(const xmlNode *n)
{
	static const char *const blocks[] = { "p", "ol", "ul", "li", "table", "tr", "td", "th", "pre",
					      "blockquote", "h1", "h2", "h3", "h4", "h5", "h6" };
	for (size_t i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++)
		if (is(n, blocks[i]))
			return 1;
	return 0;
}

/* Mixed content as text: parameters inserted, every other element by its text. */
static void mixed(struct xr *r, struct strbuf *sb, const struct oscal_ctl *c, const xmlNode *n)
{
	for (const xmlNode *k = n->children; k; k = k->next) {
		if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
			if (k->content)
				oscal_add_text(sb, (const char *)k->content, strlen((const char *)k->content));
		} else if (is(k, "insert")) {
			const char *id = attr(r, k, "id-ref");
			if (id)
				oscal_param_text(sb, c, id);
		} else if (k->type == XML_ELEMENT_NODE) {
			int block = is_block(k); /* a paragraph or list item stands apart; <em> does not */
			if (block)
				oscal_add_text(sb, " ", 1);
			mixed(r, sb, c, k);
			if (block)
				oscal_add_text(sb, " ", 1);
		}
	}
}

static const char *text_of(struct xr *r, const struct oscal_ctl *c, const xmlNode *n)
{
	struct strbuf t = STRBUF_INIT;
	const char *s;
	mixed(r, &t, c, n);
	s = oscal_guidance_done(&t, r->a);
	sb_release(&t);
	return s;
}

/* Prose of a part: its children other than parts, props, links and title. */
static int is_prose(const xmlNode *k)
{
	return k->type == XML_ELEMENT_NODE && !is(k, "part") && !is(k, "prop") && !is(k, "link") && !is(k, "title");
}

static void statement(struct xr *r, struct strbuf *sb, const struct oscal_ctl *c, const xmlNode *part, int depth)
{
	int started = 0;
	for (const xmlNode *k = part->children; k; k = k->next) {
		if (!is_prose(k))
			continue;
		if (!started++)
			oscal_guidance_line(sb, depth, depth ? prop_of(r, part, "label") : NULL);
		else
			oscal_add_text(sb, " ", 1);
		mixed(r, sb, c, k);
	}
	for (const xmlNode *k = part->children; k; k = k->next) {
		const char *n = is(k, "part") ? attr(r, k, "name") : NULL;
		if (n && strcmp(n, "item") == 0)
			statement(r, sb, c, k, depth + 1);
	}
}

static void params(struct xr *r, struct oscal_ctl *c, const xmlNode *n)
{
	for (const xmlNode *k = n->children; k; k = k->next) {
		struct oscal_param *p;
		const xmlNode *label, *sel;
		if (!is(k, "param"))
			continue;
		p = oscal_add_param(c, r->a);
		p->id = attr(r, k, "id");
		if ((label = child(k, "label")))
			p->label = text_of(r, c, label);
		if ((sel = child(k, "select"))) {
			p->how_many = attr(r, sel, "how-many");
			for (const xmlNode *ch = sel->children; ch; ch = ch->next)
				if (is(ch, "choice"))
					oscal_add_choice(p, text_of(r, c, ch), r->a);
		}
	}
}

static int controls(struct xr *r, struct oscal_ctl *parent, const xmlNode *n);

static int item(struct xr *r, struct oscal_ctl *parent, const xmlNode *n, int group)
{
	struct oscal_ctl *c = oscal_add_kid(parent, r->a);
	const xmlNode *title = child(n, "title");
	const char *status;
	c->group = group;
	c->place = place(r, n);
	c->id = attr(r, n, "id");
	c->label = prop_of(r, n, "label");
	status = prop_of(r, n, "status");
	c->withdrawn = status && strcmp(status, "withdrawn") == 0;
	if (!group && (!c->id || !*c->id))
		return oscal_fail(r->e, r->name, c->place, "a control has no id");
	params(r, c, n);
	c->title = title ? text_of(r, c, title) : NULL;
	if (!c->title)
		return oscal_fail(r->e, r->name, c->place, "%s %s has no title", group ? "group" : "control",
				  c->id ? c->id : "");
	for (const xmlNode *k = n->children; k; k = k->next) {
		const char *pn = is(k, "part") ? attr(r, k, "name") : NULL;
		if (pn && strcmp(pn, "statement") == 0) {
			struct strbuf g = STRBUF_INIT;
			statement(r, &g, c, k, 0);
			c->guidance = oscal_guidance_done(&g, r->a);
			sb_release(&g);
			break;
		}
	}
	return controls(r, c, n);
}

static int controls(struct xr *r, struct oscal_ctl *parent, const xmlNode *n)
{
	for (const xmlNode *k = n->children; k; k = k->next) {
		if ((is(k, "group") || is(k, "control")) && item(r, parent, k, is(k, "group")))
			return -1;
	}
	return 0;
}

static int selections(struct xr *r, struct oscal_import_ref *ref, const xmlNode *n, int exclude)
{
	const char *with_child = attr(r, n, "with-child-controls");
	int any = 0;
	for (const xmlNode *k = n->children; k; k = k->next) {
		struct oscal_sel *s;
		if (!is(k, "with-id") && !is(k, "matching"))
			continue;
		s = oscal_add_sel(ref, exclude, r->a);
		s->matching = is(k, "matching");
		s->id = s->matching ? attr(r, k, "pattern") : text_of(r, NULL, k);
		s->with_child = with_child && strcmp(with_child, "yes") == 0;
		s->place = place(r, k);
		if (!s->id || !*s->id)
			return oscal_fail(r->e, r->name, s->place, "expected a control id or pattern");
		any++;
	}
	if (!any)
		return oscal_fail(r->e, r->name, place(r, n), "expected with-id or matching");
	return 0;
}

static int profile(struct xr *r, struct oscal_doc *d, const xmlNode *root)
{
	for (const xmlNode *k = root->children; k; k = k->next) {
		struct oscal_import_ref *ref;
		if (!is(k, "import"))
			continue;
		ref = oscal_add_import(d, r->a);
		ref->place = place(r, k);
		ref->href = attr(r, k, "href");
		if (!ref->href || !*ref->href)
			return oscal_fail(r->e, r->name, ref->place, "an import has no href");
		for (const xmlNode *s = k->children; s; s = s->next) {
			if (is(s, "include-all"))
				ref->include_all = 1;
			else if ((is(s, "include-controls") || is(s, "exclude-controls")) &&
				 selections(r, ref, s, is(s, "exclude-controls")))
				return -1;
		}
		if (!ref->include_all && !ref->n_inc)
			return oscal_fail(r->e, r->name, ref->place,
					  "an import selects nothing (no include-all or include-controls)");
	}
	if (!d->n_imports)
		return oscal_fail(r->e, r->name, place(r, root), "a profile must import a catalog");
	for (const xmlNode *res = child(child(root, "back-matter"), "resource"); res; res = res->next) {
		struct oscal_resource *rs;
		if (!is(res, "resource"))
			continue;
		rs = oscal_add_resource(d, r->a);
		rs->uuid = attr(r, res, "uuid");
		for (const xmlNode *l = res->children; l; l = l->next) {
			const char *href = is(l, "rlink") ? attr(r, l, "href") : NULL;
			if (href)
				oscal_add_href(rs, href, r->a);
		}
	}
	return 0;
}

int oscal_read_xml(const char *buf, size_t len, const char *name, struct oscal_doc *d, struct arena *a, struct err *e)
{
	struct xr r = { name, a, e };
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc = NULL;
	const xmlNode *root, *meta;
	int rc = -1;

	pthread_once(&xml_once, xml_init);
	if (len > (size_t)INT32_MAX)
		return oscal_fail(e, name, "the file", "too large");
	if (!(ctxt = xmlNewParserCtxt()))
		return oscal_fail(e, name, "the file", "out of memory");
	doc = xmlCtxtReadMemory(ctxt, buf, (int)len, NULL, NULL,
				XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc) {
		const xmlError *xe = xmlCtxtGetLastError(ctxt);
		char msg[160];
		snprintf(msg, sizeof(msg), "%s", xe && xe->message ? xe->message : "unreadable");
		msg[strcspn(msg, "\n")] = '\0';
		oscal_fail(e, name, arena_printf(a, "line %d", xe ? xe->line : 0), "not well-formed XML: %s", msg);
		goto out;
	}
	if (doc->intSubset || doc->extSubset) {
		oscal_fail(e, name, "the DOCTYPE", "documents with a DTD are not accepted");
		goto out;
	}
	root = xmlDocGetRootElement(doc);
	if (root && is(root, "catalog")) {
		d->kind = OSCAL_CATALOG;
	} else if (root && is(root, "profile")) {
		d->kind = OSCAL_PROFILE;
	} else {
		oscal_fail(e, name, root ? place(&r, root) : "the top level",
			   "neither an OSCAL catalog nor a profile (expected the element <catalog> or <profile>%s%s%s)",
			   root ? ", found <" : "", root ? (const char *)root->name : "", root ? ">" : "");
		goto out;
	}
	meta = child(root, "metadata");
	d->uuid = attr(&r, root, "uuid");
	d->title = child(meta, "title") ? text_of(&r, NULL, child(meta, "title")) : NULL;
	d->version = child(meta, "version") ? text_of(&r, NULL, child(meta, "version")) : NULL;
	d->provider = child(child(meta, "party"), "name") ? text_of(&r, NULL, child(child(meta, "party"), "name")) : NULL;
	if (!d->title) {
		oscal_fail(e, name, meta ? place(&r, meta) : place(&r, root), "the document has no title");
		goto out;
	}
	rc = d->kind == OSCAL_CATALOG ? controls(&r, &d->root, root) : profile(&r, d, root);
out:
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	return rc;
}
