// Lineage of one connector space object: which metaverse attributes it supplied, through which rule.
import type { MvObjectDetail } from '../../../shared/model/metaverse.ts';
import { formatValues } from '../components/values.ts';

export interface ContributionRow {
  readonly attribute: string;
  readonly values: string;
  readonly ruleName: string;
  /** Other objects that also contribute to the attribute (their connectors), when any. */
  readonly sharedWith: string;
}

/** The metaverse attributes the given CS object contributes to, by attribute name. */
export function contributionsOf(mv: Pick<MvObjectDetail, 'attributes'>, csId: string, connector: string): ContributionRow[] {
  const mine = (c: { csId: string; connector: string; connectorId: string }) => c.csId === csId && (c.connector === connector || c.connectorId === connector);
  return mv.attributes
    .filter((a) => a.contributors.some(mine))
    .map((a) => ({
      attribute: a.attribute,
      values: formatValues(a.values),
      ruleName: [...new Set(a.contributors.filter(mine).map((c) => c.ruleName))].join(', '),
      sharedWith: [...new Set(a.contributors.filter((c) => !mine(c)).map((c) => c.connector))].join(', '),
    }))
    .sort((x, y) => x.attribute.localeCompare(y.attribute));
}
