// Reference values across connectors. The metaverse keeps a reference as the DN it had in the connector that
// contributed it; outbound flows translate it to the DN of the same identity in the target connector space.
import type { MvObject } from '../model/objects.ts';
import type { StoredValue } from '../model/stored-values.ts';
import type { WorkingSet } from './working-set.ts';

/** Translates reference values of one MV attribute for a target connector; unresolved references are dropped. */
export function translateReferences(
  ws: WorkingSet,
  mv: MvObject,
  attr: string,
  values: readonly StoredValue[],
  targetConnector: number,
): { values: StoredValue[]; unresolved: number } {
  if (!values.some((v) => typeof v === 'object' && 'ref' in v)) return { values: [...values], unresolved: 0 };
  const contributors = mv.contrib[attr] ?? [];
  const out: StoredValue[] = [];
  let unresolved = 0;
  values.forEach((v, i) => {
    if (typeof v !== 'object' || !('ref' in v)) {
      out.push(v);
      return;
    }
    const ref = contributors.length > 1 ? contributors[i] : contributors[0];
    const source = ref ? ws.csById(ref[1]) : null;
    const target = source ? resolve(ws, source.connector, v.ref, targetConnector) : null;
    if (target) out.push({ ref: target });
    else unresolved++;
  });
  return { values: out, unresolved };
}

/** The DN, in the target connector space, of the identity a source DN points to; null when not (yet) there. */
function resolve(ws: WorkingSet, sourceConnector: number, dn: string, targetConnector: number): string | null {
  if (sourceConnector === targetConnector) return dn;
  const referenced = ws.csByDn(sourceConnector, dn);
  if (!referenced || referenced.mvId === null) return null;
  const target = ws.linked(referenced.mvId).find((c) => c.connector === targetConnector);
  if (!target || target.pendingExport?.op === 'delete') return null;
  return target.pendingExport?.newDn ?? target.dn;
}
