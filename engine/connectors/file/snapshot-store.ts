// Digests of the last import per anchor, one small SQLite file per snapshot in the state directory; the watermark
// names one. The import looks each anchor up in the previous snapshot and writes the new one as it reads the file,
// so it holds no per-object state in memory whatever the size of the file.
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { WatermarkExpiredError } from '../contract.ts';
import { removeAbandonedTemps, tempPathFor } from './temp-files.ts';

const SUFFIX = '.snapshot';
const ID = /^[0-9a-z]+-[0-9a-f]+$/;
/** Snapshots kept: the newest plus older ones a not-yet-committed watermark may still name. */
const KEEP = 3;
/** Page cache of the snapshot connection (KiB): lookups and inserts go mostly in anchor order. */
const CACHE_KIB = 4096;

/** Digest and anchor of one snapshot entry. */
export interface SnapshotEntry {
  readonly anchor: string;
  readonly digest: string;
}

/** An entry with its comparison key (the anchor, or the DN key of a DN anchor). */
export interface KeyedSnapshotEntry extends SnapshotEntry {
  readonly key: string;
}

/**
 * Checks that the snapshot `id` exists and was made under the reading configuration `fingerprint`; returns its path.
 * A missing, malformed or unreadable snapshot, or one made under another configuration (whose anchors or digests
 * would not compare), means the watermark expired.
 */
export async function previousSnapshot(stateDir: string, id: string, fingerprint: string): Promise<string> {
  const path = join(stateDir, id + SUFFIX);
  if (!ID.test(id) || !(await stat(path).catch(() => undefined))) {
    throw new WatermarkExpiredError(`the snapshot "${id}" of the last import is gone; run a full import`);
  }
  let made: string | undefined;
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      made = (db.prepare('SELECT fingerprint FROM meta').pluck().get() as string | undefined) ?? undefined;
    } finally {
      db.close();
    }
  } catch (err) {
    throw new WatermarkExpiredError(`the snapshot "${id}" of the last import cannot be read (${(err as Error).message}); run a full import`);
  }
  if (made !== fingerprint) throw new WatermarkExpiredError('the file connector configuration changed since the last import; run a full import');
  return path;
}

/**
 * Writes a new snapshot entry by entry into a temporary file, with the previous snapshot (if any) attached for
 * lookups; `commit` makes it visible under its id.
 */
export class SnapshotWriter {
  readonly id = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  private readonly tempPath: string;
  private db: Database.Database | undefined;
  private readonly stmts: Statements;

  private constructor(
    private readonly stateDir: string,
    fingerprint: string,
    previousPath: string | undefined,
  ) {
    this.tempPath = tempPathFor(join(stateDir, this.id + SUFFIX));
    const db = new Database(this.tempPath);
    this.db = db;
    try {
      // A temporary file that is fsynced before it is published: no journal, no syncs while it is written.
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      db.pragma(`cache_size = -${CACHE_KIB}`);
      db.exec('CREATE TABLE meta (fingerprint TEXT NOT NULL); CREATE TABLE entry (key TEXT PRIMARY KEY, anchor TEXT, digest TEXT NOT NULL) WITHOUT ROWID');
      db.prepare('INSERT INTO meta (fingerprint) VALUES (?)').run(fingerprint);
      if (previousPath) {
        db.prepare('ATTACH DATABASE ? AS prev').run(previousPath);
        db.pragma(`prev.cache_size = -${CACHE_KIB}`);
      }
      this.stmts = statements(db, previousPath !== undefined);
      db.exec('BEGIN');
    } catch (err) {
      db.close();
      rmSync(this.tempPath, { force: true });
      throw err;
    }
  }

  /** Starts a snapshot in `stateDir`; `previousPath` (from `previousSnapshot`) is the one a delta import compares with. */
  static async create(stateDir: string, fingerprint: string, previousPath?: string): Promise<SnapshotWriter> {
    try {
      await mkdir(stateDir, { recursive: true });
      return new SnapshotWriter(stateDir, fingerprint, previousPath);
    } catch (err) {
      throw new Error(`cannot write the delta-import state in ${stateDir}: ${(err as Error).message}`);
    }
  }

