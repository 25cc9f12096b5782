// One engine (and so one scheduler) per data directory: the first host takes `engine.lock` (PID + host
// name); a second host sees a live holder and refuses to start instead of running a second scheduler.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { processAlive } from '../model/process-alive.ts';

export const HOST_LOCK_FILE = 'engine.lock';

export interface HostLockInfo {
  readonly pid: number;
  readonly hostname: string;
  /** Which host program holds it (web, desktop, cli). */
  readonly holder: string;
  readonly since: string;
}

/** Raised when another live process holds the data directory; the message says who and what to do. */
export class HostLockError extends Error {
  override readonly name = 'HostLockError';
  constructor(readonly holderInfo: HostLockInfo, readonly file: string) {
    super(
      `The data directory is in use by IdSync (${holderInfo.holder}, process ${holderInfo.pid} on ${holderInfo.hostname}, since ${holderInfo.since}). ` +
        `Only one engine may run its scheduler on a data directory: stop that process, or use another data directory (--home). Lock file: ${file}`,
    );
  }
}

export interface HostLock {
  readonly file: string;
  readonly info: HostLockInfo;
  /** Removes the lock file if it is still ours. */
  release(): void;
}


function readLock(file: string): HostLockInfo | null {
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<HostLockInfo>;
    if (typeof v.pid === 'number' && typeof v.hostname === 'string') return { pid: v.pid, hostname: v.hostname, holder: String(v.holder ?? 'unknown'), since: String(v.since ?? '') };
  } catch {
    // Missing or half-written: treated as no holder.
  }
  return null;
}

/**
 * Takes the data-directory lock for this process or throws HostLockError. A lock left by a dead process on
 * this machine is taken over. A lock held from another machine (a shared directory) is trusted as live,
 * since its process cannot be checked from here.
 */
export function acquireHostLock(home: string, holder: string, now: () => Date = () => new Date()): HostLock {
  fs.mkdirSync(home, { recursive: true });
  const file = path.join(home, HOST_LOCK_FILE);
  const info: HostLockInfo = { pid: process.pid, hostname: os.hostname(), holder, since: now().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(info), { flag: 'wx' });
      return {
        file, info,
        release() {
          const current = readLock(file);
          if (current && current.pid === info.pid && current.hostname === info.hostname) fs.rmSync(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const existing = readLock(file);
    if (existing && existing.pid === process.pid && existing.hostname === os.hostname()) {
      throw new HostLockError(existing, file);
    }
    if (existing && (existing.hostname !== os.hostname() || processAlive(existing.pid))) throw new HostLockError(existing, file);
    // Stale (dead process on this machine, or unreadable): remove and retry the exclusive create.
    fs.rmSync(file, { force: true });
  }
  const last = readLock(file);
  if (last) throw new HostLockError(last, file);
  throw new Error(`Could not take the data-directory lock ${file}`);
}
