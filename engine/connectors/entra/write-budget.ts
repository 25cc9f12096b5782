// A token bucket that keeps one app's writes to a tenant below Graph's sliding-window quota.
// With burst C and rate r, any window W holds at most C + r·W writes; both are sized so that stays ≤ the quota.

export interface WriteBudgetSettings {
  readonly quotaWrites: number;
  readonly windowSeconds: number;
  /** Share of the quota used at steady state (0..1]. */
  readonly targetShare: number;
}

/** Shared per app+tenant: every connector instance of the same app and tenant draws from one bucket. */
export class WriteBudget {
  private tokens: number;
  private last = Date.now();
  private pausedUntil = 0;
  readonly ratePerMs: number;
  readonly capacity: number;

  constructor(readonly settings: WriteBudgetSettings) {
    const { quotaWrites, windowSeconds, targetShare } = settings;
    this.ratePerMs = (quotaWrites * targetShare) / (windowSeconds * 1000);
    // What a full window at the steady rate leaves of the quota is split: half is the burst, half a margin for
    // latency jitter (writes counted by the server later or earlier than they were taken here).
    this.capacity = Math.max(1, Math.floor((quotaWrites * (1 - targetShare)) / 2));
    this.tokens = this.capacity;
  }

  /** Largest number of writes one request may take at once. */
  get maxTake(): number {
    return this.capacity;
  }

  /** Waits until `n` writes (≤ maxTake) may be sent, then takes them. */
  async take(n: number, signal?: AbortSignal): Promise<void> {
    if (n <= 0) return;
    const want = Math.min(n, this.capacity);
    for (;;) {
      signal?.throwIfAborted();
      const now = Date.now();
      this.refill(now);
      if (now >= this.pausedUntil && this.tokens >= want) {
        this.tokens -= want;
        return;
      }
      const wait = Math.max(this.pausedUntil - now, Math.ceil((want - this.tokens) / this.ratePerMs), 1);
      await sleep(wait, signal);
    }
  }

  /** Graph answered 429: stop writing until `ms` from now and start again from an empty bucket. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
    this.tokens = 0;
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.ratePerMs);
    this.last = now;
  }
}

const budgets = new Map<string, WriteBudget>();

/** The budget of one app in one tenant (created on first use, reset when the settings change). */
export function writeBudgetFor(tenantId: string, clientId: string, settings: WriteBudgetSettings): WriteBudget {
  const key = `${tenantId.toLowerCase()}|${clientId.toLowerCase()}`;
  const existing = budgets.get(key);
  if (existing && JSON.stringify(existing.settings) === JSON.stringify(settings)) return existing;
  const created = new WriteBudget(settings);
  budgets.set(key, created);
  return created;
}

/** Resolves after `ms`, or rejects when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = (): void => { clearTimeout(timer); reject(signal!.reason); };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
