// Command-line options of the harness, parsed with node's parseArgs and checked with zod.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { BenchSize } from './suite.ts';

/** Validated harness options. */
export interface HarnessOptions {
  readonly size: BenchSize;
  /** Suite names to run; empty means all. */
  readonly only: readonly string[];
  readonly outDir: string;
  readonly json: boolean;
  readonly updateDocs: boolean;
  readonly suitesDir: string;
  readonly docsDir: string;
  /** Per-suite time limit in milliseconds; 0 means none. */
  readonly suiteTimeoutMs: number;
}

/** Default per-suite limits in seconds: generous for each size, none for 1m (documented as hours). */
const defaultTimeouts: Record<BenchSize, number> = { tiny: 120, '10k': 600, '100k': 3600, '300k': 10800, '1m': 0 };

/** The repository root, found from this file's place in it. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const usage = `usage: tsx e2e/bench/main.ts [options]
  --size tiny|10k|100k|300k|1m  data size (default 10k; 1m takes hours)
  --only NAME              run only these suites (repeatable or comma list)
  --out DIR                where results go (default bench-results/)
  --json                   print the JSON result to stdout
  --update-docs            also write docs/bench/latest.{json,md} and throughput.svg
  --suites-dir DIR         where suites are discovered (default e2e/bench/suites)
  --suite-timeout SECONDS  give up on a suite after this long (default by size:
                           tiny 120, 10k 600, 100k 3600, 300k 10800, 1m none;
                           0 = none)
  --help                   show this text`;

const sizeSchema = z.enum(['tiny', '10k', '100k', '300k', '1m'], { error: 'must be one of tiny, 10k, 100k, 300k, 1m' });

/** Parses argv (without node and script) into options; throws an Error naming the bad option. */
export function parseOptions(argv: readonly string[]): HarnessOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      size: { type: 'string', default: '10k' },
      only: { type: 'string', multiple: true, default: [] },
      out: { type: 'string', default: path.join(repoRoot, 'bench-results') },
      json: { type: 'boolean', default: false },
      'update-docs': { type: 'boolean', default: false },
      'suites-dir': { type: 'string', default: path.join(repoRoot, 'e2e/bench/suites') },
      'suite-timeout': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return 'help';
  const size = sizeSchema.safeParse(values.size);
  if (!size.success) throw new Error(`--size ${values.size}: ${size.error.issues[0]?.message ?? 'invalid'}`);
  const timeout = values['suite-timeout'] === undefined ? defaultTimeouts[size.data] : Number(values['suite-timeout']);
  if (!Number.isFinite(timeout) || timeout < 0) throw new Error(`--suite-timeout ${values['suite-timeout']}: must be a number of seconds, 0 or more`);
  const only = values.only.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v.length > 0);
  return {
    size: size.data,
    only,
    outDir: path.resolve(values.out),
    json: values.json,
    updateDocs: values['update-docs'],
    suitesDir: path.resolve(values['suites-dir']),
    docsDir: path.join(repoRoot, 'docs/bench'),
    suiteTimeoutMs: timeout * 1000,
  };
}
