// Incidents: anyone reports, an employee sees only what they reported or
// handle (record, list, CSV, links), the ISMS manager triages; the timeline
// must run in order (422 naming both fields, nothing changed); time to
// detect, respond, contain and resolve and the 72-hour breach clock in the
// incident's JSON (API and CLI); affected assets and related risks as links;
// mean response times over a period.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { addPeople, api, assertFieldError, assertProblem, cli, startServer } from './harness.mjs';

let srv;
const tok = {};
const uid = {};
const ids = {};

async function post(plural, body, token) {
	const r = await api(srv, 'POST', `/api/v1/${plural}`, { body, token: token ?? srv.token });
	assert.equal(r.status, 201, r.text);
	return r.json;
}

async function patch(id, body, token = tok.manager) {
	const cur = await api(srv, 'GET', `/api/v1/incidents/${id}`, { token });
	return api(srv, 'PATCH', `/api/v1/incidents/${id}`, { body, token, headers: { 'If-Match': `"${cur.json.version}"` } });
}

before(async () => {
	srv = await startServer();
	await addPeople(srv, [['staff', 'employee'], ['other', 'employee'], ['manager', 'isms_manager'], ['auditor', 'auditor']], tok, uid);
	ids.asset = (await post('assets', { name: 'Mail server', asset_type: 'service' })).id;
	ids.asset2 = (await post('assets', { name: 'Laptop fleet', asset_type: 'hardware' })).id;
	ids.risk = (await post('risks', { title: 'Phishing leads to account takeover' })).id;
});
after(async () => { await srv?.stop(); });

describe('reporting and who sees it', () => {
	it('an employee reports an incident: they are its reporter, it is "reported"', async () => {
		const rec = await post('incidents', { title: 'Strange mail with a link', description: 'I clicked it.' }, tok.staff);
		ids.inc = rec.id;
		assert.equal(rec.reporter, uid.staff);
		assert.equal(rec.status, 'reported');
		assert.equal(rec.handler, null);
		assert.deepEqual(rec.metrics, {
			time_to_detect_seconds: null, time_to_respond_seconds: null, time_to_contain_seconds: null,
			time_to_resolve_seconds: null, breach_notification: null,
		});
	});

	it('another employee cannot read it: 404 on the record, its links, absent from the list and the CSV', async () => {
		const r = await api(srv, 'GET', `/api/v1/incidents/${ids.inc}`, { token: tok.other });
		assertProblem(r, 404);
		assertProblem(await api(srv, 'GET', `/api/v1/incidents/${ids.inc}/links`, { token: tok.other }), 404);
		const page = await api(srv, 'GET', `/incidents/${ids.inc}`, { token: tok.other });
		assert.equal(page.status, 404);
		assert.doesNotMatch(page.text, /Strange mail/);
		const list = await api(srv, 'GET', '/api/v1/incidents', { token: tok.other });
		assert.equal(list.json.total, 0);
		const csv = await api(srv, 'GET', '/api/v1/incidents/export.csv', { token: tok.other });
		assert.equal(csv.status, 200);
		assert.doesNotMatch(csv.text, /Strange mail/);
		const mine = await api(srv, 'GET', '/api/v1/incidents', { token: tok.staff });
		assert.deepEqual(mine.json.items.map((i) => i.id), [ids.inc]);
	});

	it('the reporter cannot triage it (403) and nothing changes', async () => {
		const r = await patch(ids.inc, { severity: 'high' }, tok.staff);
		assertProblem(r, 403);
		const now = await api(srv, 'GET', `/api/v1/incidents/${ids.inc}`, { token: tok.manager });
		assert.equal(now.json.severity, null);
		assert.equal(now.json.version, 1);
	});

	it('the handler sees it once named', async () => {
		const r = await patch(ids.inc, { handler: uid.other });
		assert.equal(r.status, 200, r.text);
		const seen = await api(srv, 'GET', `/api/v1/incidents/${ids.inc}`, { token: tok.other });
		assert.equal(seen.status, 200);
		assert.equal((await patch(ids.inc, { handler: uid.manager })).status, 200);
		assertProblem(await api(srv, 'GET', `/api/v1/incidents/${ids.inc}`, { token: tok.other }), 404);
	});
});

