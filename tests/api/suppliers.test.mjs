// Suppliers and their assessments: recording an assessment updates the
// supplier's last and next assessment and last result in the same
// transaction (audited); the latest one wins, archiving it falls back to the
// one before; the assessment rule's refusals change nothing; a supplier is
// overdue when its next assessment or contract end is past (list filter,
// record JSON, dashboard count); links to risks and controls; the owner's
// due assessments in my tasks; CRUD and roles of assessments; the CLI.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { addPeople, api, assertFieldError, assertProblem, cli, startServer } from './harness.mjs';

let srv;
const tok = {};
const uid = {};
const ids = {};
const dateIn = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function post(plural, body, token = tok.manager) {
	const r = await api(srv, 'POST', `/api/v1/${plural}`, { body, token });
	assert.equal(r.status, 201, r.text);
	return r.json;
}
const get = async (path, token = tok.manager) => (await api(srv, 'GET', path, { token })).json;
const auditTotal = async () => (await get('/api/v1/audit?limit=1')).total;

before(async () => {
	srv = await startServer();
	await addPeople(srv, [['manager', 'isms_manager'], ['auditor', 'auditor'], ['staff', 'employee'], ['vendorowner', 'owner']],
		tok, uid);
	ids.payroll = (await post('suppliers', {
		name: 'Payroll Co', service: 'Payroll', data_access: 'personal_data', data_categories: 'Salaries, bank details',
		criticality: 'high', owner: uid.vendorowner, contract_start: dateIn(-400), contract_end: dateIn(300),
		next_review: dateIn(-5),
	})).id;
	ids.cloud = (await post('suppliers', { name: 'Cloud Host', owner: uid.vendorowner, contract_end: dateIn(-1), next_review: dateIn(200) })).id;
	ids.cleaner = (await post('suppliers', { name: 'Office Cleaning', next_review: dateIn(100), contract_end: dateIn(500) })).id;
	ids.gone = (await post('suppliers', { name: 'Old Printer Co', status: 'terminated', next_review: dateIn(-100) })).id;
});
after(async () => { await srv?.stop(); });

describe('overdue suppliers', () => {
	it('next assessment or contract end past, unless terminated: list filter and record JSON', async () => {
		const list = await get('/api/v1/suppliers?overdue=true&sort=name');
		assert.deepEqual(list.items.map((s) => s.name), ['Cloud Host', 'Payroll Co']);
		assert.equal(list.total, 2);
		assert.equal((await get(`/api/v1/suppliers/${ids.payroll}`)).overdue, true);
		assert.equal((await get(`/api/v1/suppliers/${ids.cloud}`)).overdue, true);
		assert.equal((await get(`/api/v1/suppliers/${ids.cleaner}`)).overdue, false);
		assert.equal((await get(`/api/v1/suppliers/${ids.gone}`)).overdue, false);
		const page = await api(srv, 'GET', `/suppliers/${ids.cloud}`, { token: tok.manager });
		assert.match(page.text, /Overdue: the contract ended on/);
	});

	it("the owner's due suppliers are in their tasks", async () => {
		const mine = await get('/api/v1/me/tasks', tok.vendorowner);
		const sup = mine.items.filter((t) => t.kind === 'supplier').map((t) => [t.title, t.due, t.overdue, t.detail]);
		assert.deepEqual(sup.sort(), [
			['Cloud Host', dateIn(-1), true, `Contract ends on ${dateIn(-1)}: renew or exit`],
			['Payroll Co', dateIn(-5), true, 'Assessment due'],
		]);
		assert.equal((await get('/api/v1/me/tasks', tok.manager)).items.filter((t) => t.kind === 'supplier').length, 0);
	});
});

