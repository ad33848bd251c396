// Context and scope, roles and responsibilities (issue 8 item 1): issues,
// interested parties and their requirements linked to controls; the scope
// statement (draft, approval freezing a version, a new draft from an
// approved scope, versions compared field by field); the ISMS role holders
// and the RACI of processes with exactly one A; changes in the context since
// a date. Every refusal leaves the data and the audit log as they were. Both
// engines (ISMS_TEST_ENGINE).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { addUser, api, assertFieldError, assertProblem, cli, create, createToken, dbQuery, etag, startServer } from './harness.mjs';

let srv;
const tokens = {};
const ids = {};
const auditCount = async () => (await api(srv, 'GET', '/api/v1/audit?limit=1')).json.total;
const audits = async (action) => (await api(srv, 'GET', `/api/v1/audit?action=${action}&limit=50`)).json.items;
const run = (args) => cli(srv, [...args, '--db', srv.db]);

before(async () => {
	srv = await startServer();
	for (const role of ['employee', 'auditor', 'isms_manager']) {
		addUser(srv, `${role}@example.org`, role, `Long-enough-${role}-password`);
		tokens[role] = createToken(srv, `${role}@example.org`);
		ids[role] = (await api(srv, 'GET', '/api/v1/me', { token: tokens[role] })).json.id;
	}
});
after(async () => srv?.stop());

describe('issues, interested parties and their requirements', () => {
	let party, req, ctl;
	it('an ISMS manager records an issue and a party; an auditor reads them, an employee may not', async () => {
		const issue = await create(srv, 'issue', { title: 'Cloud migration', kind: 'internal', category: 'technological',
			effect: 'Hosting moves to a provider' }, { token: tokens.isms_manager });
		assert.deepEqual([issue.kind, issue.category, issue.status], ['internal', 'technological', 'open']);
		party = await create(srv, 'interested_party', { name: 'Customers', kind: 'customer', influence: 'high' });
		assert.equal((await api(srv, 'GET', '/api/v1/issues', { token: tokens.auditor })).json.total, 1);
		assertProblem(await api(srv, 'GET', '/api/v1/parties', { token: tokens.employee }), 403);
		assertProblem(await api(srv, 'POST', '/api/v1/issues', { token: tokens.auditor, body: { title: 'X', kind: 'external' } }), 403);
		const bad = assertProblem(await api(srv, 'POST', '/api/v1/issues', { body: { title: 'X', kind: 'sideways' } }), 422);
		assertFieldError(bad, 'kind', 'enum');
	});

	it('a requirement names its party (listed on the party) and links to the controls that satisfy it', async () => {
		ctl = await create(srv, 'control', { title: 'Breach notification procedure' });
		req = await create(srv, 'party_requirement', { requirement: 'Notify breaches within 72 hours', party: party.id,
			requirement_type: 'contractual', source: 'MSA clause 9' });
		assert.deepEqual([req.party, req.addressed], [party.id, false]);
		const r = await api(srv, 'POST', `/api/v1/party-requirements/${req.id}/links/controls`, { body: { id: ctl.id } });
		assert.equal(r.status, 201, r.text);
		const links = (await api(srv, 'GET', `/api/v1/party-requirements/${req.id}/links`)).json.kinds;
		const byKind = Object.fromEntries(links.map((k) => [`${k.kind}:${k.direction}`, k.items.map((i) => i.title)]));
		assert.deepEqual(byKind['controls:outgoing'], ['Breach notification procedure']);
		assert.deepEqual(byKind['party:outgoing'], ['Customers']);
		const fromParty = (await api(srv, 'GET', `/api/v1/parties/${party.id}/links`)).json.kinds;
		assert.deepEqual(fromParty.find((k) => k.kind === 'party').items.map((i) => i.title), ['Notify breaches within 72 hours']);
		const fromControl = (await api(srv, 'GET', `/api/v1/controls/${ctl.id}/links`)).json.kinds;
		assert.deepEqual(fromControl.find((k) => k.kind === 'controls' && k.direction === 'incoming' && k.type === 'party_requirement').items.map((i) => i.id), [req.id]);
	});

	it('an unknown or archived control, or a requirement of an unknown party, is refused with nothing changed', async () => {
		const before = await auditCount();
		let r = await api(srv, 'POST', `/api/v1/party-requirements/${req.id}/links/controls`, { body: { id: 99999 } });
		assertFieldError(assertProblem(r, 422), 'id');
		const old = await create(srv, 'control', { title: 'Old control' });
		assert.equal((await api(srv, 'DELETE', `/api/v1/controls/${old.id}`)).status, 204);
		const mid = await auditCount();
		r = await api(srv, 'POST', `/api/v1/party-requirements/${req.id}/links/controls`, { body: { id: old.id } });
		assertFieldError(assertProblem(r, 422), 'id');
		r = await api(srv, 'POST', '/api/v1/party-requirements', { body: { requirement: 'X', requirement_type: 'legal', party: 424242 } });
		assertFieldError(assertProblem(r, 422), 'party', 'reference');
		assert.equal(await auditCount(), mid);
		assert.equal(mid, before + 2); // the control made and archived above, nothing else
		const links = (await api(srv, 'GET', `/api/v1/party-requirements/${req.id}/links`)).json.kinds;
		assert.deepEqual(links.find((k) => k.kind === 'controls' && k.direction === 'outgoing').items.map((i) => i.id), [ctl.id]);
		assert.equal((await api(srv, 'GET', '/api/v1/party-requirements')).json.total, 1);
	});
});

