// The storage floor: how fast this machine can write, read and look up ~1 KB JSON rows in SQLite, and turn
// records into JSON and back, with nothing of IdSync in between. Sync suites compare against these figures.
import path from 'node:path';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { floorAnchor, floorRecord, seededRandom } from '../floor-record.ts';
import type { BenchContext, BenchFigure, BenchSuite } from '../suite.ts';

/** Rows per transaction, as a bulk import would commit them. */
const batchSize = 1000;
/** Point lookups are capped so the largest size stays quick; the rate does not depend on how many are made. */
const maxLookups = 100_000;

/** Repetitions per measurement: the best one is kept, since a floor is what the machine can do at its best. */
function repetitions(count: number): number {
  return count <= 10_000 ? 3 : count <= 100_000 ? 2 : 1;
}

/** Runs `measure` `n` times and keeps the fastest result by `ms`. */
function best<T extends { ms: number }>(n: number, measure: (rep: number) => T): T {
  let kept = measure(0);
  for (let rep = 1; rep < n; rep++) {
    const next = measure(rep);
    if (next.ms < kept.ms) kept = next;
  }
  return kept;
}

/** Objects per second for `n` objects in `ms` milliseconds. */
function rate(n: number, ms: number): number {
  return ms > 0 ? (n * 1000) / ms : 0;
}

/** Serializes and parses every record one by one, timing only the JSON calls. */
function measureJson(ctx: BenchContext, label: string): { stringifyMs: number; parseMs: number; bytes: number } {
  let stringifyMs = 0;
  let parseMs = 0;
  let bytes = 0;
  for (let start = 0; start < ctx.count; start += batchSize) {
    const end = Math.min(ctx.count, start + batchSize);
    const records: Record<string, unknown>[] = [];
    for (let i = start; i < end; i++) records.push(floorRecord(i));
    const texts: string[] = new Array(records.length);
    let t = performance.now();
    for (let k = 0; k < records.length; k++) texts[k] = JSON.stringify(records[k]);
    stringifyMs += performance.now() - t;
    t = performance.now();
    for (let k = 0; k < texts.length; k++) JSON.parse(texts[k] as string);
    parseMs += performance.now() - t;
    for (const text of texts) bytes += text.length;
    ctx.progress(label, end, ctx.count);
  }
  return { stringifyMs, parseMs, bytes };
}

/** Opens a fresh WAL database with the objects table. */
function openStore(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE objects (anchor TEXT PRIMARY KEY, data TEXT NOT NULL)');
  return db;
}

/** Inserts every record in batches of 1,000 per transaction, timing only the transactions. */
function measureInsert(ctx: BenchContext, db: Database.Database, label: string): number {
  const insert = db.prepare('INSERT INTO objects (anchor, data) VALUES (?, ?)');
  const insertBatch = db.transaction((rows: readonly (readonly [string, string])[]) => {
    for (const [anchor, data] of rows) insert.run(anchor, data);
  });
  let ms = 0;
  for (let start = 0; start < ctx.count; start += batchSize) {
    const end = Math.min(ctx.count, start + batchSize);
    const rows: (readonly [string, string])[] = [];
    for (let i = start; i < end; i++) rows.push([floorAnchor(i), JSON.stringify(floorRecord(i))]);
    const t = performance.now();
    insertBatch(rows);
    ms += performance.now() - t;
    ctx.progress(label, end, ctx.count);
  }
  return ms;
}

/** Reads every row back in key order (a full scan, as a full sync pass does). */
function measureScan(ctx: BenchContext, db: Database.Database): number {
  const t = performance.now();
  let n = 0;
  for (const row of db.prepare('SELECT anchor, data FROM objects ORDER BY anchor').iterate() as IterableIterator<{ data: string }>) {
    if (row.data.length === 0) throw new Error(`row ${n} has empty data`);
    n++;
  }
  const ms = performance.now() - t;
  if (n !== ctx.count) throw new Error(`scan read ${n} rows, expected ${ctx.count}`);
  ctx.progress('SQLite scan', n, ctx.count);
  return ms;
}

/** Looks up random anchors one at a time (as a join does). */
function measureLookups(ctx: BenchContext, db: Database.Database): { n: number; ms: number } {
  const n = Math.min(ctx.count, maxLookups);
  const rnd = seededRandom(42);
  const anchors = Array.from({ length: n }, () => floorAnchor(Math.floor(rnd() * ctx.count)));
  const select = db.prepare('SELECT data FROM objects WHERE anchor = ?').pluck();
  const t = performance.now();
  for (let k = 0; k < n; k++) {
    if (select.get(anchors[k]) === undefined) throw new Error(`lookup of ${anchors[k]} found nothing`);
  }
  const ms = performance.now() - t;
  ctx.progress('SQLite lookup', n, n);
  return { n, ms };
}

/** The store-floor suite. */
export const storeFloor: BenchSuite = {
  name: 'store-floor',
  description: 'SQLite (WAL) insert, scan and lookup of ~1 KB JSON rows, and JSON.stringify/parse of the same records',
  async run(ctx) {
    const reps = repetitions(ctx.count);
    const of = (what: string, rep: number) => (reps > 1 ? `${what} (run ${rep + 1} of ${reps})` : what);
    const json = measureJson(ctx, of('JSON', 0));
    for (let rep = 1; rep < reps; rep++) {
      const again = measureJson(ctx, of('JSON', rep));
      json.stringifyMs = Math.min(json.stringifyMs, again.stringifyMs);
      json.parseMs = Math.min(json.parseMs, again.parseMs);
    }
    // Each repetition inserts into a fresh file; the last one stays for the scan and lookups.
    const file = path.join(ctx.tmpDir, 'floor.sqlite');
    let db: Database.Database | undefined;
    const insert = best(reps, (rep) => {
      db?.close();
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
      db = openStore(file);
      return { ms: measureInsert(ctx, db, of('SQLite insert', rep)) };
    });
    if (!db) throw new Error('no database was opened');
    const store: Database.Database = db;
    try {
      const scan = best(reps, () => ({ ms: measureScan(ctx, store) }));
      const lookups = best(reps, () => measureLookups(ctx, store));
      store.pragma('wal_checkpoint(TRUNCATE)');
      const dbBytes = fs.statSync(file).size;
      ctx.log(`${ctx.count} rows, ${(dbBytes / 1024 / 1024).toFixed(1)} MiB database`);
      const figures: BenchFigure[] = [
        { name: 'SQLite insert (WAL, 1,000 rows/tx)', value: rate(ctx.count, insert.ms), unit: 'objects/s' },
        { name: 'SQLite full scan', value: rate(ctx.count, scan.ms), unit: 'objects/s' },
        { name: 'SQLite lookup by anchor', value: rate(lookups.n, lookups.ms), unit: 'objects/s' },
        { name: 'JSON.stringify', value: rate(ctx.count, json.stringifyMs), unit: 'objects/s' },
        { name: 'JSON.parse', value: rate(ctx.count, json.parseMs), unit: 'objects/s' },
        { name: 'record size (mean JSON)', value: json.bytes / ctx.count, unit: 'bytes' },
        { name: 'database size per row', value: dbBytes / ctx.count, unit: 'bytes' },
      ];
      return figures;
    } finally {
      store.close();
    }
  },
};

export default storeFloor;
