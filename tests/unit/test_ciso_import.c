/* test_ciso_import: the CISO Assistant library reader (src/isms/ciso_import.c
 * and src/base/yamltree.c) on the real libraries in
 * ../shared/testdata/ciso-assistant-libraries/ (or $ISMS_TESTDATA), without a
 * database: node and mapping counts per file (counted from the YAML with
 * Python's yaml module), the quirks of the real data, what is skipped, and
 * every kind of bad input refused with its place named and the import left
 * as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/arena.h"
#include "base/strbuf.h"
#include "base/yamltree.h"
#include "isms/ciso_import.h"

struct fx {
	struct arena a;
	struct fw_import imp;
	struct ciso_report rep;
	struct err e;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	f->imp.origin = "ciso-assistant";
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	arena_release(&f->a);
	free(f);
	return 0;
}

/* The content of a test data file (malloc'd), or NULL. */
static char *slurp(const char *rel, size_t *len)
{
	const char *root = getenv("ISMS_TESTDATA");
	char path[512];
	char *buf = NULL;
	long n;
	FILE *in;
	snprintf(path, sizeof(path), "%s/ciso-assistant-libraries/%s", root && *root ? root : "../shared/testdata", rel);
	if (!(in = fopen(path, "rb")))
		return NULL;
	if (fseek(in, 0, SEEK_END) == 0 && (n = ftell(in)) >= 0 && fseek(in, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n + 1);
		*len = fread(buf, 1, (size_t)n, in);
	}
	fclose(in);
	return buf;
}

/* Parses a real file into f->imp; returns ciso_parse_report's result. */
static int parse_file(struct fx *f, const char *rel)
{
	size_t len = 0;
	char *buf = slurp(rel, &len);
	const char *base = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
	int rc;
	if (!buf)
		fail_msg("cannot read %s (set ISMS_TESTDATA or run from the repository root)", rel);
	rc = ciso_parse_report(buf, len, base, NULL, &f->imp, &f->a, &f->rep, &f->e);
	free(buf);
	return rc;
}

static int parse_text(struct fx *f, const char *text)
{
	err_clear(&f->e);
	return ciso_parse_report(text, strlen(text), "t.yaml", NULL, &f->imp, &f->a, &f->rep, &f->e);
}

static int count_assessable(const struct fw_def *fw)
{
	int n = 0;
	for (int i = 0; i < fw->n_nodes; i++)
		n += fw->nodes[i].assessable;
	return n;
}

static const struct fw_node *node(const struct fw_def *fw, const char *urn)
{
	for (int i = 0; i < fw->n_nodes; i++)
		if (strcmp(fw->nodes[i].urn, urn) == 0)
			return &fw->nodes[i];
	return NULL;
}

static long skipped(const struct ciso_report *r, const char *what)
{
	for (int i = 0; i < r->n; i++)
		if (strcmp(r->skipped[i].what, what) == 0)
			return r->skipped[i].n;
	return 0;
}

static void expect_error(struct fx *f, const char *text, const char *part)
{
	int n_fws = f->imp.n_fws, n_sets = f->imp.n_sets;
	assert_int_equal(parse_text(f, text), -1);
	assert_int_equal(f->e.status, 422);
	if (!strstr(f->e.message, part))
		fail_msg("message '%s' lacks '%s'", f->e.message, part);
	assert_int_equal(f->imp.n_fws, n_fws);
	assert_int_equal(f->imp.n_sets, n_sets);
}

/* ---- the real libraries ------------------------------------------------------ */

