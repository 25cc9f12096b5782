// RFC 2849 LDIF reader: content and change records from a stream of lines, one record at a time.
import type { TextLine } from './text-source.ts';

/** A value as written: text, or bytes when it was base64 encoded (`::`). */
export type LdifValue = string | Uint8Array;

/** An attribute line of a record, with the line it started on. */
export interface LdifAttribute {
  readonly name: string;
  readonly value: LdifValue;
  readonly line: number;
}

export type LdifModOp = 'add' | 'replace' | 'delete';

/** One `add:`/`replace:`/`delete:` block of a modify record. */
export interface LdifModification {
  readonly op: LdifModOp;
  readonly attribute: string;
  readonly values: readonly LdifAttribute[];
}

interface RecordBase {
  readonly dn: string;
  /** Line of the `dn:` line. */
  readonly line: number;
}

/** A record of an LDIF file; `content` has no changetype, the others are change records. */
export type LdifRecord =
  | (RecordBase & { readonly kind: 'content' | 'add'; readonly attributes: readonly LdifAttribute[] })
  | (RecordBase & { readonly kind: 'delete' })
  | (RecordBase & { readonly kind: 'modify'; readonly modifications: readonly LdifModification[] })
  | (RecordBase & { readonly kind: 'moddn'; readonly newRdn: string; readonly deleteOldRdn: boolean; readonly newSuperior?: string });

/** A record that could not be read; reading goes on with the next record. */
export interface LdifError {
  readonly kind: 'error';
  readonly code: string;
  readonly message: string;
  readonly line: number;
  readonly dn?: string;
}

interface LogicalLine {
  readonly text: string;
  readonly line: number;
}

class RecordError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes strict base64 (length a multiple of 4, only the base64 alphabet), or returns undefined. */
export function decodeBase64(text: string): Uint8Array | undefined {
  const s = text.replace(/\s+/g, '');
  if (s.length % 4 !== 0 || !BASE64.test(s)) return undefined;
  return new Uint8Array(Buffer.from(s, 'base64'));
}

/** Assembles LDIF records from lines pushed one at a time (unfolding, comments, record boundaries). */
export class LdifParser {
  private current: { text: string; line: number } | null = null;
  private inComment = false;
  private record: LogicalLine[] = [];
  private broken: LdifError | null = null;
  private first = true;

  /** Takes the next line; a record completed by it is returned. */
  push(text: string, line: number): LdifRecord | LdifError | null {
    if (text === '') return this.finish();
    if (text[0] === ' ') {
      if (this.inComment) return null;
      if (!this.current) {
        this.broken ??= { kind: 'error', code: 'parse-error', message: `line ${line}: continuation line without a line to continue (bad folding)`, line };
        return null;
      }
      this.current.text += text.slice(1);
      return null;
    }
    if (this.current) this.record.push(this.current);
    this.current = null;
    this.inComment = text[0] === '#';
    if (!this.inComment) this.current = { text, line };
    return null;
  }

  /** Ends the input; returns the last record, if any. */
  end(): LdifRecord | LdifError | null {
    return this.finish();
  }

  private finish(): LdifRecord | LdifError | null {
    if (this.current) this.record.push(this.current);
    this.current = null;
    this.inComment = false;
    const lines = this.record;
    this.record = [];
    const err = this.broken;
    this.broken = null;
    if (err) return err;
    if (!lines.length) return null;
    if (this.first) {
      this.first = false;
      if (/^version:/i.test(lines[0].text)) lines.shift();
      if (!lines.length) return null;
    }
    return parseRecord(lines);
  }
}

/** Reads LDIF records from lines; malformed records come out as `error` items. */
export async function* readLdif(lines: AsyncIterable<TextLine>): AsyncGenerator<LdifRecord | LdifError> {
  const parser = new LdifParser();
  for await (const { text, line } of lines) {
    const out = parser.push(text, line);
    if (out) yield out;
  }
  const last = parser.end();
  if (last) yield last;
}