describe('triage and the timeline', () => {
	it('the manager triages: category, severity, breach flag, asset; the timeline gives the response times', async () => {
		const r = await patch(ids.inc, {
			category: 'phishing', severity: 'high', personal_data_breach: true, asset: ids.asset, status: 'resolved',
			occurred_at: '2026-01-05T08:00:00Z', detected_at: '2026-01-05T10:30:00Z', reported_at: '2026-01-05T10:45:00Z',
			responded_at: '2026-01-05T11:00:00Z', contained_at: '2026-01-05T14:00:00Z', resolved_at: '2026-01-06T10:30:00Z',
		});
		assert.equal(r.status, 200, r.text);
		const m = r.json.metrics;
		assert.equal(m.time_to_detect_seconds, 9000); // 2 h 30 min
		assert.equal(m.time_to_respond_seconds, 1800); // 30 min
		assert.equal(m.time_to_contain_seconds, 12600); // 3 h 30 min
		assert.equal(m.time_to_resolve_seconds, 86400); // 24 h
		const b = m.breach_notification;
		assert.equal(b.deadline, '2026-01-08T10:30:00Z'); // detection + 72 h
		assert.equal(b.deadline_hours, 72);
		assert.equal(b.notified_at, null);
		assert.equal(b.met, null);
		assert.equal(b.overdue, true);
		assert.ok(b.seconds_left < 0);
		// the affected asset field brings its link
		const links = await api(srv, 'GET', `/api/v1/incidents/${ids.inc}/links`, { token: tok.manager });
		const assets = links.json.kinds.find((k) => k.kind === 'assets' && k.direction === 'outgoing');
		assert.deepEqual(assets.items.map((i) => [i.id, i.primary]), [[ids.asset, true]]);
	});

	it('recording the notification within 72 hours: met', async () => {
		const r = await patch(ids.inc, { regulator_notified_at: '2026-01-07T09:00:00Z' });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.metrics.breach_notification, {
			deadline_hours: 72, deadline: '2026-01-08T10:30:00Z', notified_at: '2026-01-07T09:00:00Z', met: true,
			seconds_left: null, overdue: false,
		});
		const late = await patch(ids.inc, { regulator_notified_at: '2026-01-08T10:30:01Z' });
		assert.equal(late.json.metrics.breach_notification.met, false);
		assert.equal((await patch(ids.inc, { regulator_notified_at: '2026-01-08T10:30:00Z' })).json.metrics.breach_notification.met, true);
	});

	it('a stage before an earlier one is refused, naming both fields, and nothing changes', async () => {
		const before = (await api(srv, 'GET', `/api/v1/incidents/${ids.inc}`, { token: tok.manager })).json;
		const r = await patch(ids.inc, { responded_at: '2026-01-05T10:00:00Z' });
		assertProblem(r, 422);
		assertFieldError(r.json, 'responded_at', 'timeline');
		assertFieldError(r.json, 'detected_at', 'timeline');
		assert.match(r.json.detail ?? r.json.title, /Responded.*Detected|out of order/);
		const notified = await patch(ids.inc, { regulator_notified_at: '2026-01-05T09:00:00Z' });
		assertProblem(notified, 422);
		assertFieldError(notified.json, 'regulator_notified_at', 'timeline');
		const after = (await api(srv, 'GET', `/api/v1/incidents/${ids.inc}`, { token: tok.manager })).json;
		assert.deepEqual(after, before);
	});

	it('a new incident with its timeline out of order is not created', async () => {
		const count = (await api(srv, 'GET', '/api/v1/incidents', { token: tok.manager })).json.total;
		const r = await api(srv, 'POST', '/api/v1/incidents', {
			token: tok.manager,
			body: { title: 'Backwards', detected_at: '2026-02-01T10:00:00Z', closed_at: '2026-01-01T10:00:00Z' },
		});
		assertProblem(r, 422);
		assertFieldError(r.json, 'closed_at', 'timeline');
		assertFieldError(r.json, 'detected_at', 'timeline');
		assert.equal((await api(srv, 'GET', '/api/v1/incidents', { token: tok.manager })).json.total, count);
	});

	it('more affected assets and a related risk are links; the employee may not add them', async () => {
		let r = await api(srv, 'POST', `/api/v1/incidents/${ids.inc}/links/assets`, { token: tok.manager, body: { id: ids.asset2 } });
		assert.equal(r.status, 201, r.text);
		r = await api(srv, 'POST', `/api/v1/incidents/${ids.inc}/links/risks`, { token: tok.manager, body: { id: ids.risk } });
		assert.equal(r.status, 201, r.text);
		r = await api(srv, 'POST', `/api/v1/incidents/${ids.inc}/links/assets`, { token: tok.staff, body: { id: ids.asset2 } });
		assert.ok([403, 404].includes(r.status), r.text);
		const links = (await api(srv, 'GET', `/api/v1/incidents/${ids.inc}/links`, { token: tok.manager })).json.kinds;
		assert.deepEqual(links.find((k) => k.kind === 'assets' && k.direction === 'outgoing').items.map((i) => i.id).sort(),
			[ids.asset, ids.asset2].sort());
		assert.deepEqual(links.find((k) => k.kind === 'risks').items.map((i) => i.id), [ids.risk]);
		// seen from the risk
		const fromRisk = (await api(srv, 'GET', `/api/v1/risks/${ids.risk}/links`, { token: tok.manager })).json.kinds;
		assert.deepEqual(fromRisk.find((k) => k.kind === 'risks' && k.direction === 'incoming').items.map((i) => i.id), [ids.inc]);
	});

	it('the CLI shows the same computed times', () => {
		const r = cli(srv, ['record', 'show', '--db', srv.db, '--type', 'incident', '--id', String(ids.inc), '--format', 'json']);
		assert.equal(r.status, 0, r.stderr);
		const rec = JSON.parse(r.stdout);
		assert.equal(rec.metrics.time_to_resolve_seconds, 86400);
		assert.equal(rec.metrics.breach_notification.deadline, '2026-01-08T10:30:00Z');
	});

	it('the page shows the timeline panel with the times and the breach deadline', async () => {
		const page = await api(srv, 'GET', `/incidents/${ids.inc}`, { token: tok.manager });
		assert.equal(page.status, 200);
		assert.match(page.text, /Time to detect<\/dt><dd><strong>2 h 30 min/);
		assert.match(page.text, /Time to resolve<\/dt><dd><strong>1 d 0 h 0 min/);
		assert.match(page.text, /datetime="2026-01-08T10:30:00Z"/);
		assert.match(page.text, /badge-ok">Met/);
		assert.match(page.text, /Raise a nonconformity/);
	});
});