describe('assessments', () => {
	it('recording one updates the supplier in the same transaction, audited', async () => {
		const audit = await auditTotal();
		const a = await post('supplier-assessments', {
			supplier: ids.payroll, assessed_on: dateIn(-2), result: 'acceptable_with_conditions', score: 68,
			findings: 'MFA for admins by March', next_assessment: dateIn(363),
		});
		ids.a1 = a.id;
		assert.equal(a.assessor, uid.manager, 'the assessor defaults to the caller');
		const s = await get(`/api/v1/suppliers/${ids.payroll}`);
		assert.deepEqual([s.last_review, s.next_review, s.last_result, s.overdue],
			[dateIn(-2), dateIn(363), 'acceptable_with_conditions', false]);
		assert.equal(await auditTotal(), audit + 2, 'one entry for the assessment, one for the supplier');
		const entry = (await get(`/api/v1/audit?record_type=supplier&record_id=${ids.payroll}&action=update`)).items[0];
		assert.equal(entry.after.last_result, 'acceptable_with_conditions');
		assert.deepEqual((await get('/api/v1/suppliers?overdue=true')).items.map((x) => x.name), ['Cloud Host']);
	});

	it('an older assessment does not displace the latest; archiving the latest falls back', async () => {
		ids.a0 = (await post('supplier-assessments', { supplier: ids.payroll, assessed_on: dateIn(-200), result: 'unacceptable', next_assessment: dateIn(-20) })).id;
		let s = await get(`/api/v1/suppliers/${ids.payroll}`);
		assert.deepEqual([s.last_review, s.last_result], [dateIn(-2), 'acceptable_with_conditions']);
		const r = await api(srv, 'DELETE', `/api/v1/supplier-assessments/${ids.a1}`, { token: tok.manager });
		assert.equal(r.status, 204, r.text);
		s = await get(`/api/v1/suppliers/${ids.payroll}`);
		assert.deepEqual([s.last_review, s.next_review, s.last_result, s.overdue], [dateIn(-200), dateIn(-20), 'unacceptable', true]);
	});

	it('the rule refuses bad assessments and nothing changes', async () => {
		const before = await get(`/api/v1/suppliers/${ids.cleaner}`);
		const audit = await auditTotal();
		const total = (await get('/api/v1/supplier-assessments')).total;
		const cases = [
			[{ supplier: ids.cleaner, assessed_on: dateIn(3), result: 'acceptable' }, 422, 'assessed_on', 'future'],
			[{ supplier: ids.cleaner, assessed_on: dateIn(-3), result: 'acceptable', next_assessment: dateIn(-3) }, 422, 'next_assessment', 'order'],
			[{ supplier: ids.cleaner, assessed_on: dateIn(-3), result: 'acceptable_with_conditions' }, 422, 'findings', 'required'],
			[{ supplier: ids.cleaner, assessed_on: dateIn(-3), result: 'fine' }, 422, 'result', null],
			[{ supplier: ids.cleaner, assessed_on: dateIn(-3), result: 'acceptable', score: 101 }, 422, 'score', null],
			[{ supplier: 999999, assessed_on: dateIn(-3), result: 'acceptable' }, 422, 'supplier', 'reference'],
			[{ assessed_on: dateIn(-3), result: 'acceptable' }, 422, 'supplier', 'required'],
			[{ supplier: ids.cleaner, assessed_on: dateIn(-3), result: 'acceptable', last_result: 'x' }, 400, 'last_result', null],
		];
		for (const [body, status, field, code] of cases) {
			const r = await api(srv, 'POST', '/api/v1/supplier-assessments', { token: tok.manager, body });
			assertProblem(r, status, JSON.stringify(body));
			if (code) assertFieldError(r.json, field, code);
			else assert.ok(r.json.errors.some((x) => x.field === field), `${field} named: ${r.text}`);
		}
		const a = await get(`/api/v1/supplier-assessments/${ids.a0}`);
		const r = await api(srv, 'PATCH', `/api/v1/supplier-assessments/${ids.a0}`, {
			token: tok.manager, headers: { 'If-Match': `"${a.version}"` }, body: { supplier: ids.cleaner },
		});
		assertProblem(r, 422);
		assertFieldError(r.json, 'supplier', 'fixed');
		assert.deepEqual(await get(`/api/v1/suppliers/${ids.cleaner}`), before);
		assert.equal((await get('/api/v1/supplier-assessments')).total, total);
		assert.equal(await auditTotal(), audit);
	});

	it('roles: auditors read, only ISMS managers record; employees see none', async () => {
		assert.equal((await api(srv, 'GET', `/api/v1/supplier-assessments/${ids.a0}`, { token: tok.auditor })).status, 200);
		assertProblem(await api(srv, 'POST', '/api/v1/supplier-assessments', {
			token: tok.auditor, body: { supplier: ids.cleaner, assessed_on: dateIn(-1), result: 'acceptable' },
		}), 403);
		assertProblem(await api(srv, 'POST', '/api/v1/supplier-assessments', {
			token: tok.vendorowner, body: { supplier: ids.cleaner, assessed_on: dateIn(-1), result: 'acceptable' },
		}), 403);
		assertProblem(await api(srv, 'GET', '/api/v1/supplier-assessments', { token: tok.staff }), 403);
	});

	it('the CLI records one the same way', async () => {
		const r = cli(srv, ['supplier', 'assess', '--db', srv.db, '--format', 'json', '--json',
			JSON.stringify({ supplier: ids.cleaner, assessed_on: dateIn(-1), result: 'acceptable', score: 90, next_assessment: dateIn(364) })]);
		assert.equal(r.status, 0, r.stderr);
		assert.equal(JSON.parse(r.stdout).score, 90);
		const s = await get(`/api/v1/suppliers/${ids.cleaner}`);
		assert.deepEqual([s.last_review, s.next_review, s.last_result], [dateIn(-1), dateIn(364), 'acceptable']);
		const bad = cli(srv, ['supplier', 'assess', '--db', srv.db, '--json',
			JSON.stringify({ supplier: ids.cleaner, assessed_on: dateIn(5), result: 'acceptable' })]);
		assert.equal(bad.status, 1);
		assert.match(bad.stderr, /assessed_on: Must not be in the future/);
		const page = await api(srv, 'GET', `/suppliers/${ids.cleaner}`, { token: tok.manager });
		assert.match(page.text, /<h2 id="h-assessments">Assessments<\/h2>/);
		assert.match(page.text, /Record an assessment/);
	});
});

