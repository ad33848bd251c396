// Browser test of the risk heat maps: both maps above the risk register and
// on the dashboard, drawn as SVG with the level colours and a count per
// cell; a click on a cell shows the register filtered on it, with that cell
// outlined and the Export CSV link keeping the filter. Screenshots:
// risk-register (the /risks page with both heat maps), risk-register-cell,
// dashboard-heatmap.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

import { EMAIL, PASSWORD, useBrowser } from './harness.mjs';

const ctx = useBrowser();
let base, page;
beforeEach(() => ({ base, page } = ctx)); // once useBrowser's set-up has run

// [title, likelihood, impact, residual likelihood, residual impact]
const RISKS = [
	['Stolen laptop with customer data', 4, 5, 2, 2],
	['Ransomware on the file server', 4, 5, 2, 3],
	['Phishing of finance staff', 5, 3, 3, 2],
	['Supplier outage', 2, 4, 2, 4],
	['Insider copies the source code', 1, 5, 1, 3],
	['Lost backup tape', 3, 3, null, null],
];

async function signIn() {
	await page.goto(`${base}/login`);
	await page.fill('#email', EMAIL);
	await page.fill('#password', PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL(`${base}/`);
}

/** The count shown in a cell of the heat map of kind (inherent/residual). */
async function cellCount(kind, l, i) {
	const field = kind === 'residual' ? ['residual_likelihood', 'residual_impact'] : ['likelihood', 'impact'];
	const cell = page.locator(`figure.heatmap svg[aria-labelledby^="hm-${kind}-"] a[href*="${field[0]}=${l}"][href*="${field[1]}=${i}"]`);
	assert.equal(await cell.count(), 1, `one ${kind} cell ${l}×${i}`);
	return Number(await cell.locator('text').textContent());
}

test('the register shows both heat maps, and a cell filters it', async () => {
	const made = ctx.cli(['token', 'create', '--user', EMAIL]);
	assert.equal(made.status, 0, made.stderr);
	const token = made.stdout.trim();
	for (const [title, l, i, rl, ri] of RISKS) {
		const r = await fetch(`${base}/api/v1/risks`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ title, likelihood: l, impact: i, residual_likelihood: rl, residual_impact: ri }),
		});
		assert.equal(r.status, 201, await r.text());
	}
	await signIn();

	await page.goto(`${base}/risks`);
	const maps = page.locator('figure.heatmap');
	assert.equal(await maps.count(), 2);
	assert.equal(await maps.locator('svg a.hm-cell').count(), 50, 'two 5 × 5 maps, every cell a link');
	assert.equal(await cellCount('inherent', 4, 5), 2);
	assert.equal(await cellCount('inherent', 5, 3), 1);
	assert.equal(await cellCount('inherent', 1, 1), 0);
	assert.equal(await cellCount('residual', 2, 2), 1);
	assert.equal(await cellCount('residual', 2, 4), 1);
	assert.match(await maps.nth(1).innerText(), /Not scored yet: 1/);
	// the cell 4 × 5 is critical in the default method: the red of its level
	const fill = await page.locator('figure.heatmap a[href*="likelihood=4"][href*="impact=5"]').first()
		.locator('rect').getAttribute('fill');
	assert.equal(fill, '#b3261e');
	assert.equal(await page.locator('[style]').count(), 0, 'no inline style attributes');
	await ctx.shot('risk-register');

	await page.locator('figure.heatmap svg[aria-labelledby^="hm-inherent-"] a[href*="likelihood=4"][href*="impact=5"]').click();
	await page.waitForURL(/\/risks\?likelihood=4&impact=5$/);
	const rows = page.locator('table.table tbody tr');
	assert.equal(await rows.count(), 2);
	const titles = (await rows.locator('th a').allTextContents()).sort();
	assert.deepEqual(titles, ['Ransomware on the file server', 'Stolen laptop with customer data']);
	// the maps now count the filtered register, the chosen cell outlined
	assert.equal(await cellCount('inherent', 4, 5), 2);
	assert.equal(await cellCount('residual', 2, 2), 1);
	assert.equal(await cellCount('residual', 2, 3), 1);
	assert.equal(await cellCount('residual', 2, 4), 0);
	const outlined = page.locator('figure.heatmap svg[aria-labelledby^="hm-inherent-"] rect[stroke-width="3"]');
	assert.equal(await outlined.count(), 1);
	const exportHref = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
	assert.equal(exportHref, '/api/v1/risks/export.csv?likelihood=4&impact=5');
	const csv = await page.evaluate(async (href) => (await fetch(href)).text(), exportHref);
	assert.equal(csv.trim().split('\r\n').length, 3, 'header and the two risks of the cell');
	await ctx.shot('risk-register-cell');
});

test('the dashboard shows both heat maps, linked to the register', async () => {
	await page.goto(`${base}/`);
	const maps = page.locator('figure.heatmap');
	assert.equal(await maps.count(), 2);
	assert.equal(await cellCount('inherent', 4, 5), 2);
	assert.equal(await cellCount('residual', 1, 3), 1);
	await ctx.shot('dashboard-heatmap');
	await page.locator('figure.heatmap svg[aria-labelledby^="hm-residual-"] a[href*="residual_likelihood=1"][href*="residual_impact=3"]').click();
	await page.waitForURL(/\/risks\?residual_likelihood=1&residual_impact=3$/);
	assert.deepEqual(await page.locator('table.table tbody th a').allTextContents(), ['Insider copies the source code']);
});
