// report.mjs: turns the result lines of bench/run.sh into bench/RESULTS.md —
// the machine and commit, the load table with the nginx ceiling, the other
// figures, each target met or missed (and by how much), and the notes of
// bench/NOTES.md on why.
//   node bench/report.mjs RESULTS.jsonl OUT.md SIZE PG_SIZE SECONDS BINARY
import fs from 'node:fs';
import os from 'node:os';
import { execFileSync } from 'node:child_process';

const [input, out, size, pgSize, secs] = process.argv.slice(2);
const rows = fs.readFileSync(input, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const loads = rows.filter((r) => r.kind === 'load');
const figures = rows.filter((r) => r.kind === 'figure');

const git = (...a) => { try { return execFileSync('git', a, { encoding: 'utf8' }).trim(); } catch { return ''; } };
const commit = git('rev-parse', '--short', 'HEAD') || 'unknown';
const dirty = git('status', '--porcelain', '--untracked-files=no') ? ' (with uncommitted changes)' : '';
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const mem = (os.totalmem() / 2 ** 30).toFixed(1);

const ms = (us) => (us / 1000).toFixed(us < 10000 ? 2 : 1);
const num = (n) => Math.round(n).toLocaleString('en-GB');
const fig = (engine, name) => figures.find((f) => f.engine === engine && f.name === name)?.value ?? null;
const load = (engine, scenario, c, target = 'isms') =>
  loads.find((l) => l.engine === engine && l.scenario === scenario && l.c === c && l.target === target);
const ceiling = (scenario, c) => loads.find((l) => l.scenario === scenario && l.c === c && l.target === 'nginx');
const engines = [...new Set(loads.map((l) => l.engine))];
const sizeOf = (engine) => (engine === 'postgres' ? pgSize : size);

const labels = {
  list_risks_api: 'List risks API (25 rows, filtered, sorted)',
  one_risk_api: 'One risk API',
  risk_register_page: 'Risk register page (HTML)',
  dashboard_page: 'Dashboard page (HTML)',
  create_risk: 'Create risk (POST)',
  update_risk: 'Update risk (PATCH, If-Match)',
};

const L = [];
L.push('# Benchmark results', '');
L.push('Written by `make bench` (bench/run.sh); how to run it and what each figure means: bench/README.md.', '');
if (process.env.BENCH_BUSY === '1')
  L.push('**Measured on a busy machine**: other builds and test suites ran on the same cores during the run, ' +
    'so every figure here is noisy and on the low side. Rerun `make bench` on a quiet machine for figures ' +
    'to compare.', '');
L.push(`- Commit: \`${commit}\`${dirty}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
L.push(`- Machine: ${os.cpus().length} cores (${cpu}), ${mem} GiB memory, ${os.type()} ${os.release()}`);
L.push(`- Seeded size: ${engines.map((e) => `${sizeOf(e)} on ${e}`).join(', ')}; ${secs} s per scenario ` +
  'and concurrency; wrk, the server and nginx share the same cores, on 127.0.0.1');
L.push('');

for (const engine of engines) {
  L.push(`## Load: ${engine} (size ${sizeOf(engine)})`, '');
  L.push('| Scenario | c | req/s | p50 ms | p99 ms | max ms | errors | nginx req/s | isms/nginx |');
  L.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const scenario of Object.keys(labels)) {
    for (const c of [1, 64]) {
      const r = load(engine, scenario, c);
      if (!r) continue;
      const n = ceiling(scenario, c);
      L.push(`| ${labels[scenario]} | ${c} | ${num(r.rps)} | ${ms(r.p50_us)} | ${ms(r.p99_us)} | ${ms(r.max_us)} | ` +
        `${r.non2xx + r.socket_errors} | ${n ? num(n.rps) : '—'} | ${n ? (r.rps / n.rps).toFixed(r.rps / n.rps < 0.1 ? 4 : 2) : '—'} |`);
    }
  }
  L.push('');
}

