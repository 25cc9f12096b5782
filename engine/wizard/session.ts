// One wizard session: the choices so far (secrets in memory only), per-page validation, navigation, and at the
// end the configuration applied in one go. Nothing is written before "Install" / "Configure".
import { z } from 'zod';
import type { WizardPageSubmit as PageSubmitSchema } from '../../shared/api/wizard.ts';
import { SECRET_MASK } from '../../shared/model/connectors.ts';
import { destinationChanges, secretRefusal } from '../config/secret-destination.ts';
import type {
  AppliedSettings, ApplyStep, DeviceCodeView, DirectoryInput, DirectoryView, EntraPageInput, FeatureId, FilteringChoice, IdentifyingChoice,
  OuFilter, SignInMethod, WizardIssue, WizardPageId, WizardTaskId, WizardView,
} from '../../shared/model/wizard.ts';
import { DirectoryInput as DirectoryInputSchema } from '../../shared/model/wizard.ts';
import type { EntraConfig } from '../connectors/entra/index.ts';
import { defaultMetaverseSchema } from '../rules/defaults/index.ts';
import type { SyncEngine } from '../sync/engine.ts';
import { applyConfiguration, type ApplyPlan } from './apply.ts';
import type { MigrationPlan } from '../migrate/index.ts';
import {
  applyImport, applyStagingOnly, importDirectoryIssues, importedTaskIssues, importTenantIssues, missingPartitionIssues, readImport,
} from './import-settings.ts';
import { escapeFilterValue } from '../connectors/ldap/filter.ts';
import { directoryConfig } from './directory-config.ts';
import { hasMemberOf, resolveGroup, testDirectory, upnSuffixCounts } from './directory-probe.ts';
import { featureViews, unavailableChosen } from './features.ts';
import { identifyingIssues } from './identifying-rules.ts';
import { runInitialCycle } from './initial-cycle.ts';
import { nextPage, PAGE_LABELS, pagesFor, previousPage, type PathState } from './pages.ts';
import { fixedChoices, taskAvailable, taskViews } from './tasks.ts';
import { entraConfig, readDomains, startAdminSignIn, testTenant } from './tenant-probe.ts';
import { initialDomain, upnIssues, upnSuffixRows, type TenantDomain } from './upn-suffixes.ts';

type PageSubmit = z.output<typeof PageSubmitSchema>;

export interface SessionDeps {
  readonly home: string;
  /** The engine over the data directory's store. */
  readonly engine: () => SyncEngine;
  readonly log: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Called when the configuration is applied: swaps the wizard lock for a run lock while the cycle runs. */
  readonly onApplied: (cycle: boolean) => { release(): void };
}

interface HeldDirectory {
  input: DirectoryInput;
  connectorId: string | null;
  tested: string | null;
  namingContexts: string[];
}

const SIGN_IN_NOT_AVAILABLE: Partial<Record<SignInMethod, string>> = {
  'password-hash-sync': 'Password hash synchronization is not available: the Microsoft Graph connector cannot write password hashes.',
  'pass-through': 'Pass-through authentication is not available: IdSync has no authentication agent.',
  'federation-adfs': 'Federation with AD FS is not available: IdSync does not configure AD FS.',
  'federation-ping': 'Federation with PingFederate is not available: IdSync does not configure PingFederate.',
};

/** The state of one open wizard. */
export class WizardSession {
  private page: WizardPageId;
  private path: 'express' | 'custom' | 'import' | null = null;
  /** On the import path: the configuration read from the exported folder. */
  private importing: MigrationPlan | null = null;
  private task: WizardTaskId | null = null;
  private issues: WizardIssue[] = [];
  private licenseAccepted = false;
  private signInMethod: SignInMethod = 'do-not-configure';
  private entra: { input: EntraPageInput; connectorId: string | null; tested: string | null } | null = null;
  private deviceCode: DeviceCodeView = { status: 'idle', userCode: null, verificationUri: null, message: null, username: null, error: null };
  private deviceToken: { token: string; graphBaseUrl: string; caPem?: string } | null = null;
  private deviceAbort: AbortController | null = null;
  private domains: TenantDomain[] = [];
  private directories: HeldDirectory[] = [];
  private removedConnectorIds: string[] = [];
  private suffixCounts = new Map<string, number>();
  private upnAttribute = 'userPrincipalName';
  private ouFilters: OuFilter[] = [];
  private identifying: IdentifyingChoice = { userMatching: 'unique', sourceAnchor: 'ms-DS-ConsistencyGuid' };
  private filtering: FilteringChoice = { mode: 'all', groups: [] };
  private features: FeatureId[] | null = null;
  private ready = { startSync: true, stagingMode: false };
  private applySteps: ApplyStep[] = [];
  private notes: string[] = [];

