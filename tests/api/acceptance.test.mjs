// Risk acceptance: a risk above the appetite is closed, accepted or retained
// only under a valid acceptance signed by its owner (or a role at or above
// the setting risk_acceptance_role). The walk: refused until accepted, a
// residual raised above the accepted score no longer covered, expiry by the
// housekeeping job turning the risk back to 'assessed' with a task for the
// owner, and every refusal changing nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { addPeople, api, assertFieldError, assertProblem, cli, dbQuery, etag, startServer } from './harness.mjs';

let srv;
const tok = {};
const uid = {};
before(async () => {
	srv = await startServer();
	await addPeople(srv, [['owner1', 'owner'], ['owner2', 'owner'], ['staff', 'employee'], ['manager', 'isms_manager']], tok, uid);
});
after(async () => { await srv?.stop(); });

const sql = (q) => dbQuery(srv.db, q);
const count = (q) => Number(sql(q));
const dateIn = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A risk owned by owner1: inherent 4 × 5 (critical), residual 3 × 3 = 9
 * (medium), both above the default method's appetite (low). */
async function newRisk(extra = {}) {
	const r = await api(srv, 'POST', '/api/v1/risks', {
		body: { title: 'Laptop theft', owner: uid.owner1, likelihood: 4, impact: 5, residual_likelihood: 3,
			residual_impact: 3, treatment: 'modify', status: 'assessed', ...extra },
	});
	assert.equal(r.status, 201, r.text);
	assert.equal(r.json.residual_level, 'medium');
	assert.equal(r.json.residual_score, 9);
	return r.json;
}

const getRisk = async (id) => (await api(srv, 'GET', `/api/v1/risks/${id}`)).json;
const patch = async (risk, body, token = tok.owner1) =>
	api(srv, 'PATCH', `/api/v1/risks/${risk.id}`, { token, body, headers: { 'If-Match': etag(risk.version) } });
const accept = (id, body, token = tok.owner1) => api(srv, 'POST', `/api/v1/risks/${id}/acceptances`, { token, body });
const valid = { rationale: 'Laptops are encrypted; the rest costs more than a theft would.', expires_on: dateIn(180) };

