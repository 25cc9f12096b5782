// The data-directory lock: a second engine refuses to start; a dead holder's lock is taken over.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireHostLock, HOST_LOCK_FILE, HostLockError } from './host-lock.ts';

const dirs: string[] = [];
function home(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-lock-'));
  dirs.push(d);
  return d;
}
afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });

describe('host lock', () => {
  it('refuses a second holder while the first lives, naming it', () => {
    const h = home();
    const first = acquireHostLock(h, 'web');
    expect(() => acquireHostLock(h, 'desktop')).toThrow(HostLockError);
    expect(() => acquireHostLock(h, 'desktop')).toThrow(new RegExp(`IdSync \\(web, process ${process.pid} on .+\\)`));
    first.release();
    const second = acquireHostLock(h, 'desktop');
    expect(second.info.holder).toBe('desktop');
    second.release();
    expect(fs.existsSync(path.join(h, HOST_LOCK_FILE))).toBe(false);
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    const h = home();
    const child = spawn(process.execPath, ['-e', '0']);
    const pid = child.pid!;
    await new Promise((r) => child.on('exit', r));
    fs.writeFileSync(path.join(h, HOST_LOCK_FILE), JSON.stringify({ pid, hostname: os.hostname(), holder: 'web', since: '2026-01-01T00:00:00Z' }));
    const lock = acquireHostLock(h, 'cli');
    expect(JSON.parse(fs.readFileSync(lock.file, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('trusts a lock held from another machine', () => {
    const h = home();
    fs.writeFileSync(path.join(h, HOST_LOCK_FILE), JSON.stringify({ pid: 1, hostname: `${os.hostname()}-other`, holder: 'web', since: 'x' }));
    expect(() => acquireHostLock(h, 'cli')).toThrow(/on .*-other/);
  });

  it('does not remove a lock that another process holds when asked to release', () => {
    const h = home();
    const lock = acquireHostLock(h, 'web');
    fs.writeFileSync(lock.file, JSON.stringify({ pid: 1, hostname: 'elsewhere', holder: 'web', since: 'x' }));
    lock.release();
    expect(fs.existsSync(lock.file)).toBe(true);
  });
});
