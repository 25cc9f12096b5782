// Writes the cycle's generated source file in a child process: the generator's garbage then dies with that process
// instead of staying in the resident set of the process that runs the engine, where it would be counted as the
// engine's memory in the step that follows.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { GenerateOptions } from '../env/generate/identities.ts';

/** What was written. */
export interface WrittenSource {
  readonly users: number;
  readonly groups: number;
}

const WRITER = fileURLToPath(new URL('./write-source-main.ts', import.meta.url));

/** Writes the JSON source file of `options` at `path` from a child process; resolves when the file is complete. */
export async function writeSourceApart(path: string, options: GenerateOptions): Promise<WrittenSource> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', WRITER, JSON.stringify({ path, options })], { maxBuffer: 1 << 20 });
    return JSON.parse(stdout) as WrittenSource;
  } catch (err) {
    throw new Error(`the source generator failed to write ${path}: ${(err as Error).message}`);
  }
}
