// Management reviews (ISO 27001 9.3): creating one compiles its inputs from
// the data of the day — exact counts of what the test seeded — and freezes
// them; later changes do not alter them; closing without outputs is refused
// with nothing changed; attendees; a closed review no longer changes; the
// next review lists the previous one's actions with their status; a draft's
// inputs can be compiled again, a held one's not; the CLI and the page show
// the same report.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { addPeople, api, assertFieldError, assertProblem, cli, startServer } from './harness.mjs';

let srv;
const tok = {};
const uid = {};
const ids = {};
const today = new Date().toISOString().slice(0, 10);
const dateIn = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function post(plural, body, token = tok.manager) {
	const r = await api(srv, 'POST', `/api/v1/${plural}`, { body, token });
	assert.equal(r.status, 201, r.text);
	return r.json;
}
const get = async (path, token = tok.manager) => (await api(srv, 'GET', path, { token })).json;
const report = (id, token) => get(`/api/v1/reviews/${id}/report`, token);
const section = (rep, key) => rep.inputs.sections.find((s) => s.key === key);
const auditTotal = async () => (await get('/api/v1/audit?limit=1')).total;

before(async () => {
	srv = await startServer();
	await addPeople(srv, [['manager', 'isms_manager'], ['auditor', 'auditor'], ['staff', 'employee'], ['ceo', 'owner']],
		tok, uid);
	// nonconformities: two open (major, minor), one closed on time, with an overdue corrective action
	ids.nc1 = (await post('nonconformities', { title: 'No access reviews', severity: 'major', due_date: dateIn(30) })).id;
	await post('nonconformities', { title: 'Old firewall rule', severity: 'minor' });
	await post('nonconformities', {
		title: 'Backup untested', severity: 'minor', due_date: dateIn(10), status: 'closed', effectiveness_checked_by: uid.manager,
		effectiveness_checked_on: today, effectiveness_result: 'effective',
	});
	await post('tasks', { title: 'Start quarterly access reviews', nonconformity: ids.nc1, due_date: dateIn(-3) });
	// incidents: a high one still open, a low one closed after two hours' response
	await post('incidents', { title: 'Laptop stolen', severity: 'high' });
	await post('incidents', {
		title: 'Spam wave', severity: 'low', status: 'closed', detected_at: '2026-01-05T10:00:00Z',
		responded_at: '2026-01-05T12:00:00Z', resolved_at: '2026-01-05T16:00:00Z', closed_at: '2026-01-06T09:00:00Z',
	});
	// risks: one scored and in treatment with an action, one not scored
	ids.risk = (await post('risks', { title: 'Ransomware', likelihood: 4, impact: 4, status: 'in_treatment', treatment: 'modify' })).id;
	await post('risks', { title: 'Flood' });
	await post('tasks', { title: 'Offline backups', risk: ids.risk, due_date: dateIn(20) });
});
after(async () => { await srv?.stop(); });

