// The audit log is a hash chain: every change through the API appends an
// entry in the same transaction, and `isms audit verify` proves the chain
// untampered — or names the first entry that was edited, deleted or
// inserted directly in the database (here with the sqlite3 or psql shell).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { api, cli, copyDb, create, dbQuery as sqlite, etag, startServer } from './harness.mjs';

let srv;
let entries = 0;

function verify(db) {
	return cli(srv, ['audit', 'verify', '--db', db]);
}

before(async () => {
	srv = await startServer();
	const a = await create(srv, 'asset', { name: 'Mail server', asset_type: 'hardware' });
	const r = await create(srv, 'risk', { title: 'Mail outage', likelihood: 2, impact: 4, asset: a.id });
	const up = await api(srv, 'PATCH', `/api/v1/risks/${r.id}`, {
		body: { likelihood: 3 }, headers: { 'If-Match': etag(r.version) },
	});
	assert.equal(up.status, 200, up.text);
	const del = await api(srv, 'DELETE', `/api/v1/assets/${a.id}`, { headers: { 'If-Match': etag(a.version) } });
	assert.equal(del.status, 204, del.text); // archived; the risk keeps its link
	entries = Number(sqlite(srv.db, 'SELECT COUNT(*) FROM audit_log'));
});
after(async () => { await srv?.stop(); });

