// Two-factor authentication (TOTP, RFC 6238): enrolment with a confirming
// code, recovery codes, login with the code (API and the web's second
// step), replay refused, wrong codes throttled and audited, turning it off
// with a code, an administrator's reset (API and CLI), the mfa_required
// setting forcing enrolment, and bad input that changes nothing.
//
// Each scenario uses its own user: a user's codes are spent step by step
// (no step works twice), so separate users keep the tests off the clock.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { addUser, api, assertFieldError, assertProblem, cli, createToken, dbQuery, startServer } from './harness.mjs';
import { nextCode, stepNow, totp, wrongCode } from './totp.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

const sql = (q) => dbQuery(srv.db, q);
const auditCount = (action, like = '%') =>
	Number(sql(`SELECT COUNT(*) FROM audit_log WHERE action = '${action}' AND COALESCE(after_json, '') LIKE '${like}'`));

/** A user with an API token: { email, password, id, token, device: { secret, last } }. */
function newUser(name, role = 'employee') {
	const email = `${name}@example.org`;
	const password = `${name}-has-a-long-password`;
	addUser(srv, email, role, password);
	const id = Number(sql(`SELECT id FROM users WHERE email = '${email}'`));
	return { email, password, id, token: createToken(srv, email), device: null };
}

const as = (u, opts = {}) => ({ token: u.token, ...opts });
const status = async (u) => (await api(srv, 'GET', '/api/v1/me/mfa', as(u))).json;

/** Starts and confirms enrolment; returns the recovery codes. */
async function enrol(u) {
	const start = await api(srv, 'POST', '/api/v1/me/mfa/start', as(u));
	assert.equal(start.status, 200, start.text);
	u.device = { secret: start.json.secret, last: 0 };
	const confirm = await api(srv, 'POST', '/api/v1/me/mfa/confirm', as(u, { body: { code: await nextCode(u.device) } }));
	assert.equal(confirm.status, 200, confirm.text);
	return confirm.json.recovery_codes;
}

const loginApi = (body) => api(srv, 'POST', '/api/v1/login', { body, token: null });
const sessionCookie = (res) => res.headers.getSetCookie().find((c) => c.startsWith('isms_session=') && !/Max-Age=0/.test(c));
const failures = (email) => Number(sql(`SELECT COALESCE(MAX(failures), 0) FROM login_throttle WHERE key = 'account:${email}'`));

describe('enrolment', () => {
	let ana;
	before(() => { ana = newUser('ana'); });

	it('starts with a random 160-bit secret and an otpauth URI for authenticator apps', async () => {
		assert.deepEqual(await status(ana), { enabled: false, pending: false, recovery_codes_left: 0, required: false });
		const a = await api(srv, 'POST', '/api/v1/me/mfa/start', as(ana));
		assert.equal(a.status, 200, a.text);
		assert.match(a.json.secret, /^[A-Z2-7]{32}$/, '20 bytes are 32 base32 characters');
		assert.equal(a.json.otpauth_uri,
			`otpauth://totp/isms:ana%40example.org?secret=${a.json.secret}&issuer=isms&algorithm=SHA1&digits=6&period=30`);
		assert.deepEqual([a.json.issuer, a.json.account, a.json.algorithm, a.json.digits, a.json.period],
			['isms', 'ana@example.org', 'SHA1', 6, 30]);
		const b = await api(srv, 'POST', '/api/v1/me/mfa/start', as(ana));
		assert.notEqual(b.json.secret, a.json.secret, 'starting again makes a new secret');
		assert.equal(sql(`SELECT mfa_pending_secret FROM users WHERE id = ${ana.id}`), b.json.secret);
		assert.deepEqual(await status(ana), { enabled: false, pending: true, recovery_codes_left: 0, required: false });
		ana.device = { secret: b.json.secret, last: 0 };
		assert.equal(auditCount('mfa_enrol_start'), 2);
	});

	it('a wrong code does not complete it', async () => {
		const r = await api(srv, 'POST', '/api/v1/me/mfa/confirm', as(ana, { body: { code: wrongCode(ana.device.secret) } }));
		assertFieldError(assertProblem(r, 422), 'code', 'wrong');
		const me = await api(srv, 'GET', '/api/v1/me', as(ana));
		assert.equal(me.json.mfa_enabled, false);
		assert.equal((await status(ana)).pending, true);
		assert.equal(auditCount('mfa_enable'), 0);
	});

	it('the current code completes it and returns ten recovery codes, stored hashed', async () => {
		const r = await api(srv, 'POST', '/api/v1/me/mfa/confirm', as(ana, { body: { code: await nextCode(ana.device) } }));
		assert.equal(r.status, 200, r.text);
		const codes = r.json.recovery_codes;
		assert.equal(codes.length, 10);
		assert.equal(new Set(codes).size, 10);
		for (const c of codes) assert.match(c, /^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/);
		const stored = sql(`SELECT code_hash FROM mfa_recovery_codes WHERE user_id = ${ana.id}`).split('\n');
		assert.equal(stored.length, 10);
		for (const c of codes) {
			assert.ok(!stored.some((h) => h.includes(c) || h.includes(c.replace(/-/g, ''))), 'no recovery code in clear');
		}
		assert.equal((await api(srv, 'GET', '/api/v1/me', as(ana))).json.mfa_enabled, true);
		assert.deepEqual(await status(ana), { enabled: true, pending: false, recovery_codes_left: 10, required: false });
		assert.equal(sql(`SELECT COUNT(*) FROM users WHERE id = ${ana.id} AND mfa_pending_secret IS NULL`), '1');
		assert.equal(auditCount('mfa_enable'), 1);
	});

	it('cannot start again while it is on', async () => {
		const r = await api(srv, 'POST', '/api/v1/me/mfa/start', as(ana));
		assert.equal(assertProblem(r, 409).code, 'mfa_enabled');
		const c = await api(srv, 'POST', '/api/v1/me/mfa/confirm', as(ana, { body: { code: '123456' } }));
		assert.equal(assertProblem(c, 409).code, 'mfa_enabled');
	});
});

