// Outbound join (spec §3.3): the disconnectors of a target connector space by attribute value, looked up in the
// store's value index (kept current as objects are written), so a join costs an indexed lookup per value and
// no step holds a connector space in memory. An attribute the stored rules do not join on (a rule being edited
// and tried) is looked up in a map built once from one pass over the target space.
import { valueKey } from '../model/stored-values.ts';
import type { Store } from '../store/store.ts';
import type { RuleSet } from '../rules/rule-set.ts';

/** The attributes outbound join rules compare, per target connector. */
export function outboundJoinAttributes(rules: RuleSet): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const r of rules.all) {
    if (r.rule.direction !== 'Outbound') continue;
    for (const group of r.rule.joinRules) for (const c of group) {
      let attrs = out.get(r.connectorSeq);
      if (!attrs) out.set(r.connectorSeq, (attrs = new Set()));
      attrs.add(c.csAttribute);
    }
  }
  return out;
}

/** Lookups of target disconnectors by the value of a join attribute. */
export class OutboundJoinIndex {
  /** Maps of attributes the store does not index, built on first use. */
  private readonly unindexed = new Map<string, Map<string, number[]>>();

  constructor(private readonly store: Store) {}

  /** Ids of disconnectors (not placeholders) of the type whose attribute has a value with this comparison key. */
  lookup(connector: number, objectType: string, attribute: string, key: string): readonly number[] {
    if (this.store.cs.isIndexed(connector, attribute)) return this.store.cs.disconnectorsWith(connector, objectType, attribute, key);
    const id = `${connector}\u0000${objectType.toLowerCase()}\u0000${attribute}`;
    let map = this.unindexed.get(id);
    if (!map) this.unindexed.set(id, (map = this.build(connector, objectType, attribute)));
    return map.get(key) ?? [];
  }

  private build(connector: number, objectType: string, attribute: string): Map<string, number[]> {
    const map = new Map<string, number[]>();
    const type = objectType.toLowerCase();
    for (let after = 0; ; ) {
      const page = this.store.cs.page(connector, 'all', after, 1000);
      if (!page.length) break;
      for (const o of page) {
        if (o.mvId !== null || o.state === 'placeholder' || o.objectType.toLowerCase() !== type) continue;
        const image = o.pendingImport && o.pendingImport.op !== 'delete' ? o.pendingImport.image : o.hologram;
        for (const v of image[attribute] ?? []) {
          const k = valueKey(v);
          const list = map.get(k);
          if (list) list.push(o.id);
          else map.set(k, [o.id]);
        }
      }
      after = page[page.length - 1].id;
    }
    return map;
  }
}
