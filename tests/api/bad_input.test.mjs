// Bad input: every refused request answers with the right status and an
// application/problem+json body naming the problem, and changes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import {
	ENTITIES, api, assertFieldError, assertProblem, assertSecurityHeaders, create, getRecord, rawRequest,
	startServer, totalOf,
} from './harness.mjs';

let srv;
const targets = {}; // entity -> a live record that PATCH cases aim at

before(async () => {
	srv = await startServer();
	targets.asset = await create(srv, 'asset', { name: 'Target asset', asset_type: 'hardware', confidentiality: 2 });
	targets.risk = await create(srv, 'risk', { title: 'Target risk', likelihood: 2, impact: 3 });
	targets.document = await create(srv, 'document', { title: 'Target policy', doc_type: 'policy' });
	targets.supplier = await create(srv, 'supplier', { name: 'Target supplier' });
	targets.incident = await create(srv, 'incident', { title: 'Target incident' });
});
after(async () => { await srv?.stop(); });

/** Everything a refused request might have touched. */
async function snapshot() {
	const snap = { totals: {}, records: {} };
	for (const e of Object.keys(ENTITIES)) snap.totals[e] = await totalOf(srv, e);
	for (const [e, rec] of Object.entries(targets)) snap.records[e] = await getRecord(srv, e, rec.id);
	return snap;
}

async function assertUnchanged(before, what) {
	assert.deepEqual(await snapshot(), before, `${what}: a refused request must change nothing`);
}

const VALID = { name: 'Valid asset', asset_type: 'software' };
const asset = (extra) => ({ ...VALID, ...extra });
const long = (n, ch = 'x') => ch.repeat(n);

// ---------------------------------------------------------------------------
// The table. Each case: name, entity, op ('create' | 'patch'), body or raw,
// status, and optionally code (problem.code) and errors: [[field, code]]
// (code may be an array of acceptable codes).

