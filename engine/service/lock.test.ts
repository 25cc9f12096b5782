// The engine lock across processes: a live holder elsewhere is named, a dead one is replaced and what it left
// suspended is put back, and an abandoned wizard lets go of the engine after its idle time.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiService } from './service.ts';
import { ENGINE_LOCK_FILE, EngineBusyError, EngineLockManager, recoverAbandonedLock } from './lock.ts';
import { SettingsFile } from '../scheduler/settings-file.ts';

const dirs: string[] = [];
const children: ChildProcess[] = [];
const services: ApiService[] = [];
function home(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-oplock-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  for (const s of services.splice(0)) await s.close();
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A live process that is not this one, to stand for another IdSync process. */
function otherProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  children.push(child);
  return new Promise((resolve) => child.once('spawn', () => resolve(child)));
}

function writeLock(h: string, record: Record<string, unknown>): void {
  fs.writeFileSync(path.join(h, ENGINE_LOCK_FILE), JSON.stringify({ hostname: os.hostname(), since: '2024-01-01T00:00:00.000Z', ...record }));
}

describe('engine lock across processes', () => {
  it('refuses while another live process holds it, naming the holder and that process', async () => {
    const h = home();
    const other = await otherProcess();
    writeLock(h, { pid: other.pid, holder: 'Installation wizard', kind: 'wizard', process: 'web' });
    const lock = new EngineLockManager(h, undefined, 'cli');
    expect(() => lock.acquire('run hr/Full Import', 'run')).toThrow(EngineBusyError);
    expect(() => lock.acquire('run hr/Full Import', 'run')).toThrow(`The engine is busy: Installation wizard (web process ${other.pid}) (wizard)`);
    expect(lock.get()).toMatchObject({ holder: `Installation wizard (web process ${other.pid})`, kind: 'wizard' });
  });

  it('is shared by two lock managers on one data directory and released for the next holder', () => {
    const h = home();
    const a = new EngineLockManager(h, undefined, 'web');
    const b = new EngineLockManager(h, undefined, 'cli');
    const release = a.acquire('run hr/Export', 'run');
    expect(() => b.acquire('configuration import', 'maintenance')).toThrow(/busy: run hr\/Export \(web process \d+\)/);
    release();
    expect(fs.existsSync(path.join(h, ENGINE_LOCK_FILE))).toBe(false);
    b.acquire('configuration import', 'maintenance')();
  });

  it('takes over the lock of a dead holder and resumes the scheduler the dead wizard had suspended', async () => {
    const h = home();
    const other = await otherProcess();
    const pid = other.pid!;
    other.kill('SIGKILL');
    await new Promise((resolve) => other.once('exit', resolve));
    new SettingsFile(h).update((s) => ({ ...s, schedulerSuspended: true }));
    writeLock(h, { pid, holder: 'Installation wizard', kind: 'wizard', process: 'web', schedulerSuspendedBefore: false });
    const logged: string[] = [];
    const lock = new EngineLockManager(h, undefined, 'cli', (m) => logged.push(m));
    lock.acquire('run hr/Full Import', 'run')();
    expect(logged).toEqual([`Installation wizard of web process ${pid} ended without releasing the engine (held since 2024-01-01T00:00:00.000Z); the scheduler it had suspended is resumed`]);
    expect(new SettingsFile(h).load().schedulerSuspended).toBe(false);
  });

  it('keeps a suspension the administrator had set before the wizard opened', async () => {
    const h = home();
    new SettingsFile(h).update((s) => ({ ...s, schedulerSuspended: true }));
    writeLock(h, { pid: 2 ** 22 + 12345, holder: 'Installation wizard', kind: 'wizard', process: 'web', schedulerSuspendedBefore: true });
    expect(recoverAbandonedLock(h)).toMatch(/ended without releasing the engine \(held since [^)]+\)$/);
    expect(new SettingsFile(h).load().schedulerSuspended).toBe(true);
  });
});

describe('at start and while open', () => {
  it('a host starting after a killed wizard resumes the scheduler and says so in its log', async () => {
    const h = home();
    new SettingsFile(h).update((s) => ({ ...s, schedulerSuspended: true }));
    writeLock(h, { pid: 2 ** 22 + 54321, holder: 'Installation wizard', kind: 'wizard', process: 'desktop', schedulerSuspendedBefore: false });
    const service = new ApiService({ home: h, host: 'cli' });
    services.push(service);
    const logs = await service.dispatch('system.recentLogs', { limit: 10 });
    expect(logs).toContainEqual(expect.objectContaining({ level: 'warn', message: expect.stringMatching(/^Installation wizard of desktop process \d+ ended without releasing the engine .*; the scheduler it had suspended is resumed$/) }));
    expect(new SettingsFile(h).load().schedulerSuspended).toBe(false);
    expect((await service.dispatch('system.status', {})).lock).toBeNull();
  });

  it('an open wizard with no activity for its idle time is cancelled and frees the engine', async () => {
    const h = home();
    const service = new ApiService({ home: h, host: 'cli', wizardIdleMs: 300 });
    services.push(service);
    await service.dispatch('wizard.open', {});
    expect((await service.dispatch('system.status', {})).lock).toMatchObject({ holder: 'Installation wizard', kind: 'wizard' });
    expect(new SettingsFile(h).load().schedulerSuspended).toBe(true);
    // Activity keeps it open.
    await new Promise((r) => setTimeout(r, 200));
    await service.dispatch('wizard.get', {});
    await new Promise((r) => setTimeout(r, 200));
    expect((await service.dispatch('system.status', {})).lock).not.toBeNull();
    await new Promise((r) => setTimeout(r, 500));
    expect((await service.dispatch('system.status', {})).lock).toBeNull();
    expect(fs.existsSync(path.join(h, ENGINE_LOCK_FILE))).toBe(false);
    expect(new SettingsFile(h).load().schedulerSuspended).toBe(false);
    const logs = await service.dispatch('system.recentLogs', { limit: 10 });
    expect(logs).toContainEqual(expect.objectContaining({ source: 'wizard', level: 'warn', message: expect.stringContaining('without activity and was cancelled') }));
  });
});
