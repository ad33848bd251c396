// The whole risk cycle of ISO 27001 6.1, walked through the API as the
// people who do it would: an ISMS manager sets a 4 × 4 risk method with
// appetite Medium; an information asset and the service it depends on, whose
// effective protection needs follow; a risk on the service with a catalogue
// threat and vulnerability, owned by a risk owner; a planned control and an
// action task; closing or retaining above the appetite refused until the
// owner accepts (an employee may not); an assessment run; the acceptance
// expiring in housekeeping, the risk back to assessed with a task for its
// owner; the heat maps (API and CLI SVG), the CSV export, the risk's history,
// a second run compared with the first; and an intact audit chain at the end.
// Every value is asserted exactly; every refusal changes nothing.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { addPeople, api, assertFieldError, assertProblem, cli, dbQuery, etag, startServer } from './harness.mjs';

let srv;
const tok = {};
const uid = {};
before(async () => {
	srv = await startServer();
	await addPeople(srv, [['manager', 'isms_manager'], ['owner', 'owner'], ['staff', 'employee']], tok, uid);
});
after(async () => { await srv?.stop(); });

const sql = (q) => dbQuery(srv.db, q);
const count = (q) => Number(sql(q));
const dateIn = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function call(method, url, token, body, headers = {}) {
	return api(srv, method, url, { token, body, headers });
}
async function ok(method, url, token, body, status = 200) {
	const r = await call(method, url, token, body);
	assert.equal(r.status, status, `${method} ${url}: ${r.text}`);
	return r.json;
}
const get = (url, token = tok.manager) => ok('GET', url, token);
const patchRisk = async (id, body, token) => {
	const cur = await get(`/api/v1/risks/${id}`, token);
	return call('PATCH', `/api/v1/risks/${id}`, token, body, { 'If-Match': etag(cur.version) });
};

/** Everything a refused step must leave as it was. */
function snapshot(riskId) {
	return {
		risk: sql(`SELECT version, status, treatment, residual_likelihood, residual_impact FROM risk WHERE id = ${riskId}`),
		acceptances: count('SELECT COUNT(*) FROM risk_acceptance'),
		tasks: count('SELECT COUNT(*) FROM task'),
		audit: count('SELECT COUNT(*) FROM audit_log'),
	};
}

// 4 × 4: the level grows with the sum of the two steps (0-based): up to 1 Low,
// 2 and 3 Medium, 4 and more High. The appetite is Medium.
const steps = (what, names) => names.map((label, k) => ({ value: k + 1, label, description: `${what} ${label.toLowerCase()}` }));
const METHOD = {
	likelihood: steps('Likelihood', ['Rare', 'Possible', 'Likely', 'Frequent']),
	impact: steps('Impact', ['Minor', 'Moderate', 'Major', 'Severe']),
	levels: [
		{ key: 'low', label: 'Low', colour: 'green', review_months: 12 },
		{ key: 'medium', label: 'Medium', colour: 'yellow', review_months: 6 },
		{ key: 'high', label: 'High', colour: 'red', review_months: 3 },
	],
	matrix: Array.from({ length: 4 }, (_, l) => Array.from({ length: 4 }, (_, i) => (l + i <= 1 ? 'low' : l + i <= 3 ? 'medium' : 'high'))),
	appetite: 'medium',
	note: 'Four steps, appetite Medium',
};

