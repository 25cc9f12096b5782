// OpenLDAP delta import from the accesslog overlay: every successful write since the watermark (reqStart),
// mapped by reqEntryUUID into object adds, attribute updates, renames/moves and deletions.
import { NoSuchObjectError } from 'ldapts';
import type { AttributeChange, AttributeValue, ConnectorContext, ImportBatch, ImportChange, ImportScope } from '../contract.ts';
import { WatermarkExpiredError } from '../contract.ts';
import { LOG_ATTRIBUTES, LOG_BINARY_ATTRIBUTES, type LogRecord, parseLogRecord } from './accesslog-record.ts';
import { isWithin, normalizeDn, parentOf, rdnOf, unescapeDnValue } from './dn.ts';
import { EntryMapper } from './entry-mapper.ts';
import { classify } from './errors.ts';
import { and, eq, gte } from './filter.ts';
import { type ImportPlan, planImport } from './import-plan.ts';
import type { DirectorySchema } from './schema.ts';
import type { LdapSession } from './session.ts';
import { fromWire } from './values.ts';
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
  const mapper = new EntryMapper({ schema, ...plan });
  if (since) {
    const exists = await session
      .run('checking the accesslog watermark', (c) => c.search(`reqStart=${since},${ACCESSLOG_BASE}`, { scope: 'base', attributes: ['1.1'] }))
      .then(() => true, (e: unknown) => (e instanceof NoSuchObjectError ? false : Promise.reject(e)));
    if (!exists) throw new WatermarkExpiredError(`accesslog record ${since} was purged; a full import is needed`);
  }
  let last = since;
  const client = await session.client();
  const filter = and(eq('objectClass', 'auditWriteObject'), eq('reqResult', '0'), ...(since ? [gte('reqStart', since)] : []));
  try {
    for await (const page of client.searchPaginated(ACCESSLOG_BASE, {
      scope: 'one',
      filter,
      attributes: LOG_ATTRIBUTES,
      explicitBufferAttributes: LOG_BINARY_ATTRIBUTES,
      paged: { pageSize: session.config.pageSize },
      timeLimit: Math.ceil(session.config.timeoutMs / 1000),
    })) {
      if (ctx.signal.aborted) throw ctx.signal.reason ?? new Error('import cancelled');
      const records = page.searchEntries.map((e) => parseLogRecord(e)).filter((r) => r.reqStart > since);
      records.sort((a, b) => (a.reqStart < b.reqStart ? -1 : a.reqStart > b.reqStart ? 1 : 0));
      if (records.length === 0) continue;
      const changes: ImportChange[] = [];
      for (const r of records) {
        const change = recordToChange(r, plan, mapper, schema);
        if (change === 'fetch') {
          const fetched = await fetchObject(session, plan, mapper, newDnOf(r));
          if (fetched) changes.push(fetched);
        } else if (change) changes.push(change);
      }
      last = records[records.length - 1].reqStart;
      yield { changes, watermark: formatWatermark({ type: 'accesslog', reqStart: last }) };
    }
  } catch (error) {
    if (error === ctx.signal.reason) throw error;
    throw classify(error, 'reading cn=accesslog', session.secrets);
  }
  return formatWatermark({ type: 'accesslog', reqStart: last });
}

/** DN after a modrdn record. */
export function newDnOf(r: LogRecord): string {
  const parent = r.newSuperior ?? parentOf(r.dn);
  return parent ? `${r.newRdn},${parent}` : (r.newRdn ?? r.dn);
}

function inScope(dn: string, plan: ImportPlan): boolean {
  return plan.bases.some((b) => isWithin(dn, b.base)) && !plan.excludeContainers.some((c) => isWithin(dn, c));
}

