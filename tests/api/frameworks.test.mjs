// Frameworks and the gap analysis (src/isms/framework*.c, gap.c,
// requirement_link.c): the built-in library installed through the API and
// the CLI with its exact counts; assessments recorded with If-Match and
// refused when wrong, stale or on a grouping node; controls linked to
// requirements (by the control's owner, not by others); the figures per
// section and overall, with coverage through mappings; every refusal
// changes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { addUser, api, assertFieldError, assertProblem, cli, createToken, startServer } from './harness.mjs';

let srv;
const tokens = {};
const ids = {};
let iso22, iso13, csf;
const reqs = async (fw) => (await api(srv, 'GET', `/api/v1/frameworks/${fw}/requirements`)).json;
const byRef = async (fw, ref) => (await reqs(fw)).requirements.find((r) => r.ref_id === ref);
const auditCount = async (action) => (await api(srv, 'GET', `/api/v1/audit?action=${action}&limit=100`)).json.items.length;

before(async () => {
	srv = await startServer();
	for (const role of ['employee', 'auditor', 'owner', 'isms_manager']) {
		addUser(srv, `${role}@example.org`, role, `Long-enough-${role}-password`);
		tokens[role] = createToken(srv, `${role}@example.org`);
		ids[role] = (await api(srv, 'GET', '/api/v1/me', { token: tokens[role] })).json.id;
	}
});
after(async () => srv?.stop());

describe('the built-in library', () => {
	it('lists five entries, none installed', async () => {
		const r = await api(srv, 'GET', '/api/v1/framework-library', { token: tokens.auditor });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.items.map((i) => [i.key, i.kind, i.installed]), [
			['iso27001-2022', 'framework', false], ['iso27001-2013', 'framework', false],
			['nist-csf-2.0', 'framework', false], ['iso27001-2013-to-2022', 'mapping', false],
			['nist-csf-2.0-to-iso27001-2022', 'mapping', false],
		]);
	});

	it('installs ISO/IEC 27001:2022 with clauses and the 93 Annex A controls in four themes', async () => {
		assertProblem(await api(srv, 'POST', '/api/v1/frameworks/install', { token: tokens.owner, body: { key: 'iso27001-2022' } }), 403);
		const r = await api(srv, 'POST', '/api/v1/frameworks/install', { token: tokens.isms_manager, body: { key: 'iso27001-2022' } });
		assert.equal(r.status, 201, r.text);
		iso22 = r.json.framework_id;
		assert.deepEqual([r.json.frameworks, r.json.mappings], [1, 0]);
		const g = await reqs(iso22);
		const annex = g.requirements.filter((q) => /^A\.\d+\.\d+$/.test(q.ref_id ?? ''));
		assert.equal(annex.length, 93);
		const themes = {};
		for (const q of annex) themes[q.ref_id.split('.')[1]] = (themes[q.ref_id.split('.')[1]] ?? 0) + 1;
		assert.deepEqual(themes, { 5: 37, 6: 8, 7: 14, 8: 34 });
		assert.equal(g.overall.assessable, 93 + g.requirements.filter((q) => q.assessable && !/^A\./.test(q.ref_id ?? '')).length);
		assert.equal(g.overall.percent_complete, 0);
		const a85 = await api(srv, 'GET', `/api/v1/requirements/${annex.find((q) => q.ref_id === 'A.8.5').id}`);
		assert.equal(a85.json.title, 'Secure authentication');
		assert.equal(a85.json.in_soa, true);
		assert.deepEqual(Object.keys(a85.json.attributes).sort(), ['control_type', 'cybersecurity_concepts',
			'operational_capabilities', 'security_domains', 'security_properties']);
		const again = await api(srv, 'POST', '/api/v1/frameworks/install', { body: { key: 'iso27001-2022' } });
		assertProblem(again, 409);
		assertProblem(await api(srv, 'POST', '/api/v1/frameworks/install', { body: { key: 'iso-9001' } }), 404);
		assertProblem(await api(srv, 'POST', '/api/v1/frameworks/install', { body: { key: 5 } }), 422);
		assert.equal((await api(srv, 'GET', '/api/v1/frameworks')).json.total, 1);
	});

	it('installs a mapping through the CLI, bringing the 2013 framework along; CSF through the API', async () => {
		const r = cli(srv, ['framework', 'install', 'iso27001-2013-to-2022', '--db', srv.db]);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /^imported 1 framework, 163 requirements, 114 mappings in \d+ ms/);
		const c = await api(srv, 'POST', '/api/v1/frameworks/install', { body: { key: 'nist-csf-2.0-to-iso27001-2022' } });
		assert.equal(c.status, 201, c.text);
		assert.deepEqual([c.json.frameworks, c.json.requirements, c.json.mappings], [1, 134, 341]);
		const fws = (await api(srv, 'GET', '/api/v1/frameworks')).json.items;
		iso13 = fws.find((f) => f.ref_id === 'ISO/IEC 27001:2013').id;
		csf = fws.find((f) => f.ref_id === 'NIST CSF 2.0').id;
		const g13 = await reqs(iso13);
		assert.equal(g13.requirements.filter((q) => q.assessable).length, 114);
		const gc = await reqs(csf);
		assert.deepEqual([gc.requirements.filter((q) => q.depth === 1).length, gc.requirements.filter((q) => q.depth === 2).length,
			gc.requirements.filter((q) => q.assessable).length], [6, 22, 106]);
		assert.equal(await auditCount('framework_import'), 3);
	});
});

