// isms backup FILE / isms restore FILE: a snapshot of everything kept,
// restored on either engine (SQLite -> SQLite and PostgreSQL, PostgreSQL ->
// SQLite and PostgreSQL: the source is ENGINE, the targets are SQLite and,
// when a cluster is at hand, PostgreSQL). After a restore the audit chain
// verifies and every table reads row by row as the source's; the restored
// database serves (tokens, second factors, new ids after the restored ones).
// A damaged or unknown file, or a target that is not empty, is refused with
// a clear message and changes nothing.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import {
	ADMIN_EMAIL, ADMIN_PASSWORD, ENGINE, PG_AVAILABLE, api, cli, copyDb, create, createToken, dbQuery, emptyDb,
	etag, login, serveDb, startServer,
} from './harness.mjs';
import { downgrade } from './schema_undo.mjs';
import { nextCode } from './totp.mjs';

const TARGETS = ['sqlite', ...(PG_AVAILABLE ? ['postgres'] : [])];

let srv;
let file; // the backup of the populated source
let data; // what populate() made
const out = (r) => `exit ${r.status}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;
const isPg = (db) => /^postgres/.test(db);

function tablesOf(db) {
	return dbQuery(db, isPg(db)
		? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"
		: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1").split('\n').filter(Boolean);
}

const count = (db, table) => Number(dbQuery(db, `SELECT COUNT(*) FROM ${table}`));
const readLines = (f) => fs.readFileSync(f, 'utf8').split('\n').filter(Boolean);

/** Records of every type, users, tokens, settings, a second factor,
 * a session and a throttled login, all made through the API. */
async function populate() {
	const asset = await create(srv, 'asset', {
		name: 'Payroll database', asset_type: 'information', confidentiality: 3,
		description: 'Quotes " and \\ backslashes,\nnew lines, tabs\t, ünïcødé ✓ and 日本語',
	});
	const risk = await create(srv, 'risk', { title: 'Ransomware', asset: asset.id, likelihood: 4, impact: 5,
		residual_likelihood: 2, residual_impact: 3 });
	const control = await create(srv, 'control', { code: 'A.8.13', title: 'Backups' });
	await create(srv, 'document', { title: 'Backup policy', doc_type: 'policy', body: '# Policy\n\n1. Daily.' });
	const incident = await create(srv, 'incident', { title: 'Disk lost', asset: asset.id, personal_data_breach: true });
	const supplier = await create(srv, 'supplier', { name: 'Tape vault Ltd' });
	await create(srv, 'task', { title: 'Test a restore', risk: risk.id, control: control.id, incident: incident.id });
	const threat = await create(srv, 'threat', { name: 'Criminals', family: 'malicious', confidentiality: true });
	let r = await api(srv, 'PATCH', `/api/v1/risks/${risk.id}`, { body: { threat: threat.id }, headers: { 'If-Match': etag(risk.version) } });
	assert.equal(r.status, 200, r.text);
	const levels = (await api(srv, 'GET', '/api/v1/classification')).json.levels;
	r = await api(srv, 'PUT', '/api/v1/classification', { body: { levels: [...levels,
		{ key: 'secret', label: 'Secret', rank: 9, colour: 'purple', handling: { store: 'In the safe' } }] } });
	assert.equal(r.status, 200, r.text);
	r = await api(srv, 'DELETE', `/api/v1/suppliers/${supplier.id}`, { headers: { 'If-Match': etag(supplier.version) } });
	assert.ok(r.status < 300, r.text);
	r = await api(srv, 'POST', '/api/v1/risk-runs', { body: { note: 'Before the backup' } }); // a run and its items
	assert.equal(r.status, 201, r.text);

	const ida = { email: 'ida@example.org', password: 'Ida-has-a-long-password' };
	r = await api(srv, 'POST', '/api/v1/users', { body: { ...ida, name: 'Ida Berg', role: 'owner' } });
	assert.equal(r.status, 201, r.text);
	r = await api(srv, 'POST', '/api/v1/users', { body: { email: 'otto@example.org', name: 'Otto', role: 'auditor' } });
	assert.equal(r.status, 201, r.text);
	r = await api(srv, 'PATCH', `/api/v1/users/${r.json.id}`, { body: { disabled: true } });
	assert.equal(r.status, 200, r.text);

	const idaToken = createToken(srv, ida.email);
	r = await api(srv, 'POST', '/api/v1/me/mfa/start', { token: idaToken });
	assert.equal(r.status, 200, r.text);
	const device = { secret: r.json.secret, last: 0 };
	r = await api(srv, 'POST', '/api/v1/me/mfa/confirm', { token: idaToken, body: { code: await nextCode(device) } });
	assert.equal(r.status, 200, r.text);
	ida.recovery = r.json.recovery_codes;

	r = await api(srv, 'POST', '/api/v1/me/tokens', { body: { name: 'ci', days: 30 } });
	assert.equal(r.status, 201, r.text);
	const ciToken = r.json.token;
	r = await api(srv, 'PATCH', '/api/v1/settings', { body: { session_idle_minutes: 45 } });
	assert.equal(r.status, 200, r.text);
	assert.equal((await login(srv, ADMIN_EMAIL, ADMIN_PASSWORD)).res.status, 200);
	assert.equal((await login(srv, 'otto@example.org', 'not-his-password-at-all')).res.status, 401);
	return { ida, ciToken };
}

/** Every table reads the same in both, row by row; left-out ones are empty in the target.
 * The target's audit log has one entry more, the restore's own, and its head points to it. */
function assertSameContent(source, target, leftOut) {
	assert.deepEqual(tablesOf(target), tablesOf(source), 'the same tables');
	for (const t of tablesOf(source)) {
		if (leftOut.includes(t)) {
			assert.equal(count(target, t), 0, `${t} is left out`);
		} else if (t === 'schema_migrations') {
			const q = 'SELECT version, name FROM schema_migrations ORDER BY 1';
			assert.equal(dbQuery(target, q), dbQuery(source, q), 'the same migrations');
		} else if (t === 'audit_head') {
			assert.equal(dbQuery(target, 'SELECT last_id FROM audit_head'), String(count(source, 'audit_log') + 1));
		} else if (t === 'audit_log') {
			const q = `SELECT * FROM audit_log WHERE id <= ${count(source, 'audit_log')} ORDER BY 1`;
			assert.equal(dbQuery(target, q), dbQuery(source, q), 'audit_log row by row');
		} else {
			const q = `SELECT * FROM ${t} ORDER BY 1`;
			assert.equal(dbQuery(target, q), dbQuery(source, q), `table ${t} row by row`);
		}
	}
}

function restore(target, f = file) {
	return cli(srv, ['restore', f, '--db', target]);
}

/** The target is as it was: no file for SQLite, no table for PostgreSQL. */
function assertUntouched(target) {
	if (isPg(target)) assert.deepEqual(tablesOf(target), [], `${target} has no table`);
	else assert.equal(fs.existsSync(target), false, `${target} was not left behind`);
}

before(async () => {
	srv = await startServer();
	data = await populate();
	file = path.join(srv.dir, 'backup.jsonl');
	const t0 = Date.now();
	const r = cli(srv, ['backup', file, '--db', srv.db]);
	assert.equal(r.status, 0, out(r));
	console.log(`# backup on ${ENGINE}: ${fs.statSync(file).size} bytes, ${Date.now() - t0} ms: ${r.stdout.trim()}`);
});
after(async () => { await srv?.stop(); });

