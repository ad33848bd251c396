// Authorization matrix: walks the server's own route table (`isms routes`)
// and, for every route, every record type behind {type}, and every role plus
// anonymous, checks that the caller is refused or let through exactly as the
// table below says. A route that is missing from the table fails the test,
// so no endpoint can be added without deciding who may call it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ENTITIES, ROLES, addUser, api, cli, createToken, ownedBy, roleRank, startServer } from './harness.mjs';

// Least role per route. 'entity:read' etc. means the record type's own role.
const EXPECTED = {
	'GET /healthz': 'anonymous',
	'POST /api/v1/login': 'anonymous',
	'POST /api/v1/logout': 'employee',
	'GET /api/v1/me': 'employee',
	'POST /api/v1/me/password': 'employee',
	'GET /api/v1/me/mfa': 'employee',
	'POST /api/v1/me/mfa/start': 'employee',
	'POST /api/v1/me/mfa/confirm': 'employee',
	'POST /api/v1/me/mfa/disable': 'employee',
	'POST /api/v1/users/{id}/mfa/reset': 'admin',
	'GET /api/v1/me/tokens': 'employee',
	'POST /api/v1/me/tokens': 'employee',
	'DELETE /api/v1/me/tokens/{id}': 'employee',
	'GET /api/v1/me/sessions': 'employee',
	'DELETE /api/v1/me/sessions/{id}': 'employee',
	'POST /api/v1/me/logout-everywhere': 'employee',
	'GET /api/v1/users': 'admin',
	'POST /api/v1/users': 'admin',
	'GET /api/v1/users/{id}': 'admin',
	'PATCH /api/v1/users/{id}': 'admin',
	'POST /api/v1/users/{id}/reset-password': 'admin',
	'GET /api/v1/users/{id}/tokens': 'admin',
	'DELETE /api/v1/users/{id}/tokens/{sub}': 'admin',
	'GET /api/v1/audit': 'auditor',
	'GET /api/v1/settings': 'admin',
	'PATCH /api/v1/settings': 'admin',
	'GET /api/v1/risk-method': 'auditor',
	'PUT /api/v1/risk-method': 'isms_manager',
	'GET /api/v1/risk-method/versions': 'auditor',
	'GET /api/v1/risk-method/versions/{id}': 'auditor',
	'GET /api/v1/risks/heatmap': 'auditor',
	'GET /api/v1/{type}/export.csv': 'entity:read',
	'GET /api/v1/risks/{id}/history': 'auditor',
	'GET /api/v1/groups': 'isms_manager',
	'POST /api/v1/groups': 'isms_manager',
	'GET /api/v1/groups/{id}': 'isms_manager',
	'PATCH /api/v1/groups/{id}': 'isms_manager',
	'DELETE /api/v1/groups/{id}': 'isms_manager',
	'POST /api/v1/groups/{id}/members': 'isms_manager',
	'DELETE /api/v1/groups/{id}/members/{sub}': 'isms_manager',
	'GET /api/v1/document-templates': 'isms_manager',
	'POST /api/v1/documents/from-template': 'isms_manager',
	'POST /api/v1/documents/{id}/submit': 'isms_manager',
	'POST /api/v1/documents/{id}/approve': 'isms_manager',
	'POST /api/v1/documents/{id}/publish': 'isms_manager',
	'POST /api/v1/documents/{id}/retire': 'isms_manager',
	'GET /api/v1/documents/{id}/versions': 'employee',
	'GET /api/v1/documents/{id}/versions/{sub}': 'employee',
	'GET /api/v1/documents/{id}/diff': 'employee',
	'POST /api/v1/documents/{id}/acknowledge': 'employee',
	'GET /api/v1/documents/{id}/acknowledgements': 'employee',
	'GET /api/v1/me/documents-to-read': 'employee',
	'POST /documents/from-template': 'isms_manager',
	'POST /documents/{id}/submit': 'isms_manager',
	'POST /documents/{id}/approve': 'isms_manager',
	'POST /documents/{id}/publish': 'isms_manager',
	'POST /documents/{id}/retire': 'isms_manager',
	'POST /documents/{id}/acknowledge': 'employee',
	'GET /documents/{id}/versions/{sub}': 'employee',
	'GET /documents/{id}/diff': 'employee',
	'GET /documents/{id}/acknowledgements': 'employee',
	'GET /api/v1/training': 'isms_manager',
	'GET /api/v1/me/training': 'employee',
	'GET /api/v1/courses/{id}/quiz': 'employee',
	'PUT /api/v1/courses/{id}/quiz': 'isms_manager',
	'GET /api/v1/courses/{id}/assignments': 'isms_manager',
	'POST /api/v1/courses/{id}/assignments': 'isms_manager',
	'DELETE /api/v1/courses/{id}/assignments/{sub}': 'isms_manager',
	'GET /api/v1/courses/{id}/attempts': 'employee',
	'POST /api/v1/courses/{id}/attempts': 'employee',
	'POST /api/v1/courses/{id}/attempts/{sub}': 'employee',
	'GET /api/v1/courses/{id}/report': 'isms_manager',
	'GET /api/v1/frameworks': 'auditor',
	'GET /api/v1/framework-library': 'auditor',
	'POST /api/v1/frameworks/install': 'isms_manager',
	'GET /api/v1/frameworks/{id}': 'auditor',
	'GET /api/v1/frameworks/{id}/requirements': 'auditor',
	'GET /api/v1/requirements/{id}': 'auditor',
	'PUT /api/v1/requirements/{id}/assessment': 'isms_manager',
	'GET /api/v1/requirements/{id}/controls': 'auditor',
	'POST /api/v1/requirements/{id}/controls': 'owner',
	'DELETE /api/v1/requirements/{id}/controls/{sub}': 'owner',
	'GET /api/v1/controls/{id}/requirements': 'auditor',
	'GET /api/v1/frameworks/{id}/soa': 'auditor',
	'POST /api/v1/frameworks/{id}/soa/versions': 'isms_manager',
	'GET /api/v1/frameworks/{id}/soa/versions': 'auditor',
	'GET /api/v1/frameworks/{id}/soa/versions/{sub}': 'auditor',
	'GET /api/v1/frameworks/{id}/soa/compare': 'auditor',
	'GET /api/v1/soa/{id}': 'auditor',
	'PUT /api/v1/soa/{id}': 'isms_manager',
	'GET /api/v1/oscal/{name}': 'auditor',
	'GET /frameworks/{id}/oscal/{name}': 'auditor',
	'GET /api/v1/risk-runs': 'auditor',
	'POST /api/v1/risk-runs': 'isms_manager',
	'GET /api/v1/risk-runs/compare': 'auditor',
	'GET /api/v1/risk-runs/{id}': 'auditor',
	'GET /api/v1/risks/plan': 'auditor',
	'GET /api/v1/me/tasks': 'employee',
	'GET /api/v1/incidents/metrics': 'auditor',
	'GET /api/v1/nonconformities/figures': 'auditor',
	'GET /api/v1/kpis/status': 'auditor',
	'GET /api/v1/kpis/{id}/measurements': 'auditor',
	'POST /api/v1/kpis/{id}/measurements': 'owner',
	'POST /api/v1/kpis/{id}/measure': 'owner',
	'GET /api/v1/reviews/{id}/report': 'auditor',
	'POST /api/v1/reviews/{id}/compile': 'isms_manager',
	'POST /api/v1/reviews/{id}/close': 'isms_manager',
	'PUT /api/v1/reviews/{id}/attendees': 'isms_manager',
	'POST /reviews/{id}/compile': 'isms_manager',
	'POST /reviews/{id}/close': 'isms_manager',
	'POST /reviews/{id}/attendees': 'isms_manager',
	'GET /api/v1/audits/results': 'auditor',
	'GET /api/v1/audits/upcoming': 'auditor',
	'GET /api/v1/audits/{id}/checklist': 'auditor',
	'PATCH /api/v1/audits/{id}/checklist/{sub}': 'auditor',
	'POST /api/v1/audits/{id}/checklist/{sub}/nonconformity': 'auditor',
	'GET /api/v1/audits/{id}/report': 'auditor',
	'GET /api/v1/audit_programmes/{id}/schedule': 'auditor',
	'GET /api/v1/risks/{id}/acceptances': 'auditor',
	'POST /api/v1/risks/{id}/acceptances': 'owner',
	'POST /api/v1/risks/{id}/acceptances/{sub}/revoke': 'owner',
	'GET /api/v1/classification': 'employee',
	'PUT /api/v1/classification': 'isms_manager',
	'POST /api/v1/frameworks/import': 'isms_manager',
	'GET /api/v1/scope': 'employee',
	'PATCH /api/v1/scope': 'isms_manager',
	'POST /api/v1/scope/versions': 'isms_manager',
	'GET /api/v1/scope/versions': 'employee',
	'GET /api/v1/scope/versions/{id}': 'employee',
	'GET /api/v1/scope/compare': 'employee',
	'GET /api/v1/context/changes': 'auditor',
	'GET /api/v1/roles': 'employee',
	'PUT /api/v1/roles/{name}': 'isms_manager',
	'GET /api/v1/processes/{id}/raci': 'employee',
	'PUT /api/v1/processes/{id}/raci': 'isms_manager',
	'GET /scope': 'employee',
	'POST /scope': 'isms_manager',
	'GET /scope/edit': 'isms_manager',
	'POST /scope/approve': 'isms_manager',
	'GET /scope/versions/{id}': 'employee',
	'GET /scope/compare': 'employee',
	'GET /context/changes': 'auditor',
	'GET /roles': 'employee',
	'POST /roles/{name}': 'isms_manager',
	'GET /roles/processes/{id}': 'isms_manager',
	'POST /roles/processes/{id}': 'isms_manager',
	'GET /api/v1/{type}': 'entity:read',
	'POST /api/v1/{type}': 'entity:create',
	'GET /api/v1/{type}/{id}': 'entity:read',
	'PATCH /api/v1/{type}/{id}': 'entity:write',
	'DELETE /api/v1/{type}/{id}': 'entity:write',
	'GET /static/{name}': 'anonymous',
	'GET /login': 'anonymous',
	'POST /login': 'anonymous',
	'POST /login/code': 'anonymous',
	'POST /logout': 'employee',
	'GET /account/password': 'employee',
	'POST /account/password': 'employee',
	'GET /account/mfa': 'employee',
	'POST /account/mfa/start': 'employee',
	'POST /account/mfa/confirm': 'employee',
	'POST /account/mfa/disable': 'employee',
	'GET /account/tokens': 'employee',
	'POST /account/tokens': 'employee',
	'POST /account/tokens/{id}/revoke': 'employee',
	'GET /account/sessions': 'employee',
	'POST /account/sessions/{id}/end': 'employee',
	'POST /account/logout-everywhere': 'employee',
	'GET /frameworks/{id}/soa': 'auditor',
	'POST /frameworks/{id}/soa/versions': 'isms_manager',
	'GET /frameworks/{id}/soa/versions/{sub}': 'auditor',
	'GET /frameworks/{id}/soa/compare': 'auditor',
	'GET /frameworks/{id}/soa/{sub}': 'isms_manager',
	'POST /frameworks/{id}/soa/{sub}': 'isms_manager',
	'GET /admin/users': 'admin',
	'POST /admin/users': 'admin',
	'GET /admin/users/new': 'admin',
	'GET /admin/users/{id}': 'admin',
	'POST /admin/users/{id}': 'admin',
	'POST /admin/users/{id}/disable': 'admin',
	'POST /admin/users/{id}/enable': 'admin',
	'POST /admin/users/{id}/reset-password': 'admin',
	'POST /admin/users/{id}/reset-mfa': 'admin',
	'POST /admin/users/{id}/tokens/{sub}/revoke': 'admin',
	'GET /admin/settings': 'admin',
	'POST /admin/settings': 'admin',
	'GET /': 'employee',
	'GET /my-tasks': 'employee',
	'GET /risk-method': 'auditor',
	'POST /risk-method': 'isms_manager',
	'GET /risk-method/edit': 'isms_manager',
	'GET /risk-method/versions/{id}': 'auditor',
	'GET /groups': 'isms_manager',
	'POST /groups': 'isms_manager',
	'GET /groups/{id}': 'isms_manager',
	'POST /groups/{id}': 'isms_manager',
	'POST /groups/{id}/delete': 'isms_manager',
	'POST /groups/{id}/members': 'isms_manager',
	'POST /groups/{id}/members/{sub}/remove': 'isms_manager',
	'GET /training': 'employee',
	'GET /training/{id}': 'employee',
	'POST /training/{id}/attempts': 'employee',
	'POST /training/{id}/assignments': 'isms_manager',
	'POST /training/{id}/assignments/{sub}/remove': 'isms_manager',
	'GET /training/{id}/quiz': 'isms_manager',
	'POST /training/{id}/quiz': 'isms_manager',
	'GET /training/{id}/report': 'isms_manager',
	'GET /audits/{id}/report': 'auditor',
	'POST /audits/{id}/checklist': 'auditor',
	'POST /audits/{id}/checklist/{sub}/nonconformity': 'auditor',
	'POST /audits/{id}/independence': 'auditor',
	'GET /frameworks': 'auditor',
	'POST /frameworks/install': 'isms_manager',
	'GET /frameworks/{id}': 'auditor',
	'GET /requirements/{id}': 'auditor',
	'POST /requirements/{id}/assessment': 'isms_manager',
	'POST /requirements/{id}/controls': 'owner',
	'POST /requirements/{id}/controls/{sub}/remove': 'owner',
	'POST /controls/{id}/requirements': 'owner',
	'GET /risk-runs': 'auditor',
	'POST /risk-runs': 'isms_manager',
	'GET /risk-runs/compare': 'auditor',
	'GET /risk-runs/{id}': 'auditor',
	'GET /frameworks/import': 'isms_manager',
	'POST /frameworks/import': 'isms_manager',
	'GET /classification': 'employee',
	'POST /classification': 'isms_manager',
	'GET /classification/edit': 'isms_manager',
	'GET /audit': 'auditor',
	'GET /audit/{id}': 'auditor',
	'GET /risks/plan': 'auditor',
	'POST /risks/{id}/acceptances': 'owner',
	'POST /kpis/{id}/measurements': 'owner',
	'POST /kpis/{id}/measure': 'owner',
	'POST /risks/{id}/acceptances/{sub}/revoke': 'owner',
	'GET /{type}': 'entity:read',
	'POST /{type}': 'entity:create',
	'GET /{type}/new': 'entity:create',
	'GET /{type}/{id}': 'entity:read',
	'POST /{type}/{id}': 'entity:write',
	'GET /{type}/{id}/edit': 'entity:write',
	'POST /{type}/{id}/archive': 'entity:write',
	'POST /{type}/{id}/links/{name}': 'entity:write',
	'POST /{type}/{id}/links/{name}/{sub}/remove': 'entity:write',
	'GET /api/v1/assets/{id}/protection': 'employee',
	'GET /api/v1/{type}/{id}/links': 'entity:read',
	'POST /api/v1/{type}/{id}/links/{name}': 'entity:write',
	'DELETE /api/v1/{type}/{id}/links/{name}/{sub}': 'entity:write',
};

