// Per-record rules: an owner changes only the records they own; an employee
// sees only the incidents they reported (or handle), their own tasks and
// published documents. Checked on the API and on the web pages, which share
// the rule (src/isms/record.c); every refusal is shown to change nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { addUser, api, createToken, etag, startServer } from './harness.mjs';

let srv;
const u = {}; // name -> { token, id }

async function as(who, method, url, body, headers = {}) {
	return api(srv, method, url, { token: u[who].token, body, headers });
}
async function make(who, plural, body) {
	const r = await as(who, 'POST', `/api/v1/${plural}`, body);
	assert.equal(r.status, 201, `${who} create ${plural}: ${r.text}`);
	return r.json;
}
async function ids(who, plural, query = '') {
	const r = await as(who, 'GET', `/api/v1/${plural}?limit=500${query}`);
	assert.equal(r.status, 200, r.text);
	assert.equal(r.json.total, r.json.items.length);
	return r.json.items.map((x) => x.id).sort((a, b) => a - b);
}
async function patch(who, plural, rec, body) {
	return as(who, 'PATCH', `/api/v1/${plural}/${rec.id}`, body, { 'If-Match': etag(rec.version) });
}
async function current(plural, id) {
	return (await api(srv, 'GET', `/api/v1/${plural}/${id}`)).json;
}

before(async () => {
	srv = await startServer();
	u.admin = { token: srv.token };
	for (const [name, role] of [['ann', 'owner'], ['bob', 'owner'], ['eve', 'employee'], ['ed', 'employee'],
		['max', 'isms_manager'], ['aud', 'auditor']]) {
		addUser(srv, `${name}@example.org`, role, `Long-enough-${name}-pw`);
		u[name] = { token: createToken(srv, `${name}@example.org`) };
	}
	for (const v of Object.values(u)) v.id = (await api(srv, 'GET', '/api/v1/me', { token: v.token })).json.id;
});
after(async () => { await srv?.stop(); });

describe('owners change what they own', () => {
	for (const [plural, required] of [['assets', { name: 'Laptop', asset_type: 'hardware' }],
		['risks', { title: 'Phishing' }]]) {
		it(`${plural}: created by an owner, owned by them; another owner is refused; the manager is not`, async () => {
			const mine = await make('ann', plural, required);
			assert.equal(mine.owner, u.ann.id, 'the owner defaults to the creator');
			const before = await ids('admin', plural);
			const r = await as('ann', 'POST', `/api/v1/${plural}`, { ...required, owner: u.bob.id });
			assert.equal(r.status, 403, r.text);
			assert.equal(r.json.code, 'not_yours');
			assert.deepEqual(await ids('admin', plural), before, 'nothing created');

			// ann edits hers
			const ok = await patch('ann', plural, mine, { description: 'Ann edited' });
			assert.equal(ok.status, 200, ok.text);
			// bob may read it but neither change nor archive it
			assert.equal((await as('bob', 'GET', `/api/v1/${plural}/${mine.id}`)).status, 200);
			const no = await patch('bob', plural, ok.json, { description: 'Bob was here' });
			assert.equal(no.status, 403);
			assert.equal(no.json.code, 'not_yours');
			assert.equal((await as('bob', 'DELETE', `/api/v1/${plural}/${mine.id}`)).status, 403);
			// ann cannot hand it over to bob
			const hand = await patch('ann', plural, ok.json, { owner: u.bob.id });
			assert.equal(hand.status, 403, hand.text);
			const now = await current(plural, mine.id);
			assert.equal(now.version, ok.json.version, 'refusals changed nothing');
			assert.equal(now.owner, u.ann.id);
			assert.equal(now.archived, false);
			// the ISMS manager reassigns; then ann is the one refused
			const moved = await patch('max', plural, now, { owner: u.bob.id });
			assert.equal(moved.status, 200, moved.text);
			assert.equal((await patch('ann', plural, moved.json, { description: 'again' })).status, 403);
			assert.equal((await patch('bob', plural, moved.json, { description: 'Bob owns it' })).status, 200);
		});
	}

	it('the web pages follow the same rule: no Edit button, the edit form refused', async () => {
		const theirs = await make('bob', 'assets', { name: 'Bob server', asset_type: 'hardware' });
		const mine = await make('ann', 'assets', { name: 'Ann server', asset_type: 'hardware' });
		const page = (url) => as('ann', 'GET', url);
		const other = await page(`/assets/${theirs.id}`);
		assert.equal(other.status, 200);
		assert.ok(!other.text.includes(`/assets/${theirs.id}/edit`), 'no Edit link on a record not hers');
		assert.match((await page(`/assets/${mine.id}`)).text, new RegExp(`/assets/${mine.id}/edit`));
		const form = await page(`/assets/${theirs.id}/edit`);
		assert.equal(form.status, 403);
		assert.match(form.text, /only the asset records that are yours/);
		assert.equal((await page(`/assets/${mine.id}/edit`)).status, 200);
	});
});

