// Objectives and KPIs (src/isms/kpi.h): every built-in formula computed on
// seeded data with its exact value (SoA, risks, incidents, nonconformities,
// training, policy acknowledgement, overdue reviews), manual measurements
// refused in the wrong unit, with a future date, a duplicate period or a
// value that is not a number — each refusal changing nothing —, the status
// against target and thresholds in both directions, the housekeeping job
// measuring computed KPIs once per period, the pages and the CLI.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { addPeople, api, assertFieldError, assertProblem, cli, dbQuery, startServer } from './harness.mjs';

let srv;
const tok = {};
const uid = {};
const kpi = {};
const count = (sql) => Number(dbQuery(srv.db, sql));
const today = new Date().toISOString().slice(0, 10);
const hoursAgo = (h) => new Date(Date.now() - h * 3_600_000).toISOString().slice(0, 19) + 'Z';

async function post(url, body, token = tok.manager, status = 201) {
	const r = await api(srv, 'POST', url, { body, token });
	assert.equal(r.status, status, `${url}: ${r.text}`);
	return r.json;
}

const newKpi = async (body) => (await post('/api/v1/kpis', body)).id;
const measure = (id, token = tok.manager) => api(srv, 'POST', `/api/v1/kpis/${id}/measure`, { token });
const record = (id, body, token = tok.manager) => api(srv, 'POST', `/api/v1/kpis/${id}/measurements`, { body, token });
const statusOf = async (id) => (await api(srv, 'GET', '/api/v1/kpis/status', { token: tok.auditor })).json.items.find((k) => k.id === id);

before(async () => {
	srv = await startServer();
	await addPeople(srv, [['manager', 'isms_manager'], ['manager2', 'isms_manager'], ['owner1', 'owner'], ['auditor', 'auditor'],
		['emp1', 'employee'], ['emp2', 'employee']], tok, uid);
});
after(async () => { await srv?.stop(); });

describe('objectives and KPI records', () => {
	it('an objective with its KPI; the KPI rule fills unit and direction from a formula', async () => {
		kpi.objective = (await post('/api/v1/objectives', { title: 'Staff know the rules', owner: uid.owner1, target: 'All staff trained', due_date: '2030-12-31' })).id;
		const k = await post('/api/v1/kpis', { title: 'Overdue reviews', source: 'overdue_reviews', target: 0, critical: 5, objective: kpi.objective });
		assert.equal(k.unit, 'count');
		assert.equal(k.direction, 'lower_better');
		assert.equal(k.target, 0);
		kpi.overdue = k.id;
	});

	it('refuses a formula with another unit, thresholds out of order or out of the unit, and changes nothing', async () => {
		const before = count('SELECT COUNT(*) FROM kpi') + '/' + count('SELECT COUNT(*) FROM audit_log');
		let r = await api(srv, 'POST', '/api/v1/kpis', { token: tok.manager, body: { title: 'x', source: 'overdue_reviews', unit: 'percent', target: 1 } });
		assertProblem(r, 422);
		assertFieldError(r.json, 'unit', 'formula');
		r = await api(srv, 'POST', '/api/v1/kpis', { token: tok.manager, body: { title: 'x', target: 95, warning: 97 } });
		assertFieldError(r.json, 'warning', 'order');
		r = await api(srv, 'POST', '/api/v1/kpis', { token: tok.manager, body: { title: 'x', unit: 'hours', direction: 'lower_better', target: 4, critical: 3 } });
		assertFieldError(r.json, 'critical', 'order');
		r = await api(srv, 'POST', '/api/v1/kpis', { token: tok.manager, body: { title: 'x', target: 101 } });
		assertFieldError(r.json, 'target', 'range');
		r = await api(srv, 'POST', '/api/v1/kpis', { token: tok.manager, body: { title: 'x', target: 'ninety' } });
		assertFieldError(r.json, 'target', 'type');
		assert.equal(count('SELECT COUNT(*) FROM kpi') + '/' + count('SELECT COUNT(*) FROM audit_log'), before);
	});
});

