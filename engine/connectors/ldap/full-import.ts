// Full import: a paged search per base (partition or included container), all bases in parallel, mapped into
// batches of objects. Only the object types and attributes in scope are requested; a selected container that
// no longer exists stops the import before anything is read (nothing may be obsoleted because of it).
import type { ConnectorContext, ImportBatch, ImportScope } from '../contract.ts';
import { planImport } from './import-plan.ts';
import { searchInBatches } from './search-batches.ts';
import { MissingContainerError, missingContainers } from './selected-containers.ts';
import type { LdapSession } from './session.ts';

/** Full import of the scope; returns the watermark the next delta import starts from. */
export async function* fullImport(
  session: LdapSession,
  scope: ImportScope,
  ctx: ConnectorContext,
  currentWatermark: () => Promise<string | null>,
): AsyncGenerator<ImportBatch, string | null, void> {
  // Taken before reading: changes made during the import are delivered again by the next delta (idempotent).
  const watermark = await currentWatermark();
  const plan = planImport(session.config, scope, await session.rootDse(), await session.schema());
  const missing = await missingContainers(session, plan);
  if (missing.length > 0) throw new MissingContainerError(missing);
  ctx.log('info', `full import of ${plan.bases.map((b) => b.base).join('; ')} (${plan.objectTypes.map((t) => t.name).join(', ')})`);
  yield* searchInBatches(session, plan, plan.bases.map((b) => ({ base: b.base })), { outOfScope: 'drop', fromBases: true }, ctx);
  return watermark;
}
