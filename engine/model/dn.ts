// Distinguished names as values (RFC 4514 syntax, RFC 4517/4518 comparison): two spellings of one DN
// (`\,` or `\2C`, `DUPRÉ` or `Dupré`, spaces around separators) are the same DN everywhere the engine
// matches DNs: connector space lookups, references, placeholders, renames and export confirmation.

/** One attribute=value pair of an RDN; `value` is decoded (escapes resolved), `hex` set for `#`-encoded values. */
export interface AvaPart {
  readonly type: string;
  readonly value: string;
  readonly hex?: string;
}

/** A relative distinguished name: one or more attribute=value pairs joined by `+`. */
export type Rdn = readonly AvaPart[];

/** A DN that cannot be parsed; `position` is the 0-based index in the text. */
export class DnSyntaxError extends Error {
  override readonly name = 'DnSyntaxError';
  constructor(readonly text: string, readonly position: number, reason: string) {
    super(`Invalid DN "${text}" at position ${position + 1}: ${reason}`);
  }
}

const HEX = /^[0-9a-fA-F]{2}$/;
const ASCII = /^[\x00-\x7f]*$/;
const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const UTF8 = new TextEncoder();
const UTF8_DECODE = new TextDecoder('utf-8', { fatal: false });

/** Parses DN text into RDNs (most significant last, as written). The empty string is the root DN. */
export function parseDn(text: string): Rdn[] {
  const rdns: Rdn[] = [];
  if (text.trim() === '') return rdns;
  let i = 0;
  let parts: AvaPart[] = [];
  const n = text.length;
  const skipSpaces = () => {
    while (i < n && text[i] === ' ') i++;
  };
  // A value holding escapes is decoded as UTF-8 bytes: `\\C3\\A9` is one character.
  const escapedValue = (): string => {
    const bytes: number[] = [];
    let trailingSpaces = 0; // unescaped spaces at the end are insignificant
    while (i < n && text[i] !== ',' && text[i] !== '+' && text[i] !== ';') {
      const c = text[i];
      if (c === '\\') {
        const pair = text.slice(i + 1, i + 3);
        if (HEX.test(pair)) {
          bytes.push(parseInt(pair, 16));
          i += 3;
        } else if (i + 1 < n) {
          for (const b of UTF8.encode(text[i + 1])) bytes.push(b);
          i += 2;
        } else throw new DnSyntaxError(text, i, 'a "\\" ends the DN');
        trailingSpaces = 0;
        continue;
      }
      if (c === '"') throw new DnSyntaxError(text, i, 'an unescaped quote');
      const cp = text.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      for (const b of UTF8.encode(ch)) bytes.push(b);
      trailingSpaces = ch === ' ' ? trailingSpaces + 1 : 0;
      i += ch.length;
    }
    return UTF8_DECODE.decode(new Uint8Array(bytes.slice(0, bytes.length - trailingSpaces)));
  };
  for (;;) {
    skipSpaces();
    const typeStart = i;
    while (i < n && text[i] !== '=' && text[i] !== ',' && text[i] !== '+') i++;
    const type = text.slice(typeStart, i).trim();
    if (i >= n || text[i] !== '=') throw new DnSyntaxError(text, i, 'expected "=" after the attribute type');
    if (!/^([A-Za-z][A-Za-z0-9-]*|[0-9]+(\.[0-9]+)*)$/.test(type)) throw new DnSyntaxError(text, typeStart, `"${type}" is not an attribute type`);
    i++; // '='
    skipSpaces();
    let value: string;
    let hex: string | undefined;
    if (text[i] === '#') {
      const start = ++i;
      while (i < n && /[0-9a-fA-F]/.test(text[i])) i++;
      hex = text.slice(start, i).toLowerCase();
      if (hex.length === 0 || hex.length % 2 !== 0) throw new DnSyntaxError(text, start, 'a "#" value needs an even number of hex digits');
      value = `#${hex}`;
      skipSpaces();
    } else {
      const start = i;
      while (i < n && text[i] !== ',' && text[i] !== '+' && text[i] !== ';' && text[i] !== '\\' && text[i] !== '"') i++;
      if (i < n && text[i] === '"') throw new DnSyntaxError(text, i, 'an unescaped quote');
      if (i < n && text[i] === '\\') {
        i = start;
        value = escapedValue();
      } else {
        // Without escapes the value is the text itself, less its trailing spaces (lone surrogates as U+FFFD, as UTF-8 would give).
        let end = i;
        while (end > start && text[end - 1] === ' ') end--;
        const plain = text.slice(start, end);
        value = SURROGATE.test(plain) ? plain.replace(LONE_SURROGATE, '\uFFFD') : plain;
      }
    }
    parts.push(hex !== undefined ? { type, value, hex } : { type, value });
    if (i >= n) {
      rdns.push(parts);
      return rdns;
    }
    const sep = text[i++];
    if (sep === '+') continue;
    rdns.push(parts);
    parts = [];
    if (i >= n) throw new DnSyntaxError(text, i - 1, 'the DN ends with a separator');
  }
}

