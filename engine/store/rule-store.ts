// Sync rules, stored as their JSON body with a store number used by contributor records.
import type { SqlDatabase } from './sql/sql-database.ts';
import type { SyncRule } from '../../shared/model/sync-rules.ts';

export interface StoredRule {
  seq: number;
  rule: SyncRule;
}

/** Store functions for sync rules. */
export class RuleStore {
  constructor(private readonly db: SqlDatabase) {}

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
    return this.db.prepare('INSERT INTO sync_rules (id, precedence, body) VALUES (?,?,?) RETURNING seq').pluck().get(rule.id, rule.precedence, JSON.stringify(rule)) as number;
  }

  /** Deletes a rule. */
  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM sync_rules WHERE id = ?').run(id).changes > 0;
  }
}
