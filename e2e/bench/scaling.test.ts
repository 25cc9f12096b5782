// The scaling report on hand-made result folders: newest run per size and suite, the ratio columns and their goals,
// the chart's lines, and `idsync bench --scaling-only` as a process. No suite runs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseOptions } from './options.ts';
import { benchRunSchema, type BenchRun } from './result.ts';
import { sizeRatio } from './scaling-table.ts';
import type { BenchSize } from './suite.ts';
import { xmlProblem } from './well-formed-xml.ts';
import { writeScaling } from './write-scaling.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-scaling-test-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const MiB = 2 ** 20;

/** Per-step values of a synthetic cycle run: wall and CPU µs per object, and peak RSS in MiB. */
type Steps = Record<string, [wall: number, cpu: number, rssMiB: number]>;

/** A valid run of the cycle suite (or of a suite in another state) at `size`. */
function cycleRun(size: BenchSize, date: string, steps: Steps, status: 'ok' | 'skipped' = 'ok'): BenchRun {
  const figures = Object.entries(steps).flatMap(([step, [wall, cpu, rss]]) => [
    { name: `${step}: objects/s`, value: Math.round(1e6 / wall), unit: 'objects/s' },
    { name: `${step}: time per object`, value: wall, unit: 'µs' },
    { name: `${step}: CPU time per object`, value: cpu, unit: 'µs' },
    { name: `${step}: peak RSS`, value: rss * MiB, unit: 'bytes' },
  ]);
  figures.push({ name: 'database size per source object after the delta cycle', value: 2300, unit: 'bytes' });
  const peak = Math.max(0, ...Object.values(steps).map(([, , rss]) => rss)) * MiB;
  return benchRunSchema.parse({
    harness: 'idsync-bench',
    version: 1,
    date,
    size,
    count: 1,
    machine: { cpuModel: `CPU of ${size}`, cpuCount: 2, memoryBytes: 2 ** 34, os: 'TestOS', node: 'v20', gitCommit: `c-${size}`, gitDirty: false },
    durationMs: 1,
    suites: [{ name: 'cycle', description: '', file: 'cycle.ts', status, durationMs: 1, peakRssBytes: peak, maxRssBytes: peak, figures: status === 'ok' ? figures : [] }],
  });
}

/** Writes `run` as `<dir>/<folder>/result.json`. */
function store(dir: string, folder: string, run: unknown): void {
  fs.mkdirSync(path.join(dir, folder), { recursive: true });
  fs.writeFileSync(path.join(dir, folder, 'result.json'), JSON.stringify(run));
}

/** An output directory with three sizes, an older and a newer-but-skipped 10k run, and a broken file. */
function threeSizes(): string {
  const dir = fs.mkdtempSync(path.join(scratch, 'out-'));
  store(dir, 'a-old-10k', cycleRun('10k', '2026-01-01T00:00:00.000Z', { 'full import': [999, 900, 100], 'full synchronization': [999, 900, 100] }));
  store(dir, 'b-10k', cycleRun('10k', '2026-02-01T00:00:00.000Z', { 'full import': [200, 180, 300], 'full synchronization': [300, 250, 320] }));
  store(dir, 'c-10k-skipped', cycleRun('10k', '2026-03-01T00:00:00.000Z', {}, 'skipped'));
  store(dir, 'd-100k', cycleRun('100k', '2026-02-02T00:00:00.000Z', { 'full import': [250, 200, 400], 'full synchronization': [400, 300, 380] }));
  store(dir, 'e-1m', cycleRun('1m', '2026-02-03T00:00:00.000Z', { 'full import': [280, 230, 450], 'full synchronization': [600, 470, 620] }));
  fs.mkdirSync(path.join(dir, 'f-broken'));
  fs.writeFileSync(path.join(dir, 'f-broken', 'result.json'), '{"harness":');
  return dir;
}

