// The search text index of connector spaces and the metaverse: per object, the lower-cased text of each held
// attribute's values, kept in the same transaction as the object. PostgreSQL keeps it as rows (attribute, text) with
// a pg_trgm index of the text (text-rows.ts), which answer every clause exactly. SQLite keeps one FTS5 trigram
// document per object and no rows (text-documents.ts): the text is already in the object, so the index holds only
// the trigrams, and what they find is a set of candidates that the object itself then confirms.
import { dialectOf, type SqlDatabase } from './sql/sql-database.ts';
import type { StoreNames } from './store-names.ts';
import { TextDocuments } from './text-documents.ts';
import { TextRows } from './text-rows.ts';
import type { TextEntries } from './text-entries.ts';

/** Operators the index narrows: equality, prefix, suffix and substring. */
export type TextOperator = 'equals' | 'starts-with' | 'ends-with' | 'contains';

/** The tables of one index: its rows (PostgreSQL), their object id column, its trigram documents (SQLite), and whether rows carry a connector. */
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

/** SQL selecting object ids in ascending order: exactly the matches, or candidates that each object must confirm. */
export interface TextQuery extends IdQuery {
  readonly exact: boolean;
  /**
   * The FTS5 table when `sql` is one MATCH over it (params[0] its query): a search then reads its candidates through
   * it, in id order, and stops when it has what it needs, instead of collecting every candidate first.
   */
  readonly documents?: string;
}

/** One search text index, as one store keeps it. */
export interface TextIndex {
  /** Moves an object's entries from what it had (`before`) to what it has now (`after`). */
  write(id: number, connector: number | null, before: TextEntries, after: TextEntries): void;
  /** Forgets the entries of every object of a connector (of every object when null or the index has no connectors). */
  clear(connector: number | null): void;
  /** True when the index narrows a clause with this operator and value (else every object is a candidate). */
  narrows(operator: TextOperator, value: string): boolean;
  /** The objects (of one connector) with a value of `attr` satisfying the clause; null when the index cannot narrow it. */
  matching(attr: string, operator: TextOperator, value: string, connector: number | null): TextQuery | null;
  /** Ids of objects with some held text containing `text` (candidates, an id possibly more than once); null for text under three characters. */
  containing(text: string): Iterable<number> | null;
  /** Ids of objects (of one connector) with a text of one of `attrs` starting with `text` (candidates, possibly repeated); null for text under two characters. */
  startingWith(attrs: readonly string[], text: string, connector: number | null): Iterable<number> | null;
  /** Ids of objects (of one connector) with a text of one of `attrs` equal to `text` (candidates). */
  equalTo(attrs: readonly string[], text: string, connector: number | null): Iterable<number>;
}

const TEXT_OPERATORS: ReadonlySet<string> = new Set<TextOperator>(['equals', 'starts-with', 'ends-with', 'contains']);

/** True for the operators the index narrows. */
export function isTextOperator(operator: string): operator is TextOperator {
  return TEXT_OPERATORS.has(operator);
}

/** The index of a store: rows on PostgreSQL, trigram documents on SQLite. */
export function textIndexOf(db: SqlDatabase, names: StoreNames, tables: TextTables): TextIndex {
  return dialectOf(db) === 'postgres' ? new TextRows(db, names, tables) : new TextDocuments(db, tables);
}

/** How well a clause narrows through the index: equality first, then a prefix, then a suffix or substring. */
function narrowingRank(operator: TextOperator): number {
  return operator === 'equals' ? 0 : operator === 'starts-with' ? 1 : 2;
}

/** Of the clauses on attributes the index holds and can narrow, the one that narrows best (null when none can). */
export function narrowingClause<C extends { attribute: string; operator: string; value: string }>(
  clauses: readonly C[],
  holds: (attribute: string) => boolean,
  index: Pick<TextIndex, 'narrows'>,
): (C & { operator: TextOperator }) | null {
  let best: (C & { operator: TextOperator }) | null = null;
  for (const c of clauses) {
    if (!isTextOperator(c.operator) || !holds(c.attribute) || !index.narrows(c.operator, c.value)) continue;
    const clause = c as C & { operator: TextOperator };
    if (!best || narrowingRank(clause.operator) < narrowingRank(best.operator)) best = clause;
  }
  return best;
}