static void iso27001_2013_roots_without_ref_id_or_depth(void **state)
{
	struct fx *f = *state;
	const struct fw_def *fw;
	const struct fw_node *n;
	assert_int_equal(parse_file(f, "frameworks/iso27001-2013.yaml"), 0);
	assert_int_equal(f->imp.n_fws, 1);
	assert_int_equal(f->imp.n_sets, 0);
	fw = &f->imp.fws[0];
	assert_string_equal(fw->urn, "urn:intuitem:risk:framework:iso27001-2013");
	assert_string_equal(fw->ref_id, "ISO/IEC 27001:2013");
	assert_string_equal(fw->name, "International standard ISO/IEC 27001:2013");
	assert_string_equal(fw->version, "1");
	assert_string_equal(fw->provider, "ISO/IEC");
	assert_int_equal(fw->n_nodes, 200);
	assert_int_equal(count_assessable(fw), 140);
	n = &fw->nodes[0];
	assert_string_equal(n->urn, "urn:intuitem:risk:req_node:iso27001-2013:core");
	assert_null(n->parent_urn);
	assert_null(n->ref_id);
	assert_string_equal(n->title, "Core");
	assert_non_null(n = node(fw, "urn:intuitem:risk:req_node:iso27001-2013:annex-a"));
	assert_null(n->parent_urn);
	assert_null(n->ref_id);
	assert_string_equal(n->title, "Annex A");
	assert_non_null(n = node(fw, "urn:intuitem:risk:req_node:iso27001-2013:4.1"));
	assert_string_equal(n->ref_id, "4.1");
	assert_string_equal(n->parent_urn, "urn:intuitem:risk:req_node:iso27001-2013:4");
	assert_string_equal(n->guidance, "Understand the context and the organization.");
	assert_int_equal(n->assessable, 1);
	assert_int_equal(n->in_soa, 0);
	assert_null(n->attributes);
	/* its 53 links to reference controls are upper-case URNs of another library: skipped */
	assert_int_equal(skipped(&f->rep, "links to reference controls"), 53);
}

static void iso27001_2022_soa_rows_and_groups(void **state)
{
	struct fx *f = *state;
	const struct fw_def *fw;
	const struct fw_node *n;
	struct strbuf sb = STRBUF_INIT;
	int soa = 0;
	assert_int_equal(parse_file(f, "frameworks/iso27001-2022.yaml"), 0);
	fw = &f->imp.fws[0];
	assert_int_equal(fw->n_nodes, 140);
	assert_int_equal(count_assessable(fw), 123);
	for (int i = 0; i < fw->n_nodes; i++)
		soa += fw->nodes[i].in_soa;
	assert_int_equal(soa, 93); /* the Annex A controls: assessable and in the group SoA */
	assert_string_equal(fw->nodes[0].attributes, "{\"implementation_groups\":[\"Clauses\"]}");
	assert_non_null(n = node(fw, "urn:intuitem:risk:req_node:iso27001-2022:a.5.1"));
	assert_string_equal(n->ref_id, "A.5.1");
	assert_int_equal(n->in_soa, 1);
	assert_string_equal(n->attributes, "{\"implementation_groups\":[\"SoA\"]}");
	assert_int_equal(skipped(&f->rep, "reference controls"), 93);
	assert_int_equal(skipped(&f->rep, "links to reference controls"), 148);
	assert_int_equal(skipped(&f->rep, "translations"), 142); /* the library, the framework, 140 nodes */
	ciso_report_text(&f->rep, &sb);
	assert_non_null(strstr(sb.buf, "93 reference controls"));
	sb_release(&sb);
}

static void nist_csf_nodes_without_name_take_their_ref_id(void **state)
{
	struct fx *f = *state;
	const struct fw_def *fw;
	const struct fw_node *n;
	assert_int_equal(parse_file(f, "frameworks/nist-csf-2.0.yaml"), 0);
	fw = &f->imp.fws[0];
	assert_int_equal(fw->n_nodes, 134);
	assert_int_equal(count_assessable(fw), 106);
	assert_string_equal(fw->nodes[0].title, "GOVERN");
	assert_non_null(n = node(fw, "urn:intuitem:risk:req_node:nist-csf-2.0:gv.oc-01"));
	assert_string_equal(n->title, "GV.OC-01");
	assert_non_null(strstr(n->guidance, "The organizational mission is understood"));
}

static void soc2_2017_root_without_ref_id_and_residue(void **state)
{
	struct fx *f = *state;
	const struct fw_def *fw;
	assert_int_equal(parse_file(f, "frameworks/soc2-2017.yaml"), 0);
	fw = &f->imp.fws[0];
	assert_int_equal(fw->n_nodes, 371);
	assert_int_equal(count_assessable(fw), 358);
	assert_string_equal(fw->description, "a+B13"); /* imported as it is */
	assert_null(fw->nodes[0].ref_id);
	assert_null(fw->nodes[0].parent_urn);
	assert_string_equal(fw->nodes[0].title, "Control Environment");
}

