// `npm test`: typecheck, lint, unit and integration tests (vitest), end-to-end tests (Playwright),
// then one closing line totalling every suite: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
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

function suite(label, cmd, args, reportFile, count) {
  fs.rmSync(reportFile, { force: true });
  const { ok, seconds } = run(label, cmd, args);
  let c = { passed: 0, failed: 0, skipped: 0 };
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
  lines.push(`${label}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped (${seconds} s)`);
}

check('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
check('lint', bin('eslint'), ['.', '--max-warnings=1000']);

const vitestReport = path.join(results, 'vitest.json');
suite('unit and integration (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`], vitestReport, (j) => ({
  passed: j.numPassedTests ?? 0,
  // A file that failed to load has no tests of its own but must still count as a failure.
  failed: (j.numFailedTests ?? 0) + (j.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length,
  skipped: (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0),
}));

const e2eReport = path.join(results, 'e2e-results.json');
suite('end to end (Playwright, Chromium)', bin('playwright'), ['test', '-c', 'e2e/playwright.config.ts'], e2eReport, (j) => ({
  // A test that passed on its retry counts as passed; the list reporter above names it as flaky.
  passed: (j.stats?.expected ?? 0) + (j.stats?.flaky ?? 0),
  failed: j.stats?.unexpected ?? 0,
  skipped: j.stats?.skipped ?? 0,
}));

console.log('\n=== summary ===');
for (const l of lines) console.log(l);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 ? 0 : 1);
