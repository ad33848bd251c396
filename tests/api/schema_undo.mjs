// Makes a backup file "at an older schema" out of a current one, so that a
// restore applies the newer migrations to real rows (backup.test.mjs,
// catalogues.test.mjs). UNDO says, for each migration after 5, what it added:
// tables to leave out, columns to drop, and reference columns that were text
// before it (the id becomes the referenced row's name). A migration without
// an entry fails the tests that downgrade across it: add one with it.
import assert from 'node:assert/strict';

export const UNDO = {
	6: { tables: ['risk_method'], columns: { risk: ['method_version', 'inherent_level', 'residual_level'] } },
	8: {
		tables: ['threat', 'vulnerability', 'classification_level'],
		columns: { risk: ['share_party', 'share_mechanism', 'avoid_activity'] },
		toText: { risk: { threat: 'threat', vulnerability: 'vulnerability' } },
	},
};

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
 * The backup text at schema `to`. rowEdit(table, row) may change a row (an
 * object by column name, values as the file holds them: text or null) after
 * the undo and before it is written.
 */
export function downgrade(text, to, rowEdit = (table, row) => row) {
	const { head, sections, end } = parseBackup(text);
	const undone = head.migrations.filter((m) => m > to);
	const dropTables = new Set();
	const dropColumns = {};
	const toText = {};
	for (const m of undone) {
		assert.ok(UNDO[m], `no undo for migration ${m}: add one to tests/api/schema_undo.mjs`);
		for (const t of UNDO[m].tables ?? []) dropTables.add(t);
		for (const [t, cols] of Object.entries(UNDO[m].columns ?? {})) (dropColumns[t] ??= []).push(...cols);
		for (const [t, refs] of Object.entries(UNDO[m].toText ?? {})) Object.assign((toText[t] ??= {}), refs);
	}
	const names = {}; // table -> id -> name, for the columns that become text
	for (const { header, rows } of sections) {
		const id = header.columns.indexOf('id');
		const name = header.columns.indexOf('name');
		names[header.table] = Object.fromEntries(rows.map((r) => [r[id], r[name]]));
	}
	const out = [JSON.stringify({ ...head, migrations: head.migrations.filter((m) => m <= to), schema_version: to })];
	let tables = 0;
	let nrows = 0;
	for (const { header, rows } of sections) {
		if (dropTables.has(header.table)) continue;
		const gone = dropColumns[header.table] ?? [];
		const columns = header.columns.filter((c) => !gone.includes(c));
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
	return `${out.join('\n')}\n`;
}