const cases = [
	// body shape
	{ name: 'truncated JSON', entity: 'asset', raw: '{"name":', status: 400, code: 'bad_json' },
	{ name: 'unquoted key', entity: 'asset', raw: '{name: "x", "asset_type": "site"}', status: 400, code: 'bad_json' },
	{ name: 'trailing garbage', entity: 'asset', raw: '{"name":"x","asset_type":"site"} extra', status: 400, code: 'bad_json' },
	{ name: 'single quotes', entity: 'asset', raw: "{'name':'x'}", status: 400, code: 'bad_json' },
	{ name: 'empty body', entity: 'asset', raw: '', status: 400 },
	{ name: 'invalid UTF-8', entity: 'asset', raw: Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), status: 400 },
	{ name: 'an array body', entity: 'asset', raw: '[]', status: 400 },
	{ name: 'an array of an object', entity: 'asset', raw: '[{"name":"x","asset_type":"site"}]', status: 400 },
	{ name: 'a string body', entity: 'asset', raw: '"x"', status: 400 },
	{ name: 'a number body', entity: 'asset', raw: '42', status: 400 },
	{ name: 'a null body', entity: 'asset', raw: 'null', status: 400 },
	{ name: 'PATCH truncated JSON', entity: 'asset', op: 'patch', raw: '{', status: 400, code: 'bad_json' },
	{ name: 'PATCH array body', entity: 'asset', op: 'patch', raw: '[]', status: 400 },

	// unknown and read-only keys
	{ name: 'unknown field', entity: 'asset', body: asset({ colour: 'red' }), status: 400, errors: [['colour', 'unknown_field']] },
	{ name: 'field names are case-sensitive', entity: 'asset', body: { Name: 'x', asset_type: 'site' }, status: 400, errors: [['Name', 'unknown_field']] },
	{ name: 'another type\'s field', entity: 'asset', body: asset({ likelihood: 2 }), status: 400, errors: [['likelihood', 'unknown_field']] },
	...[['id', 5], ['version', 7], ['archived', true], ['created_at', '2020-01-01T00:00:00Z'],
		['created_by', 1], ['updated_at', '2020-01-01T00:00:00Z'], ['updated_by', 1]].map(([k, v]) => (
		{ name: `system key ${k}`, entity: 'asset', body: asset({ [k]: v }), status: 400, errors: [[k, 'read_only']] })),
	{ name: 'computed inherent_score', entity: 'risk', body: { title: 'R', inherent_score: 25 }, status: 400, errors: [['inherent_score', 'read_only']] },
	{ name: 'computed residual_score', entity: 'risk', body: { title: 'R', residual_score: 1 }, status: 400, errors: [['residual_score', 'read_only']] },
	{ name: 'PATCH unknown field', entity: 'asset', op: 'patch', body: { colour: 'red' }, status: 400, errors: [['colour', 'unknown_field']] },
	{ name: 'PATCH unknown field beside a good one', entity: 'asset', op: 'patch', body: { name: 'Renamed', colour: 'red' }, status: 400, errors: [['colour', 'unknown_field']] },
	{ name: 'PATCH version', entity: 'asset', op: 'patch', body: { version: 99 }, status: 400, errors: [['version', 'read_only']] },
	{ name: 'PATCH id', entity: 'asset', op: 'patch', body: { id: 12345 }, status: 400, errors: [['id', 'read_only']] },
	{ name: 'PATCH archived', entity: 'asset', op: 'patch', body: { archived: true }, status: 400, errors: [['archived', 'read_only']] },
	{ name: 'PATCH inherent_score', entity: 'risk', op: 'patch', body: { inherent_score: 1 }, status: 400, errors: [['inherent_score', 'read_only']] },

	// wrong JSON types
	{ name: 'number for text', entity: 'asset', body: asset({ name: 42 }), status: 422, errors: [['name', 'type']] },
	{ name: 'bool for text', entity: 'asset', body: asset({ name: true }), status: 422, errors: [['name', 'type']] },
	{ name: 'object for text', entity: 'asset', body: asset({ name: { a: 1 } }), status: 422, errors: [['name', 'type']] },
	{ name: 'array for text', entity: 'asset', body: asset({ name: ['x'] }), status: 422, errors: [['name', 'type']] },
	{ name: 'number for longtext', entity: 'asset', body: asset({ description: 7 }), status: 422, errors: [['description', 'type']] },
	{ name: 'number for enum', entity: 'asset', body: asset({ asset_type: 5 }), status: 422, errors: [['asset_type', 'type']] },
	{ name: 'string for int', entity: 'asset', body: asset({ confidentiality: '3' }), status: 422, errors: [['confidentiality', 'type']] },
	{ name: 'bool for int', entity: 'asset', body: asset({ confidentiality: true }), status: 422, errors: [['confidentiality', 'type']] },
	{ name: 'fraction for int', entity: 'asset', body: asset({ integrity: 2.5 }), status: 422, errors: [['integrity', ['type', 'range']]] },
	{ name: 'string for user', entity: 'asset', body: asset({ owner: '1' }), status: 422, errors: [['owner', 'type']] },
	{ name: 'string for reference', entity: 'risk', body: { title: 'R', asset: '1' }, status: 422, errors: [['asset', 'type']] },
	{ name: 'string for bool', entity: 'incident', body: { title: 'I', personal_data_breach: 'yes' }, status: 422, errors: [['personal_data_breach', 'type']] },
	{ name: 'number for bool', entity: 'incident', body: { title: 'I', personal_data_breach: 1 }, status: 422, errors: [['personal_data_breach', 'type']] },
	{ name: 'number for date', entity: 'risk', body: { title: 'R', review_date: 20250101 }, status: 422, errors: [['review_date', 'type']] },
	{ name: 'number for email', entity: 'supplier', body: { name: 'S', contact_email: 5 }, status: 422, errors: [['contact_email', 'type']] },
	{ name: 'PATCH string for int', entity: 'asset', op: 'patch', body: { confidentiality: 'high' }, status: 422, errors: [['confidentiality', 'type']] },

	// too long
	{ name: 'name of 201 chars', entity: 'asset', body: asset({ name: long(201) }), status: 422, errors: [['name', 'too_long']] },
	{ name: 'name of 201 non-ASCII chars', entity: 'asset', body: asset({ name: long(201, 'é') }), status: 422, errors: [['name', 'too_long']] },
	{ name: 'description of 4001 chars', entity: 'asset', body: asset({ description: long(4001) }), status: 422, errors: [['description', 'too_long']] },
	{ name: 'location of 201 chars', entity: 'asset', body: asset({ location: long(201) }), status: 422, errors: [['location', 'too_long']] },
	{ name: 'risk title of 201 chars', entity: 'risk', body: { title: long(201) }, status: 422, errors: [['title', 'too_long']] },
	{ name: 'control code of 51 chars', entity: 'control', body: { title: 'C', code: long(51) }, status: 422, errors: [['code', 'too_long']] },
	{ name: 'document summary of 501 chars', entity: 'document', body: { title: 'D', doc_type: 'plan', summary: long(501) }, status: 422, errors: [['summary', 'too_long']] },
	{ name: 'document version_label of 21 chars', entity: 'document', body: { title: 'D', doc_type: 'plan', version_label: long(21) }, status: 422, errors: [['version_label', 'too_long']] },
	{ name: 'document body of 200001 chars', entity: 'document', body: { title: 'D', doc_type: 'plan', body: long(200001) }, status: 422, errors: [['body', 'too_long']] },
	{ name: 'supplier service of 501 chars', entity: 'supplier', body: { name: 'S', service: long(501) }, status: 422, errors: [['service', 'too_long']] },
	{ name: 'PATCH name of 201 chars', entity: 'asset', op: 'patch', body: { name: long(201) }, status: 422, errors: [['name', 'too_long']] },

	// enums
	{ name: 'unknown asset_type', entity: 'asset', body: asset({ asset_type: 'banana' }), status: 422, errors: [['asset_type', 'enum']] },
	{ name: 'enum values are case-sensitive', entity: 'asset', body: asset({ asset_type: 'Software' }), status: 422, errors: [['asset_type', 'enum']] },
	{ name: 'unknown classification', entity: 'asset', body: asset({ classification: 'secret' }), status: 422, errors: [['classification', 'classification']] },
	{ name: 'unknown lifecycle', entity: 'asset', body: asset({ lifecycle: 'dead' }), status: 422, errors: [['lifecycle', 'enum']] },
	{ name: 'unknown risk treatment', entity: 'risk', body: { title: 'R', treatment: 'ignore' }, status: 422, errors: [['treatment', 'enum']] },
	{ name: 'unknown risk status', entity: 'risk', body: { title: 'R', status: 'open' }, status: 422, errors: [['status', 'enum']] },
	{ name: 'unknown control_type', entity: 'control', body: { title: 'C', control_type: 'deterrent' }, status: 422, errors: [['control_type', 'enum']] },
	{ name: 'unknown doc_type', entity: 'document', body: { title: 'D', doc_type: 'memo' }, status: 422, errors: [['doc_type', 'enum']] },
	{ name: 'unknown incident category', entity: 'incident', body: { title: 'I', category: 'spam' }, status: 422, errors: [['category', 'enum']] },
	{ name: 'unknown severity', entity: 'incident', body: { title: 'I', severity: 'urgent' }, status: 422, errors: [['severity', 'enum']] },
	{ name: 'unknown data_access', entity: 'supplier', body: { name: 'S', data_access: 'everything' }, status: 422, errors: [['data_access', 'enum']] },
	{ name: 'unknown task priority', entity: 'task', body: { title: 'T', priority: 'urgent' }, status: 422, errors: [['priority', 'enum']] },
	{ name: 'PATCH unknown risk status', entity: 'risk', op: 'patch', body: { status: 'done' }, status: 422, errors: [['status', 'enum']] },

	// integer ranges
	{ name: 'confidentiality 0', entity: 'asset', body: asset({ confidentiality: 0 }), status: 422, errors: [['confidentiality', 'range']] },
	{ name: 'confidentiality 5', entity: 'asset', body: asset({ confidentiality: 5 }), status: 422, errors: [['confidentiality', 'range']] },
	{ name: 'integrity -1', entity: 'asset', body: asset({ integrity: -1 }), status: 422, errors: [['integrity', 'range']] },
	{ name: 'availability 5', entity: 'asset', body: asset({ availability: 5 }), status: 422, errors: [['availability', 'range']] },
	// likelihood and impact: values of the risk method's scales (default 1 to 5)
	{ name: 'likelihood 0', entity: 'risk', body: { title: 'R', likelihood: 0 }, status: 422, errors: [['likelihood', 'scale']] },
	{ name: 'likelihood 6', entity: 'risk', body: { title: 'R', likelihood: 6 }, status: 422, errors: [['likelihood', 'scale']] },
	{ name: 'impact 6', entity: 'risk', body: { title: 'R', impact: 6 }, status: 422, errors: [['impact', 'scale']] },
	{ name: 'residual_likelihood 6', entity: 'risk', body: { title: 'R', residual_likelihood: 6 }, status: 422, errors: [['residual_likelihood', 'scale']] },
	{ name: 'residual_impact 0', entity: 'risk', body: { title: 'R', residual_impact: 0 }, status: 422, errors: [['residual_impact', 'scale']] },
	{ name: 'a huge likelihood', entity: 'risk', body: { title: 'R', likelihood: 4294967297 }, status: 422, errors: [['likelihood', 'range']] },
	{ name: 'review_interval_months 0', entity: 'document', body: { title: 'D', doc_type: 'plan', review_interval_months: 0 }, status: 422, errors: [['review_interval_months', 'range']] },
	{ name: 'review_interval_months 61', entity: 'document', body: { title: 'D', doc_type: 'plan', review_interval_months: 61 }, status: 422, errors: [['review_interval_months', 'range']] },
	{ name: 'PATCH likelihood 6', entity: 'risk', op: 'patch', body: { likelihood: 6 }, status: 422, errors: [['likelihood', 'scale']] },
	{ name: 'PATCH good name with bad confidentiality', entity: 'asset', op: 'patch', body: { name: 'Renamed', confidentiality: 9 }, status: 422, errors: [['confidentiality', 'range']] },

	// dates and datetimes
	...['2025-13-01', '2025-00-10', '2025-02-30', '2025-02-29', '2025-04-31', '2025-2-3', '25-01-01', '2025/01/01',
		'2025-01-01T10:00', 'tomorrow', '2025-01-01x'].map((d) => (
		{ name: `date "${d}"`, entity: 'risk', body: { title: 'R', review_date: d }, status: 422, errors: [['review_date', 'date']] })),
	{ name: 'control last_tested bad date', entity: 'control', body: { title: 'C', last_tested: '2025-06-31' }, status: 422, errors: [['last_tested', 'date']] },
	{ name: 'supplier contract_end bad date', entity: 'supplier', body: { name: 'S', contract_end: 'end of year' }, status: 422, errors: [['contract_end', 'date']] },
	{ name: 'task due_date bad date', entity: 'task', body: { title: 'T', due_date: '31.12.2025' }, status: 422, errors: [['due_date', 'date']] },
	{ name: 'document approved_at is set by the workflow', entity: 'document', body: { title: 'D', doc_type: 'plan', approved_at: '2025-01-01' }, status: 400, errors: [['approved_at', 'read_only']] },
	{ name: 'document state is set by the workflow', entity: 'document', body: { title: 'D', doc_type: 'plan', state: 'published' }, status: 400, errors: [['state', 'read_only']] },
	...['yesterday', '2025-03-01T25:00', '2025-03-01T10:60', '2025-03-32T10:00', '2025-03-01T10:00:61Z', '2025-03-01T10'].map((d) => (
		{ name: `datetime "${d}"`, entity: 'incident', body: { title: 'I', occurred_at: d }, status: 422, errors: [['occurred_at', ['date', 'datetime']]] })),
	{ name: 'task completed_at bad datetime', entity: 'task', body: { title: 'T', completed_at: 'now' }, status: 422, errors: [['completed_at', ['date', 'datetime']]] },
	{ name: 'PATCH bad date', entity: 'risk', op: 'patch', body: { review_date: '2025-02-30' }, status: 422, errors: [['review_date', 'date']] },

	// required
	{ name: 'empty object', entity: 'asset', body: {}, status: 422, errors: [['name', 'required'], ['asset_type', 'required']] },
	{ name: 'missing name', entity: 'asset', body: { asset_type: 'site' }, status: 422, errors: [['name', 'required']] },
	{ name: 'null name', entity: 'asset', body: { name: null, asset_type: 'site' }, status: 422, errors: [['name', 'required']] },
	{ name: 'missing asset_type', entity: 'asset', body: { name: 'A' }, status: 422, errors: [['asset_type', 'required']] },
	...Object.entries(ENTITIES).map(([e, ent]) => (
		{ name: `${e} with no fields`, entity: e, body: {}, status: 422, errors: Object.keys(ent.required).map((f) => [f, 'required']) })),
	{ name: 'document without doc_type', entity: 'document', body: { title: 'D' }, status: 422, errors: [['doc_type', 'required']] },
	{ name: 'PATCH required field to null', entity: 'asset', op: 'patch', body: { name: null }, status: 422, errors: [['name', 'required']] },
	{ name: 'PATCH required enum to null', entity: 'document', op: 'patch', body: { doc_type: null }, status: 422, errors: [['doc_type', 'required']] },
	{ name: 'PATCH risk title to null', entity: 'risk', op: 'patch', body: { title: null }, status: 422, errors: [['title', 'required']] },

	// email
	...['not-an-email', 'a@', '@vendor.example', 'a b@vendor.example', 'a@@vendor.example'].map((m) => (
		{ name: `email "${m}"`, entity: 'supplier', body: { name: 'S', contact_email: m }, status: 422, errors: [['contact_email', 'email']] })),
	{ name: 'PATCH bad email', entity: 'supplier', op: 'patch', body: { contact_email: 'nope' }, status: 422, errors: [['contact_email', 'email']] },

	// references
	{ name: 'unknown asset reference', entity: 'risk', body: { title: 'R', asset: 99999 }, status: 422, errors: [['asset', 'reference']] },
	{ name: 'unknown owner', entity: 'asset', body: asset({ owner: 99999 }), status: 422, errors: [['owner', 'reference']] },
	{ name: 'unknown reporter', entity: 'incident', body: { title: 'I', reporter: 99999 }, status: 422, errors: [['reporter', 'reference']] },
	{ name: 'PATCH unknown owner', entity: 'risk', op: 'patch', body: { owner: 99999 }, status: 422, errors: [['owner', 'reference']] },
	{ name: 'PATCH unknown incident asset', entity: 'incident', op: 'patch', body: { asset: 99999 }, status: 422, errors: [['asset', 'reference']] },

	// several problems are reported at once
	{
		name: 'three bad fields', entity: 'asset', body: { name: 42, asset_type: 'banana', confidentiality: 9 }, status: 422,
		errors: [['name', 'type'], ['asset_type', 'enum'], ['confidentiality', 'range']],
	},

	// content type
	{ name: 'text/plain', entity: 'asset', raw: JSON.stringify(VALID), headers: { 'Content-Type': 'text/plain' }, status: 415 },
	{ name: 'form encoding', entity: 'asset', raw: 'name=x&asset_type=site', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, status: 415 },
	{ name: 'application/jsonx', entity: 'asset', raw: JSON.stringify(VALID), headers: { 'Content-Type': 'application/jsonx' }, status: 415 },
];

