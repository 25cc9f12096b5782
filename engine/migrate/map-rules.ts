// Every exported rule bound to its new connector, in its precedence order. Custom rules are kept as they are;
// standard rules are compared with Microsoft's rule of the same immutable tag; a rule IdSync cannot run comes
// in disabled with the reason, and a rule the customer disabled stays disabled. One rule never stops the import.
import path from 'node:path';
import type { MvSchema } from '../../shared/model/metaverse.ts';
import type { MigratedRuleReport, MigrationWarning, RuleDiff, SchemaAddition } from '../../shared/model/migration.ts';
import type { SyncRule } from '../../shared/model/sync-rules.ts';
import { defaultRuleId } from '../rules/defaults/index.ts';
import { standardRulesByTag, type StandardRuleChoices } from '../rules/defaults/standard-rules.ts';
import { validateRule } from '../rules/validate-rule.ts';
import { EMPTY_GUID, type ExportRule, type ServerExport } from './export-model.ts';
import type { MappedConnector } from './map-connectors.ts';
import { graphOutcome, missingMvAttributes, ruleExpressionProblems } from './rule-checks.ts';
import { standardComparison } from './standard-comparison.ts';

export interface RuleMappingInput {
  readonly rules: readonly ExportRule[];
  readonly unreadable: ServerExport['unreadableRules'];
  /** Mapped connectors by exported GUID. */
  readonly connectors: ReadonlyMap<string, MappedConnector>;
  readonly schema: MvSchema;
  readonly choices: StandardRuleChoices | null;
  /** Add metaverse attributes that rules need and the export lacks (instead of disabling those rules). */
  readonly addMissingAttributes: boolean;
}

export interface MappedRules {
  readonly rules: SyncRule[];
  readonly reports: MigratedRuleReport[];
  readonly diffs: RuleDiff[];
  readonly schema: MvSchema;
  readonly schemaAdditions: SchemaAddition[];
  readonly warnings: MigrationWarning[];
  readonly expressions: { readonly distinct: number; readonly compiled: number };
}

const isStandard = (r: SyncRule) => Boolean(r.immutableTag?.startsWith('Microsoft.'));
const bareGuid = (g: string) => g.replace(/[{}]/g, '');

/** Final precedences: `precedence 0` with precedence-before/-after is placed next to that rule; clashes move up. */
function placePrecedences(rules: readonly ExportRule[], warnings: MigrationWarning[]): Map<ExportRule, number> {
  const ordered = [...rules].sort((a, b) => a.rule.precedence - b.rule.precedence || a.rule.name.localeCompare(b.rule.name));
  const relative = ordered.filter((r) => r.rule.precedence === 0 && (r.precedenceBefore !== EMPTY_GUID || r.precedenceAfter !== EMPTY_GUID));
  const sequence = ordered.filter((r) => !relative.includes(r));
  for (const r of relative) {
    const before = r.precedenceBefore !== EMPTY_GUID;
    const target = sequence.findIndex((x) => x.rule.id === (before ? r.precedenceBefore : r.precedenceAfter));
    if (target < 0) {
      warnings.push({ code: 'precedence', subject: r.rule.name, message: `"${r.rule.name}" is placed ${before ? 'before' : 'after'} rule ${before ? r.precedenceBefore : r.precedenceAfter}, which is not in the export; it keeps precedence 0 (first)` });
      sequence.unshift(r);
    } else sequence.splice(before ? target : target + 1, 0, r);
  }
  // Precedences keep the sequence's order and are unique: a placed rule takes the next number, and a rule whose
  // number is taken (a clash, or a placed rule before it) moves up by as much as needed.
  const out = new Map<ExportRule, number>();
  let last = -1;
  for (const r of sequence) {
    const placed = relative.includes(r);
    const p = placed ? last + 1 : Math.max(r.rule.precedence, last + 1);
    if (p !== r.rule.precedence) {
      const why = placed ? `placed ${r.precedenceBefore !== EMPTY_GUID ? 'before' : 'after'} the rule it names` : `precedence ${r.rule.precedence} is taken by the rule ordered before it`;
      warnings.push({ code: 'precedence', subject: r.rule.name, message: `"${r.rule.name}" gets precedence ${p} (${why})` });
    }
    out.set(r, p);
    last = p;
  }
  return out;
}

/** Adds the attributes rules need to the schema (as single-valued strings), or lists them. */
function schemaAdditions(input: RuleMappingInput): { schema: MvSchema; additions: SchemaAddition[] } {
  const byAttribute = new Map<string, SchemaAddition>();
  for (const { rule } of input.rules) {
    const c = input.connectors.get(rule.connector.id);
    if (!c || c.kind === 'unsupported') continue;
    const mvType = rule.direction === 'Inbound' ? rule.targetObjectType : rule.sourceObjectType;
    for (const a of missingMvAttributes(rule, input.schema)) {
      const entry = byAttribute.get(a) ?? { attribute: a, objectType: mvType, rules: [], added: input.addMissingAttributes };
      entry.rules.push(rule.name);
      byAttribute.set(a, entry);
    }
  }
  const additions = [...byAttribute.values()];
  if (!input.addMissingAttributes || additions.length === 0) return { schema: input.schema, additions };
  const schema: MvSchema = {
    attributes: [...input.schema.attributes, ...additions.map((a) => ({ name: a.attribute, type: 'string' as const, multiValued: false, indexed: false }))],
    objectTypes: input.schema.objectTypes.map((t) => ({
      name: t.name,
      attributes: [...t.attributes, ...additions.filter((a) => a.objectType.toLowerCase() === t.name.toLowerCase() && !t.attributes.includes(a.attribute)).map((a) => a.attribute)],
    })),
  };
  return { schema, additions };
}

