// The rule fields `idsync rules add|edit` take as flags (as New-ADSyncRule and its helper cmdlets do), so a rule
// is built from the command line without writing a file:
//   --scope "extensionAttribute15 EQUAL NoSync AND department ISNOTNULL"   one scoping group (repeat: ORed)
//   --join "employeeId=employeeID"  (== for case-sensitive; AND inside a group; repeat: the next group)
//   --flow "cloudFiltered <- Constant: True" | "givenName <- Expression: PCase([givenName])" | "department <- Direct: department"
import { AttributeFlow, JoinCondition, MergeType, ScopingCondition, ScopingOperator, type SyncRule, type SyncRuleInput } from '../../../shared/model/sync-rules.ts';
import { CliError } from '../output.ts';

/** Flags of `rules add` and `rules edit`. */
export interface RuleFlags {
  name?: string;
  description?: string;
  connector?: string;
  direction?: string;
  csType?: string;
  mvType?: string;
  linkType?: string;
  precedence?: string;
  scope: string[];
  addScope: string[];
  join: string[];
  flow: string[];
  removeFlow: string[];
  applyOnce: string[];
  merge: string[];
  disabled?: boolean;
  enabled?: boolean;
  passwordSync?: boolean;
}

const collect = (v: string, prev: string[]) => [...prev, v];
/** Commander declarations of the rule flags: [flags, description, parser?, default?]. */
export const RULE_FLAG_OPTIONS: readonly (readonly [string, string] | readonly [string, string, typeof collect, string[]])[] = [
  ['--name <name>', 'rule name'],
  ['--description <text>', 'description'],
  ['--connector <name>', 'connector (connected system)'],
  ['--direction <dir>', 'Inbound (default) or Outbound'],
  ['--cs-type <type>', 'connected system object type (e.g. user)'],
  ['--mv-type <type>', 'metaverse object type (e.g. person)'],
  ['--link-type <type>', 'Join (default), StickyJoin or Provision'],
  ['--precedence <n>', 'precedence (1–99 for custom rules)'],
  ['--scope <clauses>', 'scoping group "attr OPERATOR value AND …"; replaces the filter, repeat for ORed groups', collect, []],
  ['--add-scope <clauses>', 'adds a scoping group to the filter (repeatable)', collect, []],
  ['--join <clauses>', 'join group "csAttr=mvAttr AND …" (== case-sensitive); replaces the join rules, repeat for more groups', collect, []],
  ['--flow <flow>', 'transformation "target <- Direct|Constant|Expression: source"; replaces the one with that target (repeatable)', collect, []],
  ['--remove-flow <target>', 'removes the transformation to this target (repeatable)', collect, []],
  ['--apply-once <target>', 'apply the transformation to this target only when the object is created (repeatable)', collect, []],
  ['--merge <target=type>', 'merge type of a transformation: Update, Merge, MergeCaseInsensitive, Replace (repeatable)', collect, []],
  ['--disabled', 'the rule is disabled'],
  ['--enabled', 'the rule is enabled'],
  ['--password-sync', 'enable password sync on the rule'],
];

/** Parses one scoping group. */
export function parseScope(text: string): ScopingCondition[] {
  return text.split(/\s+AND\s+/i).map((part) => {
    const m = /^\s*(\S+)\s+(\S+)\s*(.*?)\s*$/.exec(part);
    const op = m ? ScopingOperator.safeParse(m[2]!.toUpperCase()) : null;
    if (!m || !op?.success) throw new CliError(`--scope "${part}": expected "attribute OPERATOR value" with OPERATOR one of ${ScopingOperator.options.join(', ')}`);
    return ScopingCondition.parse({ attribute: m[1], operator: op.data, value: m[3]!.replace(/^"(.*)"$/, '$1') });
  });
}

/** Parses one join group. */
export function parseJoin(text: string): JoinCondition[] {
  return text.split(/\s+AND\s+/i).map((part) => {
    const m = /^\s*([^=\s]+)\s*(==?)\s*([^=\s]+)\s*$/.exec(part);
    if (!m) throw new CliError(`--join "${part}": expected csAttribute=mvAttribute (== for a case-sensitive match)`);
    return JoinCondition.parse({ csAttribute: m[1], mvAttribute: m[3], caseSensitive: m[2] === '==' });
  });
}