  /** Records the digest of an anchor under its key; false (and nothing written) when the key is already there. */
  add(key: string, anchor: string, digest: string): boolean {
    return this.stmts.add.run(key, anchor === key ? null : anchor, digest).changes === 1;
  }

  /** True when the key is already in this snapshot. */
  has(key: string): boolean {
    return this.stmts.has.get(key) !== undefined;
  }

  /** The digest the previous snapshot holds for a key. */
  previous(key: string): string | undefined {
    return (this.stmts.previous?.get(key) as string | undefined) ?? undefined;
  }

  /** Carries the previous entry of a key into this snapshot, unless the key is already there. */
  keepPrevious(key: string): void {
    this.stmts.keep?.run(key);
  }

  /** Entries of the previous snapshot not in this one, in key order, a page at a time (nothing may be added meanwhile). */
  *unseen(pageSize: number): Generator<KeyedSnapshotEntry[]> {
    if (!this.stmts.unseen) return;
    let after = '';
    for (;;) {
      const page = this.stmts.unseen.all(after, pageSize) as KeyedSnapshotEntry[];
      if (!page.length) return;
      yield page;
      after = page[page.length - 1].key;
    }
  }

  /** Carries every entry of the previous snapshot not in this one into it; returns how many. */
  keepUnseen(): number {
    return this.stmts.keepUnseen?.run().changes ?? 0;
  }

  /** Makes the snapshot durable, publishes it and prunes old ones; returns its id (the watermark). */
  async commit(): Promise<string> {
    try {
      this.db!.exec('COMMIT');
      this.db!.close();
      this.db = undefined;
      const handle = await open(this.tempPath, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (err) {
      throw new Error(`cannot write the delta-import state in ${this.stateDir}: ${(err as Error).message}`);
    }
    await rename(this.tempPath, join(this.stateDir, this.id + SUFFIX));
    await prune(this.stateDir);
    return this.id;
  }

  /** Drops an unfinished snapshot. */
  async abort(): Promise<void> {
    try {
      this.db?.close();
    } catch {
      // Cleanup must never hide the error that made the import stop.
    }
    this.db = undefined;
    await rm(this.tempPath, { force: true }).catch(() => undefined);
  }
}

type Statements = ReturnType<typeof statements>;

/** The statements of a snapshot being written; the `prev` ones exist when a previous snapshot is attached. */
function statements(db: Database.Database, withPrevious: boolean) {
  const ifPrevious = (sql: string) => (withPrevious ? db.prepare(sql) : undefined);
  return {
    // The anchor is stored only where it differs from its key (DN anchors), to keep the file small.
    add: db.prepare('INSERT INTO entry (key, anchor, digest) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING'),
    has: db.prepare('SELECT 1 FROM entry WHERE key = ?').pluck(),
    previous: ifPrevious('SELECT digest FROM prev.entry WHERE key = ?')?.pluck(),
    keep: ifPrevious('INSERT INTO entry (key, anchor, digest) SELECT key, anchor, digest FROM prev.entry WHERE key = ? ON CONFLICT (key) DO NOTHING'),
    unseen: ifPrevious(
      'SELECT p.key, coalesce(p.anchor, p.key) AS anchor, p.digest FROM prev.entry p WHERE p.key > ? AND NOT EXISTS (SELECT 1 FROM entry e WHERE e.key = p.key) ORDER BY p.key LIMIT ?',
    ),
    keepUnseen: ifPrevious('INSERT INTO entry (key, anchor, digest) SELECT p.key, p.anchor, p.digest FROM prev.entry p WHERE NOT EXISTS (SELECT 1 FROM entry e WHERE e.key = p.key)'),
  };
}

/** Removes the unfinished snapshots of imports that were killed; returns their names. */
export function removeSnapshotTemps(stateDir: string): Promise<string[]> {
  return removeAbandonedTemps(stateDir, (target) => target.endsWith(SUFFIX) && ID.test(target.slice(0, -SUFFIX.length)));
}

async function prune(stateDir: string): Promise<void> {
  const names = (await readdir(stateDir)).filter((n) => n.endsWith(SUFFIX)).sort();
  for (const name of names.slice(0, Math.max(0, names.length - KEEP))) await rm(join(stateDir, name), { force: true });
}