describe('scope statement', () => {
	it('approving with no scope, or an empty one, is refused with nothing changed', async () => {
		const before = await auditCount();
		let r = await api(srv, 'POST', '/api/v1/scope/versions', { body: {} });
		assert.equal(assertProblem(r, 409).code, 'nothing_to_approve');
		r = await api(srv, 'PATCH', '/api/v1/scope', { body: { exclusions: 'The research lab' } });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual([r.json.state, r.json.version, r.headers.get('etag')], ['draft', 1, '"1"']);
		r = await api(srv, 'POST', '/api/v1/scope/versions', { body: {} });
		const p = assertProblem(r, 422);
		assert.equal(p.code, 'empty_scope');
		assert.deepEqual(p.errors.map((e) => e.field), ['units', 'locations', 'processes', 'systems']);
		const c = run(['scope', 'approve']);
		assert.equal(c.status, 1);
		assert.match(c.stderr, /empty scope cannot be approved/);
		assert.equal((await api(srv, 'GET', '/api/v1/scope/versions')).json.total, 0);
		assert.equal((await api(srv, 'GET', '/api/v1/scope')).json.state, 'draft');
		assert.equal(await auditCount(), before + 1); // the draft only
	});

	it('exclusions need a justification; stale and missing If-Match, bad fields and other roles are refused', async () => {
		let r = await api(srv, 'PATCH', '/api/v1/scope', { headers: { 'If-Match': '"1"' }, body: { units: 'IT\nHR' } });
		assert.equal(r.status, 200, r.text);
		const before = await auditCount();
		r = await api(srv, 'POST', '/api/v1/scope/versions', { body: {} });
		assertFieldError(assertProblem(r, 422), 'justification', 'required');
		assertProblem(await api(srv, 'PATCH', '/api/v1/scope', { headers: { 'If-Match': '"1"' }, body: { units: 'X' } }), 412);
		assertProblem(await api(srv, 'PATCH', '/api/v1/scope', { body: { units: 'X' } }), 428);
		assertProblem(await api(srv, 'PATCH', '/api/v1/scope', { headers: { 'If-Match': '"2"' }, body: { owner: 1 } }), 400);
		assertFieldError(assertProblem(await api(srv, 'PATCH', '/api/v1/scope', { headers: { 'If-Match': '"2"' },
			body: { units: 'x'.repeat(8001) } }), 422), 'units');
		assertProblem(await api(srv, 'PATCH', '/api/v1/scope', { token: tokens.auditor, headers: { 'If-Match': '"2"' }, body: { units: 'X' } }), 403);
		assertProblem(await api(srv, 'POST', '/api/v1/scope/versions', { token: tokens.auditor, body: {} }), 403);
		const seen = (await api(srv, 'GET', '/api/v1/scope', { token: tokens.employee })).json;
		assert.deepEqual([seen.units, seen.version, seen.state], ['IT\nHR', 2, 'draft']);
		assert.equal(await auditCount(), before);
	});

	it('approving freezes version 1; editing the approved scope starts a draft based on it; version 2; compare', async () => {
		let r = await api(srv, 'PATCH', '/api/v1/scope', { headers: { 'If-Match': '"2"' },
			body: { justification: 'The lab holds no customer data', locations: 'Berlin office' } });
		r = await api(srv, 'POST', '/api/v1/scope/versions', { token: tokens.isms_manager, headers: { 'If-Match': '"3"' }, body: { note: 'Board, March' } });
		assert.equal(r.status, 201, r.text);
		assert.deepEqual([r.json.number, r.json.note, r.json.approved_by, r.json.units, r.json.locations],
			[1, 'Board, March', ids.isms_manager, 'IT\nHR', 'Berlin office']);
		let sc = (await api(srv, 'GET', '/api/v1/scope')).json;
		assert.deepEqual([sc.state, sc.approved_version, sc.version], ['approved', 1, 4]);
		assert.equal(assertProblem(await api(srv, 'POST', '/api/v1/scope/versions', { body: {} }), 409).code, 'nothing_to_approve');
		// the same text again changes nothing: still approved
		r = await api(srv, 'PATCH', '/api/v1/scope', { headers: { 'If-Match': '"4"' }, body: { units: 'IT\nHR' } });
		assert.deepEqual([r.json.state, r.json.version], ['approved', 4]);
		const set = run(['scope', 'set', '--units', 'IT\nHR\nSales', '--systems', 'CRM', '--as', 'isms_manager@example.org']);
		assert.equal(set.status, 0, set.stderr);
		sc = JSON.parse(set.stdout);
		assert.deepEqual([sc.state, sc.based_on, sc.approved_version, sc.units, sc.updated_by], ['draft', 1, 1, 'IT\nHR\nSales', ids.isms_manager]);
		// version 1 is unchanged
		assert.equal((await api(srv, 'GET', '/api/v1/scope/versions/1')).json.units, 'IT\nHR');
		const ap = run(['scope', 'approve', '--note', 'Sales joins']);
		assert.equal(ap.status, 0, ap.stderr);
		assert.deepEqual([JSON.parse(ap.stdout).number, JSON.parse(ap.stdout).approved_by], [2, null]);
		const list = (await api(srv, 'GET', '/api/v1/scope/versions', { token: tokens.employee })).json;
		assert.deepEqual(list.items.map((v) => [v.number, v.note]), [[2, 'Sales joins'], [1, 'Board, March']]);
		const cmp = (await api(srv, 'GET', '/api/v1/scope/compare?from=1&to=2')).json;
		assert.equal(cmp.changed, 2);
		assert.deepEqual(cmp.fields.filter((f) => f.changed).map((f) => [f.field, f.from, f.to]),
			[['units', 'IT\nHR', 'IT\nHR\nSales'], ['systems', null, 'CRM']]);
		assert.equal((await api(srv, 'GET', '/api/v1/scope/compare?from=2')).json.changed, 0);
		const out = run(['scope', 'versions', '--from', '1', '--to', '2']);
		assert.equal(out.status, 0, out.stderr);
		assert.match(out.stdout, /Systems\n {2}- \n {2}\+ CRM\n2 of 7 fields differ/);
		assert.deepEqual((await audits('scope_approve')).map((a) => JSON.parse(a.after_json ?? 'null')?.number ?? a.record_id).length, 2);
	});

	it('comparisons and versions refuse what does not exist', async () => {
		let p = assertProblem(await api(srv, 'GET', '/api/v1/scope/compare?from=7&to=x'), 422);
		assertFieldError(p, 'from', 'not_found');
		assertFieldError(p, 'to', 'invalid');
		assertFieldError(assertProblem(await api(srv, 'GET', '/api/v1/scope/compare'), 422), 'from', 'required');
		assertProblem(await api(srv, 'GET', '/api/v1/scope/compare?from=1&x=2'), 400);
		assertProblem(await api(srv, 'GET', '/api/v1/scope/versions/9'), 404);
		const c = run(['scope', 'show', '--version', '9']);
		assert.equal(c.status, 1);
		assert.match(c.stderr, /no approved version 9/);
	});

	it('the pages show the scope, refuse an empty approval next to the form, and compare', async () => {
		const page = await api(srv, 'GET', '/scope', { token: tokens.employee });
		assert.equal(page.status, 200);
		assert.match(page.text, /Approved as version 2/);
		assert.match(page.text, /Sales joins/);
		assert.doesNotMatch(page.text, /href="\/scope\/edit"/); // employees read only
		const cmp = await api(srv, 'GET', '/scope/compare?from=1&to=2', { token: tokens.employee });
		assert.match(cmp.text, /2 of 7 fields differ/);
		assert.match(cmp.text, /diff-changed/);
	});
});

