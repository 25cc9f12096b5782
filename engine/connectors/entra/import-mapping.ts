// Graph objects → imported objects. Anchor and DN are both the Entra object id; group members are
// references whose DN is the member's object id, so they resolve to the members' own DNs.
import type { AttributeValue, Attributes } from '../../model/values.ts';
import type { ImportedObject } from '../contract.ts';
import { ANCHOR_PREFIX, PROPERTIES, type EntraObjectType } from './graph-schema.ts';
import type { ExtensionProperty } from './directory-extensions.ts';
import { fromGraphValue } from './extension-values.ts';

export type GraphItem = Record<string, unknown> & { id: string };

/**
 * Converts one Graph object (with its member ids for groups) into an ImportedObject; `extensions` are the directory
 * extensions of its type, read with the data type of their definition.
 */
export function toImportedObject(type: EntraObjectType, item: GraphItem, memberIds: readonly string[] | undefined,
  include?: ReadonlySet<string>, extensions: readonly ExtensionProperty[] = []): ImportedObject {
  const attributes: Attributes = {};
  const keep = (name: string): boolean => !include || include.has(name);
  if (keep('cloudAnchor')) attributes.cloudAnchor = [`${ANCHOR_PREFIX[type]}_${item.id}`];
  for (const [name, spec] of Object.entries(PROPERTIES[type])) {
    if (name === 'member' || !keep(name)) continue;
    const raw = item[name];
    if (raw === null || raw === undefined) continue;
    const values: AttributeValue[] = (Array.isArray(raw) ? raw : [raw])
      .filter((v) => v !== null && v !== undefined)
      .map((v) => (spec.type === 'boolean' ? Boolean(v) : String(v)));
    if (values.length > 0) attributes[name] = values;
  }
  for (const def of extensions) {
    const raw = item[def.name];
    if (raw === null || raw === undefined || !keep(def.name)) continue;
    const values = (Array.isArray(raw) ? raw : [raw]).map((v) => fromGraphValue(def, v)).filter((v): v is AttributeValue => v !== undefined);
    if (values.length > 0) attributes[def.name] = values;
  }
  if (type === 'group' && memberIds && memberIds.length > 0 && keep('member')) {
    attributes.member = memberIds.map((dn) => ({ dn }));
  }
  return { anchor: item.id, dn: item.id, objectType: type, attributes };
}
