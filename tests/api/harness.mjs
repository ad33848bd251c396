// Test harness for the isms black-box API tests.
//
// Each test file starts its own server on a fresh database in a temp dir:
//
//   const srv = await startServer();
//   const res = await api(srv, 'GET', '/api/v1/assets');
//   await srv.stop();
//
// Only Node built-ins are used. The binary is $ISMS_BIN (resolved against
// the repository root) or build/isms.
//
// The engine is $ISMS_TEST_ENGINE: sqlite (default; a file in the temp dir)
// or postgres (a fresh database per server in the cluster at
// $ISMS_TEST_PG_URL, dropped by stop(); tests/pg-cluster.sh starts one).
// Tests that read or change the database behind the server's back use
// dbQuery() and copyDb(), which speak to either engine.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.resolve(REPO_ROOT, process.env.ISMS_BIN || 'build/isms');

export const ADMIN_EMAIL = 'admin@example.org';
export const ADMIN_PASSWORD = 'Adm1n-Passw0rd-Long';

export const ENGINE = process.env.ISMS_TEST_ENGINE || 'sqlite';
const PG_URL = process.env.ISMS_TEST_PG_URL;
if (ENGINE === 'postgres' && !PG_URL) throw new Error('ISMS_TEST_ENGINE=postgres needs ISMS_TEST_PG_URL (see tests/pg-cluster.sh)');

const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 10_000;

// ---------------------------------------------------------------------------
// The entity table as the contract describes it. Shared by the test files.

export const ROLES = ['employee', 'auditor', 'owner', 'isms_manager', 'admin'];
export const roleRank = (r) => ROLES.indexOf(r);

export const SYSTEM_KEYS = ['id', 'version', 'archived', 'created_at', 'created_by', 'updated_at', 'updated_by'];

/** The body of a record that belongs to user id: its required fields with
 * every person field naming them (per-record rules then let them in). */
export function ownedBy(entity, id) {
	const ent = ENTITIES[entity];
	return { ...ent.required, ...Object.fromEntries(ent.userFields.filter((f) => !ent.computed.includes(f)).map((f) => [f, id])) };
}