/** Maps one record; 'fetch' asks the caller to read the whole object (it moved into scope). */
export function recordToChange(r: LogRecord, plan: ImportPlan, mapper: EntryMapper, schema: DirectorySchema): ImportChange | 'fetch' | undefined {
  if (!r.entryUUID) return undefined;
  const anchor = r.entryUUID;
  const keep = (attribute: string): boolean => {
    const lower = attribute.toLowerCase();
    if (lower === 'objectclass') return true;
    if (plan.inclusion) return plan.inclusion.has(lower);
    return schema.attributes.get(lower)?.operational !== true;
  };
  const typed = (attribute: string, values: Buffer[]): AttributeValue[] => fromWire(values, schema.attributes.get(attribute.toLowerCase())?.type ?? 'string');
  switch (r.type) {
    case 'delete':
      return inScope(r.dn, plan) ? { kind: 'delete', anchor, dn: r.dn } : undefined;
    case 'add': {
      if (!inScope(r.dn, plan)) return undefined;
      const grouped = new Map<string, Buffer[]>();
      for (const m of r.mods) if (m.value && keep(m.attribute)) grouped.set(m.attribute, [...(grouped.get(m.attribute) ?? []), m.value]);
      const classes = (grouped.get('objectClass') ?? []).map((b) => b.toString('utf8'));
      const type = mapper.objectTypeOf(classes);
      if (!type) return undefined;
      const attributes: Record<string, AttributeValue[]> = {};
      for (const [name, values] of grouped) attributes[name] = typed(name, values);
      return { kind: 'object', object: { anchor, dn: r.dn, objectType: type.name, attributes } };
    }
    case 'modify': {
      if (!inScope(r.dn, plan)) return undefined;
      const changes: AttributeChange[] = [];
      for (const m of r.mods) {
        if (!keep(m.attribute) || m.op === '#') continue;
        const op = m.op === '+' ? 'add' : m.op === '=' ? 'replace' : 'delete';
        const prev = changes.at(-1);
        const values = m.value ? typed(m.attribute, [m.value]) : [];
        if (prev && prev.attribute === m.attribute && prev.op === op) (prev.values as AttributeValue[]).push(...values);
        else changes.push({ attribute: m.attribute, op, values });
      }
      return changes.length > 0 ? { kind: 'update', anchor, dn: r.dn, changes } : undefined;
    }
    case 'modrdn': {
      const newDn = newDnOf(r);
      const wasIn = inScope(r.dn, plan);
      const isIn = inScope(newDn, plan);
      if (!wasIn && !isIn) return undefined;
      if (wasIn && !isIn) return { kind: 'delete', anchor, dn: r.dn };
      if (!wasIn) return 'fetch';
      return { kind: 'update', anchor, dn: newDn, changes: rdnChanges(r, keep) };
    }
  }
}

/** Value changes a rename implies on the naming attribute. */
function rdnChanges(r: LogRecord, keep: (a: string) => boolean): AttributeChange[] {
  const [oldAttr, oldValue] = splitRdn(rdnOf(r.dn));
  const [newAttr, newValue] = splitRdn(r.newRdn ?? '');
  if (normalizeDn(rdnOf(r.dn)) === normalizeDn(r.newRdn ?? '')) return [];
  const changes: AttributeChange[] = [];
  if (newAttr && keep(newAttr)) changes.push({ attribute: newAttr, op: 'add', values: [newValue] });
  if (r.deleteOldRdn && oldAttr && keep(oldAttr)) changes.push({ attribute: oldAttr, op: 'delete', values: [oldValue] });
  return changes;
}

function splitRdn(rdn: string): [string, string] {
  const i = rdn.indexOf('=');
  return i < 0 ? ['', ''] : [rdn.slice(0, i), unescapeDnValue(rdn.slice(i + 1))];
}

async function fetchObject(session: LdapSession, plan: ImportPlan, mapper: EntryMapper, dn: string): Promise<ImportChange | undefined> {
  try {
    const { searchEntries } = await session.run(`reading ${dn}`, (c) =>
      c.search(dn, { scope: 'base', filter: plan.filter, attributes: plan.attributes, explicitBufferAttributes: plan.binaryAttributes }),
    );
    const r = searchEntries[0] ? mapper.map(searchEntries[0]) : undefined;
    return r && 'object' in r ? { kind: 'object', object: r.object } : undefined;
  } catch (error) {
    if (error instanceof NoSuchObjectError) return undefined;
    throw error;
  }
}
