// `store migrate`: a demo data directory's SQLite store copied to PostgreSQL and back is the same, table by
// table and row by row (objects, links, pending exports, run history, secrets), and the PostgreSQL copy works as
// the engine's store; a copy into a store that already holds data is refused and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiService } from '../service/service.ts';
import { openStore, type Store } from './store.ts';
import { copyStore } from './store-copy.ts';
import { postgresSkipReason, startPostgres, type PostgresInstance } from '../../e2e/env/postgres/index.ts';

const skip = postgresSkipReason();
if (skip) console.log(`store migrate tests skipped: ${skip}`);

let server: PostgresInstance;
let home: string;
const repo = path.resolve(import.meta.dirname, '..', '..');

/** Every row of every table of a SQLite store but its search text (never copied), in key order, as JSON text (binary as base64). */
function dump(s: Store): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const tables = s.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts_%' AND name NOT IN ('cs_text', 'mv_text')").pluck().all() as string[];
  for (const t of tables) {
    out[t] = (s.db.prepare(`SELECT * FROM ${t}`).all() as Record<string, unknown>[])
      .map((r) => JSON.stringify(r, (_k, v: unknown) => (v && typeof v === 'object' && 'type' in v && (v as { type: string }).type === 'Buffer' ? Buffer.from((v as unknown as { data: number[] }).data).toString('base64') : v)))
      .sort();
  }
  return out;
}

function withEnv<T>(store: string | undefined, fn: () => T): T {
  const before = process.env.IDSYNC_STORE;
  if (store === undefined) delete process.env.IDSYNC_STORE;
  else process.env.IDSYNC_STORE = store;
  try {
    return fn();
  } finally {
    if (before === undefined) delete process.env.IDSYNC_STORE;
    else process.env.IDSYNC_STORE = before;
  }
}

describe.skipIf(!!skip)('store migrate (SQLite ⇄ PostgreSQL)', () => {
  beforeAll(async () => {
    server = await startPostgres();
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-store-copy-'));
    const before = process.env.IDSYNC_STORE;
    delete process.env.IDSYNC_STORE;
    try {
      const service = new ApiService({ home, host: 'cli' });
      await service.dispatch('workspace.createDemo', { users: 40 });
      await service.close();
    } finally {
      if (before !== undefined) process.env.IDSYNC_STORE = before;
    }
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  it('copies every row to PostgreSQL and back without a difference', () => {
    const file = path.join(home, 'idsync.sqlite');
    const pgUrl = `${server.url}?schema=copy_roundtrip`;
    const source = openStore(file, { store: 'sqlite' });
    const target = openStore(file, { store: pgUrl });
    const there = copyStore(source, target);
    const original = dump(source);
    for (const [table, rows] of Object.entries(original)) {
      if (table !== 'meta') expect(there.tables.find((t) => t.name === table)?.rows, table).toBe(rows.length);
    }
    for (const name of ['connectors', 'cs_objects', 'mv_objects', 'runs', 'run_objects', 'sync_rules']) {
      expect(there.tables.find((t) => t.name === name)?.rows, name).toBeGreaterThan(0);
    }
    const pendingExports = source.db.prepare('SELECT count(*) FROM cs_objects WHERE pe_op IS NOT NULL').pluck().get() as number;
    expect(target.db.prepare('SELECT count(*) FROM cs_objects WHERE pe_op IS NOT NULL').pluck().get()).toBe(pendingExports);

    const backHome = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-store-back-'));
    const back = openStore(path.join(backHome, 'idsync.sqlite'), { store: 'sqlite', keyFile: path.join(home, 'idsync.key') });
    copyStore(target, back);
    const returned = dump(back);
    for (const [table, rows] of Object.entries(original)) {
      if (table === 'meta') continue;
      expect(returned[table], table).toEqual(rows);
    }
    // Secrets stay sealed by the data directory's key: the copy opens them like the original.
    expect(back.connectors.list().map((c) => c.config)).toEqual(source.connectors.list().map((c) => c.config));
    // New rows after a copy take new ids.
    const maxMv = source.db.prepare('SELECT max(id) FROM mv_objects').pluck().get() as number;
    const id = target.mv.insert({ objectType: 'person', attrs: {}, contrib: {}, retryProvisioning: false, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' });
    expect(id).toBeGreaterThan(maxMv);
    for (const s of [source, target, back]) s.close();
    fs.rmSync(backHome, { recursive: true, force: true });
  });

  it('the PostgreSQL copy serves the engine: the same metaverse search answers', async () => {
    const file = path.join(home, 'idsync.sqlite');
    const onSqlite = await withEnv(undefined, async () => {
      const s = new ApiService({ home, host: 'cli' });
      try {
        return await s.dispatch('mv.search', { objectType: 'person', limit: 500 });
      } finally {
        await s.close();
      }
    });
    const pgUrl = `${server.url}?schema=copy_engine`;
    const target = openStore(file, { store: pgUrl });
    const source = openStore(file, { store: 'sqlite' });
    copyStore(source, target);
    source.close();
    target.close();
    const onPostgres = await withEnv(pgUrl, async () => {
      const s = new ApiService({ home, host: 'cli' });
      try {
        return await s.dispatch('mv.search', { objectType: 'person', limit: 500 });
      } finally {
        await s.close();
      }
    });
    expect(onPostgres.items.length).toBeGreaterThan(0);
    expect(onPostgres).toEqual(onSqlite);
  });

  it('refuses a target that already holds data and leaves it as it was', () => {
    const file = path.join(home, 'idsync.sqlite');
    const pgUrl = `${server.url}?schema=copy_refused`;
    const source = openStore(file, { store: 'sqlite' });
    const target = openStore(file, { store: pgUrl });
    copyStore(source, target);
    const rows = target.db.prepare('SELECT count(*) FROM cs_objects').pluck().get();
    expect(() => copyStore(source, target)).toThrow(/already holds data \(\d+ row\(s\) in connectors\)/);
    expect(target.db.prepare('SELECT count(*) FROM cs_objects').pluck().get()).toBe(rows);
    source.close();
    target.close();
  });

  it('idsync store migrate copies the data directory and says how many rows', () => {
    const pgUrl = `${server.url}?schema=copy_cli`;
    const out = execFileSync(path.join(repo, 'bin', 'idsync'), ['--home', home, 'store', 'migrate', '--from', 'sqlite', '--to', pgUrl, '--json', '--quiet'], {
      encoding: 'utf8', env: { ...process.env, IDSYNC_STORE: '' },
    });
    const result = JSON.parse(out) as { totalRows: number; tables: { name: string; rows: number }[]; to: string };
    const source = openStore(path.join(home, 'idsync.sqlite'), { store: 'sqlite' });
    expect(result.tables.find((t) => t.name === 'cs_objects')?.rows).toBe(source.db.prepare('SELECT count(*) FROM cs_objects').pluck().get());
    source.close();
    const info = JSON.parse(execFileSync(path.join(repo, 'bin', 'idsync'), ['--home', home, '--store', pgUrl, 'store', 'info', '--json'], { encoding: 'utf8' })) as { kind: string; schema: string; sizeBytes: number };
    expect(info).toMatchObject({ kind: 'postgres', schema: 'copy_cli' });
    expect(info.sizeBytes).toBeGreaterThan(0);
  });
});
