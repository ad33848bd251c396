// Create / read / list / update / archive for every record type, computed
// fields, references, and list filters, search, sorting and paging.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import {
	ENTITIES, SYSTEM_KEYS, api, assertFieldError, assertProblem, create, etag, getRecord, startServer,
	totalOf,
} from './harness.mjs';

let srv;
let adminId;
before(async () => {
	srv = await startServer();
	const me = await api(srv, 'GET', '/api/v1/me');
	assert.equal(me.status, 200, me.text);
	adminId = me.json.id;
});
after(async () => { await srv?.stop(); });

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T/;

async function listAll(entity, query = '') {
	const res = await api(srv, 'GET', `/api/v1/${ENTITIES[entity].plural}?limit=500${query}`);
	assert.equal(res.status, 200, res.text);
	return res.json;
}

// ---------------------------------------------------------------------------

for (const [entity, ent] of Object.entries(ENTITIES)) {
	describe(`${entity}: lifecycle`, () => {
		const url = `/api/v1/${ent.plural}`;
		let rec; // the record as last seen
		let liveBefore; // live records before this one was created

		it('POST with only the required fields is 201 with Location, ETag and defaults', async () => {
			liveBefore = (await listAll(entity)).total;
			const res = await api(srv, 'POST', url, { body: ent.required });
			assert.equal(res.status, 201, res.text);
			rec = res.json;
			assert.equal(typeof rec.id, 'number');
			assert.ok(Number.isInteger(rec.id) && rec.id > 0);
			assert.equal(res.headers.get('location'), `${url}/${rec.id}`);
			assert.equal(res.headers.get('etag'), '"1"');

			assert.deepEqual(Object.keys(rec).sort(), [...SYSTEM_KEYS, ...ent.fields, ...(ent.extras ?? [])].sort(), 'record keys');
			assert.equal(rec.version, 1);
			assert.equal(rec.archived, false);
			assert.equal(rec.created_by, adminId);
			assert.equal(rec.updated_by, adminId);
			assert.match(rec.created_at, TIMESTAMP);
			assert.match(rec.updated_at, TIMESTAMP);
			for (const f of ent.fields) {
				if (f in ent.required) assert.equal(rec[f], ent.required[f], `field ${f}`);
				else if (f in ent.defaults) assert.equal(rec[f], ent.defaults[f], `default of ${f}`);
				else if (ent.callerDefaults?.includes(f)) assert.equal(rec[f], adminId, `${f} defaults to the creator`);
				else assert.equal(rec[f], null, `unset field ${f} should be null`);
			}
		});

		it('GET returns the same record with ETag "1"', async () => {
			const res = await api(srv, 'GET', `${url}/${rec.id}`);
			assert.equal(res.status, 200, res.text);
			assert.equal(res.headers.get('etag'), '"1"');
			assert.deepEqual(res.json, rec);
		});

		it('the list shows it and counts it', async () => {
			const res = await api(srv, 'GET', url);
			assert.equal(res.status, 200, res.text);
			assert.deepEqual(Object.keys(res.json).sort(), ['items', 'limit', 'offset', 'total']);
			assert.equal(res.json.total, liveBefore + 1);
			assert.equal(res.json.limit, 25);
			assert.equal(res.json.offset, 0);
			const all = await listAll(entity);
			assert.deepEqual(all.items.find((r) => r.id === rec.id), rec);
		});

		it('PATCH with If-Match "1" changes only the given fields and bumps the version', async () => {
			const res = await api(srv, 'PATCH', `${url}/${rec.id}`, {
				headers: { 'If-Match': '"1"' }, body: ent.textEdit,
			});
			assert.equal(res.status, 200, res.text);
			assert.deepEqual(res.json, { ...rec, ...ent.textEdit, version: 2, updated_at: res.json.updated_at });
			assert.match(res.json.updated_at, TIMESTAMP);
			assert.ok(res.json.updated_at >= rec.updated_at, 'updated_at must not go back');
			rec = res.json;
			const again = await api(srv, 'GET', `${url}/${rec.id}`);
			assert.equal(again.headers.get('etag'), '"2"');
			assert.deepEqual(again.json, rec);
		});

		it('PATCH with a bare-number If-Match works', async () => {
			const res = await api(srv, 'PATCH', `${url}/${rec.id}`, {
				headers: { 'If-Match': String(rec.version) }, body: ent.enumEdit,
			});
			assert.equal(res.status, 200, res.text);
			assert.deepEqual(res.json, { ...rec, ...ent.enumEdit, version: 3, updated_at: res.json.updated_at });
			rec = res.json;
		});

		it('PATCH with a stale If-Match is 412 and changes nothing', async () => {
			const res = await api(srv, 'PATCH', `${url}/${rec.id}`, {
				headers: { 'If-Match': '"1"' }, body: ent.required,
			});
			assertProblem(res, 412);
			assert.deepEqual(await getRecord(srv, entity, rec.id), rec);
		});

		it('PATCH without If-Match is 428 and changes nothing', async () => {
			const res = await api(srv, 'PATCH', `${url}/${rec.id}`, { body: ent.required });
			assertProblem(res, 428);
			assert.deepEqual(await getRecord(srv, entity, rec.id), rec);
		});

		it('DELETE with a stale If-Match is 412 and changes nothing', async () => {
			const res = await api(srv, 'DELETE', `${url}/${rec.id}`, { headers: { 'If-Match': '"2"' } });
			assertProblem(res, 412);
			assert.deepEqual(await getRecord(srv, entity, rec.id), rec);
		});

		it('DELETE is 204 and archives: GET still shows the record with archived true', async () => {
			const res = await api(srv, 'DELETE', `${url}/${rec.id}`, { headers: { 'If-Match': etag(rec.version) } });
			assert.equal(res.status, 204, res.text);
			assert.equal(res.text, '');
			const got = await getRecord(srv, entity, rec.id);
			assert.equal(got.archived, true);
			assert.equal(got.version, rec.version + 1, 'archiving is a change: version + 1');
			for (const f of ent.fields) assert.deepEqual(got[f], rec[f], `archiving must not change ${f}`);
			rec = got;
		});

		it('the list leaves archived records out unless archived=true', async () => {
			const live = await listAll(entity);
			assert.equal(live.total, liveBefore);
			assert.equal(live.items.find((r) => r.id === rec.id), undefined);
			const withArchived = await listAll(entity, '&archived=true');
			assert.ok(withArchived.total >= liveBefore + 1);
			assert.deepEqual(withArchived.items.find((r) => r.id === rec.id), rec);
		});

		it('DELETE of an archived record is 409', async () => {
			assertProblem(await api(srv, 'DELETE', `${url}/${rec.id}`), 409);
			assert.deepEqual(await getRecord(srv, entity, rec.id), rec);
		});

		it('PATCH of an archived record is 409', async () => {
			const res = await api(srv, 'PATCH', `${url}/${rec.id}`, {
				headers: { 'If-Match': etag(rec.version) }, body: ent.textEdit,
			});
			assertProblem(res, 409);
			assert.deepEqual(await getRecord(srv, entity, rec.id), rec);
		});
	});
}

