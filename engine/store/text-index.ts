// The search text index of connector spaces (cs_text) and the metaverse (mv_text). Per object, the lower-cased
// text of each indexed attribute's values is a row (attribute, text) of a B-tree, which answers equality and
// prefixes; on SQLite, one FTS5 trigram document per object (its distinct texts) proposes the candidates of a
// suffix or contains clause, which the rows' text then confirms. PostgreSQL has no FTS5: there the document is not
// written, and suffix and contains are the same LIKE on the rows alone (which a pg_trgm index of the text serves).
import { valueText, type StoredValue } from '../model/stored-values.ts';
import { dialectOf, type SqlDatabase, type SqlStatement } from './sql/sql-database.ts';

/** What an object holds in the index: attribute → the lower-cased texts of its values. */
export type TextEntries = ReadonlyMap<string, ReadonlySet<string>>;

/** Operators the index answers exactly: equality and prefix from the rows, suffix and contains through trigrams. */
export type TextOperator = 'equals' | 'starts-with' | 'ends-with' | 'contains';

/** The tables of one index: its rows, their object id column, its trigram documents, and whether rows carry a connector. */
export interface TextTables {
  readonly rows: 'cs_text' | 'mv_text';
  readonly id: 'cs_id' | 'mv_id';
  readonly documents: 'cs_text_fts' | 'mv_text_fts';
  readonly perConnector: boolean;
}

/** SQL selecting object ids, and its parameters. */
export interface IdQuery {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** A trigram index matches substrings of at least this many characters. */
const MIN_TRIGRAM = 3;

/** Between the texts of a document; a match spanning two values is only a candidate, which the rows reject. */
const SEPARATOR = '\n';

/**
 * The highest code point: the texts starting with p are those in [p, p + TOP) in byte order, but for a text that
 * continues p with U+10FFFF itself, a noncharacter no directory holds.
 */
const TOP = '\u{10FFFF}';

const TEXT_OPERATORS: ReadonlySet<string> = new Set<TextOperator>(['equals', 'starts-with', 'ends-with', 'contains']);

/** The text a clause compares for a value (case-insensitive text, as matchesClause compares). */
function searchText(v: StoredValue): string {
  return valueText(v).toLowerCase();
}

/** True for the operators the index answers. */
export function isTextOperator(operator: string): operator is TextOperator {
  return TEXT_OPERATORS.has(operator);
}

/** The LIKE pattern of a substring or suffix, its wildcards escaped with a backslash. */
function likePattern(text: string, operator: 'ends-with' | 'contains'): string {
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  return operator === 'contains' ? `%${escaped}%` : `%${escaped}`;
}

/** The FTS5 query for a substring: one phrase, its double quotes doubled, so no character is an operator. */
function phrase(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** The texts of each attribute of `attrs` that `indexes` accepts, under the name `nameOf` gives it. */
export function entriesOf(attrs: Readonly<Record<string, readonly StoredValue[]>>, indexes: (attr: string) => boolean, nameOf: (attr: string) => string = (a) => a): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [attr, values] of Object.entries(attrs)) {
    if (!values.length || !indexes(attr)) continue;
    const name = nameOf(attr);
    const texts = out.get(name) ?? new Set<string>();
    for (const v of values) texts.add(searchText(v));
    out.set(name, texts);
  }
  return out;
}

function sameEntries(a: TextEntries, b: TextEntries): boolean {
  if (a.size !== b.size) return false;
  for (const [attr, texts] of a) {
    const other = b.get(attr);
    if (!other || other.size !== texts.size) return false;
    for (const t of texts) if (!other.has(t)) return false;
  }
  return true;
}

/** Statements over one text index; SQLite-only pieces (FTS5) are chosen here by dialect. */
export class TextIndex {
  private readonly trigrams: boolean;
  private readonly stmts: {
    read: SqlStatement; insert: SqlStatement; remove: SqlStatement; insertDocument: SqlStatement | null; removeDocument: SqlStatement | null;
  };

  constructor(
    private readonly db: SqlDatabase,
    private readonly t: TextTables,
  ) {
    this.trigrams = dialectOf(db) === 'sqlite';
    const columns = t.perConnector ? `connector, attr, value, ${t.id}` : `attr, value, ${t.id}`;
    this.stmts = {
      read: db.prepare(`SELECT attr, value FROM ${t.rows} WHERE ${t.id} = ?`),
      insert: db.prepare(`INSERT INTO ${t.rows} (${columns}) VALUES (${t.perConnector ? '?,?,?,?' : '?,?,?'}) ON CONFLICT DO NOTHING`),
      remove: db.prepare(`DELETE FROM ${t.rows} WHERE ${t.id} = ?`),
      insertDocument: this.trigrams ? db.prepare(`INSERT INTO ${t.documents} (rowid, text) VALUES (?, ?)`) : null,
      removeDocument: this.trigrams ? db.prepare(`DELETE FROM ${t.documents} WHERE rowid = ?`) : null,
    };
  }

  /** The entries an object has in the index now. */
  read(id: number): TextEntries {
    const out = new Map<string, Set<string>>();
    for (const r of this.stmts.read.all(id) as { attr: string; value: string }[]) {
      const texts = out.get(r.attr) ?? new Set<string>();
      texts.add(r.value);
      out.set(r.attr, texts);
    }
    return out;
  }

  /** Records an object's entries; with `replace`, first forgets what it had, unless that is the same. */
  write(id: number, connector: number | null, entries: TextEntries, replace: boolean): void {
    if (replace) {
      if (sameEntries(this.read(id), entries)) return;
      this.remove(id);
    }
    const texts = new Set<string>();
    for (const [attr, values] of entries) {
      for (const value of values) {
        if (this.t.perConnector) this.stmts.insert.run(connector, attr, value, id);
        else this.stmts.insert.run(attr, value, id);
        texts.add(value);
      }
    }
    if (texts.size) this.stmts.insertDocument?.run(id, [...texts].join(SEPARATOR));
  }

