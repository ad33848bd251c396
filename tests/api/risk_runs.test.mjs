// Assessment runs: a run freezes every live risk (scores, levels, treatment,
// status, owner, asset, method version) with who, when and a note, audited;
// runs never change (no update routes; later edits of risks do not reach
// them); two runs compare into new, closed, archived, level up / down and
// unchanged risks, with exact counts; bad input changes nothing; the same
// on the web pages and in the CLI.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { addUser, api, assertFieldError, assertProblem, cli, create, createToken, dbQuery, etag, startServer } from './harness.mjs';

let srv;
const tok = {};
let ownerId;
before(async () => {
	srv = await startServer();
	for (const role of ['employee', 'auditor', 'owner', 'isms_manager']) {
		addUser(srv, `${role}@example.org`, role, `Long-enough-${role}-pw`);
		tok[role] = createToken(srv, `${role}@example.org`);
	}
	ownerId = (await api(srv, 'GET', '/api/v1/me', { token: tok.owner })).json.id;
});
after(async () => { await srv?.stop(); });

async function patch(id, body) {
	const cur = await api(srv, 'GET', `/api/v1/risks/${id}`);
	const r = await api(srv, 'PATCH', `/api/v1/risks/${id}`, { body, headers: { 'If-Match': etag(cur.json.version) } });
	assert.equal(r.status, 200, r.text);
}

/** Closes a risk above the appetite: its acceptance first (the acceptance rule), then the status. */
async function close(id) {
	const expires = new Date(Date.now() + 90 * 86400e3).toISOString().slice(0, 10);
	const r = await api(srv, 'POST', `/api/v1/risks/${id}/acceptances`, { body: { rationale: 'Accepted for the test.', expires_on: expires } });
	assert.equal(r.status, 201, r.text);
	await patch(id, { status: 'closed' });
}

async function archive(id) {
	const cur = await api(srv, 'GET', `/api/v1/risks/${id}`);
	const r = await api(srv, 'DELETE', `/api/v1/risks/${id}`, { headers: { 'If-Match': etag(cur.json.version) } });
	assert.equal(r.status, 204, r.text);
}

async function newRun(note, token = tok.isms_manager) {
	const r = await api(srv, 'POST', '/api/v1/risk-runs', { token, body: { note } });
	assert.equal(r.status, 201, r.text);
	assert.equal(r.headers.get('location'), `/api/v1/risk-runs/${r.json.id}`);
	return r.json;
}

const state = () => [dbQuery(srv.db, 'SELECT COUNT(*) FROM risk_run'), dbQuery(srv.db, 'SELECT COUNT(*) FROM risk_run_item'),
	dbQuery(srv.db, 'SELECT COUNT(*) FROM audit_log')].join('/');