  /** Whether this run started before anything was configured (applying does not turn it into a later run). */
  private readonly firstRun: boolean;

  constructor(private readonly deps: SessionDeps, private applied: AppliedSettings | null) {
    this.firstRun = applied === null;
    this.page = applied ? 'tasks' : 'welcome';
    if (applied) this.loadApplied(applied);
  }

  private get mode(): 'first-run' | 'maintenance' {
    return this.firstRun ? 'first-run' : 'maintenance';
  }

  private pathState(): PathState {
    // Once shown, the sign-in page stays on the path even after its suffixes were verified.
    const unverified = upnSuffixRows(this.suffixCounts, this.domains).some((r) => r.state !== 'Verified');
    return { mode: this.mode, path: this.path, task: this.task, unverifiedSuffixes: unverified || this.page === 'upn-suffixes' };
  }

  /** Fills the choices from what an earlier run applied; secrets stay in the store (shown masked). */
  private loadApplied(a: AppliedSettings): void {
    const engine = this.deps.engine();
    const entra = engine.store.connectors.find(a.entra.connectorId);
    if (entra) {
      const c = entra.config as Partial<EntraConfig>;
      this.entra = {
        connectorId: entra.id, tested: null,
        input: {
          tenantId: a.entra.tenantId, clientId: a.entra.clientId, authKind: a.entra.authKind,
          clientSecret: a.entra.authKind === 'secret' ? SECRET_MASK : undefined,
          certificatePem: c.auth?.kind === 'certificate' ? c.auth.certificatePem : undefined,
          privateKeyPem: a.entra.authKind === 'certificate' ? SECRET_MASK : undefined,
          authorityHost: c.authorityHost, graphBaseUrl: c.graphBaseUrl, graphScope: c.graphScope, caPem: c.caPem,
        },
      };
    }
    this.directories = a.directories.flatMap((d) => {
      const rec = engine.store.connectors.find(d.connectorId);
      if (!rec) return [];
      const c = rec.config as { security?: DirectoryInput['security']; caPem?: string; tlsServerName?: string; baseDns?: string[] };
      return [{
        connectorId: rec.id, tested: null, namingContexts: c.baseDns ?? [],
        input: { name: rec.name, kind: d.kind, url: d.url, bindDn: d.bindDn, password: SECRET_MASK, security: c.security ?? 'ldaps', caPem: c.caPem, tlsServerName: c.tlsServerName },
      }];
    });
    this.signInMethod = a.signInMethod;
    this.upnAttribute = a.upnAttribute;
    this.ouFilters = a.ouFilters;
    this.identifying = a.identifying;
    this.filtering = a.filtering;
    this.features = a.features.filter((f) => f.enabled).map((f) => f.id);
    this.ready = { startSync: true, stagingMode: a.stagingMode };
  }

  /** The session as the console renders it (secrets masked). */
  view(): WizardView {
    const rows = upnSuffixRows(this.suffixCounts, this.domains);
    return {
      open: true,
      mode: this.mode,
      path: this.path,
      task: this.task,
      page: this.page,
      steps: pagesFor(this.pathState()).map((id) => ({ id, label: PAGE_LABELS[id] })),
      issues: this.issues,
      licenseAccepted: this.licenseAccepted,
      signInMethod: this.signInMethod,
      entra: this.entra ? { ...maskEntra(this.entra.input), tested: this.entra.tested } : null,
      deviceCode: this.deviceCode,
      domains: this.domains.map((d) => ({ ...d })),
      directories: this.directories.map((d): DirectoryView => ({
        ...d.input, password: d.input.password ? SECRET_MASK : '', connectorId: d.connectorId, tested: d.tested, namingContexts: d.namingContexts,
      })),
      upnAttribute: this.upnAttribute,
      upnSuffixes: rows,
      ouFilters: this.ouFilters,
      identifying: this.identifying,
      filtering: this.filtering,
      features: featureViews(this.features),
      ready: this.ready,
      tasks: this.firstRun ? [] : taskViews(),
      fixed: this.applied && !this.firstRun ? fixedChoices(this.applied) : [],
      applied: this.applied,
      apply: this.applySteps,
      notes: this.notes,
      migration: this.path === 'import' ? (this.importing?.report ?? null) : null,
    };
  }