// ---------------------------------------------------------------------------

describe('every field round-trips', () => {
	const ids = {};
	const full = {
		asset: () => ({
			name: 'Payroll database', asset_type: 'information', description: 'Salaries, bank data.\nGrößen: 日本語 ✓',
			owner: adminId, classification: 'restricted', confidentiality: 4, integrity: 3, availability: 1,
			location: 'eu-west-1', lifecycle: 'planned',
		}),
		control: () => ({
			code: 'A.5.15', title: 'Access control', description: 'Rules for access', control_type: 'preventive',
			owner: adminId, status: 'implemented', implementation: 'SSO with MFA', evidence: 'IdP config export',
			effectiveness: 'effective', last_tested: '2025-06-30', next_review: '2026-06-30',
		}),
		risk: () => ({
			title: 'Payroll data leak', description: 'Exfiltration of salaries', asset: ids.asset, threat: ids.threat,
			vulnerability: ids.vulnerability, owner: adminId, likelihood: 2, impact: 5,
			existing_controls: 'Logging', treatment: 'modify', treatment_plan: 'Restrict access',
			share_party: 'Payroll provider', share_mechanism: 'outsourcing', avoid_activity: 'Paper payslips',
			residual_likelihood: 1, residual_impact: 3, status: 'treatment_planned', review_date: '2024-02-29',
		}),
		document: () => ({
			title: 'Access policy', doc_type: 'procedure', summary: 'Who gets access to what',
			body: '# Access\n\nAll access is *need to know*.\n', owner: adminId, change_note: 'First issue',
			version_label: '1.0', classification: 'confidential', review_interval_months: 24,
		}),
		incident: () => ({
			title: 'Phishing wave', description: 'Fake invoices', category: 'phishing', severity: 'critical',
			status: 'closed', reporter: adminId, handler: adminId, asset: ids.asset, personal_data_breach: true,
			occurred_at: '2025-03-01T08:00:00Z', detected_at: '2025-03-01T09:00:00Z',
			reported_at: '2025-03-01T09:30:00Z', responded_at: '2025-03-01T10:00:00Z',
			contained_at: '2025-03-01T12:00:00Z', resolved_at: '2025-03-02T12:00:00Z',
			closed_at: '2025-03-05T12:00:00Z', lessons_learned: 'Train staff',
			regulator_notified_at: '2025-03-02T08:00:00Z',
		}),
		nonconformity: () => ({
			title: 'Phishing training missed', source: 'incident', incident: ids.incident,
			audit_reference: 'IA-2025-03 finding 4', description: 'Staff were not trained', severity: 'major',
			raised_by: adminId, owner: adminId, detected_on: '2025-03-02', due_date: '2025-04-30',
			status: 'closed', correction: 'Mail recalled', root_cause: 'No induction training',
			effectiveness_checked_by: adminId, effectiveness_checked_on: '2025-04-20', effectiveness_result: 'effective',
			effectiveness_notes: 'No clicks in the next campaign',
		}),
		supplier: () => ({
			name: 'Cloud Payroll Ltd', service: 'Payroll processing', data_access: 'personal_data',
			criticality: 'high', status: 'prospective', owner: adminId, contact_name: 'Jane Roe',
			contact_email: 'jane.roe@vendor.example', contract_start: '2025-01-01', contract_end: '2027-12-31',
			last_review: '2025-01-01', next_review: '2026-01-01', notes: 'DPA signed',
			data_categories: 'Salaries, bank details',
		}),
		review: () => ({
			title: 'Annual review', review_date: '2025-06-30', chair: adminId, status: 'closed',
			external_attendees: 'A. Auditor (Audit Co)', feedback: 'Customers asked for SOC 2',
			improvement: 'Automate access reviews', minutes: 'All inputs discussed', decisions: 'Fund an MDM',
		}),
		threat: () => ({
			name: 'Insider', family: 'malicious', description: 'A staff member copies salaries', confidentiality: true,
			integrity: false, availability: true,
		}),
		vulnerability: () => ({ name: 'Broad read access', category: 'technical', description: 'Everyone reads HR' }),
		course: () => ({
			title: 'Security basics', summary: 'Phishing and passwords', content: '# Welcome\n\nRead this first.',
			pass_mark: 70, renewal_months: 24, status: 'retired',
		}),
		issue: () => ({
			title: 'New breach reporting law', kind: 'external', category: 'legal', description: 'A national act',
			effect: 'Breaches must be reported within 24 hours', owner: adminId, status: 'monitoring',
			review_date: '2026-03-31',
		}),
		interested_party: () => ({
			name: 'Data protection authority', kind: 'regulator', description: 'Supervises personal data',
			influence: 'high', owner: adminId, review_date: '2026-06-30',
		}),
		party_requirement: () => ({
			requirement: 'Report breaches within 72 hours', party: ids.interested_party, requirement_type: 'legal',
			source: 'GDPR Art. 33', details: 'To the lead authority', addressed: true,
		}),
		process: () => ({ name: 'Change management', description: 'From request to release', owner: adminId, status: 'retired' }),
		task: () => ({
			title: 'Review access rights', description: 'Quarterly review', owner: adminId, due_date: '2025-12-31',
			status: 'done', priority: 'low', risk: ids.risk, control: ids.control, incident: ids.incident,
			nonconformity: ids.nonconformity, review: ids.review, completed_at: '2025-02-03T04:05:06Z',
		}),
	};
	const computed = {
		// with no dependencies, an asset's effective protection needs are its own
		asset: { effective_confidentiality: 4, effective_integrity: 3, effective_availability: 1, effective_classification: 'restricted' },
		risk: { inherent_score: 10, residual_score: 3, inherent_level: 'high', residual_level: 'low', method_version: 1 },
		document: { state: 'draft', version_number: 1, approver: null, approved_at: null, next_review: null, published_version: null, published_at: null },
		// closing stamps the day it was closed
		nonconformity: { closed_on: new Date().toISOString().slice(0, 10) },
		// inputs compiled on the day it is made; closing stamps the day
		review: { compiled_on: new Date().toISOString().slice(0, 10), closed_on: new Date().toISOString().slice(0, 10) },
		supplier: { last_result: null } };

	// in dependency order: risks refer to threats and vulnerabilities; nonconformities to incidents; tasks to
	// risks, controls, incidents and nonconformities
	for (const entity of ['asset', 'control', 'threat', 'vulnerability', 'risk', 'document', 'incident', 'nonconformity',
		'supplier', 'review', 'task', 'course', 'issue', 'interested_party', 'party_requirement', 'process']) {
		it(`${entity} with every field set`, async () => {
			const body = full[entity]();
			assert.deepEqual(Object.keys(body).sort(),
				ENTITIES[entity].fields.filter((f) => !ENTITIES[entity].computed.includes(f)).sort(),
				'test data must set every writable field');
			const rec = await create(srv, entity, body);
			ids[entity] = rec.id;
			const expected = { ...body, ...(computed[entity] || {}) };
			for (const f of ENTITIES[entity].fields) assert.deepEqual(rec[f], expected[f], `field ${f}`);
			assert.deepEqual(await getRecord(srv, entity, rec.id), rec);
		});
	}
});

