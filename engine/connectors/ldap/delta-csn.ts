// OpenLDAP delta import without accesslog: entries whose entryCSN is at or after the watermark, as full objects
// (in the whole partition, so objects that left the selected containers are seen), and the subtrees of changed
// entries that have children (a renamed container). Deletions cannot be seen this way; a periodic full import
// obsoletes deleted objects.
import type { ConnectorContext, ImportBatch, ImportScope } from '../contract.ts';
import { type ChangeStamp, changedEntriesDelta } from './delta-changed.ts';
import { eq, gte } from './filter.ts';
import { defaultPartitions, planImport } from './import-plan.ts';
import type { LdapSession } from './session.ts';
import { formatWatermark, parseWatermark } from './watermark.ts';

/** Newest contextCSN of the partitions, or null when the server keeps none. */
export async function csnWatermark(session: LdapSession, scope: ImportScope): Promise<string | null> {
  const partitions = scope.partitions?.length ? scope.partitions : defaultPartitions(session.config, await session.rootDse());
  let newest = '';
  for (const p of partitions) {
    const { searchEntries } = await session.run(`reading contextCSN of ${p}`, (c) => c.search(p, { scope: 'base', attributes: ['contextCSN'] }));
    for (const csn of [searchEntries[0]?.contextCSN ?? []].flat().map(String)) if (csn > newest) newest = csn;
  }
  return newest ? formatWatermark({ type: 'csn', csn: newest }) : null;
}

/** Without replication metadata any changed entry with children may have been renamed: its subtree is read. */
function csnStamp(csn: string): ChangeStamp {
  return { changed: gte('entryCSN', csn), containers: eq('hasSubordinates', 'TRUE'), containerAttributes: [], renamed: () => true };
}

/** Entries changed since the watermark's CSN. */
export async function* csnDelta(session: LdapSession, watermark: string, scope: ImportScope, ctx: ConnectorContext): AsyncGenerator<ImportBatch, string | null, void> {
  const { csn } = parseWatermark(watermark, ['csn']);
  const next = (await csnWatermark(session, scope)) ?? watermark;
  const plan = planImport(session.config, scope, await session.rootDse(), await session.schema());
  yield* changedEntriesDelta(session, plan, csnStamp(csn), ctx);
  yield { changes: [], watermark: next };
  return next;
}
