import { describe, expect, it } from 'vitest';
import type { PreviewResult } from '../../../shared/model/preview.ts';
import { compareRows } from './preview-compare.ts';

const base: PreviewResult = {
  csId: '1', dn: 'CN=E1,OU=HR', mode: 'full', committed: false, sourceObject: {}, stateBefore: 'connector.normal', stateAfter: 'connector.normal', error: null,
  scoping: [{ ruleId: 'hr', ruleName: 'In from HR', inScope: true }],
  join: { action: 'already-joined', mvId: '7', ruleName: 'In from HR', detail: null },
  importFlows: [{ attribute: 'title', ruleId: 'hr', ruleName: 'In from HR', flowType: 'Direct', oldValues: ['Clerk'], newValues: ['Clerk'], changed: false }],
  outbound: [{ connector: 'Directory', action: 'update', dn: 'uid=e1', exportFlows: [] }],
};

describe('rule change preview', () => {
  it('puts the current and the edited outcome side by side and marks what differs', () => {
    const edited: PreviewResult = {
      ...base,
      scoping: [{ ruleId: 'new', ruleName: 'Contractor title', inScope: true }, ...base.scoping],
      importFlows: [{ ...base.importFlows[0]!, ruleId: 'new', ruleName: 'Contractor title', newValues: ['Contractor: Clerk'], changed: true }],
      outbound: [{ ...base.outbound[0]!, exportFlows: [{ attribute: 'title', ruleId: 'out', ruleName: 'Out', flowType: 'Direct', oldValues: ['Clerk'], newValues: ['Contractor: Clerk'], changed: true }] }],
    };
    const rows = compareRows({ current: base, edited }).map((r) => [r.section, r.item, r.current, r.edited, r.differs]);
    expect(rows).toEqual([
      ['Scope', 'In from HR', 'in scope', 'in scope', false],
      ['Scope', 'Contractor title', '(not evaluated)', 'in scope', true],
      ['Join', 'Join or projection', 'already-joined by "In from HR" (metaverse 7)', 'already-joined by "In from HR" (metaverse 7)', false],
      ['Import flow', 'title', 'Clerk  ← In from HR', 'Contractor: Clerk  ← Contractor title', true],
      ['Export to Directory', 'Action', 'update uid=e1', 'update uid=e1', false],
      ['Export to Directory', 'title', '(no flow)', 'Contractor: Clerk  ← Out', true],
      ['Errors', 'Synchronization error', 'none', 'none', false],
    ]);
  });
});