/** Escapes a decoded value for DN text (RFC 4514 §2.4). */
export function escapeDnValue(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\0') out += '\\00';
    else if (',+"\\<>;'.includes(c)) out += '\\' + c;
    else if ((i === 0 && (c === ' ' || c === '#')) || (i === value.length - 1 && c === ' ')) out += '\\' + c;
    else out += c;
  }
  return out;
}

/** Formats RDNs back into DN text with canonical escaping. */
export function formatDn(rdns: readonly Rdn[]): string {
  return rdns.map(formatRdn).join(',');
}

/** Formats one RDN (`a=x+b=y`). */
export function formatRdn(rdn: Rdn): string {
  return rdn.map((p) => `${p.type}=${p.hex !== undefined ? `#${p.hex}` : escapeDnValue(p.value)}`).join('+');
}

/** Case-folds and normalizes a value for caseIgnoreMatch (Unicode NFC, full case folding, insignificant spaces). */
export function foldValue(value: string): string {
  // ASCII needs neither normalization nor full folding: the common case, kept cheap.
  if (ASCII.test(value)) return value.toLowerCase().replace(/\s+/g, ' ').trim();
  // toUpperCase().toLowerCase() applies the full folding of characters like ß (→ ss) that toLowerCase alone keeps.
  return value.normalize('NFC').toUpperCase().toLowerCase().normalize('NFC').replace(/\s+/g, ' ').trim();
}

function keyOfRdn(rdn: Rdn): string {
  const parts = rdn.map((p) => `${p.type.toLowerCase()}=${p.hex !== undefined ? `#${p.hex}` : escapeDnValue(foldValue(p.value))}`);
  return parts.length > 1 ? parts.sort().join('+') : parts[0];
}

const PLAIN = /^[A-Za-z0-9 ,=._@-]*$/;

/**
 * The comparison key of a DN: equal keys mean the same DN. Unparseable text falls back to its trimmed,
 * lower-cased form, so a malformed value still compares with itself.
 */
export function dnKey(text: string): string {
  let key = keyCache.get(text);
  if (key === undefined) {
    key = computeDnKey(text);
    // The same DNs are keyed again and again within a step: a bounded memo keeps that cheap.
    if (keyCache.size >= KEY_CACHE_SIZE) keyCache.clear();
    keyCache.set(text, key);
  }
  return key;
}

const KEY_CACHE_SIZE = 20_000;
const keyCache = new Map<string, string>();

function computeDnKey(text: string): string {
  if (PLAIN.test(text)) {
    // Most DNs are plain ASCII without escapes: splitting on ',' and '=' is exact for them.
    let ok = true;
    const key = text
      .split(',')
      .map((rdn) => {
        const eq = rdn.indexOf('=');
        if (eq <= 0) ok = false;
        return `${rdn.slice(0, eq).trim()}=${rdn.slice(eq + 1).replace(/\s+/g, ' ').trim()}`.toLowerCase();
      })
      .join(',');
    if (ok || text.trim() === '') return text.trim() === '' ? '' : key;
  }
  try {
    return parseDn(text).map(keyOfRdn).join(',');
  } catch {
    return text.trim().toLowerCase();
  }
}

/** True when two DN texts name the same entry. */
export function sameDn(a: string, b: string): boolean {
  return a === b || dnKey(a) === dnKey(b);
}

/** True when the text parses as a DN. */
export function isValidDn(text: string): boolean {
  try {
    parseDn(text);
    return true;
  } catch {
    return false;
  }
}

/** Index of the first unescaped RDN separator, or -1. */
function firstSeparator(dn: string): number {
  for (let i = 0; i < dn.length; i++) {
    const c = dn[i];
    if (c === '\\') i++;
    else if (c === ',' || c === ';') return i;
  }
  return -1;
}

/** The first RDN of a DN as written (`cn=Ann` of `cn=Ann,ou=people,dc=x`). */
export function rdnText(dn: string): string {
  const i = firstSeparator(dn);
  return (i < 0 ? dn : dn.slice(0, i)).trim();
}

/** The parent DN as written ('' for a one-RDN DN). */
export function parentDn(dn: string): string {
  const i = firstSeparator(dn);
  return i < 0 ? '' : dn.slice(i + 1).trim();
}

/** True when `dn` equals `container` or lies below it. */
export function isWithinDn(dn: string, container: string): boolean {
  const c = dnKey(container);
  if (c === '') return true;
  const d = dnKey(dn);
  return d === c || d.endsWith(',' + c);
}

/** True when `dn` lies strictly below `container`. */
export function isBelowDn(dn: string, container: string): boolean {
  const c = dnKey(container);
  const d = dnKey(dn);
  return d !== c && (c === '' || d.endsWith(',' + c));
}

/**
 * Moves a DN from below `oldBase` to below `newBase` (a subtree rename), keeping the RDNs under the base as
 * written; returns null when `dn` is not within `oldBase`.
 */
export function rebaseDn(dn: string, oldBase: string, newBase: string): string | null {
  if (!isWithinDn(dn, oldBase)) return null;
  const depth = dnKey(oldBase) === '' ? 0 : parseDnLenient(oldBase);
  const total = parseDnLenient(dn);
  const keep: string[] = [];
  let rest = dn;
  for (let k = 0; k < total - depth; k++) {
    keep.push(rdnText(rest));
    rest = parentDn(rest);
  }
  return [...keep, ...(newBase.trim() ? [newBase.trim()] : [])].join(',');
}

function parseDnLenient(dn: string): number {
  let count = 0;
  let rest = dn.trim();
  while (rest) {
    count++;
    rest = parentDn(rest);
  }
  return count;
}

/** The decoded value of the first RDN's first attribute (`Ann` of `cn=Ann,ou=x`), or null. */
export function rdnValue(dn: string): { type: string; value: string } | null {
  try {
    const rdns = parseDn(dn);
    const first = rdns[0]?.[0];
    return first ? { type: first.type, value: first.value } : null;
  } catch {
    return null;
  }
}

/**
 * True when two DNs name the same entry with the same spelling of the entry's own name: the parent and the
 * escaping may differ (the directory decides them), a change of case in the entry's RDN value may not (the
 * rules asked for that name, so the entry is renamed to it).
 */
export function sameName(a: string, b: string): boolean {
  if (a === b) return true;
  if (!sameDn(a, b)) return false;
  try {
    const x = parseDn(a)[0] ?? [];
    const y = parseDn(b)[0] ?? [];
    const spell = (r: Rdn) => r.map((p) => `${p.type.toLowerCase()}=${p.hex ?? p.value.normalize('NFC')}`).sort().join('+');
    return spell(x) === spell(y);
  } catch {
    return true;
  }
}
