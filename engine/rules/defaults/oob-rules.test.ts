// The generated default rules against the 62 rules exported from an Entra Connect server (Microsoft's sample
// data, read from beside the repository), with every intended difference listed explicitly.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AttributeFlow, SyncRule } from '../../../shared/model/sync-rules.ts';
import { validate } from '../../expressions/index.ts';
import { generateDefaultRules } from './generate.ts';
import type { DefaultsOptionsInput } from './options.ts';
import { USER_EXCHANGE_ADDITIONS } from './inbound-ad.ts';
import { sampleData } from '../../test-data/sample-data.ts';

const data = sampleData('entra-connect-oob-rules.json');

interface ShippedRule extends Omit<SyncRule, 'precedenceBefore'> { description?: string }

const AD = { connectorId: '{ae4db4cc-b16b-4eb2-acf5-837ca84e4d7d}', connectorName: 'contoso.com' };
const AAD = { connectorId: '{b891884f-051e-4a83-95af-2544101c9083}', connectorName: 'contoso.onmicrosoft.com - AAD' };
/** The choices of the exported server: objectGUID anchor, ObjectSID matching, 2016 group limit, Entra Connect's own connector. */
const AS_EXPORTED: DefaultsOptionsInput = { forests: [AD], entra: AAD, sourceAnchor: 'objectGUID', userMatching: 'objectSid', groupMemberLimit: 50_000, target: 'entra-connect' };

/** Flows added on purpose (the ms-DS-ConsistencyGuid-era rule set, Appendix A), by rule name. */
const ADDED_FLOWS: Record<string, string[]> = {
  'In from AD - User Common from Exchange': ['employeeID'],
  'In from AD - InetOrgPerson Common from Exchange': ['employeeID'],
  'In from AD - User Common': ['employeeID'],
  'In from AD - InetOrgPerson Common': ['employeeID'],
  'In from AD - User Exchange': USER_EXCHANGE_ADDITIONS,
};
/** Rules shipped disabled on purpose: the expression language does not implement undocumented functions. */
const DISABLED = ['In from AAD - User NGCKey'];

function flowKey(f: AttributeFlow): string {
  const what = f.flowType === 'Direct' ? f.sources.join(',') : f.expression;
  return `${f.destination} <- ${f.flowType}:${what} [${f.mergeType}${f.executeOnce ? ', once' : ''}]`;
}

function sortedFlows(flows: readonly AttributeFlow[], skip: readonly string[] = []): string[] {
  return flows.filter((f) => !skip.includes(f.destination)).map(flowKey).sort();
}

describe.skipIf(data.missing)('out-of-box rules', () => {
  let shipped: ShippedRule[];
  beforeAll(() => {
    shipped = data.json<{ rules: ShippedRule[] }>('entra-connect-oob-rules.json').rules;
  });
  const generated = generateDefaultRules(AS_EXPORTED);

  it('generates the 62 shipped rules in the shipped precedence order', () => {
    expect(generated.map((r) => `${r.precedence} ${r.name}`)).toEqual(shipped.map((r) => `${r.precedence} ${r.name}`));
  });

  it('matches each shipped rule: direction, types, link, tag, password sync, scope and joins', () => {
    for (const [i, s] of shipped.entries()) {
      const g = generated[i];
      const pick = (r: ShippedRule | SyncRule) => ({
        direction: r.direction, sourceObjectType: r.sourceObjectType, targetObjectType: r.targetObjectType, linkType: r.linkType,
        immutableTag: r.immutableTag, enablePasswordSync: r.enablePasswordSync, scopingFilter: r.scopingFilter, joinRules: r.joinRules,
        connector: r.connector.name,
      });
      expect(pick(g), s.name).toEqual(pick(s));
    }
  });

  it('matches every attribute flow (type, sources of direct flows, expression text, merge type, apply-once) except the listed additions', () => {
    let compared = 0;
    for (const [i, s] of shipped.entries()) {
      const g = generated[i];
      const added = ADDED_FLOWS[s.name] ?? [];
      expect(sortedFlows(g.attributeFlows, added), s.name).toEqual(sortedFlows(s.attributeFlows));
      expect(g.attributeFlows.filter((f) => added.includes(f.destination)).map((f) => f.destination).sort(), s.name).toEqual([...added].sort());
      compared += s.attributeFlows.length;
    }
    expect(compared).toBe(1200);
  });

  it('keeps descriptions and disables only the listed rules, saying why', () => {
    for (const [i, s] of shipped.entries()) {
      const g = generated[i];
      if (DISABLED.includes(s.name)) {
        expect(g.disabled, s.name).toBe(true);
        expect(g.description, s.name).toMatch(/^Disabled: .*CBin and Thumbprint/);
      } else {
        expect(g.disabled, s.name).toBe(false);
        expect(g.description, s.name).toBe(s.description);
      }
    }
  });

  it('validates every expression of every enabled rule with the expression language', () => {
    let n = 0;
    for (const r of generateDefaultRules({ forests: [AD], entra: AAD })) {
      if (r.disabled) continue;
      for (const f of r.attributeFlows.filter((x) => x.flowType === 'Expression')) {
        const errors = validate(f.expression ?? '', {}).filter((d) => d.severity === 'error');
        expect(errors, `${r.name} ${f.destination}: ${f.expression}`).toEqual([]);
        n++;
      }
    }
    expect(n).toBeGreaterThan(300);
  });
});
