// The stored form of attribute maps (holograms, pending images and changes, unconfirmed values, metaverse attributes,
// run snapshots): a flat JSON array of [code, values, code, values, …]. The code is the attribute name's id in the
// store's name dictionary, or, when all its values are of one typed kind, minus (id × 8 + the kind), so names and
// value tags are not repeated in every row; one value is written without its list; a text value repeated within the object is written as the number of
// its first occurrence; the DNs of a list of references (group members) are written once with the prefix and suffix
// they all share; a value many objects share is written as its negative id in the dictionary (common-values.ts).
// The array is written packed (packed-array.ts) on SQLite and as JSON text on PostgreSQL; either reads back.
import type { StoredAttributes, StoredValue } from '../model/stored-values.ts';
import type { StoreNames } from './store-names.ts';
import { CommonValues } from './common-values.ts';
import { isPacked, packArray, unpackArray } from './packed-array.ts';

/** An encoded attribute map as a column holds it: packed bytes (SQLite) or JSON text (PostgreSQL, older stores). */
export type EncodedMap = string | Uint8Array;

/** How a store writes encoded maps. */
export type CodecForm = 'packed' | 'json';

/** What the values of one attribute are, when all of them are alike. */
const enum Kind {
  /** Text, booleans, or a mix of value types (typed values written as themselves). */
  Plain = 0,
  /** References without a metaverse id: the DNs. */
  Ref = 1,
  /** References with a metaverse id: DN, id, DN, id, … */
  MvRef = 2,
  Bin = 3,
  Int = 4,
  Date = 5,
  /** References without a metaverse id sharing a prefix and a suffix: prefix, suffix, the middles. */
  RefAffixed = 6,
  /** References with a metaverse id sharing a prefix and a suffix: prefix, suffix, middle, id, middle, id, … */
  MvRefAffixed = 7,
}

const KINDS = 8;

/** The code of an attribute: its name id for plain values, else minus (id × 8 + kind). */
function codeOf(id: number, kind: Kind): number {
  return kind === Kind.Plain ? id : -(id * KINDS + kind);
}

/** The name id and kind of a code. */
function parseCode(code: number): [id: number, kind: Kind] {
  if (code >= 0) return [code, Kind.Plain];
  const kind = -code % KINDS;
  return [(-code - kind) / KINDS, kind];
}

/** Repeated text shorter than this is cheaper written again than referred to. */
const MIN_SHARED_LENGTH = 6;

type Tagged = Extract<StoredValue, object>;

function only(v: Tagged, key: string): boolean {
  let n = 0;
  for (const k in v) {
    if (k !== key) return false;
    n++;
  }
  return n === 1;
}

function isMvRef(v: Tagged): boolean {
  let n = 0;
  for (const k in v) {
    if (k !== 'ref' && k !== 'mv') return false;
    n++;
  }
  const r = v as { ref?: unknown; mv?: unknown };
  return n === 2 && typeof r.ref === 'string' && typeof r.mv === 'number';
}

/** The kind all values share (Plain when they differ or are text). */
function kindOf(values: readonly StoredValue[]): Kind {
  if (!values.length || typeof values[0] !== 'object' || values[0] === null) return Kind.Plain;
  const first = values[0];
  const kind = 'ref' in first ? (only(first, 'ref') ? Kind.Ref : isMvRef(first) ? Kind.MvRef : Kind.Plain)
    : 'bin' in first && only(first, 'bin') ? Kind.Bin
    : 'int' in first && only(first, 'int') ? Kind.Int
    : 'date' in first && only(first, 'date') ? Kind.Date
    : Kind.Plain;
  if (kind === Kind.Plain) return kind;
  for (let i = 1; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'object' || v === null) return Kind.Plain;
    const same = kind === Kind.Ref ? 'ref' in v && only(v, 'ref')
      : kind === Kind.MvRef ? 'ref' in v && isMvRef(v)
      : kind === Kind.Bin ? 'bin' in v && only(v, 'bin')
      : kind === Kind.Int ? 'int' in v && only(v, 'int')
      : 'date' in v && only(v, 'date');
    if (!same) return Kind.Plain;
  }
  return kind;
}

function textOf(kind: Kind, v: Tagged): string {
  switch (kind) {
    case Kind.Ref: return (v as { ref: string }).ref;
    case Kind.Bin: return (v as { bin: string }).bin;
    case Kind.Int: return (v as { int: string }).int;
    default: return (v as { date: string }).date;
  }
}

