// Threat and vulnerability catalogues (src/model/types/threat.c,
// vulnerability.c): the starter set of migration 0008, who reads and
// changes them, risks that refer to them (unknown or archived entries
// refused with nothing changed, ?threat= filters), the treatment detail
// fields of a risk, the migration of the old free-text values (a backup
// taken back to schema 6 and restored, so that 0008 runs on real rows), the
// CLI lists and the pages.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import {
	addUser, api, assertFieldError, assertProblem, cli, create, createToken, dbQuery, emptyDb, etag, getRecord,
	serveDb, startServer,
} from './harness.mjs';
import { downgrade } from './schema_undo.mjs';

let srv;
const tokens = {};
const all = async (plural, query = '') => (await api(srv, 'GET', `/api/v1/${plural}?limit=500${query}`)).json;
const auditCount = async () => (await api(srv, 'GET', '/api/v1/audit?limit=1')).json.total;
const form = { 'Content-Type': 'application/x-www-form-urlencoded' };

before(async () => {
	srv = await startServer();
	for (const role of ['employee', 'auditor', 'owner', 'isms_manager']) {
		addUser(srv, `${role}@example.org`, role, `Long-enough-${role}-password`);
		tokens[role] = createToken(srv, `${role}@example.org`);
	}
});
after(async () => srv?.stop());

describe('the starter set', () => {
	it('has 45 threats in six families, each described and affecting at least one property', async () => {
		const { items, total } = await all('threats');
		assert.equal(total, 45);
		const families = {};
		for (const t of items) families[t.family] = (families[t.family] ?? 0) + 1;
		assert.deepEqual(families, { physical: 6, natural: 6, technical_failure: 8, human_error: 7, malicious: 13, legal: 5 });
		for (const t of items) {
			assert.ok(t.description.length > 40, `${t.name} is described`);
			assert.ok(t.confidentiality || t.integrity || t.availability, `${t.name} affects something`);
			assert.equal(t.created_by, null, 'shipped, not made by a user');
		}
	});

	it('says which properties a threat affects', async () => {
		const by = Object.fromEntries((await all('threats')).items.map((t) => [t.name, t]));
		const cia = (n) => [by[n].confidentiality, by[n].integrity, by[n].availability];
		assert.deepEqual(cia('Phishing'), [true, true, false]);
		assert.deepEqual(cia('Denial-of-service attack'), [false, false, true]);
		assert.deepEqual(cia('Ransomware'), [true, true, true]);
		assert.deepEqual(cia('Information sent to the wrong recipient'), [true, false, false]);
		assert.equal(by.Flood.family, 'natural');
		assert.equal(by['Breach of data protection law'].family, 'legal');
	});

	it('has 28 vulnerabilities in five categories', async () => {
		const { items, total } = await all('vulnerabilities');
		assert.equal(total, 28);
		const cats = {};
		for (const v of items) cats[v.category] = (cats[v.category] ?? 0) + 1;
		assert.deepEqual(cats, { organisational: 7, people: 5, physical: 5, technical: 9, supplier: 2 });
		assert.ok(items.find((v) => v.name === 'Unpatched software'));
	});

	it('filters by family and by property', async () => {
		assert.equal((await all('threats', '&family=natural')).total, 6);
		const availability = (await all('threats', '&availability=true')).items;
		assert.ok(availability.length > 20 && availability.every((t) => t.availability));
		const r = await api(srv, 'GET', '/api/v1/threats?family=volcanic');
		assertProblem(r, 400);
		assert.match(r.json.detail, /family/);
	});
});

