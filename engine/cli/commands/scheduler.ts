// `idsync scheduler get|set|suspend|resume|override`: the scheduler settings (Get-/Set-ADSyncScheduler).
// They live in the data directory; a running host reads them before every cycle.
import type { Command } from 'commander';
import { CliError, report } from '../output.ts';
import { resolveHome } from '../../host/home.ts';
import { SettingsFile } from '../../scheduler/settings-file.ts';
import { schedulerView, SchedulerSettingsUpdate, type SchedulerSettings } from '../../scheduler/settings.ts';
import { SyncEngine } from '../../sync/engine.ts';
import path from 'node:path';

function view(s: SchedulerSettings) {
  return { ...schedulerView(s, null, false), ConnectorOverrides: s.connectorOverrides };
}

function text(v: ReturnType<typeof view>): string {
  return Object.entries(v).map(([k, x]) => `${k.padEnd(36)} ${typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x ?? '')}`).join('\n');
}

function bool(name: string, v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  if (/^(true|1|yes|on)$/i.test(v)) return true;
  if (/^(false|0|no|off)$/i.test(v)) return false;
  throw new CliError(`${name} must be true or false, not "${v}"`);
}

/** Registers `idsync scheduler`. */
export function registerScheduler(program: Command): void {
  const home = () => resolveHome(program.opts<{ home?: string }>().home);
  const cmd = program.command('scheduler').description('scheduler settings: interval, next cycle type, run-history purge, suspension, connector overrides');
  cmd.command('get').description('show the settings (Get-ADSyncScheduler)').option('--json', 'print JSON')
    .action((o: { json?: boolean }) => report(o, view(new SettingsFile(home()).load()), text));
  cmd.command('set').description('change settings (Set-ADSyncScheduler)')
    .option('--interval <d.HH:mm:ss|default>', 'CustomizedSyncCycleInterval (never below 00:30:00)')
    .option('--next-policy <Delta|Initial>', 'NextSyncCyclePolicyType')
    .option('--purge-interval <d.HH:mm:ss>', 'PurgeRunHistoryInterval')
    .option('--sync-cycle-enabled <bool>', 'SyncCycleEnabled')
    .option('--maintenance-enabled <bool>', 'MaintenanceEnabled')
    .option('--json', 'print JSON')
    .action((o: { interval?: string; nextPolicy?: string; purgeInterval?: string; syncCycleEnabled?: string; maintenanceEnabled?: string; json?: boolean }) => {
      const raw = {
        ...(o.interval !== undefined ? { customizedSyncCycleInterval: o.interval === 'default' ? null : o.interval } : {}),
        ...(o.nextPolicy !== undefined ? { nextSyncCyclePolicyType: o.nextPolicy } : {}),
        ...(o.purgeInterval !== undefined ? { purgeRunHistoryInterval: o.purgeInterval } : {}),
        ...(o.syncCycleEnabled !== undefined ? { syncCycleEnabled: bool('--sync-cycle-enabled', o.syncCycleEnabled) } : {}),
        ...(o.maintenanceEnabled !== undefined ? { maintenanceEnabled: bool('--maintenance-enabled', o.maintenanceEnabled) } : {}),
      };
      if (Object.keys(raw).length === 0) throw new CliError('Nothing to set: give --interval, --next-policy, --purge-interval, --sync-cycle-enabled or --maintenance-enabled');
      const parsed = SchedulerSettingsUpdate.safeParse(raw);
      if (!parsed.success) throw new CliError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      report(o, view(new SettingsFile(home()).update((s) => ({ ...s, ...parsed.data }))), text);
    });
  for (const [name, suspended] of [['suspend', true], ['resume', false]] as const) {
    cmd.command(name).description(suspended ? 'block scheduled cycles (SchedulerSuspended)' : 'allow scheduled cycles again').option('--json', 'print JSON')
      .action((o: { json?: boolean }) => report(o, view(new SettingsFile(home()).update((s) => ({ ...s, schedulerSuspended: suspended }))), text));
  }
  cmd.command('override').description('make the next delta cycle run a full import and/or full sync on one connector')
    .argument('<connector>', 'connector name or id')
    .option('--full-import', 'FullImportRequired')
    .option('--full-sync', 'FullSyncRequired')
    .option('--clear', 'remove the override')
    .option('--json', 'print JSON')
    .action((connector: string, o: { fullImport?: boolean; fullSync?: boolean; clear?: boolean; json?: boolean }) => {
      const engine = SyncEngine.open(path.join(home(), 'idsync.sqlite'));
      let id: string;
      try {
        const c = engine.store.connectors.find(connector);
        if (!c) throw new CliError(`No connector "${connector}"`);
        id = c.id;
      } finally {
        engine.close();
      }
      const next = new SettingsFile(home()).update((s) => {
        const overrides = { ...s.connectorOverrides };
        const cur = overrides[id] ?? { fullImportRequired: false, fullSyncRequired: false };
        const merged = o.clear ? { fullImportRequired: false, fullSyncRequired: false } : { fullImportRequired: cur.fullImportRequired || !!o.fullImport, fullSyncRequired: cur.fullSyncRequired || !!o.fullSync };
        if (merged.fullImportRequired || merged.fullSyncRequired) overrides[id] = merged;
        else delete overrides[id];
        return { ...s, connectorOverrides: overrides };
      });
      report(o, view(next), text);
    });
}