  /** Goes back one page; choices are kept. */
  back(): void {
    const prev = previousPage(this.pathState(), this.page);
    if (prev) {
      this.page = prev;
      this.issues = [];
      if (prev === 'tasks') this.task = null;
      if (prev === 'express' || prev === 'welcome') this.path = null;
    }
  }

  /** Validates a page; moves on when no issue blocks. */
  async submit(input: PageSubmit): Promise<void> {
    if (input.page !== this.page) {
      this.issues = [{ field: 'page', severity: 'block', message: `The wizard is on "${PAGE_LABELS[this.page]}", not "${PAGE_LABELS[input.page]}"` }];
      return;
    }
    const issues = await this.validate(input);
    this.issues = issues;
    if (issues.some((i) => i.severity === 'block')) return;
    if (input.page === 'ready') return; // the apply moved the wizard to the result page
    const next = nextPage(this.pathState(), this.page);
    if (next) this.page = next;
  }

  private async validate(input: PageSubmit): Promise<WizardIssue[]> {
    switch (input.page) {
      case 'welcome':
        this.licenseAccepted = input.licenseAccepted;
        return input.licenseAccepted ? [] : [block('licenseAccepted', 'Accept the license terms and privacy notice to continue')];
      case 'express':
        this.path = input.path;
        if (input.path !== 'import') this.importing = null;
        if (input.path === 'import') {
          this.ready = { startSync: true, stagingMode: true };
          return [];
        }
        if (input.path === 'express') {
          this.signInMethod = 'do-not-configure';
          this.identifying = { userMatching: 'unique', sourceAnchor: 'ms-DS-ConsistencyGuid' };
          this.filtering = { mode: 'all', groups: [] };
          this.features = null;
        }
        return [];
      case 'import-settings':
        return this.validateImport(input.folder, input.addMissingAttributes);
      case 'user-sign-in': {
        const why = SIGN_IN_NOT_AVAILABLE[input.signInMethod];
        if (why) return [block('signInMethod', why)];
        this.signInMethod = input.signInMethod;
        return [];
      }
      case 'entra':
        return this.validateEntra(input.entra);
      case 'directories': {
        if (!this.importing) return this.validateDirectories(input.directories);
        const fixed = importDirectoryIssues(this.importing, input.directories);
        if (fixed.length) return fixed;
        const issues = await this.validateDirectories(input.directories);
        return [...issues, ...this.directories.flatMap((d) => missingPartitionIssues(this.importing!, d.input.name, d.namingContexts))];
      }
      case 'upn-suffixes':
        this.upnAttribute = input.upnAttribute;
        return upnIssues(upnSuffixRows(this.suffixCounts, this.domains), this.domains, input.upnAttribute, input.continueWithoutVerified);
      case 'ou-filtering':
        return this.validateOuFilters(input.ouFilters);
      case 'identifying': {
        this.identifying = input.identifying;
        const mv = new Set(defaultMetaverseSchema({ forests: [{ connectorId: 'f', connectorName: 'f' }], entra: { connectorId: 'e', connectorName: 'e' } }).attributes.map((a) => a.name));
        return identifyingIssues(input.identifying, mv, new Set(['proxyaddresses', 'othermailbox', 'memberof', 'member']));
      }
      case 'filtering':
        return this.validateFiltering(input.mode, input.groups);
      case 'features': {
        const refused = unavailableChosen(input.enabled);
        this.features = input.enabled.filter((f) => !refused.some((r) => r.id === f));
        return refused.map((r) => block(`feature.${r.id}`, r.message));
      }
      case 'tasks':
        if (!taskAvailable(input.task)) return [block('task', taskViews().find((t) => t.id === input.task)?.note ?? 'Not available')];
        this.task = input.task;
        return importedTaskIssues(this.applied, input.task);
      case 'view-config':
      case 'complete':
        return [];
      case 'schema-refresh':
        return this.validateSchemaRefresh(input.directories);
      case 'staging':
        this.ready = { ...this.ready, stagingMode: input.stagingMode };
        return input.stagingMode ? [] : [warn('stagingMode', 'Only one server may export: make sure no other IdSync or Entra Connect server is active for this tenant.')];
      case 'ready':
        this.ready = { startSync: input.startSync, stagingMode: input.stagingMode };
        return this.apply();
    }
  }

