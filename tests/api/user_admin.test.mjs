// User administration over /api/v1/users (administrators only): create with
// a one-time password shown once, list and search, change name and role
// (audited with before and after), disable (sessions and tokens stop at
// once), reset the password, and every user's API tokens. The last enabled
// administrator can be neither disabled nor demoted, and bad input of every
// kind changes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import {
	ADMIN_EMAIL, ADMIN_PASSWORD, addUser, api, assertFieldError, assertProblem, cli, createToken, dbQuery, login, startServer,
} from './harness.mjs';

let srv;
let adminId;
const OWNER = { email: 'olga@example.org', password: 'Olga-has-a-long-password' };
let ownerToken;

before(async () => {
	srv = await startServer();
	addUser(srv, OWNER.email, 'owner', OWNER.password);
	ownerToken = createToken(srv, OWNER.email);
	adminId = (await api(srv, 'GET', '/api/v1/me')).json.id;
});
after(async () => { await srv?.stop(); });

const cookieOpts = (s) => ({ token: null, headers: { Cookie: s.cookie } });
const me = (opts) => api(srv, 'GET', '/api/v1/me', opts);
const users = async () => {
	const r = await api(srv, 'GET', '/api/v1/users');
	assert.equal(r.status, 200, r.text);
	return r.json;
};
const getUser = async (id) => (await api(srv, 'GET', `/api/v1/users/${id}`)).json;
const patch = (id, body, opts = {}) => api(srv, 'PATCH', `/api/v1/users/${id}`, { body, ...opts });
const auditRows = () => Number(dbQuery(srv.db, 'SELECT COUNT(*) FROM audit_log'));
const lastAudit = async (action) => (await api(srv, 'GET', `/api/v1/audit?action=${action}&limit=1`)).json.items[0];

