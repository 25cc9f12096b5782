// The text index of metaverse search: the lower-cased text of the values of the indexed attributes under an FTS5
// trigram index, so a prefix, suffix or contains clause of three characters or more narrows to the objects holding
// the substring instead of reading every object. The index keeps no copy of the text (contentless): one document
// per object and attribute, numbered object id × 256 + the attribute's place among the indexed attributes, so an
// object's documents are found, and removed, by number. Every clause is still checked on each candidate.
import type Database from 'better-sqlite3';
import type { MvClause } from '../../shared/model/metaverse.ts';
import { valueText, type StoredAttributes } from '../model/stored-values.ts';

/** Clause operators the text index can narrow: the clause's value is a substring of a matching value. */
const SUBSTRING_OPERATORS: ReadonlySet<MvClause['operator']> = new Set(['starts-with', 'ends-with', 'contains']);

/** A trigram index matches substrings of at least this many characters. */
const MIN_CHARACTERS = 3;

/** Documents per object: the first 256 indexed attributes (by name) have text documents. */
const SLOTS = 256;

/** The text index (created by migration 8). */
export const TEXT_INDEX_DDL = "CREATE VIRTUAL TABLE mv_text USING fts5(value, content='', contentless_delete=1, tokenize='trigram case_sensitive 1')";

/** The text a clause compares for a value (see matchesClause: case-insensitive text). */
export function searchText(v: Parameters<typeof valueText>[0]): string {
  return valueText(v).toLowerCase();
}

/** True when the text index can narrow a clause (its attribute must also have a slot, see `slotOf`). */
export function narrowsByText(clause: MvClause): boolean {
  return SUBSTRING_OPERATORS.has(clause.operator) && [...clause.value].length >= MIN_CHARACTERS;
}

/** The FTS5 query for a substring: one phrase, its double quotes doubled, so no character is an operator. */
export function substringQuery(value: string): string {
  return `"${value.toLowerCase().replaceAll('"', '""')}"`;
}

/** SQL (with its two parameters: FTS query, attribute slot) selecting the ids of the objects an attribute's text matches. */
export const TEXT_CANDIDATES_SQL = `SELECT rowid / ${SLOTS} FROM mv_text WHERE mv_text MATCH ? AND rowid % ${SLOTS} = ?`;

/** The slot of an indexed attribute, or undefined when it has none. */
export function slotOf(indexed: ReadonlySet<string>, attr: string): number | undefined {
  if (!indexed.has(attr)) return undefined;
  const slot = [...indexed].sort().indexOf(attr);
  return slot < SLOTS ? slot : undefined;
}

/** Statements over mv_text. */
export class MvTextIndex {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      insert: db.prepare('INSERT INTO mv_text (rowid, value) VALUES (?,?)'),
      // By number: a range of numbers would make FTS5 read every document.
      remove: db.prepare('DELETE FROM mv_text WHERE rowid = ?'),
    };
  }

  /** Records the text of the indexed attributes of an object (after `remove` when it had some). */
  write(id: number, attrs: StoredAttributes, indexed: ReadonlySet<string>): void {
    const names = [...indexed].sort();
    for (let slot = 0; slot < names.length && slot < SLOTS; slot++) {
      const values = attrs[names[slot]];
      if (!values?.length) continue;
      // Values are joined by a line break; a match across two values is a candidate the clause check drops.
      this.stmts.insert.run(id * SLOTS + slot, [...new Set(values.map(searchText))].join('\n'));
    }
  }

  /** Forgets an object's text (the documents of every slot the indexed attributes use). */
  remove(id: number, indexed: ReadonlySet<string>): void {
    for (let slot = 0; slot < indexed.size && slot < SLOTS; slot++) this.stmts.remove.run(id * SLOTS + slot);
  }

  /** Forgets every object's text (the indexed attributes changed). */
  clear(): void {
    this.db.exec("INSERT INTO mv_text (mv_text) VALUES ('delete-all')");
  }
}
