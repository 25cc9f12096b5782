// The CLI commands of the engine, run as real processes against a data directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryDirectory } from '../connectors/test-connector/memory-directory.ts';
import { bundleCli, runCli } from './cli-bundle.ts';

let cli: Awaited<ReturnType<typeof bundleCli>>;
let dir = '';
let home = '';
const run = (...args: string[]) => runCli(cli.file, home, args);

function configFile(): string {
  const file = path.join(dir, 'config.json');
  fs.writeFileSync(file, JSON.stringify({
    format: 'idsync-config', version: 1,
    metaverse: { objectTypes: [{ name: 'person', attributes: ['employeeId', 'displayName', 'targetDn'] }], attributes: [{ name: 'employeeId', indexed: true }, { name: 'displayName' }, { name: 'targetDn' }] },
    connectors: [
      { name: 'hr', type: 'test', config: { directory: 'hr', dataFile: path.join(dir, 'hr.json'), password: 'top-secret' } },
      { name: 'ldap', type: 'test', config: { directory: 'ldap', dataFile: path.join(dir, 'ldap.json') } },
    ],
    syncRules: [
      { id: 'in', name: 'In from HR', direction: 'Inbound', precedence: 10, connector: { id: '', name: 'hr' }, sourceObjectType: 'person', targetObjectType: 'person', linkType: 'Provision',
        joinRules: [[{ csAttribute: 'employeeId', mvAttribute: 'employeeId' }]],
        attributeFlows: ['employeeId', 'displayName', 'targetDn'].map((a) => ({ destination: a, sources: [a], flowType: 'Direct' })) },
      { id: 'out', name: 'Out to LDAP', direction: 'Outbound', precedence: 20, connector: { id: '', name: 'ldap' }, sourceObjectType: 'person', targetObjectType: 'inetOrgPerson', linkType: 'Provision',
        attributeFlows: [{ destination: 'dn', sources: ['targetDn'], flowType: 'Direct' }, { destination: 'cn', sources: ['displayName'], flowType: 'Direct' }] },
    ],
  }));
  return file;
}

beforeAll(async () => {
  cli = await bundleCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-cli-'));
  home = path.join(dir, 'home');
  const hr = new MemoryDirectory(path.join(dir, 'hr.json'));
  for (let i = 1; i <= 3; i++) hr.add(`employeeId=${i},o=hr`, 'person', { employeeId: [String(i)], displayName: [`User ${i}`], targetDn: [`uid=u${i},dc=example`] }, `hr-${i}`);
  hr.save();
});

afterAll(() => {
  cli?.remove();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('engine CLI', () => {
  it('imports a configuration, refuses an invalid one with every problem, and exports with masked secrets', async () => {
    const ok = await run('config', 'import', configFile(), '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, counts: { connectors: 2, syncRules: 2 } });
    const badFile = path.join(dir, 'bad.json');
    fs.writeFileSync(badFile, JSON.stringify({ format: 'idsync-config', version: 1, connectors: [{ name: 'x', type: 'nope' }], syncRules: [{ id: 'r' }] }));
    const bad = await run('config', 'import', badFile);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('syncRules[0].name');
    const exported = await run('config', 'export');
    expect(exported.stdout).toContain('"********"');
    expect(exported.stdout).not.toContain('top-secret');
    const list = await run('connector', 'list', '--json');
    expect(JSON.parse(list.stdout).map((c: { name: string }) => c.name)).toEqual(['hr', 'ldap']);
  });

  it('runs profiles with a JSON result and exit status, and shows run history', async () => {
    const imp = await run('run', 'hr', 'Full Import', '--json');
    expect(imp.code).toBe(0);
    const result = JSON.parse(imp.stdout);
    expect(result).toMatchObject({ status: 'success', steps: [{ type: 'full-import', status: 'success', counters: { 'stage-add': 3 } }] });
    expect(imp.stderr).toContain('full-import');
    expect((await run('run', 'hr', 'Delta Synchronization', '--json')).code).toBe(0);
    expect((await run('run', 'ldap', 'Export')).code).toBe(0);
    const runs = JSON.parse((await run('runs', 'list', '--json')).stdout);
    expect(runs.items.map((r: { profile: string }) => r.profile)).toEqual(['Export', 'Delta Synchronization', 'Full Import']);
    const shown = JSON.parse((await run('runs', 'show', result.runId, '--json')).stdout);
    expect(shown.steps[0].counters['stage-add']).toBe(3);
    const fail = await run('run', 'hr', 'No Such Profile');
    expect(fail.code).not.toBe(0);
    expect(fail.stderr).toContain('no-start-unknown-profile-name');
  });

  it('searches the connector space and metaverse, shows objects, previews and traces lineage', async () => {
    const cs = JSON.parse((await run('cs', 'search', 'ldap', '--json')).stdout);
    expect(cs.total).toBe(3);
    expect(JSON.parse((await run('cs', 'search', 'hr', '--dn', 'employeeId=2,o=hr', '--json')).stdout).total).toBe(1);
    expect(JSON.parse((await run('cs', 'search', 'hr', '--pending-import', '--json')).stdout).total).toBe(0);
    const clauses = JSON.parse((await run('cs', 'search', 'hr', '--where', 'dn starts-with EMPLOYEEID=2', '--where', 'dn contains ,o=hr', '--json')).stdout);
    expect(clauses.items.map((o: { dn: string }) => o.dn)).toEqual(['employeeId=2,o=hr']);
    const shown = JSON.parse((await run('cs', 'show', 'hr', 'employeeId=2,o=hr', '--json')).stdout);
    expect(shown.state).toBe('connector.normal');
    const mv = JSON.parse((await run('mv', 'search', '--type', 'person', '--where', 'displayName equals User 2', '--json')).stdout);
    expect(mv.total).toBe(1);
    const mvId = mv.items[0].id;
    expect(JSON.parse((await run('mv', 'show', mvId, '--json')).stdout).connectors).toHaveLength(2);
    const lin = JSON.parse((await run('lineage', mvId, 'displayName', '--json')).stdout);
    expect(lin.contributors[0]).toMatchObject({ connector: 'hr', ruleName: 'In from HR' });
    const prev = JSON.parse((await run('preview', 'hr', 'employeeId=2,o=hr', '--json')).stdout);
    expect(prev).toMatchObject({ committed: false, join: { action: 'already-joined' } });
    const bad = await run('mv', 'search', '--where', 'displayName sounds-like x');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Invalid --where');
  });
});
