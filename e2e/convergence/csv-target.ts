// Reads a CSV target file back (one row per entry, a `dn` column, an empty cell meaning "no value") and takes
// the fingerprint that shows whether a cycle rewrote it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { ActualEntry, ActualTarget } from './target-content.ts';

/** The rows of the CSV file as entries; a file that does not parse is one problem. */
export function readCsvTarget(name: string, file: string): ActualTarget {
  let rows: Record<string, string>[];
  try {
    rows = parse(fs.readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
  } catch (err) {
    return { name, entries: [], problems: [`${file} does not parse as CSV: ${(err as Error).message}`] };
  }
  const problems: string[] = [];
  const entries: ActualEntry[] = [];
  rows.forEach((row, i) => {
    const dn = row.dn;
    if (!dn) {
      problems.push(`row ${i + 2}: no dn`);
      return;
    }
    const attributes: Record<string, string[]> = {};
    for (const [column, value] of Object.entries(row)) if (column !== 'dn' && value !== '') attributes[column] = [value];
    entries.push({ dn, attributes });
  });
  return { name, entries, problems };
}

/** Size, inode, modification time and digest: any rewrite (even of the same bytes) changes it. */
export function csvFingerprint(file: string): string {
  const st = fs.statSync(file);
  const digest = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 12);
  return `${st.size} bytes, inode ${st.ino}, mtime ${st.mtime.toISOString()}, sha256 ${digest}`;
}