describe('the gap analysis', () => {
	it('records an assessment, refuses bad ones and stale versions, changing nothing', async () => {
		const a51 = await byRef(iso22, 'A.5.1');
		const url = `/api/v1/requirements/${a51.id}/assessment`;
		assertProblem(await api(srv, 'PUT', url, { token: tokens.owner, body: { status: 'met' } }), 403);
		const bad = await api(srv, 'PUT', url, { body: { status: 'done' } });
		assertFieldError(bad.json, 'status', 'enum');
		assertProblem(await api(srv, 'PUT', url, { body: { status: 'met', colour: 'red' } }), 400);
		assertProblem(await api(srv, 'PUT', url, { body: { status: 'met', evidence: 'x'.repeat(8001) } }), 422);
		const theme = await byRef(iso22, 'A.5');
		const grp = await api(srv, 'PUT', `/api/v1/requirements/${theme.id}/assessment`, { body: { status: 'met' } });
		assertProblem(grp, 422);
		assert.match(grp.json.detail, /groups other requirements/);
		assertProblem(await api(srv, 'PUT', '/api/v1/requirements/999999/assessment', { body: { status: 'met' } }), 404);
		assert.equal((await byRef(iso22, 'A.5.1')).version, 0, 'nothing saved');

		let r = await api(srv, 'PUT', url, { token: tokens.isms_manager, body: { status: 'partial', evidence: 'Draft policy' } });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual([r.json.assessment.status, r.json.assessment.version, r.json.assessment.assessed_by],
			['partial', 1, 'isms manager']);
		r = await api(srv, 'PUT', url, { headers: { 'If-Match': '"7"' }, body: { status: 'met' } });
		assertProblem(r, 412);
		r = await api(srv, 'PUT', url, { headers: { 'If-Match': '"1"' }, body: { status: 'met', evidence: 'Policy v3 approved' } });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual([r.json.assessment.status, r.json.assessment.version], ['met', 2]);
		assert.equal(await auditCount('requirement_assess'), 2);
	});

	it('links controls by their owner, counts them, and refuses others', async () => {
		const own = await api(srv, 'POST', '/api/v1/controls', { body: { code: 'C-1', title: 'MFA', status: 'implemented', owner: ids.owner } });
		const other = await api(srv, 'POST', '/api/v1/controls', { body: { code: 'C-2', title: 'Backups', status: 'partially_implemented' } });
		const a85 = await byRef(iso22, 'A.8.5');
		const a813 = await byRef(iso22, 'A.8.13');
		let r = await api(srv, 'POST', `/api/v1/requirements/${a85.id}/controls`, { token: tokens.owner, body: { id: own.json.id } });
		assert.equal(r.status, 201, r.text);
		assert.deepEqual(r.json.controls.map((c) => c.code), ['C-1']);
		r = await api(srv, 'POST', `/api/v1/requirements/${a813.id}/controls`, { token: tokens.owner, body: { id: other.json.id } });
		assertProblem(r, 403);
		assertProblem(await api(srv, 'POST', `/api/v1/requirements/${a85.id}/controls`, { body: { id: own.json.id } }), 409);
		assertFieldError((await api(srv, 'POST', `/api/v1/requirements/999999/controls`, { body: { id: own.json.id } })).json,
			'requirement_id', 'reference');
		const l = cli(srv, ['control', 'link', '--db', srv.db, '--id', String(other.json.id), '--framework', String(iso22), '--ref', 'a.8.13']);
		assert.equal(l.status, 0, l.stderr);
		assert.equal((await api(srv, 'GET', `/api/v1/controls/${own.json.id}/requirements`)).json.items[0].ref_id, 'A.8.5');

		const g = await reqs(iso22);
		const row = (ref) => g.requirements.find((q) => q.ref_id === ref);
		assert.deepEqual([row('A.8.5').effective_status, row('A.8.5').source], ['met', 'controls']);
		assert.deepEqual([row('A.8.13').effective_status, row('A.8.13').source], ['partial', 'controls']);
		assert.deepEqual([row('A.5.1').effective_status, row('A.5.1').source], ['met', 'assessment']);
		assert.deepEqual([g.overall.met, g.overall.partial], [2, 1]);
		const annex = g.sections.find((s) => s.title.includes('Annex A'));
		assert.equal(annex.summary.assessable, 93);
		assert.equal(annex.summary.percent_complete, Math.round(1000 * 2.5 / 93) / 10);
	});

	it('counts requirements of other frameworks through the mappings', async () => {
		const g13 = await reqs(iso13);
		const mapped = g13.requirements.filter((q) => q.source === 'mapping')
			.map((q) => [q.ref_id, q.effective_status, q.via]).sort();
		// 2013 A.12.3.1 equals 2022 A.8.13 (partial); A.9.4.2 is a subset of A.8.5 (met);
		// A.5.1.1 and A.5.1.2 are subsets of A.5.1 (met)
		assert.deepEqual(mapped, [
			['A.12.3.1', 'partial', 'A.8.13 of ISO/IEC 27001:2022 (equal)'],
			['A.5.1.1', 'met', 'A.5.1 of ISO/IEC 27001:2022 (subset)'],
			['A.5.1.2', 'met', 'A.5.1 of ISO/IEC 27001:2022 (subset)'],
			['A.9.4.2', 'met', 'A.8.5 of ISO/IEC 27001:2022 (subset)'],
		]);
		assert.equal(g13.covered_through_mappings, 4);
		// CSF maps to ISO 2022 only as "intersects": met there counts as partial here
		const gc = await reqs(csf);
		assert.ok(gc.requirements.filter((q) => q.source === 'mapping').every((q) => q.effective_status === 'partial'));
		assert.ok(gc.covered_through_mappings > 0);
		// the framework list carries each framework's figure
		const list = (await api(srv, 'GET', '/api/v1/frameworks')).json.items;
		assert.equal(list.find((f) => f.id === iso13).gap.met, 3);
		// an own assessment wins over the mapping
		const a9 = g13.requirements.find((q) => q.ref_id === 'A.9.4.2');
		await api(srv, 'PUT', `/api/v1/requirements/${a9.id}/assessment`, { body: { status: 'not_met' } });
		const after = (await reqs(iso13)).requirements.find((q) => q.ref_id === 'A.9.4.2');
		assert.deepEqual([after.effective_status, after.source], ['not_met', 'assessment']);
	});

	it('is read by auditors and not by employees', async () => {
		assert.equal((await api(srv, 'GET', `/api/v1/frameworks/${iso22}`, { token: tokens.auditor })).status, 200);
		assertProblem(await api(srv, 'GET', `/api/v1/frameworks/${iso22}`, { token: tokens.employee }), 403);
		assertProblem(await api(srv, 'GET', '/api/v1/frameworks/999999'), 404);
	});
});
