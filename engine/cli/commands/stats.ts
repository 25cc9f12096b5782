// `idsync stats [CONNECTOR]`: Tools → Statistics on the command line (Get-ADSyncConnectorStatistics).
import type { Command } from 'commander';
import { report } from '../output.ts';
import { withEngineService } from './with-engine-service.ts';

/** Registers `idsync stats`. */
export function registerStats(program: Command): void {
  program
    .command('stats')
    .description('connector space totals: connectors, disconnectors by kind, pending imports and exports by kind, errors')
    .argument('[connector]', 'only this connector (name or id)')
    .option('--json', 'print JSON')
    .action((connector: string | undefined, opts: { json?: boolean }) =>
      withEngineService(program, async (call) => {
        const list = await call('stats.connectors', { connector });
        report(opts, list, (l) =>
          l.map((s) =>
            [
              `${s.connector} (${s.type}): ${s.total} objects`,
              `  connectors ${s.connectors} (explicit ${s.explicitConnectors}); disconnectors ${s.disconnectors.normal}, filtered ${s.disconnectors.filtered}, explicit ${s.disconnectors.explicit}; placeholders ${s.placeholders}; transient ${s.transient}`,
              `  pending imports: ${s.pendingImports.add} adds, ${s.pendingImports.update} updates, ${s.pendingImports.delete} deletes, ${s.pendingImports.deleteAdd} delete-adds`,
              `  pending exports: ${s.pendingExports.add} adds, ${s.pendingExports.update} updates, ${s.pendingExports.delete} deletes, ${s.pendingExports.deleteAdd} delete-adds`,
              `  errors: ${s.errors.import} import, ${s.errors.sync} synchronization, ${s.errors.export} export`,
            ].join('\n'),
          ).join('\n') || 'No connectors.',
        );
      }),
    );
}
