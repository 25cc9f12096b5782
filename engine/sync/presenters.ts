// Engine objects as the API shows them (shared/model shapes).
import type { CsObjectDetail, CsObjectRow } from '../../shared/model/connector-space.ts';
import type { ConnectorDetail, ConnectorSummary } from '../../shared/model/connectors.ts';
import { SECRET_MASK } from '../../shared/model/connectors.ts';
import type { LineageResult, PreviewResult } from '../../shared/model/preview.ts';
import type { MvObjectDetail, MvObjectRow } from '../../shared/model/metaverse.ts';
import type { RunDetail, RunObjectRecord, RunSummary } from '../../shared/model/runs.ts';
import { connectorTypes } from '../connectors/registry.ts';
import type { CsObject, MvObject } from '../model/objects.ts';
import type { StoredAttributes, StoredValue } from '../model/stored-values.ts';
import { valueText } from '../model/stored-values.ts';
import type { ConnectorRecord } from '../store/connector-store.ts';
import type { RunObjectRow, RunRow } from '../store/run-store.ts';
import type { Store } from '../store/store.ts';
import type { PreviewOutcome, SyncEngine } from './engine.ts';
import type { TraceFlow } from './sync-env.ts';
import { EngineError } from './engine-error.ts';
import { exportAwareView } from './views.ts';
import { inScope } from '../rules/scoping.ts';

/** The configuration with every secret field replaced by the mask. */
export function maskedConfig(c: ConnectorRecord): Record<string, unknown> {
  const secret = connectorTypes.get(c.type)?.secretFields ?? [];
  return Object.fromEntries(Object.entries(c.config).map(([k, v]) => [k, secret.includes(k) && v !== undefined && v !== '' ? SECRET_MASK : v]));
}

/** A connector row of the Connectors tab. */
export function connectorSummary(engine: SyncEngine, c: ConnectorRecord): ConnectorSummary {
  const last = engine.store.runs.latest(c.seq);
  return {
    id: c.id, name: c.name, type: c.type, description: c.description, state: engine.isRunning(c.seq) ? 'running' : 'idle', createdAt: c.createdAt,
    objectCount: engine.store.cs.count(c.seq, 'all'),
    lastRun: last ? { runId: String(last.id), profile: last.profile, status: last.status, endedAt: last.endedAt } : null,
  };
}

/** A connector with its masked configuration. */
export function connectorDetail(engine: SyncEngine, c: ConnectorRecord): ConnectorDetail {
  return {
    ...connectorSummary(engine, c), config: maskedConfig(c), secretFields: [...(connectorTypes.get(c.type)?.secretFields ?? [])],
    runProfiles: c.runProfiles, deleteThreshold: c.deleteThreshold,
  };
}

/** A run row. */
export function runSummary(store: Store, r: RunRow): RunSummary {
  return {
    id: String(r.id), connectorId: store.connectors.bySeq(r.connector)?.id ?? String(r.connector), connector: r.connectorName, profile: r.profile,
    status: r.status, startedAt: r.startedAt, endedAt: r.endedAt, startedBy: r.startedBy,
  };
}

/** A run with its steps. */
export function runDetail(store: Store, r: RunRow): RunDetail {
  return {
    ...runSummary(store, r),
    steps: store.runs.steps(r.id).map((s) => ({
      step: s.step, type: s.type, partition: s.partition, status: s.status, startedAt: s.startedAt, endedAt: s.endedAt,
      counters: s.counters.counters, outbound: s.counters.outbound, errors: s.counters.errors, message: s.message,
    })),
  };
}

/** A run record. */
export function runObject(o: RunObjectRow): RunObjectRecord {
  return {
    id: String(o.id), step: o.step, counter: o.counter, targetConnector: o.target ?? null, csId: o.csId === null ? null : String(o.csId),
    dn: o.dn, objectType: o.objectType, error: o.error ?? null,
  };
}

/** A CS search row of an object of the connector named `connector` (the caller knows it: no lookup per row). */
export function csRow(o: CsObject, connector: string): CsObjectRow {
  return {
    id: String(o.id), connector, dn: o.dn, anchor: o.anchor, objectType: o.objectType,
    state: o.state, transient: o.transient, mvId: o.mvId === null ? null : String(o.mvId), pendingImport: o.pendingImport?.op ?? null,
    pendingExport: o.pendingExport?.op ?? null, hasError: Boolean(o.errors.import || o.errors.sync || o.errors.export),
  };
}

