// Internal audits (ISO 27001 9.2; isms/internal_audit.c): a programme with its
// areas and schedule; an audit whose criteria are ISO/IEC 27001:2022 Annex A.5
// gets a checklist of its 37 controls; results entered by the audit team
// only while it is in progress; a minor NC raises its nonconformity once,
// owned by the area's owner; the independence warning (a lead auditor who
// owns the area, a team member of its staff group) and its acknowledgement;
// the report's counts; the figures for the management review; the CLI; and
// bad input refused with nothing changed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { addPeople, api, assertFieldError, assertProblem, cli, dbQuery, startServer } from './harness.mjs';

let srv;
const tok = {};
const uid = {};
const ids = {};
const dateIn = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const today = dateIn(0);

async function post(plural, body, token = tok.manager) {
	const r = await api(srv, 'POST', `/api/v1/${plural}`, { body, token });
	assert.equal(r.status, 201, r.text);
	return r.json;
}

async function getAudit(id, token = tok.manager) {
	const r = await api(srv, 'GET', `/api/v1/audits/${id}`, { token });
	assert.equal(r.status, 200, r.text);
	return r.json;
}

async function patchAudit(id, body, token = tok.manager) {
	const cur = await getAudit(id);
	return api(srv, 'PATCH', `/api/v1/audits/${id}`, { body, token, headers: { 'If-Match': `"${cur.version}"` } });
}

async function checklist(id, token = tok.manager) {
	const r = await api(srv, 'GET', `/api/v1/audits/${id}/checklist`, { token });
	assert.equal(r.status, 200, r.text);
	return r.json.items;
}

const setItem = (audit, item, body, token = tok.auditor, headers = {}) =>
	api(srv, 'PATCH', `/api/v1/audits/${audit}/checklist/${item}`, { body, token, headers });

/** What a refusal must leave alone: the audits, their items, the NCs and the audit log. */
function snapshot() {
	return dbQuery(srv.db, 'SELECT (SELECT COUNT(*) FROM internal_audit) || \'/\' || (SELECT COUNT(*) FROM audit_item) '
		+ '|| \'/\' || (SELECT COUNT(*) FROM nonconformity) || \'/\' || (SELECT COUNT(*) FROM audit_log) || \'/\' || '
		+ '(SELECT COALESCE(SUM(version), 0) FROM audit_item) || \'/\' || (SELECT COALESCE(SUM(version), 0) FROM internal_audit)');
}

before(async () => {
	srv = await startServer();
	await addPeople(srv, [['manager', 'isms_manager'], ['auditor', 'auditor'], ['auditor2', 'auditor'],
		['finance', 'owner'], ['staff', 'employee']], tok, uid);
	let r = await api(srv, 'POST', '/api/v1/frameworks/install', { token: tok.manager, body: { key: 'iso27001-2022' } });
	assert.equal(r.status, 201, r.text);
	ids.fw = r.json.framework_id;
	r = await api(srv, 'POST', '/api/v1/groups', { token: tok.manager, body: { name: 'Finance team' } });
	ids.group = r.json.id;
	r = await api(srv, 'POST', `/api/v1/groups/${ids.group}/members`, { token: tok.manager, body: { user_id: uid.auditor2 } });
	assert.equal(r.status, 200, r.text);
});
after(async () => { await srv?.stop(); });

describe('the programme and its areas', () => {
	it('areas have an owner and an optional staff group; a programme has a cycle', async () => {
		const fin = await post('audit_areas', { name: 'Finance', kind: 'department', owner: uid.finance, group_id: ids.group });
		ids.finance = fin.id;
		assert.equal(fin.group_id, ids.group);
		ids.hr = (await post('audit_areas', { name: 'Human resources', kind: 'process', owner: uid.manager })).id;
		const p = await post('audit_programmes', { title: 'Internal audits 2026-2028', cycle_start: '2026-01-01', owner: uid.manager });
		ids.programme = p.id;
		assert.equal(p.cycle_years, 3);
		assert.equal(p.status, 'draft');
		// a group an area names cannot be deleted
		const d = await api(srv, 'DELETE', `/api/v1/groups/${ids.group}`, { token: tok.manager });
		assertProblem(d, 409);
		assert.match(d.json.detail, /audit areas/);
	});
	it('auditors read areas and audits but only ISMS managers plan them', async () => {
		assert.equal((await api(srv, 'GET', '/api/v1/audit_areas', { token: tok.auditor })).json.total, 2);
		assertProblem(await api(srv, 'GET', '/api/v1/audits', { token: tok.staff }), 403);
		assertProblem(await api(srv, 'POST', '/api/v1/audits', { token: tok.auditor,
			body: { title: 'x', area: ids.finance, planned_start: today } }), 403);
	});
});

