// Sync rules, stored as their JSON body with a store number used by contributor records.
import type Database from 'better-sqlite3';
import type { SyncRule } from '../../shared/model/sync-rules.ts';

export interface StoredRule {
  seq: number;
  rule: SyncRule;
}

/** Store functions for sync rules. */
export class RuleStore {
  constructor(private readonly db: Database.Database) {}

  /** Every rule, by precedence. */
  list(): StoredRule[] {
    return (this.db.prepare('SELECT seq, body FROM sync_rules ORDER BY precedence, id').all() as { seq: number; body: string }[]).map((r) => ({
      seq: r.seq,
      rule: JSON.parse(r.body) as SyncRule,
    }));
  }

  /** One rule by id. */
  get(id: string): StoredRule | null {
    const r = this.db.prepare('SELECT seq, body FROM sync_rules WHERE id = ?').get(id) as { seq: number; body: string } | undefined;
    return r ? { seq: r.seq, rule: JSON.parse(r.body) as SyncRule } : null;
  }

  /** Inserts or replaces a rule by id (keeping its store number). */
  put(rule: SyncRule): number {
    const existing = this.get(rule.id);
    if (existing) {
      this.db.prepare('UPDATE sync_rules SET precedence = ?, body = ? WHERE seq = ?').run(rule.precedence, JSON.stringify(rule), existing.seq);
      return existing.seq;
    }
    return Number(this.db.prepare('INSERT INTO sync_rules (id, precedence, body) VALUES (?,?,?)').run(rule.id, rule.precedence, JSON.stringify(rule)).lastInsertRowid);
  }

  /** Deletes a rule. */
  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM sync_rules WHERE id = ?').run(id).changes > 0;
  }
}
