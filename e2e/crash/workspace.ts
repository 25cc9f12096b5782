// One data directory for the crash campaign: an HR CSV file projected into the metaverse and provisioned to
// up to four targets (an LDIF change file, a CSV file, an OpenLDAP server, an Entra tenant). The crashed
// workspace and the uninterrupted reference are built the same way, each with its own targets.
import fs from 'node:fs';
import path from 'node:path';
import { importConfig } from '../../engine/config/config-import.ts';
import { SyncEngine } from '../../engine/sync/engine.ts';
import type { EntraEmulator } from '../env/entra-emulator/index.ts';

export type TargetKind = 'ldif' | 'csv' | 'ldap' | 'entra';

export interface WorkspaceTargets {
  readonly ldap?: { readonly url: string; readonly bindDn: string; readonly password: string; readonly base: string };
  readonly entra?: EntraEmulator;
}

export interface Workspace {
  readonly base: string;
  readonly home: string;
  readonly database: string;
  readonly hrFile: string;
  readonly ldifFile: string;
  readonly csvFile: string;
  readonly targets: readonly TargetKind[];
}

/** Attributes compared on each LDAP and Entra object. */
export const LDAP_ATTRIBUTES = ['uid', 'cn', 'sn', 'title'] as const;
export const ENTRA_PROPERTIES = ['userPrincipalName', 'displayName', 'jobTitle'] as const;

const direct = (destination: string, source: string) => ({ destination, sources: [source], flowType: 'Direct' as const });
const expr = (destination: string, expression: string) => ({ destination, flowType: 'Expression' as const, expression });
const constant = (destination: string, value: string) => ({ destination, flowType: 'Constant' as const, expression: value });

/** The HR people of a round: ids, names and titles change deterministically from round to round. */
export function hrRows(people: number, round: number): string[][] {
  const rows: string[][] = [];
  const added = Math.max(2, Math.round(people / 20));
  for (let id = 1; id <= people + round * added; id++) {
    // A few people leave in every round; some come back later.
    if (round > 0 && id % 13 === round % 13 && id <= people) continue;
    const title = id % 7 === round % 7 ? `Title ${round}` : `Title ${Math.floor(id / 7) % 3}`;
    rows.push([String(id), `Person ${id}`, title]);
  }
  return rows;
}

/** Writes the HR file of a round (atomically, as an HR system dropping a new export would). */
export function writeHr(ws: Workspace, people: number, round: number): void {
  const text = `employeeId,displayName,title\n${hrRows(people, round).map((r) => r.join(',')).join('\n')}\n`;
  const tmp = `${ws.hrFile}.next`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, ws.hrFile);
}

