// Awareness training (src/isms/training.h): a course with a quiz, assigned to
// a group, a person and all new joiners; attempts scored by the server
// (failing then passing, exact scores), another user's attempt refused, an
// answer for another course's question refused, renewal due dates, and the
// rates per course and per group — exact. Each refusal changes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { addPeople, api, assertFieldError, assertProblem, cli, dbQuery, startServer } from './harness.mjs';

let srv;
const tok = {};
const uid = {};
let course;
let other;
let quiz; // as the manager sees it: with the correct choices
let sales;
const assignment = {};

const QUIZ = {
	questions: [
		{ text: 'A message asks you to confirm your password. What do you do?', choices: [
			{ text: 'Report it to the security team', correct: true },
			{ text: 'Reply with the password' },
			{ text: 'Forward it to colleagues', correct: false },
		] },
		{ text: 'Which of these make a strong password?', choices: [
			{ text: 'A long passphrase', correct: true },
			{ text: 'One your password manager generated', correct: true },
			{ text: 'The name of your pet' },
		] },
		{ text: 'Where do confidential papers go when you leave your desk?', choices: [
			{ text: 'In a locked drawer', correct: true },
			{ text: 'On the printer' },
		] },
		{ text: 'Who may you tell your password to?', choices: [
			{ text: 'Nobody', correct: true },
			{ text: 'The IT help desk' },
			{ text: 'Your manager' },
		] },
	],
};

/** Answers picking, per question, the choices at the given positions. */
const answers = (picks) => quiz.questions.map((q, i) => ({ question: q.id, choices: picks[i].map((k) => q.choices[k].id) }));
const ALL_RIGHT = [[0], [0, 1], [0], [0]];
const count = (sql) => Number(dbQuery(srv.db, sql));
const report = async () => (await api(srv, 'GET', `/api/v1/courses/${course}/report`, { token: tok.manager })).json;
const person = (r, name) => r.people.find((p) => p.user_id === uid[name]);

before(async () => {
	srv = await startServer();
	await addPeople(srv, [['manager', 'isms_manager'], ['alice', 'employee'], ['bob', 'employee'], ['carol', 'employee']], tok, uid);
	// everyone so far joined long ago: only people created later are new joiners
	dbQuery(srv.db, "UPDATE users SET created_at = '2019-06-01T00:00:00Z'");
	let r = await api(srv, 'POST', '/api/v1/groups', { token: tok.manager, body: { name: 'Sales' } });
	sales = r.json.id;
	for (const who of ['alice', 'carol']) {
		r = await api(srv, 'POST', `/api/v1/groups/${sales}/members`, { token: tok.manager, body: { user_id: uid[who] } });
		assert.equal(r.status, 200, r.text);
	}
});
after(async () => srv?.stop());

