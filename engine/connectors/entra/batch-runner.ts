// Sends export jobs' steps through `$batch` (20 per request, a job's steps chained with dependsOn),
// honours per-item 429/503 Retry-After, keeps writes inside the write budget, and never repeats a
// create blindly after an ambiguous failure (the job's steps decide what to do instead).
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
      for (const step of job.queue) {
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
    job.notBefore = Date.now() + ms;
    if (job.retries > maxRetries) job.fail({ code: 'cd-error', message: `${job.label}: gave up after ${job.retries} throttled or failed attempts (last: ${why})` });
  };

  const ambiguous = (job: ExportJob, step: Step): void => {
    if (!isWriteStep(step)) return;
    const instead = step.onAmbiguous?.(job);
    if (instead) job.queue.splice(0, 1, ...instead);
  };

  const apply = (sent: Sent, replies: Map<string, BatchResponseItem>): void => {
    const { job } = sent;
    for (const { id, step } of sent.steps) {
      const reply = replies.get(id);
      if (!reply) { stats.transientFailures++; ambiguous(job, step); retryLater(job, 1000, 'no reply for a batch item'); return; }
      if (reply.status >= 200 && reply.status < 300) {
        job.queue.shift();
        step.onOk?.(job, reply.body);
        if (job.error) return;
        continue;
      }
      if (reply.status === 424) return;
      const info = batchErrorInfo(reply);
      const waitMs = (info.retryAfterSeconds ?? 2) * 1000;
      if (reply.status === 429) {
        stats.throttledItems++;
        options.budget.pause(waitMs);
        retryLater(job, waitMs, `429 ${info.code}`);
        return;
      }
      if (reply.status >= 500) {
        stats.transientFailures++;
        ambiguous(job, step);
        retryLater(job, waitMs, `${reply.status} ${info.code}`);
        return;
      }
      const outcome = step.onRefused ? step.onRefused(job, info) : undefined;
      if (outcome === 'ok') { job.queue.shift(); continue; }
      if (Array.isArray(outcome)) { job.queue.splice(0, 1, ...outcome); return; }
      if (!job.error) job.fail(exportErrorFromGraph(info, job.label));
      return;
    }
  };

  const sendBatch = async (batch: Sent[]): Promise<void> => {
    const requests: BatchRequestItem[] = [];
    let writes = 0;
    for (const { steps } of batch) {
      steps.forEach(({ id, step }, i) => {
        if (isWriteStep(step)) writes++;
        requests.push({
          id, method: step.method, url: step.url,
          ...(step.headers ? { headers: step.headers } : {}),
          ...(step.body !== undefined ? { body: step.body } : {}),
          ...(i > 0 ? { dependsOn: [steps[i - 1]!.id] } : {}),
        });
      });
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
        if (info?.status !== 429) ambiguous(job, steps[0]!.step);
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
