// What the Synchronization Rules Editor and `idsync rules` exchange with the engine besides the rules themselves:
// validation problems by field, rule documents, expression tooling, connector schemas, impact and rule tests.
import { z } from 'zod';
import { SyncRule, ScopingOperator } from './sync-rules.ts';
import { ApiValue } from './values.ts';
import { PreviewResult } from './preview.ts';

/** One problem of a rule: the field it is on (`attributeFlows[2].expression`) and what is wrong. */
export const RuleProblem = z.object({ path: z.string(), message: z.string() });
export type RuleProblem = z.infer<typeof RuleProblem>;

/** The engine's verdict on a whole rule: problems refuse the save, warnings do not. */
export const RuleValidation = z.object({ problems: z.array(RuleProblem), warnings: z.array(RuleProblem) });
export type RuleValidation = z.infer<typeof RuleValidation>;

/** Sync rules as a file: what `rules export` writes and `rules import` reads. */
export const RulesDocument = z.object({
  format: z.literal('idsync-rules'),
  version: z.literal(1),
  syncRules: z.array(SyncRule),
});
export type RulesDocument = z.infer<typeof RulesDocument>;

export const RulesImportResult = z.object({
  ok: z.boolean(),
  /** Every problem, by its path in the document; nothing is saved when there is one. */
  problems: z.array(RuleProblem),
  warnings: z.array(RuleProblem),
  added: z.array(z.string()),
  replaced: z.array(z.string()),
  /** Names of the connectors now marked "full synchronization required". */
  fullSyncRequired: z.array(z.string()),
});
export type RulesImportResult = z.infer<typeof RulesImportResult>;

/** A function of the expression language, for autocomplete and the reference popup. */
export const FunctionInfo = z.object({
  name: z.string(),
  category: z.string(),
  signatures: z.array(z.string()),
  doc: z.string(),
  minArgs: z.number().int(),
  /** Null when the function takes any number of arguments. */
  maxArgs: z.number().int().nullable(),
});
export type FunctionInfo = z.infer<typeof FunctionInfo>;

/** A finding in expression text, at the parser's position (offset is 0-based, line and column 1-based). */
export const ExpressionDiagnostic = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
  offset: z.number().int(),
  line: z.number().int(),
  column: z.number().int(),
});
export type ExpressionDiagnostic = z.infer<typeof ExpressionDiagnostic>;

/** Where the attributes an expression reads come from: a connector space object type, or a metaverse object type. */
export const ExpressionSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cs'), connector: z.string(), objectType: z.string().optional() }),
  z.object({ kind: z.literal('mv'), objectType: z.string().optional(), connector: z.string().optional() }),
]);
export type ExpressionSource = z.infer<typeof ExpressionSource>;

/** The object "Try it" evaluates an expression on. */
export const TrialObject = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cs'), connector: z.string(), dn: z.string().optional(), id: z.string().optional() }),
  z.object({ kind: z.literal('mv'), id: z.string(), connector: z.string().optional().describe('connector whose parameters (%Domain.FQDN%…) apply') }),
]);
export type TrialObject = z.infer<typeof TrialObject>;

/** What a flow gives for one object (spec §3.4): values, NULL, AuthoritativeNull, IgnoreThisFlow, or an error. */
export const FlowResult = z.object({
  outcome: z.enum(['values', 'null', 'authoritative-null', 'ignore', 'error']),
  values: z.array(ApiValue),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type FlowResult = z.infer<typeof FlowResult>;

export const ExpressionTrial = FlowResult.extend({
  /** The object as evaluated: its name and the attributes the expression read. */
  object: z.object({ label: z.string(), objectType: z.string(), read: z.record(z.string(), z.array(ApiValue)) }),
});
export type ExpressionTrial = z.infer<typeof ExpressionTrial>;

export const SchemaAttributeInfo = z.object({
  name: z.string(),
  type: z.string(),
  multiValued: z.boolean(),
  /** Where the attribute is known from: the directory's schema, the connector configuration, imported objects, or rules. */
  from: z.enum(['schema', 'config', 'objects', 'rules']),
});
export type SchemaAttributeInfo = z.infer<typeof SchemaAttributeInfo>;

/** A connector's partitions, containers, object types and attributes, as far as they can be known. */
export const ConnectorSchemaView = z.object({
  connector: z.string(),
  connectorId: z.string(),
  type: z.string(),
  partitions: z.array(z.object({ id: z.string(), name: z.string() })),
  includeContainers: z.array(z.string()),
  excludeContainers: z.array(z.string()),
  objectTypes: z.array(z.object({ name: z.string(), attributes: z.array(SchemaAttributeInfo) })),
  /** Selected attribute list of the connector (empty: every attribute). */
  selectedAttributes: z.array(z.string()),
  anchor: z.string().nullable(),
  /** Why part of the view is missing (the directory could not be reached), else null. */
  note: z.string().nullable(),
});
export type ConnectorSchemaView = z.infer<typeof ConnectorSchemaView>;

/** A connector that needs a full synchronization because its rules changed (honoured by the next cycle). */
export const FullSyncMark = z.object({
  connectorId: z.string(),
  connector: z.string(),
  fullSyncRequired: z.boolean(),
  fullImportRequired: z.boolean(),
  markedAt: z.string().nullable(),
  /** The rule changes behind the mark, newest last. */
  reasons: z.array(z.string()),
});
export type FullSyncMark = z.infer<typeof FullSyncMark>;

/** A rule change and the connectors it marked. */
export const RuleChange = z.object({ rule: SyncRule, fullSyncRequired: z.array(z.string()) });
export type RuleChange = z.infer<typeof RuleChange>;

export const ClauseTest = z.object({ attribute: z.string(), operator: ScopingOperator, value: z.string(), actual: z.array(ApiValue), holds: z.boolean() });

/** One rule against one object: scoping clause by clause, join group by group, and each flow's value. */
export const RuleTestResult = z.object({
  rule: z.object({ id: z.string(), name: z.string(), direction: z.enum(['Inbound', 'Outbound']) }),
  object: z.object({ kind: z.enum(['cs', 'mv']), id: z.string(), label: z.string(), objectType: z.string(), connector: z.string().nullable() }),
  /** False when the rule cannot apply to this object at all (other connector or object type); `reason` says why. */
  applies: z.boolean(),
  reason: z.string().nullable(),
  scoping: z.object({
    inScope: z.boolean(),
    groups: z.array(z.object({ holds: z.boolean(), clauses: z.array(ClauseTest) })),
  }),
  join: z.object({
    /** joined-already: linked before the test; one: a group found exactly one object; provision; none. */
    outcome: z.enum(['no-join-rules', 'already-joined', 'one', 'provision', 'none']),
    linkedTo: z.string().nullable(),
    groups: z.array(z.object({
      clauses: z.array(z.object({ csAttribute: z.string(), mvAttribute: z.string(), caseSensitive: z.boolean(), values: z.array(ApiValue) })),
      candidates: z.array(z.string()),
    })),
  }),
  flows: z.array(FlowResult.extend({ destination: z.string(), flowType: z.string(), source: z.string() })),
});
export type RuleTestResult = z.infer<typeof RuleTestResult>;

/** One object synchronized with the current rules and with the edited rule in place, side by side. */
export const RulePreview = z.object({ current: PreviewResult, edited: PreviewResult });
export type RulePreview = z.infer<typeof RulePreview>;
