// Time for the scheduler, injectable so tests advance it instead of waiting.

export interface TimerHandle { readonly id: number }

export interface Clock {
  now(): Date;
  /** Calls `fn` once after `ms`. */
  setTimer(ms: number, fn: () => void): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}

/** The real clock. */
export function systemClock(): Clock {
  const timers = new Map<number, NodeJS.Timeout>();
  let next = 1;
  return {
    now: () => new Date(),
    setTimer(ms, fn) {
      const id = next++;
      // Long intervals (days) exceed setTimeout's 24.8-day limit only in theory; clamp to stay safe.
      const t = setTimeout(() => { timers.delete(id); fn(); }, Math.min(ms, 2_000_000_000));
      t.unref?.();
      timers.set(id, t);
      return { id };
    },
    clearTimer(h) {
      const t = timers.get(h.id);
      if (t) clearTimeout(t);
      timers.delete(h.id);
    },
  };
}

/** A clock that only moves when told to: `advance` fires every timer that falls due, in order. */
export class ManualClock implements Clock {
  private current: number;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();
  private nextId = 1;

  constructor(start: Date | string = '2026-01-01T00:00:00Z') {
    this.current = new Date(start).getTime();
  }

  /** The current time. */
  now(): Date {
    return new Date(this.current);
  }

  /** Schedules `fn` at now + ms. */
  setTimer(ms: number, fn: () => void): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { at: this.current + ms, fn });
    return { id };
  }

  /** Cancels a timer. */
  clearTimer(h: TimerHandle): void {
    this.timers.delete(h.id);
  }

  /** Moves time forward by `ms`, firing due timers (and awaiting the work they start) one at a time. */
  async advance(ms: number): Promise<void> {
    const end = this.current + ms;
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.current = due[1].at;
      due[1].fn();
      await settle();
    }
    this.current = end;
    await settle();
  }

  /** Number of pending timers. */
  get pending(): number {
    return this.timers.size;
  }
}

/** Lets queued promise callbacks (a cycle started by a timer) run to completion. */
async function settle(): Promise<void> {
  for (let i = 0; i < 50; i++) await new Promise<void>((r) => setImmediate(r));
}
