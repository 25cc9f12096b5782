// Evaluation of one metaverse search clause against an attribute's values.
import type { MvClause } from '../../shared/model/metaverse.ts';
import type { StoredValue } from '../model/stored-values.ts';
import { valueText } from '../model/stored-values.ts';

/** True when the values satisfy the clause (text comparisons are case-insensitive; numbers compare numerically). */
export function matchesClause(values: readonly StoredValue[] | undefined, clause: MvClause): boolean {
  const vals = values ?? [];
  const want = clause.value.toLowerCase();
  const texts = vals.map((v) => valueText(v).toLowerCase());
  switch (clause.operator) {
    case 'is-present':
      return vals.length > 0;
    case 'is-not-present':
      return vals.length === 0;
    case 'equals':
      return texts.includes(want);
    case 'not-equals':
      return !texts.includes(want);
    case 'starts-with':
      return texts.some((t) => t.startsWith(want));
    case 'ends-with':
      return texts.some((t) => t.endsWith(want));
    case 'contains':
      return texts.some((t) => t.includes(want));
    case 'not-contains':
      return !texts.some((t) => t.includes(want));
    case 'less-than':
      return texts.some((t) => compare(t, want) < 0);
    case 'greater-than':
      return texts.some((t) => compare(t, want) > 0);
  }
}

function compare(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (a !== '' && b !== '' && !Number.isNaN(x) && !Number.isNaN(y)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}
