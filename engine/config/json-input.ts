// Reading JSON that comes in from outside (configuration files, API messages, CLI arguments): integers beyond
// 2^53 (AD FILETIMEs, USNs) arrive as exact bigints instead of rounded numbers, nesting is bounded so a hostile
// document gets a clear error rather than a stack overflow, and errors name the position without echoing text.
import crypto from 'node:crypto';

/** Nesting deeper than this is refused; real documents stay below 20 levels. */
export const MAX_JSON_DEPTH = 128;

/** JSON text that cannot be read; the message names the position (never quotes the text). */
export class JsonInputError extends Error {
  override readonly name = 'JsonInputError';
}

export interface JsonInputOptions {
  readonly maxDepth?: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Line and column (1-based) of a character offset, for error messages. */
function where(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

/** Scans the text once: refuses deep nesting and returns the spans of integer literals a double cannot hold. */
function scan(text: string, maxDepth: number): [number, number][] {
  const spans: [number, number][] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      for (i++; i < text.length && text.charCodeAt(i) !== QUOTE; i++) if (text.charCodeAt(i) === BACKSLASH) i++;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) throw new JsonInputError(`JSON nested deeper than ${maxDepth} levels (at ${where(text, i)})`);
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    } else if (c === 0x2d || isDigit(c)) {
      let j = c === 0x2d ? i + 1 : i;
      while (j < text.length && isDigit(text.charCodeAt(j))) j++;
      const next = text.charCodeAt(j);
      const integer = next !== 0x2e && next !== 0x65 && next !== 0x45;
      if (integer && !Number.isSafeInteger(Number(text.slice(i, j)))) spans.push([i, j]);
      while (j < text.length && /[0-9eE+.-]/.test(text[j])) j++;
      i = j - 1;
    }
  }
  return spans;
}

/** A JSON.parse error in words, without the snippet of input newer V8 versions quote. */
function describe(err: unknown, text: string): string {
  const message = (err as Error).message.replace(/,? ".*" is not valid JSON$/s, '');
  const at = /at position (\d+)/.exec(message);
  return at ? `${message.replace(/ in JSON at position \d+.*$/s, '')} at ${where(text, Number(at[1]))}` : message;
}

/** Parses JSON text; integers outside ±2^53 become bigint, everything else as JSON.parse gives it. */
export function parseJsonInput(text: string, options: JsonInputOptions = {}): unknown {
  const spans = scan(text, options.maxDepth ?? MAX_JSON_DEPTH);
  if (spans.length === 0) {
    try {
      return JSON.parse(text);
    } catch (err) {
      throw new JsonInputError(`not valid JSON: ${describe(err, text)}`);
    }
  }
  // Big integer literals travel through JSON.parse as marked strings; the random tag keeps real strings apart.
  const tag = `\u0000int:${crypto.randomBytes(6).toString('hex')}:`;
  const escapedTag = JSON.stringify(tag).slice(1, -1);
  let rewritten = '';
  let last = 0;
  for (const [start, end] of spans) {
    rewritten += `${text.slice(last, start)}"${escapedTag}${text.slice(start, end)}"`;
    last = end;
  }
  rewritten += text.slice(last);
  try {
    return JSON.parse(rewritten, (_key, value: unknown) => (typeof value === 'string' && value.startsWith(tag) ? BigInt(value.slice(tag.length)) : value));
  } catch {
    // Report the error against the text as given.
    try {
      JSON.parse(text);
    } catch (err) {
      throw new JsonInputError(`not valid JSON: ${describe(err, text)}`);
    }
    throw new JsonInputError('not valid JSON');
  }
}

/** JSON text of a value; bigints are written as exact integer literals. */
export function stringifyJson(value: unknown, space?: number): string {
  const tag = `\u0000int:${crypto.randomBytes(6).toString('hex')}:`;
  let found = false;
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== 'bigint') return v;
    found = true;
    return `${tag}${v}`;
  }, space);
  if (!found) return text;
  const escapedTag = JSON.stringify(tag).slice(1, -1).replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
  return text.replace(new RegExp(`"${escapedTag}(-?\\d+)"`, 'g'), '$1');
}
