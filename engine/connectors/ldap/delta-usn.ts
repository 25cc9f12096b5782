// Active Directory delta import by update sequence number: objects with uSNChanged above the watermark (in the
// whole partition, so objects that left the selected containers are seen), the subtrees of containers renamed
// or moved since (read from their replication metadata), and tombstones (Show Deleted control) for deletions.
// The watermark is the DC's highestCommittedUSN, valid only on the same DC.
import type { ConnectorContext, ImportBatch, ImportChange, ImportScope } from '../contract.ts';
import { WatermarkExpiredError } from '../contract.ts';
import { FlagControl, SHOW_DELETED_OID } from './controls.ts';
import { type ChangeStamp, changedEntriesDelta } from './delta-changed.ts';
import { anchorText, EntryMapper } from './entry-mapper.ts';
import { classify } from './errors.ts';
import { and, eq, gte, or } from './filter.ts';
import { planImport } from './import-plan.ts';
import { nameChangedUsn } from './repl-metadata.ts';
import { referrersOfMoved } from './moved-referrers.ts';
import type { LdapSession } from './session.ts';
import { formatWatermark, parseWatermark } from './watermark.ts';

/** Object classes that hold the objects of a domain. */
const AD_CONTAINER_CLASSES = ['organizationalUnit', 'container', 'builtinDomain'];

/** The DC's current position. */
export async function usnWatermark(session: LdapSession): Promise<string | null> {
  const r = await session.freshRootDse();
  return r.highestCommittedUSN ? formatWatermark({ type: 'usn', usn: r.highestCommittedUSN, dsa: r.dsServiceName ?? '' }) : null;
}

/** How uSNChanged and replPropertyMetaData tell what changed after `from - 1`. */
export function usnStamp(from: bigint): ChangeStamp {
  return {
    changed: gte('uSNChanged', from.toString()),
    containers: or(...AD_CONTAINER_CLASSES.map((c) => eq('objectClass', c))),
    containerAttributes: ['replPropertyMetaData'],
    renamed: (e) => {
      const raw = e.replPropertyMetaData;
      const usn = nameChangedUsn(Buffer.isBuffer(raw) ? raw : Array.isArray(raw) && Buffer.isBuffer(raw[0]) ? raw[0] : undefined);
      return usn === undefined || usn >= from;
    },
  };
}

/** Objects changed and deleted since the watermark. */
export async function* usnDelta(session: LdapSession, watermark: string, scope: ImportScope, ctx: ConnectorContext): AsyncGenerator<ImportBatch, string | null, void> {
  const w = parseWatermark(watermark, ['usn']);
  const rootDse = await session.freshRootDse();
  if ((rootDse.dsServiceName ?? '') !== w.dsa) {
    throw new WatermarkExpiredError(`the USN watermark belongs to another domain controller (${w.dsa}); a full import is needed`);
  }
  const next = formatWatermark({ type: 'usn', usn: rootDse.highestCommittedUSN ?? w.usn, dsa: w.dsa });
  const from = BigInt(w.usn) + 1n;
  const schema = await session.schema();
  const plan = planImport(session.config, scope, rootDse, schema);
  const stamp = usnStamp(from);
  const delivered = new Set<string>();
  yield* changedEntriesDelta(session, plan, stamp, ctx, delivered);
  yield* referrersOfMoved(session, plan, stamp, delivered, ctx);

  const mapper = new EntryMapper({ schema, ...plan });
  const client = await session.client();
  for (const partition of plan.partitions) {
    const changes: ImportChange[] = [];
    try {
      const pages = client.searchPaginated(
        partition,
        {
          scope: 'sub',
          filter: and(eq('isDeleted', 'TRUE'), gte('uSNChanged', from.toString())),
          attributes: [plan.anchorAttribute, 'objectClass'],
          explicitBufferAttributes: plan.binaryAttributes,
          paged: { pageSize: session.config.pageSize },
        },
        new FlagControl(SHOW_DELETED_OID, true),
      );
      for await (const page of pages) {
        for (const e of page.searchEntries) {
          const classes = [e.objectClass ?? []].flat().map(String);
          const anchor = anchorText(e[plan.anchorAttribute]);
          if (anchor && mapper.objectTypeOf(classes)) changes.push({ kind: 'delete', anchor, dn: e.dn });
        }
      }
    } catch (error) {
      throw classify(error, `reading deleted objects of ${partition}`, session.secrets);
    }
    if (changes.length > 0) yield { changes };
  }
  // Everything up to `next` has been delivered: the last batch carries it, so it holds even when problems were reported.
  yield { changes: [], watermark: next };
  return next;
}
