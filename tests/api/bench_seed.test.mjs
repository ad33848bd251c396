// isms bench seed: the organisation of size S — its counts, that every
// change is in an intact audit chain, that a second run seeds the same
// records, that bad input and a seeded database are refused without a
// change, and that the pages of the seeded database render.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';

import { ADMIN_PASSWORD, api, cli, dbQuery, emptyDb, startServer } from './harness.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

const out = (r) => `exit ${r.status}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;
// seeding under the sanitizers on a busy machine may take longer than cli()'s 30 s
const seed = (db, size) => spawnSync(srv.bin, ['bench', 'seed', '--size', size, '--db', db],
	{ encoding: 'utf8', timeout: 180_000 });
const count = (table) => Number(dbQuery(srv.db, `SELECT COUNT(*) FROM ${table}`));
let entriesBefore = 0;
const SIZE_S = { asset: 200, control: 20, risk: 1000, incident: 50, task: 500 };
// what makes a record the same in two runs: everything but times and ids of its audit entries
const content = (db) => dbQuery(db, 'SELECT id, title, asset, owner, likelihood, impact, inherent_level, ' +
	'residual_level, treatment, status FROM risk ORDER BY id') + dbQuery(db, 'SELECT id, name, owner, ' +
	'classification FROM asset ORDER BY id') + dbQuery(db, 'SELECT id, title, owner, status, due_date, risk, ' +
	'control, incident FROM task ORDER BY id');

describe('isms bench seed', () => {
	it('refuses an unknown size with exit 2, naming the sizes, and changes nothing', () => {
		const entries = count('audit_log');
		for (const size of ['XL', '', 'm1']) {
			const r = cli(srv, ['bench', 'seed', '--size', size, '--db', srv.db]);
			assert.equal(r.status, 2, out(r));
			assert.match(r.stderr, /S, M or L/);
		}
		assert.equal(count('risk'), 0);
		assert.equal(count('audit_log'), entries);
	});

	it('seeds size S: the counts of each record type and 5,000 audit entries', async () => {
		entriesBefore = count('audit_log');
		assert.ok(entriesBefore > 0, 'init and the token are audited');
		const r = seed(srv.db, 'S');
		assert.equal(r.status, 0, out(r));
		assert.match(r.stdout, /^risks +1000 records/m);
		assert.match(r.stdout, /seeded size S: 5000 audit entries/);
		for (const [entity, n] of Object.entries(SIZE_S)) {
			assert.equal(count(entity), n, entity);
			const res = await api(srv, 'GET', `/api/v1/${entity === 'risk' ? 'risks' : `${entity}s`}?limit=1`);
			assert.equal(res.json.total, n, `${entity} total through the API`);
		}
		assert.equal(count('users'), 1 + 8, 'the administrator and 8 people');
		assert.equal(count('audit_log'), entriesBefore + 5000);
		assert.equal(Number(dbQuery(srv.db, 'SELECT last_id FROM audit_head')), entriesBefore + 5000);
	});

	it('writes through the domain: every risk scored by the risk method, every link live', () => {
		assert.equal(count('risk WHERE inherent_level IS NULL'), 0, 'levels come from the risk rules');
		assert.equal(count('risk WHERE method_version IS NULL'), 0);
		assert.equal(count('risk r WHERE NOT EXISTS (SELECT 1 FROM asset a WHERE a.id = r.asset)'), 0);
		assert.equal(count('task t WHERE t.risk IS NOT NULL AND NOT EXISTS (SELECT 1 FROM risk r WHERE r.id = t.risk)'), 0);
		assert.ok(count('task WHERE version > 1') > 100, 'the activity updated tasks');
		assert.equal(count("audit_log WHERE action = 'create' AND record_type = 'risk'"), 1000);
		// a risk's Asset field links it to that asset: one link_add entry each
		assert.equal(count("audit_log WHERE action = 'link_add' AND record_type = 'risk'"), 1000);
		// so does an incident's affected asset: its 50 incidents each name one
		assert.equal(count("audit_log WHERE action = 'link_add' AND record_type = 'incident'"), 50);
		assert.equal(count("audit_log WHERE action = 'update'"), 5000 - 8 - 1770 - 1000 - 50, 'the rest are updates');
	});

	it('leaves an audit chain that isms audit verify proves intact', () => {
		const r = cli(srv, ['audit', 'verify', '--db', srv.db]);
		assert.equal(r.status, 0, out(r));
		assert.match(r.stdout, new RegExp(`intact: ${entriesBefore + 5000} entries verified`));
	});

	it('refuses a database that holds records, with exit 1, and changes nothing', () => {
		const before = content(srv.db);
		const r = seed(srv.db, 'S');
		assert.equal(r.status, 1, out(r));
		assert.match(r.stderr, /already holds .* records; seed a new database/);
		assert.equal(count('audit_log'), entriesBefore + 5000);
		assert.equal(content(srv.db), before);
	});

	it('seeds the same organisation every run', () => {
		const db = emptyDb(srv, 'again');
		const init = spawnSync(srv.bin, ['init', '--db', db, '--admin-email', 'other@example.org'],
			{ encoding: 'utf8', env: { ...process.env, ISMS_ADMIN_PASSWORD: ADMIN_PASSWORD } });
		assert.equal(init.status, 0, out(init));
		const r = seed(db, 'S');
		assert.equal(r.status, 0, out(r));
		assert.equal(content(db), content(srv.db));
	});

	it('serves the pages and lists of the seeded database', async () => {
		const list = await api(srv, 'GET', '/api/v1/risks?status=assessed&sort=-inherent_score&limit=25');
		assert.equal(list.status, 200);
		assert.equal(list.json.items.length, 25);
		assert.ok(list.json.items.every((r) => r.status === 'assessed'));
		const scores = list.json.items.map((r) => r.inherent_score);
		assert.deepEqual(scores, [...scores].sort((a, b) => b - a));

		const top = (await api(srv, 'GET', '/api/v1/risks?limit=1')).json.items[0];
		const register = await api(srv, 'GET', '/risks');
		assert.equal(register.status, 200);
		assert.ok(register.text.includes(top.title.replace('&', '&amp;')), 'the register shows the top risk');
		const detail = await api(srv, 'GET', `/risks/${top.id}`);
		assert.equal(detail.status, 200);
		assert.ok(detail.text.includes(top.title));
		for (const page of ['/', '/assets', '/controls', '/incidents', '/tasks', '/audit']) {
			const res = await api(srv, 'GET', page);
			assert.equal(res.status, 200, page);
			assert.match(res.text, /<\/html>/, page);
		}
		const people = await api(srv, 'GET', '/api/v1/users');
		assert.ok(people.json.items.some((u) => u.email === 'person001@bench.example.org'));
	});
});