export const ENTITIES = {
	asset: {
		plural: 'assets',
		userFields: ['owner'], // naming a person: the per-record rules look at these
		required: { name: 'Test asset', asset_type: 'software' },
		fields: ['name', 'asset_type', 'description', 'owner', 'classification', 'confidentiality',
			'integrity', 'availability', 'effective_confidentiality', 'effective_integrity', 'effective_availability',
			'effective_classification', 'location', 'lifecycle'],
		defaults: { classification: 'internal', lifecycle: 'in_use', effective_classification: 'internal' },
		computed: ['effective_confidentiality', 'effective_integrity', 'effective_availability', 'effective_classification'],
		read: 'employee', create: 'owner', write: 'owner',
		textEdit: { location: 'Server room B' },
		enumEdit: { lifecycle: 'retired' },
	},
	risk: {
		plural: 'risks',
		userFields: ['owner'], // naming a person: the per-record rules look at these
		required: { title: 'Test risk' },
		fields: ['title', 'description', 'asset', 'threat', 'vulnerability', 'owner', 'likelihood', 'impact',
			'inherent_score', 'inherent_level', 'existing_controls', 'treatment', 'treatment_plan', 'share_party',
			'share_mechanism', 'avoid_activity', 'residual_likelihood', 'residual_impact', 'residual_score',
			'residual_level', 'status', 'review_date', 'method_version'],
		defaults: { status: 'identified' },
		computed: ['inherent_score', 'inherent_level', 'residual_score', 'residual_level', 'method_version'],
		read: 'auditor', create: 'owner', write: 'owner',
		textEdit: { share_party: 'Cyber insurer' },
		enumEdit: { status: 'assessed' },
	},
	control: {
		plural: 'controls',
		userFields: ['owner'], // naming a person: the per-record rules look at these
		required: { title: 'Test control' },
		fields: ['code', 'title', 'description', 'control_type', 'owner', 'status', 'implementation',
			'evidence', 'effectiveness', 'last_tested', 'next_review'],
		defaults: { status: 'not_implemented', effectiveness: 'not_tested' },
		computed: [],
		read: 'employee', create: 'isms_manager', write: 'owner',
		textEdit: { implementation: 'Enforced by MDM' },
		enumEdit: { status: 'planned' },
	},
	document: {
		plural: 'documents',
		userFields: ['owner', 'approver'], // naming a person: the per-record rules look at these
		required: { title: 'Test policy', doc_type: 'policy' },
		fields: ['title', 'doc_type', 'summary', 'body', 'owner', 'approver', 'state', 'version_label', 'change_note',
			'classification', 'review_interval_months', 'next_review', 'approved_at', 'version_number',
			'published_version', 'published_at'],
		defaults: { state: 'draft', version_label: '0.1', classification: 'internal', review_interval_months: 12, version_number: 1 },
		// the workflow (isms/doc_version.h) sets these: documents.test.mjs
		computed: ['approver', 'state', 'next_review', 'approved_at', 'version_number', 'published_version', 'published_at'],
		read: 'employee', create: 'isms_manager', write: 'isms_manager',
		textEdit: { summary: 'How we handle passwords' },
		enumEdit: { doc_type: 'standard' },
	},
	incident: {
		plural: 'incidents',
		userFields: ['reporter', 'handler'], // naming a person: the per-record rules look at these
		required: { title: 'Test incident' },
		fields: ['title', 'description', 'category', 'severity', 'status', 'reporter', 'handler', 'asset',
			'personal_data_breach', 'occurred_at', 'detected_at', 'reported_at', 'responded_at',
			'contained_at', 'resolved_at', 'closed_at', 'regulator_notified_at', 'lessons_learned'],
		defaults: { status: 'reported', personal_data_breach: false },
		callerDefaults: ['reporter'], // set to the creating user when not given
		computed: [],
		extras: ['metrics'], // computed when read, beside the fields (isms/record_extra.c)
		read: 'employee', create: 'employee', write: 'isms_manager',
		textEdit: { lessons_learned: 'Enable MFA everywhere' },
		enumEdit: { severity: 'high' },
	},
	nonconformity: {
		plural: 'nonconformities',
		userFields: ['owner', 'raised_by'], // naming a person: the per-record rules look at these
		required: { title: 'Test nonconformity' },
		fields: ['title', 'source', 'incident', 'audit_reference', 'description', 'severity', 'raised_by', 'owner',
			'detected_on', 'due_date', 'status', 'correction', 'root_cause', 'effectiveness_checked_by',
			'effectiveness_checked_on', 'effectiveness_result', 'effectiveness_notes', 'closed_on'],
		defaults: { source: 'other', status: 'open' },
		callerDefaults: ['raised_by'], // set to the creating user when not given
		computed: ['closed_on'],
		read: 'employee', create: 'employee', write: 'owner',
		textEdit: { root_cause: 'Nobody reviews the firewall rules' },
		enumEdit: { severity: 'minor' },
	},
	supplier: {
		plural: 'suppliers',
		userFields: ['owner'], // naming a person: the per-record rules look at these
		required: { name: 'Test supplier' },
		fields: ['name', 'service', 'data_access', 'data_categories', 'criticality', 'status', 'owner', 'contact_name',
			'contact_email', 'contract_start', 'contract_end', 'last_review', 'next_review', 'last_result', 'notes'],
		defaults: { data_access: 'none', status: 'active' },
		computed: ['last_result'], // the latest assessment's (isms/supplier.h)
		extras: ['overdue'], // next assessment or contract end past (isms/record_extra.c)
		read: 'auditor', create: 'isms_manager', write: 'isms_manager',
		textEdit: { notes: 'Renewal due in spring' },
		enumEdit: { status: 'terminated' },
	},
	task: {
		plural: 'tasks',
		userFields: ['owner'], // naming a person: the per-record rules look at these
		required: { title: 'Test task' },
		fields: ['title', 'description', 'owner', 'due_date', 'status', 'priority', 'risk', 'control',
			'incident', 'nonconformity', 'review', 'completed_at'],
		defaults: { status: 'open', priority: 'normal' },
		computed: [],
		read: 'employee', create: 'owner', write: 'employee',
		textEdit: { description: 'Follow up with IT' },
		enumEdit: { priority: 'high' },
	},
	// supplier assessments need a supplier to name, which these generic bodies cannot give:
	// suppliers.test.mjs covers their CRUD, refusals and roles
	review: {
		plural: 'reviews',
		userFields: [],
		required: { title: 'Test review', review_date: '2026-03-01' },
		fields: ['title', 'review_date', 'chair', 'status', 'external_attendees', 'feedback', 'improvement', 'minutes',
			'decisions', 'compiled_on', 'closed_on'],
		// the inputs are compiled on the day the review is created (isms/review.h)
		defaults: { status: 'draft', compiled_on: new Date().toISOString().slice(0, 10) },
		computed: ['compiled_on', 'closed_on'],
		read: 'auditor', create: 'isms_manager', write: 'isms_manager',
		textEdit: { minutes: 'The board went through every input' },
		enumEdit: { status: 'held' },
	},
	course: {
		plural: 'courses',
		userFields: [],
		required: { title: 'Test course' },
		fields: ['title', 'summary', 'content', 'pass_mark', 'renewal_months', 'status'],
		defaults: { pass_mark: 80, renewal_months: 12, status: 'active' },
		computed: [],
		read: 'employee', create: 'isms_manager', write: 'isms_manager',
		textEdit: { summary: 'Phishing and passwords' },
		enumEdit: { status: 'retired' },
	},
	objective: {
		plural: 'objectives',
		userFields: ['owner'], // naming a person: the per-record rules look at these
		required: { title: 'Test objective' },
		fields: ['title', 'description', 'owner', 'target', 'due_date', 'status', 'evaluation'],
		defaults: { status: 'planned' },
		computed: [],
		read: 'employee', create: 'isms_manager', write: 'owner',
		textEdit: { target: 'Every employee trained within a month' },
		enumEdit: { status: 'in_progress' },
	},
	kpi: {
		plural: 'kpis',
		userFields: ['owner'], // naming a person: the per-record rules look at these
		required: { title: 'Test KPI', target: 90 },
		fields: ['title', 'definition', 'objective', 'owner', 'source', 'unit', 'direction', 'target', 'warning',
			'critical', 'frequency'],
		defaults: { source: 'manual', unit: 'percent', direction: 'higher_better', frequency: 'monthly' },
		computed: [],
		read: 'auditor', create: 'isms_manager', write: 'owner',
		textEdit: { definition: 'Share of staff with a valid pass' },
		enumEdit: { frequency: 'quarterly' },
	},
	audit_area: {
		plural: 'audit_areas',
		userFields: [],
		required: { name: 'Test area', owner: 1 },
		fields: ['name', 'kind', 'owner', 'group_id', 'description'],
		defaults: { kind: 'process' },
		computed: [],
		read: 'auditor', create: 'isms_manager', write: 'isms_manager',
		textEdit: { description: 'Accounts payable and payroll' },
		enumEdit: { kind: 'department' },
	},
	audit_programme: {
		plural: 'audit_programmes',
		userFields: [],
		required: { title: 'Test programme', cycle_start: '2026-01-01' },
		fields: ['title', 'owner', 'cycle_start', 'cycle_years', 'status', 'objectives'],
		defaults: { cycle_years: 3, status: 'draft' },
		computed: [],
		read: 'auditor', create: 'isms_manager', write: 'isms_manager',
		textEdit: { objectives: 'Every process once in three years' },
		enumEdit: { status: 'approved' },
	},
	internal_audit: {
		plural: 'audits',
		userFields: ['lead_auditor', 'auditor_2', 'auditor_3'], // the audit team works its own audits
		required: { title: 'Test audit', planned_start: '2026-03-01' },
		fields: ['title', 'programme', 'area', 'status', 'planned_start', 'planned_end', 'actual_start', 'actual_end',
			'lead_auditor', 'auditor_2', 'auditor_3', 'scope', 'objectives', 'criteria_framework', 'criteria_refs',
			'conclusion', 'independence_warning', 'independence_ack'],
		defaults: { status: 'planned', independence_ack: false },
		computed: ['independence_warning'],
		extras: ['warnings'], // computed when read, beside the fields (isms/record_extra.c)
		read: 'auditor', create: 'isms_manager', write: 'auditor',
		textEdit: { scope: 'Head office' },
		enumEdit: { status: 'in_progress', actual_start: '2026-03-02' }, // started on a given day: nothing derived
	},
	threat: {
		plural: 'threats',
		userFields: [],
		required: { name: 'Test threat', family: 'malicious' },
		fields: ['name', 'family', 'description', 'confidentiality', 'integrity', 'availability'],
		defaults: { confidentiality: false, integrity: false, availability: false },
		computed: [],
		read: 'auditor', create: 'isms_manager', write: 'isms_manager',
		textEdit: { description: 'Someone drills into the wall' },
		enumEdit: { family: 'physical' },
	},
	issue: {
		plural: 'issues',
		userFields: [],
		required: { title: 'Test issue', kind: 'external' },
		fields: ['title', 'kind', 'category', 'description', 'effect', 'owner', 'status', 'review_date'],
		defaults: { status: 'open' },
		computed: [],
		read: 'auditor', create: 'isms_manager', write: 'isms_manager',
		textEdit: { effect: 'New reporting duty' },
		enumEdit: { status: 'monitoring' },
	},
	interested_party: {
		plural: 'parties',
		userFields: [],
		required: { name: 'Test party', kind: 'customer' },
		fields: ['name', 'kind', 'description', 'influence', 'owner', 'review_date'],
		defaults: {},
		computed: [],
		read: 'auditor', create: 'isms_manager', write: 'isms_manager',
		textEdit: { description: 'Our largest customer' },
		enumEdit: { influence: 'high' },
	},
	party_requirement: {
		plural: 'party-requirements',
		userFields: [],
		required: { requirement: 'Test requirement', requirement_type: 'legal' },
		fields: ['requirement', 'party', 'requirement_type', 'source', 'details', 'addressed'],
		defaults: { addressed: false },
		computed: [],
		read: 'auditor', create: 'isms_manager', write: 'isms_manager',
		textEdit: { source: 'GDPR Art. 33' },
		enumEdit: { requirement_type: 'contractual' },
	},
	process: {
		plural: 'processes',
		userFields: [],
		required: { name: 'Test process' },
		fields: ['name', 'description', 'owner', 'status'],
		defaults: { status: 'active' },
		computed: [],
		read: 'employee', create: 'isms_manager', write: 'isms_manager',
		textEdit: { description: 'From request to delivery' },
		enumEdit: { status: 'retired' },
	},
	vulnerability: {
		plural: 'vulnerabilities',
		userFields: [],
		required: { name: 'Test vulnerability', category: 'technical' },
		fields: ['name', 'category', 'description'],
		defaults: {},
		computed: [],
		read: 'auditor', create: 'isms_manager', write: 'isms_manager',
		textEdit: { description: 'Nobody checks the logs' },
		enumEdit: { category: 'people' },
	},
};