  /** Forgets an object's entries. */
  remove(id: number): void {
    this.stmts.remove.run(id);
    this.stmts.removeDocument?.run(id);
  }

  /** Forgets the entries of every object of a connector (the whole index when it has no connectors). */
  clear(connector: number | null): void {
    if (!this.t.perConnector || connector === null) {
      this.db.exec(`DELETE FROM ${this.t.rows}`);
      if (this.trigrams) this.db.exec(`INSERT INTO ${this.t.documents} (${this.t.documents}) VALUES ('delete-all')`);
      return;
    }
    if (this.trigrams) {
      this.db.prepare(`DELETE FROM ${this.t.documents} WHERE rowid IN (SELECT DISTINCT ${this.t.id} FROM ${this.t.rows} WHERE connector = ?)`).run(connector);
    }
    this.db.prepare(`DELETE FROM ${this.t.rows} WHERE connector = ?`).run(connector);
  }

  /**
   * The ids (of one connector, when the index has connectors) of the objects with a value of `attr` whose text
   * satisfies the clause. Exact: trigram documents only propose candidates, the row's text decides.
   */
  matching(attr: string, operator: TextOperator, value: string, connector: number | null): IdQuery {
    const want = value.toLowerCase();
    const scope = this.t.perConnector ? 'connector = ? AND ' : '';
    const head: unknown[] = this.t.perConnector ? [connector, attr] : [attr];
    const { rows, id, documents } = this.t;
    switch (operator) {
      case 'equals':
        return { sql: `SELECT ${id} FROM ${rows} WHERE ${scope}attr = ? AND value = ?`, params: [...head, want] };
      case 'starts-with':
        return { sql: `SELECT ${id} FROM ${rows} WHERE ${scope}attr = ? AND value >= ? AND value < ?`, params: [...head, want, want + TOP] };
      default: {
        const like = likePattern(want, operator);
        if (!this.trigrams || [...want].length < MIN_TRIGRAM) {
          // Too short for a trigram (or PostgreSQL, whose trigram index serves the LIKE itself): the attribute's rows.
          return { sql: `SELECT ${id} FROM ${rows} WHERE ${scope}attr = ? AND value LIKE ? ESCAPE '\\'`, params: [...head, like] };
        }
        // CROSS JOIN keeps the documents as the outer loop: the trigrams narrow, the rows confirm.
        return {
          sql: `SELECT t.${id} FROM ${documents} f CROSS JOIN ${rows} t ON t.${id} = f.rowid WHERE ${documents} MATCH ? AND ${scope.replace('connector', 't.connector')}t.attr = ? AND t.value LIKE ? ESCAPE '\\'`,
          params: [phrase(want), ...head, like],
        };
      }
    }
  }

  /**
   * Rows (object id, attribute) whose text contains `text`, in any attribute: what Find identity reads. Needs a
   * text of at least three characters on SQLite (null otherwise, see startingWith); the caller stops reading when it
   * has enough.
   */
  containing(text: string): IdQuery | null {
    const want = text.toLowerCase();
    const like = likePattern(want, 'contains');
    const { rows, id, documents } = this.t;
    // The same answer on both stores: text shorter than a trigram is a prefix (startingWith), never a substring.
    if ([...want].length < MIN_TRIGRAM) return null;
    if (!this.trigrams) return { sql: `SELECT ${id} AS id, attr FROM ${rows} WHERE value LIKE ? ESCAPE '\\'`, params: [like] };
    return {
      sql: `SELECT t.${id} AS id, t.attr AS attr FROM ${documents} f CROSS JOIN ${rows} t ON t.${id} = f.rowid WHERE ${documents} MATCH ? AND t.value LIKE ? ESCAPE '\\'`,
      params: [phrase(want), like],
    };
  }

  /** Rows (object id, attribute) of the given attributes (of one connector) whose text starts with `text`: one range per attribute. */
  startingWith(attrs: readonly string[], text: string, connector: number | null): IdQuery {
    const want = text.toLowerCase();
    const scope = this.t.perConnector ? 'connector = ? AND ' : '';
    return {
      sql: `SELECT ${this.t.id} AS id, attr FROM ${this.t.rows} WHERE ${scope}attr IN (${attrs.map(() => '?').join(',')}) AND value >= ? AND value < ?`,
      params: [...(this.t.perConnector ? [connector] : []), ...attrs, want, want + TOP],
    };
  }
}

/** How well a clause narrows through the index: equality first, then a prefix, then a substring long enough for trigrams. */
function narrowingRank(operator: TextOperator, value: string): number {
  if (operator === 'equals') return 0;
  if (operator === 'starts-with') return 1;
  return [...value].length >= MIN_TRIGRAM ? 2 : 3;
}

/** Of the clauses on attributes the index holds, the one that narrows best (null when none can). */
export function narrowingClause<C extends { attribute: string; operator: string; value: string }>(clauses: readonly C[], holds: (attribute: string) => boolean): (C & { operator: TextOperator }) | null {
  let best: (C & { operator: TextOperator }) | null = null;
  for (const c of clauses) {
    if (!isTextOperator(c.operator) || !holds(c.attribute)) continue;
    const clause = c as C & { operator: TextOperator };
    if (!best || narrowingRank(clause.operator, clause.value) < narrowingRank(best.operator, best.value)) best = clause;
  }
  return best;
}
