// Sends export jobs' steps through `$batch` (20 per request), honours per-item 429/503 Retry-After, keeps
// writes inside the write budget, and never repeats a create blindly after an ambiguous failure (the job's
// steps decide what to do instead). Every batch is fully parallel (no dependsOn): Graph wants a batch either
// fully sequential or fully parallel, and one object's failure must not fail the others' requests with 424.
// A job sends its next step once the previous one answered; only steps marked independent go along with it.
import { ConnectivityError, CredentialsError } from '../contract.ts';
import { batchErrorInfo, graphErrorInfo, type BatchRequestItem, type BatchResponseItem, type GraphSession } from './graph-session.ts';
import { exportErrorFromGraph } from './export-errors.ts';
import { isWriteStep, type ExportJob, type Step } from './export-job.ts';
import { sleep, type WriteBudget } from './write-budget.ts';

export interface RunnerOptions {
  readonly session: GraphSession;
  readonly budget: WriteBudget;
  readonly concurrency: number;
  readonly signal: AbortSignal;
  /** Attempts per job that were throttled or failed transiently before it is given up. */
  readonly maxRetries?: number;
}

export interface RunnerStats {
  batches: number;
  throttledItems: number;
  transientFailures: number;
}

const MAX_BATCH = 20;

interface Sent {
  readonly job: ExportJob;
  readonly steps: Array<{ id: string; step: Step }>;
}

/** Runs every job to completion (success or error). Throws only for credential failures or abort. */
export async function runJobs(jobs: readonly ExportJob[], options: RunnerOptions): Promise<RunnerStats> {
  const stats: RunnerStats = { batches: 0, throttledItems: 0, transientFailures: 0 };
  const maxWrites = Math.min(MAX_BATCH, options.budget.maxTake);
  const maxRetries = options.maxRetries ?? 60;
  let nextId = 0;

  const assemble = (now: number): Sent[] => {
    const sent: Sent[] = [];
    let items = 0;
    let writes = 0;
    for (const job of jobs) {
      if (items >= MAX_BATCH || writes >= maxWrites) break;
      if (job.done || job.inFlight || job.notBefore > now) continue;
      const steps: Sent['steps'] = [];
      for (const [i, step] of job.queue.entries()) {
        // After the first step only independent ones: the others need its reply first.
        if (i > 0 && !step.independent) break;
        const w = isWriteStep(step) ? 1 : 0;
        if (items + 1 > MAX_BATCH || writes + w > maxWrites) break;
        steps.push({ id: String(++nextId), step });
        items++;
        writes += w;
      }
      if (steps.length === 0) break;
      job.inFlight = true;
      sent.push({ job, steps });
    }
    return sent;
  };

  const retryLater = (job: ExportJob, ms: number, why: string): void => {
    job.retries++;
    job.notBefore = Math.max(job.notBefore, Date.now() + ms);
    if (job.retries > maxRetries) job.fail({ code: 'cd-error', message: `${job.label}: gave up after ${job.retries} throttled or failed attempts (last: ${why})` });
  };

  /** Replaces a step of the job's queue (by identity) with others; removes it when `by` is empty. */
  const replaceStep = (job: ExportJob, step: Step, by: readonly Step[] = []): void => {
    const at = job.queue.indexOf(step);
    if (at >= 0) job.queue.splice(at, 1, ...by);
  };

  const ambiguous = (job: ExportJob, step: Step): void => {
    if (!isWriteStep(step)) return;
    const instead = step.onAmbiguous?.(job);
    if (instead) replaceStep(job, step, instead);
  };

  const apply = (sent: Sent, replies: Map<string, BatchResponseItem>): void => {
    const { job } = sent;
    let retry: { ms: number; why: string } | undefined;
    const later = (ms: number, why: string): void => { retry = { ms: Math.max(ms, retry?.ms ?? 0), why }; };
    for (const { id, step } of sent.steps) {
      if (job.error) return;
      const reply = replies.get(id);
      if (!reply) { stats.transientFailures++; ambiguous(job, step); later(1000, 'no reply for a batch item'); continue; }
      if (reply.status >= 200 && reply.status < 300) {
        replaceStep(job, step);
        step.onOk?.(job, reply.body);
        continue;
      }
      const info = batchErrorInfo(reply);
      const waitMs = (info.retryAfterSeconds ?? 2) * 1000;
      if (reply.status === 429) {
        stats.throttledItems++;
        options.budget.pause(waitMs);
        later(waitMs, `429 ${info.code}`);
        continue;
      }
      if (reply.status >= 500) {
        stats.transientFailures++;
        ambiguous(job, step);
        later(waitMs, `${reply.status} ${info.code}`);
        continue;
      }
      const outcome = step.onRefused ? step.onRefused(job, info) : undefined;
      if (outcome === 'ok') { replaceStep(job, step); continue; }
      if (Array.isArray(outcome)) { replaceStep(job, step, outcome); continue; }
      if (!job.error) job.fail(exportErrorFromGraph(info, job.label));
    }
    if (retry && !job.error) retryLater(job, retry.ms, retry.why);
  };

  const sendBatch = async (batch: Sent[]): Promise<void> => {
    const requests: BatchRequestItem[] = [];
    let writes = 0;
    for (const { steps } of batch) {
      for (const { id, step } of steps) {
        if (isWriteStep(step)) writes++;
        requests.push({
          id, method: step.method, url: step.url,
          ...(step.headers ? { headers: step.headers } : {}),
          ...(step.body !== undefined ? { body: step.body } : {}),
        });
      }
    }
    try {
      await options.budget.take(writes, options.signal);
      stats.batches++;
      const replies = await options.session.batch(requests);
      const byId = new Map(replies.map((r) => [String(r.id), r]));
      for (const sent of batch) apply(sent, byId);
    } catch (e) {
      if (e instanceof CredentialsError || options.signal.aborted) throw e;
      const info = graphErrorInfo(e);
      const waitMs = (info?.retryAfterSeconds ?? 2) * 1000;
      if (info?.status === 429) options.budget.pause(waitMs);
      stats.transientFailures++;
      if (info && info.status >= 400 && info.status < 500 && info.status !== 429) {
        for (const { job } of batch) job.fail(exportErrorFromGraph(info, job.label));
        return;
      }
      for (const { job, steps } of batch) {
        // The whole request failed: writes may or may not have happened unless Graph says it was throttled.
        if (info?.status !== 429) for (const { step } of steps) ambiguous(job, step);
        retryLater(job, waitMs, info ? `${info.status} ${info.code}` : e instanceof ConnectivityError ? e.message : String(e));
      }
    } finally {
      for (const { job } of batch) job.inFlight = false;
    }
  };

  const worker = async (): Promise<void> => {
    for (;;) {
      options.signal.throwIfAborted();
      const now = Date.now();
      const batch = assemble(now);
      if (batch.length > 0) { await sendBatch(batch); continue; }
      const waiting = jobs.filter((j) => !j.done);
      if (waiting.length === 0) return;
      const idle = waiting.filter((j) => !j.inFlight);
      const next = idle.length > 0 ? Math.min(...idle.map((j) => j.notBefore)) - now : 10;
      await sleep(Math.max(5, Math.min(next, 250)), options.signal);
    }
  };

  await Promise.all(Array.from({ length: options.concurrency }, () => worker()));
  return stats;
}
