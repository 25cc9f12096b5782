// Full and delta import (spec §2.1.1): stage pending imports batch by batch, each batch committed with
// its watermark and run records; a full import then obsoletes what it did not see.
import type { AttributeChange, ImportBatch, ImportChange, ImportIterator } from '../connectors/contract.ts';
import { WatermarkExpiredError } from '../connectors/contract.ts';
import { connectorType } from '../connectors/registry.ts';
import type { CsObject } from '../model/objects.ts';
import { isDnRef, type AttributeValue } from '../model/values.ts';
import { dnKey, sameName } from '../model/dn.ts';
import { encodeAttributes, encodeValue, sameAttributes, sameValues, type StoredAttributes } from '../model/stored-values.ts';
import { sameStoredValues } from '../model/value-equality.ts';
import { nowIso } from '../store/json-column.ts';
import { connectorFailure, problemText } from './connector-errors.ts';
import { checkpoint, type StepContext, type StepOutcome } from './step-context.ts';
import { ERROR_LIMIT } from './step-stats.ts';
import { openStepConnector } from './step-connector.ts';

interface Staging {
  readonly ctx: StepContext;
  readonly gen: number;
  readonly now: string;
  readonly full: boolean;
  /** The system renames references to a renamed object itself (see ConnectorType.keepsReferencesOnRename). */
  readonly followsRenames: boolean;
}

/** Runs a full or delta import step. */
export async function runImport(ctx: StepContext, requested: 'full' | 'delta'): Promise<StepOutcome> {
  const { store, connector } = ctx;
  const opened = openStepConnector(connector);
  if ('outcome' in opened) return opened.outcome;
  const { client } = opened;
  const cctx = { signal: ctx.signal, log: ctx.log };
  let full = requested === 'full';
  let obsolete = full;
  let message: string | null = null;
  const watermark = store.connectors.watermark(connector.seq);
  if (!full && !connectorType(connector.type).capabilities.deltaImport) {
    full = true;
    obsolete = true;
    message = `${connector.type} connectors have no delta import; ran a full import`;
  } else if (!full && watermark === null) {
    full = true;
    message = 'No watermark yet: ran a full import without deleting objects it did not see';
  }
  const type = connectorType(connector.type);
  const st: Staging = { ctx, gen: ctx.runId * 1000 + ctx.step, now: nowIso(), full, followsRenames: type.keepsReferencesOnRename?.(connector.config) ?? false };
  let iterator: ImportIterator = full ? client.importFull({}, cctx) : client.importDelta(watermark!, {}, cctx);
  let problems = 0;
  let seen = 0;
  let finalWatermark: string | null = null;
  let stopped: StepOutcome | null = null;
  try {
    for (;;) {
      let next: IteratorResult<ImportBatch, string | null>;
      try {
        next = await iterator.next();
      } catch (err) {
        if (err instanceof WatermarkExpiredError && !full && seen === 0) {
          full = true;
          obsolete = true;
          message = `The watermark expired (${err.message}); ran a full import`;
          ctx.log('warn', message);
          iterator = client.importFull({}, cctx);
          Object.assign(st, { full: true });
          continue;
        }
        throw err;
      }
      if (next.done) {
        finalWatermark = next.value;
        break;
      }
      const batch = next.value;
      store.transaction(() => {
        // Placeholders ask whether each referenced DN is in the connector space: read the batch's answers at once.
        store.cs.readAheadDns(connector.seq, referencedDns(batch.changes));
        // Staging looks each change up by anchor, and a new object by DN: read the batch's at once too.
        store.cs.readAheadStaging(connector.seq, batch.changes.flatMap(stagingKeys));
        try {
          for (const change of batch.changes) {
            try {
              stageChange(st, change);
            } catch (err) {
              ctx.stats.error('staging-error', { csId: null, dn: changeDn(change), objectType: '', error: { code: 'staging-error', message: (err as Error).message } });
            }
          }
        } finally {
          store.cs.forgetReadAhead();
        }
        for (const p of batch.problems ?? []) {
          problems++;
          ctx.stats.error(p.code, { csId: null, dn: p.dn ?? p.location, objectType: '', error: { code: p.code, message: problemText(p) } });
        }
        if (!full && batch.watermark) store.connectors.setWatermark(connector.seq, batch.watermark);
        checkpoint(ctx, message);
      });
      seen += batch.changes.length;
      ctx.progress('import', seen, null);
      if (ctx.stats.errorCount > ERROR_LIMIT) {
        stopped = { status: 'stopped-error-limit', message: `More than ${ERROR_LIMIT} errors` };
        break;
      }
      if (ctx.signal.aborted) {
        stopped = { status: ctx.stopStatus, message: 'Stopped on request' };
        break;
      }
    }
  } catch (err) {
    // A connector stopped by the run's signal throws an abort error: that is the operator's stop, not a failure.
    stopped = ctx.signal.aborted ? { status: ctx.stopStatus, message: 'Stopped on request' } : connectorFailure(err);
  } finally {
    // A step that stops early lets the connector clean up what it started (e.g. a half-written snapshot).
    await iterator.return(null).catch(() => {});
    await client.close().catch(() => {});
  }
  if (stopped) return stopped;
  if (problems > 0) return { status: 'completed-discovery-errors', message: message ?? `${problems} objects could not be read; nothing was obsoleted` };
  if (full && obsolete) obsoleteUnseen(st);
  store.transaction(() => {
    if (finalWatermark !== null) store.connectors.setWatermark(connector.seq, finalWatermark);
    checkpoint(ctx, message);
  });
  if (ctx.stats.errorCount > 0) return { status: 'completed-discovery-errors', message };
  if (store.cs.countTransient(connector.seq) > 0) return { status: 'completed-transient-objects', message };
  if (ctx.stats.warningCount > 0 || message) return { status: 'completed-warnings', message };
  if (full && seen === 0) return { status: 'completed-no-objects', message };
  return { status: 'success', message };
}