describe('courses and their quiz', () => {
	it('an ISMS manager creates a course; employees may not', async () => {
		const body = { title: 'Security basics', summary: 'Phishing, passwords, clear desk', content: '# Welcome\n\nRead this first.', pass_mark: 75, renewal_months: 12 };
		let r = await api(srv, 'POST', '/api/v1/courses', { token: tok.alice, body });
		assertProblem(r, 403);
		r = await api(srv, 'POST', '/api/v1/courses', { token: tok.manager, body });
		assert.equal(r.status, 201, r.text);
		course = r.json.id;
		assert.deepEqual([r.json.pass_mark, r.json.renewal_months, r.json.status], [75, 12, 'active']);
		r = await api(srv, 'POST', '/api/v1/courses', { token: tok.manager, body: { title: 'Other course' } });
		other = r.json.id;
		assert.deepEqual([r.json.pass_mark, r.json.renewal_months], [80, 12]);
	});

	it('a quiz with problems is refused, each named, and nothing is saved', async () => {
		const bad = [
			[{ questions: [] }, 'questions', 'required'],
			[{ questions: [{ text: 'One choice', choices: [{ text: 'Only', correct: true }] }] }, 'questions[0].choices', 'invalid'],
			[{ questions: [{ text: 'None right', choices: [{ text: 'A' }, { text: 'B' }] }] }, 'questions[0].choices', 'invalid'],
			[{ questions: [{ text: '', choices: [{ text: 'A', correct: true }, { text: 'B' }] }] }, 'questions[0].text', 'invalid'],
			[{ questions: [{ text: 'Seven', choices: [1, 2, 3, 4, 5, 6, 7].map((k) => ({ text: `C${k}`, correct: k === 1 })) }] }, 'questions[0].choices', 'invalid'],
			[{ questions: [{ text: 'Typed', choices: [{ text: 'A', correct: 'yes' }, { text: 'B' }] }] }, 'questions[0].choices', 'invalid'],
		];
		for (const [body, field, code] of bad) {
			const r = await api(srv, 'PUT', `/api/v1/courses/${course}/quiz`, { token: tok.manager, body });
			assertProblem(r, 422, JSON.stringify(body));
			assertFieldError(r.json, field, code);
		}
		const r = await api(srv, 'PUT', `/api/v1/courses/${course}/quiz`, { token: tok.manager, body: { ...QUIZ, score: 1 } });
		assertProblem(r, 400);
		assertFieldError(r.json, 'score', 'unknown_field');
		assert.equal(count('SELECT COUNT(*) FROM course_question'), 0);
		assert.equal(count("SELECT COUNT(*) FROM audit_log WHERE action = 'course_quiz'"), 0);
	});

	it('saves the quiz; the learner reads it without the answers', async () => {
		let r = await api(srv, 'PUT', `/api/v1/courses/${course}/quiz`, { token: tok.alice, body: QUIZ });
		assertProblem(r, 403);
		r = await api(srv, 'PUT', `/api/v1/courses/${course}/quiz`, { token: tok.manager, body: QUIZ });
		assert.equal(r.status, 200, r.text);
		quiz = r.json;
		assert.equal(quiz.questions.length, 4);
		assert.deepEqual(quiz.questions[1].choices.map((c) => c.correct), [true, true, false]);
		r = await api(srv, 'GET', `/api/v1/courses/${course}/quiz`, { token: tok.alice });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.questions.map((q) => q.id), quiz.questions.map((q) => q.id));
		assert.ok(!r.text.includes('correct'), `the learner must not see the answers: ${r.text}`);
		// the other course gets a one-question quiz
		r = await api(srv, 'PUT', `/api/v1/courses/${other}/quiz`, { token: tok.manager, body: { questions: [QUIZ.questions[3]] } });
		assert.equal(r.status, 200, r.text);
		assert.equal(count("SELECT COUNT(*) FROM audit_log WHERE action = 'course_quiz'"), 2);
	});
});

describe('assignments', () => {
	it('bad assignments are refused and nothing is assigned', async () => {
		const bad = [
			[{ audience: 'nobody', due_days: 5 }, 'audience', 'enum'],
			[{ audience: 'user', due_days: 5 }, 'user_id', 'required'],
			[{ audience: 'group', group_id: 99999, due_days: 5 }, 'group_id', 'reference'],
			[{ audience: 'user', user_id: 99999, due_days: 5 }, 'user_id', 'reference'],
			[{ audience: 'everyone', user_id: uid.bob, due_days: 5 }, 'user_id', 'not_allowed'],
			[{ audience: 'everyone' }, 'due_date', 'required'],
			[{ audience: 'everyone', due_date: '2030-01-01', due_days: 3 }, 'due_date', 'conflict'],
			[{ audience: 'everyone', due_date: '31.01.2030' }, 'due_date', 'date'],
			[{ audience: 'everyone', due_days: -1 }, 'due_days', 'range'],
		];
		for (const [body, field, code] of bad) {
			const r = await api(srv, 'POST', `/api/v1/courses/${course}/assignments`, { token: tok.manager, body });
			assertProblem(r, 422, JSON.stringify(body));
			assertFieldError(r.json, field, code);
		}
		const r = await api(srv, 'POST', `/api/v1/courses/${course}/assignments`, { token: tok.alice, body: { audience: 'everyone', due_days: 5 } });
		assertProblem(r, 403);
		assert.equal(count('SELECT COUNT(*) FROM training_assignment'), 0);
	});

	it('assigns to a group, a person and all new joiners', async () => {
		const add = async (name, body) => {
			const r = await api(srv, 'POST', `/api/v1/courses/${course}/assignments`, { token: tok.manager, body });
			assert.equal(r.status, 201, r.text);
			assignment[name] = r.json;
		};
		await add('group', { audience: 'group', group_id: sales, due_date: '2099-01-31' });
		await add('bob', { audience: 'user', user_id: uid.bob, due_days: 30 });
		await add('joiners', { audience: 'new_joiners', due_days: 14 });
		assert.equal(assignment.group.target, 'Sales');
		assert.equal(assignment.bob.target, 'bob');
		const dup = await api(srv, 'POST', `/api/v1/courses/${course}/assignments`, { token: tok.manager, body: { audience: 'user', user_id: uid.bob, due_days: 3 } });
		assertProblem(dup, 409);
		const list = (await api(srv, 'GET', `/api/v1/courses/${course}/assignments`, { token: tok.manager })).json;
		assert.deepEqual(list.items.map((a) => [a.audience, a.due_date, a.due_days]),
			[['group', '2099-01-31', null], ['user', null, 30], ['new_joiners', null, 14]]);
		assert.equal(count("SELECT COUNT(*) FROM audit_log WHERE action = 'training_assign'"), 3);
		// a group a course is assigned to cannot be deleted
		const del = await api(srv, 'DELETE', `/api/v1/groups/${sales}`, { token: tok.manager });
		assertProblem(del, 409);
		assert.equal(del.json.code, 'in_use');
		assert.match(del.json.detail, /Sales is the audience of 1 training assignments/);
		assert.equal((await api(srv, 'GET', `/api/v1/groups/${sales}`, { token: tok.manager })).json.members, 2);
	});

	it('a person created after the new-joiner assignment must take it, due 14 days after joining', async () => {
		await addPeople(srv, [['dave', 'employee']], tok, uid);
		dbQuery(srv.db, `UPDATE users SET created_at = '2030-05-20T09:00:00Z' WHERE id = ${uid.dave}`);
		const mine = (await api(srv, 'GET', '/api/v1/me/training', { token: tok.dave })).json;
		assert.deepEqual(mine.items.map((t) => [t.course, t.status, t.due_date]), [[course, 'due', '2030-06-03']]);
		// people who joined before it are not new joiners; carol is due through her group
		assert.deepEqual((await api(srv, 'GET', '/api/v1/me/training', { token: tok.manager })).json.items, []);
		const carol = (await api(srv, 'GET', '/api/v1/me/training', { token: tok.carol })).json.items;
		assert.deepEqual(carol.map((t) => [t.course_title, t.due_date]), [['Security basics', '2099-01-31']]);
		// and it is among the things carol owes (my tasks)
		const tasks = (await api(srv, 'GET', '/api/v1/me/tasks', { token: tok.carol })).json.items
			.filter((t) => t.kind === 'training').map((t) => [t.title, t.due, t.record_id]);
		assert.deepEqual(tasks, [['Security basics', '2099-01-31', course]]);
	});
});

