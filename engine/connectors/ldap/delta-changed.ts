// Delta import by change stamp (AD uSNChanged, OpenLDAP entryCSN): every entry of the object types in scope that
// changed since the watermark, searched in whole partitions so an object that left the selected containers is
// seen too (delivered as a deletion), then the subtree of every container renamed or moved since the watermark
// (its objects' DNs changed without the objects changing), each object with its new DN and the same anchor.
import type { Entry, Filter } from 'ldapts';
import type { ConnectorContext, ImportBatch } from '../contract.ts';
import { isWithinDn } from '../../model/dn.ts';
import { and } from './filter.ts';
import type { ImportPlan } from './import-plan.ts';
import { searchInBatches } from './search-batches.ts';
import { missingContainerProblem, missingContainers } from './selected-containers.ts';
import type { LdapSession } from './session.ts';

/** How one directory tells what changed since a watermark. */
export interface ChangeStamp {
  /** Entries changed since the watermark, e.g. `(uSNChanged>=n)`. */
  readonly changed: Filter;
  /** Entries that may hold objects below them (containers). */
  readonly containers: Filter;
  /** Attributes to read from a changed container, for `renamed`. */
  readonly containerAttributes: string[];
  /** Whether a changed container was renamed or moved (else only its own attributes changed). */
  renamed(container: Entry): boolean;
}

/** Subtrees searched at once (one connection each). */
const PARALLEL_SUBTREES = 4;

/** Changed objects of the scope, then the subtrees of renamed or moved containers. */
export async function* changedEntriesDelta(session: LdapSession, plan: ImportPlan, stamp: ChangeStamp, ctx: ConnectorContext, delivered = new Set<string>()): AsyncGenerator<ImportBatch> {
  const missing = await missingContainers(session, plan);
  // With a selected container gone (maybe renamed), leaving the scope is not proof of leaving the selection.
  const outOfScope = missing.length > 0 ? 'drop' : 'delete';
  if (missing.length > 0) {
    for (const m of missing) ctx.log('warn', `selected container ${m} not found; the delta import goes on without it`);
    yield { changes: [], problems: missing.map((m) => missingContainerProblem(m)) };
  }
  yield* searchInBatches(session, plan, plan.partitions.map((base) => ({ base })), { where: stamp.changed, outOfScope, delivered }, ctx);
  const moved = await renamedContainers(session, plan, stamp);
  for (let i = 0; i < moved.length; i += PARALLEL_SUBTREES) {
    const sources = moved.slice(i, i + PARALLEL_SUBTREES).map((base) => ({ base }));
    yield* searchInBatches(session, plan, sources, { outOfScope, delivered }, ctx);
  }
}

/** DNs of the containers renamed or moved since the watermark, without those inside another one of them. */
async function renamedContainers(session: LdapSession, plan: ImportPlan, stamp: ChangeStamp): Promise<string[]> {
  const found: string[] = [];
  for (const partition of plan.partitions) {
    await session.run(`searching renamed containers of ${partition}`, async (client) => {
      for await (const page of client.searchPaginated(partition, {
        scope: 'sub',
        filter: and(stamp.changed, stamp.containers),
        attributes: stamp.containerAttributes.length > 0 ? stamp.containerAttributes : ['1.1'],
        explicitBufferAttributes: stamp.containerAttributes,
        paged: { pageSize: session.config.pageSize },
      })) {
        for (const e of page.searchEntries) if (stamp.renamed(e)) found.push(e.dn);
      }
    });
  }
  return found.filter((dn) => !found.some((other) => other !== dn && isWithinDn(dn, other)));
}
