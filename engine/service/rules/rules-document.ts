// Rules as a file: export (all rules or some) and import (add or replace by id), validated whole — every problem
// is reported with its path in the document and nothing is saved while there is one.
import { z } from 'zod';
import { SyncRule } from '../../../shared/model/sync-rules.ts';
import type { RuleProblem, RulesDocument } from '../../../shared/model/rules-editor.ts';
import type { Store } from '../../store/store.ts';
import { resolveRuleConnector } from '../../rules/rule-set.ts';
import { checkRule, pathText } from './rule-check.ts';

/** Accepted: a rules document, a whole configuration document (its rules are taken), or a bare array of rules. */
const Envelope = z.union([
  z.object({ format: z.literal('idsync-rules'), version: z.literal(1), syncRules: z.array(z.unknown()) }),
  z.object({ format: z.literal('idsync-config'), version: z.literal(1), syncRules: z.array(z.unknown()).default([]) }).loose(),
  z.array(z.unknown()),
]);

/** The rules document of the given ids (every rule when none); an unknown id is an error. */
export function exportRules(store: Store, ids: readonly string[]): RulesDocument {
  const all = store.rules.list().map((r) => r.rule);
  const missing = ids.filter((id) => !all.some((r) => r.id === id));
  if (missing.length) throw new Error(`No sync rule ${missing.map((m) => `"${m}"`).join(', ')}`);
  return { format: 'idsync-rules', version: 1, syncRules: ids.length ? ids.map((id) => all.find((r) => r.id === id)!) : all };
}

export interface ImportPlan {
  problems: RuleProblem[];
  warnings: RuleProblem[];
  /** The rules to save, in document order, their connector resolved to a stored one. */
  rules: SyncRule[];
  added: string[];
  replaced: string[];
}

/** Validates a document against the store as it will be after the import; saves nothing. */
export function planRulesImport(store: Store, document: unknown): ImportPlan {
  const plan: ImportPlan = { problems: [], warnings: [], rules: [], added: [], replaced: [] };
  const env = Envelope.safeParse(document);
  if (!env.success) {
    plan.problems.push({ path: '(document)', message: 'Expected a rules document {"format":"idsync-rules","version":1,"syncRules":[…]}, a configuration document, or an array of rules' });
    return plan;
  }
  const items = Array.isArray(env.data) ? env.data : env.data.syncRules;
  const prefix = Array.isArray(env.data) ? '' : 'syncRules';
  const stored = store.rules.list().map((r) => r.rule);
  const connectors = store.connectors.list().map((c) => ({ seq: c.seq, id: c.id, name: c.name, createdAt: c.createdAt }));
  const schema = store.schema.get();

  const parsed: { rule: SyncRule; at: string }[] = [];
  items.forEach((item, i) => {
    const at = `${prefix}[${i}]`;
    const r = SyncRule.safeParse(item);
    if (!r.success) {
      for (const issue of r.error.issues) plan.problems.push({ path: `${at}.${pathText(issue.path)}`, message: issue.message });
      return;
    }
    parsed.push({ rule: r.data, at });
  });
  const ids = new Map<string, string>();
  for (const { rule, at } of parsed) {
    const first = ids.get(rule.id);
    if (first) plan.problems.push({ path: `${at}.id`, message: `Rule id "${rule.id}" is also used by ${first}` });
    ids.set(rule.id, at);
  }
  // Precedence is checked against the rules this import keeps and those it brings in.
  const kept = stored.filter((r) => !ids.has(r.id));
  const precedences = new Map<number, string>();
  for (const { rule, at } of parsed) {
    if (rule.precedence === 0 && rule.precedenceBefore) continue;
    const clash = precedences.get(rule.precedence);
    if (clash) plan.problems.push({ path: `${at}.precedence`, message: `Precedence ${rule.precedence} is also used by ${clash} in this document` });
    else precedences.set(rule.precedence, `${at} ("${rule.name}")`);
  }
  for (const { rule, at } of parsed) {
    const others = [...kept, ...parsed.filter((p) => p.rule.id !== rule.id && !(p.rule.precedence === 0 && p.rule.precedenceBefore)).map((p) => p.rule)];
    // Clashes within the document were reported above; here only those with the rules that stay.
    const check = checkRule(rule, { connectors, schema, rules: others.filter((o) => kept.includes(o) || o.precedence !== rule.precedence) });
    for (const p of check.problems) plan.problems.push({ path: `${at}.${p.path}`, message: `"${rule.name}": ${p.message}` });
    for (const w of check.warnings) plan.warnings.push({ path: `${at}.${w.path}`, message: `"${rule.name}": ${w.message}` });
    const target = resolveRuleConnector(rule, connectors);
    plan.rules.push(target ? { ...rule, connector: { id: target.id, name: target.name } } : rule);
    (stored.some((s) => s.id === rule.id) ? plan.replaced : plan.added).push(rule.id);
  }
  return plan;
}