/** The DNs the reference values of a batch's changes name. */
function referencedDns(changes: readonly ImportChange[]): string[] {
  const dns: string[] = [];
  const add = (values: readonly AttributeValue[] | undefined) => {
    for (const v of values ?? []) if (isDnRef(v)) dns.push(v.dn);
  };
  for (const c of changes) {
    if (c.kind === 'object') for (const values of Object.values(c.object.attributes)) add(values);
    else if (c.kind === 'update') for (const change of c.changes) add(change.values);
  }
  return dns;
}

/** What staging a change looks up: its anchor, and the DN a new object takes. */
function stagingKeys(c: ImportChange): { anchor: string; dn: string | null }[] {
  if (c.kind === 'object') return c.object.anchor ? [{ anchor: c.object.anchor, dn: c.object.dn }] : [];
  return [{ anchor: c.anchor, dn: null }];
}

function changeDn(c: ImportChange): string {
  return c.kind === 'object' ? c.object.dn : (c.dn ?? c.anchor);
}

/** Stages one imported change against the connector space. */
function stageChange(st: Staging, change: ImportChange): void {
  const { store, connector } = st.ctx;
  if (change.kind === 'delete') {
    const cs = store.cs.byAnchor(connector.seq, change.anchor);
    if (!cs) st.ctx.stats.count('filtered-deletions');
    else stageDelete(st, cs);
    return;
  }
  if (change.kind === 'update') {
    const cs = store.cs.byAnchor(connector.seq, change.anchor);
    if (!cs) {
      st.ctx.stats.error('need-full-object', { csId: null, dn: change.dn, objectType: change.objectType ?? '', error: { code: 'need-full-object', message: `An update arrived for ${change.dn}, which is not in the connector space` } });
      return;
    }
    const image = applyChanges(cs.pendingImport?.image ?? cs.hologram, change.changes);
    stageObject(st, change.anchor, change.dn, change.objectType ?? cs.objectType, image, cs);
    return;
  }
  const o = change.object;
  if (!o.anchor) throw new Error(`${o.dn}: missing-anchor-component (the object has no anchor)`);
  stageObject(st, o.anchor, o.dn, o.objectType, encodeAttributes(o.attributes), store.cs.byAnchor(connector.seq, o.anchor));
}

/** Applies attribute changes of a delta to an image. */
function applyChanges(image: StoredAttributes, changes: readonly AttributeChange[]): StoredAttributes {
  const out: StoredAttributes = { ...image };
  for (const c of changes) {
    const values = c.values.map(encodeValue);
    if (c.op === 'replace') out[c.attribute] = values;
    else if (c.op === 'add') out[c.attribute] = [...(out[c.attribute] ?? []), ...values];
    else if (values.length === 0) delete out[c.attribute];
    else out[c.attribute] = (out[c.attribute] ?? []).filter((v) => !values.some((d) => sameValues([d], [v])));
    if (out[c.attribute]?.length === 0) delete out[c.attribute];
  }
  return out;
}

