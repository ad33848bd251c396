// Health check, security headers, authentication (tokens, login sessions,
// CSRF) and role-based access.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import {
	ADMIN_EMAIL, ADMIN_PASSWORD, ENTITIES, ROLES, addUser, api, assertProblem, assertSecurityHeaders,
	createToken, etag, ownedBy, getRecord, login, roleRank, startServer, totalOf,
} from './harness.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

describe('health check', () => {
	it('GET /healthz answers 200 {"status":"ok"} without authentication', async () => {
		const res = await api(srv, 'GET', '/healthz', { token: null });
		assert.equal(res.status, 200);
		assert.match(res.headers.get('content-type') || '', /json/);
		assert.deepEqual(res.json, { status: 'ok' });
	});
});

describe('security headers', () => {
	const cases = [
		['healthz', 'GET', '/healthz', {}, 200],
		['authenticated list', 'GET', '/api/v1/assets', {}, 200],
		['anonymous 401', 'GET', '/api/v1/assets', { token: null }, 401],
		['unknown route 404', 'GET', '/api/v1/no-such-thing', {}, 404],
		['wrong method 405', 'PUT', '/api/v1/assets', { body: {} }, 405],
		['malformed JSON 400', 'POST', '/api/v1/assets', { raw: '{"name":' }, 400],
		['validation 422', 'POST', '/api/v1/assets', { body: { name: 'x' } }, 422],
		['login failure 401', 'POST', '/api/v1/login', { token: null, body: { email: ADMIN_EMAIL, password: 'nope-nope-nope' } }, 401],
	];
	for (const [name, method, path, opts, status] of cases) {
		it(`are present on ${name}`, async () => {
			const res = await api(srv, method, path, opts);
			assert.equal(res.status, status, res.text);
			assertSecurityHeaders(res, name);
		});
	}
});

describe('anonymous requests', () => {
	for (const [entity, { plural }] of Object.entries(ENTITIES)) {
		it(`GET /api/v1/${plural} without credentials is 401`, async () => {
			const res = await api(srv, 'GET', `/api/v1/${plural}`, { token: null });
			assertProblem(res, 401, `anonymous list ${entity}`);
		});
	}

	it('GET /api/v1/me without credentials is 401', async () => {
		assertProblem(await api(srv, 'GET', '/api/v1/me', { token: null }), 401);
	});

	it('GET of a single record without credentials is 401', async () => {
		const rec = (await api(srv, 'POST', '/api/v1/assets', { body: { name: 'Anon target', asset_type: 'site' } })).json;
		assertProblem(await api(srv, 'GET', `/api/v1/assets/${rec.id}`, { token: null }), 401);
		// and a record id that does not exist is still 401, not 404 (no probing)
		assertProblem(await api(srv, 'GET', '/api/v1/assets/99999', { token: null }), 401);
	});

	it('POST without credentials is 401 and creates nothing', async () => {
		const before = await totalOf(srv, 'asset');
		const res = await api(srv, 'POST', '/api/v1/assets', { token: null, body: { name: 'Anon', asset_type: 'software' } });
		assertProblem(res, 401);
		assert.equal(await totalOf(srv, 'asset'), before);
	});

	it('PATCH and DELETE without credentials are 401 and change nothing', async () => {
		const rec = (await api(srv, 'POST', '/api/v1/assets', { body: { name: 'Anon patch', asset_type: 'site' } })).json;
		const p = await api(srv, 'PATCH', `/api/v1/assets/${rec.id}`, {
			token: null, headers: { 'If-Match': etag(rec.version) }, body: { name: 'Hacked' },
		});
		assertProblem(p, 401);
		const d = await api(srv, 'DELETE', `/api/v1/assets/${rec.id}`, { token: null });
		assertProblem(d, 401);
		assert.deepEqual(await getRecord(srv, 'asset', rec.id), rec);
	});

	const badAuth = [
		['an unknown bearer token', 'Bearer nonsense-token'],
		['an empty bearer token', 'Bearer '],
		['a Basic credential', `Basic ${Buffer.from(`${ADMIN_EMAIL}:${ADMIN_PASSWORD}`).toString('base64')}`],
	];
	for (const [name, value] of badAuth) {
		it(`${name} is 401`, async () => {
			const res = await api(srv, 'GET', '/api/v1/assets', { token: null, headers: { Authorization: value } });
			assertProblem(res, 401, name);
		});
	}

	it('a real token with one character changed is 401', async () => {
		const t = srv.token;
		const last = t.at(-1);
		const forged = t.slice(0, -1) + (last === 'A' ? 'B' : 'A');
		assertProblem(await api(srv, 'GET', '/api/v1/me', { token: forged }), 401);
		// and the real one still works
		assert.equal((await api(srv, 'GET', '/api/v1/me')).status, 200);
	});
});

