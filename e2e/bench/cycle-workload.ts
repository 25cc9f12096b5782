// The full-cycle workload of the `sync` suite: generated users and groups in a JSON file (streamed by the file
// connector), projected into the metaverse and provisioned, with their manager and member references, to an
// LDIF file; then 1 % of the users change and the cycle runs again as deltas. Each step is timed and its peak
// resident set size sampled, so cost per object and memory can be compared across sizes.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { hrJsonConfig } from '../env/generate/hr-files.ts';
import { writeSourceApart } from './write-source.ts';
import { SyncEngine } from '../../engine/sync/engine.ts';
import { importConfig } from '../../engine/config/config-import.ts';
import { relationBytes } from './store-bytes.ts';

/** Users per project group: about a tenth as many groups as users. */
const GROUPS_PER_USERS = 10;

/** What one step of the cycle cost. */
export interface StepFigure {
  readonly step: string;
  /** Objects the step went through (for deltas: the objects changed). */
  readonly objects: number;
  readonly ms: number;
  readonly cpuMs: number;
  readonly peakRssBytes: number;
}

export interface CycleResult {
  readonly users: number;
  readonly groups: number;
  readonly steps: readonly StepFigure[];
  /** Store size after the initial cycle and after the delta cycle. */
  readonly bytesAfterInitial: number;
  readonly bytesAfterDelta: number;
  /** Store size once run history is cleared. */
  readonly bytesWithoutHistory: number;
  readonly storedObjects: number;
}

export interface CycleOptions {
  readonly users: number;
  readonly dir: string;
  progress(label: string, done: number, total: number): void;
  log(message: string): void;
}

/** The configuration: users and groups project into the metaverse and provision, references included, to LDIF. */
function configure(engine: SyncEngine, sourceFile: string, targetFile: string): void {
  const direct = (names: readonly string[]) => names.map((a) => ({ destination: a, sources: [a], flowType: 'Direct' as const }));
  const userAttributes = ['employeeId', 'givenName', 'sn', 'displayName', 'cn', 'uid', 'mail', 'department', 'title', 'telephoneNumber', 'company', 'proxyAddresses', 'manager'];
  const result = importConfig(engine, {
    format: 'idsync-config', version: 1,
    metaverse: {
      objectTypes: [{ name: 'person', attributes: userAttributes }, { name: 'group', attributes: ['cn', 'description', 'mailNickname', 'member'] }],
      attributes: [
        ...userAttributes.map((a) => ({ name: a, multiValued: a === 'proxyAddresses', indexed: a === 'employeeId', ...(a === 'manager' ? { type: 'reference' as const } : {}) })),
        { name: 'description' }, { name: 'mailNickname', indexed: true }, { name: 'member', type: 'reference', multiValued: true },
      ],
    },
    connectors: [
      { name: 'source', type: 'file', config: { ...hrJsonConfig(sourceFile), batchSize: 1000 } },
      { name: 'target', type: 'file', config: { format: 'ldif', path: targetFile, attributes: { manager: { type: 'reference' }, member: { type: 'reference', multiValued: true } } } },
    ],
    syncRules: [
      { id: 'in-user', name: 'In from source - User', direction: 'Inbound', precedence: 10, connector: { id: '', name: 'source' }, sourceObjectType: 'person', targetObjectType: 'person',
        linkType: 'Provision', joinRules: [[{ csAttribute: 'employeeId', mvAttribute: 'employeeId' }]],
        attributeFlows: [...direct(userAttributes.filter((a) => a !== 'telephoneNumber')), { destination: 'telephoneNumber', sources: ['telephoneNumber'], flowType: 'Expression', expression: 'Trim([telephoneNumber])' }] },
      { id: 'in-group', name: 'In from source - Group', direction: 'Inbound', precedence: 11, connector: { id: '', name: 'source' }, sourceObjectType: 'group', targetObjectType: 'group',
        linkType: 'Provision', joinRules: [[{ csAttribute: 'mailNickname', mvAttribute: 'mailNickname' }]], attributeFlows: direct(['cn', 'description', 'mailNickname', 'member']) },
      { id: 'out-user', name: 'Out to target - User', direction: 'Outbound', precedence: 20, connector: { id: '', name: 'target' }, sourceObjectType: 'person', targetObjectType: 'inetOrgPerson',
        linkType: 'Provision', attributeFlows: [
          { destination: 'dn', flowType: 'Expression', expression: '"uid=" & [uid] & ",ou=people,dc=example"' },
          { destination: 'objectClass', sources: [], flowType: 'Constant', expression: 'inetOrgPerson' },
          ...direct(['cn', 'sn', 'givenName', 'mail', 'title', 'telephoneNumber', 'manager']),
          { destination: 'employeeNumber', sources: ['employeeId'], flowType: 'Direct' },
        ] },
      { id: 'out-group', name: 'Out to target - Group', direction: 'Outbound', precedence: 21, connector: { id: '', name: 'target' }, sourceObjectType: 'group', targetObjectType: 'groupOfNames',
        linkType: 'Provision', attributeFlows: [
          { destination: 'dn', flowType: 'Expression', expression: '"cn=" & [mailNickname] & ",ou=groups,dc=example"' },
          { destination: 'objectClass', sources: [], flowType: 'Constant', expression: 'groupOfNames' },
          ...direct(['cn', 'description', 'member']),
        ] },
    ],
  });
  if (!result.ok) throw new Error(`bench configuration refused: ${JSON.stringify(result.problems)}`);
}