describe('login with a second factor', () => {
	let bo, codes;
	before(async () => { bo = newUser('bo'); codes = await enrol(bo); });

	it('a correct password alone is 401 mfa_required, with no session', async () => {
		const r = await loginApi({ email: bo.email, password: bo.password });
		assert.equal(assertProblem(r, 401).code, 'mfa_required');
		assert.equal(r.headers.getSetCookie().length, 0, 'no Set-Cookie');
		assert.equal(sql(`SELECT COUNT(*) FROM sessions WHERE user_id = ${bo.id}`), '0');
	});

	it('a wrong password with a right code is still a wrong password', async () => {
		const r = await loginApi({ email: bo.email, password: 'not-the-password-at-all', code: totp(bo.device.secret, stepNow()) });
		assert.equal(assertProblem(r, 401).code, 'bad_credentials');
		assert.equal(sql(`SELECT COUNT(*) FROM sessions WHERE user_id = ${bo.id}`), '0');
	});

	it('a wrong code is a failed attempt: 401, counted, audited', async () => {
		const before = auditCount('login_failed', '%"factor":"code"%');
		const counted = failures(bo.email);
		const r = await loginApi({ email: bo.email, password: bo.password, code: wrongCode(bo.device.secret) });
		assert.equal(assertProblem(r, 401).code, 'bad_code');
		assert.equal(r.headers.getSetCookie().length, 0);
		assert.equal(failures(bo.email), counted + 1);
		assert.equal(auditCount('login_failed', '%"factor":"code"%'), before + 1);
	});

	it('the right code opens a session and clears the count; the same code again is refused', async () => {
		const code = await nextCode(bo.device);
		const r = await loginApi({ email: bo.email, password: bo.password, code });
		assert.equal(r.status, 200, r.text);
		assert.ok(sessionCookie(r), 'a session cookie');
		assert.equal(r.json.user.mfa_enabled, true);
		assert.equal(failures(bo.email), 0);
		assert.equal(Number(sql(`SELECT mfa_last_step FROM users WHERE id = ${bo.id}`)), bo.device.last);

		const again = await loginApi({ email: bo.email, password: bo.password, code });
		assert.equal(assertProblem(again, 401).code, 'code_used');
		assert.equal(again.headers.getSetCookie().length, 0);
		assert.equal(failures(bo.email), 1, 'a replay counts as a failure');
	});

	it('a recovery code works once, in any case and without dashes', async () => {
		const r = await loginApi({ email: bo.email, password: bo.password, code: codes[0] });
		assert.equal(r.status, 200, r.text);
		assert.equal(auditCount('mfa_recovery_used'), 1);
		assert.match(sql("SELECT after_json FROM audit_log WHERE action = 'mfa_recovery_used'"), /"recovery_codes_left":9/);
		const again = await loginApi({ email: bo.email, password: bo.password, code: codes[0] });
		assert.equal(assertProblem(again, 401).code, 'bad_code');
		const other = await loginApi({ email: bo.email, password: bo.password, code: codes[1].replace(/-/g, '').toUpperCase() });
		assert.equal(other.status, 200, other.text);
		assert.equal((await status(bo)).recovery_codes_left, 8);
		assert.equal(auditCount('mfa_recovery_used'), 2);
	});

	it('wrong codes are slowed down like wrong passwords', async () => {
		const cy = newUser('cy');
		await enrol(cy);
		for (let i = 0; i < 3; i++) {
			const r = await loginApi({ email: cy.email, password: cy.password, code: wrongCode(cy.device.secret) });
			assert.equal(r.status, 401, r.text);
		}
		const r = await loginApi({ email: cy.email, password: cy.password, code: await nextCode(cy.device) });
		assert.equal(assertProblem(r, 429).code, 'slow_down', 'even the right code must wait');
		assert.equal(failures(cy.email), 3);
	});
});

