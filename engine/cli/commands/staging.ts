// `idsync staging enable|disable|status|report|export-once`: staging mode (§8) and the report of what the
// next export would send (the csexport + CSExportAnalyzer job in one command).
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { CliError, report } from '../output.ts';
import { resolveHome } from '../../host/home.ts';
import { SyncEngine } from '../../sync/engine.ts';
import { SettingsFile } from '../../scheduler/settings-file.ts';
import { confirmStagingExportOnce } from '../../scheduler/staging-gate.ts';
import type { PendingExportObject } from '../../sync/deletion-threshold.ts';
import { stagingCsvBatches, stagingReport, stagingXml, summarize, type StagingRow } from '../../sync/staging-report.ts';

/** Registers `idsync staging`. */
export function registerStaging(program: Command): void {
  const home = () => resolveHome(program.opts<{ home?: string }>().home);
  const open = () => SyncEngine.open(path.join(home(), 'idsync.sqlite'));
  const cmd = program.command('staging').description('staging mode: import and synchronize, never export; report what would be exported');
  for (const [name, enabled] of [['enable', true], ['disable', false]] as const) {
    cmd.command(name).description(enabled ? 'turn staging mode on (exports stop)' : 'turn staging mode off (the next cycle exports)').option('--json', 'print JSON')
      .action((o: { json?: boolean }) => {
        const s = new SettingsFile(home()).update((x) => ({ ...x, stagingModeEnabled: enabled }));
        report(o, { stagingModeEnabled: s.stagingModeEnabled }, (v) => `staging mode ${v.stagingModeEnabled ? 'on: imports and syncs run, exports do not' : 'off: exports run again'}`);
      });
  }
  cmd.command('status').description('is staging mode on').option('--json', 'print JSON')
    .action((o: { json?: boolean }) => report(o, { stagingModeEnabled: new SettingsFile(home()).load().stagingModeEnabled }, (v) => `staging mode ${v.stagingModeEnabled ? 'on' : 'off'}`));
  cmd.command('report').description('what the next export would send: adds, updates (with attribute diffs) and deletes')
    .option('--connector <name>', 'only this connector (default: every connector)')
    .option('--csv-dir <dir>', 'also write CSV files (OMODT/AMODT columns) in batches of 1,000 objects')
    .option('--xml <file>', 'also write the csexport-shaped XML')
    .option('--json', 'print JSON')
    .action((o: { connector?: string; csvDir?: string; xml?: string; json?: boolean }) => {
      const engine = open();
      let rows: StagingRow[] = [];
      const objects = new Map<number, PendingExportObject>();
      try {
        const connectors = o.connector ? [engine.store.connectors.find(o.connector)] : engine.store.connectors.list();
        if (connectors[0] === null) throw new CliError(`No connector "${o.connector}"`);
        for (const c of connectors) {
          if (!c) continue;
          rows = rows.concat(stagingReport(engine.store.cs, c));
          if (o.xml) for (const r of rows) if (!objects.has(r.id)) { const cs = engine.store.cs.get(r.id); if (cs) objects.set(r.id, cs); }
        }
      } finally {
        engine.close();
      }
      const files: string[] = [];
      if (o.csvDir) {
        fs.mkdirSync(o.csvDir, { recursive: true });
        stagingCsvBatches(rows).forEach((csv, i) => {
          const f = path.join(o.csvDir!, `processedbatch${i + 1}.csv`);
          fs.writeFileSync(f, csv);
          files.push(f);
        });
      }
      if (o.xml) {
        fs.writeFileSync(o.xml, stagingXml(rows, objects));
        files.push(o.xml);
      }
      const staging = new SettingsFile(home()).load().stagingModeEnabled;
      report(o, { stagingModeEnabled: staging, summary: summarize(rows), rows, files }, (v) => [
        `staging mode ${v.stagingModeEnabled ? 'on' : 'off'}`,
        ...(v.summary.length ? v.summary.map((s) => `${s.connector}: ${s.adds} adds, ${s.updates} updates, ${s.deletes} deletes`) : ['no pending exports']),
        ...v.rows.slice(0, 200).flatMap((r) => [`${r.omodt.padEnd(7)} ${r.connector}: ${r.dn}`, ...r.attributes.map((a) => `          ${a.amodt.padEnd(7)} ${a.attribute}: ${a.before.join('; ')} → ${a.after.join('; ')}`)]),
        ...(v.rows.length > 200 ? [`… ${v.rows.length - 200} more (use --json or --csv-dir)`] : []),
        ...v.files.map((f) => `wrote ${f}`),
      ].join('\n'));
    });
  cmd.command('export-once').description('allow one export of a connector while staging mode stays on').argument('<connector>', 'connector name or id')
    .option('--json', 'print JSON')
    .action((connector: string, o: { json?: boolean }) => {
      const engine = open();
      let c;
      try {
        c = engine.store.connectors.find(connector);
      } finally {
        engine.close();
      }
      if (!c) throw new CliError(`No connector "${connector}"`);
      confirmStagingExportOnce(home(), c.id);
      report(o, { connector: c.name, allowed: 'next export' }, (v) => `the next export of ${v.connector} will run although staging mode is on`);
    });
}
