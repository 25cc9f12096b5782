// What every format reader produces: records of raw values with their position, or located problems.
import type { LdifRecord } from './ldif-reader.ts';
import type { RawValue } from './value-codec.ts';

/** One record of the source before typing: attribute name → raw values. */
export interface RawRecord {
  readonly kind: 'record';
  /** First line of the record in the file. */
  readonly line: number;
  readonly fields: Map<string, RawValue[]>;
  /** DN written in the record itself (LDIF `dn:`, a CSV/JSON DN column). */
  readonly dn?: string;
  /** An LDIF change record other than add (modify, delete, moddn). */
  readonly change?: Exclude<LdifRecord, { kind: 'content' | 'add' }>;
  /** True for LDIF change records, including `changetype: add`. */
  readonly changeRecord?: boolean;
}

/** A record that could not be read at all. */
export interface RawProblem {
  readonly kind: 'problem';
  readonly code: string;
  readonly message: string;
  readonly line: number;
  readonly dn?: string;
}

export type RawItem = RawRecord | RawProblem;

/** Adds a value under a case-insensitive attribute name, keeping the first spelling seen. */
export function addField(fields: Map<string, RawValue[]>, names: Map<string, string>, name: string, value: RawValue): void {
  const key = name.toLowerCase();
  let canonical = names.get(key);
  if (canonical === undefined) {
    canonical = name;
    names.set(key, name);
    fields.set(name, []);
  }
  fields.get(canonical)!.push(value);
}
