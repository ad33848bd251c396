// The whole risk cycle through the web pages only, as the people who do it
// would: the ISMS manager makes the risk method 4 × 4 with appetite Medium,
// records an information asset and the service it depends on (the service's
// protection needs follow), and a risk on the service from the catalogues,
// owned by the risk owner; the owner links a planned control, chooses
// treatment modify, adds an action and a residual still above the appetite;
// closing is refused on the form; an employee gets no acceptance form; the
// owner signs, and closing works; the manager freezes a run. Then the
// acceptance expires (set into the past with the database, housekeeping run
// by the CLI): the risk is assessed again and the owner finds a task; the
// register and the dashboard show the heat maps; the owner lowers the
// residual and the second run, compared with the first, shows it.
// The three users are made with the CLI before the walk. Screenshots:
// cycle-*.png, among them cycle-register (the /risks page with its heat maps)
// and cycle-heatmap (the dashboard).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { beforeEach, test } from 'node:test';

import { newAsset as newAssetForm, useBrowser } from './harness.mjs';

const ctx = useBrowser();
let base, page;
beforeEach(() => ({ base, page } = ctx));

const dateIn = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const PEOPLE = { manager: ['Mia Manager', 'isms_manager'], owner: ['Otto Owner', 'owner'], staff: ['Erin Employee', 'employee'] };
const password = (who) => `Long-enough-${who}-pw`;
const sql = (q) => {
	const r = spawnSync('sqlite3', [ctx.db, q], { encoding: 'utf8' });
	assert.equal(r.status, 0, r.stderr);
	return r.stdout.trim();
};

async function signInAs(who) {
	await page.context().clearCookies();
	await page.goto(`${base}/login`);
	await page.fill('#email', `${who}@example.org`);
	await page.fill('#password', password(who));
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL(`${base}/`);
}

const idOf = (url, plural) => Number(new RegExp(`/${plural}/(\\d+)`).exec(url)[1]);
const region = (name) => page.getByRole('region', { name, exact: true });

const newAsset = (name, type, classification, c, i, a) => newAssetForm(ctx, { name, type, classification, c, i, a, owner: 'Otto Owner' });

async function editRisk(id, change) {
	await page.goto(`${base}/risks/${id}/edit`);
	await change();
	await page.getByRole('button', { name: /Save/ }).click();
}

