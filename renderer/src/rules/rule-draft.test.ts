import { describe, expect, it } from 'vitest';
import { SyncRule } from '../../../shared/model/sync-rules.ts';
import { firstFreePrecedence, freeCustomPrecedences, fromRule, newFlow, newRuleDraft, problemsAt, problemsByPage, toRule } from './rule-draft.ts';

const rule = SyncRule.parse({
  id: 'r1', name: 'In from HR', direction: 'Inbound', precedence: 10, connector: { id: 'hr', name: 'HR' }, sourceObjectType: 'user', targetObjectType: 'person',
  linkType: 'Provision', scopingFilter: [[{ attribute: 'employeeType', operator: 'EQUAL', value: 'Employee' }]],
  joinRules: [[{ csAttribute: 'employeeId', mvAttribute: 'employeeID' }]],
  attributeFlows: [{ destination: 'mail', flowType: 'Expression', expression: 'LCase([mail])', sources: ['mail'] }, { destination: 'sn', flowType: 'Direct', sources: ['sn'] }],
});

describe('rule drafts', () => {
  it('round-trips a rule through the draft unchanged', () => {
    expect(toRule(fromRule(rule))).toEqual(rule);
  });

  it('gives rows stable keys and keeps unfinished precedence text as not-a-number for the engine to refuse', () => {
    const d = fromRule(rule);
    expect(new Set([d.scopingFilter[0]!.key, d.scopingFilter[0]!.clauses[0]!.key, d.attributeFlows[0]!.key, d.attributeFlows[1]!.key]).size).toBe(4);
    expect(toRule({ ...d, precedence: '1x' }).precedence).toBeNaN();
    const flow = toRule({ ...d, attributeFlows: [{ ...newFlow(), destination: 'title', sources: ['title'], expression: 'stale' }] }).attributeFlows[0]!;
    expect(flow.expression).toBeUndefined();
  });

  it('starts a new rule empty, inbound, with the suggested precedence', () => {
    const r = toRule(newRuleDraft('n1', 99, { id: 'hr', name: 'HR' }));
    expect(r).toMatchObject({ id: 'n1', name: '', direction: 'Inbound', precedence: 99, connector: { name: 'HR' }, linkType: 'Join', attributeFlows: [] });
  });

  it('finds problems by field and counts them by page', () => {
    const problems = [
      { path: 'name', message: 'Required' }, { path: 'attributeFlows[0].expression', message: 'syntax' }, { path: 'attributeFlows[0].expression', message: 'more' },
      { path: 'scopingFilter[0][0].value', message: 'mask' }, { path: 'joinRules[0]', message: 'empty' }, { path: 'precedence', message: 'taken' },
    ];
    expect(problemsAt(problems, 'attributeFlows[0].expression')).toBe('syntax; more');
    expect(problemsAt(problems, 'attributeFlows[1].expression')).toBeUndefined();
    expect(problemsByPage(problems)).toEqual({ description: 2, scoping: 1, join: 1, transformations: 2 });
  });

  it('suggests free custom precedences below 100, highest first', () => {
    const rules = [99, 97, 100, 1, 2].map((p) => ({ ...rule, precedence: p }));
    expect(freeCustomPrecedences(rules, 3)).toEqual([98, 96, 95]);
    expect(firstFreePrecedence(rules)).toBe(3);
  });
});
