// Scenario (b): a real slapd source → a real slapd target, each a private server started for the run.
import fs from 'node:fs';
import path from 'node:path';
import { dn } from './dn.ts';
import { applyOps, ldapFingerprint, readEntries, type LdapServer } from './ldap-directory.ts';
import { ldapConfig } from './ldap-config.ts';
import { expectLdap, LDAP_TARGET, TARGET_SUFFIX } from './model-ldap.ts';
import { DEPARTMENTS } from './names.ts';
import { changedFingerprints, type Scenario } from './scenario.ts';
import type { Person, SourceShape } from './source-state.ts';
import { startSlapd, type SlapdInstance } from '../env/slapd/index.ts';

export const SOURCE_SUFFIX = 'dc=source,dc=test';
const PERSON_ATTRIBUTES = ['objectClass', 'cn', 'sn', 'givenName', 'title', 'mail', 'employeeNumber', 'manager'];
const GROUP_ATTRIBUTES = ['objectClass', 'cn', 'description', 'member'];

const suffixRdns = [['dc', 'source'], ['dc', 'test']] as const;

/** People live below their site's OU; the target OU comes from departmentNumber, not from the source DN. */
export const ldapShape: SourceShape = {
  scenario: 'ldap',
  personDn: (p) => dn(['cn', p.cn], ['ou', p.site], ['ou', 'people'], ...suffixRdns),
  groupDn: (cn) => dn(['cn', cn], ['ou', 'groups'], ...suffixRdns),
  accountDn: () => {
    throw new Error('the LDAP scenario has no accounts');
  },
  siteDn: (site) => dn(['ou', site], ['ou', 'people'], ...suffixRdns),
  personAttributes: (p: Person) => {
    const a: Record<string, string[]> = {
      objectClass: ['inetOrgPerson'], cn: [p.cn], sn: [p.sn], employeeNumber: [p.employeeId], departmentNumber: [p.department], employeeType: [p.status],
    };
    if (p.givenName) a.givenName = [p.givenName];
    if (p.title) a.title = [p.title];
    if (p.mail) a.mail = [p.mail];
    if (p.manager) a.manager = [p.manager];
    return a;
  },
  groupAttributes: (g) => ({ objectClass: ['groupOfNames'], cn: [g.cn], member: [...g.member], ...(g.description ? { description: [g.description] } : {}) }),
};

const server = (s: SlapdInstance): LdapServer => ({ url: s.url, bindDn: s.bindDn, password: s.password, suffix: s.suffix });

/** Starts both servers; the target gets one OU per department up front (the rules do not create OUs). */
export async function createLdapScenario(dir: string): Promise<Scenario> {
  const source = await startSlapd({ suffix: SOURCE_SUFFIX });
  let target: SlapdInstance;
  try {
    target = await startSlapd({ suffix: TARGET_SUFFIX });
  } catch (err) {
    await source.dispose();
    throw err;
  }
  const tgt = server(target);
  const src = server(source);
  await applyOps(tgt, DEPARTMENTS.map((d) => ({ op: 'add', dn: dn(['ou', d], ['ou', 'people'], ['dc', 'target'], ['dc', 'test']), attributes: { objectClass: ['organizationalUnit'], ou: [d] } })));
  const configFile = path.join(dir, 'idsync-config.json');
  fs.writeFileSync(configFile, JSON.stringify(ldapConfig(src, tgt), null, 2));
  return {
    name: 'ldap',
    shape: ldapShape,
    configFile,
    writeStep: (step) => applyOps(src, step.ops),
    expected: (state) => expectLdap(state, ldapShape),
    async readTargets() {
      const people = await readEntries(tgt, `ou=people,${TARGET_SUFFIX}`, '(objectClass=inetOrgPerson)', PERSON_ATTRIBUTES);
      const groups = await readEntries(tgt, `ou=groups,${TARGET_SUFFIX}`, '(objectClass=groupOfNames)', GROUP_ATTRIBUTES);
      return [{ name: LDAP_TARGET, entries: [...people, ...groups], problems: [] }];
    },
    async fingerprint() {
      return { [LDAP_TARGET]: await ldapFingerprint(tgt) };
    },
    describeWrites: changedFingerprints,
    async close() {
      await source.dispose();
      await target.dispose();
    },
  };
}
