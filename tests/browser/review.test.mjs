// Browser test of the management review and suppliers: on seeded data (a
// nonconformity, an incident, a risk, and a first review closed with an
// action), an ISMS manager creates the next review from its form, reads the
// compiled inputs (the previous review's action among them), names the
// attendees, is refused closing without outputs, then records an assessment
// of an overdue supplier from its page.
// Screenshots: review, supplier.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

import { EMAIL, PASSWORD, apiCall, useBrowser } from './harness.mjs';

const ctx = useBrowser();
let base, page, token;
beforeEach(() => ({ base, page } = ctx));

const api = (method, p, body) => apiCall(base, token, method, p, body);
const dateIn = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test('a review compiles its inputs; a supplier assessment from the supplier page', async () => {
	const t = ctx.cli(['token', 'create', '--user', EMAIL]);
	assert.equal(t.status, 0, t.stderr);
	token = t.stdout.trim();
	await api('POST', '/api/v1/nonconformities', { title: 'Access reviews not done', severity: 'major', due_date: dateIn(20) });
	await api('POST', '/api/v1/incidents', { title: 'Laptop stolen', severity: 'high' });
	await api('POST', '/api/v1/risks', { title: 'Ransomware', likelihood: 4, impact: 4, status: 'in_treatment', treatment: 'modify' });
	const first = await api('POST', '/api/v1/reviews', { title: 'Review 2025', review_date: dateIn(-90), decisions: 'Fund offline backups' });
	await api('POST', '/api/v1/tasks', { title: 'Buy offline backup disks', review: first.id, due_date: dateIn(-10) });
	await api('POST', `/api/v1/reviews/${first.id}/close`);
	const supplier = await api('POST', '/api/v1/suppliers', {
		name: 'Payroll Co', service: 'Payroll', data_access: 'personal_data', data_categories: 'Salaries, bank details',
		criticality: 'high', next_review: dateIn(-5), contract_end: dateIn(300),
	});

	await page.goto(`${base}/login`);
	await page.fill('#email', EMAIL);
	await page.fill('#password', PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL(`${base}/`);

	// the next review, from its form
	await page.goto(`${base}/reviews/new`);
	await page.fill('#f-title', 'Review 2026');
	await page.fill('#f-review_date', dateIn(7));
	await page.fill('#f-feedback', 'Two customers asked for our ISO 27001 certificate.');
	await page.getByRole('button', { name: 'Create management review' }).click();
	await page.waitForURL(/\/reviews\/\d+(\?.*)?$/);
	const id = page.url().match(/\/reviews\/(\d+)/)[1];
	const inputs = page.locator('section.review-inputs');
	await assert.doesNotReject(inputs.getByRole('heading', { name: 'Actions from previous reviews' }).waitFor());
	assert.equal(await inputs.locator('tr', { hasText: 'Buy offline backup disks' }).count(), 1);
	// every module's section is available now that they have all landed
	await inputs.getByRole('heading', { name: /KPIs against targets/ }).waitFor();
	// every module has landed: the audit results are read, not 'not available'
	assert.match(await inputs.innerText(), /Audit results\s+0\s+Audits completed/i);
	assert.doesNotMatch(await inputs.innerText(), /Not available/);

	// attendees
	await page.getByText('Change attendees').click();
	await page.getByLabel(/admin/i).check();
	await page.getByRole('button', { name: 'Save attendees' }).click();
	await page.waitForURL(new RegExp(`/reviews/${id}\\?notice=review_attendees`));
	assert.match(await page.locator('.review-attendees').innerText(), /admin@example\.org/);

	// closing without outputs is refused
	await page.getByRole('button', { name: 'Close the review' }).click();
	assert.match(await page.locator('main').innerText(), /closed only with its outputs/);
	const still = await api('GET', `/api/v1/reviews/${id}`);
	assert.equal(still.status, 'draft');
	await page.goto(`${base}/reviews/${id}`);
	await ctx.shot('review');

	// an assessment recorded from the supplier's page
	await page.goto(`${base}/suppliers/${supplier.id}`);
	assert.match(await page.locator('main').innerText(), /Overdue: the next assessment was due on/);
	await page.getByRole('link', { name: 'Record an assessment' }).click();
	await page.fill('#f-assessed_on', dateIn(-1));
	await page.selectOption('#f-result', 'acceptable_with_conditions');
	await page.fill('#f-score', '72');
	await page.fill('#f-findings', 'Admins must use a second factor by the end of the quarter.');
	await page.fill('#f-next_assessment', dateIn(364));
	await page.getByRole('button', { name: 'Create supplier assessment' }).click();
	await page.waitForURL(/\/supplier-assessments\/\d+/);
	await page.goto(`${base}/suppliers/${supplier.id}`);
	assert.doesNotMatch(await page.locator('main').innerText(), /Overdue/);
	assert.equal(await page.locator('section:has(#h-assessments) tbody tr', { hasText: '72' }).count(), 1);
	const s = await api('GET', `/api/v1/suppliers/${supplier.id}`);
	assert.deepEqual([s.last_review, s.next_review, s.last_result], [dateIn(-1), dateIn(364), 'acceptable_with_conditions']);
	await ctx.shot('supplier');
});
