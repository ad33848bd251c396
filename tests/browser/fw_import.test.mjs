// Browser test of /frameworks/import: an ISMS manager uploads an OSCAL file
// through the form (format select, file input, multipart upload), sees what
// was imported, then a broken file's message next to the file field.
// Screenshots: fw-import-form, fw-import-done, fw-import-error.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { EMAIL, PASSWORD, useBrowser } from './harness.mjs';

const CATALOG = fileURLToPath(new URL('../../../shared/testdata/oscal-content/nist.gov/SP800-53/rev5/xml/NIST_SP-800-53_rev5_catalog.xml', import.meta.url));
const ctx = useBrowser();
let base, page;
beforeEach(() => ({ base, page } = ctx));

test('an OSCAL catalog uploaded through the page, then a broken file refused', async () => {
	await page.goto(`${base}/login`);
	await page.fill('#email', EMAIL);
	await page.fill('#password', PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.goto(`${base}/frameworks/import`);
	assert.equal(await page.locator('#f-format').inputValue(), 'oscal');
	await ctx.shot('fw-import-form');

	await page.setInputFiles('#f-file', CATALOG);
	await page.getByRole('button', { name: 'Import' }).click();
	await page.waitForSelector('#h-imported');
	const notice = await page.locator('.notice').first().innerText();
	assert.match(notice, /Imported 1 framework with 1027 requirements and 0 mappings from NIST_SP-800-53_rev5_catalog\.xml/);
	assert.match(await page.locator('table').innerText(), /NIST Special Publication 800-53 Revision 5: Security and Privacy Controls/);
	await ctx.shot('fw-import-done');

	const bad = path.join(os.tmpdir(), `isms-bad-${process.pid}.json`);
	fs.writeFileSync(bad, '{"catalog": {"metadata": {"title": "T"}, "groups": [{"id": "g", "title": "G", "controls": [{"id": "g-1"}]}]}}');
	try {
		await page.setInputFiles('#f-file', bad);
		await page.getByRole('button', { name: 'Import' }).click();
		await page.waitForSelector('#f-file-error');
		assert.equal(await page.locator('#f-file-error').innerText(), 'catalog.groups[0].controls[0]: control g-1 has no title.');
		assert.equal(await page.locator('#f-file').getAttribute('aria-invalid'), 'true');
		await ctx.shot('fw-import-error');
	} finally {
		fs.rmSync(bad, { force: true });
	}
});