/** Parses one transformation. */
export function parseFlow(text: string): AttributeFlow {
  const m = /^\s*([^\s<]+)\s*<-\s*(Direct|Constant|Expression)\s*:\s*(.*?)\s*$/is.exec(text);
  if (!m) throw new CliError(`--flow "${text}": expected "target <- Direct: source", "target <- Constant: value" or "target <- Expression: text"`);
  const kind = (m[2]![0]!.toUpperCase() + m[2]!.slice(1).toLowerCase()) as AttributeFlow['flowType'];
  const body = m[3]!;
  if (kind === 'Direct') return AttributeFlow.parse({ destination: m[1], flowType: kind, sources: [body] });
  return AttributeFlow.parse({ destination: m[1], flowType: kind, sources: [], expression: body });
}

function titleCase(v: string, allowed: readonly string[], flag: string): string {
  const found = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
  if (!found) throw new CliError(`${flag} must be one of ${allowed.join(', ')}, not "${v}"`);
  return found;
}

/** Applies the flags to a rule (a new one starts from `base`); the engine validates the result. */
export function applyRuleFlags(base: SyncRuleInput, f: RuleFlags): SyncRuleInput {
  const r: SyncRuleInput = structuredClone(base);
  if (f.name !== undefined) r.name = f.name;
  if (f.description !== undefined) r.description = f.description;
  if (f.connector !== undefined) r.connector = { id: '', name: f.connector };
  if (f.direction !== undefined) r.direction = titleCase(f.direction, ['Inbound', 'Outbound'], '--direction') as SyncRule['direction'];
  const inbound = r.direction === 'Inbound';
  if (f.csType !== undefined) r[inbound ? 'sourceObjectType' : 'targetObjectType'] = f.csType;
  if (f.mvType !== undefined) r[inbound ? 'targetObjectType' : 'sourceObjectType'] = f.mvType;
  if (f.linkType !== undefined) r.linkType = titleCase(f.linkType, ['Join', 'StickyJoin', 'Provision'], '--link-type') as SyncRule['linkType'];
  if (f.precedence !== undefined) {
    if (!/^\d+$/.test(f.precedence)) throw new CliError(`--precedence must be a whole number, not "${f.precedence}"`);
    r.precedence = Number(f.precedence);
  }
  if (f.scope.length) r.scopingFilter = f.scope.map(parseScope);
  if (f.addScope.length) r.scopingFilter = [...(r.scopingFilter ?? []), ...f.addScope.map(parseScope)];
  if (f.join.length) r.joinRules = f.join.map(parseJoin);
  let flows = [...(r.attributeFlows ?? [])];
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  for (const target of f.removeFlow) {
    if (!flows.some((x) => same(x.destination, target))) throw new CliError(`--remove-flow ${target}: the rule has no transformation to "${target}"`);
    flows = flows.filter((x) => !same(x.destination, target));
  }
  for (const text of f.flow) {
    const flow = parseFlow(text);
    const at = flows.findIndex((x) => same(x.destination, flow.destination));
    if (at >= 0) flows[at] = flow;
    else flows.push(flow);
  }
  const target = (t: string, flag: string) => {
    const x = flows.find((y) => same(y.destination, t));
    if (!x) throw new CliError(`${flag} ${t}: the rule has no transformation to "${t}"`);
    return x;
  };
  for (const t of f.applyOnce) target(t, '--apply-once').executeOnce = true;
  for (const m of f.merge) {
    const [t, type] = m.split('=');
    if (!t || !type) throw new CliError(`--merge "${m}": expected target=type`);
    target(t, '--merge').mergeType = titleCase(type, MergeType.options, '--merge') as AttributeFlow['mergeType'];
  }
  r.attributeFlows = flows;
  if (f.disabled) r.disabled = true;
  if (f.enabled) r.disabled = false;
  if (f.passwordSync) r.enablePasswordSync = true;
  return r;
}
