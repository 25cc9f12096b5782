// `npm test`: typecheck, lint, the test-quality check, unit and integration tests (vitest), end-to-end tests
// (Playwright), then one closing line totalling every suite: "N passed, N failed, N skipped, N flaky: name, …"
// (test-summary.mjs), with each skipped test named above it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { flakyText, playwrightCounts, summaryLine, vitestCounts } from './test-summary.mjs';

const root = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const flaky = [];
const skipped = [];
const lines = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: r.status === 0, seconds };
}

function check(label, cmd, args) {
  const { ok, seconds } = run(label, cmd, args);
  if (ok) totals.passed++;
  else totals.failed++;
  lines.push(`${label}: ${ok ? 'passed' : 'FAILED'} (${seconds} s)`);
}

function suite(label, cmd, args, reportFile, count, env = {}) {
  fs.rmSync(reportFile, { force: true });
  const { ok, seconds } = run(label, cmd, args, env);
  let c = { passed: 0, failed: 0, skipped: 0, flaky: [], skippedNames: [] };
  try {
    c = count(JSON.parse(fs.readFileSync(reportFile, 'utf8')));
  } catch (err) {
    c.failed = 1;
    console.error(`${label}: no readable report (${err.message})`);
  }
  if (!ok && c.failed === 0) c.failed = 1; // the runner failed outside any test (setup, collection)
  totals.passed += c.passed;
  totals.failed += c.failed;
  totals.skipped += c.skipped;
  flaky.push(...c.flaky);
  skipped.push(...c.skippedNames);
  lines.push(`${label}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped, ${flakyText(c.flaky)} (${seconds} s)`);
}

/** Why PostgreSQL's server binaries are not here (Debian's postgresql package puts them under /usr/lib/postgresql/N/bin), or null. */
function postgresMissing() {
  const base = '/usr/lib/postgresql';
  const found = fs.existsSync(base) && fs.readdirSync(base).some((v) => fs.existsSync(path.join(base, v, 'bin', 'postgres')));
  return found ? null : `PostgreSQL server binaries not found under ${base} (install Debian's postgresql package)`;
}

check('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
check('lint', bin('eslint'), ['.', '--max-warnings=1000']);
check('test quality (no .only, no test without an assertion, no skip without a printed reason)', process.execPath, ['--import', 'tsx', 'e2e/tools/test-quality.ts']);

const vitestReport = path.join(results, 'vitest.json');
suite('unit and integration (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`], vitestReport, (j) => vitestCounts(j, root));

// The engine's tests again with the store in PostgreSQL (a server from Debian's package started by the vitest setup).
const pgReport = path.join(results, 'vitest-postgres.json');
const pgMissing = postgresMissing();
if (pgMissing) {
  console.log(`\n=== engine on PostgreSQL: skipped (${pgMissing}) ===`);
  lines.push(`engine on PostgreSQL: skipped (${pgMissing})`);
  totals.skipped++;
  skipped.push(`engine tests on PostgreSQL: ${pgMissing}`);
} else {
  suite('engine and convergence on PostgreSQL (vitest, IDSYNC_TEST_STORE=postgres)', bin('vitest'), ['run', 'engine', 'e2e/convergence', '--reporter=default', '--reporter=json', `--outputFile.json=${pgReport}`], pgReport, (j) => vitestCounts(j, root), { IDSYNC_TEST_STORE: 'postgres' });
}

const e2eReport = path.join(results, 'e2e-results.json');
suite('end to end (Playwright, Chromium)', bin('playwright'), ['test', '-c', 'e2e/playwright.config.ts'], e2eReport, playwrightCounts);

console.log('\n=== summary ===');
for (const l of lines) console.log(l);
for (const name of skipped) console.log(`skipped: ${name}`);
console.log(summaryLine(totals, flaky));
process.exit(totals.failed === 0 ? 0 : 1);
