// The engine's store: one SQLite database (WAL) or one PostgreSQL schema behind batch-oriented functions; nothing
// else touches SQL.
import Database from 'better-sqlite3';
import path from 'node:path';
import { migrate } from './migrations.ts';
import { migratePostgres } from './postgres-schema.ts';
import { dialectOf, type SqlDatabase } from './sql/sql-database.ts';
import { PostgresDatabase } from './sql/postgres-database.ts';
import { storeLocation, type StoreLocation } from './store-location.ts';
import { SecretBox } from './secret-box.ts';
import { ConnectorStore } from './connector-store.ts';
import { CsStore } from './cs-store.ts';
import { MvStore } from './mv-store.ts';
import { SchemaStore } from './schema-store.ts';
import { RuleStore } from './rule-store.ts';
import { RunStore } from './run-store.ts';
import { ReferenceIndex } from './reference-index.ts';
import { CsValueIndex } from './cs-value-index.ts';
import { ensureSearchText } from './search-text.ts';
import { StoreNames } from './store-names.ts';
import { AttributeCodec } from './attribute-codec.ts';
import { RunSnapshots } from './run-snapshots.ts';

export interface StoreOptions {
  /** Key file for secrets; defaults to `idsync.key` beside the database. */
  keyFile?: string;
  /** A 32-byte key supplied by the host (e.g. unwrapped from the OS keychain) instead of the key file. */
  key?: Buffer;
  /** `sqlite` (the file, the default) or a postgres://… connection string; defaults to IDSYNC_STORE. */
  store?: string;
}

/** Opened store: one object per table family, plus transactions. */
export class Store {
  readonly connectors: ConnectorStore;
  readonly cs: CsStore;
  readonly mv: MvStore;
  readonly schema: SchemaStore;
  readonly rules: RuleStore;
  readonly runs: RunStore;
  /** The name dictionary and the attribute encoding of this database. */
  readonly names: StoreNames;
  readonly codec: AttributeCodec;
  /** Who refers to whom, in connector spaces and the metaverse. */
  readonly refs: ReferenceIndex;

  constructor(readonly db: SqlDatabase, box: SecretBox) {
    this.connectors = new ConnectorStore(db, box);
    this.names = new StoreNames(db);
    // PostgreSQL's attribute columns are text: it keeps the JSON form.
    this.codec = new AttributeCodec(this.names, dialectOf(db) === 'postgres' ? 'json' : 'packed');
    const refs = (this.refs = new ReferenceIndex(db));
    const history = new RunSnapshots(db, this.codec);
    this.cs = new CsStore(db, refs, new CsValueIndex(db, this.names), this.codec, this.names, history);
    this.mv = new MvStore(db, refs, this.codec, this.names);
    this.schema = new SchemaStore(db);
    this.rules = new RuleStore(db);
    this.runs = new RunStore(db, this.names, history);
  }

  /** Runs `fn` in a transaction (a savepoint when nested); rolls back when it throws. */
  transaction<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn)();
    } catch (err) {
      // Names added inside the rolled-back part are gone from the database: forget them here too.
      this.names.reset();
      // What was read ahead may hold what the rolled-back part wrote.
      this.cs.forgetReadAhead();
      this.mv.forgetReadAhead();
      throw err;
    }
  }

  /** Database size in bytes (SQLite: pages in use; PostgreSQL: the schema's tables with their indexes and TOAST). */
  sizeBytes(): number {
    if (dialectOf(this.db) === 'postgres') {
      const sql = "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'";
      return this.db.prepare(sql).pluck().get() as number;
    }
    const sqlite = this.db as Database.Database;
    const pages = sqlite.pragma('page_count', { simple: true }) as number;
    const free = sqlite.pragma('freelist_count', { simple: true }) as number;
    const size = sqlite.pragma('page_size', { simple: true }) as number;
    return (pages - free) * size;
  }

  /** Closes the database. */
  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** Opens (creating and migrating when needed) the store of the database file `file`: that file, or PostgreSQL. */
export function openStore(file: string, options: StoreOptions = {}): Store {
  const location = storeLocation(file, options.store);
  const db = location.kind === 'sqlite' ? openSqlite(file) : openPostgres(location);
  const box = SecretBox.open(options.keyFile ?? path.join(path.dirname(file), 'idsync.key'), options.key);
  const store = new Store(db, box);
  ensureSearchText(store);
  store.runs.closeAbandoned();
  return store;
}

function openPostgres(location: Extract<StoreLocation, { kind: 'postgres' }>): SqlDatabase {
  const db = PostgresDatabase.connect({ url: location.url, schema: location.schema, name: location.file });
  try {
    migratePostgres(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

function openSqlite(file: string): SqlDatabase {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // Bulk steps write a lot: checkpoint every ~32 MB of WAL instead of every 4 MB.
  db.pragma('wal_autocheckpoint = 8000');
  // A 64 MB page cache keeps the b-tree interiors of a 100k-object space in memory during a full sync.
  db.pragma('cache_size = -32768');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}
