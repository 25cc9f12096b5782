// The metaverse: objects with per-value contributors, its schema and its search.
import { z } from 'zod';
import { ApiValue, PageRequest } from './values.ts';

export const MvAttributeType = z.enum(['string', 'integer', 'boolean', 'binary', 'datetime', 'reference']);
export type MvAttributeType = z.infer<typeof MvAttributeType>;

export const MvAttributeDef = z.object({
  name: z.string().min(1),
  type: MvAttributeType.default('string'),
  multiValued: z.boolean().default(false),
  indexed: z.boolean().default(false),
});
export type MvAttributeDef = z.infer<typeof MvAttributeDef>;

export const MvObjectTypeDef = z.object({ name: z.string().min(1), attributes: z.array(z.string()).default([]) });
export type MvObjectTypeDef = z.infer<typeof MvObjectTypeDef>;

export const MvSchema = z.object({ objectTypes: z.array(MvObjectTypeDef), attributes: z.array(MvAttributeDef) });
export type MvSchema = z.infer<typeof MvSchema>;

export const MvOperator = z.enum([
  'equals', 'not-equals', 'starts-with', 'ends-with', 'contains', 'not-contains', 'is-present', 'is-not-present', 'less-than', 'greater-than',
]);
export type MvOperator = z.infer<typeof MvOperator>;

export const MvClause = z.object({ attribute: z.string().min(1), operator: MvOperator, value: z.string().default('') });
export type MvClause = z.infer<typeof MvClause>;

export const MvSearchRequest = PageRequest.extend({
  objectType: z.string().optional(),
  clauses: z.array(MvClause).default([]),
  /** Attributes the results grid shows (Column Settings); each row carries their values. */
  columns: z.array(z.string().min(1)).max(200).default([]),
});

export const MvObjectRow = z.object({
  id: z.string(),
  objectType: z.string(),
  displayName: z.string().nullable(),
  /** The grid's attributes: the requested columns, the clause attributes and common names. */
  attributes: z.record(z.string(), z.array(ApiValue)),
});
export type MvObjectRow = z.infer<typeof MvObjectRow>;

export const Contributor = z.object({ connector: z.string(), connectorId: z.string(), csId: z.string(), dn: z.string().nullable(), ruleId: z.string(), ruleName: z.string() });
export type Contributor = z.infer<typeof Contributor>;

export const MvAttributeValue = z.object({ attribute: z.string(), values: z.array(ApiValue), contributors: z.array(Contributor) });

export const MvObjectDetail = z.object({
  id: z.string(),
  objectType: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  attributes: z.array(MvAttributeValue),
  connectors: z.array(z.object({ connector: z.string(), connectorId: z.string(), csId: z.string(), dn: z.string(), objectType: z.string(), linkType: z.string(), ruleName: z.string().nullable(), linkedAt: z.string() })),
});
export type MvObjectDetail = z.infer<typeof MvObjectDetail>;

/** Every rule flowing to one MV attribute, ordered by precedence (the precedence view). */
export const PrecedenceEntry = z.object({
  ruleId: z.string(), ruleName: z.string(), connector: z.string(), precedence: z.number(), direction: z.enum(['Inbound', 'Outbound']),
  flowType: z.string(), source: z.string(), mergeType: z.string(), disabled: z.boolean(),
});
export type PrecedenceEntry = z.infer<typeof PrecedenceEntry>;
