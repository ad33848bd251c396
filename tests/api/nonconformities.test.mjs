// Nonconformities and corrective actions (ISO 27001 10.2): raised from an
// incident (linked both ways), corrective actions as tasks naming the NC,
// closing refused without an effectiveness check found effective (nothing
// changed), a not-effective check sending it back to corrective action,
// closed_on stamped and cleared, per-record rules, and the figures: % closed
// on time and open ones by severity.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { addPeople, api, assertFieldError, assertProblem, cli, dbQuery, startServer } from './harness.mjs';

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

async function get(id, token = tok.manager) {
	return (await api(srv, 'GET', `/api/v1/nonconformities/${id}`, { token })).json;
}

async function patch(id, body, token = tok.manager) {
	const cur = await get(id, token);
	return api(srv, 'PATCH', `/api/v1/nonconformities/${id}`, { body, token, headers: { 'If-Match': `"${cur.version}"` } });
}

before(async () => {
	srv = await startServer();
	await addPeople(srv, [['staff', 'employee'], ['other', 'employee'], ['manager', 'isms_manager'], ['owner1', 'owner'], ['auditor', 'auditor']], tok, uid);
	ids.incident = (await post('incidents', { title: 'Phishing wave' })).id;
});
after(async () => { await srv?.stop(); });

