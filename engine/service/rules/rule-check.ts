// Whole-rule validation for the editor, the CLI and imports: the schema, the engine's own rule validation and
// precedence placement, each problem on the field it belongs to, plus warnings that do not refuse a save.
import { SyncRule } from '../../../shared/model/sync-rules.ts';
import type { RuleProblem, RuleValidation } from '../../../shared/model/rules-editor.ts';
import type { MvSchema } from '../../../shared/model/metaverse.ts';
import { resolveRuleConnector, type RuleConnector } from '../../rules/rule-set.ts';
import { referencedAttributes } from '../../expressions/index.ts';
import { validateRule } from '../../rules/validate-rule.ts';
import { placeRule } from '../../rules/precedence.ts';

/** What a rule is checked against. */
export interface RuleCheckContext {
  readonly connectors: readonly RuleConnector[];
  readonly schema: MvSchema;
  /** The other rules (a stored version of this rule is ignored for precedence). */
  readonly rules: readonly SyncRule[];
  /** The attributes a connector imports when it imports a chosen set (null: every attribute). */
  readonly selectedAttributes?: (connector: RuleConnector) => readonly string[] | null;
}

/** Custom rules take precedences 1–99; the standard rules start at 100 (spec §3.8). */
export const FIRST_STANDARD_PRECEDENCE = 100;

const VALUELESS = new Set(['ISNULL', 'ISNOTNULL']);
const BIT_OPERATORS = new Set(['ISBITSET', 'ISNOTBITSET', 'ISBITNOTSET']);
const NUMBER = /^(-?\d+|&H[0-9a-f]+)$/i;

/** A zod path as the editor names fields: `attributeFlows[2].expression`. */
export function pathText(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('') || '(rule)';
}

/** Moves a problem the engine reports on a whole flow to the field that causes it. */
function flowField(rule: SyncRule, p: RuleProblem): RuleProblem {
  const m = /^attributeFlows\[(\d+)\]$/.exec(p.path);
  if (!m) return p;
  const flow = rule.attributeFlows[Number(m[1])];
  if (!flow) return p;
  const field = flow.flowType === 'Direct' ? 'sources[0]' : 'expression';
  return { path: `${p.path}.${field}`, message: p.message };
}