describe('employees see their own incidents', () => {
	let eves, eds;
	before(async () => {
		eves = await make('eve', 'incidents', { title: 'Lost my badge' });
		eds = await make('ed', 'incidents', { title: 'Strange e-mail' });
	});

	it('the reporter is the person reporting, and nobody else', async () => {
		assert.equal(eves.reporter, u.eve.id);
		const before = await ids('admin', 'incidents');
		const r = await as('eve', 'POST', '/api/v1/incidents', { title: 'Framed', reporter: u.ed.id });
		assert.equal(r.status, 403, r.text);
		assert.deepEqual(await ids('admin', 'incidents'), before);
		// a manager may record someone else's report
		const m = await make('max', 'incidents', { title: 'Told by phone', reporter: u.ed.id });
		assert.equal(m.reporter, u.ed.id);
		const own = await make('max', 'incidents', { title: 'Seen myself' });
		assert.equal(own.reporter, u.max.id, 'reporter defaults to the creator for every role');
	});

	it('lists, reads and searches show an employee only their incidents', async () => {
		const eveSees = await ids('eve', 'incidents');
		assert.ok(eveSees.includes(eves.id));
		assert.ok(!eveSees.includes(eds.id));
		for (const id of eveSees) assert.equal((await current('incidents', id)).reporter, u.eve.id);
		assert.deepEqual(await ids('eve', 'incidents', '&q=strange'), []);
		assert.deepEqual(await ids('eve', 'incidents', `&id=${eds.id}`), []);
		const one = await as('eve', 'GET', `/api/v1/incidents/${eds.id}`);
		assert.equal(one.status, 404, 'another person\'s incident does not exist for her');
		assert.equal(one.json.code, 'not_found');
		// auditors and up see all of them
		assert.ok((await ids('aud', 'incidents')).includes(eds.id));
		assert.ok((await ids('ann', 'incidents')).includes(eds.id));
	});

	it('the handler an ISMS manager assigns sees the incident too', async () => {
		const cur = await current('incidents', eds.id);
		assert.equal((await patch('max', 'incidents', cur, { handler: u.eve.id })).status, 200);
		assert.ok((await ids('eve', 'incidents')).includes(eds.id));
		assert.equal((await as('eve', 'GET', `/api/v1/incidents/${eds.id}`)).status, 200);
	});

	it('on the web too: the list and the page', async () => {
		const other = await make('ed', 'incidents', { title: 'Ed only: tailgating' });
		const list = await as('eve', 'GET', '/incidents');
		assert.equal(list.status, 200);
		assert.match(list.text, /Lost my badge/);
		assert.ok(!list.text.includes('Ed only: tailgating'));
		const page = await as('eve', 'GET', `/incidents/${other.id}`);
		assert.equal(page.status, 404);
		assert.ok(!page.text.includes('tailgating'));
	});
});

describe('tasks belong to their owner and whoever assigned them', () => {
	it('an employee sees and completes their own task, not others\'', async () => {
		const t = await make('ann', 'tasks', { title: 'Encrypt laptop', owner: u.eve.id });
		const other = await make('ann', 'tasks', { title: 'Ed task', owner: u.ed.id });
		assert.deepEqual(await ids('eve', 'tasks'), [t.id]);
		assert.equal((await as('eve', 'GET', `/api/v1/tasks/${other.id}`)).status, 404);
		const done = await patch('eve', 'tasks', t, { status: 'done' });
		assert.equal(done.status, 200, done.text);
		assert.equal((await patch('ed', 'tasks', done.json, { status: 'open' })).status, 404);
		// ann assigned it, so she may change it; bob (owner) reads it but may not
		assert.equal((await as('bob', 'GET', `/api/v1/tasks/${t.id}`)).status, 200);
		assert.equal((await patch('bob', 'tasks', done.json, { priority: 'high' })).status, 403);
		const ann = await patch('ann', 'tasks', done.json, { priority: 'high' });
		assert.equal(ann.status, 200, ann.text);
		// an employee cannot hand their task to a colleague
		const hand = await patch('eve', 'tasks', ann.json, { owner: u.ed.id });
		assert.equal(hand.status, 403);
		assert.equal((await current('tasks', t.id)).owner, u.eve.id);
	});
});

describe('documents: employees read what is published', () => {
	// the workflow publishes (documents.test.mjs): max writes and submits, the admin approves
	async function publish(doc) {
		for (const [who, act] of [['max', 'submit'], ['admin', 'approve'], ['max', 'publish']]) {
			const r = await as(who, 'POST', `/api/v1/documents/${doc.id}/${act}`);
			assert.equal(r.status, 200, `${act}: ${r.text}`);
		}
	}
	it('drafts stay with their owner, approver and the roles above', async () => {
		const draft = await make('max', 'documents', { title: 'Draft policy', doc_type: 'policy', body: 'Text' });
		const pub = await make('max', 'documents', { title: 'Published policy', doc_type: 'policy', body: 'Text' });
		await publish(pub);
		const eveDraft = await make('max', 'documents', { title: 'Eve drafts this', doc_type: 'procedure', owner: u.eve.id });
		const seen = await ids('eve', 'documents');
		assert.ok(seen.includes(pub.id));
		assert.ok(seen.includes(eveDraft.id));
		assert.ok(!seen.includes(draft.id));
		assert.equal((await as('eve', 'GET', `/api/v1/documents/${draft.id}`)).status, 404);
		assert.ok((await ids('aud', 'documents')).includes(draft.id));
		// the state is the workflow's: a PATCH cannot publish
		assert.equal((await patch('max', 'documents', draft, { state: 'published' })).status, 400);
		assert.ok(!(await ids('eve', 'documents')).includes(draft.id));
		// publishing makes it visible
		await publish(draft);
		assert.ok((await ids('eve', 'documents')).includes(draft.id));
	});
});
