// Counters of one step and the per-object records behind them, flushed with each batch.
import type { RunObjectWrite, StepCounters } from '../store/run-store.ts';
import { IdSet } from './id-set.ts';

/** Steps stop with `stopped-error-limit` beyond this many errors (spec §14.4). */
export const ERROR_LIMIT = 5000;

/** Counters that would repeat every object on every run; they are counted but not listed per object. */
const UNLISTED = new Set(['stage-no-change', 'connector-no-flow']);

/** Collects a step's counters and records. */
export class StepStats {
  readonly counters: Record<string, number> = {};
  readonly outbound: Record<string, Record<string, number>> = {};
  readonly errors: Record<string, number> = {};
  errorCount = 0;
  warningCount = 0;
  private pending: RunObjectWrite[] = [];
  /**
   * Objects already counted, per counter and target: an object re-evaluated in the same run is counted once.
   * A bit set per counter keeps this at a bit per object, however many objects the step goes through.
   */
  private readonly counted = new Map<string, IdSet>();
  /** Counter increments since the last drain, so a rolled-back object can take its counts back. */
  private journal: (readonly [target: string | null, name: string, kind: 'counter' | 'error' | 'warning'])[] = [];

  /** Counts one object under a counter (and records it unless the counter is a no-change one). */
  count(counter: string, record?: Omit<RunObjectWrite, 'counter'>): void {
    if (this.repeated(counter, null, record?.csId)) return;
    this.counters[counter] = (this.counters[counter] ?? 0) + 1;
    this.journal.push([null, counter, 'counter']);
    if (record && !UNLISTED.has(counter)) this.pending.push({ ...record, counter });
  }

  /** Counts an outbound change for a target connector. */
  countOutbound(target: string, counter: string, record?: Omit<RunObjectWrite, 'counter' | 'target'>): void {
    if (this.repeated(counter, target, record?.csId)) return;
    const t = (this.outbound[target] ??= {});
    t[counter] = (t[counter] ?? 0) + 1;
    this.journal.push([target, counter, 'counter']);
    if (record && !UNLISTED.has(counter)) this.pending.push({ ...record, counter, target });
  }

  private repeated(counter: string, target: string | null, csId: number | null | undefined): boolean {
    if (typeof csId !== 'number' || csId <= 0) return false;
    const key = `${counter}\u0000${target ?? ''}`;
    let set = this.counted.get(key);
    if (!set) this.counted.set(key, (set = new IdSet()));
    return !set.add(csId);
  }

  /** Records an error on an object. */
  error(code: string, record: Omit<RunObjectWrite, 'counter'>): void {
    this.errors[code] = (this.errors[code] ?? 0) + 1;
    this.errorCount++;
    this.journal.push([null, code, 'error']);
    this.pending.push({ ...record, counter: code });
  }

  /** Records a warning on an object (counted with errors by code, but not toward the error limit). */
  warning(code: string, record: Omit<RunObjectWrite, 'counter'>): void {
    this.errors[code] = (this.errors[code] ?? 0) + 1;
    this.warningCount++;
    this.journal.push([null, code, 'warning']);
    this.pending.push({ ...record, counter: code });
  }

  /** Total of all flat counters. */
  total(names: readonly string[]): number {
    return names.reduce((n, c) => n + (this.counters[c] ?? 0), 0);
  }

  /** Takes the records collected since the last call. */
  drain(): RunObjectWrite[] {
    const out = this.pending;
    this.pending = [];
    this.journal = [];
    return out;
  }

  /** Records collected after a mark (to fix temporary ids once written). */
  since(mark: { records: number }): RunObjectWrite[] {
    return this.pending.slice(mark.records);
  }

  /** The position to rewind to if the next object rolls back. */
  mark(): { records: number; journal: number } {
    return { records: this.pending.length, journal: this.journal.length };
  }

  /** Forgets the records and counts made after a mark. */
  rewind(mark: { records: number; journal: number }): void {
    this.pending.length = mark.records;
    for (const [target, name, kind] of this.journal.splice(mark.journal)) {
      const bucket = kind === 'counter' ? (target === null ? this.counters : this.outbound[target]) : this.errors;
      if (bucket && bucket[name] !== undefined) {
        bucket[name]--;
        if (bucket[name] === 0) delete bucket[name];
      }
      if (kind === 'error') this.errorCount--;
      if (kind === 'warning') this.warningCount--;
    }
  }

  /** The serialisable counters. */
  snapshot(): StepCounters {
    return { counters: { ...this.counters }, outbound: structuredClone(this.outbound), errors: { ...this.errors } };
  }
}
