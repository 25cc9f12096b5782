// Exactly-once export to files. Before a batch touches the export file, a journal beside it names the batch's
// changes and what the file will be once they are written. If the process dies after the write but before the
// engine recorded the results, the engine sends the same changes again; the journal shows they are already in
// the file, so they are reported as done instead of being written twice.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, stat, truncate } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Stats } from 'node:fs';
import type { ExportChange, ExportResult } from '../contract.ts';
import { writeFileAtomic, type WrittenFile } from './atomic-write.ts';
import { processAlive } from '../../model/process-alive.ts';
import { pauseForCrashTest } from './test-pause.ts';
import { valueKey } from './value-codec.ts';

/** One change of the journaled batch: its connector space id, a digest of its content, and the result reported. */
export interface JournalChange {
  readonly csId: string;
  readonly key: string;
  readonly result: ExportResult;
}

/**
 * `append` (LDIF): `length` bytes with SHA-256 `digest` are appended at `offset`.
 * `rewrite` (CSV, JSON): the file is replaced by one of `size` bytes with `digest`, first seen with `stamp`.
 */
export type Journal =
  | {
      readonly version: 1;
      readonly kind: 'append';
      /** The process appending: a cut-short append is only repaired once its writer is gone. */
      readonly pid: number;
      readonly offset: number;
      readonly length: number;
      readonly digest: string;
      readonly changes: readonly JournalChange[];
    }
  | { readonly version: 1; readonly kind: 'rewrite'; readonly size: number; readonly digest: string; readonly stamp: string; readonly changes: readonly JournalChange[] };

/** Results of the changes already in the file, by `doneKey`. */
export type DoneChanges = ReadonlyMap<string, ExportResult>;

/** The journal of an export file: a hidden file beside it. */
export function journalPath(exportPath: string): string {
  return join(dirname(exportPath), `.${basename(exportPath)}.journal`);
}

/** A digest of everything a change asks for, so that only the very same change counts as already written. */
export function changeKey(change: ExportChange): string {
  // The JSON text of [op, objectType, dn, newDn, anchor, [[attribute, op, [valueKey…]]…]], hashed piece by piece:
  // a group's member list is never copied into one array of keys and one string.
  const hash = createHash('sha256');
  hash.update(JSON.stringify([change.op, change.objectType, change.dn, change.newDn ?? null, change.anchor]).slice(0, -1) + ',[');
  change.changes.forEach((c, i) => {
    hash.update(`${i ? ',' : ''}${JSON.stringify([c.attribute, c.op]).slice(0, -1)},[`);
    c.values.forEach((v, j) => hash.update((j ? ',' : '') + JSON.stringify(valueKey(v))));
    hash.update(']]');
  });
  return hash.update(']]').digest('base64url').slice(0, 22);
}

/** The key under which a change is looked up in `DoneChanges`. */
export function doneKey(csId: string, key: string): string {
  return `${csId}\0${key}`;
}

/** The journal entries for the successful results of a batch (`keys[i]` belongs to `results[i]`). */
export function journalChanges(results: readonly ExportResult[], keys: readonly string[]): JournalChange[] {
  return results.flatMap((result, i) => (result.ok ? [{ csId: result.csId, key: keys[i], result }] : []));
}

/** Writes the journal durably (it must be on disk before the export file is touched). */
async function writeJournal(exportPath: string, journal: Journal): Promise<void> {
  await writeFileAtomic(journalPath(exportPath), async (write) => write(JSON.stringify(journal)));
}

/** Export files this process is appending to right now. */
const appending = new Set<string>();

/**
 * Appends `bytes` at `offset` (the file's current size) in one fsynced write, journaled first. A failed write
 * is cut back to `offset`, so the file never keeps half a batch.
 */
export async function appendJournaled(exportPath: string, offset: number, bytes: Buffer, changes: readonly JournalChange[]): Promise<void> {
  const digest = createHash('sha256').update(bytes).digest('hex');
  await writeJournal(exportPath, { version: 1, kind: 'append', pid: process.pid, offset, length: bytes.length, digest, changes });
  await pauseForCrashTest('after-journal');
  const key = resolve(exportPath);
  appending.add(key);
  try {
    const handle = await open(exportPath, 'a');
    try {
      await handle.write(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (err) {
    await truncate(exportPath, offset).catch(() => undefined);
    throw err;
  } finally {
    appending.delete(key);
  }
  await pauseForCrashTest('after-write');
}

/**
 * Replaces the export file through `rewrite` (an atomic write that calls the hook it is given once the new content
 * is durable and before it replaces the old file); the journal is written in that hook.
 */
export async function rewriteJournaled(
  exportPath: string,
  changes: readonly JournalChange[],
  rewrite: (beforeRename: (written: WrittenFile) => Promise<void>) => Promise<void>,
): Promise<void> {
  await rewrite(async ({ tempPath, size, digest }) => {
    const stamp = statStamp(await stat(tempPath));
    await writeJournal(exportPath, { version: 1, kind: 'rewrite', size, digest, stamp, changes });
    await pauseForCrashTest('after-journal');
  });
  await pauseForCrashTest('after-write');
}

/** File identity: changes whenever the file is replaced or written. */
export function statStamp(s: Stats): string {
  return `${s.ino}:${s.size}:${s.mtimeMs}`;
}

/**
 * Compares the journal with the export file and returns the changes of the journaled batch that are in the file.
 * An LDIF append cut short (a crash in the middle of the write) is truncated back to where it started, so the
 * file again ends with whole records.
 */
export async function recoverJournal(exportPath: string): Promise<DoneChanges> {
  const journal = await readJournal(exportPath);
  const done = new Map<string, ExportResult>();
  if (!journal) return done;
  const s = await stat(exportPath).catch(() => undefined);
  let landed = false;
  if (journal.kind === 'append') {
    const size = s?.size ?? 0;
    const end = journal.offset + journal.length;
    if (size === end) landed = (await rangeDigest(exportPath, journal.offset, journal.length)) === journal.digest;
    else if (size > journal.offset && size < end && writerGone(journal.pid, exportPath)) await truncate(exportPath, journal.offset);
  } else if (s) {
    landed = statStamp(s) === journal.stamp || (s.size === journal.size && (await rangeDigest(exportPath, 0, s.size)) === journal.digest);
  }
  if (landed) for (const c of journal.changes) done.set(doneKey(c.csId, c.key), c.result);
  return done;
}

function writerGone(pid: number, exportPath: string): boolean {
  return pid === process.pid ? !appending.has(resolve(exportPath)) : !processAlive(pid);
}

async function readJournal(exportPath: string): Promise<Journal | undefined> {
  const text = await readFile(journalPath(exportPath), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const journal = JSON.parse(text) as Journal;
    return journal?.version === 1 && Array.isArray(journal.changes) ? journal : undefined;
  } catch {
    // A journal that cannot be read promises nothing; the batch is written as if there were none.
    return undefined;
  }
}

async function rangeDigest(path: string, offset: number, length: number): Promise<string> {
  const hash = createHash('sha256');
  if (length > 0) for await (const chunk of createReadStream(path, { start: offset, end: offset + length - 1 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