describe('user administration over the API', () => {
	let ida;

	it('POST creates a user with a one-time password, returned once, to change at first login', async () => {
		const r = await api(srv, 'POST', '/api/v1/users', { body: { email: 'ida@example.org', name: 'Ida Berg', role: 'owner' } });
		assert.equal(r.status, 201, r.text);
		ida = r.json;
		assert.equal(r.headers.get('location'), `/api/v1/users/${ida.id}`);
		assert.deepEqual({ ...ida, id: 0, one_time_password: 'x' }, {
			id: 0, email: 'ida@example.org', name: 'Ida Berg', role: 'owner', disabled: false, must_change_password: true, mfa_enabled: false,
			one_time_password: 'x',
		});
		assert.ok(ida.one_time_password.length >= 12);
		const got = await getUser(ida.id);
		assert.equal(got.one_time_password, undefined, 'not shown again');
		assert.ok(!JSON.stringify((await api(srv, 'GET', '/api/v1/audit?limit=500')).json).includes(ida.one_time_password));
		const s = await login(srv, 'ida@example.org', ida.one_time_password);
		assert.equal(s.res.status, 200);
		assert.equal(s.user.must_change_password, true);
		assert.equal((await lastAudit('user_create')).after.email, 'ida@example.org');
	});

	it('POST with a password sets it, with no change forced', async () => {
		const r = await api(srv, 'POST', '/api/v1/users', {
			body: { email: 'jon@example.org', name: 'Jon', role: 'auditor', password: 'Jon-chose-this-one' },
		});
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.one_time_password, undefined);
		assert.equal(r.json.must_change_password, false);
		assert.equal((await login(srv, 'jon@example.org', 'Jon-chose-this-one')).user.must_change_password, false);
	});

	it('GET lists every user, and q searches e-mail and name', async () => {
		const all = await users();
		assert.deepEqual(all.items.map((u) => u.email),
			[ADMIN_EMAIL, 'ida@example.org', 'jon@example.org', OWNER.email]);
		assert.equal(all.total, 4);
		const q = await api(srv, 'GET', '/api/v1/users?q=BERG');
		assert.deepEqual(q.json.items.map((u) => u.email), ['ida@example.org']);
		const none = await api(srv, 'GET', `/api/v1/users?q=${encodeURIComponent('%')}`);
		assert.equal(none.json.total, 0, 'LIKE wildcards are matched literally');
		assertProblem(await api(srv, 'GET', '/api/v1/users?role=admin'), 400);
	});

	it('PATCH changes the role, audited with before and after', async () => {
		const r = await patch(ida.id, { role: 'isms_manager' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.role, 'isms_manager');
		const entry = await lastAudit('role_change');
		assert.equal(entry.record_type, 'user');
		assert.equal(entry.record_id, ida.id);
		assert.equal(entry.actor, adminId);
		assert.deepEqual(entry.before, { role: 'owner' });
		assert.deepEqual(entry.after, { role: 'isms_manager' });
	});

	it('PATCH changes the name; an unchanged value is not audited', async () => {
		const rows = auditRows();
		const r = await patch(ida.id, { name: 'Ida Berg-Lund', role: 'isms_manager' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.name, 'Ida Berg-Lund');
		assert.equal(auditRows(), rows + 1, 'one entry: the name');
		const entry = await lastAudit('user_update');
		assert.deepEqual([entry.before, entry.after], [{ name: 'Ida Berg' }, { name: 'Ida Berg-Lund' }]);
	});

	it('disabling stops the user\'s tokens and sessions at once; enabling lets them log in again', async () => {
		const token = createToken(srv, OWNER.email);
		const s = await login(srv, OWNER.email, OWNER.password);
		assert.equal((await me({ token })).status, 200);
		assert.equal((await me(cookieOpts(s))).status, 200);
		const olga = (await users()).items.find((u) => u.email === OWNER.email);

		const r = await patch(olga.id, { disabled: true });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.disabled, true);
		assertProblem(await me({ token }), 401);
		assertProblem(await me({ token: ownerToken }), 401);
		assertProblem(await me(cookieOpts(s)), 401);
		assert.equal((await login(srv, OWNER.email, OWNER.password)).res.status, 401);
		assert.deepEqual((await lastAudit('user_disable')).after, { disabled: true });

		assert.equal((await patch(olga.id, { disabled: false })).status, 200);
		assert.equal((await login(srv, OWNER.email, OWNER.password)).res.status, 200);
		assertProblem(await me({ token }), 401, 'revoked tokens stay revoked');
		ownerToken = createToken(srv, OWNER.email);
	});

	it('the last enabled administrator can be neither disabled nor demoted', async () => {
		const rows = auditRows();
		let r = await patch(adminId, { disabled: true });
		assert.equal(assertProblem(r, 409).code, 'last_admin');
		r = await patch(adminId, { role: 'isms_manager' });
		assert.equal(assertProblem(r, 409).code, 'last_admin');
		assert.match(r.json.detail, /last enabled administrator/);
		r = await patch(adminId, { name: 'Renamed', role: 'employee' });
		assertProblem(r, 409, 'all or nothing');
		const admin = await getUser(adminId);
		assert.deepEqual([admin.name, admin.role, admin.disabled], ['Administrator', 'admin', false]);
		assert.equal(auditRows(), rows);
		const c = cli(srv, ['user', 'set-role', '--db', srv.db, '--email', ADMIN_EMAIL, '--role', 'owner']);
		assert.equal(c.status, 1);
		assert.match(c.stderr, /last enabled administrator/);
		assert.equal((await getUser(adminId)).role, 'admin');
	});

	it('with a second administrator the first can be demoted, and the second is then the last', async () => {
		const r = await api(srv, 'POST', '/api/v1/users', {
			body: { email: 'kim@example.org', name: 'Kim', role: 'admin', password: 'Kim-admin-password' },
		});
		assert.equal(r.status, 201, r.text);
		const kimToken = createToken(srv, 'kim@example.org');
		assert.equal((await patch(adminId, { role: 'owner' }, { token: kimToken })).status, 200);
		assertProblem(await api(srv, 'GET', '/api/v1/users'), 403, 'the demoted admin lost access at once');
		assert.equal(assertProblem(await patch(r.json.id, { disabled: true }, { token: kimToken }), 409).code, 'last_admin');
		assert.equal((await patch(adminId, { role: 'admin' }, { token: kimToken })).status, 200);
		assert.equal((await api(srv, 'GET', '/api/v1/users')).status, 200);
	});

	it('isms user set-role changes a role from the CLI, audited', async () => {
		const c = cli(srv, ['user', 'set-role', '--db', srv.db, '--email', 'jon@example.org', '--role', 'owner']);
		assert.equal(c.status, 0, c.stderr);
		assert.match(c.stdout, /jon@example\.org: auditor -> owner/);
		const entry = await lastAudit('role_change');
		assert.deepEqual([entry.before, entry.after, entry.actor], [{ role: 'auditor' }, { role: 'owner' }, null]);
		assert.equal(cli(srv, ['user', 'set-role', '--db', srv.db, '--email', 'jon@example.org', '--role', 'root']).status, 2);
		assert.equal(cli(srv, ['user', 'set-role', '--db', srv.db, '--email', 'nobody@example.org', '--role', 'owner']).status, 1);
		assert.equal(cli(srv, ['user', 'set-role', '--db', srv.db, '--email', 'jon@example.org']).status, 2);
	});

	it('reset-password returns a one-time password once and ends the user\'s sessions', async () => {
		const s = await login(srv, 'jon@example.org', 'Jon-chose-this-one');
		const r = await api(srv, 'POST', `/api/v1/users/${(await users()).items.find((u) => u.email === 'jon@example.org').id}/reset-password`);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.must_change_password, true);
		assertProblem(await me(cookieOpts(s)), 401);
		assert.equal((await login(srv, 'jon@example.org', 'Jon-chose-this-one')).res.status, 401);
		const fresh = await login(srv, 'jon@example.org', r.json.one_time_password);
		assert.equal(fresh.res.status, 200);
		assert.equal(fresh.user.must_change_password, true);
		assertProblem(await api(srv, 'POST', '/api/v1/users/999999/reset-password'), 404);
	});

	it('an administrator lists and revokes any user\'s tokens', async () => {
		const olga = (await users()).items.find((u) => u.email === OWNER.email);
		const list = await api(srv, 'GET', `/api/v1/users/${olga.id}/tokens`);
		assert.equal(list.status, 200);
		const live = list.json.items.find((t) => !t.revoked);
		assert.ok(live);
		assert.ok(!list.text.includes(ownerToken));
		assertProblem(await api(srv, 'DELETE', `/api/v1/users/${ida.id}/tokens/${live.id}`), 404, 'not this user\'s token');
		assert.equal((await me({ token: ownerToken })).status, 200);
		const r = await api(srv, 'DELETE', `/api/v1/users/${olga.id}/tokens/${live.id}`);
		assert.equal(r.status, 204, r.text);
		assertProblem(await me({ token: ownerToken }), 401);
		const entry = await lastAudit('token_revoke');
		assert.deepEqual([entry.actor, entry.record_id, entry.after.token_id], [adminId, olga.id, live.id]);
		assertProblem(await api(srv, 'DELETE', `/api/v1/users/${olga.id}/tokens/${live.id}`), 409);
		assertProblem(await api(srv, 'GET', '/api/v1/users/999999/tokens'), 404);
		assertProblem(await api(srv, 'DELETE', `/api/v1/users/999999/tokens/${live.id}`), 404);
		ownerToken = createToken(srv, OWNER.email);
	});

	it('a non-administrator is refused and changes nothing', async () => {
		const before = await users();
		const rows = auditRows();
		assertProblem(await api(srv, 'GET', '/api/v1/users', { token: ownerToken }), 403);
		assertProblem(await api(srv, 'GET', `/api/v1/users/${adminId}`, { token: ownerToken }), 403);
		assertProblem(await api(srv, 'POST', '/api/v1/users', {
			token: ownerToken, body: { email: 'sneaky@example.org', name: 'Sneaky', role: 'admin' },
		}), 403);
		const olga = before.items.find((u) => u.email === OWNER.email);
		assertProblem(await patch(olga.id, { role: 'admin' }, { token: ownerToken }), 403);
		assert.deepEqual(await users(), before);
		assert.equal(auditRows(), rows);
	});

	it('bad input of every kind gets 400, 404 or 422 and changes nothing', async () => {
		const before = await users();
		const rows = auditRows();
		const creates = [
			['{"email":', 400, null],
			['[]', 400, null],
			['null', 400, null],
			[{ email: 'x@example.org', name: 'X', role: 'owner', admin: true }, 400, 'admin'],
			[{ email: 'x@example.org', name: 'X' }, 422, 'role'],
			[{ email: 'x@example.org', role: 'owner' }, 422, 'name'],
			[{ name: 'X', role: 'owner' }, 422, 'email'],
			[{ email: 42, name: 'X', role: 'owner' }, 422, 'email'],
			[{ email: 'x@example.org', name: ['X'], role: 'owner' }, 422, 'name'],
			[{ email: 'x@example.org', name: 'X', role: 'root' }, 422, 'role'],
			[{ email: 'x@example.org', name: 'X', role: 'anonymous' }, 422, 'role'],
			[{ email: 'not-an-address', name: 'X', role: 'owner' }, 422, 'email'],
			[{ email: 'x@example.org', name: '', role: 'owner' }, 422, 'name'],
			[{ email: 'x@example.org', name: 'x'.repeat(201), role: 'owner' }, 422, 'name'],
			[{ email: 'x@example.org', name: 'two\nlines', role: 'owner' }, 422, 'name'],
			[{ email: 'x@example.org', name: 'X', role: 'owner', password: 'short' }, 422, 'password'],
			[{ email: 'x@example.org', name: 'X', role: 'owner', password: 7 }, 422, 'password'],
			[{ email: ADMIN_EMAIL, name: 'X', role: 'owner' }, 409, 'email'],
		];
		for (const [body, status, field] of creates) {
			const opts = typeof body === 'string' ? { raw: body } : { body };
			const p = assertProblem(await api(srv, 'POST', '/api/v1/users', opts), status, `create ${JSON.stringify(body)}`);
			if (field) assertFieldError(p, field);
		}
		const ida = before.items.find((u) => u.email === 'ida@example.org');
		const patches = [
			['{', 400, null],
			['"x"', 400, null],
			[{ email: 'new@example.org' }, 400, 'email'],
			[{ name: 'Ok', password: 'Some-long-password' }, 400, 'password'],
			[{ disabled: 'yes' }, 422, 'disabled'],
			[{ disabled: 1 }, 422, 'disabled'],
			[{ role: 5 }, 422, 'role'],
			[{ role: 'superuser' }, 422, 'role'],
			[{ name: '' }, 422, 'name'],
			[{ name: null }, 422, 'name'],
			[{ name: 'é'.repeat(201) }, 422, 'name'],
			[{ name: 'Changed', role: 'bogus' }, 422, 'role'],
			[{ name: 'Changed', disabled: 'no' }, 422, 'disabled'],
		];
		for (const [body, status, field] of patches) {
			const opts = typeof body === 'string' ? { raw: body } : { body };
			const p = assertProblem(await api(srv, 'PATCH', `/api/v1/users/${ida.id}`, opts), status, `patch ${JSON.stringify(body)}`);
			if (field) assertFieldError(p, field);
		}
		for (const id of ['999999', '0', 'abc', '-3', '1.5']) {
			assertProblem(await patch(id, { name: 'Ghost' }), 404, `PATCH /users/${id}`);
			assertProblem(await api(srv, 'GET', `/api/v1/users/${id}`), 404, `GET /users/${id}`);
		}
		assertProblem(await api(srv, 'POST', '/api/v1/users', {
			raw: 'email=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		}), 415);
		assert.deepEqual(await users(), before);
		assert.equal(auditRows(), rows);
	});
});