test('the risk cycle, walked through the web pages', async () => {
	for (const [who, [name, role]] of Object.entries(PEOPLE)) {
		const r = ctx.cli(['user', 'add', '--email', `${who}@example.org`, '--name', name, '--role', role], { ISMS_PASSWORD: password(who) });
		assert.equal(r.status, 0, r.stderr);
	}

	// 1. the manager: a 4 × 4 method, appetite Medium
	await signInAs('manager');
	await page.goto(`${base}/risk-method/edit`);
	for (const scale of ['Likelihood', 'Impact']) {
		for (const part of ['value', 'label', 'description']) await page.getByLabel(`${scale} step 5 ${part}`).fill('');
	}
	for (const part of ['key', 'label', 'review interval']) await page.getByLabel(`Level 4 ${part}`).fill('');
	await page.getByLabel('Level 4 colour').selectOption('');
	for (let l = 1; l <= 4; l++) {
		for (let i = 1; i <= 4; i++) {
			const level = l + i <= 3 ? 'low' : l + i <= 5 ? 'medium' : 'high';
			await page.getByLabel(`Likelihood ${l}, impact ${i}`, { exact: true }).selectOption(level);
		}
	}
	await page.selectOption('#appetite', 'medium');
	await page.fill('#note', 'Four steps; Medium is accepted');
	await page.getByRole('button', { name: 'Save as a new version' }).click();
	await page.waitForURL(`${base}/risk-method?notice=updated`);
	await page.getByText('Version 2', { exact: true }).waitFor();
	assert.equal(await page.locator('table.matrix td.cell').count(), 16);
	assert.equal(await page.locator('table.matrix td.cell.lvl-orange').count(), 6, 'High where the steps add up to 6 or more');
	await ctx.shot('cycle-method');

	// 2. an information asset that depends on a service
	const data = await newAsset('Customer records', 'information', 'confidential', 4, 3, 2);
	const service = await newAsset('CRM service', 'service', 'internal', 2, 2, 3);
	await page.goto(`${base}/assets/${data}`);
	await region('Links').getByLabel('Add to “Depends on”').selectOption({ label: 'CRM service' });
	await region('Links').getByRole('button', { name: 'Add' }).click();
	await page.waitForURL(`${base}/assets/${data}#links-depends_on`);
	await page.goto(`${base}/assets/${service}`);
	const needs = region('Protection needs');
	const row = (name) => needs.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
	assert.deepEqual(await row('Confidentiality').getByRole('cell').allInnerTexts(), ['2 Medium', '4 Very high', 'Customer records']);
	assert.match(await row('Classification').innerText(), /Internal\s+Confidential\s+Customer records/);
	await ctx.shot('cycle-asset');

	// 3. a risk on the service from the catalogues, owned by the risk owner
	await page.goto(`${base}/risks/new`);
	await page.fill('#f-title', 'Customer records encrypted by ransomware');
	await page.selectOption('#f-asset', { label: 'CRM service' });
	await page.selectOption('#f-threat', { label: 'Ransomware' });
	await page.selectOption('#f-vulnerability', { label: 'Unpatched software' });
	await page.selectOption('#f-owner', { label: 'Otto Owner' });
	await page.fill('#f-likelihood', '3');
	await page.fill('#f-impact', '4');
	await page.selectOption('#f-status', 'assessed');
	await page.getByRole('button', { name: 'Create risk' }).click();
	await page.waitForURL(/\/risks\/\d+\?notice=created$/);
	const risk = idOf(page.url(), 'risks');
	await region('Details').locator('.badge.lvl-orange', { hasText: 'High' }).first().waitFor();
	await ctx.shot('cycle-risk-created');

	// a control the treatment will add
	await page.goto(`${base}/controls/new`);
	await page.fill('#f-code', 'A.8.8');
	await page.fill('#f-title', 'Patch servers within 14 days');
	await page.selectOption('#f-owner', { label: 'Otto Owner' });
	await page.selectOption('#f-status', 'planned');
	await page.getByRole('button', { name: 'Create control' }).click();
	await page.waitForURL(/\/controls\/\d+\?notice=created$/);

	// 4. the owner: the planned control, treatment modify, an action, residual still High
	await signInAs('owner');
	await page.goto(`${base}/risks/${risk}`);
	await region('Links').getByLabel('Add to “Controls”').selectOption({ label: 'Patch servers within 14 days' });
	await region('Links').getByLabel('As', { exact: true }).selectOption('planned');
	await page.locator('form:has(#link-controls)').getByRole('button', { name: 'Add' }).click();
	await page.waitForURL(`${base}/risks/${risk}#links-controls`);
	await region('Links').locator('.badge', { hasText: 'Planned' }).waitFor();
	await editRisk(risk, async () => {
		await page.selectOption('#f-treatment', 'modify');
		await page.fill('#f-treatment_plan', 'Automate patching of the CRM servers.');
		await page.fill('#f-residual_likelihood', '3');
		await page.fill('#f-residual_impact', '3');
		await page.selectOption('#f-status', 'in_treatment');
	});
	await page.waitForURL(/\?notice=updated$/);
	const actions = region('Treatment actions');
	await actions.getByText('Add action').click();
	await actions.getByLabel('Title').fill('Roll out automatic patching on the CRM servers');
	await actions.getByLabel('Due').fill(dateIn(30));
	assert.equal(await actions.getByLabel('Owner').inputValue(), sql("SELECT id FROM users WHERE email = 'owner@example.org'"),
		'the action is owed by the risk owner unless changed');
	await actions.getByLabel('Control').selectOption({ label: 'Patch servers within 14 days' });
	await actions.getByRole('button', { name: 'Add the action' }).click();
	await page.waitForURL(/\/tasks\/\d+\?notice=created$/);
	const task = idOf(page.url(), 'tasks');
	await page.goto(`${base}/risks/${risk}`);
	assert.match(await region('Treatment actions').locator('tbody tr').innerText(),
		/Roll out automatic patching on the CRM servers\s+Otto Owner\s+\S+\s+Open\s+Patch servers within 14 days/);
	await region('Links').getByText('There is no control left to choose.').waitFor();
	assert.equal(await page.locator('#link-controls').count(), 0, 'no empty select when nothing is left');
	await ctx.shot('cycle-treatment');

	// 5. closing above the appetite is refused on the form, naming the rule
	await editRisk(risk, () => page.selectOption('#f-status', 'closed'));
	await page.getByText(/Level High is above the appetite \(Medium\)/).waitFor();
	await ctx.shot('cycle-close-refused');
	assert.equal(sql(`SELECT status FROM risk WHERE id = ${risk}`), 'in_treatment');

	// 6. an employee cannot accept: no such page for them
	await signInAs('staff');
	const res = await page.goto(`${base}/risks/${risk}`);
	assert.equal(res.status(), 403);
	await ctx.shot('cycle-employee');
	// a form posted by hand (with the employee's own CSRF token) is refused too
	await page.evaluate((id) => {
		const f = document.createElement('form');
		f.method = 'post';
		f.action = `/risks/${id}/acceptances`;
		for (const [k, v] of [['csrf', document.querySelector('input[name=csrf]').value], ['rationale', 'Fine by me'],
			['expires_on', new Date(Date.now() + 30 * 86400e3).toISOString().slice(0, 10)]]) {
			const i = document.createElement('input');
			i.name = k;
			i.value = v;
			f.append(i);
		}
		document.body.append(f);
		f.submit();
	}, risk);
	await page.waitForURL(`${base}/risks/${risk}/acceptances`);
	await page.getByText('Your role does not allow this.').waitFor();
	assert.equal(sql('SELECT COUNT(*) FROM risk_acceptance'), '0');

	// 7. the owner signs the acceptance; then closing works
	await signInAs('owner');
	await page.goto(`${base}/risks/${risk}`);
	const acceptance = region('Acceptance');
	await acceptance.getByText(/The level High is above the risk appetite \(Medium\)/).waitFor();
	await acceptance.getByLabel('Rationale').fill('Patching is being automated; until then the backups are tested weekly.');
	await acceptance.getByLabel('Valid until').fill(dateIn(90));
	await acceptance.getByRole('button', { name: 'Sign the acceptance' }).click();
	await page.waitForURL(/\?notice=accepted$/);
	await region('Acceptance').getByText(/Accepted by Otto Owner/).waitFor();
	await editRisk(risk, () => page.selectOption('#f-status', 'closed'));
	await page.waitForURL(/\?notice=updated$/);
	await region('Details').getByText('Closed').waitFor();
	await region('Acceptance').scrollIntoViewIfNeeded();
	await ctx.shot('cycle-accepted');

	// 8. the manager freezes an assessment run
	await signInAs('manager');
	await page.goto(`${base}/risk-runs`);
	await page.fill('#f-note', 'Assessment after acceptance');
	await page.getByRole('button', { name: 'Create the run' }).click();
	await page.waitForURL(/\/risk-runs\/1\?notice=created$/);

	// 9. the acceptance expires: housekeeping reopens the risk and gives the owner a task
	sql(`UPDATE risk_acceptance SET expires_on = '${dateIn(-1)}'`);
	const hk = ctx.cli(['housekeeping', 'run']);
	assert.equal(hk.status, 0, hk.stderr);
	await signInAs('owner');
	await page.goto(`${base}/tasks`);
	await page.getByRole('link', { name: new RegExp(`Review risk #${risk}`) }).click();
	await page.waitForURL(/\/tasks\/\d+$/);
	await ctx.shot('cycle-expiry-task');
	await page.goto(`${base}/risks/${risk}`);
	await region('Details').getByText('Assessed').waitFor();
	await region('Acceptance').scrollIntoViewIfNeeded();
	await ctx.shot('cycle-expired');

	// 10. the register and the dashboard show the heat maps, the risk in its cells
	const counted = async (kind) => page.locator(`figure.heatmap svg[aria-labelledby^="hm-${kind}-"] a.hm-cell`)
		.evaluateAll((as) => as.map((a) => a.getAttribute('aria-label')).filter((t) => !/: 0 risks/.test(t)));
	for (const [url, name] of [[`${base}/risks`, 'cycle-register'], [`${base}/`, 'cycle-heatmap']]) {
		await page.goto(url);
		await page.locator('figure.heatmap').first().waitFor();
		assert.deepEqual(await counted('inherent'), ['Likelihood Possible, impact Major: 1 risk, level High'], url);
		assert.deepEqual(await counted('residual'), ['Likelihood Possible, impact Moderate: 1 risk, level High'], url);
		await ctx.shot(name);
	}

	// 11. the action done, the owner lowers the residual; a second run shows the change
	await page.goto(`${base}/tasks/${task}/edit`);
	await page.selectOption('#f-status', 'done');
	await page.getByRole('button', { name: /Save/ }).click();
	await page.waitForURL(/\?notice=updated$/);
	await editRisk(risk, async () => {
		await page.fill('#f-residual_likelihood', '2');
		await page.selectOption('#f-status', 'in_treatment');
	});
	await page.waitForURL(/\?notice=updated$/);
	await region('Trend').scrollIntoViewIfNeeded();
	await ctx.shot('cycle-trend');
	await signInAs('manager');
	await page.goto(`${base}/risk-runs`);
	await page.fill('#f-note', 'After automatic patching');
	await page.getByRole('button', { name: 'Create the run' }).click();
	await page.waitForURL(/\/risk-runs\/2\?notice=created$/);
	await page.goto(`${base}/risk-runs`);
	await page.getByRole('button', { name: 'Compare' }).click();
	await page.waitForURL(`${base}/risk-runs/compare?from=1&to=2`);
	const tiles = await page.getByRole('group', { name: 'Summary' }).locator('.tile').allInnerTexts();
	assert.deepEqual(tiles.map((x) => x.replace(/\s+/g, ' ').trim()),
		['0 New', '1 Reopened', '0 Closed', '0 Archived', '0 Level up', '0 Level down', '0 Unchanged']);
	assert.match(await page.getByRole('region', { name: 'Reopened', exact: true }).innerText(),
		/Customer records encrypted by ransomware[\s\S]*High\s*→\s*High\s*same[\s\S]*High\s*→\s*Medium\s*▼ down/);
	await ctx.shot('cycle-compare');

	const verify = ctx.cli(['audit', 'verify']);
	assert.equal(verify.status, 0, verify.stderr);
});
