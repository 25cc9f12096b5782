// Write throttling per app and tenant (a sliding window, as Graph's directory limits) and injectable faults.

export interface WriteQuotaOptions {
  /** Writes allowed per window (Graph: 3,000). */
  readonly limit: number;
  /** Window length in ms (Graph: 150 s). */
  readonly windowMs: number;
}

export type QuotaDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

/** A sliding-window write counter keyed by app (client id). */
export class WriteQuota {
  private readonly stamps = new Map<string, number[]>();
  private readonly heads = new Map<string, number>();

  constructor(public options: WriteQuotaOptions) {}

  /** Counts one write for `key` if the window has room; otherwise says how long to wait. */
  tryConsume(key: string, now = Date.now()): QuotaDecision {
    const stamps = this.stamps.get(key) ?? [];
    let head = this.heads.get(key) ?? 0;
    while (head < stamps.length && stamps[head]! <= now - this.options.windowMs) head++;
    if (head > 4096) { stamps.splice(0, head); head = 0; }
    this.stamps.set(key, stamps);
    this.heads.set(key, head);
    if (stamps.length - head >= this.options.limit) {
      const freeAt = stamps[head]! + this.options.windowMs;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((freeAt - now) / 1000)) };
    }
    stamps.push(now);
    return { ok: true };
  }

  /** Writes counted in the current window for `key` (as of the last consumption). */
  used(key: string): number {
    return (this.stamps.get(key)?.length ?? 0) - (this.heads.get(key) ?? 0);
  }
}

export interface FaultRule {
  /** HTTP method to match (any when absent). */
  readonly method?: string;
  /** Matches the Graph path after the version, e.g. `/users` or a RegExp. */
  readonly path?: string | RegExp;
  readonly status: 429 | 500 | 503 | 504;
  /** How many matching requests fail. */
  count: number;
  readonly retryAfterSeconds?: number;
  /** Apply the write and then answer the error: an ambiguous failure the client must not repeat blindly. */
  readonly afterApply?: boolean;
}

/** Faults queued by tests; each matching request consumes one. */
export class FaultInjector {
  private readonly rules: FaultRule[] = [];

  /** Queues a fault rule. */
  add(rule: FaultRule): void {
    this.rules.push({ ...rule });
  }

  /** Takes the first rule that matches this request, if any. */
  take(method: string, path: string): FaultRule | undefined {
    const rule = this.rules.find((r) => r.count > 0 && (!r.method || r.method === method) &&
      (!r.path || (typeof r.path === 'string' ? path === r.path || path.startsWith(`${r.path}/`) || path.startsWith(`${r.path}?`) : r.path.test(path))));
    if (rule) rule.count--;
    return rule;
  }

  /** Drops all queued faults. */
  clear(): void {
    this.rules.length = 0;
  }
}
