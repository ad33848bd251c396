// My tasks: everything one person owes anywhere — open tasks they own
// (treatment and corrective actions too), acceptances of their risks
// expiring within 30 days, documents of theirs due for review within 30
// days or past, nonconformities they own still open, incidents they handle
// still open (a breach not yet notified is due at its 72-hour deadline) —
// overdue first, then by due date. The same list over the API, the page, the
// dashboard, the navigation's overdue count and the CLI; only the caller's.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { addPeople, api, assertProblem, cli, dbQuery, startServer } from './harness.mjs';

let srv;
const tok = {};
const uid = {};
const ids = {};
const dateIn = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const isoIn = (hours) => `${new Date(Date.now() + hours * 3_600_000).toISOString().slice(0, 19)}Z`;

async function post(plural, body, token = tok.manager) {
	const r = await api(srv, 'POST', `/api/v1/${plural}`, { body, token });
	assert.equal(r.status, 201, r.text);
	return r.json.id;
}

before(async () => {
	srv = await startServer();
	await addPeople(srv, [['pat', 'owner'], ['sam', 'employee'], ['manager', 'isms_manager']], tok, uid);
	const risk = await post('risks', { title: 'Stolen laptop', likelihood: 2, impact: 2, owner: uid.pat });
	ids.risk = risk;
	// pat's tasks: one overdue treatment action, one corrective action due later, one done, one of someone else
	ids.taskLate = await post('tasks', { title: 'Encrypt disks', risk, owner: uid.pat, due_date: dateIn(-2) });
	ids.nc = await post('nonconformities', { title: 'Unencrypted laptops', owner: uid.pat, severity: 'major', due_date: dateIn(-5) });
	ids.taskCa = await post('tasks', { title: 'Audit the fleet', nonconformity: ids.nc, owner: uid.pat, due_date: dateIn(20), status: 'in_progress' });
	await post('tasks', { title: 'Finished', owner: uid.pat, due_date: dateIn(-9), status: 'done' });
	await post('tasks', { title: 'Sam task', owner: uid.sam, due_date: dateIn(1) });
	await post('nonconformities', {
		title: 'Closed one', owner: uid.pat, status: 'closed', effectiveness_checked_by: uid.manager,
		effectiveness_checked_on: dateIn(0), effectiveness_result: 'effective',
	});
	// documents: review due in 10 days (owed), in 60 days (not yet)
	// (next_review is the workflow's: publication + interval; set here as a publication long ago would)
	ids.doc = await post('documents', { title: 'Mobile device policy', doc_type: 'policy', owner: uid.pat });
	const later = await post('documents', { title: 'Later policy', doc_type: 'policy', owner: uid.pat });
	dbQuery(srv.db, `UPDATE document SET next_review = '${dateIn(10)}' WHERE id = ${ids.doc}`);
	dbQuery(srv.db, `UPDATE document SET next_review = '${dateIn(60)}' WHERE id = ${later}`);
	// an acceptance of pat's risk expiring in 10 days
	const acc = await api(srv, 'POST', `/api/v1/risks/${risk}/acceptances`, {
		token: tok.manager, body: { rationale: 'Cheap devices, little data.', expires_on: dateIn(10) },
	});
	assert.equal(acc.status, 201, acc.text);
	// incidents pat handles: a breach detected an hour ago (notify within 72 h), one without a due date, one resolved
	ids.breach = await post('incidents', { title: 'Customer list mailed out', handler: uid.pat, personal_data_breach: true, detected_at: isoIn(-1) });
	ids.plain = await post('incidents', { title: 'Printer jam', handler: uid.pat, status: 'triaged' });
	await post('incidents', { title: 'Old one', handler: uid.pat, status: 'resolved' });
});
after(async () => { await srv?.stop(); });

const expected = () => [
	['nonconformity', 'Unencrypted laptops', dateIn(-5), true],
	['task', 'Encrypt disks', dateIn(-2), true],
	['incident', 'Customer list mailed out', isoIn(71).slice(0, 10), false],
	['acceptance', 'Stolen laptop', dateIn(10), false],
	['document_review', 'Mobile device policy', dateIn(10), false],
	['task', 'Audit the fleet', dateIn(20), false],
	['incident', 'Printer jam', null, false],
];