function parseRecord(lines: LogicalLine[]): LdifRecord | LdifError {
  const head = lines[0];
  let dn: string | undefined;
  try {
    const dnLine = splitLine(head);
    if (dnLine.name.toLowerCase() !== 'dn') {
      return { kind: 'error', code: 'missing-dn', message: `line ${head.line}: record does not start with dn: (found ${dnLine.name}:)`, line: head.line };
    }
    dn = asText(dnLine.value, head.line, 'dn');
    let rest = lines.slice(1);
    let changeType: string | undefined;
    if (rest.length && /^changetype:/i.test(rest[0].text)) {
      changeType = asText(splitLine(rest[0]).value, rest[0].line, 'changetype').trim().toLowerCase();
      rest = rest.slice(1);
    }
    const base = { dn, line: head.line };
    switch (changeType) {
      case undefined:
        return { ...base, kind: 'content', attributes: rest.map(parseAttribute) };
      case 'add':
        return { ...base, kind: 'add', attributes: rest.map(parseAttribute) };
      case 'delete':
        if (rest.length) throw new RecordError('parse-error', 'a delete record has no attribute lines', rest[0].line);
        return { ...base, kind: 'delete' };
      case 'modify':
        return { ...base, kind: 'modify', modifications: parseModifications(rest) };
      case 'moddn':
      case 'modrdn':
        return { ...base, kind: 'moddn', ...parseModDn(rest, head.line) };
      default:
        throw new RecordError('invalid-change-type', `unknown changetype "${changeType}"`, lines[1].line);
    }
  } catch (err) {
    if (!(err instanceof RecordError)) throw err;
    return { kind: 'error', code: err.code, message: `line ${err.line}${dn !== undefined ? ` (${dn})` : ''}: ${err.message}`, line: err.line, dn };
  }
}

function splitLine({ text, line }: LogicalLine): { name: string; value: LdifValue } {
  const colon = text.indexOf(':');
  if (colon <= 0) throw new RecordError('parse-error', `expected "attribute: value", found "${text.slice(0, 40)}"`, line);
  let name = text.slice(0, colon);
  if (!/^[A-Za-z0-9][A-Za-z0-9.;-]*$/.test(name)) throw new RecordError('parse-error', `invalid attribute description "${name}"`, line);
  const semi = name.toLowerCase().indexOf(';binary');
  if (semi > 0) name = name.slice(0, semi) + name.slice(semi + 7);
  const marker = text[colon + 1];
  if (marker === ':') {
    const bytes = decodeBase64(text.slice(colon + 2));
    if (!bytes) throw new RecordError('invalid-base64-value', `attribute ${name}: value is not valid base64`, line);
    return { name, value: bytes };
  }
  if (marker === '<') throw new RecordError('unsupported-value-type', `attribute ${name}: URL values (:<) are not supported`, line);
  return { name, value: text.slice(colon + 1).replace(/^ +/, '') };
}

function asText(value: LdifValue, line: number, what: string): string {
  if (typeof value === 'string') return value;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(value);
  } catch {
    throw new RecordError('parse-error', `${what} is not valid UTF-8`, line);
  }
}

function parseAttribute(l: LogicalLine): LdifAttribute {
  if (l.text === '-') throw new RecordError('parse-error', 'unexpected "-" outside a modify record', l.line);
  const { name, value } = splitLine(l);
  return { name, value, line: l.line };
}

function parseModifications(lines: LogicalLine[]): LdifModification[] {
  const mods: LdifModification[] = [];
  let i = 0;
  while (i < lines.length) {
    const { name, value } = splitLine(lines[i]);
    const op = name.toLowerCase();
    if (op !== 'add' && op !== 'replace' && op !== 'delete') {
      throw new RecordError('invalid-modification-type', `expected add:, replace: or delete:, found "${name}:"`, lines[i].line);
    }
    const attribute = asText(value, lines[i].line, 'attribute name').trim();
    const values: LdifAttribute[] = [];
    i++;
    while (i < lines.length && lines[i].text !== '-') {
      const a = parseAttribute(lines[i]);
      if (a.name.toLowerCase() !== attribute.toLowerCase()) {
        throw new RecordError('parse-error', `value of ${a.name} inside the ${op}: ${attribute} block (missing "-"?)`, a.line);
      }
      values.push(a);
      i++;
    }
    if (i < lines.length) i++;
    mods.push({ op, attribute, values });
  }
  return mods;
}

function parseModDn(lines: LogicalLine[], line: number): { newRdn: string; deleteOldRdn: boolean; newSuperior?: string } {
  const fields = new Map<string, string>();
  for (const l of lines) {
    const { name, value } = splitLine(l);
    fields.set(name.toLowerCase(), asText(value, l.line, name));
  }
  const newRdn = fields.get('newrdn');
  if (!newRdn) throw new RecordError('parse-error', 'moddn record without newrdn:', line);
  const del = fields.get('deleteoldrdn')?.trim() ?? '1';
  if (del !== '0' && del !== '1') throw new RecordError('parse-error', `deleteoldrdn must be 0 or 1, found "${del}"`, line);
  return { newRdn, deleteOldRdn: del === '1', newSuperior: fields.get('newsuperior') };
}