describe('attempts', () => {
	it('fails, then passes, scored by the server with exact scores', async () => {
		// question 2 has two right choices: one of them alone is wrong; question 4 wrong
		let r = await api(srv, 'POST', `/api/v1/courses/${course}/attempts`, { token: tok.alice, body: { answers: answers([[0], [0], [0], [1]]) } });
		assert.equal(r.status, 201, r.text);
		assert.deepEqual([r.json.correct, r.json.total, r.json.score, r.json.pass_mark, r.json.passed, r.json.status], [2, 4, 50, 75, false, 'submitted']);
		assert.equal(person(await report(), 'alice').status, 'due');
		r = await api(srv, 'POST', `/api/v1/courses/${course}/attempts`, { token: tok.alice, body: { answers: answers(ALL_RIGHT) } });
		assert.equal(r.status, 201, r.text);
		assert.deepEqual([r.json.correct, r.json.score, r.json.passed], [4, 100, true]);
		const mine = (await api(srv, 'GET', `/api/v1/courses/${course}/attempts`, { token: tok.alice })).json;
		assert.deepEqual(mine.items.map((a) => [a.score, a.passed]), [[100, true], [50, false]]);
		assert.deepEqual((await api(srv, 'GET', '/api/v1/me/training', { token: tok.alice })).json.items, []);
		assert.equal(count(`SELECT COUNT(*) FROM training_answer a JOIN training_attempt t ON t.id = a.attempt_id WHERE t.user_id = ${uid.alice}`), 9);
	});

	it("answers for another user's attempt are refused; the owner submits it once", async () => {
		let r = await api(srv, 'POST', `/api/v1/courses/${course}/attempts`, { token: tok.bob, body: {} });
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.status, 'open');
		assert.ok(!JSON.stringify(r.json.quiz).includes('correct'));
		const bobs = r.json.id;
		r = await api(srv, 'POST', `/api/v1/courses/${course}/attempts/${bobs}`, { token: tok.alice, body: { answers: answers(ALL_RIGHT) } });
		assertProblem(r, 404);
		assert.equal(dbQuery(srv.db, `SELECT COALESCE(submitted_at, 'open') || '|' || (SELECT COUNT(*) FROM training_answer WHERE attempt_id = ${bobs}) FROM training_attempt WHERE id = ${bobs}`), 'open|0');
		// three of four: 75 reaches the pass mark of 75
		r = await api(srv, 'POST', `/api/v1/courses/${course}/attempts/${bobs}`, { token: tok.bob, body: { answers: answers([[0], [1, 0], [0], [2]]) } });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual([r.json.id, r.json.correct, r.json.score, r.json.passed], [bobs, 3, 75, true]);
		r = await api(srv, 'POST', `/api/v1/courses/${course}/attempts/${bobs}`, { token: tok.bob, body: { answers: answers(ALL_RIGHT) } });
		assertProblem(r, 409);
		r = await api(srv, 'POST', `/api/v1/courses/${course}/attempts/99999`, { token: tok.bob, body: { answers: answers(ALL_RIGHT) } });
		assertProblem(r, 404);
	});

	it('an answer for a question of another course, a client score or a missing answer is refused; nothing recorded', async () => {
		const before = count('SELECT COUNT(*) FROM training_attempt');
		const otherQuiz = (await api(srv, 'GET', `/api/v1/courses/${other}/quiz`, { token: tok.carol })).json;
		const foreign = otherQuiz.questions[0];
		let r = await api(srv, 'POST', `/api/v1/courses/${course}/attempts`, { token: tok.carol,
			body: { answers: [...answers(ALL_RIGHT).slice(0, 3), { question: foreign.id, choices: [foreign.choices[0].id] }] } });
		assertProblem(r, 422);
		assertFieldError(r.json, 'answers', 'not_in_quiz');
		const mixed = answers(ALL_RIGHT);
		mixed[0].choices = [foreign.choices[0].id];
		r = await api(srv, 'POST', `/api/v1/courses/${course}/attempts`, { token: tok.carol, body: { answers: mixed } });
		assertFieldError(r.json, 'answers', 'not_in_quiz');
		r = await api(srv, 'POST', `/api/v1/courses/${course}/attempts`, { token: tok.carol, body: { answers: answers(ALL_RIGHT), score: 100 } });
		assertProblem(r, 400);
		assertFieldError(r.json, 'score', 'unknown_field');
		r = await api(srv, 'POST', `/api/v1/courses/${course}/attempts`, { token: tok.carol, body: { answers: answers(ALL_RIGHT).slice(1) } });
		assertProblem(r, 422);
		assertFieldError(r.json, `q${quiz.questions[0].id}`, 'required');
		r = await api(srv, 'POST', `/api/v1/courses/${course}/attempts`, { token: tok.carol, body: { answers: 'all right' } });
		assertFieldError(r.json, 'answers', 'type');
		assert.equal(count('SELECT COUNT(*) FROM training_attempt'), before);
		assert.equal(count(`SELECT COUNT(*) FROM training_attempt WHERE user_id = ${uid.carol}`), 0);
	});
});

