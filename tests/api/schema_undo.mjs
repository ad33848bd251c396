// Makes a backup file "at an older schema" out of a current one, so that a
// restore applies the newer migrations to real rows (backup.test.mjs,
// catalogues.test.mjs). The older schema's tables and columns come from a
// database migrated that far only (`isms db migrate --to N`): whatever is not
// there is left out of the file. TO_TEXT names what a migration changed
// rather than added: reference columns that were text before it (the id
// becomes the referenced row's name). Only such a migration needs a line here.
import assert from 'node:assert/strict';

import { cli, dbQuery, emptyDb, isPg } from './harness.mjs';

export const TO_TEXT = {
	8: { risk: { threat: 'threat', vulnerability: 'vulnerability' } },
};

/** The tables of a database at schema `version`, each with its columns. */
export function schemaAt(srv, version) {
	const db = emptyDb(srv, `schema${version}_${Math.random().toString(36).slice(2, 8)}`);
	const m = cli(srv, ['db', 'migrate', '--to', String(version), '--db', db]);
	assert.equal(m.status, 0, `${m.stdout}${m.stderr}`);
	const list = (sql) => dbQuery(db, sql).split('\n').filter(Boolean);
	const tables = list(isPg(db)
		? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
		: "SELECT name FROM sqlite_master WHERE type = 'table'");
	return Object.fromEntries(tables.map((t) => [t, list(isPg(db)
		? `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '${t}'`
		: `SELECT name FROM pragma_table_info('${t}')`)]));
}

/** Parses a backup's lines into { head, sections: [{ header, rows }], end }. */
export function parseBackup(text) {
	const lines = text.split('\n').filter(Boolean);
	const head = JSON.parse(lines[0]);
	const sections = [];
	let end;
	for (let i = 1; i < lines.length;) {
		const header = JSON.parse(lines[i]);
		if (header.end) {
			end = header;
			break;
		}
		sections.push({ header, rows: lines.slice(i + 1, i + 1 + header.rows).map((l) => JSON.parse(l)) });
		i += 1 + header.rows;
	}
	return { head, sections, end };
}

/**
 * The backup text at schema `to` (srv runs the CLI that builds that schema).
 * rowEdit(table, row) may change a row (an object by column name, values as
 * the file holds them: text or null) after the undo and before it is written.
 * Returns { text, dropped } with the names of the tables left out.
 */
export function downgrade(srv, text, to, rowEdit = (table, row) => row) {
	const { head, sections, end } = parseBackup(text);
	const schema = schemaAt(srv, to);
	const toText = {};
	for (const m of head.migrations.filter((v) => v > to))
		for (const [t, refs] of Object.entries(TO_TEXT[m] ?? {})) Object.assign((toText[t] ??= {}), refs);
	const names = {}; // table -> id -> name, for the columns that become text
	for (const { header, rows } of sections) {
		const id = header.columns.indexOf('id');
		const name = header.columns.indexOf('name');
		names[header.table] = Object.fromEntries(rows.map((r) => [r[id], r[name]]));
	}
	const out = [JSON.stringify({ ...head, migrations: head.migrations.filter((m) => m <= to), schema_version: to })];
	const dropped = [];
	let tables = 0;
	let nrows = 0;
	for (const { header, rows } of sections) {
		if (!schema[header.table]) {
			dropped.push(header.table);
			continue;
		}
		const columns = header.columns.filter((c) => schema[header.table].includes(c));
		out.push(JSON.stringify({ ...header, columns }));
		for (const r of rows) {
			let row = Object.fromEntries(header.columns.map((c, k) => [c, r[k]]));
			for (const [col, target] of Object.entries(toText[header.table] ?? {})) {
				if (row[col] !== null) row[col] = names[target][row[col]];
			}
			row = rowEdit(header.table, row);
			out.push(JSON.stringify(columns.map((c) => row[c])));
		}
		tables++;
		nrows += rows.length;
	}
	out.push(JSON.stringify({ ...end, tables, rows: nrows }));
	return { text: `${out.join('\n')}\n`, dropped };
}
