// Reads an LDIF file as raw records: content and add records carry attributes, other change records pass through.
import { readLdif } from './ldif-reader.ts';
import { addField, type RawItem, type RawRecord } from './raw-record.ts';
import { readLines, readTextChunks, type InvalidLines } from './text-source.ts';
import type { RawValue } from './value-codec.ts';

/** Reads the LDIF file at `path` as raw records. */
export async function* readLdifFile(path: string, signal?: AbortSignal): AsyncGenerator<RawItem> {
  const invalid: InvalidLines = new Set();
  let lastLine = 0;
  for await (const rec of readLdif(readLines(readTextChunks(path, invalid, signal)))) {
    if (rec.kind === 'error') {
      lastLine = rec.line;
      yield { kind: 'problem', code: rec.code, message: `${path}:${rec.message}`, line: rec.line, dn: rec.dn };
      continue;
    }
    if (invalid.size && [...invalid].some((l) => l > lastLine && l >= rec.line - 1 && l <= lineAfter(rec))) {
      lastLine = rec.line;
      yield { kind: 'problem', code: 'parse-error', message: `${path}:${rec.line} (${rec.dn}): the record is not valid UTF-8`, line: rec.line, dn: rec.dn };
      continue;
    }
    lastLine = rec.line;
    if (rec.kind !== 'content' && rec.kind !== 'add') {
      yield { kind: 'record', line: rec.line, fields: new Map(), dn: rec.dn, change: rec as NonNullable<RawRecord['change']>, changeRecord: true };
      continue;
    }
    const fields = new Map<string, RawValue[]>();
    const names = new Map<string, string>();
    for (const a of rec.attributes) addField(fields, names, a.name, a.value);
    yield { kind: 'record', line: rec.line, fields, dn: rec.dn, changeRecord: rec.kind === 'add' };
  }
}

/** The last line number a record is known to reach (its last attribute line). */
function lineAfter(rec: { line: number; attributes?: readonly { line: number }[] }): number {
  const attrs = rec.attributes;
  return attrs && attrs.length ? attrs[attrs.length - 1].line : rec.line + 2;
}
