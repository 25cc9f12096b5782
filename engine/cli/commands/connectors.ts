// `idsync connector list`: the connectors with their state and last run.
import type { Command } from 'commander';
import { report } from '../output.ts';
import { withEngineService } from './with-engine-service.ts';

/** Registers `idsync connector`. */
export function registerConnectors(program: Command): void {
  const group = program.command('connector').description('connectors (management agents)');
  group
    .command('list')
    .description('list connectors')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) =>
      withEngineService(program, async (call) => {
        const list = await call('connectors.list', {});
        report(opts, list, (l) =>
          l.length
            ? l.map((c) => `${c.name}\t${c.type}\t${c.state}\t${c.objectCount} objects\t${c.lastRun ? `${c.lastRun.profile}: ${c.lastRun.status}` : 'never run'}`).join('\n')
            : 'No connectors.',
        );
      }),
    );
}
