// The benchmark harness: discovers suites, runs each in turn, and writes JSON, Markdown and an SVG chart, then the
// scaling report across every run in the output directory.
// Run with `npx tsx e2e/bench/main.ts --help`; `idsync bench` starts this same file.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { discoverSuites, discoveredName } from './discover.ts';
import { describeMachine } from './machine.ts';
import { parseOptions, repoRoot, usage, type HarnessOptions } from './options.ts';
import { createReporter } from './progress.ts';
import { benchRunSchema, type BenchRun, type SuiteResult } from './result.ts';
import { runSuite } from './run-suite.ts';
import { messageOf } from './figures.ts';
import { sizeToCount } from './suite.ts';
import { formatSeconds, formatValue } from './format-number.ts';
import { writeDocs, writeRunFolder } from './write-results.ts';
import { glance } from './report-markdown.ts';
import { writeScaling } from './write-scaling.ts';
import { scalingGlance } from './scaling-report.ts';
import { scalingJson } from './scaling-table.ts';

/** One status line per finished suite, on stderr. */
function announce(r: SuiteResult): void {
  const mark = r.status === 'ok' ? 'ok  ' : r.status === 'skipped' ? 'skip' : 'FAIL';
  const detail = r.status === 'ok' ? `${formatSeconds(r.durationMs)}, ${r.figures.length} figures` : (r.reason ?? '');
  process.stderr.write(`[${mark}] ${r.name}: ${detail}\n`);
}

/** The result of a suite that did not run. */
function notRun(name: string, file: string, status: 'skipped' | 'failed', reason: string): SuiteResult {
  return { name, description: '', file, status, reason, durationMs: 0, peakRssBytes: 0, maxRssBytes: 0, figures: [] };
}

/** Runs every selected suite and returns the complete, validated run. */
async function runAll(opts: HarnessOptions): Promise<BenchRun> {
  const started = performance.now();
  const date = new Date().toISOString();
  const count = sizeToCount[opts.size];
  const discovered = await discoverSuites(opts.suitesDir, opts.only);
  const reporter = createReporter();
  const suites: SuiteResult[] = [];

  for (const wanted of opts.only) {
    if (!discovered.some((d) => discoveredName(d) === wanted)) {
      const r = notRun(wanted, '', 'skipped', `no suite named "${wanted}" in ${shortPath(opts.suitesDir)}`);
      announce(r);
      suites.push(r);
    }
  }
  for (const d of discovered) {
    const r: SuiteResult =
      d.kind === 'loaded'
        ? await runSuite(d.suite, d.file, opts.size, count, reporter, opts.suiteTimeoutMs, opts.only.includes(d.suite.name))
        : notRun(d.name, path.basename(d.file), d.kind === 'broken' ? 'failed' : 'skipped', d.reason);
    announce(r);
    suites.push(r);
  }
  return benchRunSchema.parse({
    harness: 'idsync-bench',
    version: 1,
    date,
    size: opts.size,
    count,
    machine: describeMachine(repoRoot),
    durationMs: performance.now() - started,
    suites,
  });
}

/** A path relative to the working directory when it lies below it, else absolute. */
function shortPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}

/** A short plain-text summary of the figures for the terminal. */
function summary(run: BenchRun): string {
  const lines = run.suites.flatMap((s) =>
    s.figures.map((f) => {
      const goal = f.goal ? `  goal ${f.goal}: ${f.goalMet === undefined ? '?' : f.goalMet ? 'met' : 'MISSED'}` : '';
      return `${s.name} · ${f.name}: ${formatValue(f.value)} ${f.unit}${goal}`;
    }),
  );
  return [...(lines.length > 0 ? lines : ['no figures measured']), glance(run)].join('\n');
}

/** Entry point: parses options, runs, writes, and sets the exit code (1 when a suite failed). */
async function main(): Promise<void> {
  let opts: HarnessOptions | 'help';
  try {
    opts = parseOptions(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`bench: ${messageOf(err)}\n${usage}\n`);
    process.exitCode = 2;
    return;
  }
  if (opts === 'help') {
    process.stdout.write(`${usage}\n`);
    return;
  }
  // Stdout carries only the result; whatever suites print goes to stderr.
  console.log = console.error;
  console.info = console.error;

  const docsDir = opts.updateDocs ? opts.docsDir : undefined;
  if (opts.scalingOnly) {
    const scaling = await writeScaling(opts.outDir, docsDir);
    process.stderr.write(`wrote ${scaling.files.map(shortPath).join(', ')}\n`);
    process.stdout.write(opts.json ? `${JSON.stringify(scalingJson(scaling.tables))}\n` : `${scalingGlance(scaling.tables)}\n`);
    return;
  }
  const run = await runAll(opts);
  const files = await writeRunFolder(run, opts.outDir);
  const written = [files.json, files.markdown, files.svg];
  if (docsDir !== undefined) {
    const docs = await writeDocs(run, docsDir);
    written.push(docs.json, docs.markdown, docs.svg);
  }
  // The scaling report spans every run in the output directory, this one included.
  const scaling = await writeScaling(opts.outDir, docsDir);
  written.push(...scaling.files);
  process.stderr.write(`wrote ${written.map(shortPath).join(', ')}\n`);
  if (opts.json) process.stdout.write(`${JSON.stringify(run)}\n`);
  else process.stdout.write(`${summary(run)}\n${scalingGlance(scaling.tables)}\n`);
  if (run.suites.some((s) => s.status === 'failed')) process.exitCode = 1;
}

try {
  await main();
} catch (err) {
  process.stderr.write(`bench: ${messageOf(err)}\n`);
  process.exitCode = 2;
}
// A suite may leave a server or timer behind; the run is over once its results are out.
process.stdout.write('', () => process.exit());