  /** Import path: reads the exported folder; the tenant and forests it names start the next pages. */
  private validateImport(folder: string, addMissingAttributes: boolean): WizardIssue[] {
    const read = readImport(folder, addMissingAttributes);
    if ('issues' in read) return read.issues;
    this.importing = read.plan;
    this.deps.log('info', `Installation wizard: read the Entra Connect export in ${folder} (${read.plan.report.counts.rules} rules)`);
    return [];
  }

  private async validateEntra(input: EntraPageInput): Promise<WizardIssue[]> {
    const previous = this.entra?.input;
    const secretKept = input.clientSecret === SECRET_MASK || input.privateKeyPem === SECRET_MASK;
    const moved = secretKept && previous ? destinationChanges('entra', previous, input) : [];
    if (moved.length) return [block(input.authKind === 'secret' ? 'clientSecret' : 'privateKeyPem', secretRefusal(input.authKind === 'secret' ? 'client secret' : 'private key', moved))];
    const merged: EntraPageInput = {
      ...input,
      clientSecret: input.clientSecret === SECRET_MASK ? this.storedEntraSecret('clientSecret', previous) : input.clientSecret,
      privateKeyPem: input.privateKeyPem === SECRET_MASK ? this.storedEntraSecret('privateKeyPem', previous) : input.privateKeyPem,
    };
    let config: EntraConfig;
    try {
      config = entraConfig(merged);
    } catch (err) {
      if (err instanceof z.ZodError) return err.issues.map((i) => block(entraField(i.path), `${entraField(i.path)}: ${i.message}`));
      return [block('entra', (err as Error).message)];
    }
    if (this.applied && config.tenantId.toLowerCase() !== this.applied.entra.tenantId.toLowerCase()) {
      return [block('tenantId', `This server is configured for tenant ${this.applied.entra.tenantId}; the tenant cannot change on a later run`)];
    }
    try {
      const result = await testTenant(config);
      this.domains = result.domains;
      this.entra = { input: merged, connectorId: this.entra?.connectorId ?? null, tested: result.message };
      this.deps.log('info', `Installation wizard: ${result.message}`);
      return this.importing ? importTenantIssues(this.importing, config.tenantId) : [];
    } catch (err) {
      this.entra = { input: merged, connectorId: this.entra?.connectorId ?? null, tested: null };
      return [block('entra', `Cannot sign in to Microsoft Entra ID: ${(err as Error).message}`)];
    }
  }

  private storedEntraSecret(field: 'clientSecret' | 'privateKeyPem', previous: EntraPageInput | undefined): string | undefined {
    const held = previous?.[field];
    if (held && held !== SECRET_MASK) return held;
    const id = this.entra?.connectorId;
    const auth = id ? (this.deps.engine().store.connectors.find(id)?.config as Partial<EntraConfig> | undefined)?.auth : undefined;
    if (!auth) return undefined;
    return field === 'clientSecret' ? (auth.kind === 'secret' ? auth.clientSecret : undefined) : (auth.kind === 'certificate' ? auth.privateKeyPem : undefined);
  }

