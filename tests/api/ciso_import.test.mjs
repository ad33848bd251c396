// CISO Assistant libraries through `isms import ciso-assistant FILE...` on
// either engine, read back through GET /api/v1/frameworks and the database:
// ISO/IEC 27001:2013 + 2022 + the 2013 -> 2022 mapping in one command (given
// mapping first: order does not matter), NIST CSF 2.0 with its forward and
// reverse mapping sets, SOC 2 2017 and the GDPR; and every refused import
// (invalid or truncated YAML, no framework, a dangling URN named by line,
// a mapping without its frameworks, a framework already installed) leaving
// frameworks, requirements, mappings and the audit log as they were.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';

import { api, cli, dbQuery, startServer } from './harness.mjs';

const LIB = fileURLToPath(new URL('../../../shared/testdata/ciso-assistant-libraries/', import.meta.url));
const lib = (rel) => path.join(LIB, rel);
const ISO13 = lib('frameworks/iso27001-2013.yaml');
const ISO22 = lib('frameworks/iso27001-2022.yaml');
const MAP13 = lib('mappings/mapping-iso27001-2013-to-iso27001-2022.yaml');

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

const importCiso = (...files) => cli(srv, ['import', 'ciso-assistant', '--db', srv.db, ...files]);

/** What an import may change: rows of each table it writes and of the audit log. */
function counts() {
	const one = (t) => Number(dbQuery(srv.db, `SELECT count(*) FROM ${t}`));
	return {
		framework: one('framework'),
		requirement: one('requirement'),
		requirement_mapping: one('requirement_mapping'),
		audit_log: one('audit_log'),
	};
}

/** A file of our own in the server's folder. */
function tmpFile(name, text) {
	const p = path.join(srv.dir, name);
	fs.writeFileSync(p, text);
	return p;
}

/** Refused with exit 1 and message on stderr, nothing changed. */
function refused(files, message) {
	const was = counts();
	const r = importCiso(...files);
	assert.equal(r.status, 1, r.stderr + r.stdout);
	assert.match(r.stderr, message);
	assert.doesNotMatch(r.stdout, /imported/);
	assert.deepEqual(counts(), was);
}

async function frameworkByUrn(urn) {
	const r = await api(srv, 'GET', '/api/v1/frameworks');
	assert.equal(r.status, 200, r.text);
	return r.json.items.find((f) => f.urn === urn);
}

const byRelationship = (fwId) => Object.fromEntries(dbQuery(srv.db,
	`SELECT m.relationship, count(*) FROM requirement_mapping m JOIN requirement r ON r.id = m.source_id
	 WHERE r.framework_id = ${Number(fwId)} GROUP BY m.relationship ORDER BY m.relationship`)
	.split('\n').filter(Boolean).map((l) => { const [k, v] = l.split('|'); return [k, Number(v)]; }));

