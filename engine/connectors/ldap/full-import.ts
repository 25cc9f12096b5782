// Full import: a paged search per base (partition or included container), all bases in parallel, mapped into
// batches of objects. Only the object types and attributes in scope are requested.
import type { Entry } from 'ldapts';
import type { ConnectorContext, ImportBatch, ImportedObject, ImportChange, ImportProblem, ImportScope } from '../contract.ts';
import { EntryMapper } from './entry-mapper.ts';
import { classify, describeResultCode } from './errors.ts';
import { ResultCodeError } from 'ldapts';
import { type ImportPlan, planImport } from './import-plan.ts';
import { mergeIterators } from './merge-iterators.ts';
import { PagedSearchConnection } from './paged-search-connection.ts';
import { completeRanges, hasRanges } from './range-retrieval.ts';
import type { LdapSession } from './session.ts';
import type { Filter } from 'ldapts';

/** Pages of raw entries of one base, on a connection of its own (servers keep one paged search per connection). */
async function* searchBase(session: LdapSession, plan: ImportPlan, base: string, filter: Filter): AsyncGenerator<Entry[]> {
  const connection = await PagedSearchConnection.open(session.config, await session.url());
  try {
    const pages = connection.search({
      base,
      filter,
      attributes: plan.attributes,
      binary: new Set(plan.binaryAttributes.map((a) => a.toLowerCase())),
      pageSize: session.config.pageSize,
      timeLimitSeconds: Math.ceil(session.config.timeoutMs / 1000),
    });
    // Only Active Directory slices large attributes into ranges.
    const ranged = session.config.flavour === 'ad' || (await session.rootDse()).isActiveDirectory;
    for await (const page of pages) {
      if (ranged) for (const entry of page) if (hasRanges(entry)) await completeRanges(await session.client(), entry, plan.binaryAttributes);
      yield page;
    }
  } finally {
    await connection.close();
  }
}

/** Streams the entries matching `filter` under every base of the plan as batches of mapped changes. */
export async function* searchInBatches(
  session: LdapSession,
  plan: ImportPlan,
  filter: Filter,
  ctx: ConnectorContext,
  toChange: (object: ImportedObject) => ImportChange = (object) => ({ kind: 'object', object }),
): AsyncGenerator<ImportBatch> {
  const schema = await session.schema();
  const mapper = new EntryMapper({ schema, ...plan });
  const batchSize = session.config.batchSize;
  let changes: ImportChange[] = [];
  let problems: ImportProblem[] = [];
  const sources = plan.bases.map(({ base }) => searchBase(session, plan, base, filter));
  try {
    for await (const entries of mergeIterators(sources)) {
      if (ctx.signal.aborted) throw ctx.signal.reason ?? new Error('import cancelled');
      for (const entry of entries) {
        const r = mapper.map(entry);
        if ('object' in r) changes.push(toChange(r.object));
        else if ('problem' in r) problems.push(r.problem);
        if (changes.length >= batchSize) {
          yield problems.length > 0 ? { changes, problems } : { changes };
          changes = [];
          problems = [];
        }
      }
    }
  } catch (error) {
    if (error === ctx.signal.reason) throw error;
    const where = `searching ${plan.bases.map((b) => b.base).join('; ')}`;
    const classified = classify(error, where, session.secrets);
    // A refused search (e.g. an included container that no longer exists) stops the import with its context.
    if (classified instanceof ResultCodeError) throw new Error(`${where}: ${describeResultCode(classified)}`, { cause: classified });
    throw classified;
  }
  if (changes.length > 0 || problems.length > 0) yield problems.length > 0 ? { changes, problems } : { changes };
}

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
  ctx.log('info', `full import of ${plan.bases.map((b) => b.base).join('; ')} (${plan.objectTypes.map((t) => t.name).join(', ')})`);
  yield* searchInBatches(session, plan, plan.filter, ctx);
  return watermark;
}
