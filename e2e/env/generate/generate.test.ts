import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileConnectorType } from '../../../engine/connectors/file/index.ts';
import { readLdif, type LdifRecord } from '../../../engine/connectors/file/ldif-reader.ts';
import { readLines, readTextChunks } from '../../../engine/connectors/file/text-source.ts';
import type { ImportChange, ImportProblem } from '../../../engine/connectors/contract.ts';
import { entraSeedText, seedEntraEmulator } from './entra-seed.ts';
import { hrCsvConfig, hrJsonConfig, writeCsv, writeJson } from './hr-files.ts';
import { generateIdentities, IdentitySet, type GeneratedGroup, type GeneratedUser } from './identities.ts';
import { writeLdif } from './ldif-out.ts';

let dir: string;
beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'idsync-gen-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

const sha = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');
const ctx = { signal: new AbortController().signal, log: () => undefined };

async function importAll(config: unknown): Promise<{ changes: ImportChange[]; problems: ImportProblem[] }> {
  const connector = fileConnectorType.create(fileConnectorType.configSchema.parse(config));
  const changes: ImportChange[] = [];
  const problems: ImportProblem[] = [];
  for await (const batch of connector.importFull({}, ctx)) {
    changes.push(...batch.changes);
    problems.push(...(batch.problems ?? []));
  }
  return { changes, problems };
}

async function ldifRecords(path: string): Promise<LdifRecord[]> {
  const out: LdifRecord[] = [];
  for await (const r of readLdif(readLines(readTextChunks(path, new Set())))) {
    if (r.kind === 'error') throw new Error(r.message);
    out.push(r);
  }
  return out;
}

describe('determinism', () => {
  it('gives byte-identical files for the same seed and different ones for another seed, in every format', async () => {
    const writers = [
      (p: string, seed: number) => writeLdif(p, { seed, users: 300 }),
      (p: string, seed: number) => writeLdif(p, { seed, users: 300, flavour: 'ad' }),
      (p: string, seed: number) => writeCsv(p, { seed, users: 300 }),
      (p: string, seed: number) => writeJson(p, { seed, users: 300 }),
    ];
    for (const [k, write] of writers.entries()) {
      await write(join(dir, `a${k}`), 7);
      await write(join(dir, `b${k}`), 7);
      await write(join(dir, `c${k}`), 8);
      expect(await sha(join(dir, `a${k}`))).toBe(await sha(join(dir, `b${k}`)));
      expect(await sha(join(dir, `a${k}`))).not.toBe(await sha(join(dir, `c${k}`)));
    }
  });

  it('computes any user from its index alone', () => {
    const set = new IdentitySet({ seed: 3, users: 1000 });
    const fromStream = [...generateIdentities({ seed: 3, users: 1000 })].filter((r): r is GeneratedUser => r.kind === 'user');
    expect(set.userAt(777)).toEqual(fromStream[777]);
  });
});

