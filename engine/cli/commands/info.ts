// `idsync info`: where the data lives and which version runs.
import type { Command } from 'commander';
import { report } from '../output.ts';
import { resolveHome } from '../../host/home.ts';
import { version } from '../../host/version.ts';

/** Registers `idsync info`. */
export function registerInfo(program: Command): void {
  program
    .command('info')
    .description('show the version, data directory and runtime')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => {
      const home = resolveHome(program.opts<{ home?: string }>().home);
      report(opts, { version, home, node: process.version, platform: process.platform }, (v) =>
        [`IdSync ${v.version}`, `data directory: ${v.home}`, `node ${v.node} on ${v.platform}`].join('\n'),
      );
    });
}