describe('current user', () => {
	it('GET /api/v1/me with the admin token returns the admin', async () => {
		const res = await api(srv, 'GET', '/api/v1/me');
		assert.equal(res.status, 200, res.text);
		assert.equal(res.json.email, ADMIN_EMAIL);
		assert.equal(res.json.role, 'admin');
		assert.equal(typeof res.json.id, 'number');
		assert.equal(typeof res.json.name, 'string');
		assert.equal(res.json.password, undefined, 'must not expose password material');
		assert.equal(res.json.password_hash, undefined, 'must not expose password material');
	});
});

describe('login, session cookie, CSRF and logout', () => {
	it('a wrong password is 401 and sets no session cookie', async () => {
		const { res, cookie } = await login(srv, ADMIN_EMAIL, 'Wrong-Passw0rd-Long');
		assertProblem(res, 401);
		assert.equal(cookie, null);
	});

	it('an unknown email is 401 and sets no session cookie', async () => {
		const { res, cookie } = await login(srv, 'nobody@example.org', ADMIN_PASSWORD);
		assertProblem(res, 401);
		assert.equal(cookie, null);
	});

	it('the full session flow works', async (t) => {
		const { res, cookie, csrf, user } = await login(srv, ADMIN_EMAIL, ADMIN_PASSWORD);
		const me = (await api(srv, 'GET', '/api/v1/me')).json;

		await t.test('login answers 200 with the user and a CSRF token', () => {
			assert.equal(res.status, 200, res.text);
			assert.ok(user && typeof user === 'object', `login body lacks user: ${res.text}`);
			assert.equal(user.id, me.id);
			assert.equal(user.email, ADMIN_EMAIL);
			assert.equal(user.name, me.name);
			assert.equal(user.role, 'admin');
			assert.equal(typeof csrf, 'string');
			assert.ok(csrf.length >= 16, 'csrf_token should be long enough to be unguessable');
		});

		await t.test('the session cookie is HttpOnly, SameSite=Strict, Path=/', () => {
			const set = res.headers.getSetCookie().find((c) => c.startsWith('isms_session='));
			assert.ok(set, `Set-Cookie isms_session missing: ${res.headers.getSetCookie()}`);
			assert.ok(cookie.length > 'isms_session='.length, 'cookie value is empty');
			const attrs = set.split(';').map((s) => s.trim().toLowerCase());
			assert.ok(attrs.includes('httponly'), set);
			assert.ok(attrs.includes('samesite=strict'), set);
			assert.ok(attrs.includes('path=/'), set);
		});

		const asCookie = (extra = {}) => ({ token: null, headers: { Cookie: cookie, ...extra } });

		await t.test('GET with the cookie alone works', async () => {
			const r = await api(srv, 'GET', '/api/v1/me', asCookie());
			assert.equal(r.status, 200, r.text);
			assert.equal(r.json.email, ADMIN_EMAIL);
			assert.equal((await api(srv, 'GET', '/api/v1/assets', asCookie())).status, 200);
		});

		await t.test('POST with the cookie but no CSRF token is 403 and creates nothing', async () => {
			const before = await totalOf(srv, 'asset');
			const r = await api(srv, 'POST', '/api/v1/assets', { ...asCookie(), body: { name: 'No CSRF', asset_type: 'site' } });
			assertProblem(r, 403);
			assert.equal(await totalOf(srv, 'asset'), before);
		});

		await t.test('POST with a wrong CSRF token is 403 and creates nothing', async () => {
			const before = await totalOf(srv, 'asset');
			const r = await api(srv, 'POST', '/api/v1/assets', {
				...asCookie({ 'X-CSRF-Token': `${csrf}x` }), body: { name: 'Bad CSRF', asset_type: 'site' },
			});
			assertProblem(r, 403);
			assert.equal(await totalOf(srv, 'asset'), before);
		});

		let rec;
		await t.test('POST with the cookie and the CSRF token creates', async () => {
			const before = await totalOf(srv, 'asset');
			const r = await api(srv, 'POST', '/api/v1/assets', {
				...asCookie({ 'X-CSRF-Token': csrf }), body: { name: 'Cookie asset', asset_type: 'site' },
			});
			assert.equal(r.status, 201, r.text);
			rec = r.json;
			assert.equal(rec.created_by, me.id);
			assert.equal(await totalOf(srv, 'asset'), before + 1);
		});

		await t.test('PATCH and DELETE with the cookie but no CSRF token are 403 and change nothing', async () => {
			const p = await api(srv, 'PATCH', `/api/v1/assets/${rec.id}`, {
				...asCookie({ 'If-Match': etag(rec.version) }), body: { name: 'Changed' },
			});
			assertProblem(p, 403);
			const d = await api(srv, 'DELETE', `/api/v1/assets/${rec.id}`, asCookie());
			assertProblem(d, 403);
			assert.deepEqual(await getRecord(srv, 'asset', rec.id), rec);
		});

		await t.test('PATCH with the cookie and the CSRF token works', async () => {
			const p = await api(srv, 'PATCH', `/api/v1/assets/${rec.id}`, {
				...asCookie({ 'If-Match': etag(rec.version), 'X-CSRF-Token': csrf }), body: { name: 'Changed' },
			});
			assert.equal(p.status, 200, p.text);
			assert.equal(p.json.name, 'Changed');
			assert.equal(p.json.version, rec.version + 1);
		});

		await t.test('bearer-token mutations need no CSRF token', async () => {
			const r = await api(srv, 'POST', '/api/v1/assets', { body: { name: 'Token asset', asset_type: 'site' } });
			assert.equal(r.status, 201, r.text);
		});

		await t.test('logout without the CSRF token is 403 and the session lives on', async () => {
			const r = await api(srv, 'POST', '/api/v1/logout', asCookie());
			assertProblem(r, 403);
			assert.equal((await api(srv, 'GET', '/api/v1/me', asCookie())).status, 200);
		});

		await t.test('logout with the CSRF token ends the session', async () => {
			const r = await api(srv, 'POST', '/api/v1/logout', asCookie({ 'X-CSRF-Token': csrf }));
			assert.ok(r.status === 200 || r.status === 204, `logout: ${r.status} ${r.text}`);
			assertProblem(await api(srv, 'GET', '/api/v1/me', asCookie()), 401);
			assertProblem(await api(srv, 'GET', '/api/v1/assets', asCookie()), 401);
			const before = await totalOf(srv, 'asset');
			const p = await api(srv, 'POST', '/api/v1/assets', {
				...asCookie({ 'X-CSRF-Token': csrf }), body: { name: 'After logout', asset_type: 'site' },
			});
			assertProblem(p, 401);
			assert.equal(await totalOf(srv, 'asset'), before);
		});

		await t.test('a forged session cookie is 401', async () => {
			const r = await api(srv, 'GET', '/api/v1/me', { token: null, headers: { Cookie: 'isms_session=forged-value' } });
			assertProblem(r, 401);
		});
	});
});

