// Values of directory extension properties on users and groups: only registered ones, typed as their definition
// says (String ≤ 256 characters, Binary ≤ 256 bytes, Integer 32-bit, LargeInteger 64-bit, DateTime ISO 8601 kept
// in UTC, Boolean), collections only when multi-valued, and at most 100 extension values per object.
import { GraphFault, badRequest } from './graph-fault.ts';
import { isExtensionName, type ApplicationRegistry, type ExtensionDefinition } from './applications.ts';
import type { ObjectKind, Props } from './directory.ts';

const RESOURCE: Record<ObjectKind, string> = { user: 'User', group: 'Group', contact: 'OrgContact' };
const MAX_TEXT = 256;
const MAX_BINARY = 256;
const MAX_VALUES_PER_OBJECT = 100;
const INT32 = 2 ** 31;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Graph's answer to a property that no definition declares on the object's type. */
export function undeclared(property: string, code = 'Request_BadRequest'): GraphFault {
  return new GraphFault(400, code, `Property '${property}' does not exist as a declared property or extension property.`);
}

/** One value in its stored form, or undefined when it does not fit the data type. */
function typed(def: ExtensionDefinition, value: unknown): unknown {
  switch (def.dataType) {
    case 'String':
      return typeof value === 'string' && value.length <= MAX_TEXT ? value : undefined;
    case 'Boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'Integer':
      return Number.isInteger(value) && (value as number) >= -INT32 && (value as number) < INT32 ? value : undefined;
    case 'LargeInteger':
      return Number.isSafeInteger(value) ? value : undefined;
    case 'DateTime': {
      if (typeof value !== 'string' || !ISO_8601.test(value) || Number.isNaN(Date.parse(value))) return undefined;
      // Stored in UTC, as the documentation says.
      return new Date(value).toISOString().replace(/\.000Z$/, 'Z');
    }
    case 'Binary':
      return typeof value === 'string' && BASE64.test(value) && Buffer.from(value, 'base64').length <= MAX_BINARY ? value : undefined;
  }
}

/**
 * Checks and normalizes the extension properties of a create or update body (other properties pass through);
 * `current` holds the object's properties before the write, for the per-object limit.
 */
export function checkExtensionValues(registry: ApplicationRegistry, kind: ObjectKind, body: Props, current: Props = {}): Props {
  const out: Props = {};
  for (const [key, value] of Object.entries(body)) {
    if (!isExtensionName(key)) { out[key] = value; continue; }
    const def = registry.definitionFor(kind, key);
    if (!def) throw undeclared(key);
    const bad = (): GraphFault => badRequest(`Invalid value specified for property '${def.name}' of resource '${RESOURCE[kind]}'.`);
    if (value === null) { out[def.name] = null; continue; }
    if (def.isMultiValued !== Array.isArray(value)) throw bad();
    const values = (Array.isArray(value) ? value : [value]).map((v) => {
      const t = typed(def, v);
      if (t === undefined) throw bad();
      return t;
    });
    out[def.name] = def.isMultiValued ? (values.length > 0 ? values : null) : values[0];
  }
  const merged = { ...current, ...out };
  const count = Object.entries(merged).filter(([k, v]) => isExtensionName(k) && v !== null && v !== undefined).length;
  if (count > MAX_VALUES_PER_OBJECT) {
    throw badRequest(`The object would hold ${count} directory extension values; at most ${MAX_VALUES_PER_OBJECT} can be written to one object.`);
  }
  return out;
}

/** Refuses `$select` entries in the extension namespace that no definition declares on the object type. */
export function checkSelectedExtensions(registry: ApplicationRegistry, kind: ObjectKind, selected: readonly string[]): void {
  for (const key of selected) {
    if (isExtensionName(key) && !registry.definitionFor(kind, key)) throw undeclared(key, 'Request_UnsupportedQuery');
  }
}
