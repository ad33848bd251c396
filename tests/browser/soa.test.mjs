// Browser test of the Statement of Applicability: the document page with
// its themes and counts, one row excluded through its form (first refused
// without a justification, the message at the field), a control treating a
// risk shown as applicable for risk treatment, approving two versions from
// the page and comparing them. Screenshots: soa, soa-row-error, soa-compare.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

import { EMAIL, PASSWORD, useBrowser } from './harness.mjs';

const ctx = useBrowser();
let base, page, token, fw;
beforeEach(() => ({ base, page } = ctx));

async function api(method, path, body) {
	const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
	const res = await fetch(base + path, { method, headers, body: body ? JSON.stringify(body) : undefined });
	const text = await res.text();
	assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${text}`);
	return text ? JSON.parse(text) : null;
}

test('the SoA reads as a document; a row is excluded through its form; versions are approved and compared', async () => {
	const t = ctx.cli(['token', 'create', '--user', EMAIL]);
	assert.equal(t.status, 0, t.stderr);
	token = t.stdout.trim();
	const inst = ctx.cli(['framework', 'install', 'iso27001-2022']);
	assert.equal(inst.status, 0, inst.stderr);
	fw = (await api('GET', '/api/v1/frameworks')).items[0].id;
	const req = (await api('GET', `/api/v1/frameworks/${fw}/soa`)).groups[3].rows[0]; // A.8.1
	const control = await api('POST', '/api/v1/controls', { code: 'IAM-01', title: 'Endpoint policy', status: 'implemented' });
	await api('POST', `/api/v1/requirements/${req.requirement_id}/controls`, { id: control.id });
	const risk = await api('POST', '/api/v1/risks', { title: 'Stolen laptop' });
	await api('POST', `/api/v1/risks/${risk.id}/links/controls`, { id: control.id, relation: 'existing' });

	await page.goto(`${base}/login`);
	await page.fill('#email', EMAIL);
	await page.fill('#password', PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL(`${base}/`);

	await page.goto(`${base}/frameworks/${fw}/soa`);
	assert.equal(await page.locator('tr.soa-group').count(), 4);
	assert.equal(await page.locator('table.soa-table tbody tr:not(.soa-group)').count(), 93);
	const a81 = page.locator(`#row-${req.requirement_id}`);
	assert.match(await a81.innerText(), /Yes[\s\S]*Risk treatment[\s\S]*Implemented[\s\S]*IAM-01 Endpoint policy[\s\S]*Stolen laptop/);

	// exclude A.5.2: refused without a justification, then saved
	await page.getByRole('link', { name: 'Edit A.5.2', exact: true }).click();
	await page.getByLabel('Not applicable').check();
	await page.getByRole('button', { name: 'Save' }).click();
	const err = page.locator('#f-justification-error');
	assert.match(await err.innerText(), /Say why this control is excluded/);
	await ctx.shot('soa-row-error');
	await page.getByLabel('Justification for exclusion').fill('One person holds every security role.');
	await page.getByRole('button', { name: 'Save' }).click();
	await page.waitForURL(/\/soa\?notice=updated/);
	const tiles = await page.getByRole('group', { name: 'Counts' }).innerText();
	assert.match(tiles, /1\s*Applicable/);
	assert.match(tiles, /1\s*Excluded/);
	assert.match(tiles, /91\s*Not decided/);

	// approve v1, change a row, approve v2
	await page.getByLabel('Note').fill('Management review 2026');
	await page.getByRole('button', { name: 'Approve as version 1' }).click();
	await page.waitForURL(/\/soa\/versions\/1\?notice=soa_approved/);
	await page.goto(`${base}/frameworks/${fw}/soa`);
	await page.getByRole('link', { name: 'Edit A.5.1', exact: true }).click();
	await page.getByLabel('Applicable', { exact: true }).check();
	await page.getByLabel('Legal or regulatory').check();
	await page.getByLabel('Implementation status').selectOption('planned');
	await page.getByRole('button', { name: 'Save' }).click();
	await page.waitForURL(/notice=updated/);
	await page.getByRole('button', { name: 'Approve as version 2' }).click();
	await page.waitForURL(/\/soa\/versions\/2/);
	await page.goto(`${base}/frameworks/${fw}/soa`);
	assert.match(await page.locator('.soa-header').innerText(), /version 2/);
	await ctx.shot('soa');

	await page.getByLabel('Earlier version').selectOption('1');
	await page.getByLabel('Later version').selectOption('2');
	await page.getByRole('button', { name: 'Compare' }).click();
	await page.waitForURL(/compare\?from=1&to=2/);
	const rows = page.locator('table.soa-diff tbody tr');
	assert.equal(await rows.count(), 1);
	assert.match(await rows.first().innerText(), /A\.5\.1[\s\S]*not decided\s*→\s*yes[\s\S]*none\s*→\s*Legal or regulatory[\s\S]*Not implemented\s*→\s*Planned/);
	await ctx.shot('soa-compare');
});
