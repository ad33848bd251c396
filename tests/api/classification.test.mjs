// The classification scheme (src/isms/classification.h): the default
// levels and their handling rules; asset and document keys checked against
// the scheme at write time; replacing the scheme (API, page, CLI) with every
// problem refused and nothing changed, a level in use kept, each change
// audited; how classified records show their level.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import {
	addUser, api, assertFieldError, assertProblem, cli, create, createToken, etag, getRecord, startServer, totalOf,
} from './harness.mjs';

let srv;
const tokens = {};
const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
const scheme = async () => (await api(srv, 'GET', '/api/v1/classification')).json;
const auditOf = async () => (await api(srv, 'GET', '/api/v1/audit?action=classification_change&limit=50')).json;
const put = (levels, token) => api(srv, 'PUT', '/api/v1/classification', { body: { levels }, ...(token ? { token } : {}) });
const SECRET = { key: 'secret', label: 'Secret', rank: 10, colour: 'purple',
	handling: { label: 'Stamp SECRET', store: 'In the safe', share: 'Named people only', send: 'By courier', dispose: 'Burn' } };

before(async () => {
	srv = await startServer();
	for (const role of ['employee', 'owner', 'isms_manager']) {
		addUser(srv, `${role}@example.org`, role, `Long-enough-${role}-password`);
		tokens[role] = createToken(srv, `${role}@example.org`);
	}
});
after(async () => srv?.stop());

describe('the default scheme', () => {
	it('has Public, Internal, Confidential and Restricted, by rank, each with five handling rules', async () => {
		const { levels } = await scheme();
		assert.deepEqual(levels.map((l) => [l.key, l.label, l.rank, l.colour]), [
			['public', 'Public', 1, 'green'], ['internal', 'Internal', 2, 'blue'],
			['confidential', 'Confidential', 3, 'orange'], ['restricted', 'Restricted', 4, 'red'],
		]);
		for (const l of levels) {
			assert.deepEqual(Object.keys(l.handling), ['label', 'store', 'share', 'send', 'dispose']);
			for (const rule of Object.values(l.handling)) assert.ok(rule.length > 5, `${l.key} has its rules`);
		}
		assert.match(levels[3].handling.dispose, /certificate of destruction/);
	});

	it('is read by every employee and changed only by ISMS managers', async () => {
		assert.equal((await api(srv, 'GET', '/api/v1/classification', { token: tokens.employee })).status, 200);
		const before = await scheme();
		assertProblem(await put([...before.levels, SECRET], tokens.owner), 403);
		assert.deepEqual(await scheme(), before);
	});
});

describe('records store a key of the scheme', () => {
	it('an unknown key is a field error listing the allowed keys, and nothing changes', async () => {
		const assets = await totalOf(srv, 'asset');
		const p = assertProblem(await api(srv, 'POST', '/api/v1/assets', { body: { name: 'Vault', asset_type: 'site', classification: 'secret' } }), 422);
		assert.match(assertFieldError(p, 'classification', 'classification').message,
			/'secret' is not a level .*public, internal, confidential or restricted/);
		assert.equal(await totalOf(srv, 'asset'), assets);
		const doc = await create(srv, 'document', { title: 'Policy', doc_type: 'policy' });
		const r = await api(srv, 'PATCH', `/api/v1/documents/${doc.id}`, { headers: { 'If-Match': etag(doc.version) }, body: { classification: 'Secret' } });
		assertFieldError(assertProblem(r, 422), 'classification', 'classification');
		assert.deepEqual(await getRecord(srv, 'document', doc.id), doc);
	});

	it('a level added to the scheme can be used at once; the API keeps the key', async () => {
		const before = await scheme();
		const r = await put([...before.levels, SECRET]);
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.levels.map((l) => l.key), ['public', 'internal', 'confidential', 'restricted', 'secret']);
		const asset = await create(srv, 'asset', { name: 'Crown jewels', asset_type: 'information', classification: 'secret' });
		assert.equal(asset.classification, 'secret');
		const doc = await create(srv, 'document', { title: 'Vault procedure', doc_type: 'procedure', classification: 'secret' });
		assert.equal(doc.classification, 'secret');
		const list = (await api(srv, 'GET', '/api/v1/assets?classification=secret')).json;
		assert.deepEqual(list.items.map((a) => a.name), ['Crown jewels']);
	});

	it('the change is audited with the scheme before and after', async () => {
		const { items } = await auditOf();
		assert.equal(items.length, 1);
		const { before, after: afterScheme } = items[0];
		assert.equal(items[0].record_type, 'classification');
		assert.equal(before.levels.length, 4);
		assert.equal(afterScheme.levels[4].key, 'secret');
		assert.equal(afterScheme.levels[4].handling.dispose, 'Burn');
	});

	it('a level in use cannot be removed: the message says how many use it, and nothing changes', async () => {
		const before = await scheme();
		const audits = (await auditOf()).items.length;
		const r = await put(before.levels.filter((l) => l.key !== 'secret'));
		const p = assertProblem(r, 409);
		assert.equal(p.code, 'in_use');
		assert.match(p.detail, /'secret' is in use by 1 asset and 1 document/);
		assert.deepEqual(await scheme(), before);
		assert.equal((await auditOf()).items.length, audits);
	});

	it('once nothing live uses it, the level can go', async () => {
		const asset = (await api(srv, 'GET', '/api/v1/assets?classification=secret')).json.items[0];
		let r = await api(srv, 'PATCH', `/api/v1/assets/${asset.id}`, { headers: { 'If-Match': etag(asset.version) }, body: { classification: 'restricted' } });
		assert.equal(r.status, 200, r.text);
		const doc = (await api(srv, 'GET', '/api/v1/documents?classification=secret')).json.items[0];
		r = await api(srv, 'DELETE', `/api/v1/documents/${doc.id}`, { headers: { 'If-Match': etag(doc.version) } });
		assert.ok(r.status < 300, r.text);
		r = await put((await scheme()).levels.filter((l) => l.key !== 'secret'));
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.levels.length, 4);
		// the archived document keeps the key it had; it shows as stored
		const page = await api(srv, 'GET', `/documents/${doc.id}`);
		assert.match(page.text, /badge[^"]*">Secret</);
	});

	it('a renamed level keeps its key on records', async () => {
		const levels = (await scheme()).levels.map((l) => (l.key === 'internal' ? { ...l, label: 'Company only' } : l));
		assert.equal((await put(levels)).status, 200);
		const a = await create(srv, 'asset', { name: 'Intranet', asset_type: 'software' });
		assert.equal(a.classification, 'internal', 'the default key');
		const page = await api(srv, 'GET', `/assets/${a.id}`);
		assert.match(page.text, /<span class="badge level lvl-blue">Company only<\/span>/);
	});
});

