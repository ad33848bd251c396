// Documents with versions and acknowledgement (isms/doc_version.h,
// doc_ack.h, doc_template.h, web/markdown.h): templates, the workflow and
// its refusals, a new draft after editing a published document, versions
// and their diff, audiences by group and by role, acknowledgements with
// exact percentages, the rendered body without script, handlers or
// javascript: URLs, and the CLI. Every refusal leaves the document, its
// versions, its acknowledgements and the audit log as they were.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { addUser, api, assertFieldError, assertProblem, cli, createToken, dbQuery, etag, startServer } from './harness.mjs';

let srv;
const u = {}; // name -> { token, id, email }
let staff; // group of emp1 and emp2

const as = (who, method, url, body, headers = {}) => api(srv, method, url, { token: u[who].token, body, headers });
const doc = async (id) => (await api(srv, 'GET', `/api/v1/documents/${id}`)).json;
const act = (who, id, action, body) => as(who, 'POST', `/api/v1/documents/${id}/${action}`, body);
const count = (sql) => Number(dbQuery(srv.db, sql));
/** Everything a refusal must leave as it was. */
const snapshot = async (id) => ({
	doc: await doc(id),
	versions: dbQuery(srv.db, `SELECT number, state, label, body, approver, published_at FROM document_version WHERE document_id = ${id} ORDER BY number`),
	audience: dbQuery(srv.db, `SELECT kind, role, group_id FROM document_audience WHERE document_id = ${id} ORDER BY id`),
	acks: count(`SELECT COUNT(*) FROM document_ack WHERE document_id = ${id}`),
	audit: count('SELECT COUNT(*) FROM audit_log'),
});
async function publish(id, audience) {
	assert.equal((await act('ann', id, 'submit')).status, 200);
	assert.equal((await act('bob', id, 'approve')).status, 200);
	const r = await act('ann', id, 'publish', audience ? { audience } : undefined);
	assert.equal(r.status, 200, r.text);
	return r.json;
}
const toRead = async (who) => (await as(who, 'GET', '/api/v1/me/documents-to-read')).json.items.map((x) => [x.document_id, x.version]);

before(async () => {
	srv = await startServer();
	for (const [name, role] of [['ann', 'isms_manager'], ['bob', 'isms_manager'], ['emp1', 'employee'], ['emp2', 'employee'],
		['emp3', 'employee'], ['aud', 'auditor']]) {
		addUser(srv, `${name}@example.org`, role, `Long-enough-${name}-pw`);
		u[name] = { token: createToken(srv, `${name}@example.org`), email: `${name}@example.org` };
		u[name].id = (await api(srv, 'GET', '/api/v1/me', { token: u[name].token })).json.id;
	}
	staff = (await api(srv, 'POST', '/api/v1/groups', { body: { name: 'Staff' } })).json.id;
	for (const p of ['emp1', 'emp2']) await api(srv, 'POST', `/api/v1/groups/${staff}/members`, { body: { user_id: u[p].id } });
});
after(async () => { await srv?.stop(); });

describe('templates', () => {
	it('lists the seven starter documents, on the API and the CLI', async () => {
		const r = await as('ann', 'GET', '/api/v1/document-templates');
		assert.deepEqual(r.json.items.map((t) => t.key), ['information-security-policy', 'acceptable-use', 'access-control',
			'incident-management', 'backup', 'supplier-security', 'classification-handling']);
		const c = cli(srv, ['document', 'templates', '--db', srv.db]);
		assert.equal(c.status, 0, c.stderr);
		assert.equal(c.stdout.trim().split('\n').length, 7);
		assert.match(c.stdout, /^backup\tpolicy\tBackup policy$/m);
		assert.equal((await as('emp1', 'GET', '/api/v1/document-templates')).status, 403);
	});

	it('makes a draft from one; an unknown key is refused and creates nothing', async () => {
		const before = count('SELECT COUNT(*) FROM document');
		const bad = await as('ann', 'POST', '/api/v1/documents/from-template', { template: 'nope' });
		assertFieldError(assertProblem(bad, 422), 'template', 'unknown');
		assert.match(bad.json.errors[0].message, /information-security-policy/);
		assert.equal(count('SELECT COUNT(*) FROM document'), before);
		const r = await as('ann', 'POST', '/api/v1/documents/from-template', { template: 'access-control', title: 'Access at Acme' });
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.title, 'Access at Acme');
		assert.equal(r.json.doc_type, 'policy');
		assert.equal(r.json.state, 'draft');
		assert.equal(r.json.version_number, 1);
		assert.match(r.json.body, /^# Access control policy\n/);
		assert.match(r.json.body, /\[organisation name\]|\[named roles\]/);
		const v = (await as('ann', 'GET', `/api/v1/documents/${r.json.id}/versions`)).json;
		assert.deepEqual(v.items.map((x) => [x.number, x.state, x.label]), [[1, 'draft', '0.1']]);
		const c = cli(srv, ['document', 'new', '--template', 'backup', '--as', u.ann.email, '--db', srv.db]);
		assert.equal(c.status, 0, c.stderr);
		assert.equal(count('SELECT COUNT(*) FROM document'), before + 2);
	});
});

