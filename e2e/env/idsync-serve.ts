// Starts `idsync serve` as a child process on a free loopback port with a fresh data directory.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

export interface ServedConsole {
  readonly origin: string;
  readonly url: string;
  readonly token: string;
  readonly home: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export interface ServeOptions {
  /** Use this data directory instead of a fresh one. */
  readonly home?: string;
  /** Extra CLI arguments before `serve` (e.g. a prepared workspace). */
  readonly env?: Record<string, string>;
}

/** Starts the headless host and resolves once it printed its URL. */
export async function startServe(options: ServeOptions = {}): Promise<ServedConsole> {
  const home = options.home ?? fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-e2e-'));
  const token = crypto.randomBytes(16).toString('hex');
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'idsync'), '--home', home, 'serve', '--json'], {
    cwd: repoRoot,
    env: { ...process.env, ...options.env, IDSYNC_TOKEN: token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`idsync serve did not start in time: ${stderr}`)), 60_000);
    child.stdout!.on('data', (d) => {
      out += String(d);
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, nl));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`idsync serve exited with ${code}: ${stderr}`));
    });
  });
  const { url } = JSON.parse(line) as { url: string };
  const origin = new URL(url).origin;
  return {
    origin,
    url,
    token,
    home,
    process: child,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
