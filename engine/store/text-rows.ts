// The search text as rows (attribute, text, object), PostgreSQL's form of the index: a B-tree keyed by the text
// answers equality and prefixes, and a LIKE on the rows answers suffixes and substrings, served by a pg_trgm index
// of each row's folded text (FOLDED_TEXT_SQL). Every answer is exact. The attribute is its id in the store's name
// dictionary. Nothing is kept by object: the store gives the entries an object had before it changes, and those rows
// are removed by their key.
import type { SqlDatabase } from './sql/sql-database.ts';
import { RowBatch } from './row-batch.ts';
import type { StoreNames } from './store-names.ts';
import { sameTexts, type TextEntries } from './text-entries.ts';
import type { TextIndex, TextOperator, TextQuery, TextTables } from './text-index.ts';
import { FOLDED_TEXT_SQL, foldedPattern } from './folded-text.ts';

/**
 * The highest code point: the texts starting with p are those in [p, p + TOP) in byte order, but for a text that
 * continues p with U+10FFFF itself, a noncharacter no directory holds.
 */
const TOP = '\u{10FFFF}';

/** The LIKE pattern of a substring or suffix, its wildcards escaped with a backslash. */
function likePattern(text: string, operator: 'ends-with' | 'contains'): string {
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  return operator === 'contains' ? `%${escaped}%` : `%${escaped}`;
}

/** Statements over one index's rows. */
export class TextRows implements TextIndex {
  private readonly rows: RowBatch;
  /** `connector = ? AND ` when rows carry a connector. */
  private readonly scope: string;

  constructor(
    private readonly db: SqlDatabase,
    private readonly names: StoreNames,
    private readonly t: TextTables,
  ) {
    this.scope = t.perConnector ? 'connector = ? AND ' : '';
    const key = [['attr', 'BIGINT'], ['value', 'TEXT'], [t.id, 'BIGINT']] as const;
    this.rows = new RowBatch(db, { table: t.rows, columns: t.perConnector ? [['connector', 'BIGINT'], ...key] : key });
  }

  write(id: number, connector: number | null, before: TextEntries, after: TextEntries): void {
    const head = this.t.perConnector ? [connector] : [];
    const gone: unknown[][] = [];
    const added: unknown[][] = [];
    for (const [attr, texts] of before) {
      const now = after.get(attr);
      if (sameTexts(texts, now)) continue;
      const name = this.names.id(attr);
      for (const text of texts) if (!now?.has(text)) gone.push([...head, name, text, id]);
    }
    for (const [attr, texts] of after) {
      const was = before.get(attr);
      if (sameTexts(texts, was)) continue;
      const name = this.names.id(attr);
      for (const text of texts) if (!was?.has(text)) added.push([...head, name, text, id]);
    }
    this.rows.remove(gone);
    this.rows.insert(added);
  }

  clear(connector: number | null): void {
    if (!this.t.perConnector || connector === null) this.db.prepare(`DELETE FROM ${this.t.rows}`).run();
    else this.db.prepare(`DELETE FROM ${this.t.rows} WHERE connector = ?`).run(connector);
  }

  narrows(): boolean {
    return true;
  }

  /** The dictionary id of a held attribute's name (-1, which no row has, when the store never wrote the name). */
  private attrId(attr: string): number {
    return this.names.existingId(attr) ?? -1;
  }

  /** The leading parameters of a query over one attribute: its connector when rows carry one, and the attribute. */
  private head(attr: string, connector: number | null): unknown[] {
    return this.t.perConnector ? [connector, this.attrId(attr)] : [this.attrId(attr)];
  }

  matching(attr: string, operator: TextOperator, value: string, connector: number | null): TextQuery {
    const want = value.toLowerCase();
    const head = this.head(attr, connector);
    const from = `SELECT ${this.t.id} FROM ${this.t.rows} WHERE ${this.scope}attr = ?`;
    switch (operator) {
      case 'equals':
        return { sql: `${from} AND value = ?`, params: [...head, want], exact: true };
      case 'starts-with':
        return { sql: `${from} AND value >= ? AND value < ?`, params: [...head, want, want + TOP], exact: true };
      default: {
        const exact = likePattern(want, operator);
        const folded = foldedPattern(want);
        if (folded === null) return { sql: `${from} AND value LIKE ? ESCAPE '\\'`, params: [...head, exact], exact: true };
        // The attribute's id in the folded text keeps the rows of other attributes out.
        const attrFolded = `%q${this.attrId(attr)}q${folded}`;
        return { sql: `${from} AND ${FOLDED_TEXT_SQL} LIKE ? AND value LIKE ? ESCAPE '\\'`, params: [...head, attrFolded, exact], exact: true };
      }
    }
  }

  containing(text: string): Iterable<number> | null {
    const want = text.toLowerCase();
    if ([...want].length < 3) return null;
    const folded = foldedPattern(want);
    const exact = likePattern(want, 'contains');
    if (folded === null) return this.db.prepare(`SELECT ${this.t.id} FROM ${this.t.rows} WHERE value LIKE ? ESCAPE '\\'`).pluck().iterate(exact) as IterableIterator<number>;
    const sql = `SELECT ${this.t.id} FROM ${this.t.rows} WHERE ${FOLDED_TEXT_SQL} LIKE ? AND value LIKE ? ESCAPE '\\'`;
    return this.db.prepare(sql).pluck().iterate(folded, exact) as IterableIterator<number>;
  }

  startingWith(attrs: readonly string[], text: string, connector: number | null): Iterable<number> | null {
    const want = text.toLowerCase();
    if ([...want].length < 2) return null;
    return this.among(attrs, connector, 'value >= ? AND value < ?', [want, want + TOP], '');
  }

  equalTo(attrs: readonly string[], text: string, connector: number | null): Iterable<number> {
    return this.among(attrs, connector, 'value = ?', [text.toLowerCase()], 'DISTINCT ');
  }

  /** Ids of the objects with a row of one of `attrs` (one key range each) whose value meets `condition` (an id once per row unless `distinct`). */
  private among(attrs: readonly string[], connector: number | null, condition: string, params: readonly unknown[], distinct: string): Iterable<number> {
    const sql = `SELECT ${distinct}${this.t.id} FROM ${this.t.rows} WHERE ${this.scope}attr IN (${attrs.map(() => '?').join(',')}) AND ${condition}`;
    return this.db.prepare(sql).pluck().iterate(...(this.t.perConnector ? [connector] : []), ...attrs.map((a) => this.attrId(a)), ...params) as IterableIterator<number>;
  }
}
