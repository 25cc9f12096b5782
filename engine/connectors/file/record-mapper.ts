// Turns raw records into imported objects or changes: types values, finds the anchor, object type and DN.
import type { AttributeChange, ImportChange, ImportedObject, ImportProblem } from '../contract.ts';
import type { AttributeValue, Attributes } from '../../model/values.ts';
import { DN_ANCHOR, type FileSettings } from './config.ts';
import { escapeDnValue, fillDnTemplate } from './dn.ts';
import type { LdifAttribute } from './ldif-reader.ts';
import type { RawProblem, RawRecord } from './raw-record.ts';
import { toAttributeValue, valueToText, type RawValue } from './value-codec.ts';

/** Maximum anchor length (spec §15). */
export const MAX_ANCHOR_LENGTH = 398;

/** A mapped record: a change to yield, or a problem to report. */
export type Mapped = { readonly change: ImportChange; readonly line: number } | { readonly problem: ImportProblem };

/** Builds the problem for a record-level failure. */
export function problemAt(path: string, line: number, code: string, message: string, who?: { anchor?: string; dn?: string }): ImportProblem {
  const object = who?.anchor !== undefined ? ` (anchor ${who.anchor})` : who?.dn !== undefined ? ` (${who.dn})` : '';
  return { code, message: `${path}:${line}${object}: ${message}`, location: `${path}:${line}`, anchor: who?.anchor, dn: who?.dn };
}

/** Converts a reader problem into an import problem. */
export function fromRawProblem(path: string, p: RawProblem): ImportProblem {
  return { code: p.code, message: p.message, location: `${path}:${p.line}`, dn: p.dn };
}

/** Maps one raw record; full-object records give `object`, LDIF change records give `update`/`delete`. */
export function mapRecord(record: RawRecord, settings: FileSettings, path: string): Mapped {
  if (record.change) return mapChange(record, settings, path);
  const fromLdif = settings.config.format === 'ldif';
  // The anchor first, so that every later problem can name the object.
  const anchored = findAnchor(record, settings, fromLdif);
  if ('problem' in anchored) return { problem: problemAt(path, record.line, anchored.problem.code, anchored.problem.message, { dn: record.dn }) };
  const { anchor } = anchored;
  const who = { anchor, dn: record.dn };
  const attributes: Attributes = {};
  for (const [name, raws] of record.fields) {
    const spec = settings.spec(name);
    const typed = typeValues(raws, name, spec?.type ?? 'string', fromLdif);
    if ('problem' in typed) return { problem: problemAt(path, record.line, typed.problem.code, typed.problem.message, who) };
    if (spec && !spec.multiValued && typed.values.length > 1 && !fromLdif) {
      return { problem: problemAt(path, record.line, 'multi-single-mismatch', `${name} is single-valued but has ${typed.values.length} values`, who) };
    }
    attributes[name] = typed.values;
  }
  const textOf = (attribute: string): string[] => {
    const values = attributes[attribute] ?? Object.entries(attributes).find(([n]) => n.toLowerCase() === attribute.toLowerCase())?.[1] ?? [];
    return values.map(valueToText);
  };
  const objectType = objectTypeOf(settings, textOf);
  if (!objectType) {
    return { problem: problemAt(path, record.line, 'missing-object-type', `object type attribute ${settings.objectTypeAttribute} is empty`, who) };
  }
  let dn = record.dn;
  if (!dn) {
    if (settings.config.dnTemplate) {
      const filled = fillDnTemplate(settings.config.dnTemplate, (a) => textOf(a)[0]);
      if ('missing' in filled) {
        return { problem: problemAt(path, record.line, 'missing-dn', `DN template needs ${filled.missing}, which is empty`, who) };
      }
      dn = filled.dn;
    } else dn = `${settings.anchor}=${escapeDnValue(anchor)}`;
  }
  const object: ImportedObject = { anchor, dn, objectType, attributes };
  return { change: { kind: 'object', object }, line: record.line };
}

/** The anchor of a full record: its DN, or the single value of the anchor attribute as text. */
function findAnchor(record: RawRecord, settings: FileSettings, fromLdif: boolean): { anchor: string } | { problem: { code: string; message: string } } {
  let anchor: string;
  if (settings.anchor === DN_ANCHOR) {
    if (!record.dn) return { problem: { code: 'missing-dn', message: 'record has no DN' } };
    anchor = record.dn;
  } else {
    const lower = settings.anchor.toLowerCase();
    const raws = [...record.fields].find(([name]) => name.toLowerCase() === lower)?.[1] ?? [];
    const typed = typeValues(raws, settings.anchor, settings.spec(settings.anchor)?.type ?? 'string', fromLdif);
    if ('problem' in typed) return typed;
    const values = typed.values.map(valueToText).filter((v) => v !== '');
    if (!values.length) return { problem: { code: 'missing-anchor-component', message: `anchor attribute ${settings.anchor} is empty` } };
    if (values.length > 1) return { problem: { code: 'multi-valued-anchor-component', message: `anchor attribute ${settings.anchor} has ${values.length} values` } };
    anchor = values[0];
  }
  if (anchor.length > MAX_ANCHOR_LENGTH) return { problem: { code: 'anchor-too-long', message: `anchor is ${anchor.length} characters (at most ${MAX_ANCHOR_LENGTH})` } };
  return { anchor };
}

/** The object type of a record: the fixed one, or the most specific value of the type attribute. */
function objectTypeOf(settings: FileSettings, textOf: (attribute: string) => string[]): string | undefined {
  if (settings.config.objectType) return settings.config.objectType;
  const values = textOf(settings.objectTypeAttribute!).filter((v) => v.toLowerCase() !== 'top');
  return values[values.length - 1];
}

function typeValues(
  raws: readonly RawValue[],
  name: string,
  type: Parameters<typeof toAttributeValue>[1],
  fromLdif: boolean,
): { values: AttributeValue[] } | { problem: { code: string; message: string } } {
  const values: AttributeValue[] = [];
  for (const raw of raws) {
    const v = toAttributeValue(raw, type, fromLdif);
    if (typeof v === 'object' && v !== null && 'code' in v && 'message' in v && !(v instanceof Uint8Array) && !(v instanceof Date)) {
      return { problem: { code: v.code, message: `attribute ${name}: ${v.message}` } };
    }
    values.push(v as AttributeValue);
  }
  return { values };
}

function mapChange(record: RawRecord, settings: FileSettings, path: string): Mapped {
  const change = record.change!;
  const who = { dn: change.dn };
  if (settings.anchor !== DN_ANCHOR) {
    return {
      problem: problemAt(path, record.line, 'missing-anchor-component', `a ${change.kind} record carries no ${settings.anchor}; only full records can be imported`, who),
    };
  }
  if (change.kind === 'delete') return { change: { kind: 'delete', anchor: change.dn, dn: change.dn }, line: record.line };
  if (change.kind === 'moddn') {
    return { problem: problemAt(path, record.line, 'need-full-object', 'a rename changes the DN anchor; run a full import to pick it up', who) };
  }
  const changes: AttributeChange[] = [];
  for (const m of change.modifications) {
    const typed = typeValues(m.values.map((v: LdifAttribute) => v.value), m.attribute, settings.spec(m.attribute)?.type ?? 'string', true);
    if ('problem' in typed) return { problem: problemAt(path, record.line, typed.problem.code, typed.problem.message, who) };
    changes.push({ attribute: m.attribute, op: m.op, values: typed.values });
  }
  return { change: { kind: 'update', anchor: change.dn, dn: change.dn, changes }, line: record.line };
}
