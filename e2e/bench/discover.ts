// Finds suites at run time: every module in the suites folder is imported on its own, so one broken file
// is reported with its reason instead of stopping the run.
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { BENCH_SIZES, type BenchSuite } from './suite.ts';

/** A suite module that loaded, or one that could not be loaded and why. */
export type DiscoveredSuite =
  | { readonly kind: 'loaded'; readonly file: string; readonly suite: BenchSuite }
  | { readonly kind: 'broken'; readonly file: string; readonly name: string; readonly reason: string }
  /** A module that exports no suite (a helper, or a suite missing a field): reported, not run. */
  | { readonly kind: 'empty'; readonly file: string; readonly name: string; readonly reason: string };

const suiteShape = z.object({
  name: z.string().min(1),
  description: z.string(),
  needs: z.array(z.string()).readonly().optional(),
  largestSize: z.object({ size: z.enum(BENCH_SIZES), why: z.string().min(1) }).optional(),
  run: z.function(),
});

/** True for files that are suite modules rather than tests or declarations. */
function isSuiteFile(file: string): boolean {
  return /\.(ts|mts|js|mjs)$/.test(file) && !/\.(test|int\.test|d)\.[mc]?[jt]s$/.test(file);
}

/** The suite name a file stands for before it is loaded: its base name. */
export function fileStem(file: string): string {
  return path.basename(file).replace(/\.[mc]?[jt]s$/, '');
}

/** Picks the suites a module exports: a default suite (or array of suites), else named exports shaped like one. */
export function suitesOf(mod: Record<string, unknown>): BenchSuite[] {
  const fromDefault = mod.default === undefined ? [] : Array.isArray(mod.default) ? mod.default : [mod.default];
  const candidates = fromDefault.length > 0 ? fromDefault : Object.values(mod);
  const suites: BenchSuite[] = [];
  for (const c of candidates) if (suiteShape.safeParse(c).success) suites.push(c as BenchSuite);
  return suites;
}

/** How long importing one suite module may take; a module stuck at load must not stall the run. */
const importLimitMs = 60_000;

/** Imports a module, rejecting if it takes longer than `importLimitMs`. */
async function importWithin(file: string): Promise<Record<string, unknown>> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`import did not finish within ${importLimitMs / 1000} s`)), importLimitMs);
  });
  try {
    return (await Promise.race([import(pathToFileURL(file).href), limit])) as Record<string, unknown>;
  } finally {
    clearTimeout(timer);
  }
}

/** Imports one suite file; any failure becomes a `broken` entry carrying the message. */
async function load(file: string): Promise<DiscoveredSuite[]> {
  try {
    const mod = await importWithin(file);
    const suites = suitesOf(mod);
    if (suites.length === 0) {
      return [{ kind: 'empty', file, name: fileStem(file), reason: 'exports no BenchSuite (needs name, description and run)' }];
    }
    return suites.map((suite) => ({ kind: 'loaded', file, suite }));
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return [{ kind: 'broken', file, name: fileStem(file), reason: `could not load: ${reason}` }];
  }
}

/** The name a discovered entry answers to in `--only` and reports. */
export function discoveredName(d: DiscoveredSuite): string {
  return d.kind === 'loaded' ? d.suite.name : d.name;
}

/**
 * Lists and imports the suites in `dir`. With `only`, files whose stem matches are imported first and the
 * rest only if a wanted name is still unmatched (a suite's name may differ from its file name).
 */
export async function discoverSuites(dir: string, only: readonly string[]): Promise<DiscoveredSuite[]> {
  let entries: string[];
  try {
    entries = (await fs.readdir(dir)).filter(isSuiteFile).sort();
  } catch (err) {
    throw new Error(`suites folder ${dir}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const files = entries.map((e) => path.join(dir, e));
  if (only.length === 0) return (await Promise.all(files.map(load))).flat();

  const wanted = new Set(only);
  const first = files.filter((f) => wanted.has(fileStem(f)));
  const found = (await Promise.all(first.map(load))).flat();
  const unmatched = () => [...wanted].filter((w) => !found.some((d) => discoveredName(d) === w));
  if (unmatched().length > 0) {
    const rest = files.filter((f) => !first.includes(f));
    found.push(...(await Promise.all(rest.map(load))).flat());
  }
  return found.filter((d) => wanted.has(discoveredName(d)));
}
