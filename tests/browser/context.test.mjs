// Browser test of the context of the organisation: an ISMS manager records an
// interested party with a requirement linked to a control, writes the scope,
// is refused approving it while it is empty and while an exclusion has no
// justification, approves it, starts a new draft and compares it with the
// approved version; names the information security officer and fills a RACI,
// refused first with two Accountables.
// Screenshots: parties, scope, scope-compare, raci.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

import { EMAIL, PASSWORD, apiCall, useBrowser } from './harness.mjs';

const ctx = useBrowser();
let base, page, token;
beforeEach(() => ({ base, page } = ctx));

const api = (method, p, body) => apiCall(base, token, method, p, body);

test('parties and requirements, the scope approved and compared, roles and a RACI', async () => {
	const t = ctx.cli(['token', 'create', '--user', EMAIL]);
	assert.equal(t.status, 0, t.stderr);
	token = t.stdout.trim();
	const u = ctx.cli(['user', 'add', '--email', 'ana@example.org', '--name', 'Ana Rossi', '--role', 'isms_manager'],
		{ ISMS_PASSWORD: 'Long-enough-ana-password' });
	assert.equal(u.status, 0, u.stderr);
	const ctl = await api('POST', '/api/v1/controls', { title: 'Breach notification procedure', status: 'implemented' });
	const authority = await api('POST', '/api/v1/parties', { name: 'Data protection authority', kind: 'regulator', influence: 'high',
		description: 'Supervises how we process personal data.' });
	await api('POST', '/api/v1/parties', { name: 'Enterprise customers', kind: 'customer', influence: 'high' });
	await api('POST', '/api/v1/parties', { name: 'Staff', kind: 'employee', influence: 'medium' });
	const req = await api('POST', '/api/v1/party-requirements', { requirement: 'Notify personal-data breaches within 72 hours',
		party: authority.id, requirement_type: 'legal', source: 'GDPR Art. 33', addressed: true });
	await api('POST', `/api/v1/party-requirements/${req.id}/links/controls`, { id: ctl.id });
	await api('POST', '/api/v1/issues', { title: 'New breach reporting rules', kind: 'external', category: 'legal' });
	await api('POST', '/api/v1/processes', { name: 'Incident response', description: 'From detection to lessons learned.' });
	await api('POST', '/api/v1/processes', { name: 'Change management' });

	await page.context().clearCookies();
	await page.goto(`${base}/login`);
	await page.fill('#email', EMAIL);
	await page.fill('#password', PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL(`${base}/`);

	// the party's page lists its requirement; the list links to scope, roles and changes
	await page.getByRole('link', { name: 'Interested parties', exact: true }).click();
	await page.waitForURL(`${base}/parties`);
	assert.ok(await page.getByRole('link', { name: 'Changes since a date' }).isVisible());
	await ctx.shot('parties');
	await page.getByRole('link', { name: 'Data protection authority' }).click();
	assert.ok(await page.getByRole('link', { name: 'Notify personal-data breaches within 72 hours' }).isVisible());

	// the scope: empty refused, then written, exclusions need a justification, approved
	await page.getByRole('link', { name: 'Scope', exact: true }).first().click();
	await page.waitForURL(`${base}/scope`);
	await page.getByRole('link', { name: 'Write the scope' }).click();
	await page.fill('#f-exclusions', 'The research lab in Turin');
	await page.getByRole('button', { name: 'Save the draft' }).click();
	await page.waitForURL(`${base}/scope?notice=scope_saved`);
	await page.getByRole('button', { name: 'Approve as version 1' }).click();
	assert.match(await page.locator('.notice-error').first().innerText(), /empty scope cannot be approved/);
	await page.getByRole('link', { name: 'Edit the scope' }).click();
	await page.fill('#f-units', 'IT operations\nCustomer support\nFinance');
	await page.fill('#f-locations', 'Berlin head office\nFrankfurt data centre (colocation)');
	await page.fill('#f-processes', 'Hosting of the customer portal\nPayroll');
	await page.fill('#f-systems', 'Customer portal\nHR system\nOffice 365');
	await page.fill('#f-interfaces', 'Colocation provider (power, cooling, physical access)\nPayroll bureau');
	await page.getByRole('button', { name: 'Save the draft' }).click();
	await page.getByRole('button', { name: 'Approve as version 1' }).click();
	assert.match(await page.locator('.notice-error').first().innerText(), /say why/);
	await page.getByRole('link', { name: 'Edit the scope' }).click();
	await page.fill('#f-justification', 'The lab works on synthetic data only and has no network link to the systems in scope.');
	await page.getByRole('button', { name: 'Save the draft' }).click();
	await page.fill('#f-note', 'Approved by the board on 3 March');
	await page.getByRole('button', { name: 'Approve as version 1' }).click();
	await page.waitForURL(`${base}/scope?notice=scope_approved`);
	assert.match(await page.locator('main').innerText(), /Approved as version 1/);
	await ctx.shot('scope');

	// a new draft, compared with version 1
	await page.getByRole('link', { name: 'Edit the scope' }).click();
	await page.fill('#f-units', 'IT operations\nCustomer support\nFinance\nSales');
	await page.getByRole('button', { name: 'Save the draft' }).click();
	assert.match(await page.locator('main').innerText(), /Draft: changes to version 1/);
	await page.getByRole('button', { name: 'Compare' }).click();
	await page.waitForURL(/\/scope\/compare/);
	assert.match(await page.locator('main').innerText(), /1 of 7 fields differ/);
	await ctx.shot('scope-compare');

	// roles: the information security officer, then a RACI (two A refused)
	await page.getByRole('link', { name: 'Roles', exact: true }).click();
	await page.waitForURL(`${base}/roles`);
	await page.selectOption('#holder-isms_manager', { label: 'Ana Rossi' });
	await page.locator('form[action="/roles/isms_manager"] button').click();
	await page.waitForURL(`${base}/roles?notice=role_assigned`);
	await page.getByRole('link', { name: 'Edit the RACI of Incident response' }).click();
	await page.selectOption('#role_isms_manager', 'A');
	await page.selectOption('#role_top_management', 'I');
	await page.selectOption('#role_dpo', 'C');
	await page.selectOption('#user_0', { label: 'Ana Rossi (ana@example.org)' });
	await page.selectOption('#letter_0', 'A');
	await page.getByRole('button', { name: 'Save the RACI' }).click();
	assert.match(await page.locator('.notice-error').innerText(), /exactly one Accountable/);
	await page.selectOption('#letter_0', 'R');
	await page.getByRole('button', { name: 'Save the RACI' }).click();
	await page.waitForURL(`${base}/roles?notice=raci_saved`);
	await page.getByRole('link', { name: 'Edit the RACI of Change management' }).click();
	await page.selectOption('#role_risk_coordinator', 'C');
	await page.selectOption('#role_isms_manager', 'A');
	await page.selectOption('#user_0', { label: 'Ana Rossi (ana@example.org)' });
	await page.selectOption('#letter_0', 'R');
	await page.getByRole('button', { name: 'Save the RACI' }).click();
	await page.waitForURL(`${base}/roles?notice=raci_saved`);
	const row = await page.locator('table.raci tbody tr', { hasText: 'Incident response' }).innerText();
	assert.match(row, /I\s+A\s+—\s+—\s+C\s+R/);
	await ctx.shot('raci');
	const raci = await api('GET', '/api/v1/roles');
	assert.deepEqual(raci.processes.map((p) => [p.name, p.raci.map((x) => x.letter).join('')]),
		[['Change management', 'ACR'], ['Incident response', 'IACR']]);
});
