import { describe, expect, it } from 'vitest';
import { exportFileName, toCsv, toTsv, type ExportColumn } from './csv.ts';

interface Row { dn: string; values: unknown[]; n: number }
const cols: ExportColumn<Row>[] = [
  { field: 'dn', header: 'Distinguished Name' },
  { field: 'values', header: 'Values' },
  { field: 'n', header: 'Count', text: (r) => `${r.n} objects` },
];

describe('toCsv', () => {
  it('writes a header, quotes commas and quotes, joins value arrays and drops wire tags', () => {
    const csv = toCsv(cols, [{ dn: 'CN=Smith\\, John,OU=x', values: ['a', { int: '5' }, { ref: 'CN=g' }, true], n: 2 }]);
    expect(csv).toBe('Distinguished Name,Values,Count\r\n"CN=Smith\\, John,OU=x",a; 5; CN=g; true,2 objects\r\n');
  });
  it('defuses cells that spreadsheets would run as formulas, but keeps negative numbers', () => {
    const csv = toCsv([{ field: 'dn', header: 'x' }], [{ dn: '=HYPERLINK("http://evil")' }, { dn: '-12' }, { dn: '@SUM(A1)' }]);
    expect(csv.split('\r\n').slice(1, 4)).toEqual([`"'=HYPERLINK(""http://evil"")"`, '-12', "'@SUM(A1)"]);
  });
  it('writes only a header for no rows', () => {
    expect(toCsv(cols, [])).toBe('Distinguished Name,Values,Count\r\n');
  });
});

describe('toTsv', () => {
  it('separates with tabs and flattens tabs and newlines inside cells', () => {
    expect(toTsv([{ field: 'dn', header: 'DN' }, { field: 'n', header: 'N' }], [{ dn: 'a\tb\nc', n: 1 }])).toBe('DN\tN\na b c\t1\n');
  });
});

describe('exportFileName', () => {
  it('makes a safe name with a timestamp', () => {
    expect(exportFileName('Run history / all', 'csv', new Date('2026-01-31T10:20:30Z'))).toBe('Run-history-all-2026-01-31T10-20-30.csv');
  });
});

describe('exportColumns', () => {
  it('keeps header names and text functions and drops columns marked not exported', async () => {
    const { exportColumns } = await import('./table-columns.ts');
    const cols = exportColumns<{ a: string }>([
      { field: 'a', headerName: 'A', text: (r) => r.a.toUpperCase() },
      { field: 'decor', headerName: 'Decor', exported: false },
      { field: 'b' },
    ]);
    expect(cols.map((c) => c.header)).toEqual(['A', 'b']);
    expect(toCsv(cols, [{ a: 'x' }])).toBe('A,b\r\nX,\r\n');
  });
});
