// Reading the vitest and Playwright JSON reports into the counts and names of `npm test`'s closing summary.
// A flaky test is one that failed and then passed on Playwright's retry: it is not counted as passed, and it is
// named, because a test that passes only sometimes is a defect to fix.
import path from 'node:path';

/** "0 flaky", or "2 flaky: a, b". */
export function flakyText(names) {
  return names.length === 0 ? '0 flaky' : `${names.length} flaky: ${names.join(', ')}`;
}

/** The closing line: "N passed, N failed, N skipped, N flaky: name, …". */
export function summaryLine(totals, flaky) {
  return `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped, ${flakyText(flaky)}`;
}

/** Counts of a vitest JSON report; vitest does not retry, so nothing is flaky. */
export function vitestCounts(report, root) {
  const files = report.testResults ?? [];
  return {
    passed: report.numPassedTests ?? 0,
    // A file that failed to load has no tests of its own but must still count as a failure.
    failed: (report.numFailedTests ?? 0) + files.filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
    flaky: [],
    skippedNames: files.flatMap((f) =>
      (f.assertionResults ?? []).filter((a) => ['skipped', 'pending', 'todo'].includes(a.status)).map((a) => `${path.relative(root, f.name)} › ${a.fullName}`),
    ),
  };
}

/** Every test of a Playwright JSON report, named "file › describe › title", with its outcome and skip reason. */
export function playwrightTests(report) {
  const out = [];
  const walk = (suite, titles) => {
    const here = suite.title && suite.title !== suite.file ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        const annotations = [...(t.annotations ?? []), ...(t.results ?? []).flatMap((r) => r.annotations ?? [])];
        const reason = annotations.find((a) => a.type === 'skip')?.description;
        out.push({ name: [spec.file, ...here, spec.title].join(' › '), status: t.status, reason });
      }
    }
    for (const child of suite.suites ?? []) walk(child, here);
  };
  for (const suite of report.suites ?? []) walk(suite, []);
  return out;
}

/** Counts of a Playwright JSON report: a pass on the retry is flaky, not passed. */
export function playwrightCounts(report) {
  const tests = playwrightTests(report);
  return {
    passed: report.stats?.expected ?? 0,
    failed: report.stats?.unexpected ?? 0,
    skipped: report.stats?.skipped ?? 0,
    flaky: tests.filter((t) => t.status === 'flaky').map((t) => t.name),
    skippedNames: tests.filter((t) => t.status === 'skipped').map((t) => (t.reason ? `${t.name} (${t.reason})` : t.name)),
  };
}
