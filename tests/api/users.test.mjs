// Accounts from the CLI: list, disable (sessions and tokens stop working at
// once), enable, reset-password (one-time password, all sessions end), and
// the last administrator cannot be disabled.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { addUser, api, cli, createToken, login, startServer } from './harness.mjs';

let srv;
const EMAIL = 'ana@example.org';
const PASSWORD = 'Ana-has-a-long-password';

before(async () => { srv = await startServer(); addUser(srv, EMAIL, 'owner', PASSWORD); });
after(async () => { await srv?.stop(); });

const me = (opts) => api(srv, 'GET', '/api/v1/me', opts);
const withCookie = (cookie) => ({ token: null, headers: { Cookie: cookie } });

describe('user administration from the CLI', () => {
	it('user list shows every user with role and state', () => {
		const r = cli(srv, ['user', 'list', '--db', srv.db]);
		assert.equal(r.status, 0, r.stderr);
		const rows = r.stdout.trim().split('\n').slice(1).map((l) => l.split('\t'));
		assert.deepEqual(rows.map((x) => [x[1], x[3], x[4]]), [
			['admin@example.org', 'admin', 'active'],
			[EMAIL, 'owner', 'active'],
		]);
	});

	it('disable ends sessions and revokes tokens at once; enable lets the user log in again', async () => {
		const token = createToken(srv, EMAIL);
		const { cookie } = await login(srv, EMAIL, PASSWORD);
		assert.equal((await me({ token })).status, 200);
		assert.equal((await me(withCookie(cookie))).status, 200);

		const r = cli(srv, ['user', 'disable', '--db', srv.db, '--email', EMAIL]);
		assert.equal(r.status, 0, r.stderr);
		assert.equal((await me({ token })).status, 401, 'token after disable');
		assert.equal((await me(withCookie(cookie))).status, 401, 'session after disable');
		assert.equal((await login(srv, EMAIL, PASSWORD)).res.status, 401, 'login after disable');
		assert.match(cli(srv, ['user', 'list', '--db', srv.db]).stdout, /ana@example\.org\tana\towner\tdisabled/);

		assert.equal(cli(srv, ['user', 'enable', '--db', srv.db, '--email', EMAIL]).status, 0);
		assert.equal((await login(srv, EMAIL, PASSWORD)).res.status, 200, 'login after enable');
		assert.equal((await me({ token })).status, 401, 'a revoked token stays revoked');
	});

	it('reset-password prints a one-time password, ends sessions, and forces a change', async () => {
		const { cookie } = await login(srv, EMAIL, PASSWORD);
		const r = cli(srv, ['user', 'reset-password', '--db', srv.db, '--email', EMAIL]);
		assert.equal(r.status, 0, r.stderr);
		const otp = /One-time password for \S+: (\S+)/.exec(r.stdout)?.[1];
		assert.ok(otp, r.stdout);
		assert.equal((await me(withCookie(cookie))).status, 401, 'old session ended');
		assert.equal((await login(srv, EMAIL, PASSWORD)).res.status, 401, 'old password refused');
		const fresh = await login(srv, EMAIL, otp);
		assert.equal(fresh.res.status, 200);
		assert.equal(fresh.user.must_change_password, true);
		const list = await api(srv, 'GET', '/api/v1/assets', withCookie(fresh.cookie));
		assert.equal(list.status, 403);
		assert.equal(list.json.code, 'password_change');
		const change = await api(srv, 'POST', '/api/v1/me/password', {
			token: null,
			headers: { Cookie: fresh.cookie, 'X-CSRF-Token': fresh.csrf },
			body: { current_password: otp, new_password: 'Ana-chose-a-new-one' },
		});
		assert.equal(change.status, 204, change.text);
		assert.equal((await api(srv, 'GET', '/api/v1/assets', withCookie(fresh.cookie))).status, 200);
	});

	it('the last enabled administrator cannot be disabled', () => {
		const r = cli(srv, ['user', 'disable', '--db', srv.db, '--email', 'admin@example.org']);
		assert.equal(r.status, 1);
		assert.match(r.stderr, /last enabled administrator/);
		assert.match(cli(srv, ['user', 'list', '--db', srv.db]).stdout, /admin@example\.org\tAdministrator\tadmin\tactive/);
	});

	it('unknown users and missing options are refused', () => {
		assert.equal(cli(srv, ['user', 'disable', '--db', srv.db, '--email', 'nobody@example.org']).status, 1);
		assert.equal(cli(srv, ['user', 'disable', '--db', srv.db]).status, 2);
		assert.equal(cli(srv, ['user']).status, 2);
	});
});
