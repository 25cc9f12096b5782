// The command line next to a served console: the same data directory, another process.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../env/idsync-serve.ts';

const bin = path.join(repoRoot, 'bin', 'idsync');

/** Runs `idsync --home HOME ...args` to its end; throws with its output when it fails. */
export function idsync(home: string, args: readonly string[]): string {
  const r = spawnSync(process.execPath, [bin, '--home', home, ...args], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`idsync ${args.join(' ')} exited with ${r.status}: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

/** Runs `idsync --home HOME ...args --json` and parses its output. */
export function idsyncJson<T>(home: string, args: readonly string[]): T {
  return JSON.parse(idsync(home, [...args, '--json'])) as T;
}

/** Starts `idsync --home HOME ...args` without waiting; resolves with its exit code and output when it ends. */
export function idsyncInBackground(home: string, args: readonly string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [bin, '--home', home, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += String(d)));
  child.stderr.on('data', (d) => (output += String(d)));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

/** A CSV file of `rows` people for a file connector (employeeID, displayName, sn). */
export function bigCsv(rows: number): string {
  const lines = ['employeeID,displayName,sn'];
  for (let i = 1; i <= rows; i++) lines.push(`${100000 + i},Big ${i},Sn${i}`);
  return `${lines.join('\n')}\n`;
}
