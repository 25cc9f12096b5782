// The global parameters of MV.xml as IdSync settings: identity choices (report and the standard-rule
// reference), the scheduler, deletion protection and the optional features with what IdSync can do of each.
import type { MigrationSettingsReport, MigrationWarning } from '../../shared/model/migration.ts';
import type { SyncRule } from '../../shared/model/sync-rules.ts';
import { ALLOWED_SYNC_CYCLE_INTERVAL_MS, type SchedulerSettings } from '../scheduler/settings.ts';
import { parseTimeSpan } from '../scheduler/timespan.ts';
import type { StandardRuleChoices } from '../rules/defaults/standard-rules.ts';
import type { ExportMetaverse } from './export-model.ts';

export interface MigratedSettings {
  readonly report: MigrationSettingsReport;
  /** What the scheduler file gets (staging on and an initial cycle next, whatever the export says). */
  readonly scheduler: Pick<SchedulerSettings, 'customizedSyncCycleInterval' | 'syncCycleEnabled' | 'maintenanceEnabled' | 'purgeRunHistoryInterval' | 'stagingModeEnabled' | 'nextSyncCyclePolicyType' | 'schedulerSuspended'>;
  /** The choices to rebuild Microsoft's standard rules with, or null when IdSync's generator has no such variant. */
  readonly choices: StandardRuleChoices | null;
  readonly warnings: MigrationWarning[];
}

interface FeatureDef {
  readonly parameter: string;
  readonly name: string;
  readonly supported: boolean;
  readonly note: string;
}

const FEATURES: readonly FeatureDef[] = [
  { parameter: 'PasswordHashSync', name: 'Password hash synchronization', supported: false, note: 'The Microsoft Graph connector cannot write password hashes; users keep cloud-managed passwords.' },
  { parameter: 'PasswordWriteback', name: 'Password writeback', supported: false, note: 'Needs the password reset relay of Microsoft Entra ID, which IdSync does not implement.' },
  { parameter: 'GroupWriteBack', name: 'Group writeback', supported: false, note: 'IdSync does not provision cloud groups into the directory.' },
  { parameter: 'UserWriteBack', name: 'User writeback', supported: false, note: 'IdSync does not provision cloud users into the directory.' },
  { parameter: 'DeviceWriteBack', name: 'Device writeback', supported: false, note: 'Catalogued only, as Microsoft\'s own import does (R8): IdSync does not write registered devices back.' },
  { parameter: 'DeviceWriteUp', name: 'Device synchronization (hybrid join)', supported: false, note: 'Microsoft Graph cannot register hybrid-joined devices; the device rules stay disabled.' },
  { parameter: 'DirectoryExtension', name: 'Directory extension attributes', supported: false, note: 'The Microsoft Graph connector does not create extension properties; flows to extension_* attributes are not carried (R15, R16).' },
  { parameter: 'HybridExchange', name: 'Exchange hybrid deployment', supported: false, note: 'Graph exposes no cloudMSExch* values, so the Exchange hybrid writeback rules are disabled; mail attributes still flow to Entra ID.' },
  { parameter: 'GroupFiltering', name: 'Group-based filtering', supported: true, note: 'Carried by the scoping of the imported rules (ISMEMBEROF) when the old server had it.' },
  { parameter: 'FilterAAD', name: 'Microsoft Entra app and attribute filtering', supported: true, note: 'Carried by the imported outbound rules: flows left out there stay left out.' },
  { parameter: 'ExportDeletionThreshold', name: 'Prevent accidental deletes', supported: true, note: 'The deletion threshold of the Entra connector.' },
];

/** Global parameters by name (without the `Microsoft.` prefix). */
function parameterMap(mv: ExportMetaverse): Map<string, string> {
  return new Map(mv.parameters.map((p) => [p.name.replace(/^Microsoft\./, ''), p.value.trim()]));
}

const isTrue = (v: string | undefined) => /^true$/i.test(v ?? '');

/** The member limit in the exported "Out to AAD - Group Join" scope (`memberCount LESSTHAN n`), or null. */
export function exportedGroupMemberLimit(rules: readonly SyncRule[]): number | null {
  for (const r of rules) {
    if (!r.immutableTag?.startsWith('Microsoft.OuttoAADGroupJoin.')) continue;
    for (const c of r.scopingFilter.flat()) if (c.attribute === 'memberCount' && c.operator === 'LESSTHAN' && /^\d+$/.test(c.value)) return Number(c.value);
  }
  return null;
}

