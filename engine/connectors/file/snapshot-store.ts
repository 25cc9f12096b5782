// Digests of the last import per anchor, kept in small files in the state directory; the watermark names one.
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { WatermarkExpiredError } from '../contract.ts';
import { removeAbandonedTemps, tempPathFor } from './temp-files.ts';
import { readLines, readTextChunks } from './text-source.ts';

const SUFFIX = '.snapshot';
const ID = /^[0-9a-z]+-[0-9a-f]+$/;
/** Snapshots kept: the newest plus older ones a not-yet-committed watermark may still name. */
const KEEP = 3;
const FLUSH_AT = 1 << 20;
/** Anchor of the first line, which carries the configuration fingerprint instead of a digest. */
const HEADER = '#configuration';

/** Writes a new snapshot line by line; `commit` makes it visible under its id. */
export class SnapshotWriter {
  readonly id = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  private handle: FileHandle | undefined;
  private buffer: string[] = [];
  private size = 0;

  /** `fingerprint` names the configuration the digests were made with (see `readingFingerprint`). */
  constructor(
    private readonly stateDir: string,
    fingerprint: string,
  ) {
    this.tempPath = tempPathFor(join(stateDir, this.id + SUFFIX));
    this.add(HEADER, fingerprint);
  }

  private readonly tempPath: string;

  /** Records the digest of one anchor (buffered; see `spill`). */
  add(anchor: string, digest: string): void {
    const line = `${digest}\t${JSON.stringify(anchor)}\n`;
    this.buffer.push(line);
    this.size += line.length;
  }

  /** Writes the buffer out once it has grown large. */
  async spill(): Promise<void> {
    if (this.size >= FLUSH_AT) await this.flush();
  }

  private async flush(): Promise<void> {
    try {
      if (!this.handle) {
        await mkdir(this.stateDir, { recursive: true });
        this.handle = await open(this.tempPath, 'w');
      }
      if (this.buffer.length) await this.handle.write(this.buffer.join(''));
    } catch (err) {
      throw new Error(`cannot write the delta-import state in ${this.stateDir}: ${(err as Error).message}`);
    }
    this.buffer = [];
    this.size = 0;
  }

  /** Makes the snapshot durable, publishes it and prunes old ones; returns its id (the watermark). */
  async commit(): Promise<string> {
    await this.flush();
    await this.handle!.sync();
    await this.handle!.close();
    this.handle = undefined;
    await rename(this.tempPath, join(this.stateDir, this.id + SUFFIX));
    await prune(this.stateDir);
    return this.id;
  }

  /** Drops an unfinished snapshot. */
  async abort(): Promise<void> {
    await this.handle?.close().catch(() => undefined);
    this.handle = undefined;
    // Cleanup must never hide the error that made the import stop.
    await rm(this.tempPath, { force: true }).catch(() => undefined);
  }
}

/** Digest and anchor of one snapshot entry, kept as one string to stay compact. */
export interface SnapshotEntry {
  readonly anchor: string;
  readonly digest: string;
}

/**
 * Loads a snapshot keyed by `keyOf(anchor)`. A missing or malformed id, or a snapshot made with another reading
 * configuration (whose anchors or digests would not compare), means the watermark expired.
 */
export async function loadSnapshot(stateDir: string, id: string, fingerprint: string, keyOf: (anchor: string) => string): Promise<Map<string, string>> {
  const path = join(stateDir, id + SUFFIX);
  if (!ID.test(id) || !(await stat(path).catch(() => undefined))) {
    throw new WatermarkExpiredError(`the snapshot "${id}" of the last import is gone; run a full import`);
  }
  const map = new Map<string, string>();
  let first = true;
  for await (const { text } of readLines(readTextChunks(path, new Set()))) {
    if (!text) continue;
    const tab = text.indexOf('\t');
    const anchor = JSON.parse(text.slice(tab + 1)) as string;
    if (first) {
      first = false;
      if (anchor !== HEADER || text.slice(0, tab) !== fingerprint) {
        throw new WatermarkExpiredError('the file connector configuration changed since the last import; run a full import');
      }
      continue;
    }
    map.set(keyOf(anchor), text);
  }
  return map;
}

/** Splits a loaded snapshot value into digest and anchor. */
export function snapshotEntry(value: string): SnapshotEntry {
  const tab = value.indexOf('\t');
  return { digest: value.slice(0, tab), anchor: JSON.parse(value.slice(tab + 1)) as string };
}

/** Removes the unfinished snapshots of imports that were killed; returns their names. */
export function removeSnapshotTemps(stateDir: string): Promise<string[]> {
  return removeAbandonedTemps(stateDir, (target) => target.endsWith(SUFFIX) && ID.test(target.slice(0, -SUFFIX.length)));
}

async function prune(stateDir: string): Promise<void> {
  const names = (await readdir(stateDir)).filter((n) => n.endsWith(SUFFIX)).sort();
  for (const name of names.slice(0, Math.max(0, names.length - KEEP))) await rm(join(stateDir, name), { force: true });
}