describe('isms import ciso-assistant', () => {
	it('refuses bad libraries before anything is installed, naming the place, writing nothing', () => {
		const before0 = counts();
		assert.equal(before0.framework, 0);
		refused([lib('dependencies/key-reference-controls.yaml')],
			/isms: key-reference-controls\.yaml line 41: the library holds no framework and no requirement mapping set/);
		const cut = fs.readFileSync(ISO13).subarray(0, 200);
		refused([ISO22, tmpFile('cut.yaml', cut)],
			/isms: cut\.yaml line 5, column 70: invalid YAML: found unexpected end of stream while scanning a quoted scalar/);
		refused([tmpFile('bad.yaml', 'objects: [a, b\n')], /bad\.yaml line 2, column 1: invalid YAML/);
		refused([tmpFile('orphan.yaml', 'ref_id: T\nobjects:\n  framework:\n    urn: urn:t:fw\n    name: T\n'
			+ '    requirement_nodes:\n    - urn: urn:t:a\n      parent_urn: urn:t:b\n      name: A\n')],
		/orphan\.yaml line 7: the parent_urn urn:t:b of urn:t:a is not a node defined before it/);
		// a dangling URN in a mapping whose frameworks come in the same command
		const dangling = tmpFile('dangling.yaml', 'objects:\n  requirement_mapping_sets:\n  - urn: urn:t:set\n'
			+ '    source_framework_urn: urn:intuitem:risk:framework:iso27001-2013\n'
			+ '    target_framework_urn: urn:intuitem:risk:framework:iso27001-2022\n'
			+ '    requirement_mappings:\n'
			+ '    - source_requirement_urn: urn:intuitem:risk:req_node:iso27001-2013:4.1\n'
			+ '      target_requirement_urn: urn:intuitem:risk:req_node:iso27001-2022:A.5.99\n'
			+ '      relationship: equal\n');
		refused([ISO13, ISO22, dangling],
			/dangling\.yaml line 7: the target requirement urn:intuitem:risk:req_node:iso27001-2022:a\.5\.99 is not in framework urn:intuitem:risk:framework:iso27001-2022/);
		// a mapping whose frameworks are neither given nor installed: the import as a whole is refused
		refused([MAP13], /mapping set urn:intuitem:risk:req_mapping_set:iso27001-2013, entry 1: source urn:intuitem:risk:req_node:iso27001-2013:4\.1 is neither in this import nor installed/);
		refused([lib('frameworks/no-such-file.yaml')], /cannot read \S*no-such-file\.yaml/);
		assert.deepEqual(counts(), before0);
	});

	it('imports ISO/IEC 27001:2013, 2022 and the mapping between them in one command', async () => {
		const was = counts();
		const r = importCiso(MAP13, ISO13, ISO22);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /^imported 2 frameworks, 340 requirements, 134 mappings in \d+ ms\n/);
		assert.match(r.stdout, /skipped: .*93 reference controls/);
		assert.match(r.stdout, /\n\d+\turn:intuitem:risk:framework:iso27001-2013\tISO\/IEC 27001:2013\t200 requirements\n/);
		const now = counts();
		assert.deepEqual(now, { framework: 2, requirement: 340, requirement_mapping: 134, audit_log: was.audit_log + 1 });
		assert.equal(dbQuery(srv.db, "SELECT action FROM audit_log ORDER BY id DESC LIMIT 1"), 'framework_import');

		const f13 = await frameworkByUrn('urn:intuitem:risk:framework:iso27001-2013');
		const f22 = await frameworkByUrn('urn:intuitem:risk:framework:iso27001-2022');
		assert.equal(f13.requirement_count, 200);
		assert.equal(f13.ref_id, 'ISO/IEC 27001:2013');
		assert.equal(f13.origin, 'ciso-assistant');
		assert.equal(f13.provider, 'ISO/IEC');
		assert.equal(f13.has_soa, false);
		assert.equal(f22.requirement_count, 140);
		assert.equal(f22.version, '18');
		assert.equal(f22.has_soa, true);
		// the two roots of 2013 have neither ref_id nor depth
		assert.equal(dbQuery(srv.db, `SELECT title FROM requirement WHERE framework_id = ${f13.id} AND ref_id IS NULL ORDER BY ordinal`), 'Core\nAnnex A');
		assert.equal(dbQuery(srv.db, `SELECT count(*) FROM requirement WHERE framework_id = ${f13.id} AND assessable = 1`), '140');
		assert.equal(dbQuery(srv.db, `SELECT count(*) FROM requirement WHERE framework_id = ${f22.id} AND in_soa = 1`), '93');
		assert.equal(dbQuery(srv.db, `SELECT attributes FROM requirement WHERE urn = 'urn:intuitem:risk:req_node:iso27001-2022:a.5.1'`),
			'{"implementation_groups":["SoA"]}');
		assert.deepEqual(byRelationship(f13.id), { equal: 77, intersects: 3, subset: 48, superset: 6 });

		// installed once: a second import of 2022 is refused, whole
		refused([ISO22], /is already installed as framework/);
	});

	it('imports NIST CSF 2.0 with its forward and reverse mapping sets to the installed ISO 2022', async () => {
		const was = counts();
		const r = importCiso(lib('frameworks/nist-csf-2.0.yaml'), lib('mappings/mapping-nist-csf-2.0-to-iso27001-2022.yaml'));
		assert.equal(r.status, 0, r.stderr);
		// 343 pairs each way, two of them twice: 341 distinct pairs
		assert.match(r.stdout, /^imported 1 framework, 134 requirements, 341 mappings in /);
		const csf = await frameworkByUrn('urn:intuitem:risk:framework:nist-csf-2.0');
		assert.equal(csf.requirement_count, 134);
		assert.equal(dbQuery(srv.db, `SELECT count(*) FROM requirement WHERE framework_id = ${csf.id} AND assessable = 1`), '106');
		// a node without name is titled by its ref_id, its description is the guidance
		assert.equal(dbQuery(srv.db, "SELECT title FROM requirement WHERE urn = 'urn:intuitem:risk:req_node:nist-csf-2.0:gv.oc-01'"), 'GV.OC-01');
		assert.deepEqual(byRelationship(csf.id), { intersects: 341 });
		assert.deepEqual(counts(), { ...was, framework: 3, requirement: 474, requirement_mapping: 475, audit_log: was.audit_log + 1 });
	});

	it('checks a mapping against installed frameworks, naming the line of a dangling URN', () => {
		const file = tmpFile('late.yaml', 'objects:\n  requirement_mapping_set:\n    urn: urn:t:late\n'
			+ '    source_framework_urn: urn:intuitem:risk:framework:nist-csf-2.0\n'
			+ '    target_framework_urn: URN:INTUITEM:RISK:FRAMEWORK:ISO27001-2022\n'
			+ '    requirement_mappings:\n'
			+ '    - source_requirement_urn: urn:intuitem:risk:req_node:nist-csf-2.0:gv.oc-01\n'
			+ '      target_requirement_urn: urn:intuitem:risk:req_node:iso27001-2022:a.5.1\n'
			+ '      relationship: equal\n'
			+ '    - source_requirement_urn: urn:intuitem:risk:req_node:nist-csf-2.0:GV.OC-99\n'
			+ '      target_requirement_urn: urn:intuitem:risk:req_node:iso27001-2022:a.5.1\n'
			+ '      relationship: equal\n');
		refused([file], /late\.yaml line 10: the source requirement urn:intuitem:risk:req_node:nist-csf-2\.0:gv\.oc-99 is not in framework urn:intuitem:risk:framework:nist-csf-2\.0/);
	});

	it('imports SOC 2 2017 (root without ref_id, description residue) and the GDPR', async () => {
		let r = importCiso(lib('frameworks/soc2-2017.yaml'));
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /^imported 1 framework, 371 requirements, 0 mappings in /);
		const soc2 = await frameworkByUrn('urn:intuitem:risk:framework:soc2-2017');
		assert.equal(soc2.description, 'a+B13');
		assert.equal(dbQuery(srv.db, `SELECT count(*) FROM requirement WHERE framework_id = ${soc2.id} AND ref_id IS NULL`), '1');
		assert.equal(dbQuery(srv.db, `SELECT count(*) FROM requirement WHERE framework_id = ${soc2.id} AND assessable = 1`), '358');

		r = importCiso(lib('frameworks/gdpr.yaml'));
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /^imported 1 framework, 1090 requirements, 0 mappings in /);
		assert.match(r.stdout, /skipped: gdpr\.yaml: 1092 translations\n/);
		const gdpr = await frameworkByUrn('urn:intuitem:risk:framework:gdpr');
		assert.equal(gdpr.requirement_count, 1090);
		assert.equal(gdpr.source, 'gdpr.yaml');
		assert.equal(dbQuery(srv.db, `SELECT count(*) FROM requirement WHERE framework_id = ${gdpr.id} AND assessable = 1`), '287');
		assert.match(dbQuery(srv.db, "SELECT title FROM requirement WHERE urn = 'urn:intuitem:risk:req_node:gdpr:node20'"),
			/^With regard to the processing of personal data .*\u2026$/);

		const all = (await api(srv, 'GET', '/api/v1/frameworks')).json;
		assert.equal(all.total, 5);
		assert.deepEqual(all.items.map((f) => f.requirement_count).sort((a, b) => a - b), [134, 140, 200, 371, 1090]);
		const v = cli(srv, ['audit', 'verify', '--db', srv.db]);
		assert.equal(v.status, 0, v.stderr);
	});
});
