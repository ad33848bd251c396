// Connection loss (PostgreSQL only): when the database server restarts, a
// request in flight fails with 503 and a clear problem, and the server's
// connections come back by themselves — no restart of isms. While the
// database is down, requests get 503 too. Runs on a cluster of its own,
// since it stops it (the other suites share theirs).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { ENGINE, REPO_ROOT, api, assertProblem, cli, create, dbQuery, startServer, totalOf } from './harness.mjs';

const CLUSTER = path.join(REPO_ROOT, 'tests', 'pg-cluster.sh');
const skip = ENGINE !== 'postgres' && 'PostgreSQL only';

let srv;
let cluster; // { dir, url }

function clusterCmd(...args) {
	const r = spawnSync(CLUSTER, args, { encoding: 'utf8', timeout: 60_000 });
	assert.equal(r.status, 0, `pg-cluster.sh ${args.join(' ')}: ${r.stderr}`);
	return r.stdout;
}

/** Polls until fn() is true (fn may throw while not yet). */
async function until(what, fn, ms = 10_000) {
	const end = Date.now() + ms;
	for (;;) {
		try {
			if (fn()) return;
		} catch { /* not yet */ }
		if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
		await sleep(50);
	}
}

const lockWaiters = () => Number(dbQuery(srv.db,
	"SELECT COUNT(*) FROM pg_locks WHERE relation = 'audit_head'::regclass AND NOT granted"));

describe('PostgreSQL restarts', { skip }, () => {
	before(async () => {
		const env = Object.fromEntries(clusterCmd('start').trim().split('\n').map((l) => l.split(/=(.*)/s).slice(0, 2)));
		cluster = { dir: env.ISMS_TEST_PG_DIR, url: env.ISMS_TEST_PG_URL };
		srv = await startServer({ pgUrl: cluster.url });
		await create(srv, 'asset', { name: 'Before the restart', asset_type: 'site' });
	});
	after(async () => {
		await srv?.stop();
		if (cluster) clusterCmd('stop', cluster.dir);
	});

	it('a request in flight gets 503 with a clear problem, the next ones work', async () => {
		// hold the audit chain's row so that a create waits inside its transaction
		const holder = spawn('psql', ['-X', '-q', '-d', srv.db, '-c',
			'BEGIN; LOCK TABLE audit_head IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(60)'], { stdio: 'ignore' });
		try {
			await until('psql to take the lock', () => Number(dbQuery(srv.db,
				"SELECT COUNT(*) FROM pg_locks WHERE relation = 'audit_head'::regclass AND granted")) === 1);
			const inFlight = api(srv, 'POST', '/api/v1/assets', { body: { name: 'In flight', asset_type: 'site' } });
			await until('the create to wait for the lock', () => lockWaiters() === 1);
			clusterCmd('halt', cluster.dir);
			clusterCmd('resume', cluster.dir);
			const res = await inFlight;
			const p = assertProblem(res, 503, 'the create in flight');
			assert.equal(p.code, 'unavailable');
			assert.match(p.detail, /database server is unavailable/);
			assert.doesNotMatch(p.detail, /127\.0\.0\.1|isms_/, 'no server address or database name for clients');
		} finally {
			holder.kill();
		}
		// every worker thread reconnects by itself
		for (let i = 0; i < 6; i++) assert.equal((await api(srv, 'GET', '/api/v1/assets')).status, 200);
		await create(srv, 'asset', { name: 'After the restart', asset_type: 'site' });
		assert.equal(await totalOf(srv, 'asset'), 2, 'the create in flight was rolled back');
		assert.match(srv.stderr, /unavailable|terminat|closed/i, 'the server logs the reason');
	});

	it('while the server is down requests get 503; once it is back they work', async () => {
		clusterCmd('halt', cluster.dir);
		try {
			for (const [method, url] of [['GET', '/api/v1/assets'], ['GET', '/api/v1/me']]) {
				const p = assertProblem(await api(srv, method, url), 503, `${method} ${url} with the database down`);
				assert.equal(p.code, 'unavailable');
			}
		} finally {
			clusterCmd('resume', cluster.dir);
		}
		assert.equal((await api(srv, 'GET', '/api/v1/assets')).status, 200);
		const r = cli(srv, ['audit', 'verify', '--db', srv.db]);
		assert.equal(r.status, 0, r.stdout + r.stderr);
	});
});
