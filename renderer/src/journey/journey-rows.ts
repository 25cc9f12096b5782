// The object journey's tables: every pending attribute change and every error of the joined objects, flat.
import type { ObjectJourney } from '../../../shared/model/journey.ts';
import { formatValues } from '../components/values.ts';

export interface ChangeRow {
  readonly key: string;
  readonly connector: string;
  readonly direction: 'Pending import' | 'Pending export';
  readonly operation: string;
  readonly attribute: string;
  readonly oldValue: string;
  readonly newValue: string;
}

export interface ErrorRow {
  readonly key: string;
  readonly connector: string;
  readonly kind: string;
  readonly code: string;
  readonly message: string;
  readonly at: string;
}

/** One row per attribute of every pending import and export. */
export function changeRows(j: ObjectJourney): ChangeRow[] {
  const rows: ChangeRow[] = [];
  for (const o of j.objects) {
    for (const [direction, pending] of [['Pending import', o.pendingImport], ['Pending export', o.pendingExport]] as const) {
      if (!pending) continue;
      if (pending.changes.length === 0) rows.push({ key: `${o.csId}/${direction}`, connector: o.connector, direction, operation: pending.op, attribute: '', oldValue: '', newValue: '' });
      for (const c of pending.changes) {
        rows.push({
          key: `${o.csId}/${direction}/${c.attribute}`, connector: o.connector, direction, operation: pending.op, attribute: c.attribute,
          oldValue: formatValues(c.oldValues), newValue: formatValues(c.newValues),
        });
      }
    }
  }
  return rows;
}

/** One row per import, synchronization or export error of the joined objects. */
export function errorRows(j: ObjectJourney): ErrorRow[] {
  return j.objects.flatMap((o) => o.errors.map((e) => ({ key: `${o.csId}/${e.kind}`, connector: o.connector, kind: e.kind, code: e.code, message: e.message, at: e.at })));
}
