/* test_oscal: the OSCAL parsers (src/isms/oscal_*.c) on NIST's SP 800-53
 * rev5 catalog and baselines ($ISMS_TESTDATA/oscal-content): the counts of
 * families, controls and enhancements, the four profiles resolved from disk,
 * JSON and XML giving the same nodes, parameters in the guidance, and bad
 * documents refused with the place named. No database: s is NULL. */
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
#include "isms/oscal_import.h"

#define REV5 "/oscal-content/nist.gov/SP800-53/rev5"

static const char *testdata(void)
{
	const char *d = getenv("ISMS_TESTDATA");
	return d ? d : "../shared/testdata";
}

static int load(const char *rel, struct strbuf *sb)
{
	char path[512];
	char chunk[65536];
	size_t n;
	FILE *f;
	snprintf(path, sizeof(path), "%s%s", testdata(), rel);
	if (!(f = fopen(path, "rb")))
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		sb_add(sb, chunk, n);
	fclose(f);
	return 0;
}

/* Parses rel (a file of testdata) as OSCAL with its folder as dir. */
static int parse_file(const char *rel, struct fw_import *imp, struct arena *a, struct err *e)
{
	struct strbuf sb = STRBUF_INIT;
	char dir[512];
	const char *slash = strrchr(rel, '/');
	int rc;
	memset(imp, 0, sizeof(*imp));
	assert_int_equal(load(rel, &sb), 0);
	snprintf(dir, sizeof(dir), "%s%.*s", testdata(), (int)(slash - rel), rel);
	rc = oscal_parse(sb.buf, sb.len, slash + 1, dir, NULL, imp, a, e);
	sb_release(&sb);
	return rc;
}

static int parse_text(const char *text, struct fw_import *imp, struct arena *a, struct err *e)
{
	memset(imp, 0, sizeof(*imp));
	err_clear(e);
	return oscal_parse(text, strlen(text), "t.json", NULL, NULL, imp, a, e);
}

static void counts(const struct fw_def *d, int *groups, int *controls, int *enhancements)
{
	*groups = *controls = *enhancements = 0;
	for (int i = 0; i < d->n_nodes; i++) {
		const struct fw_node *n = &d->nodes[i];
		if (!n->assessable)
			++*groups;
		else if (strchr(n->ref_id, '('))
			++*enhancements;
		else
			++*controls;
	}
}

static const struct fw_node *node(const struct fw_def *d, const char *ref)
{
	for (int i = 0; i < d->n_nodes; i++)
		if (d->nodes[i].ref_id && strcmp(d->nodes[i].ref_id, ref) == 0)
			return &d->nodes[i];
	return NULL;
}

static void catalog_counts_json_and_xml_agree(void **state)
{
	struct arena a = ARENA_INIT;
	struct fw_import j, x;
	struct err e = ERR_INIT;
	int g, c, en;
	(void)state;
	assert_int_equal(parse_file(REV5 "/json/NIST_SP-800-53_rev5_catalog.json", &j, &a, &e), 0);
	assert_int_equal(parse_file(REV5 "/xml/NIST_SP-800-53_rev5_catalog.xml", &x, &a, &e), 0);
	assert_int_equal(j.n_fws, 1);
	assert_int_equal(x.n_fws, 1);
	counts(&j.fws[0], &g, &c, &en);
	assert_int_equal(g, 20);
	assert_int_equal(c, 298); /* of 322: 24 withdrawn */
	assert_int_equal(en, 709); /* of 867: 158 withdrawn */
	assert_int_equal(c + en, 1007);
	assert_string_equal(j.fws[0].urn, x.fws[0].urn);
	assert_string_equal(j.fws[0].name, x.fws[0].name);
	assert_string_equal(j.fws[0].version, "5.0.1");
	assert_int_equal(j.fws[0].n_nodes, x.fws[0].n_nodes);
	for (int i = 0; i < j.fws[0].n_nodes; i++) {
		const struct fw_node *a1 = &j.fws[0].nodes[i], *b1 = &x.fws[0].nodes[i];
		assert_string_equal(a1->urn, b1->urn);
		assert_string_equal(a1->ref_id, b1->ref_id);
		assert_string_equal(a1->title, b1->title);
		if (a1->parent_urn || b1->parent_urn)
			assert_string_equal(a1->parent_urn, b1->parent_urn);
		if (a1->guidance || b1->guidance) {
			if (!a1->guidance || !b1->guidance || strcmp(a1->guidance, b1->guidance) != 0)
				fail_msg("%s: guidance differs:\nJSON: %s\nXML:  %s", a1->ref_id, a1->guidance,
					 b1->guidance);
		}
	}
	{
		const struct fw_node *ac2_1 = node(&j.fws[0], "AC-2(1)"), *ac1 = node(&j.fws[0], "AC-1");
		assert_non_null(ac2_1);
		assert_string_equal(ac2_1->parent_urn,
				    "urn:oscal:catalog:nist-special-publication-800-53-revision-5-security-and-privacy-"
				    "controls-for:ac-2");
		assert_string_equal(ac2_1->title, "Automated System Account Management");
		assert_int_equal(ac2_1->assessable, 1);
		assert_non_null(strstr(ac1->guidance, "[Assignment: organization-defined personnel or roles]"));
		assert_non_null(strstr(ac1->guidance, "[Selection (one or more): Organization-level; "
						      "Mission/business process-level; System-level]"));
		assert_int_equal(strncmp(ac1->guidance, "a. Develop, document, and disseminate to [Assignment: ", 54), 0);
		assert_non_null(strstr(ac1->guidance, ":\n  1. [Selection (one or more): "));
		assert_non_null(strstr(ac1->guidance, "\nb. Designate an [Assignment: organization-defined official]"));
		assert_null(node(&j.fws[0], "AC-2(10)")); /* withdrawn */
	}
	arena_release(&a);
}

