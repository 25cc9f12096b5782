// Exported connectors as IdSync connectors: the AD management agent becomes an LDAP connector (Active Directory
// flavour) with its partitions, OU filter, object types and attribute inclusion list; the Azure AD connector
// becomes the Microsoft Graph connector of the same tenant. Nothing that identifies the old server's progress
// (DirSync cookies, watermarks) is carried, and the export holds no secrets, so the configurations built here
// lack exactly what the credentials add.
import type { MigratedConnectorReport, MigrationWarning } from '../../shared/model/migration.ts';
import type { RunProfile, RunProfileStep } from '../../shared/model/connectors.ts';
import { AD_OBJECT_TYPES } from '../rules/defaults/setup-input.ts';
import type { ExportConnector, ExportRunProfile } from './export-model.ts';
import { connectorOuScope } from './ou-filter.ts';

export type ConnectorKind = 'ad' | 'entra' | 'unsupported';

/** A connector to create, without the credentials. */
export interface PlannedConnector {
  readonly kind: ConnectorKind;
  /** IdSync connector id: the exported GUID without braces, so importing again finds the same connector. */
  readonly id: string;
  readonly name: string;
  readonly type: 'ldap' | 'entra' | null;
  readonly description: string;
  /** The configuration without what credentials add (server, account, password; app id and secret). */
  readonly config: Record<string, unknown>;
  readonly runProfiles: RunProfile[];
  readonly deleteThreshold: number | null;
  /** Suggestions for the credentials: the old server's DC and account, the tenant. */
  readonly hints: { readonly url?: string; readonly bindDn?: string; readonly tenant?: string };
}

/** A planned connector with where it came from and what the report says of it. */
export interface MappedConnector extends PlannedConnector {
  readonly source: ExportConnector;
  readonly report: MigratedConnectorReport;
  readonly warnings: MigrationWarning[];
}

/** AD object classes in the order an entry is typed by (the first type whose classes it all carries wins), so a
 * computer or inetOrgPerson, which are also `user`s, is typed as itself. */
const AD_TYPE_ORDER = ['computer', 'inetOrgPerson', 'msDS-Device', 'foreignSecurityPrincipal', 'contact', 'group', 'user', 'organizationalUnit'];
/** Classes the old engine needed to walk the tree; IdSync searches subtrees and does not need them. */
const TREE_CLASSES = new Set(['container', 'domaindns', 'builtindomain']);

const ENTRA_SUBTYPE = /azure active directory|microsoft entra/i;

/** The kind of an exported connector. */
export function connectorKind(c: ExportConnector): ConnectorKind {
  if (c.category === 'AD') return 'ad';
  if (c.category === 'Extensible2' && (ENTRA_SUBTYPE.test(c.subtype) || /Microsoft\.Azure\.ActiveDirectory\.Connector\.dll/i.test(c.privateConfig['extension-config.filename'] ?? ''))) return 'entra';
  return 'unsupported';
}

function mapRunProfiles(c: ExportConnector, kind: ConnectorKind, notes: string[]): RunProfile[] {
  const partitionName = new Map(c.partitions.map((p) => [p.id, p.name]));
  const out: RunProfile[] = [];
  const stepOf = (s: ExportRunProfile['steps'][number]): RunProfileStep | null => {
    const type = s.type === 'full-import' || s.type === 'delta-import' ? (s.subtype === null || s.subtype === 'to-cs' ? s.type : null)
      : s.type === 'apply-rules' ? (s.subtype === 'apply-pending' ? 'delta-sync' : 'full-sync')
        : s.type === 'export' ? 'export' : null;
    if (!type) return null;
    const partition = kind === 'ad' && s.partition ? partitionName.get(s.partition) : undefined;
    return partition ? { type, partition } : { type };
  };
  for (const p of c.runProfiles) {
    const steps = p.steps.map(stepOf);
    if (steps.length === 0 || steps.some((s) => s === null)) {
      notes.push(`Run profile "${p.name}" is not carried: its steps (${p.steps.map((s) => [s.type, s.subtype].filter(Boolean).join('/')).join(', ')}) include one IdSync cannot run`);
      continue;
    }
    out.push({ name: p.name, steps: steps as RunProfileStep[] });
  }
  return out;
}

