// Streams a CSV file with a header row into raw records; bad rows become problems and reading goes on.
import { parse, type CsvError, type InfoRecord, type Options } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import type { FileSettings } from './config.ts';
import type { RawItem } from './raw-record.ts';
import { readLines, readTextChunks, type InvalidLines, type TextChunk } from './text-source.ts';
import type { RawValue } from './value-codec.ts';

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

/** Reads the CSV file at `path` as raw records, one array per chunk; the first row names the columns. */
export async function* readCsv(path: string, settings: FileSettings, signal?: AbortSignal): AsyncGenerator<RawItem[]> {
  const { config } = settings;
  const invalid: InvalidLines = new Set();
  let items: RawItem[] = [];
  let header: string[] | undefined;
  let lastLine = 0;
  /** Number of the file's last line that has text, as far as it has been read. */
  let fileLines = 0;
  const toItem = (start: number, end: number, record: string[]): RawItem | undefined => {
    if (rangeHasInvalid(invalid, start, end)) return { kind: 'problem', code: 'parse-error', message: `${path}:${start}: the row is not valid UTF-8`, line: start };
    if (!header) {
      header = record.map((h) => h.trim());
      const dup = header.find((h, i) => header!.indexOf(h) !== i);
      return dup === undefined ? undefined : { kind: 'problem', code: 'parse-error', message: `${path}:${start}: column "${dup}" appears twice; the later one is ignored`, line: start };
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
    return { kind: 'record', line: start, fields, dn };
  };
  // The parser is driven synchronously: on_record and on_skip run inside write() in file order, collect the
  // records of the chunk, and return nothing to the stream side (which is never read).
  const options: Options = {
    bom: true,
    delimiter: config.delimiter,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_record: (record: string[], context: InfoRecord) => {
      const start = lastLine + 1;
      lastLine = context.lines;
      const item = toItem(start, lastLine, record);
      if (item) items.push(item);
      return null;
    },
    on_skip: (err: CsvError | undefined) => {
      const start = lastLine + 1;
      const unclosed = err?.code === 'CSV_QUOTE_NOT_CLOSED';
      // A quote that is never closed swallows everything to the end of the file: say how much was not read.
      const end = Math.min(unclosed ? fileLines : ((err as { lines?: number } | undefined)?.lines ?? start), fileLines);
      const what = unclosed ? 'a quote opened in the row starting here is never closed' : (err?.message ?? 'unreadable row');
      const lost = end > start ? `; lines ${start}–${end} (${end - start + 1} lines${unclosed ? ', to the end of the file' : ''}) were not read` : '';
      items.push({ kind: 'problem', code: 'parse-error', message: `${path}:${start}: ${what}${lost}`, line: start });
      lastLine = Math.max(end, start);
      return undefined;
    },
  };
  const parser = parse(options);
  let failure: Error | undefined;
  parser.on('error', (err) => (failure ??= err));
  const take = (): RawItem[] => {
    if (failure) throw new Error(`${path}:${lastLine + 1}: ${failure.message}`);
    const out = items;
    items = [];
    return out;
  };
  for await (const chunk of readTextChunks(path, invalid, signal)) {
    fileLines = lastLineOf(chunk);
    parser.write(chunk.text);
    const out = take();
    if (out.length) yield out;
  }
  await new Promise<void>((resolve) => parser.end(resolve));
  const out = take();
  if (out.length) yield out;
}

/** Reads only the header row of a CSV file. */
export async function readCsvHeader(path: string, settings: FileSettings): Promise<string[]> {
  for await (const line of readLines(readTextChunks(path, new Set()))) {
    const rows = parseSync(line.text, { delimiter: settings.config.delimiter, relax_quotes: true }) as string[][];
    return (rows[0] ?? []).map((h) => h.trim()).filter((h) => h !== '');
  }
  return [];
}

/** The number of the last line of a chunk that has text (a chunk ending with a newline has no text after it). */
function lastLineOf(chunk: TextChunk): number {
  let newlines = 0;
  for (let i = chunk.text.indexOf('\n'); i >= 0; i = chunk.text.indexOf('\n', i + 1)) newlines++;
  return chunk.firstLine + newlines - (chunk.text.endsWith('\n') ? 1 : 0);
}

function rangeHasInvalid(invalid: InvalidLines, start: number, end: number): boolean {
  if (!invalid.size) return false;
  for (let l = start; l <= end; l++) if (invalid.has(l)) return true;
  return false;
}
