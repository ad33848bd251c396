// Issue 7's walk through ISMS operations in one browser session per person:
// an ISMS manager publishes a policy to the staff; an employee sees it and
// a course in "My tasks", acknowledges the policy, takes the course and
// passes its quiz, and reports an incident; the manager then sees 100 %
// acknowledged and the incident's computed response times.
// Screenshots: ops-my-tasks, ops-acknowledged, ops-incident-times.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

import { EMAIL, apiCall, useBrowser } from './harness.mjs';

const ctx = useBrowser();
let base, page, token;
beforeEach(() => ({ base, page } = ctx));
const api = (method, p, body) => apiCall(base, token, method, p, body);

const ANN = ['ann@example.org', 'Long-enough-ann-pw'];
const ERIN = ['erin@example.org', 'Long-enough-erin-pw'];
const localIn = (hours) => new Date(Math.floor((Date.now() + hours * 3_600_000) / 60_000) * 60_000).toISOString().slice(0, 16);

async function signIn([email, password]) {
	await page.context().clearCookies();
	await page.goto(`${base}/login`);
	await page.fill('#email', email);
	await page.fill('#password', password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL(`${base}/`);
}

test('publish, acknowledge, train, report — and what the manager sees', async () => {
	const cli = (args, env) => {
		const r = ctx.cli(args, env);
		assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
		return r.stdout.trim();
	};
	cli(['user', 'add', '--email', ANN[0], '--name', 'Ann Manager', '--role', 'isms_manager'], { ISMS_PASSWORD: ANN[1] });
	cli(['user', 'add', '--email', ERIN[0], '--name', 'Erin Employee', '--role', 'employee'], { ISMS_PASSWORD: ERIN[1] });
	cli(['group', 'add', '--name', 'Staff']);
	cli(['group', 'member', 'add', '--id', '1', '--user', ERIN[0]]);
	token = cli(['token', 'create', '--user', EMAIL]);

	// a policy written and submitted by the administrator, approved by a second person (the system)
	const doc = await api('POST', '/api/v1/documents/from-template', { template: 'acceptable-use', title: 'Acceptable use at Acme' });
	await api('POST', `/api/v1/documents/${doc.id}/submit`);
	cli(['document', 'approve', '--id', String(doc.id)]);
	// a course with a one-question quiz, assigned to the staff
	const course = await api('POST', '/api/v1/courses', { title: 'Reporting incidents', pass_mark: 100, renewal_months: 12,
		content: 'Anything odd — a lost laptop, a strange e-mail — is reported at once, through the Incidents page.' });
	await api('PUT', `/api/v1/courses/${course.id}/quiz`, { questions: [{ text: 'You lost your laptop on the train. What now?',
		choices: [{ text: 'Report it at once as an incident', correct: true }, { text: 'Wait a week in case it turns up' }] }] });
	await api('POST', `/api/v1/courses/${course.id}/assignments`, { audience: 'group', group_id: 1, due_days: 14 });

	// the ISMS manager publishes the policy to the staff
	await signIn(ANN);
	await page.goto(`${base}/documents/${doc.id}`);
	await page.getByLabel(/Staff/).check();
	await page.getByRole('button', { name: 'Publish' }).click();
	await page.waitForURL(/notice=doc_published$/);

	// the employee: both in My tasks
	await signIn(ERIN);
	await page.goto(`${base}/my-tasks`);
	const owed = await page.locator('main').innerText();
	assert.match(owed, /Acceptable use at Acme/);
	assert.match(owed, /Reporting incidents/);
	await ctx.shot('ops-my-tasks');
	// acknowledges the policy
	await page.goto(`${base}/documents/${doc.id}`);
	await page.getByRole('button', { name: 'I have read and accept this version' }).click();
	await page.waitForURL(/notice=doc_acknowledged$/);
	// takes the course and passes
	await page.goto(`${base}/training/${course.id}`);
	await page.getByLabel('Report it at once as an incident').check();
	await page.getByRole('button', { name: 'Submit my answers' }).click();
	await page.waitForURL(/\?result=\d+/);
	assert.match(await page.locator('.notice').first().innerText(), /Passed: you scored 100% \(1 of 1 right\)/);
	// reports an incident
	await page.goto(`${base}/incidents/new`);
	await page.fill('#f-title', 'Laptop left on the train');
	await page.fill('#f-description', 'My work laptop stayed on the 8:12 to the city this morning.');
	await page.getByRole('button', { name: 'Create incident' }).click();
	await page.waitForURL(/\/incidents\/\d+\?notice=created$/);
	const incidentUrl = page.url().replace(/\?.*$/, '');
	// nothing left to do
	await page.goto(`${base}/my-tasks`);
	const after = await page.locator('main').innerText();
	assert.doesNotMatch(after, /Acceptable use at Acme|Reporting incidents/);

	// the manager: the acknowledgement figure and the incident's response times
	await signIn(ANN);
	await page.goto(`${base}/documents/${doc.id}/acknowledgements`);
	await page.getByText('100% acknowledged: 1 of 1 people').waitFor();
	await ctx.shot('ops-acknowledged');
	await page.goto(`${incidentUrl}/edit`);
	await page.selectOption('#f-severity', 'medium');
	await page.fill('#f-occurred_at', localIn(-6));
	await page.fill('#f-detected_at', localIn(-4));
	await page.fill('#f-responded_at', localIn(-3));
	await page.getByRole('button', { name: /Save/ }).click();
	await page.waitForURL(/\?notice=updated$/);
	const timeline = page.getByRole('region', { name: 'Timeline' });
	await timeline.getByText('2 h 0 min').first().waitFor(); // occurred -> detected
	await timeline.getByText('1 h 0 min').first().waitFor(); // detected -> responded
	await ctx.shot('ops-incident-times');
	const json = await api('GET', incidentUrl.replace(base, '/api/v1'));
	assert.equal(json.metrics.time_to_detect_seconds, 7200);
	assert.equal(json.metrics.time_to_respond_seconds, 3600);
});
