// The sync engine: full import + full synchronization of N generated users and about N/10 groups through
// the in-memory test connector (with outbound provisioning to a second one), then a delta of 1 % changes.
// Floor: SQLite's raw insert rate for the same records in one table.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { BenchContext, BenchFigure, BenchSuite } from '../suite.ts';
import { RssWatch } from '../rss-watch.ts';
import { generateIdentities, guidText, type GeneratedUser } from '../../env/generate/identities.ts';
import { memoryDirectory, resetMemoryDirectories, type MemoryDirectory } from '../../../engine/connectors/test-connector/index.ts';
import type { Attributes } from '../../../engine/model/values.ts';
import { SyncEngine } from '../../../engine/sync/engine.ts';
import { importConfig } from '../../../engine/config/config-import.ts';

const userAttributes = ['employeeId', 'givenName', 'sn', 'displayName', 'cn', 'uid', 'mail', 'department', 'title', 'telephoneNumber', 'company', 'city', 'proxyAddresses'] as const;

/** Loads generated users and groups into the source directory; returns the number of objects. */
function loadSource(source: MemoryDirectory, count: number): { users: GeneratedUser[]; objects: number } {
  const users: GeneratedUser[] = [];
  let objects = 0;
  for (const rec of generateIdentities({ seed: 42, users: count, groupsPerUsers: 10, largeGroups: 0 })) {
    if (rec.kind === 'user') {
      users.push(rec);
      const attrs: Attributes = {};
      for (const a of userAttributes) attrs[a] = a === 'proxyAddresses' ? [...rec.proxyAddresses] : [rec[a]];
      source.add(`uid=${rec.uid},ou=people,o=source`, 'user', attrs, guidText(rec.objectGUID));
      objects++;
    } else if (rec.kind === 'group') {
      const members: { dn: string }[] = [];
      for (const m of rec.members()) if (m.kind === 'user' && users[m.index]) members.push({ dn: `uid=${users[m.index].uid},ou=people,o=source` });
      source.add(`cn=${rec.name},ou=groups,o=source`, 'group', { cn: [rec.name], description: [rec.description], mailNickname: [rec.mailNickname], member: members }, guidText(rec.objectGUID));
      objects++;
    }
  }
  return { users, objects };
}

/** The configuration: source users and groups project into the metaverse, users provision to the target. */
function configure(engine: SyncEngine, tag: string): void {
  const direct = (names: readonly string[]) => names.map((a) => ({ destination: a, sources: [a], flowType: 'Direct' as const }));
  const result = importConfig(engine, {
    format: 'idsync-config', version: 1,
    metaverse: {
      objectTypes: [{ name: 'person', attributes: [...userAttributes] }, { name: 'group', attributes: ['cn', 'description', 'mailNickname', 'member'] }],
      attributes: [
        ...userAttributes.map((a) => ({ name: a, multiValued: a === 'proxyAddresses', indexed: a === 'employeeId' })),
        { name: 'description' }, { name: 'mailNickname', indexed: true }, { name: 'member', type: 'reference', multiValued: true },
      ],
    },
    connectors: [
      { name: 'source', type: 'test', config: { directory: `source-${tag}`, batchSize: 1000 } },
      { name: 'target', type: 'test', config: { directory: `target-${tag}`, batchSize: 1000 } },
    ],
    syncRules: [
      { id: 'in-user', name: 'In from source - User', direction: 'Inbound', precedence: 10, connector: { id: '', name: 'source' }, sourceObjectType: 'user', targetObjectType: 'person',
        linkType: 'Provision', joinRules: [[{ csAttribute: 'employeeId', mvAttribute: 'employeeId' }]], attributeFlows: direct(userAttributes) },
      { id: 'in-group', name: 'In from source - Group', direction: 'Inbound', precedence: 11, connector: { id: '', name: 'source' }, sourceObjectType: 'group', targetObjectType: 'group',
        linkType: 'Provision', joinRules: [[{ csAttribute: 'mailNickname', mvAttribute: 'mailNickname' }]], attributeFlows: direct(['cn', 'description', 'mailNickname', 'member']) },
      { id: 'out-user', name: 'Out to target - User', direction: 'Outbound', precedence: 20, connector: { id: '', name: 'target' }, sourceObjectType: 'person', targetObjectType: 'inetOrgPerson',
        linkType: 'Provision', attributeFlows: [
          { destination: 'dn', flowType: 'Expression', expression: '"uid=" & [uid] & ",ou=people,dc=example"' },
          ...direct(['cn', 'sn', 'givenName', 'mail', 'title', 'telephoneNumber']),
          { destination: 'employeeNumber', sources: ['employeeId'], flowType: 'Direct' },
        ] },
    ],
  });
  if (!result.ok) throw new Error(`bench configuration refused: ${JSON.stringify(result.problems)}`);
}