/** Samples the resident set size while a step runs (timers are starved by hot loops: progress calls sample too). */
class StepRss {
  peak = process.memoryUsage.rss();
  private readonly timer = setInterval(() => this.sample(), 100).unref();

  sample(): void {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }
}

/** Where the bytes are, per source object, largest first (SQLite's dbstat; PostgreSQL's relation sizes). */
function tableBytes(engine: SyncEngine, objects: number): string {
  const rows = relationBytes(engine.store.db);
  return rows
    .map((r) => ({ name: r.name, perObject: r.bytes / objects }))
    .filter((r) => r.perObject >= 1)
    .sort((a, b) => b.perObject - a.perObject)
    .map((r) => `${r.name} ${Math.round(r.perObject)}`)
    .join(', ');
}

/** Runs the initial cycle and a 1 % delta cycle; returns what each step cost. */
export async function runCycle(options: CycleOptions): Promise<CycleResult> {
  const sourceFile = path.join(options.dir, 'source.json');
  const targetFile = path.join(options.dir, 'target.ldif');
  options.log(`generating ${options.users} users and their groups`);
  const generated = await writeSourceApart(sourceFile, { seed: 42, users: options.users, groupsPerUsers: GROUPS_PER_USERS, largeGroups: 0 });
  const objects = generated.users + generated.groups;
  const engine = SyncEngine.open(path.join(options.dir, 'idsync.sqlite'));
  try {
    configure(engine, sourceFile, targetFile);
    const steps: StepFigure[] = [];
    const run = async (step: string, connector: string, profile: string, count: number) => {
      const rss = new StepRss();
      const t = performance.now();
      const c = process.cpuUsage();
      const r = await engine.run(connector, profile, {
        startedBy: 'bench',
        stopStatus: 'stopped-user-termination-from-cli',
        onProgress: (p) => {
          rss.sample();
          options.progress(step, p.done, p.total ?? count);
        },
      });
      const ms = performance.now() - t;
      const used = process.cpuUsage(c);
      const ok = r.status === 'success' || r.status === 'completed-no-objects';
      if (!ok) throw new Error(`${connector} ${profile} ended with ${r.status}: ${r.steps.map((s) => `${s.message ?? ''} ${JSON.stringify(s.counters.errors)}`).join('; ')}`);
      steps.push({ step, objects: count, ms, cpuMs: (used.user + used.system) / 1000, peakRssBytes: rss.stop() });
    };
    await run('full import', 'source', 'Full Import', objects);
    await run('full synchronization', 'source', 'Full Synchronization', objects);
    await run('export', 'target', 'Export', objects);
    const bytesAfterInitial = engine.store.sizeBytes();
    options.log(`bytes per source object by table after the initial cycle: ${tableBytes(engine, objects)}`);
    const changes = Math.round(generated.users * 0.01);
    await writeSourceApart(sourceFile, { seed: 42, users: options.users, groupsPerUsers: GROUPS_PER_USERS, largeGroups: 0, revision: 1 });
    await run('delta import (1 % changed)', 'source', 'Delta Import', changes);
    await run('delta synchronization (1 % changed)', 'source', 'Delta Synchronization', changes);
    await run('delta export (1 % changed)', 'target', 'Export', changes);
    const bytesAfterDelta = engine.store.sizeBytes();
    const storedObjects = engine.store.cs.count(1, 'all') + engine.store.cs.count(2, 'all') + engine.store.mv.count();
    engine.store.runs.clear(undefined);
    const bytesWithoutHistory = engine.store.sizeBytes();
    return { users: generated.users, groups: generated.groups, steps, bytesAfterInitial, bytesAfterDelta, bytesWithoutHistory, storedObjects };
  } finally {
    engine.close();
  }
}