describe('an audit of Annex A.5', () => {
	it('the criteria make a checklist of the 37 organisational controls', async () => {
		const a = await post('audits', {
			title: 'Organisational controls', programme: ids.programme, area: ids.finance, planned_start: '2026-02-10',
			planned_end: '2026-02-12', lead_auditor: uid.auditor, criteria_framework: ids.fw, criteria_refs: 'A.5',
			scope: 'Finance department, head office', objectives: 'Check the organisational controls',
		});
		ids.audit = a.id;
		assert.equal(a.status, 'planned');
		assert.equal(a.independence_warning, null);
		assert.deepEqual(a.warnings, []);
		const items = await checklist(a.id);
		assert.equal(items.length, 37);
		assert.deepEqual(items.slice(0, 3).map((i) => i.ref_id), ['A.5.1', 'A.5.2', 'A.5.3']);
		assert.equal(items[36].ref_id, 'A.5.37');
		assert.equal(items[0].title, 'Policies for information security');
		assert.ok(items.every((i) => i.result === 'not_checked' && i.nonconformity_id === null && i.guidance));
	});
	it('the criteria may name several sections, and follow a change while no result is entered', async () => {
		const a = await post('audits', { title: 'People and physical', area: ids.hr, planned_start: dateIn(10),
			criteria_framework: ids.fw, criteria_refs: 'A.6, a.7.1' });
		ids.audit2 = a.id;
		assert.equal((await checklist(a.id)).length, 8 + 1);
		const r = await patchAudit(a.id, { criteria_refs: 'A.8' });
		assert.equal(r.status, 200, r.text);
		const items = await checklist(a.id);
		assert.equal(items.length, 34);
		assert.equal(items[0].ref_id, 'A.8.1');
	});
	it('results wait for the audit to start; nothing changes until then', async () => {
		const [first] = await checklist(ids.audit);
		const was = snapshot();
		const r = await setItem(ids.audit, first.id, { result: 'conforming' });
		assertProblem(r, 409);
		assert.equal(r.json.code, 'wrong_status');
		assert.equal(snapshot(), was);
	});
	it('starting it stamps the start date; an audit moves one step at a time', async () => {
		let r = await patchAudit(ids.audit, { status: 'reported', conclusion: 'x' });
		assertProblem(r, 422);
		assertFieldError(r.json, 'status', 'bad_transition');
		r = await patchAudit(ids.audit, { status: 'in_progress' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.actual_start, today);
		// the lead auditor owes it now: it is in their tasks until reported
		const mine = (await api(srv, 'GET', '/api/v1/me/tasks', { token: tok.auditor })).json.items
			.filter((t) => t.record_type === 'internal_audit');
		assert.deepEqual(mine.map((t) => [t.record_id, t.detail, t.due, t.url]),
			[[ids.audit, 'Audit in progress: record the checklist results', '2026-02-12', `/audits/${ids.audit}`]]);
	});
	it('the team enters results, evidence and notes; others may not', async () => {
		const items = await checklist(ids.audit);
		ids.items = items.map((i) => i.id);
		const plan = [['conforming'], ['minor_nc', 'No review of the policy since 2023', 'Policy v1.2, dated 2023-01-05'],
			['major_nc', 'Nobody is responsible for segregation of duties'], ['observation', 'Contacts list is outdated'],
			['opportunity_for_improvement', 'Threat intelligence could feed the risk assessment']];
		for (const [k, [result, notes, evidence]] of plan.entries()) {
			const r = await setItem(ids.audit, ids.items[k], { result, notes, evidence });
			assert.equal(r.status, 200, r.text);
			assert.equal(r.json.result, result);
			assert.equal(r.json.notes, notes ?? null);
			assert.equal(r.json.version, 2);
		}
		const entries = await api(srv, 'GET', `/api/v1/audit?record_type=internal_audit&record_id=${ids.audit}&action=audit_checklist`);
		assert.equal(entries.json.total, 5);
		const was = snapshot();
		// not on the team
		let r = await setItem(ids.audit, ids.items[5], { result: 'conforming' }, tok.auditor2);
		assertProblem(r, 403);
		// employees never
		assertProblem(await setItem(ids.audit, ids.items[5], { result: 'conforming' }, tok.staff), 403);
		// a bad result, an unknown key, an item of another audit, a stale version
		r = await setItem(ids.audit, ids.items[5], { result: 'fine' });
		assertProblem(r, 422);
		assertFieldError(r.json, 'result', 'bad_value');
		assertProblem(await setItem(ids.audit, ids.items[5], { result: 'conforming', score: 3 }), 400);
		const other = (await checklist(ids.audit2))[0].id;
		assertProblem(await setItem(ids.audit, other, { result: 'conforming' }), 404);
		assertProblem(await setItem(ids.audit, ids.items[1], { notes: 'changed' }, tok.auditor, { 'If-Match': '"1"' }), 412);
		r = await setItem(ids.audit, ids.items[5], { evidence: 'x'.repeat(8001) });
		assertProblem(r, 422);
		assertFieldError(r.json, 'evidence', 'too_long');
		assert.equal(snapshot(), was);
		assert.equal((await checklist(ids.audit))[5].result, 'not_checked');
	});
	it('the page\'s table form refuses a bad row whole, with the message on the page', async () => {
		const items = await checklist(ids.audit);
		const was = snapshot();
		const form = new URLSearchParams();
		form.set(`result_${items[6].id}`, 'conforming');
		form.set(`version_${items[6].id}`, String(items[6].version));
		form.set(`result_${items[7].id}`, 'excellent');
		const r = await api(srv, 'POST', `/audits/${ids.audit}/checklist`, { token: tok.auditor, raw: form.toString(),
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
		assert.equal(r.status, 422, r.text.slice(0, 300));
		assert.match(r.text, /A result is one of conforming/);
		assert.equal(snapshot(), was);
		// a good form saves every row and goes back to the page
		form.set(`result_${items[7].id}`, 'not_checked');
		const ok = await api(srv, 'POST', `/audits/${ids.audit}/checklist`, { token: tok.auditor, raw: form.toString(),
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
		assert.equal(ok.status, 303, ok.text.slice(0, 300));
		assert.equal((await checklist(ids.audit))[6].result, 'conforming');
		assert.equal((await checklist(ids.audit))[7].version, 1); // unchanged rows are not written
		const back = await setItem(ids.audit, items[6].id, { result: 'not_checked' });
		assert.equal(back.status, 200, back.text);
	});
	it('the criteria can no longer change once results are entered', async () => {
		const was = snapshot();
		const r = await patchAudit(ids.audit, { criteria_refs: 'A.6' });
		assertProblem(r, 409);
		assert.equal(r.json.code, 'checklist_has_results');
		assert.equal(snapshot(), was);
	});
});

describe('a finding raises its nonconformity once', () => {
	it('only a minor or major NC raises one', async () => {
		const was = snapshot();
		const r = await api(srv, 'POST', `/api/v1/audits/${ids.audit}/checklist/${ids.items[0]}/nonconformity`, { token: tok.auditor });
		assertProblem(r, 422);
		assertFieldError(r.json, 'result', 'not_a_nonconformity');
		assert.equal(snapshot(), was);
	});
	it('the minor NC becomes a nonconformity owned by the area owner, linked from the item', async () => {
		const r = await api(srv, 'POST', `/api/v1/audits/${ids.audit}/checklist/${ids.items[1]}/nonconformity`, { token: tok.auditor });
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.created, true);
		ids.nc = r.json.nonconformity_id;
		assert.equal(r.json.item.nonconformity_id, ids.nc);
		assert.equal(r.json.item.nonconformity_status, 'open');
		const nc = (await api(srv, 'GET', `/api/v1/nonconformities/${ids.nc}`)).json;
		assert.equal(nc.source, 'audit_finding');
		assert.equal(nc.severity, 'minor');
		assert.equal(nc.owner, uid.finance);
		assert.equal(nc.raised_by, uid.auditor);
		assert.equal(nc.status, 'open');
		assert.equal(nc.detected_on, today);
		assert.equal(nc.title, 'Audit finding A.5.2: Information security roles and responsibilities');
		assert.match(nc.audit_reference, new RegExp(`^Audit #${ids.audit} \\(Organisational controls\\), item A\\.5\\.2$`));
		assert.match(nc.description, /No review of the policy since 2023/);
		assert.match(nc.description, /Policy v1\.2, dated 2023-01-05/);
		// the owner finds it in their tasks
		const mine = (await api(srv, 'GET', '/api/v1/me/tasks', { token: tok.finance })).json;
		assert.ok(JSON.stringify(mine).includes(`"record_id":${ids.nc}`), JSON.stringify(mine));
	});
	it('a second request answers with the same nonconformity and creates nothing', async () => {
		const was = snapshot();
		const r = await api(srv, 'POST', `/api/v1/audits/${ids.audit}/checklist/${ids.items[1]}/nonconformity`, { token: tok.auditor });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual([r.json.created, r.json.nonconformity_id], [false, ids.nc]);
		assert.equal(snapshot(), was);
	});
	it('the major NC raises a major one', async () => {
		const r = await api(srv, 'POST', `/api/v1/audits/${ids.audit}/checklist/${ids.items[2]}/nonconformity`, { token: tok.manager });
		assert.equal(r.status, 201, r.text);
		ids.nc2 = r.json.nonconformity_id;
		assert.equal((await api(srv, 'GET', `/api/v1/nonconformities/${ids.nc2}`)).json.severity, 'major');
	});
});

describe('the lead auditor of their own area', () => {
	it('owning the area gives a warning with the reason, not a refusal', async () => {
		const r = await api(srv, 'POST', '/api/v1/audits', { token: tok.manager, body: {
			title: 'Finance audited by its owner', area: ids.finance, planned_start: dateIn(20), lead_auditor: uid.finance } });
		assert.equal(r.status, 201, r.text);
		ids.own = r.json.id;
		assert.match(r.json.independence_warning, /^finance \(lead auditor\) owns the area Finance\./);
		assert.equal(r.json.independence_ack, false);
		assert.equal(r.json.warnings.length, 1);
		assert.deepEqual([r.json.warnings[0].field, r.json.warnings[0].code, r.json.warnings[0].acknowledged],
			['lead_auditor', 'independence', false]);
	});
	it('acknowledging it is recorded; a new conflict needs a new acknowledgement', async () => {
		let r = await patchAudit(ids.own, { independence_ack: true });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.warnings[0].acknowledged, true);
		const log = (await api(srv, 'GET', `/api/v1/audit?record_type=internal_audit&record_id=${ids.own}&action=update`)).json;
		assert.equal(log.items[0].actor_id ?? log.items[0].actor?.id ?? uid.manager, uid.manager);
		assert.match(JSON.stringify(log.items[0]), /independence_ack/);
		r = await patchAudit(ids.own, { auditor_2: uid.auditor2 });
		assert.equal(r.status, 200, r.text);
		assert.match(r.json.independence_warning, /auditor2 \(team member\) belongs to the staff group of the area Finance/);
		assert.equal(r.json.independence_ack, false);
		r = await patchAudit(ids.own, { lead_auditor: uid.auditor, auditor_2: null });
		assert.equal(r.json.independence_warning, null);
		assert.deepEqual(r.json.warnings, []);
	});
});

describe('reporting', () => {
	it('a report needs a conclusion; nothing changes without one', async () => {
		const was = snapshot();
		const r = await patchAudit(ids.audit, { status: 'reported' });
		assertProblem(r, 422);
		assertFieldError(r.json, 'conclusion', 'required');
		assert.equal(snapshot(), was);
	});
	it('reported: the end date is stamped and the report counts every result exactly', async () => {
		let r = await patchAudit(ids.audit, { status: 'reported', conclusion: 'The policy framework works; two gaps to close.' });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.actual_end, today);
		r = await api(srv, 'GET', `/api/v1/audits/${ids.audit}/report`, { token: tok.auditor2 });
		assert.equal(r.status, 200, r.text);
		const rep = r.json;
		assert.deepEqual(rep.counts, { conforming: 1, minor_nc: 1, major_nc: 1, observation: 1,
			opportunity_for_improvement: 1, not_checked: 32, total: 37 });
		assert.equal(rep.nonconformities_raised, 2);
		assert.deepEqual(rep.findings.map((f) => [f.ref_id, f.result, f.nonconformity_id]), [
			['A.5.2', 'minor_nc', ids.nc], ['A.5.3', 'major_nc', ids.nc2], ['A.5.4', 'observation', null],
			['A.5.5', 'opportunity_for_improvement', null]]);
		assert.equal(rep.criteria.refs, 'A.5');
		assert.equal(rep.criteria.requirements, 37);
		assert.match(rep.criteria.framework, /^ISO\/IEC 27001:2022/);
		assert.deepEqual(rep.team, [{ role: 'lead_auditor', user_id: String(uid.auditor), name: 'auditor' }]);
		assert.equal(rep.area_owner, 'finance');
		assert.equal(rep.conclusion, 'The policy framework works; two gaps to close.');
		// results are closed once reported
		assertProblem(await setItem(ids.audit, ids.items[6], { result: 'conforming' }), 409);
	});
	it('the schedule shows each area by quarter with its audits', async () => {
		const r = await api(srv, 'GET', `/api/v1/audit_programmes/${ids.programme}/schedule`, { token: tok.auditor });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.quarters.length, 12);
		assert.deepEqual(r.json.quarters.slice(0, 2).map((q) => q.start), ['2026-01-01', '2026-04-01']);
		assert.deepEqual(r.json.areas.map((a) => a.name), ['Finance', 'Human resources']);
		assert.deepEqual(r.json.areas[0].audits.map((a) => [a.id, a.status, a.quarter]), [[ids.audit, 'reported', 0]]);
		assert.deepEqual(r.json.areas[1].audits, []);
		assert.equal(r.json.audits, 1);
	});
	it('figures for the management review and the dashboard', async () => {
		let r = await api(srv, 'GET', '/api/v1/audits/results?since=2026-01-01', { token: tok.auditor });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json, { since: '2026-01-01', audits_completed: 1, items: 37, by_result: { conforming: 1,
			minor_nc: 1, major_nc: 1, observation: 1, opportunity_for_improvement: 1, not_checked: 32 },
		nonconformities_raised: 2 });
		r = await api(srv, 'GET', `/api/v1/audits/results?since=${dateIn(1)}`, { token: tok.auditor });
		assert.equal(r.json.audits_completed, 0);
		r = await api(srv, 'GET', '/api/v1/audits/upcoming?days=15', { token: tok.auditor });
		assert.deepEqual(r.json.items.map((a) => a.id), [ids.audit2]);
		r = await api(srv, 'GET', '/api/v1/audits/upcoming', { token: tok.auditor });
		assert.deepEqual(r.json.items.map((a) => a.id), [ids.audit2, ids.own]);
		assert.equal(r.json.days, 30);
		assertProblem(await api(srv, 'GET', '/api/v1/audits/results', { token: tok.auditor }), 422);
		assertProblem(await api(srv, 'GET', '/api/v1/audits/results?since=yesterday', { token: tok.auditor }), 422);
		assertProblem(await api(srv, 'GET', '/api/v1/audits/upcoming?days=400', { token: tok.auditor }), 422);
		assertProblem(await api(srv, 'GET', '/api/v1/audits/upcoming?limit=4', { token: tok.auditor }), 400);
		// the dashboard's Check phase shows both figures, linked to the lists behind them
		const home = await api(srv, 'GET', '/', { token: tok.manager });
		assert.equal(home.status, 200);
		assert.match(home.text, /href="\/audits\?status=planned"[^]*?Audits due in 90 days[^]*?>2</);
		assert.match(home.text, /Audits reported in 12 months[^]*?>1</);
		// a planned audit past its start is overdue
		assert.equal((await api(srv, 'GET', '/api/v1/audits?overdue=true', { token: tok.auditor })).json.total, 0);
		const late = await post('audits', { title: 'Late one', area: ids.hr, planned_start: dateIn(-3) });
		assert.deepEqual((await api(srv, 'GET', '/api/v1/audits?overdue=true', { token: tok.auditor })).json.items.map((a) => a.id), [late.id]);
		r = await api(srv, 'GET', '/api/v1/audits/upcoming?days=0', { token: tok.auditor });
		assert.deepEqual(r.json.items.map((a) => [a.id, a.late]), [[late.id, true]]);
		assert.equal((await api(srv, 'DELETE', `/api/v1/audits/${late.id}`, { token: tok.manager })).status, 204);
		// a management review compiled now carries the audit results and what is coming
		const rv = await post('reviews', { title: 'Review with audits', review_date: dateIn(7) });
		const rep = (await api(srv, 'GET', `/api/v1/reviews/${rv.id}/report`)).json;
		const audits = rep.inputs.sections.find((x) => x.key === 'audits');
		assert.equal(audits.available, true);
		assert.deepEqual([audits.data.audits_completed, audits.data.items_checked, audits.data.nonconformities_raised],
			[1, 5, 2]);
		assert.deepEqual(audits.data.by_result, { conforming: 1, minor_nc: 1, major_nc: 1, observation: 1,
			opportunity_for_improvement: 1, not_checked: 32 });
		assert.deepEqual(audits.data.upcoming.map((a) => a.internal_audit), [ids.audit2, ids.own]);
	});
});