describe('built-in formulas on seeded data', () => {
	it('% applicable controls implemented (SoA): 2 of 3 → 66.7', async () => {
		await post('/api/v1/frameworks/install', { key: 'iso27001-2022' });
		const fw = (await api(srv, 'GET', '/api/v1/frameworks', { token: tok.manager })).json.items.find((f) => f.ref_id === 'ISO/IEC 27001:2022').id;
		const soa = (await api(srv, 'GET', `/api/v1/frameworks/${fw}/soa`, { token: tok.manager })).json;
		const rows = soa.groups.flatMap((g) => g.rows).slice(0, 3);
		for (const [i, row] of rows.entries()) {
			const r = await api(srv, 'PUT', `/api/v1/soa/${row.requirement_id}`, { token: tok.manager, headers: { 'If-Match': '"0"' },
				body: { applicable: true, status: i < 2 ? 'implemented' : 'planned' } });
			assert.equal(r.status, 200, r.text);
		}
		const id = await newKpi({ title: 'Controls implemented', source: 'controls_implemented', target: 90 });
		const r = await measure(id);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.value, 66.7);
		assert.equal(r.json.source, 'computed');
		assert.equal(r.json.period, today.slice(0, 7));
	});

	it('% risks within appetite: 3 of 4 scored → 75 (unscored ones do not count)', async () => {
		for (const [l, i] of [[1, 1], [1, 1], [1, 1], [5, 5]]) await post('/api/v1/risks', { title: `Risk ${l}x${i}`, likelihood: l, impact: i });
		await post('/api/v1/risks', { title: 'Not scored' });
		const id = await newKpi({ title: 'Risks within appetite', source: 'risks_within_appetite', target: 80 });
		assert.equal((await measure(id)).json.value, 75);
	});

	it('incident mean time to respond (1.5 h) and to resolve (8 h)', async () => {
		for (const [d, resp, res] of [[10, 8, 4], [20, 19, 10]])
			await post('/api/v1/incidents', { title: `Incident ${d}`, occurred_at: hoursAgo(d), detected_at: hoursAgo(d), responded_at: hoursAgo(resp), resolved_at: hoursAgo(res) });
		await post('/api/v1/incidents', { title: 'Long ago', occurred_at: '2020-01-01T00:00:00Z', detected_at: '2020-01-01T00:00:00Z', responded_at: '2020-01-03T00:00:00Z' });
		const respond = await newKpi({ title: 'Time to respond', source: 'incident_time_to_respond', target: 4, warning: 8, critical: 24 });
		const resolve = await newKpi({ title: 'Time to resolve', source: 'incident_time_to_resolve', target: 24 });
		assert.equal((await measure(respond)).json.value, 1.5);
		assert.equal((await measure(resolve)).json.value, 8);
		assert.equal((await statusOf(respond)).unit, 'hours');
	});

	it('% nonconformities closed on time: 2 of 3 → 66.7', async () => {
		for (const [title, due] of [['On time A', '2099-01-01'], ['On time B', today], ['Late', '2020-01-01']]) {
			const nc = await post('/api/v1/nonconformities', { title, due_date: due });
			dbQuery(srv.db, `UPDATE nonconformity SET status = 'closed', closed_on = '${today}' WHERE id = ${nc.id}`);
		}
		await post('/api/v1/nonconformities', { title: 'Still open', due_date: '2020-01-01' });
		const id = await newKpi({ title: 'NCs on time', source: 'nc_closed_on_time', target: 90 });
		assert.equal((await measure(id)).json.value, 66.7);
	});

	it('training completion (2 of 2 → 100) and pass rate (2 of 3 attempts → 66.7)', async () => {
		const course = (await post('/api/v1/courses', { title: 'Basics', pass_mark: 100 })).id;
		let r = await api(srv, 'PUT', `/api/v1/courses/${course}/quiz`, { token: tok.manager, body: { questions: [
			{ text: 'Share your password?', choices: [{ text: 'Never', correct: true }, { text: 'With IT' }] }] } });
		assert.equal(r.status, 200, r.text);
		const q = (await api(srv, 'GET', `/api/v1/courses/${course}/quiz`, { token: tok.manager })).json.questions[0];
		for (const who of ['emp1', 'emp2']) await post(`/api/v1/courses/${course}/assignments`, { audience: 'user', user_id: uid[who], due_date: '2099-01-31' });
		for (const [who, pick] of [['emp1', 1], ['emp1', 0], ['emp2', 0]]) {
			r = await api(srv, 'POST', `/api/v1/courses/${course}/attempts`, { token: tok[who], body: { answers: [{ question: q.id, choices: [q.choices[pick].id] }] } });
			assert.equal(r.status, 201, r.text);
		}
		const completion = await newKpi({ title: 'Training completion', source: 'training_completion', target: 95 });
		const pass = await newKpi({ title: 'Pass rate', source: 'training_pass_rate', target: 80 });
		assert.equal((await measure(completion)).json.value, 100);
		assert.equal((await measure(pass)).json.value, 66.7);
	});

	it('policy acknowledgement: 1 of 2 employees → 50', async () => {
		const id = await newKpi({ title: 'Policy read', source: 'policy_acknowledgement', target: 100 });
		let r = await measure(id);
		assertProblem(r, 409);
		assert.equal(r.json.code, 'no_data');
		const doc = (await post('/api/v1/documents', { title: 'Security policy', doc_type: 'policy', body: 'Be careful.' })).id;
		assert.equal((await api(srv, 'POST', `/api/v1/documents/${doc}/submit`, { token: tok.manager })).status, 200);
		assert.equal((await api(srv, 'POST', `/api/v1/documents/${doc}/approve`, { token: tok.manager2 })).status, 200);
		r = await api(srv, 'POST', `/api/v1/documents/${doc}/publish`, { token: tok.manager, body: { audience: { roles: ['employee'] } } });
		assert.equal(r.status, 200, r.text);
		assert.equal((await api(srv, 'POST', `/api/v1/documents/${doc}/acknowledge`, { token: tok.emp1 })).status, 201);
		assert.equal((await measure(id)).json.value, 50);
	});

	it('overdue reviews: 2 controls and 1 risk past their review date → 3', async () => {
		for (const t of ['Backups', 'Firewall']) await post('/api/v1/controls', { title: t, next_review: '2020-01-01' });
		await post('/api/v1/controls', { title: 'Fine', next_review: '2099-01-01' });
		await post('/api/v1/risks', { title: 'Stale risk', review_date: '2020-01-01' });
		await post('/api/v1/risks', { title: 'Closed stale risk', review_date: '2020-01-01', likelihood: 1, impact: 1, status: 'closed' });
		const r = await measure(kpi.overdue);
		assert.equal(r.json.value, 3);
		assert.equal((await statusOf(kpi.overdue)).status, 'warning'); // 3 > target 0, not past critical 5
	});

	it('measuring again in the same period replaces the computed value, audited', async () => {
		const audit = count("SELECT COUNT(*) FROM audit_log WHERE action = 'kpi_measurement'");
		await post('/api/v1/controls', { title: 'Another stale', next_review: '2020-01-01' });
		const r = await measure(kpi.overdue);
		assert.equal(r.json.value, 4);
		assert.equal(count(`SELECT COUNT(*) FROM kpi_measurement WHERE kpi_id = ${kpi.overdue}`), 1);
		assert.equal(count("SELECT COUNT(*) FROM audit_log WHERE action = 'kpi_measurement'"), audit + 1);
	});
});