describe('roles and responsibilities', () => {
	let proc;
	it('ISMS roles are held by named users; unknown roles and users are refused', async () => {
		let r = await api(srv, 'PUT', '/api/v1/roles/isms_manager', { token: tokens.isms_manager, body: { user_id: ids.isms_manager } });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.roles.map((x) => [x.key, x.user_id]), [['top_management', null], ['isms_manager', ids.isms_manager],
			['risk_coordinator', null], ['internal_audit_lead', null], ['dpo', null]]);
		const before = await auditCount();
		assertProblem(await api(srv, 'PUT', '/api/v1/roles/ciso', { body: { user_id: ids.employee } }), 404);
		assertFieldError(assertProblem(await api(srv, 'PUT', '/api/v1/roles/dpo', { body: { user_id: 9999 } }), 422), 'user_id', 'reference');
		assertProblem(await api(srv, 'PUT', '/api/v1/roles/dpo', { token: tokens.auditor, body: { user_id: ids.auditor } }), 403);
		assert.equal(await auditCount(), before);
		const c = run(['roles', 'assign', '--role', 'dpo', '--user', 'auditor@example.org']);
		assert.equal(c.status, 0, c.stderr);
		const roles = (await api(srv, 'GET', '/api/v1/roles', { token: tokens.employee })).json.roles;
		assert.equal(roles.find((x) => x.key === 'dpo').user_email, 'auditor@example.org');
		assert.equal((await audits('role_assign')).length, 2);
	});

	it('a RACI with a second A, or none, is refused with nothing changed', async () => {
		proc = await create(srv, 'process', { name: 'Incident response' });
		let r = await api(srv, 'PUT', `/api/v1/processes/${proc.id}/raci`, { body: { entries: [
			{ role: 'isms_manager', letter: 'A' }, { role: 'dpo', letter: 'C' }, { user_id: ids.employee, letter: 'R' }] } });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.raci.map((x) => [x.role, x.user_id, x.letter]),
			[['isms_manager', null, 'A'], ['dpo', null, 'C'], [null, ids.employee, 'R']]);
		const before = await auditCount();
		const second = assertProblem(await api(srv, 'PUT', `/api/v1/processes/${proc.id}/raci`, { body: { entries: [
			{ role: 'isms_manager', letter: 'A' }, { user_id: ids.employee, letter: 'A' }] } }), 422);
		assert.match(assertFieldError(second, 'entries', 'several_accountable').message,
			/Information security officer \(ISMS manager\) and employee@example\.org|Information security officer \(ISMS manager\) and .+ are both given A/);
		assertFieldError(assertProblem(await api(srv, 'PUT', `/api/v1/processes/${proc.id}/raci`, { body: { entries: [
			{ role: 'dpo', letter: 'R' }] } }), 422), 'entries', 'no_accountable');
		assertFieldError(assertProblem(await api(srv, 'PUT', `/api/v1/processes/${proc.id}/raci`, { body: { entries: [
			{ role: 'dpo', letter: 'A' }, { role: 'dpo', letter: 'R' }] } }), 422), 'entries[1]', 'duplicate');
		assertFieldError(assertProblem(await api(srv, 'PUT', `/api/v1/processes/${proc.id}/raci`, { body: { entries: [
			{ role: 'ciso', letter: 'A' }] } }), 422), 'entries[0].role', 'unknown');
		assertFieldError(assertProblem(await api(srv, 'PUT', `/api/v1/processes/${proc.id}/raci`, { body: { entries: [
			{ role: 'dpo', letter: 'X' }] } }), 422), 'entries[0].letter', 'invalid');
		assertFieldError(assertProblem(await api(srv, 'PUT', `/api/v1/processes/${proc.id}/raci`, { body: { entries: [
			{ user_id: 9999, letter: 'A' }] } }), 422), 'entries[0].user_id', 'reference');
		assertProblem(await api(srv, 'PUT', `/api/v1/processes/${proc.id}/raci`, { body: { entries: [], extra: 1 } }), 400);
		assertProblem(await api(srv, 'PUT', `/api/v1/processes/${proc.id}/raci`, { token: tokens.auditor, body: { entries: [] } }), 403);
		const cli2 = run(['raci', 'set', '--process', String(proc.id), '--entries', 'isms_manager=A,employee@example.org=A']);
		assert.equal(cli2.status, 1);
		assert.match(cli2.stderr, /exactly one Accountable/);
		assert.equal(await auditCount(), before);
		const now = (await api(srv, 'GET', `/api/v1/processes/${proc.id}/raci`, { token: tokens.employee })).json;
		assert.deepEqual(now.raci.map((x) => x.letter), ['A', 'C', 'R']);
	});

	it('the CLI and the form replace a RACI; the page shows the matrix; archived processes are frozen', async () => {
		const c = run(['raci', 'set', '--process', String(proc.id), '--entries', 'top_management=I,employee@example.org=A']);
		assert.equal(c.status, 0, c.stderr);
		assert.deepEqual(JSON.parse(c.stdout).raci.map((x) => [x.name, x.letter]), [['Top management sponsor', 'I'], ['employee', 'A']]);
		const page = await api(srv, 'GET', '/roles', { token: tokens.employee });
		assert.equal(page.status, 200);
		assert.match(page.text, /<table class="table raci">/);
		assert.match(page.text, /Incident response/);
		const show = run(['roles', 'show']);
		assert.match(show.stdout, /process \d+\tIncident response\n {2}I\tTop management sponsor\n {2}A\temployee/);
		assert.equal((await audits('raci_set')).length, 2);
		const cleared = await api(srv, 'PUT', `/api/v1/processes/${proc.id}/raci`, { body: { entries: [] } });
		assert.deepEqual(cleared.json.raci, []);
		const rec = (await api(srv, 'GET', `/api/v1/processes/${proc.id}`)).json;
		assert.equal((await api(srv, 'DELETE', `/api/v1/processes/${proc.id}`, { headers: { 'If-Match': etag(rec.version) } })).status, 204);
		assertProblem(await api(srv, 'PUT', `/api/v1/processes/${proc.id}/raci`, { body: { entries: [{ role: 'dpo', letter: 'A' }] } }), 409);
		assertProblem(await api(srv, 'GET', '/api/v1/processes/4242/raci'), 404);
	});
});

