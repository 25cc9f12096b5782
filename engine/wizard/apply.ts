// Applies the wizard's choices in one go through the default configuration layer (connectors, merged metaverse
// schema, validated out-of-box rules), then the scheduler's settings and the applied-settings record.
import type { AppliedSettings } from '../../shared/model/wizard.ts';
import type { LdapConfigInput } from '../connectors/ldap/index.ts';
import type { EntraConfig } from '../connectors/entra/index.ts';
import { applyDefaultConfiguration, type AppliedConfiguration } from '../rules/defaults/apply-defaults.ts';
import { SettingsFile } from '../scheduler/settings-file.ts';
import type { SyncEngine } from '../sync/engine.ts';
import { writeAppliedSettings } from './applied-settings.ts';
import { DEFAULT_DELETE_THRESHOLD } from './features.ts';

export interface ApplyDirectory {
  readonly name: string;
  readonly config: LdapConfigInput;
}

export interface ApplyPlan {
  readonly entra: { readonly name: string; readonly config: EntraConfig };
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

/** Writes the configuration; the store changes happen in one transaction (all or nothing). */
export function applyConfiguration(engine: SyncEngine, home: string, plan: ApplyPlan): ApplyResult {
  const s = plan.settings;
  const deletes = s.features.some((f) => f.id === 'delete-threshold' && f.enabled);
  const applied = engine.store.transaction((): AppliedConfiguration => {
    for (const id of plan.removedConnectorIds) if (engine.store.connectors.find(id)) engine.deleteConnector(id);
    return applyDefaultConfiguration(engine, {
      forests: plan.directories.map((d) => ({ name: d.name, type: 'ldap', description: `Directory ${d.name}, configured by the installation wizard`, config: d.config as Record<string, unknown> })),
      entra: { name: plan.entra.name, type: 'entra', description: 'Microsoft Entra ID, configured by the installation wizard', config: plan.entra.config as unknown as Record<string, unknown> },
      sourceAnchor: s.identifying.sourceAnchor === 'objectGUID' ? 'objectGUID' : 'ms-DS-ConsistencyGuid',
      userMatching: s.identifying.userMatching === 'objectSid' ? 'objectSid' : 'unique',
      deleteThreshold: deletes ? DEFAULT_DELETE_THRESHOLD : null,
    });
  });
  new SettingsFile(home).update((cur) => ({
    ...cur,
    stagingModeEnabled: s.stagingMode,
    syncCycleEnabled: plan.startSync,
    nextSyncCyclePolicyType: 'Initial',
    schedulerSuspended: false,
  }));
  const idOf = (name: string): string => applied.connectors.find((c) => c.name === name)?.id ?? '';
  const settings: AppliedSettings = {
    format: 'idsync-wizard-settings', version: 1, appliedAt: new Date().toISOString(), ...s,
    entra: { tenantId: plan.entra.config.tenantId, clientId: plan.entra.config.clientId, authKind: plan.entra.config.auth.kind, connectorId: idOf(plan.entra.name), connectorName: plan.entra.name },
    directories: plan.directoryMeta.map((d) => ({ ...d, connectorId: idOf(d.name) })),
  };
  const snapshot = writeAppliedSettings(home, settings);
  return { settings, snapshot, rules: applied.rules.saved };
}
