// Runs one suite in this process: checks its needs, gives it a scratch folder and a context, watches memory,
// and turns any failure into a recorded result so the next suite still runs.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { figureSchema, type SuiteResult } from './result.ts';
import { missingPrograms } from './needs.ts';
import type { ProgressReporter } from './progress.ts';
import type { BenchContext, BenchFigure, BenchSize, BenchSuite } from './suite.ts';

/** Tracks the highest resident set size seen; sampled on a timer and on every progress call. */
class RssWatch {
  peak = process.memoryUsage.rss();
  private readonly maxRssBefore = process.resourceUsage().maxRSS * 1024;
  private lastSample = performance.now();
  private readonly timer = setInterval(() => this.sample(), 100).unref();

  sample(): void {
    this.lastSample = performance.now();
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
  }

  /** Samples unless one was taken in the last 50 ms; hot loops block the timer, so progress calls sample too. */
  maybeSample(): void {
    if (performance.now() - this.lastSample >= 50) this.sample();
  }

  /** Stops sampling; returns this suite's peak and the process-wide high-water mark. */
  stop(): { peakRssBytes: number; maxRssBytes: number } {
    clearInterval(this.timer);
    this.sample();
    const maxRssBytes = process.resourceUsage().maxRSS * 1024;
    // A higher process-wide mark than before this suite means the suite set it: that is its true peak.
    const peakRssBytes = maxRssBytes > this.maxRssBefore ? Math.max(this.peak, maxRssBytes) : this.peak;
    return { peakRssBytes, maxRssBytes };
  }
}

/** The message of anything thrown. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Checks what a suite returned, naming the figure and field at fault. */
function validateFigures(figures: unknown): BenchFigure[] {
  if (!Array.isArray(figures)) throw new Error(`run() returned ${typeof figures}, not an array of figures`);
  return figures.map((f, i) => {
    const parsed = figureSchema.safeParse(f);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const label = typeof (f as { name?: unknown })?.name === 'string' ? `"${(f as { name: string }).name}"` : `#${i}`;
      throw new Error(`figure ${label}: ${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'}`);
    }
    return parsed.data;
  });
}

/** Resolves never; rejects on the first uncaught error or unhandled rejection while a suite runs. */
function strayErrors(): { promise: Promise<never>; dispose(): void } {
  let fail: (err: unknown) => void = () => {};
  const promise = new Promise<never>((_, reject) => {
    fail = reject;
  });
  const onError = (err: unknown) => fail(err);
  process.on('uncaughtException', onError);
  process.on('unhandledRejection', onError);
  return {
    promise,
    dispose() {
      process.off('uncaughtException', onError);
      process.off('unhandledRejection', onError);
    },
  };
}

/** Rejects after `ms` (never when `ms` is 0); a suite stuck waiting on a server must not hold the whole run. */
function timeLimit(ms: number): { promise: Promise<never>; dispose(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    if (ms > 0) timer = setTimeout(() => reject(new Error(`timed out after ${Math.round(ms / 1000)} s`)), ms);
  });
  return { promise, dispose: () => clearTimeout(timer) };
}

/** Runs `suite` at `size` with `count` users, giving up after `timeoutMs` (0: no limit), and returns what happened. */
export async function runSuite(
  suite: BenchSuite,
  file: string,
  size: BenchSize,
  count: number,
  reporter: ProgressReporter,
  timeoutMs = 0,
): Promise<SuiteResult> {
  const base = { name: suite.name, description: suite.description, file: path.basename(file) };
  const missing = missingPrograms(suite.needs);
  if (missing.length > 0) {
    return { ...base, status: 'skipped', reason: `needs ${missing.join(', ')} on PATH`, durationMs: 0, peakRssBytes: 0, maxRssBytes: 0, figures: [] };
  }

  const tmpDir = await fs.mkdtemp(path.join(os.tmpdir(), `idsync-bench-${suite.name.replace(/[^\w-]/g, '_')}-`));
  const watch = new RssWatch();
  reporter.begin(suite.name);
  const ctx: BenchContext = {
    size,
    count,
    tmpDir,
    progress(label, done, total) {
      watch.maybeSample();
      reporter.progress(label, done, total);
    },
    log(message) {
      reporter.log(message);
    },
  };
  const stray = strayErrors();
  const limit = timeLimit(timeoutMs);
  const started = performance.now();
  try {
    const figures = validateFigures(await Promise.race([suite.run(ctx), stray.promise, limit.promise]));
    const durationMs = performance.now() - started;
    return { ...base, status: 'ok', durationMs, ...watch.stop(), figures };
  } catch (err) {
    const durationMs = performance.now() - started;
    return { ...base, status: 'failed', reason: messageOf(err), durationMs, ...watch.stop(), figures: [] };
  } finally {
    stray.dispose();
    limit.dispose();
    reporter.end();
    await fs.rm(tmpDir, { recursive: true, force: true });
  }
}
