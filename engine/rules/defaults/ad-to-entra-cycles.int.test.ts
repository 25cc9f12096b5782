// Day two, end to end: a Samba AD domain → `idsync setup` (out-of-box rules) → the Entra ID emulator, then delta
// cycles with realistic directory changes between them. After every cycle the emulator's users and groups are
// compared exactly with what the test computes from its own model of the directory; no-change cycles must
// write nothing and report no error.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sambaAvailable, startSambaAd, type SambaAdInstance } from '../../../e2e/env/samba/index.ts';
import { startEntraEmulator, type EntraEmulator } from '../../../e2e/env/entra-emulator/index.ts';
import { connectorType } from '../../connectors/registry.ts';
import type { AttributeChange, ExportChange } from '../../connectors/contract.ts';
import { bundleCli, runCli } from '../../sync/cli-bundle.ts';
import { SyncEngine } from '../../sync/engine.ts';
import type { CycleRecord } from '../../scheduler/scheduler.ts';

const samba = await sambaAvailable();
if (!samba.ok) console.log(`AD → Entra delta cycle test skipped: Samba AD cannot run here: ${samba.reason}`);

type Ref = { dn: string };
const replace = (attribute: string, ...values: (string | bigint | Ref)[]): AttributeChange => ({ attribute, op: 'replace', values });

/** The test's model of the directory: what it wrote, from which the expected Entra state is computed. */
interface UserModel { sam: string; ou: string; givenName: string; sn: string; displayName: string; department?: string; title?: string; enabled: boolean }
interface GroupModel { name: string; ou: string; members: string[] }

const SCOPE = 'OU=Corp';
/** Filler staff: enough members that a group's membership needs more than one Graph request, on create and on change. */
const STAFF = Array.from({ length: 45 }, (_, i) => `s${String(i + 1).padStart(2, '0')}`);
const NEW_STAFF = Array.from({ length: 25 }, (_, i) => `n${String(i + 1).padStart(2, '0')}`);
const inScope = (ou: string) => ou === SCOPE || ou.endsWith(`,${SCOPE}`);

