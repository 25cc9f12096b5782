// One exported change as a queue of Graph requests. Steps are sent through `$batch`; a step's reply may
// enqueue further steps (e.g. membership after a group is created, or a lookup after an ambiguous create).
import type { ExportChange, ExportError, ExportResult } from '../contract.ts';
import type { GraphErrorInfo } from './graph-session.ts';

export interface Step {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to the Graph version, e.g. `/users`. */
  readonly url: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Needs no reply of the job's earlier steps (e.g. one membership change of many): may go in the same batch. */
  readonly independent?: boolean;
  /** 2xx reply: may enqueue more steps or settle the anchor. */
  onOk?(job: ExportJob, body: unknown): void;
  /** A refusal (4xx other than 424/429): 'ok' counts the step as done, steps replace it, undefined fails the job. */
  onRefused?(job: ExportJob, info: GraphErrorInfo): 'ok' | Step[] | undefined;
  /** A 5xx or lost reply, after which the write may or may not have happened: steps to run instead of a blind retry. */
  onAmbiguous?(job: ExportJob): Step[] | undefined;
}

/** True for steps that count against the write quota. */
export function isWriteStep(step: Step): boolean {
  return step.method !== 'GET';
}

/** State of one ExportChange while it is being exported. */
export class ExportJob {
  readonly queue: Step[] = [];
  anchor?: string;
  matchedExisting = false;
  error?: ExportError;
  /** Not before this time (ms since epoch): Retry-After of the last throttled step. */
  notBefore = 0;
  /** Throttled or failed attempts so far. */
  retries = 0;
  /** A write of this job may have been applied without us seeing the reply. */
  ambiguous = false;
  inFlight = false;

  constructor(readonly change: ExportChange, readonly label: string) {}

  /** True when nothing is left to send. */
  get done(): boolean {
    return this.error !== undefined || this.queue.length === 0;
  }

  /** Stops the job with an error. */
  fail(error: ExportError): void {
    this.error = error;
    this.queue.length = 0;
  }

  /** The contract result of this job. */
  result(): ExportResult {
    if (this.error) return { csId: this.change.csId, ok: false, error: this.error };
    const anchor = this.anchor ?? this.change.anchor ?? undefined;
    return {
      csId: this.change.csId,
      ok: true,
      // Graph names objects by their id: an added object takes it as its DN, and a requested rename (Graph has
      // none) leaves the object named by its id.
      ...(this.change.op === 'add' && anchor ? { anchor, dn: anchor } : {}),
      ...(this.change.op === 'update' && anchor ? { dn: anchor } : {}),
      ...(this.matchedExisting ? { matchedExisting: true } : {}),
    };
  }
}
