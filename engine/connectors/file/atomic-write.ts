// Replaces a file atomically: write a temporary file in the same directory, fsync it, rename it over the target.
import { open, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/** Writes the pieces `produce` hands to `write` into `path`; readers see the old or the new file, never a mix. */
export async function writeFileAtomic(path: string, produce: (write: (text: string) => Promise<void>) => Promise<void>): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx');
  let pending: string[] = [];
  let size = 0;
  const flush = async (): Promise<void> => {
    if (!pending.length) return;
    const text = pending.join('');
    pending = [];
    size = 0;
    await handle.write(text);
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
