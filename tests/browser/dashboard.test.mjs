// Browser test of the ISMS manager's dashboard: the Plan-Do-Check-Act
// panels with figures computed from seeded data (an overdue task, an
// overdue nonconformity, a framework with an SoA), each figure a link to the
// filtered list behind it; the compliance and overdue charts as SVG whose
// bars link on. Screenshot: dashboard.png.
import assert from 'node:assert/strict';
import path from 'node:path';
import { beforeEach, test } from 'node:test';

import { EMAIL, PASSWORD, SHOTS, apiCall, useBrowser } from './harness.mjs';

const ctx = useBrowser();
let base, page, token;
beforeEach(() => ({ base, page } = ctx));
const api = (method, p, body) => apiCall(base, token, method, p, body);

test('the cycle, its figures and charts link to what is behind them', async () => {
	const t = ctx.cli(['token', 'create', '--user', EMAIL]);
	assert.equal(t.status, 0, t.stderr);
	token = t.stdout.trim();
	await api('POST', '/api/v1/frameworks/install', { key: 'iso27001-2022' });
	await api('POST', '/api/v1/tasks', { title: 'Renew the firewall licence', due_date: '2020-01-01' });
	await api('POST', '/api/v1/tasks', { title: 'Done long ago', due_date: '2020-01-01', status: 'done' });
	await api('POST', '/api/v1/tasks', { title: 'Plan the next audit', due_date: '2099-01-01' });
	await api('POST', '/api/v1/nonconformities', { title: 'Backups not tested', severity: 'minor', due_date: '2020-02-01' });

	await page.goto(`${base}/login`);
	await page.fill('#email', EMAIL);
	await page.fill('#password', PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL(`${base}/`);

	const act = page.locator('.pdca-phase', { hasText: 'Act' });
	assert.match(await act.locator('h3').innerText(), /Needs attention/);
	const overdue = act.locator('li', { hasText: 'Actions overdue' });
	assert.equal(await overdue.locator('strong').innerText(), '1');
	assert.equal(await act.locator('li', { hasText: 'Nonconformities overdue' }).locator('strong').innerText(), '1');
	const plan = page.locator('.pdca-phase', { hasText: 'Plan' });
	assert.equal(await plan.locator('li', { hasText: 'SoA ISO/IEC 27001:2022: decided' }).locator('strong').innerText(), '0 of 93');
	await page.screenshot({ path: path.join(SHOTS, 'dashboard.png'), fullPage: true });

	// the figure opens the list behind it, filtered the same way
	await overdue.locator('a').click();
	await page.waitForURL(`${base}/tasks?overdue=true`);
	const rows = page.locator('table tbody tr');
	assert.equal(await rows.count(), 1);
	assert.match(await rows.first().innerText(), /Renew the firewall licence/);

	// the overdue chart: one bar per type with a deadline, linking to its overdue list
	await page.goto(`${base}/`);
	const chart = page.getByRole('img', { name: 'Overdue by type' });
	assert.ok(await chart.locator('a[href="/nonconformities?overdue=true"]').count() === 1);
	assert.equal(await chart.locator('rect.bar-alert').count(), 2, 'tasks and nonconformities are overdue');
	const compliance = page.getByRole('img', { name: 'Compliance per framework' });
	assert.equal(await compliance.locator('a').count(), 1);
	// the API refuses overdue for a type without a deadline
	const res = await fetch(`${base}/api/v1/incidents?overdue=true`, { headers: { Authorization: `Bearer ${token}` } });
	assert.equal(res.status, 400);
});
