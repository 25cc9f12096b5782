// Applies exported changes to the in-memory object set of a CSV or JSON file, one result per change.
import type { AttributeChange, ExportChange, ExportResult, ImportedObject } from '../contract.ts';
import type { AttributeValue, Attributes } from '../../model/values.ts';
import { DN_ANCHOR, type FileSettings } from './config.ts';
import { fillDnTemplate } from './dn.ts';
import type { ObjectSet } from './object-set.ts';
import { attributeValues } from './record-mapper.ts';
import { valueMatchKey, valueToText } from './value-codec.ts';

class ExportFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Applies one change; failures come back as a result with an error, never as a throw. */
export function applyExportChange(settings: FileSettings, set: ObjectSet, change: ExportChange): ExportResult {
  try {
    const object = change.op === 'add' ? applyAdd(settings, set, change) : change.op === 'update' ? applyUpdate(settings, set, change) : applyDelete(set, change);
    return object ? { csId: change.csId, ok: true, anchor: object.anchor, dn: object.dn } : { csId: change.csId, ok: true };
  } catch (err) {
    if (!(err instanceof ExportFailure)) throw err;
    return { csId: change.csId, ok: false, error: { code: err.code, message: err.message } };
  }
}

/** Applies attribute changes to a copy of `attributes`. */
export function applyAttributeChanges(attributes: Attributes, changes: readonly AttributeChange[]): Attributes {
  const out: Attributes = { ...attributes };
  const nameOf = (attribute: string): string => Object.keys(out).find((k) => k.toLowerCase() === attribute.toLowerCase()) ?? attribute;
  for (const c of changes) {
    const name = nameOf(c.attribute);
    const current = out[name] ?? [];
    if (c.op === 'replace') out[name] = [...c.values];
    else if (c.op === 'add') {
      const have = new Set(current.map(valueMatchKey));
      out[name] = [...current, ...c.values.filter((v) => !have.has(valueMatchKey(v)))];
    } else if (!c.values.length) out[name] = [];
    else {
      const drop = new Set(c.values.map(valueMatchKey));
      out[name] = current.filter((v) => !drop.has(valueMatchKey(v)));
    }
    if (!out[name].length) delete out[name];
  }
  return out;
}

function locate(set: ObjectSet, change: ExportChange): ImportedObject {
  const anchor = change.anchor ?? set.anchorOfDn(change.dn);
  const object = anchor === undefined ? undefined : set.get(anchor);
  if (!object) throw new ExportFailure('cd-missing-object', `no object with ${change.anchor !== null ? `anchor ${change.anchor}` : `DN ${change.dn}`} in the file`);
  return object;
}

function applyAdd(settings: FileSettings, set: ObjectSet, change: ExportChange): ImportedObject {
  const attributes = applyAttributeChanges({}, change.changes);
  const typeAttr = settings.objectTypeAttribute;
  if (typeAttr && !attributeValues(attributes, typeAttr)?.length) attributes[typeAttr] = [change.objectType];
  const object = finish(settings, change.anchor, change.newDn ?? change.dn, change.objectType, attributes);
  if (set.get(object.anchor)) throw new ExportFailure('cd-existing-object', `an object with anchor ${object.anchor} is already in the file`);
  set.set(object);
  return object;
}

function applyUpdate(settings: FileSettings, set: ObjectSet, change: ExportChange): ImportedObject {
  const current = locate(set, change);
  const attributes = applyAttributeChanges(current.attributes, change.changes);
  const typeAttr = settings.objectTypeAttribute;
  const types = typeAttr ? (attributeValues(attributes, typeAttr) ?? []).map(valueToText).filter((t) => t.toLowerCase() !== 'top') : [];
  const objectType = types.length ? types[types.length - 1] : current.objectType;
  const object = finish(settings, null, change.newDn ?? current.dn, objectType, attributes);
  const sameAnchor = set.key(object.anchor) === set.key(current.anchor);
  if (!sameAnchor && set.get(object.anchor)) throw new ExportFailure('cd-existing-object', `an object with anchor ${object.anchor} is already in the file`);
  if (!sameAnchor) set.delete(current.anchor);
  set.set(object);
  return object;
}

function applyDelete(set: ObjectSet, change: ExportChange): undefined {
  set.delete(locate(set, change).anchor);
  return undefined;
}

/** Works out anchor and DN of the resulting object and checks it can be written to the file. */
function finish(settings: FileSettings, anchorHint: string | null, dn: string, objectType: string, attributes: Attributes): ImportedObject {
  let finalDn = dn;
  if (settings.config.dnTemplate) {
    const filled = fillDnTemplate(settings.config.dnTemplate, (a) => first(attributes, a));
    if ('missing' in filled) throw new ExportFailure('missing-provisioning-attribute', `the DN template needs ${filled.missing}, which has no value`);
    finalDn = filled.dn;
  }
  let anchor: string;
  if (settings.anchor === DN_ANCHOR) anchor = finalDn;
  else {
    const values = attributeValues(attributes, settings.anchor) ?? [];
    if (values.length > 1) throw new ExportFailure('multi-valued-anchor-component', `anchor attribute ${settings.anchor} has ${values.length} values`);
    const value = values.length ? valueToText(values[0]) : anchorHint;
    if (!value) throw new ExportFailure('missing-anchor-component', `anchor attribute ${settings.anchor} has no value`);
    anchor = value;
    if (!values.length) attributes[settings.anchor] = [value];
  }
  if (settings.config.format === 'csv') {
    for (const [name, values] of Object.entries(attributes)) {
      if (values.length > 1 && !settings.spec(name)?.multiValued) {
        throw new ExportFailure('schema-violation', `${name} has ${values.length} values but is single-valued in this file; declare it multiValued`);
      }
    }
  }
  return { anchor, dn: finalDn, objectType, attributes };
}

function first(attributes: Attributes, name: string): string | undefined {
  const values: AttributeValue[] | undefined = attributeValues(attributes, name);
  return values?.length ? valueToText(values[0]) : undefined;
}
