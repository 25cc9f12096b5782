// Streams a JSON file holding one array of objects: each element is cut out and parsed on its own.
import type { FileSettings } from './config.ts';
import { addField, type RawItem } from './raw-record.ts';
import { readTextChunks, type InvalidLines } from './text-source.ts';
import type { RawValue } from './value-codec.ts';

/** A top-level array element as text, with the line it starts on. */
interface ElementText {
  readonly text: string;
  readonly line: number;
  readonly endLine: number;
}

/** Cuts the elements of a top-level JSON array out of the text stream without parsing them. */
export async function* splitJsonArray(chunks: AsyncIterable<{ text: string }>, path: string): AsyncGenerator<ElementText | { error: string; line: number }> {
  let line = 1;
  let started = false;
  let ended = false;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let pieces: string[] = [];
  let startLine = 0;
  for await (const { text } of chunks) {
    let from = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) line++;
      if (depth > 0) {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 92) escaped = true;
          else if (c === 34) inString = false;
        } else if (c === 34) inString = true;
        else if (c === 123 || c === 91) depth++;
        else if (c === 125 || c === 93) {
          depth--;
          if (depth === 0) {
            pieces.push(text.slice(from < 0 ? 0 : from, i + 1));
            yield { text: pieces.join(''), line: startLine, endLine: line };
            pieces = [];
            from = -1;
          }
        }
        continue;
      }
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) continue;
      if (!started) {
        if (c !== 91) {
          yield { error: `${path}:${line}: expected a JSON array of objects`, line };
          return;
        }
        started = true;
        continue;
      }
      if (ended) {
        yield { error: `${path}:${line}: unexpected text after the end of the array`, line };
        return;
      }
      if (c === 44) continue;
      if (c === 93) {
        ended = true;
        continue;
      }
      // A new element: objects and arrays are cut by bracket depth, scalars are reported as not-objects.
      startLine = line;
      if (c === 123 || c === 91) {
        depth = 1;
        from = i;
        inString = false;
      } else {
        yield { error: `${path}:${line}: array element is not an object`, line };
        let j = i;
        while (j < text.length && text[j] !== ',' && text[j] !== ']') j++;
        i = j - 1;
      }
    }
    if (depth > 0) pieces.push(text.slice(from < 0 ? 0 : from));
  }
  if (!started) yield { error: `${path}: the file is empty; expected a JSON array`, line };
  else if (depth > 0) yield { error: `${path}:${startLine}: object starting here is never closed`, line: startLine };
  else if (!ended) yield { error: `${path}:${line}: the array is never closed`, line };
}

/** Reads the JSON file at `path` as raw records. */
export async function* readJson(path: string, settings: FileSettings, signal?: AbortSignal): AsyncGenerator<RawItem> {
  const invalid: InvalidLines = new Set();
  for await (const el of splitJsonArray(readTextChunks(path, invalid, signal), path)) {
    if ('error' in el) {
      yield { kind: 'problem', code: 'parse-error', message: el.error, line: el.line };
      continue;
    }
    if (invalid.size && [...invalid].some((l) => l >= el.line && l <= el.endLine)) {
      yield { kind: 'problem', code: 'parse-error', message: `${path}:${el.line}: the object is not valid UTF-8`, line: el.line };
      continue;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(el.text);
    } catch (err) {
      yield { kind: 'problem', code: 'parse-error', message: `${path}:${el.line}: ${(err as Error).message}`, line: el.line };
      continue;
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      yield { kind: 'problem', code: 'parse-error', message: `${path}:${el.line}: array element is not an object`, line: el.line };
      continue;
    }
    const fields = new Map<string, RawValue[]>();
    const names = new Map<string, string>();
    let dn: string | undefined;
    for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
      if (key === settings.config.dnAttribute && typeof value === 'string') {
        dn = value;
        continue;
      }
      for (const v of Array.isArray(value) ? value : [value]) {
        if (v === null || v === undefined || v === '') continue;
        addField(fields, names, key, v as RawValue);
      }
    }
    yield { kind: 'record', line: el.line, fields, dn };
  }
}
