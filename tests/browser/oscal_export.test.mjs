// Browser test of the OSCAL downloads (/frameworks/{id}/oscal/{name}) from
// the links of the framework page: signed in, the catalog of ISO/IEC
// 27001:2022 arrives as a file with its name; a system security plan with
// nothing recorded yet, and a document that does not exist, are error pages
// that say why and lead back to the framework. Screenshots:
// oscal-framework-links, oscal-refused, oscal-unknown.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { beforeEach, test } from 'node:test';

import { EMAIL, PASSWORD, useBrowser } from './harness.mjs';

const ctx = useBrowser();
let base, page;
beforeEach(() => ({ base, page } = ctx)); // once useBrowser's set-up has run

test('a framework downloads as an OSCAL catalog; refusals are pages that say why', async () => {
	const inst = ctx.cli(['framework', 'install', 'iso27001-2022']);
	assert.equal(inst.status, 0, inst.stderr);
	const fw = /framework id (\d+)/.exec(inst.stdout)[1];
	await page.goto(`${base}/login`);
	await page.fill('#email', EMAIL);
	await page.fill('#password', PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL(`${base}/`);

	await page.goto(`${base}/frameworks/${fw}`);
	await ctx.shot('oscal-framework-links');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'OSCAL catalog' }).click(),
	]);
	assert.equal(download.suggestedFilename(), 'iso-iec-27001-2022-catalog.json');
	const catalog = JSON.parse(fs.readFileSync(await download.path(), 'utf8')).catalog;
	assert.equal(catalog.metadata['oscal-version'], '1.1.2');
	assert.ok(catalog.groups.some((g) => g.title === 'Context of the organization'));

	const [refused] = await Promise.all([
		page.waitForResponse(`${base}/frameworks/${fw}/oscal/ssp`),
		page.getByRole('link', { name: 'OSCAL SSP' }).click(),
	]);
	assert.equal(refused.status(), 422);
	await page.getByText('a system security plan needs at least one').waitFor();
	assert.equal(await page.getByRole('link', { name: 'Back to the framework' }).getAttribute('href'), `/frameworks/${fw}`);
	await ctx.shot('oscal-refused');

	const unknown = await page.goto(`${base}/frameworks/${fw}/oscal/profile`);
	assert.equal(unknown.status(), 404);
	await page.getByText('use catalog, ssp, assessment-results or poam').waitFor();
	await ctx.shot('oscal-unknown');
});
