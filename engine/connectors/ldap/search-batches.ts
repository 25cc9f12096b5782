// The bulk reads every import is made of: paged searches of some bases (one connection each, in parallel), one
// search per typed filter of the plan, entries mapped into batches of changes. An entry outside the plan's scope
// is dropped (full import) or delivered as a deletion (delta import: it left the scope).
import { type Filter, ResultCodeError } from 'ldapts';
import type { ConnectorContext, ImportBatch, ImportChange, ImportProblem } from '../contract.ts';
import { isWithinDn } from '../../model/dn.ts';
import type { LdapObjectType } from './config.ts';
import { EntryMapper } from './entry-mapper.ts';
import { classify, describeResultCode } from './errors.ts';
import { and } from './filter.ts';
import { type ImportPlan, inScope } from './import-plan.ts';
import { mergeIterators } from './merge-iterators.ts';
import { PagedSearchConnection } from './paged-search-connection.ts';
import type { ResponseEntry } from './ber-responses.ts';
import { completeRanges, hasRanges } from './range-retrieval.ts';
import type { LdapSession } from './session.ts';

/** One base to search: its subtree (default), its children, or the entry alone. */
export interface SearchSource {
  readonly base: string;
  readonly scope?: 'base' | 'one' | 'sub';
}

export interface SearchOptions {
  /** And-ed with each typed filter of the plan (e.g. `uSNChanged>=n`). */
  readonly where?: Filter;
  /** What an entry outside the scope becomes. */
  readonly outOfScope: 'drop' | 'delete';
  /** Anchors this import delivered already: skipped here; the anchors delivered here are added. */
  readonly delivered?: Set<string>;
  /** The sources are the plan's bases: only excluded containers can put an entry out of scope. */
  readonly fromBases?: boolean;
}

interface TypedPage {
  readonly entries: ResponseEntry[];
  readonly type?: LdapObjectType;
}

/** Pages of raw entries of one base, on a connection of its own (servers keep one paged search per connection). */
async function* searchBase(session: LdapSession, plan: ImportPlan, source: SearchSource, where: Filter | undefined): AsyncGenerator<TypedPage> {
  const connection = await PagedSearchConnection.open(session.config, await session.url());
  try {
    // Only Active Directory slices large attributes into ranges.
    const ranged = session.config.flavour === 'ad' || (await session.rootDse()).isActiveDirectory;
    for (const typed of plan.typedFilters) {
      const pages = connection.search({
        base: source.base,
        scope: source.scope ?? 'sub',
        filter: where ? and(typed.filter, where) : typed.filter,
        attributes: plan.attributes,
        binary: new Set(plan.binaryAttributes.map((a) => a.toLowerCase())),
        pageSize: session.config.pageSize,
        timeLimitSeconds: Math.ceil(session.config.timeoutMs / 1000),
      });
      for await (const page of pages) {
        if (ranged) for (const entry of page) if (hasRanges(entry)) await completeRanges(await session.client(), entry, plan.binaryAttributes);
        yield { entries: page, type: typed.type };
      }
    }
  } finally {
    await connection.close();
  }
}

/** Streams the entries of the plan's object types under the sources as batches of changes. */
export async function* searchInBatches(
  session: LdapSession,
  plan: ImportPlan,
  sources: readonly SearchSource[],
  options: SearchOptions,
  ctx: ConnectorContext,
): AsyncGenerator<ImportBatch> {
  const mapper = new EntryMapper({ schema: await session.schema(), ...plan });
  const batchSize = session.config.batchSize;
  let changes: ImportChange[] = [];
  let problems: ImportProblem[] = [];
  const iterators = sources.map((s) => searchBase(session, plan, s, options.where));
  try {
    for await (const page of mergeIterators(iterators)) {
      if (ctx.signal.aborted) throw ctx.signal.reason ?? new Error('import cancelled');
      for (const entry of page.entries) {
        const r = mapper.map(entry, page.type);
        const within = options.fromBases ? !plan.excludeContainers.some((c) => isWithinDn(entry.dn, c)) : inScope(plan, entry.dn);
        if ('problem' in r) {
          if (within) problems.push(r.problem);
          continue;
        }
        const { anchor } = r.object;
        if (options.delivered?.has(anchor)) continue;
        options.delivered?.add(anchor);
        if (within) changes.push({ kind: 'object', object: r.object });
        else if (options.outOfScope === 'delete') changes.push({ kind: 'delete', anchor, dn: r.object.dn });
        if (changes.length >= batchSize) {
          yield problems.length > 0 ? { changes, problems } : { changes };
          changes = [];
          problems = [];
        }
      }
    }
  } catch (error) {
    if (error === ctx.signal.reason) throw error;
    const where = `searching ${sources.map((s) => s.base).join('; ')}`;
    const classified = classify(error, where, session.secrets);
    if (classified instanceof ResultCodeError) throw new Error(`${where}: ${describeResultCode(classified)}`, { cause: classified });
    throw classified;
  }
  if (changes.length > 0 || problems.length > 0) yield problems.length > 0 ? { changes, problems } : { changes };
}
