// `idsync demo`: a workspace with sample data, rules and runs, for trying the console without a directory.
import type { Command } from 'commander';
import { CliError, report } from '../output.ts';
import { resolveHome } from '../../host/home.ts';
import { withEngineService } from './with-engine-service.ts';

/** Registers `idsync demo`. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('create a demo workspace (HR feed, groups, a provisioned directory, a few runs) in an empty data directory')
    .option('--users <n>', 'number of sample users', '1000')
    .option('--json', 'print JSON')
    .action((opts: { users: string; json?: boolean }) =>
      withEngineService(program, async (call, _service, listen) => {
        const users = Number(opts.users);
        if (!Number.isInteger(users) || users < 10 || users > 100_000) throw new CliError('--users must be a whole number from 10 to 100000');
        if (!opts.json) {
          listen((event, payload) => {
            const line = payload as { source?: string; message?: string };
            if (event === 'log.line' && line.source === 'demo') process.stderr.write(`demo: ${line.message}\n`);
          });
        }
        const summary = await call('workspace.createDemo', { users });
        const home = resolveHome(program.opts<{ home?: string }>().home);
        report(opts, summary, (s) =>
          [`Demo workspace ready in ${home}: ${s.users} users, ${s.groups} groups`, ...s.runs.map((r) => `  ${r.connector} / ${r.profile}: ${r.status}`)].join('\n'),
        );
      }),
    );
}