describe('the risk cycle', () => {
	const s = {}; // what the steps make, for the later steps

	it('an ISMS manager sets a 4 × 4 risk method with appetite Medium', async () => {
		const m = await ok('PUT', '/api/v1/risk-method', tok.manager, METHOD, 201);
		assert.equal(m.id, 2);
		assert.equal(m.appetite, 'medium');
		assert.deepEqual(m.likelihood.map((x) => x.label), ['Rare', 'Possible', 'Likely', 'Frequent']);
		assert.deepEqual(m.matrix[3], ['medium', 'high', 'high', 'high']);
		assert.equal((await get('/api/v1/risk-method', tok.owner)).id, 2);
		s.method = m;
	});

	it('an information asset depends on a service: the service takes its confidentiality and classification', async () => {
		s.data = await ok('POST', '/api/v1/assets', tok.manager, { name: 'Customer records', asset_type: 'information',
			owner: uid.owner, classification: 'confidential', confidentiality: 4, integrity: 3, availability: 2 }, 201);
		s.service = await ok('POST', '/api/v1/assets', tok.manager, { name: 'CRM service', asset_type: 'service',
			owner: uid.owner, classification: 'internal', confidentiality: 2, integrity: 2, availability: 3 }, 201);
		assert.deepEqual([s.service.effective_confidentiality, s.service.effective_classification], [2, 'internal']);
		const l = await ok('POST', `/api/v1/assets/${s.data.id}/links/depends_on`, tok.manager, { id: s.service.id }, 201);
		const out = l.kinds.find((k) => k.kind === 'depends_on' && k.direction === 'outgoing');
		assert.deepEqual(out.items.map((x) => x.id), [s.service.id]);
		const svc = await get(`/api/v1/assets/${s.service.id}`);
		assert.deepEqual([svc.confidentiality, svc.integrity, svc.availability, svc.classification], [2, 2, 3, 'internal'], 'its own values stay');
		assert.deepEqual([svc.effective_confidentiality, svc.effective_integrity, svc.effective_availability, svc.effective_classification],
			[4, 3, 3, 'confidential']);
		const p = await get(`/api/v1/assets/${s.service.id}/protection`);
		assert.deepEqual(p.confidentiality, { own: 2, effective: 4, from: [{ id: s.data.id, name: 'Customer records' }] });
		assert.deepEqual([p.classification.own, p.classification.effective], ['internal', 'confidential']);
		assert.deepEqual(p.classification.from.map((x) => x.id), [s.data.id]);
	});

	it('a risk on the service, from the catalogues, owned by the risk owner, inherent High', async () => {
		const threat = (await get('/api/v1/threats?q=Ransomware')).items.find((t) => t.name === 'Ransomware');
		const vuln = (await get('/api/v1/vulnerabilities?q=Unpatched')).items.find((v) => v.name === 'Unpatched software');
		assert.ok(threat && vuln, 'the shipped catalogues hold both');
		s.risk = await ok('POST', '/api/v1/risks', tok.manager, {
			title: 'Customer records encrypted by ransomware', asset: s.service.id, threat: threat.id, vulnerability: vuln.id,
			owner: uid.owner, likelihood: 3, impact: 4, status: 'assessed',
			description: 'Ransomware enters through an unpatched CRM server and encrypts the customer records.',
		}, 201);
		assert.deepEqual([s.risk.inherent_score, s.risk.inherent_level, s.risk.method_version, s.risk.owner],
			[12, 'high', 2, uid.owner]);
		assert.deepEqual([s.risk.threat, s.risk.vulnerability, s.risk.asset], [threat.id, vuln.id, s.service.id]);
		assert.equal(s.risk.review_date, (() => { // High: reviewed after 3 months
			const d = new Date(); d.setUTCMonth(d.getUTCMonth() + 3, Math.min(d.getUTCDate(), 28)); return d.toISOString().slice(0, 10);
		})());
		s.threat = threat;
		s.vuln = vuln;
	});

	it('a planned control is linked to the risk', async () => {
		s.control = await ok('POST', '/api/v1/controls', tok.manager, { code: 'A.8.8', title: 'Patch servers within 14 days',
			owner: uid.owner, status: 'planned' }, 201);
		const r = await ok('POST', `/api/v1/risks/${s.risk.id}/links/controls`, tok.owner, { id: s.control.id, relation: 'planned' }, 201);
		const ctl = r.kinds.find((k) => k.kind === 'controls' && k.direction === 'outgoing');
		assert.deepEqual(ctl.items.map((x) => [x.id, x.relation]), [[s.control.id, 'planned']]);
		const assets = r.kinds.find((k) => k.kind === 'assets' && k.direction === 'outgoing');
		assert.deepEqual(assets.items.map((x) => [x.id, x.primary]), [[s.service.id, true]]);
	});

	it('treatment modify with an action task; the residual stays above the appetite', async () => {
		const r = await patchRisk(s.risk.id, { treatment: 'modify', treatment_plan: 'Automate patching of the CRM servers.',
			residual_likelihood: 3, residual_impact: 3, status: 'in_treatment' }, tok.owner);
		assert.equal(r.status, 200, r.text);
		assert.deepEqual([r.json.residual_score, r.json.residual_level, r.json.treatment, r.json.status], [9, 'high', 'modify', 'in_treatment']);
		s.task = await ok('POST', '/api/v1/tasks', tok.owner, { title: 'Roll out automatic patching on the CRM servers',
			owner: uid.owner, risk: s.risk.id, control: s.control.id, due_date: dateIn(30) }, 201);
		assert.deepEqual([s.task.risk, s.task.owner, s.task.status], [s.risk.id, uid.owner, 'open']);
		const plan = await get('/api/v1/risks/plan');
		assert.deepEqual(plan.items.map((x) => [x.risk.id, x.risk.owner, x.risk.residual_level, x.actions_total]),
			[[s.risk.id, uid.owner, 'high', 1]]);
		assert.deepEqual(plan.items[0].actions.map((a) => [a.id, a.title, a.owner, a.status, a.control_title]),
			[[s.task.id, 'Roll out automatic patching on the CRM servers', uid.owner, 'open', 'Patch servers within 14 days']]);
	});

	it('closing or retaining above the appetite is refused, naming the rule, and changes nothing', async () => {
		const before = snapshot(s.risk.id);
		for (const [body, field] of [[{ status: 'closed' }, 'status'], [{ status: 'accepted' }, 'status'], [{ treatment: 'retain' }, 'treatment']]) {
			const p = assertProblem(await patchRisk(s.risk.id, body, tok.owner), 422, JSON.stringify(body));
			const hit = assertFieldError(p, field, 'acceptance');
			assert.match(hit.message, /Level High is above the appetite \(Medium\)/);
		}
		assert.deepEqual(snapshot(s.risk.id), before);
	});

	it('an employee may not accept it; refused, nothing changed', async () => {
		const before = snapshot(s.risk.id);
		const r = await call('POST', `/api/v1/risks/${s.risk.id}/acceptances`, tok.staff,
			{ rationale: 'Looks fine to me.', expires_on: dateIn(90) });
		assertProblem(r, 403);
		assert.deepEqual(snapshot(s.risk.id), before);
	});

	it('the owner accepts with a rationale and an expiry; then closing works', async () => {
		s.expires = dateIn(90);
		const a = await ok('POST', `/api/v1/risks/${s.risk.id}/acceptances`, tok.owner,
			{ rationale: 'Patching is being automated; until then the backups are tested weekly.', expires_on: s.expires }, 201);
		assert.deepEqual([a.state, a.accepted_by, a.accepted_score, a.accepted_level, a.method_version, a.expires_on],
			['valid', uid.owner, 9, 'high', 2, s.expires]);
		s.acceptance = a;
		const r = await patchRisk(s.risk.id, { status: 'closed' }, tok.owner);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'closed');
		// a closed risk leaves the treatment plan
		assert.equal((await get('/api/v1/risks/plan')).items.some((x) => x.risk.id === s.risk.id), false);
	});

	it('an ISMS manager freezes an assessment run holding the closed risk', async () => {
		s.run1 = await ok('POST', '/api/v1/risk-runs', tok.manager, { note: 'Assessment after acceptance' }, 201);
		assert.equal(s.run1.risk_count, 1);
		const run = await get(`/api/v1/risk-runs/${s.run1.id}`);
		assert.deepEqual(run.items.map((i) => [i.risk_id, i.status, i.inherent_level, i.residual_level, i.owner_name, i.asset_name]),
			[[s.risk.id, 'closed', 'high', 'high', 'owner', 'CRM service']]);
	});

	it('the acceptance expires in housekeeping: the risk is assessed again and its owner has a task', async () => {
		sql(`UPDATE risk_acceptance SET expires_on = '${dateIn(-1)}' WHERE id = ${s.acceptance.id}`);
		const run = cli(srv, ['housekeeping', 'run', '--db', srv.db]);
		assert.equal(run.status, 0, run.stderr);
		assert.match(run.stdout, /^acceptance_expiry: [01] acceptances expired$/m); // the server's own thread may be first
		const risk = await get(`/api/v1/risks/${s.risk.id}`);
		assert.deepEqual([risk.status, risk.residual_level, risk.updated_by], ['assessed', 'high', null]);
		const tasks = (await get(`/api/v1/tasks?risk=${s.risk.id}&sort=id`, tok.owner)).items;
		assert.equal(tasks.length, 2);
		assert.equal(tasks[0].id, s.task.id);
		const review = tasks[1];
		assert.deepEqual([review.owner, review.status, review.priority, review.risk], [uid.owner, 'open', 'high', s.risk.id]);
		assert.match(review.title, new RegExp(`^Review risk #${s.risk.id}`));
		s.review = review;
		const ac = await get(`/api/v1/risks/${s.risk.id}/acceptances`);
		assert.deepEqual([ac.current, ac.items[0].state], [null, 'expired']);
		// closing is refused again
		assertFieldError(assertProblem(await patchRisk(s.risk.id, { status: 'closed' }, tok.owner), 422), 'status', 'acceptance');
	});

	it('the heat maps count the risk in its cells (API and CLI SVG)', async () => {
		const inh = await get('/api/v1/risks/heatmap?kind=inherent');
		const res = await get('/api/v1/risks/heatmap?kind=residual');
		assert.deepEqual([inh.method_version, inh.total, inh.off_scale, inh.unscored], [2, 1, 0, 0]);
		assert.deepEqual([res.total, res.off_scale, res.unscored], [1, 0, 0]);
		assert.equal(inh.cells.length, 16);
		const counted = (m) => m.cells.filter((c) => c.count).map((c) => [c.likelihood, c.impact, c.level, c.count]);
		assert.deepEqual(counted(inh), [[3, 4, 'high', 1]]);
		assert.deepEqual(counted(res), [[3, 3, 'high', 1]]);
		const out = path.join(srv.dir, 'cycle-residual.svg');
		const r = cli(srv, ['risk', 'heatmap', '--db', srv.db, '--residual', '--format', 'svg', '--out', out]);
		assert.equal(r.status, 0, r.stderr);
		const svg = fs.readFileSync(out, 'utf8');
		assert.equal((svg.match(/<rect x=/g) || []).length, 16);
		assert.match(svg, />Likelihood Likely \(3\) × impact Major \(3\): 1 risk, level High</);
		assert.equal((svg.match(/: 0 risks, level/g) || []).length, 15, 'every other cell empty');
	});

	it('the CSV export lists the risk with its names', async () => {
		const r = await call('GET', '/api/v1/risks/export.csv', tok.manager);
		assert.equal(r.status, 200, r.text);
		const [head, ...rows] = r.text.trimEnd().split('\r\n');
		const cols = head.split(',');
		assert.equal(rows.length, 1);
		const row = Object.fromEntries(cols.map((c, k) => [c, rows[0].split(',')[k]]));
		assert.deepEqual([row.id, row.title, row.asset_title, row.threat_title, row.vulnerability_title, row.owner_name],
			[String(s.risk.id), 'Customer records encrypted by ransomware', 'CRM service', 'Ransomware', 'Unpatched software', 'owner']);
		assert.deepEqual([row.inherent_score, row.inherent_level, row.residual_score, row.residual_level, row.treatment, row.status],
			['12', 'high', '9', 'high', 'modify', 'assessed']);
	});

	it('the risk\'s history shows each step', async () => {
		const h = await get(`/api/v1/risks/${s.risk.id}/history`, tok.owner);
		assert.deepEqual(h.items.map((p) => [p.action, p.actor_name, p.inherent_level, p.residual_level, p.treatment, p.status]), [
			['create', 'manager', 'high', null, null, 'assessed'],
			['update', 'owner', 'high', 'high', 'modify', 'in_treatment'],
			['update', 'owner', 'high', 'high', 'modify', 'closed'],
			['update', null, 'high', 'high', 'modify', 'assessed'],
		]);
	});

	it('after the action is done, the residual drops; a second run compared with the first shows the change', async () => {
		let r = await call('PATCH', `/api/v1/tasks/${s.task.id}`, tok.owner, { status: 'done' }, { 'If-Match': etag(s.task.version) });
		assert.equal(r.status, 200, r.text);
		r = await patchRisk(s.risk.id, { residual_likelihood: 2, status: 'in_treatment' }, tok.owner);
		assert.equal(r.status, 200, r.text);
		assert.deepEqual([r.json.residual_score, r.json.residual_level], [6, 'medium']);
		s.run2 = await ok('POST', '/api/v1/risk-runs', tok.manager, { note: 'After automatic patching' }, 201);
		const c = await get(`/api/v1/risk-runs/compare?from=${s.run1.id}&to=${s.run2.id}`);
		// closed in the first run and open in the second: reopened, its residual down from High to Medium
		assert.deepEqual(c.counts, { new: 0, reopened: 1, closed: 0, archived: 0, changed: 0, inherent_up: 0, inherent_down: 0,
			residual_up: 0, residual_down: 0, unchanged: 0 });
		assert.deepEqual(c.reopened, [{ risk_id: s.risk.id, title: 'Customer records encrypted by ransomware',
			status_from: 'closed', status_to: 'in_treatment', inherent_from: 'high', inherent_to: 'high', inherent_move: 'same',
			residual_from: 'high', residual_to: 'medium', residual_move: 'down' }]);
		assert.deepEqual(c.new, []);
		const cmp = cli(srv, ['risk', 'run', 'compare', '--db', srv.db, '--from', String(s.run1.id), '--to', String(s.run2.id)]);
		assert.equal(cmp.status, 0, cmp.stderr);
		assert.deepEqual(JSON.parse(cmp.stdout), c);
		const run1 = await get(`/api/v1/risk-runs/${s.run1.id}`);
		assert.deepEqual(run1.items.map((i) => [i.risk_id, i.status, i.residual_level]), [[s.risk.id, 'closed', 'high']]);
		// the history ends with the lowered residual
		const h = await get(`/api/v1/risks/${s.risk.id}/history`);
		assert.deepEqual(h.items.slice(-1).map((p) => [p.residual_score, p.residual_level, p.status]), [[6, 'medium', 'in_treatment']]);
	});

	it('leaves an intact audit chain', () => {
		const r = cli(srv, ['audit', 'verify', '--db', srv.db]);
		assert.equal(r.status, 0, r.stderr);
	});
});