  private async validateDirectories(list: DirectoryInput[]): Promise<WizardIssue[]> {
    if (list.length === 0) return [block('directories', 'Add at least one directory')];
    const seen = new Set<string>();
    const held: HeldDirectory[] = [];
    const issues: WizardIssue[] = [];
    for (const [i, raw] of list.entries()) {
      const d = DirectoryInputSchema.parse(raw);
      if (seen.has(d.name.toLowerCase())) issues.push(block(`directories[${i}].name`, `${d.name} is listed twice`));
      seen.add(d.name.toLowerCase());
      const before = this.directories.find((x) => x.input.name.toLowerCase() === d.name.toLowerCase());
      const moved = d.password === SECRET_MASK && before ? destinationChanges('ldap', before.input, d) : [];
      if (moved.length) {
        issues.push(block(`directories[${i}].password`, `${d.name}: ${secretRefusal('password', moved)}`));
        continue;
      }
      const password = d.password === SECRET_MASK ? this.storedPassword(before) : d.password;
      if (!password) {
        issues.push(block(`directories[${i}].password`, `${d.name}: enter the password of ${d.bindDn}`));
        continue;
      }
      const input = { ...d, password };
      const test = await testDirectory(input);
      if (!test.ok) issues.push(block(`directories[${i}]`, test.message));
      held.push({ input, connectorId: before?.connectorId ?? null, tested: test.ok ? test.message : null, namingContexts: test.namingContexts });
    }
    if (issues.length) return issues;
    this.removedConnectorIds = this.directories.filter((d) => d.connectorId && !held.some((h) => h.connectorId === d.connectorId)).map((d) => d.connectorId!);
    this.directories = held;
    this.ouFilters = held.map((d) => this.ouFilters.find((f) => f.directory.toLowerCase() === d.input.name.toLowerCase()) ?? { directory: d.input.name, mode: 'all', included: [] });
    this.suffixCounts = new Map();
    for (const d of held) {
      try {
        for (const [s, n] of await upnSuffixCounts(d.input, d.namingContexts)) this.suffixCounts.set(s, (this.suffixCounts.get(s) ?? 0) + n);
      } catch (err) {
        issues.push(warn(`directories.${d.input.name}`, `${d.input.name}: UPN suffixes could not be read: ${(err as Error).message}`));
      }
    }
    this.deps.log('info', `Installation wizard: ${held.length} director${held.length === 1 ? 'y' : 'ies'} connected`);
    return issues;
  }

  private storedPassword(before: HeldDirectory | undefined): string | undefined {
    if (before?.input.password && before.input.password !== SECRET_MASK) return before.input.password;
    const rec = before?.connectorId ? this.deps.engine().store.connectors.find(before.connectorId) : null;
    return typeof rec?.config.password === 'string' ? rec.config.password : undefined;
  }

  /** The held directory by name (its password included), or null. */
  directory(name: string): DirectoryInput | null {
    const d = this.directories.find((x) => x.input.name.toLowerCase() === name.toLowerCase());
    if (!d) return null;
    return { ...d.input, password: this.storedPassword(d) ?? '' };
  }

  private validateOuFilters(filters: OuFilter[]): WizardIssue[] {
    const issues: WizardIssue[] = [];
    for (const f of filters) {
      if (!this.directories.some((d) => d.input.name.toLowerCase() === f.directory.toLowerCase())) issues.push(block(`ouFilters.${f.directory}`, `${f.directory} is not a connected directory`));
      if (f.mode === 'selected' && f.included.length === 0) issues.push(block(`ouFilters.${f.directory}`, `${f.directory}: select at least one domain or OU, or choose "Sync all domains and OUs"`));
    }
    if (issues.length) return issues;
    this.ouFilters = this.directories.map((d) => filters.find((f) => f.directory.toLowerCase() === d.input.name.toLowerCase()) ?? { directory: d.input.name, mode: 'all', included: [] });
    return [];
  }

  private async validateFiltering(mode: 'all' | 'group', groups: { directory: string; name: string }[]): Promise<WizardIssue[]> {
    if (mode === 'all') {
      this.filtering = { mode: 'all', groups: [] };
      return [];
    }
    if (this.applied && this.applied.filtering.mode === 'all') return [block('mode', 'Group filtering cannot be turned on after installation (it is meant for a pilot, set up on the first run)')];
    const chosen = groups.filter((g) => g.name.trim());
    if (chosen.length === 0) return [block('groups', 'Enter the pilot group of at least one directory')];
    const issues: WizardIssue[] = [];
    const resolved: FilteringChoice['groups'] = [];
    for (const g of chosen) {
      const d = this.directory(g.directory);
      if (!d) {
        issues.push(block(`groups.${g.directory}`, `${g.directory} is not a connected directory`));
        continue;
      }
      const held = this.directories.find((x) => x.input.name === d.name)!;
      try {
        const hit = await resolveGroup(d, held.namingContexts, g.name.trim());
        if (!hit) {
          issues.push(block(`groups.${g.directory}`, `The group "${g.name}" was not found in ${g.directory}`));
          continue;
        }
        resolved.push({ directory: d.name, name: g.name.trim(), dn: hit.dn, directMembers: hit.members.length });
        const f = this.ouFilters.find((x) => x.directory === d.name);
        if (f?.mode === 'selected' && !f.included.some((ou) => hit.dn.toLowerCase().endsWith(ou.toLowerCase()))) {
          issues.push(warn(`groups.${g.directory}`, `The group ${hit.dn} is outside the selected OUs: OU filtering runs first, so select its OU on the previous page`));
        }
      } catch (err) {
        issues.push(block(`groups.${g.directory}`, `${g.directory}: ${(err as Error).message}`));
      }
    }
    if (this.applied?.filtering.mode === 'group') {
      const before = new Set(this.applied.filtering.groups.map((g) => `${g.directory}\u0000${g.dn ?? ''}`.toLowerCase()));
      if (resolved.some((g) => !before.has(`${g.directory}\u0000${g.dn ?? ''}`.toLowerCase()))) issues.push(block('groups', 'The pilot group cannot change on a later run; it can only be removed'));
    }
    this.filtering = { mode: 'group', groups: resolved };
    if (!issues.some((i) => i.severity === 'block')) {
      issues.push(warn('groups', 'Only direct members are synchronized: users, groups, contacts and computers must be members of the group themselves (nesting is ignored). Use group filtering for a pilot only.'));
    }
    return issues;
  }