describe('mean response times over a period', () => {
	it('averages the incidents detected in the period', async () => {
		await post('incidents', {
			title: 'Lost phone', occurred_at: '2026-01-20T09:00:00Z', detected_at: '2026-01-20T10:00:00Z',
			responded_at: '2026-01-20T12:00:00Z', resolved_at: '2026-01-21T10:00:00Z', personal_data_breach: true,
		}, tok.manager);
		await post('incidents', { title: 'Outside the period', detected_at: '2026-03-01T10:00:00Z', responded_at: '2026-03-01T11:00:00Z' }, tok.manager);
		const r = await api(srv, 'GET', '/api/v1/incidents/metrics?from=2026-01-01&to=2026-01-31', { token: tok.auditor });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json, {
			from: '2026-01-01', to: '2026-01-31', incidents: 2,
			mean_time_to_detect_seconds: (9000 + 3600) / 2,
			mean_time_to_respond_seconds: (1800 + 7200) / 2,
			mean_time_to_contain_seconds: 12600,
			mean_time_to_resolve_seconds: (86400 + 86400) / 2,
			counted: { detect: 2, respond: 2, contain: 1, resolve: 2 },
			breaches: { total: 2, notified_in_time: 1, notified_late: 0, not_notified: 1 },
		});
		const all = await api(srv, 'GET', '/api/v1/incidents/metrics', { token: tok.auditor });
		assert.equal(all.json.incidents, 3);
		assert.equal(all.json.mean_time_to_respond_seconds, (1800 + 7200 + 3600) / 3);
	});

	it('refuses bad periods and unknown parameters; employees may not read it', async () => {
		let r = await api(srv, 'GET', '/api/v1/incidents/metrics?from=2026-13-01', { token: tok.auditor });
		assertProblem(r, 422);
		assertFieldError(r.json, 'from', 'date');
		r = await api(srv, 'GET', '/api/v1/incidents/metrics?from=2026-02-01&to=2026-01-01', { token: tok.auditor });
		assertProblem(r, 422);
		assertFieldError(r.json, 'to', 'order');
		assertProblem(await api(srv, 'GET', '/api/v1/incidents/metrics?since=2026-01-01', { token: tok.auditor }), 400);
		assertProblem(await api(srv, 'GET', '/api/v1/incidents/metrics', { token: tok.staff }), 403);
	});
});
