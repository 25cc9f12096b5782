// The value index keys an object not yet joined could join on, so a synchronization batch can read the metaverse
// objects holding them in one go (MvStore.readAheadKeys). A key missed here is looked up when the join needs it, so
// this only has to cover the usual case: the object's pending import applied, the join rules of its connector and
// type, in or out of scope.
import type { CsObject } from '../model/objects.ts';
import { valueKey } from '../model/stored-values.ts';
import type { SyncEnv } from './sync-env.ts';
import { exportAwareView } from './views.ts';

/** (metaverse attribute, value key) pairs the join rules of an unjoined object would look up. */
export function joinKeysOf(env: SyncEnv, cs: CsObject): [attr: string, key: string][] {
  const pi = cs.pendingImport;
  if (cs.mvId !== null || cs.transient || cs.state === 'disconnector.explicit' || pi?.op === 'delete') return [];
  const imported: CsObject = pi ? { ...cs, hologram: pi.image, objectType: pi.objectType ?? cs.objectType } : cs;
  const view = exportAwareView(imported);
  const out: [string, string][] = [];
  for (const r of env.rules.inbound(cs.connector, imported.objectType)) {
    if (!r.joinKey) continue;
    for (const group of r.rule.joinRules) for (const clause of group) for (const v of view[clause.csAttribute] ?? []) out.push([clause.mvAttribute, valueKey(v)]);
  }
  return out;
}