  private async validateSchemaRefresh(names: string[]): Promise<WizardIssue[]> {
    if (names.length === 0) return [block('directories', 'Select at least one directory')];
    const issues: WizardIssue[] = [];
    for (const name of names) {
      const d = this.directory(name);
      if (!d) {
        issues.push(block(`directories.${name}`, `${name} is not a connected directory`));
        continue;
      }
      const test = await testDirectory(d);
      if (!test.ok) issues.push(block(`directories.${name}`, test.message));
      else {
        const held = this.directories.find((x) => x.input.name === d.name)!;
        held.tested = test.message;
        held.namingContexts = test.namingContexts;
      }
    }
    return issues;
  }

  /** Starts a device code sign-in; the code shows at once, the engine keeps polling until the user completes it. */
  async startDeviceCode(options: { tenantId: string; clientId: string; authorityHost?: string; graphScope?: string; caPem?: string }, graphBaseUrl: string): Promise<void> {
    this.deviceAbort?.abort();
    const abort = new AbortController();
    this.deviceAbort = abort;
    this.deviceCode = { status: 'waiting', userCode: null, verificationUri: null, message: null, username: null, error: null };
    try {
      const signIn = await startAdminSignIn({ ...options, graphBaseUrl, signal: abort.signal });
      this.deviceCode = { ...this.deviceCode, userCode: signIn.userCode, verificationUri: signIn.verificationUri, message: signIn.message };
      signIn.result.then(async (r) => {
        if (abort.signal.aborted) return;
        this.deviceToken = { token: r.accessToken, graphBaseUrl, caPem: options.caPem };
        this.domains = await readDomains(graphBaseUrl, r.accessToken, options.caPem);
        this.deviceCode = { ...this.deviceCode, status: 'signed-in', username: r.username };
        this.deps.log('info', `Installation wizard: administrator ${r.username} signed in to tenant ${options.tenantId}`);
      }).catch((err: unknown) => {
        if (!abort.signal.aborted) this.deviceCode = { ...this.deviceCode, status: 'failed', error: (err as Error).message };
      });
    } catch (err) {
      this.deviceCode = { ...this.deviceCode, status: 'failed', error: (err as Error).message };
    }
  }

  /** Re-reads the tenant's domains (after the administrator verified one). */
  async refreshDomains(): Promise<void> {
    if (this.deviceToken) this.domains = await readDomains(this.deviceToken.graphBaseUrl, this.deviceToken.token, this.deviceToken.caPem);
    else if (this.entra?.tested) this.domains = (await testTenant(entraConfig(this.entra.input))).domains;
    else throw new Error('Sign in to Microsoft Entra ID first');
  }

  private async pilotFilter(d: HeldDirectory): Promise<string | undefined> {
    const g = this.filtering.mode === 'group' ? this.filtering.groups.find((x) => x.directory === d.input.name) : undefined;
    if (!g?.dn) return undefined;
    const input = this.directory(d.input.name)!;
    const self = d.input.kind === 'ad' ? 'distinguishedName' : 'entryDN';
    if (await hasMemberOf(input)) return `(|(memberOf=${escapeFilterValue(g.dn)})(${self}=${escapeFilterValue(g.dn)}))`;
    // Without memberOf the direct members at configuration time are the scope; running the wizard again refreshes it.
    const hit = await resolveGroup(input, d.namingContexts, g.dn);
    const dns = [g.dn, ...(hit?.members ?? [])];
    this.notes.push(`${d.input.name} keeps no memberOf attribute: the pilot scope is the group's ${dns.length - 1} direct member(s) as of now; run the wizard again after changing the group.`);
    return `(|${dns.map((dn) => `(entryDN=${escapeFilterValue(dn)})`).join('')})`;
  }

