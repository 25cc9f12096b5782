// Who holds the data directory (the host running its scheduler), read from its lock file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HOST_LOCK_FILE } from '../../scheduler/host-lock.ts';
import { processAlive } from '../../model/process-alive.ts';

export interface HostLockHolderInfo {
  readonly pid: number;
  readonly hostname: string;
  readonly holder: string;
  readonly since: string;
}

/** The live holder of `home`'s lock, or null (no lock, or one left by a process that has ended on this machine). */
export function hostLockHolder(home: string): HostLockHolderInfo | null {
  let v: Partial<HostLockHolderInfo>;
  try {
    v = JSON.parse(fs.readFileSync(path.join(home, HOST_LOCK_FILE), 'utf8')) as Partial<HostLockHolderInfo>;
  } catch {
    return null;
  }
  if (typeof v.pid !== 'number' || typeof v.hostname !== 'string') return null;
  if (v.hostname === os.hostname() && !processAlive(v.pid)) return null;
  return { pid: v.pid, hostname: v.hostname, holder: String(v.holder ?? 'unknown'), since: String(v.since ?? '') };
}