describe('audit log', () => {
	it('records each change with before and after values', () => {
		const rows = sqlite(srv.db, "SELECT action || ' ' || record_type FROM audit_log WHERE record_type IN ('asset','risk') ORDER BY id");
		// the risk's Asset field links it to the asset: a link_add of its own
		assert.deepEqual(rows.split('\n'), ['create asset', 'create risk', 'link_add risk', 'update risk', 'archive asset']);
		const before = JSON.parse(sqlite(srv.db, "SELECT before_json FROM audit_log WHERE action = 'update'"));
		const afterV = JSON.parse(sqlite(srv.db, "SELECT after_json FROM audit_log WHERE action = 'update'"));
		assert.equal(before.likelihood, 2);
		assert.equal(afterV.likelihood, 3);
		assert.equal(afterV.inherent_score, 12);
	});

	it('a refused change appends nothing', async () => {
		const res = await api(srv, 'POST', '/api/v1/assets', { body: { name: 'x', asset_type: 'nonsense' } });
		assert.equal(res.status, 422);
		assert.equal(Number(sqlite(srv.db, 'SELECT COUNT(*) FROM audit_log')), entries);
	});

	it('verify passes on the untouched log and counts every entry', () => {
		const r = verify(srv.db);
		assert.equal(r.status, 0, r.stderr + r.stdout);
		assert.match(r.stdout, new RegExp(`intact: ${entries} entries`));
	});

	it('GET /api/v1/audit lists entries newest first, filtered by record, action, actor and time', async () => {
		const all = await api(srv, 'GET', '/api/v1/audit?limit=500');
		assert.equal(all.status, 200, all.text);
		assert.equal(all.json.total, entries);
		const ids = all.json.items.map((x) => x.id);
		assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first');

		const risk = await api(srv, 'GET', '/api/v1/audit?record_type=risk');
		assert.deepEqual(risk.json.items.map((x) => x.action), ['update', 'link_add', 'create']);
		assert.equal(risk.json.items[0].before.likelihood, 2, 'before is JSON, not a string');
		assert.equal(risk.json.items[0].after.likelihood, 3);
		assert.match(risk.json.items[0].hash, /^[0-9a-f]{64}$/);

		const archived = await api(srv, 'GET', '/api/v1/audit?action=archive&record_type=asset');
		assert.equal(archived.json.total, 1);
		const byActor = await api(srv, 'GET', `/api/v1/audit?actor=${risk.json.items[0].actor}&action=create`);
		assert.equal(byActor.json.total, 2);
		const future = await api(srv, 'GET', '/api/v1/audit?from=2999-01-01T00:00:00Z');
		assert.equal(future.json.total, 0);
		const page = await api(srv, 'GET', '/api/v1/audit?limit=2&offset=1');
		assert.deepEqual(page.json.items.map((x) => x.id), ids.slice(1, 3));

		const oneRisk = await api(srv, 'GET', `/api/v1/audit?record_type=risk&record_id=${risk.json.items[0].record_id}`);
		assert.deepEqual(oneRisk.json.items.map((x) => x.action), ['update', 'link_add', 'create']);
		const otherId = await api(srv, 'GET', `/api/v1/audit?record_type=risk&record_id=${risk.json.items[0].record_id + 1000}`);
		assert.equal(otherId.json.total, 0);
		const past = await api(srv, 'GET', '/api/v1/audit?to=2000-01-01T00:00:00Z');
		assert.equal(past.json.total, 0);
		const upToNow = await api(srv, 'GET', `/api/v1/audit?to=${all.json.items[0].at}`);
		assert.equal(upToNow.json.total, entries, 'to is inclusive');
	});

	it('GET /api/v1/audit takes a date for from and to, meaning the whole day', async () => {
		const newest = (await api(srv, 'GET', '/api/v1/audit?limit=1')).json.items[0];
		const day = newest.at.slice(0, 10);
		const sameDay = await api(srv, 'GET', `/api/v1/audit?from=${day}&to=${day}`);
		assert.equal(sameDay.status, 200, sameDay.text);
		assert.equal(sameDay.json.items[0].id, newest.id, 'to=DAY includes the end of that day');
		const dayBefore = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
		const before = await api(srv, 'GET', `/api/v1/audit?to=${dayBefore}`);
		assert.ok(before.json.items.every((x) => x.at < `${day}T00:00:00Z`));
		assert.ok(before.json.total < entries);
	});

	it('GET /api/v1/audit refuses unknown parameters and bad values', async () => {
		for (const q of ['foo=1', 'actor=x', 'actor=0', 'from=yesterday', 'to=2026-02-30', 'to=2026-01-01T25:00:00Z',
			'limit=0', 'limit=501', 'limit=x', 'offset=-1', 'record_id=0', 'record_id=1.5']) {
			const res = await api(srv, 'GET', `/api/v1/audit?${q}`);
			assert.equal(res.status, 400, q);
			assert.match(res.headers.get('content-type'), /problem\+json/);
		}
	});

	const tampering = [
		['an edited row', (db) => sqlite(db, "UPDATE audit_log SET after_json = replace(after_json, 'Mail outage', 'Nothing') WHERE id = 4"), 4],
		['an edited actor', (db) => sqlite(db, 'UPDATE audit_log SET actor_id = NULL WHERE id = 3'), 3],
		['a deleted row in the middle', (db) => sqlite(db, 'DELETE FROM audit_log WHERE id = 2'), 3],
		['a deleted newest row', (db) => sqlite(db, 'DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)'), null],
		['an inserted row', (db) => sqlite(db, "INSERT INTO audit_log (id, at, action, hash) VALUES (1000, '2026-01-01T00:00:00Z', 'login', 'x')"), 1000],
		['a rehashed edit', (db) => sqlite(db, "UPDATE audit_log SET action = 'login', hash = (SELECT hash FROM audit_log WHERE id = 1) WHERE id = 2"), 2],
	];
	for (const [what, tamper, brokenAt] of tampering) {
		it(`verify exits 1 and names the entry after ${what}`, () => {
			const db = copyDb(srv, what.replace(/\W+/g, '_'));
			tamper(db);
			const r = verify(db);
			assert.equal(r.status, 1, r.stdout + r.stderr);
			const m = /BROKEN at entry (\d+)/.exec(r.stdout);
			assert.ok(m, `no entry named: ${r.stdout}`);
			if (brokenAt !== null) assert.equal(Number(m[1]), brokenAt);
			else assert.equal(Number(m[1]), entries, 'the missing newest entry');
		});
	}
});
