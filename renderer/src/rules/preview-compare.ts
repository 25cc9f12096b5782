// Side by side: one object synchronized with the current rules and with the edited rule, as rows that say
// what differs (scope, join, each attribute flowing in or out).
import type { FlowOutcome, PreviewResult } from '../../../shared/model/preview.ts';
import type { RulePreview } from '../../../shared/model/rules-editor.ts';
import { formatValues } from '../components/values.ts';

export interface CompareRow {
  readonly id: string;
  readonly section: string;
  readonly item: string;
  readonly current: string;
  readonly edited: string;
  readonly differs: boolean;
}

const flowCell = (f: FlowOutcome | undefined) => (f ? `${formatValues(f.newValues) || '(none)'}${f.ruleName ? `  ← ${f.ruleName}` : ''}` : '(no flow)');

function flows(section: string, a: readonly FlowOutcome[], b: readonly FlowOutcome[]): CompareRow[] {
  const names = [...new Set([...a, ...b].map((f) => f.attribute))].sort((x, y) => x.localeCompare(y));
  return names.map((n) => {
    const current = flowCell(a.find((f) => f.attribute === n));
    const edited = flowCell(b.find((f) => f.attribute === n));
    return { id: `${section}/${n}`, section, item: n, current, edited, differs: current !== edited };
  });
}

const joinText = (r: PreviewResult) => `${r.join.action}${r.join.ruleName ? ` by "${r.join.ruleName}"` : ''}${r.join.mvId ? ` (metaverse ${r.join.mvId})` : ''}`;

/** Every row of the comparison, differing rows marked. */
export function compareRows(p: RulePreview): CompareRow[] {
  const rows: CompareRow[] = [];
  const scopeNames = [...new Set([...p.current.scoping, ...p.edited.scoping].map((s) => s.ruleName))];
  for (const name of scopeNames) {
    const a = p.current.scoping.find((s) => s.ruleName === name);
    const b = p.edited.scoping.find((s) => s.ruleName === name);
    const text = (s: typeof a) => (s ? (s.inScope ? 'in scope' : 'out of scope') : '(not evaluated)');
    rows.push({ id: `scope/${name}`, section: 'Scope', item: name, current: text(a), edited: text(b), differs: text(a) !== text(b) });
  }
  rows.push({ id: 'join', section: 'Join', item: 'Join or projection', current: joinText(p.current), edited: joinText(p.edited), differs: joinText(p.current) !== joinText(p.edited) });
  rows.push(...flows('Import flow', p.current.importFlows, p.edited.importFlows));
  const targets = [...new Set([...p.current.outbound, ...p.edited.outbound].map((o) => o.connector))];
  for (const t of targets) {
    const a = p.current.outbound.find((o) => o.connector === t);
    const b = p.edited.outbound.find((o) => o.connector === t);
    const act = (o: typeof a) => (o ? `${o.action}${o.dn ? ` ${o.dn}` : ''}` : '(nothing)');
    rows.push({ id: `out/${t}`, section: `Export to ${t}`, item: 'Action', current: act(a), edited: act(b), differs: act(a) !== act(b) });
    rows.push(...flows(`Export to ${t}`, a?.exportFlows ?? [], b?.exportFlows ?? []));
  }
  const err = (r: PreviewResult) => (r.error ? `${r.error.code}: ${r.error.message}` : 'none');
  rows.push({ id: 'error', section: 'Errors', item: 'Synchronization error', current: err(p.current), edited: err(p.edited), differs: err(p.current) !== err(p.edited) });
  return rows;
}