  /** Install / Configure: writes everything, then starts the initial cycle when asked. */
  private async apply(): Promise<WizardIssue[]> {
    if (!this.entra?.tested && !this.entra?.connectorId) return [block('entra', 'Connect to Microsoft Entra ID first')];
    if (this.directories.length === 0) return [block('directories', 'Connect at least one directory first')];
    this.notes = [];
    const steps: ApplyStep[] = [
      { label: 'Configure the directory connectors', status: 'running', message: null },
      { label: 'Configure the Microsoft Entra ID connector', status: 'pending', message: null },
      { label: this.importing ? 'Import the synchronization rules' : 'Generate the synchronization rules', status: 'pending', message: null },
      { label: 'Configure the scheduler', status: 'pending', message: null },
      { label: 'Start the initial synchronization cycle', status: 'pending', message: null },
    ];
    this.applySteps = steps;
    let result;
    try {
      const refused = await this.testSignInBeforeApply(steps);
      if (refused) return refused;
      const imported = this.importing || (this.applied?.importedFrom && this.task === 'staging');
      result = imported ? await this.applyImported() : await this.applyDefaults();
    } catch (err) {
      steps[0] = { ...steps[0]!, status: 'failed', message: (err as Error).message };
      return [block('apply', `The configuration could not be applied (nothing was changed): ${(err as Error).message}`)];
    }
    steps[0] = { ...steps[0]!, status: 'done', message: `${this.directories.length} director${this.directories.length === 1 ? 'y' : 'ies'}` };
    steps[1] = { ...steps[1]!, status: 'done', message: result.settings.entra.connectorName };
    steps[2] = { ...steps[2]!, status: 'done', message: result.rules ? `${result.rules} rules` : 'unchanged' };
    steps[3] = { ...steps[3]!, status: 'done', message: this.ready.stagingMode ? 'staging mode on: nothing is exported' : 'staging mode off' };
    this.applied = result.settings;
    this.page = 'complete';
    this.deps.log('info', `Installation wizard: configuration applied (${result.rules} rules; snapshot ${result.snapshot})`);
    if (this.ready.stagingMode) this.notes.push('Staging mode is on: imports and synchronization run, nothing is exported.');
    if (!this.ready.startSync) {
      this.notes.push('Synchronization was not started: the scheduler stays disabled until the wizard runs again.');
      steps[4] = { ...steps[4]!, status: 'skipped', message: 'not requested' };
      this.deps.onApplied(false).release();
      return [];
    }
    steps[4] = { ...steps[4]!, status: 'running', message: null };
    const lock = this.deps.onApplied(true);
    const progress: string[] = [];
    void runInitialCycle(this.deps.engine(), this.deps.home, (text) => {
      progress.push(text);
      steps[4] = { ...steps[4]!, message: progress.join('\n') };
    }, this.deps.log).then((cycle) => {
      const withErrors = cycle.steps.filter((st) => !/^(success|completed-no-objects)$/.test(st.status));
      steps[4] = { ...steps[4]!, status: cycle.result === 'completed' ? 'done' : 'failed', message: [...progress, `Initial cycle ${cycle.result}`].join('\n') };
      if (withErrors.length) this.notes.push(`The initial cycle finished with ${withErrors.length} step(s) reporting errors (${withErrors.map((st) => `${st.connectorName}: ${st.status}`).join('; ')}); the Operations tab lists the objects and their errors.`);
    }).catch((err: unknown) => {
      steps[4] = { ...steps[4]!, status: 'failed', message: (err as Error).message };
    }).finally(() => lock.release());
    return [];
  }

