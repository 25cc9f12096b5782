// The engine lock: one run (or the wizard) at a time, and everyone can see who holds it.
import type { EngineLock } from '../../shared/model/system.ts';

/** Raised when the lock is held by someone else; the message names the holder. */
export class EngineBusyError extends Error {
  override readonly name = 'EngineBusyError';
  constructor(readonly lock: EngineLock) {
    super(`The engine is busy: ${lock.holder} (${lock.kind}) since ${lock.since}`);
  }
}

/** Holds at most one lock; notifies a listener on every change. */
export class EngineLockManager {
  private current: EngineLock | null = null;

  constructor(private readonly onChange: (lock: EngineLock | null) => void = () => {}) {}

  /** The current holder, or null. */
  get(): EngineLock | null {
    return this.current;
  }

  /** Takes the lock or throws EngineBusyError naming the holder; returns the release function. */
  acquire(holder: string, kind: EngineLock['kind']): () => void {
    if (this.current) throw new EngineBusyError(this.current);
    const lock: EngineLock = { holder, kind, since: new Date().toISOString() };
    this.current = lock;
    this.onChange(lock);
    return () => {
      if (this.current === lock) {
        this.current = null;
        this.onChange(null);
      }
    };
  }
}