const mib = (kib) => (kib / 1024).toFixed(1);
L.push('## Other figures', '');
L.push('| Figure | ' + engines.join(' | ') + ' |');
L.push('|---|' + engines.map(() => '---:').join('|') + '|');
const other = [
  ['Seed time, s', (e) => fig(e, 'seed_s')],
  ['Restore of the SQLite seed (isms restore), s', (e) => fig(e, 'restore_ms') && (fig(e, 'restore_ms') / 1000).toFixed(1)],
  ['Audit entries seeded', (e) => fig(e, 'audit_entries') && num(fig(e, 'audit_entries'))],
  ['`isms audit verify` over them, ms', (e) => fig(e, 'audit_verify_ms')],
  ['OSCAL import of the 800-53 catalogue, ms', (e) => fig(e, 'oscal_import_ms') ?? 'not available yet'],
  ['Cold start to first answer, ms', (e) => fig(e, 'start_ms')],
  ['RSS idle, MiB', (e) => fig(e, 'rss_idle_kib') && mib(fig(e, 'rss_idle_kib'))],
  ['RSS peak under load, MiB', (e) => fig(e, 'rss_peak_kib') && mib(fig(e, 'rss_peak_kib'))],
];
for (const [label, f] of other) L.push(`| ${label} | ${engines.map((e) => f(e) ?? '—').join(' | ')} |`);
L.push('', `Binary size: ${(fig('all', 'binary_bytes') / 2 ** 20).toFixed(2)} MiB (${num(fig('all', 'binary_bytes'))} bytes).`, '');

// Targets: [what, engine, measured text, met?, by how much]
const T = [];
const ratioTarget = (engine, scenario) => {
  const r = load(engine, scenario, 64), n = ceiling(scenario, 64);
  if (!r || !n) return;
  const ratio = r.rps / n.rps;
  T.push([`${labels[scenario]} ≥ 50 % of nginx at c=64`, engine, `${(100 * ratio).toFixed(ratio < 0.1 ? 2 : 0)} %`, ratio >= 0.5,
    `${(0.5 / ratio).toFixed(1)}× too slow`]);
  T.push([`${labels[scenario]} p99 < 10 ms at c=64`, engine, `${ms(r.p99_us)} ms`, r.p99_us < 10000,
    `${(r.p99_us / 10000).toFixed(1)}× too slow`]);
};
const upper = (what, engine, value, limit, unit) => value !== null && value !== undefined &&
  T.push([what, engine, `${value} ${unit}`, value < limit, `${(value / limit).toFixed(1)}× the target`]);
for (const engine of engines) {
  ratioTarget(engine, 'risk_register_page');
  ratioTarget(engine, 'list_risks_api');
}
const create = Math.max(...[1, 64].map((c) => load('sqlite', 'create_risk', c)?.rps ?? 0));
if (create) T.push(['Create risk ≥ 10,000/s on SQLite, durable', 'sqlite', `${num(create)}/s`, create >= 10000,
  `${(10000 / create).toFixed(1)}× too slow`]);
for (const engine of engines) upper('OSCAL import of 800-53 < 100 ms (whole command)', engine, fig(engine, 'oscal_import_ms'), 100, 'ms');
for (const engine of engines) {
  const n = fig(engine, 'audit_entries'), v = fig(engine, 'audit_verify_ms');
  if (n && v !== null) {
    const per1m = Math.round(v * 1e6 / n);
    T.push([`\`audit verify\` of 1 M entries < 2 s${n < 1e6 ? ` (scaled from ${num(n)})` : ''}`, engine,
      `${num(per1m)} ms`, per1m < 2000, `${(per1m / 2000).toFixed(1)}× the target`]);
  }
  upper('Start < 50 ms', engine, fig(engine, 'start_ms'), 50, 'ms');
  const idle = fig(engine, 'rss_idle_kib'), peak = fig(engine, 'rss_peak_kib');
  if (idle) upper('Idle RSS < 15 MiB', engine, +mib(idle), 15, 'MiB');
  if (peak) upper('RSS under load < 100 MiB', engine, +mib(peak), 100, 'MiB');
}
L.push('## Targets', '', 'What the code is built toward; not tests.', '');
L.push('| Target | Engine | Measured | Met | Missed by |', '|---|---|---:|---|---|');
for (const [what, engine, value, met, by] of T)
  L.push(`| ${what} | ${engine} | ${value} | ${met === null ? '—' : met ? 'yes' : '**no**'} | ${met === false ? by : ''} |`);
L.push('');

const notes = new URL('./NOTES.md', import.meta.url);
if (fs.existsSync(notes)) L.push(fs.readFileSync(notes, 'utf8').trim(), '');
fs.writeFileSync(out, L.join('\n'));
