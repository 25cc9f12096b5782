// The difference between two rules (a clone and its original), field by field, scoping group by group and
// transformation by target attribute, for the diff view.
import type { AttributeFlow, SyncRule } from '../../../shared/model/sync-rules.ts';

export interface DiffRow {
  readonly id: string;
  readonly section: 'Description' | 'Scoping filter' | 'Join rules' | 'Transformations';
  readonly item: string;
  readonly original: string;
  readonly changed: string;
  readonly change: 'added' | 'removed' | 'changed';
}

const flowText = (f: AttributeFlow) =>
  `${f.flowType === 'Direct' ? f.sources.join(', ') : f.flowType === 'Constant' ? `"${f.expression ?? f.sources[0] ?? ''}"` : (f.expression ?? '')} (${f.flowType}, ${f.mergeType}${f.executeOnce ? ', apply once' : ''})`;

function lines<T>(section: DiffRow['section'], label: (i: number) => string, a: readonly T[], b: readonly T[], text: (v: T) => string): DiffRow[] {
  const out: DiffRow[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] === undefined ? '' : text(a[i]!);
    const y = b[i] === undefined ? '' : text(b[i]!);
    if (x === y) continue;
    out.push({ id: `${section}/${i}`, section, item: label(i), original: x, changed: y, change: a[i] === undefined ? 'added' : b[i] === undefined ? 'removed' : 'changed' });
  }
  return out;
}

/** Every difference from `original` to `changed`; empty when they do the same thing. */
export function diffRules(original: SyncRule, changed: SyncRule): DiffRow[] {
  const rows: DiffRow[] = [];
  const fields: [string, (r: SyncRule) => string][] = [
    ['Name', (r) => r.name], ['Description', (r) => r.description ?? ''], ['Connector', (r) => r.connector.name], ['Direction', (r) => r.direction],
    ['Source object type', (r) => r.sourceObjectType], ['Target object type', (r) => r.targetObjectType], ['Link type', (r) => r.linkType],
    ['Precedence', (r) => String(r.precedence)], ['Tag', (r) => r.immutableTag ?? ''], ['Disabled', (r) => (r.disabled ? 'yes' : 'no')],
    ['Enable password sync', (r) => (r.enablePasswordSync ? 'yes' : 'no')],
  ];
  for (const [item, get] of fields) {
    if (get(original) !== get(changed)) rows.push({ id: `Description/${item}`, section: 'Description', item, original: get(original), changed: get(changed), change: 'changed' });
  }
  rows.push(...lines('Scoping filter', (i) => `Group ${i + 1}`, original.scopingFilter, changed.scopingFilter, (g) => g.map((c) => `${c.attribute} ${c.operator}${c.value ? ` ${c.value}` : ''}`).join(' AND ')));
  rows.push(...lines('Join rules', (i) => `Group ${i + 1}`, original.joinRules, changed.joinRules, (g) => g.map((c) => `${c.csAttribute} = ${c.mvAttribute}${c.caseSensitive ? ' (case-sensitive)' : ''}`).join(' AND ')));
  const byTarget = (r: SyncRule) => new Map(r.attributeFlows.map((f) => [f.destination.toLowerCase(), f]));
  const a = byTarget(original);
  const b = byTarget(changed);
  const targets = new Map([...changed.attributeFlows, ...original.attributeFlows].map((f) => [f.destination.toLowerCase(), f.destination]));
  for (const t of targets.values()) {
    const x = a.get(t.toLowerCase());
    const y = b.get(t.toLowerCase());
    const tx = x ? flowText(x) : '';
    const ty = y ? flowText(y) : '';
    if (tx === ty) continue;
    rows.push({ id: `Transformations/${t.toLowerCase()}`, section: 'Transformations', item: t, original: tx, changed: ty, change: !x ? 'added' : !y ? 'removed' : 'changed' });
  }
  return rows;
}
