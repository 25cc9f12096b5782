// Flattens the staging report for a grid: one row per object, its attribute changes summarised in one cell.
import type { z } from 'zod';
import type { StagingRowModel } from '../../../shared/model/entra-connect.ts';

export interface StagingGridRow {
  key: string;
  connector: string;
  omodt: string;
  objectType: string;
  dn: string;
  changes: string;
}

/** One grid row per pending export; renames show as `old → new`. */
export function stagingRows(rows: readonly z.infer<typeof StagingRowModel>[]): StagingGridRow[] {
  return rows.map((r) => ({
    key: `${r.connector}/${r.id}`,
    connector: r.connector,
    omodt: r.omodt,
    objectType: r.objectType,
    dn: r.newDn ? `${r.dn} → ${r.newDn}` : r.dn,
    changes: r.attributes.map((a) => `${a.amodt} ${a.attribute}: ${a.before.join('; ') || '∅'} → ${a.after.join('; ') || '∅'}`).join(' | '),
  }));
}
