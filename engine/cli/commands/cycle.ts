// `idsync cycle --initial|--delta`: runs one sync cycle now (Start-ADSyncSyncCycle) in this process.
import path from 'node:path';
import type { Command } from 'commander';
import { CliError, report } from '../output.ts';
import { resolveHome } from '../../host/home.ts';
import { SyncEngine } from '../../sync/engine.ts';
import { createEngineScheduler } from '../../scheduler/engine-scheduler.ts';
import { HostLockError } from '../../scheduler/host-lock.ts';
import type { CycleRecord } from '../../scheduler/scheduler.ts';
import { SettingsFile } from '../../scheduler/settings-file.ts';
import { fullImportRefusal } from '../../scheduler/full-import-guard.ts';
import { EngineLockManager, recoverAbandonedLock } from '../../service/lock.ts';
import { prepareDataDirectory, protectDatabaseFiles } from '../../service/data-directory.ts';

function text(r: CycleRecord): string {
  return [
    `${r.policy} cycle ${r.result} (${r.startedAt} → ${r.endedAt})`,
    ...r.warnings.map((w) => `warning: ${w}`),
    ...r.steps.map((s) => `  ${s.step.padEnd(12)} ${s.connectorName.padEnd(30)} ${s.status}`),
    ...r.skipped.map((s) => `  ${s.step.padEnd(12)} ${s.connectorName.padEnd(30)} skipped`),
  ].join('\n');
}

/** Registers `idsync cycle`. */
export function registerCycle(program: Command): void {
  program
    .command('cycle')
    .description('run one sync cycle now: imports, syncs and exports of every connector in the scheduler order')
    .option('--initial', 'full import, full sync and export on every connector')
    .option('--delta', 'delta import, delta sync and export (default: the scheduler\'s next policy)')
    .option('--force', 'run even when a selected OU was renamed (its objects will be deleted)')
    .option('--json', 'print JSON')
    .action(async (o: { initial?: boolean; delta?: boolean; force?: boolean; json?: boolean }) => {
      if (o.initial && o.delta) throw new CliError('give --initial or --delta, not both');
      const home = resolveHome(program.opts<{ home?: string }>().home);
      const warn = (m: string) => process.stderr.write(`idsync: warning: ${m}\n`);
      for (const note of [prepareDataDirectory(home), recoverAbandonedLock(home)]) if (note) warn(note);
      protectDatabaseFiles(path.join(home, 'idsync.sqlite'));
      const engine = SyncEngine.open(path.join(home, 'idsync.sqlite'));
      // Every step takes the engine lock, as a console's runs do: the wizard or a run elsewhere is respected.
      const lock = new EngineLockManager(home, undefined, 'cli', warn);
      let s;
      try {
        // The OU selection is checked here, before the cycle starts (or not at all with --force).
        s = createEngineScheduler({
          home, engine, holder: 'cli', ouCheck: false, guard: (holder) => lock.acquire(holder, 'run'),
          log: (level, m) => { if (level !== 'info') process.stderr.write(`${level}: ${m}\n`); },
        });
      } catch (err) {
        engine.close();
        if (err instanceof HostLockError) {
          throw new CliError(`${err.message}\nThe running engine's scheduler runs the cycles; ask it for an initial one with "idsync scheduler set --next-policy Initial".`);
        }
        throw err;
      }
      // The rename trap: a full import of a forest whose selected OU was renamed would delete its objects.
      const settings = new SettingsFile(home).load();
      const policy = o.initial ? 'Initial' : o.delta ? 'Delta' : settings.nextSyncCyclePolicyType;
      if (!o.force) {
        for (const c of engine.store.connectors.list()) {
          if (c.type !== 'ldap' || !(policy === 'Initial' || settings.connectorOverrides[c.id]?.fullImportRequired)) continue;
          const refusal = await fullImportRefusal(home, engine, c).catch((err: unknown) => {
            process.stderr.write(`warning: ${c.name}: the OU selection could not be checked (${(err as Error).message})\n`);
            return null;
          });
          if (refusal) {
            await s.close();
            engine.close();
            throw new CliError(`${refusal}\nOr run with --force (the objects of the renamed OU will be deleted).`);
          }
        }
      }
      const onSigint = () => { s.scheduler.stopCycle(); };
      process.once('SIGINT', onSigint);
      let record: CycleRecord;
      try {
        record = await s.scheduler.runCycle(o.initial ? 'Initial' : o.delta ? 'Delta' : undefined, 'manual');
      } finally {
        process.off('SIGINT', onSigint);
        await s.close();
        engine.close();
      }
      report(o, record, text);
      if (record.result !== 'completed') process.exitCode = 1;
    });
}
