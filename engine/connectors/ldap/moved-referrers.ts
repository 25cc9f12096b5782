// Active Directory keeps a group's member (and a user's manager) pointing at an object that is renamed or moved,
// without changing the group: the group's uSNChanged stays, so a delta import would keep the member's old DN (a
// name that no longer exists in the directory, or a placeholder when the object came from outside the selection).
// For every object renamed or moved since the watermark, the objects that refer to it — read from its back-links,
// memberOf and directReports — are read again and delivered as they are now.
import type { ConnectorContext, ImportBatch } from '../contract.ts';
import { and, not } from './filter.ts';
import type { ChangeStamp } from './delta-changed.ts';
import type { ImportPlan } from './import-plan.ts';
import { searchInBatches } from './search-batches.ts';
import type { LdapSession } from './session.ts';

/** Back-link attributes whose values are the objects referring to this one. */
const BACK_LINKS = ['memberOf', 'directReports'];

/** The referrers of objects renamed or moved since the stamp, delivered with their current values. */
export async function* referrersOfMoved(session: LdapSession, plan: ImportPlan, stamp: ChangeStamp, delivered: Set<string>, ctx: ConnectorContext): AsyncGenerator<ImportBatch> {
  const referrers = new Set<string>();
  for (const partition of plan.partitions) {
    await session.run(`searching objects renamed or moved in ${partition}`, async (client) => {
      for await (const page of client.searchPaginated(partition, {
        scope: 'sub',
        filter: and(stamp.changed, not(stamp.containers)),
        attributes: [...stamp.containerAttributes, ...BACK_LINKS],
        explicitBufferAttributes: stamp.containerAttributes,
        paged: { pageSize: session.config.pageSize },
      })) {
        for (const e of page.searchEntries) {
          if (!stamp.renamed(e)) continue;
          for (const attr of BACK_LINKS) for (const dn of [e[attr] ?? []].flat()) referrers.add(String(dn));
        }
      }
    });
  }
  if (referrers.size === 0) return;
  ctx.log('info', `re-reading ${referrers.size} objects that refer to renamed or moved objects`);
  // An object read here that is outside the scope was never in it (it refers to a moved object): drop it.
  yield* searchInBatches(session, plan, [...referrers].map((base) => ({ base, scope: 'base' as const })), { outOfScope: 'drop', delivered }, ctx);
}