describe('raising and working a nonconformity', () => {
	it('an NC from an incident must name it', async () => {
		const r = await api(srv, 'POST', '/api/v1/nonconformities', { token: tok.manager, body: { title: 'No training', source: 'incident' } });
		assertProblem(r, 422);
		assertFieldError(r.json, 'incident', 'required');
	});

	it('raised from an incident: linked both ways, status open, raised by the caller', async () => {
		const nc = await post('nonconformities', {
			title: 'Staff not trained on phishing', source: 'incident', incident: ids.incident, severity: 'major',
			owner: uid.owner1, due_date: dateIn(30), detected_on: dateIn(0),
		});
		ids.nc = nc.id;
		assert.equal(nc.status, 'open');
		assert.equal(nc.raised_by, uid.manager);
		assert.equal(nc.closed_on, null);
		const links = (await api(srv, 'GET', `/api/v1/incidents/${ids.incident}/links`, { token: tok.manager })).json.kinds;
		const ncs = links.find((k) => k.kind === 'incident' && k.direction === 'incoming');
		assert.equal(ncs.label, 'Nonconformities');
		assert.deepEqual(ncs.items.map((i) => i.id), [ids.nc]);
	});

	it('corrective actions are tasks naming it, listed on its page', async () => {
		ids.action = (await post('tasks', { title: 'Run phishing training', nonconformity: ids.nc, owner: uid.owner1, due_date: dateIn(14) })).id;
		const list = await api(srv, 'GET', `/api/v1/tasks?nonconformity=${ids.nc}`, { token: tok.manager });
		assert.deepEqual(list.json.items.map((t) => t.id), [ids.action]);
		const page = await api(srv, 'GET', `/nonconformities/${ids.nc}`, { token: tok.manager });
		assert.match(page.text, /Corrective actions/);
		assert.match(page.text, new RegExp(`<a href="/tasks/${ids.action}">Run phishing training</a>`));
		assert.match(page.text, /name="nonconformity" value="\d+"/);
	});

	it('the owner works it: correction, root cause, corrective action', async () => {
		for (const body of [{ status: 'correction', correction: 'Mails recalled' },
			{ status: 'root_cause_analysis', root_cause: 'No induction training' }, { status: 'corrective_action' }]) {
			const r = await patch(ids.nc, body, tok.owner1);
			assert.equal(r.status, 200, r.text);
			assert.equal(r.json.status, body.status);
		}
	});

	it('closing without an effectiveness check is refused, naming the rule, and changes nothing', async () => {
		const before = await get(ids.nc);
		const audits = () => dbQuery(srv.db, `SELECT COUNT(*) FROM audit_log WHERE record_type = 'nonconformity' AND record_id = ${ids.nc}`).trim();
		const auditsBefore = audits();
		let r = await patch(ids.nc, { status: 'closed' });
		assertProblem(r, 422);
		assert.equal(r.json.code ?? r.json.type?.split('/').pop(), 'effectiveness_required');
		assertFieldError(r.json, 'status', 'effectiveness_required');
		assert.match(r.json.detail ?? '', /effectiveness check/);
		// a check recorded but without the result "effective" does not do either
		r = await patch(ids.nc, { status: 'closed', effectiveness_checked_by: uid.auditor, effectiveness_checked_on: dateIn(0) });
		assertProblem(r, 422);
		assert.deepEqual(await get(ids.nc), before);
		assert.equal(audits(), auditsBefore);
	});

	it('a check found not effective sends it back to corrective action', async () => {
		await patch(ids.nc, { status: 'effectiveness_check' });
		const r = await patch(ids.nc, { effectiveness_checked_by: uid.auditor, effectiveness_checked_on: dateIn(0), effectiveness_result: 'not_effective', effectiveness_notes: 'Clicks went on' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'corrective_action');
		assert.equal(r.json.closed_on, null);
	});

	it('an effective check lets it close: closed_on is today; reopening clears it', async () => {
		let r = await patch(ids.nc, { effectiveness_result: 'effective', status: 'closed' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'closed');
		assert.equal(r.json.closed_on, dateIn(0));
		r = await patch(ids.nc, { status: 'corrective_action' });
		assert.equal(r.json.closed_on, null);
		r = await patch(ids.nc, { status: 'closed' });
		assert.equal(r.json.closed_on, dateIn(0));
		assertProblem(await patch(ids.nc, { closed_on: '2020-01-01' }), 400);
	});

	it('anyone may raise one; another employee does not see it; the raiser may not change it', async () => {
		const nc = await post('nonconformities', { title: 'Door left open', description: 'Server room door propped open' }, tok.staff);
		assert.equal(nc.raised_by, uid.staff);
		assert.equal(nc.source, 'other');
		assertProblem(await api(srv, 'GET', `/api/v1/nonconformities/${nc.id}`, { token: tok.other }), 404);
		assert.equal((await api(srv, 'GET', '/api/v1/nonconformities', { token: tok.other })).json.total, 0);
		assertProblem(await patch(nc.id, { severity: 'minor' }, tok.staff), 403);
		ids.staffNc = nc.id;
	});

	it('the CLI refuses closing alike, exit 1 with the message', () => {
		const r = cli(srv, ['record', 'set', '--db', srv.db, '--type', 'nonconformity', '--id', String(ids.staffNc), '--json', '{"status":"closed"}']);
		assert.equal(r.status, 1);
		assert.match(r.stderr, /effectiveness check/);
	});
});

describe('figures', () => {
	it('% closed on time and the open ones by severity', async () => {
		const check = { effectiveness_checked_by: uid.auditor, effectiveness_checked_on: dateIn(0), effectiveness_result: 'effective' };
		// closed today: on time when due today or later, late when due before
		await post('nonconformities', { title: 'On time', severity: 'minor', due_date: dateIn(0), status: 'closed', ...check });
		await post('nonconformities', { title: 'Late', severity: 'major', due_date: dateIn(-3), status: 'closed', ...check });
		await post('nonconformities', { title: 'No due date', status: 'closed', ...check });
		await post('nonconformities', { title: 'Open overdue', severity: 'major', due_date: dateIn(-1) });
		await post('nonconformities', { title: 'Open minor', severity: 'minor', due_date: dateIn(9) });
		const r = await api(srv, 'GET', '/api/v1/nonconformities/figures', { token: tok.auditor });
		assert.equal(r.status, 200, r.text);
		// closed: ids.nc (due in 30 days), on time, late, no due date -> 2 of 3 with a due date on time
		assert.deepEqual(r.json, {
			from: null, to: null, closed: 4, closed_with_due_date: 3, closed_on_time: 2, closed_on_time_percent: 66.7,
			open: { total: 3, major: 1, minor: 1, unrated: 1, overdue: 1 },
		});
		const past = await api(srv, 'GET', `/api/v1/nonconformities/figures?to=${dateIn(-1)}`, { token: tok.auditor });
		assert.equal(past.json.closed, 0);
		assert.equal(past.json.closed_on_time_percent, null);
		assertProblem(await api(srv, 'GET', '/api/v1/nonconformities/figures', { token: tok.staff }), 403);
		const page = await api(srv, 'GET', '/nonconformities', { token: tok.auditor });
		assert.match(page.text, /Closed on time: <strong>66\.7%<\/strong>/);
	});
});