describe('who reads and changes the catalogues', () => {
	it('auditors read them, employees do not', async () => {
		assert.equal((await api(srv, 'GET', '/api/v1/threats', { token: tokens.auditor })).status, 200);
		assert.equal((await api(srv, 'GET', '/api/v1/vulnerabilities', { token: tokens.auditor })).status, 200);
		assertProblem(await api(srv, 'GET', '/api/v1/threats', { token: tokens.employee }), 403);
	});

	it('owners may not add or change entries; ISMS managers may', async () => {
		const body = { name: 'Drone surveillance', family: 'malicious', confidentiality: true };
		const before = (await all('threats')).total;
		assertProblem(await api(srv, 'POST', '/api/v1/threats', { token: tokens.owner, body }), 403);
		assert.equal((await all('threats')).total, before, 'nothing added');
		const r = await api(srv, 'POST', '/api/v1/threats', { token: tokens.isms_manager, body });
		assert.equal(r.status, 201, r.text);
		assert.deepEqual([r.json.name, r.json.family, r.json.confidentiality, r.json.integrity, r.json.availability],
			['Drone surveillance', 'malicious', true, false, false]);
	});

	it('refuses an entry without family, with an unknown family, or with a non-boolean flag', async () => {
		const before = (await all('threats')).total;
		let p = assertProblem(await api(srv, 'POST', '/api/v1/threats', { body: { name: 'No family' } }), 422);
		assertFieldError(p, 'family', 'required');
		p = assertProblem(await api(srv, 'POST', '/api/v1/threats', { body: { name: 'X', family: 'cosmic' } }), 422);
		assertFieldError(p, 'family', 'enum');
		p = assertProblem(await api(srv, 'POST', '/api/v1/threats', { body: { name: 'X', family: 'legal', integrity: 'yes' } }), 422);
		assertFieldError(p, 'integrity');
		p = assertProblem(await api(srv, 'POST', '/api/v1/vulnerabilities', { body: { name: 'X', category: 'karma' } }), 422);
		assertFieldError(p, 'category', 'enum');
		assert.equal((await all('threats')).total, before, 'nothing added');
	});
});

describe('risks refer to the catalogues', () => {
	let phishing;
	let flood;
	let unpatched;
	let risk;

	before(async () => {
		const threats = (await all('threats')).items;
		phishing = threats.find((t) => t.name === 'Phishing');
		flood = threats.find((t) => t.name === 'Flood');
		unpatched = (await all('vulnerabilities')).items.find((v) => v.name === 'Unpatched software');
	});

	it('a risk names a threat and a vulnerability by id, and shows their names', async () => {
		risk = await create(srv, 'risk', { title: 'Mail account takeover', threat: phishing.id, vulnerability: unpatched.id });
		assert.equal(risk.threat, phishing.id);
		assert.equal(risk.vulnerability, unpatched.id);
		const page = await api(srv, 'GET', `/risks/${risk.id}`);
		assert.equal(page.status, 200);
		assert.match(page.text, new RegExp(`<a href="/threats/${phishing.id}">Phishing</a>`));
		assert.match(page.text, new RegExp(`<a href="/vulnerabilities/${unpatched.id}">Unpatched software</a>`));
	});

	it('GET /api/v1/risks?threat=N lists the risks of that threat only', async () => {
		const other = await create(srv, 'risk', { title: 'Basement under water', threat: flood.id });
		let r = await all('risks', `&threat=${phishing.id}`);
		assert.deepEqual(r.items.map((x) => x.id), [risk.id]);
		r = await all('risks', `&threat=${flood.id}`);
		assert.deepEqual(r.items.map((x) => x.id), [other.id]);
		r = await all('risks', `&vulnerability=${unpatched.id}`);
		assert.deepEqual(r.items.map((x) => x.id), [risk.id]);
		assertProblem(await api(srv, 'GET', '/api/v1/risks?threat=fire'), 400);
	});

	it('an unknown threat or vulnerability is refused with a field message, and nothing changes', async () => {
		const risks = (await all('risks')).total;
		const audit = await auditCount();
		let p = assertProblem(await api(srv, 'POST', '/api/v1/risks', { body: { title: 'Ghost', threat: 999999 } }), 422);
		assert.match(assertFieldError(p, 'threat', 'reference').message, /No threat with id 999999/);
		p = assertProblem(await api(srv, 'POST', '/api/v1/risks', { body: { title: 'Ghost', vulnerability: 999999 } }), 422);
		assert.match(assertFieldError(p, 'vulnerability', 'reference').message, /No vulnerability with id 999999/);
		p = assertProblem(await api(srv, 'POST', '/api/v1/risks', { body: { title: 'Ghost', threat: 'Phishing' } }), 422);
		assertFieldError(p, 'threat');
		p = assertProblem(await api(srv, 'PATCH', `/api/v1/risks/${risk.id}`, {
			headers: { 'If-Match': etag(risk.version) }, body: { threat: 999999 },
		}), 422);
		assertFieldError(p, 'threat', 'reference');
		assert.equal((await all('risks')).total, risks);
		assert.equal(await auditCount(), audit);
		assert.deepEqual(await getRecord(srv, 'risk', risk.id), risk);
	});

	it('an archived threat can no longer be chosen; risks that name it keep it', async () => {
		const old = await create(srv, 'threat', { name: 'Fax interception', family: 'malicious', confidentiality: true });
		const kept = await create(srv, 'risk', { title: 'Faxed contracts', threat: old.id });
		const r = await api(srv, 'DELETE', `/api/v1/threats/${old.id}`, { headers: { 'If-Match': etag(old.version) } });
		assert.ok(r.status < 300, r.text);
		const risks = (await all('risks')).total;
		const p = assertProblem(await api(srv, 'POST', '/api/v1/risks', { body: { title: 'Faxes again', threat: old.id } }), 422);
		assert.match(assertFieldError(p, 'threat', 'reference').message, new RegExp(`No threat with id ${old.id}`));
		assert.equal((await all('risks')).total, risks);
		assert.equal((await getRecord(srv, 'risk', kept.id)).threat, old.id);
	});

	it('the risk form offers the live threats by name', async () => {
		const page = await api(srv, 'GET', '/risks/new');
		assert.equal(page.status, 200);
		assert.match(page.text, new RegExp(`<option value="${phishing.id}">Phishing</option>`));
		assert.doesNotMatch(page.text, />Fax interception</, 'archived entries are not offered');
	});

	it('the form refuses an unknown threat next to the field', async () => {
		const risks = (await all('risks')).total;
		const r = await api(srv, 'POST', '/risks', { raw: 'title=Form+risk&threat=999999', headers: form });
		assert.equal(r.status, 422);
		assert.match(r.text, /No threat with id 999999/);
		assert.equal((await all('risks')).total, risks);
	});
});

