// The convergence test's own parts: its DN comparison, LDIF replay, target comparison, model and churn
// generator. They decide what "converged" means, so they are tested on their own, without IdSync.
import { describe, expect, it } from 'vitest';
import { canonicalDn, escapeValue, exactRdn, isWithin, parseDn, rebase, tryCanonicalDn } from './dn.ts';
import { replayLdif } from './ldif-replay.ts';
import { diffTarget } from './target-diff.ts';
import { CHURN_KINDS, ChurnGenerator } from './churn-generator.ts';
import { filesShape } from './files-scenario.ts';
import { ldapShape } from './ldap-scenario.ts';
import { expectFiles, LDIF_TARGET } from './model-files.ts';
import { expectLdap, PLACEHOLDER_MEMBER } from './model-ldap.ts';
import { emptyState, type Person } from './source-state.ts';
import type { ActualTarget, ExpectedTarget } from './target-content.ts';

describe('DN comparison', () => {
  it('treats escaping, type case and value case as the same DN, but keeps the RDN value case', () => {
    expect(canonicalDn('cn=Smith\\, J,ou=IT')).toBe(canonicalDn('CN=Smith\\2C J,OU=it'));
    expect(canonicalDn('cn=Dupr\\C3\\A9,o=x')).toBe(canonicalDn('cn=DUPRÉ,o=x'));
    expect(canonicalDn('cn=Groß,o=x')).toBe(canonicalDn('cn=GROSS,o=x'));
    expect(canonicalDn('cn=#04024869,o=x')).toBe(canonicalDn('cn=Hi,o=x'));
    expect(canonicalDn('cn=a+sn=b,o=x')).toBe(canonicalDn('sn=B+cn=A,o=x'));
    expect(exactRdn('cn=Dupré,o=x')).not.toBe(exactRdn('cn=DUPRÉ,o=x'));
    expect(exactRdn('CN=Smith\\2C J,o=x')).toBe(exactRdn('cn=Smith\\, J,o=X'));
    expect(canonicalDn('cn=a,o=x')).not.toBe(canonicalDn('cn=a,o=y'));
  });

  it('refuses text that is not a DN', () => {
    for (const bad of ['cn=a,', 'cn=a"b', 'novalue', 'cn=a\\', 'c n=a']) expect(tryCanonicalDn(bad), bad).toBeUndefined();
  });

  it('escapes every special character so the value reads back unchanged', () => {
    for (const v of ['Smith, J', '#Hash', ' lead', 'trail ', 'a+b', 'q"u', 'back\\slash', '<x>;y=z', 'Dupré']) {
      for (const style of [{}, { hexSpecials: true, hexNonAscii: true }]) expect(parseDn(`cn=${escapeValue(v, style)}`)[0][0].value).toBe(v);
    }
  });

  it('finds DNs below a base and moves them to another', () => {
    expect(isWithin('cn=a,ou=East,o=dir', 'OU=east,o=DIR')).toBe(true);
    expect(isWithin('cn=a,ou=Eastern,o=dir', 'ou=East,o=dir')).toBe(false);
    expect(canonicalDn(rebase('cn=a,ou=East,o=dir', 'ou=East,o=dir', 'ou=West,o=dir'))).toBe(canonicalDn('cn=a,ou=West,o=dir'));
  });
});

