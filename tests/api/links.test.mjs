// Links between records (src/isms/link.h) and effective protection needs
// (src/isms/protection.h): asset dependencies without cycles, a risk's
// assets and controls, who may change and see links, the maximum principle
// along chains and diamonds, the audit entries, the CLI — and that every
// refusal changes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import {
	addUser, api, assertFieldError, assertProblem, cli, create, createToken, dbQuery, etag, getRecord, startServer,
} from './harness.mjs';

let srv;
const u = {}; // name -> { token, id }

const asset = (name, extra = {}) => create(srv, 'asset', { name, asset_type: 'service', ...extra });
const link = (id, body, opts = {}) => api(srv, 'POST', `/api/v1/assets/${id}/links/depends_on`, { body, ...opts });
const unlink = (id, to, opts = {}) => api(srv, 'DELETE', `/api/v1/assets/${id}/links/depends_on/${to}`, opts);

async function links(plural, id, token) {
	const r = await api(srv, 'GET', `/api/v1/${plural}/${id}/links`, token ? { token } : {});
	assert.equal(r.status, 200, r.text);
	return r.json.kinds;
}
function group(kinds, kind, direction) {
	const g = kinds.find((k) => k.kind === kind && k.direction === direction);
	assert.ok(g, `no ${kind} ${direction} group in ${JSON.stringify(kinds)}`);
	return g;
}
const ids = (g) => g.items.map((x) => x.id).sort((a, b) => a - b);

// effective C, I, A and classification of an asset, as the API gives them
async function eff(id) {
	const a = await getRecord(srv, 'asset', id);
	return [a.effective_confidentiality, a.effective_integrity, a.effective_availability, a.effective_classification];
}

// Everything a refusal must leave alone: every link table, the effective
// values of every asset and the length of the audit log.
function snapshot() {
	return {
		links: dbQuery(srv.db, 'SELECT from_id, to_id, relation FROM link_asset_depends_on ORDER BY 1, 2'),
		risk: dbQuery(srv.db, 'SELECT from_id, to_id FROM link_risk_asset ORDER BY 1, 2') + '/' +
			dbQuery(srv.db, 'SELECT from_id, to_id, relation FROM link_risk_control ORDER BY 1, 2'),
		eff: dbQuery(srv.db, 'SELECT id, effective_confidentiality, effective_integrity, effective_availability, ' +
			'effective_classification FROM asset ORDER BY id'),
		audit: dbQuery(srv.db, 'SELECT COUNT(*) FROM audit_log'),
	};
}

async function auditOf(query) {
	const r = await api(srv, 'GET', `/api/v1/audit?${query}`);
	assert.equal(r.status, 200, r.text);
	return r.json.items;
}

before(async () => {
	srv = await startServer();
	u.admin = { token: srv.token };
	for (const [name, role] of [['ann', 'owner'], ['bob', 'owner'], ['eve', 'employee']]) {
		addUser(srv, `${name}@example.org`, role, `Long-enough-${name}-pw`);
		u[name] = { token: createToken(srv, `${name}@example.org`) };
	}
	for (const v of Object.values(u)) v.id = (await api(srv, 'GET', '/api/v1/me', { token: v.token })).json.id;
});
after(async () => { await srv?.stop(); });