describe('content', () => {
  const users = 2000;
  const set = new IdentitySet({ seed: 11, users, groupsPerUsers: 100, largeGroups: 2 });
  const all = [...set.records()];
  const us = all.filter((r): r is GeneratedUser => r.kind === 'user');
  const gs = all.filter((r): r is GeneratedGroup => r.kind === 'group');

  it('has the requested counts: users, 12 department + 2 large + 20 project + 3 division + 1 top group, OUs', () => {
    expect(us).toHaveLength(users);
    expect(gs.map((g) => g.category).reduce<Record<string, number>>((m, c) => ((m[c] = (m[c] ?? 0) + 1), m), {})).toEqual({
      department: 12,
      large: 2,
      project: 20,
      division: 3,
      all: 1,
    });
    expect(all.filter((r) => r.kind === 'ou')).toHaveLength(14);
  });

  it('keeps anchors, mail, UPN, account names, proxy addresses and GUIDs unique', () => {
    for (const key of ['employeeId', 'mail', 'userPrincipalName', 'uid', 'sAMAccountName', 'cn'] as const) {
      expect(new Set(us.map((u) => u[key])).size, key).toBe(users);
    }
    expect(new Set(us.flatMap((u) => u.proxyAddresses.map((p) => p.toLowerCase()))).size).toBe(us.reduce((n, u) => n + u.proxyAddresses.length, 0));
    expect(new Set([...us, ...gs].map((o) => Buffer.from(o.objectGUID).toString('hex'))).size).toBe(users + gs.length);
    expect(us.every((u) => u.objectGUID.length === 16 && u.sAMAccountName.length <= 20)).toBe(true);
    expect(us.every((u) => u.proxyAddresses[0] === `SMTP:${u.mail}` && u.proxyAddresses.slice(1).every((p) => p.startsWith('smtp:')))).toBe(true);
    expect(us.some((u) => /[^\x00-\x7f]/.test(u.displayName))).toBe(true);
  });

  it('builds a manager tree without cycles, rooted at one user', () => {
    expect(us.filter((u) => u.managerIndex === null)).toHaveLength(1);
    for (const u of us) {
      const seen = new Set<number>();
      let at: number | null = u.index;
      while (at !== null) {
        expect(seen.has(at)).toBe(false);
        seen.add(at);
        at = us[at].managerIndex;
      }
    }
  });

  it('makes department groups partition the users, a large group of about half, and nesting that points backwards', () => {
    const dept = gs.filter((g) => g.category === 'department');
    const memberCounts = dept.map((g) => [...g.members()].length);
    expect(memberCounts.reduce((a, b) => a + b, 0)).toBe(users);
    expect(memberCounts.every((n) => n > 0)).toBe(true);
    const half = [...gs.find((g) => g.category === 'large')!.members()].length;
    expect(half).toBeGreaterThan(users * 0.45);
    expect(half).toBeLessThan(users * 0.55);
    const position = new Map(gs.map((g, i) => [g.name, i]));
    const nested = gs.flatMap((g, i) => [...g.members()].filter((m) => m.kind === 'group').map((m) => ({ group: g.name, member: m.name, backwards: position.get(m.name)! < i })));
    expect(nested.length).toBeGreaterThan(0);
    expect(nested.filter((n) => !n.backwards)).toEqual([]);
    expect(gs.some((g) => g.category === 'project' && [...g.members()].some((m) => m.kind === 'group'))).toBe(true);
  });
});

