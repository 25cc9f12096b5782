// Applies the wizard's choices in one go: connectors (secrets sealed by the store), the default metaverse schema,
// the out-of-box rules for the chosen options, the scheduler's settings, and the applied-settings record.
import type { AppliedSettings } from '../../shared/model/wizard.ts';
import type { SyncRule } from '../../shared/model/sync-rules.ts';
import { ldapConfigSchema, ldapConnectorType, type LdapConfigInput } from '../connectors/ldap/index.ts';
import { entraConnectorType, type EntraConfig } from '../connectors/entra/index.ts';
import { defaultMetaverseSchema, generateDefaultRules, type DefaultsOptionsInput } from '../rules/defaults/index.ts';
import { SettingsFile } from '../scheduler/settings-file.ts';
import { defaultRunProfiles } from '../sync/default-profiles.ts';
import type { SyncEngine } from '../sync/engine.ts';
import { writeAppliedSettings } from './applied-settings.ts';
import { DEFAULT_DELETE_THRESHOLD } from './features.ts';

export interface ApplyDirectory {
  readonly name: string;
  readonly connectorId: string | null;
  readonly config: LdapConfigInput;
}

export interface ApplyPlan {
  readonly entra: { readonly name: string; readonly connectorId: string | null; readonly config: EntraConfig };
  readonly directories: readonly ApplyDirectory[];
  /** Connector ids of directories removed on a later run. */
  readonly removedConnectorIds: readonly string[];
  readonly settings: Omit<AppliedSettings, 'entra' | 'directories' | 'appliedAt' | 'format' | 'version'>;
  readonly startSync: boolean;
  readonly directoryMeta: readonly { name: string; kind: 'ad' | 'openldap'; url: string; bindDn: string }[];
}

export interface ApplyResult {
  readonly settings: AppliedSettings;
  readonly snapshot: string;
  readonly rules: number;
}

/** Writes the configuration; store changes happen in one transaction (all or nothing). */
export function applyConfiguration(engine: SyncEngine, home: string, plan: ApplyPlan): ApplyResult {
  const store = engine.store;
  let rules: SyncRule[] = [];
  let entraId = '';
  const dirIds: string[] = [];
  store.transaction(() => {
    for (const id of plan.removedConnectorIds) if (store.connectors.find(id)) engine.deleteConnector(id);
    const dirRecords = plan.directories.map((d) => {
      const existing = d.connectorId ? store.connectors.find(d.connectorId) : store.connectors.find(d.name);
      const config = ldapConfigSchema.parse(d.config);
      return store.connectors.save({
        id: existing?.id, name: d.name, type: ldapConnectorType.type, description: `Directory ${d.name}, configured by the installation wizard`,
        config: config as unknown as Record<string, unknown>, runProfiles: existing?.runProfiles ?? defaultRunProfiles(), deleteThreshold: existing?.deleteThreshold ?? null,
      }, ldapConnectorType.secretFields);
    });
    const existingEntra = plan.entra.connectorId ? store.connectors.find(plan.entra.connectorId) : store.connectors.find(plan.entra.name);
    const deletes = plan.settings.features.some((f) => f.id === 'delete-threshold' && f.enabled);
    const entra = store.connectors.save({
      id: existingEntra?.id, name: plan.entra.name, type: entraConnectorType.type, description: 'Microsoft Entra ID, configured by the installation wizard',
      config: plan.entra.config as unknown as Record<string, unknown>, runProfiles: existingEntra?.runProfiles ?? defaultRunProfiles(),
      deleteThreshold: deletes ? DEFAULT_DELETE_THRESHOLD : null,
    }, entraConnectorType.secretFields);
    entraId = entra.id;
    dirIds.push(...dirRecords.map((r) => r.id));
    const options: DefaultsOptionsInput = {
      forests: dirRecords.map((r) => ({ connectorId: r.id, connectorName: r.name })),
      entra: { connectorId: entra.id, connectorName: entra.name },
      sourceAnchor: plan.settings.identifying.sourceAnchor === 'objectGUID' ? 'objectGUID' : 'ms-DS-ConsistencyGuid',
      userMatching: plan.settings.identifying.userMatching === 'objectSid' ? 'objectSid' : 'unique',
    };
    store.schema.replace(defaultMetaverseSchema(options));
    rules = generateDefaultRules(options);
    const ours = new Set([entra.id, ...dirRecords.map((r) => r.id)]);
    const keep = new Set(rules.map((r) => r.id));
    // Regenerated default rules replace the previous ones in place (stable ids); custom rules stay.
    for (const old of store.rules.list()) {
      if (old.rule.immutableTag?.startsWith('Microsoft.') && ours.has(old.rule.connector.id) && !keep.has(old.rule.id)) store.rules.delete(old.rule.id);
    }
    for (const r of rules) store.rules.put(r);
  });
  new SettingsFile(home).update((s) => ({
    ...s,
    stagingModeEnabled: plan.settings.stagingMode,
    syncCycleEnabled: plan.startSync,
    nextSyncCyclePolicyType: 'Initial',
    schedulerSuspended: false,
  }));
  const settings: AppliedSettings = {
    format: 'idsync-wizard-settings', version: 1, appliedAt: new Date().toISOString(), ...plan.settings,
    entra: { tenantId: plan.entra.config.tenantId, clientId: plan.entra.config.clientId, authKind: plan.entra.config.auth.kind, connectorId: entraId, connectorName: plan.entra.name },
    directories: plan.directoryMeta.map((d, i) => ({ ...d, connectorId: dirIds[i]! })),
  };
  const snapshot = writeAppliedSettings(home, settings);
  return { settings, snapshot, rules: rules.length };
}
