// Global search: one text looked up as anchor, DN, indexed value and identity-attribute substring across every
// connector space and the metaverse; exact matches first, then metaverse objects, then connector space objects.
import type { SearchHit } from '../../../shared/model/journey.ts';
import type { SyncEngine } from '../../sync/engine.ts';
import { valueText } from '../../model/stored-values.ts';
import type { StoredAttributes } from '../../model/stored-values.ts';
import { csContaining, csExact, identityMatch, mvContaining, mvExact, type FoundCs, type FoundMv } from '../../store/identity-search.ts';

function displayNameOf(attrs: StoredAttributes): string | null {
  const v = attrs.displayName?.[0] ?? attrs.cn?.[0] ?? attrs.name?.[0];
  return v === undefined ? null : valueText(v);
}

/** Searches every connector space and the metaverse for `text`; at most `limit` hits. */
export function globalSearch(engine: SyncEngine, text: string, limit: number): { items: SearchHit[]; truncated: boolean } {
  const store = engine.store;
  const connectors = store.connectors.list();
  const nameOf = new Map(connectors.map((c) => [c.seq, c.name]));
  const seqs = connectors.map((c) => c.seq);
  const indexed = store.schema.get().attributes.map((a) => a.name).filter((a) => store.mv.isIndexed(a));
  const hits = new Map<string, SearchHit>();
  const add = (hit: SearchHit) => {
    const key = `${hit.kind}:${hit.id}`;
    if (!hits.has(key)) hits.set(key, hit);
  };
  const mvHit = (o: FoundMv, exactOnly: boolean) => {
    const m = identityMatch(o.attrs, text) ?? (exactOnly ? exactValue(o.attrs, text) : null);
    if (!m) return;
    add({ kind: 'mv', connector: null, id: String(o.id), mvId: String(o.id), dn: null, objectType: o.objectType, displayName: displayNameOf(o.attrs), matched: m });
  };
  const csHit = (o: FoundCs) => {
    const lower = text.toLowerCase();
    const m =
      o.anchor === text ? { attribute: 'anchor', value: o.anchor, exact: true }
      : o.dn.toLowerCase() === lower ? { attribute: 'dn', value: o.dn, exact: true }
      : identityMatch(o.attrs, text) ?? (o.dn.toLowerCase().includes(lower) ? { attribute: 'dn', value: o.dn, exact: false } : null);
    if (!m) return;
    add({
      kind: 'cs', connector: nameOf.get(o.connector) ?? String(o.connector), id: String(o.id), mvId: o.mvId === null ? null : String(o.mvId),
      dn: o.dn, objectType: o.objectType, displayName: displayNameOf(o.attrs), matched: m,
    });
  };
  for (const o of mvExact(store, indexed, text)) mvHit(o, true);
  for (const o of csExact(store, seqs, text)) csHit(o);
  // One more than asked for tells whether the list was cut.
  for (const o of mvContaining(store, text, limit + 1)) mvHit(o, false);
  for (const o of csContaining(store, seqs, text, limit + 1)) csHit(o);
  const all = [...hits.values()].sort((a, b) => Number(b.matched.exact) - Number(a.matched.exact) || (a.kind === b.kind ? 0 : a.kind === 'mv' ? -1 : 1));
  return { items: all.slice(0, limit), truncated: all.length > limit };
}

/** An attribute whose value equals the text (any attribute: an exact indexed match need not be an identity one). */
function exactValue(attrs: StoredAttributes, text: string): { attribute: string; value: string; exact: boolean } | null {
  const want = text.toLowerCase();
  for (const [attribute, values] of Object.entries(attrs)) for (const v of values) if (valueText(v).toLowerCase() === want) return { attribute, value: valueText(v), exact: true };
  return null;
}