// ---------------------------------------------------------------------------
// Processes.

function runSync(bin, args, env = {}) {
	const r = spawnSync(bin, args, {
		env: { ...process.env, ...env },
		encoding: 'utf8',
		timeout: 30_000,
	});
	if (r.error) throw new Error(`cannot run ${bin} ${args.join(' ')}: ${r.error.message}`);
	return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the isms binary synchronously: { status, stdout, stderr }. srv may be null. */
export function cli(srv, args, env = {}) {
	return runSync(srv?.bin ?? BIN, args, env);
}

/** Adds a user with the CLI; throws when the CLI refuses. */
export function addUser(srv, email, role, password) {
	const name = email.split('@')[0].replace(/[._-]+/g, ' ');
	const r = cli(srv, ['user', 'add', '--db', srv.db, '--email', email, '--name', name, '--role', role],
		{ ISMS_PASSWORD: password });
	if (r.status !== 0) {
		throw new Error(`isms user add ${email} (${role}) exited ${r.status}: ${r.stderr}${r.stdout}`);
	}
	return r;
}

/** Creates an API token for a user with the CLI; throws when the CLI refuses. */
export function createToken(srv, email) {
	const r = cli(srv, ['token', 'create', '--db', srv.db, '--user', email]);
	if (r.status !== 0) throw new Error(`isms token create --user ${email} exited ${r.status}: ${r.stderr}`);
	const token = r.stdout.trim();
	if (!token || /\s/.test(token)) throw new Error(`isms token create printed more than a token: ${JSON.stringify(r.stdout)}`);
	return token;
}

/** Adds users [[name, role], ...] as NAME@example.org with a password and
 * a token each; fills tok[name] and uid[name] (the user id). */
export async function addPeople(srv, people, tok, uid) {
	for (const [name, role] of people) {
		addUser(srv, `${name}@example.org`, role, `Long-enough-${name}-pw`);
		tok[name] = createToken(srv, `${name}@example.org`);
		uid[name] = (await api(srv, 'GET', '/api/v1/me', { token: tok[name] })).json.id;
	}
}

// ---------------------------------------------------------------------------
// Databases, on either engine.

let pgDatabases = 0;

function psql(url, sql) {
	return runSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-At', '-d', url, '-c', sql]);
}

export const isPg = (db) => /^postgres(ql)?:\/\//.test(db);

/** Whether a PostgreSQL cluster is at hand ($ISMS_TEST_PG_URL), whatever ENGINE is. */
export const PG_AVAILABLE = Boolean(PG_URL);

/** A new empty database of engine: a file path in dir, or the URL of a new
 * database in the PostgreSQL cluster at pgUrl. */
function newDatabase(dir, name, pgUrl = PG_URL, engine = ENGINE) {
	if (engine !== 'postgres') return path.join(dir, `${name}.db`);
	const db = `isms_${process.pid}_${++pgDatabases}_${name.replace(/\W+/g, '_').toLowerCase()}`.slice(0, 63);
	const r = psql(`${pgUrl}/postgres`, `CREATE DATABASE ${db}`);
	if (r.status !== 0) throw new Error(`CREATE DATABASE ${db}: ${r.stderr}`);
	return `${pgUrl}/${db}`;
}

function dropDatabase(db) {
	if (!isPg(db)) return; // files go with their folder
	const cut = db.lastIndexOf('/');
	const r = psql(`${db.slice(0, cut)}/postgres`, `DROP DATABASE IF EXISTS ${db.slice(cut + 1)} WITH (FORCE)`);
	if (r.status !== 0) throw new Error(`DROP DATABASE ${db}: ${r.stderr}`);
}

/** Runs SQL on a database (srv.db, a copyDb or an emptyDb, of either engine)
 * with sqlite3 or psql; returns the rows as text, one per line, columns
 * separated by '|', NULL as an empty string. Throws on error. */
export function dbQuery(db, sql) {
	const r = isPg(db) ? psql(db, sql) : runSync('sqlite3', [db, sql]);
	assert.equal(r.status, 0, `${db}: ${sql}: ${r.stderr}`);
	return r.stdout.trim();
}

/** A new empty database of engine (default ENGINE; 'postgres' needs
 * PG_AVAILABLE), for a restore; removed by srv.stop(). A SQLite one is a
 * path where no file is yet. */
export function emptyDb(srv, name, engine = ENGINE) {
	const db = newDatabase(srv.dir, name, isPg(srv.db) ? srv.db.slice(0, srv.db.lastIndexOf('/')) : PG_URL, engine);
	srv.copies.push(db);
	return db;
}

/** A consistent copy of srv's live database, to tamper with; removed by srv.stop(). */
export function copyDb(srv, name) {
	const copy = newDatabase(srv.dir, name, srv.db.slice(0, srv.db.lastIndexOf('/')));
	srv.copies.push(copy);
	if (isPg(srv.db)) {
		const r = spawnSync('sh', ['-c', 'pg_dump --no-owner -d "$1" | psql -X -q -v ON_ERROR_STOP=1 -d "$2"', 'sh', srv.db, copy],
			{ encoding: 'utf8', timeout: 30_000 });
		assert.equal(r.status, 0, `copy ${srv.db} to ${copy}: ${r.stderr}`);
	} else {
		dbQuery(srv.db, `.backup '${copy}'`);
	}
	return copy;
}

/** Runs `isms serve` on db at a free 127.0.0.1 port and waits until it
 * listens. Returns a node: { base, proc, stdout, stderr, stop() }; stop()
 * sends SIGTERM and asserts a clean exit within STOP_TIMEOUT_MS. */
async function serve(db) {
	const proc = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0'], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	let exited = null; // { code, signal } once the process is gone
	const exitPromise = new Promise((resolve) => {
		proc.on('exit', (code, signal) => {
			exited = { code, signal };
			resolve(exited);
		});
	});
	proc.stderr.setEncoding('utf8');
	proc.stderr.on('data', (d) => { stderr += d; });
	proc.stdout.setEncoding('utf8');

	let base;
	try {
		base = await new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				reject(new Error(`isms serve did not report "listening on" within ${START_TIMEOUT_MS} ms; stderr:\n${stderr}`));
			}, START_TIMEOUT_MS);
			proc.stdout.on('data', (d) => {
				stdout += d;
				const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
				if (m) {
					clearTimeout(timer);
					resolve(m[1]);
				}
			});
			proc.on('error', (err) => {
				clearTimeout(timer);
				reject(new Error(`cannot start isms serve: ${err.message}`));
			});
			exitPromise.then(({ code, signal }) => {
				clearTimeout(timer);
				reject(new Error(`isms serve exited early (code ${code}, signal ${signal}); stderr:\n${stderr}`));
			});
		});
	} catch (err) {
		if (!exited) {
			proc.kill('SIGKILL');
			await exitPromise;
		}
		throw err;
	}
	return {
		base,
		proc,
		get stdout() { return stdout; },
		get stderr() { return stderr; },
		async stop() {
			if (!exited) {
				proc.kill('SIGTERM');
				let timer;
				const timedOut = await Promise.race([
					exitPromise.then(() => false),
					new Promise((r) => { timer = setTimeout(() => r(true), STOP_TIMEOUT_MS); }),
				]);
				clearTimeout(timer);
				if (timedOut) {
					proc.kill('SIGKILL');
					await exitPromise;
					assert.fail(`isms serve did not exit within ${STOP_TIMEOUT_MS} ms of SIGTERM; stderr:\n${stderr}`);
				}
			}
			assert.deepEqual(exited, { code: 0, signal: null },
				`isms serve should exit 0 on SIGTERM; stderr:\n${stderr}`);
		},
	};
}

