// The risk method: the default 5 × 5 method, new versions and their
// validation (each problem named by its field, nothing changed), risks
// scored on the current method's scales with levels from its matrix, and
// earlier assessments kept readable with the version they were scored with.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { addUser, api, assertFieldError, assertProblem, cli, create, createToken, dbQuery, etag, getRecord, startServer } from './harness.mjs';

let srv;
let manager;
let owner;
before(async () => {
	srv = await startServer();
	addUser(srv, 'manager@example.org', 'isms_manager', 'Long-enough-manager-pw');
	manager = createToken(srv, 'manager@example.org');
	addUser(srv, 'owner@example.org', 'owner', 'Long-enough-owner-pw');
	owner = createToken(srv, 'owner@example.org');
});
after(async () => { await srv?.stop(); });

/** The body of a method: scales of n steps, levels low/high, the matrix by a rule. */
function method(n = 3, opts = {}) {
	const steps = (what) => Array.from({ length: n }, (_, i) => ({ value: (i + 1) * 10, label: `${what} ${i + 1}`, description: `Step ${i + 1}` }));
	return {
		likelihood: steps('L'),
		impact: steps('I'),
		levels: [
			{ key: 'low', label: 'Low', colour: 'green', review_months: 12 },
			{ key: 'high', label: 'High', colour: 'red', review_months: 2 },
		],
		matrix: Array.from({ length: n }, (_, l) => Array.from({ length: n }, (_, i) => (l + i >= n - 1 ? 'high' : 'low'))),
		appetite: 'low',
		note: 'Test method',
		...opts,
	};
}

const versions = () => Number(dbQuery(srv.db, 'SELECT COUNT(*) FROM risk_method'));