function diff(oldAttrs: StoredAttributes, changes: Record<string, StoredValue[]>) {
  return Object.entries(changes).map(([attribute, newValues]) => ({ attribute, oldValues: oldAttrs[attribute] ?? [], newValues }));
}

function importDiff(o: CsObject) {
  const pi = o.pendingImport!;
  const names = new Set([...Object.keys(o.hologram), ...Object.keys(pi.image)]);
  const changed: Record<string, StoredValue[]> = {};
  for (const n of names) if (JSON.stringify(o.hologram[n] ?? []) !== JSON.stringify(pi.image[n] ?? [])) changed[n] = pi.image[n] ?? [];
  return diff(o.hologram, changed);
}

/** A CS object with everything the properties dialog shows. */
export function csDetail(engine: SyncEngine, o: CsObject): CsObjectDetail {
  const store = engine.store;
  const linked = o.mvId !== null ? store.cs.linkedTo(o.mvId).filter((c) => c.id !== o.id) : [];
  const rules = store.rules.list();
  const connector = store.connectors.bySeq(o.connector)!;
  const mv = o.mvId !== null ? store.mv.get(o.mvId) : null;
  const view = exportAwareView(o);
  const lineage = rules
    .filter((r) => r.rule.connector.id === connector.id || r.rule.connector.name.toLowerCase() === connector.name.toLowerCase())
    .filter((r) => (r.rule.direction === 'Inbound' ? r.rule.sourceObjectType : r.rule.targetObjectType).toLowerCase() === o.objectType.toLowerCase())
    .map((r) => ({
      ruleId: r.rule.id, ruleName: r.rule.name, direction: r.rule.direction, action: r.rule.linkType, passwordSync: r.rule.enablePasswordSync,
      inScope: r.rule.direction === 'Inbound' ? inScope(r.rule.scopingFilter, view) : mv !== null && inScope(r.rule.scopingFilter, mv.attrs),
    }));
  const linkRule = o.link?.rule != null ? rules.find((r) => r.seq === o.link!.rule) : undefined;
  return {
    ...csRow(o, connector.name),
    hologram: o.hologram,
    pendingImportDetail: o.pendingImport
      ? { op: o.pendingImport.op, newDn: o.pendingImport.dn ?? null, newObjectType: o.pendingImport.objectType ?? null, changes: importDiff(o) }
      : null,
    pendingExportDetail: o.pendingExport
      ? { op: o.pendingExport.op, newDn: o.pendingExport.newDn ?? null, changes: diff({ ...o.hologram, ...o.unconfirmed }, o.pendingExport.changes) }
      : null,
    unconfirmedExport: o.unconfirmed,
    importError: o.errors.import ?? null, syncError: o.errors.sync ?? null, exportError: o.errors.export ?? null,
    link: o.link && o.mvId !== null
      ? { mvId: String(o.mvId), ruleId: linkRule?.rule.id ?? null, linkType: o.link.type, ownedByProvision: o.link.owned, linkedAt: o.link.at }
      : null,
    connectors: linked.map((c) => ({ connector: store.connectors.bySeq(c.connector)?.name ?? '', csId: String(c.id), dn: c.dn, objectType: c.objectType })),
    lineage,
    log: store.runs.objectLog(o.id, 20).map((r) => ({ runId: String(r.runId), step: r.step, counter: r.counter, at: r.at, message: r.error?.message ?? null })),
    lastImportAt: o.importedAt, lastExportAt: o.exportedAt,
  };
}

/** Contributor descriptions of an MV attribute. */
function contributors(store: Store, mv: MvObject, attr: string) {
  return (mv.contrib[attr] ?? []).map(([ruleSeq, csId]) => {
    const rule = store.rules.list().find((r) => r.seq === ruleSeq);
    const cs = store.cs.get(csId);
    const conn = cs ? store.connectors.bySeq(cs.connector) : null;
    return {
      connector: conn?.name ?? rule?.rule.connector.name ?? '', connectorId: conn?.id ?? rule?.rule.connector.id ?? '', csId: String(csId), dn: cs?.dn ?? null,
      ruleId: rule?.rule.id ?? String(ruleSeq), ruleName: rule?.rule.name ?? '(deleted rule)', rule: rule?.rule ?? null,
    };
  });
}