/** Maps every rule; see the file comment. */
export function mapRules(input: RuleMappingInput): MappedRules {
  const warnings: MigrationWarning[] = [];
  const { schema, additions } = schemaAdditions(input);
  const precedences = placePrecedences(input.rules, warnings);
  const references = input.choices ? standardRulesByTag(input.choices) : null;
  if (!references) warnings.push({ code: 'no-reference', subject: 'Standard rules', message: 'The exported source anchor or user matching has no counterpart in IdSync\'s standard rules, so changes to standard rules cannot be told from Microsoft\'s versions.' });
  const supported = [...input.connectors.values()].filter((c) => c.kind !== 'unsupported');
  const ruleConnectors = supported.map((c, i) => ({ seq: -(i + 1), id: c.id, name: c.name, createdAt: '' }));

  const distinct = new Map<string, boolean>();
  for (const { rule } of input.rules) {
    for (const f of rule.attributeFlows) if (f.flowType === 'Expression' && !distinct.has(f.expression ?? '')) distinct.set(f.expression ?? '', ruleExpressionProblems({ ...rule, attributeFlows: [f] }).length === 0);
  }

  const rules: SyncRule[] = [];
  const reports: MigratedRuleReport[] = [];
  const diffs: RuleDiff[] = [];
  const exportedStandard = input.rules.map((r) => r.rule).filter(isStandard);
  const usedIds = new Set<string>();
  for (const exported of [...input.rules].sort((a, b) => precedences.get(a)! - precedences.get(b)!)) {
    const src = exported.rule;
    const connector = input.connectors.get(src.connector.id);
    const standard = isStandard(src);
    const connectorId = connector?.id ?? bareGuid(src.connector.id);
    // Standard rules get the generator's id (a later regeneration replaces them in place); two rules of one tag on
    // one connector (another version beside it) keep their own GUIDs rather than overwrite each other.
    const generatedId = standard ? defaultRuleId(connectorId, src.immutableTag!) : null;
    const id = generatedId && !usedIds.has(generatedId) ? generatedId : bareGuid(src.id);
    usedIds.add(id);
    const bound: SyncRule = {
      ...src,
      id,
      precedence: precedences.get(exported)!,
      connector: { id: connectorId, name: connector?.name ?? src.connector.id },
    };
    const reasons: string[] = [];
    let changes: string[] = [];
    if (!connector) reasons.push(`its connector ${src.connector.id} is not in the export`);
    else if (connector.kind === 'unsupported') reasons.push(`its connector "${connector.name}" (${[connector.source.category, connector.source.subtype].filter(Boolean).join(', ')}) is of a kind IdSync does not support`);
    reasons.push(...ruleExpressionProblems(src));
    const missing = missingMvAttributes(src, schema);
    if (missing.length) reasons.push(`it needs metaverse attribute${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, which the exported schema does not have (import again with --add-missing-attributes to add ${missing.length > 1 ? 'them' : 'it'})`);
    let runnable = bound;
    if (connector?.kind === 'entra') {
      const graph = graphOutcome(bound);
      if (graph.disabledReason) reasons.push(graph.disabledReason.replace(/\.$/, ''));
      else {
        runnable = graph.rule;
        changes = graph.changes;
      }
    }
    if (reasons.length === 0 && connector) {
      for (const p of validateRule({ ...runnable, disabled: false }, ruleConnectors, schema)) reasons.push(`${p.path}: ${p.message}`);
    }
    const disabledBy = src.disabled ? 'customer' as const : reasons.length ? 'idsync' as const : null;
    const note = reasons.length ? `${src.disabled ? 'Cannot run in IdSync' : 'Disabled on import'}: ${reasons.join('; ')}.` : '';
    const stored: SyncRule = reasons.length
      ? { ...bound, disabled: true, description: [src.description, note].filter(Boolean).join(' ') }
      : { ...runnable, disabled: src.disabled };
    rules.push(stored);

    const comparison = standardComparison(src, standard, references, exportedStandard);
    if (comparison.diff) diffs.push({ ...comparison.diff, rule: src.name, sourceId: src.id });
    if (!standard && src.precedence >= 100) {
      warnings.push({ code: 'R7', subject: src.name, message: `Custom rule "${src.name}" has precedence ${src.precedence}, among the standard rules (custom rules should use 0–99); Microsoft's import may move it, IdSync keeps it at ${stored.precedence}.` });
    }
    reports.push({
      sourceId: src.id, ruleId: stored.id, name: src.name, direction: src.direction, precedence: stored.precedence,
      connector: connector?.name ?? src.connector.id, standard, immutableTag: src.immutableTag ?? null,
      enabled: !stored.disabled, disabledBy, reasons: reasons.map((r) => `${src.name}: ${r}`), changes, comparison: comparison.kind,
    });
  }
  for (const u of input.unreadable) {
    const name = u.name || path.basename(u.file);
    reports.push({
      sourceId: path.basename(u.file), ruleId: '', name, direction: 'Inbound', precedence: 0, connector: '', standard: false, immutableTag: null,
      enabled: false, disabledBy: 'idsync', reasons: [u.message], changes: [], comparison: 'no-reference',
    });
    warnings.push({ code: 'unreadable-rule', subject: name, message: `${u.message}; this rule is not imported (the other rules are)` });
  }
  return { rules, reports, diffs, schema, schemaAdditions: additions, warnings, expressions: { distinct: distinct.size, compiled: [...distinct.values()].filter(Boolean).length } };
}

