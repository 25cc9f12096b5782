// Turns ldapts search entries into imported objects: object type from objectClass, anchor, typed values.
import type { Entry } from 'ldapts';
import type { AttributeType, Attributes, ImportedObject, ImportProblem } from '../contract.ts';
import type { LdapObjectType } from './config.ts';
import { guidToString } from './guid.ts';
import type { DirectorySchema } from './schema.ts';
import { fromWire } from './values.ts';

interface Converter {
  /** Name the attribute is stored under (the server's spelling, without options). */
  readonly name: string;
  readonly type: AttributeType;
  readonly keep: boolean;
  readonly isAnchor: boolean;
  readonly isObjectClass: boolean;
}

export interface MapperOptions {
  readonly schema: DirectorySchema;
  readonly objectTypes: readonly LdapObjectType[];
  readonly anchorAttribute: string;
  readonly keepAnchor: boolean;
  readonly inclusion: ReadonlySet<string> | undefined;
}

export type MapResult = { readonly object: ImportedObject } | { readonly problem: ImportProblem };

/** Anchor text of a raw anchor value: AD GUIDs in their usual text form, other binaries as hex. */
export function anchorText(raw: string | Buffer | string[] | Buffer[] | undefined): string | undefined {
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v;
  return v.length === 16 ? guidToString(v) : v.toString('hex');
}

/** Maps entries of one import plan; converters per attribute spelling are built once and reused. */
export class EntryMapper {
  private readonly converters = new Map<string, Converter>();
  private readonly anchorKey: string;
  private readonly typeClasses: { type: LdapObjectType; classes: string[] }[];

  constructor(private readonly o: MapperOptions) {
    this.anchorKey = o.anchorAttribute.toLowerCase();
    this.typeClasses = o.objectTypes.map((type) => ({ type, classes: type.objectClasses.map((c) => c.toLowerCase()) }));
  }

  /** The configured object type of an entry, from its objectClass values. */
  objectTypeOf(objectClasses: readonly string[]): LdapObjectType | undefined {
    if (this.typeClasses.length === 1 && this.typeClasses[0].classes.length === 1) {
      // The common case of one type with one class needs no set.
      const want = this.typeClasses[0].classes[0];
      return objectClasses.some((c) => c.length === want.length && c.toLowerCase() === want) ? this.typeClasses[0].type : undefined;
    }
    const have = new Set(objectClasses.map((c) => c.toLowerCase()));
    return this.typeClasses.find((t) => t.classes.every((c) => have.has(c)))?.type;
  }

  private converter(key: string): Converter {
    let c = this.converters.get(key);
    if (!c) {
      const base = key.split(';')[0];
      const lower = base.toLowerCase();
      const info = this.o.schema.attributes.get(lower);
      const keep =
        key !== '*' &&
        (lower !== this.anchorKey || this.o.keepAnchor) &&
        (this.o.inclusion === undefined || this.o.inclusion.has(lower) || lower === 'objectclass');
      c = { name: base, type: info?.type ?? 'string', keep, isAnchor: lower === this.anchorKey, isObjectClass: lower === 'objectclass' };
      this.converters.set(key, c);
    }
    return c;
  }

  /** Maps one entry; `known` is its type when the search that found it decided it, else its classes do. */
  map(entry: Entry, known?: LdapObjectType): MapResult {
    const dn = entry.dn;
    let anchor: string | undefined;
    let classes: string[] = [];
    const attributes: Attributes = {};
    for (const key in entry) {
      if (key === 'dn') continue;
      const raw = entry[key];
      if (Array.isArray(raw) && raw.length === 0) continue; // requested but absent
      const c = this.converter(key);
      if (c.isAnchor) anchor = anchorText(raw);
      if (c.isObjectClass) classes = (Array.isArray(raw) ? raw : [raw]).map(String);
      if (c.keep) attributes[c.name] = fromWire(raw, c.type);
    }
    const type = known ?? this.objectTypeOf(classes);
    if (!type) return { problem: { code: 'missing-object-type', message: `no object type for objectClass ${classes.join(', ')}`, location: dn, dn } };
    if (!anchor) {
      return { problem: { code: 'missing-anchor-component', message: `entry has no ${this.o.anchorAttribute}`, location: dn, dn } };
    }
    return { object: { anchor, dn, objectType: type.name, attributes } };
  }
}
