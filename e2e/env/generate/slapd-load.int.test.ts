import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'ldapts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSlapd, type SlapdInstance } from '../slapd/index.ts';
import { IdentitySet } from './identities.ts';
import { writeLdif } from './ldif-out.ts';

const available = existsSync('/usr/sbin/slapd') && existsSync('/usr/sbin/slapadd');
if (!available) console.log('skipped: slapd is not installed (apt-get install slapd ldap-utils)');

let dir: string;
let slapd: SlapdInstance | undefined;
const options = { seed: 21, users: 150 };

beforeAll(async () => {
  if (!available) return;
  dir = await mkdtemp(join(tmpdir(), 'idsync-gen-slapd-'));
  const ldif = join(dir, 'seed.ldif');
  await writeLdif(ldif, options);
  // slapadd checks every entry against the schema, so a start proves the LDIF conforms.
  slapd = await startSlapd({ seedLdif: ldif, accesslog: false });
});
afterAll(async () => {
  await slapd?.dispose();
  if (dir) await rm(dir, { recursive: true, force: true });
});

it.skipIf(!available)('loads into slapd with slapadd: every user, group and OU is there, members resolve', async () => {
  const client = new Client({ url: slapd!.url });
  try {
    await client.bind(slapd!.bindDn, slapd!.password);
    const count = async (filter: string) => (await client.search(slapd!.suffix, { scope: 'sub', filter, attributes: ['1.1'], paged: true })).searchEntries.length;
    const set = new IdentitySet(options);
    expect(await count('(objectClass=inetOrgPerson)')).toBe(150);
    expect(await count('(objectClass=groupOfNames)')).toBe(set.groups().length);
    expect(await count('(objectClass=organizationalUnit)')).toBe(set.ous().length);
    const half = (await client.search(`cn=All Staff 1,ou=groups,${slapd!.suffix}`, { scope: 'base', attributes: ['member'] })).searchEntries[0];
    const members = ([] as string[]).concat(half.member as string | string[]);
    expect(members.length).toBeGreaterThan(50);
    const first = (await client.search(members[0], { scope: 'base', attributes: ['mail', 'manager'] })).searchEntries[0];
    expect(String(first.mail)).toMatch(/@example\.com$/);
  } finally {
    await client.unbind();
  }
});
