// Browser test of internal audits: the ISMS manager adds an audit area and a
// programme, plans an audit from the programme's page with ISO/IEC
// 27001:2022 Annex A.5 as criteria and the area's owner as lead auditor (the
// independence warning, then its acknowledgement), starts it, enters results
// in the checklist's table form, raises the nonconformity of a minor NC in one
// step (owned by the area owner), is refused reporting without a conclusion,
// reports it and reads the report. Screenshots: audit-programme,
// audit-checklist, audit-report.
import assert from 'node:assert/strict';
import path from 'node:path';
import { beforeEach, test } from 'node:test';

import { EMAIL, PASSWORD, SHOTS, signIn, useBrowser } from './harness.mjs';

const ctx = useBrowser();
let base, page;
beforeEach(() => ({ base, page } = ctx));

test('programme → audit → finding → nonconformity → report', async () => {
	for (const [email, name, role] of [['fin@example.org', 'Fiona Finance', 'owner'], ['ada@example.org', 'Ada Auditor', 'auditor']]) {
		const add = ctx.cli(['user', 'add', '--email', email, '--name', name, '--role', role], { ISMS_PASSWORD: 'A-long-password-123' });
		assert.equal(add.status, 0, add.stderr);
	}
	const inst = ctx.cli(['framework', 'install', 'iso27001-2022']);
	assert.equal(inst.status, 0, inst.stderr);
	const fw = ctx.cli(['framework', 'list']).stdout.split('\n').find((l) => l.includes('27001:2022')).split('\t')[0];

	await signIn(ctx, EMAIL, PASSWORD);
	// the area and the programme
	await page.goto(`${base}/audit_areas/new`);
	await page.fill('#f-name', 'Finance');
	await page.selectOption('#f-kind', 'department');
	await page.selectOption('#f-owner', { label: 'Fiona Finance' });
	await page.getByRole('button', { name: /Create/ }).click();
	await page.waitForURL(/\/audit_areas\/\d+\?notice=created$/);
	await page.goto(`${base}/audit_areas/new`);
	await page.fill('#f-name', 'Human resources');
	await page.selectOption('#f-owner', { label: 'Administrator' });
	await page.getByRole('button', { name: /Create/ }).click();
	await page.waitForURL(/\/audit_areas\/\d+\?notice=created$/);
	await page.goto(`${base}/audit_programmes/new`);
	await page.fill('#f-title', 'Internal audits 2026–2028');
	await page.fill('#f-cycle_start', '2026-01-01');
	await page.getByRole('button', { name: /Create/ }).click();
	await page.waitForURL(/\/audit_programmes\/\d+\?notice=created$/);
	const programmeUrl = page.url().replace(/\?.*$/, '');

	// an audit planned from the programme, led by the area's own owner: a warning, not a refusal
	await page.getByRole('link', { name: 'Plan an audit' }).click();
	await page.waitForURL(/\/audits\/new\?programme=\d+$/);
	await page.fill('#f-title', 'Finance: organisational controls');
	await page.selectOption('#f-area', { label: 'Finance' });
	await page.fill('#f-planned_start', '2026-02-10');
	await page.fill('#f-planned_end', '2026-02-12');
	await page.selectOption('#f-lead_auditor', { label: 'Fiona Finance' });
	await page.fill('#f-scope', 'Accounts payable and payroll at head office');
	await page.fill('#f-criteria_framework', fw);
	await page.fill('#f-criteria_refs', 'A.5');
	await page.getByRole('button', { name: /Create/ }).click();
	await page.waitForURL(/\/audits\/\d+\?notice=created$/);
	const auditUrl = page.url().replace(/\?.*$/, '');
	const warning = page.getByRole('alert').filter({ hasText: 'Independence warning' });
	await warning.getByText('Fiona Finance (lead auditor) owns the area Finance').waitFor();
	await warning.getByRole('button', { name: 'Acknowledge the warning' }).click();
	await page.waitForURL(/\?notice=updated$/);
	await page.getByText('Independence warning, acknowledged').waitFor();
	const checklist = page.getByRole('region', { name: /Checklist/ });
	assert.equal(await checklist.locator('tbody tr').count(), 37);
	await checklist.getByText('Results are entered once the audit is in progress').waitFor();

	// a lead auditor from outside the area, and the audit starts
	await page.goto(`${auditUrl}/edit`);
	await page.selectOption('#f-lead_auditor', { label: 'Ada Auditor' });
	await page.selectOption('#f-status', 'in_progress');
	await page.getByRole('button', { name: /Save/ }).click();
	await page.waitForURL(/\?notice=updated$/);
	assert.equal(await page.locator('.notice', { hasText: 'Independence warning' }).count(), 0);

	// results in the table form
	await page.selectOption('select[aria-label="Result for A.5.1"]', 'conforming');
	await page.selectOption('select[aria-label="Result for A.5.2"]', 'minor_nc');
	await page.fill('textarea[aria-label="Notes for A.5.2"]', 'Roles are not written down for the payroll team.');
	await page.fill('textarea[aria-label="Evidence for A.5.2"]', 'Interview with the payroll lead, 10 February');
	await page.selectOption('select[aria-label="Result for A.5.4"]', 'observation');
	await page.getByRole('button', { name: 'Save results' }).click();
	await page.waitForURL(/\?notice=results_saved/);
	await page.getByText('The checklist results are saved.').waitFor();
	assert.equal(await page.inputValue('select[aria-label="Result for A.5.2"]'), 'minor_nc');
	await page.locator('#h-checklist').scrollIntoViewIfNeeded();
	await page.screenshot({ path: path.join(SHOTS, 'audit-checklist.png') }); // the first rows, as one sees them

	// the finding raises its nonconformity in one step
	await page.locator('tr', { hasText: 'A.5.2' }).getByRole('button', { name: 'Raise nonconformity' }).click();
	await page.waitForURL(/\/nonconformities\/\d+\?notice=nc_raised$/);
	const ncUrl = page.url().replace(/\?.*$/, '');
	const details = page.getByRole('region', { name: 'Details' });
	await page.getByRole('heading', { name: 'Audit finding A.5.2: Information security roles and responsibilities' }).waitFor();
	await details.getByText('Fiona Finance').first().waitFor();
	await details.getByText('Audit finding', { exact: true }).first().waitFor();
	await details.getByText('Minor').first().waitFor();
	// the item now links to it instead of offering a second one
	await page.goto(auditUrl);
	const row = page.locator('tr', { hasText: 'A.5.2' });
	assert.equal(await row.getByRole('button', { name: 'Raise nonconformity' }).count(), 0);
	assert.equal(await row.getByRole('link', { name: /Nonconformity #\d+/ }).getAttribute('href'), new URL(ncUrl).pathname);

	// reporting needs a conclusion: refused at the field, nothing changed
	await page.goto(`${auditUrl}/edit`);
	await page.selectOption('#f-status', 'reported');
	await page.getByRole('button', { name: /Save/ }).click();
	await page.getByText('Write the audit\'s conclusion before it is reported.').waitFor();
	await page.fill('#f-conclusion', 'Roles in payroll need writing down; the rest of A.5 sampled is in place.');
	await page.getByRole('button', { name: /Save/ }).click();
	await page.waitForURL(/\?notice=updated$/);

	// the programme's schedule shows it in its quarter
	await page.goto(programmeUrl);
	const schedule = page.getByRole('region', { name: /Schedule/ });
	const finance = schedule.locator('tr', { hasText: 'Finance' });
	await finance.getByRole('link', { name: 'Finance: organisational controls' }).waitFor();
	assert.equal(await finance.locator('td').nth(0).innerText().then((t) => t.includes('Finance: organisational controls')), true);
	assert.equal(await schedule.locator('tr.row-uncovered').count(), 1); // Human resources has none yet
	await ctx.shot('audit-programme');

	// the report
	await page.goto(`${auditUrl}/report`);
	assert.equal(await page.locator('td[data-result="conforming"]').innerText(), '1');
	assert.equal(await page.locator('td[data-result="minor_nc"]').innerText(), '1');
	assert.equal(await page.locator('td[data-result="observation"]').innerText(), '1');
	assert.equal(await page.locator('td[data-result="not_checked"]').innerText(), '34');
	assert.equal(await page.locator('td[data-result="total"]').innerText(), '37');
	assert.equal(await page.locator('td[data-result="nonconformities"]').innerText(), '1');
	const findings = page.getByRole('region', { name: 'Findings' });
	assert.equal(await findings.locator('tbody tr').count(), 2);
	await findings.getByText('Roles are not written down for the payroll team.').waitFor();
	await page.getByText('Roles in payroll need writing down').waitFor();
	await ctx.shot('audit-report');

	// a management review compiles it all: the audit and the nonconformity it raised
	await page.goto(`${base}/reviews/new`);
	await page.fill('#f-title', 'Management review after the Finance audit');
	await page.fill('#f-review_date', new Date().toISOString().slice(0, 10));
	await page.getByRole('button', { name: 'Create management review' }).click();
	await page.waitForURL(/\/reviews\/\d+(\?.*)?$/);
	const reviewId = page.url().match(/\/reviews\/(\d+)/)[1];
	const inputs = page.locator('section.review-inputs');
	await inputs.getByRole('heading', { name: 'Audit results' }).waitFor();
	const review = await (await fetch(`${base}/api/v1/reviews/${reviewId}/report`, { headers: { Cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') } })).json();
	const audits = review.inputs.sections.find((s) => s.key === 'audits').data;
	const ncs = review.inputs.sections.find((s) => s.key === 'nonconformities').data;
	assert.equal(audits.nonconformities_raised, 1);
	assert.equal(ncs.open, 1);
	await ctx.shot('review-after-audit');
});