describe('manual measurements', () => {
	it('records one per period; the list reads them oldest first', async () => {
		kpi.manual = await newKpi({ title: 'Phishing click rate', unit: 'percent', direction: 'lower_better', target: 5, warning: 10, critical: 20, owner: uid.owner1 });
		let r = await record(kpi.manual, { date: '2024-01-15', value: 12.5, note: 'First campaign' }, tok.owner1);
		assert.equal(r.status, 201, r.text);
		assert.deepEqual([r.json.period, r.json.date, r.json.value, r.json.source, r.json.note, r.json.recorded_by],
			['2024-01', '2024-01-15', 12.5, 'manual', 'First campaign', uid.owner1]);
		r = await record(kpi.manual, { date: '2024-02-03', value: 4 });
		assert.equal(r.status, 201, r.text);
		const list = (await api(srv, 'GET', `/api/v1/kpis/${kpi.manual}/measurements`, { token: tok.auditor })).json;
		assert.deepEqual(list.items.map((m) => [m.period, m.value]), [['2024-01', 12.5], ['2024-02', 4]]);
		assert.equal(count(`SELECT COUNT(*) FROM audit_log WHERE action = 'kpi_measurement' AND record_id = ${kpi.manual}`), 2);
	});

	it('refuses bad measurements, naming the field, and changes nothing', async () => {
		const cnt = await newKpi({ title: 'Laptops lost', unit: 'count', direction: 'lower_better', target: 0 });
		const state = () => `${count('SELECT COUNT(*) FROM kpi_measurement')}/${count('SELECT COUNT(*) FROM audit_log')}`;
		const before = state();
		const cases = [
			[kpi.manual, { value: 101 }, 422, 'value', 'range'],
			[kpi.manual, { value: -0.5 }, 422, 'value', 'range'],
			[cnt, { value: -1 }, 422, 'value', 'range'],
			[cnt, { value: 2.5 }, 422, 'value', 'range'],
			[kpi.manual, { value: 'abc' }, 422, 'value', 'type'],
			[kpi.manual, { value: '7' }, 422, 'value', 'type'],
			[kpi.manual, {}, 422, 'value', 'required'],
			[kpi.manual, { value: 3, date: '2999-01-01' }, 422, 'date', 'future'],
			[kpi.manual, { value: 3, date: '2024-02-29' }, 422, 'date', 'duplicate_period'],
			[kpi.manual, { value: 3, date: '2024-13-01' }, 422, 'date', 'date'],
			[kpi.manual, { value: 3, period: '2024-03' }, 400, 'period', 'unknown_field'],
		];
		for (const [id, body, status, field, code] of cases) {
			const r = await record(id, body);
			assertProblem(r, status, JSON.stringify(body));
			assertFieldError(r.json, field, code);
		}
		let r = await record(kpi.overdue, { value: 3 });
		assertProblem(r, 409);
		assert.equal(r.json.code, 'computed');
		r = await measure(kpi.manual);
		assertProblem(r, 409);
		assert.equal(r.json.code, 'manual');
		r = await record(kpi.manual, { value: 3 }, tok.manager.replace(/./g, 'x'));
		assert.equal(r.status, 401);
		assert.equal(state(), before);
	});

	it('an owner changes only their own KPIs; an auditor reads but does not record', async () => {
		const other = await newKpi({ title: 'Not theirs', target: 50 });
		let r = await record(other, { value: 60 }, tok.owner1);
		assertProblem(r, 403);
		assert.equal(r.json.code, 'not_yours');
		r = await record(kpi.manual, { value: 60 }, tok.auditor);
		assertProblem(r, 403);
		assert.equal(count(`SELECT COUNT(*) FROM kpi_measurement WHERE kpi_id = ${other}`), 0);
	});
});