  /** Install / Configure with the default configuration of the wizard's choices. */
  private async applyDefaults() {
    if (!this.entra) throw new Error('Connect to Microsoft Entra ID first');
    const directories = [];
    for (const d of this.directories) {
      const input = this.directory(d.input.name)!;
      const ouFilter = this.ouFilters.find((f) => f.directory === d.input.name);
      const identity = { sourceAnchor: this.identifying.sourceAnchor === 'objectGUID' ? 'objectGUID' as const : 'ms-DS-ConsistencyGuid' as const, userMatching: this.identifying.userMatching === 'objectSid' ? 'objectSid' as const : 'unique' as const };
      directories.push({ name: d.input.name, config: directoryConfig(input, { ouFilter, pilotFilter: await this.pilotFilter(d), namingContexts: d.namingContexts, ...identity }) });
    }
    const entraInput = { ...this.entra.input };
    if (entraInput.clientSecret === SECRET_MASK) entraInput.clientSecret = this.storedEntraSecret('clientSecret', undefined);
    if (entraInput.privateKeyPem === SECRET_MASK) entraInput.privateKeyPem = this.storedEntraSecret('privateKeyPem', undefined);
    const plan: ApplyPlan = {
      entra: { name: this.applied?.entra.connectorName ?? `${initialDomain(this.domains)} - AAD`, config: entraConfig(entraInput) },
      directories,
      removedConnectorIds: this.removedConnectorIds,
      startSync: this.ready.startSync,
      directoryMeta: this.directories.map((d) => ({ name: d.input.name, kind: d.input.kind, url: d.input.url, bindDn: d.input.bindDn })),
      settings: {
        signInMethod: this.signInMethod,
        upnAttribute: this.upnAttribute,
        ouFilters: this.ouFilters,
        identifying: this.identifying,
        filtering: this.filtering,
        features: featureViews(this.features).map((f) => ({ id: f.id, enabled: f.enabled })),
        stagingMode: this.ready.stagingMode,
      },
    };
    return applyConfiguration(this.deps.engine(), this.deps.home, plan);
  }

  /** Nothing is written with credentials Entra ID refuses (the first cycle would stop on them): the issues, or null. */
  private async testSignInBeforeApply(steps: ApplyStep[]): Promise<WizardIssue[] | null> {
    if (!this.entra || this.entra.tested || (!this.importing && this.applied?.importedFrom && this.task === 'staging')) return null;
    const entraInput = { ...this.entra.input };
    if (entraInput.clientSecret === SECRET_MASK) entraInput.clientSecret = this.storedEntraSecret('clientSecret', undefined);
    if (entraInput.privateKeyPem === SECRET_MASK) entraInput.privateKeyPem = this.storedEntraSecret('privateKeyPem', undefined);
    try {
      this.entra.tested = (await testTenant(entraConfig(entraInput))).message;
      return null;
    } catch (err) {
      steps[0] = { ...steps[0]!, status: 'failed', message: (err as Error).message };
      return [block('entra', `Cannot sign in to Microsoft Entra ID, nothing was changed: ${(err as Error).message}`)];
    }
  }

  /** Install on the import path (the imported configuration with the pages' credentials), or the staging task of an imported one. */
  private async applyImported(): Promise<{ settings: AppliedSettings; snapshot: string; rules: number }> {
    if (!this.importing) return applyStagingOnly(this.deps.home, this.applied!, this.ready.stagingMode);
    const entraInput = { ...this.entra!.input };
    if (entraInput.clientSecret === SECRET_MASK) entraInput.clientSecret = this.storedEntraSecret('clientSecret', undefined);
    if (entraInput.privateKeyPem === SECRET_MASK) entraInput.privateKeyPem = this.storedEntraSecret('privateKeyPem', undefined);
    const done = await applyImport(this.deps.engine(), this.deps.home, this.importing, {
      entra: entraConfig(entraInput), directories: this.directories.map((d) => this.directory(d.input.name)!),
      startSync: this.ready.startSync, stagingMode: this.ready.stagingMode,
    });
    this.notes.push(...done.notes);
    return done;
  }

  /** Forgets the sign-in and stops polling. */
  dispose(): void {
    this.deviceAbort?.abort();
    this.deviceToken = null;
  }
}

function block(field: string, message: string): WizardIssue {
  return { field, message, severity: 'block' };
}

function warn(field: string, message: string): WizardIssue {
  return { field, message, severity: 'warn' };
}

function maskEntra(e: EntraPageInput): EntraPageInput {
  return { ...e, clientSecret: e.clientSecret ? SECRET_MASK : undefined, privateKeyPem: e.privateKeyPem ? SECRET_MASK : undefined };
}

function entraField(path: readonly PropertyKey[]): string {
  const key = path.map(String).join('.');
  return ({ 'auth.clientSecret': 'clientSecret', 'auth.certificatePem': 'certificatePem', 'auth.privateKeyPem': 'privateKeyPem' } as Record<string, string>)[key] ?? (key || 'entra');
}

