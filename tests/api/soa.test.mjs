// Statement of Applicability: the built-in ISO/IEC 27001:2022 gives 93 rows
// in its 4 themes; rows are decided through PUT /api/v1/soa/{id} under
// If-Match; an exclusion needs a justification; a control linked to the
// requirement and to a risk makes the row applicable for risk treatment and
// refuses its exclusion; approving freezes versions that compare row by
// row; stale versions, bad input and roles are refused with nothing
// changed; the CSV and the CLI read the same rows.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { addPeople, api, assertFieldError, assertProblem, cli, dbQuery, etag, startServer } from './harness.mjs';

let srv;
let fw;
const tok = {};
const uid = {};
before(async () => {
	srv = await startServer();
	await addPeople(srv, [['employee', 'employee'], ['auditor', 'auditor'], ['manager', 'isms_manager']], tok, uid);
	const r = await api(srv, 'POST', '/api/v1/frameworks/install', { body: { key: 'iso27001-2022' } });
	assert.equal(r.status, 201, r.text);
	fw = (await api(srv, 'GET', '/api/v1/frameworks')).json.items.find((f) => f.ref_id === 'ISO/IEC 27001:2022').id;
});
after(async () => { await srv?.stop(); });

const state = () => ['soa_entry', 'soa_version', 'audit_log'].map((t) => dbQuery(srv.db, `SELECT COUNT(*) FROM ${t}`)).join('/');
const soa = async (token = tok.manager) => {
	const r = await api(srv, 'GET', `/api/v1/frameworks/${fw}/soa`, { token });
	assert.equal(r.status, 200, r.text);
	return r.json;
};
const rows = (s) => s.groups.flatMap((g) => g.rows);
const rowOf = async (ref) => rows(await soa()).find((r) => r.ref_id === ref);

async function put(id, body, opts = {}) {
	const version = opts.version ?? (await api(srv, 'GET', `/api/v1/soa/${id}`)).json.version;
	return api(srv, 'PUT', `/api/v1/soa/${id}`, { token: opts.token ?? tok.manager, body, headers: { 'If-Match': etag(version) } });
}

