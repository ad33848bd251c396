// Shared set-up of the browser tests: each test file calls useBrowser() at
// its top level, which registers node:test hooks that start isms on a fresh
// database (first administrator EMAIL / PASSWORD), launch headless Debian
// Chromium through playwright-core, and fail any test during which the page
// reported a script error or a CSP violation.
//
// $ISMS_BIN (relative to the repository root; default build/isms) names the
// binary, $CHROMIUM the browser (default /usr/bin/chromium). Screenshots go
// to tests/browser/screenshots/.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
export const BIN = path.resolve(ROOT, process.env.ISMS_BIN || 'build/isms');
export const SHOTS = path.join(HERE, 'screenshots');
export const EMAIL = 'admin@example.org';
export const PASSWORD = 'Adm1n-Passw0rd-Long';

function startServer(db, problems, started) {
	return new Promise((resolve, reject) => {
		const child = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0'], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 10_000);
		const onData = (chunk) => {
			out += chunk;
			const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
			if (m) {
				clearTimeout(timer);
				child.stdout.off('data', onData);
				child.stdout.resume();
				started.base = m[1];
				resolve(child);
			}
		};
		child.stdout.setEncoding('utf8');
		child.stdout.on('data', onData);
		child.stderr.setEncoding('utf8');
		child.stderr.on('data', (d) => { out += d; });
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			const msg = `server exited (${code ?? signal}):\n${out}`;
			if (!started.base) reject(new Error(msg));
			else if (signal !== 'SIGTERM') problems.push(msg);
		});
	});
}

function stopServer(child) {
	return new Promise((resolve) => {
		if (child.exitCode !== null) return resolve();
		const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve();
		});
		child.kill('SIGTERM');
	});
}

/**
 * Registers the hooks; returns an object whose members are set once the
 * before hook has run: base (the server's URL), db (its database file),
 * page (a playwright Page, 1280x860), shot(name) (a full-page PNG into
 * screenshots/), cli(args, env) (runs the isms binary on the database).
 */
export function useBrowser() {
	const ctx = {};
	const problems = [];
	let tmp, server, browser;

	before(async () => {
		assert.ok(fs.existsSync(BIN), `no isms binary at ${BIN}; build it or set ISMS_BIN`);
		fs.mkdirSync(SHOTS, { recursive: true });
		tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'isms-browser-'));
		ctx.db = path.join(tmp, 'isms.db');
		ctx.cli = (args, env = {}) => spawnSync(BIN, [...args, '--db', ctx.db], {
			env: { ...process.env, ...env },
			encoding: 'utf8',
		});
		const init = ctx.cli(['init', '--admin-email', EMAIL], { ISMS_ADMIN_PASSWORD: PASSWORD });
		assert.equal(init.status, 0, `isms init failed:\n${init.stdout}${init.stderr}`);
		server = await startServer(ctx.db, problems, ctx);
		browser = await chromium.launch({
			executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
			headless: true,
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
				'--disable-sync', '--no-first-run'],
		});
		const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
		ctx.page = await context.newPage();
		ctx.page.setDefaultTimeout(10_000);
		ctx.shot = (name) => ctx.page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
		// Script errors and CSP violations are collected and fail the test they
		// happen in. Pages answered with 401/422 are expected: Chromium reports
		// those as "Failed to load resource".
		ctx.page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
		ctx.page.on('console', (msg) => {
			if (msg.type() === 'error' && !/^Failed to load resource/.test(msg.text()))
				problems.push(`console error: ${msg.text()}`);
		});
	});

	afterEach(() => {
		const seen = problems.splice(0);
		assert.deepEqual(seen, [], 'no script errors or CSP violations');
	});

	after(async () => {
		if (browser) await browser.close();
		if (server) await stopServer(server);
		if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
	});

	return ctx;
}

/** Creates an asset through its form (signed in as someone who may) and
 * returns its id; owner is a user's name shown in the Owner select. */
export async function newAsset(ctx, { name, type, classification, c, i, a, owner }) {
	const page = ctx.page;
	await page.goto(`${ctx.base}/assets/new`);
	await page.fill('#f-name', name);
	await page.selectOption('#f-asset_type', type);
	if (owner) await page.selectOption('#f-owner', { label: owner });
	await page.selectOption('#f-classification', classification);
	await page.fill('#f-confidentiality', String(c));
	await page.fill('#f-integrity', String(i));
	await page.fill('#f-availability', String(a));
	await page.getByRole('button', { name: 'Create asset' }).click();
	await page.waitForURL(/\/assets\/\d+\?notice=created$/);
	return Number(/\/assets\/(\d+)/.exec(page.url())[1]);
}

/** A JSON API call on the server with a Bearer token; asserts a 2xx answer
 * and returns its JSON (null when empty). */
export async function apiCall(base, token, method, p, body) {
	const res = await fetch(base + p, {
		method,
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
		body: body ? JSON.stringify(body) : undefined,
	});
	const text = await res.text();
	assert.ok(res.status < 300, `${method} ${p}: ${res.status} ${text}`);
	return text ? JSON.parse(text) : null;
}