static void profiles_select_their_controls(void **state)
{
	static const struct {
		const char *level;
		int controls, enhancements;
	} want[] = { { "LOW", 131, 18 }, { "MODERATE", 177, 110 }, { "HIGH", 188, 182 }, { "PRIVACY", 75, 21 } };
	(void)state;
	for (size_t k = 0; k < sizeof(want) / sizeof(want[0]); k++) {
		for (int xml = 0; xml < 2; xml++) {
			struct arena a = ARENA_INIT;
			struct fw_import imp;
			struct err e = ERR_INIT;
			char rel[256];
			int g, c, en;
			snprintf(rel, sizeof(rel), REV5 "/%s/NIST_SP-800-53_rev5_%s-baseline_profile.%s",
				 xml ? "xml" : "json", want[k].level, xml ? "xml" : "json");
			if (parse_file(rel, &imp, &a, &e))
				fail_msg("%s: %s", rel, e.message);
			assert_int_equal(imp.n_fws, 2); /* the catalog comes along */
			assert_string_equal(imp.fws[0].source, xml ? "NIST_SP-800-53_rev5_catalog.xml"
								   : "NIST_SP-800-53_rev5_catalog.json");
			assert_string_equal(imp.fws[1].base_urn, imp.fws[0].urn);
			counts(&imp.fws[1], &g, &c, &en);
			if (c != want[k].controls || en != want[k].enhancements)
				fail_msg("%s: %d controls and %d enhancements, expected %d and %d", rel, c, en,
					 want[k].controls, want[k].enhancements);
			assert_int_equal(imp.n_sets, 1);
			assert_int_equal(imp.sets[0].n, c + en);
			assert_string_equal(imp.sets[0].items[0].relationship, "equal");
			arena_release(&a);
		}
	}
}

static void bad_documents_name_the_place(void **state)
{
	struct arena a = ARENA_INIT;
	struct fw_import imp;
	struct err e = ERR_INIT;
	(void)state;
	assert_int_equal(parse_text("{\"catalog\": {\"uuid\": \"x\", \"metadata\": {\"title\": \"T\"}, \"groups\": [",
				    &imp, &a, &e),
			 -1);
	assert_int_equal(e.status, 422);
	assert_non_null(strstr(e.message, "not valid JSON"));
	assert_non_null(strstr(e.message, "line 1"));

	assert_int_equal(parse_text("{\"component-definition\": {}}", &imp, &a, &e), -1);
	assert_non_null(strstr(e.message, "neither an OSCAL catalog nor a profile"));
	assert_non_null(strstr(e.message, "component-definition"));

	assert_int_equal(parse_text("{\"catalog\": {\"metadata\": {\"title\": \"T\"}, \"groups\": [{\"id\": \"g\", "
				    "\"title\": \"G\", \"controls\": [{\"id\": \"c-1\", \"title\": \"C\"}, "
				    "{\"title\": \"No id\"}]}]}}",
				    &imp, &a, &e),
			 -1);
	assert_non_null(strstr(e.message, "catalog.groups[0].controls[1]: a control has no id"));
	assert_true(e.nfields == 1 && strcmp(e.fields[0].field, "file") == 0);

	assert_int_equal(parse_text("{\"catalog\": {\"metadata\": {\"title\": \"T\"}, \"controls\": [{\"id\": \"c-1\"}]}}",
				    &imp, &a, &e),
			 -1);
	assert_non_null(strstr(e.message, "catalog.controls[0]: control c-1 has no title"));

	assert_int_equal(parse_text("<?xml version=\"1.0\"?>\n<catalog xmlns=\"http://csrc.nist.gov/ns/oscal/1.0\">\n"
				    "<metadata><title>T</title></metadata>\n<control id=\"a-1\"><title>A",
				    &imp, &a, &e),
			 -1);
	assert_non_null(strstr(e.message, "not well-formed XML"));
	assert_non_null(strstr(e.message, "line 4"));

	assert_int_equal(parse_text("<catalog><metadata><title>T</title></metadata>\n<group id=\"g\"><title>G</title>\n"
				    "<control><title>No id</title></control></group></catalog>",
				    &imp, &a, &e),
			 -1);
	assert_non_null(strstr(e.message, "line 3: a control has no id"));

	assert_int_equal(parse_text("<!DOCTYPE catalog [<!ENTITY x \"y\">]><catalog/>", &imp, &a, &e), -1);
	assert_non_null(strstr(e.message, "DTD"));

	assert_int_equal(parse_text("title: not oscal", &imp, &a, &e), -1);
	assert_non_null(strstr(e.message, "neither JSON nor XML"));

	/* a profile whose catalog is nowhere: dir NULL and no database */
	assert_int_equal(parse_text("{\"profile\": {\"metadata\": {\"title\": \"P\"}, \"imports\": [{\"href\": "
				    "\"#r1\", \"include-all\": {}}], \"back-matter\": {\"resources\": [{\"uuid\": \"r1\", "
				    "\"rlinks\": [{\"href\": \"cat.json\"}, {\"href\": \"cat.xml\"}]}]}}}",
				    &imp, &a, &e),
			 -1);
	assert_non_null(strstr(e.message, "profile.imports[0]: the profile's catalog cannot be found (tried cat.json, "
					  "cat.xml"));
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(catalog_counts_json_and_xml_agree),
		cmocka_unit_test(profiles_select_their_controls),
		cmocka_unit_test(bad_documents_name_the_place),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
