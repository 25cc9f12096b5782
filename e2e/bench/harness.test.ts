// Smoke test of the whole harness as a process: the real store-floor suite at tiny size, and a folder of
// deliberately bad suites that must be reported while the run goes on. No timing is asserted.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { benchRunSchema, type BenchRun } from './result.ts';
import { xmlProblem } from './well-formed-xml.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-bench-test-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** Runs the harness (or `idsync bench`) and returns its exit code, parsed JSON and the one run folder written. */
function runHarness(entry: 'harness' | 'cli', args: readonly string[], outDir: string) {
  const command =
    entry === 'harness' ? ['--import', 'tsx', path.join(repoRoot, 'e2e/bench/main.ts')] : [path.join(repoRoot, 'bin/idsync'), 'bench'];
  const res = spawnSync(process.execPath, [...command, ...args, '--out', outDir, '--json'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
  });
  if (res.stdout.trim() === '') throw new Error(`harness printed no JSON (exit ${res.status}): ${res.stderr}`);
  const run: BenchRun = benchRunSchema.parse(JSON.parse(res.stdout));
  const folders = fs.readdirSync(outDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  expect(folders).toHaveLength(1);
  expect(fs.existsSync(path.join(outDir, 'scaling.md'))).toBe(true);
  return { status: res.status, stderr: res.stderr, run, folder: path.join(outDir, folders[0] as string) };
}

/** Checks the three files of a run folder and returns the Markdown and SVG text. */
function checkOutputs(folder: string, run: BenchRun): { md: string; svg: string } {
  const json = benchRunSchema.parse(JSON.parse(fs.readFileSync(path.join(folder, 'result.json'), 'utf8')));
  expect(json).toEqual(run);
  const md = fs.readFileSync(path.join(folder, 'report.md'), 'utf8');
  expect(md).toMatch(/^# IdSync benchmark — size tiny/);
  expect(md).toContain('| suite | figure | value | unit | floor | ratio | goal | met? |');
  const svg = fs.readFileSync(path.join(folder, 'throughput.svg'), 'utf8');
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  expect(xmlProblem(svg)).toBeUndefined();
  return { md, svg };
}

/** Writes a suite module into `dir`. */
function writeSuite(dir: string, file: string, body: string): void {
  fs.writeFileSync(path.join(dir, file), body);
}

describe('bench harness', () => {
  it('runs store-floor at tiny size and writes JSON, Markdown and SVG', () => {
    const out = path.join(scratch, 'floor');
    const { status, run, folder } = runHarness('harness', ['--size', 'tiny', '--only', 'store-floor'], out);
    expect(status).toBe(0);
    expect(run.size).toBe('tiny');
    expect(run.machine.cpuCount).toBeGreaterThan(0);
    expect(run.suites.map((s) => [s.name, s.status])).toEqual([['store-floor', 'ok']]);
    const floor = run.suites[0]!;
    expect(floor.peakRssBytes).toBeGreaterThan(0);
    const names = floor.figures.map((f) => f.name);
    expect(names).toContain('SQLite insert (WAL, 1,000 rows/tx)');
    expect(names).toContain('JSON.parse');
    for (const f of floor.figures) expect(f.value, f.name).toBeGreaterThan(0);
    const { md, svg } = checkOutputs(folder, run);
    expect(md).toContain('| store-floor | SQLite insert (WAL, 1,000 rows/tx) |');
    expect(svg).toContain('JSON.stringify');
  });

  it('reports failing, broken and unrunnable suites and still runs the rest', () => {
    const dir = path.join(scratch, 'suites');
    fs.mkdirSync(dir);
    writeSuite(dir, 'a-throws.ts', `export default { name: 'throws', description: 'fails on purpose', async run() { throw new Error('deliberate failure'); } };\n`);
    writeSuite(dir, 'b-broken.ts', `throw new Error('cannot even load');\n`);
    writeSuite(dir, 'c-bad-figure.ts', `export default { name: 'bad-figure', description: 'returns NaN', async run() { return [{ name: 'nothing', value: Number.NaN, unit: 'objects/s' }]; } };\n`);
    writeSuite(dir, 'd-needs.ts', `export default { name: 'needs', description: 'needs a missing program', needs: ['idsync-no-such-program'], async run() { return []; } };\n`);
    writeSuite(dir, 'd-hangs.ts', `export default { name: 'hangs', description: 'never settles', run: () => new Promise(() => { setInterval(() => {}, 1000); }) };\n`);
    writeSuite(dir, 'd-exits.ts', `export default { name: 'exits', description: 'ends its process', async run() { process.exit(3); } };\n`);
    writeSuite(dir, 'e-helper.ts', `export const answer = 42;\n`);
    writeSuite(
      dir,
      'f-good.ts',
      `export const good = { name: 'good', description: 'works', async run(ctx) {
        for (let i = 1; i <= 4; i++) ctx.progress('step', i, 4);
        ctx.log('done');
        return [{ name: 'sync', value: 6000, unit: 'objects/s', floor: { name: 'insert', value: 90000, unit: 'objects/s' }, ratio: 15, goal: '≥ 5,000 objects/s', goalMet: true }];
      } };\n`,
    );
    const out = path.join(scratch, 'bad');
    const { status, stderr, run, folder } = runHarness('harness', ['--size', 'tiny', '--suites-dir', dir, '--suite-timeout', '1'], out);
    expect(status).toBe(1);
    const byName = new Map(run.suites.map((s) => [s.name, s]));
    expect(byName.get('throws')).toMatchObject({ status: 'failed', reason: 'deliberate failure' });
    expect(byName.get('b-broken')).toMatchObject({ status: 'failed', reason: expect.stringContaining('cannot even load') });
    expect(byName.get('bad-figure')).toMatchObject({ status: 'failed', reason: expect.stringContaining('figure "nothing"') });
    expect(byName.get('needs')).toMatchObject({ status: 'skipped', reason: 'needs idsync-no-such-program on PATH' });
    expect(byName.get('hangs')).toMatchObject({ status: 'failed', reason: 'timed out after 1 s' });
    expect(byName.get('exits')).toMatchObject({ status: 'failed', reason: expect.stringContaining('exit code 3') });
    expect(byName.get('e-helper')).toMatchObject({ status: 'skipped', reason: expect.stringContaining('exports no BenchSuite') });
    expect(byName.get('good')).toMatchObject({ status: 'ok', figures: [expect.objectContaining({ name: 'sync', value: 6000 })] });
    expect(stderr).toContain('good: done');
    const { md, svg } = checkOutputs(folder, run);
    expect(md).toContain('| throws | failed |');
    expect(md).toContain('deliberate failure');
    expect(svg).toContain('floor 90,000 · insert');
  });

  it('skips a suite above its largest size unless --only names it', () => {
    const dir = path.join(scratch, 'sized');
    fs.mkdirSync(dir);
    const figure = `[{ name: 'ran at', value: ctx.count, unit: 'users' }]`;
    writeSuite(dir, 'a-small.ts', `export default { name: 'small', description: 'stops at tiny', largestSize: { size: 'tiny', why: 'a fixed campaign' }, async run(ctx) { return ${figure}; } };\n`);
    writeSuite(dir, 'b-any.ts', `export default { name: 'any', description: 'every size', async run(ctx) { return ${figure}; } };\n`);
    const whole = runHarness('harness', ['--size', '10k', '--suites-dir', dir], path.join(scratch, 'sized-whole'));
    expect(whole.status).toBe(0);
    const byName = new Map(whole.run.suites.map((s) => [s.name, s]));
    expect(byName.get('small')).toMatchObject({ status: 'skipped', reason: 'runs up to --size tiny (a fixed campaign); --only small runs it at 10k', figures: [] });
    expect(byName.get('any')).toMatchObject({ status: 'ok', figures: [expect.objectContaining({ value: 10_000 })] });
    const named = runHarness('harness', ['--size', '10k', '--suites-dir', dir, '--only', 'small'], path.join(scratch, 'sized-named'));
    expect(named.run.suites).toEqual([expect.objectContaining({ name: 'small', status: 'ok', figures: [expect.objectContaining({ value: 10_000 })] })]);
    const fits = runHarness('harness', ['--size', 'tiny', '--suites-dir', dir], path.join(scratch, 'sized-tiny'));
    expect(fits.run.suites.map((s) => [s.name, s.status])).toEqual([['small', 'ok'], ['any', 'ok']]);
  });

  it('idsync bench passes its options through and reports an unknown suite', () => {
    const out = path.join(scratch, 'cli');
    const { status, run } = runHarness('cli', ['--size', 'tiny', '--only', 'no-such-suite', '--suite-timeout', '5'], out);
    expect(status).toBe(0);
    expect(run.size).toBe('tiny');
    expect(run.suites).toEqual([expect.objectContaining({ name: 'no-such-suite', status: 'skipped', reason: expect.stringContaining('no suite named') })]);
  });
});