describe('the first review', () => {
	it('creating it compiles the inputs as of today, with the exact figures of the data', async () => {
		const rv = await post('reviews', { title: 'Review 2026', review_date: dateIn(7), chair: uid.ceo });
		ids.first = rv.id;
		assert.equal(rv.status, 'draft');
		assert.equal(rv.compiled_on, today);
		const rep = await report(rv.id);
		assert.equal(rep.review.id, rv.id);
		assert.equal(rep.inputs.compiled_on, today);
		assert.equal(rep.inputs.previous_review, null);
		assert.deepEqual(rep.inputs.sections.map((s) => s.key), ['previous_actions', 'context_changes', 'nonconformities',
			'kpis', 'monitoring', 'audits', 'objectives', 'risks', 'incidents', 'changes']);

		assert.deepEqual(section(rep, 'previous_actions').data,
			{ total: 0, open: 0, in_progress: 0, done: 0, cancelled: 0, overdue: 0, done_percent: null, actions: [] });
		assert.deepEqual(section(rep, 'nonconformities').data, {
			open: 2, open_major: 1, open_minor: 1, open_overdue: 0, closed_in_period: 1, closed_on_time: 1,
			closed_on_time_percent: 100,
			corrective_actions: { total: 1, open: 1, in_progress: 0, done: 0, cancelled: 0, overdue: 1 },
		});
		const inc = section(rep, 'incidents').data;
		assert.deepEqual(inc.by_severity, [
			{ severity: 'high', reported_in_period: 1, open: 1, all: 1 },
			{ severity: 'low', reported_in_period: 1, open: 0, all: 1 },
		]);
		assert.equal(inc.open, 1);
		assert.equal(inc.all, 2);
		assert.equal(inc.mean_hours_to_respond, 2);
		assert.equal(inc.mean_hours_to_resolve, 6);

		const risk = await get(`/api/v1/risks/${ids.risk}`);
		const method = await get('/api/v1/risk-method');
		const label = method.levels.find((l) => l.key === risk.inherent_level).label;
		const risks = section(rep, 'risks').data;
		assert.equal(risks.risks, 2);
		assert.equal(risks.in_treatment, 1);
		assert.equal(risks.accepted, 0);
		assert.deepEqual(risks.inherent_levels, [{ level: label, risks: 1 }, { level: 'Not scored', risks: 1 }]);
		assert.deepEqual(risks.residual_levels, [{ level: 'Not scored', risks: 2 }]);
		assert.deepEqual(risks.treatment_actions, { total: 1, open: 1, in_progress: 0, done: 0, cancelled: 0, overdue: 0 });

		// sections of modules that came later read their own data (none here)
		for (const key of ['context_changes', 'kpis', 'objectives']) assert.notEqual(section(rep, key).available, false, key);
		assert.deepEqual(section(rep, 'kpis').data.counts, { on_target: 0, warning: 0, critical: 0, no_data: 0 });
		assert.equal(section(rep, 'objectives').data.total, 0);
		assert.equal(section(rep, 'context_changes').data.created, 0);
		assert.notEqual(section(rep, 'audits').available, false);
		assert.deepEqual([section(rep, 'audits').data.audits_completed, section(rep, 'audits').data.nonconformities_raised,
			section(rep, 'audits').data.upcoming], [0, 0, []]);
		assert.equal(section(rep, 'changes').available, false);
		assert.match(section(rep, 'changes').note, /first management review/);
	});

	it('a later change of the data does not alter the frozen inputs', async () => {
		const before = await report(ids.first);
		await post('nonconformities', { title: 'Visitor log missing', severity: 'major' });
		await post('incidents', { title: 'Phishing', severity: 'high' });
		const now = await report(ids.first);
		assert.deepEqual(now.inputs, before.inputs);
		assert.equal(section(now, 'nonconformities').data.open, 2);
		// the live figures did move
		assert.equal((await get('/api/v1/nonconformities/figures')).open.total, 3);
	});

	it('attendees are users, replaced whole and audited; bad input changes nothing', async () => {
		let r = await api(srv, 'PUT', `/api/v1/reviews/${ids.first}/attendees`, { token: tok.manager, body: { users: [uid.ceo, uid.manager, uid.ceo] } });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.attendees.map((a) => a.email).sort(), ['ceo@example.org', 'manager@example.org']);
		const audit = await auditTotal();
		r = await api(srv, 'PUT', `/api/v1/reviews/${ids.first}/attendees`, { token: tok.manager, body: { users: [uid.ceo, 999999] } });
		assertProblem(r, 422);
		assertFieldError(r.json, 'users', 'reference');
		r = await api(srv, 'PUT', `/api/v1/reviews/${ids.first}/attendees`, { token: tok.manager, body: { users: ['x'] } });
		assertProblem(r, 422);
		r = await api(srv, 'PUT', `/api/v1/reviews/${ids.first}/attendees`, { token: tok.manager, body: { users: [], extra: 1 } });
		assertProblem(r, 400);
		r = await api(srv, 'PUT', `/api/v1/reviews/${ids.first}/attendees`, { token: tok.auditor, body: { users: [] } });
		assertProblem(r, 403);
		assert.equal(await auditTotal(), audit);
		assert.equal((await report(ids.first)).attendees.length, 2);
		const entry = (await get(`/api/v1/audit?record_type=review&record_id=${ids.first}&action=review_attendees`)).items[0];
		assert.equal(entry.after.attendees.length, 2);
	});

	it('closing without outputs is refused and changes nothing', async () => {
		await api(srv, 'PATCH', `/api/v1/reviews/${ids.first}`, {
			token: tok.manager, headers: { 'If-Match': `"${(await get(`/api/v1/reviews/${ids.first}`)).version}"` },
			body: { status: 'held', minutes: 'Every input discussed', decisions: '   ' },
		});
		const before = await get(`/api/v1/reviews/${ids.first}`);
		const audit = await auditTotal();
		let r = await api(srv, 'POST', `/api/v1/reviews/${ids.first}/close`, { token: tok.manager });
		assertProblem(r, 422);
		assert.equal(r.json.code, 'outputs_required');
		assertFieldError(r.json, 'status', 'outputs_required');
		r = await api(srv, 'PATCH', `/api/v1/reviews/${ids.first}`, {
			token: tok.manager, headers: { 'If-Match': `"${before.version}"` }, body: { status: 'closed' },
		});
		assertProblem(r, 422);
		assert.equal(r.json.code, 'outputs_required');
		const cliClose = cli(srv, ['review', 'close', '--db', srv.db, '--id', String(ids.first)]);
		assert.equal(cliClose.status, 1);
		assert.match(cliClose.stderr, /closed only with its outputs/);
		assert.deepEqual(await get(`/api/v1/reviews/${ids.first}`), before);
		assert.equal(await auditTotal(), audit);
	});

	it('with an action it closes; a closed review no longer changes', async () => {
		ids.action = (await post('tasks', { title: 'Fund a second site', review: ids.first, owner: uid.ceo, due_date: dateIn(-1) })).id;
		let r = await api(srv, 'POST', `/api/v1/reviews/${ids.first}/close`, { token: tok.auditor });
		assertProblem(r, 403);
		r = await api(srv, 'POST', `/api/v1/reviews/${ids.first}/close`, { token: tok.manager, headers: { 'If-Match': '"1"' } });
		assertProblem(r, 412);
		r = await api(srv, 'POST', `/api/v1/reviews/${ids.first}/close`, { token: tok.manager });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'closed');
		assert.equal(r.json.closed_on, today);
		const rep = await report(ids.first);
		assert.deepEqual(rep.actions.map((a) => [a.id, a.title, a.status, a.overdue]), [[ids.action, 'Fund a second site', 'open', true]]);
		r = await api(srv, 'PATCH', `/api/v1/reviews/${ids.first}`, {
			token: tok.manager, headers: { 'If-Match': `"${r.json.version}"` }, body: { minutes: 'Changed later' },
		});
		assertProblem(r, 409);
		assert.equal(r.json.code, 'closed');
		r = await api(srv, 'POST', `/api/v1/reviews/${ids.first}/compile`, { token: tok.manager });
		assertProblem(r, 409);
		assert.equal(r.json.code, 'frozen');
		r = await api(srv, 'PUT', `/api/v1/reviews/${ids.first}/attendees`, { token: tok.manager, body: { users: [] } });
		assertProblem(r, 409);
	});
});