describe('risk: computed scores', () => {
	let rec;
	it('inherent_score = likelihood * impact on create; residual_score null when unset', async () => {
		rec = await create(srv, 'risk', { title: 'Scored risk', likelihood: 3, impact: 4 });
		assert.equal(rec.inherent_score, 12);
		assert.equal(rec.residual_score, null);
	});

	it('inherent_score follows a PATCH of likelihood', async () => {
		const res = await api(srv, 'PATCH', `/api/v1/risks/${rec.id}`, { headers: { 'If-Match': etag(rec.version) }, body: { likelihood: 5 } });
		assert.equal(res.status, 200, res.text);
		assert.equal(res.json.impact, 4);
		assert.equal(res.json.inherent_score, 20);
		rec = res.json;
		assert.equal((await getRecord(srv, 'risk', rec.id)).inherent_score, 20);
	});

	it('residual_score = residual_likelihood * residual_impact', async () => {
		const res = await api(srv, 'PATCH', `/api/v1/risks/${rec.id}`, {
			headers: { 'If-Match': etag(rec.version) }, body: { residual_likelihood: 2, residual_impact: 1 },
		});
		assert.equal(res.status, 200, res.text);
		assert.equal(res.json.residual_score, 2);
		assert.equal(res.json.inherent_score, 20);
		rec = res.json;
	});

	it('clearing impact clears inherent_score', async () => {
		const res = await api(srv, 'PATCH', `/api/v1/risks/${rec.id}`, { headers: { 'If-Match': etag(rec.version) }, body: { impact: null } });
		assert.equal(res.status, 200, res.text);
		assert.equal(res.json.impact, null);
		assert.equal(res.json.inherent_score, null);
		assert.equal(res.json.residual_score, 2);
	});
});