describe('refused input', () => {
	for (const c of cases) {
		const op = c.op || 'create';
		it(`${c.entity} ${op}: ${c.name} → ${c.status}${c.code ? ` ${c.code}` : ''}`, async () => {
			const before = await snapshot();
			const { plural } = ENTITIES[c.entity];
			let res;
			if (op === 'create') {
				res = await api(srv, 'POST', `/api/v1/${plural}`, { body: c.body, raw: c.raw, headers: c.headers });
			} else {
				const rec = before.records[c.entity];
				res = await api(srv, 'PATCH', `/api/v1/${plural}/${rec.id}`, {
					body: c.body, raw: c.raw, headers: { 'If-Match': `"${rec.version}"`, ...(c.headers || {}) },
				});
			}
			const problem = assertProblem(res, c.status, c.name);
			assertSecurityHeaders(res, c.name);
			if (c.code) assert.equal(problem.code, c.code, 'problem.code');
			for (const [field, code] of c.errors || []) assertFieldError(problem, field, code);
			await assertUnchanged(before, c.name);
		});
	}
});

describe('body size limit', () => {
	it('a body over 1 MiB is 413 and creates nothing', async () => {
		const before = await snapshot();
		const body = JSON.stringify(asset({ description: long(1024 * 1024 + 10) }));
		const res = await rawRequest(srv, 'POST', '/api/v1/assets',
			{ Authorization: `Bearer ${srv.token}`, 'Content-Type': 'application/json' }, body);
		assert.equal(res.status, 413, `${res.head}\n${res.text.slice(0, 300)}`);
		assert.match(res.head, /\r\ncontent-type: application\/problem\+json/i);
		await assertUnchanged(before, '413');
		// and the server still serves
		assert.equal((await api(srv, 'GET', '/healthz', { token: null })).status, 200);
	});

	it('a PATCH body over 1 MiB is 413 and changes nothing', async () => {
		const before = await snapshot();
		const rec = before.records.asset;
		const body = JSON.stringify({ description: long(2 * 1024 * 1024) });
		const res = await rawRequest(srv, 'PATCH', `/api/v1/assets/${rec.id}`,
			{ Authorization: `Bearer ${srv.token}`, 'Content-Type': 'application/json', 'If-Match': `"${rec.version}"` }, body);
		assert.equal(res.status, 413, `${res.head}\n${res.text.slice(0, 300)}`);
		await assertUnchanged(before, '413 patch');
	});

	it('a body just under 1 MiB is read and validated (422, not 413)', async () => {
		const before = await snapshot();
		const body = JSON.stringify(asset({ description: long(1000 * 1000) }));
		assert.ok(Buffer.byteLength(body) < 1024 * 1024);
		const res = await api(srv, 'POST', '/api/v1/assets', { raw: body });
		assertFieldError(assertProblem(res, 422), 'description', 'too_long');
		await assertUnchanged(before, 'big 422');
	});
});

