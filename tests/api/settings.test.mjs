// Organisation-wide settings: the API and the CLI read and change the same
// values, bad values change nothing, changes are audited, and the session
// timeouts take effect on live sessions.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ADMIN_EMAIL, ADMIN_PASSWORD, api, cli, dbQuery, login, startServer } from './harness.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

function sql(q) {
	return dbQuery(srv.db, q);
}

/** An ISO-8601 UTC time as isms stores it, minutes from now. */
const isoIn = (minutes) => new Date(Date.now() + minutes * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');

const DEFAULTS = { session_idle_minutes: 120, session_absolute_hours: 12, mfa_required: false, risk_acceptance_role: 'isms_manager' };

describe('settings', () => {
	it('GET /api/v1/settings shows the defaults', async () => {
		const r = await api(srv, 'GET', '/api/v1/settings');
		assert.equal(r.status, 200);
		assert.deepEqual(r.json, DEFAULTS);
	});

	it('refuses bad values with per-field errors and changes nothing', async () => {
		const cases = [
			[{ session_idle_minutes: 1 }, 422, 'session_idle_minutes'],
			[{ session_idle_minutes: 100000 }, 422, 'session_idle_minutes'],
			[{ session_idle_minutes: '30' }, 422, 'session_idle_minutes'],
			[{ session_idle_minutes: 1.5 }, 422, 'session_idle_minutes'],
			[{ mfa_required: 1 }, 422, 'mfa_required'],
			[{ session_idle_minutes: 30, no_such: 1 }, 400, 'no_such'],
			[{ session_absolute_hours: 24, mfa_required: 'yes' }, 422, 'mfa_required'],
			[{ risk_acceptance_role: 'employee' }, 422, 'risk_acceptance_role'],
			[{ risk_acceptance_role: 'boss' }, 422, 'risk_acceptance_role'],
			[{ risk_acceptance_role: 4 }, 422, 'risk_acceptance_role'],
		];
		const entries = sql("SELECT COUNT(*) FROM audit_log WHERE action = 'setting_change'");
		for (const [body, status, field] of cases) {
			const r = await api(srv, 'PATCH', '/api/v1/settings', { body });
			assert.equal(r.status, status, JSON.stringify(body));
			assert.ok(r.json.errors.some((x) => x.field === field), `${JSON.stringify(body)}: ${r.text}`);
		}
		for (const raw of ['[]', '"x"', '{', '']) {
			const r = await api(srv, 'PATCH', '/api/v1/settings', { raw });
			assert.equal(r.status, 400, raw);
		}
		assert.deepEqual((await api(srv, 'GET', '/api/v1/settings')).json, DEFAULTS);
		assert.equal(sql("SELECT COUNT(*) FROM audit_log WHERE action = 'setting_change'"), entries);
	});

	it('PATCH changes several at once, audits each change, and the CLI sees it', async () => {
		const r = await api(srv, 'PATCH', '/api/v1/settings', { body: { session_idle_minutes: 30, session_absolute_hours: 8 } });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json, { ...DEFAULTS, session_idle_minutes: 30, session_absolute_hours: 8 });
		const audit = await api(srv, 'GET', '/api/v1/audit?action=setting_change');
		assert.equal(audit.json.total, 2);
		const l = cli(srv, ['settings', 'list', '--db', srv.db]);
		assert.equal(l.status, 0, l.stderr);
		assert.match(l.stdout, /^session_idle_minutes\t30\t/m);
		assert.match(l.stdout, /^mfa_required\tfalse\t/m);
	});

	it('isms settings set validates like the API', () => {
		let r = cli(srv, ['settings', 'set', '--db', srv.db, '--key', 'session_idle_minutes', '--value', '2']);
		assert.equal(r.status, 1);
		assert.match(r.stderr, /between 5 and 1440/);
		r = cli(srv, ['settings', 'set', '--db', srv.db, '--key', 'nope', '--value', '2']);
		assert.equal(r.status, 1);
		r = cli(srv, ['settings', 'set', '--db', srv.db, '--key', 'session_idle_minutes']);
		assert.equal(r.status, 2);
		r = cli(srv, ['settings', 'set', '--db', srv.db, '--key', 'session_idle_minutes', '--value', '60']);
		assert.equal(r.status, 0, r.stderr);
	});

	it('the idle timeout applies to live sessions at once', async () => {
		const { cookie } = await login(srv, ADMIN_EMAIL, ADMIN_PASSWORD);
		const me = () => api(srv, 'GET', '/api/v1/me', { token: null, headers: { Cookie: cookie } });
		assert.equal((await me()).status, 200);
		// the session was last seen 20 minutes ago: alive under a 60-minute limit
		sql(`UPDATE sessions SET last_seen_at = '${isoIn(-20)}'`);
		assert.equal((await me()).status, 200);
		sql(`UPDATE sessions SET last_seen_at = '${isoIn(-20)}'`);
		// ... and ended once the limit is 15 minutes
		assert.equal((await api(srv, 'PATCH', '/api/v1/settings', { body: { session_idle_minutes: 15 } })).status, 200);
		assert.equal((await me()).status, 401);
	});

	it('the absolute lifetime is set when a session starts', async () => {
		assert.equal((await api(srv, 'PATCH', '/api/v1/settings', { body: { session_absolute_hours: 2 } })).status, 200);
		await login(srv, ADMIN_EMAIL, ADMIN_PASSWORD);
		const rows = sql('SELECT created_at, expires_at FROM sessions').split('\n').map((l) => l.split('|'));
		const secs = Math.min(...rows.map(([c, x]) => (Date.parse(x) - Date.parse(c)) / 1000));
		assert.equal(secs, 7200);
	});
});
