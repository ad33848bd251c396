// The risk heat maps: GET /api/v1/risks/heatmap?kind=inherent|residual
// counts, per likelihood × impact cell of the current risk method, exactly
// the live risks the caller may read (the same rules and filters as the
// register); archived risks never count; risks whose values the current
// scales lack are counted apart (off_scale), unscored ones too. After the
// method changes to 4 × 4 or 6 × 6 the cells follow the new scales. The
// CLI (isms risk heatmap) prints the same counts as JSON, CSV or SVG.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { addUser, api, assertProblem, cli, create, createToken, dbQuery, etag, startServer } from './harness.mjs';

let srv;
const tokens = {};
const ids = {};
before(async () => {
	srv = await startServer();
	for (const role of ['employee', 'auditor', 'owner', 'isms_manager']) {
		addUser(srv, `${role}@example.org`, role, `Long-enough-${role}-pw`);
		tokens[role] = createToken(srv, `${role}@example.org`);
		ids[role] = (await api(srv, 'GET', '/api/v1/me', { token: tokens[role] })).json.id;
	}
	tokens.admin = srv.token;
});
after(async () => { await srv?.stop(); });

// [likelihood, impact, residual likelihood, residual impact], some by the owner
const SCORES = [
	[4, 5, 2, 2], [4, 5, 2, 3], [5, 3, 3, 2], [2, 4, 2, 4], [1, 5, 1, 3], [3, 3, null, null], [4, 5, 1, 1],
	[null, null, null, null],
];

/** Expected counts per "l,i" of the live risks in list, inherent or residual. */
function expected(risks, residual) {
	const counts = {};
	for (const r of risks) {
		const l = residual ? r.residual_likelihood : r.likelihood;
		const i = residual ? r.residual_impact : r.impact;
		if (l == null || i == null) continue;
		counts[`${l},${i}`] = (counts[`${l},${i}`] || 0) + 1;
	}
	return counts;
}

async function heatmap(query, token = srv.token) {
	const r = await api(srv, 'GET', `/api/v1/risks/heatmap${query}`, { token });
	assert.equal(r.status, 200, r.text);
	return r.json;
}

/** Asserts every cell of map against the counts (absent = 0) and the matrix of method. */
function assertCells(map, counts, method) {
	assert.equal(map.cells.length, method.likelihood.length * method.impact.length);
	let k = 0;
	for (const [li, l] of method.likelihood.entries()) {
		for (const [ii, i] of method.impact.entries()) {
			const cell = map.cells[k++];
			assert.deepEqual(cell, { likelihood: l.value, impact: i.value, level: method.matrix[li][ii], count: counts[`${l.value},${i.value}`] || 0 },
				`cell ${l.value} × ${i.value}`);
		}
	}
}

async function liveRisks(token = srv.token) {
	const r = await api(srv, 'GET', '/api/v1/risks?limit=500', { token });
	assert.equal(r.status, 200, r.text);
	return r.json.items;
}