describe('asset dependencies', () => {
	it('a new asset starts with its own values as effective ones; they cannot be written', async () => {
		const a = await asset('Alone', { confidentiality: 3, integrity: 2, classification: 'confidential' });
		assert.deepEqual(await eff(a.id), [3, 2, null, 'confidential']);
		const r = await api(srv, 'PATCH', `/api/v1/assets/${a.id}`, { body: { effective_confidentiality: 4 },
			headers: { 'If-Match': etag(a.version) } });
		assertFieldError(assertProblem(r, 400), 'effective_confidentiality', 'read_only');
		assert.deepEqual(await eff(a.id), [3, 2, null, 'confidential']);
	});

	it('a chain of three: needs flow from the dependent to what it depends on, and back down when unlinked', async () => {
		const data = await asset('Customer data', { confidentiality: 4, integrity: 3, availability: 1,
			classification: 'restricted' });
		const app = await asset('CRM application', { confidentiality: 2, integrity: 2, availability: 3,
			classification: 'internal' });
		const host = await asset('Virtual machine', { confidentiality: 1, integrity: 1, availability: 2,
			classification: 'public' });

		let r = await link(app.id, { id: host.id });
		assert.equal(r.status, 201, r.text);
		assert.deepEqual(ids(group(r.json.kinds, 'depends_on', 'outgoing')), [host.id]);
		assert.deepEqual(await eff(host.id), [2, 2, 3, 'internal']);

		r = await link(data.id, { id: app.id, type: 'asset' });
		assert.equal(r.status, 201, r.text);
		assert.deepEqual(await eff(app.id), [4, 3, 3, 'restricted']);
		assert.deepEqual(await eff(host.id), [4, 3, 3, 'restricted'], 'through the chain');
		assert.deepEqual(await eff(data.id), [4, 3, 1, 'restricted'], 'the dependent keeps its own');

		// where the values come from
		const p = await api(srv, 'GET', `/api/v1/assets/${host.id}/protection`);
		assert.equal(p.status, 200, p.text);
		assert.deepEqual(p.json.confidentiality, { own: 1, effective: 4, from: [{ id: data.id, name: 'Customer data' }] });
		assert.deepEqual(p.json.availability, { own: 2, effective: 3, from: [{ id: app.id, name: 'CRM application' }] });
		assert.deepEqual(p.json.classification.from.map((x) => x.id), [data.id]);
		assert.equal(p.json.classification.own, 'public');
		assert.equal(p.json.classification.effective, 'restricted');

		// lists filter and sort on the stored effective values
		const l = await api(srv, 'GET', '/api/v1/assets?effective_confidentiality=4&sort=name&limit=100');
		assert.equal(l.status, 200, l.text);
		assert.deepEqual(l.json.items.map((x) => x.name), ['CRM application', 'Customer data', 'Virtual machine']);

		// changing an own value upstream moves everything downstream
		const cur = await getRecord(srv, 'asset', data.id);
		r = await api(srv, 'PATCH', `/api/v1/assets/${data.id}`, { body: { confidentiality: 3, classification: 'internal' },
			headers: { 'If-Match': etag(cur.version) } });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.effective_confidentiality, 3);
		assert.deepEqual(await eff(app.id), [3, 3, 3, 'internal']);
		assert.deepEqual(await eff(host.id), [3, 3, 3, 'internal']);

		// removing the middle link: the host keeps only the application's needs... which no longer reach it
		r = await unlink(app.id, host.id);
		assert.equal(r.status, 204, r.text);
		assert.deepEqual(await eff(host.id), [1, 1, 2, 'public']);
		assert.deepEqual(await eff(app.id), [3, 3, 3, 'internal']);

		// archiving the dependent: its needs no longer count
		await link(app.id, { id: host.id });
		assert.deepEqual(await eff(host.id), [3, 3, 3, 'internal']);
		r = await api(srv, 'DELETE', `/api/v1/assets/${data.id}`);
		assert.equal(r.status, 204, r.text);
		assert.deepEqual(await eff(app.id), [2, 2, 3, 'internal']);
		assert.deepEqual(await eff(host.id), [2, 2, 3, 'internal']);
	});

	it('a diamond: the highest of both paths, and the other path keeps it when one goes', async () => {
		const top = await asset('Payroll data', { confidentiality: 4, availability: 1 });
		const left = await asset('Payroll app', { confidentiality: 1, availability: 2 });
		const right = await asset('HR portal', { confidentiality: 2, availability: 4 });
		const bottom = await asset('Database cluster', { confidentiality: 1, availability: 1 });
		for (const [from, to] of [[top, left], [top, right], [left, bottom], [right, bottom]]) {
			const r = await link(from.id, { id: to.id });
			assert.equal(r.status, 201, r.text);
		}
		assert.deepEqual((await eff(bottom.id)).slice(0, 3), [4, null, 4]);
		assert.deepEqual((await eff(left.id)).slice(0, 3), [4, null, 2]);
		const p = (await api(srv, 'GET', `/api/v1/assets/${bottom.id}/protection`)).json;
		assert.deepEqual(p.confidentiality.from.map((x) => x.name), ['Payroll data']);
		assert.deepEqual(p.availability.from.map((x) => x.name), ['HR portal']);

		assert.equal((await unlink(top.id, left.id)).status, 204);
		assert.deepEqual((await eff(left.id)).slice(0, 3), [1, null, 2]);
		assert.deepEqual((await eff(bottom.id)).slice(0, 3), [4, null, 4], 'still through the HR portal');
		assert.equal((await unlink(right.id, bottom.id)).status, 204);
		assert.deepEqual((await eff(bottom.id)).slice(0, 3), [1, null, 2], 'now only the payroll app');

		// both directions, as the bottom sees them
		const k = await links('assets', bottom.id);
		assert.deepEqual(ids(group(k, 'depends_on', 'incoming')), [left.id]);
		assert.equal(group(k, 'depends_on', 'incoming').label, 'Used by');
		assert.deepEqual(ids(group(k, 'depends_on', 'outgoing')), []);
	});

	it('refuses cycles naming the path, self-links, duplicates, unknown and archived targets; nothing changes', async () => {
		const a = await asset('Web shop', { confidentiality: 3 });
		const b = await asset('Payment service');
		const c = await asset('Card vault', { confidentiality: 1 });
		const gone = await asset('Old server');
		await api(srv, 'DELETE', `/api/v1/assets/${gone.id}`);
		assert.equal((await link(a.id, { id: b.id })).status, 201);
		assert.equal((await link(b.id, { id: c.id })).status, 201);
		const was = snapshot();

		let r = await link(c.id, { id: a.id });
		let p = assertProblem(r, 422, 'cycle');
		assert.equal(p.code, 'cycle');
		assert.match(p.detail, /Card vault → Web shop would close a circle, because Web shop → Payment service → Card vault/);
		assertFieldError(p, 'id', 'cycle');
		assert.deepEqual(snapshot(), was, 'a refused cycle changes nothing');

		p = assertProblem(await link(a.id, { id: a.id }), 422, 'self');
		assert.equal(p.code, 'self_link');
		assertFieldError(p, 'id', 'self_link');

		p = assertProblem(await link(a.id, { id: b.id }), 409, 'duplicate');
		assert.equal(p.code, 'duplicate');

		p = assertProblem(await link(a.id, { id: 999999 }), 422, 'unknown');
		assert.match(assertFieldError(p, 'id', 'reference').message, /No asset with id 999999/);

		p = assertProblem(await link(a.id, { id: gone.id }), 422, 'archived');
		assertFieldError(p, 'id', 'archived');

		// an archived record's links cannot change either
		p = assertProblem(await link(gone.id, { id: a.id }), 409, 'from archived');
		assert.equal(p.code, 'archived');

		// bad bodies and names
		assertFieldError(assertProblem(await link(a.id, { id: 0 }), 422), 'id', 'range');
		assertFieldError(assertProblem(await link(a.id, { id: 'two' }), 422), 'id', 'type');
		assertFieldError(assertProblem(await link(a.id, {}), 422), 'id', 'required');
		assertFieldError(assertProblem(await link(a.id, { id: b.id, extra: 1 }), 400), 'extra', 'unknown_field');
		assertFieldError(assertProblem(await link(a.id, { id: c.id, type: 'control' }), 422), 'type', 'wrong_type');
		assertFieldError(assertProblem(await link(a.id, { id: c.id, relation: 'planned' }), 422), 'relation');
		p = assertProblem(await api(srv, 'POST', `/api/v1/assets/${a.id}/links/owns`, { body: { id: b.id } }), 404);
		assert.equal(p.code, 'unknown_link_kind');
		assert.match(p.detail, /depends_on/);
		assertProblem(await api(srv, 'POST', `/api/v1/controls/1/links/depends_on`, { body: { id: b.id } }), 404);
		assertProblem(await api(srv, 'POST', `/api/v1/assets/999999/links/depends_on`, { body: { id: b.id } }), 404);
		assertProblem(await api(srv, 'POST', `/api/v1/assets/${a.id}/links/depends_on`,
			{ raw: 'id=3', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), 415);
		p = assertProblem(await unlink(a.id, c.id), 404, 'no such link');
		assert.equal(p.code, 'no_link');
		assert.deepEqual(snapshot(), was, 'no refusal changed anything');
	});
});

