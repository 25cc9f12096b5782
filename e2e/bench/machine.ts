// Describes the machine a run happened on, so figures can be read against their hardware.
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { engineHeapMb } from '../../engine/host/heap-budget.ts';
import type { Machine } from './result.ts';

/** Runs git in `cwd` and returns its trimmed output, or undefined when git is unavailable. */
function git(cwd: string, args: readonly string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** CPU, memory, OS, node version and git commit of this machine and checkout. */
export function describeMachine(repoRoot: string): Machine {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: os.availableParallelism?.() ?? cpus.length,
    memoryBytes: os.totalmem(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    heapCapMb: engineHeapMb(),
    gitCommit: git(repoRoot, ['rev-parse', '--short=12', 'HEAD']) ?? 'unknown',
    // Only tracked changes matter; other people's untracked files do not change what ran.
    gitDirty: (git(repoRoot, ['status', '--porcelain', '--untracked-files=no']) ?? '') !== '',
  };
}
