// Read-only lookups behind the console's global search (Find identity): exact anchor, DN and value matches, then
// substring matches over the values of identity attributes, in every connector space and the metaverse. All of
// them read the search text indexes, so their cost follows the matches, not the number of objects; each object the
// index proposes is confirmed on its values. A substring needs three characters (a trigram); two characters find
// the values that start with them; one character finds nothing but exact matches, on either store.
import { dnKey } from '../model/dn.ts';
import type { StoredAttributes, StoredValue } from '../model/stored-values.ts';
import { valueKey, valueText } from '../model/stored-values.ts';
import { csSearchView } from './cs-text-index.ts';
import { isIdentityAttribute } from './identity-attributes.ts';
import type { Store } from './store.ts';
import { DN_KEY_MATCH, dnKeyParams } from './cs-columns.ts';

/** A found connector space object: where it is and its attributes as the engine knows them. */
export interface FoundCs {
  readonly id: number; readonly connector: number; readonly dn: string; readonly anchor: string | null; readonly objectType: string;
  readonly mvId: number | null; readonly attrs: StoredAttributes;
}
export interface FoundMv {
  readonly id: number; readonly objectType: string; readonly attrs: StoredAttributes;
}

function foundCs(store: Store, id: number): FoundCs | null {
  const o = store.cs.get(id);
  if (!o || o.state === 'placeholder') return null;
  return { id: o.id, connector: o.connector, dn: o.dn, anchor: o.anchor, objectType: o.objectType, mvId: o.mvId, attrs: csSearchView(o) };
}

function foundMv(store: Store, id: number): FoundMv | null {
  const o = store.mv.get(id);
  return o && { id: o.id, objectType: o.objectType, attrs: o.attrs };
}

const present = <T>(items: (T | null)[]): T[] => items.filter((x): x is T => x !== null);

/** Up to `n` items of an iterable (the rest is not read). */
function* first<T>(items: Iterable<T>, n: number): Generator<T> {
  if (n <= 0) return;
  let i = 0;
  for (const item of items) {
    yield item;
    if (++i >= n) return;
  }
}

/** True when one of the values equals the text (lower-cased), as text. */
function anyEqual(values: readonly StoredValue[] | undefined, lower: string): boolean {
  return (values ?? []).some((v) => valueText(v).toLowerCase() === lower);
}

/** Connector space objects whose anchor is the text, whose DN is it (as DNs), or whose DN, anchor or identity value equals it (any case). */
export function csExact(store: Store, connectors: readonly number[], text: string): FoundCs[] {
  const db = store.db;
  const byAnchor = db.prepare('SELECT id FROM cs_objects WHERE connector = ? AND anchor = ?').pluck();
  const byDn = db.prepare(`SELECT id FROM cs_objects WHERE connector = ? AND ${DN_KEY_MATCH}`).pluck();
  const index = store.cs.text;
  let key: string | null;
  try {
    key = text.includes('=') ? dnKey(text) : null;
  } catch {
    // Not a DN after all: the other lookups still apply.
    key = null;
  }
  const lower = text.toLowerCase();
  const exact = new Set<number>();
  const candidates = new Set<number>();
  for (const c of connectors) {
    for (const id of byAnchor.all(c, text) as number[]) exact.add(id);
    if (key) for (const id of byDn.all(c, ...dnKeyParams(key)) as number[]) exact.add(id);
    for (const id of first(index.equalTo(c, text), 50)) candidates.add(id);
  }
  const equal = (o: FoundCs) =>
    connectors.includes(o.connector) && (o.dn.toLowerCase() === lower || o.anchor?.toLowerCase() === lower || Object.entries(o.attrs).some(([a, v]) => isIdentityAttribute(a) && anyEqual(v, lower)));
  const confirmed = [...candidates].filter((id) => !exact.has(id)).map((id) => foundCs(store, id)).filter((o) => o !== null && equal(o));
  return [...present([...exact].map((id) => foundCs(store, id))), ...(confirmed as FoundCs[])];
}

/** Metaverse objects with an indexed value (as the value index compares) or an identity value equal to the text (any case). */
export function mvExact(store: Store, attributes: readonly string[], text: string): FoundMv[] {
  const find = store.db.prepare('SELECT mv_id FROM mv_index WHERE attr = ? AND value = ? LIMIT 50').pluck();
  const ids = new Set<number>();
  for (const attr of attributes) {
    const name = store.mv.isIndexed(attr) ? store.names.existingId(attr) : undefined;
    if (name !== undefined) for (const id of find.all(name, valueKey(text)) as number[]) ids.add(id);
  }
  const found = present([...ids].map((id) => foundMv(store, id)));
  const held = attributes.filter((a) => store.mv.holdsText(a));
  if (held.length) {
    const lower = text.toLowerCase();
    for (const id of new Set(first(store.mv.text.equalTo(held, text), 50))) {
      if (ids.has(id)) continue;
      const o = foundMv(store, id);
      if (o && held.some((a) => anyEqual(o.attrs[a], lower))) found.push(o);
    }
  }
  return found;
}

/** Of the ids the searches yield, the distinct ones that `accept` takes (it confirms each), up to `limit`. */
function firstFound<T>(searches: readonly Iterable<number>[], accept: (id: number) => T | null, limit: number): T[] {
  const seen = new Set<number>();
  const out: T[] = [];
  for (const ids of searches) {
    for (const id of ids) {
      if (seen.has(id)) continue;
      seen.add(id);
      const found = accept(id);
      if (found) out.push(found);
      if (out.length >= limit) return out;
    }
  }
  return out;
}

/** Up to `limit` connector space objects (placeholders left out) whose DN or identity attributes contain the text. */
export function csContaining(store: Store, connectors: readonly number[], text: string, limit: number): FoundCs[] {
  const lower = text.toLowerCase();
  const index = store.cs.text;
  const all = index.containing(text);
  const searches = all ? [all] : connectors.map((c) => index.startingWith(c, text)).filter((ids) => ids !== null);
  return firstFound(searches, (id) => {
    const o = foundCs(store, id);
    return o && connectors.includes(o.connector) && (o.dn.toLowerCase().includes(lower) || identityMatch(o.attrs, text)) ? o : null;
  }, limit);
}

/** Up to `limit` metaverse objects whose identity attributes (of those named) contain the text. */
export function mvContaining(store: Store, attributes: readonly string[], text: string, limit: number): FoundMv[] {
  const index = store.mv.text;
  const identity = attributes.filter(isIdentityAttribute);
  const ids = index.containing(text) ?? (identity.length ? index.startingWith(identity, text) : null);
  return firstFound(ids ? [ids] : [], (id) => {
    const o = foundMv(store, id);
    return o && identityMatch(o.attrs, text) ? o : null;
  }, limit);
}

/** The first identity attribute whose value contains the text (case-insensitive), with that value. */
export function identityMatch(attrs: StoredAttributes, text: string): { attribute: string; value: string; exact: boolean } | null {
  const want = text.toLowerCase();
  let partial: { attribute: string; value: string; exact: boolean } | null = null;
  for (const [attribute, values] of Object.entries(attrs)) {
    if (!isIdentityAttribute(attribute)) continue;
    for (const v of values) {
      const value = valueText(v);
      const lower = value.toLowerCase();
      if (lower === want) return { attribute, value, exact: true };
      if (!partial && lower.includes(want)) partial = { attribute, value, exact: false };
    }
  }
  return partial;
}