describe('my tasks', () => {
	it('GET /api/v1/me/tasks: everything pat owes, overdue first, then by due date', async () => {
		const r = await api(srv, 'GET', '/api/v1/me/tasks', { token: tok.pat });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.today, dateIn(0));
		assert.equal(r.json.total, 7);
		assert.equal(r.json.overdue, 2);
		assert.deepEqual(r.json.items.map((t) => [t.kind, t.title, t.due, t.overdue]), expected());
		const [nc, late, breach, acc, doc, ca] = r.json.items;
		assert.deepEqual(nc, {
			kind: 'nonconformity', label: 'Nonconformity', title: 'Unencrypted laptops', detail: 'Nonconformity, open',
			record_type: 'nonconformity', record_id: ids.nc, url: `/nonconformities/${ids.nc}`, due: dateIn(-5), overdue: true,
		});
		assert.equal(late.detail, 'Treatment action, open');
		assert.equal(ca.detail, 'Corrective action, in progress');
		assert.match(breach.detail, /^Personal-data breach: notify the regulator by \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
		assert.equal(acc.record_type, 'risk');
		assert.equal(acc.record_id, ids.risk);
		assert.equal(doc.url, `/documents/${ids.doc}`);
	});

	it('only the caller\'s items: sam sees only his task; an employee gets no acceptances', async () => {
		const r = await api(srv, 'GET', '/api/v1/me/tasks', { token: tok.sam });
		assert.deepEqual(r.json.items.map((t) => t.title), ['Sam task']);
		assertProblem(await api(srv, 'GET', '/api/v1/me/tasks?user=2', { token: tok.sam }), 400);
		assertProblem(await api(srv, 'GET', '/api/v1/me/tasks', { token: null }), 401);
	});

	it('an item leaves the list when it is done', async () => {
		const cur = await api(srv, 'GET', `/api/v1/tasks/${ids.taskLate}`, { token: tok.pat });
		const r = await api(srv, 'PATCH', `/api/v1/tasks/${ids.taskLate}`, { token: tok.pat, body: { status: 'done' }, headers: { 'If-Match': `"${cur.json.version}"` } });
		assert.equal(r.status, 200, r.text);
		const after = await api(srv, 'GET', '/api/v1/me/tasks', { token: tok.pat });
		assert.equal(after.json.total, 6);
		assert.equal(after.json.overdue, 1);
		const back = await api(srv, 'PATCH', `/api/v1/tasks/${ids.taskLate}`, { token: tok.pat, body: { status: 'open' }, headers: { 'If-Match': `"${r.json.version}"` } });
		assert.equal(back.status, 200, back.text);
	});

	it('the page, the dashboard card and the navigation count', async () => {
		const page = await api(srv, 'GET', '/my-tasks', { token: tok.pat });
		assert.equal(page.status, 200);
		const titles = [...page.text.matchAll(/<th scope="row"><a href="[^"]+">([^<]+)<\/a><\/th>/g)].map((m) => m[1]);
		assert.deepEqual(titles, expected().map((e) => e[1]));
		assert.match(page.text, /7 items, <span class="overdue">2 overdue<\/span>/);
		assert.match(page.text, /<span class="nav-count" title="Overdue" aria-label="2 overdue">2<\/span>/);
		const home = await api(srv, 'GET', '/', { token: tok.pat });
		const card = home.text.slice(home.text.indexOf('id="my-tasks"'));
		const cardTitles = [...card.matchAll(/<th scope="row"><a href="[^"]+">([^<]+)<\/a><\/th>/g)].map((m) => m[1]).slice(0, 5);
		assert.deepEqual(cardTitles, expected().slice(0, 5).map((e) => e[1]));
		assert.match(card, /The first 5 of 7\./);
		const sam = await api(srv, 'GET', '/', { token: tok.sam });
		assert.doesNotMatch(sam.text, /nav-count/);
	});

	it('the CLI: isms task list --mine --as / --user', () => {
		let r = cli(srv, ['task', 'list', '--db', srv.db, '--mine', '--as', 'pat@example.org']);
		assert.equal(r.status, 0, r.stderr);
		const lines = r.stdout.trim().split('\n');
		assert.equal(lines.length, 8);
		assert.deepEqual(lines[0].split('\t').slice(0, 5), [dateIn(-5), 'OVERDUE', 'nonconformity', `nonconformity #${ids.nc}`, 'Unencrypted laptops']);
		assert.equal(lines[7], '7 items owed by pat@example.org, 2 overdue');
		r = cli(srv, ['task', 'list', '--db', srv.db, '--mine', '--user', 'pat@example.org', '--format', 'json']);
		assert.equal(r.status, 0, r.stderr);
		assert.deepEqual(JSON.parse(r.stdout).items.map((t) => [t.kind, t.title, t.due, t.overdue]), expected());
		r = cli(srv, ['task', 'list', '--db', srv.db, '--mine']);
		assert.equal(r.status, 2);
		assert.match(r.stderr, /--as EMAIL or --user EMAIL/);
		r = cli(srv, ['task', 'list', '--db', srv.db, '--mine', '--as', 'nobody@example.org']);
		assert.equal(r.status, 1);
		assert.match(r.stderr, /No user has the e-mail nobody@example.org/);
		r = cli(srv, ['task', 'list', '--db', srv.db, '--user', 'pat@example.org']);
		assert.equal(r.status, 2);
		r = cli(srv, ['task', 'list', '--db', srv.db, '--query', 'owner=' + uid.sam]);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /Sam task/);
	});
});