describe('the web sign-in carries a ticket, not the password, to the code form', () => {
	let di;
	before(async () => { di = newUser('di'); await enrol(di); });

	const form = (path, fields) => api(srv, 'POST', path, {
		token: null, raw: new URLSearchParams(fields).toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
	});
	const ticketOf = (html) => /name="ticket" value="([^"]+)"/.exec(html)?.[1];

	it('password, then code, then a session; the ticket works once', async () => {
		const first = await form('/login', { email: di.email, password: di.password, next: '/assets' });
		assert.equal(first.status, 200);
		assert.equal(first.headers.getSetCookie().length, 0);
		assert.match(first.text, /Enter your code/);
		assert.doesNotMatch(first.text, new RegExp(di.password));
		const ticket = ticketOf(first.text);
		assert.ok(ticket, 'a ticket in the form');
		assert.equal(sql(`SELECT COUNT(*) FROM login_tickets WHERE token_hash = '${ticket}'`), '0', 'stored hashed');
		assert.equal(sql(`SELECT user_id FROM login_tickets`), String(di.id));

		const wrong = await form('/login/code', { ticket, code: wrongCode(di.device.secret), next: '/assets' });
		assert.equal(wrong.status, 401);
		assert.equal(wrong.headers.getSetCookie().length, 0);
		assert.equal(ticketOf(wrong.text), ticket, 'the same ticket for another try');

		const right = await form('/login/code', { ticket, code: await nextCode(di.device), next: '/assets' });
		assert.equal(right.status, 303, right.text);
		assert.equal(right.headers.get('location'), '/assets');
		assert.ok(sessionCookie(right));

		const reuse = await form('/login/code', { ticket, code: wrongCode(di.device.secret) });
		assert.equal(reuse.headers.getSetCookie().length, 0);
		assert.match(reuse.text, /start again/);
	});

	it('a ticket expires after five minutes', async () => {
		const first = await form('/login', { email: di.email, password: di.password });
		const ticket = ticketOf(first.text);
		const expires = (Date.parse(sql('SELECT expires_at FROM login_tickets')) - Date.now()) / 1000;
		assert.ok(expires > 290 && expires <= 300, `expires in ${expires} s`);
		sql("UPDATE login_tickets SET expires_at = '2000-01-01T00:00:00Z'");
		const late = await form('/login/code', { ticket, code: wrongCode(di.device.secret) });
		assert.equal(late.headers.getSetCookie().length, 0);
		assert.match(late.text, /took too long/);
	});
});

describe('turning it off', () => {
	let ed, codes;
	before(async () => { ed = newUser('ed'); codes = await enrol(ed); });

	it('needs a right code', async () => {
		const none = await api(srv, 'POST', '/api/v1/me/mfa/disable', as(ed, { body: {} }));
		assertFieldError(assertProblem(none, 400), 'code', 'required');
		const wrong = await api(srv, 'POST', '/api/v1/me/mfa/disable', as(ed, { body: { code: wrongCode(ed.device.secret) } }));
		assertFieldError(assertProblem(wrong, 422), 'code', 'wrong');
		assert.equal(auditCount('login_failed', `%${ed.email}%"factor":"code"%`), 1, 'a wrong code is audited');
		assert.equal((await status(ed)).enabled, true);
		assert.equal(auditCount('mfa_disable'), 0);
	});

	it('with the current code, the secret and recovery codes go', async () => {
		const r = await api(srv, 'POST', '/api/v1/me/mfa/disable', as(ed, { body: { code: await nextCode(ed.device) } }));
		assert.equal(r.status, 204, r.text);
		assert.deepEqual(await status(ed), { enabled: false, pending: false, recovery_codes_left: 0, required: false });
		assert.equal(sql(`SELECT COUNT(*) FROM mfa_recovery_codes WHERE user_id = ${ed.id}`), '0');
		assert.equal(auditCount('mfa_disable'), 1);
		assert.equal((await loginApi({ email: ed.email, password: ed.password })).status, 200, 'password alone again');
		const again = await api(srv, 'POST', '/api/v1/me/mfa/disable', as(ed, { body: { code: codes[0] } }));
		assert.equal(assertProblem(again, 409).code, 'mfa_not_enabled');
	});
});

