// The command line: help, unknown commands, init, migrations, tokens, users.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ADMIN_EMAIL, ADMIN_PASSWORD, api, cli, create, createToken, getRecord, login, startServer } from './harness.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

const out = (r) => `exit ${r.status}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;

describe('isms command line', () => {
	it('--help exits 0 and names the commands', () => {
		const r = cli(srv, ['--help']);
		assert.equal(r.status, 0, out(r));
		const text = r.stdout + r.stderr;
		for (const cmd of ['init', 'serve', 'user', 'token']) assert.match(text, new RegExp(`\\b${cmd}\\b`), `help should mention ${cmd}`);
	});

	it('an unknown command exits 2 with a message', () => {
		const r = cli(srv, ['frobnicate']);
		assert.equal(r.status, 2, out(r));
		assert.ok(r.stderr.trim().length > 0, 'should say what is wrong on stderr');
	});

	it('init on an initialised database exits 1, says it exists, and keeps the data', async () => {
		const rec = await create(srv, 'asset', { name: 'Survives init', asset_type: 'site' });
		const r = cli(srv, ['init', '--db', srv.db, '--admin-email', 'other@example.org'],
			{ ISMS_ADMIN_PASSWORD: 'Other-Passw0rd-Long' });
		assert.equal(r.status, 1, out(r));
		assert.match(r.stdout + r.stderr, /exist/i);
		assert.deepEqual(await getRecord(srv, 'asset', rec.id), rec);
		assert.equal((await api(srv, 'GET', '/api/v1/me')).json.email, ADMIN_EMAIL, 'the old token still works');
		const { res } = await login(srv, 'other@example.org', 'Other-Passw0rd-Long');
		assert.equal(res.status, 401, 'init must not have added a second admin');
	});

	it('db migrate is idempotent', async () => {
		const rec = await create(srv, 'risk', { title: 'Survives migrate', likelihood: 2, impact: 2 });
		for (let i = 0; i < 2; i++) {
			const r = cli(srv, ['db', 'migrate', '--db', srv.db]);
			assert.equal(r.status, 0, `run ${i + 1}: ${out(r)}`);
		}
		assert.deepEqual(await getRecord(srv, 'risk', rec.id), rec);
	});

	it('token create for an unknown user exits 1 and prints no token', () => {
		const r = cli(srv, ['token', 'create', '--db', srv.db, '--user', 'nobody@example.org']);
		assert.equal(r.status, 1, out(r));
		assert.equal(r.stdout.trim(), '');
	});

	it('user add refuses a password shorter than 12 characters', async () => {
		const email = 'shorty@example.org';
		const r = cli(srv, ['user', 'add', '--db', srv.db, '--email', email, '--name', 'Shorty', '--role', 'employee'],
			{ ISMS_PASSWORD: 'Short-Pw-11' });
		assert.equal(r.status, 1, out(r));
		const t = cli(srv, ['token', 'create', '--db', srv.db, '--user', email]);
		assert.equal(t.status, 1, `the user must not exist: ${out(t)}`);
		const { res } = await login(srv, email, 'Short-Pw-11');
		assert.equal(res.status, 401);
	});

	it('user add with a 12-character password creates a user who can log in and use a token', async () => {
		const email = 'twelve@example.org';
		const password = 'Twelve-Pw-12';
		assert.equal(password.length, 12);
		const r = cli(srv, ['user', 'add', '--db', srv.db, '--email', email, '--name', 'Twelve Chars', '--role', 'auditor'],
			{ ISMS_PASSWORD: password });
		assert.equal(r.status, 0, out(r));

		const { res, user } = await login(srv, email, password);
		assert.equal(res.status, 200, res.text);
		assert.equal(user.email, email);
		assert.equal(user.name, 'Twelve Chars');
		assert.equal(user.role, 'auditor');

		const token = createToken(srv, email);
		assert.notEqual(token, srv.token);
		const me = await api(srv, 'GET', '/api/v1/me', { token });
		assert.equal(me.status, 200, me.text);
		assert.equal(me.json.email, email);
		assert.equal(me.json.role, 'auditor');
	});

	it('each token create gives a new token, and the admin password from init works', async () => {
		const a = createToken(srv, ADMIN_EMAIL);
		const b = createToken(srv, ADMIN_EMAIL);
		assert.notEqual(a, b);
		for (const token of [a, b]) assert.equal((await api(srv, 'GET', '/api/v1/me', { token })).json.email, ADMIN_EMAIL);
		const { res } = await login(srv, ADMIN_EMAIL, ADMIN_PASSWORD);
		assert.equal(res.status, 200);
	});
});
