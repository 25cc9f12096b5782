// Microsoft's standard rules by immutable tag: the generator's rules for the given choices, in Entra Connect's own
// attribute names, without the flows IdSync's defaults add on purpose.
import { describe, expect, it } from 'vitest';
import { generateDefaultRules } from './generate.ts';
import { IDSYNC_ADDED_FLOWS, standardRulesByTag, tagBase } from './standard-rules.ts';

const choices = { sourceAnchor: 'objectGUID' as const, userMatching: 'objectSid' as const, groupMemberLimit: 50_000 };

describe('standard rules by immutable tag', () => {
  const byTag = standardRulesByTag(choices);

  it('has one rule per tag of the generated set, keyed by the full tag', () => {
    const generated = generateDefaultRules({ forests: [{ connectorId: 'a', connectorName: 'a' }], entra: { connectorId: 'b', connectorName: 'b' }, ...choices, target: 'entra-connect' });
    expect([...byTag.keys()].sort()).toEqual(generated.map((r) => r.immutableTag!).sort());
    expect(byTag.get('Microsoft.InfromADUserJoin.003')?.side).toBe('ad');
    expect(byTag.get('Microsoft.OuttoAADUserJoin.006')?.side).toBe('aad');
    expect(tagBase('Microsoft.InfromADUserJoin.003')).toBe('Microsoft.InfromADUserJoin');
  });

  it('leaves out the flows IdSync adds on purpose, and compares content rather than state', () => {
    const common = byTag.get('Microsoft.InfromADUserCommon.004')!.rule;
    expect(common.attributeFlows.map((f) => f.destination)).not.toContain('employeeID');
    const exchange = [...byTag.values()].find((x) => x.rule.name === 'In from AD - User Exchange')!.rule;
    for (const a of IDSYNC_ADDED_FLOWS['In from AD - User Exchange']!) expect(exchange.attributeFlows.map((f) => f.destination)).not.toContain(a);
    expect(byTag.get('Microsoft.InfromAADUserNGCKey.001')!.rule.disabled).toBe(false);
    // Entra Connect's names: no Graph adaptation.
    expect(byTag.get('Microsoft.OuttoAADUserJoin.006')!.rule.attributeFlows.map((f) => f.destination)).toContain('sourceAnchor');
  });

  it('follows the choices: the unique-matching join is another tag version', () => {
    expect(standardRulesByTag({ ...choices, userMatching: 'unique' }).has('Microsoft.InfromADUserJoin.004')).toBe(true);
    expect(byTag.has('Microsoft.InfromADUserJoin.004')).toBe(false);
  });
});