describe('a scheme with problems is refused, each named, and nothing changes', () => {
	const cases = [
		['no levels', [], 'levels', 'count'],
		['a duplicate key', [{ ...SECRET }, { ...SECRET, rank: 11 }], 'levels[1].key', 'duplicate'],
		['a duplicate rank', [{ ...SECRET }, { ...SECRET, key: 'top', rank: 10 }], 'levels[1].rank', 'duplicate'],
		['a key with capitals', [{ ...SECRET, key: 'Secret' }], 'levels[0].key', 'format'],
		['an unknown colour', [{ ...SECRET, colour: '#ff0000' }], 'levels[0].colour', 'enum'],
		['a negative rank', [{ ...SECRET, rank: -1 }], 'levels[0].rank', 'range'],
		['a missing label', [{ ...SECRET, label: '' }], 'levels[0].label', 'required'],
		['an unknown member', [{ ...SECRET, owner: 'me' }], 'levels[0].owner', 'unknown_field'],
		['an unknown rule', [{ ...SECRET, handling: { print: 'never' } }], 'levels[0].handling.print', 'unknown_field'],
		['a rule on two lines', [{ ...SECRET, handling: { store: 'a\nb' } }], 'levels[0].handling.store', 'control_chars'],
	];
	for (const [name, levels, field, code] of cases) {
		it(name, async () => {
			const before = await scheme();
			const audits = (await auditOf()).items.length;
			const p = assertProblem(await put(levels), 422);
			assertFieldError(p, field, code);
			assert.deepEqual(await scheme(), before);
			assert.equal((await auditOf()).items.length, audits);
		});
	}

	it('a body that is not an object is 400', async () => {
		assertProblem(await api(srv, 'PUT', '/api/v1/classification', { body: ['public'] }), 400);
	});
});

