// Browser test of the account and administration pages: API tokens (a new
// token is shown once), sessions, user administration (a one-time password
// is shown once) and the settings form, each screenshotted; and what a
// non-administrator sees of them.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

import { EMAIL, PASSWORD, useBrowser } from './harness.mjs';

const ctx = useBrowser();
let base, page;
beforeEach(() => ({ base, page } = ctx)); // once useBrowser's set-up has run

async function signIn(email, password) {
	await page.goto(`${base}/login`);
	await page.fill('#email', email);
	await page.fill('#password', password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL(`${base}/`);
}

const nav = () => page.getByRole('navigation', { name: 'Main' });
// outside the browser, so that its cookies are neither sent nor replaced
const meWith = async (token) => (await fetch(`${base}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } })).status;

test('API tokens: create one and see it once, refuse a bad form, revoke', async () => {
	await signIn(EMAIL, PASSWORD);
	await nav().getByRole('link', { name: 'API tokens' }).click();
	await page.waitForURL(`${base}/account/tokens`);
	await page.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor();
	await page.getByText('No API tokens.').waitFor();

	await page.fill('#f-name', '');
	await page.getByRole('button', { name: 'Create token' }).click();
	assert.match(await page.locator('.field.has-error', { has: page.locator('#f-name') }).innerText(), /Required\./);
	await page.getByText('No API tokens.').waitFor();

	await page.fill('#f-name', 'Nightly export');
	await page.fill('#f-days', '30');
	await page.getByRole('button', { name: 'Create token' }).click();
	const secret = (await page.locator('#new-token').innerText()).trim();
	assert.match(secret, /^isms_[A-Za-z0-9_-]{43}$/);
	await page.getByText('it is shown only this once').waitFor();
	const row = page.locator('tbody tr', { hasText: 'Nightly export' });
	assert.match(await row.innerText(), /Active/);
	await ctx.shot('account-tokens');
	assert.equal(await meWith(secret), 200, 'the token works');

	await page.goto(`${base}/account/tokens`);
	assert.equal(await page.locator('#new-token').count(), 0, 'not shown again');
	assert.ok(!(await page.content()).includes(secret));

	page.once('dialog', (d) => d.accept());
	await row.getByRole('button', { name: 'Revoke' }).click();
	await page.waitForURL(`${base}/account/tokens?notice=token_revoked`);
	assert.match(await row.innerText(), /Revoked/);
	assert.equal(await meWith(secret), 401, 'the revoked token is refused');
});

test('sessions: the current one is marked; another can be ended', async () => {
	// a second session of the same user, from "another browser"
	const other = await fetch(`${base}/api/v1/login`, {
		method: 'POST',
		body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
		headers: { 'Content-Type': 'application/json', 'User-Agent': 'Other browser/9' },
	});
	assert.equal(other.status, 200);
	await page.goto(`${base}/account/sessions`);
	await page.getByRole('heading', { level: 1, name: 'Sessions' }).waitFor();
	const rows = page.locator('tbody tr');
	assert.equal(await rows.count(), 2);
	assert.match(await page.locator('tr.current').innerText(), /This session/);
	await ctx.shot('account-sessions');

	page.once('dialog', (d) => d.accept());
	await page.locator('tbody tr', { hasText: 'Other browser/9' }).getByRole('button', { name: 'End' }).click();
	await page.waitForURL(`${base}/account/sessions?notice=session_ended`);
	assert.equal(await rows.count(), 1);
	assert.match(await rows.first().innerText(), /This session/);
});

test('user administration: create with a one-time password, change role, disable, reset', async () => {
	await nav().getByRole('link', { name: 'Users' }).click();
	await page.waitForURL(`${base}/admin/users`);
	await page.getByRole('link', { name: 'New user' }).click();
	await page.fill('#f-email', 'not an address');
	await page.fill('#f-name', 'Maria Keller');
	await page.getByRole('button', { name: 'Create user' }).click();
	assert.match(await page.locator('.field.has-error', { has: page.locator('#f-email') }).innerText(), /e-mail address/);
	assert.equal(await page.inputValue('#f-name'), 'Maria Keller');

	await page.fill('#f-email', 'maria@example.org');
	await page.selectOption('#f-role', 'owner');
	await page.getByRole('button', { name: 'Create user' }).click();
	await page.getByText('The user has been created.').waitFor();
	const otp = (await page.locator('#otp').innerText()).trim();
	assert.ok(otp.length >= 12, otp);
	await ctx.shot('admin-user-created');

	await page.getByRole('link', { name: 'Back to Maria Keller' }).click();
	await page.getByRole('heading', { level: 1, name: 'Maria Keller' }).waitFor();
	assert.match(await page.locator('.meta').innerText(), /Must change password/);
	await page.selectOption('#f-role', 'isms_manager');
	await page.getByRole('button', { name: 'Save changes' }).click();
	await page.getByText('Your changes have been saved.').waitFor();
	assert.match(await page.locator('.meta').innerText(), /ISMS manager/);

	page.once('dialog', (d) => d.accept());
	await page.getByRole('button', { name: 'Disable user' }).click();
	await page.getByText('The user is disabled').waitFor();
	await page.getByRole('button', { name: 'Enable user' }).waitFor();
	await ctx.shot('admin-user');

	page.once('dialog', (d) => d.accept());
	await page.getByRole('button', { name: 'Reset password' }).click();
	await page.getByText('The password has been reset').waitFor();
	assert.notEqual((await page.locator('#otp').innerText()).trim(), otp);

	await nav().getByRole('link', { name: 'Users' }).click();
	const row = page.locator('tbody tr', { hasText: 'maria@example.org' });
	assert.match(await row.innerText(), /ISMS manager\s+Disabled/);
	await ctx.shot('admin-users');
	await page.fill('#q', 'keller');
	await page.getByRole('button', { name: 'Search' }).click();
	await page.waitForURL(`${base}/admin/users?q=keller`);
	assert.equal(await page.locator('tbody tr').count(), 1);
});

test('settings: errors next to the field, nothing saved; then saved', async () => {
	await nav().getByRole('link', { name: 'Settings' }).click();
	await page.waitForURL(`${base}/admin/settings`);
	assert.equal(await page.inputValue('#f-session_idle_minutes'), '120');
	assert.equal(await page.isChecked('#f-mfa_required'), false);
	await ctx.shot('admin-settings');

	await page.fill('#f-session_idle_minutes', '1');
	await page.fill('#f-session_absolute_hours', '8');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await page.getByText('Nothing was saved.').waitFor();
	const field = page.locator('.field.has-error', { has: page.locator('#f-session_idle_minutes') });
	assert.match(await field.innerText(), /between 5 and 1440/);
	assert.equal(await page.inputValue('#f-session_absolute_hours'), '8', 'what was typed is kept');
	await ctx.shot('admin-settings-error');
	await page.goto(`${base}/admin/settings`);
	assert.equal(await page.inputValue('#f-session_absolute_hours'), '12', 'nothing was saved');

	await page.fill('#f-session_idle_minutes', '45');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await page.waitForURL(`${base}/admin/settings?notice=updated`);
	assert.equal(await page.inputValue('#f-session_idle_minutes'), '45');
});

test('a non-administrator sees no administration and is refused it', async () => {
	const add = ctx.cli(['user', 'add', '--email', 'eve@example.org', '--name', 'Eve', '--role', 'employee'],
		{ ISMS_PASSWORD: 'Eve-has-a-long-password' });
	assert.equal(add.status, 0, add.stderr);
	await page.getByRole('button', { name: 'Log out' }).click();
	await signIn('eve@example.org', 'Eve-has-a-long-password');
	assert.equal(await nav().getByRole('link', { name: 'Users' }).count(), 0);
	assert.equal(await nav().getByRole('link', { name: 'API tokens' }).count(), 1);
	const res = await page.goto(`${base}/admin/users`);
	assert.equal(res.status(), 403);
	await page.getByText('Your role does not allow this.').waitFor();
});

test('log out everywhere ends this browser\'s session too', async () => {
	await page.goto(`${base}/account/sessions`);
	page.once('dialog', (d) => d.accept());
	await page.getByRole('button', { name: 'Log out everywhere' }).click();
	await page.waitForURL(`${base}/login?notice=logged_out_everywhere`);
	await page.getByText('You have been logged out everywhere').waitFor();
	await page.goto(`${base}/account/sessions`);
	assert.match(page.url(), /\/login\?next=\/account\/sessions$/);
});
