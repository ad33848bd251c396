// The audit log in the web UI: GET /audit (filters shared with
// GET /api/v1/audit, pages), GET /audit/{id} (before and after, hashes, the
// chain check) and the History section of a record's page. Web pages take
// the bearer token too, so this file reads them as HTML with fetch.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { addUser, api, create, createToken, dbQuery, etag, startServer } from './harness.mjs';

let srv;
const tokens = {};
const users = {};
let task, asset;

async function page(url, role = 'admin') {
	const res = await api(srv, 'GET', url, { token: tokens[role] });
	return res;
}

/** The rows of the first table body, as HTML strings. */
function rows(html) {
	const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html);
	return body ? body[1].split('</tr>').filter((r) => r.includes('<tr')) : [];
}

/** The text of an HTML fragment, tags dropped, entities of the builder decoded. */
function text(html) {
	return html.replace(/<[^>]+>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}

/** "1–50 of 123" -> 123; 0 when the page says nothing matches. */
function total(html) {
	const m = /class="result-count"[^>]*><strong>[^<]*<\/strong> of (\d+)/.exec(html);
	return m ? Number(m[1]) : 0;
}

async function apiTotal(query) {
	const res = await api(srv, 'GET', `/api/v1/audit?${query}`);
	assert.equal(res.status, 200, res.text);
	return res.json.total;
}

before(async () => {
	srv = await startServer();
	tokens.admin = srv.token;
	for (const role of ['employee', 'auditor', 'owner']) {
		const email = `${role}@example.org`;
		addUser(srv, email, role, `Long-enough-${role}-pw`);
		tokens[role] = createToken(srv, email);
		users[role] = (await api(srv, 'GET', '/api/v1/me', { token: tokens[role] })).json;
	}
	task = await create(srv, 'task', { title: 'Patch the mail server' });
	const up = await api(srv, 'PATCH', `/api/v1/tasks/${task.id}`, {
		body: { status: 'done', description: 'All patched' }, headers: { 'If-Match': etag(task.version) },
	});
	assert.equal(up.status, 200, up.text);
	asset = await create(srv, 'asset', { name: '<script>alert(1)</script> laptop', asset_type: 'hardware' });
	await create(srv, 'task', { title: 'Owner task' }, { token: tokens.owner });
});
after(async () => { await srv?.stop(); });

describe('GET /audit', () => {
	it('lists entries newest first and shows an update as old → new', async () => {
		const res = await page('/audit');
		assert.equal(res.status, 200, res.text.slice(0, 500));
		assert.match(res.headers.get('content-type'), /^text\/html/);
		const all = rows(res.text);
		const ids = all.map((r) => Number(/href="\/audit\/(\d+)"/.exec(r)[1]));
		assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first');
		assert.equal(total(res.text), await apiTotal(''));

		const update = all.find((r) => r.includes('>Updated<'));
		assert.ok(update, 'an update row');
		assert.match(text(update), /Status: Open → Done/);
		assert.match(text(update), /Description: empty → All patched/);
		assert.doesNotMatch(text(update), /Version:/, 'system columns are not listed as changes');
		assert.match(update, new RegExp(`href="/tasks/${task.id}">Task #${task.id}</a>`), 'links to the record');
		assert.match(update, new RegExp(`href="/audit\\?actor=1"`), 'the actor links to a filter');
		const created = all.find((r) => r.includes('>Created<') && r.includes(`/tasks/${task.id}"`));
		assert.match(text(created), /“Patch the mail server”/);
	});

	it('shows security events readably', async () => {
		const failed = await api(srv, 'POST', '/api/v1/login', {
			token: null, body: { email: 'owner@example.org', password: 'not the password at all' },
		});
		assert.equal(failed.status, 401);
		const res = await page('/audit?action=login_failed');
		const [row] = rows(res.text);
		assert.match(text(row), /Sign-in failed/);
		assert.match(text(row), /Failed sign-in as owner@example\.org from 127\.0\.0\.1/);
		assert.match(text(row), /Not signed in/);
		const tokensMade = rows((await page('/audit?action=token_create')).text);
		assert.ok(tokensMade.length >= 4);
		assert.match(text(tokensMade[0]), /API token “cli” created \(expires: \d{4}-\d\d-\d\d \d\d:\d\d UTC\)/);
	});

	it('escapes what records contain', async () => {
		const res = await page('/audit?record_type=asset');
		assert.ok(res.text.includes('&lt;script&gt;alert(1)&lt;/script&gt; laptop'));
		assert.ok(!res.text.includes('<script>alert(1)'));
		const entry = await page(`/audit/${(await api(srv, 'GET', '/api/v1/audit?record_type=asset')).json.items[0].id}`);
		assert.ok(entry.text.includes('&lt;script&gt;alert(1)&lt;/script&gt; laptop'));
		assert.ok(!entry.text.includes('<script>alert(1)'));
	});

	it('filters narrow the list exactly as the API does', async () => {
		const today = new Date().toISOString().slice(0, 10);
		const cases = [
			['record_type=task', (r) => /Task #\d+/.test(text(r))],
			[`record_type=task&record_id=${task.id}`, (r) => r.includes(`/tasks/${task.id}"`)],
			['action=update', (r) => r.includes('>Updated<')],
			[`actor=${users.owner.id}`, (r) => r.includes(`/audit?actor=${users.owner.id}"`)],
			[`from=${today}&to=${today}`, () => true],
			['from=2999-01-01', () => false],
			['to=2000-01-01T00:00:00Z', () => false],
		];
		const everything = total((await page('/audit')).text);
		for (const [q, ok] of cases) {
			const res = await page(`/audit?${q}`);
			assert.equal(res.status, 200, `${q}: ${res.text.slice(0, 300)}`);
			const n = total(res.text);
			assert.equal(n, await apiTotal(q), `${q}: the page and the API agree`);
			const found = rows(res.text);
			assert.equal(found.length, n, `${q}: fits on one page`);
			for (const r of found) assert.ok(ok(r), `${q}: row does not match: ${text(r)}`);
			if (q.startsWith('from=2999') || q.startsWith('to=2000')) assert.match(res.text, /No entries match/);
			else if (!q.startsWith('from=')) assert.ok(n > 0 && n < everything, `${q}: narrows (${n} of ${everything})`);
		}
		const owner = rows((await page(`/audit?actor=${users.owner.id}`)).text);
		assert.ok(owner.some((r) => text(r).includes('“Owner task”')));
	});

	it('keeps the filters in the form and offers the actions and record types present', async () => {
		const res = await page(`/audit?record_type=task&action=update&actor=${users.auditor.id}&from=2026-01-01`);
		assert.match(res.text, /<option value="task" selected>Task<\/option>/);
		assert.match(res.text, /<option value="update" selected>Updated<\/option>/);
		assert.match(res.text, new RegExp(`<option value="${users.auditor.id}" selected>auditor \\(auditor@example.org\\)`));
		assert.match(res.text, /<option value="login_failed">Sign-in failed<\/option>/);
		assert.match(res.text, /id="f-from" name="from" value="2026-01-01"/);
		assert.match(res.text, /href="\/audit">Clear<\/a>/);
	});

	it('a bad filter is a 400 page that says what is wrong', async () => {
		for (const [q, msg] of [
			['from=yesterday', /from must be a UTC time/],
			['to=2026-02-30', /to must be a UTC time/],
			['actor=abc', /actor must be a positive whole number/],
			['record_id=0', /record_id must be a positive whole number/],
			['page=0', /The page number must be a whole number/],
			['colour=red', /There is no filter &#39;colour&#39;/],
		]) {
			const res = await page(`/audit?${q}`);
			assert.equal(res.status, 400, q);
			assert.match(res.headers.get('content-type'), /^text\/html/, q);
			assert.match(res.text, /class="notice notice-error" role="alert"/, q);
			assert.match(res.text, msg, q);
			assert.match(res.text, /<form class="filters"/, `${q}: the form is still there to fix it`);
		}
		const bad = await page('/audit?from=%3Cb%3Ex');
		assert.equal(bad.status, 400);
		assert.ok(bad.text.includes('value="&lt;b&gt;x"') && !bad.text.includes('<b>x'), 'the bad value is escaped');
	});

	it('pages through 50 entries at a time, keeping the filters', async () => {
		for (let i = 0; i < 52; i++) await create(srv, 'incident', { title: `Incident ${i}` }, { token: tokens.employee });
		const first = await page('/audit?record_type=incident');
		assert.equal(rows(first.text).length, 50);
		assert.match(text(first.text), /1–50 of 52/);
		assert.match(text(first.text), /Page 1 of 2/);
		assert.match(first.text, /rel="next" href="\/audit\?record_type=incident&amp;page=2"/);
		const second = await page('/audit?record_type=incident&page=2');
		assert.equal(rows(second.text).length, 2);
		assert.match(text(second.text), /51–52 of 52/);
		assert.match(second.text, /rel="prev" href="\/audit\?record_type=incident"/);
		assert.match(text(rows(second.text)[1]), /“Incident 0”/, 'the oldest comes last');
	});
});

describe('GET /audit/{id}', () => {
	let entry;
	before(async () => {
		entry = (await api(srv, 'GET', `/api/v1/audit?record_type=task&record_id=${task.id}&action=update`)).json.items[0];
	});

	it('shows before and after side by side with the changed rows marked', async () => {
		const res = await page(`/audit/${entry.id}`);
		assert.equal(res.status, 200, res.text.slice(0, 300));
		assert.match(res.text, /<h1>Updated<\/h1>/);
		assert.match(res.text, /Before and after/);
		const changed = rows(res.text).filter((r) => r.includes('class="diff-changed"')).map((r) => text(r));
		assert.ok(changed.some((r) => /^Status Changed Open Done$/.test(r)), changed.join(' | '));
		assert.ok(changed.some((r) => /^Description Changed — All patched$/.test(r)), changed.join(' | '));
		assert.ok(changed.some((r) => /^Version Changed 1 2$/.test(r)), changed.join(' | '));
		const same = rows(res.text).filter((r) => !r.includes('diff-changed')).map((r) => text(r));
		assert.ok(same.includes('Title Patch the mail server Patch the mail server'), same.join(' | '));
	});

	it('shows its hash, the previous hash and that they agree', async () => {
		const res = await page(`/audit/${entry.id}`);
		const prev = (await api(srv, 'GET', `/api/v1/audit?limit=1&offset=${(await apiTotal('')) - entry.id + 1}`)).json.items[0];
		assert.equal(prev.id, entry.id - 1);
		assert.ok(res.text.includes(`<code class="hash">${entry.hash}</code>`));
		assert.ok(res.text.includes(`<code class="hash">${prev.hash}</code>`));
		assert.match(res.text, /Hash matches/);
		assert.match(res.text, new RegExp(`href="/audit/${entry.id}\\?verify=1"`));
		const verified = await page(`/audit/${entry.id}?verify=1`);
		assert.equal(verified.status, 200);
		assert.match(verified.text, new RegExp(`The chain from entry #1 to this one verifies: ${entry.id} entries`));
	});

	it('a create has no before, a missing entry is 404, a stray parameter 400', async () => {
		const created = (await api(srv, 'GET', `/api/v1/audit?record_type=task&record_id=${task.id}&action=create`)).json.items[0];
		const res = await page(`/audit/${created.id}`);
		assert.equal(res.status, 200);
		assert.match(res.text, /Nothing came before\./);
		assert.ok(!res.text.includes('diff-changed'));
		const missing = await page('/audit/999999');
		assert.equal(missing.status, 404);
		assert.match(missing.text, /There is no audit entry 999999\./);
		const stray = await page(`/audit/${created.id}?verify=yes`);
		assert.equal(stray.status, 400);
		assert.match(stray.text, /means nothing here/);
	});

	it('an employee is refused both pages', async () => {
		assert.equal((await page('/audit', 'employee')).status, 403);
		assert.equal((await page(`/audit/${entry.id}`, 'employee')).status, 403);
		assert.equal((await page('/audit', 'auditor')).status, 200);
		assert.equal((await page(`/audit/${entry.id}`, 'owner')).status, 200);
	});

	it('an edited row shows as a hash mismatch and breaks the chain check', async () => {
		const sql = `UPDATE audit_log SET after_json = replace(after_json, 'All patched', 'Nothing') WHERE id = ${entry.id}`;
		dbQuery(srv.db, sql);
		const res = await page(`/audit/${entry.id}?verify=1`);
		assert.match(res.text, /Hash mismatch/);
		assert.match(res.text, new RegExp(`The chain is broken at <a href="/audit/${entry.id}">entry #${entry.id}</a>`));
		const earlier = await page(`/audit/${entry.id - 1}?verify=1`);
		assert.match(earlier.text, /Hash matches/);
		assert.match(earlier.text, /verifies/);
	});
});

describe('History on a record page and the navigation', () => {
	it('an auditor and those above see the record history, with a link to all of it', async () => {
		for (const role of ['auditor', 'owner', 'admin']) {
			const res = await page(`/tasks/${task.id}`, role);
			assert.equal(res.status, 200, role);
			assert.match(res.text, /<h2 id="history-title">History<\/h2>/, role);
			assert.match(res.text, new RegExp(`href="/audit\\?record_type=task&amp;record_id=${task.id}">All 2 entries in the audit log`), role);
			const found = rows(res.text.slice(res.text.indexOf('history-title')));
			assert.equal(found.length, 2, role);
			assert.match(text(found[0]), /Updated.*Status: Open → Done/, role);
			assert.match(text(found[1]), /Created.*“Patch the mail server”/, role);
			assert.match(res.text, /<a href="\/audit"[^>]*>.*?<span>Audit log<\/span><\/a>/, `${role}: navigation`);
		}
	});

	it('an employee sees neither the history nor the navigation link', async () => {
		// assets are readable by employees (this task is not theirs: 404)
		assert.equal((await page(`/tasks/${task.id}`, 'employee')).status, 404);
		const res = await page(`/assets/${asset.id}`, 'employee');
		assert.equal(res.status, 200);
		assert.match(res.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt; laptop/);
		assert.ok(!res.text.includes('History'), 'no History section');
		assert.ok(!res.text.includes('href="/audit'), 'no link to the audit log');
	});
});
