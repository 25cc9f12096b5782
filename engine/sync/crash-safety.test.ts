// Crash safety: CLI runs are killed (SIGKILL) at random points during import, synchronization and export.
// Afterwards the database must be intact, and rerunning must converge to the same end state as a run that
// was never interrupted (so no acknowledged work and no pending export was lost).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryDirectory } from '../connectors/test-connector/memory-directory.ts';
import { importConfig } from '../config/config-import.ts';
import { bundleCli, startCli } from './cli-bundle.ts';
import { SyncEngine } from './engine.ts';

const PEOPLE = 1000;
const KILLS = 20;
const CYCLE: string[][] = [
  ['run', 'hr', 'Full Import'],
  ['run', 'hr', 'Delta Synchronization'],
  ['run', 'ldap', 'Export'],
  ['run', 'ldap', 'Delta Import'],
  ['run', 'ldap', 'Delta Synchronization'],
];

let cli: Awaited<ReturnType<typeof bundleCli>>;
let dir = '';
beforeAll(async () => {
  cli = await bundleCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-crash-'));
});
afterAll(() => {
  cli?.remove();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** A data directory with an HR source and an LDAP target on files in `base`. */
function setup(base: string): SyncEngine {
  fs.mkdirSync(path.join(base, 'home'), { recursive: true });
  const engine = SyncEngine.open(path.join(base, 'home', 'idsync.sqlite'));
  const result = importConfig(engine, {
    format: 'idsync-config', version: 1,
    metaverse: { objectTypes: [{ name: 'person', attributes: ['employeeId', 'displayName', 'title', 'targetDn'] }], attributes: [{ name: 'employeeId', indexed: true }, { name: 'displayName' }, { name: 'title' }, { name: 'targetDn' }] },
    connectors: [
      { name: 'hr', type: 'test', config: { directory: 'hr', dataFile: path.join(base, 'hr.json'), batchSize: 100 } },
      { name: 'ldap', type: 'test', config: { directory: 'ldap', dataFile: path.join(base, 'ldap.json'), batchSize: 100 } },
    ],
    syncRules: [
      { id: 'in', name: 'In from HR', direction: 'Inbound', precedence: 10, connector: { id: '', name: 'hr' }, sourceObjectType: 'person', targetObjectType: 'person', linkType: 'Provision',
        joinRules: [[{ csAttribute: 'employeeId', mvAttribute: 'employeeId' }]],
        attributeFlows: ['employeeId', 'displayName', 'title', 'targetDn'].map((a) => ({ destination: a, sources: [a], flowType: 'Direct' })) },
      { id: 'out', name: 'Out to LDAP', direction: 'Outbound', precedence: 20, connector: { id: '', name: 'ldap' }, sourceObjectType: 'person', targetObjectType: 'inetOrgPerson', linkType: 'Provision',
        attributeFlows: [{ destination: 'dn', sources: ['targetDn'], flowType: 'Direct' }, { destination: 'cn', sources: ['displayName'], flowType: 'Direct' }, { destination: 'title', sources: ['title'], flowType: 'Direct' }] },
    ],
  });
  expect(result.problems).toEqual([]);
  return engine;
}

function seed(file: string): void {
  const hr = new MemoryDirectory(file);
  for (let i = 1; i <= PEOPLE; i++) hr.add(`employeeId=${i},o=hr`, 'person', { employeeId: [String(i)], displayName: [`User ${i}`], title: ['Dev'], targetDn: [`uid=u${i},dc=example`] }, `hr-${i}`);
  hr.save();
}

/** Changes a tenth of the people, deletes some and adds some. */
function mutate(file: string): void {
  const hr = new MemoryDirectory(file);
  for (let i = 1; i <= PEOPLE; i += 10) hr.modify(`hr-${i}`, { title: ['Lead'] });
  for (let i = 5; i <= 200; i += 5) hr.remove(`hr-${i}`);
  for (let i = PEOPLE + 1; i <= PEOPLE + 50; i++) hr.add(`employeeId=${i},o=hr`, 'person', { employeeId: [String(i)], displayName: [`User ${i}`], title: ['New'], targetDn: [`uid=u${i},dc=example`] }, `hr-${i}`);
  hr.save();
}

/** Runs full cycles in-process until nothing is pending. */
async function converge(engine: SyncEngine): Promise<void> {
  const run = (c: string, p: string) => engine.run(c, p, { startedBy: 'test', stopStatus: 'stopped-user-termination-from-cli' });
  for (let round = 0; round < 2; round++) {
    await run('hr', 'Full Import');
    await run('hr', 'Full Synchronization');
    await run('ldap', 'Export');
    await run('ldap', 'Full Import');
    await run('ldap', 'Full Synchronization');
  }
}

/** The observable end state: the target directory and the metaverse, keyed by stable names. */
function endState(engine: SyncEngine, base: string) {
  const ldap = new MemoryDirectory(path.join(base, 'ldap.json'));
  const directory = [...ldap.entries.values()].map((e) => `${e.dn} ${JSON.stringify(Object.entries(e.attributes).sort())}`).sort();
  const mv = engine.store.mv.search(undefined, [], null, 100_000).items.map((o) => JSON.stringify(Object.entries(o.attrs).sort())).sort();
  return { directory, mv };
}

/** Kills one CLI run at a random point once it reports progress; true when it was killed mid-run. */
function killDuringRun(home: string, args: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    const child = startCli(cli.file, home, [...args, '--json']);
    let timer: NodeJS.Timeout | null = null;
    let killed = false;
    child.stderr!.on('data', () => {
      timer ??= setTimeout(() => {
        killed = child.kill('SIGKILL');
      }, Math.random() * 60);
    });
    child.on('exit', (_code, signal) => {
      if (timer) clearTimeout(timer);
      resolve(killed && signal === 'SIGKILL');
    });
  });
}

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs during import, sync and export and converges to the uninterrupted end state`, async () => {
    const crashed = path.join(dir, 'crashed');
    setup(crashed).close();
    seed(path.join(crashed, 'hr.json'));
    const home = path.join(crashed, 'home');
    let kills = 0;
    const killedSteps = new Set<string>();
    for (let attempt = 0; kills < KILLS && attempt < KILLS * 8; attempt++) {
      if (attempt === KILLS) mutate(path.join(crashed, 'hr.json'));
      const args = CYCLE[attempt % CYCLE.length];
      if (await killDuringRun(home, args)) {
        kills++;
        killedSteps.add(args[2]);
      }
    }
    expect(kills).toBe(KILLS);
    expect(killedSteps.size).toBeGreaterThanOrEqual(3);

    const engine = SyncEngine.open(path.join(home, 'idsync.sqlite'));
    expect(engine.store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    await converge(engine);
    expect(engine.store.cs.count(2, 'pending-export')).toBe(0);
    const runs = engine.store.runs.list({ statuses: ['stopped-database-connection-lost'] }, null, 100);
    expect(runs.total).toBeGreaterThan(0);

    const reference = path.join(dir, 'reference');
    const ref = setup(reference);
    seed(path.join(reference, 'hr.json'));
    mutate(path.join(reference, 'hr.json'));
    await converge(ref);
    const want = endState(ref, reference);
    const got = endState(engine, crashed);
    expect(want.directory).toHaveLength(new MemoryDirectory(path.join(reference, 'hr.json')).entries.size);
    expect(got.directory).toEqual(want.directory);
    expect(got.mv).toEqual(want.mv);
    engine.close();
    ref.close();
  }, 180_000);
});
