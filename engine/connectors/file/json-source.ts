// Streams a JSON file holding one array of objects: each element is cut out and parsed on its own.
import type { FileSettings } from './config.ts';
import { parseJson } from './lossless-json.ts';
import { addField, type RawItem } from './raw-record.ts';
import { readTextChunks, type InvalidLines } from './text-source.ts';
import type { RawValue } from './value-codec.ts';

/** A top-level array element as text, with the line it starts on. */
interface ElementText {
  readonly text: string;
  readonly line: number;
  readonly endLine: number;
}

type Piece = ElementText | { error: string; line: number };

/** Cuts the elements of a top-level JSON array out of text pushed chunk by chunk, without parsing them. */
export class JsonArraySplitter {
  private line = 1;
  private started = false;
  private ended = false;
  private stopped = false;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private pieces: string[] = [];
  private startLine = 0;
  private endsWithNewline = false;

  constructor(private readonly path: string) {}

  /** Takes the next chunk; returns the elements (and structural errors) completed in it. */
  push(text: string): Piece[] {
    const out: Piece[] = [];
    if (this.stopped) return out;
    if (text.length) this.endsWithNewline = text.endsWith('\n');
    let from = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.line++;
      if (this.depth > 0) {
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (c === 92) this.escaped = true;
          else if (c === 34) this.inString = false;
        } else if (c === 34) this.inString = true;
        else if (c === 123 || c === 91) this.depth++;
        else if (c === 125 || c === 93) {
          this.depth--;
          if (this.depth === 0) {
            this.pieces.push(text.slice(from < 0 ? 0 : from, i + 1));
            out.push({ text: this.pieces.join(''), line: this.startLine, endLine: this.line });
            this.pieces = [];
            from = -1;
          }
        }
        continue;
      }
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) continue;
      if (!this.started) {
        if (c !== 91) return this.stop(out, `${this.path}:${this.line}: expected a JSON array of objects`);
        this.started = true;
        continue;
      }
      if (this.ended) return this.stop(out, `${this.path}:${this.line}: unexpected text after the end of the array`);
      if (c === 44) continue;
      if (c === 93) {
        this.ended = true;
        continue;
      }
      // A new element: objects and arrays are cut by bracket depth, scalars are reported as not-objects.
      this.startLine = this.line;
      if (c === 123 || c === 91) {
        this.depth = 1;
        from = i;
        this.inString = false;
      } else {
        out.push({ error: `${this.path}:${this.line}: array element is not an object`, line: this.line });
        let j = i;
        while (j < text.length && text[j] !== ',' && text[j] !== ']') j++;
        i = j - 1;
      }
    }
    if (this.depth > 0) this.pieces.push(text.slice(from < 0 ? 0 : from));
    return out;
  }

  /** Ends the input; reports an array or object that was never closed. */
  end(): Piece[] {
    if (this.stopped) return [];
    if (!this.started) return [{ error: `${this.path}: the file is empty; expected a JSON array`, line: this.line }];
    if (this.depth > 0) {
      const last = this.line - (this.endsWithNewline ? 1 : 0);
      const lost = last > this.startLine ? `; lines ${this.startLine}–${last} (${last - this.startLine + 1} lines, to the end of the file) were not read` : '';
      return [{ error: `${this.path}:${this.startLine}: object starting here is never closed${lost}`, line: this.startLine }];
    }
    if (!this.ended) return [{ error: `${this.path}:${this.line}: the array is never closed`, line: this.line }];
    return [];
  }

  private stop(out: Piece[], error: string): Piece[] {
    this.stopped = true;
    out.push({ error, line: this.line });
    return out;
  }
}

/** Reads the JSON file at `path` as raw records, one array per chunk of the file. */
export async function* readJson(path: string, settings: FileSettings, signal?: AbortSignal): AsyncGenerator<RawItem[]> {
  const invalid: InvalidLines = new Set();
  const splitter = new JsonArraySplitter(path);
  const toItem = (el: Piece): RawItem => {
    if ('error' in el) return { kind: 'problem', code: 'parse-error', message: el.error, line: el.line };
    if (invalid.size && [...invalid].some((l) => l >= el.line && l <= el.endLine)) {
      return { kind: 'problem', code: 'parse-error', message: `${path}:${el.line}: the object is not valid UTF-8`, line: el.line };
    }
    let parsed: unknown;
    try {
      parsed = parseJson(el.text);
    } catch (err) {
      return { kind: 'problem', code: 'parse-error', message: `${path}:${el.line}: ${(err as Error).message}`, line: el.line };
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      return { kind: 'problem', code: 'parse-error', message: `${path}:${el.line}: array element is not an object`, line: el.line };
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
    return { kind: 'record', line: el.line, fields, dn };
  };
  for await (const chunk of readTextChunks(path, invalid, signal)) {
    const items = splitter.push(chunk.text).map(toItem);
    if (items.length) yield items;
  }
  const rest = splitter.end().map(toItem);
  if (rest.length) yield rest;
}
