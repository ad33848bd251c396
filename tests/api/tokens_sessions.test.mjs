// Account self-service: a user's own API tokens (/api/v1/me/tokens) and
// browser sessions (/api/v1/me/sessions, /api/v1/me/logout-everywhere).
// A token's secret is shown once and never again — not in lists, not in the
// audit log, not in the database; a revoked or expired token stops at once;
// someone else's token or session is 404; ending a session ends exactly it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { addUser, api, assertFieldError, assertProblem, createToken, login, dbQuery, startServer } from './harness.mjs';

/** A UTC time seconds ago, as isms writes times (YYYY-MM-DDTHH:MM:SSZ). */
const isoAgo = (seconds) => new Date(Date.now() - seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z');

let srv;
const ANA = { email: 'ana@example.org', password: 'Ana-has-a-long-password' };
const BEN = { email: 'ben@example.org', password: 'Ben-has-a-long-password' };
const tokens = {};

before(async () => {
	srv = await startServer();
	addUser(srv, ANA.email, 'owner', ANA.password);
	addUser(srv, BEN.email, 'employee', BEN.password);
	tokens.ana = createToken(srv, ANA.email);
	tokens.ben = createToken(srv, BEN.email);
});
after(async () => { await srv?.stop(); });

const as = (token) => ({ token });
const cookieOpts = (s, extra = {}) => ({ token: null, headers: { Cookie: s.cookie, ...extra } });
const withCsrf = (s) => cookieOpts(s, { 'X-CSRF-Token': s.csrf });
const me = (opts) => api(srv, 'GET', '/api/v1/me', opts);
const myTokens = async (token) => {
	const r = await api(srv, 'GET', '/api/v1/me/tokens', as(token));
	assert.equal(r.status, 200, r.text);
	return r.json.items;
};
const mySessions = async (opts) => {
	const r = await api(srv, 'GET', '/api/v1/me/sessions', opts);
	assert.equal(r.status, 200, r.text);
	return r.json.items;
};
const auditCount = (action) => Number(dbQuery(srv.db, `SELECT COUNT(*) FROM audit_log WHERE action = '${action}'`));

describe('API tokens of their owner', () => {
	let created;

	it('POST /api/v1/me/tokens creates a token and shows it once', async () => {
		const r = await api(srv, 'POST', '/api/v1/me/tokens', { ...as(tokens.ana), body: { name: 'Backup script', days: 30 } });
		assert.equal(r.status, 201, r.text);
		created = r.json;
		assert.match(created.token, /^isms_[A-Za-z0-9_-]{43}$/);
		assert.equal(created.name, 'Backup script');
		assert.equal(created.revoked, false);
		assert.equal(created.last_used_at, null);
		const days = (Date.parse(created.expires_at) - Date.parse(created.created_at)) / 86400e3;
		assert.equal(days, 30);
		assert.equal((await me(as(created.token))).json.email, ANA.email, 'the new token acts as its owner');
	});

	it('the list shows what the owner may see, never the token or its hash', async () => {
		const items = await myTokens(tokens.ana);
		assert.equal(items.length, 2, 'the CLI token and the new one');
		assert.deepEqual(Object.keys(items[0]).sort(), ['created_at', 'expires_at', 'id', 'last_used_at', 'name', 'revoked']);
		assert.equal(items[0].id, created.id, 'newest first');
		assert.ok(items[0].last_used_at, 'the use above is recorded');
		const text = JSON.stringify(items);
		assert.ok(!text.includes(created.token) && !text.includes(tokens.ana), 'no token in the list');
		const hash = dbQuery(srv.db, `SELECT token_hash FROM api_tokens WHERE id = ${created.id}`);
		assert.ok(!text.includes(hash), 'no hash in the list');
		assert.equal((await myTokens(tokens.ben)).length, 1, 'another user sees only their own');
	});

	it('the token never reaches the audit log or the database', async () => {
		const audit = await api(srv, 'GET', '/api/v1/audit?action=token_create&limit=500');
		assert.equal(audit.status, 200);
		const entry = audit.json.items.find((x) => x.after?.token_id === created.id);
		assert.ok(entry, 'token_create is audited');
		assert.deepEqual(entry.after, { token_id: created.id, name: 'Backup script', expires_at: created.expires_at });
		assert.ok(!audit.text.includes(created.token));
		assert.ok(!dbQuery(srv.db, 'SELECT token_hash, name FROM api_tokens').includes(created.token), 'the database holds only a hash');
	});

	it('last use is recorded at most once a minute', async () => {
		dbQuery(srv.db, `UPDATE api_tokens SET last_used_at = '${isoAgo(30)}' WHERE id = ${created.id}`);
		const recent = dbQuery(srv.db, `SELECT last_used_at FROM api_tokens WHERE id = ${created.id}`);
		assert.equal((await me(as(created.token))).status, 200);
		assert.equal(dbQuery(srv.db, `SELECT last_used_at FROM api_tokens WHERE id = ${created.id}`), recent, 'not written again');
		dbQuery(srv.db, `UPDATE api_tokens SET last_used_at = '2020-01-01T00:00:00Z' WHERE id = ${created.id}`);
		assert.equal((await me(as(created.token))).status, 200);
		assert.notEqual(dbQuery(srv.db, `SELECT last_used_at FROM api_tokens WHERE id = ${created.id}`), '2020-01-01T00:00:00Z');
	});

	it('days 0 means no expiry; days defaults to 90', async () => {
		let r = await api(srv, 'POST', '/api/v1/me/tokens', { ...as(tokens.ana), body: { name: 'Forever', days: 0 } });
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.expires_at, null);
		r = await api(srv, 'POST', '/api/v1/me/tokens', { ...as(tokens.ana), body: { name: 'Default' } });
		assert.equal(r.status, 201, r.text);
		assert.equal((Date.parse(r.json.expires_at) - Date.parse(r.json.created_at)) / 86400e3, 90);
	});

	it('another user\'s token id is 404 and stays live', async () => {
		const r = await api(srv, 'DELETE', `/api/v1/me/tokens/${created.id}`, as(tokens.ben));
		assertProblem(r, 404);
		assert.equal((await me(as(created.token))).status, 200);
		assert.equal((await myTokens(tokens.ana)).find((t) => t.id === created.id).revoked, false);
	});

	it('DELETE revokes: the token gets 401 at once; revoking again is 409', async () => {
		const entries = auditCount('token_revoke');
		const r = await api(srv, 'DELETE', `/api/v1/me/tokens/${created.id}`, as(tokens.ana));
		assert.equal(r.status, 204, r.text);
		assertProblem(await me(as(created.token)), 401);
		assert.equal((await myTokens(tokens.ana)).find((t) => t.id === created.id).revoked, true);
		assert.equal(auditCount('token_revoke'), entries + 1);
		assertProblem(await api(srv, 'DELETE', `/api/v1/me/tokens/${created.id}`, as(tokens.ana)), 409);
		assert.equal(auditCount('token_revoke'), entries + 1, 'a refused revocation is not audited');
	});

	it('an expired token gets 401', async () => {
		const r = await api(srv, 'POST', '/api/v1/me/tokens', { ...as(tokens.ana), body: { name: 'Short', days: 1 } });
		assert.equal(r.status, 201);
		assert.equal((await me(as(r.json.token))).status, 200);
		dbQuery(srv.db, `UPDATE api_tokens SET expires_at = '${isoAgo(1)}' WHERE id = ${r.json.id}`);
		assertProblem(await me(as(r.json.token)), 401);
	});

	it('bad input of every kind is refused and creates or revokes nothing', async () => {
		const before = await myTokens(tokens.ana);
		const created = auditCount('token_create');
		const cases = [
			['{"name":', 400, null],
			['[]', 400, null],
			['"x"', 400, null],
			['', 400, null],
			[{ name: 'x', scope: 'all' }, 400, 'scope'],
			[{}, 422, 'name'],
			[{ name: '' }, 422, 'name'],
			[{ name: 42 }, 422, 'name'],
			[{ name: null }, 422, 'name'],
			[{ name: 'a\nb' }, 422, 'name'],
			[{ name: 'é'.repeat(101) }, 422, 'name'],
			['{"name":"nul\\u0000byte"}', 400, null],
			[{ name: 'x', days: -1 }, 422, 'days'],
			[{ name: 'x', days: 3651 }, 422, 'days'],
			[{ name: 'x', days: 1.5 }, 422, 'days'],
			[{ name: 'x', days: '30' }, 422, 'days'],
			[{ name: 'x', days: true }, 422, 'days'],
		];
		for (const [body, status, field] of cases) {
			const opts = typeof body === 'string' ? { raw: body } : { body };
			const r = await api(srv, 'POST', '/api/v1/me/tokens', { ...as(tokens.ana), ...opts });
			const p = assertProblem(r, status, JSON.stringify(body));
			if (field) assertFieldError(p, field);
		}
		const ct = await api(srv, 'POST', '/api/v1/me/tokens', {
			...as(tokens.ana), raw: 'name=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		});
		assertProblem(ct, 415);
		for (const id of ['999999', '0', '-1', 'abc', '01']) {
			assertProblem(await api(srv, 'DELETE', `/api/v1/me/tokens/${id}`, as(tokens.ana)), 404, id);
		}
		assert.deepEqual(await myTokens(tokens.ana), before);
		assert.equal(auditCount('token_create'), created);
	});

	it('a name of exactly 100 characters is accepted', async () => {
		const r = await api(srv, 'POST', '/api/v1/me/tokens', { ...as(tokens.ana), body: { name: 'é'.repeat(100), days: 1 } });
		assert.equal(r.status, 201, r.text);
	});
});

describe('sessions of their owner', () => {
	let a, b;

	it('the list marks the caller\'s own session and says where each came from', async () => {
		a = await login(srv, ANA.email, ANA.password, { 'User-Agent': 'Browser A/1.0' });
		b = await login(srv, ANA.email, ANA.password, { 'User-Agent': 'Browser B/2.0 \u00e9' });
		assert.equal(a.res.status, 200);
		assert.equal(b.res.status, 200);
		const items = await mySessions(cookieOpts(a));
		assert.equal(items.length, 2);
		assert.deepEqual(Object.keys(items[0]).sort(),
			['client', 'created_at', 'current', 'expires_at', 'id', 'last_seen_at', 'user_agent']);
		assert.deepEqual(items.filter((s) => s.current).map((s) => s.user_agent), ['Browser A/1.0']);
		assert.ok(items.some((s) => /^Browser B\/2\.0 \?+$/.test(s.user_agent)), 'non-ASCII kept as ?');
		assert.ok(items.every((s) => s.client === '127.0.0.1'));
		assert.ok(!JSON.stringify(items).includes(a.cookie.split('=')[1]), 'no session secret in the list');
		const viaToken = await mySessions(as(tokens.ana));
		assert.equal(viaToken.length, 2);
		assert.ok(viaToken.every((s) => !s.current), 'a token caller has no current session');
		assert.equal((await mySessions(as(tokens.ben))).length, 0, 'another user sees none of them');
	});

	it('ending one session makes its cookie 401 while the other works', async () => {
		const bId = (await mySessions(cookieOpts(b))).find((s) => s.current).id;
		const entries = auditCount('session_end');
		assertProblem(await api(srv, 'DELETE', `/api/v1/me/sessions/${bId}`, cookieOpts(a)), 403, 'no CSRF token');
		assert.equal((await me(cookieOpts(b))).status, 200);
		const r = await api(srv, 'DELETE', `/api/v1/me/sessions/${bId}`, withCsrf(a));
		assert.equal(r.status, 204, r.text);
		assert.ok(!r.headers.getSetCookie().some((c) => c.startsWith('isms_session=')), 'the caller keeps its cookie');
		assertProblem(await me(cookieOpts(b)), 401);
		assert.equal((await me(cookieOpts(a))).status, 200);
		assert.equal(auditCount('session_end'), entries + 1);
		assertProblem(await api(srv, 'DELETE', `/api/v1/me/sessions/${bId}`, withCsrf(a)), 404, 'ended already');
	});

	it('another user\'s session is 404 and lives on', async () => {
		const aId = (await mySessions(cookieOpts(a))).find((s) => s.current).id;
		assertProblem(await api(srv, 'DELETE', `/api/v1/me/sessions/${aId}`, as(tokens.ben)), 404);
		assert.equal((await me(cookieOpts(a))).status, 200);
	});

	it('ending the current session clears the cookie', async () => {
		const aId = (await mySessions(cookieOpts(a))).find((s) => s.current).id;
		const r = await api(srv, 'DELETE', `/api/v1/me/sessions/${aId}`, withCsrf(a));
		assert.equal(r.status, 204, r.text);
		assert.ok(r.headers.getSetCookie().some((c) => /^isms_session=;.*Max-Age=0/.test(c)), r.headers.getSetCookie().join());
		assertProblem(await me(cookieOpts(a)), 401);
	});

	it('logout-everywhere ends every session, the caller\'s too, and leaves tokens alone', async () => {
		const s1 = await login(srv, ANA.email, ANA.password);
		const s2 = await login(srv, ANA.email, ANA.password);
		const other = await login(srv, BEN.email, BEN.password);
		const entries = auditCount('logout_everywhere');
		assertProblem(await api(srv, 'POST', '/api/v1/me/logout-everywhere', cookieOpts(s1)), 403, 'no CSRF token');
		assert.equal((await me(cookieOpts(s1))).status, 200);
		const r = await api(srv, 'POST', '/api/v1/me/logout-everywhere', withCsrf(s1));
		assert.equal(r.status, 204, r.text);
		assert.ok(r.headers.getSetCookie().some((c) => /^isms_session=;.*Max-Age=0/.test(c)));
		assertProblem(await me(cookieOpts(s1)), 401);
		assertProblem(await me(cookieOpts(s2)), 401);
		assert.equal((await me(as(tokens.ana))).status, 200, 'API tokens keep working');
		assert.equal((await me(cookieOpts(other))).status, 200, 'other users are not touched');
		assert.equal(auditCount('logout_everywhere'), entries + 1);
		const audit = await api(srv, 'GET', '/api/v1/audit?action=logout_everywhere');
		assert.deepEqual(audit.json.items[0].after, { sessions: 2 });
	});
});
