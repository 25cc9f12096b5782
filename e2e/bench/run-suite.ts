// Runs one suite: checks its needs, gives it a scratch folder, and runs it in a worker process (suite-worker.ts)
// whose progress drives the bar. Any failure — a throw, a crash, an exit, a time-out — becomes a recorded result
// so the next suite still runs.
import { fork } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { heapFlags } from '../../engine/host/heap-budget.ts';
import { figureSchema, type SuiteResult } from './result.ts';
import { missingPrograms } from './needs.ts';
import { repoRoot } from './options.ts';
import type { ProgressReporter } from './progress.ts';
import { BENCH_SIZES, type BenchSize, type BenchSuite } from './suite.ts';
import type { WorkerMessage } from './worker-messages.ts';

/** How long a worker may take to load its suite before its run begins. */
const loadLimitMs = 120_000;

const workerFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'suite-worker.ts');

/** What a worker reports at the end; checked because it crossed a process boundary. */
const workerResultSchema = z.union([
  z.object({ status: z.literal('ok'), figures: z.array(figureSchema), durationMs: z.number(), peakRssBytes: z.number(), maxRssBytes: z.number() }),
  z.object({ status: z.literal('failed'), reason: z.string(), durationMs: z.number(), peakRssBytes: z.number(), maxRssBytes: z.number() }),
]);

type WorkerResult = z.infer<typeof workerResultSchema>;

/** Runs the worker for one suite; resolves with its result, or with a failure naming how it ended. */
function runWorker(job: object, reporter: ProgressReporter, timeoutMs: number): Promise<WorkerResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = fork(workerFile, [JSON.stringify(job)], {
      cwd: repoRoot,
      // The suite runs under the engine's heap cap, as ./bin/idsync and the console's engine thread do.
      execArgv: ['--import', 'tsx', ...heapFlags()],
      // The worker's stdout and stderr both go to our stderr: our stdout is reserved for the result.
      stdio: ['ignore', 2, 2, 'ipc'],
    });
    let result: WorkerResult | undefined;
    let timeout: string | undefined;
    const failed = (reason: string): WorkerResult => ({ status: 'failed', reason, durationMs: performance.now() - started, peakRssBytes: 0, maxRssBytes: 0 });
    const limit = (ms: number, reason: string) =>
      setTimeout(() => {
        timeout = reason;
        child.kill('SIGKILL');
      }, ms);
    // Loading (tsx start-up, imports) has its own limit; the suite's limit counts from the start of run().
    let timer: NodeJS.Timeout | undefined = limit(loadLimitMs, `did not load within ${loadLimitMs / 1000} s`);

    child.on('message', (raw: WorkerMessage) => {
      if (raw.type === 'started') {
        clearTimeout(timer);
        timer = timeoutMs > 0 ? limit(timeoutMs, `timed out after ${Math.round(timeoutMs / 1000)} s`) : undefined;
      } else if (raw.type === 'progress') reporter.progress(raw.label, raw.done, raw.total);
      else if (raw.type === 'log') reporter.log(raw.message);
      else if (raw.type === 'result') {
        const parsed = workerResultSchema.safeParse(raw.result);
        result = parsed.success ? parsed.data : failed(`worker sent a malformed result: ${parsed.error.issues[0]?.message ?? ''}`);
      }
    });
    child.on('error', (err) => {
      result ??= failed(`could not start the worker: ${err.message}`);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timeout) resolve(failed(timeout));
      else if (result) resolve(result);
      // Node exits with 13 when the top-level await can never settle: the suite's promise was left hanging.
      else if (code === 13) resolve(failed('run() never settled and left nothing to wait for'));
      else resolve(failed(`the suite's process ended (${signal ? `signal ${signal}` : `exit code ${code}`}) before reporting`));
    });
  });
}

/** Runs `suite` at `size` with `count` users, giving up after `timeoutMs` (0: no limit), and returns what happened. */
export async function runSuite(
  suite: BenchSuite,
  file: string,
  size: BenchSize,
  count: number,
  reporter: ProgressReporter,
  timeoutMs = 0,
  /** True when `--only` named the suite: it then runs at any size. */
  asked = false,
): Promise<SuiteResult> {
  const base = { name: suite.name, description: suite.description, file: path.basename(file) };
  const skipped = (reason: string): SuiteResult => ({ ...base, status: 'skipped', reason, durationMs: 0, peakRssBytes: 0, maxRssBytes: 0, figures: [] });
  const largest = suite.largestSize;
  if (largest && !asked && BENCH_SIZES.indexOf(size) > BENCH_SIZES.indexOf(largest.size)) {
    return skipped(`runs up to --size ${largest.size} (${largest.why}); --only ${suite.name} runs it at ${size}`);
  }
  const missing = missingPrograms(suite.needs);
  if (missing.length > 0) return skipped(`needs ${missing.join(', ')} on PATH`);
  const tmpDir = await fs.mkdtemp(path.join(os.tmpdir(), `idsync-bench-${suite.name.replace(/[^\w-]/g, '_')}-`));
  reporter.begin(suite.name);
  try {
    const r = await runWorker({ file, name: suite.name, size, count, tmpDir }, reporter, timeoutMs);
    return r.status === 'ok' ? { ...base, ...r } : { ...base, ...r, figures: [] };
  } finally {
    reporter.end();
    await fs.rm(tmpDir, { recursive: true, force: true });
  }
}