static void gdpr_titles_from_descriptions(void **state)
{
	struct fx *f = *state;
	const struct fw_def *fw;
	const struct fw_node *n;
	size_t len;
	assert_int_equal(parse_file(f, "frameworks/gdpr.yaml"), 0);
	fw = &f->imp.fws[0];
	assert_int_equal(fw->n_nodes, 1090);
	assert_int_equal(count_assessable(fw), 287);
	assert_string_equal(fw->provider, "EU");
	/* a recital with neither name nor ref_id: titled by the start of its text, cut at a word */
	assert_non_null(n = node(fw, "urn:intuitem:risk:req_node:gdpr:node20"));
	assert_null(n->ref_id);
	len = strlen(n->title);
	assert_true(len <= 160 + 3);
	assert_memory_equal(n->title, "With regard to the processing of personal data", 46);
	assert_string_equal(n->title + len - 3, "\xE2\x80\xA6");
	assert_int_equal(n->title[len - 4] == ' ', 0);
	assert_true(strlen(n->guidance) > len);
}

static void the_other_frameworks(void **state)
{
	struct fx *f = *state;
	assert_int_equal(parse_file(f, "frameworks/nist-sp-800-53-rev5.yaml"), 0);
	assert_int_equal(parse_file(f, "frameworks/soc2_2017_with_rev_2022.yaml"), 0);
	assert_int_equal(f->imp.n_fws, 2);
	assert_int_equal(f->imp.fws[0].n_nodes, 1209);
	assert_int_equal(count_assessable(&f->imp.fws[0]), 1189);
	assert_int_equal(f->imp.fws[1].n_nodes, 375);
	assert_int_equal(count_assessable(&f->imp.fws[1]), 301);
}

static void older_single_mapping_set_key(void **state)
{
	struct fx *f = *state;
	const struct fw_mapping_set *set;
	int equal = 0, subset = 0, superset = 0, intersects = 0;
	assert_int_equal(parse_file(f, "mappings/mapping-iso27001-2013-to-iso27001-2022.yaml"), 0);
	assert_int_equal(f->imp.n_fws, 0);
	assert_int_equal(f->imp.n_sets, 1);
	set = &f->imp.sets[0];
	assert_string_equal(set->urn, "urn:intuitem:risk:req_mapping_set:iso27001-2013");
	assert_string_equal(set->name, "ISO/IEC 27001:2013 -> ISO/IEC 27001:2022");
	assert_int_equal(set->n, 134);
	for (int i = 0; i < set->n; i++) {
		const char *r = set->items[i].relationship;
		equal += strcmp(r, "equal") == 0;
		subset += strcmp(r, "subset") == 0;
		superset += strcmp(r, "superset") == 0;
		intersects += strcmp(r, "intersects") == 0;
	}
	assert_int_equal(equal, 77);
	assert_int_equal(subset, 48);
	assert_int_equal(superset, 6);
	assert_int_equal(intersects, 3); /* "intersect" in the file */
	assert_string_equal(set->items[0].source_urn, "urn:intuitem:risk:req_node:iso27001-2013:4.1");
	assert_string_equal(set->items[0].target_urn, "urn:intuitem:risk:req_node:iso27001-2022:4.1");
}

static void mapping_sets_forward_and_reverse(void **state)
{
	struct fx *f = *state;
	assert_int_equal(parse_file(f, "mappings/mapping-nist-csf-2.0-to-iso27001-2022.yaml"), 0);
	assert_int_equal(parse_file(f, "mappings/mapping-nist-sp-800-53-rev5-to-iso27001-2022.yaml"), 0);
	assert_int_equal(parse_file(f, "mappings/mapping-soc2-2017-rev-2022-to-iso27001-2022.yaml"), 0);
	assert_int_equal(f->imp.n_sets, 6);
	assert_int_equal(f->imp.sets[0].n, 343);
	assert_int_equal(f->imp.sets[1].n, 343);
	assert_string_equal(f->imp.sets[1].urn, "urn:intuitem:risk:req_mapping_set:nist-csf-2.0-to-iso27001-2022-revert");
	assert_string_equal(f->imp.sets[1].items[0].relationship, "intersects");
	assert_int_equal(f->imp.sets[2].n, 642);
	assert_int_equal(f->imp.sets[3].n, 642);
	assert_int_equal(f->imp.sets[4].n, 1405);
	assert_int_equal(f->imp.sets[5].n, 1405);
}

static void frameworks_and_their_mapping_in_one_import(void **state)
{
	struct fx *f = *state;
	assert_int_equal(parse_file(f, "frameworks/iso27001-2013.yaml"), 0);
	assert_int_equal(parse_file(f, "frameworks/iso27001-2022.yaml"), 0);
	assert_int_equal(parse_file(f, "mappings/mapping-iso27001-2013-to-iso27001-2022.yaml"), 0);
	assert_int_equal(f->imp.n_fws, 2);
	assert_int_equal(f->imp.n_sets, 1);
	assert_int_equal(f->imp.sets[0].n, 134);
}

