// Reference values across connector spaces. A connector space refers to objects by their DN in that connected
// system; the metaverse refers to metaverse objects (`{ ref, mv }`). Inbound flows resolve a DN to the metaverse
// object its CS object is joined to; outbound flows resolve a metaverse object to the DN of its CS object in the
// target. What cannot be resolved is left out (and counted), never written as a dangling name.
import { dnKey } from '../model/dn.ts';
import type { CsObject, MvObject } from '../model/objects.ts';
import type { StoredValue } from '../model/stored-values.ts';
import type { ReferenceResolver } from '../rules/contribution.ts';
import { isRef } from '../store/reference-index.ts';
import type { SyncEnv } from './sync-env.ts';
import type { WorkingSet } from './working-set.ts';

/** A resolver that also counts the references it could not resolve. */
export interface CountingResolver {
  readonly resolve: ReferenceResolver;
  unresolved: number;
}

/** Inbound: references of the linked CS objects become references to the metaverse objects they are joined to. */
export function inboundReferences(env: SyncEnv, ws: WorkingSet, linked: readonly CsObject[]): CountingResolver {
  const byId = new Map(linked.map((c) => [c.id, c]));
  const r: CountingResolver = {
    unresolved: 0,
    resolve(candidate, attr, values) {
      // A reference flowing into a text attribute stays the DN it is.
      if (env.rules.attrTypes.get(attr) === 'string') return values.map((v) => (isRef(v) ? v.ref : v));
      const source = byId.get(candidate.csId);
      const out: StoredValue[] = [];
      for (const v of values) {
        if (!isRef(v)) out.push(v);
        else {
          const target = source ? ws.nameOf(source.connector, v.ref) : null;
          // The reference's own text when it is the object's DN as stored: a group's members keep one copy of each name.
          if (target && target.mvId !== null && target.state !== 'placeholder' && !ws.mvDeleted(target.mvId)) out.push({ ref: target.dn === v.ref ? v.ref : target.dn, mv: target.mvId });
          else r.unresolved++;
        }
      }
      return out;
    },
  };
  return r;
}

/**
 * Outbound: metaverse references become the DN of the referenced object in the target connector space (its new
 * DN when a rename is pending). A reference an expression computed as a DN is kept as that DN, unless it names
 * one of the object's own metaverse references.
 */
export function outboundReferences(ws: WorkingSet, mv: MvObject, targetConnector: number): CountingResolver {
  let own: Map<string, number> | null = null;
  const idOf = (v: { ref: string; mv?: number }): number | undefined => {
    if (typeof v.mv === 'number') return v.mv;
    own ??= ownReferences(mv);
    return own.get(dnKey(v.ref));
  };
  const r: CountingResolver = {
    unresolved: 0,
    resolve(_candidate, _attr, values) {
      const out: StoredValue[] = [];
      for (const v of values) {
        if (!isRef(v)) {
          out.push(v);
          continue;
        }
        const id = idOf(v);
        if (id === undefined) {
          out.push({ ref: v.ref });
          continue;
        }
        const target = ws.nameLinkedIn(id, targetConnector);
        // The identity goes along, so the export can name the object as it is then (see export-step.ts).
        if (target && target.exportOp !== 'delete') out.push({ ref: target.newDn ?? target.dn, mv: id });
        else r.unresolved++;
      }
      return out;
    },
  };
  return r;
}

function ownReferences(mv: MvObject): Map<string, number> {
  const out = new Map<string, number>();
  for (const values of Object.values(mv.attrs)) for (const v of values) if (isRef(v) && typeof v.mv === 'number') out.set(dnKey(v.ref), v.mv);
  return out;
}
