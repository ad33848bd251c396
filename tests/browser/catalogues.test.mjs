// Browser test of the catalogues and the classification scheme: the threat
// catalogue with its families and the properties each threat affects, a
// risk that picks a threat and a vulnerability from them, the scheme page,
// a refused and a saved change of the scheme, and an asset showing its
// level with the handling rules. Screenshots: threats, risk-threat,
// classification, classification-form-error, asset-classification.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

import { EMAIL, PASSWORD, useBrowser } from './harness.mjs';

const ctx = useBrowser();
let base, page;
beforeEach(() => ({ base, page } = ctx)); // once useBrowser's set-up has run

test('the threat catalogue, and a risk that names a threat and a vulnerability', async () => {
	await page.goto(`${base}/login`);
	await page.fill('#email', EMAIL);
	await page.fill('#password', PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL(`${base}/`);

	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Threats' }).click();
	await page.waitForURL(`${base}/threats`);
	await page.getByRole('heading', { level: 1, name: 'Threats' }).waitFor();
	const rows = page.locator('table tbody tr');
	assert.equal(await rows.count(), 25, 'the first page of 45');
	assert.match(await rows.first().innerText(), /Accidental deletion or change of data\s+Human error/);
	await ctx.shot('threats');

	await page.goto(`${base}/risks/new`);
	await page.fill('#f-title', 'Invoice fraud by e-mail');
	await page.selectOption('#f-threat', { label: 'Phishing' });
	await page.selectOption('#f-vulnerability', { label: 'Low security awareness' });
	await page.selectOption('#f-treatment', 'share');
	await page.fill('#f-share_party', 'Acme Insurance');
	await page.selectOption('#f-share_mechanism', 'insurance');
	await page.getByRole('button', { name: 'Create risk' }).click();
	await page.waitForURL(/\/risks\/\d+\?notice=created$/);
	const details = page.getByRole('region', { name: 'Details' });
	await details.getByRole('link', { name: 'Phishing' }).waitFor();
	await details.getByRole('link', { name: 'Low security awareness' }).waitFor();
	await details.getByText('Acme Insurance').waitFor();
	await ctx.shot('risk-threat');
});

test('the classification scheme: its page, a refused and a saved change, an asset at a level', async () => {
	await page.goto(`${base}/classification`);
	await page.getByRole('heading', { level: 1, name: 'Classification scheme' }).waitFor();
	assert.equal(await page.locator('.class-level').count(), 4);
	await page.locator('.class-level .badge.lvl-red', { hasText: 'Restricted' }).waitFor();
	await ctx.shot('classification');

	await page.getByRole('link', { name: 'Change the scheme' }).click();
	await page.waitForURL(`${base}/classification/edit`);
	await page.fill('#c4_key', 'Secret!');
	await page.fill('#c4_label', 'Secret');
	await page.fill('#c4_rank', '9');
	await page.selectOption('#c4_colour', 'purple');
	await page.fill('#c4_h_store', 'In the safe, nowhere else.');
	await page.getByRole('button', { name: 'Save the scheme' }).click();
	await page.getByText('levels[4].key').waitFor();
	await ctx.shot('classification-form-error');
	assert.equal(ctx.cli(['classification', 'list']).stdout.trim().split('\n').length, 4, 'nothing saved');

	await page.fill('#c4_key', 'secret');
	await page.getByRole('button', { name: 'Save the scheme' }).click();
	await page.waitForURL(`${base}/classification?notice=updated`);
	await page.locator('.class-level .badge.lvl-purple', { hasText: 'Secret' }).waitFor();

	await page.goto(`${base}/assets/new`);
	await page.fill('#f-name', 'Board minutes');
	await page.selectOption('#f-asset_type', 'information');
	await page.selectOption('#f-classification', { label: 'Secret' });
	await page.getByRole('button', { name: 'Create asset' }).click();
	await page.waitForURL(/\/assets\/\d+\?notice=created$/);
	// the field grid shows the own classification; the Protection needs panel both
	await page.locator('.fields .badge.lvl-purple', { hasText: 'Secret' }).waitFor();
	assert.equal(await page.locator('#protection .badge.lvl-purple', { hasText: 'Secret' }).count(), 2, 'own and effective, in the level colour');
	await page.getByText('How to handle Secret information').click();
	await page.getByText('In the safe, nowhere else.').waitFor();
	await ctx.shot('asset-classification');
});