static void a_library_of_reference_controls_only_is_refused(void **state)
{
	struct fx *f = *state;
	assert_int_equal(parse_file(f, "dependencies/key-reference-controls.yaml"), -1);
	assert_int_equal(f->e.status, 422);
	assert_string_equal(f->e.code, "invalid_library");
	assert_non_null(strstr(f->e.message, "key-reference-controls.yaml line "));
	assert_non_null(strstr(f->e.message, "holds no framework and no requirement mapping set"));
	assert_int_equal(f->rep.n, 0); /* what a refused file would have skipped is not counted */
}

static void a_truncated_library_is_refused_with_line_and_column(void **state)
{
	struct fx *f = *state;
	size_t len = 0;
	char *buf = slurp("frameworks/iso27001-2013.yaml", &len);
	assert_non_null(buf);
	/* cut inside the double-quoted description that starts on line 5 */
	assert_int_equal(ciso_parse_report(buf, 200, "iso27001-2013.yaml", NULL, &f->imp, &f->a, &f->rep, &f->e), -1);
	free(buf);
	assert_string_equal(f->e.code, "invalid_yaml");
	assert_string_equal(f->e.message, "iso27001-2013.yaml line 5, column 70: invalid YAML: found unexpected end "
					  "of stream while scanning a quoted scalar");
	assert_int_equal(f->imp.n_fws, 0);
}

/* Every prefix of a real library (one cut each 61 bytes, and of a mapping)
 * either reads or is refused with 422, and a refusal leaves imp as it was. */
static void every_truncation_reads_or_is_refused_cleanly(void **state)
{
	struct fx *f = *state;
	const char *files[] = { "frameworks/iso27001-2013.yaml", "mappings/mapping-iso27001-2013-to-iso27001-2022.yaml" };
	int refusals = 0;
	for (size_t k = 0; k < 2; k++) {
		size_t len = 0;
		char *buf = slurp(files[k], &len);
		assert_non_null(buf);
		for (size_t cut = 0; cut < len; cut += 61) {
			struct arena a = ARENA_INIT;
			struct fw_import imp = { 0 };
			struct err e = ERR_INIT;
			if (ciso_parse(buf, cut, "cut.yaml", NULL, NULL, &imp, &a, &e)) {
				refusals++;
				assert_int_equal(e.status, 422);
				assert_int_equal(imp.n_fws + imp.n_sets, 0);
				assert_non_null(strstr(e.message, "cut.yaml"));
			}
			arena_release(&a);
		}
		free(buf);
	}
	assert_true(refusals > 100);
	(void)f;
}

/* ---- quirks and refusals on small libraries ------------------------------------ */

#define LIB_HEAD "urn: urn:x:library:t\nref_id: T\nname: T lib\nversion: 3\nprovider: Us\nobjects:\n"

static void upper_case_urns_are_lower_cased(void **state)
{
	struct fx *f = *state;
	assert_int_equal(parse_text(f, LIB_HEAD "  framework:\n    urn: URN:X:Framework:T\n    name: T\n"
						"    requirement_nodes:\n"
						"    - urn: URN:X:Node:ROOT\n      name: Root\n"
						"    - urn: urn:x:node:A.1\n      parent_urn: urn:x:NODE:root\n"
						"      ref_id: A.1\n      assessable: True\n      depth: 2\n"
						"  requirement_mapping_set:\n    urn: URN:X:SET\n"
						"    source_framework_urn: URN:X:FRAMEWORK:T\n"
						"    target_framework_urn: urn:x:framework:t\n"
						"    requirement_mappings:\n"
						"    - source_requirement_urn: URN:X:NODE:A.1\n"
						"      target_requirement_urn: urn:x:node:root\n"
						"      relationship: superset\n"
						"    - source_requirement_urn: urn:x:node:a.1\n"
						"      target_requirement_urn: urn:x:node:root\n"
						"      relationship: not_related\n"),
			 0);
	assert_string_equal(f->imp.fws[0].urn, "urn:x:framework:t");
	assert_string_equal(f->imp.fws[0].ref_id, "T"); /* the library's */
	assert_string_equal(f->imp.fws[0].nodes[0].urn, "urn:x:node:root");
	assert_string_equal(f->imp.fws[0].nodes[1].urn, "urn:x:node:a.1");
	assert_string_equal(f->imp.fws[0].nodes[1].parent_urn, "urn:x:node:root");
	assert_int_equal(f->imp.fws[0].nodes[1].assessable, 1);
	assert_string_equal(f->imp.sets[0].urn, "urn:x:set");
	assert_int_equal(f->imp.sets[0].n, 1); /* not_related is left out */
	assert_string_equal(f->imp.sets[0].items[0].source_urn, "urn:x:node:a.1");
	assert_int_equal(skipped(&f->rep, "not_related mappings"), 1);
}

