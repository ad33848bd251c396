// Browser test of asset dependencies: a dependency added through the asset
// page's Links section, the protection needs panel showing own and
// effective values and which asset raises them, a refused circle shown at
// the form, and a removal. Screenshot: asset-dependencies.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

import { EMAIL, PASSWORD, newAsset as newAssetForm, useBrowser } from './harness.mjs';

const ctx = useBrowser();
let base, page;
beforeEach(() => ({ base, page } = ctx)); // once useBrowser's set-up has run

const newAsset = (name, type, c, i, a, classification) => newAssetForm(ctx, { name, type, classification, c, i, a });

test('a dependency added on the asset page raises the effective protection needs', async () => {
	await page.goto(`${base}/login`);
	await page.fill('#email', EMAIL);
	await page.fill('#password', PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL(`${base}/`);

	const host = await newAsset('Cloud database', 'service', 2, 2, 3, 'internal');
	const data = await newAsset('Customer records', 'information', 4, 3, 2, 'restricted');

	// on the customer records' page: depends on the cloud database
	await page.goto(`${base}/assets/${data}`);
	const links = page.getByRole('region', { name: 'Links' });
	await links.getByLabel('Add to “Depends on”').selectOption({ label: 'Cloud database' });
	await links.getByRole('button', { name: 'Add' }).click();
	await page.waitForURL(`${base}/assets/${data}#links-depends_on`);
	await links.getByRole('link', { name: 'Cloud database' }).waitFor();

	// the database now needs what the records need
	await page.goto(`${base}/assets/${host}`);
	const needs = page.getByRole('region', { name: 'Protection needs' });
	const row = (name) => needs.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
	assert.deepEqual(await row('Confidentiality').getByRole('cell').allInnerTexts(),
		['2 Medium', '4 Very high', 'Customer records']);
	assert.deepEqual(await row('Availability').getByRole('cell').allInnerTexts(), ['3 High', '3 High', 'Its own value']);
	assert.match(await row('Classification').innerText(), /Internal\s+Restricted\s+Customer records/);
	await page.getByRole('region', { name: 'Links' }).getByRole('heading', { name: /Used by/ }).waitFor();
	await ctx.shot('asset-dependencies');

	// the database cannot depend on the records: the select does not offer them,
	// and a forged form is refused at the form with the circle named
	// (nothing else is left to choose, so the page offers no form at all)
	await page.getByRole('region', { name: 'Links' }).getByText('There is no asset left to choose.').first().waitFor();
	assert.equal(await page.locator('#link-depends_on').count(), 0, 'no select without candidates');
	await page.evaluate((id) => {
		const f = document.createElement('form');
		f.method = 'post';
		f.action = `${location.pathname}/links/depends_on`;
		for (const [name, value] of [['csrf', document.querySelector('input[name=csrf]').value], ['id', String(id)]]) {
			const input = document.createElement('input');
			input.name = name;
			input.value = value;
			f.append(input);
		}
		document.body.append(f);
		f.submit();
	}, data);
	await page.getByText('would close a circle').first().waitFor();
	assert.match(await page.locator('.field-error').innerText(), /Cloud database → Customer records → Cloud database/);

	// removing the link on the records' page brings the database back to its own values
	await page.goto(`${base}/assets/${data}`);
	await page.getByRole('button', { name: 'Remove Cloud database' }).click();
	await page.waitForURL(`${base}/assets/${data}#links-depends_on`);
	await page.goto(`${base}/assets/${host}`);
	assert.deepEqual(await row('Confidentiality').getByRole('cell').allInnerTexts(), ['2 Medium', '2 Medium', 'Its own value']);
});

test('a risk lists its assets (the primary one marked) and its controls with their relation', async () => {
	await page.goto(`${base}/controls/new`);
	await page.fill('#f-title', 'Encrypted backups');
	await page.getByRole('button', { name: 'Create control' }).click();
	await page.waitForURL(/\/controls\/\d+\?notice=created$/);

	await page.goto(`${base}/risks/new`);
	await page.fill('#f-title', 'Leak of customer records');
	await page.selectOption('#f-asset', { label: 'Customer records' });
	await page.getByRole('button', { name: 'Create risk' }).click();
	await page.waitForURL(/\/risks\/\d+\?notice=created$/);
	const links = page.getByRole('region', { name: 'Links' });
	const involved = links.locator('#links-assets');
	await involved.getByRole('link', { name: 'Customer records' }).waitFor();
	await involved.getByText('Primary', { exact: true }).waitFor();
	assert.equal(await involved.getByRole('button', { name: /^Remove/ }).count(), 0, 'the primary asset stays');

	await links.getByLabel('Add to “Controls”').selectOption({ label: 'Encrypted backups' });
	await links.getByLabel('As', { exact: true }).selectOption('planned');
	await links.locator('#links-controls').getByRole('button', { name: 'Add' }).click();
	await links.locator('#links-controls .link-list .badge', { hasText: 'Planned' }).waitFor();
	await ctx.shot('risk-links');
});
