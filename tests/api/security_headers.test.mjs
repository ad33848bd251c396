// HTTP security as docs/SECURITY.md promises it (OWASP ASVS 4.0 level 2,
// chapters 3 session management, 4 access control, 14 configuration):
// cookie attributes, transport hints behind a TLS proxy, caching of
// sensitive responses, and no internals in error bodies.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ADMIN_EMAIL, ADMIN_PASSWORD, addUser, api, assertSecurityHeaders, dbQuery, login, startServer } from './harness.mjs';
import { nextCode } from './totp.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

function setCookie(res) {
	return res.headers.get('set-cookie') || '';
}

describe('session cookie (ASVS 3.4)', () => {
	it('is HttpOnly, SameSite=Strict, Path=/, a browser-session cookie, not Secure over plain http', async () => {
		const { res } = await login(srv, ADMIN_EMAIL, ADMIN_PASSWORD);
		const c = setCookie(res);
		assert.match(c, /^isms_session=[A-Za-z0-9_-]{32,};/);
		assert.match(c, /; HttpOnly/);
		assert.match(c, /; SameSite=Strict/);
		assert.match(c, /; Path=\//);
		assert.doesNotMatch(c, /Expires=|Max-Age=/i, 'no persistent cookie');
		assert.doesNotMatch(c, /Secure/);
		assert.equal(res.headers.get('strict-transport-security'), null);
	});

	it('is Secure, and HSTS is sent, behind a proxy that terminates TLS', async () => {
		const res = await api(srv, 'POST', '/api/v1/login', {
			token: null, body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }, headers: { 'X-Forwarded-Proto': 'https' },
		});
		assert.equal(res.status, 200, res.text);
		assert.match(setCookie(res), /; Secure/);
		assert.match(res.headers.get('strict-transport-security') || '', /max-age=\d{7,}/);
	});

	it('each login issues a new session token (ASVS 3.2.1), and logout ends it on the server (3.3.1)', async () => {
		const a = await login(srv, ADMIN_EMAIL, ADMIN_PASSWORD);
		const b = await login(srv, ADMIN_EMAIL, ADMIN_PASSWORD);
		assert.notEqual(a.cookie, b.cookie);
		const me = (cookie) => api(srv, 'GET', '/api/v1/me', { token: null, headers: { Cookie: cookie } });
		assert.equal((await me(a.cookie)).status, 200);
		const out = await api(srv, 'POST', '/api/v1/logout', { token: null, headers: { Cookie: a.cookie, 'X-CSRF-Token': a.csrf } });
		assert.equal(out.status, 204);
		assert.match(setCookie(out), /Max-Age=0/);
		assert.equal((await me(a.cookie)).status, 401, 'the old token is dead, not only forgotten by the browser');
		assert.equal((await me(b.cookie)).status, 200);
	});

	it('a session token in the URL is not accepted (ASVS 3.1.1)', async () => {
		const { cookie } = await login(srv, ADMIN_EMAIL, ADMIN_PASSWORD);
		const token = cookie.split('=')[1];
		const res = await api(srv, 'GET', `/api/v1/me?isms_session=${token}`, { token: null });
		assert.equal(res.status, 401);
	});
});

describe('sessions and secrets', () => {
	it('changing the password ends the user\'s other sessions, not the one changing it (ASVS 3.3.3)', async () => {
		const email = 'pat@example.org';
		addUser(srv, email, 'employee', 'Pat-first-long-password');
		const a = await login(srv, email, 'Pat-first-long-password');
		const b = await login(srv, email, 'Pat-first-long-password');
		const me = (c) => api(srv, 'GET', '/api/v1/me', { token: null, headers: { Cookie: c.cookie } });
		const r = await api(srv, 'POST', '/api/v1/me/password', {
			token: null, headers: { Cookie: a.cookie, 'X-CSRF-Token': a.csrf },
			body: { current_password: 'Pat-first-long-password', new_password: 'Pat-second-long-password' },
		});
		assert.equal(r.status, 204, r.text);
		assert.equal((await me(a)).status, 200);
		assert.equal((await me(b)).status, 401);
	});

	it('no password, token, TOTP secret or code reaches the audit log (ASVS 7.1.1)', async () => {
		const email = 'quin@example.org', password = 'Quin-long-password-1';
		addUser(srv, email, 'employee', password);
		const s = await login(srv, email, password);
		const cookie = { token: null, headers: { Cookie: s.cookie, 'X-CSRF-Token': s.csrf } };
		const tok = await api(srv, 'POST', '/api/v1/me/tokens', { ...cookie, body: { name: 'ci', days: 1 } });
		assert.equal(tok.status, 201, tok.text);
		const start = await api(srv, 'POST', '/api/v1/me/mfa/start', cookie);
		assert.equal(start.status, 200, start.text);
		const device = { secret: start.json.secret, last: 0 };
		const code = await nextCode(device);
		const conf = await api(srv, 'POST', '/api/v1/me/mfa/confirm', { ...cookie, body: { code } });
		assert.equal(conf.status, 200, conf.text);
		const log = dbQuery(srv.db, "SELECT COALESCE(before_json, '') || COALESCE(after_json, '') FROM audit_log");
		for (const secret of [password, s.cookie.split('=')[1], tok.json.token, start.json.secret, code,
			...conf.json.recovery_codes]) {
			assert.ok(secret && !log.includes(secret), `a secret appears in the audit log: ${secret.slice(0, 6)}...`);
		}
	});
});

describe('responses (ASVS 14.4, 8.2.1)', () => {
	it('API and page responses are no-store; static assets are cacheable', async () => {
		for (const url of ['/api/v1/me', '/api/v1/assets', '/', '/assets']) {
			const res = await api(srv, 'GET', url);
			assert.equal(res.status, 200, url);
			assert.equal(res.headers.get('cache-control'), 'no-store', url);
			assertSecurityHeaders(res, url);
		}
		const css = await api(srv, 'GET', '/static/style.css', { token: null });
		assert.equal(css.status, 200);
		assert.match(css.headers.get('cache-control'), /max-age=\d+/);
		assertSecurityHeaders(css, 'static');
	});

	it('the login page is framed by nobody and carries the CSP', async () => {
		const res = await api(srv, 'GET', '/login', { token: null });
		assert.equal(res.status, 200);
		assertSecurityHeaders(res, '/login');
		assert.match(res.headers.get('content-type'), /^text\/html; charset=utf-8/i);
	});

	it('errors name no internals: no SQL, file names or stack', async () => {
		const bad = [
			['GET', '/api/v1/assets?sort=nope'],
			['GET', '/api/v1/assets?owner=x'],
			['GET', '/api/v1/assets/99999999999999999999'],
			['POST', '/api/v1/assets'],
		];
		for (const [method, url] of bad) {
			const res = await api(srv, method, url, method === 'POST' ? { raw: '{"name": [' } : {});
			assert.ok(res.status >= 400 && res.status < 500, `${method} ${url}: ${res.status}`);
			assert.doesNotMatch(res.text, /sqlite|SELECT |\.c:\d+|src\//i, `${method} ${url}: ${res.text}`);
		}
		assert.equal(( await api(srv, 'GET', '/healthz')).headers.get('server'), null, 'no Server header naming the stack');
	});
});
