// Export: adds (anchor read back with Post-Read or a base search), minimal modifications, renames and moves
// (modifyDN) and deletions, several requests in flight. One failing object never stops the batch; a lost
// connection does (ConnectivityError).
import { Attribute, Change, type Client } from 'ldapts';
import type { AttributeChange, AttributeValue, ConnectorContext, ExportChange, ExportResult } from '../contract.ts';
import { ConnectivityError } from '../contract.ts';
import { isDnRef } from '../../model/values.ts';
import { anchorAttributeOf } from './config.ts';
import { POST_READ_OID, PostReadControl } from './controls.ts';
import { normalizeDn, parentOf } from './dn.ts';
import { anchorText } from './entry-mapper.ts';
import { classify, exportErrorOf, isConnectivityFailure } from './errors.ts';
import type { LdapSession } from './session.ts';
import { toWire } from './values.ts';

const PASSWORD_ATTRIBUTES = new Set(['unicodepwd', 'userpassword']);

/** AD wants the new password as the UTF-16LE bytes of the quoted string. */
function passwordWire(attribute: string, value: AttributeValue): string | Buffer {
  if (attribute.toLowerCase() === 'unicodepwd' && typeof value === 'string') return Buffer.from(`"${value}"`, 'utf16le');
  return toWire(value);
}

function wireValues(c: AttributeChange): Buffer[] | string[] {
  const values = c.values.map((v) => passwordWire(c.attribute, v));
  // ldapts wants one kind per attribute.
  return values.some((v) => typeof v !== 'string') ? values.map((v) => (typeof v === 'string' ? Buffer.from(v, 'utf8') : v)) : (values as string[]);
}

function touchesPassword(change: ExportChange): boolean {
  return change.changes.some((c) => PASSWORD_ATTRIBUTES.has(c.attribute.toLowerCase()) && c.attribute.toLowerCase() === 'unicodepwd');
}

/** DNs a change must wait for: its parent(s), itself, and DNs it references. */
function dependencies(change: ExportChange): string[] {
  const deps = [change.dn, parentOf(change.dn)];
  if (change.newDn) deps.push(change.newDn, parentOf(change.newDn));
  for (const c of change.changes) for (const v of c.values) if (isDnRef(v)) deps.push(v.dn);
  return deps.filter((d) => d !== '').map(normalizeDn);
}

/** Exports a batch; results come back in the batch's order. */
export async function exportBatch(session: LdapSession, batch: readonly ExportChange[], ctx: ConnectorContext): Promise<ExportResult[]> {
  const client = await session.run('connecting for export', async (c) => c);
  const rootDse = await session.rootDse();
  const secure = await session.secure();
  const postRead = rootDse.supportedControls.has(POST_READ_OID);
  const limit = session.config.exportConcurrency;
  const results: ExportResult[] = new Array(batch.length);
  const lastByDn = new Map<string, Promise<unknown>>();
  const inFlight = new Set<Promise<unknown>>();
  let fatal: Error | undefined;

  for (let i = 0; i < batch.length && !fatal; i++) {
    if (ctx.signal.aborted) break;
    while (inFlight.size >= limit) await Promise.race(inFlight);
    const change = batch[i];
    const deps = dependencies(change);
    const waitFor = deps.map((d) => lastByDn.get(d)).filter((p): p is Promise<unknown> => p !== undefined);
    const task = (async () => {
      if (waitFor.length > 0) await Promise.allSettled(waitFor);
      if (fatal) return;
      try {
        results[i] = await exportOne(session, client, change, { secure, postRead });
      } catch (error) {
        fatal ??= classify(error, `exporting ${change.dn}`, session.secrets);
      }
    })();
    for (const d of [normalizeDn(change.dn), ...(change.newDn ? [normalizeDn(change.newDn)] : [])]) lastByDn.set(d, task);
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  }
  await Promise.allSettled(inFlight);
  if (fatal) throw fatal instanceof ConnectivityError ? fatal : new ConnectivityError(fatal.message);
  return results.filter((r) => r !== undefined);
}

interface ExportEnv {
  readonly secure: boolean;
  readonly postRead: boolean;
}

/** Exports one change; LDAP refusals become a failed result, connectivity failures are thrown. */
async function exportOne(session: LdapSession, client: Client, change: ExportChange, env: ExportEnv): Promise<ExportResult> {
  const password = touchesPassword(change);
  let phase: 'add' | 'update' | 'delete' | 'rename' = change.op;
  let renamedTo: string | undefined;
  try {
    if (password && !env.secure) {
      return { csId: change.csId, ok: false, error: { code: 'encryption-not-enabled', message: `${change.dn}: passwords are only sent over LDAPS or StartTLS` } };
    }
    if (change.op === 'add') return await add(session, client, change, env);
    if (change.op === 'delete') {
      await client.del(change.dn);
      return { csId: change.csId, ok: true };
    }
    let dn = change.dn;
    if (change.newDn && normalizeDn(change.newDn) !== normalizeDn(change.dn)) {
      phase = 'rename';
      await client.modifyDN(change.dn, change.newDn);
      dn = renamedTo = change.newDn;
      phase = 'update';
    }
    const mods = change.changes.map(
      (c) => new Change({ operation: c.op, modification: new Attribute({ type: c.attribute, values: wireValues(c) }) }),
    );
    if (mods.length > 0) await client.modify(dn, mods);
    return { csId: change.csId, ok: true, dn };
  } catch (error) {
    if (isConnectivityFailure(error)) throw error;
    return { csId: change.csId, ok: false, ...(renamedTo ? { dn: renamedTo } : {}), error: withObject(exportErrorOf(error, phase, session.secrets, password), change.dn) };
  }
}

function withObject(e: ReturnType<typeof exportErrorOf>, dn: string): ReturnType<typeof exportErrorOf> {
  return { ...e, message: `${dn}: ${e.message}` };
}

async function add(session: LdapSession, client: Client, change: ExportChange, env: ExportEnv): Promise<ExportResult> {
  const anchorAttribute = anchorAttributeOf(session.config);
  const attributes = change.changes
    .filter((c) => c.values.length > 0)
    .map((c) => new Attribute({ type: c.attribute, values: wireValues(c) }));
  const control = env.postRead ? new PostReadControl([anchorAttribute]) : undefined;
  await client.add(change.dn, attributes, control);
  const binary = (await session.schema()).attributes.get(anchorAttribute.toLowerCase())?.type === 'binary';
  const text = (buf: Buffer | undefined): string | undefined => (buf ? (binary ? anchorText(buf) : buf.toString('utf8')) : undefined);
  let anchor = text(control?.entry?.[anchorAttribute.toLowerCase()]?.[0]);
  if (!anchor) {
    const { searchEntries } = await client.search(change.dn, {
      scope: 'base',
      attributes: [anchorAttribute],
      explicitBufferAttributes: [anchorAttribute],
    });
    const raw = searchEntries[0]?.[anchorAttribute] as Buffer | Buffer[] | undefined;
    anchor = text(Array.isArray(raw) ? raw[0] : raw);
  }
  return { csId: change.csId, ok: true, anchor, dn: change.dn };
}
