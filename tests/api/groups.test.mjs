// User groups (src/isms/group.h): created, renamed and deleted by ISMS
// managers; members added and removed by user id (API) or e-mail (CLI);
// duplicate names (any case), unknown users, double adds and removals of
// non-members refused with nothing changed; every change audited; other
// roles refused.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { addUser, api, assertFieldError, assertProblem, cli, createToken, startServer } from './harness.mjs';

let srv;
const tokens = {};
const ids = {};
const groups = async () => (await api(srv, 'GET', '/api/v1/groups')).json;
const audits = async (action) => (await api(srv, 'GET', `/api/v1/audit?action=${action}&limit=50`)).json.items;

before(async () => {
	srv = await startServer();
	for (const role of ['employee', 'owner', 'isms_manager']) {
		addUser(srv, `${role}@example.org`, role, `Long-enough-${role}-password`);
		tokens[role] = createToken(srv, `${role}@example.org`);
		ids[role] = (await api(srv, 'GET', '/api/v1/me', { token: tokens[role] })).json.id;
	}
});
after(async () => srv?.stop());

describe('groups', () => {
	let dev;
	it('an ISMS manager creates one; the same name in another case is refused', async () => {
		const r = await api(srv, 'POST', '/api/v1/groups', { token: tokens.isms_manager, body: { name: 'Developers', description: 'Everyone who writes code' } });
		assert.equal(r.status, 201, r.text);
		dev = r.json.id;
		assert.deepEqual([r.json.name, r.json.members, r.json.users], ['Developers', 0, []]);
		const dup = await api(srv, 'POST', '/api/v1/groups', { token: tokens.isms_manager, body: { name: 'developers' } });
		assertProblem(dup, 422);
		assertFieldError(dup.json, 'name', 'duplicate');
		const blank = await api(srv, 'POST', '/api/v1/groups', { body: { name: '   ' } });
		assertFieldError(blank.json, 'name', 'required');
		const typed = await api(srv, 'POST', '/api/v1/groups', { body: { name: 7 } });
		assertProblem(typed, 422);
		assert.equal((await groups()).total, 1);
		assert.equal((await audits('group_create')).length, 1);
	});

	it('members are added once, unknown users refused, and removed', async () => {
		let r = await api(srv, 'POST', `/api/v1/groups/${dev}/members`, { token: tokens.isms_manager, body: { user_id: ids.employee } });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.users.map((u) => u.email), ['employee@example.org']);
		r = await api(srv, 'POST', `/api/v1/groups/${dev}/members`, { body: { user_id: ids.employee } });
		assertProblem(r, 409);
		r = await api(srv, 'POST', `/api/v1/groups/${dev}/members`, { body: { user_id: 99999 } });
		assertFieldError(r.json, 'user_id', 'reference');
		const c = cli(srv, ['group', 'member', 'add', '--id', String(dev), '--user', 'owner@example.org', '--db', srv.db]);
		assert.equal(c.status, 0, c.stderr);
		assert.equal((await api(srv, 'GET', `/api/v1/groups/${dev}`)).json.members, 2);
		r = await api(srv, 'DELETE', `/api/v1/groups/${dev}/members/${ids.employee}`);
		assert.equal(r.status, 200, r.text);
		r = await api(srv, 'DELETE', `/api/v1/groups/${dev}/members/${ids.employee}`);
		assertProblem(r, 404);
		const show = cli(srv, ['group', 'show', '--id', String(dev), '--db', srv.db]);
		assert.match(show.stdout, /^Developers\t1 members\n\d+\towner@example\.org\t/);
		const adds = await audits('group_member_add');
		assert.equal(adds.length, 2);
		assert.equal((await audits('group_member_remove')).length, 1);
	});

	it('other roles are refused, and nothing changes', async () => {
		for (const role of ['employee', 'owner']) {
			assertProblem(await api(srv, 'GET', '/api/v1/groups', { token: tokens[role] }), 403);
			assertProblem(await api(srv, 'POST', '/api/v1/groups', { token: tokens[role], body: { name: 'X' } }), 403);
		}
		const r = cli(srv, ['group', 'add', '--name', 'X', '--as', 'owner@example.org', '--db', srv.db]);
		assert.equal(r.status, 1);
		assert.match(r.stderr, /ISMS manager/);
		assert.equal((await groups()).total, 1);
	});

	it('renamed and deleted with their memberships', async () => {
		let r = await api(srv, 'PATCH', `/api/v1/groups/${dev}`, { body: { name: 'Engineering' } });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual([r.json.name, r.json.description], ['Engineering', 'Everyone who writes code']);
		r = await api(srv, 'DELETE', `/api/v1/groups/${dev}`);
		assert.equal(r.status, 204);
		assertProblem(await api(srv, 'GET', `/api/v1/groups/${dev}`), 404);
		assert.equal((await groups()).total, 0);
	});
});
