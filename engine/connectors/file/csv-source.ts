// Streams a CSV file with a header row into raw records; bad rows become problems and reading goes on.
import { Readable } from 'node:stream';
import { parse, type CsvError, type InfoRecord, type Options } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import type { FileSettings } from './config.ts';
import type { RawItem, RawProblem } from './raw-record.ts';
import { readLines, readTextChunks, type InvalidLines } from './text-source.ts';
import type { RawValue } from './value-codec.ts';

/** A parsed row with its first and last line. */
type Row = [start: number, end: number, cells: string[]];

/** Splits a multi-valued cell on the separator; `\` escapes the separator and itself. */
export function splitCell(cell: string, separator: string): string[] {
  if (!cell.includes('\\')) return cell.split(separator).filter((v) => v !== '');
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < cell.length; i++) {
    if (cell[i] === '\\' && i + 1 < cell.length) cur += cell[++i];
    else if (cell.startsWith(separator, i)) {
      out.push(cur);
      cur = '';
      i += separator.length - 1;
    } else cur += cell[i];
  }
  out.push(cur);
  return out.filter((v) => v !== '');
}

/** Joins values into one cell, escaping the separator. */
export function joinCell(values: readonly string[], separator: string): string {
  return values.map((v) => v.replaceAll('\\', '\\\\').replaceAll(separator, '\\' + separator)).join(separator);
}

/** Reads the CSV file at `path` as raw records; the first row names the columns. */
export async function* readCsv(path: string, settings: FileSettings, signal?: AbortSignal): AsyncGenerator<RawItem> {
  const { config } = settings;
  const invalid: InvalidLines = new Set();
  const skipped: RawProblem[] = [];
  let lastLine = 0;
  // on_record and on_skip run inside the parser in file order, so they can tell where each record starts.
  const options: Options<Row, string[]> = {
    bom: true,
    delimiter: config.delimiter,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_record: (record: string[], context: InfoRecord): Row => {
      const start = lastLine + 1;
      lastLine = context.lines;
      return [start, lastLine, record];
    },
    on_skip: (err: CsvError | undefined) => {
      const start = lastLine + 1;
      const what = err?.code === 'CSV_QUOTE_NOT_CLOSED' ? `a quote opened in the row starting here is never closed` : (err?.message ?? 'unreadable row');
      skipped.push({ kind: 'problem', code: 'parse-error', message: `${path}:${start}: ${what}`, line: start });
      lastLine = (err as { lines?: number } | undefined)?.lines ?? start;
      return undefined;
    },
  };
  // The typings tie on_record to the record type of the callback-less overload; the row shape is ours.
  const parser = parse(options as unknown as Options);
  const source = Readable.from(
    (async function* () {
      for await (const chunk of readTextChunks(path, invalid, signal)) yield chunk.text;
    })(),
  );
  source.on('error', (err) => parser.destroy(err));
  source.pipe(parser);
  let header: string[] | undefined;
  for await (const [start, end, record] of parser as AsyncIterable<Row>) {
    while (skipped.length && skipped[0].line < start) yield skipped.shift()!;
    if (rangeHasInvalid(invalid, start, end)) {
      yield { kind: 'problem', code: 'parse-error', message: `${path}:${start}: the row is not valid UTF-8`, line: start };
      continue;
    }
    if (!header) {
      header = record.map((h) => h.trim());
      const dup = header.find((h, i) => header!.indexOf(h) !== i);
      if (dup !== undefined) yield { kind: 'problem', code: 'parse-error', message: `${path}:${start}: column "${dup}" appears twice; the later one is ignored`, line: start };
      continue;
    }
    const fields = new Map<string, RawValue[]>();
    let dn: string | undefined;
    for (let i = 0; i < header.length; i++) {
      const name = header[i];
      const cell = record[i];
      if (cell === '' || name === '' || fields.has(name)) continue;
      if (name === config.dnAttribute) {
        dn = cell;
        continue;
      }
      const spec = settings.spec(name);
      fields.set(name, spec?.multiValued ? splitCell(cell, spec.separator ?? config.multiValueSeparator) : [cell]);
    }
    yield { kind: 'record', line: start, fields, dn };
  }
  while (skipped.length) yield skipped.shift()!;
}

/** Reads only the header row of a CSV file. */
export async function readCsvHeader(path: string, settings: FileSettings): Promise<string[]> {
  for await (const line of readLines(readTextChunks(path, new Set()))) {
    const rows = parseSync(line.text, { delimiter: settings.config.delimiter, relax_quotes: true }) as string[][];
    return (rows[0] ?? []).map((h) => h.trim()).filter((h) => h !== '');
  }
  return [];
}

function rangeHasInvalid(invalid: InvalidLines, start: number, end: number): boolean {
  if (!invalid.size) return false;
  for (let l = start; l <= end; l++) if (invalid.has(l)) return true;
  return false;
}