describe.runIf(samba.ok)('Samba AD → idsync setup → Entra ID emulator: five delta cycles of realistic changes', () => {
  let dc: SambaAdInstance;
  let emu: EntraEmulator;
  let cli: Awaited<ReturnType<typeof bundleCli>>;
  let dir: string;
  let home: string;
  const users = new Map<string, UserModel>();
  const groups = new Map<string, GroupModel>();
  const guids = new Map<string, string>();
  /** Entra writes (emulator write log) of each cycle, for the closing figures. */
  const writesPerCycle: Record<string, number> = {};

  const base = () => dc.baseDn;
  const dnOf = (name: string): string => {
    const u = users.get(name);
    const g = groups.get(name);
    const ou = u?.ou ?? g?.ou;
    if (!ou) throw new Error(`no object ${name} in the model`);
    return `CN=${name},${ou},${base()}`;
  };

  /** Writes to the directory with the LDAP connector over LDAPS (it sets passwords). */
  async function ad(changes: ExportChange[]): Promise<void> {
    const t = connectorType('ldap');
    const c = t.create(t.configSchema.parse({
      url: dc.ldapsUrl, security: 'ldaps', caPem: dc.caPem, tlsServerName: dc.tlsServerName, bindDn: dc.bindDn, password: dc.password, flavour: 'ad',
    }));
    try {
      const results = await c.export(changes, { signal: new AbortController().signal, log: () => {} });
      for (const r of results) if (!r.ok) throw new Error(`AD write ${r.csId}: ${r.error?.message}`);
    } finally {
      await c.close();
    }
  }
  const change = (op: ExportChange['op'], dn: string, objectType: string, changes: AttributeChange[] = [], newDn?: string): ExportChange =>
    ({ csId: dn, op, objectType, dn, anchor: null, changes, ...(newDn ? { newDn } : {}) });

  function addUser(u: UserModel): ExportChange {
    users.set(u.sam, u);
    return change('add', dnOf(u.sam), 'user', [
      replace('objectClass', 'user'), replace('sAMAccountName', u.sam), replace('userPrincipalName', `${u.sam}@example.test`),
      replace('givenName', u.givenName), replace('sn', u.sn), replace('displayName', u.displayName), replace('unicodePwd', `${u.sam}-Pw-2026!x`),
      ...(u.department ? [replace('department', u.department)] : []), ...(u.title ? [replace('title', u.title)] : []),
      replace('userAccountControl', u.enabled ? 512n : 514n),
    ]);
  }
  function addGroup(g: GroupModel): ExportChange {
    groups.set(g.name, g);
    return change('add', dnOf(g.name), 'group', [
      replace('objectClass', 'group'), replace('sAMAccountName', g.name), replace('groupType', -2147483646n),
      ...(g.members.length ? [replace('member', ...g.members.map((m) => ({ dn: dnOf(m) })))] : []),
    ]);
  }
  const setMembers = (name: string, members: string[]): ExportChange => {
    groups.get(name)!.members = members;
    return change('update', dnOf(name), 'group', [members.length ? replace('member', ...members.map((m) => ({ dn: dnOf(m) }))) : { attribute: 'member', op: 'delete', values: [] }]);
  };

  /** objectGUIDs (Base64, the sourceAnchor) of every user and group, read from the directory. */
  async function readGuids(): Promise<void> {
    const client = new Client({ url: dc.ldapsUrl, tlsOptions: { ca: [dc.caPem], servername: dc.tlsServerName } });
    try {
      await client.bind(dc.bindDn, dc.password);
      const { searchEntries } = await client.search(base(), {
        scope: 'sub', filter: '(|(objectClass=user)(objectClass=group))', attributes: ['sAMAccountName', 'objectGUID'], explicitBufferAttributes: ['objectGUID'],
      });
      for (const e of searchEntries) guids.set(String(e.sAMAccountName), (e.objectGUID as Buffer).toString('base64'));
    } finally {
      await client.unbind();
    }
  }
  const guidText = (b64: string): string => {
    const b = Buffer.from(b64, 'base64');
    const hex = (bytes: Buffer) => bytes.toString('hex');
    return `${hex(Buffer.from(b.subarray(0, 4)).reverse())}-${hex(Buffer.from(b.subarray(4, 6)).reverse())}-${hex(Buffer.from(b.subarray(6, 8)).reverse())}-${hex(b.subarray(8, 10))}-${hex(b.subarray(10, 16))}`;
  };

  /** The Entra users and groups the model implies. */
  function expected() {
    const liveUsers = [...users.values()].filter((u) => inScope(u.ou));
    const liveGroups = [...groups.values()].filter((g) => inScope(g.ou));
    const names = new Set([...liveUsers.map((u) => u.sam), ...liveGroups.map((g) => g.name)]);
    return {
      users: liveUsers.map((u) => ({
        userPrincipalName: `${u.sam}@example.test`, displayName: u.displayName, givenName: u.givenName, surname: u.sn,
        department: u.department ?? null, jobTitle: u.title ?? null, accountEnabled: u.enabled, mailNickname: u.sam,
        onPremisesImmutableId: guids.get(u.sam),
      })).sort((a, b) => a.userPrincipalName.localeCompare(b.userPrincipalName)),
      groups: liveGroups.map((g) => ({
        displayName: g.name, mailNickname: guidText(guids.get(g.name)!), securityEnabled: true, mailEnabled: false,
        members: g.members.filter((m) => names.has(m)).sort(),
      })).sort((a, b) => a.displayName.localeCompare(b.displayName)),
    };
  }

  /** What the emulator holds, in the same shape. */
  function actual() {
    const live = (kind: 'user' | 'group') => emu.state.list(kind);
    const nameOf = (id: string): string => {
      const o = emu.state.get(id)!;
      return o.kind === 'user' ? String(o.props.userPrincipalName).split('@')[0]! : String(o.props.displayName);
    };
    const v = (x: unknown) => (x === undefined ? null : x);
    return {
      users: live('user').map((u) => ({
        userPrincipalName: u.props.userPrincipalName, displayName: u.props.displayName, givenName: v(u.props.givenName), surname: v(u.props.surname),
        department: v(u.props.department), jobTitle: v(u.props.jobTitle), accountEnabled: u.props.accountEnabled, mailNickname: u.props.mailNickname,
        onPremisesImmutableId: u.props.onPremisesImmutableId,
      })).sort((a, b) => String(a.userPrincipalName).localeCompare(String(b.userPrincipalName))),
      groups: live('group').map((g) => ({
        displayName: g.props.displayName, mailNickname: g.props.mailNickname, securityEnabled: g.props.securityEnabled, mailEnabled: g.props.mailEnabled,
        members: [...g.members].map(nameOf).sort(),
      })).sort((a, b) => String(a.displayName).localeCompare(String(b.displayName))),
    };
  }

  async function idsync(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return runCli(cli.file, home, args);
  }

  /** Runs one cycle through the CLI; returns its record and the Entra writes it made. */
  async function cycle(label: string, kind: '--initial' | '--delta'): Promise<{ record: CycleRecord; writes: number; stderr: string }> {
    const before = emu.state.writeLog.length;
    const r = await idsync('cycle', kind, '--json');
    const writes = emu.state.writeLog.length - before;
    writesPerCycle[label] = writes;
    let record: CycleRecord;
    try {
      record = JSON.parse(r.stdout) as CycleRecord;
    } catch {
      throw new Error(`idsync cycle ${kind} printed no JSON (exit ${r.code}): ${r.stderr}`);
    }
    return { record, writes, stderr: r.stderr };
  }
  /** What went wrong in a cycle: its failed steps with their messages and error counts, and objects holding errors. */
  function cycleProblems(record: CycleRecord): string[] {
    const failed = record.steps.filter((s) => !/^(success|completed-no-objects)$/.test(s.status));
    if (failed.length === 0) return [];
    const engine = SyncEngine.open(path.join(home, 'idsync.sqlite'));
    try {
      const out = failed.map((s) => `${s.step} ${s.connectorName}: ${s.status}`);
      for (const c of engine.store.connectors.list()) {
        for (const run of engine.store.runs.list({ connector: c.seq }, null, 20).items.filter((r) => r.startedAt >= record.startedAt)) {
          for (const st of engine.store.runs.steps(run.id)) {
            if (/^(success|completed-no-objects)$/.test(st.status)) continue;
            out.push(`${c.name} ${st.type}: ${st.status} ${st.message ?? ''}`);
            for (const code of Object.keys(st.counters.errors)) {
              for (const o of engine.store.runs.objects(run.id, st.step, code, null, null, 20).items) out.push(`  ${code} ${o.dn}: ${o.error?.message ?? ''}`);
            }
          }
        }
        for (let after = 0; ;) {
          const page = engine.store.cs.page(c.seq, 'all', after, 500);
          if (page.length === 0) break;
          after = page[page.length - 1]!.id;
          for (const o of page) for (const [phase, e] of Object.entries(o.errors ?? {})) out.push(`${c.name} ${o.dn} ${phase}: ${(e as { code: string }).code} ${(e as { message: string }).message}`);
        }
      }
      // Entra object ids are named for the reader.
      return out.map((line) => line.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => {
        const o = emu.state.get(id);
        return o ? `${id} (${String(o.props.displayName)})` : id;
      }));
    } finally {
      engine.close();
    }
  }

  async function expectCycle(label: string, kind: '--initial' | '--delta' = '--delta'): Promise<number> {
    await readGuids();
    const { record, writes } = await cycle(label, kind);
    expect(cycleProblems(record), `${label}: steps that did not succeed`).toEqual([]);
    expect(record.result, label).toBe('completed');
    expect(actual(), `${label}: Entra users and groups`).toEqual(expected());
    return writes;
  }

  beforeAll(async () => {
    [dc, emu, cli] = await Promise.all([startSambaAd(), startEntraEmulator(), bundleCli()]);
    emu.state.addDomain('example.test');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-ad-entra-cycles-'));
    home = path.join(dir, 'home');
    for (const ou of ['OU=Corp', 'OU=Sales,OU=Corp', 'OU=Outside']) {
      await ad([change('add', `${ou},${base()}`, 'organizationalUnit', [replace('objectClass', 'organizationalUnit'), replace('ou', ou.split(',')[0]!.slice(3))])]);
    }
    const person = (sam: string, ou: string, extra: Partial<UserModel> = {}): UserModel =>
      ({ sam, ou, givenName: sam.toUpperCase(), sn: 'Tester', displayName: `${sam.toUpperCase()} Tester`, enabled: true, ...extra });
    await ad([
      addUser(person('ann', 'OU=Corp', { department: 'Sales' })), addUser(person('bob', 'OU=Corp')), addUser(person('cid', 'OU=Corp', { enabled: false })),
      addUser(person('dan', 'OU=Corp', { title: 'Engineer' })), addUser(person('eve', 'OU=Sales,OU=Corp')), addUser(person('fay', 'OU=Sales,OU=Corp')),
      addUser(person('gus', 'OU=Outside')),
    ]);
    await ad([addGroup({ name: 'g-sales', ou: 'OU=Sales,OU=Corp', members: ['eve', 'fay'] }), addGroup({ name: 'g-it', ou: 'OU=Corp', members: ['bob', 'dan', 'gus'] })]);
    await ad([addGroup({ name: 'g-all', ou: 'OU=Corp', members: ['ann', 'g-sales'] })]);
    // A group larger than Graph takes in one request (20 member references), created with its members.
    await ad(STAFF.map((sam) => addUser(person(sam, 'OU=Corp'))));
    await ad([addGroup({ name: 'g-staff', ou: 'OU=Corp', members: [...STAFF] })]);

    const caFile = path.join(dir, 'entra-ca.pem');
    fs.writeFileSync(caFile, emu.caPem);
    const setupFile = path.join(dir, 'setup.json');
    fs.writeFileSync(setupFile, JSON.stringify({
      // Plain LDAP with a simple bind (Samba is set to allow it): setup has no TLS server name option for LDAPS to an IP address.
      forests: [{ url: dc.url, security: 'none', bindDn: dc.bindDn, passwordEnv: 'IDSYNC_TEST_AD_PW', name: 'example.test', ous: [`${SCOPE},${base()}`] }],
      entra: { tenant: emu.tenantId, clientId: emu.clientId, secretEnv: 'IDSYNC_TEST_ENTRA_SECRET', authorityHost: emu.authorityHost, graphBaseUrl: emu.graphBaseUrl, caFile },
    }));
    process.env.IDSYNC_TEST_AD_PW = dc.password;
    process.env.IDSYNC_TEST_ENTRA_SECRET = emu.clientSecret;
    const setup = await idsync('setup', '--config', setupFile, '--json');
    if (setup.code !== 0) throw new Error(`idsync setup failed (exit ${setup.code}): ${setup.stderr}`);
  }, 300_000);

  afterAll(async () => {
    delete process.env.IDSYNC_TEST_AD_PW;
    delete process.env.IDSYNC_TEST_ENTRA_SECRET;
    cli?.remove();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await emu?.stop();
    await dc?.stop();
    console.log(`Entra writes per cycle: ${JSON.stringify(writesPerCycle)}`);
  });

  it('initial cycle: users (one disabled), groups with a nested group, nothing outside the selected OU', async () => {
    await expectCycle('initial', '--initial');
    expect(emu.state.list('user').length).toBe(6 + STAFF.length);
    expect(emu.state.list('group').length).toBe(4);
  });

  it('a delta cycle right after the initial one writes nothing to Entra and reports no error', async () => {
    expect(await expectCycle('no-change after initial')).toBe(0);
  });

  it('delta 1: attribute changes, a displayName change and a newly disabled account', async () => {
    Object.assign(users.get('ann')!, { department: 'Finance', title: 'Controller' });
    Object.assign(users.get('bob')!, { displayName: 'Robert Builder' });
    Object.assign(users.get('fay')!, { givenName: 'Faye' });
    users.get('dan')!.enabled = false;
    await ad([
      change('update', dnOf('ann'), 'user', [replace('department', 'Finance'), replace('title', 'Controller')]),
      change('update', dnOf('bob'), 'user', [replace('displayName', 'Robert Builder')]),
      change('update', dnOf('fay'), 'user', [replace('givenName', 'Faye')]),
      change('update', dnOf('dan'), 'user', [replace('userAccountControl', 514n)]),
    ]);
    expect(await expectCycle('delta 1')).toBe(4);
  });

  it('delta 2: a user moved out of the selected OU is deleted, a user moved into it is created with its memberships', async () => {
    const eveDn = dnOf('eve');
    const gusDn = dnOf('gus');
    users.get('eve')!.ou = 'OU=Outside';
    users.get('gus')!.ou = 'OU=Corp';
    await ad([change('update', eveDn, 'user', [], dnOf('eve')), change('update', gusDn, 'user', [], dnOf('gus'))]);
    await expectCycle('delta 2');
  });

  it('delta 3: a selected sub-OU is renamed; objects below it keep their Entra objects and later changes still flow', async () => {
    const old = `OU=Sales,OU=Corp,${base()}`;
    await ad([change('update', old, 'organizationalUnit', [], `OU=Sales EMEA,OU=Corp,${base()}`)]);
    for (const o of [...users.values(), ...groups.values()]) if (o.ou === 'OU=Sales,OU=Corp') o.ou = 'OU=Sales EMEA,OU=Corp';
    const idsBefore = emu.state.list('user').map((u) => u.id).sort();
    users.get('fay')!.title = 'Team Lead';
    await ad([change('update', dnOf('fay'), 'user', [replace('title', 'Team Lead')])]);
    await expectCycle('delta 3');
    expect(emu.state.list('user').map((u) => u.id).sort()).toEqual(idsBefore);
  });

  it('delta 4: nested group membership changes, a new group, and new users that join existing groups (25 into one) in the same cycle', async () => {
    await ad([addUser({ sam: 'hal', ou: 'OU=Sales EMEA,OU=Corp', givenName: 'Hal', sn: 'Newman', displayName: 'Hal Newman', enabled: true })]);
    await ad(NEW_STAFF.map((sam) => addUser({ sam, ou: 'OU=Corp', givenName: sam.toUpperCase(), sn: 'Joiner', displayName: `${sam.toUpperCase()} Joiner`, enabled: true })));
    await ad([
      // 25 new members, all provisioned in the same cycle: more than one Graph request adds them.
      setMembers('g-staff', [...STAFF, ...NEW_STAFF]),
      setMembers('g-all', ['ann', 'g-it']),
      setMembers('g-it', ['bob', 'dan', 'gus', 'hal']),
      addGroup({ name: 'g-ops', ou: 'OU=Corp', members: ['g-sales', 'hal'] }),
    ]);
    await expectCycle('delta 4');
  });

  it('delta 5: deletes of a user and a group, 22 members leaving a large group, and a disabled account enabled again', async () => {
    const bobDn = dnOf('bob');
    const opsDn = dnOf('g-ops');
    users.delete('bob');
    groups.delete('g-ops');
    for (const g of groups.values()) g.members = g.members.filter((m) => m !== 'bob' && m !== 'g-ops');
    users.get('cid')!.enabled = true;
    const leavers = STAFF.slice(0, 22);
    await ad([
      change('delete', bobDn, 'user'), change('delete', opsDn, 'group'), change('update', dnOf('cid'), 'user', [replace('userAccountControl', 512n)]),
      setMembers('g-staff', groups.get('g-staff')!.members.filter((m) => !leavers.includes(m))),
    ]);
    await expectCycle('delta 5');
  });

  it('a cycle without directory changes writes nothing to Entra and reports no error', async () => {
    expect(await expectCycle('no-change at the end')).toBe(0);
  });
});