function rec(cs: CsObject, snapshot?: StoredAttributes) {
  return { csId: cs.id, mvId: cs.mvId, dn: cs.dn, objectType: cs.objectType, snapshot: snapshot ?? null };
}

/** Stages the full image of one object (spec §2.1.1 steps 1–5). */
function stageObject(st: Staging, anchor: string, dn: string, objectType: string, image: StoredAttributes, found: CsObject | null): void {
  const { store, connector, stats } = st.ctx;
  let cs = found;
  if (!cs) {
    const byDn = store.cs.byDn(connector.seq, dn);
    if (byDn?.state === 'placeholder') {
      // The real object arrives where a placeholder held its DN: it takes the placeholder's place.
      cs = byDn;
      Object.assign(cs, { anchor, objectType, state: 'disconnector.normal', hologram: {} });
      cs.pendingImport = { op: 'add', image };
      cs.seen = st.gen;
      cs.importedAt = st.now;
      store.cs.update(cs);
      stats.count('stage-add', rec(cs, image));
      createPlaceholders(st, image);
      return;
    }
    if (byDn && byDn.anchor === null && byDn.exportedAt !== null) {
      // An exported add awaiting confirmation: the import brings its anchor.
      cs = byDn;
      cs.anchor = anchor;
    } else if (byDn && byDn.anchor === null) {
      // An export object never exported collides with a real object (spec §2.1.1 step 2): drop it and retry provisioning.
      if (byDn.mvId !== null) {
        const mv = store.mv.get(byDn.mvId);
        if (mv) {
          mv.retryProvisioning = true;
          store.mv.update(mv, false);
        }
      }
      store.cs.delete(byDn.id);
    } else if (byDn && byDn.pendingImport?.op === 'delete') {
      // The object that held the DN is already staged for deletion: it steps aside for the new one.
      byDn.dn = `${byDn.dn}#deleted-${byDn.id}`;
      store.cs.update(byDn);
    } else if (byDn) {
      // An anchored object holds the DN: it was renamed or deleted without our knowing. It becomes transient.
      byDn.dn = `${byDn.dn}#transient-${byDn.id}`;
      byDn.transient = true;
      store.cs.update(byDn);
    }
  }
  if (!cs) {
    const fresh: Omit<CsObject, 'id'> = {
      connector: connector.seq, dn, anchor, objectType, state: 'disconnector.normal', transient: false, mvId: null, link: null,
      hologram: {}, pendingImport: { op: 'add', image }, pendingExport: null, unconfirmed: {}, errors: {}, needsSync: false,
      seen: st.gen, importedAt: st.now, exportedAt: null,
    };
    const id = store.cs.insert(fresh);
    stats.count('stage-add', rec({ ...fresh, id }, image));
    createPlaceholders(st, image);
    return;
  }
  if (cs.seen === st.gen && st.full) {
    stats.error('duplicate-object', { ...rec(cs), error: { code: 'duplicate-object', message: `Anchor ${anchor} was returned twice by this import` } });
    return;
  }
  confirmExports(st, cs, image);
  if (cs.transient) {
    cs.transient = false;
    cs.dn = dn;
  }
  delete cs.errors.import;
  cs.seen = st.gen;
  cs.importedAt = st.now;
  const pi = cs.pendingImport;
  const currentDn = pi?.dn ?? cs.dn;
  // The same name spelled differently (escapes, the parent's case) is not a rename: keep the system's spelling.
  const dnChanged = !sameName(dn, currentDn);
  if (!dnChanged && dn !== currentDn) {
    if (pi?.dn) pi.dn = dn;
    else cs.dn = dn;
  }
  if (objectType.toLowerCase() !== (pi?.objectType ?? cs.objectType).toLowerCase()) {
    cs.pendingImport = { op: pi?.op === 'add' ? 'add' : 'delete-add', image, objectType, ...(dn !== cs.dn ? { dn } : {}) };
    stats.count('stage-delete-add', rec(cs, image));
  } else if (pi && pi.op !== 'delete' && sameAttributes(image, pi.image) && !dnChanged) {
    stats.count('stage-no-change');
  } else if (!pi && sameAttributes(image, cs.hologram) && !dnChanged) {
    stats.count('stage-no-change');
  } else {
    const op = pi?.op === 'add' || (pi?.op === 'delete' && cs.mvId === null && Object.keys(cs.hologram).length === 0) ? 'add' : 'update';
    cs.pendingImport = { op, image, ...(dnChanged || dn !== cs.dn ? { dn } : {}) };
    stats.count(dnChanged ? 'stage-rename' : 'stage-update', rec(cs, image));
    if (dnChanged && st.followsRenames) followRename(st, cs.id, currentDn, dn);
  }
  store.cs.update(cs);
  createPlaceholders(st, image);
}

