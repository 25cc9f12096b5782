// Runs one suite in its own process for the harness (see run-suite.ts): the suite's memory is measured alone,
// a crash or a call to process.exit costs only its own result, and a suite stuck in a loop can be killed.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { suitesOf } from './discover.ts';
import { messageOf, validateFigures } from './figures.ts';
import { RssWatch } from './rss-watch.ts';
import type { BenchContext, BenchFigure } from './suite.ts';
import type { WorkerMessage } from './worker-messages.ts';

const jobSchema = z.object({
  file: z.string(),
  name: z.string(),
  size: z.enum(['tiny', '10k', '100k', '300k', '1m']),
  count: z.number().int().positive(),
  tmpDir: z.string(),
});

/** Sends a message to the harness; resolves once it is handed to the channel. */
function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) throw new Error('suite-worker.ts must be started by the harness (no IPC channel)');
    process.send(message, undefined, {}, () => resolve());
  });
}

/** Resolves never; rejects on the first uncaught error or unhandled rejection. */
function strayErrors(): Promise<never> {
  return new Promise<never>((_, reject) => {
    process.on('uncaughtException', reject);
    process.on('unhandledRejection', reject);
  });
}

/** Progress goes out at most every 100 ms, and always when a phase changes or completes. */
function progressSender(watch: RssWatch): BenchContext['progress'] {
  let last = 0;
  let lastLabel = '';
  return (label, done, total) => {
    watch.maybeSample();
    const now = performance.now();
    if (label === lastLabel && done < total && now - last < 100) return;
    last = now;
    lastLabel = label;
    void send({ type: 'progress', label, done, total });
  };
}

/** Loads the suite, runs it, and reports one result. */
async function main(): Promise<void> {
  // Stdout belongs to the harness's result; whatever the suite prints goes to stderr.
  console.log = console.error;
  console.info = console.error;
  const job = jobSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
  const watch = new RssWatch();
  let outcome: { status: 'ok'; figures: BenchFigure[] } | { status: 'failed'; reason: string };
  let durationMs = 0;
  try {
    const mod = (await import(pathToFileURL(job.file).href)) as Record<string, unknown>;
    const suite = suitesOf(mod).find((s) => s.name === job.name);
    if (!suite) throw new Error(`${job.file} no longer exports a suite named "${job.name}"`);
    const ctx: BenchContext = {
      size: job.size,
      count: job.count,
      tmpDir: job.tmpDir,
      progress: progressSender(watch),
      log: (message) => void send({ type: 'log', message }),
    };
    await send({ type: 'started' });
    const started = performance.now();
    try {
      outcome = { status: 'ok', figures: validateFigures(await Promise.race([suite.run(ctx), strayErrors()])) };
    } finally {
      durationMs = performance.now() - started;
    }
  } catch (err) {
    outcome = { status: 'failed', reason: messageOf(err) };
  }
  await send({ type: 'result', result: { ...outcome, durationMs, ...watch.stop() } });
}

await main();
// A suite may leave servers or timers behind; its result is out, so the process ends here.
process.exit(0);
