/* test_soa: the Statement of Applicability (src/isms/soa.c, soa_version.c)
 * on a fresh SQLite database with a small framework of two themes and
 * three in_soa controls: rows in document order and groups, decisions,
 * the refusals that write nothing, risk treatment derived from a risk
 * linked to a control linked to a row, the status derived from controls,
 * stale versions, approving and comparing versions. */
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/arena.h"
#include "isms/framework.h"
#include "isms/soa.h"
#include "store/store.h"
#include "unit_fixture.h"

static void node(struct fw_def *d, struct arena *a, const char *urn, const char *parent, const char *ref,
		 const char *title, int assessable, int in_soa)
{
	struct fw_node *n = fw_def_add_node(d, a);
	n->urn = urn;
	n->parent_urn = parent;
	n->ref_id = ref;
	n->title = title;
	n->assessable = assessable;
	n->in_soa = in_soa;
}

static void run(struct store *s, const char *sql)
{
	struct err e = ERR_INIT;
	if (store_exec(s, sql, &e))
		fail_msg("%s: %s", sql, e.message);
}

/* Annex X: theme 5 (X.5.1, X.5.2), theme 6 (X.6.1); a clause that is not in the SoA. */
static int64_t install(struct fx *f)
{
	struct fw_import imp = { 0 };
	struct fw_import_result res;
	struct err e = ERR_INIT;
	struct fw_def *d = fw_import_add_framework(&imp, &f->a);
	imp.origin = "test";
	imp.file = "soa-test";
	d->urn = "urn:t:soa";
	d->ref_id = "T-SOA";
	d->name = "SoA test framework";
	node(d, &f->a, "urn:t:soa:4", NULL, "4", "Context", 1, 0);
	node(d, &f->a, "urn:t:soa:x", NULL, NULL, "Annex X", 0, 0);
	node(d, &f->a, "urn:t:soa:x.5", "urn:t:soa:x", "X.5", "Organisational", 0, 0);
	node(d, &f->a, "urn:t:soa:x.5.1", "urn:t:soa:x.5", "X.5.1", "Policies", 1, 1);
	node(d, &f->a, "urn:t:soa:x.5.2", "urn:t:soa:x.5", "X.5.2", "Roles", 1, 1);
	node(d, &f->a, "urn:t:soa:x.6", "urn:t:soa:x", "X.6", "People", 0, 0);
	node(d, &f->a, "urn:t:soa:x.6.1", "urn:t:soa:x.6", "X.6.1", "Screening", 1, 1);
	assert_int_equal(framework_import_save(f->s, &manager, &imp, &res, NULL, NULL, &e), 0);
	return res.first_framework_id;
}

static int64_t req_id(struct fx *f, int64_t fw, const char *ref)
{
	struct requirement r;
	struct err e = ERR_INIT;
	assert_int_equal(requirement_by_ref(f->s, fw, ref, &f->a, &r, &e), 0);
	return r.id;
}

static void rows_groups_and_counts(void **state)
{
	struct fx *f = *state;
	struct soa soa;
	struct err e = ERR_INIT;
	int64_t fw = install(f);
	assert_int_equal(soa_read(f->s, fw, &f->a, &soa, &e), 0);
	assert_int_equal(soa.n, 3);
	assert_string_equal(soa.rows[0].ref_id, "X.5.1");
	assert_string_equal(soa.rows[2].ref_id, "X.6.1");
	assert_string_equal(soa.rows[0].group_title, "Organisational");
	assert_string_equal(soa.rows[2].group_ref, "X.6");
	assert_int_equal(soa.counts.groups, 2);
	assert_int_equal(soa.counts.undecided, 3);
	assert_int_equal(soa.rows[0].applicable, SOA_UNDECIDED);
	assert_string_equal(soa.rows[0].status, "not_implemented");
	assert_string_equal(soa.rows[0].status_source, "row");
	/* a clause outside the SoA is no row */
	assert_int_equal(soa_row_read(f->s, req_id(f, fw, "4"), &f->a, &soa.rows[0], &e), -1);
	assert_int_equal(e.status, 422);
	err_clear(&e);
	assert_int_equal(soa_read(f->s, 999, &f->a, &soa, &e), -1);
	assert_int_equal(e.status, 404);
}

