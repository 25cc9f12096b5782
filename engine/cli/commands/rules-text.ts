// How `idsync rules` prints rules, rule tests and problems for a person (--json prints the API's objects).
import type { SyncRule } from '../../../shared/model/sync-rules.ts';
import type { RuleProblem, RuleTestResult } from '../../../shared/model/rules-editor.ts';
import type { ApiValue } from '../../../shared/model/values.ts';

const values = (vs: readonly ApiValue[]) => (vs.length ? vs.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join('; ') : '(none)');

/** One line per rule: precedence, name, direction, connector, types, link type and state. */
export function ruleLines(rules: readonly SyncRule[]): string {
  if (!rules.length) return 'No sync rules.';
  return rules
    .map((r) => [String(r.precedence).padStart(4), r.disabled ? 'disabled' : 'enabled ', r.direction.padEnd(8), r.name, `[${r.connector.name}: ${r.sourceObjectType} → ${r.targetObjectType}, ${r.linkType}]`, r.immutableTag ? `standard ${r.immutableTag}` : 'custom', r.id].join('  '))
    .join('\n');
}

/** The rule the way the editor's pages show it. */
export function ruleText(r: SyncRule): string {
  const lines = [
    `${r.name} (${r.id})`,
    `  ${r.description ?? ''}`.trimEnd(),
    `  direction ${r.direction}, connector ${r.connector.name}, ${r.sourceObjectType} → ${r.targetObjectType}, link type ${r.linkType}, precedence ${r.precedence}${r.disabled ? ', disabled' : ''}`,
    `  ${r.immutableTag ? `standard rule, tag ${r.immutableTag}` : 'custom rule'}${r.clonedFrom ? `, cloned from ${r.clonedFrom}` : ''}${r.enablePasswordSync ? ', password sync' : ''}`,
    'scoping filter:',
    ...(r.scopingFilter.length ? r.scopingFilter.map((g, i) => `  ${i ? 'or ' : ''}${g.map((c) => `${c.attribute} ${c.operator}${c.value ? ` ${c.value}` : ''}`).join(' and ')}`) : ['  (every object)']),
    'join rules:',
    ...(r.joinRules.length ? r.joinRules.map((g, i) => `  ${i + 1}. ${g.map((c) => `${c.csAttribute} = ${c.mvAttribute}${c.caseSensitive ? ' (case-sensitive)' : ''}`).join(' and ')}`) : ['  (none)']),
    'transformations:',
    ...(r.attributeFlows.length
      ? r.attributeFlows.map((f) => `  ${f.destination} ← ${f.flowType === 'Direct' ? f.sources.join(', ') : f.flowType === 'Constant' ? `"${f.expression ?? f.sources[0] ?? ''}"` : f.expression}  (${f.flowType}, ${f.mergeType}${f.executeOnce ? ', apply once' : ''})`)
      : ['  (none)']),
  ];
  return lines.filter((l) => l !== '').join('\n');
}

/** Problems one per line, with their path. */
export function problemLines(problems: readonly RuleProblem[]): string {
  return problems.map((p) => `  ${p.path}: ${p.message}`).join('\n');
}

/** A rule test as a person reads it. */
export function ruleTestText(t: RuleTestResult): string {
  const flow = (f: RuleTestResult['flows'][number]) =>
    `  ${f.destination} ← ${f.source} (${f.flowType}): ${f.outcome === 'values' ? values(f.values) : f.outcome === 'error' ? `error ${f.error?.code}: ${f.error?.message}` : f.outcome.toUpperCase()}`;
  return [
    `"${t.rule.name}" on ${t.object.label} (${t.object.objectType}${t.object.connector ? ` in ${t.object.connector}` : ''})`,
    ...(t.applies ? [] : [`does not apply: ${t.reason}`]),
    `scope: ${t.scoping.inScope ? 'in scope' : 'out of scope'}${t.scoping.groups.length ? '' : ' (no scoping filter)'}`,
    ...t.scoping.groups.flatMap((g, i) => [
      `  group ${i + 1}: ${g.holds ? 'holds' : 'fails'}`,
      ...g.clauses.map((c) => `    ${c.holds ? 'yes' : 'no '} ${c.attribute} ${c.operator}${c.value ? ` ${c.value}` : ''}  (value: ${values(c.actual)})`),
    ]),
    `join: ${t.join.outcome}${t.join.linkedTo ? ` (linked to ${t.join.linkedTo})` : ''}`,
    ...t.join.groups.map((g, i) => `  group ${i + 1}: ${g.clauses.map((c) => `${c.csAttribute}=${c.mvAttribute} [${values(c.values)}]`).join(' and ')} → ${g.candidates.length} candidate(s)${g.candidates.length ? `: ${g.candidates.join(', ')}` : ''}`),
    'transformations:',
    ...t.flows.map(flow),
  ].join('\n');
}