describe('the next review', () => {
	it("lists the previous review's actions with their status now", async () => {
		const rv = await post('reviews', { title: 'Review 2027', review_date: dateIn(60) });
		ids.second = rv.id;
		const rep = await report(rv.id);
		assert.deepEqual(rep.inputs.previous_review, { id: ids.first, title: 'Review 2026', review_date: dateIn(7), compiled_on: today });
		const prev = section(rep, 'previous_actions').data;
		assert.equal(prev.total, 1);
		assert.equal(prev.open, 1);
		assert.equal(prev.overdue, 1);
		assert.deepEqual(prev.actions, [{
			task: ids.action, action: 'Fund a second site', owner: 'ceo', due: dateIn(-1), status: 'open', overdue: true,
			review: ids.first, review_title: 'Review 2026', review_date: dateIn(7),
		}]);
		assert.equal(section(rep, 'nonconformities').data.open, 3);
		const changes = section(rep, 'changes').data;
		assert.equal(changes.since, today);
		assert.ok(changes.records.some((c) => c.record_type === 'Management reviews' && c.created === 1 && c.updated >= 2));
	});

	it("a draft's inputs compile again from today's data (audited as an update)", async () => {
		await api(srv, 'PATCH', `/api/v1/tasks/${ids.action}`, {
			token: tok.manager, headers: { 'If-Match': '"1"' }, body: { status: 'done' },
		});
		const before = await get(`/api/v1/reviews/${ids.second}`);
		assert.equal(section(await report(ids.second), 'previous_actions').data.done, 0);
		const r = await api(srv, 'POST', `/api/v1/reviews/${ids.second}/compile`, { token: tok.manager });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.version, before.version + 1);
		const prev = section(await report(ids.second), 'previous_actions').data;
		assert.deepEqual([prev.done, prev.open, prev.overdue, prev.done_percent], [1, 0, 0, 100]);
	});

	it('auditors read the report; employees do not see reviews', async () => {
		assert.equal((await api(srv, 'GET', `/api/v1/reviews/${ids.second}/report`, { token: tok.auditor })).status, 200);
		assertProblem(await api(srv, 'GET', `/api/v1/reviews/${ids.second}/report`, { token: tok.staff }), 403);
		assertProblem(await api(srv, 'GET', '/api/v1/reviews/999999/report', { token: tok.manager }), 404);
	});

	it('the CLI prints the same report, and its page shows it', async () => {
		const r = cli(srv, ['review', 'show', '--db', srv.db, '--id', String(ids.second), '--format', 'json']);
		assert.equal(r.status, 0, r.stderr);
		assert.deepEqual(JSON.parse(r.stdout).inputs, (await report(ids.second)).inputs);
		const text = cli(srv, ['review', 'show', '--db', srv.db, '--id', String(ids.second)]);
		assert.match(text.stdout, /== Actions from previous reviews/);
		assert.match(text.stdout, /Fund a second site/);
		const page = await api(srv, 'GET', `/reviews/${ids.second}`, { token: tok.manager });
		assert.equal(page.status, 200);
		assert.match(page.text, /Actions from previous reviews/);
		assert.match(page.text, /Fund a second site/);
		assert.match(page.text, /Compile the inputs again/);
		const att = cli(srv, ['review', 'attendees', '--db', srv.db, '--id', String(ids.second), '--users', 'ceo@example.org,nobody@example.org']);
		assert.equal(att.status, 1);
		assert.deepEqual((await report(ids.second)).attendees, []);
	});
});