describe('risk acceptance', () => {
	let risk;
	let acceptance;

	it('refuses to close, accept or retain a risk above the appetite without an acceptance, changing nothing', async () => {
		risk = await newRisk();
		const audits = count('SELECT COUNT(*) FROM audit_log');
		for (const [body, field] of [[{ status: 'closed' }, 'status'], [{ status: 'accepted' }, 'status'],
			[{ treatment: 'retain' }, 'treatment'], [{ treatment: 'retain', description: 'We keep it' }, 'treatment']]) {
			const r = await patch(risk, body);
			const p = assertProblem(r, 422, JSON.stringify(body));
			const hit = assertFieldError(p, field, 'acceptance');
			assert.match(hit.message, /Level Medium is above the appetite \(Low\)/);
			assert.match(hit.message, /sign an acceptance/);
			assert.match(p.detail, /risk owner/);
		}
		const now = await getRisk(risk.id);
		assert.equal(now.version, risk.version);
		assert.equal(now.status, 'assessed');
		assert.equal(now.treatment, 'modify');
		assert.equal(count('SELECT COUNT(*) FROM audit_log'), audits);
	});

	it('refuses to create a closed risk above the appetite', async () => {
		const before = count('SELECT COUNT(*) FROM risk');
		const r = await api(srv, 'POST', '/api/v1/risks', { body: { title: 'Born closed', likelihood: 5, impact: 5, status: 'closed' } });
		assertFieldError(assertProblem(r, 422), 'status', 'acceptance');
		assert.equal(count('SELECT COUNT(*) FROM risk'), before);
		// within the appetite nothing is needed
		const low = await api(srv, 'POST', '/api/v1/risks', { body: { title: 'Small', likelihood: 1, impact: 1, status: 'closed' } });
		assert.equal(low.status, 201, low.text);
		assert.equal(low.json.inherent_level, 'low');
	});

	it('refuses an acceptance by someone who may not sign it, and bad acceptances, changing nothing', async () => {
		const audits = count('SELECT COUNT(*) FROM audit_log');
		// an employee: below the route's least role
		let r = await accept(risk.id, valid, tok.staff);
		assertProblem(r, 403);
		// an owner who does not own this risk, below isms_manager
		r = await accept(risk.id, valid, tok.owner2);
		const p = assertProblem(r, 403);
		assert.equal(p.code, 'may_not_accept');
		assert.match(p.detail, /Only the risk owner \(owner1\) or a user with the role ISMS manager or above/);
		const cases = [
			[{ expires_on: valid.expires_on }, 'rationale', 'required'],
			[{ ...valid, rationale: '   ' }, 'rationale', 'required'],
			[{ ...valid, rationale: 'x'.repeat(2001) }, 'rationale', 'too_long'],
			[{ rationale: valid.rationale }, 'expires_on', 'required'],
			[{ ...valid, expires_on: dateIn(-1) }, 'expires_on', 'past'],
			[{ ...valid, expires_on: dateIn(0) }, 'expires_on', 'past'],
			[{ ...valid, expires_on: dateIn(4 * 366) }, 'expires_on', 'too_far'],
			[{ ...valid, expires_on: '2027-02-30' }, 'expires_on', 'date'],
			[{ ...valid, expires_on: 'next year' }, 'expires_on', 'date'],
			[{ ...valid, expires_on: 20270101 }, 'expires_on', 'type'],
		];
		for (const [body, field, code] of cases) {
			r = await accept(risk.id, body);
			assertFieldError(assertProblem(r, 422, JSON.stringify(body).slice(0, 80)), field, code);
		}
		r = await accept(risk.id, { ...valid, signed: true });
		assertFieldError(assertProblem(r, 400), 'signed');
		r = await accept(999999, valid);
		assertProblem(r, 404);
		assert.equal(count('SELECT COUNT(*) FROM risk_acceptance'), 0);
		assert.equal(count('SELECT COUNT(*) FROM audit_log'), audits);
	});

	it('the risk page explains the rule and refuses a bad acceptance next to its field', async () => {
		let r = await api(srv, 'GET', `/risks/${risk.id}`, { token: tok.owner1 });
		assert.equal(r.status, 200);
		assert.match(r.text, /The level <strong>Medium<\/strong> is above the risk appetite \(Low\)/);
		assert.match(r.text, new RegExp(`<form method="post" action="/risks/${risk.id}/acceptances"`));
		// another owner sees no form
		r = await api(srv, 'GET', `/risks/${risk.id}`, { token: tok.owner2 });
		assert.doesNotMatch(r.text, /Sign the acceptance/);
		const form = (fields) => api(srv, 'POST', `/risks/${risk.id}/acceptances`, {
			token: tok.owner1, raw: new URLSearchParams(fields).toString(),
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		});
		r = await form({ rationale: '', expires_on: dateIn(10) });
		assert.equal(r.status, 422);
		assert.match(r.text, /Say why the organisation accepts this risk as it is\./);
		assert.match(r.text, new RegExp(`value="${dateIn(10)}"`), 'what was typed is kept');
		r = await form({ rationale: 'Because', expires_on: dateIn(3 * 366 + 40) });
		assert.equal(r.status, 422);
		assert.match(r.text, /Must be at most 36 months ahead/);
		r = await api(srv, 'POST', `/risks/${risk.id}/acceptances`, {
			token: tok.owner2, raw: new URLSearchParams({ rationale: 'x', expires_on: dateIn(10) }).toString(),
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		});
		assert.equal(r.status, 403);
		assert.match(r.text, /Only the risk owner/);
		assert.equal(count('SELECT COUNT(*) FROM risk_acceptance'), 0);
	});

	it('the owner signs; the acceptance records what it accepts, and the risk can be closed', async () => {
		const r = await accept(risk.id, valid);
		assert.equal(r.status, 201, r.text);
		acceptance = r.json;
		assert.equal(r.headers.get('location'), `/api/v1/risks/${risk.id}/acceptances/${acceptance.id}`);
		assert.equal(acceptance.state, 'valid');
		assert.equal(acceptance.accepted_by, uid.owner1);
		assert.equal(acceptance.accepted_by_name, 'owner1');
		assert.equal(acceptance.accepted_score, 9);
		assert.equal(acceptance.accepted_level, 'medium');
		assert.equal(acceptance.method_version, 1);
		assert.equal(acceptance.rationale, valid.rationale);
		assert.equal(acceptance.expires_on, valid.expires_on);
		const list = (await api(srv, 'GET', `/api/v1/risks/${risk.id}/acceptances`, { token: tok.owner1 })).json;
		assert.equal(list.total, 1);
		assert.equal(list.current.id, acceptance.id);
		assert.equal(list.may_accept, true);
		assert.equal((await api(srv, 'GET', `/api/v1/risks/${risk.id}/acceptances`, { token: tok.owner2 })).json.may_accept, false);
		const audit = (await api(srv, 'GET', `/api/v1/audit?action=risk_accept&record_type=risk&record_id=${risk.id}`)).json;
		assert.equal(audit.total, 1);
		assert.equal(audit.items[0].actor, uid.owner1);
		assert.equal(audit.items[0].after.id, acceptance.id);

		const page = await api(srv, 'GET', `/risks/${risk.id}`, { token: tok.owner1 });
		assert.equal(page.status, 200);
		assert.match(page.text, /<strong>Accepted<\/strong> by owner1 on \d{4}-\d\d-\d\d, valid until/);
		assert.match(page.text, /Revoke the acceptance/);
		const closed = await patch(await getRisk(risk.id), { status: 'closed' });
		assert.equal(closed.status, 200, closed.text);
		assert.equal(closed.json.status, 'closed');
		risk = closed.json;
	});

	it('a residual raised above the accepted score is not covered', async () => {
		let r = await patch(risk, { residual_likelihood: 4 }); // 4 × 3 = 12, high
		const hit = assertFieldError(assertProblem(r, 422), 'residual_likelihood', 'acceptance');
		assert.match(hit.message, /covers a score up to 9; this risk scores 12/);
		assert.equal((await getRisk(risk.id)).residual_score, 9);
		// back in treatment the new score is recorded, and closing again is refused
		r = await patch(risk, { residual_likelihood: 4, status: 'in_treatment' });
		assert.equal(r.status, 200, r.text);
		r = await patch(r.json, { status: 'closed' });
		assertFieldError(assertProblem(r, 422), 'status', 'acceptance');
		// lowered to what was accepted, it closes again
		r = await patch(await getRisk(risk.id), { residual_likelihood: 3, status: 'closed' });
		assert.equal(r.status, 200, r.text);
		risk = r.json;
	});

	it('an expired acceptance turns the risk back to assessed and gives its owner a task, once', async () => {
		sql(`UPDATE risk_acceptance SET expires_on = '2020-01-01' WHERE id = ${acceptance.id}`);
		const tasks = () => count(`SELECT COUNT(*) FROM task WHERE risk = ${risk.id}`);
		assert.equal(tasks(), 0);
		let run = cli(srv, ['housekeeping', 'run', '--db', srv.db]);
		assert.equal(run.status, 0, run.stderr);
		assert.match(run.stdout, /^acceptance_expiry: [01] acceptances expired$/m); // the server's own thread may have been first
		const now = await getRisk(risk.id);
		assert.equal(now.status, 'assessed');
		assert.equal(now.updated_by, null, 'changed by the system');
		assert.equal(tasks(), 1);
		const task = (await api(srv, 'GET', `/api/v1/tasks?risk=${risk.id}`, { token: tok.owner1 })).json.items[0];
		assert.equal(task.owner, uid.owner1);
		assert.equal(task.status, 'open');
		assert.equal(task.priority, 'high');
		assert.match(task.title, new RegExp(`Review risk #${risk.id}`));
		assert.ok(task.due_date > dateIn(0));
		const ac = (await api(srv, 'GET', `/api/v1/risks/${risk.id}/acceptances`)).json;
		assert.equal(ac.current, null);
		assert.equal(ac.items[0].state, 'expired');
		assert.ok(ac.items[0].expired_at);
		for (const [action, type, id] of [['risk_accept_expire', 'risk', risk.id], ['update', 'risk', risk.id], ['create', 'task', task.id]]) {
			const a = (await api(srv, 'GET', `/api/v1/audit?action=${action}&record_type=${type}&record_id=${id}`)).json;
			assert.ok(a.total >= 1, `${action} ${type} ${id}`);
			assert.ok('actor' in a.items[0]);
			assert.equal(a.items[0].actor, null, `${action} by the system: ${JSON.stringify(a.items[0])}`);
		}
		// again: nothing more
		const audits = count('SELECT COUNT(*) FROM audit_log');
		run = cli(srv, ['housekeeping', 'run', '--db', srv.db]);
		assert.equal(run.status, 0, run.stderr);
		assert.match(run.stdout, /^acceptance_expiry: 0 acceptances expired$/m);
		assert.equal(tasks(), 1);
		assert.equal(count('SELECT COUNT(*) FROM audit_log'), audits);
		// and closing is refused again
		const r = await patch(now, { status: 'closed' });
		assertFieldError(assertProblem(r, 422), 'status', 'acceptance');
	});

	it('revoking: by the owner, not by another owner; the risk goes back to assessed; twice is 409', async () => {
		let r = await accept(risk.id, valid);
		assert.equal(r.status, 201, r.text);
		const id = r.json.id;
		r = await patch(await getRisk(risk.id), { status: 'closed' });
		assert.equal(r.status, 200, r.text);
		r = await api(srv, 'POST', `/api/v1/risks/${risk.id}/acceptances/${id}/revoke`, { token: tok.owner2 });
		assert.equal(assertProblem(r, 403).code, 'may_not_accept');
		assert.equal((await getRisk(risk.id)).status, 'closed');
		r = await api(srv, 'POST', `/api/v1/risks/${risk.id}/acceptances/${id}/revoke`, { token: tok.owner1 });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.state, 'revoked');
		assert.equal(r.json.revoked_by, uid.owner1);
		assert.equal((await getRisk(risk.id)).status, 'assessed');
		r = await api(srv, 'POST', `/api/v1/risks/${risk.id}/acceptances/${id}/revoke`, { token: tok.owner1 });
		assert.equal(assertProblem(r, 409).code, 'not_valid');
		r = await api(srv, 'POST', `/api/v1/risks/${risk.id}/acceptances/999/revoke`, { token: tok.owner1 });
		assertProblem(r, 404);
		assert.equal((await api(srv, 'GET', `/api/v1/audit?action=risk_accept_revoke`)).json.total, 1);
	});

	it('an ISMS manager may sign for any risk; the setting raises who may', async () => {
		const other = await newRisk({ title: 'Supplier outage' });
		let r = await accept(other.id, valid, tok.manager);
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.accepted_by, uid.manager);
		r = await api(srv, 'PATCH', '/api/v1/settings', { body: { risk_acceptance_role: 'admin' } });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.risk_acceptance_role, 'admin');
		r = await accept(other.id, valid, tok.manager);
		assert.match(assertProblem(r, 403).detail, /Administrator or above/);
		r = await api(srv, 'PATCH', '/api/v1/settings', { body: { risk_acceptance_role: 'isms_manager' } });
		assert.equal(r.status, 200, r.text);
		// retaining is allowed under it
		r = await patch(other, { treatment: 'retain' }, tok.manager);
		assert.equal(r.status, 200, r.text);
	});

	it('isms risk accept signs as the named user, with the same checks', async () => {
		const other = await newRisk({ title: 'Flood' });
		const base = ['risk', 'accept', '--db', srv.db, '--id', String(other.id)];
		let r = cli(srv, [...base, '--by', 'owner2@example.org', '--rationale', 'Fine', '--expires', dateIn(30)]);
		assert.equal(r.status, 1);
		assert.match(r.stderr, /Only the risk owner/);
		r = cli(srv, [...base, '--by', 'owner1@example.org', '--expires', dateIn(30)]);
		assert.equal(r.status, 1);
		assert.match(r.stderr, /rationale: Say why/);
		r = cli(srv, [...base, '--by', 'owner1@example.org', '--rationale', 'Fine', '--expires', dateIn(-3)]);
		assert.equal(r.status, 1);
		assert.match(r.stderr, /expires_on: Must be after today/);
		r = cli(srv, [...base, '--by', 'nobody@example.org', '--rationale', 'Fine', '--expires', dateIn(30)]);
		assert.equal(r.status, 1);
		r = cli(srv, ['risk', 'accept', '--db', srv.db, '--id', 'x', '--by', 'owner1@example.org']);
		assert.equal(r.status, 2);
		assert.equal(count(`SELECT COUNT(*) FROM risk_acceptance WHERE risk_id = ${other.id}`), 0);
		r = cli(srv, [...base, '--by', 'owner1@example.org', '--rationale', 'Fine', '--expires', dateIn(30)]);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, new RegExp(`risk ${other.id} accepted by owner1@example.org until ${dateIn(30)}`));
		const list = (await api(srv, 'GET', `/api/v1/risks/${other.id}/acceptances`)).json;
		assert.equal(list.current.accepted_by, uid.owner1);
	});

	it('leaves an intact audit chain', () => {
		const r = cli(srv, ['audit', 'verify', '--db', srv.db]);
		assert.equal(r.status, 0, r.stderr);
	});
});
