// A small engine for tests: a temporary database, an HR source and a directory target on the in-memory
// test connector, and rules that project HR people and provision them to the directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SyncRuleInput } from '../../shared/model/sync-rules.ts';
import { memoryDirectory, resetMemoryDirectories, type MemoryDirectory } from '../connectors/test-connector/index.ts';
import { SyncEngine } from './engine.ts';
import type { RunResult } from './run-profile.ts';

export interface Fixture {
  dir: string;
  engine: SyncEngine;
  hr: MemoryDirectory;
  ldap: MemoryDirectory;
  run(connector: string, profile: string): Promise<RunResult>;
  close(): void;
}

/** Inbound rule: HR person → MV person, joined on employeeId, projecting. */
export function hrInboundRule(overrides: Partial<SyncRuleInput> = {}): SyncRuleInput {
  return {
    id: 'in-hr-person', name: 'In from HR - Person', direction: 'Inbound', precedence: 10, connector: { id: 'hr', name: 'hr' },
    sourceObjectType: 'person', targetObjectType: 'person', linkType: 'Provision',
    joinRules: [[{ csAttribute: 'employeeId', mvAttribute: 'employeeId', caseSensitive: false }]],
    attributeFlows: ['employeeId', 'givenName', 'sn', 'displayName', 'department', 'title', 'targetDn'].map((a) => ({ destination: a, sources: [a], flowType: 'Direct' as const })),
    ...overrides,
  };
}

/** Outbound rule: MV person → directory inetOrgPerson, provisioning with the DN from targetDn. */
export function ldapOutboundRule(overrides: Partial<SyncRuleInput> = {}): SyncRuleInput {
  return {
    id: 'out-ldap-person', name: 'Out to LDAP - Person', direction: 'Outbound', precedence: 20, connector: { id: 'ldap', name: 'ldap' },
    sourceObjectType: 'person', targetObjectType: 'inetOrgPerson', linkType: 'Provision',
    attributeFlows: [
      { destination: 'dn', sources: ['targetDn'], flowType: 'Direct' },
      { destination: 'cn', sources: ['displayName'], flowType: 'Direct' },
      { destination: 'sn', sources: ['sn'], flowType: 'Direct' },
      { destination: 'employeeNumber', sources: ['employeeId'], flowType: 'Direct' },
      { destination: 'title', sources: ['title'], flowType: 'Direct' },
      { destination: 'departmentNumber', sources: ['department'], flowType: 'Direct' },
    ],
    ...overrides,
  };
}

/** Adds an HR person to the source directory; returns its anchor. */
export function addPerson(hr: MemoryDirectory, id: string, attrs: Record<string, string> = {}): string {
  const name = attrs.displayName ?? `User ${id}`;
  return hr.add(`employeeId=${id},o=hr`, 'person', {
    employeeId: [id], displayName: [name], sn: [attrs.sn ?? `Sn${id}`], givenName: ['Given'], department: [attrs.department ?? 'IT'],
    targetDn: [`uid=u${id},ou=people,dc=example`],
    ...Object.fromEntries(Object.entries(attrs).filter(([k]) => !['displayName', 'sn', 'department'].includes(k)).map(([k, v]) => [k, [v]])),
  }, `hr-${id}`);
}

/** Creates the fixture; `withRules` false leaves the rule set empty. */
export function createFixture(withRules = true): Fixture {
  resetMemoryDirectories();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-sync-'));
  const engine = SyncEngine.open(path.join(dir, 'idsync.sqlite'));
  engine.createConnector({ id: 'hr', name: 'hr', type: 'test', config: { directory: `hr-${dir}` } });
  engine.createConnector({ id: 'ldap', name: 'ldap', type: 'test', config: { directory: `ldap-${dir}` } });
  if (withRules) {
    engine.saveRule(hrInboundRule());
    engine.saveRule(ldapOutboundRule());
  }
  return {
    dir, engine, hr: memoryDirectory(`hr-${dir}`), ldap: memoryDirectory(`ldap-${dir}`),
    run: (connector, profile) => engine.run(connector, profile, { startedBy: 'test', stopStatus: 'stopped-user-termination-from-cli' }),
    close: () => {
      engine.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
