// The rule as the editor holds it while it is changed: rows carry stable keys (so an expression editor keeps its
// state when a row above it is removed), numbers are text until saved, and problems are looked up by field path.
import type { AttributeFlow, JoinCondition, ScopingCondition, ScopingOperator, SyncRule } from '../../../shared/model/sync-rules.ts';
import type { RuleProblem } from '../../../shared/model/rules-editor.ts';

export type Keyed<T> = T & { readonly key: number };

export interface RuleDraft {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly immutableTag: string;
  readonly direction: SyncRule['direction'];
  readonly precedence: string;
  readonly precedenceBefore: string;
  readonly connector: SyncRule['connector'];
  readonly sourceObjectType: string;
  readonly targetObjectType: string;
  readonly linkType: SyncRule['linkType'];
  readonly disabled: boolean;
  readonly enablePasswordSync: boolean;
  readonly scopingFilter: readonly Keyed<{ clauses: readonly Keyed<ScopingCondition>[] }>[];
  readonly joinRules: readonly Keyed<{ clauses: readonly Keyed<JoinCondition>[] }>[];
  readonly attributeFlows: readonly Keyed<AttributeFlow>[];
  readonly clonedFrom: string;
}

let nextKey = 1;
/** A key no other row of this console session has. */
export function newKey(): number {
  return nextKey++;
}

const keyed = <T extends object>(v: T): Keyed<T> => ({ ...v, key: newKey() });

/** The draft of a saved rule. */
export function fromRule(r: SyncRule): RuleDraft {
  return {
    id: r.id, name: r.name, description: r.description ?? '', immutableTag: r.immutableTag ?? '', direction: r.direction, precedence: String(r.precedence),
    precedenceBefore: r.precedenceBefore ?? '', connector: r.connector, sourceObjectType: r.sourceObjectType, targetObjectType: r.targetObjectType,
    linkType: r.linkType, disabled: r.disabled, enablePasswordSync: r.enablePasswordSync,
    scopingFilter: r.scopingFilter.map((g) => keyed({ clauses: g.map(keyed) })),
    joinRules: r.joinRules.map((g) => keyed({ clauses: g.map(keyed) })),
    attributeFlows: r.attributeFlows.map(keyed),
    clonedFrom: r.clonedFrom ?? '',
  };
}

/** A new rule: inbound, Join, a fresh id, the first free custom precedence. */
export function newRuleDraft(id: string, precedence: number, connector: SyncRule['connector'] | null): RuleDraft {
  return {
    id, name: '', description: '', immutableTag: '', direction: 'Inbound', precedence: String(precedence), precedenceBefore: '',
    connector: connector ?? { id: '', name: '' }, sourceObjectType: '', targetObjectType: '', linkType: 'Join', disabled: false, enablePasswordSync: false,
    scopingFilter: [], joinRules: [], attributeFlows: [], clonedFrom: '',
  };
}

const strip = <T extends { key: number }>({ key: _key, ...rest }: T): Omit<T, 'key'> => rest;

/** The rule the draft stands for, as the API takes it (the engine validates it). */
export function toRule(d: RuleDraft): SyncRule {
  const precedence = /^\s*\d+\s*$/.test(d.precedence) ? Number(d.precedence) : Number.NaN;
  return {
    id: d.id, name: d.name.trim(), ...(d.description ? { description: d.description } : {}), ...(d.immutableTag ? { immutableTag: d.immutableTag } : {}),
    direction: d.direction, precedence, ...(d.precedenceBefore ? { precedenceBefore: d.precedenceBefore } : {}), connector: d.connector,
    sourceObjectType: d.sourceObjectType.trim(), targetObjectType: d.targetObjectType.trim(), linkType: d.linkType, disabled: d.disabled,
    enablePasswordSync: d.enablePasswordSync,
    scopingFilter: d.scopingFilter.map((g) => g.clauses.map(strip)),
    joinRules: d.joinRules.map((g) => g.clauses.map(strip)),
    attributeFlows: d.attributeFlows.map((f) => {
      const flow = strip(f);
      // A Direct flow has no expression, and a Constant its value in `expression`.
      return flow.flowType === 'Direct' ? { ...flow, expression: undefined } : flow;
    }),
    ...(d.clonedFrom ? { clonedFrom: d.clonedFrom } : {}),
  };
}

/** A new scoping clause. */
export function newScopingClause(): Keyed<ScopingCondition> {
  return keyed({ attribute: '', operator: 'EQUAL' as ScopingOperator, value: '' });
}

/** A new join clause. */
export function newJoinClause(): Keyed<JoinCondition> {
  return keyed({ csAttribute: '', mvAttribute: '', caseSensitive: false });
}

/** A new transformation. */
export function newFlow(): Keyed<AttributeFlow> {
  return keyed({ destination: '', sources: [], flowType: 'Direct' as const, mergeType: 'Update' as const, executeOnce: false });
}

/** The editor's pages, and which field paths each one shows. */
export const PAGES = [
  { id: 'description', label: 'Description', owns: (p: string) => !/^(scopingFilter|joinRules|attributeFlows)/.test(p) },
  { id: 'scoping', label: 'Scoping filter', owns: (p: string) => p.startsWith('scopingFilter') },
  { id: 'join', label: 'Join rules', owns: (p: string) => p.startsWith('joinRules') },
  { id: 'transformations', label: 'Transformations', owns: (p: string) => p.startsWith('attributeFlows') },
] as const;
export type PageId = (typeof PAGES)[number]['id'];

/** The problems of one field (`attributeFlows[1].expression`) and of the row or group it sits in when asked. */
export function problemsAt(problems: readonly RuleProblem[], path: string): string | undefined {
  const found = problems.filter((p) => p.path === path).map((p) => p.message);
  return found.length ? found.join('; ') : undefined;
}

/** The number of problems on each page. */
export function problemsByPage(problems: readonly RuleProblem[]): Record<PageId, number> {
  const out = { description: 0, scoping: 0, join: 0, transformations: 0 } as Record<PageId, number>;
  for (const p of problems) out[PAGES.find((pg) => pg.owns(p.path))!.id]++;
  return out;
}

/** The free precedences below the standard rules, highest first: the suggestions for a custom rule or clone. */
export function freeCustomPrecedences(rules: readonly SyncRule[], limit = 5): number[] {
  const used = new Set(rules.map((r) => r.precedence));
  const out: number[] = [];
  for (let p = 99; p >= 1 && out.length < limit; p--) if (!used.has(p)) out.push(p);
  return out;
}

/** The lowest free precedence at or above 1 (for a new rule when the custom range is full, the first free one). */
export function firstFreePrecedence(rules: readonly SyncRule[]): number {
  const used = new Set(rules.map((r) => r.precedence));
  let p = 1;
  while (used.has(p)) p++;
  return p;
}