describe('changes in the context since a date', () => {
	it('counts issues, parties and requirements created, changed and archived, from the audit log', async () => {
		const today = new Date().toISOString().slice(0, 10);
		const issues = (await api(srv, 'GET', '/api/v1/issues')).json.items;
		const iss = issues[0];
		assert.equal((await api(srv, 'PATCH', `/api/v1/issues/${iss.id}`, { headers: { 'If-Match': etag(iss.version) }, body: { status: 'monitoring' } })).status, 200);
		const gone = await create(srv, 'issue', { title: 'Office move', kind: 'internal' });
		assert.equal((await api(srv, 'DELETE', `/api/v1/issues/${gone.id}`)).status, 204);
		// every record was made today: all count as created except the archived one
		const r = await api(srv, 'GET', `/api/v1/context/changes?since=${today}`, { token: tokens.auditor });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual([r.json.created, r.json.changed, r.json.archived], [3, 0, 1]);
		// by type; within a type latest first (these share their second: any order)
		assert.deepEqual(r.json.items.map((x) => x.type), ['issue', 'issue', 'interested_party', 'party_requirement']);
		assert.deepEqual(r.json.items.map((x) => [x.type, x.title, x.change]).sort(), [
			['interested_party', 'Customers', 'created'], ['issue', 'Cloud migration', 'created'],
			['issue', 'Office move', 'archived'], ['party_requirement', 'Notify breaches within 72 hours', 'created']]);
		// from tomorrow on: nothing
		const tomorrow = new Date(Date.now() + 86400000).toISOString().slice(0, 10);
		assert.deepEqual((await api(srv, 'GET', `/api/v1/context/changes?since=${tomorrow}`)).json.items, []);
		// a party made long ago and changed today counts as changed (its old entries back-dated in the log)
		dbQuery(srv.db, "UPDATE audit_log SET at = '2020-01-01T00:00:00Z' WHERE record_type = 'interested_party'");
		const party = (await api(srv, 'GET', '/api/v1/parties')).json.items[0];
		assert.equal((await api(srv, 'PATCH', `/api/v1/parties/${party.id}`, { headers: { 'If-Match': etag(party.version) },
			body: { influence: 'medium' } })).status, 200);
		const c = run(['context', 'changes', '--since', today]);
		assert.equal(c.status, 0, c.stderr);
		const out = JSON.parse(c.stdout);
		assert.deepEqual([out.created, out.changed, out.archived], [2, 1, 1]);
		assert.deepEqual(out.items.find((x) => x.type === 'interested_party'), { type: 'interested_party', id: party.id,
			title: 'Customers', change: 'changed', at: out.items.find((x) => x.type === 'interested_party').at, entries: 1 });
		assertFieldError(assertProblem(await api(srv, 'GET', '/api/v1/context/changes?since=2025-02-30'), 422), 'since', 'invalid');
		assertProblem(await api(srv, 'GET', '/api/v1/context/changes?since=2025-01-01', { token: tokens.employee }), 403);
		const bad = run(['context', 'changes', '--since', 'soon']);
		assert.equal(bad.status, 1);
		assert.match(bad.stderr, /YYYY-MM-DD/);
	});
});

