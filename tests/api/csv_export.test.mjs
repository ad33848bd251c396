// CSV export of every register: GET /api/v1/{type}/export.csv and
// isms export. Every row the list would show for the same filters, search
// and sort (more than one page of them), RFC 4180 quoting, a leading
// apostrophe on text a spreadsheet would run as a formula, UTF-8, a header
// row of field names, references also by title (left empty for a type the
// caller may not read), per-record rules, and clear 400s for bad
// parameters.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ENTITIES, addUser, api, assertProblem, cli, create, createToken, dbQuery, startServer } from './harness.mjs';

/** RFC 4180: rows of cells; quoted cells may hold commas, quotes and line breaks. */
function parseCsv(text) {
	const rows = [];
	let row = [];
	let cell = '';
	let quoted = false;
	for (let k = 0; k < text.length; k++) {
		const c = text[k];
		if (quoted) {
			if (c === '"' && text[k + 1] === '"') { cell += '"'; k++; }
			else if (c === '"') quoted = false;
			else cell += c;
		} else if (c === '"') {
			assert.equal(cell, '', `a quote opens a cell only at its start (offset ${k})`);
			quoted = true;
		} else if (c === ',') { row.push(cell); cell = ''; }
		else if (c === '\r' && text[k + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; k++; }
		else {
			assert.notEqual(c, '\n', `a bare line feed outside quotes (offset ${k})`);
			cell += c;
		}
	}
	assert.equal(quoted, false, 'every quote is closed');
	assert.equal(row.length + cell.length, 0, 'the last row ends in CRLF');
	return rows;
}

/** The export as { status, header, rows (objects by header), text, res }. */
async function exportCsv(srv, plural, query = '', token = srv.token) {
	const res = await api(srv, 'GET', `/api/v1/${plural}/export.csv${query}`, { token });
	if (res.status !== 200) return { status: res.status, res };
	const [header, ...rest] = parseCsv(res.text);
	return { status: 200, res, text: res.text, header, rows: rest.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k]]))) };
}

// every reference field of the entity table (FT_REF): its target's title follows it
const REFS = ['area', 'asset', 'control', 'incident', 'nonconformity', 'objective', 'party', 'programme', 'review', 'risk',
	'supplier', 'threat', 'vulnerability'];
// every person field of the entity table (FT_USER): the person's name follows it
const USERS = ['approver', 'assessor', 'chair', 'effectiveness_checked_by', 'handler', 'lead_auditor', 'owner', 'raised_by',
	'reporter'];
function expectedHeader(entity) {
	const cols = ['id'];
	for (const f of ENTITIES[entity].fields) {
		cols.push(f);
		if (REFS.includes(f)) cols.push(`${f}_title`);
		if (ENTITIES[entity].userFields.includes(f) || USERS.includes(f)) cols.push(`${f}_name`);
	}
	return [...new Set(cols), 'archived', 'created_at', 'created_by', 'updated_at', 'updated_by', 'version'];
}

let srv;
const tokens = {};
const ids = {};
before(async () => {
	srv = await startServer();
	for (const role of ['employee', 'auditor', 'owner']) {
		addUser(srv, `${role}@example.org`, role, `Long-enough-${role}-pw`);
		tokens[role] = createToken(srv, `${role}@example.org`);
		ids[role] = (await api(srv, 'GET', '/api/v1/me', { token: tokens[role] })).json.id;
	}
});
after(async () => { await srv?.stop(); });

