// Export: adds (anchor read back with Post-Read or a base search), renames and moves (modifyDN with
// deleteOldRdn, before any modification of the same entry), minimal modifications adjusted to the entry's naming
// value, and deletions; every operation safe to repeat. Several requests are in flight, in an order the directory
// accepts (export-order.ts). One failing object never stops the batch; a lost connection does (ConnectivityError).
import type { Client } from 'ldapts';
import type { ConnectorContext, ExportChange, ExportResult } from '../contract.ts';
import { ConnectivityError } from '../contract.ts';
import { isDnRef } from '../../model/values.ts';
import { dnKey, isBelowDn, parentDn, rebaseDn, sameDn } from '../../model/dn.ts';
import { anchorAttributeOf } from './config.ts';
import { rdnParts } from './dn.ts';
import { classify, exportErrorOf, isConnectivityFailure } from './errors.ts';
import { addOrConfirm, deleteIfPresent, modifyOrConfirm, type OperationEnv, renameOrConfirm } from './export-operations.ts';
import { orderBatch } from './export-order.ts';
import { adjustForNaming, namedAdd } from './rdn-modifications.ts';
import type { LdapSession } from './session.ts';

function touchesPassword(change: ExportChange): boolean {
  return change.changes.some((c) => c.attribute.toLowerCase() === 'unicodepwd');
}

/** A DN and every DN above it. */
function selfAndAncestors(dn: string): string[] {
  const out: string[] = [];
  for (let d = dn; d !== ''; d = parentDn(d)) out.push(d);
  return out;
}

/** DNs a change must wait for: itself and the entries above it (a rename there moves it), and DNs it references. */
function dependencies(change: ExportChange): string[] {
  const deps = [...selfAndAncestors(change.dn), ...(change.newDn ? selfAndAncestors(change.newDn) : [])];
  for (const c of change.changes) for (const v of c.values) if (isDnRef(v)) deps.push(v.dn);
  return deps.map(dnKey);
}

/** A subtree renamed earlier in the batch has moved the entries below it: the change follows them. */
function relocated(change: ExportChange, moved: readonly { from: string; to: string }[]): ExportChange {
  let { dn, newDn } = change;
  for (const m of moved) {
    if (isBelowDn(dn, m.from)) dn = rebaseDn(dn, m.from, m.to) ?? dn;
    if (newDn && isBelowDn(newDn, m.from)) newDn = rebaseDn(newDn, m.from, m.to) ?? newDn;
  }
  return dn === change.dn && newDn === change.newDn ? change : { ...change, dn, ...(newDn ? { newDn } : {}) };
}

/**
 * True when the update renames or moves the entry: its DN changes, or only the case of its naming value does
 * (a DN comparison ignores that case, the directory does not).
 */
export function needsRename(dn: string, newDn: string | undefined): newDn is string {
  if (newDn === undefined) return false;
  if (!sameDn(dn, newDn)) return true;
  const was = rdnParts(dn).map((p) => p.value);
  const now = rdnParts(newDn).map((p) => p.value);
  return was.length === now.length && was.some((v, i) => v !== now[i]);
}

/** Exports a batch; results come back in the batch's order. */
export async function exportBatch(session: LdapSession, batch: readonly ExportChange[], ctx: ConnectorContext): Promise<ExportResult[]> {
  const client = await session.run('connecting for export', async (c) => c);
  const rootDse = await session.rootDse();
  const env: ExportEnv = {
    client,
    schema: await session.schema(),
    anchorAttribute: anchorAttributeOf(session.config),
    supportedControls: rootDse.supportedControls,
    secure: await session.secure(),
    activeDirectory: session.config.flavour === 'ad' || rootDse.isActiveDirectory,
    moved: [],
  };
  const limit = session.config.exportConcurrency;
  const results: ExportResult[] = new Array(batch.length);
  const { order, after } = orderBatch(batch);
  const tasks = new Map<number, Promise<unknown>>();
  const lastByDn = new Map<string, Promise<unknown>>();
  const inFlight = new Set<Promise<unknown>>();
  let fatal: Error | undefined;

  for (const i of order) {
    if (fatal || ctx.signal.aborted) break;
    while (inFlight.size >= limit) await Promise.race(inFlight);
    const change = batch[i];
    const waitFor = [...dependencies(change).map((d) => lastByDn.get(d)), ...after[i].map((j) => tasks.get(j))].filter((p): p is Promise<unknown> => p !== undefined);
    const task = (async () => {
      if (waitFor.length > 0) await Promise.allSettled(waitFor);
      if (fatal) return;
      try {
        results[i] = await exportOne(session, env, change);
      } catch (error) {
        fatal ??= classify(error, `exporting ${change.dn}`, session.secrets);
      }
    })();
    tasks.set(i, task);
    for (const d of [change.dn, ...(change.newDn ? [change.newDn] : [])]) lastByDn.set(dnKey(d), task);
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  }
  await Promise.allSettled(inFlight);
  if (fatal) throw fatal instanceof ConnectivityError ? fatal : new ConnectivityError(fatal.message);
  return results.filter((r) => r !== undefined);
}

interface ExportEnv extends OperationEnv {
  readonly client: Client;
  readonly secure: boolean;
  readonly activeDirectory: boolean;
  /** Renames made by this batch so far, in order. */
  readonly moved: { from: string; to: string }[];
}

/** Exports one change; LDAP refusals become a failed result, connectivity failures are thrown. */
async function exportOne(session: LdapSession, env: ExportEnv, requested: ExportChange): Promise<ExportResult> {
  const change = relocated(requested, env.moved);
  const password = touchesPassword(change);
  let phase: 'add' | 'update' | 'delete' | 'rename' = change.op;
  let renamedTo: string | undefined;
  try {
    if (password && !env.secure) {
      return { csId: change.csId, ok: false, error: { code: 'encryption-not-enabled', message: `${change.dn}: passwords are only sent over LDAPS or StartTLS` } };
    }
    if (change.op === 'add') return await addOrConfirm(env, change, namedAdd(change.changes, change.dn, env.activeDirectory));
    if (change.op === 'delete') {
      await deleteIfPresent(env, change.dn);
      return { csId: change.csId, ok: true };
    }
    let dn = change.dn;
    if (needsRename(change.dn, change.newDn)) {
      phase = 'rename';
      await renameOrConfirm(env, change, change.newDn);
      dn = renamedTo = change.newDn;
      env.moved.push({ from: change.dn, to: change.newDn });
      phase = 'update';
    }
    const mods = adjustForNaming(change.changes, { dn, renamedFrom: renamedTo ? change.dn : undefined, activeDirectory: env.activeDirectory });
    if (mods.length > 0) await modifyOrConfirm(env, dn, mods);
    return { csId: change.csId, ok: true, dn };
  } catch (error) {
    if (isConnectivityFailure(error)) throw error;
    return { csId: change.csId, ok: false, ...(renamedTo ? { dn: renamedTo } : {}), error: withObject(exportErrorOf(error, phase, session.secrets, password), change.dn) };
  }
}

function withObject(e: ReturnType<typeof exportErrorOf>, dn: string): ReturnType<typeof exportErrorOf> {
  return { ...e, message: `${dn}: ${e.message}` };
}