describe('figures', () => {
	it('rates per course and per group are exact', async () => {
		const r = await report();
		// assigned: alice and carol (Sales), bob, dave (new joiner); completed: alice, bob
		assert.deepEqual(r.rates, { assigned: 4, completed: 2, overdue: 0, attempts: 3, passed: 2,
			completion_rate: 50, pass_rate: 66.7, average_score: 75 });
		assert.deepEqual(r.groups.map((g) => [g.name, g.assigned, g.completed, g.attempts, g.passed, g.completion_rate, g.pass_rate, g.average_score]),
			[['Sales', 2, 1, 2, 1, 50, 50, 75]]);
		assert.deepEqual(r.people.map((p) => [p.user, p.status, p.attempts, p.last_score]).sort(),
			[['alice', 'completed', 2, 100], ['bob', 'completed', 1, 75], ['carol', 'due', 0, null], ['dave', 'due', 0, null]]);
		const all = (await api(srv, 'GET', '/api/v1/training', { token: tok.manager })).json;
		assert.deepEqual(all.courses.map((c) => [c.title, c.assigned, c.completed]), [['Other course', 0, 0], ['Security basics', 4, 2]]);
		assertProblem(await api(srv, 'GET', `/api/v1/courses/${course}/report`, { token: tok.alice }), 403);
	});

	it('a pass is due again a renewal period after its day, clamped to the month end', async () => {
		dbQuery(srv.db, `UPDATE training_attempt SET submitted_at = '2024-01-31T10:00:00Z' WHERE user_id = ${uid.alice} AND passed = 1`);
		let a = person(await report(), 'alice');
		assert.deepEqual([a.status, a.due_date, a.passed_at], ['overdue', '2025-01-31', '2024-01-31']);
		let r = await api(srv, 'PATCH', `/api/v1/courses/${course}`, { token: tok.manager, body: { renewal_months: 1 }, headers: { 'If-Match': '"1"' } });
		assert.equal(r.status, 200, r.text);
		a = person(await report(), 'alice');
		assert.deepEqual([a.status, a.due_date], ['overdue', '2024-02-29']);
		// a recent pass is valid until a month after it; 0 months: for good
		dbQuery(srv.db, `UPDATE training_attempt SET submitted_at = '2099-03-31T10:00:00Z' WHERE user_id = ${uid.alice} AND passed = 1`);
		a = person(await report(), 'alice');
		assert.deepEqual([a.status, a.due_date], ['completed', '2099-04-30']);
		r = await api(srv, 'PATCH', `/api/v1/courses/${course}`, { token: tok.manager, body: { renewal_months: 0 }, headers: { 'If-Match': '"2"' } });
		assert.equal(r.status, 200, r.text);
		a = person(await report(), 'alice');
		assert.deepEqual([a.status, a.due_date], ['completed', null]);
		const rates = (await report()).rates;
		assert.deepEqual([rates.completed, rates.overdue], [2, 0]);
	});

	it('a retired course is no longer due and cannot be taken', async () => {
		let r = await api(srv, 'PATCH', `/api/v1/courses/${course}`, { token: tok.manager, body: { status: 'retired' }, headers: { 'If-Match': '"3"' } });
		assert.equal(r.status, 200, r.text);
		assert.deepEqual((await api(srv, 'GET', '/api/v1/me/training', { token: tok.carol })).json.items, []);
		r = await api(srv, 'POST', `/api/v1/courses/${course}/attempts`, { token: tok.carol, body: { answers: answers(ALL_RIGHT) } });
		assertProblem(r, 404); // employees no longer see it
		r = await api(srv, 'PATCH', `/api/v1/courses/${course}`, { token: tok.manager, body: { status: 'active' }, headers: { 'If-Match': '"4"' } });
		assert.equal(r.status, 200, r.text);
	});

	it('removing an assignment is audited and ends what it asked', async () => {
		let r = await api(srv, 'DELETE', `/api/v1/courses/${course}/assignments/${assignment.joiners.id}`, { token: tok.manager });
		assert.equal(r.status, 204, r.text);
		r = await api(srv, 'DELETE', `/api/v1/courses/${other}/assignments/${assignment.bob.id}`, { token: tok.manager });
		assertProblem(r, 404);
		assert.deepEqual((await api(srv, 'GET', '/api/v1/me/training', { token: tok.dave })).json.items, []);
		assert.equal(count("SELECT COUNT(*) FROM audit_log WHERE action = 'training_unassign'"), 1);
		assert.equal(count("SELECT COUNT(*) FROM audit_log WHERE action = 'training_attempt'"), 3);
	});
});

