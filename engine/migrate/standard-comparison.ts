// How an exported rule relates to Microsoft's standard rules: a standard rule is compared with Microsoft's rule
// of the same immutable tag (a difference is a customer change); at another tag version only "version drift"
// can be said. A custom rule that copies most of a standard rule is a clone (the Rules Editor's "edit" of a
// standard rule), compared with the standard rule it came from.
import type { RuleComparison, RuleDiff } from '../../shared/model/migration.ts';
import type { SyncRule } from '../../shared/model/sync-rules.ts';
import { tagBase } from '../rules/defaults/standard-rules.ts';
import { flowOverlap, ruleDifferences } from './rule-diff.ts';

export interface Comparison {
  readonly kind: RuleComparison;
  readonly diff: Omit<RuleDiff, 'rule' | 'sourceId'> | null;
}

type References = ReadonlyMap<string, { rule: SyncRule; side: 'ad' | 'aad' }>;

const version = (tag: string) => /\.(\d+)$/.exec(tag)?.[1] ?? '?';

function compareStandard(src: SyncRule, references: References | null): Comparison {
  const tag = src.immutableTag!;
  if (!references) return { kind: 'no-reference', diff: null };
  const same = references.get(tag);
  if (same) {
    const differences = ruleDifferences(src, same.rule);
    if (differences.length === 0) return { kind: 'same', diff: null };
    return {
      kind: 'customer-change',
      diff: { kind: 'customer-change', reference: tag, summary: `changed by the customer: ${differences.length} difference${differences.length > 1 ? 's' : ''} from Microsoft's rule at tag ${tag}`, differences },
    };
  }
  const other = [...references.entries()].find(([t]) => tagBase(t) === tagBase(tag));
  if (!other) return { kind: 'no-reference', diff: null };
  const differences = ruleDifferences(src, other[1].rule);
  return {
    kind: 'version-drift',
    diff: {
      kind: 'version-drift', reference: other[0],
      summary: `version drift (tag .${version(tag)} vs .${version(other[0])}): compared with IdSync's rule at another version of the tag, ${differences.length ? `so the ${differences.length} difference${differences.length === 1 ? '' : 's'} below ${differences.length === 1 ? 'is not a customer change' : 'are not customer changes'}` : 'which says the same'}`,
      differences,
    },
  };
}

function sameShape(a: SyncRule, b: SyncRule): boolean {
  return a.direction === b.direction && a.connector.id === b.connector.id
    && a.sourceObjectType.toLowerCase() === b.sourceObjectType.toLowerCase() && a.targetObjectType.toLowerCase() === b.targetObjectType.toLowerCase();
}

/** The exported standard rule a custom rule was cloned from: same shape and the name, else most of the flows. */
function cloneSource(src: SyncRule, standards: readonly SyncRule[]): SyncRule | null {
  const candidates = standards.filter((s) => sameShape(src, s));
  const named = candidates.filter((s) => src.name.toLowerCase().includes(s.name.toLowerCase())).sort((a, b) => b.name.length - a.name.length)[0];
  if (named) return named;
  const scored = candidates.map((s) => ({ s, score: flowOverlap(src, s) })).filter((x) => x.score >= 0.5).sort((a, b) => b.score - a.score);
  return scored[0]?.s ?? null;
}

/** The comparison of one exported rule; `standards` are the export's standard rules (a clone's possible sources). */
export function standardComparison(src: SyncRule, standard: boolean, references: References | null, standards: readonly SyncRule[]): Comparison {
  if (standard) return compareStandard(src, references);
  const origin = cloneSource(src, standards);
  if (!origin) return { kind: 'custom', diff: null };
  const differences = ruleDifferences(src, origin);
  const state = origin.disabled ? 'the original is disabled, as the Rules Editor leaves it' : 'the original is still enabled, so both rules apply';
  return {
    kind: 'clone',
    diff: {
      kind: 'clone', reference: `${origin.name} (${origin.immutableTag})`,
      summary: `clone of "${origin.name}" at precedence ${src.precedence} (${state}); ${differences.length} difference${differences.length === 1 ? '' : 's'} from it`,
      differences,
    },
  };
}