describe('bad input changes nothing', () => {
	const cases = [
		['an unknown framework', { criteria_framework: 999999 }, 'criteria_framework', 'unknown_framework'],
		['a section the framework lacks', { criteria_refs: 'A.5, Z.9' }, 'criteria_refs', 'unknown_ref'],
		['sections without a framework', { criteria_framework: undefined, criteria_refs: 'A.5' }, 'criteria_framework', 'required'],
		['an end before the start', { planned_end: '2026-01-01' }, 'planned_end', 'before_start'],
		['a new audit already reported', { status: 'reported', conclusion: 'x' }, 'status', 'bad_transition'],
		['an unknown area', { area: 999999 }, 'area', null],
		['no planned start', { planned_start: undefined }, 'planned_start', 'required'],
		['a bad status', { status: 'done' }, 'status', null],
	];
	for (const [what, change, field, code] of cases) {
		it(`refuses ${what}`, async () => {
			const was = snapshot();
			const body = { title: 'Bad', area: ids.hr, planned_start: '2026-03-01', criteria_framework: ids.fw, ...change };
			for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
			const r = await api(srv, 'POST', '/api/v1/audits', { token: tok.manager, body });
			assert.ok(r.status === 422 || r.status === 400, `${what}: ${r.status} ${r.text}`);
			if (r.status === 422) assertFieldError(r.json, field, code ?? undefined);
			assert.equal(snapshot(), was);
		});
	}
});