describe('command line', () => {
	it('isms training list, assign and report', async () => {
		let c = cli(srv, ['training', 'assign', '--id', String(other), '--to', 'user', '--user', 'carol@example.org', '--due', '2031-02-03', '--db', srv.db]);
		assert.equal(c.status, 0, c.stderr);
		c = cli(srv, ['training', 'assign', '--id', String(other), '--to', 'group', '--group', '99999', '--due-days', '3', '--db', srv.db]);
		assert.equal(c.status, 1);
		assert.match(c.stderr, /group/);
		c = cli(srv, ['training', 'assign', '--id', String(other), '--to', 'group', '--db', srv.db]);
		assert.notEqual(c.status, 0);
		assert.equal(count(`SELECT COUNT(*) FROM training_assignment WHERE course_id = ${other}`), 1);
		const carol = (await api(srv, 'GET', '/api/v1/me/training', { token: tok.carol })).json.items;
		// soonest due first
		assert.deepEqual(carol.map((t) => [t.course_title, t.due_date]), [['Other course', '2031-02-03'], ['Security basics', '2099-01-31']]);
		c = cli(srv, ['training', 'report', '--id', String(course), '--format', 'json', '--db', srv.db]);
		assert.equal(c.status, 0, c.stderr);
		assert.deepEqual(JSON.parse(c.stdout).rates, (await report()).rates);
		c = cli(srv, ['training', 'list', '--db', srv.db]);
		assert.equal(c.status, 0, c.stderr);
		assert.match(c.stdout, new RegExp(`^${course}\\tSecurity basics\\tactive\\t3 assigned\\t2 completed`, 'm'));
	});
});
