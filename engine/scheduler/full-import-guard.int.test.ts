// The rename trap against a real Samba AD DC, in every way a full import starts outside the console: the
// scheduler's cycle, `idsync run … "Full Import"` (with and without --force) and `idsync cycle`. Each refuses,
// names the OU's new DN and deletes nothing; the delta import goes on with the other OU.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Attribute, Change, Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SambaAdInstance, sambaAvailable, startSambaAd } from '../../e2e/env/samba/index.ts';
import { recordOuSelection } from '../rules/defaults/filtering/ou-check.ts';
import { SyncEngine } from '../sync/engine.ts';
import { createEngineScheduler } from './engine-scheduler.ts';
import { REFUSED_STATUS } from './full-import-guard.ts';

const availability = await sambaAvailable();
if (!availability.ok) console.log(`OU rename guard checks skipped: ${availability.reason}`);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe.runIf(availability.ok)('the OU rename guard before full imports', () => {
  let dc: SambaAdInstance;
  let admin: Client;
  let home: string;
  const synced = () => `OU=Synced,${dc.baseDn}`;
  const renamed = () => `OU=Synced Renamed,${dc.baseDn}`;
  const other = () => `OU=Other,${dc.baseDn}`;
  const idsync = (...args: string[]) => {
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'bin/idsync'), '--home', home, ...args], { encoding: 'utf8', cwd: repoRoot });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  /** CS objects of the directory connector that are not about to be deleted. */
  const liveDns = () => {
    const engine = SyncEngine.open(path.join(home, 'idsync.sqlite'));
    try {
      const seq = engine.connector('AD').seq;
      return engine.store.cs.page(seq, 'all', 0, 1000).filter((o) => o.pendingImport?.op !== 'delete').map((o) => o.dn.toLowerCase()).sort();
    } finally {
      engine.close();
    }
  };

  beforeAll(async () => {
    dc = await startSambaAd();
    admin = new Client({ url: dc.url });
    await admin.bind(dc.bindDn, dc.password);
    for (const ou of [synced(), other()]) await admin.add(ou, { objectClass: 'organizationalUnit' });
    for (const [n, ou] of [['ann', synced()], ['bob', synced()], ['dan', other()]]) await admin.add(`CN=${n},${ou}`, { objectClass: 'user', sAMAccountName: n });
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-ou-guard-'));
    const engine = SyncEngine.open(path.join(home, 'idsync.sqlite'));
    try {
      engine.createConnector({
        name: 'AD', type: 'ldap',
        config: {
          url: dc.ldapsUrl, security: 'ldaps', caPem: dc.caPem, tlsServerName: dc.tlsServerName, bindDn: dc.bindDn, password: dc.password, flavour: 'ad',
          includeContainers: [synced(), other()], objectTypes: [{ name: 'user', objectClasses: ['user'], filter: '(objectCategory=person)' }], attributes: ['sAMAccountName', 'title'],
        },
      });
      await recordOuSelection(home, engine.connector('AD'));
      const s = createEngineScheduler({ home, engine, holder: 'cli' });
      const first = await s.scheduler.runCycle('Initial');
      await s.close();
      expect(first.steps.find((x) => x.step === 'full-import')?.status).toBe('success');
    } finally {
      engine.close();
    }
    await admin.modifyDN(synced(), renamed());
    await admin.modify(`CN=dan,${other()}`, new Change({ operation: 'replace', modification: new Attribute({ type: 'title', values: ['Changed'] }) }));
  }, 120_000);
  afterAll(async () => {
    await admin?.unbind();
    await dc?.stop();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  const expected = () => [`CN=ann,${synced()}`, `CN=bob,${synced()}`, `CN=dan,${other()}`].map((d) => d.toLowerCase()).sort();

  it('the scheduler refuses the full import, records why with the new DN, and the delta import goes on with the other OU', async () => {
    const engine = SyncEngine.open(path.join(home, 'idsync.sqlite'));
    try {
      const s = createEngineScheduler({ home, engine, holder: 'cli' });
      const initial = await s.scheduler.runCycle('Initial');
      const delta = await s.scheduler.runCycle('Delta');
      await s.close();
      expect(initial.steps.find((x) => x.step === 'full-import')?.status).toBe(REFUSED_STATUS);
      const runs = engine.store.runs.list({ connector: engine.connector('AD').seq }, null, 10).items;
      const refused = runs.find((r) => r.profile === 'Full Import' && r.status === REFUSED_STATUS)!;
      const message = engine.store.runs.steps(refused.id)[0].message ?? '';
      expect(message).toContain(`"${synced()}" was renamed or moved to "${renamed()}"`);
      expect(message).toContain(`idsync setup … --ou "${renamed()}"`);
      const deltaImport = delta.steps.find((x) => x.step === 'delta-import')!;
      expect(deltaImport.status).toBe('completed-discovery-errors');
      const deltaRun = engine.store.runs.list({ connector: engine.connector('AD').seq }, null, 10).items.find((r) => r.profile === 'Delta Import')!;
      expect(engine.store.runs.steps(deltaRun.id)[0].counters.counters).toMatchObject({ 'stage-update': 1 });
      expect(engine.store.runs.steps(deltaRun.id)[0].counters.counters['stage-delete']).toBeUndefined();
    } finally {
      engine.close();
    }
    expect(liveDns()).toEqual(expected());
  });

  it('idsync run refuses the full import naming the new DN; with --force the connector still deletes nothing', () => {
    const refused = idsync('run', 'AD', 'Full Import', '--quiet');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`was renamed or moved to "${renamed()}"`);
    expect(refused.stderr).toContain('Or run with --force');
    const forced = idsync('run', 'AD', 'Full Import', '--quiet', '--force');
    expect(forced.code).toBe(2);
    expect(forced.stdout).toContain(`Full import refused: the selected container "${synced()}" no longer exists`);
    expect(liveDns()).toEqual(expected());
  });

  it('idsync cycle --initial refuses before it starts', () => {
    const r = idsync('cycle', '--initial');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`idsync setup … --ou "${renamed()}"`);
    expect(liveDns()).toEqual(expected());
  });
});