describe('CSV export', () => {
	it('quotes commas, quotes and line breaks, keeps UTF-8, and sends a CSV download', async () => {
		const tricky = 'Backup "offsite", Zürich – 東京';
		const lines = 'First line, with a comma\r\nsecond "line"\nthird';
		const a = await create(srv, 'asset', { name: tricky, asset_type: 'software', description: lines, location: 'plain' });
		const out = await exportCsv(srv, 'assets', `?id=${a.id}`);
		assert.equal(out.status, 200);
		assert.equal(out.res.headers.get('content-type'), 'text/csv; charset=utf-8');
		assert.match(out.res.headers.get('content-disposition'), /^attachment; filename="assets-\d{4}-\d{2}-\d{2}\.csv"$/);
		assert.ok(out.text.includes(',"Backup ""offsite"", Zürich – 東京",'), out.text);
		assert.ok(out.text.includes(',"First line, with a comma\r\nsecond ""line""\nthird",'), out.text);
		assert.ok(out.text.includes(',plain,'), 'plain text is not quoted');
		assert.equal(out.rows.length, 1);
		assert.equal(out.rows[0].name, tricky);
		assert.equal(out.rows[0].description, lines);
		assert.equal(out.rows[0].location, 'plain');
		assert.equal(out.rows[0].id, String(a.id));
		assert.equal(out.rows[0].archived, 'false');
		assert.equal(out.rows[0].created_by_name, undefined);
	});

	it('puts an apostrophe before text a spreadsheet would run as a formula', async () => {
		const names = ['=1+1', '+SUM(A1:A2)', '-2+3', '@cmd', 'Safe = fine'];
		const made = [];
		for (const name of names) made.push(await create(srv, 'supplier', { name, notes: `=HYPERLINK("http://x","y")` }));
		made.push(await create(srv, 'supplier', { name: 'Tabbed notes', notes: '\tcmd' }));
		const out = await exportCsv(srv, 'suppliers', '?sort=id');
		const byId = Object.fromEntries(out.rows.map((r) => [r.id, r]));
		assert.deepEqual(made.map((m) => byId[m.id].name), ["'=1+1", "'+SUM(A1:A2)", "'-2+3", "'@cmd", 'Safe = fine', 'Tabbed notes']);
		for (const m of made.slice(0, 5)) assert.equal(byId[m.id].notes, `'=HYPERLINK("http://x","y")`);
		assert.equal(byId[made[5].id].notes, "'\tcmd");
		assert.ok(out.text.includes(`,"'=HYPERLINK(""http://x"",""y"")"`), 'the apostrophe inside the quotes');
	});

	it('names every field in the header of every type, and has every row of the list', async () => {
		const asset = await create(srv, 'asset', { name: 'Mail server', asset_type: 'hardware', owner: ids.owner });
		const risk = await create(srv, 'risk', { title: 'Mail outage', asset: asset.id, likelihood: 3, impact: 4, owner: ids.owner });
		await create(srv, 'task', { title: 'Replace the mail server', risk: risk.id, owner: ids.employee });
		await create(srv, 'incident', { title: 'Phishing mail', asset: asset.id });
		for (const [name, ent] of Object.entries(ENTITIES)) {
			await create(srv, name, ent.required);
			const out = await exportCsv(srv, ent.plural);
			assert.equal(out.status, 200, name);
			assert.deepEqual(out.header, expectedHeader(name), `${name}: header`);
			const list = (await api(srv, 'GET', `/api/v1/${ent.plural}?limit=500`)).json;
			assert.equal(out.rows.length, list.total, `${name}: every row`);
			assert.deepEqual(out.rows.map((r) => r.id), list.items.map((r) => String(r.id)), `${name}: the list's default order`);
			for (const r of list.items) {
				const row = out.rows.find((x) => x.id === String(r.id));
				for (const f of ent.fields) {
					const v = r[f];
					const want = v === null ? '' : typeof v === 'boolean' ? String(v) : String(v);
					assert.equal(row[f].replace(/^'/, ''), want, `${name} ${r.id} ${f}`);
				}
			}
		}
		const risks = await exportCsv(srv, 'risks', `?id=${risk.id}`);
		assert.equal(risks.rows[0].asset_title, 'Mail server');
		assert.equal(risks.rows[0].owner_name, 'owner');
		assert.equal(risks.rows[0].inherent_level, 'high');
		assert.equal(risks.rows[0].inherent_score, '12');
	});

	it('applies the filters, search and sort of the list, and archived=true', async () => {
		for (const [k, status] of ['open', 'done', 'open', 'in_progress'].entries()) {
			await create(srv, 'task', { title: `Filter task ${k}`, status, due_date: `2030-01-0${k + 1}` });
		}
		let out = await exportCsv(srv, 'tasks', '?status=open&q=filter%20task&sort=-due_date');
		assert.deepEqual(out.rows.map((r) => r.title), ['Filter task 2', 'Filter task 0']);
		const open = (await api(srv, 'GET', '/api/v1/tasks?status=open&q=filter%20task&sort=-due_date')).json;
		assert.deepEqual(out.rows.map((r) => Number(r.id)), open.items.map((r) => r.id));
		out = await exportCsv(srv, 'tasks', '?q=filter%20task&sort=title');
		assert.deepEqual(out.rows.map((r) => r.title), ['Filter task 0', 'Filter task 1', 'Filter task 2', 'Filter task 3']);

		const gone = await create(srv, 'task', { title: 'Filter task archived' });
		assert.equal((await api(srv, 'DELETE', `/api/v1/tasks/${gone.id}`)).status, 204);
		out = await exportCsv(srv, 'tasks', '?q=filter%20task');
		assert.equal(out.rows.length, 4, 'archived ones only when asked');
		out = await exportCsv(srv, 'tasks', '?q=filter%20task&archived=true');
		assert.equal(out.rows.length, 5);
		assert.equal(out.rows.find((r) => r.id === String(gone.id)).archived, 'true');
	});

	it('exports more than a page of rows, each once, in order', async () => {
		const before = Number(dbQuery(srv.db, 'SELECT COUNT(*) FROM task WHERE archived = 0'));
		const digit = '(SELECT 0 AS x UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)';
		dbQuery(srv.db, `INSERT INTO task (created_at, updated_at, title, status, priority) SELECT '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'Bulk ' || (a.x * 100 + b.x * 10 + c.x), 'open', 'normal' FROM ${digit} a, ${digit} b, ${digit} c, (SELECT 0 AS x UNION ALL SELECT 1) d`);
		const out = await exportCsv(srv, 'tasks', '?sort=id');
		assert.equal(out.rows.length, before + 2000);
		const got = out.rows.map((r) => Number(r.id));
		assert.deepEqual(got, [...got].sort((x, y) => x - y), 'sorted by id');
		assert.equal(new Set(got).size, got.length, 'no row twice');
	});

	it('shows each caller only what they may read, titles included', async () => {
		const mine = await create(srv, 'incident', { title: 'Employee report' }, { token: tokens.employee });
		const out = await exportCsv(srv, 'incidents', '', tokens.employee);
		assert.deepEqual(out.rows.map((r) => r.id), [String(mine.id)], 'an employee sees the incidents they reported');
		const list = (await api(srv, 'GET', '/api/v1/tasks?limit=500', { token: tokens.employee })).json;
		const tasks = await exportCsv(srv, 'tasks', '', tokens.employee);
		assert.equal(tasks.rows.length, list.total);
		const withRisk = tasks.rows.find((r) => r.title === 'Replace the mail server');
		assert.ok(withRisk.risk, 'the reference itself is there');
		assert.equal(withRisk.risk_title, '', 'an employee may not read risks: no title');
		const admin = await exportCsv(srv, 'tasks', `?id=${withRisk.id}`);
		assert.equal(admin.rows[0].risk_title, 'Mail outage');
		assert.equal((await exportCsv(srv, 'risks', '', tokens.employee)).status, 403);
		assert.equal((await exportCsv(srv, 'risks', '', tokens.auditor)).status, 200);
		assertProblem((await api(srv, 'GET', '/api/v1/assets/export.csv', { token: null })), 401);
	});

	it('refuses bad parameters with a clear 400, on every type', async () => {
		for (const ent of Object.values(ENTITIES)) {
			for (const [query, words] of [
				['?limit=5', /Unknown query parameter 'limit': use a field of \w+, q, sort or archived/],
				['?offset=10', /Unknown query parameter 'offset'/],
				['?nope=1', /Unknown query parameter 'nope'/],
				['?sort=nope', /Cannot sort by 'nope'/],
				['?archived=maybe', /archived must be true or false/],
				['?id=x', /Filter id/],
				['?created_at=x', /Unknown query parameter 'created_at'/],
			]) {
				const p = assertProblem(await api(srv, 'GET', `/api/v1/${ent.plural}/export.csv${query}`), 400, `${ent.plural}${query}`);
				assert.match(p.detail, words, `${ent.plural}${query}`);
			}
		}
		const p = assertProblem(await api(srv, 'GET', '/api/v1/risks/export.csv?status=bogus'), 400);
		assert.match(p.detail, /Filter status/);
		assert.equal((await api(srv, 'DELETE', '/api/v1/risks/export.csv')).status, 405);
	});

	it('isms export writes the same CSV, and refuses a bad type, format or query', async () => {
		const api1 = await exportCsv(srv, 'suppliers', '?q=sum&sort=name');
		let r = cli(srv, ['export', '--db', srv.db, '--type', 'suppliers', '--query', 'q=sum&sort=name']);
		assert.equal(r.status, 0, r.stderr);
		assert.equal(r.stdout, api1.text);
		r = cli(srv, ['export', '--db', srv.db, '--type', 'supplier', '--format', 'csv']);
		assert.equal(r.status, 0, r.stderr);
		assert.equal(parseCsv(r.stdout).length - 1, (await api(srv, 'GET', '/api/v1/suppliers?limit=1')).json.total);
		for (const [args, words] of [
			[['--type', 'widgets'], /--type must be a record type: assets threats vulnerabilities risks/],
			[['--type', 'risks', '--format', 'xlsx'], /--format must be csv/],
			[['--type', 'risks', '--query', 'limit=3'], /Unknown query parameter 'limit'/],
			[['--type', 'risks', '--query', 'status=bogus'], /Filter status/],
		]) {
			r = cli(srv, ['export', '--db', srv.db, ...args]);
			assert.equal(r.status, 2, args.join(' '));
			assert.match(r.stderr, words);
			assert.equal(r.stdout, '');
		}
	});
});
