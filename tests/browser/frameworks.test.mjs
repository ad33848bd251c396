// Browser test of frameworks and the gap analysis: ISO/IEC 27001:2022 and the
// 2013 -> 2022 mapping installed from the library page, a control linked to
// A.8.5 from the control's page, A.5.1 assessed through the requirement's
// form (with a refused value first), and the figures that follow — on the
// 2022 framework and, through the mapping, on the 2013 one.
// Screenshots: frameworks, framework-tree, requirement, control-requirements.
import assert from 'node:assert/strict';
import path from 'node:path';
import { beforeEach, test } from 'node:test';

import { EMAIL, PASSWORD, SHOTS, apiCall, useBrowser } from './harness.mjs';

const ctx = useBrowser();
let base, page, token;
beforeEach(() => ({ base, page } = ctx));

const api = (method, p, body) => apiCall(base, token, method, p, body);

test('install, link a control, assess, and see the gap analysis move', async () => {
	const t = ctx.cli(['token', 'create', '--user', EMAIL]);
	assert.equal(t.status, 0, t.stderr);
	token = t.stdout.trim();
	await page.goto(`${base}/login`);
	await page.fill('#email', EMAIL);
	await page.fill('#password', PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL(`${base}/`);

	// the library: install the mapping, which brings both frameworks along
	await page.getByRole('link', { name: 'Frameworks', exact: true }).click();
	await page.waitForURL(`${base}/frameworks`);
	const mapping = page.locator('.library li', { hasText: 'ISO/IEC 27001:2013 to 2022' });
	await mapping.getByRole('button', { name: 'Install' }).click();
	await page.waitForURL(/\/frameworks\/\d+\?notice=framework_installed/);
	await page.goto(`${base}/frameworks`);
	const installed = page.getByRole('region', { name: 'Installed' });
	assert.equal(await installed.locator('tbody tr').count(), 2);
	await page.screenshot({ path: path.join(SHOTS, 'frameworks.png'), fullPage: true });

	const fws = (await api('GET', '/api/v1/frameworks')).items;
	const iso22 = fws.find((f) => f.ref_id === 'ISO/IEC 27001:2022');
	const iso13 = fws.find((f) => f.ref_id === 'ISO/IEC 27001:2013');
	assert.ok(iso22 && iso13);
	assert.equal(iso22.gap.percent_complete, 0);

	// a control meeting A.8.5, linked from the control's page
	const c = await api('POST', '/api/v1/controls', { code: 'AC-7', title: 'Multi-factor sign-in', status: 'implemented' });
	await page.goto(`${base}/controls/${c.id}`);
	const section = page.getByRole('region', { name: /Requirements met/ });
	await section.getByLabel('Framework').selectOption({ label: 'ISO/IEC 27001:2022' });
	await section.getByLabel('Requirement').fill('a.8.5');
	await section.getByRole('button', { name: 'Link' }).click();
	await page.waitForURL(/notice=requirement_linked/);
	assert.match(await section.locator('li').first().innerText(), /A\.8\.5 Secure authentication/);
	await page.screenshot({ path: path.join(SHOTS, 'control-requirements.png'), fullPage: true });

	// A.5.1 assessed through its page
	const a51 = (await api('GET', `/api/v1/frameworks/${iso22.id}/requirements`)).requirements.find((r) => r.ref_id === 'A.5.1');
	await page.goto(`${base}/requirements/${a51.id}`);
	// the textarea's maxlength stops a browser; a client that ignores it is refused by the server
	await page.getByLabel('Evidence').evaluate((el) => el.removeAttribute('maxlength'));
	await page.getByLabel('Evidence').fill('x'.repeat(8001));
	await page.getByRole('button', { name: 'Save the assessment' }).click();
	assert.match(await page.locator('.field-error').first().innerText(), /8000/);
	assert.equal((await api('GET', `/api/v1/requirements/${a51.id}`)).assessment.version, 0, 'nothing saved');
	await page.getByLabel('Status').selectOption('met');
	await page.getByLabel('Evidence').fill('Information security policy v3, approved by the board on 2026-10-01');
	await page.getByRole('button', { name: 'Save the assessment' }).click();
	await page.waitForURL(/notice=assessed/);
	await page.screenshot({ path: path.join(SHOTS, 'requirement.png'), fullPage: true });
	const after = await api('GET', `/api/v1/requirements/${a51.id}`);
	assert.equal(after.assessment.status, 'met');
	assert.equal(after.assessment.version, 1);

	// 2022: A.5.1 met by assessment, A.8.5 met by its control: 2 of 93 Annex A
	// controls plus the clauses (all assessable)
	const g22 = await api('GET', `/api/v1/frameworks/${iso22.id}`);
	assert.equal(g22.gap.met, 2);
	const annex = g22.sections.find((s) => s.ref_id === 'A' || /Annex A/.test(s.title));
	assert.equal(annex.gap.assessable, 93);
	assert.equal(annex.gap.met, 2);
	// 2013: met through the mapping (2013 A.9.4.2 is a subset of 2022 A.8.5; A.5.1.1 and A.5.1.2 of A.5.1)
	const g13 = await api('GET', `/api/v1/frameworks/${iso13.id}/requirements`);
	const via = g13.requirements.filter((r) => r.source === 'mapping').map((r) => r.ref_id).sort();
	assert.deepEqual(via, ['A.5.1.1', 'A.5.1.2', 'A.9.4.2']);
	assert.equal(g13.covered_through_mappings, 3);

	await page.goto(`${base}/frameworks/${iso13.id}?status=met`);
	const rows = page.getByRole('region', { name: 'Requirements' }).locator('tbody tr');
	assert.equal(await rows.count(), 3);
	assert.match(await rows.first().innerText(), /through A\.5\.1 of ISO\/IEC 27001:2022 \(subset\)/);
	await page.goto(`${base}/frameworks/${iso22.id}`);
	await page.screenshot({ path: path.join(SHOTS, 'framework-tree.png') });
});