describe('incident: datetimes and booleans', () => {
	it('datetimes are normalised to YYYY-MM-DDTHH:MM:SSZ', async () => {
		const rec = await create(srv, 'incident', {
			title: 'Lost laptop', occurred_at: '2025-03-01T10:15', detected_at: '2025-03-01T10:20:30Z',
			reported_at: '2025-03-01T10:25:00', responded_at: '2025-03-01T10:30Z', personal_data_breach: true,
		});
		assert.equal(rec.occurred_at, '2025-03-01T10:15:00Z');
		assert.equal(rec.detected_at, '2025-03-01T10:20:30Z');
		assert.equal(rec.reported_at, '2025-03-01T10:25:00Z');
		assert.equal(rec.responded_at, '2025-03-01T10:30:00Z');
		assert.equal(rec.personal_data_breach, true);
		const res = await api(srv, 'PATCH', `/api/v1/incidents/${rec.id}`, {
			headers: { 'If-Match': etag(rec.version) }, body: { personal_data_breach: false, closed_at: '2025-04-01T00:00' },
		});
		assert.equal(res.status, 200, res.text);
		assert.equal(res.json.personal_data_breach, false);
		assert.equal(res.json.closed_at, '2025-04-01T00:00:00Z');
	});
});

describe('references', () => {
	let asset;
	let risk;
	before(async () => {
		asset = await create(srv, 'asset', { name: 'Referenced asset', asset_type: 'hardware' });
	});

	it('risk.asset may point to a real asset, owner to a real user', async () => {
		risk = await create(srv, 'risk', { title: 'Disk failure', asset: asset.id, owner: adminId });
		assert.equal(risk.asset, asset.id);
		assert.equal(risk.owner, adminId);
		assert.equal((await getRecord(srv, 'risk', risk.id)).asset, asset.id);
	});

	const unknownRefs = [
		['risk', { title: 'Dangling', asset: 99999 }, 'asset'],
		['risk', { title: 'Dangling', owner: 99999 }, 'owner'],
		['asset', { name: 'Dangling', asset_type: 'site', owner: 99999 }, 'owner'],
		['incident', { title: 'Dangling', asset: 99999 }, 'asset'],
		['incident', { title: 'Dangling', handler: 99999 }, 'handler'],
		['document', { title: 'Dangling', doc_type: 'plan', owner: 99999 }, 'owner'],
		['task', { title: 'Dangling', risk: 99999 }, 'risk'],
		['task', { title: 'Dangling', control: 99999 }, 'control'],
		['task', { title: 'Dangling', incident: 99999 }, 'incident'],
	];
	for (const [entity, body, field] of unknownRefs) {
		it(`${entity}.${field} = 99999 is 422 "reference" and creates nothing`, async () => {
			const before = await totalOf(srv, entity);
			const res = await api(srv, 'POST', `/api/v1/${ENTITIES[entity].plural}`, { body });
			assertFieldError(assertProblem(res, 422, `${entity}.${field}`), field, 'reference');
			assert.equal(await totalOf(srv, entity), before);
		});
	}

	it('a PATCH to an unknown reference is 422 and changes nothing', async () => {
		const res = await api(srv, 'PATCH', `/api/v1/risks/${risk.id}`, {
			headers: { 'If-Match': etag(risk.version) }, body: { asset: 99999 },
		});
		assertFieldError(assertProblem(res, 422), 'asset', 'reference');
		assert.deepEqual(await getRecord(srv, 'risk', risk.id), risk);
	});

	it('a task may refer to a risk, a control and an incident', async () => {
		const control = await create(srv, 'control', { title: 'Backups' });
		const incident = await create(srv, 'incident', { title: 'Disk died' });
		const task = await create(srv, 'task', { title: 'Replace disk', risk: risk.id, control: control.id, incident: incident.id });
		assert.equal(task.risk, risk.id);
		assert.equal(task.control, control.id);
		assert.equal(task.incident, incident.id);
	});

	it('the list can be filtered by a reference', async () => {
		const other = await create(srv, 'risk', { title: 'Unrelated risk' });
		const res = await api(srv, 'GET', `/api/v1/risks?asset=${asset.id}`);
		assert.equal(res.status, 200, res.text);
		assert.deepEqual(res.json.items.map((r) => r.id), [risk.id]);
		assert.equal(res.json.total, 1);
		assert.ok(!res.json.items.some((r) => r.id === other.id));
	});
});

