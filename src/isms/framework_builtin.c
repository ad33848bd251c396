/* framework_builtin: owns the built-in library — the table of built-ins and
 * the reader of their data files into a struct fw_import.
 *
 * Data files (src/isms/frameworks/KEY.tsv, compiled in as framework_data[]
 * by tools/embed.c) are UTF-8 text, one record a line, fields separated by
 * one tab. Empty lines and lines starting with '#' are comments.
 *
 * Header lines start with '@' and give one value:
 *   framework: @ref_id, @name (required), @version, @provider, @description
 *   mapping:   @name (required), @source and @target (the two framework
 *              keys; they must equal the table's `needs`)
 *
 * A framework's node line, in document order (parents before children):
 *   DEPTH  REF  FLAGS  TITLE  [GUIDANCE  [ATTRIBUTES]]
 * - DEPTH 1 is a root; a node's parent is the nearest line above it with
 *   DEPTH - 1, so a line may go at most one level deeper than the one above.
 * - REF is the node's identifier ("A.5.1", "GV.OC-01") without spaces; its
 *   URN is urn:isms:req:KEY:REF in lower case.
 * - FLAGS: '-' for none, else letters: a = assessable, s = a row of the
 *   Statement of Applicability, k = REF is a key for the URN only (the node
 *   has no ref_id, e.g. "annex-a").
 * - GUIDANCE: our own one or two sentences; empty for none.
 * - ATTRIBUTES: NAME=VALUE,VALUE;NAME=VALUE... with names and values of
 *   [a-z0-9_]; read into the JSON object {"NAME":["VALUE","VALUE"],...}.
 *
 * A mapping's line:  SOURCE_REF  TARGET_REF  RELATIONSHIP
 * with RELATIONSHIP one of equal, subset, superset, intersects; the refs are
 * nodes of the @source and @target frameworks. */
#include "isms/framework_builtin.h"

#include <ctype.h>
#include <string.h>

#include "base/embedded.h"
#include "base/jsonw.h"
#include "base/strbuf.h"
#include "base/util.h"

#define MAX_DEPTH 8
#define MAX_FIELDS 6

const struct fw_builtin fw_builtins[] = {
	{ "iso27001-2022", "ISO/IEC 27001:2022",
	  "Clauses 4 to 10 and the 93 Annex A controls in four themes, with their ISO/IEC 27002:2022 attributes.",
	  FW_BUILTIN_FRAMEWORK, { NULL, NULL } },
	{ "iso27001-2013", "ISO/IEC 27001:2013 Annex A",
	  "The 114 controls of the 2013 edition in 14 sections, for organisations moving to 2022.",
	  FW_BUILTIN_FRAMEWORK, { NULL, NULL } },
	{ "nist-csf-2.0", "NIST CSF 2.0",
	  "The six functions, 22 categories and 106 outcomes of the NIST Cybersecurity Framework 2.0.",
	  FW_BUILTIN_FRAMEWORK, { NULL, NULL } },
	{ "iso27001-2013-to-2022", "ISO/IEC 27001:2013 to 2022",
	  "Where each 2013 Annex A control went in the 2022 edition.",
	  FW_BUILTIN_MAPPING, { "iso27001-2013", "iso27001-2022" } },
	{ "nist-csf-2.0-to-iso27001-2022", "NIST CSF 2.0 to ISO/IEC 27001:2022",
	  "Which ISO/IEC 27001:2022 clauses and controls relate to each CSF 2.0 outcome.",
	  FW_BUILTIN_MAPPING, { "nist-csf-2.0", "iso27001-2022" } },
	{ NULL, NULL, NULL, FW_BUILTIN_FRAMEWORK, { NULL, NULL } },
};

const struct fw_builtin *framework_builtin_find(const char *key)
{
	for (const struct fw_builtin *b = fw_builtins; key && b->key; b++)
		if (strcmp(b->key, key) == 0)
			return b;
	return NULL;
}