function tagged(kind: Kind, text: unknown): StoredValue {
  if (typeof text !== 'string') throw new Error(`Stored attribute value is damaged: ${JSON.stringify(text)}`);
  switch (kind) {
    case Kind.Ref: return { ref: text };
    case Kind.Bin: return { bin: text };
    case Kind.Int: return { int: text };
    default: return { date: text };
  }
}

/** Encodes and decodes attribute maps against one store's name dictionary. */
export class AttributeCodec {
  private readonly common: CommonValues;

  constructor(
    private readonly names: StoreNames,
    readonly form: CodecForm = 'packed',
  ) {
    this.common = new CommonValues(names);
  }

  /** The stored form of an attribute map. */
  encode(attrs: StoredAttributes): EncodedMap {
    const out: unknown[] = [];
    const shared = new Map<string, number>();
    for (const name in attrs) {
      const values = attrs[name];
      if (!Array.isArray(values)) throw new Error(`Attribute ${name} has no value list (${JSON.stringify(values)})`);
      const kind = kindOf(values);
      const id = this.names.id(name);
      if (kind === Kind.Plain) {
        out.push(id);
        const plain = values.map((v) => this.plainValue(name, v, shared));
        out.push(plain.length === 1 ? plain[0] : plain);
      } else if (kind === Kind.Ref || kind === Kind.MvRef) {
        const refs = values as { ref: string; mv?: number }[];
        const [prefix, suffix] = refs.length > 1 ? sharedAffixes(refs.map((v) => v.ref)) : ['', ''];
        const affixed = (prefix.length + suffix.length) * (refs.length - 1) > 8;
        const flat: unknown[] = affixed ? [prefix, suffix] : [];
        for (const v of refs) {
          flat.push(affixed ? v.ref.slice(prefix.length, v.ref.length - suffix.length) : v.ref);
          if (kind === Kind.MvRef) flat.push(v.mv);
        }
        out.push(codeOf(id, affixed ? kind + (Kind.RefAffixed - Kind.Ref) : kind));
        out.push(kind === Kind.Ref && !affixed && flat.length === 1 ? flat[0] : flat);
      } else {
        out.push(codeOf(id, kind));
        out.push(values.length === 1 ? textOf(kind, values[0] as Tagged) : values.map((v) => textOf(kind, v as Tagged)));
      }
    }
    return this.form === 'packed' ? packArray(out) : JSON.stringify(out);
  }

  /** The attribute map of a stored form. */
  decode(encoded: EncodedMap): StoredAttributes {
    const items = itemsOf(encoded);
    if (items.length % 2 !== 0) throw new Error(`Stored attributes are damaged: ${items.length} items, not code and value pairs`);
    const attrs: StoredAttributes = {};
    const shared: string[] = [];
    for (let i = 0; i < items.length; i += 2) {
      const [id, kind] = parseCode(items[i] as number);
      const raw = items[i + 1];
      let values: StoredValue[];
      if (kind === Kind.Plain) {
        values = Array.isArray(raw) ? raw.map((v) => this.decodePlain(v, shared)) : [this.decodePlain(raw, shared)];
      } else if (kind === Kind.MvRef) {
        const flat = raw as unknown[];
        values = [];
        for (let j = 0; j < flat.length; j += 2) values.push({ ref: flat[j] as string, mv: flat[j + 1] as number });
      } else if (kind === Kind.RefAffixed || kind === Kind.MvRefAffixed) {
        const flat = raw as unknown[];
        const [prefix, suffix] = flat as [string, string];
        values = [];
        if (kind === Kind.RefAffixed) for (let j = 2; j < flat.length; j++) values.push({ ref: `${prefix}${flat[j] as string}${suffix}` });
        else for (let j = 2; j < flat.length; j += 2) values.push({ ref: `${prefix}${flat[j] as string}${suffix}`, mv: flat[j + 1] as number });
      } else {
        values = Array.isArray(raw) ? raw.map((t) => tagged(kind, t)) : [tagged(kind, raw)];
      }
      const name = this.names.name(id);
      if (name === '__proto__') Object.defineProperty(attrs, name, { value: values, enumerable: true, writable: true, configurable: true });
      else attrs[name] = values;
    }
    return attrs;
  }

