// What the next export would send (§8.3), for staging servers and before switching a server to active: rows
// with attribute diffs, a CSV in the CSExportAnalyzer shape (OMODT/AMODT) in batches, and the csexport XML.
import { stringify } from 'csv-stringify/sync';
import { valueText } from '../model/stored-values.ts';
import type { PendingExportObject, PendingExportSource } from './deletion-threshold.ts';

/** Object modification type (OMODT) and attribute modification type (AMODT), as the product's tools print them. */
export type Modification = 'Add' | 'Update' | 'Delete';

export interface AttributeDiff {
  attribute: string;
  amodt: Modification;
  before: string[];
  after: string[];
}

export interface StagingRow {
  connector: string;
  id: number;
  dn: string;
  /** The new DN when the export renames the object. */
  newDn: string | null;
  objectType: string;
  omodt: Modification;
  attributes: AttributeDiff[];
}

export interface StagingSummary {
  connector: string;
  adds: number;
  updates: number;
  deletes: number;
}

/** Batch size of the csanalyzer script (§8.3, §15). */
export const CSV_BATCH_SIZE = 1000;


const OMODT: Record<'add' | 'update' | 'delete', Modification> = { add: 'Add', update: 'Update', delete: 'Delete' };

/** The row of one object with a pending export (null without one). */
export function stagingRow(connector: string, o: PendingExportObject): StagingRow | null {
  const pe = o.pendingExport;
  if (!pe) return null;
  const attributes: AttributeDiff[] = [];
  if (pe.op !== 'delete') {
    for (const [attribute, values] of Object.entries(pe.changes).sort(([a], [b]) => a.localeCompare(b))) {
      const before = pe.op === 'add' ? [] : (o.hologram[attribute] ?? []).map(valueText);
      const after = values.map(valueText);
      const amodt: Modification = before.length === 0 ? 'Add' : after.length === 0 ? 'Delete' : 'Update';
      if (before.length === 0 && after.length === 0) continue;
      attributes.push({ attribute, amodt, before, after });
    }
  }
  return { connector, id: o.id, dn: o.dn, newDn: pe.newDn ?? null, objectType: o.objectType, omodt: OMODT[pe.op], attributes };
}

/** Every pending export of a connector as report rows, paged through the connector space. */
export function stagingReport(source: PendingExportSource, connector: { seq: number; name: string }, pageSize = 500): StagingRow[] {
  const rows: StagingRow[] = [];
  for (let after = 0; ;) {
    const page = source.page(connector.seq, 'pending-export', after, pageSize);
    if (page.length === 0) break;
    for (const o of page) {
      const row = stagingRow(connector.name, o);
      if (row) rows.push(row);
    }
    after = page[page.length - 1].id;
  }
  return rows;
}

/** Counts of adds, updates and deletes per connector. */
export function summarize(rows: readonly StagingRow[]): StagingSummary[] {
  const by = new Map<string, StagingSummary>();
  for (const r of rows) {
    const s = by.get(r.connector) ?? { connector: r.connector, adds: 0, updates: 0, deletes: 0 };
    if (r.omodt === 'Add') s.adds++;
    else if (r.omodt === 'Update') s.updates++;
    else s.deletes++;
    by.set(r.connector, s);
  }
  return [...by.values()];
}

const COLUMNS = ['connector', 'dn', 'newDn', 'objectType', 'OMODT', 'attribute', 'AMODT', 'oldValues', 'newValues'];

/** The report as CSV batches of `batchSize` objects (one line per changed attribute; one line for a delete). */
export function stagingCsvBatches(rows: readonly StagingRow[], batchSize = CSV_BATCH_SIZE): string[] {
  const batches: string[] = [];
  for (let i = 0; i < rows.length || (i === 0 && batches.length === 0); i += batchSize) {
    const lines: string[][] = [];
    for (const r of rows.slice(i, i + batchSize)) {
      const base = [r.connector, r.dn, r.newDn ?? '', r.objectType, r.omodt];
      if (r.attributes.length === 0) lines.push([...base, '', '', '', '']);
      for (const a of r.attributes) lines.push([...base, a.attribute, a.amodt, a.before.join(';'), a.after.join(';')]);
    }
    batches.push(stringify(lines, { header: true, columns: COLUMNS }));
    if (rows.length === 0) break;
  }
  return batches;
}

function xml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** The csexport `/f:x` document shape existing tooling reads: unapplied-export deltas and the export hologram. */
export function stagingXml(rows: readonly StagingRow[], objects: ReadonlyMap<number, PendingExportObject>): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<cs-objects>'];
  for (const r of rows) {
    out.push(`  <cs-object id="${r.id}" object-type="${xml(r.objectType)}">`);
    out.push('    <unapplied-export>');
    out.push(`      <delta dn="${xml(r.newDn ?? r.dn)}" operation="${r.omodt.toLowerCase()}">`);
    for (const a of r.attributes) {
      out.push(`        <attr name="${xml(a.attribute)}" operation="${a.amodt.toLowerCase()}">`);
      for (const v of a.after) out.push(`          <value>${xml(v)}</value>`);
      out.push('        </attr>');
    }
    out.push('      </delta>', '    </unapplied-export>');
    if (r.omodt !== 'Delete') {
      const hologram = { ...(objects.get(r.id)?.hologram ?? {}) };
      const image: Record<string, string[]> = Object.fromEntries(Object.entries(hologram).map(([k, v]) => [k, v.map(valueText)]));
      for (const a of r.attributes) image[a.attribute] = a.after;
      out.push('    <unapplied-export-hologram>', `      <entry dn="${xml(r.newDn ?? r.dn)}">`);
      for (const [name, values] of Object.entries(image).sort(([a], [b]) => a.localeCompare(b))) {
        if (values.length === 0) continue;
        out.push(`        <attr name="${xml(name)}">`, ...values.map((v) => `          <value>${xml(v)}</value>`), '        </attr>');
      }
      out.push('      </entry>', '    </unapplied-export-hologram>');
    }
    out.push('  </cs-object>');
  }
  out.push('</cs-objects>');
  return `${out.join('\n')}\n`;
}