#define FW_HEAD LIB_HEAD "  framework:\n    urn: urn:x:fw\n    name: T\n    requirement_nodes:\n"

static void bad_libraries_name_the_place_and_import_nothing(void **state)
{
	struct fx *f = *state;
	expect_error(f, "objects: [a, b\n", "t.yaml line 2, column 1: invalid YAML: did not find expected ',' or ']'");
	expect_error(f, "- just\n- a list\n", "t.yaml line 1: not a CISO Assistant library");
	expect_error(f, LIB_HEAD "  threats: []\n", "t.yaml line 7: the library holds no framework and no requirement");
	expect_error(f, FW_HEAD "    - name: Nameless urn\n", "t.yaml line 11: a requirement node without urn");
	expect_error(f, FW_HEAD "    - urn: urn:x:n1\n      assessable: true\n",
		     "t.yaml line 11: requirement node urn:x:n1 has no name, ref_id or description");
	expect_error(f, FW_HEAD "    - urn: urn:x:child\n      parent_urn: urn:x:later\n      name: C\n"
				"    - urn: urn:x:later\n      name: L\n",
		     "t.yaml line 11: the parent_urn urn:x:later of urn:x:child is not a node defined before it");
	expect_error(f, FW_HEAD "    - urn: urn:x:n\n      name: A\n    - urn: URN:X:N\n      name: B\n",
		     "t.yaml line 13: the urn urn:x:n is used by two requirement nodes");
	expect_error(f, FW_HEAD "    - urn: urn:x:n\n      name: A\n      assessable: maybe\n",
		     "t.yaml line 13: assessable of urn:x:n must be true or false");
	expect_error(f, FW_HEAD "    - urn: urn:x:n\n      name: A\n      depth: deep\n",
		     "the depth of urn:x:n must be a whole number");
	expect_error(f, FW_HEAD "    - urn: urn:x:n\n      name: [A]\n", "t.yaml line 12: name must be text, not a list");
	expect_error(f, LIB_HEAD "  framework:\n    urn: urn:x:fw\n    name: T\n", "has no list of requirement_nodes");
	expect_error(f, LIB_HEAD "  requirement_mapping_set:\n    urn: urn:x:s\n    requirement_mappings:\n"
				 "    - source_requirement_urn: urn:a\n      target_requirement_urn: urn:b\n"
				 "      relationship: similar\n",
		     "t.yaml line 10: the relationship 'similar' is not one of equal");
	expect_error(f, LIB_HEAD "  requirement_mapping_sets:\n  - urn: urn:x:s\n    requirement_mappings:\n"
				 "    - target_requirement_urn: urn:b\n      relationship: equal\n",
		     "t.yaml line 10: a requirement mapping without source_requirement_urn");
	assert_int_equal(f->imp.n_fws, 0);
	assert_int_equal(f->imp.n_sets, 0);
}

static void dangling_mapping_urns_name_the_line(void **state)
{
	struct fx *f = *state;
	assert_int_equal(parse_file(f, "frameworks/iso27001-2013.yaml"), 0);
	assert_int_equal(parse_file(f, "frameworks/iso27001-2022.yaml"), 0);
	expect_error(f,
		     LIB_HEAD "  requirement_mapping_sets:\n  - urn: urn:x:s\n"
			      "    source_framework_urn: urn:intuitem:risk:framework:iso27001-2013\n"
			      "    target_framework_urn: urn:intuitem:risk:framework:iso27001-2022\n"
			      "    requirement_mappings:\n"
			      "    - source_requirement_urn: urn:intuitem:risk:req_node:iso27001-2013:4.1\n"
			      "      target_requirement_urn: urn:intuitem:risk:req_node:iso27001-2022:4.1\n"
			      "      relationship: equal\n"
			      "    - source_requirement_urn: urn:intuitem:risk:req_node:iso27001-2013:4.1\n"
			      "      target_requirement_urn: urn:intuitem:risk:req_node:iso27001-2022:a.5.99\n"
			      "      relationship: equal\n",
		     "t.yaml line 15: the target requirement urn:intuitem:risk:req_node:iso27001-2022:a.5.99 is not in "
		     "framework urn:intuitem:risk:framework:iso27001-2022");
	assert_int_equal(f->imp.n_fws, 2);
	assert_int_equal(f->imp.n_sets, 0);
}