/** An MV search row. */
export function mvRow(mv: MvObject, columns: readonly string[]): MvObjectRow {
  const shown = new Set(['displayName', 'cn', 'mail', 'userPrincipalName', 'accountName', ...columns]);
  const dn = mv.attrs.displayName?.[0] ?? mv.attrs.cn?.[0];
  return {
    id: String(mv.id), objectType: mv.objectType, displayName: dn !== undefined ? valueText(dn) : null,
    attributes: Object.fromEntries(Object.entries(mv.attrs).filter(([k]) => shown.has(k))),
  };
}

/** An MV object with contributors and connectors. */
export function mvDetail(store: Store, mv: MvObject): MvObjectDetail {
  const rules = store.rules.list();
  return {
    id: String(mv.id), objectType: mv.objectType, createdAt: mv.createdAt, updatedAt: mv.updatedAt,
    attributes: Object.keys(mv.attrs).sort().map((a) => ({
      attribute: a, values: mv.attrs[a],
      contributors: contributors(store, mv, a).map(({ rule: _r, ...c }) => c),
    })),
    connectors: store.cs.linkedTo(mv.id).map((c) => {
      const conn = store.connectors.bySeq(c.connector);
      return {
        connector: conn?.name ?? '', connectorId: conn?.id ?? '', csId: String(c.id), dn: c.dn, objectType: c.objectType,
        linkType: c.link?.type ?? 'Join', ruleName: rules.find((r) => r.seq === c.link?.rule)?.rule.name ?? null, linkedAt: c.link?.at ?? '',
      };
    }),
  };
}

/** Lineage of one MV attribute. */
export function lineage(store: Store, mvId: string, attribute: string): LineageResult {
  const mv = store.mv.get(Number(mvId));
  if (!mv) throw new EngineError('not-found', `No metaverse object ${mvId}`);
  const values = mv.attrs[attribute] ?? [];
  const refs = mv.contrib[attribute] ?? [];
  return {
    mvId, attribute, values,
    contributors: contributors(store, mv, attribute).map(({ rule, ...c }, i) => {
      const flow = rule?.attributeFlows.find((f) => f.destination === attribute);
      return {
        ...c, precedence: rule?.precedence ?? null, flowType: flow?.flowType ?? null,
        source: flow ? (flow.flowType === 'Direct' ? flow.sources.join(', ') : (flow.expression ?? null)) : null,
        values: refs.length > 1 ? [values[i]].filter((v) => v !== undefined) : values,
      };
    }),
  };
}

function traceFlows(store: Store, flows: readonly TraceFlow[]) {
  const rules = store.rules.list();
  return flows.map((f) => {
    const rule = rules.find((r) => r.seq === f.ruleSeq);
    return { attribute: f.attribute, ruleId: rule?.rule.id ?? null, ruleName: rule?.rule.name ?? null, flowType: f.flowType, oldValues: f.oldValues, newValues: f.newValues, changed: f.changed };
  });
}

/** A preview result. */
export function previewResult(store: Store, p: PreviewOutcome, mode: 'full' | 'delta'): PreviewResult {
  const rules = store.rules.list();
  const name = (seq: number | null) => rules.find((r) => r.seq === seq)?.rule.name ?? null;
  const mvId = p.trace.join.mvId;
  return {
    csId: String(p.cs.id), dn: p.cs.dn, mode, committed: p.committed,
    sourceObject: p.cs.pendingImport?.op && p.cs.pendingImport.op !== 'delete' ? p.cs.pendingImport.image : p.cs.hologram,
    scoping: p.trace.scoping.map((s) => ({ ruleId: rules.find((r) => r.seq === s.ruleSeq)?.rule.id ?? '', ruleName: name(s.ruleSeq) ?? '', inScope: s.inScope })),
    join: { action: p.error ? 'error' : p.trace.join.action, mvId: mvId === null ? null : mvId < 0 ? 'new' : String(mvId), ruleName: name(p.trace.join.ruleSeq), detail: p.trace.join.detail },
    stateBefore: p.cs.state, stateAfter: p.stateAfter,
    importFlows: traceFlows(store, p.trace.importFlows),
    outbound: p.trace.outbound.map((o) => ({
      connector: store.connectors.bySeq(o.connector)?.name ?? String(o.connector), action: o.action, dn: o.dn, exportFlows: traceFlows(store, o.exportFlows),
    })),
    error: p.error,
  };
}
