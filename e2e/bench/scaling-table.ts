// Gathers, per suite, the figures that show how cost grows with the data size — time per object, peak RSS and
// bytes per source object — from the newest successful run of the suite at each size.
import type { StoredRun } from './read-results.ts';
import type { SuiteResult } from './result.ts';
import { sizeToCount, type BenchSize } from './suite.ts';

/** What a scaling figure measures; it decides how the figure is shown and which goal applies. */
export type ScalingKind = 'time' | 'rss' | 'bytes';

/** One figure across sizes. */
export interface ScalingRow {
  readonly figure: string;
  readonly kind: ScalingKind;
  readonly values: Partial<Record<BenchSize, number>>;
}

/** One suite's scaling figures, and the run each size's values came from. */
export interface SuiteScaling {
  readonly suite: string;
  /** Sizes with a run, smallest first. */
  readonly sizes: readonly BenchSize[];
  readonly sources: Partial<Record<BenchSize, StoredRun>>;
  readonly rows: readonly ScalingRow[];
}

/** The value at the largest size over the value at the smallest size compared. */
export interface SizeRatio {
  readonly from: BenchSize;
  readonly to: BenchSize;
  readonly ratio: number;
}

/** Sizes from smallest to largest. */
export const sizeOrder = Object.keys(sizeToCount) as BenchSize[];

/** Goal: time per object at the largest size is at most this many times that at the smallest. */
export const flatTimeLimit = 1.5;

/** Goal: peak resident set size below 500 MB at every size. */
export const rssLimitBytes = 500_000_000;

/** Name of the row holding the suite's own peak RSS (all steps together). */
export const wholeSuiteRss = 'whole suite: peak RSS';

/** The kind of a figure that belongs in the scaling report, or undefined for any other figure. */
export function scalingKind(name: string, unit: string): ScalingKind | undefined {
  if (unit === 'µs' && name.endsWith('time per object')) return 'time';
  if (unit === 'bytes' && name.endsWith('peak RSS')) return 'rss';
  if (unit === 'bytes' && name.includes('per source object')) return 'bytes';
  return undefined;
}

/** The scaling figures of one suite's result, its own peak RSS last. */
function figuresOf(s: SuiteResult): { figure: string; kind: ScalingKind; value: number }[] {
  const own = s.figures.flatMap((f) => {
    const kind = scalingKind(f.name, f.unit);
    return kind ? [{ figure: f.name, kind, value: f.value }] : [];
  });
  return own.length === 0 ? [] : [...own, { figure: wholeSuiteRss, kind: 'rss', value: s.peakRssBytes }];
}

/** True when `a` was run after `b` (the folder name breaks a tie). */
function isNewer(a: StoredRun, b: StoredRun): boolean {
  const d = Date.parse(a.run.date) - Date.parse(b.run.date);
  return d !== 0 ? d > 0 : a.folder > b.folder;
}

/** Per suite and size, the newest run in which the suite succeeded with scaling figures. */
function newestSources(runs: readonly StoredRun[]): Map<string, Map<BenchSize, StoredRun>> {
  const bySuite = new Map<string, Map<BenchSize, StoredRun>>();
  for (const r of runs) {
    for (const s of r.run.suites) {
      if (s.status !== 'ok' || figuresOf(s).length === 0) continue;
      const bySize = bySuite.get(s.name) ?? new Map<BenchSize, StoredRun>();
      bySuite.set(s.name, bySize);
      const held = bySize.get(r.run.size);
      if (!held || isNewer(r, held)) bySize.set(r.run.size, r);
    }
  }
  return bySuite;
}

/** Builds one table per suite (by name) from every run found; figures keep the order the suite reports them in. */
export function buildScaling(runs: readonly StoredRun[]): SuiteScaling[] {
  const tables: SuiteScaling[] = [];
  for (const [suite, bySize] of [...newestSources(runs)].sort(([a], [b]) => a.localeCompare(b))) {
    const sizes = sizeOrder.filter((size) => bySize.has(size));
    const rows = new Map<string, { figure: string; kind: ScalingKind; values: Partial<Record<BenchSize, number>> }>();
    for (const size of sizes) {
      const result = bySize.get(size)?.run.suites.find((s) => s.name === suite && s.status === 'ok');
      for (const f of result ? figuresOf(result) : []) {
        const row = rows.get(f.figure) ?? { figure: f.figure, kind: f.kind, values: {} };
        row.values[size] = f.value;
        rows.set(f.figure, row);
      }
    }
    // A figure only a later size reports joins at the end; the suite's own peak stays last.
    const ordered = [...rows.values()].sort((a, b) => Number(a.figure === wholeSuiteRss) - Number(b.figure === wholeSuiteRss));
    tables.push({ suite, sizes, sources: Object.fromEntries(bySize), rows: ordered });
  }
  return tables;
}

/** Largest over smallest size with a value, leaving out tiny (start-up dominates it); undefined below two sizes. */
export function sizeRatio(row: ScalingRow): SizeRatio | undefined {
  const present = sizeOrder.filter((size) => size !== 'tiny' && row.values[size] !== undefined);
  const from = present[0];
  const to = present.at(-1);
  if (from === undefined || to === undefined || from === to) return undefined;
  const lo = row.values[from] ?? 0;
  if (lo <= 0) return undefined;
  return { from, to, ratio: (row.values[to] ?? 0) / lo };
}

/** The tables as plain data for `--json`: each source reduced to its folder, date and machine. */
export function scalingJson(tables: readonly SuiteScaling[]): unknown {
  return tables.map((t) => ({
    ...t,
    sources: Object.fromEntries(Object.entries(t.sources).map(([size, s]) => [size, { folder: s.folder, date: s.run.date, machine: s.run.machine }])),
  }));
}