describe('treatment detail', () => {
	it('share keeps with whom and how; avoid keeps the activity stopped', async () => {
		const shared = await create(srv, 'risk', { title: 'Cyber extortion', treatment: 'share', share_party: 'Acme Insurance',
			share_mechanism: 'insurance' });
		assert.deepEqual([shared.share_party, shared.share_mechanism], ['Acme Insurance', 'insurance']);
		const avoided = await create(srv, 'risk', { title: 'USB malware', treatment: 'avoid', avoid_activity: 'USB ports disabled on all laptops' });
		assert.equal(avoided.avoid_activity, 'USB ports disabled on all laptops');
		assert.equal((await all('risks', '&share_mechanism=insurance')).total, 1);
		const page = await api(srv, 'GET', `/risks/${shared.id}`);
		assert.match(page.text, /Shared with<\/dt><dd>Acme Insurance/);
	});

	it('an unknown sharing mechanism is refused, and nothing changes', async () => {
		const risks = (await all('risks')).total;
		const p = assertProblem(await api(srv, 'POST', '/api/v1/risks', { body: { title: 'Lottery', share_mechanism: 'lottery' } }), 422);
		assert.match(assertFieldError(p, 'share_mechanism', 'enum').message, /insurance, contract, outsourcing, other/);
		assert.equal((await all('risks')).total, risks);
	});
});

describe('the migration of free-text threats and vulnerabilities', () => {
	it('matches names ignoring case and spaces, else adds one entry per distinct text', async () => {
		const titles = { 'Old A': [' phishing ', 'UNPATCHED SOFTWARE'], 'Old B': ['Alien invasion', 'Open windows'],
			'Old C': ['alien invasion ', ''], 'Old D': [null, null] };
		for (const title of Object.keys(titles)) await create(srv, 'risk', { title });
		const file = path.join(srv.dir, 'catalogues.jsonl');
		const b = cli(srv, ['backup', file, '--db', srv.db]);
		assert.equal(b.status, 0, b.stderr);
		// back to schema 6, where threat and vulnerability were text; then the
		// texts an older database would hold
		const older = downgrade(srv, fs.readFileSync(file, 'utf8'), 6, (table, row) => {
			if (table === 'risk' && titles[row.title]) [row.threat, row.vulnerability] = titles[row.title];
			return row;
		}).text;
		fs.writeFileSync(file, older);
		const target = emptyDb(srv, 'migrated');
		const r = cli(srv, ['restore', file, '--db', target]);
		assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
		assert.match(r.stdout, /schema version 6/);

		const threats = Number(dbQuery(srv.db, 'SELECT COUNT(*) FROM threat'));
		const q = (sql) => dbQuery(target, sql);
		const of = (title, col, table) => q(`SELECT t.name FROM risk r LEFT JOIN ${table} t ON t.id = r.${col} WHERE r.title = '${title}'`);
		assert.equal(of('Old A', 'threat', 'threat'), 'Phishing', 'matched the starter entry');
		assert.equal(q("SELECT r.threat FROM risk r WHERE r.title = 'Old A'"), q("SELECT id FROM threat WHERE name = 'Phishing'"));
		assert.equal(of('Old A', 'vulnerability', 'vulnerability'), 'Unpatched software');
		assert.equal(of('Old B', 'threat', 'threat'), 'Alien invasion', 'a new entry');
		assert.equal(q("SELECT threat FROM risk WHERE title = 'Old C'"), q("SELECT threat FROM risk WHERE title = 'Old B'"),
			'one entry for texts that differ only in case and spaces');
		assert.equal(of('Old B', 'vulnerability', 'vulnerability'), 'Open windows');
		assert.equal(q("SELECT COUNT(*) FROM risk WHERE title IN ('Old C', 'Old D') AND vulnerability IS NULL"), '2');
		assert.equal(q("SELECT COUNT(*) FROM risk WHERE title = 'Old D' AND threat IS NULL"), '1');
		// every risk that named a live or archived entry before names one of that name now
		assert.equal(q("SELECT COUNT(*) FROM risk WHERE title = 'Mail account takeover' AND threat = (SELECT id FROM threat WHERE name = 'Phishing')"), '1');
		// the starter set came again, plus the texts no starter entry names: the
		// test's archived "Fax interception" (its risk kept the name) and "Alien
		// invasion"; the unused "Drone surveillance" is not in a schema-6 backup
		assert.equal(threats, 47, 'the source had the starter set and two of the test\'s');
		assert.equal(Number(q('SELECT COUNT(*) FROM threat')), 47);
		assert.equal(q("SELECT COUNT(*) FROM threat WHERE name IN ('Fax interception', 'Alien invasion')"), '2');
		assert.equal(q("SELECT COUNT(*) FROM threat WHERE lower(name) = 'alien invasion'"), '1');
		assert.equal(q("SELECT COUNT(*) FROM threat WHERE name = 'Alien invasion' AND family IS NULL AND archived = 0"), '1',
			'without a family, for the ISMS manager to complete');
		assert.equal(Number(q('SELECT COUNT(*) FROM vulnerability')), 28 + 1, 'the starter set and "Open windows"');
		assert.throws(() => q('SELECT threat_text FROM risk'), 'the text columns are gone');
	});
});