function adObjectTypes(classes: readonly string[], notes: string[]): Record<string, unknown>[] {
  const wanted = [...new Set(classes)].filter((cls) => !TREE_CLASSES.has(cls.toLowerCase()));
  const skipped = classes.filter((cls) => TREE_CLASSES.has(cls.toLowerCase()));
  if (skipped.length) notes.push(`Object classes ${skipped.join(', ')} are not imported: the old engine needed them to walk the tree, IdSync searches whole subtrees`);
  const rank = (cls: string) => { const i = AD_TYPE_ORDER.findIndex((t) => t.toLowerCase() === cls.toLowerCase()); return i < 0 ? AD_TYPE_ORDER.length - 2 : i; };
  return wanted.sort((a, b) => rank(a) - rank(b)).map((cls) => {
    const known = AD_OBJECT_TYPES.find((t) => t.name.toLowerCase() === cls.toLowerCase());
    return known ? { ...known, objectClasses: [...known.objectClasses] } : { name: cls, objectClasses: [cls] };
  });
}

function mapAd(c: ExportConnector, base: Omit<MappedConnector, 'type' | 'config' | 'report' | 'hints' | 'runProfiles' | 'description'> & { notes: string[]; discarded: string[] }): MappedConnector {
  const { notes, discarded } = base;
  const selected = c.partitions.filter((p) => p.selected);
  const scope = connectorOuScope(c.partitions);
  notes.push(...scope.notes);
  const classes = [...new Set(selected.flatMap((p) => p.objectClasses))];
  const objectTypes = adObjectTypes(classes, notes);
  for (const p of c.partitions) {
    if (p.hasCookie) discarded.push(`DirSync cookie of ${p.name} (the first import is a full import)`);
    if (p.lastDc) discarded.push(`last domain controller ${p.lastDc} of ${p.name} (a hint for the server address only)`);
  }
  for (const p of c.partitions.filter((x) => !x.selected)) notes.push(`Partition ${p.name} was not selected on the old server and stays out of scope`);
  if (c.privateConfig['sign-and-seal'] === '1') discarded.push('sign-and-seal (Kerberos) binding: IdSync binds over LDAPS or StartTLS');
  const forest = c.privateConfig['forest-name'] || c.name;
  const user = c.privateConfig['forest-login-user'];
  const domain = c.privateConfig['forest-login-domain'] || forest;
  const lastDc = selected.find((p) => p.lastDc)?.lastDc ?? null;
  const runProfiles = mapRunProfiles(c, 'ad', notes);
  const config = {
    flavour: 'ad',
    baseDns: scope.baseDns,
    includeContainers: scope.includeContainers,
    excludeContainers: scope.excludeContainers,
    objectTypes,
    attributes: [...c.attributeInclusion],
    anchorAttribute: 'objectGUID',
  };
  // A DNS login domain gives a UPN-style account; a NetBIOS one the DOMAIN\\user form.
  const loginHint = user ? (domain.includes('.') ? `${user}@${domain}` : `${domain}\\${user}`) : null;
  return {
    ...base,
    type: 'ldap',
    description: `Active Directory forest ${forest}, imported from Entra Connect`,
    config,
    runProfiles,
    hints: { ...(lastDc ? { url: `ldaps://${lastDc}` } : {}), ...(loginHint ? { bindDn: loginHint } : {}) },
    report: {
      sourceId: c.id, name: c.name, category: c.category, subtype: c.subtype, kind: 'ad', connectorId: base.id, connectorType: 'ldap',
      target: forest, loginHint, serverHint: lastDc ? `ldaps://${lastDc}` : null,
      partitions: c.partitions.map((p) => ({ name: p.name, selected: p.selected, inclusions: [...p.inclusions], exclusions: [...p.exclusions] })),
      scope: { baseDns: scope.baseDns, includeContainers: scope.includeContainers, excludeContainers: scope.excludeContainers },
      objectTypes: objectTypes.map((t) => String(t.name)), attributes: [...c.attributeInclusion], runProfiles: runProfiles.map((r) => r.name),
      deleteThreshold: null, discarded, credentials: 'needed', notes,
    },
  };
}

/** The tenant named by the connector name (`<tenant> - AAD`), the sync account's domain and the password reset authority. */
export function tenantCandidates(c: ExportConnector): { name: string | null; userName: string | null; authority: string | null } {
  const byName = /^(.+?)\s+-\s+AAD$/i.exec(c.name)?.[1] ?? null;
  const userName = c.parameters.find((p) => p.name === 'UserName')?.value ?? '';
  const byUser = userName.includes('@') ? userName.slice(userName.lastIndexOf('@') + 1) : null;
  const authority = c.privateConfig['aad-password-reset-config.adal-authority'] ?? '';
  const byAuthority = authority ? (authority.replace(/\/+$/, '').split('/').pop() ?? null) : null;
  return { name: byName, userName: byUser, authority: byAuthority };
}

