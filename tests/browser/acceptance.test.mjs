// Browser test of the acceptance rule and the treatment plan: closing a risk
// above the appetite is refused on the form until its owner signs an
// acceptance on the risk's page (a bad one refused with the message next to
// its field), then it closes; an action added from the risk's page shows in
// the plan, overdue first. Screenshots: risk-acceptance, treatment-plan.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

import { EMAIL, PASSWORD, useBrowser } from './harness.mjs';

const ctx = useBrowser();
let base, page;
beforeEach(() => ({ base, page } = ctx));

const dateIn = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test('a risk above the appetite is closed only once accepted', async () => {
	await page.goto(`${base}/login`);
	await page.fill('#email', EMAIL);
	await page.fill('#password', PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL(`${base}/`);

	await page.goto(`${base}/risks/new`);
	await page.fill('#f-title', 'Customer database exposed');
	await page.fill('#f-likelihood', '4');
	await page.fill('#f-impact', '5');
	await page.fill('#f-residual_likelihood', '3');
	await page.fill('#f-residual_impact', '3');
	await page.selectOption('#f-treatment', 'modify');
	await page.getByRole('button', { name: 'Create risk' }).click();
	await page.waitForURL(/\/risks\/\d+\?notice=created$/);
	const riskUrl = page.url().replace(/\?.*$/, '');

	// closing is refused, with the rule next to the status field
	await page.goto(`${riskUrl}/edit`);
	await page.selectOption('#f-status', 'closed');
	await page.getByRole('button', { name: /Save/ }).click();
	await page.getByText(/Level Medium is above the appetite \(Low\)/).waitFor();

	// a bad acceptance: the message stands next to its field
	await page.goto(riskUrl);
	const section = page.getByRole('region', { name: 'Acceptance' });
	await section.getByText(/is above the risk appetite/).waitFor();
	await section.getByLabel('Rationale').fill('Encrypted at rest; access is logged and reviewed weekly.');
	await section.getByLabel('Valid until').fill(dateIn(-2));
	await section.getByRole('button', { name: 'Sign the acceptance' }).click();
	await page.getByText(/Must be after today/).waitFor();
	assert.equal(ctx.cli(['risk', 'plan']).status, 0);

	await page.getByLabel('Valid until').fill(dateIn(200));
	await page.getByRole('button', { name: 'Sign the acceptance' }).click();
	await page.waitForURL(/\?notice=accepted$/);
	await page.getByRole('region', { name: 'Acceptance' }).getByText(/Accepted by Administrator/).waitFor();

	// now it closes
	await page.goto(`${riskUrl}/edit`);
	await page.selectOption('#f-status', 'closed');
	await page.getByRole('button', { name: /Save/ }).click();
	await page.waitForURL(/\?notice=updated$/);
	await page.getByRole('region', { name: 'Details' }).getByText('Closed').waitFor();
	await page.getByRole('region', { name: 'Acceptance' }).scrollIntoViewIfNeeded();
	await ctx.shot('risk-acceptance');
});

test('actions added on a risk page make the treatment plan', async () => {
	await page.goto(`${base}/risks/new`);
	await page.fill('#f-title', 'Ransomware on the file server');
	await page.fill('#f-likelihood', '3');
	await page.fill('#f-impact', '5');
	await page.selectOption('#f-treatment', 'modify');
	await page.getByRole('button', { name: 'Create risk' }).click();
	await page.waitForURL(/\/risks\/\d+\?notice=created$/);
	const riskUrl = page.url().replace(/\?.*$/, '');

	for (const [title, due] of [['Offline backups', dateIn(-4)], ['Patch the file server', dateIn(14)]]) {
		await page.goto(riskUrl);
		const actions = page.getByRole('region', { name: 'Treatment actions' });
		await actions.getByText('Add action').click();
		await actions.getByLabel('Title').fill(title);
		await actions.getByLabel('Due').fill(due);
		await actions.getByRole('button', { name: 'Add the action' }).click();
		await page.waitForURL(/\/tasks\/\d+\?notice=created$/);
	}
	await page.goto(riskUrl);
	await page.getByRole('region', { name: 'Treatment actions' }).getByText('1 overdue').waitFor();

	await page.goto(`${base}/risks/plan`);
	await page.getByRole('heading', { level: 1, name: 'Treatment plan' }).waitFor();
	const first = page.locator('section.plan-risk').first();
	assert.match(await first.innerText(), /Ransomware on the file server/);
	assert.match(await first.locator('tbody tr').first().innerText(), /Offline backups/);
	assert.equal(await first.locator('tr.row-overdue').count(), 1);
	await ctx.shot('treatment-plan');
});