static char *lower_in_place(char *s)
{
	for (char *p = s; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return s;
}

const char *framework_builtin_urn(const char *key, struct arena *a)
{
	return lower_in_place(arena_printf(a, "urn:isms:framework:%s", key));
}

const char *framework_builtin_req_urn(const char *key, const char *ref, struct arena *a)
{
	return lower_in_place(arena_printf(a, "urn:isms:req:%s:%s", key, ref));
}

/* ---- reading lines -------------------------------------------------------- */

struct reader {
	const char *file; /* "KEY.tsv", for messages */
	char *p, *end;    /* the rest of the arena copy */
	int line;
	char *f[MAX_FIELDS];
	int n; /* fields of the current line */
};

static int bad(struct reader *r, struct err *e, const char *what)
{
	return err_set(e, 500, "builtin_data", "built-in data %s line %d: %s", r->file, r->line, what);
}

/* Moves to the next line that is not a comment and splits it at tabs.
 * Returns 1 with a line, 0 at the end, -1 for a line with too many fields. */
static int next_line(struct reader *r, struct err *e)
{
	while (r->p < r->end) {
		char *s = r->p, *nl = memchr(s, '\n', (size_t)(r->end - s));
		if (nl) {
			*nl = '\0';
			r->p = nl + 1;
		} else {
			r->p = r->end;
		}
		r->line++;
		if (*s == '\0' || *s == '#')
			continue;
		r->n = 0;
		for (char *t = s;; t++) {
			if (*t != '\t' && *t != '\0')
				continue;
			if (r->n == MAX_FIELDS)
				return bad(r, e, "too many fields");
			r->f[r->n++] = s;
			if (*t == '\0')
				break;
			*t = '\0';
			s = t + 1;
		}
		return 1;
	}
	return 0;
}

static const struct embedded_file *data_file(const char *key)
{
	size_t k = strlen(key);
	for (const struct embedded_file *f = framework_data; f->name; f++)
		if (strncmp(f->name, key, k) == 0 && strcmp(f->name + k, ".tsv") == 0)
			return f;
	return NULL;
}

/* A header line's value into *slot, when its name is one of names[]. */
static int header(struct reader *r, const char *const *names, const char **slots[], struct err *e)
{
	if (r->n != 2 || r->f[1][0] == '\0')
		return bad(r, e, "a header line is @NAME, a tab and a value");
	for (int i = 0; names[i]; i++) {
		if (strcmp(r->f[0] + 1, names[i]) == 0) {
			*slots[i] = r->f[1];
			return 0;
		}
	}
	return bad(r, e, "unknown header");
}

/* ---- frameworks ----------------------------------------------------------- */

static int word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* NAME=V,V;NAME=V into {"NAME":["V","V"],"NAME":["V"]}. */
static const char *attributes_json(struct reader *r, const char *text, struct arena *a, struct err *e)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = text;
	const char *out = NULL;
	int first = 1;
	sb_addc(&sb, '{');
	while (*p) {
		const char *name = p;
		while (word_char(*p))
			p++;
		if (p == name || *p != '=') {
			bad(r, e, "attributes are NAME=VALUE,VALUE;NAME=VALUE");
			goto out;
		}
		jsonw_key(&sb, &first, arena_strndup(a, name, (size_t)(p - name)));
		sb_addc(&sb, '[');
		do {
			const char *v = ++p;
			while (word_char(*p))
				p++;
			if (p == v) {
				bad(r, e, "an attribute value is empty or has a character outside a-z, 0-9 and _");
				goto out;
			}
			if (*(v - 1) == ',')
				sb_addc(&sb, ',');
			jsonw_str(&sb, arena_strndup(a, v, (size_t)(p - v)));
		} while (*p == ',');
		sb_addc(&sb, ']');
		if (*p == ';')
			p++;
		else if (*p) {
			bad(r, e, "attributes are NAME=VALUE,VALUE;NAME=VALUE");
			goto out;
		}
	}
	sb_addc(&sb, '}');
	out = arena_strdup(a, sb.buf);
out:
	sb_release(&sb);
	return out;
}

static int read_flags(struct reader *r, const char *s, struct fw_node *n, int *key_only, struct err *e)
{
	*key_only = 0;
	if (strcmp(s, "-") == 0)
		return 0;
	if (!*s)
		return bad(r, e, "flags are '-' or letters of 'ask'");
	for (; *s; s++) {
		if (*s == 'a')
			n->assessable = 1;
		else if (*s == 's')
			n->in_soa = 1;
		else if (*s == 'k')
			*key_only = 1;
		else
			return bad(r, e, "flags are '-' or letters of 'ask'");
	}
	return 0;
}

static int read_node(struct reader *r, const char *key, struct fw_def *fw, const char *parents[], int *depth_above,
		     struct arena *a, struct err *e)
{
	int64_t depth;
	int key_only;
	struct fw_node *n;
	if (r->n < 4)
		return bad(r, e, "a node is DEPTH, REF, FLAGS, TITLE [, GUIDANCE [, ATTRIBUTES]]");
	if (parse_int64(r->f[0], &depth) < 0 || depth < 1 || depth > MAX_DEPTH || depth > *depth_above + 1)
		return bad(r, e, "depth is 1, or at most one more than the line above");
	if (!r->f[1][0] || strpbrk(r->f[1], " ") || !r->f[3][0])
		return bad(r, e, "a node needs a REF without spaces and a TITLE");
	n = fw_def_add_node(fw, a);
	if (read_flags(r, r->f[2], n, &key_only, e) < 0)
		return -1;
	n->urn = framework_builtin_req_urn(key, r->f[1], a);
	n->parent_urn = depth > 1 ? parents[depth - 2] : NULL;
	n->ref_id = key_only ? NULL : r->f[1];
	n->title = r->f[3];
	n->guidance = r->n > 4 && r->f[4][0] ? r->f[4] : NULL;
	if (r->n > 5 && r->f[5][0] && !(n->attributes = attributes_json(r, r->f[5], a, e)))
		return -1;
	parents[depth - 1] = n->urn;
	*depth_above = (int)depth;
	return 0;
}

