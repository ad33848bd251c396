// Browser test of objectives and KPIs: an objective and a KPI made through
// the forms, measurements of earlier months entered with the CLI and this
// month's on the KPI's page (a date in the future refused next to its field
// first), the trend chart with its target line and status bands, and the
// objective's page listing the KPI with its status. Screenshots: kpi (the
// trend chart), objectives (the objective with its KPIs).
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

import { EMAIL, PASSWORD, useBrowser } from './harness.mjs';

const ctx = useBrowser();
let base, page;
beforeEach(() => ({ base, page } = ctx));

/** The first day of the month `back` months before this one. */
const monthStart = (back) => {
	const d = new Date();
	d.setUTCDate(1);
	d.setUTCMonth(d.getUTCMonth() - back);
	return d.toISOString().slice(0, 10);
};

test('an objective measured by a KPI with its trend', async () => {
	await page.goto(`${base}/login`);
	await page.fill('#email', EMAIL);
	await page.fill('#password', PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL(`${base}/`);

	await page.goto(`${base}/objectives/new`);
	await page.fill('#f-title', 'Staff recognise phishing');
	await page.fill('#f-target', 'Fewer than 5% of staff click a simulated phishing link');
	await page.fill('#f-due_date', '2030-06-30');
	await page.getByRole('button', { name: /Create/ }).click();
	await page.waitForURL(/\/objectives\/\d+\?notice=created$/);
	const objectiveUrl = page.url().replace(/\?.*$/, '');

	await page.goto(`${base}/kpis/new`);
	await page.fill('#f-title', 'Phishing click rate');
	await page.fill('#f-definition', 'Share of staff who clicked the link of the monthly simulated phishing mail.');
	await page.selectOption('#f-objective', { label: 'Staff recognise phishing' });
	await page.selectOption('#f-direction', 'lower_better');
	await page.fill('#f-target', '5');
	await page.fill('#f-warning', '10');
	await page.fill('#f-critical', '20');
	await page.getByRole('button', { name: /Create/ }).click();
	await page.waitForURL(/\/kpis\/\d+\?notice=created$/);
	const kpiUrl = page.url().replace(/\?.*$/, '');
	const id = kpiUrl.split('/').pop();

	for (const [back, value] of [[6, 24], [5, 18], [4, 15], [3, 11], [2, 8], [1, 6]]) {
		const r = ctx.cli(['kpi', 'record', '--id', id, '--date', monthStart(back), '--value', String(value)]);
		assert.equal(r.status, 0, r.stderr);
	}

	// this month's value through the page: a future date is refused at its field first
	await page.goto(kpiUrl);
	await page.getByText('Record a measurement').click();
	await page.fill('#f-date', '2999-01-01');
	await page.fill('#f-value', '4.5');
	await page.getByRole('button', { name: 'Record the measurement' }).click();
	await page.getByText(/Must not be in the future/).waitFor();
	await page.fill('#f-date', '');
	await page.getByRole('button', { name: 'Record the measurement' }).click();
	await page.waitForURL(/\/kpis\/\d+\?notice=kpi_recorded$/);
	await page.getByText('The measurement is recorded.').waitFor();

	const chart = page.locator('svg.kpi-chart');
	await chart.waitFor();
	assert.equal(await chart.locator('circle.pt').count(), 7);
	assert.equal(await chart.locator('circle.pt.lvl-red').count(), 1); // 24 is past the critical 20
	assert.equal(await chart.locator('circle.pt.lvl-green').count(), 3); // 8, 6, 4.5: not worse than the warning 10
	assert.equal(await chart.locator('line.kpi-target').count(), 1);
	assert.match(await page.locator('.kpi-card .kpis').innerText(), /On target[\s\S]*4\.5 %/);
	await ctx.shot('kpi');

	await page.goto(objectiveUrl);
	const row = page.getByRole('row', { name: /Phishing click rate/ });
	await row.waitFor();
	assert.match(await row.innerText(), /4\.5 %\s+5 %\s+On target/);
	await ctx.shot('objectives');
});
