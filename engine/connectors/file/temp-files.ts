// Temporary files of atomic writes are named `.<file>.<pid>.<hex>.tmp`, so that the ones a killed process left
// behind can be told from the ones a running process is still writing.
import { randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { processAlive } from '../../model/process-alive.ts';

/** A fresh temporary path beside `path`. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Removes the temporary files in `dir` whose target file `isOurs` accepts and whose writing process is gone;
 * returns their names.
 */
export async function removeAbandonedTemps(dir: string, isOurs: (target: string) => boolean): Promise<string[]> {
  const removed: string[] = [];
  for (const entry of await readdir(dir).catch(() => [] as string[])) {
    const m = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/.exec(entry);
    if (!m || !isOurs(m[1]) || processAlive(Number(m[2]))) continue;
    await rm(join(dir, entry), { force: true });
    removed.push(entry);
  }
  return removed;
}
