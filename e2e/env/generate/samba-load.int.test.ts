import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'ldapts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AD_BASE_DN, sambaAvailable, startSambaAd, type SambaAdInstance } from '../samba/index.ts';
import { ldapAddFile } from '../slapd/index.ts';
import { IdentitySet } from './identities.ts';
import { writeLdif } from './ldif-out.ts';

const availability = await sambaAvailable();
if (!availability.ok) console.log(`skipped: Samba AD cannot run here: ${availability.reason}`);

let dir: string;
let dc: SambaAdInstance | undefined;
// Samba writes slowly; a few dozen users are enough to prove the AD flavour is accepted.
const options = { seed: 8, users: 30, groupsPerUsers: 10, largeGroups: 1, domain: 'example.test' };

beforeAll(async () => {
  if (!availability.ok) return;
  dir = await mkdtemp(join(tmpdir(), 'idsync-gen-samba-'));
  dc = await startSambaAd();
});
afterAll(async () => {
  await dc?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

it.runIf(availability.ok)('loads the AD-flavoured LDIF into Samba AD: users, groups, nesting and mailboxes', async () => {
  const ldif = join(dir, 'ad.ldif');
  await writeLdif(ldif, { ...options, flavour: 'ad', suffix: AD_BASE_DN });
  await ldapAddFile({ url: dc!.url, bindDn: dc!.bindDn, password: dc!.password }, ldif);
  const client = new Client({ url: dc!.url });
  try {
    await client.bind(dc!.bindDn, dc!.password);
    const set = new IdentitySet(options);
    const users = (await client.search(`OU=People,${AD_BASE_DN}`, { scope: 'sub', filter: '(objectClass=user)', attributes: ['sAMAccountName', 'userPrincipalName', 'proxyAddresses', 'userAccountControl', 'manager'] })).searchEntries;
    expect(users).toHaveLength(30);
    const first = set.userAt(1);
    const entry = users.find((u) => u.sAMAccountName === first.sAMAccountName)!;
    expect(entry.userPrincipalName).toBe(first.userPrincipalName);
    expect(entry.manager).toBeTruthy();
    expect(([] as string[]).concat(entry.proxyAddresses as string[])).toContain(`SMTP:${first.mail}`);
    expect(entry.userAccountControl).toBe(first.accountEnabled ? '544' : '546');
    const groups = (await client.search(`OU=Groups,${AD_BASE_DN}`, { scope: 'sub', filter: '(objectClass=group)', attributes: ['member'] })).searchEntries;
    expect(groups).toHaveLength(set.groups().length);
    const top = groups.find((g) => g.dn.startsWith('CN=All Departments,'))!;
    expect(([] as string[]).concat(top.member as string[])).toHaveLength(3);
  } finally {
    await client.unbind();
  }
});
