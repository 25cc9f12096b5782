// Turns raw records into imported objects: types values, finds the anchor, object type and DN.
import type { ImportedObject, ImportProblem } from '../contract.ts';
import type { AttributeValue, Attributes } from '../../model/values.ts';
import { DN_ANCHOR, type FileSettings } from './config.ts';
import { escapeDnValue, fillDnTemplate } from './dn.ts';
import type { RawProblem, RawRecord } from './raw-record.ts';
import { toAttributeValue, valueToText, type RawValue } from './value-codec.ts';

/** Maximum anchor length (spec §15). */
export const MAX_ANCHOR_LENGTH = 398;

/** A record-level failure before it is located in the file. */
export interface Failure {
  readonly code: string;
  readonly message: string;
}

/** A mapped record: an object to yield, or a problem to report. */
export type Mapped = { readonly object: ImportedObject; readonly line: number } | { readonly problem: ImportProblem };

/** Builds the problem for a record-level failure. */
export function problemAt(path: string, line: number, code: string, message: string, who?: { anchor?: string; dn?: string }): ImportProblem {
  const object = who?.anchor !== undefined ? ` (anchor ${who.anchor})` : who?.dn !== undefined ? ` (${who.dn})` : '';
  return { code, message: `${path}:${line}${object}: ${message}`, location: `${path}:${line}`, anchor: who?.anchor, dn: who?.dn };
}

/** Converts a reader problem into an import problem; the reader's message already starts with its location. */
export function fromRawProblem(path: string, p: RawProblem): ImportProblem {
  return { code: p.code, message: p.message, location: `${path}:${p.line}`, dn: p.dn };
}

/** Maps one full record (CSV row, JSON object, LDIF content or add record) to an object. */
export function mapRecord(record: RawRecord, settings: FileSettings, path: string): Mapped {
  const fromLdif = settings.config.format === 'ldif';
  // The anchor first, so that every later problem can name the object.
  const anchored = settings.anchor === DN_ANCHOR ? dnAnchor(record.dn) : anchorFromRaw(record, settings, fromLdif);
  if ('code' in anchored) return { problem: problemAt(path, record.line, anchored.code, anchored.message, { dn: record.dn }) };
  const { anchor } = anchored;
  const who = { anchor, dn: record.dn };
  const attributes: Attributes = {};
  for (const [name, raws] of record.fields) {
    const spec = settings.spec(name);
    const typed = typeValues(raws, name, spec?.type ?? 'string', fromLdif);
    if ('code' in typed) return { problem: problemAt(path, record.line, typed.code, typed.message, who) };
    if (spec && !spec.multiValued && typed.values.length > 1 && !fromLdif) {
      return { problem: problemAt(path, record.line, 'multi-single-mismatch', `${name} is single-valued but has ${typed.values.length} values`, who) };
    }
    attributes[name] = typed.values;
  }
  const built = buildObject(settings, anchor, record.dn, attributes);
  if ('code' in built) return { problem: problemAt(path, record.line, built.code, built.message, who) };
  return { object: built, line: record.line };
}

/** The anchor of an entry whose values are already typed (LDIF entries rebuilt from change records). */
export function anchorOf(settings: FileSettings, dn: string, attributes: Attributes): { anchor: string } | Failure {
  if (settings.anchor === DN_ANCHOR) return dnAnchor(dn);
  return checkAnchor(settings, attributeValues(attributes, settings.anchor) ?? []);
}

/** Completes an object from its anchor, DN (when the record has one) and typed attributes: object type and DN. */
export function buildObject(settings: FileSettings, anchor: string, recordDn: string | undefined, attributes: Attributes): ImportedObject | Failure {
  const textOf = (attribute: string): string[] => (attributeValues(attributes, attribute) ?? []).map(valueToText);
  const objectType = settings.config.objectType ?? textOf(settings.objectTypeAttribute!).filter((v) => v.toLowerCase() !== 'top').pop();
  if (!objectType) return { code: 'missing-object-type', message: `object type attribute ${settings.objectTypeAttribute} is empty` };
  let dn = recordDn;
  if (!dn) {
    if (settings.config.dnTemplate) {
      const filled = fillDnTemplate(settings.config.dnTemplate, (a) => textOf(a)[0]);
      if ('missing' in filled) return { code: 'missing-dn', message: `DN template needs ${filled.missing}, which is empty` };
      dn = filled.dn;
    } else dn = `${settings.anchor}=${escapeDnValue(anchor)}`;
  }
  return { anchor, dn, objectType, attributes };
}

/** Types the raw values of one attribute; the first bad value fails the attribute. */
export function typeValues(raws: readonly RawValue[], name: string, type: Parameters<typeof toAttributeValue>[1], fromLdif: boolean): { values: AttributeValue[] } | Failure {
  const values: AttributeValue[] = [];
  for (const raw of raws) {
    const v = toAttributeValue(raw, type, fromLdif);
    if (typeof v === 'object' && v !== null && 'code' in v && 'message' in v && !(v instanceof Uint8Array) && !(v instanceof Date)) {
      return { code: v.code, message: `attribute ${name}: ${v.message}` };
    }
    values.push(v as AttributeValue);
  }
  return { values };
}

/** Values of an attribute looked up case-insensitively. */
export function attributeValues(attributes: Attributes, name: string): AttributeValue[] | undefined {
  if (name in attributes) return attributes[name];
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(attributes)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

function dnAnchor(dn: string | undefined): { anchor: string } | Failure {
  if (!dn) return { code: 'missing-dn', message: 'record has no DN' };
  if (dn.length > MAX_ANCHOR_LENGTH) return { code: 'anchor-too-long', message: `anchor is ${dn.length} characters (at most ${MAX_ANCHOR_LENGTH})` };
  return { anchor: dn };
}

function anchorFromRaw(record: RawRecord, settings: FileSettings, fromLdif: boolean): { anchor: string } | Failure {
  const raws = firstField(record.fields, settings.anchor) ?? [];
  const typed = typeValues(raws, settings.anchor, settings.spec(settings.anchor)?.type ?? 'string', fromLdif);
  return 'code' in typed ? typed : checkAnchor(settings, typed.values);
}

/** The raw values of the first field named `name` in any case (without copying the record's fields: it runs per record). */
function firstField(fields: RawRecord['fields'], name: string): RawValue[] | undefined {
  const lower = name.toLowerCase();
  for (const [field, raws] of fields) if (field === name || field.toLowerCase() === lower) return raws;
  return undefined;
}

/** The anchor from the anchor attribute's values: exactly one, not empty, not too long. */
function checkAnchor(settings: FileSettings, typed: readonly AttributeValue[]): { anchor: string } | Failure {
  const values = typed.map(valueToText).filter((v) => v !== '');
  if (!values.length) return { code: 'missing-anchor-component', message: `anchor attribute ${settings.anchor} is empty` };
  if (values.length > 1) return { code: 'multi-valued-anchor-component', message: `anchor attribute ${settings.anchor} has ${values.length} values` };
  if (values[0].length > MAX_ANCHOR_LENGTH) return { code: 'anchor-too-long', message: `anchor is ${values[0].length} characters (at most ${MAX_ANCHOR_LENGTH})` };
  return { anchor: values[0] };
}
