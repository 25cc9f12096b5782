// CSV and tab-separated text of grid rows, for export files and the clipboard.
import { stringify } from 'csv-stringify/browser/esm/sync';
import { formatValue, formatValues } from './values.ts';
import { defuseFormula } from '../../../shared/model/value-text.ts';

/** A column of an exported table: which field, under which header, optionally how to turn it into text. */
export interface ExportColumn<R> {
  readonly field: string;
  readonly header: string;
  readonly text?: (row: R) => string;
}

/** The text of one cell: arrays of values are joined, wire values lose their tags. */
export function cellText<R>(row: R, column: ExportColumn<R>): string {
  if (column.text) return column.text(row);
  const value = (row as Record<string, unknown>)[column.field];
  return Array.isArray(value) ? formatValues(value) : formatValue(value);
}

/** RFC 4180 CSV with a header line; cells that a spreadsheet would run as formulas are defused. */
export function toCsv<R>(columns: readonly ExportColumn<R>[], rows: readonly R[]): string {
  const body = rows.map((row) => columns.map((c) => defuseFormula(cellText(row, c))));
  return stringify([columns.map((c) => c.header), ...body], { record_delimiter: '\r\n' });
}

/** Tab-separated rows for pasting into a spreadsheet; tabs and newlines inside cells become spaces. */
export function toTsv<R>(columns: readonly ExportColumn<R>[], rows: readonly R[]): string {
  const clean = (s: string) => s.replace(/[\t\r\n]+/g, ' ');
  const lines = [columns.map((c) => clean(c.header)).join('\t'), ...rows.map((row) => columns.map((c) => clean(cellText(row, c))).join('\t'))];
  return `${lines.join('\n')}\n`;
}


/** A file name safe on every platform, with a timestamp: `runs-2026-01-31T10-00-00.csv`. */
export function exportFileName(base: string, ext: string, now: Date = new Date()): string {
  const safe = base.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'export';
  return `${safe}-${now.toISOString().slice(0, 19).replace(/:/g, '-')}.${ext}`;
}
