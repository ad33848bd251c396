// Browser test of the risk method and risk scoring: the method page with
// its coloured matrix, the form that saves a new version (a bad one is
// refused with each problem named, nothing saved), and a risk scored
// through the form whose levels show as coloured badges. Screenshots:
// risk-method, risk-method-form-error, risk-detail, risks.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

import { EMAIL, PASSWORD, useBrowser } from './harness.mjs';

const ctx = useBrowser();
let base, page;
beforeEach(() => ({ base, page } = ctx)); // once useBrowser's set-up has run

test('the risk method: matrix, a refused change, a new version', async () => {
	await page.goto(`${base}/login`);
	await page.fill('#email', EMAIL);
	await page.fill('#password', PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL(`${base}/`);

	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Risk method' }).click();
	await page.waitForURL(`${base}/risk-method`);
	await page.getByRole('heading', { level: 1, name: 'Risk method' }).waitFor();
	const matrix = page.locator('table.matrix');
	assert.equal(await matrix.locator('td.cell').count(), 25);
	assert.equal(await matrix.locator('td.cell.lvl-red').count(), 3, 'critical: 4×5, 5×4 and 5×5');
	await ctx.shot('risk-method');
	const red = await matrix.locator('td.cell.lvl-red').first().evaluate((el) => getComputedStyle(el).backgroundColor);
	assert.notEqual(red, 'rgba(0, 0, 0, 0)', 'cells are coloured by the stylesheet');

	await page.getByRole('link', { name: 'Change the method' }).click();
	await page.waitForURL(`${base}/risk-method/edit`);
	await page.getByLabel('Likelihood step 2 value').fill('9');
	await page.selectOption('#appetite', 'medium');
	await page.getByRole('button', { name: 'Save as a new version' }).click();
	await page.getByText('likelihood[2].value').waitFor();
	await ctx.shot('risk-method-form-error');
	assert.equal(ctx.cli(['risk', 'method', 'show']).stdout.includes('"id":1,'), true, 'still version 1');

	await page.getByLabel('Likelihood step 2 value').fill('2');
	await page.fill('#note', 'Medium risks are accepted');
	await page.getByRole('button', { name: 'Save as a new version' }).click();
	await page.waitForURL(`${base}/risk-method?notice=updated`);
	await page.getByText('Version 2', { exact: true }).waitFor();
	assert.match(await page.locator('#h-versions').locator('..').innerText(), /Medium risks are accepted/);
});

test('a risk scored through the form shows its levels in colour', async () => {
	await page.goto(`${base}/risks/new`);
	await page.fill('#f-title', 'Stolen laptop with customer data');
	await page.fill('#f-likelihood', '4');
	await page.fill('#f-impact', '5');
	await page.fill('#f-residual_likelihood', '2');
	await page.fill('#f-residual_impact', '2');
	await page.getByRole('button', { name: 'Create risk' }).click();
	await page.waitForURL(/\/risks\/\d+\?notice=created$/);
	const details = page.getByRole('region', { name: 'Details' });
	await details.locator('.badge.lvl-red', { hasText: 'Critical' }).waitFor();
	await details.locator('.badge.lvl-green', { hasText: 'Low' }).waitFor();
	await ctx.shot('risk-detail');

	await page.goto(`${base}/risks/new`);
	await page.fill('#f-title', 'Off the scale');
	await page.fill('#f-likelihood', '7');
	await page.getByRole('button', { name: 'Create risk' }).click();
	await page.getByText(/Must be 1, 2, 3, 4 or 5/).waitFor();

	await page.goto(`${base}/risks`);
	await page.locator('table .badge.lvl-red').first().waitFor();
	await ctx.shot('risks');
});
