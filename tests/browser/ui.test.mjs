// Browser test of the isms web UI: headless Debian Chromium driven by
// playwright-core. It starts its own server on a fresh database and walks
// through what a user does: sign in, create an asset with the form, find it
// in the list, edit it, submit an invalid form, archive it.
//
//   cd tests/browser && npm install && cd ../.. && node --test tests/browser/
//
// See harness.mjs for $ISMS_BIN, $CHROMIUM and the screenshots.

import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

import { EMAIL, PASSWORD, useBrowser } from './harness.mjs';

const ctx = useBrowser();
let base, page;
beforeEach(() => ({ base, page } = ctx)); // once useBrowser's set-up has run
const shot = (name) => ctx.shot(name);

test('an anonymous visitor is sent to the login page and back after signing in', async () => {
	await page.goto(`${base}/assets`);
	assert.match(page.url(), /\/login\?next=\/assets$/);
	await shot('login');

	await page.fill('#email', EMAIL);
	await page.fill('#password', 'not-the-password');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.getByText('Wrong e-mail or password.').waitFor();
	assert.equal(await page.inputValue('#email'), EMAIL, 'the e-mail is kept after a failed login');

	await page.fill('#password', PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL(`${base}/assets`);
	await page.getByRole('heading', { level: 1, name: 'Assets' }).waitFor();
});

test('create, find, edit and archive an asset through the forms', async () => {
	await page.goto(`${base}/`);
	await page.getByRole('link', { name: 'Assets' }).first().click();
	await page.getByRole('link', { name: 'New asset' }).first().click();
	await page.waitForURL(`${base}/assets/new`);

	await page.fill('#f-name', 'Customer database');
	await page.selectOption('#f-asset_type', 'information');
	await page.selectOption('#f-classification', 'confidential');
	await page.fill('#f-description', 'All customer records.\nIncludes billing addresses.');
	await page.fill('#f-confidentiality', '4');
	await page.getByRole('button', { name: 'Create asset' }).click();

	// redirected to the detail page, with a notice
	await page.waitForURL(/\/assets\/\d+\?notice=created$/);
	const detailUrl = page.url().replace(/\?.*$/, '');
	await page.getByRole('heading', { level: 1, name: 'Customer database' }).waitFor();
	await page.getByText('Created. The record has been saved.').waitFor();
	const detail = page.getByRole('region', { name: 'Details' });
	assert.match(await detail.innerText(), /Information/);
	assert.match(await detail.innerText(), /Confidential/);
	assert.match(await page.locator('.longtext').innerText(), /All customer records\.\nIncludes billing/);
	await shot('detail');

	// the list shows it, with labels instead of codes
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Assets' }).click();
	const row = page.locator('tbody tr', { hasText: 'Customer database' });
	await row.waitFor();
	assert.match(await row.innerText(), /Information/);
	assert.match(await row.innerText(), /Confidential/);
	assert.match(await page.locator('.result-count').innerText(), /1–1\s+of 1/);
	await shot('list');

	// search and filter through the filter bar
	await page.fill('#q', 'nothing like this');
	await page.press('#q', 'Enter');
	await page.getByText('No assets match.').waitFor();
	await page.goto(`${base}/assets?asset_type=information`);
	await row.waitFor();

	// edit one field
	await row.getByRole('link', { name: 'Customer database' }).click();
	await page.waitForURL(detailUrl);
	await page.getByRole('link', { name: 'Edit' }).click();
	await page.waitForURL(`${detailUrl}/edit`);
	await page.fill('#f-location', 'Frankfurt data centre');
	await page.selectOption('#f-lifecycle', 'planned');
	await page.getByRole('button', { name: 'Save changes' }).click();
	await page.waitForURL(`${detailUrl}?notice=updated`);
	await page.getByText('Your changes have been saved.').waitFor();
	assert.match(await page.getByRole('region', { name: 'Details' }).innerText(), /Frankfurt data centre/);
	assert.match(await page.getByRole('region', { name: 'Details' }).innerText(), /Planned/);

	// an invalid form comes back with the message next to the field and the values kept
	await page.getByRole('link', { name: 'Edit' }).click();
	await page.fill('#f-name', '');
	await page.fill('#f-availability', '9');
	await page.fill('#f-location', 'Kept location');
	await page.getByRole('button', { name: 'Save changes' }).click();
	await page.getByText('Please correct the marked fields.').waitFor();
	const nameField = page.locator('.field', { has: page.locator('#f-name') });
	assert.match(await nameField.locator('.field-error').innerText(), /Required\./);
	assert.equal(await page.getAttribute('#f-name', 'aria-invalid'), 'true');
	const availField = page.locator('.field', { has: page.locator('#f-availability') });
	assert.match(await availField.locator('.field-error').innerText(), /between 1 and 4/);
	assert.equal(await page.inputValue('#f-location'), 'Kept location');
	assert.equal(await page.inputValue('#f-lifecycle'), 'planned');
	await shot('form-error');

	// nothing was saved
	await page.goto(detailUrl);
	assert.match(await page.getByRole('region', { name: 'Details' }).innerText(), /Frankfurt data centre/);

	// archive, confirming the dialog
	page.once('dialog', (d) => d.accept());
	await page.getByRole('button', { name: 'Archive' }).click();
	await page.waitForURL(`${base}/assets?notice=archived`);
	await page.getByText('The record has been archived.').waitFor();
	await page.getByText('No assets yet.').waitFor();
});

test('a new form refuses a missing required field', async () => {
	await page.goto(`${base}/assets/new`);
	await page.fill('#f-location', 'Somewhere');
	await page.getByRole('button', { name: 'Create asset' }).click();
	await page.getByText('Please correct the marked fields.').waitFor();
	assert.match(await page.locator('.field.has-error', { has: page.locator('#f-name') }).innerText(), /Required\./);
	assert.match(await page.locator('.field.has-error', { has: page.locator('#f-asset_type') }).innerText(),
		/Required\./);
	assert.equal(await page.inputValue('#f-location'), 'Somewhere');
});

test('the dashboard counts records and logging out ends the session', async () => {
	await page.goto(`${base}/`);
	await page.getByRole('heading', { level: 1, name: /Hello/ }).waitFor();
	await page.locator('.stat-card', { hasText: 'Assets' }).waitFor();
	await shot('dashboard');
	await page.getByRole('button', { name: 'Log out' }).click();
	await page.waitForURL(`${base}/login?notice=logged_out`);
	await page.getByText('You have been logged out.').waitFor();
	await page.goto(`${base}/`);
	assert.match(page.url(), /\/login\?next=\/$/);
});
