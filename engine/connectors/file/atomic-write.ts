// Replaces a file atomically: write a temporary file in the same directory, fsync it, rename it over the target.
import { createHash } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { tempPathFor } from './temp-files.ts';

/** What was written to the temporary file, handed to `beforeRename`. */
export interface WrittenFile {
  readonly tempPath: string;
  readonly size: number;
  /** SHA-256 of the content, hex. */
  readonly digest: string;
}

/**
 * Writes the pieces `produce` hands to `write` into `path`; readers see the old or the new file, never a mix.
 * `beforeRename` runs once the new content is durable and before it replaces the old file.
 */
export async function writeFileAtomic(
  path: string,
  produce: (write: (text: string) => Promise<void>) => Promise<void>,
  beforeRename?: (written: WrittenFile) => Promise<void>,
): Promise<void> {
  const dir = dirname(path);
  const temp = tempPathFor(path);
  const handle = await open(temp, 'wx');
  const hash = createHash('sha256');
  let pending: string[] = [];
  let size = 0;
  let total = 0;
  const flush = async (): Promise<void> => {
    if (!pending.length) return;
    const bytes = Buffer.from(pending.join(''), 'utf8');
    pending = [];
    size = 0;
    hash.update(bytes);
    total += bytes.length;
    await handle.write(bytes);
  };
  try {
    await produce(async (text) => {
      pending.push(text);
      size += text.length;
      if (size >= 1 << 20) await flush();
    });
    await flush();
    await handle.sync();
    await handle.close();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
  try {
    await beforeRename?.({ tempPath: temp, size: total, digest: hash.digest('hex') });
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
  // The rename itself is durable only once the directory entry is flushed.
  const d = await open(dir, 'r').catch(() => undefined);
  await d?.sync().catch(() => undefined);
  await d?.close();
}
