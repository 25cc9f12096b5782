// The search text of the metaverse: per object the values of its indexed attributes (marked indexed in the
// schema, or joined on) and of its identity attributes, in mv_text and its trigram documents (see text-index.ts),
// so equality, prefix, suffix and contains clauses on them read the index instead of every object.
import type { StoredAttributes } from '../model/stored-values.ts';
import { isIdentityAttribute } from './identity-attributes.ts';
import type { SqlDatabase } from './sql/sql-database.ts';
import { entriesOf, TextIndex, type IdQuery, type TextOperator } from './text-index.ts';

/** True when mv_text holds the attribute, given the attributes in the value index. */
export function mvTextHolds(attr: string, indexed: ReadonlySet<string>): boolean {
  return indexed.has(attr) || isIdentityAttribute(attr);
}

/** Statements over mv_text. */
export class MvTextIndex {
  private readonly index: TextIndex;

  constructor(db: SqlDatabase) {
    this.index = new TextIndex(db, { rows: 'mv_text', id: 'mv_id', documents: 'mv_text_fts', perConnector: false });
  }

  /** Records the text of an object's held attributes; with `replace`, in place of what it had. */
  write(id: number, attrs: StoredAttributes, indexed: ReadonlySet<string>, replace: boolean): void {
    this.index.write(id, null, entriesOf(attrs, (a) => mvTextHolds(a, indexed)), replace);
  }

  /** Forgets an object's text. */
  remove(id: number): void {
    this.index.remove(id);
  }

  /** Forgets every object's text (the indexed attributes changed). */
  clear(): void {
    this.index.clear(null);
  }

  /** Ids of the objects whose attribute has a text satisfying the clause (the attribute must be held). */
  matching(attr: string, operator: TextOperator, value: string): IdQuery {
    return this.index.matching(attr, operator, value, null);
  }

  /** Ids of the objects with one of `attrs` (all held) whose text equals `text` (any case): one key seek per attribute. */
  equalTo(attrs: readonly string[], text: string): IdQuery {
    return { sql: `SELECT DISTINCT mv_id FROM mv_text WHERE attr IN (${attrs.map(() => '?').join(',')}) AND value = ?`, params: [...attrs, text.toLowerCase()] };
  }

  /** Rows (id, attribute) whose text contains `text`, in any held attribute; null when too short. */
  containing(text: string): IdQuery | null {
    return this.index.containing(text);
  }

  /** Rows (id, attribute) of the given held attributes whose text starts with `text`. */
  startingWith(attrs: readonly string[], text: string): IdQuery {
    return this.index.startingWith(attrs, text, null);
  }
}