describe('the CLI lists the catalogues', () => {
	it('isms threat list prints id, name, family and the properties', () => {
		const r = cli(srv, ['threat', 'list', '--db', srv.db]);
		assert.equal(r.status, 0, r.stderr);
		const lines = r.stdout.trim().split('\n');
		const phishing = lines.map((l) => l.split('\t')).find((f) => f[1] === 'Phishing');
		assert.deepEqual(phishing.slice(2), ['malicious', 'confidentiality', 'integrity', '-']);
		assert.ok(!lines.some((l) => l.includes('Fax interception')), 'archived entries are left out');
	});

	it('isms vulnerability list prints id, name and category', () => {
		const r = cli(srv, ['vulnerability', 'list', '--db', srv.db]);
		assert.equal(r.status, 0, r.stderr);
		assert.ok(r.stdout.split('\n').some((l) => /^\d+\tUnpatched software\ttechnical$/.test(l)));
	});
});

describe('the catalogue pages', () => {
	it('list threats with their family and the properties they affect', async () => {
		const page = await api(srv, 'GET', '/threats?family=natural');
		assert.equal(page.status, 200);
		assert.match(page.text, /Earthquake/);
		assert.doesNotMatch(page.text, /Phishing/);
	});

	it('are not shown to employees', async () => {
		const page = await api(srv, 'GET', '/threats', { token: tokens.employee });
		assert.equal(page.status, 403);
	});
});

// A restored database serves: the migrated entries read through the API.
describe('a migrated database serves', () => {
	it('reads the new entries through the API', async () => {
		const file = path.join(srv.dir, 'serve.jsonl');
		assert.equal(cli(srv, ['backup', file, '--db', srv.db]).status, 0);
		const target = emptyDb(srv, 'serve');
		fs.writeFileSync(file, downgrade(srv, fs.readFileSync(file, 'utf8'), 6, (table, row) => {
			if (table === 'risk' && row.title === 'Old A') row.threat = 'Quantum decryption';
			return row;
		}).text);
		assert.equal(cli(srv, ['restore', file, '--db', target]).status, 0);
		const node = await serveDb(target);
		try {
			node.token = srv.token;
			const t = (await api(node, 'GET', '/api/v1/threats?q=quantum')).json.items;
			assert.equal(t.length, 1);
			assert.equal(t[0].name, 'Quantum decryption');
			assert.equal(t[0].family, null);
			const risks = (await api(node, 'GET', `/api/v1/risks?threat=${t[0].id}`)).json.items;
			assert.deepEqual(risks.map((r) => r.title), ['Old A']);
		} finally {
			await node.stop();
		}
	});
});