const CALLERS = ['anonymous', ...ROLES];
let srv;
let routes = [];
const tokens = {};
const records = {}; // entity -> id of a live record, for {id}
let auditId; // an existing audit entry, for /audit/{id}
const target = {}; // a user no caller acts as: { id, tokenId } for the account routes

// Fills a pattern's placeholders for one caller. Under {type} and /risks/,
// {id} is a live record of that type owned by the caller (its acceptance
// {sub} none). /audit/{id} is an existing
// entry. Under /users/, {id} is the target user and {sub} one of their API
// tokens. Elsewhere (/me/tokens/{id}, /account/sessions/{id}/end ...) {id}
// is the target's token: someone else's, so that a caller let through gets
// 404 and changes nothing of its own.
function fill(pattern, entity, caller) {
	let url = pattern;
	if (entity) url = url.replace('{type}', ENTITIES[entity].plural).replace('{id}', records[entity][caller]).replace('{sub}', records[entity][caller]);
	else if (url.startsWith('/audit/')) url = url.replace('{id}', auditId);
	else if (/^(\/api\/v1)?\/risks\/\{id\}/.test(url)) url = url.replace('{id}', records.risk[caller]).replace('{sub}', 999999); // the caller's own risk
	else if (/^(\/api\/v1)?\/kpis\/\{id\}/.test(url)) url = url.replace('{id}', records.kpi[caller]); // the caller's own KPI
	else if (/^(\/api\/v1)?\/audits\/\{id\}/.test(url)) url = url.replace('{id}', records.internal_audit[caller]).replace('{sub}', 999999); // an audit the caller is on
	else if (url.includes('/users/{id}')) url = url.replace('{id}', target.id).replace('{sub}', target.tokenId);
	else url = url.replace('{id}', target.tokenId).replace('{sub}', 999999);
	url = url.replace('{name}', 'style.css');
	assert.doesNotMatch(url, /[{}]/, `a placeholder of ${pattern} is not filled in`);
	return url;
}

