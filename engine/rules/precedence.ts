// Precedence placement (spec §3.8): unique precedences, and insertion before another rule.
import type { SyncRule } from '../../shared/model/sync-rules.ts';

/**
 * Places `rule` among `existing` (which may contain an older version of it). Returns the rule with its final
 * precedence and the other rules whose precedence moved. Throws when the precedence is taken.
 */
export function placeRule(rule: SyncRule, existing: readonly SyncRule[]): { rule: SyncRule; moved: SyncRule[] } {
  const others = existing.filter((r) => r.id !== rule.id);
  if (rule.precedence === 0 && rule.precedenceBefore) {
    const anchor = others.find((r) => r.id === rule.precedenceBefore);
    if (!anchor) throw new Error(`precedenceBefore names no existing rule (${rule.precedenceBefore})`);
    const at = anchor.precedence;
    const moved = others.filter((r) => r.precedence >= at).map((r) => ({ ...r, precedence: r.precedence + 1 }));
    return { rule: { ...rule, precedence: at }, moved };
  }
  const clash = others.find((r) => r.precedence === rule.precedence);
  if (clash) throw new Error(`Precedence ${rule.precedence} is already used by rule "${clash.name}"; choose an unused value`);
  return { rule, moved: [] };
}
