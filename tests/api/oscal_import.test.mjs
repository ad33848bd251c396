// OSCAL import (src/isms/oscal_*.c, isms/fw_format.c) through the three
// surfaces — `isms import oscal`, POST /api/v1/frameworks/import and the
// /frameworks/import page — on NIST's SP 800-53 rev5 catalog and its LOW,
// MODERATE, HIGH and PRIVACY baselines (../shared/testdata/oscal-content):
// the counts of families, controls and enhancements, each profile's
// selection, the XML giving the same nodes as the JSON, and bad files
// refused with the place named and nothing written.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';

import { addUser, api, assertFieldError, assertProblem, cli, createToken, dbQuery, startServer } from './harness.mjs';

const REV5 = fileURLToPath(new URL('../../../shared/testdata/oscal-content/nist.gov/SP800-53/rev5/', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../../../shared/testdata/oscal-content/examples/', import.meta.url));
const file = (fmt, base) => `${REV5}${fmt}/NIST_SP-800-53_rev5_${base}.${fmt}`;
const CATALOG_NAME = 'NIST_SP-800-53_rev5_catalog';

// What each baseline selects: controls and enhancements (149 / 287 / 370 / 96 in all).
const BASELINES = {
	LOW: { controls: 131, enhancements: 18 },
	MODERATE: { controls: 177, enhancements: 110 },
	HIGH: { controls: 188, enhancements: 182 },
	PRIVACY: { controls: 75, enhancements: 21 },
};

let json; // a server whose catalog and profiles came as JSON
let xml; // one whose came as XML
let managerTok;

const snapshot = (srv) => dbQuery(srv.db, 'SELECT (SELECT count(*) FROM framework), (SELECT count(*) FROM requirement), '
	+ '(SELECT count(*) FROM requirement_mapping), (SELECT count(*) FROM audit_log)');

/** Families, controls and enhancements of the framework with urn. */
function counts(srv, urnLike) {
	const [groups, controls, enhancements] = dbQuery(srv.db,
		'SELECT sum(CASE WHEN r.assessable = 0 THEN 1 ELSE 0 END), '
		+ "sum(CASE WHEN r.assessable = 1 AND r.ref_id NOT LIKE '%(%' THEN 1 ELSE 0 END), "
		+ "sum(CASE WHEN r.assessable = 1 AND r.ref_id LIKE '%(%' THEN 1 ELSE 0 END) "
		+ `FROM requirement r JOIN framework f ON f.id = r.framework_id WHERE f.urn LIKE '${urnLike}'`).split('|').map(Number);
	return { groups, controls, enhancements };
}

/** Every node of every framework, in order, as text to compare servers. */
const nodes = (srv) => dbQuery(srv.db, 'SELECT f.urn, r.ordinal, r.urn, r.ref_id, r.title, r.assessable, r.depth, '
	+ 'p.urn, length(r.guidance) FROM requirement r JOIN framework f ON f.id = r.framework_id '
	+ 'LEFT JOIN requirement p ON p.id = r.parent_id ORDER BY f.urn, r.ordinal');

const upload = (srv, body, { name, format = 'oscal', type = 'application/json', token } = {}) =>
	api(srv, 'POST', `/api/v1/frameworks/import?format=${format}${name ? `&name=${encodeURIComponent(name)}` : ''}`,
		{ raw: body, headers: { 'Content-Type': type }, ...(token ? { token } : {}) });

before(async () => {
	[json, xml] = await Promise.all([startServer(), startServer()]);
	addUser(json, 'manager@example.org', 'isms_manager', 'Long-enough-manager-pw');
	managerTok = createToken(json, 'manager@example.org');
	addUser(json, 'auditor@example.org', 'auditor', 'Long-enough-auditor-pw');
});
after(async () => Promise.all([json?.stop(), xml?.stop()]));

describe('the SP 800-53 rev5 catalog', () => {
	it('imports from JSON through the CLI: 20 families, 298 + 709 controls not withdrawn, progress on stderr', () => {
		const r = cli(json, ['import', 'oscal', file('json', 'catalog'), '--db', json.db]);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /^imported 1 framework, 1027 requirements, 0 mappings in \d+ ms\n/);
		assert.match(r.stdout, /\turn:oscal:catalog:nist-special-publication-800-53-revision-5-security-and-privacy-controls-for\tNIST Special Publication 800-53 Revision 5\t1027 requirements\n/);
		assert.match(r.stderr, /importing requirements: 1027 of 1027/);
		assert.deepEqual(counts(json, 'urn:oscal:catalog:%'), { groups: 20, controls: 298, enhancements: 709 });
		// 322 controls and 867 enhancements in the file: the withdrawn ones (AC-2(10), AC-13 ...) are left out
		assert.equal(dbQuery(json.db, "SELECT count(*) FROM requirement WHERE ref_id IN ('AC-2(10)', 'AC-13')"), '0');
		const [ref, title, parent, guidance] = dbQuery(json.db, "SELECT r.ref_id, r.title, p.ref_id, r.guidance FROM requirement r "
			+ "JOIN requirement p ON p.id = r.parent_id WHERE r.ref_id = 'AC-2(1)'").split('|');
		assert.deepEqual([ref, title, parent], ['AC-2(1)', 'Automated System Account Management', 'AC-2']);
		assert.match(guidance, /^Support the management of system accounts using \[Assignment: organization-defined automated mechanisms\]\.$/);
		assert.equal(dbQuery(json.db, "SELECT source FROM framework WHERE urn LIKE 'urn:oscal:catalog:%'"), `${CATALOG_NAME}.json`);
	});

	it('the same catalog as XML is the same framework: uploading it is 409 and writes nothing', async () => {
		const before = snapshot(json);
		const res = await upload(json, fs.readFileSync(file('xml', 'catalog')), { name: `${CATALOG_NAME}.xml`, type: 'application/xml' });
		const p = assertProblem(res, 409);
		assert.match(p.detail, /already installed as framework \d+/);
		assert.equal(snapshot(json), before);
	});

	it('uploads as XML (3 MB: over the 1 MiB other routes take) into another database, 201 with the ids', async () => {
		const body = fs.readFileSync(file('xml', 'catalog'));
		assert.ok(body.length > 1024 * 1024);
		const res = await upload(xml, body, { name: `${CATALOG_NAME}.xml`, type: 'application/xml' });
		assert.equal(res.status, 201, res.text);
		assert.deepEqual(res.json.imported, { frameworks: 1, requirements: 1027, mappings: 0 });
		assert.equal(res.json.frameworks.length, 1);
		const fw = res.json.frameworks[0];
		assert.equal(fw.urn, 'urn:oscal:catalog:nist-special-publication-800-53-revision-5-security-and-privacy-controls-for');
		assert.equal(fw.requirements, 1027);
		assert.equal(fw.baseline, false);
		assert.equal(res.headers.get('location'), `/api/v1/frameworks/${fw.id}`);
		assert.equal(dbQuery(xml.db, `SELECT id FROM framework WHERE urn = '${fw.urn}'`), String(fw.id));
		assert.deepEqual(counts(xml, 'urn:oscal:catalog:%'), { groups: 20, controls: 298, enhancements: 709 });
	});

	it('gives the same nodes from XML as from JSON: urn, ref_id, title, parent, depth, guidance length', () => {
		assert.equal(nodes(xml), nodes(json));
	});
});

describe('the baselines', () => {
	for (const [level, want] of Object.entries(BASELINES)) {
		it(`${level} uploaded as JSON resolves against the installed catalog: ${want.controls + want.enhancements} controls`, async () => {
			const res = await upload(json, fs.readFileSync(file('json', `${level}-baseline_profile`)),
				{ name: `NIST_SP-800-53_rev5_${level}-baseline_profile.json`, token: managerTok });
			assert.equal(res.status, 201, res.text);
			assert.equal(res.json.imported.frameworks, 1, 'the catalog is installed: only the baseline');
			const fw = res.json.frameworks[0];
			assert.equal(fw.baseline, true);
			const slug = level === 'PRIVACY' ? 'privacy-baseline' : `${level.toLowerCase()}-impact-baseline`;
			assert.equal(fw.urn, `urn:oscal:profile:nist-special-publication-800-53-revision-5-1-1-${slug}`);
			const c = counts(json, fw.urn);
			assert.deepEqual({ controls: c.controls, enhancements: c.enhancements }, want);
			assert.equal(res.json.imported.mappings, want.controls + want.enhancements, 'each baseline node equals its catalog node');
			assert.equal(dbQuery(json.db, `SELECT b.urn FROM framework f JOIN framework b ON b.id = f.base_framework_id WHERE f.id = ${fw.id}`),
				'urn:oscal:catalog:nist-special-publication-800-53-revision-5-security-and-privacy-controls-for');
		});
		it(`${level} as XML through the CLI reads its catalog from disk: the same selection`, () => {
			const r = cli(xml, ['import', 'oscal', file('xml', `${level}-baseline_profile`), '--db', xml.db]);
			assert.equal(r.status, 0, r.stderr);
			assert.match(r.stdout, new RegExp(`^imported 1 framework, \\d+ requirements, ${want.controls + want.enhancements} mappings`));
			assert.match(r.stdout, /\tbaseline\n$/);
		});
	}

	it('XML profiles give the same baselines as JSON ones', () => {
		assert.equal(nodes(xml), nodes(json));
	});

	it('one command brings a profile and its catalog into an empty database, in one transaction', async () => {
		const srv = await startServer();
		try {
			const r = cli(srv, ['import', 'oscal', file('json', 'LOW-baseline_profile'), '--db', srv.db]);
			assert.equal(r.status, 0, r.stderr);
			assert.match(r.stdout, /^imported 2 frameworks, 1194 requirements, 149 mappings/);
			assert.equal(dbQuery(srv.db, 'SELECT source FROM framework ORDER BY id'),
				`${CATALOG_NAME}.json\nNIST_SP-800-53_rev5_LOW-baseline_profile.json`);
			assert.equal(dbQuery(srv.db, "SELECT count(*) FROM audit_log WHERE action = 'framework_import'"), '1');
		} finally {
			await srv.stop();
		}
	});
});

describe('bad files are refused with the place named, and nothing is written', () => {
	const catalogText = () => fs.readFileSync(file('json', 'catalog'), 'utf8');
	const refusals = [
		['truncated JSON', () => catalogText().slice(0, 200_000), 'application/json', /not valid JSON/],
		['truncated XML', () => fs.readFileSync(file('xml', 'catalog'), 'utf8').slice(0, 100_000), 'application/xml',
			/line \d+: not well-formed XML/],
		['neither a catalog nor a profile', () => fs.readFileSync(`${EXAMPLES}component-definition/json/example-component-definition.json`),
			'application/json', /the top level: neither an OSCAL catalog nor a profile .*"component-definition"/],
		['a control without an id', () => {
			const doc = JSON.parse(catalogText());
			delete doc.catalog.groups[3].controls[7].id;
			return JSON.stringify(doc);
		}, 'application/json', /catalog\.groups\[3\]\.controls\[7\]: a control has no id/],
		['an enhancement without a title', () => {
			const doc = JSON.parse(catalogText());
			delete doc.catalog.groups[0].controls[1].controls[0].title;
			return JSON.stringify(doc);
		}, 'application/json', /catalog\.groups\[0\]\.controls\[1\]\.controls\[0\]: control ac-2\.1 has no title/],
		['an XML control without a title', () => '<?xml version="1.0"?>\n<catalog xmlns="http://csrc.nist.gov/ns/oscal/1.0" uuid="u">\n'
			+ '<metadata><title>Small</title></metadata>\n<group id="g"><title>G</title>\n<control id="g-1"/>\n</group></catalog>',
		'text/xml', /line 5: control g-1 has no title/],
		['an XML document with a DTD', () => '<?xml version="1.0"?>\n<!DOCTYPE catalog [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
			+ '<catalog><metadata><title>&e;</title></metadata></catalog>', 'application/xml', /DTD/],
		['neither JSON nor XML', () => 'catalog: yes\n', 'application/octet-stream', /neither JSON nor XML/],
	];
	for (const [what, body, type, message] of refusals) {
		it(what, async () => {
			const before = snapshot(xml);
			const res = await upload(xml, body(), { name: 'bad.json', type });
			const p = assertProblem(res, 422, what);
			assert.match(p.detail, message);
			assert.match(assertFieldError(p, 'file').message, message);
			assert.equal(snapshot(xml), before);
		});
	}

	it('a profile whose catalog is not installed: 422 naming the hrefs tried', async () => {
		const srv = await startServer();
		try {
			const before = snapshot(srv);
			const res = await upload(srv, fs.readFileSync(file('json', 'LOW-baseline_profile')), { name: 'low.json' });
			const p = assertProblem(res, 422);
			assert.match(p.detail, /low\.json, profile\.imports\[0\]: the profile's catalog cannot be found \(tried NIST_SP-800-53_rev5_catalog\.xml, NIST_SP-800-53_rev5_catalog\.json, NIST_SP-800-53_rev5_catalog\.yaml among the installed frameworks\); import the catalog first\.$/);
			assert.equal(snapshot(srv), before);
			// the CLI too, with the profile copied away from its catalog
			const lone = `${srv.dir}/low.json`;
			fs.copyFileSync(file('json', 'LOW-baseline_profile'), lone);
			const r = cli(srv, ['import', 'oscal', lone, '--db', srv.db]);
			assert.equal(r.status, 1);
			assert.match(r.stderr, /^isms: low\.json, profile\.imports\[0\]: the profile's catalog cannot be found/);
			assert.equal(snapshot(srv), before);
		} finally {
			await srv.stop();
		}
	});

	it('several files are one transaction: a bad second file leaves the first unimported', async () => {
		const before = snapshot(xml);
		const bad = `${xml.dir}/bad.json`;
		fs.writeFileSync(bad, '{"catalog": {"metadata": {"title": "Broken"}, "groups": [{"id": "x", "title": "X", "controls": [{"title": "No id"}]}]}}');
		const r = cli(xml, ['import', 'oscal', `${EXAMPLES}catalog/json/basic-catalog.json`, bad, '--db', xml.db]);
		assert.equal(r.status, 1);
		assert.match(r.stderr, /bad\.json, catalog\.groups\[0\]\.controls\[0\]: a control has no id/);
		assert.equal(snapshot(xml), before);
	});

	it('the request itself: unknown format, parameter, content type, empty body, role', async () => {
		const auditorTok = createToken(json, 'auditor@example.org');
		const before = snapshot(json);
		let p = assertProblem(await upload(json, '{}', { format: 'csv' }), 422);
		assert.match(assertFieldError(p, 'format', 'unknown').message, /oscal/);
		p = assertProblem(await api(json, 'POST', '/api/v1/frameworks/import?format=oscal&dir=/etc', { raw: '{}' }), 422);
		assertFieldError(p, 'dir', 'unknown');
		p = assertProblem(await upload(json, '{}', { name: '../catalog.json' }), 422);
		assertFieldError(p, 'name', 'invalid');
		assertProblem(await upload(json, 'x', { type: 'text/plain' }), 415);
		assertFieldError(assertProblem(await upload(json, ''), 422), 'file', 'required');
		assertProblem(await upload(json, '{}', { token: auditorTok }), 403);
		assert.equal(snapshot(json), before);
		const r = cli(json, ['import', 'csv', 'x.csv', '--db', json.db]);
		assert.equal(r.status, 2);
		assert.match(r.stderr, /unknown format 'csv'; FORMAT must be one of: oscal, ciso-assistant/);
	});
});

describe('the same endpoint for every format of fw_formats[]', () => {
	it('takes a CISO Assistant library as YAML', async () => {
		const lib = fileURLToPath(new URL('../../../shared/testdata/ciso-assistant-libraries/frameworks/gdpr.yaml', import.meta.url));
		const res = await upload(xml, fs.readFileSync(lib), { format: 'ciso-assistant', name: 'gdpr.yaml', type: 'application/yaml' });
		assert.equal(res.status, 201, res.text);
		assert.equal(res.json.format, 'ciso-assistant');
		assert.equal(res.json.imported.frameworks, 1);
		assert.equal(dbQuery(xml.db, `SELECT origin || '|' || source FROM framework WHERE id = ${res.json.frameworks[0].id}`),
			'ciso-assistant|gdpr.yaml');
	});
});

describe('the page', () => {
	const page = (srv, body, headers = {}) => fetch(`${srv.base}/frameworks/import`,
		{ method: 'POST', body, headers: { Authorization: `Bearer ${srv.token}`, ...headers } });

	it('shows the form with the formats', async () => {
		const res = await api(json, 'GET', '/frameworks/import');
		assert.equal(res.status, 200);
		assert.match(res.text, /enctype="multipart\/form-data"/);
		assert.match(res.text, /<option value="oscal" selected>OSCAL catalog or profile \(JSON or XML\)<\/option>/);
		assert.match(res.text, /<option value="ciso-assistant">CISO Assistant library \(YAML\)<\/option>/);
	});

	it('imports an uploaded file and lists what it wrote', async () => {
		const fd = new FormData();
		fd.set('format', 'oscal');
		fd.set('file', new Blob([fs.readFileSync(`${EXAMPLES}catalog/json/basic-catalog.json`)]), 'basic-catalog.json');
		const res = await page(xml, fd);
		const html = await res.text();
		assert.equal(res.status, 201, html.slice(0, 500));
		assert.match(html, /Imported 1 framework with \d+ requirements and 0 mappings from basic-catalog\.json/);
		const id = dbQuery(xml.db, "SELECT id FROM framework WHERE source = 'basic-catalog.json'");
		assert.match(html, new RegExp(`<a href="/frameworks/${id}">`));
	});

	it('shows a bad file\'s error next to the field and writes nothing', async () => {
		const before = snapshot(xml);
		const fd = new FormData();
		fd.set('format', 'oscal');
		fd.set('file', new Blob(['{"catalog": {"metadata": {"title": "T"}, "controls": [{"id": "c-1"}]}}']), 'small.json');
		const res = await page(xml, fd);
		const html = await res.text();
		assert.equal(res.status, 422);
		assert.match(html, /<p class="field-error" id="f-file-error">catalog\.controls\[0\]: control c-1 has no title\.<\/p>/);
		const none = new FormData();
		none.set('format', 'oscal');
		const res2 = await page(xml, none);
		assert.equal(res2.status, 422);
		assert.match(await res2.text(), /id="f-file-error">Choose a file that is not empty/);
		assert.equal(snapshot(xml), before);
	});

	it('refuses broken multipart bodies with 400', async () => {
		const before = snapshot(xml);
		const cases = [
			['no boundary', 'multipart/form-data', '--x\r\n\r\n'],
			['no closing boundary', 'multipart/form-data; boundary=XyZ',
				'--XyZ\r\nContent-Disposition: form-data; name="format"\r\n\r\noscal\r\n--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.json"\r\n\r\n{"catalog"'],
			['headers without an end', 'multipart/form-data; boundary=XyZ', '--XyZ\r\nContent-Disposition: form-data; name="format"'],
			['a part without a name', 'multipart/form-data; boundary=XyZ', '--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--\r\n'],
		];
		for (const [what, type, body] of cases) {
			const res = await page(xml, body, { 'Content-Type': type });
			assert.equal(res.status, 400, what);
			assert.match(await res.text(), /The form upload is malformed/, what);
		}
		assert.equal(snapshot(xml), before);
	});
});