describe('roles', () => {
	const PASSWORD = 'Role-Passw0rd-Long';
	const users = {}; // role -> { email, token, id }

	before(async () => {
		for (const role of ROLES.filter((r) => r !== 'admin')) {
			const email = `${role.replace('_', '.')}@example.org`;
			addUser(srv, email, role, PASSWORD);
			users[role] = { email, token: createToken(srv, email) };
		}
		users.admin = { email: ADMIN_EMAIL, token: srv.token };
		for (const u of Object.values(users)) {
			const me = await api(srv, 'GET', '/api/v1/me', { token: u.token });
			assert.equal(me.status, 200, me.text);
			u.id = me.json.id;
		}
	});

	for (const role of ROLES) {
		it(`${role}: /me reports the role, and login over the API works`, async () => {
			const me = await api(srv, 'GET', '/api/v1/me', { token: users[role].token });
			assert.equal(me.json.role, role);
			assert.equal(me.json.email, users[role].email);
			const pw = role === 'admin' ? ADMIN_PASSWORD : PASSWORD;
			const { res, user } = await login(srv, users[role].email, pw);
			assert.equal(res.status, 200, res.text);
			assert.equal(user.role, role);
			assert.equal(user.id, users[role].id);
		});
	}

	for (const [entity, ent] of Object.entries(ENTITIES)) {
		describe(`${entity} (read ${ent.read}+, create ${ent.create}+, write ${ent.write}+)`, () => {
			for (const role of ROLES) {
				const may = (need) => roleRank(role) >= roleRank(need);
				it(`${role}: read ${may(ent.read) ? 200 : 403}, create ${may(ent.create) ? 201 : 403}, ` +
					`update/archive ${may(ent.write) ? 'allowed' : 403}`, async () => {
					const token = users[role].token;
					const url = `/api/v1/${ent.plural}`;
					// a record made by the admin for this user, to read and write
					// (per-record rules have their own test: record_rules.test.mjs)
					const target = (await api(srv, 'POST', url, { body: ownedBy(entity, users[role].id) })).json;
					assert.ok(target?.id, 'admin could not create the target record');

					// read: list and single record
					const list = await api(srv, 'GET', url, { token });
					const one = await api(srv, 'GET', `${url}/${target.id}`, { token });
					if (may(ent.read)) {
						assert.equal(list.status, 200, list.text);
						assert.equal(one.status, 200, one.text);
						assert.equal(one.json.id, target.id);
					} else {
						assertProblem(list, 403, `${role} list ${entity}`);
						assertProblem(one, 403, `${role} get ${entity}`);
					}

					// create
					const before = await totalOf(srv, entity);
					const c = await api(srv, 'POST', url, { token, body: ent.required });
					if (may(ent.create)) {
						assert.equal(c.status, 201, c.text);
						assert.equal(c.json.created_by, users[role].id);
						assert.equal(await totalOf(srv, entity), before + 1);
					} else {
						assertProblem(c, 403, `${role} create ${entity}`);
						assert.equal(await totalOf(srv, entity), before);
					}

					// update and archive
					const p = await api(srv, 'PATCH', `${url}/${target.id}`, {
						token, headers: { 'If-Match': etag(target.version) }, body: ent.textEdit,
					});
					if (may(ent.write)) {
						assert.equal(p.status, 200, p.text);
						assert.equal(p.json.version, target.version + 1);
						assert.equal(p.json.updated_by, users[role].id);
						const d = await api(srv, 'DELETE', `${url}/${target.id}`, { token });
						assert.equal(d.status, 204, d.text);
						assert.equal((await getRecord(srv, entity, target.id)).archived, true);
					} else {
						assertProblem(p, 403, `${role} update ${entity}`);
						const d = await api(srv, 'DELETE', `${url}/${target.id}`, { token });
						assertProblem(d, 403, `${role} archive ${entity}`);
						assert.deepEqual(await getRecord(srv, entity, target.id), target);
					}
				});
			}
		});
	}
});
