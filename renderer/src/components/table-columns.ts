// Column definitions shared by the client-side and server-paged tables, and their export form.
import type { GridColDef, GridValidRowModel } from '@mui/x-data-grid';
import type { ExportColumn } from './csv.ts';
import { cellText } from './csv.ts';

/**
 * A grid column; `text` (when given) is both what the cell shows and what CSV and copy write.
 * `exported: false` leaves out a column that only decorates the screen.
 */
export type TableColumn<R extends GridValidRowModel> = GridColDef<R> & { text?: (row: R) => string; exported?: false };

/** The export columns of a table: every column with a field, under its header name. */
export function exportColumns<R extends GridValidRowModel>(columns: readonly TableColumn<R>[]): ExportColumn<R>[] {
  return columns
    .filter((c) => c.field !== '__check__' && c.field !== 'actions' && c.exported !== false)
    .map((c) => ({ field: c.field, header: c.headerName ?? c.field, text: c.text }));
}

/** Grid column definitions: a `text` function becomes the cell's value getter, so sort and display agree with exports. */
export function gridColumns<R extends GridValidRowModel>(columns: readonly TableColumn<R>[]): GridColDef<R>[] {
  return columns.map(({ text, exported: _exported, ...col }) => {
    // A column with its own value (a number that sorts as a number) keeps it; `text` then serves exports only.
    if (text && !col.valueGetter) return { ...col, valueGetter: (_value: unknown, row: R) => text(row) } as GridColDef<R>;
    if (col.valueFormatter || col.renderCell || col.valueGetter) return col as GridColDef<R>;
    // Value arrays and tagged values read as text, as they do in exports.
    return { ...col, valueFormatter: (_v: unknown, row: R) => cellText(row, { field: col.field, header: '' }) } as GridColDef<R>;
  });
}