/** Serves a database that exists already (a restored one): { base, db,
 * token (null: set one), stop() }, for api(). */
export async function serveDb(db) {
	const n = await serve(db);
	return { base: n.base, db, bin: BIN, token: null, stop: n.stop, get stderr() { return n.stderr; } };
}

/** Starts a server on a fresh database. See the file comment. opts.pgUrl:
 * another PostgreSQL cluster than $ISMS_TEST_PG_URL (same PGPASSWORD).
 * srv.addNode() starts one more `isms serve` on srv.db (another port, the
 * same database: several nodes), usable wherever srv is (api(node, ...)
 * with srv's token); srv.stop() stops the extra nodes too. */
export async function startServer(opts = {}) {
	if (!fs.existsSync(BIN)) throw new Error(`isms binary not found at ${BIN} (set ISMS_BIN)`);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isms-api-'));
	let db;
	let node;
	const removeAll = (copies = []) => {
		for (const d of [db, ...copies]) if (d) dropDatabase(d);
		fs.rmSync(dir, { recursive: true, force: true });
	};
	try {
		db = newDatabase(dir, 'isms', opts.pgUrl);
		const init = runSync(BIN, ['init', '--db', db, '--admin-email', ADMIN_EMAIL],
			{ ISMS_ADMIN_PASSWORD: ADMIN_PASSWORD });
		if (init.status !== 0) throw new Error(`isms init exited ${init.status}: ${init.stderr}${init.stdout}`);
		node = await serve(db);
	} catch (err) {
		removeAll();
		throw err;
	}

	const extra = [];
	const srv = {
		base: node.base,
		db,
		dir,
		copies: [],
		proc: node.proc,
		bin: BIN,
		adminEmail: ADMIN_EMAIL,
		adminPassword: ADMIN_PASSWORD,
		token: null,
		get stdout() { return node.stdout; },
		get stderr() { return node.stderr; },
		async addNode() {
			const n = await serve(db);
			extra.push(n);
			return Object.defineProperty({ ...srv, base: n.base, proc: n.proc, stop: n.stop }, 'stderr',
				{ get: () => n.stderr });
		},
		async stop() {
			try {
				const results = await Promise.allSettled([node, ...extra].map((n) => n.stop()));
				const failed = results.find((r) => r.status === 'rejected');
				if (failed) throw failed.reason;
			} finally {
				removeAll(srv.copies);
			}
		},
	};
	try {
		srv.token = createToken(srv, ADMIN_EMAIL);
	} catch (err) {
		await srv.stop().catch(() => {});
		throw err;
	}
	return srv;
}

