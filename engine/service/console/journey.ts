// The object journey: a metaverse object, every connector space object joined to it with what is pending and
// what failed, and the runs that recorded something about them, newest first.
import type { ObjectJourney, JourneyObject, JourneyRun } from '../../../shared/model/journey.ts';
import type { CsObject } from '../../model/objects.ts';
import { valueText } from '../../model/stored-values.ts';
import type { SyncEngine } from '../../sync/engine.ts';
import * as present from '../../sync/presenters.ts';
import type { RunRow } from '../../store/run-store.ts';
import { ApiError } from '../api-error.ts';

const RUNS_PER_OBJECT = 50;

function journeyObject(engine: SyncEngine, o: CsObject): JourneyObject {
  const d = present.csDetail(engine, o);
  const errors = (['import', 'sync', 'export'] as const).flatMap((kind) => {
    const e = kind === 'import' ? d.importError : kind === 'sync' ? d.syncError : d.exportError;
    return e ? [{ ...e, kind }] : [];
  });
  return {
    connector: d.connector, connectorId: engine.store.connectors.bySeq(o.connector)?.id ?? '', csId: d.id, dn: d.dn, anchor: d.anchor, objectType: d.objectType,
    state: d.state,
    pendingImport: d.pendingImportDetail ? { op: d.pendingImportDetail.op, changes: d.pendingImportDetail.changes } : null,
    pendingExport: d.pendingExportDetail ? { op: d.pendingExportDetail.op, changes: d.pendingExportDetail.changes } : null,
    errors, lastImportAt: d.lastImportAt, lastExportAt: d.lastExportAt,
  };
}

/** The journey of a metaverse object, or of one connector space object (and its metaverse object when joined). */
export function objectJourney(engine: SyncEngine, ref: { mvId?: string; connector?: string; csId?: string }): ObjectJourney {
  const store = engine.store;
  let mvId = ref.mvId !== undefined ? Number(ref.mvId) : null;
  let lone: CsObject | null = null;
  if (mvId === null) {
    lone = engine.csObject(ref.connector!, { id: ref.csId });
    mvId = lone.mvId;
  }
  const mv = mvId !== null ? store.mv.get(mvId) : null;
  if (ref.mvId !== undefined && !mv) throw new ApiError('not-found', `No metaverse object ${ref.mvId}`);
  const objects = mv ? store.cs.linkedTo(mv.id) : [lone!];
  const runs = new Map<number, RunRow | null>();
  const run = (id: number) => {
    if (!runs.has(id)) runs.set(id, store.runs.getRun(id));
    return runs.get(id)!;
  };
  const records: (JourneyRun & { order: number })[] = [];
  for (const o of objects) {
    for (const r of store.runs.objectLog(o.id, RUNS_PER_OBJECT)) {
      const info = run(r.runId);
      if (!info) continue;
      records.push({
        order: r.id, runId: String(r.runId), connector: info.connectorName, profile: info.profile, status: info.status, startedAt: info.startedAt,
        step: r.step, counter: r.counter, targetConnector: r.target ?? null, csId: String(o.id), dn: r.dn, at: r.at, message: r.error?.message ?? null,
      });
    }
  }
  records.sort((a, b) => b.order - a.order);
  const name = mv ? (mv.attrs.displayName?.[0] ?? mv.attrs.cn?.[0]) : undefined;
  return {
    mv: mv ? { id: String(mv.id), objectType: mv.objectType, displayName: name === undefined ? null : valueText(name), createdAt: mv.createdAt, updatedAt: mv.updatedAt, attributes: mv.attrs } : null,
    objects: objects.map((o) => journeyObject(engine, o)),
    runs: records.map(({ order: _o, ...r }) => r),
  };
}
