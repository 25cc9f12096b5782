// `idsync deletes list|export-csv|approve|threshold CONNECTOR`: prevent accidental deletes (§6).
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { CliError, report } from '../output.ts';
import { resolveHome } from '../../host/home.ts';
import { SyncEngine } from '../../sync/engine.ts';
import { DeleteApprovals, listPendingDeletes, pendingDeletesCsv } from '../../sync/deletion-threshold.ts';

/** Registers `idsync deletes`. */
export function registerDeletes(program: Command): void {
  const home = () => resolveHome(program.opts<{ home?: string }>().home);
  /** Runs `fn` with the engine and the named connector. */
  function withConnector<T>(name: string, fn: (e: SyncEngine, c: NonNullable<ReturnType<SyncEngine['store']['connectors']['find']>>) => T): T {
    const engine = SyncEngine.open(path.join(home(), 'idsync.sqlite'));
    try {
      const c = engine.store.connectors.find(name);
      if (!c) throw new CliError(`No connector "${name}"`);
      return fn(engine, c);
    } finally {
      engine.close();
    }
  }
  const cmd = program.command('deletes').description('pending deletes and the deletion threshold that holds exports back');
  cmd.command('list').argument('<connector>', 'connector name or id').description('the pending deletes of a connector').option('--json', 'print JSON')
    .action((name: string, o: { json?: boolean }) => withConnector(name, (e, c) => {
      const rows = listPendingDeletes(e.store.cs, c.seq);
      const approval = new DeleteApprovals(home()).get(c.id);
      report(o, { connector: c.name, threshold: c.deleteThreshold, pendingDeletes: rows.length, blocked: c.deleteThreshold !== null && rows.length > c.deleteThreshold && !(approval && rows.length <= approval.pendingDeletes), approval, rows }, (v) => [
        `${v.connector}: ${v.pendingDeletes} pending deletes, threshold ${v.threshold ?? 'off'}${v.blocked ? ' — the next export will be stopped' : ''}`,
        ...(v.approval ? [`approved once: up to ${v.approval.pendingDeletes} deletes (${v.approval.approvedAt})`] : []),
        ...v.rows.map((r) => `  ${r.objectType.padEnd(10)} ${r.dn}${r.userPrincipalName ? ` (${r.userPrincipalName})` : ''}`),
      ].join('\n'));
    }));
  cmd.command('export-csv').argument('<connector>', 'connector name or id').description('the pending deletes as CSV')
    .option('--out <file>', 'write to a file instead of standard output').option('--json', 'print JSON (the file written and the count)')
    .action((name: string, o: { out?: string; json?: boolean }) => withConnector(name, (e, c) => {
      const rows = listPendingDeletes(e.store.cs, c.seq);
      const csv = pendingDeletesCsv(rows);
      if (!o.out) {
        if (o.json) report(o, { connector: c.name, count: rows.length, csv }, () => '');
        else process.stdout.write(csv);
        return;
      }
      fs.writeFileSync(o.out, csv);
      report(o, { connector: c.name, count: rows.length, file: o.out }, (v) => `wrote ${v.count} pending deletes to ${v.file}`);
    }));
  cmd.command('approve').argument('<connector>', 'connector name or id').description('let the next export send the current pending deletes once (allowDeletesOnce)')
    .option('--json', 'print JSON')
    .action((name: string, o: { json?: boolean }) => withConnector(name, (e, c) => {
      const count = listPendingDeletes(e.store.cs, c.seq).length;
      const approval = new DeleteApprovals(home()).approve(c.id, count, process.env.USER ?? '');
      report(o, { connector: c.name, ...approval }, (v) => `the next export of ${v.connector} may delete up to ${v.pendingDeletes} objects; the threshold stays in force afterwards`);
    }));
  cmd.command('threshold').argument('<connector>', 'connector name or id').argument('[value]', 'a number, or off').description('show or set the deletion threshold')
    .option('--json', 'print JSON')
    .action((name: string, value: string | undefined, o: { json?: boolean }) => withConnector(name, (e, c) => {
      let threshold = c.deleteThreshold;
      if (value !== undefined) {
        if (value !== 'off' && !/^\d+$/.test(value)) throw new CliError(`threshold must be a whole number or "off", not "${value}"`);
        threshold = e.updateConnector(c.id, { deleteThreshold: value === 'off' ? null : Number(value) }).deleteThreshold;
      }
      report(o, { connector: c.name, threshold }, (v) => `${v.connector}: deletion threshold ${v.threshold ?? 'off'}`);
    }));
}
