// The search text of the metaverse: per object the values of its indexed attributes (marked indexed in the
// schema, or joined on) and of its identity attributes, in mv_text and its trigram documents (see text-index.ts),
// so equality, prefix, suffix and contains clauses on them read the index instead of every object.
import type { StoredAttributes } from '../model/stored-values.ts';
import { IDENTITY_NAMES, isIdentityAttribute } from './identity-attributes.ts';
import type { SqlDatabase } from './sql/sql-database.ts';
import type { StoreNames } from './store-names.ts';
import { entriesOf, listSlots, NO_ENTRIES, TextIndex, type IdQuery, type TextEntries, type TextHit, type TextOperator, type TextSlots } from './text-index.ts';

/** Documents per object: the first 64 held attribute names (identity names as spelled, and the indexed ones, sorted). */
const SLOT_COUNT = 64;

/** True when mv_text holds the attribute, given the attributes in the value index. */
export function mvTextHolds(attr: string, indexed: ReadonlySet<string>): boolean {
  return indexed.has(attr) || isIdentityAttribute(attr);
}

/** An object's entries: the texts of the attributes mv_text holds. */
export function mvTextEntries(attrs: StoredAttributes, indexed: ReadonlySet<string>): TextEntries {
  return entriesOf(attrs, (a) => mvTextHolds(a, indexed));
}

/** Statements over mv_text. */
export class MvTextIndex {
  private readonly index: TextIndex;
  private slotsOf: { indexed: ReadonlySet<string>; slots: TextSlots } | null = null;

  constructor(
    db: SqlDatabase,
    names: StoreNames,
    /** The attributes in the value index now. */
    private readonly indexed: () => ReadonlySet<string>,
  ) {
    this.index = new TextIndex(db, names, { rows: 'mv_text', id: 'mv_id', documents: 'mv_text_fts', perConnector: false });
  }

  /**
   * The document slots for a set of indexed attributes (the text is written again whenever that set changes). An
   * identity attribute spelled otherwise, or a held attribute past the slots, has rows and no document.
   */
  private slots(indexed = this.indexed()): TextSlots {
    if (this.slotsOf?.indexed !== indexed) this.slotsOf = { indexed, slots: listSlots([...new Set([...IDENTITY_NAMES, ...indexed])].sort(), SLOT_COUNT) };
    return this.slotsOf.slots;
  }

  /** Moves an object's text from its previous attributes (null for a new object) to its new ones (null when deleted). */
  write(id: number, before: StoredAttributes | null, after: StoredAttributes | null): void {
    const indexed = this.indexed();
    const was = before ? mvTextEntries(before, indexed) : NO_ENTRIES;
    const now = after ? mvTextEntries(after, indexed) : NO_ENTRIES;
    this.index.write(id, null, was, now, this.slots(indexed));
  }

  /** Forgets every object's text (the indexed attributes changed). */
  clear(): void {
    this.index.clear(null, this.slots());
  }

  /** Ids of the objects whose attribute has a text satisfying the clause (the attribute must be held). */
  matching(attr: string, operator: TextOperator, value: string): IdQuery {
    return this.index.matching(attr, operator, value, null, this.slots());
  }

  /** Ids of the objects with one of `attrs` (all held) whose text equals `text` (any case): one key seek per attribute. */
  equalTo(attrs: readonly string[], text: string): IdQuery {
    return this.index.equalTo(attrs, text, null);
  }

  /** Objects and attributes whose text contains `text`, in any held attribute; null when too short. */
  containing(text: string): Iterable<TextHit> | null {
    return this.index.containing(text, this.slots());
  }

  /** Objects and attributes of the given held attributes whose text starts with `text`. */
  startingWith(attrs: readonly string[], text: string): Iterable<TextHit> {
    return this.index.startingWith(attrs, text, null);
  }
}
