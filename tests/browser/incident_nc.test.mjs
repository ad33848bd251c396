// Browser test of incidents and nonconformities: an employee reports an
// incident; the ISMS manager triages it, fills its timeline and sees the
// computed response times and the breach-notification deadline; raises a
// nonconformity from it in one step, adds a corrective action, is refused
// closing it without an effectiveness check, records the check and closes
// it; "My tasks" lists what is owed. Screenshots: incident, incident-timeline,
// nonconformity, my-tasks.
import assert from 'node:assert/strict';
import path from 'node:path';
import { beforeEach, test } from 'node:test';

import { EMAIL, PASSWORD, SHOTS, useBrowser } from './harness.mjs';

const ctx = useBrowser();
let base, page;
beforeEach(() => ({ base, page } = ctx));

const dateIn = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
// datetime-local value (UTC, as the server reads it) some hours from now, on the minute
const localIn = (hours) => new Date(Math.floor((Date.now() + hours * 3_600_000) / 60_000) * 60_000).toISOString().slice(0, 16);

async function signIn(email, password) {
	await page.goto(`${base}/login`);
	await page.fill('#email', email);
	await page.fill('#password', password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL(`${base}/`);
}

test('report, triage, timeline, nonconformity, corrective action, effectiveness check, closure', async () => {
	const add = ctx.cli(['user', 'add', '--email', 'erin@example.org', '--name', 'Erin Employee', '--role', 'employee'],
		{ ISMS_PASSWORD: 'Erin-long-password-1' });
	assert.equal(add.status, 0, add.stderr);

	// an employee reports
	await signIn('erin@example.org', 'Erin-long-password-1');
	await page.goto(`${base}/incidents/new`);
	await page.fill('#f-title', 'Customer list sent to the wrong address');
	await page.fill('#f-description', 'I mailed the March customer export to an outside address by mistake.');
	await page.getByRole('button', { name: 'Create incident' }).click();
	await page.waitForURL(/\/incidents\/\d+\?notice=created$/);
	const incidentUrl = page.url().replace(/\?.*$/, '');
	await page.getByRole('region', { name: 'Details' }).getByText('Erin Employee').waitFor();
	await page.getByRole('button', { name: 'Log out' }).click();

	// the manager triages and fills the timeline
	await signIn(EMAIL, PASSWORD);
	await page.goto(`${incidentUrl}/edit`);
	await page.selectOption('#f-category', 'data_leak');
	await page.selectOption('#f-severity', 'high');
	await page.selectOption('#f-status', 'contained');
	await page.selectOption('#f-handler', { label: 'Administrator' });
	await page.check('#f-personal_data_breach');
	// a stage before an earlier one is refused, with the message at the field
	await page.fill('#f-occurred_at', localIn(-5));
	await page.fill('#f-detected_at', localIn(-3));
	await page.fill('#f-responded_at', localIn(-4));
	await page.getByRole('button', { name: /Save/ }).click();
	await page.getByText(/Responded \(.*\) is before Detected/).first().waitFor();
	await page.fill('#f-responded_at', localIn(-2.5));
	await page.fill('#f-contained_at', localIn(-1));
	await page.getByRole('button', { name: /Save/ }).click();
	await page.waitForURL(/\?notice=updated$/);
	const timeline = page.getByRole('region', { name: 'Timeline' });
	await timeline.getByText('2 h 0 min').first().waitFor(); // occurred -> detected
	await timeline.getByText('30 min', { exact: true }).waitFor(); // detected -> responded
	await timeline.getByText(/must be notified to the supervisory authority within 72 hours/).waitFor();
	await timeline.getByText(/Not notified yet: 2 d 2[0-9] h/).waitFor();
	await ctx.shot('incident');
	await timeline.screenshot({ path: path.join(SHOTS, 'incident-timeline.png') });

	// a nonconformity raised from it in one step
	await timeline.getByRole('link', { name: 'Raise a nonconformity' }).click();
	await page.waitForURL(/\/nonconformities\/new\?/);
	assert.equal(await page.inputValue('#f-source'), 'incident');
	assert.equal(await page.inputValue('#f-title'), 'Customer list sent to the wrong address');
	await page.fill('#f-title', 'Exports leave the company without a check');
	await page.selectOption('#f-severity', 'major');
	await page.selectOption('#f-owner', { label: 'Administrator' });
	await page.fill('#f-due_date', dateIn(30));
	await page.getByRole('button', { name: 'Create nonconformity' }).click();
	await page.waitForURL(/\/nonconformities\/\d+\?notice=created$/);
	const ncUrl = page.url().replace(/\?.*$/, '');

	// a corrective action
	const actions = page.getByRole('region', { name: 'Corrective actions' });
	await actions.getByText('Add action').click();
	await actions.getByLabel('Title').fill('Block outside addresses for exports');
	await actions.getByLabel('Due').fill(dateIn(14));
	await actions.getByRole('button', { name: 'Add the action' }).click();
	await page.waitForURL(/\/tasks\/\d+\?notice=created$/);
	await page.goto(ncUrl);
	await page.getByRole('region', { name: 'Corrective actions' }).getByRole('link', { name: 'Block outside addresses for exports' }).waitFor();

	// closing without an effectiveness check is refused
	await page.goto(`${ncUrl}/edit`);
	await page.fill('#f-correction', 'The recipient confirmed deletion.');
	await page.fill('#f-root_cause', 'Nothing stops exports to outside addresses.');
	await page.selectOption('#f-status', 'closed');
	await page.getByRole('button', { name: /Save/ }).click();
	await page.getByText(/Closing needs an effectiveness check/).first().waitFor();
	// with the check found effective, it closes
	await page.selectOption('#f-effectiveness_checked_by', { label: 'Administrator' });
	await page.fill('#f-effectiveness_checked_on', dateIn(0));
	await page.selectOption('#f-effectiveness_result', 'effective');
	await page.fill('#f-effectiveness_notes', 'No export left the company in the test week.');
	await page.getByRole('button', { name: /Save/ }).click();
	await page.waitForURL(/\?notice=updated$/);
	const details = page.getByRole('region', { name: 'Details' });
	await details.getByText(dateIn(0)).first().waitFor();
	await ctx.shot('nonconformity');

	// the incident lists its nonconformity
	await page.goto(incidentUrl);
	await page.getByRole('link', { name: 'Exports leave the company without a check' }).waitFor();

	// my tasks: the open action and the breach to notify
	await page.goto(`${base}/my-tasks`);
	await page.getByRole('link', { name: 'Block outside addresses for exports' }).waitFor();
	await page.getByText(/notify the regulator by/).waitFor();
	await ctx.shot('my-tasks');
});
