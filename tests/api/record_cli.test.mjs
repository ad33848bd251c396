// The record commands of the CLI (src/cli/cmd_record.c): isms record
// list|show|add|set|archive over every type, and the short forms isms asset
// ... and isms risk .... Their JSON is the API's; the table shows the list
// columns with references by title; the risk rules, the acceptance rule and
// the per-record rules apply (--as); the audit log names the actor; and
// every refused command exits 1 or 2 with a message and changes nothing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import * as h from './harness.mjs';
import { addUser, cli, dbQuery, startServer } from './harness.mjs';

// The commands run with spawnSync, which holds the event loop for as long as
// they run. Once on PostgreSQL on a busy machine the first request after a
// long stretch of commands failed with 'fetch failed' (a kept-alive
// connection past the server's 60 s idle timeout, it seems): let the loop
// turn before each request, so that a socket the server closed is noticed.
const turn = () => new Promise((resolve) => { setTimeout(resolve, 10); });
const api = async (...args) => { await turn(); return h.api(...args); };
const create = async (...args) => { await turn(); return h.create(...args); };
const getRecord = async (...args) => { await turn(); return h.getRecord(...args); };

let srv;
const uid = {}; // e-mail -> user id

const out = (r) => `exit ${r.status}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;
const isms = (...args) => cli(srv, [...args, '--db', srv.db]);
/** Runs a command that must succeed; returns its standard output. */
function ok(...args) {
	const r = isms(...args);
	assert.equal(r.status, 0, out(r));
	assert.equal(r.stderr, '', out(r));
	return r.stdout;
}
const json = (...args) => JSON.parse(ok(...args, '--format', 'json'));

// Everything a refused command must leave alone: the audit log (every change
// appends to it) and each row of the types the commands touch, by id,
// version (every update bumps it), archived flag and time of the last
// change. One query, so that a snapshot costs one process.
const TABLES = ['asset', 'risk', 'control', 'task', 'incident'];
const SNAPSHOT = [
	"SELECT 'audit', count(*), max(id), 0, '' FROM audit_log",
	...TABLES.map((t) => `SELECT '${t}', id, version, archived, updated_at FROM ${t}`),
].join(' UNION ALL ') + ' ORDER BY 1, 2';
const snapshot = () => dbQuery(srv.db, SNAPSHOT);

/** A command that must be refused with exit code status and a message
 * matching re on stderr, printing nothing on stdout and changing nothing. */
function refused(status, re, ...args) {
	const before = snapshot();
	const r = isms(...args);
	assert.equal(r.status, status, out(r));
	assert.match(r.stderr, re, out(r));
	assert.equal(r.stdout, '', out(r));
	assert.deepEqual(snapshot(), before, `isms ${args.join(' ')} changed something`);
	return r;
}

const PW = 'Cli-Rec0rd-Passw0rd';
before(async () => {
	srv = await startServer();
	for (const [email, role] of [['olga@example.org', 'owner'], ['omar@example.org', 'owner'],
		['emil@example.org', 'employee'], ['gone@example.org', 'isms_manager']]) {
		addUser(srv, email, role, PW);
		uid[email] = Number(dbQuery(srv.db, `SELECT id FROM users WHERE email = '${email}'`));
	}
	const r = cli(srv, ['user', 'disable', '--db', srv.db, '--email', 'gone@example.org']);
	assert.equal(r.status, 0, out(r));
});
after(async () => { await srv?.stop(); });

describe('isms record: each command on two types, the API JSON', () => {
	let asset;
	let control;
	let risk;

	it('add creates records and prints the API JSON of the new record', async () => {
		asset = json('asset', 'add', '--json', JSON.stringify({ name: 'Mail server', asset_type: 'software', confidentiality: 3 }));
		assert.equal(asset.name, 'Mail server');
		assert.equal(asset.confidentiality, 3);
		assert.equal(asset.created_by, null, 'the system created it');
		assert.deepEqual(asset, await getRecord(srv, 'asset', asset.id));

		control = json('record', 'add', '--type', 'controls', '--json', JSON.stringify({ title: 'Backups every night' }));
		assert.equal(control.title, 'Backups every night');
		assert.deepEqual(control, await getRecord(srv, 'control', control.id));

		risk = json('record', 'add', '--type', 'risk', '--json',
			JSON.stringify({ title: 'Mail server down', asset: asset.id, likelihood: 3, impact: 4 }));
		assert.equal(risk.inherent_score, 12, 'computed by the database');
		assert.equal(risk.inherent_level, 'high', 'the risk rules ran');
		assert.equal(risk.method_version, 1);
		assert.deepEqual(risk, await getRecord(srv, 'risk', risk.id));
		const links = await api(srv, 'GET', `/api/v1/risks/${risk.id}/links`);
		const assets = links.json.kinds.find((k) => k.kind === 'assets' && k.direction === 'outgoing');
		assert.deepEqual(assets.items.map((x) => x.id), [asset.id], 'the Asset field made its link');
	});

	it('add reads the values from a file and from standard input', async () => {
		const file = path.join(srv.dir, 'task.json');
		fs.writeFileSync(file, JSON.stringify({ title: 'Test the restore', status: 'open' }));
		const fromFile = json('record', 'add', '--type', 'tasks', '--file', file);
		assert.equal(fromFile.title, 'Test the restore');
		assert.deepEqual(fromFile, await getRecord(srv, 'task', fromFile.id));
		const r = spawnSync(srv.bin, ['record', 'add', '--type', 'tasks', '--file', '-', '--format', 'json', '--db', srv.db],
			{ input: JSON.stringify({ title: 'From standard input' }), encoding: 'utf8' });
		assert.equal(r.status, 0, out(r));
		const fromStdin = JSON.parse(r.stdout);
		assert.equal(fromStdin.title, 'From standard input');
		assert.deepEqual(fromStdin, await getRecord(srv, 'task', fromStdin.id));
	});

	it('show prints the API JSON of one record, for either form of the command', async () => {
		assert.deepEqual(json('risk', 'show', '--id', String(risk.id)), await getRecord(srv, 'risk', risk.id));
		assert.deepEqual(json('record', 'show', '--type', 'risks', '--id', String(risk.id)), await getRecord(srv, 'risk', risk.id));
		assert.deepEqual(json('asset', 'show', '--id', String(asset.id)), await getRecord(srv, 'asset', asset.id));
		assert.deepEqual(json('record', 'show', '--type', 'control', '--id', String(control.id)),
			await getRecord(srv, 'control', control.id));
	});

	it('show as a table: one field a line, references by title and id', () => {
		const text = ok('risk', 'show', '--id', String(risk.id));
		const lines = text.trimEnd().split('\n');
		assert.match(lines[0], new RegExp(`^Record: +risk #${risk.id}, version 1$`));
		assert.ok(lines.includes(`Asset:                Mail server (#${asset.id})`), text);
		assert.ok(lines.includes('Inherent score:       12'), text);
		assert.ok(lines.includes('Treatment:            -'), text);
		assert.match(text, /^Created: +\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ by the system$/m);
		const col = lines[0].indexOf('risk #');
		for (const l of lines) assert.equal(l.search(/(?<=: +)\S/), col, `values align: ${JSON.stringify(l)}`);
	});

	it('list --format json is the API list for the same query', async () => {
		await create(srv, 'asset', { name: 'Backup store', asset_type: 'hardware' });
		await create(srv, 'asset', { name: 'Archive room', asset_type: 'site' });
		for (const query of ['', 'sort=name', 'asset_type=software', 'q=backup&limit=1', 'sort=-name&limit=2&offset=1']) {
			const api_ = await api(srv, 'GET', `/api/v1/assets${query ? `?${query}` : ''}`);
			assert.equal(api_.status, 200);
			const args = query ? ['--query', query] : [];
			assert.deepEqual(json('asset', 'list', ...args), api_.json, `query ${query}`);
			assert.deepEqual(json('record', 'list', '--type', 'assets', ...args), api_.json, `query ${query}`);
		}
		const risks = await api(srv, 'GET', '/api/v1/risks?status=identified');
		assert.deepEqual(json('risk', 'list', '--query', 'status=identified'), risks.json);
		assert.equal(risks.json.total, 1);
	});

	it('list as a table: aligned list columns, references by title, a count', async () => {
		const owned = await create(srv, 'risk', { title: 'Phishing', owner: uid['olga@example.org'], likelihood: 1, impact: 1 });
		const text = ok('risk', 'list', '--query', 'sort=title');
		const lines = text.trimEnd().split('\n');
		const head = lines[0];
		const labels = ['ID', 'Title', 'Asset', 'Risk owner', 'Inherent level', 'Treatment', 'Residual level', 'Status', 'Next review'];
		assert.deepEqual(head.split(/ {2,}/), labels, 'the header: id and the list fields');
		const at = labels.map((l) => head.indexOf(l));
		const row = (id) => lines.find((l) => l.startsWith(`${id} `));
		const cells = (l) => at.map((p, i) => l.slice(p, at[i + 1]).trim());
		assert.deepEqual(cells(row(risk.id)),
			[String(risk.id), 'Mail server down', 'Mail server', '-', 'high', '-', '-', 'identified', risk.review_date]);
		assert.deepEqual(cells(row(owned.id)),
			[String(owned.id), 'Phishing', '-', 'olga', 'low', '-', '-', 'identified', owned.review_date]);
		assert.equal(lines.at(-1), '2 risks');
		const paged = ok('risk', 'list', '--query', 'sort=title&limit=1').trimEnd().split('\n');
		assert.equal(paged.length, 3);
		assert.match(paged[1], /^\d+ +Mail server down /);
		assert.match(paged.at(-1), /^1-1 of 2 risks \(--query 'limit=N&offset=N' for others\)$/);
		const past = ok('risk', 'list', '--query', 'offset=5').trimEnd().split('\n');
		assert.deepEqual(past.slice(1), ['none of 2 risks at offset 5']);
	});

	it('set changes the named fields, prints the API JSON, and is audited as the system', async () => {
		const s0 = snapshot();
		const changed = json('risk', 'set', '--id', String(risk.id), '--json', JSON.stringify({ impact: 1 }));
		assert.notEqual(snapshot(), s0, 'the snapshot of refused() sees a change');
		assert.equal(changed.impact, 1);
		assert.equal(changed.likelihood, 3, 'the other fields stay');
		assert.equal(changed.version, 2);
		assert.equal(changed.inherent_score, 3);
		assert.deepEqual(changed, await getRecord(srv, 'risk', risk.id));
		const withVersion = json('record', 'set', '--type', 'controls', '--id', String(control.id), '--if-version', '1',
			'--json', JSON.stringify({ title: 'Backups every night, tested' }));
		assert.equal(withVersion.title, 'Backups every night, tested');
		assert.equal(withVersion.version, 2);
		assert.deepEqual(withVersion, await getRecord(srv, 'control', control.id));
		const entry = (await api(srv, 'GET', `/api/v1/audit?record_type=risk&record_id=${risk.id}&action=update`)).json.items[0];
		assert.equal(entry.actor, null, 'the system acted');
		assert.equal(entry.before.impact, 4);
	});

	it('archive archives; archived records leave the list and refuse a second archive', async () => {
		assert.equal(ok('record', 'archive', '--type', 'controls', '--id', String(control.id), '--if-version', '2'),
			`control #${control.id} archived\n`);
		assert.equal((await getRecord(srv, 'control', control.id)).archived, true);
		assert.equal(json('record', 'list', '--type', 'controls').total, 0);
		assert.equal(json('record', 'list', '--type', 'controls', '--query', 'archived=true').total, 1);
		const a = await create(srv, 'asset', { name: 'Old laptop', asset_type: 'hardware' });
		assert.equal(ok('asset', 'archive', '--id', String(a.id)), `asset #${a.id} archived\n`);
		assert.equal((await getRecord(srv, 'asset', a.id)).archived, true);
		refused(1, /already archived|archived/i, 'asset', 'archive', '--id', String(a.id));
		refused(1, /archived and can no longer be changed/, 'asset', 'set', '--id', String(a.id), '--json', '{"name":"x"}');
	});
});

