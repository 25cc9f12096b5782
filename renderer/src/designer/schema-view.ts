// What the Metaverse Designer shows and checks: attributes of a type, name rules, and precedence order.
import type { MvAttributeDef, MvSchema, PrecedenceEntry } from '../../../shared/model/metaverse.ts';

/** The attribute definitions of an object type, by name; names the type lists but the schema lacks show as unknown strings. */
export function attributesOfType(schema: MvSchema, objectType: string): MvAttributeDef[] {
  const type = schema.objectTypes.find((t) => t.name === objectType);
  if (!type) return [];
  return type.attributes
    .map((name) => schema.attributes.find((a) => a.name === name) ?? { name, type: 'string' as const, multiValued: false, indexed: false })
    .sort((a, b) => a.name.localeCompare(b.name));
}

const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,127}$/;

/** Why a new attribute name cannot be used, or null when it can (an existing attribute may be attached to the type). */
export function attributeNameProblem(name: string, schema: MvSchema, objectType: string | null): string | null {
  if (!name) return 'Enter an attribute name';
  if (!NAME.test(name)) return `"${name}" must start with a letter and hold only letters, digits, "-" and "_" (at most 128)`;
  const type = objectType ? schema.objectTypes.find((t) => t.name === objectType) : null;
  if (type?.attributes.some((a) => a.toLowerCase() === name.toLowerCase())) return `${objectType} already has an attribute "${name}"`;
  if (!objectType && schema.attributes.some((a) => a.name.toLowerCase() === name.toLowerCase())) return `The attribute "${name}" already exists`;
  return null;
}

/** Why a new object type name cannot be used, or null. */
export function objectTypeNameProblem(name: string, schema: MvSchema): string | null {
  if (!name) return 'Enter an object type name';
  if (!NAME.test(name)) return `"${name}" must start with a letter and hold only letters, digits, "-" and "_" (at most 128)`;
  if (schema.objectTypes.some((t) => t.name.toLowerCase() === name.toLowerCase())) return `The object type "${name}" already exists`;
  return null;
}

/** A precedence line with its rank; rank 1 wins. */
export type PrecedenceRow = PrecedenceEntry & { readonly rank: number; readonly winner: boolean };

/** The inbound rules contributing to an attribute, lowest precedence number first; disabled rules sink and never win. */
export function precedenceRows(entries: readonly PrecedenceEntry[]): PrecedenceRow[] {
  const inbound = entries.filter((e) => e.direction === 'Inbound');
  inbound.sort((a, b) => Number(a.disabled) - Number(b.disabled) || a.precedence - b.precedence || a.ruleName.localeCompare(b.ruleName));
  return inbound.map((e, i) => ({ ...e, rank: i + 1, winner: i === 0 && !e.disabled }));
}