describe('the pages', () => {
	it('/classification shows each level with its handling rules', async () => {
		const page = await api(srv, 'GET', '/classification', { token: tokens.employee });
		assert.equal(page.status, 200);
		assert.match(page.text, /<span class="badge level lvl-red">Restricted<\/span>/);
		assert.match(page.text, /certificate of destruction/);
		assert.doesNotMatch(page.text, /href="\/classification\/edit"/, 'employees get no edit button');
		assert.match((await api(srv, 'GET', '/classification')).text, /href="\/classification\/edit"/);
	});

	it('an asset page shows the level and how to handle it; the form offers the levels', async () => {
		const a = await create(srv, 'asset', { name: 'HR files', asset_type: 'information', classification: 'restricted' });
		const page = await api(srv, 'GET', `/assets/${a.id}`);
		assert.match(page.text, /lvl-red">Restricted</);
		assert.match(page.text, /How to handle Restricted information/);
		assert.match(page.text, /hand paper over in person/);
		const edit = await api(srv, 'GET', `/assets/${a.id}/edit`);
		assert.match(edit.text, /<option value="restricted" selected>Restricted<\/option>/);
		assert.match(edit.text, /<option value="internal">Company only<\/option>/);
	});

	it('the form saves a new scheme, and refuses a bad one next to its rows', async () => {
		const before = await scheme();
		const fields = new URLSearchParams();
		before.levels.forEach((l, k) => {
			for (const p of ['key', 'label', 'rank', 'colour']) fields.set(`c${k}_${p}`, String(l[p]));
			for (const [r, v] of Object.entries(l.handling)) fields.set(`c${k}_h_${r}`, v ?? '');
		});
		const bad = new URLSearchParams(fields);
		bad.set('c4_key', 'top secret');
		bad.set('c4_label', 'Top secret');
		bad.set('c4_rank', '99');
		bad.set('c4_colour', 'purple');
		let r = await api(srv, 'POST', '/classification', { raw: bad.toString(), headers: form });
		assert.equal(r.status, 422);
		assert.match(r.text, /levels\[4\]\.key/);
		assert.match(r.text, /lower-case letters/);
		assert.deepEqual(await scheme(), before);
		bad.set('c4_key', 'top_secret');
		r = await api(srv, 'POST', '/classification', { raw: bad.toString(), headers: form });
		assert.equal(r.status, 303, r.text.slice(0, 300));
		const now = await scheme();
		assert.deepEqual(now.levels.map((l) => l.key), ['public', 'internal', 'confidential', 'restricted', 'top_secret']);
		assert.equal(now.levels[4].handling.store, null);
	});
});

describe('the CLI', () => {
	it('isms classification list prints rank, key, label and colour', () => {
		const r = cli(srv, ['classification', 'list', '--db', srv.db]);
		assert.equal(r.status, 0, r.stderr);
		assert.equal(r.stdout.split('\n')[3], '4\trestricted\tRestricted\tred');
	});

	it('isms classification set saves a scheme from JSON, and refuses one that drops a level in use', () => {
		const shown = cli(srv, ['classification', 'show', '--db', srv.db]);
		assert.equal(shown.status, 0, shown.stderr);
		const { levels } = JSON.parse(shown.stdout);
		const file = path.join(srv.dir, 'scheme.json');
		fs.writeFileSync(file, JSON.stringify({ levels: levels.filter((l) => l.key !== 'restricted') }));
		let r = cli(srv, ['classification', 'set', '--db', srv.db, '--file', file]);
		assert.equal(r.status, 1);
		assert.match(r.stderr, /'restricted' is in use by \d+ assets?/);
		fs.writeFileSync(file, JSON.stringify({ levels: levels.filter((l) => l.key !== 'top_secret') }));
		r = cli(srv, ['classification', 'set', '--db', srv.db, '--file', file]);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /4 levels/);
		fs.writeFileSync(file, '{"levels": [{"key": "x"}]}');
		r = cli(srv, ['classification', 'set', '--db', srv.db, '--file', file]);
		assert.equal(r.status, 1);
		assert.match(r.stderr, /levels\[0\]\.label/);
		assert.equal(cli(srv, ['classification', 'list', '--db', srv.db]).stdout.trim().split('\n').length, 4);
	});
});

describe('effective classifications follow the scheme\'s order', () => {
	it('are recomputed for every asset when the order changes, in the same transaction', async () => {
		const data = await create(srv, 'asset', { name: 'Order book', asset_type: 'information', classification: 'confidential' });
		const host = await create(srv, 'asset', { name: 'Order server', asset_type: 'hardware', classification: 'public' });
		let r = await api(srv, 'POST', `/api/v1/assets/${data.id}/links/depends_on`, { body: { id: host.id } });
		assert.equal(r.status, 201, r.text);
		const effective = async (id) => (await api(srv, 'GET', `/api/v1/assets/${id}`)).json.effective_classification;
		assert.equal(await effective(host.id), 'confidential', 'raised by what depends on it');

		const { levels } = await scheme();
		const reordered = levels.map((l) => (l.key === 'public' ? { ...l, rank: 99 } : l));
		r = await put(reordered);
		assert.equal(r.status, 200, r.text);
		assert.equal(await effective(host.id), 'public', 'public now ranks highest: its own level wins');
		assert.equal(await effective(data.id), 'confidential');
		const inherit = await api(srv, 'GET', `/api/v1/audit?action=inherit&record_type=asset&record_id=${host.id}&limit=1`);
		assert.equal(inherit.json.items[0].after.effective_classification, 'public', 'the change is audited');

		r = await put(levels);
		assert.equal(r.status, 200, r.text);
		assert.equal(await effective(host.id), 'confidential', 'and back');
	});
});