describe('routes and methods', () => {
	const notFound = [
		['GET', '/api/v1/widgets'],
		['POST', '/api/v1/widgets'],
		['GET', '/api/v1/assets/abc'],
		['GET', '/api/v1/assets/1abc'],
		['GET', '/api/v1/assets/-1'],
		['GET', '/api/v1/assets/0'],
		['GET', '/api/v1/assets/99999'],
		['GET', '/api/v1/assets/1/extra'],
		['PATCH', '/api/v1/assets/99999'],
		['DELETE', '/api/v1/assets/99999'],
		['PATCH', '/api/v1/assets/abc'],
		['DELETE', '/api/v1/assets/abc'],
	];
	for (const [method, path] of notFound) {
		it(`${method} ${path} → 404`, async () => {
			const before = await snapshot();
			const opts = method === 'GET' ? {} : { headers: { 'If-Match': '"1"' }, body: method === 'DELETE' ? undefined : { name: 'x', asset_type: 'site' } };
			const res = await api(srv, method, path, opts);
			assertProblem(res, 404, `${method} ${path}`);
			assertSecurityHeaders(res, `${method} ${path}`);
			await assertUnchanged(before, `${method} ${path}`);
		});
	}

	const wrongMethod = [
		['PUT', '/api/v1/assets', true],
		['DELETE', '/api/v1/assets', false],
		['PATCH', '/api/v1/assets', true],
		['POST', 'ASSET', true],
		['PUT', 'ASSET', true],
		['PUT', '/api/v1/risks', true],
		['GET', '/api/v1/login', false],
		['DELETE', '/api/v1/me', false],
		['GET', '/api/v1/logout', false],
	];
	for (const [method, p, withBody] of wrongMethod) {
		it(`${method} ${p} → 405`, async () => {
			const path = p === 'ASSET' ? `/api/v1/assets/${targets.asset.id}` : p;
			const before = await snapshot();
			const res = await api(srv, method, path, withBody ? { body: VALID, headers: { 'If-Match': `"${before.records.asset.version}"` } } : {});
			assertProblem(res, 405, `${method} ${path}`);
			assertSecurityHeaders(res, `${method} ${path}`);
			await assertUnchanged(before, `${method} ${path}`);
		});
	}

	it('POST /healthz → 405', async () => {
		const res = await api(srv, 'POST', '/healthz', { token: null, body: {} });
		assert.equal(res.status, 405);
		assertSecurityHeaders(res, 'POST /healthz');
	});
});