/** SQLite's raw insert rate for the same records: one JSON row per object, 1,000 per transaction. */
function insertFloor(ctx: BenchContext, source: MemoryDirectory): number {
  const file = path.join(ctx.tmpDir, 'floor.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE objects (id INTEGER PRIMARY KEY, anchor TEXT NOT NULL, dn TEXT NOT NULL, attrs TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO objects (anchor, dn, attrs) VALUES (?, ?, ?)');
  const entries = [...source.entries.values()];
  const t = performance.now();
  for (let i = 0; i < entries.length; i += 1000) {
    db.transaction(() => {
      for (const e of entries.slice(i, i + 1000)) insert.run(e.anchor, e.dn, JSON.stringify(e.attributes));
    })();
  }
  const ms = performance.now() - t;
  db.close();
  return (entries.length * 1000) / ms;
}

function rate(n: number, ms: number): number {
  return ms > 0 ? Math.round((n * 1000) / ms) : 0;
}

export const syncSuite: BenchSuite = {
  name: 'sync',
  description: 'Full import, full sync with provisioning and a 1 % delta sync of generated users and groups (in-memory connector)',
  largestSize: { size: '100k', why: 'its in-memory connector holds every object; the cycle suite streams files at a million' },
  async run(ctx) {
    const rss = new RssWatch();
    resetMemoryDirectories();
    const tag = String(process.pid);
    const source = memoryDirectory(`source-${tag}`);
    ctx.log(`generating ${ctx.count} users and their groups`);
    const { users, objects } = loadSource(source, ctx.count);
    const floor = insertFloor(ctx, source);
    const dbFile = path.join(ctx.tmpDir, 'idsync.sqlite');
    const engine = SyncEngine.open(dbFile);
    configure(engine, tag);
    const cpu: Record<string, number> = {};
    const run = async (connector: string, profile: string, total: number) => {
      const t = performance.now();
      const c = process.cpuUsage();
      const r = await engine.run(connector, profile, {
        startedBy: 'bench',
        stopStatus: 'stopped-user-termination-from-cli',
        onProgress: (p) => {
          rss.maybeSample();
          ctx.progress(`${connector} ${profile}`, p.done, p.total ?? total);
        },
      });
      if (r.status !== 'success') throw new Error(`${connector} ${profile} ended with ${r.status}: ${r.steps.map((s) => s.message).join('; ')}`);
      const used = process.cpuUsage(c);
      cpu[profile] = (used.user + used.system) / 1000;
      return performance.now() - t;
    };
    const importMs = await run('source', 'Full Import', objects);
    const syncMs = await run('source', 'Full Synchronization', objects);
    const bytes = engine.store.sizeBytes();
    const storedObjects = engine.store.cs.count(1, 'all') + engine.store.cs.count(2, 'all') + engine.store.mv.count();

    const changes = Math.max(1, Math.round(users.length / 100));
    for (let i = 0; i < changes; i++) {
      const u = users[Math.floor((i * users.length) / changes)];
      source.modify(guidText(u.objectGUID), { title: [`${u.title} (changed)`] });
    }
    const deltaImportMs = await run('source', 'Delta Import', changes);
    const deltaSyncMs = await run('source', 'Delta Synchronization', changes);
    engine.store.runs.clear(undefined);
    const bytesWithoutHistory = engine.store.sizeBytes();
    engine.close();
    if (!process.env.IDSYNC_BENCH_KEEP_DB) fs.rmSync(dbFile, { force: true });
    const { peakRssBytes } = rss.stop();
    const syncRate = rate(objects, syncMs);
    const bytesPerObject = Math.round(bytes / objects);
    const proportional = deltaSyncMs / syncMs / (changes / objects);
    return [
      { name: 'full import', value: rate(objects, importMs), unit: 'objects/s', floor: { name: 'SQLite raw insert', value: Math.round(floor), unit: 'objects/s' }, ratio: floor / rate(objects, importMs) },
      { name: 'full synchronization (with provisioning)', value: syncRate, unit: 'objects/s', goal: '≥ 5,000 objects/s', goalMet: syncRate >= 5000 },
      { name: 'full synchronization per CPU second (machine-load independent)', value: rate(objects, cpu['Full Synchronization']), unit: 'objects/s' },
      { name: 'delta import (1 % changed)', value: rate(changes, deltaImportMs), unit: 'objects/s' },
      { name: 'delta synchronization (1 % changed)', value: rate(changes, deltaSyncMs), unit: 'objects/s' },
      { name: 'delta sync time vs full sync time, per changed share', value: Number(proportional.toFixed(2)), unit: 'ratio', goal: '≈ 1 (time proportional to changes), ≤ 3', goalMet: proportional <= 3 },
      { name: 'database size per source object (its CS copy, target CS copy, MV object, run history)', value: bytesPerObject, unit: 'bytes', goal: '≤ 2,048 bytes', goalMet: bytesPerObject <= 2048 },
      { name: 'database size per source object without run history', value: Math.round(bytesWithoutHistory / objects), unit: 'bytes' },
      { name: 'database size per stored CS or MV object', value: Math.round(bytes / storedObjects), unit: 'bytes', goal: '≤ 2,048 bytes', goalMet: bytes / storedObjects <= 2048 },
      { name: 'peak RSS', value: peakRssBytes, unit: 'bytes' },
    ] satisfies BenchFigure[];
  },
};

export default syncSuite;