describe('writers', () => {
  it('writes slapd LDIF the LDIF reader parses, with every reference pointing at an entry of the file or its base', async () => {
    const path = join(dir, 'slapd.ldif');
    await writeLdif(path, { seed: 5, users: 250 });
    const records = await ldifRecords(path);
    const dns = new Set(records.map((r) => r.dn.toLowerCase()));
    const withBase = new Set([...dns, 'ou=people,dc=example,dc=com', 'ou=groups,dc=example,dc=com']);
    expect(records.filter((r) => r.kind === 'content' && r.attributes.some((a) => a.value === 'inetOrgPerson'))).toHaveLength(250);
    const refs = records.flatMap((r) => (r.kind === 'content' ? r.attributes.filter((a) => a.name === 'member' || a.name === 'manager') : []));
    expect(refs.length).toBeGreaterThan(250);
    for (const a of refs) expect(withBase.has(String(a.value).toLowerCase())).toBe(true);
    for (const r of records) expect(withBase.has(r.dn.toLowerCase().split(',').slice(1).join(','))).toBe(true);
  });

  it('writes AD-flavoured LDIF with user/group classes, account names and userAccountControl', async () => {
    const path = join(dir, 'ad.ldif');
    await writeLdif(path, { seed: 5, users: 50, flavour: 'ad', suffix: 'DC=samdom,DC=test' });
    const records = await ldifRecords(path);
    const user = records.find((r) => r.kind === 'content' && r.attributes.some((a) => a.value === 'user'));
    const names = new Set(user!.kind === 'content' ? user!.attributes.map((a) => a.name) : []);
    for (const n of ['sAMAccountName', 'userPrincipalName', 'userAccountControl', 'proxyAddresses', 'mS-DS-ConsistencyGuid']) expect(names.has(n), n).toBe(true);
    expect(records[0].dn).toBe('OU=People,DC=samdom,DC=test');
    expect(records.some((r) => r.kind === 'content' && r.attributes.some((a) => a.name === 'groupType'))).toBe(true);
  });

  it('writes a CSV the file connector imports with its own config: no problems, typed values', async () => {
    const path = join(dir, 'hr.csv');
    await writeCsv(path, { seed: 9, users: 1200 });
    const { changes, problems } = await importAll(hrCsvConfig(path));
    expect(problems).toEqual([]);
    expect(changes).toHaveLength(1200);
    const second = changes[1].kind === 'object' ? changes[1].object : undefined;
    expect(second!.anchor).toBe('E0000002');
    expect(second!.dn).toMatch(/^CN=.* E0000002,OU=HR$/);
    expect(second!.attributes.manager).toEqual([{ dn: (changes[0].kind === 'object' && changes[0].object.dn) || '' }]);
    expect(second!.attributes.objectGUID[0]).toBeInstanceOf(Uint8Array);
    expect(typeof second!.attributes.accountEnabled[0]).toBe('boolean');
    expect(second!.attributes.proxyAddresses.length).toBeGreaterThanOrEqual(2);
  });

  it('changes about 1% of users per revision, which a delta import of the CSV finds exactly', async () => {
    const path = join(dir, 'rev.csv');
    const options = { seed: 9, users: 3000 };
    await writeCsv(path, options);
    const connector = fileConnectorType.create(fileConnectorType.configSchema.parse(hrCsvConfig(path, { stateDir: join(dir, 'rev-state') })));
    const full = connector.importFull({}, ctx);
    let r = await full.next();
    while (!r.done) r = await full.next();
    const watermark = r.value;
    await writeCsv(path, { ...options, revision: 1 });
    const changed: string[] = [];
    for await (const batch of connector.importDelta(watermark!, {}, ctx)) for (const c of batch.changes) changed.push(c.kind === 'object' ? c.object.anchor : `${c.kind} ${c.anchor}`);
    const set = new IdentitySet({ ...options, revision: 1 });
    const expected = Array.from({ length: 3000 }, (_, i) => i).filter((i) => set.changedIn(i, 1)).map((i) => set.userAt(i).employeeId);
    expect(changed).toEqual(expected);
    expect(expected.length).toBeGreaterThan(10);
    expect(expected.length).toBeLessThan(60);
    expect(set.userAt(0)).toEqual({ ...new IdentitySet(options).userAt(0), title: set.userAt(0).title, telephoneNumber: set.userAt(0).telephoneNumber });
  });

  it('writes a JSON file of users and groups the file connector imports', async () => {
    const path = join(dir, 'hr.json');
    const counts = await writeJson(path, { seed: 9, users: 300 });
    const { changes, problems } = await importAll(hrJsonConfig(path));
    expect(problems).toEqual([]);
    expect(changes).toHaveLength(counts.users + counts.groups);
    const dns = new Set(changes.map((c) => (c.kind === 'object' ? c.object.dn : '')));
    const group = changes.find((c) => c.kind === 'object' && c.object.objectType === 'group');
    const members = group!.kind === 'object' ? group!.object.attributes.member : [];
    expect(members.length).toBeGreaterThan(0);
    for (const m of members) expect(dns.has((m as { dn: string }).dn)).toBe(true);
  });

  it('writes an Entra seed with Graph property names and loads it into an emulator-shaped target', () => {
    const set = new IdentitySet({ seed: 2, users: 40 });
    const seed = JSON.parse([...entraSeedText(set)].join('')) as { users: Record<string, unknown>[]; groups: { members: string[] }[] };
    expect(seed.users).toHaveLength(40);
    expect(Object.keys(seed.users[0])).toEqual(expect.arrayContaining(['id', 'displayName', 'userPrincipalName', 'mailNickname', 'onPremisesImmutableId', 'accountEnabled']));
    const ids = new Set([...seed.users.map((u) => u.id), ...seed.groups.map((g) => (g as unknown as { id: string }).id)]);
    for (const g of seed.groups) for (const m of g.members) expect(ids.has(m)).toBe(true);
    const added: { kind: string; members?: readonly string[] }[] = [];
    const map = seedEntraEmulator(
      {
        addUser: () => (added.push({ kind: 'user' }), `u${added.length}`),
        addGroup: (_p, members) => (added.push({ kind: 'group', members }), `g${added.length}`),
      },
      { seed: 2, users: 40 },
    );
    expect(added.filter((a) => a.kind === 'user')).toHaveLength(40);
    expect(map.size).toBe(40 + set.groups().length);
    const known = new Set(map.values());
    for (const a of added) for (const m of a.members ?? []) expect(known.has(m)).toBe(true);
  });
});