describe('bad list queries', () => {
	const queries = [
		['assets', 'colour=red'],
		['assets', 'Name=x'],
		['assets', 'sort=colour'],
		['assets', 'sort=-colour'],
		['assets', 'sort=--name'],
		['assets', 'limit=0'],
		['assets', 'limit=501'],
		['assets', 'limit=-1'],
		['assets', 'limit=abc'],
		['assets', 'limit=1.5'],
		['assets', 'offset=-1'],
		['assets', 'offset=abc'],
		['assets', 'confidentiality=abc'],
		['assets', 'owner=abc'],
		['risks', 'likelihood=x'],
		['risks', 'sort=inherent_scor'],
		['incidents', 'personal_data_breach=maybe'],
		['risks', 'review_date=soon'],
	];
	for (const [plural, query] of queries) {
		it(`GET /api/v1/${plural}?${query} → 400`, async () => {
			const res = await api(srv, 'GET', `/api/v1/${plural}?${query}`);
			assertProblem(res, 400, query);
			assertSecurityHeaders(res, query);
		});
	}
});

describe('accepted edge values', () => {
	const ok = [
		['name of exactly 200 chars', 'asset', asset({ name: long(200) })],
		['name of 200 two-byte chars', 'asset', asset({ name: long(200, 'é') })],
		['name of 200 astral-plane chars', 'asset', asset({ name: long(200, '😀') })],
		['description of 4000 chars', 'asset', asset({ description: long(4000) })],
		['confidentiality 1 and availability 4', 'asset', asset({ confidentiality: 1, availability: 4 })],
		['likelihood 1 and impact 5', 'risk', { title: 'R', likelihood: 1, impact: 5 }],
		['leap day', 'risk', { title: 'R', review_date: '2024-02-29' }],
		['review_interval_months 1', 'document', { title: 'D', doc_type: 'plan', review_interval_months: 1 }],
		['review_interval_months 60', 'document', { title: 'D', doc_type: 'plan', review_interval_months: 60 }],
		['document body of 200000 chars', 'document', { title: 'D', doc_type: 'plan', body: long(200000) }],
		['a plain email', 'supplier', { name: 'S', contact_email: 'a@b.example' }],
		['optional fields null', 'asset', asset({ owner: null, description: null, confidentiality: null })],
		['multi-line longtext', 'asset', asset({ description: 'line 1\nline 2\n\ttabbed "quoted" \\ back' })],
	];
	for (const [name, entity, body] of ok) {
		it(`${entity}: ${name} → 201 and stored as sent`, async () => {
			const rec = await create(srv, entity, body);
			for (const [k, v] of Object.entries(body)) assert.deepEqual(rec[k], v, k);
			assert.deepEqual(await getRecord(srv, entity, rec.id), rec);
		});
	}

	it('application/json; charset=utf-8 is accepted', async () => {
		const res = await api(srv, 'POST', '/api/v1/assets', {
			raw: JSON.stringify(asset({ name: 'Charset' })), headers: { 'Content-Type': 'application/json; charset=utf-8' },
		});
		assert.equal(res.status, 201, res.text);
		assert.equal(res.json.name, 'Charset');
	});

	it('JSON \\u escapes are decoded', async () => {
		const res = await api(srv, 'POST', '/api/v1/assets', { raw: '{"name":"caf\\u00e9 \\ud83d\\ude00","asset_type":"site"}' });
		assert.equal(res.status, 201, res.text);
		assert.equal(res.json.name, 'café 😀');
	});

	it('PATCH with an empty object changes nothing', async () => {
		const rec = await getRecord(srv, 'asset', targets.asset.id);
		const res = await api(srv, 'PATCH', `/api/v1/assets/${rec.id}`, { headers: { 'If-Match': `"${rec.version}"` }, body: {} });
		assert.equal(res.status, 200, res.text);
		for (const f of ENTITIES.asset.fields) assert.deepEqual(res.json[f], rec[f], f);
	});
});