/**
 * The system kept its references to a renamed object pointing at it without changing the referring objects:
 * the connector space does the same, so the referrers (updated by no import) name the object by its new DN.
 */
function followRename(st: Staging, renamedId: number, oldDn: string, newDn: string): void {
  const { store, connector } = st.ctx;
  const oldKey = dnKey(oldDn);
  const rename = (attrs: StoredAttributes): StoredAttributes | null => {
    let changed = false;
    const out: StoredAttributes = {};
    for (const [name, values] of Object.entries(attrs)) {
      out[name] = values.map((v) => {
        if (typeof v !== 'object' || !('ref' in v) || dnKey(v.ref) !== oldKey) return v;
        changed = true;
        return { ...v, ref: newDn };
      });
    }
    return changed ? out : null;
  };
  for (const id of store.cs.referrers(connector.seq, oldKey)) {
    if (id === renamedId) continue;
    const referrer = store.cs.get(id);
    if (!referrer) continue;
    const hologram = rename(referrer.hologram);
    const pending = referrer.pendingImport && referrer.pendingImport.op !== 'delete' ? rename(referrer.pendingImport.image) : null;
    if (!hologram && !pending) continue;
    if (hologram) referrer.hologram = hologram;
    if (pending && referrer.pendingImport) referrer.pendingImport = { ...referrer.pendingImport, image: pending };
    store.cs.update(referrer);
  }
}

/** Export confirmation (spec §2.1.1 step 4): clear confirmed values, warn about the others and re-sync them. */
function confirmExports(st: Staging, cs: CsObject, image: StoredAttributes): void {
  const names = Object.keys(cs.unconfirmed);
  if (!names.length) return;
  const unconfirmed = { ...cs.unconfirmed };
  for (const attr of names) {
    const sent = unconfirmed[attr];
    delete unconfirmed[attr];
    if (sameStoredValues(image[attr], sent)) continue;
    cs.needsSync = true;
    st.ctx.stats.warning('exported-change-not-reimported', {
      ...rec(cs),
      error: { code: 'exported-change-not-reimported', message: `${attr}: the exported value was not seen by this import; it will be exported again` },
    });
  }
  cs.unconfirmed = unconfirmed;
}

/** Stages a delete (or drops an object that was never synchronized). */
function stageDelete(st: Staging, cs: CsObject): void {
  const { store, stats } = st.ctx;
  if (cs.state === 'placeholder') return;
  // A transient that turns out deleted is no longer in question.
  cs.transient = false;
  if (cs.mvId === null && Object.keys(cs.hologram).length === 0 && cs.pendingImport?.op === 'add') {
    store.cs.delete(cs.id);
    stats.count('stage-delete', rec(cs));
    return;
  }
  cs.pendingImport = { op: 'delete', image: {} };
  cs.importedAt = st.now;
  store.cs.update(cs);
  stats.count('stage-delete', rec(cs));
}

/** Creates placeholders for reference values that point to DNs not yet in the connector space (spec §1.4). */
function createPlaceholders(st: Staging, image: StoredAttributes): void {
  const { store, connector } = st.ctx;
  for (const values of Object.values(image)) {
    for (const v of values) {
      if (typeof v !== 'object' || !('ref' in v)) continue;
      if (store.cs.hasDn(connector.seq, v.ref)) continue;
      store.cs.insert({
        connector: connector.seq, dn: v.ref, anchor: null, objectType: '', state: 'placeholder', transient: false, mvId: null, link: null,
        hologram: {}, pendingImport: null, pendingExport: null, unconfirmed: {}, errors: {}, needsSync: false, seen: 0, importedAt: null, exportedAt: null,
      });
    }
  }
}

/** Stages a delete for every anchored object the full import did not return (spec §2.1.1 step 6). */
function obsoleteUnseen(st: Staging): void {
  const { store, connector } = st.ctx;
  let after = 0;
  for (;;) {
    const page = store.cs.notSeen(connector.seq, st.gen, after, 500);
    if (!page.length) return;
    store.transaction(() => {
      for (const cs of page) stageDelete(st, cs);
      checkpoint(st.ctx);
    });
    after = page[page.length - 1].id;
  }
}
