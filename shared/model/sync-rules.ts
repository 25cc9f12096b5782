// Sync rules (spec §3): the same field names as an exported Entra Connect rule set, so such a file loads directly.
import { z } from 'zod';

/** Scoping operators, with the alternative spellings found in real exports. */
export const ScopingOperator = z.enum([
  'EQUAL', 'NOTEQUAL', 'LESSTHAN', 'LESSTHAN_OR_EQUAL', 'GREATERTHAN', 'GREATERTHAN_OR_EQUAL',
  'CONTAINS', 'NOTCONTAINS', 'STARTSWITH', 'NOTSTARTSWITH', 'NOTSTARTWITH', 'ENDSWITH', 'NOTENDSWITH',
  'ISNULL', 'ISNOTNULL', 'ISIN', 'ISNOTIN', 'ISBITSET', 'ISNOTBITSET', 'ISBITNOTSET', 'ISMEMBEROF', 'ISNOTMEMBEROF',
]);
export type ScopingOperator = z.infer<typeof ScopingOperator>;

export const ScopingCondition = z.object({ attribute: z.string().min(1), operator: ScopingOperator, value: z.string().default('') });
export type ScopingCondition = z.infer<typeof ScopingCondition>;

export const JoinCondition = z.object({ csAttribute: z.string().min(1), mvAttribute: z.string().min(1), caseSensitive: z.boolean().default(false) });
export type JoinCondition = z.infer<typeof JoinCondition>;

export const FlowType = z.enum(['Direct', 'Constant', 'Expression']);
export const MergeType = z.enum(['Update', 'Merge', 'MergeCaseInsensitive', 'Replace']);
export type MergeType = z.infer<typeof MergeType>;

export const AttributeFlow = z.object({
  destination: z.string().min(1),
  sources: z.array(z.string()).default([]),
  flowType: FlowType,
  /** Expression text (Expression) or the literal (Constant). */
  expression: z.string().optional(),
  mergeType: MergeType.default('Update'),
  executeOnce: z.boolean().default(false),
});
export type AttributeFlow = z.infer<typeof AttributeFlow>;

export const LinkType = z.enum(['Join', 'StickyJoin', 'Provision']);
export type LinkType = z.infer<typeof LinkType>;

export const SyncRule = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  description: z.string().optional(),
  immutableTag: z.string().optional(),
  direction: z.enum(['Inbound', 'Outbound']),
  precedence: z.number().int().min(0),
  /** Placement before another rule (§3.8): with precedence 0 the engine inserts the rule just before it. */
  precedenceBefore: z.string().optional(),
  connector: z.object({ id: z.string(), name: z.string() }),
  sourceObjectType: z.string().min(1),
  targetObjectType: z.string().min(1),
  linkType: LinkType,
  disabled: z.boolean().default(false),
  enablePasswordSync: z.boolean().default(false),
  /** Groups ORed; conditions in a group ANDed; empty = every object of the source type. */
  scopingFilter: z.array(z.array(ScopingCondition)).default([]),
  /** Groups tried top to bottom; conditions in a group ANDed. */
  joinRules: z.array(z.array(JoinCondition)).default([]),
  attributeFlows: z.array(AttributeFlow).default([]),
  /** The rule this one was cloned from (set by the editor's clone), for the diff view. */
  clonedFrom: z.string().optional(),
});
export type SyncRule = z.infer<typeof SyncRule>;
export type SyncRuleInput = z.input<typeof SyncRule>;
