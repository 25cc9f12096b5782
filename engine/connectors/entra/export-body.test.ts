import { describe, expect, it } from 'vitest';
import { applyIncremental, memberId, planBody, withCreateDefaults } from './export-body.ts';

const G1 = '11111111-2222-4333-8444-555555555555';
const G2 = '66666666-7777-4888-8999-aaaaaaaaaaaa';

describe('Entra export bodies', () => {
  it('maps values to Graph JSON: single values, cleared values, multi values', () => {
    const plan = planBody('user', [
      { attribute: 'displayName', op: 'replace', values: ['Ann'] },
      { attribute: 'jobTitle', op: 'delete', values: [] },
      { attribute: 'employeeId', op: 'replace', values: [42n] },
      { attribute: 'businessPhones', op: 'replace', values: ['1', '2'] },
      { attribute: 'otherMails', op: 'add', values: ['x@y.z'] },
      { attribute: 'cloudAnchor', op: 'replace', values: ['User_x'] },
    ], "user 'a'");
    expect(plan).toMatchObject({ props: { displayName: 'Ann', jobTitle: null, employeeId: 42, businessPhones: ['1', '2'] } });
    expect('code' in plan ? [] : plan.incremental.map((c) => c.attribute)).toEqual(['otherMails']);
  });

  it('refuses read-only properties with a message naming the attribute and object', () => {
    expect(planBody('user', [{ attribute: 'proxyAddresses', op: 'replace', values: ['SMTP:a@b.c'] }], "user 'CN=Ann'"))
      .toEqual({ code: 'cd-error', message: expect.stringMatching(/^user 'CN=Ann': Microsoft Graph cannot write 'proxyAddresses'/) });
    expect(planBody('group', [{ attribute: 'mail', op: 'replace', values: ['g@b.c'] }], 'g')).toMatchObject({ code: 'cd-error' });
  });

  it('reads member references as object ids and nets out adds and deletes in order', () => {
    expect(memberId({ dn: G1 })).toBe(G1);
    expect(memberId({ dn: `Group_${G2.toUpperCase()}` })).toBe(G2);
    expect(memberId({ dn: 'CN=x' })).toBeUndefined();
    const plan = planBody('group', [
      { attribute: 'member', op: 'add', values: [{ dn: G1 }, { dn: G2 }] },
      { attribute: 'member', op: 'delete', values: [{ dn: G1 }] },
    ], 'g');
    expect(plan).toMatchObject({ membersAdd: [G2], membersRemove: [G1] });
    expect(planBody('user', [{ attribute: 'member', op: 'add', values: [{ dn: G1 }] }], 'u')).toMatchObject({ code: 'invalid-attribute-value' });
  });

  it('fills required create properties and never reuses a password', () => {
    const a = withCreateDefaults('user', { userPrincipalName: 'ann.lee@contoso.com' });
    const b = withCreateDefaults('user', { userPrincipalName: 'ann.lee@contoso.com', accountEnabled: false });
    expect(a).toMatchObject({ accountEnabled: true, displayName: 'ann.lee', mailNickname: 'ann.lee' });
    expect(b.accountEnabled).toBe(false);
    expect((a.passwordProfile as { password: string }).password).not.toBe((b.passwordProfile as { password: string }).password);
    expect(withCreateDefaults('group', { displayName: 'Sales Team (EU)' })).toMatchObject({ mailNickname: 'SalesTeamEU', securityEnabled: true, mailEnabled: false });
  });

  it('applies add/delete to current multi-valued properties', () => {
    expect(applyIncremental({ otherMails: ['a', 'b'] }, [
      { attribute: 'otherMails', op: 'add', values: ['c', 'a'] },
      { attribute: 'otherMails', op: 'delete', values: ['b'] },
    ])).toEqual({ otherMails: ['a', 'c'] });
  });
});
