// OpenLDAP delta import from the accesslog overlay: every successful write since the watermark (reqStart), read
// page by page and turned into changes by the LogReader (accesslog-reader.ts); each batch carries its watermark.
import { NoSuchObjectError } from 'ldapts';
import type { ConnectorContext, ImportBatch, ImportScope } from '../contract.ts';
import { WatermarkExpiredError } from '../contract.ts';
import { LogReader } from './accesslog-reader.ts';
import { LOG_ATTRIBUTES, LOG_BINARY_ATTRIBUTES, parseLogRecord } from './accesslog-record.ts';
import { classify } from './errors.ts';
import { and, eq, gte } from './filter.ts';
import { planImport } from './import-plan.ts';
import { PagedSearchConnection } from './paged-search-connection.ts';
import { missingContainers } from './selected-containers.ts';
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