static void update_refusals_write_nothing_and_stale_is_412(void **state)
{
	struct fx *f = *state;
	static const struct actor auditor = { 1, ROLE_AUDITOR, "m@example.org", "M" };
	struct soa_change c = { 0 };
	struct soa_row row;
	struct err e = ERR_INIT;
	int64_t fw = install(f), x51 = req_id(f, fw, "X.5.1");
	int64_t audits = count(f->s, "SELECT COUNT(*) FROM audit_log");

	c.set_applicable = 1;
	c.applicable = 0; /* excluded without a justification */
	assert_int_equal(soa_update(f->s, &manager, x51, 0, &c, &f->a, &row, &e), -1);
	assert_int_equal(e.status, 422);
	assert_true(err_has_field(&e, "justification"));
	err_clear(&e);
	c.set_status = 1;
	c.status = "done";
	c.set_justification = 1;
	c.justification = "We have no staff.";
	assert_int_equal(soa_update(f->s, &manager, x51, 0, &c, &f->a, &row, &e), -1);
	assert_true(err_has_field(&e, "status"));
	err_clear(&e);
	c.status = "implemented";
	assert_int_equal(soa_update(f->s, &auditor, x51, 0, &c, &f->a, &row, &e), -1);
	assert_int_equal(e.status, 403);
	err_clear(&e);
	assert_int_equal(soa_update(f->s, &manager, x51, 3, &c, &f->a, &row, &e), -1);
	assert_int_equal(e.status, 412);
	err_clear(&e);
	assert_int_equal(count(f->s, "SELECT COUNT(*) FROM soa_entry"), 0);
	assert_int_equal(count(f->s, "SELECT COUNT(*) FROM audit_log"), audits);

	assert_int_equal(soa_update(f->s, &manager, x51, 0, &c, &f->a, &row, &e), 0);
	assert_int_equal(row.applicable, 0);
	assert_int_equal(row.version, 1);
	assert_string_equal(row.justification, "We have no staff.");
	assert_int_equal(count(f->s, "SELECT COUNT(*) FROM audit_log WHERE action = 'soa_update'"), 1);
	/* the version the caller read is now stale */
	assert_int_equal(soa_update(f->s, &manager, x51, 0, &c, &f->a, &row, &e), -1);
	assert_int_equal(e.status, 412);
}