/** Every problem and warning of a rule; `input` may be anything (it is parsed first). */
export function checkRule(input: unknown, ctx: RuleCheckContext): RuleValidation & { rule: SyncRule | null } {
  const parsed = SyncRule.safeParse(input);
  if (!parsed.success) {
    return { rule: null, warnings: [], problems: parsed.error.issues.map((i) => ({ path: pathText(i.path), message: i.message })) };
  }
  const rule = parsed.data;
  const problems = validateRule(rule, ctx.connectors, ctx.schema).map((p) => flowField(rule, p));
  const warnings: RuleProblem[] = [];

  rule.scopingFilter.forEach((group, g) =>
    group.forEach((c, i) => {
      const at = `scopingFilter[${g}][${i}].value`;
      if (VALUELESS.has(c.operator)) return;
      if (c.value === '') warnings.push({ path: at, message: `${c.operator} compares with an empty value` });
      else if (BIT_OPERATORS.has(c.operator) && !NUMBER.test(c.value.trim())) problems.push({ path: at, message: `${c.operator} needs an integer mask (decimal or &H hex), not "${c.value}"` });
    }),
  );
  if (rule.scopingFilter.some((g) => g.length === 0)) {
    problems.push({ path: `scopingFilter[${rule.scopingFilter.findIndex((g) => g.length === 0)}]`, message: 'An empty scoping group matches every object; remove it or add a clause' });
  }
  rule.joinRules.forEach((group, g) => {
    if (group.length === 0) problems.push({ path: `joinRules[${g}]`, message: 'An empty join group never matches; remove it or add a clause' });
  });
  const destinations = new Map<string, number>();
  rule.attributeFlows.forEach((f, i) => {
    const key = f.destination.toLowerCase();
    const first = destinations.get(key);
    if (first !== undefined) problems.push({ path: `attributeFlows[${i}].destination`, message: `"${f.destination}" is already the target of transformation ${first + 1}; a rule flows to an attribute once` });
    else destinations.set(key, i);
    if (f.flowType === 'Constant' && (f.expression ?? f.sources[0] ?? '') === '') problems.push({ path: `attributeFlows[${i}].expression`, message: 'A constant flow needs a value' });
  });
  if (rule.precedence === 0 && !rule.precedenceBefore) problems.push({ path: 'precedence', message: 'Precedence 0 needs a rule to be placed before (precedenceBefore); use 1 or more otherwise' });
  try {
    placeRule(rule, ctx.rules);
  } catch (err) {
    problems.push({ path: rule.precedenceBefore && rule.precedence === 0 ? 'precedenceBefore' : 'precedence', message: (err as Error).message });
  }

  const stored = ctx.rules.find((r) => r.id === rule.id);
  if (rule.immutableTag && stored?.immutableTag !== rule.immutableTag) {
    warnings.push({ path: 'immutableTag', message: 'Only standard rules carry an immutable tag; leave it empty on a custom rule' });
  }
  if (stored?.immutableTag && rule.immutableTag && changedBeyondState(stored, rule)) {
    warnings.push({ path: 'immutableTag', message: `"${stored.name}" is a standard rule: changes to it are lost when the standard rules are regenerated. Disable it and edit a clone instead.` });
  }
  if (!rule.immutableTag && rule.precedence >= FIRST_STANDARD_PRECEDENCE && ctx.rules.some((r) => r.immutableTag)) {
    warnings.push({ path: 'precedence', message: `Precedences 1–99 are for custom rules; at ${rule.precedence} this rule ranks among the standard rules` });
  }
  warnings.push(...unselectedAttributes(rule, ctx));
  if (rule.direction === 'Outbound' && rule.linkType === 'StickyJoin') warnings.push({ path: 'linkType', message: 'StickyJoin only has a meaning on inbound rules' });
  return { rule, problems, warnings };
}

/** Connector-side attributes the rule uses that its connector does not import (it imports a chosen set). */
function unselectedAttributes(rule: SyncRule, ctx: RuleCheckContext): RuleProblem[] {
  const connector = resolveRuleConnector(rule, ctx.connectors);
  const selected = connector && ctx.selectedAttributes?.(connector);
  if (!connector || !selected || selected.length === 0) return [];
  const known = new Set(selected.map((a) => a.toLowerCase()));
  const out: RuleProblem[] = [];
  const check = (path: string, name: string) => {
    if (name && name !== 'dn' && !known.has(name.toLowerCase())) {
      out.push({ path, message: `${connector.name} does not import "${name}" (it imports a chosen set of attributes): add it with \`idsync connector update "${connector.name}" --add attributes=${name}\`, then run a full import` });
    }
  };
  rule.joinRules.forEach((g, gi) => g.forEach((c, ci) => check(`joinRules[${gi}][${ci}].csAttribute`, c.csAttribute)));
  if (rule.direction === 'Inbound') {
    rule.scopingFilter.forEach((g, gi) => g.forEach((c, ci) => { if (c.operator !== 'ISMEMBEROF' && c.operator !== 'ISNOTMEMBEROF') check(`scopingFilter[${gi}][${ci}].attribute`, c.attribute); }));
    rule.attributeFlows.forEach((f, i) => {
      if (f.flowType === 'Direct') f.sources.forEach((s) => check(`attributeFlows[${i}].sources[0]`, s));
      if (f.flowType === 'Expression') {
        let reads: string[] = [];
        try {
          reads = referencedAttributes(f.expression ?? '');
        } catch {
          // The expression's own problem is reported on its field.
        }
        for (const r of reads) check(`attributeFlows[${i}].expression`, r);
      }
    });
  } else {
    rule.attributeFlows.forEach((f, i) => check(`attributeFlows[${i}].destination`, f.destination));
  }
  return out;
}

/** True when a rule changed in more than its enabled state. */
function changedBeyondState(a: SyncRule, b: SyncRule): boolean {
  return JSON.stringify({ ...a, disabled: false }) !== JSON.stringify({ ...b, disabled: false });
}
