// The Metaverse Search clause builder: operators, which apply to which attribute types, and the request it makes.
import type { MvAttributeDef, MvClause, MvOperator, MvSchema } from '../../../shared/model/metaverse.ts';

/** One row of the clause grid as the user edits it. */
export interface ClauseDraft {
  readonly id: number;
  readonly attribute: string;
  readonly operator: MvOperator;
  readonly value: string;
}

export interface OperatorInfo {
  readonly operator: MvOperator;
  readonly label: string;
  readonly needsValue: boolean;
  /** Attribute types the operator makes sense for. */
  readonly types: readonly MvAttributeDef['type'][];
}

const TEXT: MvAttributeDef['type'][] = ['string', 'reference'];
const ALL: MvAttributeDef['type'][] = ['string', 'integer', 'boolean', 'binary', 'datetime', 'reference'];
const ORDERED: MvAttributeDef['type'][] = ['integer', 'datetime', 'string'];

/** Every operator of the search schema, in the order of the Operator drop-down. */
export const OPERATORS: readonly OperatorInfo[] = [
  { operator: 'equals', label: 'Equals', needsValue: true, types: ALL },
  { operator: 'not-equals', label: 'Does not equal', needsValue: true, types: ALL },
  { operator: 'starts-with', label: 'Starts with', needsValue: true, types: TEXT },
  { operator: 'ends-with', label: 'Ends with', needsValue: true, types: TEXT },
  { operator: 'contains', label: 'Contains', needsValue: true, types: TEXT },
  { operator: 'not-contains', label: 'Does not contain', needsValue: true, types: TEXT },
  { operator: 'is-present', label: 'Is present', needsValue: false, types: ALL },
  { operator: 'is-not-present', label: 'Is not present', needsValue: false, types: ALL },
  { operator: 'less-than', label: 'Less than', needsValue: true, types: ORDERED },
  { operator: 'greater-than', label: 'Greater than', needsValue: true, types: ORDERED },
];

/** The operator's entry. */
export function operatorInfo(op: MvOperator): OperatorInfo {
  return OPERATORS.find((o) => o.operator === op)!;
}

/** Operators offered for an attribute of the given type (every operator when the type is unknown). */
export function operatorsFor(type: MvAttributeDef['type'] | undefined): OperatorInfo[] {
  return OPERATORS.filter((o) => !type || o.types.includes(type));
}

/** Attributes searchable within a scope: the object type's own, or every attribute when no type is chosen. */
export function attributesInScope(schema: MvSchema, objectType: string | null): MvAttributeDef[] {
  const own = objectType ? schema.objectTypes.find((t) => t.name === objectType)?.attributes : undefined;
  const list = own ? schema.attributes.filter((a) => own.includes(a.name)) : schema.attributes;
  return [...list].sort((a, b) => a.name.localeCompare(b.name));
}

export type BuildResult = { ok: true; clauses: MvClause[] } | { ok: false; problems: string[] };

/** Validates the clause rows (ANDed) and turns them into the request's clauses; blank rows are skipped; problems name the clause by position. */
export function buildClauses(drafts: readonly ClauseDraft[], schema: MvSchema | undefined): BuildResult {
  const problems: string[] = [];
  const clauses: MvClause[] = [];
  drafts.forEach((d, i) => {
    const where = `Clause ${i + 1}`;
    // An untouched row is no clause at all, so a fresh form searches every object of the scope.
    if (!d.attribute && !d.value.trim()) return;
    if (!d.attribute) return problems.push(`${where}: choose an attribute`);
    const def = schema?.attributes.find((a) => a.name === d.attribute);
    if (schema && !def) return problems.push(`${where}: "${d.attribute}" is not a metaverse attribute`);
    const info = operatorInfo(d.operator);
    if (def && !info.types.includes(def.type)) return problems.push(`${where}: "${info.label}" does not apply to ${def.type} attribute ${d.attribute}`);
    const value = info.needsValue ? d.value.trim() : '';
    if (info.needsValue && !value) return problems.push(`${where}: enter a value for ${d.attribute} ${info.label.toLowerCase()}`);
    if (def?.type === 'integer' && info.needsValue && !/^-?\d+$/.test(value)) return problems.push(`${where}: ${d.attribute} is an integer, "${value}" is not`);
    if (def?.type === 'boolean' && info.needsValue && !/^(true|false)$/i.test(value)) return problems.push(`${where}: ${d.attribute} is true or false, not "${value}"`);
    clauses.push({ attribute: d.attribute, operator: d.operator, value });
  });
  return problems.length ? { ok: false, problems } : { ok: true, clauses };
}

/** Columns the results grid shows by default: display name, then the clause attributes. */
export function defaultResultColumns(clauses: readonly { attribute: string }[]): string[] {
  return [...new Set(['displayName', ...clauses.map((c) => c.attribute)])];
}
