// Starts a private PostgreSQL server on a free loopback port, in its own temporary directory.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../slapd/free-port.ts';
import { findPostgres } from './find-postgres.ts';

const run = promisify(execFile);

export interface StartPostgresOptions {
  /** Skip fsync and full-page writes (much faster; test data only). Default true. */
  readonly nosync?: boolean;
  /** Default 200: a test run opens one connection per open store. */
  readonly maxConnections?: number;
}

export interface PostgresInstance {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`; trust authentication, so no password. */
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  readonly pid: number;
  /** Stops the server (SIGINT, a fast shutdown, by PID) and removes its directory. */
  stop(): Promise<void>;
}

interface RunAs {
  readonly uid: number;
  readonly gid: number;
}

const READY_TIMEOUT_MS = 30_000;

// A test process that forgets stop() must not leave servers behind.
const running = new Map<number, string>();
let exitHookInstalled = false;
function track(pid: number, dir: string): void {
  running.set(pid, dir);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const [p, d] of running) {
      try {
        process.kill(p, 'SIGQUIT');
      } catch {
        /* already gone */
      }
      rmSync(d, { recursive: true, force: true });
    }
  });
}

/** Initialises a cluster in a temporary directory, starts `postgres` and waits until it accepts connections. */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresInstance> {
  const found = findPostgres();
  if ('missing' in found) throw new Error(`cannot start PostgreSQL: missing ${found.missing}`);
  const runAs = await unprivilegedUser();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'idsync-pg-'));
  try {
    if (runAs) await chown(dir, runAs.uid, runAs.gid);
    const data = path.join(dir, 'data');
    await run(found.initdb, ['-D', data, '--locale=C', '-E', 'UTF8', '--auth=trust', '-U', 'postgres', '--no-sync'], {
      cwd: dir,
      env: { ...process.env, LC_ALL: 'C' },
      ...(runAs ?? {}),
    });
    const settings = ['-c', `max_connections=${options.maxConnections ?? 200}`];
    if (options.nosync ?? true) settings.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
    // A port taken between freePort() and the server's bind makes postgres exit: try another one.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const child = spawn(found.postgres, ['-D', data, '-h', '127.0.0.1', '-p', String(port), '-k', dir, ...settings], {
        cwd: dir,
        env: { ...process.env, LC_ALL: 'C' },
        stdio: ['ignore', 'ignore', 'pipe'],
        ...(runAs ?? {}),
      });
      const log: string[] = [];
      child.stderr!.setEncoding('utf8').on('data', (text: string) => log.push(text));
      const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const ready = await Promise.race([waitUntilReady(url), exited.then(() => false)]);
      if (ready && child.pid) {
        track(child.pid, dir);
        return { url, port, dir, pid: child.pid, stop: () => stop(child, exited, dir) };
      }
      if (child.exitCode === null) await stop(child, exited, dir);
      const tail = log.join('').trim().split('\n').slice(-5).join('\n');
      if (attempt >= 3 || !/could not (bind|create listen)/i.test(tail)) {
        throw new Error(`PostgreSQL ${found.version} did not start on 127.0.0.1:${port}:\n${tail || '(no output)'}`);
      }
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** PostgreSQL refuses to run as root: as root, the server runs as the `postgres` system user. */
async function unprivilegedUser(): Promise<RunAs | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const passwd = await readFile('/etc/passwd', 'utf8');
  const line = passwd.split('\n').find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('PostgreSQL refuses to run as root and there is no `postgres` system user to run it as');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

async function waitUntilReady(url: string): Promise<boolean> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`PostgreSQL at ${url} does not accept connections: ${String(error)}`);
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

async function stop(child: ChildProcess, exited: Promise<number | null>, dir: string): Promise<void> {
  const pid = child.pid;
  if (pid !== undefined && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
  if (pid !== undefined) running.delete(pid);
  await rm(dir, { recursive: true, force: true });
}