describe('LDIF replay', () => {
  const base = [
    'version: 1', '',
    'dn: cn=Ann,ou=IT,o=x', 'changetype: add', 'objectClass: inetOrgPerson', 'cn: Ann', 'title: Eng', '',
    'dn: cn=Grp,o=x', 'changetype: add', 'cn: Grp', 'member: cn=Ann,ou=IT,o=x', '',
  ];

  it('replays adds, modifies, renames with a new superior, and deletes', () => {
    const text = [
      ...base,
      'dn: cn=Ann,ou=IT,o=x', 'changetype: modify', 'replace: title', 'title: Lead', '-', 'add: mail', 'mail: a@x', '-', '',
      'dn: CN=Ann,OU=it,o=x', 'changetype: moddn', 'newrdn: cn=ANN', 'deleteoldrdn: 1', 'newsuperior: ou=Sales,o=x', '',
      'dn:: Y249R3JwLG89eA==', 'changetype: delete', '',
    ].join('\n');
    const r = replayLdif('t', text);
    expect(r.problems).toEqual([]);
    expect(r.entries).toEqual([{ dn: 'cn=ANN,ou=Sales,o=x', attributes: { objectClass: ['inetOrgPerson'], title: ['Lead'], mail: ['a@x'], cn: ['ANN'] } }]);
  });

  it('reads folded lines and base64 values', () => {
    const r = replayLdif('t', ['dn: cn=Dupr', ' é,o=x', 'cn:: RHVwcsOp', ''].join('\n'));
    expect(r.entries).toEqual([{ dn: 'cn=Dupré,o=x', attributes: { cn: ['Dupré'] } }]);
  });

  it('reports what a server would refuse, with the line', () => {
    const text = [
      ...base,
      'dn: cn=Ann,ou=IT,o=x', 'changetype: add', 'cn: Ann', '',
      'dn: cn=Bob,ou=IT,o=x', 'changetype: modify', 'replace: title', 'title: x', '-', '',
      'dn: cn=Ann,ou=IT,o=x', 'changetype: modify', 'replace: cn', 'cn: Other', '-', '',
      'dn: cn=Grp,o=x', 'changetype: modify', 'delete: description', '-', '',
      'dn: cn=Grp,o=x', 'changetype: moddn', 'newrdn: cn=Ann', 'deleteoldrdn: 1', 'newsuperior: ou=IT,o=x', '',
    ].join('\n');
    expect(replayLdif('t', text).problems).toEqual([
      'line 14: add cn=Ann,ou=IT,o=x: the entry exists already',
      'line 18: modify cn=Bob,ou=IT,o=x: no such entry',
      'line 24: modify cn=Ann,ou=IT,o=x: the modify removes the value the entry is named by (notAllowedOnRDN)',
      'line 30: modify cn=Grp,o=x: description: no such attribute',
      'line 35: moddn cn=Grp,o=x: the new DN cn=Ann,ou=IT,o=x is taken',
    ]);
  });
});

describe('target comparison', () => {
  const expected: ExpectedTarget = {
    name: 'T', references: new Set(['manager']),
    entries: [{ dn: 'cn=Smith\\, J,o=x', source: 'p1', attributes: { cn: ['Smith, J'], manager: ['cn=Dupré,o=x'] } }],
  };

  it('finds nothing when the target holds the same entries, written another way', () => {
    const actual = { name: 'T', problems: [], entries: [{ dn: 'CN=Smith\\2C J,O=X', attributes: { CN: ['Smith, J'], manager: ['cn=DUPR\\C3\\89,o=x'] } }] };
    expect(diffTarget(expected, actual, new Map())).toEqual([]);
  });

  it('names each difference: RDN case, values, missing and unexpected entries', () => {
    const actual: ActualTarget = {
      name: 'T', problems: [],
      entries: [{ dn: 'cn=SMITH\\, J,o=x', attributes: { cn: ['Smith, J'], manager: ['cn=Lee,o=x'] } }, { dn: 'cn=Old,o=x', attributes: {} }],
    };
    const texts = diffTarget(expected, actual, new Map([['T|cn=old,o=x', 'p9']])).map((d) => `${d.dn}: ${d.text} [${d.sources.join(',')}]`);
    expect(texts).toEqual([
      'cn=Smith\\, J,o=x: RDN written as "cn=SMITH, J", the rules give "cn=Smith, J" [p1]',
      'cn=Smith\\, J,o=x: manager: missing ‹cn=Dupré,o=x›; unexpected ‹cn=Lee,o=x› [p1]',
      'cn=Old,o=x: unexpected entry [p9]',
    ]);
    expect(diffTarget(expected, { name: 'T', problems: [], entries: [] }, new Map()).map((d) => d.text)).toEqual(['missing entry']);
  });
});