describe('the command line', () => {
	const db = () => ['--db', srv.db];
	it('isms internal-audit report prints the counts and findings', () => {
		let r = cli(srv, ['internal-audit', 'report', ...db(), '--id', String(ids.audit)]);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /conforming\t1\n/);
		assert.match(r.stdout, /not_checked\t32\n/);
		assert.match(r.stdout, /A\.5\.2\tminor_nc\tnonconformity #\d+/);
		r = cli(srv, ['internal-audit', 'report', ...db(), '--id', String(ids.audit), '--format', 'json']);
		assert.equal(r.status, 0, r.stderr);
		assert.equal(JSON.parse(r.stdout).counts.total, 37);
		r = cli(srv, ['internal-audit', 'report', ...db(), '--id', '999999']);
		assert.notEqual(r.status, 0);
		assert.match(r.stderr, /No internal_audit with id 999999/);
	});
	it('isms internal-audit result and raise-nc act as a user, with their rules', async () => {
		let r = await patchAudit(ids.audit2, { status: 'in_progress', lead_auditor: uid.auditor });
		assert.equal(r.status, 200, r.text);
		const items = await checklist(ids.audit2);
		const was = snapshot();
		r = cli(srv, ['internal-audit', 'result', ...db(), '--id', String(ids.audit2), '--item', String(items[0].id),
			'--result', 'nope', '--as', 'auditor@example.org']);
		assert.equal(r.status, 1);
		assert.match(r.stderr, /result/);
		r = cli(srv, ['internal-audit', 'result', ...db(), '--id', String(ids.audit2), '--item', String(items[0].id),
			'--result', 'major_nc', '--as', 'auditor2@example.org']);
		assert.notEqual(r.status, 0);
		assert.equal(snapshot(), was);
		r = cli(srv, ['internal-audit', 'result', ...db(), '--id', String(ids.audit2), '--item', String(items[0].id),
			'--result', 'major_nc', '--notes', 'No asset inventory', '--as', 'auditor@example.org']);
		assert.equal(r.status, 0, r.stderr);
		r = cli(srv, ['internal-audit', 'raise-nc', ...db(), '--id', String(ids.audit2), '--item', String(items[0].id),
			'--as', 'auditor@example.org']);
		assert.equal(r.status, 0, r.stderr);
		const nc = Number(/nonconformity (\d+)/.exec(r.stdout)[1]);
		assert.equal((await api(srv, 'GET', `/api/v1/nonconformities/${nc}`)).json.owner, uid.manager);
		r = cli(srv, ['internal-audit', 'checklist', ...db(), '--id', String(ids.audit2)]);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, new RegExp(`^${items[0].id}\\tA\\.8\\.1\\tmajor_nc\\t${nc}\\t`, 'm'));
	});
	it('isms internal-audit schedule and upcoming', () => {
		let r = cli(srv, ['internal-audit', 'schedule', ...db(), '--id', String(ids.programme)]);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /^Finance\t2026-01-01\t#\d+ Organisational controls \(reported\)$/m);
		r = cli(srv, ['internal-audit', 'upcoming', ...db(), '--days', '30']);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /Finance audited by its owner/);
	});
});