function leastRole(key, entity) {
	const want = EXPECTED[key];
	if (!want?.startsWith('entity:')) return want;
	return ENTITIES[entity][want.slice('entity:'.length)];
}

function allowed(caller, least) {
	if (least === 'anonymous') return true;
	if (caller === 'anonymous') return false;
	return roleRank(caller) >= roleRank(least);
}

before(async () => {
	srv = await startServer();
	const r = cli(srv, ['routes']);
	assert.equal(r.status, 0, r.stderr);
	routes = r.stdout.trim().split('\n').map((line) => {
		const [method, pattern, minRole, flags] = line.split('\t');
		return { method, pattern, minRole, flags: (flags || '').split(',') };
	});
	tokens.admin = srv.token;
	for (const role of ROLES.filter((x) => x !== 'admin')) {
		const email = `${role}@example.org`;
		addUser(srv, email, role, `Long-enough-${role}-pw`);
		tokens[role] = createToken(srv, email);
	}
	// one record per type and caller, naming the caller in every person
	// field, so per-record rules (record_rules.test.mjs) let them in and
	// only the route's and the type's roles decide here
	const ids = { anonymous: 1 };
	for (const role of ROLES) ids[role] = (await api(srv, 'GET', '/api/v1/me', { token: tokens[role] })).json.id;
	for (const name of Object.keys(ENTITIES)) {
		records[name] = {};
		for (const caller of CALLERS) {
			const r = await api(srv, 'POST', `/api/v1/${ENTITIES[name].plural}`, { body: ownedBy(name, ids[caller]) });
			assert.equal(r.status, 201, r.text);
			records[name][caller] = r.json.id;
		}
	}
	auditId = (await api(srv, 'GET', '/api/v1/audit?limit=1')).json.items[0].id;
	addUser(srv, 'target@example.org', 'employee', 'Long-enough-target-pw');
	createToken(srv, 'target@example.org');
	target.id = (await api(srv, 'GET', '/api/v1/users?q=target@')).json.items[0].id;
	target.tokenId = (await api(srv, 'GET', `/api/v1/users/${target.id}/tokens`)).json.items[0].id;
});
after(async () => { await srv?.stop(); });