describe('links to risks and controls', () => {
	it('a supplier links to the risks and controls it relates to, seen from both sides', async () => {
		const risk = await post('risks', { title: 'Payroll data breach at the vendor' });
		const control = await post('controls', { title: 'Supplier security clauses' });
		let r = await api(srv, 'POST', `/api/v1/suppliers/${ids.payroll}/links/risks`, { token: tok.manager, body: { id: risk.id } });
		assert.equal(r.status, 201, r.text);
		r = await api(srv, 'POST', `/api/v1/suppliers/${ids.payroll}/links/controls`, { token: tok.manager, body: { id: control.id } });
		assert.equal(r.status, 201, r.text);
		const kinds = (await get(`/api/v1/suppliers/${ids.payroll}/links`)).kinds;
		assert.deepEqual(kinds.filter((k) => k.items.length).map((k) => [k.kind, k.label, k.items.map((i) => i.id)]),
			[['risks', 'Related risks', [risk.id]], ['controls', 'Controls', [control.id]]]);
		const back = (await get(`/api/v1/risks/${risk.id}/links`)).kinds.find((k) => k.label === 'Suppliers');
		assert.deepEqual(back.items.map((i) => i.title), ['Payroll Co']);
		r = await api(srv, 'POST', `/api/v1/suppliers/${ids.payroll}/links/risks`, { token: tok.auditor, body: { id: risk.id } });
		assertProblem(r, 403);
	});
});