describe('status against target and thresholds', () => {
	const series = async (limits, values) => {
		const id = await newKpi({ title: `Series ${JSON.stringify(limits)}`, frequency: 'yearly', ...limits });
		const got = [];
		for (const [i, value] of values.entries()) {
			const r = await record(id, { date: `${2010 + i}-06-01`, value });
			assert.equal(r.status, 201, r.text);
			got.push((await statusOf(id)).status);
		}
		return got;
	};

	it('no data before the first measurement', async () => {
		const id = await newKpi({ title: 'Empty', target: 1, unit: 'ratio' });
		const st = await statusOf(id);
		assert.equal(st.status, 'no_data');
		assert.equal(st.latest, null);
	});

	it('higher is better: on target down to the warning threshold, critical below the critical one', async () => {
		assert.deepEqual(await series({ target: 95, warning: 90, critical: 80 }, [96, 95, 90, 89.9, 80, 79.9]),
			['on_target', 'on_target', 'on_target', 'warning', 'warning', 'critical']);
	});

	it('higher is better without a warning threshold: anything under the target is a warning', async () => {
		assert.deepEqual(await series({ target: 95, critical: 80 }, [94.9, 95]), ['warning', 'on_target']);
	});

	it('lower is better: the other way round', async () => {
		assert.deepEqual(await series({ unit: 'hours', direction: 'lower_better', target: 4, warning: 6, critical: 8 }, [3, 6, 6.5, 8, 8.01]),
			['on_target', 'on_target', 'warning', 'warning', 'critical']);
	});

	it('the status list counts each status and filters by objective', async () => {
		const all = (await api(srv, 'GET', '/api/v1/kpis/status', { token: tok.auditor })).json;
		const c = all.counts;
		assert.equal(c.on_target + c.warning + c.critical + c.no_data, all.total);
		assert.equal(all.items.filter((k) => k.status === 'critical').length, c.critical);
		const mine = (await api(srv, 'GET', `/api/v1/kpis/status?objective=${kpi.objective}`, { token: tok.auditor })).json;
		assert.deepEqual(mine.items.map((k) => k.id), [kpi.overdue]);
		assert.equal(mine.items[0].objective_title, 'Staff know the rules');
		const bad = await api(srv, 'GET', '/api/v1/kpis/status?objective=x', { token: tok.auditor });
		assertProblem(bad, 400);
		assertProblem(await api(srv, 'GET', '/api/v1/kpis/status', { token: tok.emp1 }), 403);
	});
});

