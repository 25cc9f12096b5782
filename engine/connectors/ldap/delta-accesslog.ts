// OpenLDAP delta import from the accesslog overlay: every successful write since the watermark (reqStart), mapped
// by reqEntryUUID. Adds and modifies become objects and attribute updates straight from their records; deletions
// are delivered whatever their DN. What a record cannot tell is read from the directory as it is now: the
// subtree of a renamed or moved entry (every object below an OU gets its new DN, or a deletion when it left the
// scope), objects of types with their own LDAP filter, and objects already read this way in this import.
import { NoSuchObjectError } from 'ldapts';
import type { ConnectorContext, ImportBatch, ImportChange, ImportProblem, ImportScope } from '../contract.ts';
import { WatermarkExpiredError } from '../contract.ts';
import { dnKey, isWithinDn, parentDn, rebaseDn } from '../../model/dn.ts';
import { recordToChange } from './accesslog-changes.ts';
import { LOG_ATTRIBUTES, LOG_BINARY_ATTRIBUTES, type LogRecord, parseLogRecord } from './accesslog-record.ts';
import { objectAnchors, readCurrentState } from './current-state.ts';
import { EntryMapper } from './entry-mapper.ts';
import { classify } from './errors.ts';
import { and, eq, gte } from './filter.ts';
import { type ImportPlan, planImport } from './import-plan.ts';
import { PagedSearchConnection } from './paged-search-connection.ts';
import type { DirectorySchema } from './schema.ts';
import { missingContainerProblem, missingContainers } from './selected-containers.ts';
import type { LdapSession } from './session.ts';
import { formatWatermark, parseWatermark } from './watermark.ts';

export const ACCESSLOG_BASE = 'cn=accesslog';

/** True when the server exposes a readable cn=accesslog. */
export async function hasAccesslog(session: LdapSession): Promise<boolean> {
  try {
    await session.run('reading cn=accesslog', (c) => c.search(ACCESSLOG_BASE, { scope: 'base', attributes: ['1.1'] }));
    return true;
  } catch {
    return false;
  }
}

/** The newest reqStart now (the watermark a full import hands over), found near the log's contextCSN. */
export async function accesslogWatermark(session: LdapSession): Promise<string> {
  return session.run('reading the accesslog position', async (client) => {
    const { searchEntries } = await client.search(ACCESSLOG_BASE, { scope: 'base', attributes: ['contextCSN'] });
    const csns = [searchEntries[0]?.contextCSN ?? []].flat().map(String).sort();
    const newest = csns.at(-1);
    if (!newest) return formatWatermark({ type: 'accesslog', reqStart: '' });
    // contextCSN time is the commit time; reqStart is the start of the same second (or the one before).
    const second = Date.UTC(+newest.slice(0, 4), +newest.slice(4, 6) - 1, +newest.slice(6, 8), +newest.slice(8, 10), +newest.slice(10, 12), +newest.slice(12, 14));
    const from = new Date(second - 2000).toISOString().slice(0, 19).replace(/[-T:]/g, '') + 'Z';
    let max = '';
    for await (const page of client.searchPaginated(ACCESSLOG_BASE, { scope: 'one', filter: gte('reqStart', from), attributes: ['reqStart'], paged: { pageSize: 1000 } })) {
      for (const e of page.searchEntries) if (String(e.reqStart) > max) max = String(e.reqStart);
    }
    return formatWatermark({ type: 'accesslog', reqStart: max });
  });
}

/** Changes since the watermark. */
export async function* accesslogDelta(session: LdapSession, watermark: string, scope: ImportScope, ctx: ConnectorContext): AsyncGenerator<ImportBatch, string | null, void> {
  const { reqStart: since } = parseWatermark(watermark, ['accesslog']);
  const schema = await session.schema();
  const plan = planImport(session.config, scope, await session.rootDse(), schema);
  if (since) {
    const exists = await session
      .run('checking the accesslog watermark', (c) => c.search(`reqStart=${since},${ACCESSLOG_BASE}`, { scope: 'base', attributes: ['1.1'] }))
      .then(() => true, (e: unknown) => (e instanceof NoSuchObjectError ? false : Promise.reject(e)));
    if (!exists) throw new WatermarkExpiredError(`accesslog record ${since} was purged; a full import is needed`);
  }
  const reader = new LogReader(session, plan, schema, ctx, await missingContainers(session, plan));
  let last = since;
  const filter = and(eq('objectClass', 'auditWriteObject'), eq('reqResult', '0'), ...(since ? [gte('reqStart', since)] : []));
  // The log is paged on a connection of its own: reading objects on the session's connection meanwhile would
  // end the paged search (one per connection).
  const connection = await PagedSearchConnection.open(session.config, await session.url()).catch((e: unknown) => Promise.reject(classify(e, 'reading cn=accesslog', session.secrets)));
  try {
    const pages = connection.search({
      base: ACCESSLOG_BASE,
      scope: 'one',
      filter,
      attributes: LOG_ATTRIBUTES,
      binary: new Set(LOG_BINARY_ATTRIBUTES.map((a) => a.toLowerCase())),
      pageSize: session.config.pageSize,
      timeLimitSeconds: Math.ceil(session.config.timeoutMs / 1000),
    });
    for await (const page of pages) {
      if (ctx.signal.aborted) throw ctx.signal.reason ?? new Error('import cancelled');
      const records = page.map((e) => parseLogRecord(e)).filter((r) => r.reqStart > since);
      records.sort((a, b) => (a.reqStart < b.reqStart ? -1 : a.reqStart > b.reqStart ? 1 : 0));
      if (records.length === 0) continue;
      const { changes, problems } = await reader.page(records);
      last = records[records.length - 1].reqStart;
      yield { changes, ...(problems.length > 0 ? { problems } : {}), watermark: formatWatermark({ type: 'accesslog', reqStart: last }) };
    }
  } catch (error) {
    if (error === ctx.signal.reason) throw error;
    throw classify(error, 'reading cn=accesslog', session.secrets);
  } finally {
    await connection.close();
  }
  const remaining = reader.unexplainedMissing();
  if (remaining.length > 0) yield { changes: [], problems: remaining, watermark: formatWatermark({ type: 'accesslog', reqStart: last }) };
  return formatWatermark({ type: 'accesslog', reqStart: last });
}