describe('who may change and see links', () => {
	it('an owner links from the asset they own, not from another; employees not at all', async () => {
		const mine = await create(srv, 'asset', { name: 'Ann laptop', asset_type: 'hardware', confidentiality: 3 },
			{ token: u.ann.token });
		const bobs = await create(srv, 'asset', { name: 'Bob phone', asset_type: 'hardware' }, { token: u.bob.token });
		const was = snapshot();
		let r = await link(bobs.id, { id: mine.id }, { token: u.ann.token });
		assert.equal(assertProblem(r, 403).code, 'not_yours');
		r = await unlink(bobs.id, mine.id, { token: u.ann.token });
		assert.equal(assertProblem(r, 403).code, 'not_yours');
		r = await link(mine.id, { id: bobs.id }, { token: u.eve.token });
		assertProblem(r, 403);
		assert.deepEqual(snapshot(), was, 'refusals change nothing');

		// linking from her own asset to Bob's is hers to do; Bob's asset inherits
		r = await link(mine.id, { id: bobs.id }, { token: u.ann.token });
		assert.equal(r.status, 201, r.text);
		assert.equal((await getRecord(srv, 'asset', bobs.id)).effective_confidentiality, 3);
		const k = await links('assets', mine.id, u.ann.token);
		assert.equal(group(k, 'depends_on', 'outgoing').writable, true);
		const kb = await links('assets', bobs.id, u.ann.token);
		assert.equal(group(kb, 'depends_on', 'outgoing').writable, false, 'not hers');

		// an employee reads asset links but not the risks (a type they cannot read)
		const risk = await create(srv, 'risk', { title: 'Lost laptop', asset: mine.id });
		const ke = await links('assets', mine.id, u.eve.token);
		assert.ok(!ke.some((g) => g.type === 'risk'), 'no risk group for an employee');
		const ka = await links('assets', mine.id);
		assert.deepEqual(ids(group(ka, 'assets', 'incoming')), [risk.id]);
		assert.equal(group(ka, 'assets', 'incoming').label, 'Risks');
		assertProblem(await api(srv, 'GET', `/api/v1/risks/${risk.id}/links`, { token: u.eve.token }), 403);
	});
});