describe('isms record: the rules of the domain', () => {
	it('a create that the acceptance rule refuses creates nothing', async () => {
		const r = refused(1, /above the risk appetite/, 'risk', 'add', '--json',
			JSON.stringify({ title: 'Closed too early', likelihood: 4, impact: 5, status: 'closed' }));
		assert.match(r.stderr, /^ {2}status: Level \w+ is above the appetite/m, 'the field error is named');
	});

	it('a risk closed under a valid acceptance passes the same rule', async () => {
		const rk = json('risk', 'add', '--json', JSON.stringify({ title: 'Accepted later', owner: uid['olga@example.org'],
			likelihood: 4, impact: 5 }));
		refused(1, /above the risk appetite/, 'risk', 'set', '--id', String(rk.id), '--json', '{"status":"closed"}');
		const exp = new Date(Date.now() + 30 * 864e5).toISOString().slice(0, 10);
		const acc = isms('risk', 'accept', '--id', String(rk.id), '--by', 'olga@example.org', '--rationale', 'Cheaper to bear', '--expires', exp);
		assert.equal(acc.status, 0, out(acc));
		assert.equal(json('risk', 'set', '--id', String(rk.id), '--json', '{"status":"closed"}').status, 'closed');
	});

	it('--as: the role of the user and their per-record rules apply, and the audit log names them', async () => {
		const olga = uid['olga@example.org'];
		const mine = json('risk', 'add', '--as', 'olga@example.org', '--json', JSON.stringify({ title: 'Olga\'s risk', likelihood: 2, impact: 2 }));
		assert.equal(mine.owner, olga, 'the owner defaults to the caller');
		assert.equal(mine.created_by, olga);
		const changed = json('risk', 'set', '--as', 'olga@example.org', '--id', String(mine.id), '--json', '{"impact":1}');
		assert.equal(changed.updated_by, olga);
		const entries = (await api(srv, 'GET', `/api/v1/audit?record_type=risk&record_id=${mine.id}`)).json.items;
		assert.deepEqual(entries.map((x) => [x.action, x.actor]).sort(), [['create', olga], ['update', olga]]);

		const omars = json('risk', 'add', '--as', 'omar@example.org', '--json', JSON.stringify({ title: 'Omar\'s risk' }));
		refused(1, /only the risk records that are yours/, 'risk', 'set', '--as', 'olga@example.org', '--id', String(omars.id),
			'--json', '{"impact":1}');
		refused(1, /only the risk records that are yours/, 'risk', 'archive', '--as', 'olga@example.org', '--id', String(omars.id));
		refused(1, /keep a risk only under your own name/, 'risk', 'add', '--as', 'olga@example.org', '--json',
			JSON.stringify({ title: 'For Omar', owner: uid['omar@example.org'] }));
		refused(1, /emil@example.org is employee: to read risks takes the role auditor or above/, 'risk', 'list', '--as', 'emil@example.org');
		refused(1, /olga@example.org is owner: to create controls takes the role isms_manager or above/, 'record', 'add',
			'--type', 'controls', '--as', 'olga@example.org', '--json', '{"title":"x"}');
		refused(1, /No user has the e-mail nobody@example.org/, 'risk', 'list', '--as', 'nobody@example.org');
		refused(1, /gone@example.org is disabled/, 'risk', 'list', '--as', 'gone@example.org');
		// the manager's list sees both; the system's too
		assert.ok(json('risk', 'list', '--query', 'limit=100').items.some((x) => x.id === omars.id));
	});

	it('--as reads through the per-record read rules: an employee sees only the incidents they reported', async () => {
		const theirs = json('record', 'add', '--type', 'incidents', '--as', 'emil@example.org', '--json', '{"title":"Lost badge"}');
		const other = await create(srv, 'incident', { title: 'Server room door open' });
		const seen = json('record', 'list', '--type', 'incidents', '--as', 'emil@example.org');
		assert.deepEqual(seen.items.map((x) => x.id), [theirs.id]);
		refused(1, /No incident with id/, 'record', 'show', '--type', 'incidents', '--as', 'emil@example.org', '--id', String(other.id));
		assert.equal(json('record', 'show', '--type', 'incidents', '--id', String(other.id)).title, 'Server room door open');
	});
});

