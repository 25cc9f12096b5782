// The search text of connector spaces: per object its DN, its anchor and the values of its identity attributes
// as the engine knows them, kept in the search text index (text-index.ts) in the same transaction as the object.
// The set is fixed, not chosen per connector: a connector's attribute names differ from the metaverse's, and
// ticking "indexed" in the Metaverse Designer never has to rebuild a connector space of a million objects.
import type { CsObject } from '../model/objects.ts';
import type { StoredAttributes, StoredValue } from '../model/stored-values.ts';
import { exportBaseView } from '../sync/views.ts';
import { IDENTITY_ATTRIBUTES, isIdentityAttribute } from './identity-attributes.ts';
import type { SqlDatabase } from './sql/sql-database.ts';
import type { StoreNames } from './store-names.ts';
import { entriesOf, NO_ENTRIES, type TextEntries } from './text-entries.ts';
import { textIndexOf, type TextIndex, type TextOperator, type TextQuery } from './text-index.ts';

/** Clause names of the object's DN and anchor (any case); an attribute of that name is not searchable. */
const DN = 'dn';
const ANCHOR = 'anchor';

/** Their names in the index: a `#` never starts an attribute name. */
const DN_ROW = '#dn';
const ANCHOR_ROW = '#anchor';

/**
 * What the engine knows of an object's attributes: the newest import with unconfirmed exports, and for attributes
 * not imported yet, the values a pending export will write (a provisioned object). Grid columns show the same.
 */
export function csSearchView(o: CsObject): StoredAttributes {
  const pending = o.pendingExport && o.pendingExport.op !== 'delete' ? o.pendingExport.changes : {};
  return { ...pending, ...exportBaseView(o) };
}

/** The index name of a clause attribute (clause attribute names compare case-insensitively, as LDAP's do). */
function rowName(attribute: string): string {
  const lower = attribute.toLowerCase();
  return lower === DN ? DN_ROW : lower === ANCHOR ? ANCHOR_ROW : lower;
}

/** True when the index holds the clause attribute: the DN, the anchor, or an identity attribute. */
export function csTextHolds(attribute: string): boolean {
  const name = rowName(attribute);
  return name === DN_ROW || name === ANCHOR_ROW || isIdentityAttribute(name);
}

/** The values a clause on `attribute` compares: the DN, the anchor, or the attribute's values in the view (any case). */
export function csClauseValues(o: CsObject, view: StoredAttributes, attribute: string): StoredValue[] {
  const name = rowName(attribute);
  if (name === DN_ROW) return [o.dn];
  if (name === ANCHOR_ROW) return o.anchor === null ? [] : [o.anchor];
  const out: StoredValue[] = [];
  for (const [attr, values] of Object.entries(view)) if (attr.toLowerCase() === name) out.push(...values);
  return out;
}

/** An object's entries: its DN, its anchor, and its identity attributes' texts under lower-cased names. */
export function csTextEntries(o: CsObject): TextEntries {
  const entries = entriesOf(csSearchView(o), isIdentityAttribute, (a) => a.toLowerCase());
  entries.set(DN_ROW, new Set([o.dn.toLowerCase()]));
  if (o.anchor !== null) entries.set(ANCHOR_ROW, new Set([o.anchor.toLowerCase()]));
  return entries;
}

/** True when an object's DN is `rdn` or starts with `rdn,` (the RDN scope), case-insensitively. */
export function inRdnScope(o: CsObject, rdn: string): boolean {
  const dn = o.dn.toLowerCase();
  const want = rdn.toLowerCase();
  return dn === want || dn.startsWith(`${want},`);
}

/** Statements over the connector space search text. */
export class CsTextIndex {
  private readonly index: TextIndex;

  constructor(db: SqlDatabase, names: StoreNames) {
    this.index = textIndexOf(db, names, { rows: 'cs_text', id: 'cs_id', documents: 'cs_text_fts', perConnector: true });
  }

  /** Records an object's text in place of the entries it had (none for a new object). */
  write(o: CsObject, before: TextEntries = NO_ENTRIES): void {
    this.index.write(o.id, o.connector, before, csTextEntries(o));
  }

  /** Forgets the text of an object that is deleted. */
  remove(o: CsObject): void {
    this.index.write(o.id, o.connector, csTextEntries(o), NO_ENTRIES);
  }

  /** Forgets the text of a connector space, before its objects are deleted (every connector space when null). */
  clear(connector: number | null): void {
    this.index.clear(connector);
  }

  /** True when a clause on a held attribute narrows through the index. */
  narrows(operator: TextOperator, value: string): boolean {
    return this.index.narrows(operator, value);
  }

  /** The objects of a connector whose clause attribute (see csTextHolds) has a text satisfying the clause (null: not narrowed). */
  matching(connector: number, attribute: string, operator: TextOperator, value: string): TextQuery | null {
    return this.index.matching(rowName(attribute), operator, value, connector);
  }

  /** The objects of a connector whose DN is `rdn` or starts with `rdn,` (see inRdnScope); null when the index cannot narrow it. */
  byRdn(connector: number, rdn: string): TextQuery | null {
    const exact = this.index.matching(DN_ROW, 'equals', rdn, connector);
    const below = this.index.matching(DN_ROW, 'starts-with', `${rdn},`, connector);
    if (!exact || !below) return null;
    return { sql: `${exact.sql} UNION ${below.sql}`, params: [...exact.params, ...below.params], exact: exact.exact && below.exact };
  }

  /** Ids of objects whose DN or identity attribute text may contain `text` (Find identity confirms each); null when too short. */
  containing(text: string): Iterable<number> | null {
    return this.index.containing(text);
  }

  /** Ids of objects of a connector whose DN or identity attribute text may start with `text` (for text too short for a substring). */
  startingWith(connector: number, text: string): Iterable<number> | null {
    return this.index.startingWith([DN_ROW, ...IDENTITY_ATTRIBUTES], text, connector);
  }

  /** Ids of objects of a connector whose DN, anchor or an identity attribute's text may equal `text` (any case). */
  equalTo(connector: number, text: string): Iterable<number> {
    // Every name is listed, so each is one seek of the (connector, attr, value) key.
    return this.index.equalTo([DN_ROW, ANCHOR_ROW, ...IDENTITY_ATTRIBUTES], text, connector);
  }
}