// ---------------------------------------------------------------------------
// HTTP.

function hasHeader(headers, name) {
	return Object.keys(headers).some((k) => k.toLowerCase() === name.toLowerCase());
}

/**
 * One request. opts: body (JSON-encoded), raw (string/Buffer sent as is;
 * content-type defaults to application/json unless headers name one),
 * token (default srv.token; null = no Authorization), headers.
 * Returns { status, headers, json, text }.
 */
export async function api(srv, method, urlPath, opts = {}) {
	const headers = { ...(opts.headers || {}) };
	const token = 'token' in opts ? opts.token : srv.token;
	if (token != null && !hasHeader(headers, 'authorization')) headers.Authorization = `Bearer ${token}`;
	let body;
	if (opts.raw !== undefined) {
		body = opts.raw;
		if (!hasHeader(headers, 'content-type')) headers['Content-Type'] = 'application/json';
	} else if (opts.body !== undefined) {
		body = JSON.stringify(opts.body);
		if (!hasHeader(headers, 'content-type')) headers['Content-Type'] = 'application/json';
	}
	const res = await fetch(srv.base + urlPath, { method, headers, body, redirect: 'manual' });
	const text = await res.text();
	const ct = res.headers.get('content-type') || '';
	let json = null;
	if (ct.includes('json') && text.length > 0) {
		try {
			json = JSON.parse(text);
		} catch (err) {
			throw new Error(`${method} ${urlPath}: response says ${ct} but is not JSON (${err.message}): ${text.slice(0, 200)}`);
		}
	}
	return { status: res.status, headers: res.headers, json, text };
}

