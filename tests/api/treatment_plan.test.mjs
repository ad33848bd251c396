// The risk treatment plan: every live risk being modified, shared or
// avoided (not closed) with its actions — tasks naming it — their owner,
// due date, status and control; progress per risk and in total; overdue
// actions and the risks holding them first. The same plan over the API,
// the page and the CLI, and each reader sees only the tasks they may read.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { addPeople, api, cli, startServer } from './harness.mjs';

let srv;
const tok = {};
const uid = {};
const ids = {};
const dateIn = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function post(plural, body, token) {
	const r = await api(srv, 'POST', `/api/v1/${plural}`, token ? { body, token } : { body });
	assert.equal(r.status, 201, r.text);
	return r.json.id;
}

before(async () => {
	srv = await startServer();
	await addPeople(srv, [['auditor', 'auditor'], ['owner1', 'owner'], ['staff', 'employee']], tok, uid);
	ids.control = await post('controls', { title: 'Disk encryption' });
	ids.calm = await post('risks', { title: 'Calm risk', likelihood: 5, impact: 5, treatment: 'modify', owner: uid.owner1 });
	ids.late = await post('risks', { title: 'Late risk', likelihood: 2, impact: 2, treatment: 'share' });
	ids.none = await post('risks', { title: 'No actions', treatment: 'avoid' });
	ids.retained = await post('risks', { title: 'Retained', likelihood: 1, impact: 1, treatment: 'retain' });
	ids.closed = await post('risks', { title: 'Closed', likelihood: 1, impact: 1, treatment: 'modify', status: 'closed' });
	// calm: one done, one open later, one cancelled -> 1 of 2 done = 50 %
	ids.t1 = await post('tasks', { title: 'Encrypt laptops', risk: ids.calm, control: ids.control, owner: uid.owner1, due_date: dateIn(10), status: 'done' });
	ids.t2 = await post('tasks', { title: 'Check backups', risk: ids.calm, owner: uid.staff, due_date: dateIn(20) });
	ids.t3 = await post('tasks', { title: 'Dropped idea', risk: ids.calm, due_date: dateIn(5), status: 'cancelled' });
	// late: one overdue, one not yet due; an overdue but done task is not overdue
	ids.t4 = await post('tasks', { title: 'Sign the contract', risk: ids.late, owner: uid.owner1, due_date: dateIn(30) });
	ids.t5 = await post('tasks', { title: 'Insurance quote', risk: ids.late, owner: uid.owner1, due_date: dateIn(-3), status: 'in_progress' });
	ids.t6 = await post('tasks', { title: 'Old step', risk: ids.late, due_date: dateIn(-9), status: 'done' });
	// a task of a risk outside the plan
	await post('tasks', { title: 'Not in the plan', risk: ids.retained, due_date: dateIn(-1) });
});
after(async () => { await srv?.stop(); });

describe('treatment plan', () => {
	it('lists the treated risks, overdue first, with their actions, progress and totals', async () => {
		const r = await api(srv, 'GET', '/api/v1/risks/plan', { token: tok.auditor });
		assert.equal(r.status, 200, r.text);
		const p = r.json;
		assert.equal(p.today, dateIn(0));
		assert.deepEqual(p.items.map((x) => x.risk.title), ['Late risk', 'Calm risk', 'No actions']);
		assert.deepEqual(p.totals, { risks: 3, actions: 6, done: 2, open: 3, overdue: 1, progress: 40 });
		const [late, calm, none] = p.items;
		assert.deepEqual(late.actions.map((a) => [a.id, a.overdue]), [[ids.t5, true], [ids.t6, false], [ids.t4, false]]);
		assert.equal(late.overdue, 1);
		assert.equal(late.progress, 33);
		assert.equal(late.actions[0].owner, uid.owner1);
		assert.equal(late.actions[0].owner_name, 'owner1');
		assert.equal(late.actions[0].status, 'in_progress');
		assert.equal(late.actions[0].due_date, dateIn(-3));
		assert.equal(calm.progress, 50);
		assert.equal(calm.done, 1);
		assert.equal(calm.actions_total, 3);
		assert.equal(calm.risk.owner_name, 'owner1');
		assert.equal(calm.risk.inherent_level, 'critical');
		const enc = calm.actions.find((a) => a.id === ids.t1);
		assert.equal(enc.control, ids.control);
		assert.equal(enc.control_title, 'Disk encryption');
		assert.deepEqual(none.actions, []);
		assert.equal(none.progress, 0);
	});

	it('follows the tasks\' read rules', async () => {
		// auditors and up read every task (the task type's read scope)
		const r = await api(srv, 'GET', '/api/v1/risks/plan', { token: tok.owner1 });
		assert.equal(r.status, 200, r.text);
		const seen = r.json.items.flatMap((x) => x.actions.map((a) => a.id)).sort((a, b) => a - b);
		assert.deepEqual(seen, [ids.t1, ids.t2, ids.t3, ids.t4, ids.t5, ids.t6].sort((a, b) => a - b));
		// employees, who read only their own tasks, do not read risks: no plan, no risk page
		assert.equal((await api(srv, 'GET', '/risks/plan', { token: tok.staff })).status, 403);
		assert.equal((await api(srv, 'GET', '/api/v1/risks/plan', { token: tok.staff })).status, 403);
	});

	it('the page shows the same plan, overdue marked, and the risk page its actions', async () => {
		let r = await api(srv, 'GET', '/risks/plan', { token: tok.auditor });
		assert.equal(r.status, 200);
		const html = r.text;
		assert.ok(html.indexOf('Late risk') < html.indexOf('Calm risk'), 'overdue risk first');
		assert.match(html, /Insurance quote<\/a><\/th><td>owner1<\/td><td><span class="overdue">[\d-]+ \(overdue\)/);
		assert.match(html, /<span class="stat-label">Overdue<\/span><span class="stat-count">1<\/span>/);
		assert.match(html, /<strong>40%<\/strong> of the actions done/);
		assert.doesNotMatch(html, /Retained|Not in the plan/);
		r = await api(srv, 'GET', `/risks/${ids.calm}`);
		assert.equal(r.status, 200);
		assert.match(r.text, /<h2 id="h-actions">Treatment actions<\/h2>/);
		assert.match(r.text, /<strong>50%<\/strong> done · 3 actions/);
		assert.match(r.text, new RegExp(`<input type="hidden" name="risk" value="${ids.calm}">`));
		assert.match(r.text, /<form method="post" action="\/tasks"/);
	});

	it('isms risk plan prints it', () => {
		const r = cli(srv, ['risk', 'plan', '--db', srv.db]);
		assert.equal(r.status, 0, r.stderr);
		const lines = r.stdout.trim().split('\n');
		assert.equal(lines[0], '3 risks in treatment, 6 actions: 2 done, 3 open, 1 overdue (40% done)');
		assert.match(lines[1], new RegExp(`^risk ${ids.late}\\tLate risk\\tshare\\t33% done\\t1 overdue$`));
		assert.match(lines[2], new RegExp(`^  task ${ids.t5}\\tInsurance quote\\tin_progress\\towner1\\t${dateIn(-3)}\\tOVERDUE$`));
	});
});