describe('scaling report', () => {
  it('tabulates the newest successful run per size, with ratios judged against the goals', async () => {
    const dir = threeSizes();
    const { tables } = await writeScaling(dir);
    expect(tables.map((t) => [t.suite, t.sizes, t.sources['10k']?.folder])).toEqual([['cycle', ['10k', '100k', '1m'], 'b-10k']]);
    const md = fs.readFileSync(path.join(dir, 'scaling.md'), 'utf8');
    expect(md).toContain('| figure | 10k | 100k | 1m | largest / smallest size ratio |');
    expect(md).toContain('| full import: time per object | 200 µs | 250 µs | 280 µs | 1.40× (1m / 10k): within 1.5× |');
    expect(md).toContain('| full synchronization: time per object | 300 µs | 400 µs | 600 µs | 2.00× (1m / 10k): over 1.5× |');
    expect(md).toContain('| full import: CPU time per object | 180 µs | 200 µs | 230 µs | 1.28× (1m / 10k): within 1.5× |');
    expect(md).toContain('| full import: peak RSS | 300.0 MiB | 400.0 MiB | 450.0 MiB | 1.50× (1m / 10k); peak 450.0 MiB: under 500 MB |');
    // 620 MiB is over 500 MB, and so is the suite's own peak, which is the highest step.
    expect(md).toContain('| full synchronization: peak RSS | 320.0 MiB | 380.0 MiB | 620.0 MiB | 1.94× (1m / 10k); peak 620.0 MiB: over 500 MB |');
    expect(md).toContain('| whole suite: peak RSS | 320.0 MiB | 400.0 MiB | 620.0 MiB |');
    expect(md).toContain('| database size per source object after the delta cycle | 2,300 bytes | 2,300 bytes | 2,300 bytes | 1.00× (1m / 10k) |');
    expect(md).not.toContain('objects/s');
    expect(md).not.toContain('999');
    expect(md).toContain('**Time per object: 2 of 4 within 1.5×. Peak RSS: 1 of 3 under 500 MB.**');
    expect(md).toContain('| 10k | 2026-02-01T00:00:00.000Z | 2 × CPU of 10k, 16.0 GiB RAM, TestOS, node v20 | c-10k | b-10k |');
    expect(md).toContain('| 1m | 2026-02-03T00:00:00.000Z | 2 × CPU of 1m, 16.0 GiB RAM, TestOS, node v20 | c-1m | e-1m |');
    expect(md).toMatch(/- `f-broken\/result\.json`: .*JSON/);
    expect(md).toContain('![Time per object against data size](scaling.svg)');
    expect(md).toContain('measured on 3 different commits');
  });

  it('draws a solid line per step of wall time per object and a dashed one of CPU time, on labelled log axes, in well-formed SVG', async () => {
    const dir = threeSizes();
    await writeScaling(dir);
    const svg = fs.readFileSync(path.join(dir, 'scaling.svg'), 'utf8');
    expect(xmlProblem(svg)).toBeUndefined();
    const lines = svg.match(/<polyline [^>]*stroke-width="2" points="([^"]*)"/g) ?? [];
    const dashed = svg.match(/<polyline [^>]*stroke-dasharray="6 4" points="([^"]*)"/g) ?? [];
    expect(lines).toHaveLength(2);
    expect(dashed).toHaveLength(2);
    for (const line of [...lines, ...dashed]) expect(line.match(/-?[\d.]+,-?[\d.]+/g)).toHaveLength(3);
    expect(svg).toContain('>full import<tspan fill="#616161">  1.40× 10k→1m</tspan><tspan fill="#616161"> · CPU 1.28×</tspan></text>');
    expect(svg).toMatch(/>full synchronization<tspan fill="#c62828"> {2}2\.00× 10k→1m<\/tspan><tspan fill="#[0-9a-f]+"> · CPU [\d.]+×<\/tspan><\/text>/);
    expect(svg).toContain('<title>full import, CPU time at 1m: 230 µs</title>');
    expect(svg).toContain('solid: wall time; dashed: CPU time.');
    for (const label of ['10K', '100K', '1M']) expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain('µs per object (log scale)');
    expect(svg).toContain('<title>full synchronization at 1m: 600 µs</title>');
    // Slower per object means higher on the chart: the 1m point of the synchronization sits above its 10k point.
    const sync = (lines[1] ?? '').match(/-?[\d.]+,(-?[\d.]+)/g)?.map((p) => Number(p.split(',')[1]));
    expect(sync?.[2]).toBeLessThan(sync?.[0] ?? 0);
  });

  it('draws tiny only when fewer than two larger sizes were measured', async () => {
    const withTiny = threeSizes();
    store(withTiny, 'g-tiny', cycleRun('tiny', '2026-02-04T00:00:00.000Z', { 'full import': [5000, 4000, 150] }));
    await writeScaling(withTiny);
    const svg = fs.readFileSync(path.join(withTiny, 'scaling.svg'), 'utf8');
    expect(svg).toContain('10k, 100k, 1m (tiny left out)');
    expect(svg).not.toContain('at tiny:');
    expect(fs.readFileSync(path.join(withTiny, 'scaling.md'), 'utf8')).toContain('| full import: time per object | 5,000 µs | 200 µs | 250 µs | 280 µs | 1.40× (1m / 10k): within 1.5× |');

    const tinyOnly = fs.mkdtempSync(path.join(scratch, 'tiny-'));
    store(tinyOnly, 'a-tiny', cycleRun('tiny', '2026-02-04T00:00:00.000Z', { 'full import': [5000, 4000, 150] }));
    await writeScaling(tinyOnly);
    const smoke = fs.readFileSync(path.join(tinyOnly, 'scaling.svg'), 'utf8');
    expect(xmlProblem(smoke)).toBeUndefined();
    // One step: its wall time and its CPU time.
    expect(smoke.match(/<polyline /g)).toHaveLength(2);
    expect(smoke).toContain('<title>full import at tiny: 5,000 µs</title>');
    expect(smoke).toContain('<title>full import, CPU time at tiny: 4,000 µs</title>');
  });

  it('also copies the report into the docs folder when asked', async () => {
    const dir = threeSizes();
    const docs = path.join(scratch, 'docs-copy');
    const { files } = await writeScaling(dir, docs);
    expect(files.map((f) => path.relative(scratch, f))).toEqual([
      path.join(path.basename(dir), 'scaling.md'),
      path.join(path.basename(dir), 'scaling.svg'),
      path.join('docs-copy', 'scaling.md'),
      path.join('docs-copy', 'scaling.svg'),
    ]);
    expect(fs.readFileSync(path.join(docs, 'scaling.md'), 'utf8')).toBe(fs.readFileSync(path.join(dir, 'scaling.md'), 'utf8'));
  });

  it('leaves tiny out of the ratio, and needs two sizes for one', () => {
    expect(sizeRatio({ figure: 'x', kind: 'time', values: { tiny: 1000, '10k': 100, '300k': 120 } })).toEqual({ from: '10k', to: '300k', ratio: 1.2 });
    expect(sizeRatio({ figure: 'x', kind: 'time', values: { tiny: 1000, '10k': 100 } })).toBeUndefined();
  });

  it('names the directory when it holds no readable run', async () => {
    const dir = fs.mkdtempSync(path.join(scratch, 'empty-'));
    store(dir, 'x', { harness: 'other' });
    await expect(writeScaling(dir)).rejects.toThrow(new RegExp(`no readable <run>/result.json in ${dir}; left out: x/result.json \\(harness:`));
  });

  it('rejects run options with --scaling-only', () => {
    expect(() => parseOptions(['--scaling-only', '--only', 'cycle'])).toThrow('--scaling-only runs no suite, so --only does not apply');
    expect(() => parseOptions(['--scaling-only', '--size', '1m'])).toThrow(/--size does not apply/);
    expect(parseOptions(['--scaling-only', '--out', 'x'])).toMatchObject({ scalingOnly: true, outDir: path.resolve('x') });
  });

  it('idsync bench --scaling-only rebuilds the report from the runs in --out without running a suite', () => {
    const dir = threeSizes();
    const res = spawnSync(process.execPath, [path.join(repoRoot, 'bin/idsync'), 'bench', '--scaling-only', '--out', dir, '--json'], { cwd: repoRoot, encoding: 'utf8' });
    expect(res.status, res.stderr).toBe(0);
    const tables = JSON.parse(res.stdout) as { suite: string; sizes: string[]; sources: Record<string, { folder: string }> }[];
    expect(tables.map((t) => [t.suite, t.sizes, t.sources['1m']?.folder])).toEqual([['cycle', ['10k', '100k', '1m'], 'e-1m']]);
    expect(fs.readdirSync(dir).sort()).toEqual(['a-old-10k', 'b-10k', 'c-10k-skipped', 'd-100k', 'e-1m', 'f-broken', 'scaling.md', 'scaling.svg']);
  });
});
