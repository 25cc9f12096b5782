// Attribute grids of a connector space object: the Import tab's old and new values, the pending export's operations.
import type { CsObjectDetail } from '../../../shared/model/connector-space.ts';
import { valueType } from '../components/values.ts';

export { stateText } from '../../../shared/model/cs-state-text.ts';

/** One attribute line: old (hologram) and new (pending import) values; `changed` marks staged changes. */
export interface ImportRow {
  readonly attribute: string;
  readonly type: string;
  readonly oldValues: readonly unknown[];
  readonly newValues: readonly unknown[];
  readonly changed: boolean;
}

/** Hologram attributes merged with the pending import's changes, changed attributes first, then by name. */
export function importRows(detail: Pick<CsObjectDetail, 'hologram' | 'pendingImportDetail'>): ImportRow[] {
  const rows = new Map<string, ImportRow>();
  for (const [attribute, values] of Object.entries(detail.hologram)) {
    rows.set(attribute, { attribute, type: values.length ? valueType(values[0]) : '', oldValues: values, newValues: values, changed: false });
  }
  for (const change of detail.pendingImportDetail?.changes ?? []) {
    const held = rows.get(change.attribute);
    const sample = change.newValues[0] ?? change.oldValues[0];
    rows.set(change.attribute, {
      attribute: change.attribute,
      type: held?.type || (sample === undefined ? '' : valueType(sample)),
      oldValues: change.oldValues.length || !held ? change.oldValues : held.oldValues,
      newValues: change.newValues,
      changed: true,
    });
  }
  return [...rows.values()].sort((a, b) => Number(b.changed) - Number(a.changed) || a.attribute.localeCompare(b.attribute));
}

/** The operation on one attribute of a pending export: add, delete or replace. */
export function attributeOperation(oldValues: readonly unknown[], newValues: readonly unknown[]): string {
  if (oldValues.length === 0 && newValues.length > 0) return 'add';
  if (newValues.length === 0 && oldValues.length > 0) return 'delete';
  return 'replace';
}
