// The Attributes tab of a metaverse object: one row per value, with the connector and rule that contributed it.
import type { MvObjectDetail } from '../../../shared/model/metaverse.ts';
import { formatValue } from '../components/values.ts';

export interface MvAttributeRow {
  readonly key: string;
  readonly attribute: string;
  readonly value: string;
  readonly connector: string;
  readonly rule: string;
  /** Triage hints (spec: cloudFiltered, missing sourceAnchor). */
  readonly highlight: string;
}

function hint(attribute: string, value: string): string {
  if (attribute === 'cloudFiltered' && value.toLowerCase() === 'true') return 'Filtered from the cloud';
  return '';
}

/**
 * Rows of the attribute grid. Contributors are listed per attribute, not per value; with one contributor every
 * value is attributed to it, with several the names are joined, since the API does not say which value came from whom.
 */
export function mvAttributeRows(detail: Pick<MvObjectDetail, 'attributes' | 'objectType'>): MvAttributeRow[] {
  const rows: MvAttributeRow[] = [];
  for (const a of [...detail.attributes].sort((x, y) => x.attribute.localeCompare(y.attribute))) {
    const connector = [...new Set(a.contributors.map((c) => c.connector))].join(', ');
    const rule = [...new Set(a.contributors.map((c) => c.ruleName))].join(', ');
    a.values.forEach((v, i) => {
      const value = formatValue(v);
      rows.push({ key: `${a.attribute}#${i}`, attribute: a.attribute, value, connector, rule, highlight: hint(a.attribute, value) });
    });
  }
  return rows;
}

/**
 * The triage hint about provisioning to Microsoft Entra ID, shown beside the attributes (never as one of them):
 * only when an Entra connector exists, the object is a person, it has no sourceAnchor and nothing joins it there.
 */
export function cloudProvisioningHint(detail: Pick<MvObjectDetail, 'attributes' | 'objectType' | 'connectors'>, entraConnectors: readonly string[]): string | null {
  if (entraConnectors.length === 0 || detail.objectType !== 'person') return null;
  if (detail.attributes.some((a) => a.attribute === 'sourceAnchor' && a.values.length > 0)) return null;
  if (detail.connectors.some((c) => entraConnectors.includes(c.connector))) return null;
  return `This person has no sourceAnchor, so nothing provisions it to ${entraConnectors.join(', ')}.`;
}
