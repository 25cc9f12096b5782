// `idsync bench`: runs the benchmark harness (e2e/bench/main.ts) as a child process through tsx. The harness
// lives with the test environment, so the engine starts it rather than importing it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Option, type Command } from 'commander';
import { CliError } from '../output.ts';

/** Options of `idsync bench`, passed through to the harness. */
interface BenchOptions {
  size?: string;
  only: string[];
  out?: string;
  json?: boolean;
  updateDocs?: boolean;
  scalingOnly?: boolean;
  suitesDir?: string;
  suiteTimeout?: string;
}

/** The repository root seen from this file (engine/cli/commands/). */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Translates command options into harness arguments. */
export function harnessArgs(opts: BenchOptions): string[] {
  const args: string[] = [];
  if (opts.size) args.push('--size', opts.size);
  for (const name of opts.only) args.push('--only', name);
  if (opts.out) args.push('--out', path.resolve(opts.out));
  if (opts.json) args.push('--json');
  if (opts.updateDocs) args.push('--update-docs');
  if (opts.scalingOnly) args.push('--scaling-only');
  if (opts.suitesDir) args.push('--suites-dir', path.resolve(opts.suitesDir));
  if (opts.suiteTimeout !== undefined) args.push('--suite-timeout', opts.suiteTimeout);
  return args;
}

/** Runs the harness with node + tsx and resolves with its exit code. */
function runHarness(args: readonly string[]): Promise<number> {
  const main = path.join(repoRoot, 'e2e/bench/main.ts');
  if (!fs.existsSync(main)) throw new CliError('the benchmark harness ships with the source checkout only (e2e/bench/main.ts not found)');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], { cwd: repoRoot, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Registers `idsync bench`. */
export function registerBench(program: Command): void {
  program
    .command('bench')
    .description('run the benchmark suites and write JSON, Markdown, an SVG chart and the scaling report (see docs/bench)')
    .option('--size <size>', 'data size: tiny, 10k, 100k, 300k or 1m (default 10k; 1m takes hours)')
    .addOption(
      new Option('--only <names>', 'run only these suites (repeatable or comma list)')
        .argParser((v: string, acc: string[]) => [...acc, v])
        .default([], 'all suites'),
    )
    .option('--out <dir>', 'where results go (default bench-results/)')
    .option('--json', 'print the JSON result to stdout')
    .option('--update-docs', 'also write docs/bench/latest.json, latest.md, throughput.svg, scaling.md and scaling.svg')
    .option('--scaling-only', 'run nothing: rebuild scaling.md and scaling.svg (time per object against size) from the runs in --out')
    .option('--suites-dir <dir>', 'discover suites in this folder instead of e2e/bench/suites')
    .option('--suite-timeout <seconds>', 'give up on a suite after this long (default by size; 0 = none)')
    .action(async (opts: BenchOptions) => {
      const code = await runHarness(harnessArgs(opts));
      if (code !== 0) throw new CliError(code === 1 ? 'one or more benchmark suites failed (see the report)' : `benchmark harness exited with ${code}`, code);
    });
}
