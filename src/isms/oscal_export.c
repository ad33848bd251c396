/* oscal_export: the entry point of the OSCAL exports (oscal_export.h) and
 * what their documents share (oscal_doc.h): the read snapshot, stable
 * UUIDs, metadata, props, OSCAL tokens and strings, the framework read
 * whole with each node's id, the implementation state. */
#include "isms/oscal_export.h"

#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

#include "base/timeutil.h"
#include "base/util.h"
#include "isms/oscal_doc.h"

static const char *const doc_names[OSCAL_DOC_COUNT] = { "catalog", "ssp", "assessment-results", "poam" };

/* The namespace of our UUIDs: a random UUID chosen once for isms. */
static const unsigned char uuid_ns[16] = { 0x6b, 0x3e, 0x2f, 0x0a, 0x91, 0x5c, 0x4d, 0x27,
					   0xa8, 0x14, 0xc3, 0x5e, 0x70, 0x9d, 0x26, 0xf1 };

int oscal_doc_parse(const char *name, enum oscal_doc *out)
{
	for (int d = 0; d < OSCAL_DOC_COUNT; d++)
		if (streq(name, doc_names[d])) {
			*out = (enum oscal_doc)d;
			return 0;
		}
	return -1;
}

const char *oscal_doc_name(enum oscal_doc d)
{
	return doc_names[d];
}

const char *oscal_doc_names(void)
{
	return "catalog, ssp, assessment-results or poam";
}

int oscal_doc_needs_framework(enum oscal_doc d)
{
	return d != OSCAL_POAM;
}

/* ---- pure helpers ---------------------------------------------------------- */