/** Creates the data directory and its configuration; targets without a server given are left out. */
export function createWorkspace(base: string, wanted: readonly TargetKind[], servers: WorkspaceTargets): Workspace {
  fs.mkdirSync(base, { recursive: true });
  const home = path.join(base, 'home');
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  const targets = wanted.filter((t) => (t === 'ldap' ? servers.ldap : t === 'entra' ? servers.entra : true));
  const ws: Workspace = {
    base, home, database: path.join(home, 'idsync.sqlite'), hrFile: path.join(base, 'hr.csv'),
    ldifFile: path.join(base, 'people.ldif'), csvFile: path.join(base, 'people.csv'), targets,
  };
  const people = (kind: string) => expr('dn', `"uid=u" & [employeeId] & ",${kind},dc=example,dc=com"`);
  const person = [expr('uid', '"u" & [employeeId]'), direct('cn', 'displayName'), direct('sn', 'displayName'), direct('title', 'title')];
  const connectors: Record<string, unknown>[] = [
    { name: 'hr', type: 'file', config: { format: 'csv', path: ws.hrFile, anchor: 'employeeId', objectType: 'person', dnTemplate: 'employeeId={employeeId},o=hr', batchSize: 50 } },
  ];
  const rules: Record<string, unknown>[] = [
    { id: 'in-hr', name: 'In from HR', direction: 'Inbound', precedence: 10, connector: { id: '', name: 'hr' }, sourceObjectType: 'person', targetObjectType: 'person', linkType: 'Provision',
      joinRules: [[{ csAttribute: 'employeeId', mvAttribute: 'employeeId' }]], attributeFlows: ['employeeId', 'displayName', 'title'].map((a) => direct(a, a)) },
  ];
  const outbound = (name: string, precedence: number, targetObjectType: string, attributeFlows: unknown[]) =>
    rules.push({ id: `out-${name}`, name: `Out to ${name}`, direction: 'Outbound', precedence, connector: { id: '', name }, sourceObjectType: 'person', targetObjectType, linkType: 'Provision', attributeFlows });
  if (targets.includes('ldif')) {
    connectors.push({ name: 'ldif', type: 'file', config: { format: 'ldif', path: ws.ldifFile } });
    outbound('ldif', 20, 'inetOrgPerson', [people('ou=people'), constant('objectClass', 'inetOrgPerson'), ...person]);
  }
  if (targets.includes('csv')) {
    connectors.push({ name: 'csv', type: 'file', config: { format: 'csv', path: ws.csvFile, anchor: 'uid', objectType: 'inetOrgPerson', dnTemplate: 'uid={uid},ou=people,dc=example,dc=com' } });
    outbound('csv', 30, 'inetOrgPerson', [people('ou=people'), ...person]);
  }
  if (servers.ldap && targets.includes('ldap')) {
    const { url, bindDn, password, base: ldapBase } = servers.ldap;
    connectors.push({ name: 'ldap', type: 'ldap', config: { url, security: 'none', bindDn, password, flavour: 'openldap', baseDns: ['dc=example,dc=com'], includeContainers: [ldapBase], batchSize: 100 } });
    outbound('ldap', 40, 'inetOrgPerson', [people(ldapBase.split(',')[0]!), constant('objectClass', 'inetOrgPerson'), ...person]);
  }
  if (servers.entra && targets.includes('entra')) {
    const emu = servers.entra;
    connectors.push({ name: 'entra', type: 'entra', config: { tenantId: emu.tenantId, clientId: emu.clientId, auth: { kind: 'secret', clientSecret: emu.clientSecret },
      authorityHost: emu.authorityHost, graphBaseUrl: emu.graphBaseUrl, caPem: emu.caPem } });
    outbound('entra', 50, 'user', [
      expr('dn', '"CN={u" & [employeeId] & "}"'), expr('userPrincipalName', '"u" & [employeeId] & "@contoso.onmicrosoft.com"'),
      direct('displayName', 'displayName'), expr('mailNickname', '"u" & [employeeId]'), direct('jobTitle', 'title'),
    ]);
  }
  const engine = SyncEngine.open(ws.database);
  try {
    const result = importConfig(engine, {
      format: 'idsync-config', version: 1,
      metaverse: { objectTypes: [{ name: 'person', attributes: ['employeeId', 'displayName', 'title'] }], attributes: [{ name: 'employeeId', indexed: true }, { name: 'displayName' }, { name: 'title' }] },
      connectors, syncRules: rules,
    });
    if (!result.ok) throw new Error(`crash campaign configuration refused: ${result.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  } finally {
    engine.close();
  }
  return ws;
}

/** The run profiles of one round, in cycle order: import and sync HR, then export to each target and confirm. */
export function roundSteps(ws: Workspace): [connector: string, profile: string][] {
  const steps: [string, string][] = [['hr', 'Full Import'], ['hr', 'Delta Synchronization']];
  for (const t of ws.targets) {
    steps.push([t, 'Export']);
    if (t === 'ldap' || t === 'entra') steps.push([t, 'Full Import'], [t, 'Delta Synchronization']);
  }
  return steps;
}

/** The phase a profile belongs to (for the report). */
export function phaseOf(profile: string): 'import' | 'sync' | 'export' {
  return /Import/.test(profile) ? 'import' : /Synchronization/.test(profile) ? 'sync' : 'export';
}
