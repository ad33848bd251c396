// Browser test of the isms web UI: headless Debian Chromium driven by
// playwright-core. It starts its own server on a fresh database and walks
// through what a user does: sign in, create an asset with the form, find it
// in the list, edit it, submit an invalid form, archive it, read what was
// done in the audit log, set up two-factor authentication from the QR page
// and sign in with a code.
//
//   cd tests/browser && npm install && cd ../.. && node --test tests/browser/
//
// See harness.mjs for $ISMS_BIN, $CHROMIUM and the screenshots.

import assert from 'node:assert/strict';
import path from 'node:path';
import { beforeEach, test } from 'node:test';

import { nextCode, wrongCode } from '../api/totp.mjs';
import { EMAIL, PASSWORD, SHOTS, useBrowser } from './harness.mjs';

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

test('the audit log lists the changes, filters them and shows one entry in full', async () => {
	await page.goto(`${base}/`);
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
	await page.waitForURL(`${base}/audit`);
	await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
	const update = page.locator('tbody tr', { hasText: 'Updated' }).first();
	assert.match(await update.innerText(), /Location:\s+empty\s+→\s+Frankfurt data centre/);
	assert.match(await update.innerText(), /Lifecycle:\s+In use\s+→\s+Planned/);
	assert.match(await update.innerText(), /Asset #\d+\s+Customer database/);
	await shot('audit');

	// a select of the filter bar applies itself
	await page.selectOption('#f-action', 'archive');
	await page.waitForURL(/\/audit\?.*action=archive/);
	assert.equal(await page.locator('tbody tr').count(), 1);
	assert.match(await page.locator('.result-count').innerText(), /1–1\s+of 1/);

	// one entry in full, and the chain verified up to it
	await page.goto(`${base}/audit?action=update`);
	await page.locator('tbody tr').first().getByRole('link', { name: /^#\d+$/ }).click();
	await page.waitForURL(/\/audit\/\d+$/);
	await page.getByRole('heading', { name: 'Before and after' }).waitFor();
	assert.match(await page.locator('tr.diff-changed', { hasText: 'Location' }).innerText(), /Frankfurt data centre/);
	await page.getByText('Hash matches').waitFor();
	await shot('audit-entry');
	await page.getByRole('link', { name: 'Verify the chain up to here' }).click();
	await page.getByText(/The chain from entry #1 to this one verifies/).waitFor();

	// the record's own page shows its history
	await page.locator('aside').getByRole('link', { name: /^Asset #\d+$/ }).click();
	const history = page.getByRole('region', { name: 'History' });
	await history.waitFor();
	assert.equal(await history.locator('tbody tr').count(), 3);
	assert.match(await history.locator('tbody tr').first().innerText(), /Archived/);
	await page.locator('.history').screenshot({ path: path.join(SHOTS, 'detail-history.png') });
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

test('two-factor authentication: enrol from the QR code page, then sign in with a code', async () => {
	await page.goto(`${base}/login`);
	await page.fill('#email', EMAIL);
	await page.fill('#password', PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL(`${base}/`);

	await page.getByRole('link', { name: 'Two-factor' }).click();
	await page.waitForURL(`${base}/account/mfa`);
	await page.getByRole('button', { name: 'Start the set-up' }).click();
	const qr = page.getByRole('img', { name: /QR code/ });
	await qr.waitFor();
	const box = await qr.boundingBox();
	assert.ok(box.width >= 150 && Math.abs(box.width - box.height) < 1, `a square QR code: ${JSON.stringify(box)}`);
	await shot('mfa-enrol');

	const device = { secret: (await page.locator('#mfa-secret').innerText()).replace(/\s/g, ''), last: 0 };
	assert.match(device.secret, /^[A-Z2-7]{32}$/);
	await page.fill('#code', wrongCode(device.secret));
	await page.getByRole('button', { name: 'Turn on' }).click();
	await page.locator('.field-error', { hasText: 'not the current code' }).waitFor();

	await page.fill('#code', await nextCode(device));
	await page.getByRole('button', { name: 'Turn on' }).click();
	await page.getByRole('heading', { level: 1, name: 'Recovery codes' }).waitFor();
	assert.equal(await page.locator('.recovery-codes li').count(), 10);
	await shot('mfa-recovery-codes');

	await page.getByRole('button', { name: 'Log out' }).click();
	await page.waitForURL(`${base}/login?notice=logged_out`);
	await page.fill('#email', EMAIL);
	await page.fill('#password', PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.getByRole('heading', { level: 1, name: 'Enter your code' }).waitFor();
	await shot('mfa-code');
	await page.fill('#code', await nextCode(device));
	await page.getByRole('button', { name: 'Verify' }).click();
	await page.waitForURL(`${base}/`);
	await page.getByRole('heading', { level: 1, name: /Hello/ }).waitFor();
});
