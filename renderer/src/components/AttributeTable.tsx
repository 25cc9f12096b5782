// A read-only attribute grid: name, type and values, for holograms and snapshots.
import { useMemo } from 'react';
import type { ApiAttributes } from '../../../shared/model/values.ts';
import { DataTable } from './DataTable.tsx';
import type { TableColumn } from './table-columns.ts';
import { formatValues, valueType } from './values.ts';

interface AttrRow {
  attribute: string;
  type: string;
  values: unknown[];
}

const COLUMNS: TableColumn<AttrRow>[] = [
  { field: 'attribute', headerName: 'Attribute Name', width: 220 },
  { field: 'type', headerName: 'Type', width: 100 },
  { field: 'values', headerName: 'Values', flex: 1, minWidth: 200, text: (r) => formatValues(r.values) },
];

/** The rows of an attribute grid, sorted by name. */
export function attributeRows(attributes: ApiAttributes | null | undefined): AttrRow[] {
  return Object.entries(attributes ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([attribute, values]) => ({ attribute, type: values.length ? valueType(values[0]) : '', values }));
}

/** Attributes of an object in a grid with export and copy. */
export function AttributeTable({ label, attributes, height = 360 }: { label: string; attributes: ApiAttributes | null | undefined; height?: number | string }) {
  const rows = useMemo(() => attributeRows(attributes), [attributes]);
  return <DataTable label={label} rows={rows} columns={COLUMNS} getRowId={(r) => r.attribute} height={height} />;
}