describe('risk method', () => {
	it('starts with the default 5 × 5 method, version 1', async () => {
		const r = await api(srv, 'GET', '/api/v1/risk-method');
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.id, 1);
		assert.equal(r.json.likelihood.length, 5);
		assert.equal(r.json.impact.length, 5);
		assert.deepEqual(r.json.levels.map((l) => l.key), ['low', 'medium', 'high', 'critical']);
		assert.equal(r.json.matrix.length, 5);
		assert.equal(r.json.matrix[4][4], 'critical');
		assert.equal(r.json.matrix[0][0], 'low');
		assert.equal(r.json.appetite, 'low');
		for (const s of [...r.json.likelihood, ...r.json.impact]) assert.ok(s.label && s.description);
	});

	it('refuses each bad method with the field named, and changes nothing', async () => {
		const m = method();
		const cases = [
			[{ likelihood: m.likelihood.slice(0, 2) }, 'likelihood'],
			[{ impact: [...m.impact, ...Array.from({ length: 8 }, (_, i) => ({ value: 100 + i, label: 'x' }))] }, 'impact'],
			[{ likelihood: [m.likelihood[0], { ...m.likelihood[1], value: 10 }, m.likelihood[2]] }, 'likelihood[1].value'],
			[{ likelihood: [m.likelihood[0], m.likelihood[2], m.likelihood[1]] }, 'likelihood[2].value'],
			[{ impact: [m.impact[0], { value: 20 }, m.impact[2]] }, 'impact[1].label'],
			[{ impact: [m.impact[0], { ...m.impact[1], value: '20' }, m.impact[2]] }, 'impact[1].value'],
			[{ matrix: [['low', 'low', 'low'], ['low', 'low', 'low'], ['low', 'low', 'severe']] }, 'matrix[2][2]'],
			[{ matrix: [['low', 'low', 'low'], ['low', 'low', 'low']] }, 'matrix'],
			[{ matrix: [['low', 'low', 'low'], ['low', 'low'], ['low', 'low', 'low']] }, 'matrix[1]'],
			[{ appetite: 'medium' }, 'appetite'],
			[{ levels: [m.levels[0]] }, 'levels'],
			[{ levels: [m.levels[0], { ...m.levels[1], colour: '#ff0000' }] }, 'levels[1].colour'],
			[{ levels: [m.levels[0], { ...m.levels[1], key: 'low' }] }, 'levels[1].key'],
			[{ levels: [m.levels[0], { ...m.levels[1], review_months: 0 }] }, 'levels[1].review_months'],
			[{ extra: 1 }, 'extra'],
		];
		const before = versions();
		const audit = dbQuery(srv.db, 'SELECT COUNT(*) FROM audit_log');
		for (const [change, field] of cases) {
			const r = await api(srv, 'PUT', '/api/v1/risk-method', { token: manager, body: { ...m, ...change } });
			const p = assertProblem(r, 422, field);
			assertFieldError(p, field);
		}
		assert.equal(versions(), before, 'no version was added');
		assert.equal(dbQuery(srv.db, 'SELECT COUNT(*) FROM audit_log'), audit, 'nothing was audited');
		assert.equal((await api(srv, 'GET', '/api/v1/risk-method')).json.id, 1);
	});

	it('reports every problem of one body at once', async () => {
		const m = method();
		const r = await api(srv, 'PUT', '/api/v1/risk-method', {
			token: manager,
			body: { ...m, likelihood: [m.likelihood[0], { ...m.likelihood[1], value: 5 }, m.likelihood[2]], appetite: 'nope', levels: [m.levels[0], { ...m.levels[1], colour: 'pink' }] },
		});
		const p = assertProblem(r, 422);
		for (const f of ['likelihood[1].value', 'levels[1].colour', 'appetite']) assertFieldError(p, f);
	});

	it('only ISMS managers and administrators change it; auditors read it', async () => {
		addUser(srv, 'auditor@example.org', 'auditor', 'Long-enough-auditor-pw');
		const auditor = createToken(srv, 'auditor@example.org');
		assert.equal((await api(srv, 'GET', '/api/v1/risk-method', { token: auditor })).status, 200);
		assert.equal((await api(srv, 'PUT', '/api/v1/risk-method', { token: auditor, body: method() })).status, 403);
		assert.equal((await api(srv, 'PUT', '/api/v1/risk-method', { token: owner, body: method() })).status, 403);
	});

	it('scores risks on the method: values off the scales refused, levels from the matrix, review date from the level', async () => {
		let r = await api(srv, 'POST', '/api/v1/risks', { body: { title: 'Off scale', likelihood: 6, impact: 2 } });
		assertFieldError(assertProblem(r, 422), 'likelihood', 'scale');
		r = await api(srv, 'POST', '/api/v1/risks', { body: { title: 'Off scale', likelihood: 2, impact: 0, residual_likelihood: 9, residual_impact: 1 } });
		const p = assertProblem(r, 422);
		assertFieldError(p, 'impact', 'scale');
		assertFieldError(p, 'residual_likelihood', 'scale');
		assert.equal(dbQuery(srv.db, "SELECT COUNT(*) FROM risk WHERE title = 'Off scale'"), '0');

		const risk = await create(srv, 'risk', { title: 'Laptop theft', likelihood: 4, impact: 5, residual_likelihood: 2, residual_impact: 2 });
		assert.equal(risk.inherent_level, 'critical');
		assert.equal(risk.residual_level, 'low');
		assert.equal(risk.method_version, 1);
		const expect = new Date();
		expect.setUTCMonth(expect.getUTCMonth() + 12, Math.min(expect.getUTCDate(), 28));
		assert.match(risk.review_date, /^\d{4}-\d{2}-\d{2}$/);
		assert.equal(risk.review_date.slice(0, 7), expect.toISOString().slice(0, 7), 'low: reviewed in 12 months');

		const kept = await create(srv, 'risk', { title: 'Kept date', likelihood: 3, impact: 3, review_date: '2030-01-31' });
		assert.equal(kept.inherent_level, 'medium');
		assert.equal(kept.review_date, '2030-01-31');

		const partial = await create(srv, 'risk', { title: 'Only likelihood', likelihood: 3 });
		assert.equal(partial.inherent_level, null);

		r = await api(srv, 'PATCH', `/api/v1/risks/${risk.id}`, { body: { residual_impact: 4 }, headers: { 'If-Match': etag(risk.version) } });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.residual_level, 'medium', '2 × 4 = 8: medium');
		r = await api(srv, 'PATCH', `/api/v1/risks/${risk.id}`, { body: { residual_impact: 7 }, headers: { 'If-Match': etag(r.json.version) } });
		assertFieldError(assertProblem(r, 422), 'residual_impact', 'scale');
		assert.equal((await getRecord(srv, 'risk', risk.id)).residual_impact, 4, 'nothing changed');
	});

	it('a new version scores new assessments and keeps earlier ones readable with theirs', async () => {
		const old = await create(srv, 'risk', { title: 'Assessed on v1', likelihood: 5, impact: 5 });
		assert.equal(old.method_version, 1);
		const r = await api(srv, 'PUT', '/api/v1/risk-method', { token: manager, body: method(3) });
		assert.equal(r.status, 201, r.text);
		const v2 = r.json.id;
		assert.ok(v2 > 1);
		assert.equal(r.headers.get('location'), `/api/v1/risk-method/versions/${v2}`);
		assert.equal(r.json.created_by_name, 'manager');
		assert.equal((await api(srv, 'GET', '/api/v1/risk-method')).json.id, v2);

		const list = await api(srv, 'GET', '/api/v1/risk-method/versions');
		assert.equal(list.status, 200);
		assert.deepEqual(list.json.items.map((v) => v.id), [v2, 1]);
		assert.equal(list.json.items[0].current, true);

		// the earlier risk reads as assessed, and its version is still there
		const again = await getRecord(srv, 'risk', old.id);
		assert.equal(again.method_version, 1);
		assert.equal(again.inherent_level, 'critical');
		const v1 = await api(srv, 'GET', '/api/v1/risk-method/versions/1');
		assert.equal(v1.status, 200);
		assert.equal(v1.json.likelihood.length, 5);
		assert.equal(v1.json.matrix[4][4], 'critical');
		// a change that does not touch the scores keeps the assessment; a
		// cleared review date follows from its level in its own version
		let t = await api(srv, 'PATCH', `/api/v1/risks/${old.id}`, { body: { title: 'Renamed', review_date: null }, headers: { 'If-Match': etag(again.version) } });
		assert.equal(t.status, 200, t.text);
		assert.equal(t.json.method_version, 1);
		assert.equal(t.json.inherent_level, 'critical');
		const month = new Date();
		month.setUTCMonth(month.getUTCMonth() + 1, Math.min(month.getUTCDate(), 28));
		assert.equal(t.json.review_date.slice(0, 7), month.toISOString().slice(0, 7), 'critical in v1: reviewed monthly');
		t = await api(srv, 'PATCH', `/api/v1/risks/${old.id}`, { body: { review_date: '2031-05-01' }, headers: { 'If-Match': etag(t.json.version) } });
		assert.equal(t.json.review_date, '2031-05-01');
		assert.equal(t.json.method_version, 1);

		// new scores are on the new scales
		let n = await api(srv, 'POST', '/api/v1/risks', { body: { title: 'v2', likelihood: 5, impact: 5 } });
		const f = assertFieldError(assertProblem(n, 422), 'likelihood', 'scale');
		assert.match(f.message, /10, 20 or 30/);
		n = await create(srv, 'risk', { title: 'v2', likelihood: 30, impact: 10 });
		assert.equal(n.method_version, v2);
		assert.equal(n.inherent_level, 'high');
		n = await create(srv, 'risk', { title: 'v2 low', likelihood: 10, impact: 10 });
		assert.equal(n.inherent_level, 'low');
		assert.equal(n.inherent_score, 100);

		// rescoring the old risk moves it to the new version
		const re = await api(srv, 'PATCH', `/api/v1/risks/${old.id}`, { body: { likelihood: 20, impact: 30 }, headers: { 'If-Match': etag(t.json.version) } });
		assert.equal(re.status, 200, re.text);
		assert.equal(re.json.method_version, v2);
		assert.equal(re.json.inherent_level, 'high');

		const audit = JSON.parse(dbQuery(srv.db, `SELECT after_json FROM audit_log WHERE action = 'risk_method_change' AND record_id = ${v2}`));
		assert.equal(audit.id, v2);
		assert.equal(audit.appetite, 'low');
		assert.equal((await api(srv, 'GET', '/api/v1/risk-method/versions/999')).status, 404);
	});

	it('the CLI shows and sets the method', async () => {
		const show = cli(srv, ['risk', 'method', 'show', '--db', srv.db]);
		assert.equal(show.status, 0, show.stderr);
		const cur = JSON.parse(show.stdout);
		assert.equal(cur.likelihood.length, 3);
		const fs = await import('node:fs');
		const path = `${srv.dir}/method.json`;
		fs.writeFileSync(path, JSON.stringify(method(4, { note: 'from the CLI' })));
		const set = cli(srv, ['risk', 'method', 'set', '--db', srv.db, '--file', path]);
		assert.equal(set.status, 0, set.stderr);
		const now = (await api(srv, 'GET', '/api/v1/risk-method')).json;
		assert.equal(now.likelihood.length, 4);
		assert.equal(now.note, 'from the CLI');
		const before = versions();
		fs.writeFileSync(path, JSON.stringify(method(4, { appetite: 'extreme' })));
		const bad = cli(srv, ['risk', 'method', 'set', '--db', srv.db, '--file', path]);
		assert.equal(bad.status, 1);
		assert.match(bad.stderr, /appetite/);
		assert.equal(versions(), before);
	});

	it('the web page shows the matrix as a coloured table and the versions', async () => {
		const r = await api(srv, 'GET', '/risk-method');
		assert.equal(r.status, 200);
		assert.match(r.text, /<table class="matrix">/);
		assert.match(r.text, /class="cell lvl-red/);
		assert.match(r.text, /\/risk-method\/versions\/1"/);
		const v1 = await api(srv, 'GET', '/risk-method/versions/1');
		assert.equal(v1.status, 200);
		assert.match(v1.text, /An earlier version/);
		assert.match(v1.text, /lvl-orange/);
	});
});