describe('the models', () => {
  const person = (key: string, id: string, extra: Partial<Person> = {}): Person =>
    ({ key, employeeId: id, cn: `Name ${id}`, sn: 'S', department: 'IT', status: 'active', site: 'East', ...extra });

  it('files: references resolve by DN equality, to what the target holds; HR wins over the account', () => {
    const s = emptyState();
    s.persons.set('p1', person('p1', '1', { manager: 'EMPLOYEEID=2,OU=HR', title: undefined }));
    s.persons.set('p2', person('p2', '2', { status: 'leave' }));
    s.persons.set('p3', person('p3', '3', { manager: 'employeeId=99,ou=hr', title: 'Boss' }));
    s.accounts.set('a1', { key: 'a1', employeeId: '1', login: 'x', site: 'East', dn: 'uid=x,ou=East,o=dir', mail: 'x@y', jobTitle: 'From dir' });
    s.accounts.set('a3', { key: 'a3', employeeId: '3', login: 'z', site: 'East', dn: 'uid=z,ou=East,o=dir', jobTitle: 'Ignored' });
    s.accounts.set('a9', { key: 'a9', employeeId: '9', login: 'q', site: 'East', dn: 'uid=q,ou=East,o=dir' });
    s.groups.set('g1', { key: 'g1', cn: 'G', dn: 'cn=G,ou=groups,o=dir', member: ['UID=X,OU=EAST,O=DIR', 'uid=q,ou=East,o=dir', 'uid=ghost,o=dir', 'cn=G,ou=groups,o=dir'] });
    const [ldif, roster] = expectFiles(s, filesShape);
    expect(ldif.name).toBe(LDIF_TARGET);
    expect(ldif.entries.map((e) => [e.dn, e.attributes.title, e.attributes.manager, e.attributes.mail])).toEqual([
      ['cn=Name 1,ou=IT,ou=people,dc=example,dc=com', ['From dir'], undefined, ['x@y']],
      ['cn=Name 3,ou=IT,ou=people,dc=example,dc=com', ['Boss'], undefined, undefined],
      ['cn=G,ou=groups,dc=example,dc=com', undefined, undefined, undefined],
    ]);
    expect(ldif.entries[2].attributes.member).toEqual(['cn=Name 1,ou=IT,ou=people,dc=example,dc=com', 'cn=G,ou=groups,dc=example,dc=com']);
    expect(roster.entries.map((e) => [e.dn, e.attributes.manager])).toEqual([
      ['employeeNumber=1,ou=IT,o=roster', ['employeeNumber=2,ou=IT,o=roster']],
      ['employeeNumber=2,ou=IT,o=roster', undefined],
      ['employeeNumber=3,ou=IT,o=roster', undefined],
    ]);
  });

  it('ldap: a group none of whose members resolve gets the placeholder', () => {
    const s = emptyState();
    s.persons.set('p1', person('p1', '1', { status: 'terminated' }));
    s.groups.set('g1', { key: 'g1', cn: 'G', dn: ldapShape.groupDn('G'), member: [ldapShape.personDn(s.persons.get('p1')!), 'cn=nobody,o=x'] });
    expect(expectLdap(s, ldapShape)[0].entries.map((e) => e.attributes.member)).toEqual([[PLACEHOLDER_MEMBER]]);
  });
});

describe('churn generator', () => {
  for (const shape of [filesShape, ldapShape]) {
    it(`${shape.scenario}: the same seed gives the same churn, every kind comes in 20 cycles, source DNs stay unique`, () => {
      const run = () => {
        const g = new ChurnGenerator(shape, { seed: 5, persons: 30 });
        const steps = [g.initial()];
        for (let c = 1; c <= 40; c++) steps.push(g.step(c, 5));
        return steps;
      };
      const a = run();
      expect(JSON.stringify(a)).toBe(JSON.stringify(run()));
      const kinds = new Set(a.slice(1, 21).flatMap((s) => s.events.map((e) => e.kind)));
      expect([...kinds].sort()).toEqual(CHURN_KINDS.filter((k) => shape.scenario === 'files' || k !== 'account-change').sort());
      expect(a.every((s) => (shape.scenario === 'ldap') === s.ops.length > 0)).toBe(true);
    });
  }
});
