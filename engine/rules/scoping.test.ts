import { describe, expect, it } from 'vitest';
import type { ScopingCondition } from '../../shared/model/sync-rules.ts';
import { conditionHolds, inScope } from './scoping.ts';

const attrs = { department: ['Sales'], uac: [{ int: '514' }], memberCount: [{ int: '12' }], mail: ['Ann@Contoso.com'], proxy: ['SMTP:a@x', 'smtp:b@x'] };
const c = (attribute: string, operator: ScopingCondition['operator'], value = ''): ScopingCondition => ({ attribute, operator, value });

describe('scoping conditions', () => {
  it.each([
    ['EQUAL', 'department', 'sales', true],
    ['NOTEQUAL', 'department', 'HR', true],
    ['NOTEQUAL', 'absent', 'True', true],
    ['EQUAL', 'absent', 'x', false],
    ['STARTSWITH', 'mail', 'ann@', true],
    ['NOTSTARTSWITH', 'absent', 'User_', true],
    ['NOTSTARTWITH', 'mail', 'ann', false],
    ['ENDSWITH', 'mail', 'contoso.com', true],
    ['NOTENDSWITH', 'mail', '.org', true],
    ['CONTAINS', 'mail', '@CONTOSO', true],
    ['NOTCONTAINS', 'mail', 'fabrikam', true],
    ['ISNULL', 'absent', '', true],
    ['ISNOTNULL', 'department', '', true],
    ['ISIN', 'proxy', 'smtp:b@x', true],
    ['ISNOTIN', 'proxy', 'x', true],
    ['LESSTHAN', 'memberCount', '50000', true],
    ['LESSTHAN', 'memberCount', '9', false],
    ['LESSTHAN_OR_EQUAL', 'memberCount', '12', true],
    ['GREATERTHAN', 'memberCount', '5', true],
    ['GREATERTHAN_OR_EQUAL', 'memberCount', '13', false],
    ['ISBITSET', 'uac', '2', true],
    ['ISBITSET', 'uac', '&H1', false],
    ['ISNOTBITSET', 'uac', '2', false],
    ['ISBITNOTSET', 'uac', '1', true],
    ['ISBITNOTSET', 'absent', '2', true],
    ['ISBITSET', 'absent', '2', false],
  ] as const)('%s %s %s → %s', (op, attr, value, expected) => {
    expect(conditionHolds(c(attr, op, value), attrs)).toBe(expected);
  });

  it('ISMEMBEROF asks the membership check', () => {
    expect(conditionHolds(c('dn', 'ISMEMBEROF', 'cn=g'), attrs, (g) => g === 'cn=g')).toBe(true);
    expect(conditionHolds(c('dn', 'ISNOTMEMBEROF', 'cn=g'), attrs, () => true)).toBe(false);
  });

  it('groups are ORed and conditions ANDed; no groups means in scope', () => {
    expect(inScope([], attrs)).toBe(true);
    expect(inScope([[c('department', 'EQUAL', 'HR')], [c('department', 'EQUAL', 'Sales'), c('mail', 'ISNOTNULL')]], attrs)).toBe(true);
    expect(inScope([[c('department', 'EQUAL', 'Sales'), c('absent', 'ISNOTNULL')]], attrs)).toBe(false);
  });
});
