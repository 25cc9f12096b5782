// The text index of metaverse search: the lower-cased text of every value of the indexed attributes, under an
// FTS5 trigram index, so a prefix, suffix or contains clause of three characters or more narrows to the objects
// holding the substring instead of reading every object. Rows live in mv_text (found by object id when an object
// changes); triggers keep mv_text_fts in step (migration 7).
import type { SqlDatabase, SqlDialect } from './sql/sql-database.ts';
import type { MvClause } from '../../shared/model/metaverse.ts';
import { valueText, type StoredAttributes } from '../model/stored-values.ts';

/** Clause operators the text index can narrow: the clause's value is a substring of a matching value. */
const SUBSTRING_OPERATORS: ReadonlySet<MvClause['operator']> = new Set(['starts-with', 'ends-with', 'contains']);

/** A trigram index matches substrings of at least this many characters. */
const MIN_CHARACTERS = 3;

/** The text a clause compares for a value (see matchesClause: case-insensitive text). */
export function searchText(v: Parameters<typeof valueText>[0]): string {
  return valueText(v).toLowerCase();
}

/** True when the text index can narrow a clause on an indexed attribute. */
export function narrowsByText(clause: MvClause): boolean {
  return SUBSTRING_OPERATORS.has(clause.operator) && [...clause.value].length >= MIN_CHARACTERS;
}

/** The FTS5 query for a substring: one phrase, its double quotes doubled, so no character is an operator. */
export function substringQuery(value: string): string {
  return `"${value.toLowerCase().replaceAll('"', '""')}"`;
}

/** SQL (with its two parameters: FTS query, attribute) selecting the ids of the objects an attribute's text matches. */
export const TEXT_CANDIDATES_SQL = 'SELECT t.mv_id FROM mv_text_fts f JOIN mv_text t ON t.id = f.rowid WHERE mv_text_fts MATCH ? AND t.attr = ?';

/** The same selection on PostgreSQL, where a pg_trgm GIN index on mv_text.value serves the LIKE pattern. */
const POSTGRES_TEXT_CANDIDATES_SQL = "SELECT t.mv_id FROM mv_text t WHERE t.value LIKE ? ESCAPE '\\' AND t.attr = ?";

/** The candidate selection of a substring clause on an attribute: SQL and its two parameters. */
export function textCandidates(dialect: SqlDialect, value: string, attribute: string): { sql: string; params: [string, string] } {
  if (dialect === 'sqlite') return { sql: TEXT_CANDIDATES_SQL, params: [substringQuery(value), attribute] };
  return { sql: POSTGRES_TEXT_CANDIDATES_SQL, params: [`%${value.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`, attribute] };
}

/** Statements over mv_text. */
export class MvTextIndex {
  private readonly stmts;

  constructor(private readonly db: SqlDatabase) {
    this.stmts = {
      insert: db.prepare('INSERT INTO mv_text (mv_id, attr, value) VALUES (?,?,?)'),
      remove: db.prepare('DELETE FROM mv_text WHERE mv_id = ?'),
    };
  }

  /** Records the text of the given attributes of an object (after `remove` when it had some). */
  write(id: number, attrs: StoredAttributes, indexed: Iterable<string>): void {
    for (const attr of indexed) {
      const texts = new Set((attrs[attr] ?? []).map(searchText));
      for (const text of texts) this.stmts.insert.run(id, attr, text);
    }
  }

  /** Forgets an object's text. */
  remove(id: number): void {
    this.stmts.remove.run(id);
  }

  /** Forgets every object's text (the indexed attributes changed). */
  clear(): void {
    this.db.exec('DELETE FROM mv_text');
  }
}
