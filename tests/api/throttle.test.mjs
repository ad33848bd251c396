// Login throttling: failed logins per account are slowed (429 "wait") and
// then locked (429 even with the right password); per client address too.
// Every failure and lock is in the audit log. Limits: src/auth/login.h.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { addUser, dbQuery, login, startServer } from './harness.mjs';

const ACCOUNT_SLOW_AFTER = 3;
const ACCOUNT_LIMIT = 5;
const CLIENT_LIMIT = 20;
let srv;

before(async () => {
	srv = await startServer();
	addUser(srv, 'bo@example.org', 'employee', 'Bo-has-a-long-password');
});
after(async () => { await srv?.stop(); });

function auditCount(action) {
	return Number(dbQuery(srv.db, `SELECT COUNT(*) FROM audit_log WHERE action = '${action}'`));
}

/** A wrong-password attempt, waiting out any "slow down" answer first. */
async function failOnce(email) {
	for (;;) {
		const { res } = await login(srv, email, 'not-the-password-at-all');
		if (res.status === 429 && res.json.code === 'slow_down') {
			const secs = Number(/wait (\d+) second/.exec(res.json.detail)[1]);
			await sleep(secs * 1000 + 50);
			continue;
		}
		return res;
	}
}

describe('login throttling', () => {
	it('the account is slowed after a few failures, then locked — even for the right password', async () => {
		for (let i = 1; i < ACCOUNT_SLOW_AFTER; i++) assert.equal((await failOnce('bo@example.org')).status, 401);
		assert.equal((await failOnce('bo@example.org')).status, 401);
		const quick = await login(srv, 'bo@example.org', 'not-the-password-at-all');
		assert.equal(quick.res.status, 429, 'an immediate retry after the slow-down threshold');
		assert.equal(quick.res.json.code, 'slow_down');
		assert.equal(auditCount('login_failed'), ACCOUNT_SLOW_AFTER, 'a refused-early attempt is not a failure');

		let last;
		for (let i = ACCOUNT_SLOW_AFTER; i < ACCOUNT_LIMIT; i++) last = await failOnce('bo@example.org');
		assert.equal(last.status, 429);
		assert.equal(last.json.code, 'locked');
		const right = await login(srv, 'bo@example.org', 'Bo-has-a-long-password');
		assert.equal(right.res.status, 429, 'locked even with the right password');
		assert.match(right.res.json.detail, /locked until \d{4}-\d\d-\d\dT/);
		assert.equal(auditCount('login_locked'), 1);
		assert.equal(auditCount('login_failed'), ACCOUNT_LIMIT);
	});

	it('another account is not affected by that lock', async () => {
		const ok = await login(srv, srv.adminEmail, srv.adminPassword);
		assert.equal(ok.res.status, 200, ok.res.text);
	});

	it('many failures from one address across accounts lock the address', async () => {
		let res;
		for (let i = 0; i < CLIENT_LIMIT - ACCOUNT_LIMIT; i++) res = await failOnce(`nobody${i}@example.org`);
		assert.equal(res.status, 429, res.text);
		assert.equal(res.json.code, 'locked');
		const admin = await login(srv, srv.adminEmail, srv.adminPassword);
		assert.equal(admin.res.status, 429, 'the address is locked for every account');
		assert.equal(auditCount('login_locked_client'), 1);
	});
});