describe('assessment runs', () => {
	const risk = {};
	let run1;
	let run2;

	it('freezes every live risk with its values, who, when and the note, audited', async () => {
		const asset = await create(srv, 'asset', { name: 'Laptops', asset_type: 'hardware' });
		const mk = async (key, body) => { risk[key] = (await create(srv, 'risk', { title: `Risk ${key}`, ...body })).id; };
		await mk('A', { likelihood: 2, impact: 2, owner: ownerId, asset: asset.id, treatment: 'retain' }); // stays low
		await mk('B', { likelihood: 2, impact: 3, residual_likelihood: 1, residual_impact: 1 }); // medium, goes up
		await mk('C', { likelihood: 4, impact: 4 });                     // high, goes down
		await mk('D', { likelihood: 3, impact: 3 });                     // medium, will be closed
		await mk('E', { likelihood: 1, impact: 1 });                     // low, will be archived
		await mk('F', { likelihood: 5, impact: 5 });                     // closed already: counted nowhere
		await close(risk.F);
		await mk('X', { title: 'Archived before', likelihood: 1, impact: 1 });
		await archive(risk.X);

		run1 = await newRun('Annual assessment 2026');
		assert.equal(run1.note, 'Annual assessment 2026');
		assert.equal(run1.created_by_name, 'isms manager');
		assert.match(run1.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		assert.equal(run1.risk_count, 6);
		assert.deepEqual(run1.items.map((i) => i.risk_id), ['A', 'B', 'C', 'D', 'E', 'F'].map((k) => risk[k]));
		assert.deepEqual(run1.items[0], {
			risk_id: risk.A, title: 'Risk A', owner: ownerId, owner_name: 'owner', asset: asset.id, asset_name: 'Laptops',
			likelihood: 2, impact: 2, inherent_score: 4, inherent_level: 'low', residual_likelihood: null, residual_impact: null,
			residual_score: null, residual_level: null, treatment: 'retain', status: 'identified', method_version: 1,
		});
		assert.deepEqual([run1.items[1].residual_score, run1.items[1].residual_level], [1, 'low']);
		assert.deepEqual(run1.counts, [
			{ level: 'low', inherent: 2, residual: 1 },
			{ level: 'medium', inherent: 2, residual: 0 },
			{ level: 'high', inherent: 1, residual: 0 },
			{ level: 'critical', inherent: 1, residual: 0 },
			{ level: null, inherent: 0, residual: 5 },
		]);
		const audit = dbQuery(srv.db, `SELECT action, record_type, record_id, after_json FROM audit_log WHERE record_type = 'risk_run'`).split('\n');
		assert.equal(audit.length, 1);
		const [action, type, rid, ...json] = audit[0].split('|');
		assert.deepEqual([action, type, Number(rid)], ['risk_run_create', 'risk_run', run1.id]);
		assert.deepEqual(JSON.parse(json.join('|')), { id: run1.id, created_at: run1.created_at, created_by: run1.created_by,
			created_by_name: 'isms manager', note: 'Annual assessment 2026', risk_count: 6 });
	});

	it('compares two runs: one new, one closed, one archived, one up, one down, one unchanged', async () => {
		await mk2();
		async function mk2() {
			risk.G = (await create(srv, 'risk', { title: 'Risk G', likelihood: 3, impact: 4 })).id; // new, high
			await patch(risk.B, { likelihood: 4 });          // medium -> high
			await patch(risk.C, { likelihood: 1, impact: 2 }); // high -> low
			await close(risk.D);
			await archive(risk.E);
			await patch(risk.A, { description: 'Edited, same level' });
		}
		run2 = await newRun('After the office move');
		assert.equal(run2.risk_count, 6); // A B C D(closed) F(closed) G
		const r = await api(srv, 'GET', `/api/v1/risk-runs/compare?from=${run1.id}&to=${run2.id}`, { token: tok.auditor });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.counts, { new: 1, reopened: 0, closed: 1, archived: 1, changed: 2, inherent_up: 1, inherent_down: 1,
			residual_up: 0, residual_down: 0, unchanged: 1 });
		assert.equal(r.json.from.id, run1.id);
		assert.equal(r.json.to.id, run2.id);
		assert.deepEqual(r.json.new.map((i) => [i.risk_id, i.inherent_level]), [[risk.G, 'high']]);
		assert.deepEqual(r.json.closed.map((i) => [i.risk_id, i.status]), [[risk.D, 'closed']]);
		assert.deepEqual(r.json.archived.map((i) => i.risk_id), [risk.E]);
		assert.deepEqual(r.json.changed, [
			{ risk_id: risk.B, title: 'Risk B', inherent_from: 'medium', inherent_to: 'high', inherent_move: 'up',
				residual_from: 'low', residual_to: 'low', residual_move: 'same' },
			{ risk_id: risk.C, title: 'Risk C', inherent_from: 'high', inherent_to: 'low', inherent_move: 'down',
				residual_from: null, residual_to: null, residual_move: 'same' },
		]);
		// the other way round, the moves turn over
		const back = await api(srv, 'GET', `/api/v1/risk-runs/compare?to=${run1.id}&from=${run2.id}`);
		assert.deepEqual(back.json.counts, { new: 1, reopened: 1, closed: 0, archived: 1, changed: 2, inherent_up: 1, inherent_down: 1,
			residual_up: 0, residual_down: 0, unchanged: 1 });
		assert.deepEqual(back.json.new.map((i) => i.risk_id), [risk.E]); // back from the archive
		assert.deepEqual(back.json.reopened.map((i) => [i.risk_id, i.status_from, i.status_to]), [[risk.D, 'closed', 'identified']]);
		assert.deepEqual(back.json.archived.map((i) => i.risk_id), [risk.G]);
	});

	it('stays as it was after later edits of the risks', async () => {
		const before1 = (await api(srv, 'GET', `/api/v1/risk-runs/${run1.id}`)).json;
		const items = dbQuery(srv.db, 'SELECT COUNT(*) FROM risk_run_item');
		await patch(risk.A, { likelihood: 5, impact: 5, treatment: 'modify', title: 'Risk A renamed' });
		await archive(risk.C);
		assert.deepEqual((await api(srv, 'GET', `/api/v1/risk-runs/${run1.id}`)).json, before1);
		assert.deepEqual(before1.items[0].title, 'Risk A');
		assert.equal(dbQuery(srv.db, 'SELECT COUNT(*) FROM risk_run_item'), items);
	});

	it('has no way to change or delete a run', async () => {
		for (const method of ['PATCH', 'PUT', 'DELETE']) {
			const r = await api(srv, method, `/api/v1/risk-runs/${run1.id}`, { body: { note: 'x' } });
			assert.equal(r.status, 405, `${method}: ${r.text}`);
		}
	});

	it('lists runs newest first with their counts', async () => {
		const r = await api(srv, 'GET', '/api/v1/risk-runs', { token: tok.auditor });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.total, 2);
		assert.deepEqual(r.json.items.map((x) => [x.id, x.note, x.risk_count]),
			[[run2.id, 'After the office move', 6], [run1.id, 'Annual assessment 2026', 6]]);
		const page = await api(srv, 'GET', '/api/v1/risk-runs?limit=1&offset=1');
		assert.deepEqual(page.json.items.map((x) => x.id), [run1.id]);
		assert.equal(page.json.total, 2);
	});

	it('refuses bad input and changes nothing', async () => {
		const was = state();
		const bad = [
			[{}, 'note', 'required'],
			[{ note: '' }, 'note', 'required'],
			[{ note: '   ' }, 'note', 'required'],
			[{ note: 'x'.repeat(501) }, 'note', 'too_long'],
			[{ note: 'two\nlines' }, 'note', 'control_chars'],
			[{ note: 5 }, 'note', 'type'],
		];
		for (const [body, field, code] of bad) {
			const p = assertProblem(await api(srv, 'POST', '/api/v1/risk-runs', { token: tok.isms_manager, body }), 422, JSON.stringify(body));
			assertFieldError(p, field, code);
		}
		assertProblem(await api(srv, 'POST', '/api/v1/risk-runs', { token: tok.isms_manager, body: { note: 'ok', extra: 1 } }), 400);
		assertProblem(await api(srv, 'POST', '/api/v1/risk-runs', { token: tok.isms_manager, raw: '{"note":' }), 400);
		assertProblem(await api(srv, 'POST', '/api/v1/risk-runs', { token: tok.owner, body: { note: 'Not mine to make' } }), 403);
		assert.equal(state(), was);

		const p404 = assertProblem(await api(srv, 'GET', '/api/v1/risk-runs/999999'), 404);
		assert.match(p404.detail, /No assessment run 999999/);
		const cmp = async (q) => api(srv, 'GET', `/api/v1/risk-runs/compare${q}`);
		assertFieldError(assertProblem(await cmp(`?from=${run1.id}&to=${run1.id}`), 422), 'to', 'same_run');
		assertFieldError(assertProblem(await cmp(`?from=${run1.id}&to=999999`), 422), 'to', 'not_found');
		assertFieldError(assertProblem(await cmp('?from=999998&to=999999'), 422), 'from', 'not_found');
		assertFieldError(assertProblem(await cmp(`?from=${run1.id}`), 422), 'to', 'required');
		assertFieldError(assertProblem(await cmp(''), 422), 'from', 'required');
		assertFieldError(assertProblem(await cmp(`?from=abc&to=${run1.id}`), 422), 'from', 'type');
		assertFieldError(assertProblem(await cmp(`?from=-1&to=${run1.id}`), 422), 'from', 'type');
		assertProblem(await cmp(`?from=${run1.id}&to=${run2.id}&x=1`), 400);
		assertProblem(await api(srv, 'GET', '/api/v1/risk-runs?limit=0'), 400);
		assertProblem(await api(srv, 'GET', '/api/v1/risk-runs?offset=-1'), 400);
		assertProblem(await api(srv, 'GET', '/api/v1/risk-runs?sort=id'), 400);
		assert.equal(state(), was);
	});

	it('lets auditors and up read, ISMS managers create', async () => {
		assertProblem(await api(srv, 'GET', '/api/v1/risk-runs', { token: tok.employee }), 403);
		assertProblem(await api(srv, 'GET', `/api/v1/risk-runs/${run1.id}`, { token: tok.employee }), 403);
		assertProblem(await api(srv, 'GET', `/api/v1/risk-runs/compare?from=${run1.id}&to=${run2.id}`, { token: tok.employee }), 403);
		assertProblem(await api(srv, 'GET', '/api/v1/risk-runs', { token: null }), 401);
		assert.equal((await api(srv, 'GET', `/api/v1/risk-runs/${run1.id}`, { token: tok.owner })).status, 200);
	});

	it('works the same in the CLI', async () => {
		const db = ['--db', srv.db];
		const c = cli(srv, ['risk', 'run', 'create', ...db, '--note', 'From the command line']);
		assert.equal(c.status, 0, c.stderr);
		const id = Number(/assessment run (\d+) created/.exec(c.stdout)[1]);
		const list = cli(srv, ['risk', 'run', 'list', ...db]);
		assert.equal(list.status, 0, list.stderr);
		const first = list.stdout.split('\n')[0].split('\t');
		assert.deepEqual([Number(first[0]), first[2], first[3], first[4]], [id, 'the system', '5', 'From the command line']);
		const show = cli(srv, ['risk', 'run', 'show', ...db, '--id', String(id)]);
		assert.equal(show.status, 0, show.stderr);
		assert.deepEqual(JSON.parse(show.stdout), (await api(srv, 'GET', `/api/v1/risk-runs/${id}`)).json);
		const cmp = cli(srv, ['risk', 'run', 'compare', ...db, '--from', String(run1.id), '--to', String(run2.id)]);
		assert.equal(cmp.status, 0, cmp.stderr);
		assert.deepEqual(JSON.parse(cmp.stdout), (await api(srv, 'GET', `/api/v1/risk-runs/compare?from=${run1.id}&to=${run2.id}`)).json);

		const was = state();
		const refused = [
			[['risk', 'run', 'create', ...db], 2, /--note is required/],
			[['risk', 'run', 'create', ...db, '--note', 'y'.repeat(501)], 1, /note: At most 500 characters/],
			[['risk', 'run', 'show', ...db, '--id', '0'], 2, /--id must be an id/],
			[['risk', 'run', 'show', ...db, '--id', '999999'], 1, /No assessment run 999999/],
			[['risk', 'run', 'compare', ...db, '--from', '1', '--to', '1'], 2, /two different runs/],
			[['risk', 'run', 'compare', ...db, '--from', '1', '--to', '999999'], 1, /to: No assessment run 999999/],
			[['risk', 'run', 'compare', ...db, '--from', 'x', '--to', '1'], 2, /--from must be the number of an assessment run/],
		];
		for (const [args, status, msg] of refused) {
			const r = cli(srv, args);
			assert.equal(r.status, status, `${args.join(' ')}: ${r.stderr}`);
			assert.match(r.stderr, msg);
		}
		assert.equal(state(), was);
	});

	it('has pages: the runs, one run, a comparison, and the form with its errors', async () => {
		const list = await api(srv, 'GET', '/risk-runs', { token: tok.auditor });
		assert.equal(list.status, 200);
		assert.match(list.text, new RegExp(`<a href="/risk-runs/${run1.id}">Run ${run1.id}</a>`));
		assert.doesNotMatch(list.text, /name="note"/, 'auditors get no create form');
		assert.match((await api(srv, 'GET', '/risk-runs', { token: tok.isms_manager })).text, /name="note"/);
		assert.match((await api(srv, 'GET', '/risks', { token: tok.auditor })).text, /<a href="\/risk-runs">Assessment runs<\/a>/);

		const one = await api(srv, 'GET', `/risk-runs/${run1.id}`, { token: tok.auditor });
		assert.equal(one.status, 200);
		assert.match(one.text, /Annual assessment 2026/);
		assert.match(one.text, /<a href="\/risks\/\d+">Risk A<\/a>/);
		assert.match(one.text, /2 × 2 = <strong>4<\/strong>/);
		assert.equal((await api(srv, 'GET', '/risk-runs/999999', { token: tok.auditor })).status, 404);

		const cmp = await api(srv, 'GET', `/risk-runs/compare?from=${run1.id}&to=${run2.id}`, { token: tok.auditor });
		assert.equal(cmp.status, 200);
		const tiles = [...cmp.text.matchAll(/<span class="tile-n">(\d+)<\/span><span class="tile-label">([^<]+)<\/span>/g)]
			.map((m) => [m[2], Number(m[1])]);
		assert.deepEqual(tiles, [['New', 1], ['Reopened', 0], ['Closed', 1], ['Archived', 1], ['Level up', 1], ['Level down', 1], ['Unchanged', 1]]);
		const same = await api(srv, 'GET', `/risk-runs/compare?from=${run1.id}&to=${run1.id}`, { token: tok.auditor });
		assert.equal(same.status, 422);
		assert.match(same.text, /class="field-error" id="run-to-error">Choose another run than the first/);

		const was = state();
		const form = (note) => api(srv, 'POST', '/risk-runs', { token: tok.isms_manager, raw: `note=${encodeURIComponent(note)}`,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
		const empty = await form('');
		assert.equal(empty.status, 422);
		assert.match(empty.text, /Say what this run is for/);
		const long = await form('z'.repeat(501));
		assert.equal(long.status, 422);
		assert.match(long.text, /At most 500 characters/);
		assert.equal(state(), was);
		const ok = await form('Made on the page');
		assert.equal(ok.status, 303);
		assert.match(ok.headers.get('location'), /^\/risk-runs\/\d+\?notice=created$/);
		assert.equal((await api(srv, 'POST', '/risk-runs', { token: tok.auditor, raw: 'note=x',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })).status, 403);
	});
});
