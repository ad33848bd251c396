// Browser look at a seeded organisation (isms bench seed --size S): the
// dashboard, the risk register with its coloured levels and pages, and one
// seeded risk. Screenshots: bench-dashboard, bench-risks, bench-risk-detail.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

import { EMAIL, PASSWORD, useBrowser } from './harness.mjs';

const ctx = useBrowser();
let base, page;
beforeEach(() => ({ base, page } = ctx));

test('the pages of a seeded organisation', async () => {
	const seeded = ctx.cli(['bench', 'seed', '--size', 'S']);
	assert.equal(seeded.status, 0, seeded.stdout + seeded.stderr);

	await page.goto(`${base}/login`);
	await page.fill('#email', EMAIL);
	await page.fill('#password', PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL(`${base}/`);
	await ctx.shot('bench-dashboard');

	await page.goto(`${base}/risks`);
	const rows = page.locator('table tbody tr');
	assert.equal(await rows.count(), 25, 'one page of the register');
	assert.match(await page.textContent('main'), /1,?000/, 'the total of 1,000 risks shows');
	await ctx.shot('bench-risks');

	await rows.first().locator('a').first().click();
	await page.getByRole('heading', { level: 1 }).waitFor();
	assert.match(await page.getByRole('heading', { level: 1 }).textContent(), /\(R-\d{6}\)/);
	await ctx.shot('bench-risk-detail');
});