/** Maps the global parameters; `rules` give the group member limit. */
export function mapSettings(mv: ExportMetaverse, rules: readonly SyncRule[]): MigratedSettings {
  const p = parameterMap(mv);
  const warnings: MigrationWarning[] = [];
  const anchor = p.get('SynchronizationOption.AnchorAttribute') || 'objectGUID';
  const join = p.get('SynchronizationOption.JoinCriteria') || 'AlwaysProvision';
  const matching: 'objectSid' | 'unique' | 'other' = /^objectsid$/i.test(join) ? 'objectSid' : /^alwaysprovision$/i.test(join) ? 'unique' : 'other';
  const threshold = isTrue(p.get('OptionalFeature.ExportDeletionThreshold')) ? Number(p.get('OptionalFeature.ExportDeletionThresholdValue') || 500) : null;
  const stagingExported = isTrue(p.get('Synchronize.StagingMode'));
  const phs = isTrue(p.get('OptionalFeature.PasswordHashSync'));

  let interval = p.get('Synchronize.TimeInterval') || '00:30:00';
  try {
    if (parseTimeSpan(interval) < ALLOWED_SYNC_CYCLE_INTERVAL_MS) {
      warnings.push({ code: 'schedule', subject: 'Synchronize.TimeInterval', message: `The old server synchronized every ${interval}; IdSync's shortest interval is 30 minutes, so cycles run every 30 minutes.` });
    }
  } catch {
    warnings.push({ code: 'schedule', subject: 'Synchronize.TimeInterval', message: `"${interval}" is not a time span; the default interval of 30 minutes is used.` });
    interval = '00:30:00';
  }
  const purge = p.get('Synchronize.RunHistoryPurgeInterval') || '7.00:00:00';
  const purgeOk = (() => { try { parseTimeSpan(purge); return true; } catch { return false; } })();

  const features = FEATURES.map((f) => ({ name: f.name, enabled: isTrue(p.get(`OptionalFeature.${f.parameter}`)), supported: f.supported, note: f.note }));
  for (const f of features.filter((x) => x.enabled && !x.supported)) {
    warnings.push({ code: f.name === 'Device writeback' ? 'R8' : 'feature', subject: f.name, message: `${f.name} was on in the old server and is not available in IdSync: ${f.note}` });
  }
  if (!stagingExported) {
    warnings.push({ code: 'R5', subject: 'Staging mode', message: 'The old server was active (staging mode off); the imported configuration starts in staging mode, as Microsoft\'s import does, so you can compare the staging export report with the old server before switching.' });
  }
  if (p.get('SynchronizationOption.UPNAttribute') && !/^userPrincipalName$/i.test(p.get('SynchronizationOption.UPNAttribute')!)) {
    warnings.push({ code: 'upn', subject: 'UPN attribute', message: `The old server signed users in with ${p.get('SynchronizationOption.UPNAttribute')} (alternate login ID); the imported rules carry that choice, and Entra ID still needs verified domains for those suffixes.` });
  }
  const limit = exportedGroupMemberLimit(rules);
  const choices: StandardRuleChoices | null = matching !== 'other' && /^(objectGUID|ms-DS-ConsistencyGuid)$/i.test(anchor)
    ? { sourceAnchor: /^objectGUID$/i.test(anchor) ? 'objectGUID' as const : 'ms-DS-ConsistencyGuid' as const, userMatching: matching, groupMemberLimit: limit ?? 50_000 }
    : null;
  return {
    report: {
      sourceAnchor: anchor,
      userMatching: { exported: join, idsync: matching },
      upnAttribute: p.get('SynchronizationOption.UPNAttribute') || 'userPrincipalName',
      deletionThreshold: threshold,
      syncInterval: interval,
      syncCycleEnabled: p.has('Synchronize.SynchronizationSchedule') ? isTrue(p.get('Synchronize.SynchronizationSchedule')) : true,
      purgeRunHistoryInterval: purgeOk ? purge : '7.00:00:00',
      passwordHashSync: phs,
      stagingMode: { exported: stagingExported, imported: true },
      groupMemberLimit: limit,
      features,
    },
    scheduler: {
      customizedSyncCycleInterval: interval,
      syncCycleEnabled: p.has('Synchronize.SynchronizationSchedule') ? isTrue(p.get('Synchronize.SynchronizationSchedule')) : true,
      maintenanceEnabled: p.has('Synchronize.MaintenanceEnabled') ? isTrue(p.get('Synchronize.MaintenanceEnabled')) : true,
      purgeRunHistoryInterval: purgeOk ? purge : '7.00:00:00',
      stagingModeEnabled: true,
      nextSyncCyclePolicyType: 'Initial',
      schedulerSuspended: false,
    },
    choices,
    warnings,
  };
}