  /** The DNs of the reference values in a stored text, read without building the attribute map. */
  referenceDns(encoded: EncodedMap | null): string[] {
    if (!encoded) return [];
    const items = itemsOf(encoded);
    const out: string[] = [];
    for (let i = 0; i < items.length; i += 2) {
      const kind = parseCode(items[i] as number)[1];
      const raw = items[i + 1];
      if (kind === Kind.Ref) {
        if (Array.isArray(raw)) out.push(...(raw as string[]));
        else out.push(raw as string);
      } else if (kind === Kind.MvRef) {
        const flat = raw as unknown[];
        for (let j = 0; j < flat.length; j += 2) out.push(flat[j] as string);
      } else if (kind === Kind.RefAffixed || kind === Kind.MvRefAffixed) {
        const flat = raw as unknown[];
        const [prefix, suffix] = flat as [string, string];
        for (let j = 2; j < flat.length; j += kind === Kind.RefAffixed ? 1 : 2) out.push(`${prefix}${flat[j] as string}${suffix}`);
      } else if (kind === Kind.Plain) {
        for (const v of Array.isArray(raw) ? raw : [raw]) if (typeof v === 'object' && v !== null && typeof (v as { ref?: unknown }).ref === 'string') out.push((v as { ref: string }).ref);
      }
    }
    return out;
  }

  /** A text, boolean or typed value as written: a common text as its negative dictionary id, a repeated one as the
   * number of its first occurrence. */
  private plainValue(name: string, v: StoredValue, shared: Map<string, number>): unknown {
    if (typeof v === 'string') {
      const common = this.common.idOf(name, v);
      if (common !== undefined) return -common;
      if (v.length < MIN_SHARED_LENGTH) return v;
      const earlier = shared.get(v);
      if (earlier !== undefined) return earlier;
      shared.set(v, shared.size);
      return v;
    }
    if (typeof v === 'boolean' || (typeof v === 'object' && v !== null && !Array.isArray(v))) return v;
    throw new Error(`Attribute ${name} has a value that cannot be stored: ${JSON.stringify(v)}`);
  }

  private decodePlain(v: unknown, shared: string[]): StoredValue {
    if (typeof v === 'number') {
      if (v < 0) return this.names.name(-v);
      const text = shared[v];
      if (text === undefined) throw new Error(`Stored attributes are damaged: no earlier value ${v}`);
      return text;
    }
    if (typeof v === 'string' && v.length >= MIN_SHARED_LENGTH) shared.push(v);
    return v as StoredValue;
  }

  /** Encodes a map that may be empty: NULL for an empty map keeps rows small. */
  encodeOrNull(attrs: StoredAttributes | null | undefined): EncodedMap | null {
    if (!attrs) return null;
    for (const _ in attrs) return this.encode(attrs);
    return null;
  }

  /** Decodes a column that may be NULL (an empty map). */
  decodeOrEmpty(encoded: EncodedMap | null | undefined): StoredAttributes {
    return encoded ? this.decode(encoded) : {};
  }
}

/** The items of either stored form. */
function itemsOf(encoded: EncodedMap): unknown[] {
  const items = typeof encoded === 'string' ? (JSON.parse(encoded) as unknown) : unpackArray(encoded);
  if (!Array.isArray(items)) throw new Error('Stored attributes are damaged: not a list');
  return items;
}

/** An encoded map in the given form (the codes stay those of the same dictionary). */
export function encodedAs(encoded: EncodedMap, form: CodecForm): EncodedMap {
  const packed = typeof encoded !== 'string' && isPacked(encoded);
  if (form === 'packed') return packed ? encoded : packArray(itemsOf(encoded));
  return typeof encoded === 'string' ? encoded : JSON.stringify(itemsOf(encoded));
}

/** True when two stored maps (or NULLs) are the same bytes. */
export function sameEncoded(a: EncodedMap | null | undefined, b: EncodedMap | null | undefined): boolean {
  if (a == null || b == null) return a == b;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

/** The longest prefix and then the longest suffix all texts share, not overlapping in the shortest one. */
function sharedAffixes(texts: readonly string[]): [string, string] {
  let shortest = texts[0].length;
  for (const t of texts) if (t.length < shortest) shortest = t.length;
  const first = texts[0];
  let p = 0;
  while (p < shortest && texts.every((t) => t.charCodeAt(p) === first.charCodeAt(p))) p++;
  let q = 0;
  while (q < shortest - p && texts.every((t) => t.charCodeAt(t.length - 1 - q) === first.charCodeAt(first.length - 1 - q))) q++;
  return [first.slice(0, p), first.slice(first.length - q)];
}