describe('my tasks', () => {
	it('an issue or party the caller owns, due for review within 30 days, is in their tasks', async () => {
		const soon = new Date(Date.now() + 5 * 86400000).toISOString().slice(0, 10);
		const late = new Date(Date.now() + 90 * 86400000).toISOString().slice(0, 10);
		const i = await create(srv, 'issue', { title: 'Supply chain attacks', kind: 'external', owner: ids.auditor, review_date: soon });
		await create(srv, 'issue', { title: 'Later issue', kind: 'external', owner: ids.auditor, review_date: late });
		const p = await create(srv, 'interested_party', { name: 'Insurer', kind: 'other', owner: ids.auditor, review_date: soon });
		const mine = (await api(srv, 'GET', '/api/v1/me/tasks', { token: tokens.auditor })).json.items
			.filter((x) => x.kind === 'issue_review' || x.kind === 'party_review');
		assert.deepEqual(mine.map((x) => [x.kind, x.title, x.record_id, x.due]).sort(),
			[['issue_review', 'Supply chain attacks', i.id, soon], ['party_review', 'Insurer', p.id, soon]]);
		for (const [t, id] of [['issues', i.id], ['parties', p.id]]) {
			const rec = (await api(srv, 'GET', `/api/v1/${t}/${id}`)).json;
			assert.equal((await api(srv, 'DELETE', `/api/v1/${t}/${id}`, { headers: { 'If-Match': etag(rec.version) } })).status, 204);
		}
		const later = (await api(srv, 'GET', '/api/v1/me/tasks', { token: tokens.auditor })).json.items;
		assert.deepEqual(later.filter((x) => x.kind === 'issue_review' || x.kind === 'party_review'), []);
	});
});