function mapEntra(c: ExportConnector, deleteThreshold: number | null, base: Omit<MappedConnector, 'type' | 'config' | 'report' | 'hints' | 'runProfiles' | 'description'> & { notes: string[]; discarded: string[] }): MappedConnector {
  const { notes, discarded, warnings } = base;
  const t = tenantCandidates(c);
  const tenant = t.name ?? t.userName ?? t.authority;
  if (!tenant) throw new Error(`${c.file}: the tenant of connector "${c.name}" cannot be read (no "<tenant> - AAD" name, UserName or adal-authority)`);
  const named = [['connector name', t.name], ['sync account (UserName)', t.userName], ['password reset authority (adal-authority)', t.authority]] as const;
  const disagree = named.filter(([, v]) => v && v.toLowerCase() !== tenant.toLowerCase());
  if (disagree.length) {
    warnings.push({
      code: 'tenant-disagreement', subject: c.name,
      message: `The export names more than one tenant: ${named.filter(([, v]) => v).map(([k, v]) => `${k} says ${v}`).join(', ')}. IdSync uses ${tenant}; check that this is the tenant you synchronize to.`,
    });
  }
  for (const p of c.partitions) if (p.hasWatermark) discarded.push(`Entra watermark of partition ${p.name} (the first import is a full import)`);
  const userName = c.parameters.find((p) => p.name === 'UserName')?.value;
  if (userName) discarded.push(`sync account ${userName}: IdSync signs in as an app registration (client id and secret or certificate)`);
  const runProfiles = mapRunProfiles(c, 'entra', notes);
  notes.push(`Attribute inclusion (${c.attributeInclusion.length} attributes) is not needed: the Microsoft Graph connector reads and writes the properties the rules name`);
  const classes = [...new Set(c.partitions.filter((p) => p.selected).flatMap((p) => p.objectClasses))];
  return {
    ...base,
    type: 'entra',
    description: `Microsoft Entra ID tenant ${tenant}, imported from Entra Connect`,
    config: { tenantId: tenant },
    runProfiles,
    deleteThreshold,
    hints: { tenant },
    report: {
      sourceId: c.id, name: c.name, category: c.category, subtype: c.subtype, kind: 'entra', connectorId: base.id, connectorType: 'entra',
      target: tenant, loginHint: userName ?? null, serverHint: null,
      partitions: c.partitions.map((p) => ({ name: p.name, selected: p.selected, inclusions: [...p.inclusions], exclusions: [...p.exclusions] })),
      scope: null, objectTypes: classes, attributes: [...c.attributeInclusion], runProfiles: runProfiles.map((r) => r.name),
      deleteThreshold, discarded, credentials: 'needed', notes,
    },
  };
}

/** Maps one exported connector; the Entra connector gets the deletion threshold. */
export function mapConnector(c: ExportConnector, deleteThreshold: number | null): MappedConnector {
  const kind = connectorKind(c);
  const base = { source: c, kind, id: c.id.replace(/[{}]/g, ''), name: c.name, deleteThreshold: null, warnings: [] as MigrationWarning[], notes: [] as string[], discarded: [] as string[] };
  if (kind === 'ad') return mapAd(c, base);
  if (kind === 'entra') return mapEntra(c, deleteThreshold, base);
  const what = [c.category, c.subtype].filter(Boolean).join(', ');
  const note = `IdSync has no connector for ${what || 'this kind'}; its rules are kept, disabled`;
  return {
    ...base, type: null, description: '', config: {}, runProfiles: [], hints: {},
    warnings: [{ code: 'R1', subject: c.name, message: `Connector "${c.name}" (${what}) is not supported by IdSync: it is listed here and its rules are kept, disabled. Microsoft's own import refuses such a server altogether.` }],
    report: {
      sourceId: c.id, name: c.name, category: c.category, subtype: c.subtype, kind: 'unsupported', connectorId: null, connectorType: null, target: null, loginHint: null, serverHint: null,
      partitions: c.partitions.map((p) => ({ name: p.name, selected: p.selected, inclusions: [...p.inclusions], exclusions: [...p.exclusions] })),
      scope: null, objectTypes: [...new Set(c.partitions.flatMap((p) => p.objectClasses))], attributes: [...c.attributeInclusion],
      runProfiles: c.runProfiles.map((r) => r.name), deleteThreshold: null, discarded: [], credentials: 'not-applicable', notes: [note],
    },
  };
}
