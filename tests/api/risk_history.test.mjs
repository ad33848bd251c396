// A risk's history: its assessed values (scores, levels, treatment, status,
// method version) after each change, derived from the audit log — exact
// values after several PATCHes, who made each change, edits of other fields
// left out, the archiving at the end; read rules; the index the read uses;
// the same history on the risk's page (SVG chart and table) and in the CLI.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ENGINE, addUser, api, assertProblem, cli, create, createToken, dbQuery, etag, startServer } from './harness.mjs';

let srv;
const tok = {};
const names = {};
before(async () => {
	srv = await startServer();
	for (const role of ['employee', 'auditor', 'owner', 'isms_manager']) {
		addUser(srv, `${role}@example.org`, role, `Long-enough-${role}-pw`);
		tok[role] = createToken(srv, `${role}@example.org`);
		names[role] = (await api(srv, 'GET', '/api/v1/me', { token: tok[role] })).json.name;
	}
});
after(async () => { await srv?.stop(); });

async function patch(id, body, token) {
	const cur = await api(srv, 'GET', `/api/v1/risks/${id}`, { token });
	const r = await api(srv, 'PATCH', `/api/v1/risks/${id}`, { token, body, headers: { 'If-Match': etag(cur.json.version) } });
	assert.equal(r.status, 200, r.text);
	return r.json;
}

const pick = (p) => [p.action, p.actor_name, p.likelihood, p.impact, p.inherent_score, p.inherent_level,
	p.residual_likelihood, p.residual_impact, p.residual_score, p.residual_level, p.treatment, p.status, p.method_version];