describe('a risk: its assets and controls', () => {
	it('the Asset field is the primary asset, always linked; controls are existing or planned', async () => {
		const a1 = await asset('Mail server');
		const a2 = await asset('Mail archive');
		const ctl = await create(srv, 'control', { title: 'Backups', code: 'OPS-1' });
		const risk = await create(srv, 'risk', { title: 'Mail outage', asset: a1.id });
		let k = await links('risks', risk.id);
		let g = group(k, 'assets', 'outgoing');
		assert.deepEqual(g.items.map((x) => [x.id, x.primary]), [[a1.id, true]]);

		// the primary link stays while the field names it
		let p = assertProblem(await api(srv, 'DELETE', `/api/v1/risks/${risk.id}/links/assets/${a1.id}`), 409);
		assert.equal(p.code, 'primary');

		// another primary: both linked, the new one primary
		const cur = await getRecord(srv, 'risk', risk.id);
		const r = await api(srv, 'PATCH', `/api/v1/risks/${risk.id}`, { body: { asset: a2.id },
			headers: { 'If-Match': etag(cur.version) } });
		assert.equal(r.status, 200, r.text);
		g = group(await links('risks', risk.id), 'assets', 'outgoing');
		assert.deepEqual(g.items.map((x) => [x.id, x.primary]).sort((x, y) => x[0] - y[0]), [[a1.id, false], [a2.id, true]]);
		assert.equal((await api(srv, 'DELETE', `/api/v1/risks/${risk.id}/links/assets/${a1.id}`)).status, 204);

		// controls, with their relation
		p = assertProblem(await api(srv, 'POST', `/api/v1/risks/${risk.id}/links/controls`,
			{ body: { id: ctl.id, relation: 'wished' } }), 422);
		assert.match(assertFieldError(p, 'relation', 'enum').message, /existing, planned/);
		let res = await api(srv, 'POST', `/api/v1/risks/${risk.id}/links/controls`, { body: { id: ctl.id, relation: 'planned' } });
		assert.equal(res.status, 201, res.text);
		assert.equal(group(res.json.kinds, 'controls', 'outgoing').items[0].relation, 'planned');
		const kc = await links('controls', ctl.id);
		assert.deepEqual(ids(group(kc, 'controls', 'incoming')), [risk.id]);
		assert.equal(group(kc, 'controls', 'incoming').label, 'Risks treated');
		assert.equal((await api(srv, 'DELETE', `/api/v1/risks/${risk.id}/links/controls/${ctl.id}`)).status, 204);
		res = await api(srv, 'POST', `/api/v1/risks/${risk.id}/links/controls`, { body: { id: ctl.id } });
		assert.equal(group(res.json.kinds, 'controls', 'outgoing').items[0].relation, 'existing', 'the default');
	});
});