void oscal_uuid_v5(const unsigned char ns[16], const char *name, char out[37])
{
	unsigned char h[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	char hex[33];
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	if (!c || !EVP_DigestInit_ex(c, EVP_sha1(), NULL) || !EVP_DigestUpdate(c, ns, 16) ||
	    !EVP_DigestUpdate(c, name, strlen(name)) || !EVP_DigestFinal_ex(c, h, &n) || n < 16)
		abort(); /* out of memory: as every allocation failure */
	EVP_MD_CTX_free(c);
	h[6] = (unsigned char)((h[6] & 0x0f) | 0x50);
	h[8] = (unsigned char)((h[8] & 0x3f) | 0x80);
	hex_encode(h, 16, hex);
	snprintf(out, 37, "%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16, hex + 20);
}

static int token_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

char *oscal_token(struct arena *a, const char *text)
{
	size_t n = text ? strlen(text) : 0, k = 1;
	char *out = arena_alloc(a, n + 2);
	out[0] = '_';
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if (!token_char(c))
			c = '-';
		if (c == '-' && (k == 1 || out[k - 1] == '-'))
			continue; /* no leading '-', no runs */
		out[k++] = (char)c;
	}
	while (k > 1 && out[k - 1] == '-')
		k--;
	out[k] = '\0';
	if (k == 1)
		return NULL;
	/* a token starts with a letter or '_' */
	return out[1] >= 'a' && out[1] <= 'z' ? out + 1 : out;
}

static const char *control_state(const char *status)
{
	if (streq(status, "implemented"))
		return "implemented";
	if (streq(status, "partially_implemented"))
		return "partial";
	if (streq(status, "not_applicable"))
		return "not-applicable";
	if (streq(status, "planned") || streq(status, "not_implemented"))
		return "planned";
	return NULL;
}

const char *oscal_state(int applicable, const char *const *control_status, int n, const char *soa_status,
			const char *gap)
{
	int live = 0, implemented = 0, some = 0;
	if (applicable == 0)
		return "not-applicable";
	for (int i = 0; i < n; i++) {
		if (streq(control_status[i], "not_applicable"))
			continue;
		live++;
		implemented += streq(control_status[i], "implemented");
		some += streq(control_status[i], "implemented") || streq(control_status[i], "partially_implemented");
	}
	if (live)
		return implemented == live ? "implemented" : some ? "partial" : "planned";
	if (soa_status && control_state(soa_status))
		return control_state(soa_status);
	if (streq(gap, "met"))
		return "implemented";
	if (streq(gap, "partial"))
		return "partial";
	if (streq(gap, "not_met"))
		return "planned";
	if (streq(gap, "not_applicable") || n)
		return "not-applicable";
	return applicable == 1 ? "planned" : NULL;
}

/* ---- what the documents share --------------------------------------------- */

const char *oscal_uuid(const struct oscal_ctx *x, const char *kind, const char *key)
{
	char *u = arena_alloc(x->a, 37);
	oscal_uuid_v5(uuid_ns, arena_printf(x->a, "%s\n%s\n%s", x->seed, kind, key ? key : ""), u);
	return u;
}

const char *oscal_uuid_id(const struct oscal_ctx *x, const char *kind, int64_t id)
{
	return oscal_uuid(x, kind, arena_printf(x->a, "%lld", (long long)id));
}

json_t *oscal_str(const char *s)
{
	json_t *j = json_string(s ? s : "");
	if (!j) { /* not UTF-8: keep the ASCII */
		size_t n = strlen(s);
		char *t = malloc(n + 1);
		if (!t)
			abort();
		for (size_t i = 0; i <= n; i++)
			t[i] = (unsigned char)s[i] < 0x80 ? s[i] : '?';
		j = json_string(t);
		free(t);
	}
	return j;
}

const char *oscal_line(struct arena *a, const char *s)
{
	size_t n = s ? strlen(s) : 0, k = 0;
	char *out = arena_alloc(a, n + 1);
	for (size_t i = 0; i < n; i++) {
		int space = s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f' || s[i] == '\v';
		if (space && (k == 0 || out[k - 1] == ' '))
			continue;
		out[k++] = space ? ' ' : s[i];
	}
	while (k && out[k - 1] == ' ')
		k--;
	out[k] = '\0';
	return k ? out : NULL;
}

void oscal_set(json_t *obj, const char *key, const char *s)
{
	if (s)
		json_object_set_new(obj, key, oscal_str(s));
}

void oscal_set_array(json_t *obj, const char *key, json_t *arr)
{
	if (json_array_size(arr))
		json_object_set_new(obj, key, arr);
	else
		json_decref(arr);
}

void oscal_prop(struct oscal_ctx *x, json_t *props, const char *name, const char *value, int ours)
{
	const char *v = oscal_line(x->a, value), *token = oscal_token(x->a, name);
	json_t *p;
	if (!v || !token)
		return;
	p = json_object();
	json_object_set_new(p, "name", json_string(token));
	if (ours)
		json_object_set_new(p, "ns", json_string(OSCAL_NS));
	json_object_set_new(p, "value", oscal_str(v));
	json_array_append_new(props, p);
}

const char *oscal_datetime(struct arena *a, const char *t)
{
	if (t && strlen(t) == 10)
		return arena_printf(a, "%sT00:00:00Z", t);
	return t;
}

json_t *oscal_metadata(struct oscal_ctx *x, const char *title, const char *last_modified, const char *version)
{
	json_t *m = json_object();
	json_object_set_new(m, "title", oscal_str(oscal_line(x->a, title)));
	json_object_set_new(m, "last-modified", oscal_str(oscal_datetime(x->a, last_modified)));
	json_object_set_new(m, "version", oscal_str(oscal_line(x->a, version) ? oscal_line(x->a, version) : "1"));
	json_object_set_new(m, "oscal-version", json_string(OSCAL_VERSION));
	return m;
}

json_t *oscal_resource(const char *uuid, const char *title, const char *description, const char *href)
{
	json_t *r = json_object();
	json_object_set_new(r, "uuid", json_string(uuid));
	oscal_set(r, "title", title);
	oscal_set(r, "description", description);
	if (href) {
		json_t *links = json_array(), *l = json_object();
		json_object_set_new(l, "href", oscal_str(href));
		json_object_set_new(l, "media-type", json_string("application/json"));
		json_array_append_new(links, l);
		json_object_set_new(r, "rlinks", links);
	}
	return r;
}

int oscal_req_index(const struct oscal_ctx *x, int64_t id)
{
	/* nodes are written parent first in document order, so ids mostly
	 * ascend; a plain scan keeps this right whatever the order */
	for (int i = 0; i < x->n; i++)
		if (x->reqs[i].id == id)
			return i;
	return -1;
}

int oscal_rows(struct oscal_ctx *x, const char *sql, oscal_row_fn fn, void *ctx, struct err *e)
{
	struct stmt *st = store_prepare(x->s, sql, e);
	int step;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, x->fw.id);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		int i = oscal_req_index(x, stmt_int(st, 0));
		if (i >= 0)
			fn(x, st, i, ctx);
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

const char *oscal_req_label(const struct oscal_ctx *x, int i)
{
	const struct requirement *r = &x->reqs[i];
	const char *title = oscal_line(x->a, r->title);
	if (r->ref_id && *r->ref_id)
		return arena_printf(x->a, "%s %s", r->ref_id, title ? title : "");
	return title ? title : x->ids[i];
}

/* ---- reading ----------------------------------------------------------- */

/* The installation's seed and the newest audit entry. */
static int read_audit_marks(struct oscal_ctx *x, struct err *e)
{
	struct stmt *st = store_prepare(x->s, "SELECT hash FROM audit_log ORDER BY id LIMIT 1", e);
	int step;
	char now[32];
	if (!st)
		return -1;
	step = stmt_step(st, e);
	x->seed = arena_strdup(x->a, step == STORE_ROW ? stmt_text(st, 0) : "");
	stmt_done(st);
	if (step < 0 || !(st = store_prepare(x->s, "SELECT id, at FROM audit_log ORDER BY id DESC LIMIT 1", e)))
		return -1;
	step = stmt_step(st, e);
	time_now_iso(now);
	x->changed_id = step == STORE_ROW ? stmt_int(st, 0) : 0;
	x->changed_at = arena_strdup(x->a, step == STORE_ROW ? stmt_text(st, 1) : now);
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

static int id_taken(const struct oscal_ctx *x, int upto, const char *id)
{
	for (int i = 0; i < upto; i++)
		if (strcmp(x->ids[i], id) == 0)
			return 1;
	return 0;
}

/* The framework, its nodes and their ids: the ref_id as a token, else the
 * last part of the URN, else "node-ORDINAL"; a second node with the same
 * id gets "_2", "_3"... */
static int read_framework(struct oscal_ctx *x, int64_t framework_id, struct err *e)
{
	if (framework_get(x->s, framework_id, x->a, &x->fw, e) ||
	    framework_requirements(x->s, framework_id, x->a, &x->reqs, &x->n, e))
		return -1;
	x->ids = arena_alloc(x->a, sizeof(*x->ids) * (size_t)(x->n ? x->n : 1));
	for (int i = 0; i < x->n; i++) {
		const char *base = oscal_token(x->a, x->reqs[i].ref_id), *id, *colon;
		if (!base && (colon = strrchr(x->reqs[i].urn, ':')))
			base = oscal_token(x->a, colon + 1);
		if (!base)
			base = arena_printf(x->a, "node-%lld", (long long)x->reqs[i].ordinal);
		id = base;
		for (int k = 2; id_taken(x, i, id); k++)
			id = arena_printf(x->a, "%s_%d", base, k);
		x->ids[i] = id;
	}
	x->slug = oscal_token(x->a, x->fw.ref_id);
	if (!x->slug || x->slug[0] == '_')
		x->slug = arena_printf(x->a, "framework-%lld", (long long)x->fw.id);
	return 0;
}

int oscal_export(struct store *s, const struct actor *viewer, enum oscal_doc d, int64_t framework_id,
		 struct strbuf *out, const char **filename, struct arena *a, struct err *e)
{
	static json_t *(*const build[OSCAL_DOC_COUNT])(struct oscal_ctx *, struct err *) = {
		oscal_catalog, oscal_ssp, oscal_results, oscal_poam,
	};
	struct oscal_ctx x = { .s = s, .viewer = viewer, .a = a };
	json_t *root = NULL;
	char *text;

	if (store_begin_read(s, e))
		return -1;
	if (read_audit_marks(&x, e) == 0 &&
	    (oscal_doc_needs_framework(d) ? read_framework(&x, framework_id, e) == 0
					  : !framework_id || framework_get(s, framework_id, a, &x.fw, e) == 0))
		root = build[d](&x, e);
	store_rollback(s);
	if (!root)
		return -1;
	text = json_dumps(root, JSON_INDENT(2));
	json_decref(root);
	if (!text)
		return err_set(e, 500, "internal", "The %s could not be written as JSON.", doc_names[d]);
	sb_adds(out, text);
	sb_addc(out, '\n');
	free(text);
	*filename = oscal_doc_needs_framework(d) ? arena_printf(a, "%s-%s.json", x.slug, doc_names[d])
						 : arena_printf(a, "isms-%s.json", doc_names[d]);
	return 0;
}
