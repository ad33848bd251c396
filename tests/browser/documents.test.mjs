// Browser test of documents with acknowledgement: an ISMS manager creates
// a policy from a template and submits it, another manager approves it, the
// first publishes it to a group of two; an employee of that group sees it
// to read and acknowledges it; the manager sees 50 %. Then an edit starts
// version 2 and its changes show as a diff. Screenshots: document,
// document-diff, acknowledgements.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

import { useBrowser } from './harness.mjs';

const ctx = useBrowser();
let base, page;
beforeEach(() => ({ base, page } = ctx));

const PEOPLE = { ann: ['Ann Manager', 'isms_manager'], bob: ['Bob Manager', 'isms_manager'],
	erin: ['Erin Employee', 'employee'], finn: ['Finn Employee', 'employee'] };
const password = (who) => `Long-enough-${who}-pw`;

async function signInAs(who) {
	await page.context().clearCookies();
	await page.goto(`${base}/login`);
	await page.fill('#email', `${who}@example.org`);
	await page.fill('#password', password(who));
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL(`${base}/`);
}

test('a policy from a template is approved, published to a group and acknowledged', async () => {
	for (const [who, [name, role]] of Object.entries(PEOPLE)) {
		const r = ctx.cli(['user', 'add', '--email', `${who}@example.org`, '--name', name, '--role', role], { ISMS_PASSWORD: password(who) });
		assert.equal(r.status, 0, r.stderr);
	}
	assert.equal(ctx.cli(['group', 'add', '--name', 'Office staff']).status, 0);
	for (const who of ['erin', 'finn'])
		assert.equal(ctx.cli(['group', 'member', 'add', '--id', '1', '--user', `${who}@example.org`]).status, 0);

	// Ann: a new policy from the template, submitted for review
	await signInAs('ann');
	await page.goto(`${base}/documents`);
	await page.getByLabel('New document from a template').selectOption('information-security-policy');
	await page.getByPlaceholder('Title (optional)').fill('Information security policy of Acme');
	await page.getByRole('button', { name: 'Create draft' }).click();
	await page.waitForURL(/\/documents\/\d+\?notice=created$/);
	const docUrl = page.url().replace(/\?.*$/, '');
	await page.getByRole('heading', { name: '1. Purpose' }).waitFor();
	await page.getByRole('button', { name: 'Submit for review' }).click();
	await page.waitForURL(/notice=doc_submitted$/);
	// Ann cannot approve her own version
	await page.getByRole('button', { name: 'Approve' }).click();
	await page.getByText(/another ISMS manager must approve it/).waitFor();

	// Bob approves
	await signInAs('bob');
	await page.goto(docUrl);
	await page.getByRole('button', { name: 'Approve' }).click();
	await page.waitForURL(/notice=doc_approved$/);

	// Ann publishes to the group
	await signInAs('ann');
	await page.goto(docUrl);
	await page.getByLabel(/Office staff/).check();
	await page.getByRole('button', { name: 'Publish' }).click();
	await page.waitForURL(/notice=doc_published$/);
	await page.getByText('Groups: Office staff').waitFor();

	// Erin sees it to read, reads and accepts it
	await signInAs('erin');
	await page.goto(`${base}/documents`);
	const toRead = page.getByRole('region', { name: /To read/ });
	await toRead.getByRole('link', { name: 'Information security policy of Acme' }).click();
	await page.getByRole('button', { name: 'I have read and accept this version' }).click();
	await page.waitForURL(/notice=doc_acknowledged$/);
	await page.getByText(/You accepted version 1/).waitFor();
	await page.goto(`${base}/documents`);
	assert.equal(await page.getByRole('region', { name: /To read/ }).count(), 0);

	// Ann sees 50 %: one of two
	await signInAs('ann');
	await page.goto(`${docUrl}/acknowledgements`);
	await page.getByText('50% acknowledged: 1 of 2 people').waitFor();
	assert.equal(await page.locator('progress').getAttribute('value'), '50');
	const rows = await page.locator('table tbody tr').allTextContents();
	assert.equal(rows.length, 2);
	assert.match(rows[0], /Finn Employee.*Not yet/);
	assert.match(rows[1], /Erin Employee.*Yes/);
	await ctx.shot('acknowledgements');

	// an edit starts version 2; its changes show as a diff
	await page.goto(`${docUrl}/edit`);
	const body = await page.locator('#f-body').inputValue();
	await page.fill('#f-body', body.replace('## 2. Scope', '## 2. Scope and boundaries').replace(/^Approved by:.*$/m, 'Approved by: the board on 1 March.'));
	await page.fill('#f-change_note', 'Scope heading and approval line');
	await page.getByRole('button', { name: /Save/ }).click();
	await page.waitForURL(/notice=updated$/);
	await page.getByRole('heading', { name: /Version 2/ }).waitFor();
	await page.getByText('Version 1 is the published one').waitFor();
	await ctx.shot('document');
	await page.getByRole('link', { name: 'Changes' }).click();
	await page.waitForURL(/\/diff\?from=1&to=2$/);
	assert.equal(await page.locator('tr.line-add').count(), 2);
	assert.equal(await page.locator('tr.line-del').count(), 2);
	await page.locator('tr.line-add', { hasText: '## 2. Scope and boundaries' }).waitFor();
	await ctx.shot('document-diff');

	// Erin still reads version 1
	await signInAs('erin');
	await page.goto(docUrl);
	await page.getByRole('heading', { name: '2. Scope', exact: true }).waitFor();
	assert.equal(await page.getByText('Scope and boundaries').count(), 0);
});
