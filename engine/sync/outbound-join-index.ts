// Outbound join (spec §3.3): the disconnectors of a target connector space by attribute value, looked up in the
// store's value index (kept current as objects are written), so a join costs an indexed lookup per value and
// no step holds a connector space in memory.
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
  constructor(private readonly store: Store) {}

  /** Ids of disconnectors (not placeholders) of the type whose attribute has a value with this comparison key. */
  lookup(connector: number, objectType: string, attribute: string, key: string): readonly number[] {
    return this.store.cs.disconnectorsWith(connector, objectType, attribute, key);
  }
}