describe('authorization matrix', () => {
	it('every route in the route table has an expected role in this test', () => {
		const missing = routes.map((r) => `${r.method} ${r.pattern}`).filter((k) => !(k in EXPECTED));
		assert.deepEqual(missing, [], 'routes without an entry in EXPECTED');
		const stale = Object.keys(EXPECTED).filter((k) => !routes.some((r) => `${r.method} ${r.pattern}` === k));
		assert.deepEqual(stale, [], 'entries in EXPECTED for routes that no longer exist');
	});

	it('the route table agrees with this test about every fixed least role', () => {
		for (const r of routes) {
			const want = EXPECTED[`${r.method} ${r.pattern}`];
			if (want && !want.startsWith('entity:')) assert.equal(r.minRole, want, `${r.method} ${r.pattern}`);
		}
	});

	it('every route × record type × caller is refused or let through as expected', async (t) => {
		let checked = 0;
		const wrong = [];
		for (const r of routes) {
			const key = `${r.method} ${r.pattern}`;
			const entities = r.pattern.includes('{type}') ? Object.keys(ENTITIES) : [null];
			for (const entity of entities) {
				const least = leastRole(key, entity);
				for (const caller of CALLERS) {
					const url = fill(r.pattern, entity, caller);
					const res = await api(srv, r.method, url, {
						token: caller === 'anonymous' ? null : tokens[caller],
						raw: r.method === 'GET' ? undefined : (r.flags.includes('json-body') ? '{}' : ''),
						headers: r.flags.includes('json-body') ? { 'Content-Type': 'application/json' }
							: (r.method === 'GET' ? {} : { 'Content-Type': 'application/x-www-form-urlencoded' }),
					});
					const toLogin = res.status === 303 && (res.headers.get('location') || '').startsWith('/login?next='); // the dispatcher's redirect
					// a refusal by the dispatcher, as opposed to a handler's own answer
					// (a failed login is a 401 from the login handler, not a refusal)
					const dispatcher401 = res.status === 401 && ['unauthenticated', 'bad_token', 'session_expired'].includes(res.json?.code);
					const refused = dispatcher401 || res.status === 403 || (toLogin && r.pattern !== '/login');
					const expectAllowed = allowed(caller, least);
					if (refused === expectAllowed) wrong.push(`${r.method} ${url} as ${caller}: got ${res.status}, expected ${expectAllowed ? 'allowed' : 'refused'}`);
					if (!expectAllowed && caller !== 'anonymous' && res.status !== 403) wrong.push(`${r.method} ${url} as ${caller}: refused with ${res.status}, expected 403`);
					checked++;
				}
			}
		}
		assert.deepEqual(wrong, []);
		assert.ok(checked >= routes.length * CALLERS.length, `checked ${checked}`);
		t.diagnostic(`${routes.length} routes, ${checked} route × record type × caller combinations checked`);
	});
});