describe('the audit trail', () => {
	it('link_add, link_remove and the inherited values of other assets, each with what changed', async () => {
		const up = await asset('Audit source', { confidentiality: 4 });
		const down = await asset('Audit target', { confidentiality: 1 });
		assert.equal((await link(up.id, { id: down.id })).status, 201);
		assert.equal((await unlink(up.id, down.id)).status, 204);

		const added = await auditOf(`record_type=asset&record_id=${up.id}&action=link_add`);
		assert.equal(added.length, 1);
		assert.equal(added[0].before, null);
		assert.deepEqual(added[0].after, { kind: 'depends_on', label: 'Depends on', to_type: 'asset', to_id: down.id,
			to_title: 'Audit target', relation: null });
		const removed = await auditOf(`record_type=asset&record_id=${up.id}&action=link_remove`);
		assert.equal(removed.length, 1);
		assert.equal(removed[0].before.to_id, down.id);
		assert.equal(removed[0].after, null);

		const inherit = await auditOf(`record_type=asset&record_id=${down.id}&action=inherit`);
		assert.equal(inherit.length, 2, 'raised, then lowered');
		const [lowered, raised] = inherit; // newest first
		assert.equal(raised.before.effective_confidentiality, 1);
		assert.equal(raised.after.effective_confidentiality, 4);
		assert.equal(lowered.after.effective_confidentiality, 1);
		assert.equal(raised.id, added[0].id + 1, 'right after the link, in its transaction');
		assert.equal(lowered.id, removed[0].id + 1);

		// the audit page reads them as sentences
		const page = await api(srv, 'GET', `/audit?record_type=asset&record_id=${up.id}`);
		assert.equal(page.status, 200);
		assert.match(page.text, /Linked<\/span>/);
		assert.match(page.text, /Depends on: Audit target \(#\d+\) removed/);
		const verify = cli(srv, ['audit', 'verify', '--db', srv.db]);
		assert.equal(verify.status, 0, verify.stderr);
	});
});

describe('the CLI', () => {
	it('link add, list, remove and asset needs; bad input exits 2 or 1 and changes nothing', async () => {
		const a = await asset('CLI app', { confidentiality: 4, classification: 'confidential' });
		const b = await asset('CLI host', { confidentiality: 2 });
		const db = ['--db', srv.db];
		let r = cli(srv, ['link', 'add', ...db, '--type', 'asset', '--id', String(a.id), '--kind', 'depends_on', '--to', String(b.id)]);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /linked/);
		r = cli(srv, ['link', 'list', ...db, '--type', 'assets', '--id', String(b.id)]);
		assert.equal(r.status, 0, r.stderr);
		assert.equal(r.stdout, `incoming\tdepends_on\tUsed by\tasset\t${a.id}\tCLI app\t-\n`);
		r = cli(srv, ['asset', 'needs', ...db, '--id', String(b.id)]);
		assert.equal(r.status, 0, r.stderr);
		const lines = r.stdout.trim().split('\n');
		assert.equal(lines[0], `confidentiality\t2\t4\t#${a.id} CLI app`);
		assert.equal(lines[1], 'integrity\t-\t-\town');
		assert.equal(lines[3], `classification\tinternal\tconfidential\t#${a.id} CLI app`);

		const was = snapshot();
		r = cli(srv, ['link', 'add', ...db, '--type', 'asset', '--id', String(b.id), '--kind', 'depends_on', '--to', String(a.id)]);
		assert.equal(r.status, 1);
		assert.match(r.stderr, /close a circle/);
		r = cli(srv, ['link', 'add', ...db, '--type', 'asset', '--id', String(a.id), '--kind', 'owns', '--to', String(b.id)]);
		assert.equal(r.status, 2);
		assert.match(r.stderr, /depends_on/);
		r = cli(srv, ['link', 'add', ...db, '--type', 'gadget', '--id', '1', '--kind', 'x', '--to', '2']);
		assert.equal(r.status, 2);
		r = cli(srv, ['link', 'remove', ...db, '--type', 'asset', '--id', String(a.id), '--kind', 'depends_on', '--to', 'x']);
		assert.equal(r.status, 2);
		assert.deepEqual(snapshot(), was, 'refused CLI commands change nothing');

		r = cli(srv, ['link', 'remove', ...db, '--type', 'asset', '--id', String(a.id), '--kind', 'depends_on', '--to', String(b.id)]);
		assert.equal(r.status, 0, r.stderr);
		assert.equal((await getRecord(srv, 'asset', b.id)).effective_confidentiality, 2);
	});
});
