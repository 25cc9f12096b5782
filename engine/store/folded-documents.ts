// The search text as one document per object, PostgreSQL's form of the index: each (attribute, text) entry of the
// object as `\x02` attribute id `\x1f` text `\x03`, in a row keyed by the object, under a pg_trgm GIN index of the
// folded document (FOLDED_DOCUMENT_SQL). A row per object, not per attribute and text, keeps the index to about a
// third of the room rows took. The trigram index selects a superset of the documents; a LIKE or a regular expression
// on the document itself, which names the attribute and cannot reach from one entry into the next, makes every
// answer exact, so SQL alone decides, as it did with rows.
import type { SqlDatabase, SqlStatement } from './sql/sql-database.ts';
import type { StoreNames } from './store-names.ts';
import { sameEntries, type TextEntries } from './text-entries.ts';
import type { TextIndex, TextOperator, TextQuery, TextTables } from './text-index.ts';
import { FOLDED_DOCUMENT_SQL, foldedPattern } from './folded-text.ts';

/** Before an entry, between its attribute id and its text, and after it. */
const START = '\u0002';
const NAME_END = '\u001f';
const END = '\u0003';
/** What a mark inside a value is written as; a clause holding a mark (or this) does not narrow. */
const MARK_IN_VALUE = '\u0001';
const MARKS = /[\u0001-\u0003\u001f]/;
const MARKS_GLOBAL = /[\u0002\u0003\u001f]/g;

/** The LIKE form of a text: its wildcards and escape character escaped with a backslash. */
function likeText(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The regular expression form of a text: every character special to PostgreSQL's expressions escaped. */
function regexText(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, (c) => `\\${c}`);
}

/** Statements over one index's documents. */
export class FoldedDocuments implements TextIndex {
  /** `connector = ? AND ` when documents carry a connector. */
  private readonly scope: string;
  private readonly upsert: SqlStatement;
  private readonly remove: SqlStatement;

  constructor(
    private readonly db: SqlDatabase,
    private readonly names: StoreNames,
    private readonly t: TextTables,
  ) {
    this.scope = t.perConnector ? 'connector = ? AND ' : '';
    const columns = t.perConnector ? 'id, connector, text' : 'id, text';
    const marks = t.perConnector ? '?, ?, ?' : '?, ?';
    this.upsert = db.prepare(`INSERT INTO ${t.documents} (${columns}) VALUES (${marks}) ON CONFLICT (id) DO UPDATE SET text = excluded.text`);
    this.remove = db.prepare(`DELETE FROM ${t.documents} WHERE id = ?`);
  }

  /** An object's document: every (attribute, text) entry. */
  private documentOf(entries: TextEntries): string {
    let doc = '';
    for (const [attr, texts] of entries) {
      const head = START + this.names.id(attr) + NAME_END;
      for (const t of texts) doc += head + t.replace(MARKS_GLOBAL, MARK_IN_VALUE) + END;
    }
    return doc;
  }

  write(id: number, connector: number | null, before: TextEntries, after: TextEntries): void {
    if (sameEntries(before, after)) return;
    if (!after.size) this.remove.run(id);
    else if (this.t.perConnector) this.upsert.run(id, connector, this.documentOf(after));
    else this.upsert.run(id, this.documentOf(after));
  }

  clear(connector: number | null): void {
    if (!this.t.perConnector || connector === null) this.db.prepare(`DELETE FROM ${this.t.documents}`).run();
    else this.db.prepare(`DELETE FROM ${this.t.documents} WHERE connector = ?`).run(connector);
  }

  narrows(_operator: TextOperator, value: string): boolean {
    return !MARKS.test(value);
  }

  /** The entry head of an attribute (the id -1, which no entry has, when the store never wrote the name). */
  private head(attr: string): string {
    return START + (this.names.existingId(attr) ?? -1) + NAME_END;
  }

  /** The trigram condition and its pattern for a clause on `attr`, or none when the text has no trigram to ask for. */
  private folded(attr: string | null, operator: TextOperator, want: string): { sql: string; params: unknown[] } {
    // An equality or a prefix starts at the entry's text, so the attribute's id is part of what the index is asked.
    const atStart = attr !== null && (operator === 'equals' || operator === 'starts-with');
    const pattern = foldedPattern(atStart ? `${this.names.existingId(attr) ?? -1} ${want}` : want);
    return pattern === null ? { sql: '', params: [] } : { sql: `${FOLDED_DOCUMENT_SQL} LIKE ? AND `, params: [pattern] };
  }

  /** The exact condition on a document for a clause on `attr`: a LIKE for equality and prefixes, else a regular expression. */
  private exact(attr: string, operator: TextOperator, want: string): { sql: string; param: string } {
    const head = this.head(attr);
    switch (operator) {
      case 'equals':
        return { sql: "text LIKE ? ESCAPE '\\'", param: `%${likeText(head + want + END)}%` };
      case 'starts-with':
        return { sql: "text LIKE ? ESCAPE '\\'", param: `%${likeText(head + want)}%` };
      case 'ends-with':
        return { sql: 'text ~ ?', param: `${head}[^${END}]*${regexText(want)}${END}` };
      case 'contains':
        return { sql: 'text ~ ?', param: `${head}[^${END}]*${regexText(want)}` };
    }
  }

  /** SQL over the documents of one connector (or all) where one of `attrs` satisfies the clause. */
  private select(attrs: readonly string[], operator: TextOperator, want: string, connector: number | null): { sql: string; params: unknown[] } {
    const scope = this.t.perConnector ? [connector] : [];
    const parts = attrs.map((a) => ({ folded: this.folded(a, operator, want), exact: this.exact(a, operator, want) }));
    // One attribute: the trigram condition and the exact one ANDed; several: each pair ORed.
    const sql = parts.map((p) => `(${p.folded.sql}${p.exact.sql})`).join(' OR ');
    return {
      sql: `SELECT id FROM ${this.t.documents} WHERE ${this.scope}(${sql || 'false'})`,
      params: [...scope, ...parts.flatMap((p) => [...p.folded.params, p.exact.param])],
    };
  }

  matching(attr: string, operator: TextOperator, value: string, connector: number | null): TextQuery | null {
    const want = value.toLowerCase();
    if (MARKS.test(want)) return null;
    return { ...this.select([attr], operator, want, connector), exact: true };
  }

  containing(text: string): Iterable<number> | null {
    const want = text.toLowerCase();
    if ([...want].length < 3 || MARKS.test(want)) return null;
    const folded = this.folded(null, 'contains', want);
    const sql = `SELECT id FROM ${this.t.documents} WHERE ${folded.sql}text LIKE ? ESCAPE '\\'`;
    return this.db.prepare(sql).pluck().iterate(...folded.params, `%${likeText(want)}%`) as IterableIterator<number>;
  }

  startingWith(attrs: readonly string[], text: string, connector: number | null): Iterable<number> | null {
    const want = text.toLowerCase();
    if ([...want].length < 2 || MARKS.test(want)) return null;
    const q = this.select(attrs, 'starts-with', want, connector);
    return this.db.prepare(q.sql).pluck().iterate(...q.params) as IterableIterator<number>;
  }

  equalTo(attrs: readonly string[], text: string, connector: number | null): Iterable<number> {
    const want = text.toLowerCase();
    if (MARKS.test(want)) return [];
    const q = this.select(attrs, 'equals', want, connector);
    return this.db.prepare(q.sql).pluck().iterate(...q.params) as IterableIterator<number>;
  }
}