describe('the workflow', () => {
	let id;
	before(async () => {
		id = (await as('ann', 'POST', '/api/v1/documents', { title: 'Passwords', doc_type: 'policy', body: 'a\nb\nc' })).json.id;
	});

	it('refuses publishing without approval, naming the rule, and changes nothing', async () => {
		const snap = await snapshot(id);
		const r = await act('ann', id, 'publish');
		assertProblem(r, 422);
		assert.equal(r.json.code, 'not_approved');
		assert.match(r.json.detail, /approved/);
		assertFieldError(r.json, 'state', 'not_approved');
		assert.deepEqual(await snapshot(id), snap);
		// nor can a PATCH set the state
		const p = await as('ann', 'PATCH', `/api/v1/documents/${id}`, { state: 'published' }, { 'If-Match': etag(snap.doc.version) });
		assertFieldError(assertProblem(p, 400), 'state', 'read_only');
		assert.deepEqual(await snapshot(id), snap);
	});

	it('goes draft, in review, approved, published; the author cannot approve, nor an employee', async () => {
		let r = await act('ann', id, 'submit');
		assert.equal(r.json.state, 'in_review');
		const snap = await snapshot(id);
		r = await act('ann', id, 'approve');
		assertProblem(r, 403);
		assert.equal(r.json.code, 'own_version');
		assert.equal((await act('emp1', id, 'approve')).status, 403);
		assert.equal((await act('bob', id, 'submit')).status, 409);
		assert.deepEqual(await snapshot(id), snap);
		r = await act('bob', id, 'approve');
		assert.equal(r.json.state, 'approved');
		assert.equal(r.json.approver, u.bob.id);
		assert.equal(r.json.approved_at, new Date().toISOString().slice(0, 10));
		r = await act('ann', id, 'publish', { audience: { groups: [staff] } });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.state, 'published');
		assert.equal(r.json.published_version, 1);
		const next = new Date();
		next.setUTCMonth(next.getUTCMonth() + 12);
		assert.equal(r.json.next_review.slice(0, 7), next.toISOString().slice(0, 7));
		const actions = (await api(srv, 'GET', `/api/v1/audit?record_type=document&record_id=${id}&limit=50`)).json.items.map((e) => e.action);
		for (const a of ['document_submit', 'document_approve', 'document_publish']) assert.ok(actions.includes(a), a);
	});

	it('asks the group to acknowledge: exact counts, refusals change nothing', async () => {
		assert.deepEqual(await toRead('emp1'), [[id, 1]]);
		assert.deepEqual(await toRead('emp3'), []);
		// a source of my tasks (isms/my_tasks.c)
		const tasks = (await as('emp1', 'GET', '/api/v1/me/tasks')).json.items.filter((t) => t.kind === 'document_ack');
		assert.deepEqual(tasks.map((t) => [t.record_id, t.title, t.detail]), [[id, 'Passwords', 'To read and acknowledge: version 1, 0.1']]);
		const snap = await snapshot(id);
		let r = await act('emp3', id, 'acknowledge');
		assertProblem(r, 403);
		assert.equal(r.json.code, 'not_in_audience');
		r = await act('emp1', id, 'acknowledge', { version: 2 });
		assertProblem(r, 409);
		assert.equal(r.json.code, 'old_version');
		assert.deepEqual(await snapshot(id), snap);
		r = await act('emp1', id, 'acknowledge');
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.version, 1);
		const snap2 = await snapshot(id);
		assert.equal(snap2.acks, 1);
		assert.equal((await act('emp1', id, 'acknowledge')).json.code, 'already_acknowledged');
		assert.deepEqual(await snapshot(id), snap2);
		assert.deepEqual(await toRead('emp1'), []);
		const rep = (await as('ann', 'GET', `/api/v1/documents/${id}/acknowledgements`)).json;
		assert.deepEqual([rep.version, rep.expected, rep.acknowledged, rep.percent], [1, 2, 1, 50]);
		assert.deepEqual(rep.people.map((p) => [p.email, Boolean(p.acknowledged_at)]), [['emp2@example.org', false], ['emp1@example.org', true]]);
		assert.deepEqual(rep.audience.groups.map((g) => g.name), ['Staff']);
		assert.equal((await as('emp1', 'GET', `/api/v1/documents/${id}/acknowledgements`)).status, 403);
		// the CLI acknowledges as emp2: 100 %
		const c = cli(srv, ['document', 'acknowledge', '--id', String(id), '--as', u.emp2.email, '--db', srv.db]);
		assert.equal(c.status, 0, c.stderr);
		const c2 = cli(srv, ['document', 'acknowledgements', '--id', String(id), '--db', srv.db]);
		assert.match(c2.stdout, /^version 1: 2 of 2 acknowledged \(100%\)$/m);
	});

	it('editing the published document starts version 2; readers keep version 1', async () => {
		const cur = await doc(id);
		const r = await as('ann', 'PATCH', `/api/v1/documents/${id}`, { body: 'a\nB\nc\nd' }, { 'If-Match': etag(cur.version) });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual([r.json.state, r.json.version_number, r.json.published_version, r.json.version_label], ['draft', 2, 1, '0.2']);
		const mine = (await as('ann', 'GET', `/api/v1/documents/${id}/versions`)).json.items;
		assert.deepEqual(mine.map((v) => [v.number, v.state]), [[2, 'draft'], [1, 'published']]);
		const theirs = (await as('emp1', 'GET', `/api/v1/documents/${id}/versions`)).json.items;
		assert.deepEqual(theirs.map((v) => v.number), [1]);
		assert.equal((await as('emp1', 'GET', `/api/v1/documents/${id}/versions/2`)).status, 404);
		assert.equal((await as('emp1', 'GET', `/api/v1/documents/${id}/versions/1`)).json.body, 'a\nb\nc');
		const page = await as('emp1', 'GET', `/documents/${id}`);
		assert.equal(page.status, 200);
		assert.match(page.text, /<p>a\nb\nc<\/p>/);
		assert.doesNotMatch(page.text, /<p>a\nB/);
		const diff = (await as('ann', 'GET', `/api/v1/documents/${id}/diff?from=1&to=2`)).json;
		assert.deepEqual(diff.lines.map((l) => l.op + l.text), [' a', '-b', '+B', ' c', '+d']);
		assert.deepEqual([diff.added, diff.removed], [2, 1]);
		const diffPage = await as('ann', 'GET', `/documents/${id}/diff?from=1&to=2`);
		assert.match(diffPage.text, /<tr class="line-del"><td>2<\/td><td><\/td><td>−<\/td><td><code>b<\/code>/);
		assert.match(diffPage.text, /<tr class="line-add"><td><\/td><td>4<\/td><td>\+<\/td><td><code>d<\/code>/);
		assertProblem(await as('ann', 'GET', `/api/v1/documents/${id}/diff?from=x`), 400);
		assertProblem(await as('ann', 'GET', `/api/v1/documents/${id}/diff?since=1`), 400);
		assertProblem(await as('ann', 'GET', `/api/v1/documents/${id}/diff?from=9`), 404);
	});

	it('publishing version 2 asks again and supersedes version 1', async () => {
		await publish(id);
		assert.deepEqual(await toRead('emp1'), [[id, 2]]);
		const rep = (await as('ann', 'GET', `/api/v1/documents/${id}/acknowledgements`)).json;
		assert.deepEqual([rep.version, rep.expected, rep.acknowledged, rep.percent], [2, 2, 0, 0]);
		const v = (await as('ann', 'GET', `/api/v1/documents/${id}/versions`)).json.items;
		assert.deepEqual(v.map((x) => [x.number, x.state]), [[2, 'published'], [1, 'superseded']]);
		assert.equal((await act('emp1', id, 'acknowledge', { version: 1 })).json.code, 'old_version');
	});

	it('retiring withdraws it from readers', async () => {
		assert.equal((await act('ann', id, 'retire')).json.state, 'retired');
		assert.deepEqual(await toRead('emp1'), []);
		assert.equal((await as('emp1', 'GET', `/api/v1/documents/${id}`)).status, 404);
		assert.equal((await act('ann', id, 'retire')).status, 409);
	});
});

