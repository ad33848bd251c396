// Several nodes: two `isms serve` processes on different ports share one
// database. Sessions, records, versions and the audit chain live in the
// database, so either node serves any request: a session opened on A works
// on B, a record written on A reads the same on B, two PATCHes with the same
// If-Match on A and B give one 200 and one 412, and concurrent writes on
// both nodes leave one intact audit chain.
//
// Built for PostgreSQL (the nodes' engine); on SQLite the two processes
// share one file (WAL, busy timeout), which holds the same promises.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ADMIN_EMAIL, ADMIN_PASSWORD, api, cli, create, dbQuery, etag, getRecord, login, startServer } from './harness.mjs';

let a; // node A: the server startServer started
let b; // node B: a second `isms serve` on a's database

before(async () => {
	a = await startServer();
	b = await a.addNode();
	assert.notEqual(a.base, b.base, 'two nodes on two ports');
});
after(async () => { await a?.stop(); });

const withCookie = (session, csrf = true) => ({
	token: null,
	headers: { Cookie: session.cookie, ...(csrf ? { 'X-CSRF-Token': session.csrf } : {}) },
});
const auditCount = () => Number(dbQuery(a.db, 'SELECT COUNT(*) FROM audit_log'));

/** Runs the jobs with at most `width` in flight; resolves to their results. */
async function pool(jobs, width) {
	const results = new Array(jobs.length);
	let next = 0;
	const worker = async () => {
		while (next < jobs.length) {
			const i = next++;
			results[i] = await jobs[i]();
		}
	};
	await Promise.all(Array.from({ length: width }, worker));
	return results;
}

describe('two nodes on one database', () => {
	it('a session opened by login on A works on B, CSRF included, and ends on both', async () => {
		const session = await login(a, ADMIN_EMAIL, ADMIN_PASSWORD);
		assert.equal(session.res.status, 200, session.res.text);
		assert.ok(session.cookie && session.csrf);

		const me = await api(b, 'GET', '/api/v1/me', withCookie(session, false));
		assert.equal(me.status, 200, me.text);
		assert.equal(me.json.email, ADMIN_EMAIL);

		const body = { name: 'Made on B with A\'s session', asset_type: 'site' };
		const refused = await api(b, 'POST', '/api/v1/assets', { ...withCookie(session, false), body });
		assert.equal(refused.status, 403, `no CSRF token on B: ${refused.text}`);
		const made = await api(b, 'POST', '/api/v1/assets', { ...withCookie(session), body });
		assert.equal(made.status, 201, made.text);
		assert.equal(made.json.created_by, session.user.id);

		const out = await api(b, 'POST', '/api/v1/logout', withCookie(session));
		assert.ok(out.status < 300, `logout on B: ${out.status} ${out.text}`);
		const gone = await api(a, 'GET', '/api/v1/me', withCookie(session, false));
		assert.equal(gone.status, 401, 'the session ended on B is gone on A too');
	});

	it('a record written on A reads the same on B, and a change on B reads on A', async () => {
		const rec = await create(a, 'risk', { title: 'Written on A', likelihood: 3, impact: 4 });
		assert.deepEqual(await getRecord(b, 'risk', rec.id), rec);
		const res = await api(b, 'PATCH', `/api/v1/risks/${rec.id}`,
			{ body: { share_party: 'Changed on B' }, headers: { 'If-Match': etag(rec.version) } });
		assert.equal(res.status, 200, res.text);
		const back = await getRecord(a, 'risk', rec.id);
		assert.equal(back.share_party, 'Changed on B');
		assert.equal(back.version, rec.version + 1);
		assert.equal(back.inherent_score, 12);
	});

	it('two PATCHes with the same If-Match on A and B: exactly one 200 and one 412, every time', async () => {
		for (let round = 0; round < 5; round++) {
			const rec = await create(a, 'control', { title: `Contested ${round}` });
			const patch = (node, text) => api(node, 'PATCH', `/api/v1/controls/${rec.id}`,
				{ body: { implementation: text }, headers: { 'If-Match': etag(rec.version) } });
			const [onA, onB] = await Promise.all([patch(a, 'from A'), patch(b, 'from B')]);
			assert.deepEqual([onA.status, onB.status].sort(), [200, 412],
				`round ${round}: A ${onA.status} ${onA.text.slice(0, 200)}, B ${onB.status} ${onB.text.slice(0, 200)}`);
			const winner = onA.status === 200 ? 'from A' : 'from B';
			const now = await getRecord(b, 'control', rec.id);
			assert.equal(now.implementation, winner, 'the stored value is the one that got 200');
			assert.equal(now.version, rec.version + 1, 'one new version, not two');
		}
	});

	it('concurrent creates and updates on both nodes leave one intact audit chain', async () => {
		const shared = [];
		for (let i = 0; i < 4; i++) shared.push(await create(b, 'task', { title: `Shared ${i}` }));
		const before = auditCount();
		// 2 x 50 writes, 8 in flight at a time, alternating between the nodes
		const jobs = Array.from({ length: 100 }, (_, i) => async () => {
			const node = i % 2 ? b : a;
			if (i % 4 < 2) return api(node, 'POST', '/api/v1/assets', { body: { name: `Load ${i}`, asset_type: 'hardware' } });
			const target = shared[i % shared.length];
			const cur = await api(node, 'GET', `/api/v1/tasks/${target.id}`);
			return api(node, 'PATCH', `/api/v1/tasks/${target.id}`,
				{ body: { description: `Update ${i}` }, headers: { 'If-Match': cur.headers.get('etag') } });
		});
		const t0 = Date.now();
		const results = await pool(jobs, 8);
		const ms = Date.now() - t0;
		const statuses = results.map((r) => r.status);
		const ok = statuses.filter((s) => s === 200 || s === 201).length;
		assert.deepEqual(statuses.filter((s) => ![200, 201, 412].includes(s)), [],
			`only successes and stale-version refusals: ${results.filter((r) => ![200, 201, 412].includes(r.status)).map((r) => r.text).join('\n')}`);
		assert.equal(statuses.filter((s) => s === 201).length, 50, 'every create succeeded');
		assert.equal(auditCount(), before + ok, 'one audit entry per acknowledged write, none lost, none twice');

		const v = cli(a, ['audit', 'verify', '--db', a.db]);
		assert.equal(v.status, 0, v.stdout + v.stderr);
		assert.match(v.stdout, new RegExp(`intact: ${before + ok} entries`));
		const ids = dbQuery(a.db, 'SELECT MIN(id), MAX(id), COUNT(*) FROM audit_log').split('|').map(Number);
		assert.deepEqual(ids, [1, before + ok, before + ok], 'ids 1..N without a gap');
		console.log(`# 100 writes over two nodes: ${ok} acknowledged, ${100 - ok} stale (412), ${ms} ms`);
	});
});
