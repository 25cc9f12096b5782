// The closing summary of `npm test`: a real Playwright run with a test that passes only on its retry must be
// named as flaky, not counted as passed; skips are named with their reason.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
  flaky: string[];
  skippedNames: string[];
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const summary = (await import(pathToFileURL(path.join(root, 'e2e/tools/test-summary.mjs')).href)) as {
  summaryLine(totals: { passed: number; failed: number; skipped: number }, flaky: string[]): string;
  playwrightCounts(report: unknown): Counts;
  vitestCounts(report: unknown, root: string): Counts;
};

// Under the repository (in the ignored e2e/.tmp) so that the spec resolves @playwright/test from its node_modules.
const probe = path.join(root, 'e2e', '.tmp', `summary-probe-${process.pid}`);
afterAll(() => fs.rmSync(probe, { recursive: true, force: true }));

describe('npm test summary', () => {
  it('names every flaky test, and says 0 flaky when there is none', () => {
    expect(summary.summaryLine({ passed: 10, failed: 0, skipped: 2 }, [])).toBe('10 passed, 0 failed, 2 skipped, 0 flaky');
    expect(summary.summaryLine({ passed: 8, failed: 1, skipped: 0 }, ['a.spec.ts › x', 'b.spec.ts › y'])).toBe('8 passed, 1 failed, 0 skipped, 2 flaky: a.spec.ts › x, b.spec.ts › y');
  });

  it('reads a real Playwright report: a pass on the retry is flaky, a skip keeps its reason', () => {
    fs.mkdirSync(probe, { recursive: true });
    // Its own output folder: the default one is the repository's test-results/, which a run empties.
    fs.writeFileSync(path.join(probe, 'probe.config.mjs'), "export default { testDir: '.', outputDir: 'out', retries: 1, workers: 1, reporter: [['json', { outputFile: 'report.json' }]] };\n");
    fs.writeFileSync(
      path.join(probe, 'probe.spec.mjs'),
      [
        "import { test, expect } from '@playwright/test';",
        "test.describe('group', () => {",
        "  test('passes only on its retry', () => { expect(test.info().retry).toBe(1); });",
        "  test('passes', () => { expect(1).toBe(1); });",
        "  test('is skipped', () => { test.skip(true, 'needs a missing thing'); });",
        '});',
        '',
      ].join('\n'),
    );
    const run = spawnSync(process.execPath, [path.join(root, 'node_modules/@playwright/test/cli.js'), 'test', '-c', 'probe.config.mjs'], { cwd: probe, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const counts = summary.playwrightCounts(JSON.parse(fs.readFileSync(path.join(probe, 'report.json'), 'utf8')));
    expect(counts).toEqual({
      passed: 1,
      failed: 0,
      skipped: 1,
      flaky: ['probe.spec.mjs › group › passes only on its retry'],
      skippedNames: ['probe.spec.mjs › group › is skipped (needs a missing thing)'],
    });
  });

  it('counts a vitest file that failed to load as a failure and names skipped tests', () => {
    const report = {
      numPassedTests: 3, numFailedTests: 0, numPendingTests: 1, numTodoTests: 0,
      testResults: [
        { name: path.join(root, 'a.test.ts'), status: 'passed', assertionResults: [{ status: 'passed', fullName: 'a works' }, { status: 'skipped', fullName: 'a needs data' }] },
        { name: path.join(root, 'b.test.ts'), status: 'failed', assertionResults: [] },
      ],
    };
    expect(summary.vitestCounts(report, root)).toEqual({ passed: 3, failed: 1, skipped: 1, flaky: [], skippedNames: ['a.test.ts › a needs data'] });
  });
});