describe('audience by role', () => {
	it('asks exactly the people of the roles named', async () => {
		const id = (await as('ann', 'POST', '/api/v1/documents', { title: 'Audit charter', doc_type: 'standard', body: 'x' })).json.id;
		const bad = await (async () => {
			await act('ann', id, 'submit');
			await act('bob', id, 'approve');
			const snap = await snapshot(id);
			const r = await act('ann', id, 'publish', { audience: { roles: ['auditor', 'wizard'] } });
			assert.deepEqual(await snapshot(id), snap);
			return r;
		})();
		assertFieldError(assertProblem(bad, 422), 'roles', 'unknown_role');
		assert.equal((await act('ann', id, 'publish', { audience: { groups: [99999] } })).status, 422);
		assert.equal((await act('ann', id, 'publish', { audience: { roles: ['auditor'] }, extra: 1 })).status, 400);
		const r = await act('ann', id, 'publish', { audience: { roles: ['auditor'] } });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(await toRead('aud'), [[id, 1]]);
		assert.deepEqual(await toRead('emp1'), []);
		const rep = (await as('aud', 'GET', `/api/v1/documents/${id}/acknowledgements`)).json;
		assert.deepEqual([rep.expected, rep.acknowledged, rep.percent], [1, 0, 0]);
	});
});

