// Browser test of awareness training: an ISMS manager assigns a course to a
// group from the course's page; an employee of that group finds it in their
// training, reads it, fails the quiz once (with one question left unanswered
// first), then passes; the manager sees the rates on the report.
// Screenshots: training-course, training-quiz, training-report, training, training-manage.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

import { EMAIL, PASSWORD, apiCall, useBrowser } from './harness.mjs';

const ctx = useBrowser();
let base, page, token;
beforeEach(() => ({ base, page } = ctx));

const api = (method, p, body) => apiCall(base, token, method, p, body);

async function signIn(email, password) {
	await page.context().clearCookies();
	await page.goto(`${base}/login`);
	await page.fill('#email', email);
	await page.fill('#password', password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL(`${base}/`);
}

const ERIN = 'erin@example.org';
const ERIN_PW = 'Long-enough-erin-password';

test('assign to a group, fail then pass the quiz, and see the rates', async () => {
	const t = ctx.cli(['token', 'create', '--user', EMAIL]);
	assert.equal(t.status, 0, t.stderr);
	token = t.stdout.trim();
	for (const args of [
		['user', 'add', '--email', ERIN, '--name', 'Erin Example', '--role', 'employee'],
		['group', 'add', '--name', 'Sales'],
		['group', 'member', 'add', '--id', '1', '--user', ERIN],
	]) {
		const r = ctx.cli(args, { ISMS_PASSWORD: ERIN_PW });
		assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
	}
	const course = await api('POST', '/api/v1/courses', {
		title: 'Phishing awareness', summary: 'How to spot a phishing message and what to do with it', pass_mark: 67,
		renewal_months: 12,
		content: 'Phishing messages pretend to come from someone you trust.\n\nSigns to look for:\n- a sender address that is almost right\n- urgency: "your account will be closed today"\n- a link whose address does not match the text\n\nWhen in doubt, do not click: report the message with the Report button.',
	});
	const quiz = await api('PUT', `/api/v1/courses/${course.id}/quiz`, { questions: [
		{ text: 'A message says your mailbox is full and asks you to sign in through a link. What do you do?', choices: [
			{ text: 'Report it with the Report button', correct: true }, { text: 'Sign in quickly before it is too late' }] },
		{ text: 'Which are signs of phishing?', choices: [
			{ text: 'A sender address that is almost right', correct: true }, { text: 'Urgency and threats', correct: true },
			{ text: 'A message from a colleague you expected' }] },
		{ text: 'You clicked a link and typed your password. What now?', choices: [
			{ text: 'Say nothing' }, { text: 'Change the password and tell the security team', correct: true }] },
	] });

	// the manager assigns it to the group on the course's page (a missing due date refused first)
	await signIn(EMAIL, PASSWORD);
	await page.getByRole('link', { name: 'Training', exact: true }).click();
	await page.waitForURL(`${base}/training`);
	await page.getByRole('link', { name: 'Phishing awareness' }).click();
	await page.waitForURL(`${base}/training/${course.id}`);
	await page.selectOption('#f-audience', 'group');
	await page.selectOption('#f-group_id', { label: 'Sales' });
	await page.getByRole('button', { name: 'Assign' }).click();
	assert.match(await page.locator('.has-error .field-error').first().innerText(), /due date/);
	assert.equal((await api('GET', `/api/v1/courses/${course.id}/assignments`)).total, 0);
	await page.fill('#f-due_days', '30');
	await page.getByRole('button', { name: 'Assign' }).click();
	await page.waitForURL(/notice=training_assigned/);
	assert.match(await page.getByRole('region', { name: /Who must take it/ }).innerText(), /Group Sales\s+within 30 days/);
	await ctx.shot('training-manage');

	// the employee finds it in their training
	await signIn(ERIN, ERIN_PW);
	await page.getByRole('link', { name: 'Training', exact: true }).click();
	const mine = page.getByRole('region', { name: 'Your training' });
	assert.match(await mine.innerText(), /Phishing awareness\s+Due/);
	await mine.getByRole('link', { name: 'Phishing awareness' }).click();
	await page.waitForURL(`${base}/training/${course.id}`);
	assert.match(await page.getByRole('region', { name: 'Content' }).innerText(), /When in doubt, do not click/);
	assert.equal(await page.locator('input[type=checkbox]:checked').count(), 0);
	assert.equal(await page.getByRole('region', { name: /Who must take it/ }).count(), 0);
	await ctx.shot('training-course');

	const q = (i) => page.getByRole('group', { name: new RegExp(`^${i}\\. `) });
	// one question left unanswered: refused, the ticks kept, nothing recorded
	await q(1).getByLabel('Sign in quickly before it is too late').check();
	await q(2).getByLabel('A sender address that is almost right').check();
	await page.getByRole('button', { name: 'Submit my answers' }).click();
	assert.match(await q(3).locator('.field-error').innerText(), /Answer this question/);
	assert.equal(await q(1).getByLabel('Sign in quickly before it is too late').isChecked(), true);
	assert.equal((await api('GET', `/api/v1/courses/${course.id}/report`)).rates.attempts, 0);
	// wrong on 1 and 2 (one of two right choices): 1 of 3 = 33% (rounded down; the average of 33 and 100 is 66.5)
	await q(3).getByLabel('Change the password and tell the security team').check();
	await page.getByRole('button', { name: 'Submit my answers' }).click();
	await page.waitForURL(/\?result=\d+/);
	assert.match(await page.locator('.notice').first().innerText(), /Not passed: you scored 33% \(1 of 3 right\); the pass mark is 67%/);
	await ctx.shot('training-quiz');

	await q(1).getByLabel('Report it with the Report button').check();
	await q(2).getByLabel('A sender address that is almost right').check();
	await q(2).getByLabel('Urgency and threats').check();
	await q(3).getByLabel('Change the password and tell the security team').check();
	await page.getByRole('button', { name: 'Submit my answers' }).click();
	await page.waitForURL(/\?result=\d+/);
	assert.match(await page.locator('.notice').first().innerText(), /Passed: you scored 100% \(3 of 3 right\)/);
	const attempts = await page.getByRole('region', { name: 'Your attempts' }).locator('tbody tr').allInnerTexts();
	assert.deepEqual(attempts.map((r) => /(\d+)%/.exec(r)[1]), ['100', '33']);
	await page.goto(`${base}/training`);
	assert.match(await page.getByRole('region', { name: 'Your training' }).innerText(), /Completed\s+renew by \d{4}-\d\d-\d\d\s+100%/);
	assert.equal(quiz.questions.length, 3);

	// the manager sees the rates
	await signIn(EMAIL, PASSWORD);
	await page.goto(`${base}/training/${course.id}/report`);
	const tiles = await page.locator('.tile').allInnerTexts();
	assert.deepEqual(tiles.map((s) => s.replace(/\s+/g, ' ').trim()),
		['1 Assigned', '100.0% Completed', '0 Overdue', '50.0% Pass rate', '66.5% Average score']);
	const people = page.getByRole('region', { name: /People/ });
	assert.match(await people.innerText(), /Erin Example\s+erin@example\.org\s+Completed/);
	assert.match(await page.getByRole('region', { name: 'By group' }).innerText(), /Sales\s+1\s+1 \(100\.0%\)\s+0\s+50\.0%\s+66\.5%/);
	await ctx.shot('training-report');
	await page.goto(`${base}/training`);
	assert.match(await page.getByRole('region', { name: /^Courses/ }).innerText(), /Phishing awareness\s+Active\s+1\s+1 \(100\.0%\)/);
	await ctx.shot('training');

	// the quiz editor: its text form, a broken quiz refused with the line named, nothing changed
	await page.goto(`${base}/training/${course.id}/quiz`);
	const text = await page.inputValue('#f-quiz');
	assert.match(text, /^\? A message says your mailbox is full.*\n\* Report it with the Report button\n- Sign in quickly/);
	await page.fill('#f-quiz', `${text}\n? A question without a right answer\n- this\n- that\n`);
	await page.getByRole('button', { name: 'Save the quiz' }).click();
	assert.match(await page.locator('.field-error').innerText(), /Line 14: Mark at least one choice correct/);
	await ctx.shot('training-quiz-edit');
	assert.deepEqual((await api('GET', `/api/v1/courses/${course.id}/quiz`)).questions.map((x) => x.id), quiz.questions.map((x) => x.id));
});