describe('Statement of Applicability', () => {
	let a51, a52, a81;
	let v1;

	it('has the 93 Annex A controls in 4 themes, undecided, in document order', async () => {
		const s = await soa();
		assert.deepEqual(s.groups.map((g) => [g.ref_id, g.rows.length]), [['A.5', 37], ['A.6', 8], ['A.7', 14], ['A.8', 34]]);
		assert.deepEqual(s.counts, { rows: 93, groups: 4, applicable: 0, excluded: 0, undecided: 93, implemented: 0, implemented_percent: 0 });
		const all = rows(s);
		assert.equal(all[0].ref_id, 'A.5.1');
		assert.equal(all[92].ref_id, 'A.8.34');
		a51 = all[0];
		a52 = all[1];
		a81 = all.find((r) => r.ref_id === 'A.8.1');
		assert.equal(a51.applicable, null);
		assert.equal(a51.status, 'not_implemented');
		assert.equal(a51.status_source, 'row');
		assert.equal(a51.version, 0);
	});

	it('sets rows: applicable with reasons and status, excluded with a justification, audited', async () => {
		let r = await put(a51.requirement_id, { applicable: true, reasons: ['legal', 'business_practice'], status: 'implemented' }, { version: 0 });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.headers.get('etag'), '"1"');
		assert.equal(r.json.applicable, true);
		assert.deepEqual(r.json.reasons, ['legal', 'business_practice']);
		assert.equal(r.json.status, 'implemented');
		r = await put(a52.requirement_id, { applicable: false, justification: 'Roles are held by one person; see A.5.3.' });
		assert.equal(r.status, 200, r.text);
		const s = await soa();
		assert.equal(s.counts.applicable, 1);
		assert.equal(s.counts.excluded, 1);
		assert.equal(s.counts.implemented_percent, 100);
		const entry = (await api(srv, 'GET', `/api/v1/audit?action=soa_update&record_id=${a52.requirement_id}`)).json.items[0];
		assert.equal(entry.record_type, 'requirement');
		assert.equal(entry.before.applicable, null);
		assert.equal(entry.after.justification, 'Roles are held by one person; see A.5.3.');
	});

	it('refuses an exclusion without justification, bad input, stale and missing If-Match, changing nothing', async () => {
		const before = state();
		const row = await rowOf('A.5.3');
		let r = await put(row.requirement_id, { applicable: false });
		assertProblem(r, 422);
		assertFieldError(r.json, 'justification', 'required');
		r = await put(row.requirement_id, { applicable: false, justification: '   ' });
		assertFieldError(r.json, 'justification', 'required');
		r = await put(row.requirement_id, { applicable: true, reasons: ['because'] });
		assertFieldError(r.json, 'reasons', 'enum');
		r = await put(row.requirement_id, { applicable: 'yes' });
		assertFieldError(r.json, 'applicable', 'type');
		r = await put(row.requirement_id, { status: 'done' });
		assertFieldError(r.json, 'status', 'enum');
		r = await put(row.requirement_id, { applicable: true, colour: 'red' });
		assertProblem(r, 400);
		r = await put(a51.requirement_id, { status: 'planned' }, { version: 0 });
		assertProblem(r, 412);
		r = await api(srv, 'PUT', `/api/v1/soa/${row.requirement_id}`, { token: tok.manager, body: { applicable: true } });
		assertProblem(r, 428);
		r = await put(999999, { applicable: true }, { version: 0 });
		assertProblem(r, 404);
		const clause = dbQuery(srv.db, `SELECT id FROM requirement WHERE framework_id = ${fw} AND in_soa = 0 AND assessable = 1 LIMIT 1`);
		r = await put(clause, { applicable: true }, { version: 0 });
		assertProblem(r, 422);
		assert.equal(r.json.code, 'not_in_soa');
		assert.equal(state(), before);
		assert.equal((await rowOf('A.5.3')).applicable, null);
	});

	it('derives risk treatment from a control linked to the requirement and to a risk, and refuses the exclusion', async () => {
		const control = (await api(srv, 'POST', '/api/v1/controls', { body: { code: 'IAM-01', title: 'Access policy', status: 'partially_implemented' } })).json;
		let r = await api(srv, 'POST', `/api/v1/requirements/${a81.requirement_id}/controls`, { body: { id: control.id } });
		assert.equal(r.status, 201, r.text);
		let row = await rowOf('A.8.1');
		assert.equal(row.applicable, null);
		assert.equal(row.status, 'partially_implemented');
		assert.equal(row.status_source, 'controls');
		assert.deepEqual(row.controls.map((c) => c.code), ['IAM-01']);

		const risk = (await api(srv, 'POST', '/api/v1/risks', { body: { title: 'Stolen laptop' } })).json;
		r = await api(srv, 'POST', `/api/v1/risks/${risk.id}/links/controls`, { body: { id: control.id, relation: 'existing' } });
		assert.equal(r.status, 201, r.text);
		row = await rowOf('A.8.1');
		assert.equal(row.applicable, true);
		assert.deepEqual(row.reasons, ['risk_treatment']);
		assert.equal(row.risk_treatment_derived, true);
		assert.deepEqual(row.risks.map((k) => [k.id, k.title, k.control_id]), [[risk.id, 'Stolen laptop', control.id]]);

		const before = state();
		r = await put(a81.requirement_id, { applicable: false, justification: 'We have no laptops.' });
		assertProblem(r, 422);
		assertFieldError(r.json, 'applicable', 'risk_treatment');
		const msg = r.json.errors.find((x) => x.field === 'applicable').message;
		assert.match(msg, /Stolen laptop/);
		assert.match(msg, /IAM-01/);
		assert.equal(state(), before);
	});

	it('approves v1, a change, v2; compare v1 -> v2 shows exactly that change', async () => {
		let r = await api(srv, 'POST', `/api/v1/frameworks/${fw}/soa/versions`, { token: tok.manager, body: { note: 'Management review 2026' } });
		assert.equal(r.status, 201, r.text);
		v1 = r.json;
		assert.equal(v1.number, 1);
		assert.equal(v1.approved_by, uid.manager);
		assert.equal(v1.counts.applicable, 2);
		assert.equal(r.headers.get('location'), `/api/v1/frameworks/${fw}/soa/versions/1`);

		r = await put(a52.requirement_id, { applicable: true, reasons: ['contractual'], justification: null });
		assert.equal(r.status, 200, r.text);
		r = await api(srv, 'POST', `/api/v1/frameworks/${fw}/soa/versions`, { token: tok.manager, body: {} });
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.number, 2);

		const list = (await api(srv, 'GET', `/api/v1/frameworks/${fw}/soa/versions`, { token: tok.auditor })).json;
		assert.deepEqual(list.items.map((v) => v.number), [2, 1]);
		const one = (await api(srv, 'GET', `/api/v1/frameworks/${fw}/soa/versions/1`, { token: tok.auditor })).json;
		assert.equal(one.version.note, 'Management review 2026');
		assert.equal(one.soa.groups.flatMap((g) => g.rows).find((x) => x.ref_id === 'A.5.2').applicable, false);

		r = await api(srv, 'GET', `/api/v1/frameworks/${fw}/soa/compare?from=1&to=2`, { token: tok.auditor });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.counts, { added: 0, removed: 0, changed: 1, unchanged: 92 });
		assert.deepEqual(r.json.rows, [{
			requirement_id: a52.requirement_id, ref_id: 'A.5.2', title: a52.title, change: 'changed',
			changes: [
				{ field: 'applicable', before: false, after: true },
				{ field: 'reasons', before: [], after: ['contractual'] },
				{ field: 'justification', before: 'Roles are held by one person; see A.5.3.', after: null },
			],
		}]);
		// v2 and the current SoA agree
		r = await api(srv, 'GET', `/api/v1/frameworks/${fw}/soa/compare?from=2`, { token: tok.auditor });
		assert.equal(r.json.to, null);
		assert.equal(r.json.rows.length, 0);
		for (const q of ['from=1&to=1', 'from=9', 'to=1', 'from=x', 'from=1&colour=red']) {
			r = await api(srv, 'GET', `/api/v1/frameworks/${fw}/soa/compare?${q}`);
			assert.ok([400, 422].includes(r.status), `${q}: ${r.status}`);
		}
		r = await api(srv, 'GET', `/api/v1/frameworks/${fw}/soa/versions/9`);
		assertProblem(r, 404);
	});

	it('gives the SoA as CSV, with a header and one line per row', async () => {
		const r = await api(srv, 'GET', `/api/v1/frameworks/${fw}/soa?format=csv`, { token: tok.auditor });
		assert.equal(r.status, 200);
		assert.match(r.headers.get('content-type'), /^text\/csv/);
		const lines = r.text.trim().split('\r\n');
		assert.equal(lines.length, 94);
		assert.match(lines[0], /^group_ref,group_title,ref_id,title,applicable,reasons/);
		assert.match(lines.find((l) => l.includes(',A.8.1,')), /,yes,Risk treatment,yes,.*IAM-01 Access policy,Stolen laptop$/);
		assertProblem(await api(srv, 'GET', `/api/v1/frameworks/${fw}/soa?format=xml`), 400);
	});

	it('roles: employees are refused, auditors read, managers write', async () => {
		const before = state();
		assertProblem(await api(srv, 'GET', `/api/v1/frameworks/${fw}/soa`, { token: tok.employee }), 403);
		assertProblem(await api(srv, 'GET', `/api/v1/soa/${a51.requirement_id}`, { token: tok.employee }), 403);
		assert.equal((await api(srv, 'GET', `/api/v1/soa/${a51.requirement_id}`, { token: tok.auditor })).status, 200);
		assertProblem(await put(a51.requirement_id, { status: 'planned' }, { token: tok.auditor }), 403);
		assertProblem(await api(srv, 'POST', `/api/v1/frameworks/${fw}/soa/versions`, { token: tok.auditor, body: {} }), 403);
		assert.equal(state(), before);
	});

	it('the CLI shows, sets, approves, lists and compares the same rows', () => {
		let r = cli(srv, ['soa', 'set', '--db', srv.db, '--framework', String(fw), '--ref', 'A.6.1', '--applicable', 'no']);
		assert.equal(r.status, 1);
		assert.match(r.stderr, /justification/);
		r = cli(srv, ['soa', 'set', '--db', srv.db, '--framework', String(fw), '--ref', 'a.6.1', '--applicable', 'no',
			'--justification', 'No employees are hired.', '--as', 'manager@example.org']);
		assert.equal(r.status, 0, r.stderr);
		assert.equal(JSON.parse(r.stdout).applicable, false);
		r = cli(srv, ['soa', 'set', '--db', srv.db, '--framework', String(fw), '--ref', 'A.6.2', '--applicable', 'yes', '--as', 'auditor@example.org']);
		assert.equal(r.status, 1);
		r = cli(srv, ['soa', 'approve', '--db', srv.db, '--framework', String(fw), '--note', 'From the CLI']);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /version 3 approved/);
		r = cli(srv, ['soa', 'versions', '--db', srv.db, '--framework', String(fw)]);
		assert.equal(r.stdout.trim().split('\n').length, 3);
		r = cli(srv, ['soa', 'compare', '--db', srv.db, '--framework', String(fw), '--from', '2', '--to', '3']);
		assert.equal(r.status, 0, r.stderr);
		assert.deepEqual(JSON.parse(r.stdout).rows.map((x) => x.ref_id), ['A.6.1']);
		r = cli(srv, ['soa', 'show', '--db', srv.db, '--framework', String(fw)]);
		assert.equal(JSON.parse(r.stdout).counts.excluded, 1);
		r = cli(srv, ['soa', 'set', '--db', srv.db, '--framework', String(fw), '--ref', 'A.6.2', '--reason', 'luck']);
		assert.equal(r.status, 2);
	});
});