describe('isms backup', () => {
	it('is audited before its snapshot, so the file holds the entry of its own making', () => {
		const lines = readLines(file);
		const audit = lines.findIndex((l) => l.startsWith('{"table":"audit_log"'));
		const head = JSON.parse(lines[audit]);
		const cols = head.columns;
		const last = JSON.parse(lines[audit + head.rows]);
		assert.equal(last[cols.indexOf('action')], 'backup');
		assert.equal(last[cols.indexOf('record_type')], 'database');
		assert.deepEqual(JSON.parse(last[cols.indexOf('after_json')]), { file });
		assert.equal(dbQuery(srv.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'backup'"), '1');
	});

	it('writes the header, every kept table and the end line; every table of the schema is kept or named as left out', () => {
		const lines = readLines(file).map((l) => JSON.parse(l));
		const head = lines[0];
		assert.equal(head.format, 'isms-backup');
		assert.equal(head.format_version, 1);
		assert.equal(head.engine, ENGINE);
		assert.deepEqual(head.migrations, dbQuery(srv.db, 'SELECT version FROM schema_migrations ORDER BY 1').split('\n').map(Number));
		assert.deepEqual(head.left_out.sort(), ['login_throttle', 'login_tickets', 'sessions']);
		const sections = lines.filter((l) => l.table);
		const kept = sections.map((s) => s.table);
		assert.deepEqual([...kept, ...head.left_out, 'schema_migrations'].sort(), tablesOf(srv.db),
			'each table of the database is in the file, left out by name, or the header\'s migrations');
		for (const s of sections) assert.equal(s.rows, count(srv.db, s.table), `${s.table}: rows`);
		assert.ok(!sections.find((s) => s.table === 'risk').columns.includes('inherent_score'), 'generated columns are not written');
		assert.deepEqual(lines.at(-1), { end: 'isms-backup', tables: sections.length, rows: sections.reduce((n, s) => n + s.rows, 0) });
		assert.equal(fs.statSync(file).mode & 0o077, 0, 'readable by its owner only');
	});

	it('refuses a database with a table it does not know, and writes no file', () => {
		const copy = copyDb(srv, 'extra_table');
		dbQuery(copy, 'CREATE TABLE extra_things (id INTEGER PRIMARY KEY)');
		const f = path.join(srv.dir, 'extra.jsonl');
		const r = cli(srv, ['backup', f, '--db', copy]);
		assert.equal(r.status, 1, out(r));
		assert.match(r.stderr, /extra_things is not in the backup's table list/);
		assert.equal(fs.existsSync(f), false);
		assert.deepEqual(fs.readdirSync(srv.dir).filter((n) => n.includes('.tmp-')), [], 'no temporary file left');
	});
});

describe('isms restore', () => {
	const restored = {};
	for (const engine of TARGETS) {
		it(`${ENGINE} -> ${engine}: the audit chain verifies and every table reads as the source's`, () => {
			const target = emptyDb(srv, `restored_${engine}`, engine);
			const t0 = Date.now();
			const r = restore(target);
			assert.equal(r.status, 0, out(r));
			console.log(`# restore ${ENGINE} -> ${engine}: ${Date.now() - t0} ms`);
			const entries = count(srv.db, 'audit_log');
			assert.match(r.stdout, new RegExp(`audit log intact: ${entries} entries`));
			const v = cli(srv, ['audit', 'verify', '--db', target]);
			assert.equal(v.status, 0, out(v));
			assert.match(v.stdout, new RegExp(`intact: ${entries + 1} entries`));
			const action = dbQuery(target, `SELECT action FROM audit_log WHERE id = ${entries + 1}`);
			const after = dbQuery(target, `SELECT after_json FROM audit_log WHERE id = ${entries + 1}`);
			assert.equal(action, 'restore', 'the restore is audited after the restored entries');
			assert.equal(JSON.parse(after).file, file);
			assert.equal(JSON.parse(after).made_at, JSON.parse(readLines(file)[0]).made_at);
			assertSameContent(srv.db, target, JSON.parse(readLines(file)[0]).left_out);
			restored[engine] = target;
		});
	}

	it('a restored database serves: API tokens, a second factor by recovery code, new ids after the restored ones', async () => {
		for (const [engine, target] of Object.entries(restored)) {
			const node = await serveDb(target);
			try {
				node.token = data.ciToken;
				const me = await api(node, 'GET', '/api/v1/me');
				assert.equal(me.status, 200, `${engine}: ${me.text}`);
				assert.equal(me.json.email, ADMIN_EMAIL);
				const noCode = await api(node, 'POST', '/api/v1/login', { token: null, body: { email: data.ida.email, password: data.ida.password } });
				assert.equal(noCode.status, 401, `${engine}: the second factor came along`);
				const withCode = await api(node, 'POST', '/api/v1/login',
					{ token: null, body: { email: data.ida.email, password: data.ida.password, code: data.ida.recovery[0] } });
				assert.equal(withCode.status, 200, `${engine}: ${withCode.text}`);
				const top = Number(dbQuery(target, 'SELECT MAX(id) FROM asset'));
				const rec = await create(node, 'asset', { name: 'After the restore', asset_type: 'site' });
				assert.equal(rec.id, top + 1, `${engine}: ids go on after the restored ones`);
				const user = await api(node, 'POST', '/api/v1/users', { body: { email: 'new@example.org', name: 'New', role: 'employee' } });
				assert.equal(user.status, 201, `${engine}: ${user.text}`);
				const v = cli(srv, ['audit', 'verify', '--db', target]);
				assert.equal(v.status, 0, out(v));
			} finally {
				await node.stop();
			}
		}
	});

	it('a backup taken while the server writes is one consistent snapshot', async () => {
		const f = path.join(srv.dir, 'busy.jsonl');
		let stop = false;
		let written = 0;
		const writer = (async () => {
			while (!stop && written < 60) {
				const r = await api(srv, 'POST', '/api/v1/tasks', { body: { title: `Busy ${written}` } });
				assert.equal(r.status, 201, r.text);
				written++;
			}
		})();
		while (written < 3) await new Promise((r) => setTimeout(r, 10));
		const backup = await new Promise((resolve) => {
			const p = spawn(srv.bin, ['backup', f, '--db', srv.db], { stdio: ['ignore', 'pipe', 'pipe'] });
			let text = '';
			p.stdout.on('data', (d) => { text += d; });
			p.stderr.on('data', (d) => { text += d; });
			p.on('exit', (status) => resolve({ status, text }));
		});
		stop = true;
		await writer;
		assert.equal(backup.status, 0, backup.text);
		const target = emptyDb(srv, 'busy', 'sqlite');
		const r = restore(target, f);
		assert.equal(r.status, 0, `the snapshot's chain and head agree: ${out(r)}`);
		assert.ok(count(target, 'task') <= count(srv.db, 'task'));
	});

	it('a backup made at an older schema is restored at that schema, then migrated to the newest', () => {
		// Cut down to schema 5 (schema_undo.mjs): what later migrations added is
		// left out, and the risk's threat becomes its name again. Restore applies
		// those migrations again, each on data of the schema it was written for.
		const OLD = 5;
		const text = fs.readFileSync(file, 'utf8');
		const ls = readLines(file);
		const newest = JSON.parse(ls[0]).migrations.at(-1);
		assert.ok(newest > OLD, 'the backup is newer than the schema it is cut down to');
		const cut = downgrade(srv, text, OLD);
		assert.ok(cut.dropped.includes('risk_method') && cut.dropped.includes('threat'), `left out: ${cut.dropped}`);
		const f = path.join(srv.dir, 'older.jsonl');
		fs.writeFileSync(f, cut.text);
		const target = emptyDb(srv, 'older');
		const r = restore(target, f);
		assert.equal(r.status, 0, out(r));
		assert.match(r.stdout, new RegExp(`schema version ${OLD}`));
		assert.equal(dbQuery(target, 'SELECT MAX(version) FROM schema_migrations'), String(newest));
		assert.equal(count(target, 'risk_method'), 1, 'migration 6 seeded the default method');
		assert.equal(count(target, 'classification_level'), 4, 'migration 8 seeded the default scheme');
		assert.equal(dbQuery(target, 'SELECT t.name FROM risk r JOIN threat t ON t.id = r.threat'), 'Criminals',
			'the text of the risk\'s threat became a reference to a catalogue entry of that name');
		for (const t of ['users', 'audit_log', 'risk']) {
			const extra = t === 'audit_log' ? 1 : 0; // the restore's own entry
			assert.equal(count(target, t), JSON.parse(ls.find((l) => l.startsWith(`{"table":"${t}"`))).rows + extra, t);
		}
		const v = cli(srv, ['audit', 'verify', '--db', target]);
		assert.equal(v.status, 0, out(v));
		// 0007: a risk's Asset field becomes one of its linked assets; effective needs start as the own ones
		assert.equal(dbQuery(target, 'SELECT from_id, to_id FROM link_risk_asset ORDER BY 1, 2'),
			dbQuery(target, 'SELECT id, asset FROM risk WHERE asset IS NOT NULL ORDER BY 1, 2'));
		assert.equal(dbQuery(target, 'SELECT COUNT(*) FROM asset WHERE COALESCE(effective_confidentiality, 0) <> ' +
			"COALESCE(confidentiality, 0) OR COALESCE(effective_classification, '') <> COALESCE(classification, '')"), '0');
		assert.ok(count(target, 'asset') > 0);
	});

	it('refuses a target that is not empty, and leaves it as it was', () => {
		const before = count(srv.db, 'audit_log');
		const r = restore(srv.db);
		assert.equal(r.status, 1, out(r));
		assert.match(r.stderr, /not empty/);
		assert.equal(count(srv.db, 'audit_log'), before);
	});

	it('refuses a file that does not exist', () => {
		const target = emptyDb(srv, 'nofile');
		const r = restore(target, path.join(srv.dir, 'missing.jsonl'));
		assert.equal(r.status, 1, out(r));
		assert.match(r.stderr, /cannot read .*missing\.jsonl/);
		assertUntouched(target);
	});
});

describe('isms restore of a damaged or unknown file changes nothing', () => {
	const lines = () => readLines(file);
	const join = (ls) => `${ls.join('\n')}\n`;
	const headerWith = (change) => (ls) => [JSON.stringify({ ...JSON.parse(ls[0]), ...change }), ...ls.slice(1)];
	const usersAt = (ls) => ls.findIndex((l) => l.startsWith('{"table":"users"'));
	const cases = {
		'truncated in the middle of a line': [() => fs.readFileSync(file, 'utf8').slice(0, Math.floor(fs.statSync(file).size / 2)), /not valid JSON|truncated/],
		'truncated at the end of a line': [() => join(lines().slice(0, -1)), /truncated/],
		'a line that is not JSON': [() => { const ls = lines(); ls[usersAt(ls) + 1] = '["1", "admin@'; return join(ls); }, /Line \d+ of the backup: not valid JSON/],
		'not a backup at all': [() => '{"hello":"world"}\n', /not an isms backup/],
		'an empty file': [() => '', /empty/],
		'another format version': [() => join(headerWith({ format_version: 2 })(lines())), /format version 2; this isms reads version 1/],
		'a schema version this isms does not know': [() => join(headerWith({ migrations: [1, 2, 3, 4, 5, 999], schema_version: 999 })(lines())), /Migration 999 is unknown/],
		'a column the table does not have': [() => { const ls = lines(); ls[usersAt(ls)] = ls[usersAt(ls)].replace('"email"', '"e_mail"'); return join(ls); }, /column "e_mail" is not a column of table users/],
		'a row with a value too few': [() => { const ls = lines(); const row = JSON.parse(ls[usersAt(ls) + 1]); ls[usersAt(ls) + 1] = JSON.stringify(row.slice(1)); return join(ls); }, /a row of table users must be an array of \d+ values/],
		'text in an integer column': [() => { const ls = lines(); const row = JSON.parse(ls[usersAt(ls) + 1]); row[0] = 'one'; ls[usersAt(ls) + 1] = JSON.stringify(row); return join(ls); }, /users\.id must be an integer/],
		'a number instead of text': [() => { const ls = lines(); const row = JSON.parse(ls[usersAt(ls) + 1]); row[1] = 42; ls[usersAt(ls) + 1] = JSON.stringify(row); return join(ls); }, /users\.email must be text or null/],
		'a row twice': [() => {
			const ls = lines();
			const h = JSON.parse(ls[usersAt(ls)]);
			const end = JSON.parse(ls.at(-1));
			ls.splice(usersAt(ls), 2, JSON.stringify({ ...h, rows: h.rows + 1 }), ls[usersAt(ls) + 1], ls[usersAt(ls) + 1]);
			ls[ls.length - 1] = JSON.stringify({ ...end, rows: end.rows + 1 });
			return join(ls);
		}, /does not fit table users/],
		'an edited audit entry': [() => { const ls = lines(); const i = ls.findIndex((l) => l.startsWith('{"table":"audit_log"')) + 2; ls[i] = ls[i].replace('"user"', '"usr"'); return join(ls); }, /audit chain is broken at entry 2/],
		'a table missing': [() => { const ls = lines(); const i = ls.findIndex((l) => l.startsWith('{"table":"settings"')); ls.splice(i, 1 + JSON.parse(ls[i]).rows); return join(ls); }, /no section for table settings|end line's counts/],
	};
	const targets = {}; // one empty target per engine serves every case: each must leave it empty
	for (const [name, [make, message]] of Object.entries(cases)) {
		it(`${name}: exit 1, a clear message, no trace in the target`, () => {
			const f = path.join(srv.dir, `bad-${name.replace(/\W+/g, '_')}.jsonl`);
			fs.writeFileSync(f, make());
			for (const engine of TARGETS) {
				const target = targets[engine] ??= emptyDb(srv, `bad_${engine}`, engine);
				const r = restore(target, f);
				assert.equal(r.status, 1, `${engine}: ${out(r)}`);
				assert.match(r.stderr, message, `${engine}: ${out(r)}`);
				assertUntouched(target);
				if (process.env.ISMS_TEST_SHOW) console.log(`# ${name}: ${r.stderr.trim()}`);
			}
		});
	}
});
