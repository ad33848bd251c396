// Browser test of a risk's trend and of assessment runs: the SVG chart and
// the table of changes on a risk's page, a run created from the runs page,
// a second one after changes, and their comparison chosen with the two
// selects. Screenshots: risk-trend, risk-runs, risk-run, risk-run-compare.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

import { EMAIL, PASSWORD, useBrowser } from './harness.mjs';

const ctx = useBrowser();
let base, page, token;
beforeEach(() => ({ base, page } = ctx)); // once useBrowser's set-up has run

async function api(method, path, body, version) {
	const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
	if (version) headers['If-Match'] = `"${version}"`;
	const res = await fetch(base + path, { method, headers, body: body ? JSON.stringify(body) : undefined });
	const text = await res.text();
	assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${text}`);
	return text ? JSON.parse(text) : null;
}

async function change(id, body) {
	const cur = await api('GET', `/api/v1/risks/${id}`);
	return api('PATCH', `/api/v1/risks/${id}`, body, cur.version);
}

async function archive(id) {
	const cur = await api('GET', `/api/v1/risks/${id}`);
	await api('DELETE', `/api/v1/risks/${id}`, null, cur.version);
}

test('a risk page shows its score trend as a chart and a table', async () => {
	const t = ctx.cli(['token', 'create', '--user', EMAIL]);
	assert.equal(t.status, 0, t.stderr);
	token = t.stdout.trim();
	await page.goto(`${base}/login`);
	await page.fill('#email', EMAIL);
	await page.fill('#password', PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL(`${base}/`);

	const r = await api('POST', '/api/v1/risks', { title: 'Customer data on a lost laptop', likelihood: 2, impact: 3 });
	await change(r.id, { likelihood: 4 });
	await change(r.id, { residual_likelihood: 2, residual_impact: 2, treatment: 'modify' });
	await change(r.id, { impact: 5, status: 'in_treatment' });
	await change(r.id, { residual_likelihood: 1 });
	await page.goto(`${base}/risks/${r.id}`);
	const trend = page.getByRole('region', { name: 'Trend' });
	const chart = trend.locator('svg.trend-chart');
	await chart.waitFor();
	assert.equal(await chart.locator('circle.pt').count(), 5);
	assert.equal(await chart.locator('path.pt').count(), 3);
	assert.equal(await chart.locator('circle.pt.lvl-red').count(), 2, 'critical after impact 5');
	const fill = await chart.locator('circle.pt.lvl-red').first().evaluate((el) => getComputedStyle(el).fill);
	assert.equal(fill, 'rgb(179, 38, 30)', 'points are coloured by the stylesheet');
	const dash = await chart.locator('path.trend-residual').evaluate((el) => getComputedStyle(el).strokeDasharray);
	assert.notEqual(dash, 'none', 'the residual line is dashed');
	const rows = trend.getByRole('region', { name: 'Changes of the assessment' }).locator('tbody tr');
	assert.equal(await rows.count(), 5);
	assert.match(await rows.first().innerText(), /4 × 5 = 20\s*Critical[\s\S]*1 × 2 = 2\s*Low[\s\S]*Modify[\s\S]*In treatment/);
	await trend.scrollIntoViewIfNeeded();
	await ctx.shot('risk-trend');
});

test('two assessment runs compared', async () => {
	const mk = (title, likelihood, impact) => api('POST', '/api/v1/risks', { title, likelihood, impact });
	const same = await mk('Phishing of staff accounts', 2, 2);
	const up = await mk('Supplier outage', 2, 3);
	const down = await mk('Flood in the server room', 4, 4);
	const closed = await mk('Unpatched VPN appliance', 3, 3);
	const gone = await mk('Fax machine leaks', 1, 1);

	await page.goto(`${base}/risks`);
	await page.getByRole('link', { name: 'Assessment runs' }).click();
	await page.waitForURL(`${base}/risk-runs`);
	await page.getByText('Two runs are needed for a comparison.').waitFor();
	await page.fill('#f-note', 'Annual assessment 2026');
	await page.getByRole('button', { name: 'Create the run' }).click();
	await page.waitForURL(/\/risk-runs\/1\?notice=created$/);
	await page.getByRole('heading', { level: 1, name: 'Assessment run 1' }).waitFor();
	await ctx.shot('risk-run');

	await mk('Ransomware via e-mail', 3, 4);
	await change(up.id, { likelihood: 4 });
	await change(down.id, { likelihood: 1, impact: 2 });
	// above the appetite: closed under a signed acceptance (the acceptance rule)
	const expires = new Date(Date.now() + 90 * 86400e3).toISOString().slice(0, 10);
	await api('POST', `/api/v1/risks/${closed.id}/acceptances`, { rationale: 'Replaced next quarter.', expires_on: expires });
	await change(closed.id, { status: 'closed' });
	await archive(gone.id);
	await change(same.id, { description: 'Seen by the whole team.' });

	await page.goto(`${base}/risk-runs`);
	await page.fill('#f-note', '');
	await page.getByRole('button', { name: 'Create the run' }).click();
	await page.getByText('Say what this run is for').waitFor();
	assert.equal(ctx.cli(['risk', 'run', 'list']).stdout.trim().split('\n').length, 1, 'the refused form made no run');
	await page.fill('#f-note', 'After the office move');
	await page.getByRole('button', { name: 'Create the run' }).click();
	await page.waitForURL(/\/risk-runs\/2\?notice=created$/);

	await page.goto(`${base}/risk-runs`);
	assert.equal(await page.locator('#run-from').inputValue(), '1');
	assert.equal(await page.locator('#run-to').inputValue(), '2');
	await ctx.shot('risk-runs');
	await page.getByRole('button', { name: 'Compare' }).click();
	await page.waitForURL(`${base}/risk-runs/compare?from=1&to=2`);
	const tiles = await page.getByRole('group', { name: 'Summary' }).locator('.tile').allInnerTexts();
	assert.deepEqual(tiles.map((x) => x.replace(/\s+/g, ' ').trim()), // unchanged: the phishing risk and the first test's
		['1 New', '0 Reopened', '1 Closed', '1 Archived', '1 Level up', '1 Level down', '2 Unchanged']);
	const changed = page.getByRole('region', { name: 'Level changed', exact: true });
	assert.match(await changed.innerText(), /Supplier outage[\s\S]*Medium\s*→\s*High\s*▲ up[\s\S]*Flood in the server room[\s\S]*High\s*→\s*Low\s*▼ down/);
	await page.getByRole('heading', { name: /New risks/ }).waitFor();
	await ctx.shot('risk-run-compare');

	await page.selectOption('#run-to', '1');
	await page.getByRole('button', { name: 'Compare' }).click();
	await page.getByText('Choose another run than the first').waitFor();
});
