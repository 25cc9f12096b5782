// The Synchronization Rules Editor and `idsync rules`: rules (list, save with whole-rule validation, clone,
// enable/disable, reorder, export/import), rule tests and previews on one object, the expression tooling of the
// editor, connector schemas for its attribute pickers, and the connectors a rule change left needing a full sync.
import { z } from 'zod';
import { method } from './define.ts';
import { SyncRule } from '../model/sync-rules.ts';
import {
  ConnectorSchemaView, ExpressionDiagnostic, ExpressionSource, ExpressionTrial, FullSyncMark, FunctionInfo, RuleChange, RulePreview, RuleTestResult,
  RuleValidation, RulesDocument, RulesImportResult, TrialObject,
} from '../model/rules-editor.ts';

const ById = z.object({ id: z.string().min(1) });
const Marked = z.array(z.string()).describe('connectors now marked "full synchronization required"');

export const rulesMethods = {
  'rules.list': method('Sync rules, by precedence', z.object({ connector: z.string().optional(), direction: z.enum(['Inbound', 'Outbound']).optional() }), z.array(SyncRule)),
  'rules.get': method('One sync rule', ById, SyncRule),
  'rules.save': method('Validates a whole rule and creates or replaces it; marks the affected connectors "full synchronization required"', SyncRule, SyncRule),
  'rules.delete': method('Deletes a sync rule; marks the affected connectors "full synchronization required"', ById, RuleChange),
  'rules.validate': method('Validates a whole rule as a save would (every problem by field); saves nothing', z.object({ rule: z.unknown() }), RuleValidation),
  'rules.setDisabled': method('Disables or enables a rule; marks the affected connectors "full synchronization required"', ById.extend({ disabled: z.boolean() }), RuleChange),
  'rules.clone': method('Copies a rule as a custom rule (no immutable tag) at a free precedence, optionally disabling the original',
    ById.extend({
      precedence: z.number().int().min(0),
      name: z.string().min(1).optional(),
      newId: z.string().min(1).optional(),
      disableOriginal: z.boolean().default(false),
    }),
    z.object({ clone: SyncRule, original: SyncRule, fullSyncRequired: Marked })),
  'rules.swapPrecedence': method('Swaps the precedences of two rules (moves one above the other)', z.object({ a: z.string().min(1), b: z.string().min(1) }),
    z.object({ a: SyncRule, b: SyncRule, fullSyncRequired: Marked })),
  'rules.export': method('Sync rules as a document (every rule, or the ids given)', z.object({ ids: z.array(z.string()).default([]) }), RulesDocument),
  'rules.import': method('Adds or replaces the rules of a document; validated whole, refused with the path of each problem',
    z.object({ document: z.unknown(), dryRun: z.boolean().default(false) }), RulesImportResult),
  'rules.test': method('One rule (saved, or as edited) against one object: scoping clause by clause, join candidates, flow values',
    z.object({ id: z.string().optional(), rule: SyncRule.optional(), object: TrialObject }), RuleTestResult),
  'rules.preview': method('Synchronizes one connector space object with the current rules and with the edited rule in place; changes nothing',
    z.object({ rule: SyncRule, connector: z.string(), dn: z.string().optional(), id: z.string().optional() }), RulePreview),
  'rules.fullSyncRequired': method('Connectors whose next synchronization must be a full one, and the rule changes behind it', z.object({}), z.array(FullSyncMark)),

  'expressions.functions': method('Every function of the expression language', z.object({}), z.array(FunctionInfo)),
  'expressions.check': method('Problems of an expression at their positions, checked against the attributes of its source',
    z.object({ expression: z.string(), source: ExpressionSource.optional() }), z.array(ExpressionDiagnostic)),
  'expressions.try': method('Evaluates an expression on one connector space or metaverse object (the semantics of idsync eval)',
    z.object({ expression: z.string(), object: TrialObject }), ExpressionTrial),

  'connectors.schema': method('A connector\'s partitions, containers, object types and attributes (from its directory when reachable)',
    z.object({ connector: z.string(), discover: z.boolean().default(true) }), ConnectorSchemaView),
} as const;