describe('housekeeping, pages and CLI', () => {
	it('the housekeeping job measures each computed KPI once per period', async () => {
		const id = await newKpi({ title: 'Risks (quarterly)', source: 'risks_within_appetite', target: 80, frequency: 'quarterly' });
		const before = count('SELECT COUNT(*) FROM kpi_measurement');
		let run = cli(srv, ['housekeeping', 'run', '--db', srv.db]);
		assert.equal(run.status, 0, run.stderr);
		assert.match(run.stdout, /kpi_measurement: 1 KPIs measured/); // only the new one: the others have this period's
		const q = `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
		assert.equal(dbQuery(srv.db, `SELECT period || ' ' || source || ' ' || COALESCE(recorded_by, 0) FROM kpi_measurement WHERE kpi_id = ${id}`), `${q} computed 0`);
		run = cli(srv, ['housekeeping', 'run', '--db', srv.db]);
		assert.match(run.stdout, /kpi_measurement: 0 KPIs measured/);
		assert.equal(count('SELECT COUNT(*) FROM kpi_measurement'), before + 1);
	});

	it('the KPI page draws the trend with target line and bands; the objective page lists its KPIs', async () => {
		let page = await api(srv, 'GET', `/kpis/${kpi.manual}`, { token: tok.manager });
		assert.equal(page.status, 200);
		assert.match(page.text, /<svg class="trend-chart kpi-chart"/);
		assert.match(page.text, /class="kpi-target"/);
		assert.match(page.text, /class="kpi-band-crit"/);
		assert.equal((page.text.match(/<circle class="pt lvl-/g) || []).length, 2);
		assert.match(page.text, /<circle class="pt lvl-yellow"[^>]*><title>2024-01: 12.5 %, Warning<\/title>/);
		assert.match(page.text, /Record a measurement/);
		page = await api(srv, 'GET', `/objectives/${kpi.objective}`, { token: tok.emp1 });
		assert.equal(page.status, 200);
		assert.doesNotMatch(page.text, /KPIs measuring this objective/); // employees do not read KPIs
		page = await api(srv, 'GET', `/objectives/${kpi.objective}`, { token: tok.manager });
		assert.match(page.text, new RegExp(`<a href="/kpis/${kpi.overdue}">Overdue reviews</a>`));
	});

	it('a refused form shows the message at its field and records nothing', async () => {
		const before = count('SELECT COUNT(*) FROM kpi_measurement');
		const r = await api(srv, 'POST', `/kpis/${kpi.manual}/measurements`, { token: tok.manager,
			raw: 'date=2999-01-01&value=150&note=', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
		assert.equal(r.status, 422);
		assert.match(r.text, /Must not be in the future/);
		assert.match(r.text, /A percentage lies between 0 and 100/);
		assert.equal(count('SELECT COUNT(*) FROM kpi_measurement'), before);
	});

	it('isms kpi record / measure / status', () => {
		let r = cli(srv, ['kpi', 'record', '--db', srv.db, '--id', String(kpi.manual), '--value', '7', '--date', '2024-03-01']);
		assert.equal(r.status, 0, r.stderr);
		assert.equal(r.stdout, '2024-03\t2024-03-01\t7\tmanual\t\n');
		r = cli(srv, ['kpi', 'record', '--db', srv.db, '--id', String(kpi.manual), '--value', '-3']);
		assert.equal(r.status, 1);
		assert.match(r.stderr, /value: A percentage lies between 0 and 100/);
		r = cli(srv, ['kpi', 'measure', '--db', srv.db, '--id', String(kpi.overdue)]);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, new RegExp(`^${today.slice(0, 7)}\t${today}\t4\tcomputed`));
		r = cli(srv, ['kpi', 'status', '--db', srv.db, '--format', 'json']);
		const st = JSON.parse(r.stdout).items.find((k) => k.id === kpi.manual);
		assert.deepEqual([st.latest.value, st.status], [7, 'on_target']); // worse than the target 5, not past the warning 10
	});
});