/**
 * A request over a plain socket, for bodies the server may refuse before
 * reading them (413). The body is written in chunks and writing stops as
 * soon as the response starts. Resolves { status, head, text }.
 */
export function rawRequest(srv, method, urlPath, headers, body) {
	const url = new URL(srv.base);
	return new Promise((resolve, reject) => {
		const sock = net.connect(Number(url.port), url.hostname);
		let data = Buffer.alloc(0);
		let done = false;
		const settle = (err) => {
			if (done) return;
			done = true;
			clearTimeout(timer);
			sock.destroy();
			if (err) return reject(err);
			const split = data.indexOf('\r\n\r\n');
			const head = (split >= 0 ? data.subarray(0, split) : data).toString('latin1');
			const m = /^HTTP\/1\.[01] (\d{3})/.exec(head);
			if (!m) return reject(new Error(`no HTTP status line in response: ${JSON.stringify(head.slice(0, 200))}`));
			resolve({ status: Number(m[1]), head, text: split >= 0 ? data.subarray(split + 4).toString('utf8') : '' });
		};
		const timer = setTimeout(() => settle(new Error(`no response to ${method} ${urlPath} within 15 s`)), 15_000);
		sock.on('data', (d) => {
			data = Buffer.concat([data, d]);
			// Complete once the head and Content-Length bytes of body are in.
			const split = data.indexOf('\r\n\r\n');
			if (split < 0) return;
			const cl = /\r\ncontent-length:\s*(\d+)/i.exec(data.subarray(0, split).toString('latin1'));
			if (cl && data.length >= split + 4 + Number(cl[1])) settle();
		});
		sock.on('error', () => { /* an early close while we still write is expected */ });
		sock.on('close', () => {
			if (data.length > 0) settle();
			else settle(new Error(`connection closed without a response to ${method} ${urlPath}`));
		});
		sock.on('connect', async () => {
			let head = `${method} ${urlPath} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n`;
			for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
			head += `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
			sock.write(head);
			const buf = Buffer.from(body);
			const CHUNK = 64 * 1024;
			for (let off = 0; off < buf.length && data.length === 0 && !done; off += CHUNK) {
				if (!sock.write(buf.subarray(off, off + CHUNK))) {
					await new Promise((r) => { sock.once('drain', r); sock.once('close', r); });
				}
			}
		});
	});
}

// ---------------------------------------------------------------------------
// Assertions and small helpers shared by the test files.

/** The security headers every response must carry. */
export function assertSecurityHeaders(res, what = '') {
	const csp = res.headers.get('content-security-policy');
	assert.ok(csp, `${what}: Content-Security-Policy missing`);
	assert.match(csp, /default-src 'none'/, `${what}: CSP lacks default-src 'none': ${csp}`);
	assert.match(csp, /frame-ancestors 'none'/, `${what}: CSP lacks frame-ancestors 'none': ${csp}`);
	assert.doesNotMatch(csp, /unsafe-inline/, `${what}: CSP allows unsafe-inline: ${csp}`);
	assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `${what}: X-Content-Type-Options`);
	assert.ok(res.headers.get('referrer-policy'), `${what}: Referrer-Policy missing`);
	assert.equal(res.headers.get('x-frame-options'), 'DENY', `${what}: X-Frame-Options`);
	assert.equal(res.headers.get('cross-origin-opener-policy'), 'same-origin', `${what}: COOP`);
	assert.equal(res.headers.get('cross-origin-resource-policy'), 'same-origin', `${what}: CORP`);
	assert.match(res.headers.get('permissions-policy') || '', /camera=\(\)/, `${what}: Permissions-Policy`);
}

/** A problem response: status, content type and the standard members. */
export function assertProblem(res, status, what = '') {
	const label = `${what} (got ${res.status}: ${res.text.slice(0, 300)})`;
	assert.equal(res.status, status, `status ${label}`);
	const ct = res.headers.get('content-type') || '';
	assert.ok(ct.startsWith('application/problem+json'), `content-type should be application/problem+json, is "${ct}" ${label}`);
	assert.ok(res.json && typeof res.json === 'object', `problem body should be a JSON object ${label}`);
	assert.equal(res.json.status, status, `problem.status ${label}`);
	for (const k of ['type', 'title', 'detail', 'code']) {
		assert.equal(typeof res.json[k], 'string', `problem.${k} should be a string ${label}`);
	}
	return res.json;
}

/** Finds errors[] entry for a field; asserts it is there (with code when given). */
export function assertFieldError(problem, field, code) {
	assert.ok(Array.isArray(problem.errors), `problem should have errors[]: ${JSON.stringify(problem)}`);
	const codes = Array.isArray(code) ? code : code ? [code] : null;
	const hit = problem.errors.find((e) => e.field === field && (!codes || codes.includes(e.code)));
	assert.ok(hit, `errors[] should have {field: ${field}${codes ? `, code: ${codes.join('|')}` : ''}}: ${JSON.stringify(problem.errors)}`);
	assert.equal(typeof hit.message, 'string', 'errors[].message should be a string');
	return hit;
}

export const etag = (version) => `"${version}"`;

/** Creates a record as the admin (or opts.token) and returns it; asserts 201. */
export async function create(srv, entity, body, opts = {}) {
	const { plural } = ENTITIES[entity];
	const res = await api(srv, 'POST', `/api/v1/${plural}`, { body, ...opts });
	assert.equal(res.status, 201, `create ${entity}: ${res.status} ${res.text.slice(0, 300)}`);
	return res.json;
}

export async function getRecord(srv, entity, id) {
	const res = await api(srv, 'GET', `/api/v1/${ENTITIES[entity].plural}/${id}`);
	assert.equal(res.status, 200, `get ${entity} ${id}: ${res.status} ${res.text.slice(0, 300)}`);
	return res.json;
}

/** Total number of records of a type, archived ones included. */
export async function totalOf(srv, entity) {
	const res = await api(srv, 'GET', `/api/v1/${ENTITIES[entity].plural}?archived=true&limit=1`);
	assert.equal(res.status, 200, `count ${entity}: ${res.status} ${res.text.slice(0, 300)}`);
	return res.json.total;
}

/**
 * Logs in over the API (headers: extra request headers, e.g. User-Agent).
 * Returns { res, cookie, csrf, user } (cookie: "isms_session=...").
 */
export async function login(srv, email, password, headers = {}) {
	const res = await api(srv, 'POST', '/api/v1/login', { body: { email, password }, token: null, headers });
	let cookie = null;
	for (const c of res.headers.getSetCookie()) {
		const m = /^(isms_session=[^;]*)/.exec(c);
		if (m) cookie = m[1];
	}
	return { res, cookie, csrf: res.json?.csrf_token ?? null, user: res.json?.user ?? null };
}