static void risk_treatment_and_status_are_derived(void **state)
{
	struct fx *f = *state;
	struct soa_change c = { 0 };
	struct soa_row row;
	struct soa soa;
	struct err e = ERR_INIT;
	int64_t fw = install(f), x52 = req_id(f, fw, "X.5.2");
	char sql[512];

	run(f->s, "INSERT INTO control (id, code, title, status, created_at, updated_at) VALUES "
		  "(1, 'C-1', 'Role matrix', 'implemented', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'), "
		  "(2, 'C-2', 'Deputies', 'planned', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
	snprintf(sql, sizeof(sql), "INSERT INTO control_requirement (control_id, requirement_id, created_at) VALUES "
		 "(1, %lld, '2026-01-01T00:00:00Z'), (2, %lld, '2026-01-01T00:00:00Z')", (long long)x52, (long long)x52);
	run(f->s, sql);
	assert_int_equal(soa_row_read(f->s, x52, &f->a, &row, &e), 0);
	assert_string_equal(row.status, "partially_implemented");
	assert_string_equal(row.status_source, "controls");
	assert_int_equal(row.n_controls, 2);
	assert_int_equal(row.risk_derived, 0);
	assert_int_equal(row.applicable, SOA_UNDECIDED);

	run(f->s, "INSERT INTO risk (id, title, residual_level, created_at, updated_at) VALUES "
		  "(7, 'Fraud by one person', 'high', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
	run(f->s, "INSERT INTO link_risk_control (from_id, to_id, relation, created_at) VALUES "
		  "(7, 1, 'existing', '2026-01-01T00:00:00Z'), (7, 2, 'planned', '2026-01-01T00:00:00Z')");
	assert_int_equal(soa_read(f->s, fw, &f->a, &soa, &e), 0);
	assert_int_equal(soa.rows[1].applicable, 1);
	assert_int_equal(soa.rows[1].reasons[SOA_RISK], 1);
	assert_int_equal(soa.rows[1].decided_reasons[SOA_RISK], 0);
	assert_int_equal(soa.rows[1].n_risks, 1); /* one risk through two controls */
	assert_string_equal(soa.rows[1].risks[0].residual_level, "high");
	assert_int_equal(soa.counts.applicable, 1);

	c.set_applicable = 1;
	c.applicable = 0;
	c.set_justification = 1;
	c.justification = "Not needed.";
	assert_int_equal(soa_update(f->s, &manager, x52, -1, &c, &f->a, &row, &e), -1);
	assert_true(err_has_field(&e, "applicable"));
	assert_non_null(strstr(e.fields[0].message, "Fraud by one person"));
	assert_non_null(strstr(e.fields[0].message, "C-1"));
	assert_int_equal(count(f->s, "SELECT COUNT(*) FROM soa_entry"), 0);
	err_clear(&e);

	/* controls all implemented: implemented; archived ones do not count */
	run(f->s, "UPDATE control SET archived = 1 WHERE id = 2");
	assert_int_equal(soa_row_read(f->s, x52, &f->a, &row, &e), 0);
	assert_string_equal(row.status, "implemented");
	/* the risk archived: no longer derived */
	run(f->s, "UPDATE risk SET archived = 1 WHERE id = 7");
	assert_int_equal(soa_row_read(f->s, x52, &f->a, &row, &e), 0);
	assert_int_equal(row.risk_derived, 0);
	assert_int_equal(row.applicable, SOA_UNDECIDED);
}

static void approve_and_compare(void **state)
{
	struct fx *f = *state;
	struct soa_change c = { 0 };
	struct soa_version v1, v2, got;
	struct soa cur, s1, s2;
	struct soa_diff d;
	struct soa_row row;
	struct err e = ERR_INIT;
	int64_t fw = install(f), x61 = req_id(f, fw, "X.6.1");

	c.set_applicable = 1;
	c.applicable = 1;
	c.set_reasons = 1;
	c.reasons[SOA_LEGAL] = 1;
	assert_int_equal(soa_update(f->s, &manager, x61, -1, &c, &f->a, &row, &e), 0);
	assert_int_equal(soa_approve(f->s, &manager, fw, "First approval", &f->a, &v1, &e), 0);
	assert_int_equal(v1.number, 1);
	assert_int_equal(v1.counts.applicable, 1);
	memset(&c, 0, sizeof(c));
	c.set_status = 1;
	c.status = "implemented";
	assert_int_equal(soa_update(f->s, &manager, x61, 1, &c, &f->a, &row, &e), 0);
	assert_int_equal(soa_approve(f->s, &manager, fw, NULL, &f->a, &v2, &e), 0);
	assert_int_equal(v2.number, 2);
	assert_int_equal(count(f->s, "SELECT COUNT(*) FROM audit_log WHERE action = 'soa_approve'"), 2);

	assert_int_equal(soa_version_get(f->s, fw, 1, NULL, &f->a, &got, &s1, &e), 0);
	assert_string_equal(got.note, "First approval");
	assert_int_equal(s1.n, 3);
	assert_int_equal(s1.rows[2].reasons[SOA_LEGAL], 1);
	assert_int_equal(soa_version_get(f->s, fw, 2, NULL, &f->a, &got, &s2, &e), 0);
	soa_compare(&s1, &s2, &f->a, &d);
	assert_int_equal(d.changed, 1);
	assert_int_equal(d.unchanged, 2);
	assert_int_equal(d.added + d.removed, 0);
	assert_int_equal(d.rows[0].changed, 1u << SOA_F_STATUS);
	assert_string_equal(d.rows[0].from->status, "not_implemented");
	assert_string_equal(d.rows[0].to->status, "implemented");
	/* version 2 and the current SoA agree */
	assert_int_equal(soa_read(f->s, fw, &f->a, &cur, &e), 0);
	soa_compare(&s2, &cur, &f->a, &d);
	assert_int_equal(d.n, 0);
	/* a row missing from one side is added / removed */
	s1.n = 2;
	soa_compare(&s1, &cur, &f->a, &d);
	assert_int_equal(d.added, 1);
	assert_null(d.rows[d.n - 1].from);
	assert_int_equal(soa_version_get(f->s, fw, 3, "to", &f->a, &got, &s1, &e), -1);
	assert_true(err_has_field(&e, "to"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(rows_groups_and_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(update_refusals_write_nothing_and_stale_is_412, setup, teardown),
		cmocka_unit_test_setup_teardown(risk_treatment_and_status_are_derived, setup, teardown),
		cmocka_unit_test_setup_teardown(approve_and_compare, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