describe('risk history', () => {
	let id;
	const expected = [];

	it('has one point per change of an assessed value, with exact values and who', async () => {
		const ownerId = (await api(srv, 'GET', '/api/v1/me', { token: tok.owner })).json.id;
		id = (await create(srv, 'risk', { title: 'Laptop theft', owner: ownerId, likelihood: 2, impact: 3 }, { token: tok.owner })).id;
		expected.push(['create', names.owner, 2, 3, 6, 'medium', null, null, null, null, null, 'identified', 1]);
		await patch(id, { likelihood: 4 }, tok.owner);
		expected.push(['update', names.owner, 4, 3, 12, 'high', null, null, null, null, null, 'identified', 1]);
		await patch(id, { residual_likelihood: 2, residual_impact: 2, treatment: 'modify' }, tok.owner);
		expected.push(['update', names.owner, 4, 3, 12, 'high', 2, 2, 4, 'low', 'modify', 'identified', 1]);
		await patch(id, { description: 'A laptop left on a train' }, tok.owner); // not an assessed value
		await patch(id, { status: 'in_treatment' }, tok.owner);
		expected.push(['update', names.owner, 4, 3, 12, 'high', 2, 2, 4, 'low', 'modify', 'in_treatment', 1]);
		await patch(id, { impact: 5 }, tok.isms_manager);
		expected.push(['update', names.isms_manager, 4, 5, 20, 'critical', 2, 2, 4, 'low', 'modify', 'in_treatment', 1]);
		// the risk's other audit entries (a link, an acceptance) are not points
		const control = await create(srv, 'control', { title: 'Disk encryption' });
		let x = await api(srv, 'POST', `/api/v1/risks/${id}/links/controls`, { body: { id: control.id } });
		assert.equal(x.status, 201, x.text);
		x = await api(srv, 'POST', `/api/v1/risks/${id}/acceptances`, {
			body: { rationale: 'Encrypted disks.', expires_on: new Date(Date.now() + 30 * 86400e3).toISOString().slice(0, 10) } });
		assert.equal(x.status, 201, x.text);
		assert.equal(dbQuery(srv.db, `SELECT COUNT(*) FROM audit_log WHERE record_type = 'risk' AND record_id = ${id} AND action IN ('link_add', 'risk_accept')`), '2');

		const r = await api(srv, 'GET', `/api/v1/risks/${id}/history`, { token: tok.auditor });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.risk_id, id);
		assert.equal(r.json.total, 5);
		assert.equal(r.json.truncated, false);
		assert.deepEqual(r.json.items.map(pick), expected);
		// oldest first, each an audit entry of this risk
		const ids = r.json.items.map((p) => p.audit_id);
		assert.deepEqual([...ids].sort((a, b) => a - b), ids);
		for (const p of r.json.items) {
			const row = dbQuery(srv.db, `SELECT record_type, record_id, action FROM audit_log WHERE id = ${p.audit_id}`);
			assert.equal(row, `risk|${id}|${p.action}`);
			assert.match(p.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		}
	});

	it('shows the trend on the risk page: a chart with a point per change and level, and the table', async () => {
		const r = await api(srv, 'GET', `/risks/${id}`, { token: tok.auditor });
		assert.equal(r.status, 200);
		const section = r.text.slice(r.text.indexOf('id="trend-h"'));
		assert.match(section, /<svg class="trend-chart"/);
		assert.equal((section.match(/<circle class="pt lvl-/g) || []).length, 5, 'an inherent point per change');
		assert.equal((section.match(/<path class="pt lvl-/g) || []).length, 3, 'a residual point per scored change');
		assert.match(section, /<circle class="pt lvl-red"[^>]*><title>[^<]*inherent score 20, Critical<\/title>/);
		assert.match(section, /<circle class="pt lvl-yellow"[^>]*><title>[^<]*inherent score 6, Medium<\/title>/);
		assert.match(section, /4 × 5 = <strong>20<\/strong>/);
		assert.equal((section.slice(0, section.indexOf('</section>')).match(/<tr>/g) || []).length, 1 + 5, 'header and a row per change');
		assert.doesNotMatch(r.text, /style="/, 'no inline style (CSP)');
	});

	it('prints the same history in the CLI', async () => {
		const c = cli(srv, ['risk', 'history', '--db', srv.db, '--id', String(id)]);
		assert.equal(c.status, 0, c.stderr);
		assert.deepEqual(JSON.parse(c.stdout).items.map(pick), expected);
		const bad = cli(srv, ['risk', 'history', '--db', srv.db, '--id', 'x']);
		assert.equal(bad.status, 2);
		assert.match(bad.stderr, /--id must be an id/);
		const none = cli(srv, ['risk', 'history', '--db', srv.db, '--id', '999999']);
		assert.equal(none.status, 1);
		assert.match(none.stderr, /No risk with id 999999/);
	});

	it('ends with the archiving', async () => {
		const cur = await api(srv, 'GET', `/api/v1/risks/${id}`);
		const del = await api(srv, 'DELETE', `/api/v1/risks/${id}`, { headers: { 'If-Match': etag(cur.json.version) } });
		assert.equal(del.status, 204, del.text);
		const r = await api(srv, 'GET', `/api/v1/risks/${id}/history`, { token: tok.auditor });
		assert.equal(r.json.total, 6);
		assert.deepEqual(pick(r.json.items[5]), ['archive', 'Administrator', 4, 5, 20, 'critical', 2, 2, 4, 'low', 'modify', 'in_treatment', 1]);
	});

	it('refuses whom the risk register refuses, and unknown risks', async () => {
		assertProblem(await api(srv, 'GET', `/api/v1/risks/${id}/history`, { token: tok.employee }), 403);
		assertProblem(await api(srv, 'GET', `/api/v1/risks/${id}/history`, { token: null }), 401);
		const p = assertProblem(await api(srv, 'GET', '/api/v1/risks/999999/history', { token: tok.auditor }), 404);
		assert.match(p.detail, /No risk with id 999999/);
		assertProblem(await api(srv, 'GET', '/api/v1/risks/0/history'), 404);
		assertProblem(await api(srv, 'POST', `/api/v1/risks/${id}/history`, { body: {} }), 405);
	});

	it('reads the audit log through its (record_type, record_id) index', { skip: ENGINE !== 'sqlite' }, () => {
		const plan = dbQuery(srv.db, "EXPLAIN QUERY PLAN SELECT a.id, a.at, a.actor_id, u.name, a.action, "
			+ 'COALESCE(a.after_json, a.before_json) FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id '
			+ "WHERE a.record_type = 'risk' AND a.record_id = 1 ORDER BY a.id DESC LIMIT 1001");
		assert.match(plan, /SEARCH a USING INDEX audit_log_record \(record_type=\? AND record_id=\?\)/);
		assert.doesNotMatch(plan, /TEMP B-TREE/, 'the index gives the order');
	});
});