describe('isms record: bad input is refused and changes nothing', () => {
	let a;
	before(async () => { a = await create(srv, 'asset', { name: 'Bad input target', asset_type: 'site' }); });

	it('usage errors exit 2', () => {
		const id = String(a.id);
		refused(2, /unknown record type 'gadgets'; --type must be a record type: assets/, 'record', 'list', '--type', 'gadgets');
		refused(2, /--type must be a record type/, 'record', 'show', '--id', id);
		refused(2, /unknown record type/, 'record', 'add', '--type', 'gadget', '--json', '{}');
		refused(2, /--id must be a record id/, 'asset', 'show', '--id', 'x');
		refused(2, /--id must be a record id/, 'asset', 'set', '--json', '{"name":"x"}');
		refused(2, /--id must be a record id/, 'record', 'archive', '--type', 'assets', '--id', '0');
		refused(2, /--format must be table or json/, 'asset', 'show', '--id', id, '--format', 'xml');
		refused(2, /--json is not JSON \(line 1/, 'asset', 'set', '--id', id, '--json', '{"name":');
		refused(2, /--json is not JSON.*duplicate/, 'asset', 'set', '--id', id, '--json', '{"name":"a","name":"b"}');
		refused(2, /--json '\{\.\.\.\}' or --file PATH, one of them/, 'asset', 'add');
		refused(2, /one of them/, 'asset', 'set', '--id', id, '--json', '{}', '--file', '-');
		refused(2, /not JSON/, 'asset', 'add', '--file', path.join(srv.dir, 'no-such-file.json'));
		refused(2, /--if-version must be a version number/, 'asset', 'set', '--id', id, '--if-version', 'v1', '--json', '{"name":"x"}');
		refused(2, /--query: Unknown query parameter 'colour'/, 'asset', 'list', '--query', 'colour=red');
		refused(2, /--query: limit must be a whole number from 1 to 500/, 'record', 'list', '--type', 'risks', '--query', 'limit=501');
		refused(2, /--query: Filter asset_type: /, 'asset', 'list', '--query', 'asset_type=castle');
		refused(2, /unknown option '--type'/, 'risk', 'list', '--type', 'assets');
	});

	it('refusals of the domain exit 1 and name each field', () => {
		const id = String(a.id);
		let r = refused(1, /cannot be written/, 'asset', 'set', '--id', id, '--json', '{"colour":"red","version":3}');
		assert.match(r.stderr, /^ {2}colour: /m);
		assert.match(r.stderr, /^ {2}version: /m);
		r = refused(1, /isms: /, 'asset', 'add', '--json', JSON.stringify({ name: '', asset_type: 'castle', confidentiality: 9 }));
		for (const f of ['name', 'asset_type', 'confidentiality']) assert.match(r.stderr, new RegExp(`^ {2}${f}: `, 'm'), `${f} named`);
		refused(1, /^ {2}name: /m, 'asset', 'add', '--json', '{"asset_type":"site"}');
		refused(1, /must be a JSON object/, 'asset', 'add', '--json', '[1,2]');
		refused(1, /No asset with id 999999/, 'asset', 'show', '--id', '999999');
		refused(1, /No asset with id 999999/, 'asset', 'set', '--id', '999999', '--json', '{"name":"x"}');
		refused(1, /No asset with id 999999/, 'asset', 'archive', '--id', '999999');
		refused(1, /changed by someone else \(now version 1, you had 7\)/, 'asset', 'set', '--id', id, '--if-version', '7',
			'--json', '{"name":"Stale"}');
		refused(1, /changed by someone else/, 'asset', 'archive', '--id', id, '--if-version', '7');
		refused(1, /^ {2}asset: /m, 'risk', 'add', '--json', '{"title":"Dangling","asset":999999}');
		refused(1, /^ {2}likelihood: /m, 'risk', 'add', '--json', '{"title":"Off scale","likelihood":9,"impact":1}');
	});
});