describe('an administrator resets a second factor', () => {
	it('through the API', async () => {
		const fay = newUser('fay');
		await enrol(fay);
		const other = newUser('gus', 'isms_manager');
		const refused = await api(srv, 'POST', `/api/v1/users/${fay.id}/mfa/reset`, as(other));
		assert.equal(refused.status, 403);
		assert.equal((await status(fay)).enabled, true);

		const r = await api(srv, 'POST', `/api/v1/users/${fay.id}/mfa/reset`);
		assert.equal(r.status, 204, r.text);
		assert.equal((await status(fay)).enabled, false);
		assert.equal((await loginApi({ email: fay.email, password: fay.password })).status, 200);
		assert.equal(Number(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'mfa_reset' AND record_id = ${fay.id}`)), 1);

		assert.equal(assertProblem(await api(srv, 'POST', `/api/v1/users/${fay.id}/mfa/reset`), 409).code, 'mfa_not_set_up');
		assertProblem(await api(srv, 'POST', '/api/v1/users/99999/mfa/reset'), 404);
		assertProblem(await api(srv, 'POST', `/api/v1/users/${fay.id}/mfa/reset`, { body: { now: true } }), 400);
	});

	it('through the CLI', async () => {
		const hal = newUser('hal');
		await enrol(hal);
		const r = cli(srv, ['user', 'reset-mfa', '--db', srv.db, '--email', hal.email]);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /hal@example\.org/);
		assert.equal((await status(hal)).enabled, false);
		assert.equal((await loginApi({ email: hal.email, password: hal.password })).status, 200);
		assert.match(sql(`SELECT CASE WHEN actor_id IS NULL OR actor_id = 0 THEN 1 ELSE 0 END FROM audit_log WHERE action = 'mfa_reset' AND record_id = ${hal.id}`), /1/);

		const again = cli(srv, ['user', 'reset-mfa', '--db', srv.db, '--email', hal.email]);
		assert.equal(again.status, 1);
		assert.match(again.stderr, /no second factor/);
		assert.equal(cli(srv, ['user', 'reset-mfa', '--db', srv.db, '--email', 'nobody@example.org']).status, 1);
		assert.equal(cli(srv, ['user', 'reset-mfa', '--db', srv.db]).status, 2);
	});

	it('through the user page of the web UI', async () => {
		const iris = newUser('iris');
		await enrol(iris);
		const page = await api(srv, 'GET', `/admin/users/${iris.id}`);
		assert.equal(page.status, 200);
		assert.match(page.text, /<dt>Two-factor<\/dt><dd>On<\/dd>/);
		assert.match(page.text, new RegExp(`action="/admin/users/${iris.id}/reset-mfa"`));
		const r = await api(srv, 'POST', `/admin/users/${iris.id}/reset-mfa`, { raw: '', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
		assert.equal(r.status, 303);
		assert.equal(r.headers.get('location'), `/admin/users/${iris.id}?notice=mfa_reset`);
		assert.equal((await status(iris)).enabled, false);
		const after = await api(srv, 'GET', `/admin/users/${iris.id}?notice=mfa_reset`);
		assert.match(after.text, /<dt>Two-factor<\/dt><dd>Off<\/dd>/);
		assert.doesNotMatch(after.text, /reset-mfa/);
		assert.match(after.text, /The second factor is removed/);
		// again: nothing to reset, a page saying so
		const again = await api(srv, 'POST', `/admin/users/${iris.id}/reset-mfa`, { raw: '', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
		assert.equal(again.status, 409);
	});
});

describe('bad input changes nothing', () => {
	let ivy;
	before(async () => {
		ivy = newUser('ivy');
		const s = await api(srv, 'POST', '/api/v1/me/mfa/start', as(ivy));
		ivy.device = { secret: s.json.secret, last: 0 };
	});
	const snapshot = () => sql(`SELECT mfa_secret, mfa_pending_secret, mfa_last_step FROM users WHERE id = ${ivy.id}`) +
		sql('SELECT COUNT(*) FROM audit_log') + sql('SELECT COUNT(*) FROM sessions') + sql('SELECT COUNT(*) FROM login_throttle');

	it('on confirm, disable, start and login', async () => {
		const was = snapshot();
		const confirm = (opts) => api(srv, 'POST', '/api/v1/me/mfa/confirm', as(ivy, opts));
		for (const raw of ['{', '[]', '"123456"', 'null']) assertProblem(await confirm({ raw }), 400);
		assertFieldError(assertProblem(await confirm({ body: { code: 123456 } }), 400), 'code', 'type');
		assertFieldError(assertProblem(await confirm({ body: { code: totp(ivy.device.secret, stepNow()), extra: 1 } }), 400),
			'extra', 'unknown_field');
		assertFieldError(assertProblem(await confirm({ body: {} }), 400), 'code', 'required');
		assertProblem(await confirm({ raw: 'code=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), 415);
		assertFieldError(assertProblem(await confirm({ body: { code: 'x'.repeat(5000) } }), 422), 'code', 'wrong');

		assertProblem(await api(srv, 'POST', '/api/v1/me/mfa/start', as(ivy, { body: { again: true } })), 400);
		assertProblem(await api(srv, 'POST', '/api/v1/me/mfa/start', as(ivy, { raw: '{' })), 400);
		assertProblem(await api(srv, 'POST', '/api/v1/me/mfa/disable', as(ivy, { body: { code: 1 } })), 400);

		const login = (body) => loginApi(body);
		assertFieldError(assertProblem(await login({ email: ivy.email, password: ivy.password, code: 123456 }), 400), 'code', 'type');
		assertFieldError(assertProblem(await login({ email: ivy.email, password: ivy.password, code: '1', x: 1 }), 400), 'x', 'unknown_field');
		assertProblem(await login({ email: ivy.email, password: ivy.password, code: null }), 400);
		assert.equal(snapshot(), was);
	});
});

describe('the mfa_required setting', () => {
	let jo;
	before(() => { jo = newUser('jo'); });
	after(() => {
		const r = cli(srv, ['settings', 'set', '--db', srv.db, '--key', 'mfa_required', '--value', 'false']);
		assert.equal(r.status, 0, r.stderr);
	});

	it('forces a user without a second factor to enrol before anything else', async () => {
		const on = await api(srv, 'PATCH', '/api/v1/settings', { body: { mfa_required: true } });
		assert.equal(on.status, 200, on.text);

		const list = await api(srv, 'GET', '/api/v1/assets', as(jo));
		assert.equal(assertProblem(list, 403).code, 'mfa_enrolment_required');
		assert.equal((await api(srv, 'GET', '/api/v1/me', as(jo))).status, 200);
		assert.deepEqual(await status(jo), { enabled: false, pending: false, recovery_codes_left: 0, required: true });

		// the web sends the browser to the enrolment page
		const login = await loginApi({ email: jo.email, password: jo.password });
		assert.equal(login.status, 200, 'a password alone opens a session, for enrolling');
		const cookie = sessionCookie(login).split(';')[0];
		const home = await api(srv, 'GET', '/', { token: null, headers: { Cookie: cookie } });
		assert.equal(home.status, 303);
		assert.equal(home.headers.get('location'), '/account/mfa');
		const page = await api(srv, 'GET', '/account/mfa', { token: null, headers: { Cookie: cookie } });
		assert.equal(page.status, 200);
		assert.match(page.text, /Your organisation requires a second factor/);

		await enrol(jo);
		assert.equal((await api(srv, 'GET', '/api/v1/assets', as(jo))).status, 200, 'allowed once enrolled');
		assert.equal((await api(srv, 'GET', '/', { token: null, headers: { Cookie: cookie } })).status, 200);
	});

	it('every MFA change is in the audit log', () => {
		for (const action of ['mfa_enrol_start', 'mfa_enable', 'mfa_disable', 'mfa_reset', 'mfa_recovery_used']) {
			assert.ok(auditCount(action) > 0, action);
		}
		const v = cli(srv, ['audit', 'verify', '--db', srv.db]);
		assert.equal(v.status, 0, v.stderr);
	});
});
