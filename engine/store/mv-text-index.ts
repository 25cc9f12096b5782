// The search text of the metaverse: per object the values of its indexed attributes (marked indexed in the
// schema, or joined on) and of its identity attributes, in the search text index (text-index.ts), so equality,
// prefix, suffix and contains clauses on them read the index instead of every object.
import type { StoredAttributes } from '../model/stored-values.ts';
import { isIdentityAttribute } from './identity-attributes.ts';
import type { SqlDatabase } from './sql/sql-database.ts';
import type { StoreNames } from './store-names.ts';
import { entriesOf, NO_ENTRIES, type TextEntries } from './text-entries.ts';
import { textIndexOf, type TextIndex, type TextOperator, type TextQuery } from './text-index.ts';

/** True when the index holds the attribute, given the attributes in the value index. */
export function mvTextHolds(attr: string, indexed: ReadonlySet<string>): boolean {
  return indexed.has(attr) || isIdentityAttribute(attr);
}

/** An object's entries: the texts of the attributes the index holds. */
function mvTextEntries(attrs: StoredAttributes, indexed: ReadonlySet<string>): TextEntries {
  return entriesOf(attrs, (a) => mvTextHolds(a, indexed));
}

/** Statements over the metaverse search text. */
export class MvTextIndex {
  private readonly index: TextIndex;

  constructor(
    db: SqlDatabase,
    names: StoreNames,
    /** The attributes in the value index now. */
    private readonly indexed: () => ReadonlySet<string>,
  ) {
    this.index = textIndexOf(db, names, { rows: 'mv_text', id: 'mv_id', documents: 'mv_text_fts', perConnector: false });
  }

  /** Moves an object's text from its previous attributes (null for a new object) to its new ones (null when deleted). */
  write(id: number, before: StoredAttributes | null, after: StoredAttributes | null): void {
    const indexed = this.indexed();
    this.index.write(id, null, before ? mvTextEntries(before, indexed) : NO_ENTRIES, after ? mvTextEntries(after, indexed) : NO_ENTRIES);
  }

  /** Forgets every object's text (the indexed attributes changed). */
  clear(): void {
    this.index.clear(null);
  }

  /** True when a clause on a held attribute narrows through the index. */
  narrows(operator: TextOperator, value: string): boolean {
    return this.index.narrows(operator, value);
  }

  /** The objects whose attribute (held) has a text satisfying the clause; null when the index cannot narrow it. */
  matching(attr: string, operator: TextOperator, value: string): TextQuery | null {
    return this.index.matching(attr, operator, value, null);
  }

  /** Ids of the objects with one of `attrs` (all held) whose text may equal `text` (any case). */
  equalTo(attrs: readonly string[], text: string): Iterable<number> {
    return this.index.equalTo(attrs, text, null);
  }

  /** Ids of the objects whose held text may contain `text`; null when too short. */
  containing(text: string): Iterable<number> | null {
    return this.index.containing(text);
  }

  /** Ids of the objects with one of the given held attributes whose text may start with `text`; null when too short. */
  startingWith(attrs: readonly string[], text: string): Iterable<number> | null {
    return this.index.startingWith(attrs, text, null);
  }
}
