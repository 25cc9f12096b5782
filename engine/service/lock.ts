// The engine lock: one run (or the wizard, or an import of the configuration) at a time on a data directory,
// across every process that opens it (console hosts, CLI commands), and everyone can see who holds it. The lock
// is a file in the data directory, created exclusively; a holder that died is detected by its process id and
// replaced, and what it left undone (a scheduler suspended by the wizard) is put back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EngineLock } from '../../shared/model/system.ts';
import { SettingsFile } from '../scheduler/settings-file.ts';
import { processAlive } from '../model/process-alive.ts';

export const ENGINE_LOCK_FILE = 'operation.lock';

/** What the lock file holds: the lock as the console shows it, its process, and what to undo if it dies. */
interface LockRecord extends EngineLock {
  readonly pid: number;
  readonly hostname: string;
  /** The host program (web, desktop, cli) of the holding process. */
  readonly process: string;
  /** Set by the wizard: the scheduler's suspension before it opened, restored if the holder dies. */
  readonly schedulerSuspendedBefore?: boolean;
}

/** Raised when the lock is held by someone else; the message names the holder. */
export class EngineBusyError extends Error {
  override readonly name = 'EngineBusyError';
  constructor(readonly lock: EngineLock) {
    super(`The engine is busy: ${lock.holder} (${lock.kind}) since ${lock.since}`);
  }
}

export interface AcquireOptions {
  /** The scheduler's suspension to restore if this holder dies before releasing (the wizard suspends it). */
  readonly schedulerSuspendedBefore?: boolean;
}


function readRecord(file: string): LockRecord | null {
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockRecord>;
    if (typeof v.pid === 'number' && typeof v.hostname === 'string' && typeof v.holder === 'string') return v as LockRecord;
  } catch {
    // Missing, or half-written by a holder killed while writing it: no holder.
  }
  return null;
}

/** A holder on this machine whose process is gone; a lock from another machine cannot be checked and is trusted. */
function dead(r: LockRecord | null): boolean {
  return r === null || (r.hostname === os.hostname() && r.pid !== process.pid && !processAlive(r.pid));
}

/** The lock as another process holds it, its holder named with that process. */
function asSeen(r: LockRecord): EngineLock {
  return { holder: `${r.holder} (${r.process} process ${r.pid}${r.hostname === os.hostname() ? '' : ` on ${r.hostname}`})`, kind: r.kind, since: r.since };
}

/**
 * Removes a lock whose holder died and undoes what it left: returns a message for the log, or null when the lock
 * is free or held by a live process.
 */
export function recoverAbandonedLock(home: string): string | null {
  const file = path.join(home, ENGINE_LOCK_FILE);
  if (!fs.existsSync(file)) return null;
  const r = readRecord(file);
  if (!dead(r)) return null;
  fs.rmSync(file, { force: true });
  if (!r) return `Removed an unreadable engine lock (${file}) left by a process that ended`;
  let undone = '';
  if (r.schedulerSuspendedBefore !== undefined) {
    const settings = new SettingsFile(home);
    if (settings.load().schedulerSuspended !== r.schedulerSuspendedBefore) {
      settings.update((s) => ({ ...s, schedulerSuspended: r.schedulerSuspendedBefore! }));
      undone = r.schedulerSuspendedBefore ? '' : '; the scheduler it had suspended is resumed';
    }
  }
  return `${r.holder} of ${r.process} process ${r.pid} ended without releasing the engine (held since ${r.since})${undone}`;
}

/** Holds at most one lock per data directory across processes; notifies a listener on every change in this process. */
export class EngineLockManager {
  private current: LockRecord | null = null;
  private readonly file: string | null;

  /**
   * @param home the data directory whose lock file is shared with other processes (null: this process only)
   * @param processKind the host program, named in the lock for other processes to show
   * @param log receives the message when a dead holder's lock is taken over
   */
  constructor(
    home: string | null = null,
    private readonly onChange: (lock: EngineLock | null) => void = () => {},
    private readonly processKind = 'engine',
    private readonly log: (message: string) => void = () => {},
  ) {
    this.file = home ? path.join(home, ENGINE_LOCK_FILE) : null;
  }

  /** The current holder (in this process or another one), or null. */
  get(): EngineLock | null {
    if (this.current) return { holder: this.current.holder, kind: this.current.kind, since: this.current.since };
    if (!this.file) return null;
    const r = readRecord(this.file);
    return r && !dead(r) ? asSeen(r) : null;
  }

  /** Takes the lock or throws EngineBusyError naming the holder; returns the release function. */
  acquire(holder: string, kind: EngineLock['kind'], options: AcquireOptions = {}): () => void {
    if (this.current) throw new EngineBusyError(this.get()!);
    const record: LockRecord = {
      holder, kind, since: new Date().toISOString(), pid: process.pid, hostname: os.hostname(), process: this.processKind,
      ...(options.schedulerSuspendedBefore !== undefined ? { schedulerSuspendedBefore: options.schedulerSuspendedBefore } : {}),
    };
    if (this.file) this.takeFile(record);
    this.current = record;
    this.onChange(this.get());
    return () => {
      if (this.current !== record) return;
      this.current = null;
      if (this.file && readRecord(this.file)?.since === record.since && readRecord(this.file)?.pid === process.pid) fs.rmSync(this.file, { force: true });
      this.onChange(null);
    };
  }

  private takeFile(record: LockRecord): void {
    const file = this.file!;
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // Written whole under a temporary name, then linked into place: linking fails when the lock exists, so the
    // lock file appears atomically with its content and no reader ever sees it half-written.
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(record), { mode: 0o600 });
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          fs.linkSync(tmp, file);
          return;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        }
        const other = readRecord(file);
        if (!dead(other)) throw new EngineBusyError(asSeen(other!));
        const message = recoverAbandonedLock(path.dirname(file));
        if (message) this.log(message);
      }
    } finally {
      fs.rmSync(tmp, { force: true });
    }
    const last = readRecord(file);
    throw last ? new EngineBusyError(asSeen(last)) : new Error(`Could not take the engine lock ${file}`);
  }
}
