// Test support: the CLI bundled into one ESM file (packages stay external), so tests can start and kill
// real CLI processes without paying the TypeScript loader's start-up time each time.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** Builds the bundle (two folders below the repository root, where the CLI finds package.json); returns its path. */
export async function bundleCli(): Promise<{ file: string; remove(): void }> {
  const dir = path.join(repoRoot, 'dist', `.cli-test-${process.pid}`);
  const file = path.join(dir, 'cli.mjs');
  await build({ entryPoints: [path.join(repoRoot, 'engine/cli/main.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: file, logLevel: 'error' });
  return { file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Starts the CLI with arguments. */
export function startCli(file: string, home: string, args: readonly string[]): ChildProcess {
  return spawn(process.execPath, [file, '--home', home, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs the CLI to the end; returns exit code and output. */
export function runCli(file: string, home: string, args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = startCli(file, home, args);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