static int load_framework(struct reader *r, const struct fw_builtin *b, struct fw_import *imp, struct arena *a,
			  struct err *e)
{
	static const char *const names[] = { "ref_id", "name", "version", "provider", "description", NULL };
	struct fw_def *fw = fw_import_add_framework(imp, a);
	const char **slots[] = { &fw->ref_id, &fw->name, &fw->version, &fw->provider, &fw->description };
	const char *parents[MAX_DEPTH] = { 0 };
	int depth_above = 0, rc;
	fw->urn = framework_builtin_urn(b->key, a);
	while ((rc = next_line(r, e)) > 0) {
		if (r->f[0][0] == '@')
			rc = header(r, names, slots, e);
		else
			rc = read_node(r, b->key, fw, parents, &depth_above, a, e);
		if (rc < 0)
			return -1;
	}
	if (rc < 0)
		return -1;
	if (!fw->ref_id || !fw->name || fw->n_nodes == 0)
		return bad(r, e, "a framework needs @ref_id, @name and nodes");
	return 0;
}

/* ---- mappings ------------------------------------------------------------- */

static int known_relationship(const char *s)
{
	return strcmp(s, "equal") == 0 || strcmp(s, "subset") == 0 || strcmp(s, "superset") == 0 ||
	       strcmp(s, "intersects") == 0;
}

static int load_mapping(struct reader *r, const struct fw_builtin *b, struct fw_import *imp, struct arena *a,
			struct err *e)
{
	static const char *const names[] = { "name", "source", "target", NULL };
	struct fw_mapping_set *set = fw_import_add_set(imp, a);
	const char *source = NULL, *target = NULL;
	const char **slots[] = { &set->name, &source, &target };
	int rc;
	set->urn = lower_in_place(arena_printf(a, "urn:isms:mapping:%s", b->key));
	while ((rc = next_line(r, e)) > 0) {
		struct fw_mapping *m;
		if (r->f[0][0] == '@') {
			if (header(r, names, slots, e) < 0)
				return -1;
			continue;
		}
		if (!set->name || !streq(source, b->needs[0]) || !streq(target, b->needs[1]))
			return bad(r, e, "@name, @source and @target (the table's needs) come before the lines");
		if (r->n != 3 || !r->f[0][0] || !r->f[1][0] || !known_relationship(r->f[2]))
			return bad(r, e, "a mapping is SOURCE, TARGET, equal|subset|superset|intersects");
		m = fw_set_add(set, a);
		m->source_urn = framework_builtin_req_urn(source, r->f[0], a);
		m->target_urn = framework_builtin_req_urn(target, r->f[1], a);
		m->relationship = r->f[2];
	}
	if (rc < 0)
		return -1;
	if (set->n == 0)
		return bad(r, e, "a mapping needs lines");
	return 0;
}

/* ---- loading -------------------------------------------------------------- */

static int unknown(const char *key, struct err *e)
{
	struct strbuf sb = STRBUF_INIT;
	for (const struct fw_builtin *b = fw_builtins; b->key; b++)
		sb_addf(&sb, "%s%s", b == fw_builtins ? "" : ", ", b->key);
	err_set(e, 404, "not_found", "no built-in framework or mapping '%s'; known: %s", key ? key : "", sb.buf);
	sb_release(&sb);
	return -1;
}

int framework_builtin_load(const char *key, struct fw_import *imp, struct arena *a, struct err *e)
{
	const struct fw_builtin *b = framework_builtin_find(key);
	const struct embedded_file *f;
	struct reader r;
	if (!b)
		return unknown(key, e);
	f = data_file(b->key);
	if (!f)
		return err_set(e, 500, "builtin_data", "built-in data %s.tsv is missing from the binary", b->key);
	memset(&r, 0, sizeof(r));
	r.file = arena_printf(a, "%s.tsv", b->key);
	r.p = arena_strndup(a, (const char *)f->data, f->len);
	r.end = r.p + f->len;
	imp->origin = "builtin";
	imp->file = b->key;
	if (b->kind == FW_BUILTIN_FRAMEWORK)
		return load_framework(&r, b, imp, a, e);
	return load_mapping(&r, b, imp, a, e);
}
