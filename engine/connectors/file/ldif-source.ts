// Reads an LDIF file as raw records: content and add records carry attributes, other change records pass through.
import { LdifParser, type LdifError, type LdifRecord } from './ldif-reader.ts';
import { addField, type RawItem, type RawRecord } from './raw-record.ts';
import { forEachLine, readTextChunks, type InvalidLines } from './text-source.ts';
import type { RawValue } from './value-codec.ts';

/** Reads the LDIF file at `path` as raw records, one array per chunk of the file. */
export async function* readLdifFile(path: string, signal?: AbortSignal): AsyncGenerator<RawItem[]> {
  const invalid: InvalidLines = new Set();
  const parser = new LdifParser();
  let lastLine = 0;
  // A record completes on the line after it, so its lines are rec.line .. endLine.
  const toItem = (rec: LdifRecord | LdifError, endLine: number): RawItem => {
    if (rec.kind === 'error') return { kind: 'problem', code: rec.code, message: `${path}:${rec.message}`, line: rec.line, dn: rec.dn };
    if (invalid.size && [...invalid].some((l) => l >= rec.line && l <= endLine)) {
      return { kind: 'problem', code: 'parse-error', message: `${path}:${rec.line} (${rec.dn}): the record is not valid UTF-8`, line: rec.line, dn: rec.dn };
    }
    if (rec.kind !== 'content' && rec.kind !== 'add') {
      return { kind: 'record', line: rec.line, fields: new Map(), dn: rec.dn, change: rec as NonNullable<RawRecord['change']>, changeRecord: true };
    }
    const fields = new Map<string, RawValue[]>();
    const names = new Map<string, string>();
    for (const a of rec.attributes) addField(fields, names, a.name, a.value);
    return { kind: 'record', line: rec.line, fields, dn: rec.dn, changeRecord: rec.kind === 'add' };
  };
  for await (const chunk of readTextChunks(path, invalid, signal)) {
    const items: RawItem[] = [];
    forEachLine(chunk, (text, line) => {
      lastLine = line;
      const rec = parser.push(text, line);
      if (rec) items.push(toItem(rec, line));
    });
    if (items.length) yield items;
  }
  const last = parser.end();
  if (last) yield [toItem(last, lastLine)];
}

const CHANGE_RECORD = /^changetype:[ \t]*(?:modify|delete|moddn|modrdn)[ \t]*\r?$/im;

/**
 * True when the file holds change records other than adds (modify, delete, moddn): such a file must be replayed
 * to know each entry's current state. Content files and adds-only files are streamed record by record instead.
 */
export async function hasChangeRecords(path: string, signal?: AbortSignal): Promise<boolean> {
  for await (const chunk of readTextChunks(path, new Set(), signal)) if (CHANGE_RECORD.test(chunk.text)) return true;
  return false;
}
