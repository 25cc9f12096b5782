// A minimal, independent reading of RFC 4514 DNs for the convergence test. The test compares what the engine
// wrote with what its own model expects, so it must not borrow the engine's DN code: this file is the
// test's own definition of "the same DN" (types case-insensitive, escaping-insensitive, values folded).

/** One `type=value` pair with the value unescaped. */
export interface Ava {
  readonly type: string;
  readonly value: string;
}

/** A relative DN: one or more AVAs joined by `+`. */
export type Rdn = readonly Ava[];

/** How a DN is written: which characters are escaped, and how. */
export interface DnStyle {
  /** `\2C` instead of `\,` for the special characters. */
  readonly hexSpecials?: boolean;
  /** Non-ASCII characters as `\C3\A9` (UTF-8 bytes). */
  readonly hexNonAscii?: boolean;
  /** Attribute types in upper case. */
  readonly upperTypes?: boolean;
}

const SPECIALS = new Set([',', '+', '"', '\\', '<', '>', ';', '=']);
const HEX = /^[0-9a-fA-F]{2}$/;

/** Reads a DN; throws with the position on text that is not an RFC 4514 DN. */
export function parseDn(text: string): Rdn[] {
  if (text.trim() === '') return [];
  const rdns: Ava[][] = [[]];
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`not a DN (${why} at ${i}): ${text}`);
  };
  while (i <= text.length) {
    const eq = text.indexOf('=', i);
    if (eq < 0) fail('no "="');
    const type = text.slice(i, eq).trim();
    if (!/^([A-Za-z][A-Za-z0-9-]*|[0-9]+(\.[0-9]+)*)$/.test(type)) fail(`bad attribute type "${type}"`);
    i = eq + 1;
    const bytes: number[] = [];
    let significant = 0;
    const push = (b: readonly number[], escaped: boolean) => {
      bytes.push(...b);
      if (escaped || !(b.length === 1 && b[0] === 0x20)) significant = bytes.length;
    };
    while (i < text.length && text[i] === ' ') i++;
    if (text[i] === '#') {
      const m = /^#([0-9a-fA-F]{2})+/.exec(text.slice(i));
      if (!m) fail('bad #hex value');
      push(berContent(m![0].slice(1)), true);
      i += m![0].length;
    }
    // Fast path: a value without escapes is the text up to the next separator, trailing spaces dropped.
    const end = nextSeparator(text, i);
    if (bytes.length === 0 && !text.slice(i, end).includes('\\') && !/["<>;]/.test(text.slice(i, end))) {
      rdns[rdns.length - 1].push({ type, value: text.slice(i, end).replace(/ +$/, '') });
      i = end;
      if (i >= text.length) break;
      if (text[i] === ',') rdns.push([]);
      i++;
      continue;
    }
    while (i < text.length && text[i] !== ',' && text[i] !== '+') {
      const ch = text[i];
      if (ch === '\\') {
        const pair = text.slice(i + 1, i + 3);
        if (HEX.test(pair)) {
          push([parseInt(pair, 16)], true);
          i += 3;
        } else if (i + 1 < text.length && (SPECIALS.has(text[i + 1]) || text[i + 1] === ' ' || text[i + 1] === '#')) {
          push([text.charCodeAt(i + 1)], true);
          i += 2;
        } else {
          fail('bad escape');
        }
        continue;
      }
      if (ch === '"' || ch === ';' || ch === '<' || ch === '>') fail(`unescaped ${ch}`);
      const cp = text.codePointAt(i)!;
      const s = String.fromCodePoint(cp);
      push([...Buffer.from(s, 'utf8')], false);
      i += s.length;
    }
    let value: string;
    try {
      value = UTF8.decode(Uint8Array.from(bytes.slice(0, significant)));
    } catch {
      fail('value is not UTF-8');
    }
    rdns[rdns.length - 1].push({ type, value: value! });
    if (i >= text.length) break;
    if (text[i] === ',') rdns.push([]);
    i++;
  }
  return rdns;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Where the value starting at `from` ends: the next `,` or `+` (the text's length at the end; -1 never). */
function nextSeparator(text: string, from: number): number {
  for (let j = from; j < text.length; j++) if (text[j] === ',' || text[j] === '+') return j;
  return text.length;
}

/** The content of a BER-encoded string value (`#04...`), as bytes. */
function berContent(hex: string): number[] {
  const b = [...Buffer.from(hex, 'hex')];
  if (b.length >= 2 && b[1] < 0x80 && b[1] === b.length - 2) return b.slice(2);
  return b;
}

/** Escapes one value for a DN in the given style. */
export function escapeValue(value: string, style: DnStyle = {}): string {
  let out = '';
  const chars = [...value];
  chars.forEach((ch, k) => {
    const special = SPECIALS.has(ch) || (k === 0 && (ch === '#' || ch === ' ')) || (k === chars.length - 1 && ch === ' ');
    if (special) out += style.hexSpecials ? `\\${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}` : `\\${ch}`;
    else if (style.hexNonAscii && ch.codePointAt(0)! > 0x7e) out += [...Buffer.from(ch, 'utf8')].map((x) => `\\${x.toString(16).toUpperCase()}`).join('');
    else out += ch;
  });
  return out;
}

/** Writes RDNs back as a DN string. */
export function formatDn(rdns: readonly Rdn[], style: DnStyle = {}): string {
  return rdns.map((rdn) => rdn.map((a) => `${style.upperTypes ? a.type.toUpperCase() : a.type}=${escapeValue(a.value, style)}`).join('+')).join(',');
}

/** A DN from `type=value` pairs, outermost last: `dn(['cn', 'Ann'], ['ou', 'IT'])`. */
export function dn(...pairs: readonly (readonly [string, string])[]): string {
  return formatDn(pairs.map(([type, value]) => [{ type, value }]));
}

/**
 * A value as the usual naming attributes compare it (RFC 4518 in short): compatibility-normalised, case
 * folded with the full Unicode folding (ß = ss), leading and trailing spaces dropped, inner runs of spaces as one.
 */
export function foldValue(value: string): string {
  return value.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC').trim().replace(/ {2,}/g, ' ');
}

function canonicalRdn(rdn: Rdn): string {
  return rdn.map((a) => `${a.type.toLowerCase()}=${escapeValue(foldValue(a.value), { hexSpecials: true })}`).sort().join('+');
}

const keys = new Map<string, string>();

/** A comparison key: two DNs are the same DN when their keys are equal. Keys keep values escaped, so the
 * first comma of a key always ends its first RDN. */
export function canonicalDn(text: string): string {
  let key = keys.get(text);
  if (key === undefined) {
    key = parseDn(text).map(canonicalRdn).join(',');
    // The same DNs come back every cycle; the cache is bounded so a long benchmark does not grow without end.
    if (keys.size > 500_000) keys.clear();
    keys.set(text, key);
  }
  return key;
}

/** Like `canonicalDn`, but undefined for text that is not a DN. */
export function tryCanonicalDn(text: string): string | undefined {
  try {
    return canonicalDn(text);
  } catch {
    return undefined;
  }
}

const rdns = new Map<string, string>();

/** The entry's own name exactly as given (types lower-cased, values unescaped, case kept). */
export function exactRdn(text: string): string {
  let rdn = rdns.get(text);
  if (rdn === undefined) {
    const [first] = parseDn(text);
    rdn = (first ?? []).map((a) => `${a.type.toLowerCase()}=${a.value.normalize('NFC')}`).sort().join('+');
    if (rdns.size > 500_000) rdns.clear();
    rdns.set(text, rdn);
  }
  return rdn;
}

/** True when `text` is `base` or below it. */
export function isWithin(text: string, base: string): boolean {
  const a = canonicalDn(text);
  const b = canonicalDn(base);
  return a === b || a.endsWith(`,${b}`);
}

/** Replaces the `base` suffix of `text` by `newBase` (both DNs; `text` must be within `base`). */
export function rebase(text: string, base: string, newBase: string): string {
  const rdns = parseDn(text);
  const keep = rdns.length - parseDn(base).length;
  return formatDn([...rdns.slice(0, keep), ...parseDn(newBase)]);
}