/* ---- the YAML reader's limits -------------------------------------------------- */

static void yaml_limits(void **state)
{
	struct fx *f = *state;
	struct strbuf sb = STRBUF_INIT;
	/* a billion laughs in 56 aliases: eight anchors, each a list of eight aliases of the one before */
	sb_adds(&sb, "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
	for (int i = 1; i < 8; i++)
		sb_addf(&sb, "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i - 1, i - 1, i - 1,
			i - 1, i - 1, i - 1, i - 1, i - 1);
	expect_error(f, sb.buf, "aliases expand the document past 4000000 nodes: refused");
	sb_reset(&sb);
	sb_adds(&sb, "a: &a x\nb: [");
	for (int i = 0; i < YT_MAX_ANCHORS + 1; i++)
		sb_adds(&sb, "*a, ");
	sb_adds(&sb, "]\n");
	expect_error(f, sb.buf, "more than 64 aliases: refused");
	sb_reset(&sb);
	for (int i = 0; i < YT_MAX_DEPTH + 1; i++)
		sb_addc(&sb, '[');
	expect_error(f, sb.buf, "nested deeper than 64 levels: refused");
	sb_release(&sb);
	expect_error(f, "a: 1\nb: 2\na: 3\n", "t.yaml line 3, column 1: the key 'a' appears twice in one mapping");
	expect_error(f, "a: 1\n---\nb: 2\n", "t.yaml line 2, column 1: a second YAML document");
	expect_error(f, "a: *nowhere\n", "the alias *nowhere names no finished anchor before it");
	expect_error(f, "? [a]\n: b\n", "a mapping key must be a plain value");
	expect_error(f, "a: \"x\\0y\"\n", "the text holds a NUL character");
	expect_error(f, "", "t.yaml holds no YAML document");
	expect_error(f, "a: \xff\n", "t.yaml byte 3: not valid text");
}

static void yaml_scalars(void **state)
{
	struct fx *f = *state;
	struct yt_node *root;
	int b = -1;
	const char *doc = "a: null\nb: ~\nc: 'null'\nd: TRUE\ne: 'true'\nf:\n";
	assert_int_equal(yt_load(doc, strlen(doc), "t", &f->a, &root, &f->e), 0);
	assert_true(yt_is_null(yt_get(root, "a")));
	assert_true(yt_is_null(yt_get(root, "b")));
	assert_string_equal(yt_str(yt_get(root, "c")), "null"); /* quoted: text */
	assert_int_equal(yt_bool(yt_get(root, "d"), &b), 0);
	assert_int_equal(b, 1);
	assert_int_equal(yt_bool(yt_get(root, "e"), &b), -1); /* quoted: not a boolean */
	assert_true(yt_is_null(yt_get(root, "f")));
	assert_null(yt_get(root, "g"));
	assert_int_equal(yt_get(root, "d")->line, 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(iso27001_2013_roots_without_ref_id_or_depth, setup, teardown),
		cmocka_unit_test_setup_teardown(iso27001_2022_soa_rows_and_groups, setup, teardown),
		cmocka_unit_test_setup_teardown(nist_csf_nodes_without_name_take_their_ref_id, setup, teardown),
		cmocka_unit_test_setup_teardown(soc2_2017_root_without_ref_id_and_residue, setup, teardown),
		cmocka_unit_test_setup_teardown(gdpr_titles_from_descriptions, setup, teardown),
		cmocka_unit_test_setup_teardown(the_other_frameworks, setup, teardown),
		cmocka_unit_test_setup_teardown(older_single_mapping_set_key, setup, teardown),
		cmocka_unit_test_setup_teardown(mapping_sets_forward_and_reverse, setup, teardown),
		cmocka_unit_test_setup_teardown(frameworks_and_their_mapping_in_one_import, setup, teardown),
		cmocka_unit_test_setup_teardown(a_library_of_reference_controls_only_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(a_truncated_library_is_refused_with_line_and_column, setup, teardown),
		cmocka_unit_test_setup_teardown(every_truncation_reads_or_is_refused_cleanly, setup, teardown),
		cmocka_unit_test_setup_teardown(upper_case_urns_are_lower_cased, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_libraries_name_the_place_and_import_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(dangling_mapping_urns_name_the_line, setup, teardown),
		cmocka_unit_test_setup_teardown(yaml_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(yaml_scalars, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