// ---------------------------------------------------------------------------

describe('asset list: filters, search, sorting, paging', () => {
	const N = 30;
	const made = []; // created records
	const types = ['software', 'hardware', 'information'];

	before(async () => {
		for (let i = 0; i < N; i++) {
			const k = (i * 7) % N; // names are not created in name order
			made.push(await create(srv, 'asset', {
				name: `Pager ${String(k).padStart(2, '0')}`,
				asset_type: types[i % 3],
				confidentiality: (i % 4) + 1,
				owner: i % 5 === 0 ? adminId : null,
				description: k % 10 === 3 ? 'Contains a NeEdLe here' : 'plain',
				location: k === 17 ? 'Rack-42 in room 1' : null,
			}));
		}
	});

	const page = async (query) => {
		const res = await api(srv, 'GET', `/api/v1/assets?${query}`);
		assert.equal(res.status, 200, `${query}: ${res.text}`);
		return res.json;
	};
	const names = (recs) => recs.map((r) => r.name);
	const sortedNames = () => names(made).sort();

	it('the default page has 25 items and reports total, limit, offset', async () => {
		const p = await page('q=pager');
		assert.equal(p.total, N);
		assert.equal(p.items.length, 25);
		assert.equal(p.limit, 25);
		assert.equal(p.offset, 0);
	});

	it('limit and offset page through the results without gaps or repeats', async () => {
		const got = [];
		for (const offset of [0, 10, 20]) {
			const p = await page(`q=pager&sort=name&limit=10&offset=${offset}`);
			assert.equal(p.total, N);
			assert.equal(p.limit, 10);
			assert.equal(p.offset, offset);
			assert.equal(p.items.length, 10);
			got.push(...names(p.items));
		}
		assert.deepEqual(got, sortedNames());
	});

	it('a page past the end is empty but still reports the total', async () => {
		const tail = await page('q=pager&sort=name&limit=10&offset=25');
		assert.deepEqual(names(tail.items), sortedNames().slice(25));
		const beyond = await page('q=pager&limit=10&offset=30');
		assert.equal(beyond.items.length, 0);
		assert.equal(beyond.total, N);
	});

	it('limit=500 and limit=1 are accepted', async () => {
		assert.equal((await page('q=pager&limit=500')).items.length, N);
		const one = await page('q=pager&limit=1');
		assert.equal(one.items.length, 1);
		assert.equal(one.total, N);
	});

	it('sort=name ascends, sort=-name descends', async () => {
		assert.deepEqual(names((await page('q=pager&sort=name&limit=100')).items), sortedNames());
		assert.deepEqual(names((await page('q=pager&sort=-name&limit=100')).items), sortedNames().reverse());
	});

	it('sort=id and sort=-id order by id', async () => {
		const ids = made.map((r) => r.id).sort((a, b) => a - b);
		assert.deepEqual((await page('q=pager&sort=id&limit=100')).items.map((r) => r.id), ids);
		assert.deepEqual((await page('q=pager&sort=-id&limit=100')).items.map((r) => r.id), [...ids].reverse());
	});

	it('sort=-confidentiality orders numerically', async () => {
		const c = (await page('q=pager&sort=-confidentiality&limit=100')).items.map((r) => r.confidentiality);
		assert.deepEqual(c, [...c].sort((a, b) => b - a));
		assert.equal(c[0], 4);
	});

	it('q is a case-insensitive substring search over text fields', async () => {
		assert.equal((await page('q=PAGER')).total, N);
		assert.equal((await page('q=ager%201')).total, made.filter((r) => r.name.includes('ager 1')).length);
		const needle = await page('q=needle&limit=100');
		assert.deepEqual(names(needle.items).sort(), names(made.filter((r) => r.description.includes('NeEdLe'))).sort());
		assert.equal(needle.total, 3);
		const rack = await page('q=rack-42');
		assert.deepEqual(names(rack.items), ['Pager 17']);
		assert.equal((await page('q=no-such-text-anywhere')).total, 0);
	});

	it('q treats % and _ literally', async () => {
		const pct = await create(srv, 'asset', { name: 'Discount 100% off', asset_type: 'service' });
		const other = await create(srv, 'asset', { name: 'Discount 1000 off', asset_type: 'service' });
		const under = await create(srv, 'asset', { name: 'snake_case box', asset_type: 'service' });
		const p = await page(`q=${encodeURIComponent('100%')}`);
		assert.deepEqual(p.items.map((r) => r.id), [pct.id]);
		const u = await page(`q=${encodeURIComponent('e_c')}`);
		assert.deepEqual(u.items.map((r) => r.id), [under.id]);
		assert.ok(other.id);
	});

	it('fields filter by exact value: enum, int, user', async () => {
		const software = await page('q=pager&asset_type=software&limit=100');
		assert.equal(software.total, made.filter((r) => r.asset_type === 'software').length);
		assert.equal(software.total, 10);
		assert.ok(software.items.every((r) => r.asset_type === 'software'));

		const conf2 = await page('q=pager&confidentiality=2&limit=100');
		assert.equal(conf2.total, made.filter((r) => r.confidentiality === 2).length);
		assert.ok(conf2.items.every((r) => r.confidentiality === 2));

		const owned = await page(`q=pager&owner=${adminId}&limit=100`);
		assert.deepEqual(owned.items.map((r) => r.id).sort((a, b) => a - b),
			made.filter((r) => r.owner === adminId).map((r) => r.id).sort((a, b) => a - b));

		const both = await page('q=pager&asset_type=hardware&confidentiality=2&limit=100');
		assert.equal(both.total, made.filter((r) => r.asset_type === 'hardware' && r.confidentiality === 2).length);

		const exact = await page(`name=${encodeURIComponent('Pager 07')}`);
		assert.deepEqual(names(exact.items), ['Pager 07']);
		assert.equal((await page('name=Pager')).total, 0, 'a field filter is exact, not a substring');
	});

	it('archived records are left out unless archived=true', async () => {
		for (const r of made.slice(0, 2)) {
			const res = await api(srv, 'DELETE', `/api/v1/assets/${r.id}`);
			assert.equal(res.status, 204, res.text);
		}
		assert.equal((await page('q=pager')).total, N - 2);
		const all = await page('q=pager&archived=true&limit=100');
		assert.equal(all.total, N);
		assert.equal(all.items.filter((r) => r.archived).length, 2);
	});
});
