// Outbound join (spec §3.3): the disconnectors of a target connector space by attribute value, built once per
// step on first use, so joining N metaverse objects costs one pass over the target space, not N.
import { valueKey } from '../model/stored-values.ts';
import type { Store } from '../store/store.ts';

/** Lazily built value → CS ids maps, one per (connector, object type, attribute). */
export class OutboundJoinIndex {
  private readonly maps = new Map<string, Map<string, number[]>>();

  constructor(private readonly store: Store) {}

  /** Ids of disconnectors (when the index was built) whose attribute has a value with this comparison key. */
  lookup(connector: number, objectType: string, attribute: string, key: string): readonly number[] {
    const id = `${connector}\u0000${objectType.toLowerCase()}\u0000${attribute}`;
    let map = this.maps.get(id);
    if (!map) {
      map = this.build(connector, objectType, attribute);
      this.maps.set(id, map);
    }
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
