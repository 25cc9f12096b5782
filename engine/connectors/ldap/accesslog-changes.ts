// The change an accesslog add or modify record stands for, taken from the record alone: an add is the whole
// object, a modify its attribute changes (operational attributes dropped). Outside the scope: nothing.
import type { AttributeChange, AttributeValue, ImportChange } from '../contract.ts';
import type { LogRecord } from './accesslog-record.ts';
import type { EntryMapper } from './entry-mapper.ts';
import { type ImportPlan, inScope } from './import-plan.ts';
import type { DirectorySchema } from './schema.ts';
import { fromWire } from './values.ts';

/** Maps an add or modify record; undefined when it does not concern an object in scope. */
export function recordToChange(r: LogRecord, plan: ImportPlan, mapper: EntryMapper, schema: DirectorySchema): ImportChange | undefined {
  if (!r.entryUUID || !inScope(plan, r.dn)) return undefined;
  const anchor = r.entryUUID;
  const keep = (attribute: string): boolean => {
    const lower = attribute.toLowerCase();
    if (lower === 'objectclass') return true;
    if (plan.inclusion) return plan.inclusion.has(lower);
    return schema.attributes.get(lower)?.operational !== true;
  };
  const typed = (attribute: string, values: Buffer[]): AttributeValue[] => fromWire(values, schema.attributes.get(attribute.toLowerCase())?.type ?? 'string');
  if (r.type === 'add') {
    const grouped = new Map<string, Buffer[]>();
    for (const m of r.mods) if (m.value && keep(m.attribute)) grouped.set(m.attribute, [...(grouped.get(m.attribute) ?? []), m.value]);
    const type = mapper.objectTypeOf((grouped.get('objectClass') ?? []).map((b) => b.toString('utf8')));
    if (!type) return undefined;
    const attributes: Record<string, AttributeValue[]> = {};
    for (const [name, values] of grouped) attributes[name] = typed(name, values);
    return { kind: 'object', object: { anchor, dn: r.dn, objectType: type.name, attributes } };
  }
  if (r.type !== 'modify') return undefined;
  const changes: AttributeChange[] = [];
  for (const m of r.mods) {
    if (!keep(m.attribute) || m.op === '#') continue;
    const op = m.op === '+' ? 'add' : m.op === '=' ? 'replace' : 'delete';
    const prev = changes.at(-1);
    const values = m.value ? typed(m.attribute, [m.value]) : [];
    if (prev && prev.attribute === m.attribute && prev.op === op) (prev.values as AttributeValue[]).push(...values);
    else changes.push({ attribute: m.attribute, op, values });
  }
  return changes.length > 0 ? { kind: 'update', anchor, dn: r.dn, changes } : undefined;
}