/** DN after a modrdn record. */
export function newDnOf(r: LogRecord): string {
  const parent = r.newSuperior ?? parentDn(r.dn);
  return parent ? `${r.newRdn},${parent}` : (r.newRdn ?? r.dn);
}

/** True when a modify record changes the object classes (the entry may change type). */
function changesClasses(r: LogRecord): boolean {
  return r.type === 'modify' && r.mods.some((m) => m.attribute.toLowerCase() === 'objectclass');
}

/** Turns pages of log records into changes, remembering across pages which objects are read from the directory. */
class LogReader {
  private readonly mapper: EntryMapper;
  /** Objects delivered from their current state: their later records are read the same way. */
  private readonly fromDirectory = new Set<string>();
  /** Every type evaluated by the server: records cannot say whether an object still matches. */
  private readonly typedByServer: boolean;
  /** Selected containers not found at the start; renames that explain them are reported with the new DN. */
  private readonly missing: Map<string, string>;
  private readonly outOfScope: 'drop' | 'delete';

  constructor(
    private readonly session: LdapSession,
    private readonly plan: ImportPlan,
    private readonly schema: DirectorySchema,
    private readonly ctx: ConnectorContext,
    missing: readonly string[],
  ) {
    this.mapper = new EntryMapper({ schema, ...plan });
    this.typedByServer = plan.typedFilters.some((t) => t.type !== undefined);
    this.missing = new Map(missing.map((m) => [dnKey(m), m]));
    // With a selected container gone (maybe renamed), leaving the scope is not proof of leaving the selection.
    this.outOfScope = missing.length > 0 ? 'drop' : 'delete';
    for (const m of missing) ctx.log('warn', `selected container ${m} not found; the delta import goes on without it`);
  }

  /** The changes of one page of records, in the order the directory made them. */
  async page(records: readonly LogRecord[]): Promise<{ changes: ImportChange[]; problems: ImportProblem[] }> {
    const anchors = new Set<string>();
    const subtrees = new Set<string>();
    const problems: ImportProblem[] = [];
    const fromRecords: { anchor: string; change: ImportChange }[] = [];
    for (const r of records) {
      const anchor = r.entryUUID;
      if (!anchor) continue;
      if (r.type === 'delete') fromRecords.push({ anchor, change: { kind: 'delete', anchor, dn: r.dn } });
      else if (r.type === 'modrdn') {
        subtrees.add(anchor);
        anchors.add(anchor);
        problems.push(...this.explainMissing(r));
      } else if (this.typedByServer || this.fromDirectory.has(anchor) || changesClasses(r)) anchors.add(anchor);
      else {
        const change = recordToChange(r, this.plan, this.mapper, this.schema);
        if (change) fromRecords.push({ anchor, change });
      }
    }
    await this.dropUntyped(fromRecords);
    const current = anchors.size > 0 ? await readCurrentState(this.session, this.plan, { anchors, subtrees, outOfScope: this.outOfScope }, this.ctx) : undefined;
    const read = current?.anchors ?? new Set<string>();
    for (const a of read) this.fromDirectory.add(a);
    // A record of an object read as it is now is already part of what was read (deletions stay: they are final).
    const changes = fromRecords.filter((x) => x.change.kind === 'delete' || !read.has(x.anchor)).map((x) => x.change);
    if (current) {
      changes.push(...current.changes);
      problems.push(...current.problems);
    }
    return { changes, problems };
  }

  /** A modify record does not say what the entry is: updates of entries that are no object of a type in scope go. */
  private async dropUntyped(fromRecords: { anchor: string; change: ImportChange }[]): Promise<void> {
    const updated = [...new Set(fromRecords.filter((x) => x.change.kind === 'update').map((x) => x.anchor))];
    if (updated.length === 0) return;
    const objects = await objectAnchors(this.session, this.plan, updated);
    for (let i = fromRecords.length - 1; i >= 0; i--) {
      if (fromRecords[i].change.kind === 'update' && !objects.has(fromRecords[i].anchor)) fromRecords.splice(i, 1);
    }
  }

  /** A rename of a selected container (or of one above it) that the start of the import found missing. */
  private explainMissing(r: LogRecord): ImportProblem[] {
    const out: ImportProblem[] = [];
    for (const [key, dn] of this.missing) {
      if (!isWithinDn(dn, r.dn)) continue;
      out.push(missingContainerProblem(dn, rebaseDn(dn, r.dn, newDnOf(r)) ?? undefined));
      this.missing.delete(key);
    }
    return out;
  }

  /** Missing selected containers no rename in the log explained. */
  unexplainedMissing(): ImportProblem[] {
    const out = [...this.missing.values()].map((dn) => missingContainerProblem(dn));
    this.missing.clear();
    return out;
  }
}