describe('risk heat map', () => {
	let method;
	let made = [];
	it('counts the risks created through the API in each cell, inherent and residual', async () => {
		method = (await api(srv, 'GET', '/api/v1/risk-method')).json;
		for (const [n, [l, i, rl, ri]] of SCORES.entries()) {
			const body = { title: `Risk ${n}`, likelihood: l, impact: i, residual_likelihood: rl, residual_impact: ri, owner: ids.owner };
			made.push(await create(srv, 'risk', body, { token: n % 2 ? tokens.owner : srv.token }));
		}
		const inherent = await heatmap('?kind=inherent');
		assert.equal(inherent.kind, 'inherent');
		assert.equal(inherent.method_version, method.id);
		assert.deepEqual(inherent.likelihood.map((s) => s.label), method.likelihood.map((s) => s.label));
		assert.deepEqual(inherent.levels.map((l) => l.key), method.levels.map((l) => l.key));
		assertCells(inherent, { '4,5': 3, '5,3': 1, '2,4': 1, '1,5': 1, '3,3': 1 }, method);
		assert.deepEqual([inherent.total, inherent.off_scale, inherent.unscored], [8, 0, 1]);
		assert.deepEqual(await heatmap(''), inherent, 'inherent is the default');

		const residual = await heatmap('?kind=residual');
		assert.equal(residual.kind, 'residual');
		assertCells(residual, { '2,2': 1, '2,3': 1, '3,2': 1, '2,4': 1, '1,3': 1, '1,1': 1 }, method);
		assert.deepEqual([residual.total, residual.off_scale, residual.unscored], [8, 0, 2]);
		// the same as counting the register by hand
		assertCells(residual, expected(await liveRisks(), true), method);
	});

	it('takes the register\'s filters and search', async () => {
		const r = await api(srv, 'PATCH', `/api/v1/risks/${made[0].id}`, { body: { status: 'assessed' }, headers: { 'If-Match': etag(made[0].version) } });
		assert.equal(r.status, 200, r.text);
		made[0] = r.json;
		const assessed = await heatmap('?kind=inherent&status=assessed');
		assertCells(assessed, { '4,5': 1 }, method);
		assert.equal(assessed.total, 1);
		const search = await heatmap('?kind=residual&q=risk%205');
		assert.deepEqual([search.total, search.unscored], [1, 1]);
		const cell = await heatmap('?likelihood=4&impact=5');
		assert.equal(cell.total, 3);
	});

	it('leaves archived risks out', async () => {
		const gone = made[6]; // 4 × 5, residual 1 × 1
		const r = await api(srv, 'DELETE', `/api/v1/risks/${gone.id}`);
		assert.equal(r.status, 204, r.text);
		const inherent = await heatmap('?kind=inherent');
		assertCells(inherent, { '4,5': 2, '5,3': 1, '2,4': 1, '1,5': 1, '3,3': 1 }, method);
		assert.equal(inherent.total, 7);
		const residual = await heatmap('?kind=residual');
		assert.equal(residual.cells.find((c) => c.likelihood === 1 && c.impact === 1).count, 0);
		assertCells(residual, expected(await liveRisks(), true), method);
	});

	it('counts for each role what it may read, and refuses those who may not read risks', async () => {
		const all = await heatmap('?kind=inherent');
		for (const role of ['auditor', 'owner', 'isms_manager']) {
			const mine = await heatmap('?kind=inherent', tokens[role]);
			const visible = await liveRisks(tokens[role]);
			assert.equal(mine.total, visible.length, `${role}: the heat map counts what the register lists`);
			assertCells(mine, expected(visible, false), method);
			assert.deepEqual(mine.cells, all.cells, `${role} reads every risk`);
		}
		assertProblem(await api(srv, 'GET', '/api/v1/risks/heatmap', { token: tokens.employee }), 403, 'employee');
		assertProblem(await api(srv, 'GET', '/api/v1/risks/heatmap', { token: null }), 401, 'anonymous');
	});

	it('refuses bad parameters with a clear 400', async () => {
		for (const [query, words] of [
			['?kind=both', /kind must be inherent or residual/],
			['?colour=red', /Unknown query parameter 'colour'/],
			['?likelihood=high', /Filter likelihood/],
			['?status=unknown', /Filter status/],
			['?sort=title', /Unknown query parameter 'sort'/],
			['?limit=5', /Unknown query parameter 'limit'/],
		]) {
			const p = assertProblem(await api(srv, 'GET', `/api/v1/risks/heatmap${query}`), 400, query);
			assert.match(p.detail, words, query);
		}
		assert.equal((await api(srv, 'POST', '/api/v1/risks/heatmap', { body: {} })).status, 405);
	});

	it('follows the method onto a 4 × 4 scale, counting apart what the new scales lack', async () => {
		const steps = (n) => Array.from({ length: n }, (_, k) => ({ value: k + 1, label: `Step ${k + 1}`, description: '' }));
		const four = {
			likelihood: steps(4), impact: steps(4),
			levels: [{ key: 'ok', label: 'Fine', colour: 'green', review_months: 12 }, { key: 'bad', label: 'Bad', colour: 'purple', review_months: 3 }],
			matrix: Array.from({ length: 4 }, (_, l) => Array.from({ length: 4 }, (_, i) => (l + i >= 4 ? 'bad' : 'ok'))),
			appetite: 'ok',
		};
		let r = await api(srv, 'PUT', '/api/v1/risk-method', { body: four });
		assert.equal(r.status, 201, r.text);
		const m4 = r.json;
		const inherent = await heatmap('?kind=inherent');
		assert.equal(inherent.method_version, m4.id);
		assert.equal(inherent.likelihood.length, 4);
		assert.equal(inherent.impact.length, 4);
		// live: 4×5, 5×3, 2×4, 1×5, 3×3, 4×5 (archived one left out), one unscored
		assertCells(inherent, { '2,4': 1, '3,3': 1 }, m4);
		assert.deepEqual([inherent.total, inherent.off_scale, inherent.unscored], [7, 4, 1]);
		assert.equal(inherent.cells.find((c) => c.likelihood === 4 && c.impact === 4).level, 'bad');

		const six = { ...four, likelihood: steps(6), impact: steps(6),
			matrix: Array.from({ length: 6 }, (_, l) => Array.from({ length: 6 }, (_, i) => (l + i >= 6 ? 'bad' : 'ok'))) };
		r = await api(srv, 'PUT', '/api/v1/risk-method', { body: six });
		assert.equal(r.status, 201, r.text);
		const m6 = r.json;
		const wide = await heatmap('?kind=inherent');
		assert.equal(wide.cells.length, 36);
		assertCells(wide, { '4,5': 2, '5,3': 1, '2,4': 1, '1,5': 1, '3,3': 1 }, m6);
		assert.deepEqual([wide.total, wide.off_scale, wide.unscored], [7, 0, 1]);
		method = m6;
	});

	it('shows a risk\'s scores in the colour of their stored level, not by fixed thresholds', async () => {
		// on the 6 × 6 method 2 × 4 = 8 is "Fine" (green) and 6 × 6 = 36 "Bad" (purple)
		const r = await create(srv, 'risk', { title: 'Scored on six steps', likelihood: 6, impact: 6, residual_likelihood: 2, residual_impact: 4 });
		assert.deepEqual([r.inherent_level, r.residual_level], ['bad', 'ok']);
		const page = await api(srv, 'GET', `/risks/${r.id}`);
		assert.equal(page.status, 200);
		assert.match(page.text, /<span class="score lvl-purple" title="Bad">36<\/span>/);
		assert.match(page.text, /<span class="score lvl-green" title="Fine">8<\/span>/);
		// a level key the current method lacks (scored under version 1): a neutral pill
		const old = await api(srv, 'GET', `/risks/${made[1].id}`);
		assert.match(old.text, /<span class="score score-none">20<\/span>/);
		const del = await api(srv, 'DELETE', `/api/v1/risks/${r.id}`);
		assert.equal(del.status, 204);
	});

	it('prints the same counts from the CLI as JSON, CSV and SVG', async () => {
		const api6 = await heatmap('?kind=residual');
		let r = cli(srv, ['risk', 'heatmap', '--db', srv.db, '--residual', '--format', 'json']);
		assert.equal(r.status, 0, r.stderr);
		assert.deepEqual(JSON.parse(r.stdout), api6);

		r = cli(srv, ['risk', 'heatmap', '--db', srv.db, '--format', 'csv']);
		assert.equal(r.status, 0, r.stderr);
		const lines = r.stdout.trimEnd().split('\r\n');
		assert.equal(lines[0], 'likelihood,likelihood_label,impact,impact_label,level,level_label,count');
		assert.equal(lines.length, 1 + 36);
		assert.ok(lines.includes('4,Step 4,5,Step 5,bad,Bad,2'), lines.join('\n'));

		const out = path.join(srv.dir, 'residual.svg');
		r = cli(srv, ['risk', 'heatmap', '--db', srv.db, '--residual', '--format', 'svg', '--out', out]);
		assert.equal(r.status, 0, r.stderr);
		const svg = fs.readFileSync(out, 'utf8');
		assert.match(svg, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
		assert.match(svg, /<title id="residual-title">Residual risk heat map<\/title>/);
		assert.equal((svg.match(/<rect x=/g) || []).length, 36, 'one rectangle per cell');
		assert.doesNotMatch(svg, /style=/);
		assert.doesNotMatch(svg, /<a /, 'no links in a file of its own');
		assert.match(svg, />Likelihood Step 2 \(2\) × impact Step 2 \(2\): 1 risk, level Fine</);

		const none = path.join(srv.dir, 'none.svg');
		r = cli(srv, ['risk', 'heatmap', '--db', srv.db, '--format', 'png', '--out', none]);
		assert.equal(r.status, 2);
		assert.match(r.stderr, /--format must be svg, json or csv/);
		assert.equal(fs.existsSync(none), false, 'a refused command writes no file');
		r = cli(srv, ['risk', 'heatmap', '--db', srv.db]);
		assert.equal(r.status, 2);
	});

});