describe('the rendered body', () => {
	it('keeps tables, strikethrough and task lists, drops script, handlers and javascript: URLs', async () => {
		const body = [
			'# Title', '', '| a | b |', '|---|:-:|', '| 1 | 2 |', '', '~~old~~ new', '', '- [x] done', '- [ ] to do', '',
			'<script>alert(1)</script>', '', '<img src=x onerror=alert(2)>', '', '[click](javascript:alert(3))', '',
			'[ent](&#106;avascript:alert(4))', '', '<iframe src="https://evil.example"></iframe>', '',
			'[data](data:text/html;base64,PHNjcmlwdD4=)', '', '![pic](javascript:alert(5))', '',
			'<a href="javascript:alert(6)" onclick="x()">raw</a>', '', 'https://example.org/ok', '',
		].join('\n');
		const id = (await as('ann', 'POST', '/api/v1/documents', { title: 'Hostile', doc_type: 'record', body })).json.id;
		const page = await as('ann', 'GET', `/documents/${id}`);
		assert.equal(page.status, 200);
		const html = page.text.slice(page.text.indexOf('<div class="markdown">'));
		const md = html.slice(0, html.indexOf('</div>'));
		assert.match(md, /<table>/);
		assert.match(md, /<th align="center">b<\/th>/);
		assert.match(md, /<del>old<\/del>/);
		assert.match(md, /<li><input type="checkbox" checked="" disabled=""> done<\/li>/);
		assert.match(md, /<li><input type="checkbox" disabled=""> to do<\/li>/);
		assert.match(md, /<a href="https:\/\/example.org\/ok">/);
		for (const bad of [/<script/i, /onerror/i, /onclick/i, /javascript:/i, /<iframe/i, /data:text/i, /&#106;/])
			assert.doesNotMatch(md, bad, String(bad));
		// the whole page has no inline script either
		assert.doesNotMatch(page.text, /<script(?![^>]*src=)/i);
	});
});
