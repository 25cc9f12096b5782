// `idsync status`: what the console's status bar says — runs in progress in any process, and which host holds
// the data directory (and runs its scheduler).
import type { Command } from 'commander';
import { report } from '../output.ts';
import { withEngineService } from './with-engine-service.ts';

/** Registers `idsync status`. */
export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('engine state: runs in progress (from any process) and the host holding the data directory')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) =>
      withEngineService(program, async (call) => {
        const s = await call('system.status', {});
        report(opts, s, (x) =>
          [
            `engine: ${x.state}`,
            ...x.activeRuns.map((r) => `  running: ${r.connector} / ${r.profile} (run ${r.runId}, started by ${r.startedBy}, process ${r.pid}, since ${r.startedAt})`),
            x.hostLock ? `data directory held by ${x.hostLock.holder} (process ${x.hostLock.pid} on ${x.hostLock.hostname}, since ${x.hostLock.since})` : 'no host holds the data directory',
          ].join('\n'),
        );
      }),
    );
}
