// Connectors, their run profiles and watermarks; secret fields are sealed with the SecretBox.
import type { SqlDatabase } from './sql/sql-database.ts';
import crypto from 'node:crypto';
import type { RunProfile } from '../../shared/model/connectors.ts';
import type { SecretBox } from './secret-box.ts';
import type { SqlGuard } from './sql-guard.ts';
import { fromJson, nowIso } from './json-column.ts';

export interface ConnectorRecord {
  seq: number;
  id: string;
  name: string;
  type: string;
  description: string;
  /** Full configuration, secrets included (decrypted in memory only). */
  config: Record<string, unknown>;
  runProfiles: RunProfile[];
  deleteThreshold: number | null;
  createdAt: string;
}

/** What a caller writes: the record without the store's own fields; a missing id is generated. */
export type ConnectorWrite = Omit<ConnectorRecord, 'seq' | 'id' | 'createdAt'> & { id?: string };

interface Row {
  seq: number; id: string; name: string; type: string; description: string; config: string; secrets: string | null;
  run_profiles: string; delete_threshold: number | null; created_at: string;
}

/** How many ids or names `find` remembers the answer to (see lastFind). */
const LAST_FOUND_MAX = 64;

/** What a lookup remembers of a connector: what names it, never its configuration. */
export interface ConnectorName {
  readonly seq: number;
  readonly id: string;
  readonly name: string;
}

/** Store functions for connectors. */
export class ConnectorStore {
  private readonly lastFound = new Map<string, ConnectorName>();

  constructor(private readonly db: SqlDatabase, private readonly box: SecretBox) {}

  private toRecord(row: Row): ConnectorRecord {
    const config = fromJson<Record<string, unknown>>(row.config, {});
    if (row.secrets) Object.assign(config, this.box.open(row.secrets) as Record<string, unknown>);
    return {
      seq: row.seq, id: row.id, name: row.name, type: row.type, description: row.description, config,
      runProfiles: fromJson<RunProfile[]>(row.run_profiles, []), deleteThreshold: row.delete_threshold, createdAt: row.created_at,
    };
  }

  /** Every connector, in creation order. */
  list(): ConnectorRecord[] {
    return (this.db.prepare('SELECT * FROM connectors ORDER BY created_at, seq').all() as Row[]).map((r) => this.toRecord(r));
  }

  /** A connector by id or name (case-insensitive), or null. */
  find(idOrName: string): ConnectorRecord | null {
    const row = this.db.prepare('SELECT * FROM connectors WHERE id = ? OR lower(name) = lower(?)').get(idOrName, idOrName) as Row | undefined;
    const found = row ? this.toRecord(row) : null;
    if (found) {
      // A handful of connectors, but the keys come from callers: the memory stays small whatever they ask.
      if (this.lastFound.size >= LAST_FOUND_MAX) this.lastFound.clear();
      this.lastFound.set(idOrName, { seq: found.seq, id: found.id, name: found.name });
    }
    return found;
  }

  /**
   * The connector `find` last returned for this id or name, and a condition true only while its row still has that
   * number, id and name, for a statement to check in its own snapshot instead of a lookup first (a round trip on a
   * server). Null when `find` has not found it before.
   */
  lastFind(idOrName: string): (SqlGuard & { readonly connector: ConnectorName }) | null {
    const c = this.lastFound.get(idOrName);
    return c ? { connector: c, guard: 'EXISTS (SELECT 1 FROM connectors WHERE seq = ? AND id = ? AND name = ?)', params: [c.seq, c.id, c.name] } : null;
  }

  /** A connector by its store number. */
  bySeq(seq: number): ConnectorRecord | null {
    const row = this.db.prepare('SELECT * FROM connectors WHERE seq = ?').get(seq) as Row | undefined;
    return row ? this.toRecord(row) : null;
  }

  /** Inserts or updates (by id) a connector; `secretFields` of the config are sealed, never stored in plain text. */
  save(input: ConnectorWrite, secretFields: readonly string[]): ConnectorRecord {
    const plain: Record<string, unknown> = {};
    const secret: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input.config)) (secretFields.includes(k) ? secret : plain)[k] = v;
    const sealed = Object.keys(secret).length ? this.box.seal(secret) : null;
    const existing = input.id ? this.find(input.id) : null;
    if (existing) {
      this.db
        .prepare('UPDATE connectors SET name=?, type=?, description=?, config=?, secrets=?, run_profiles=?, delete_threshold=? WHERE seq=?')
        .run(input.name, input.type, input.description, JSON.stringify(plain), sealed, JSON.stringify(input.runProfiles), input.deleteThreshold, existing.seq);
      return this.bySeq(existing.seq)!;
    }
    const id = input.id ?? crypto.randomUUID();
    const seq = this.db
      .prepare('INSERT INTO connectors (id, name, type, description, config, secrets, run_profiles, delete_threshold, created_at) VALUES (?,?,?,?,?,?,?,?,?) RETURNING seq')
      .pluck()
      .get(id, input.name, input.type, input.description, JSON.stringify(plain), sealed, JSON.stringify(input.runProfiles), input.deleteThreshold, nowIso()) as number;
    return this.bySeq(seq)!;
  }

  /** Deletes a connector row and its watermarks (the caller clears its connector space first). */
  delete(seq: number): void {
    this.db.prepare('DELETE FROM watermarks WHERE connector = ?').run(seq);
    this.db.prepare('DELETE FROM connectors WHERE seq = ?').run(seq);
  }

  /** The stored watermark of a partition, or null. */
  watermark(seq: number, partition = 'default'): string | null {
    const row = this.db.prepare('SELECT value FROM watermarks WHERE connector = ? AND partition = ?').get(seq, partition) as { value: string } | undefined;
    return row?.value ?? null;
  }

  /** Stores a watermark (call inside the batch transaction it belongs to). */
  setWatermark(seq: number, value: string | null, partition = 'default'): void {
    if (value === null) this.db.prepare('DELETE FROM watermarks WHERE connector = ? AND partition = ?').run(seq, partition);
    else this.db.prepare('INSERT INTO watermarks (connector, partition, value, updated_at) VALUES (?,?,?,?) ON CONFLICT (connector, partition) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at').run(seq, partition, value, nowIso());
  }
}
