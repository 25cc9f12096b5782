// Command-line options of the harness, parsed with node's parseArgs and checked with zod.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { BENCH_SIZES, type BenchSize } from './suite.ts';

/** Validated harness options. */
export interface HarnessOptions {
  readonly size: BenchSize;
  /** Suite names to run; empty means all. */
  readonly only: readonly string[];
  readonly outDir: string;
  readonly json: boolean;
  readonly updateDocs: boolean;
  /** Run nothing: only rebuild the scaling report from the runs already in `outDir`. */
  readonly scalingOnly: boolean;
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
  --update-docs            also write docs/bench/latest.{json,md}, throughput.svg
                           and scaling.{md,svg}
  --scaling-only           run nothing: rebuild DIR/scaling.md and scaling.svg
                           (time per object against size) from the runs in DIR
  --suites-dir DIR         where suites are discovered (default e2e/bench/suites)
  --suite-timeout SECONDS  give up on a suite after this long (default by size:
                           tiny 120, 10k 600, 100k 3600, 300k 10800, 1m none;
                           0 = none)
  --help                   show this text`;

const sizeSchema = z.enum(BENCH_SIZES, { error: `must be one of ${BENCH_SIZES.join(', ')}` });

/** Parses argv (without node and script) into options; throws an Error naming the bad option. */
export function parseOptions(argv: readonly string[]): HarnessOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      size: { type: 'string' },
      only: { type: 'string', multiple: true, default: [] },
      out: { type: 'string', default: path.join(repoRoot, 'bench-results') },
      json: { type: 'boolean', default: false },
      'update-docs': { type: 'boolean', default: false },
      'scaling-only': { type: 'boolean', default: false },
      'suites-dir': { type: 'string' },
      'suite-timeout': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return 'help';
  if (values['scaling-only']) {
    const given = { size: values.size !== undefined, only: values.only.length > 0, 'suites-dir': values['suites-dir'] !== undefined, 'suite-timeout': values['suite-timeout'] !== undefined };
    const runOption = Object.entries(given).find(([, isGiven]) => isGiven)?.[0];
    if (runOption) throw new Error(`--scaling-only runs no suite, so --${runOption} does not apply`);
  }
  const size = sizeSchema.safeParse(values.size ?? '10k');
  if (!size.success) throw new Error(`--size ${values.size ?? ''}: ${size.error.issues[0]?.message ?? 'invalid'}`);
  const timeout = values['suite-timeout'] === undefined ? defaultTimeouts[size.data] : Number(values['suite-timeout']);
  if (!Number.isFinite(timeout) || timeout < 0) throw new Error(`--suite-timeout ${values['suite-timeout']}: must be a number of seconds, 0 or more`);
  const only = values.only.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v.length > 0);
  return {
    size: size.data,
    only,
    outDir: path.resolve(values.out),
    json: values.json,
    updateDocs: values['update-docs'],
    scalingOnly: values['scaling-only'],
    suitesDir: path.resolve(values['suites-dir'] ?? path.join(repoRoot, 'e2e/bench/suites')),
    docsDir: path.join(repoRoot, 'docs/bench'),
    suiteTimeoutMs: timeout * 1000,
  };
}
