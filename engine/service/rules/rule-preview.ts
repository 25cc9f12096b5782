// The preview of a rule change on one object: the object synchronized with the rules as stored, and again with
// the edited rule in their place (nothing is written), for the editor to show side by side.
import type { SyncRule } from '../../../shared/model/sync-rules.ts';
import type { PreviewResult } from '../../../shared/model/preview.ts';
import type { RulePreview } from '../../../shared/model/rules-editor.ts';
import type { SyncEngine } from '../../sync/engine.ts';
import { RuleSet } from '../../rules/rule-set.ts';
import { FlowError } from '../../rules/flow-value.ts';
import { buildSyncEnv } from '../../sync/sync-env-builder.ts';
import { newTrace, type SyncTrace } from '../../sync/sync-env.ts';
import { syncObject } from '../../sync/object-sync.ts';
import { WorkingSet } from '../../sync/working-set.ts';
import { previewResult } from '../../sync/presenters.ts';

/** Store number the edited rule takes while it is not saved (no stored rule has it). */
const UNSAVED_SEQ = Number.MAX_SAFE_INTEGER;

/** Previews `edited` on one CS object next to the current rules. */
export function previewRuleChange(engine: SyncEngine, edited: SyncRule, connector: string, ref: { id?: string; dn?: string }): RulePreview {
  const store = engine.store;
  const current = previewResult(store, engine.preview(connector, ref, false), 'full');

  const cs = engine.csObject(connector, ref);
  const stored = store.rules.list();
  const seq = stored.find((r) => r.rule.id === edited.id)?.seq ?? UNSAVED_SEQ;
  const rules = [...stored.filter((r) => r.rule.id !== edited.id), { seq, rule: edited }];
  const connectors = store.connectors.list().map((c) => ({ seq: c.seq, id: c.id, name: c.name, createdAt: c.createdAt }));
  const env = { ...buildSyncEnv(store, null), rules: new RuleSet(rules, connectors, store.schema.get()) };
  const ws = new WorkingSet(store);
  const trace = newTrace();
  let error: { code: string; message: string } | null = null;
  try {
    syncObject(env, ws, structuredClone(cs), null, trace);
  } catch (err) {
    error = { code: err instanceof FlowError ? err.code : 'unexpected-error', message: err instanceof Error ? err.message : String(err) };
  }
  const after = ws.csById(cs.id);
  const result = previewResult(store, { cs, stateAfter: after?.state ?? cs.state, trace, error, committed: false }, 'full');
  return { current, edited: nameEditedRule(result, trace, seq, edited) };
}

/** The presenter names rules from the store; the edited rule's entries take its edited id and name. */
function nameEditedRule(result: PreviewResult, trace: SyncTrace, seq: number, rule: SyncRule): PreviewResult {
  const mine = { ruleId: rule.id, ruleName: rule.name };
  return {
    ...result,
    scoping: result.scoping.map((s, i) => (trace.scoping[i]?.ruleSeq === seq ? { ...s, ...mine } : s)),
    join: trace.join.ruleSeq === seq ? { ...result.join, ruleName: rule.name } : result.join,
    importFlows: result.importFlows.map((f, i) => (trace.importFlows[i]?.ruleSeq === seq ? { ...f, ...mine } : f)),
    outbound: result.outbound.map((o, i) => ({
      ...o,
      exportFlows: o.exportFlows.map((f, j) => (trace.outbound[i]?.exportFlows[j]?.ruleSeq === seq ? { ...f, ...mine } : f)),
    })),
  };
}
