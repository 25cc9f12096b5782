// `idsync runs list|show`: run history.
import type { Command } from 'commander';
import { report } from '../output.ts';
import { withEngineService } from './with-engine-service.ts';

/** Registers `idsync runs`. */
export function registerRuns(program: Command): void {
  const group = program.command('runs').description('run history');
  group
    .command('list')
    .description('list runs, newest first')
    .option('--connector <name>', 'only this connector')
    .option('--status <status...>', 'only these statuses')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'print JSON')
    .action((opts: { connector?: string; status?: string[]; limit: string; json?: boolean }) =>
      withEngineService(program, async (call) => {
        const page = await call('runs.list', { connector: opts.connector, status: opts.status as never, limit: Number(opts.limit) });
        report(opts, page, (p) => p.items.map((r) => `${r.id}\t${r.connector}\t${r.profile}\t${r.status}\t${r.startedAt}\t${r.endedAt ?? ''}`).join('\n') || 'No runs.');
      }),
    );
  group
    .command('show')
    .description('show a run with its steps and counters')
    .argument('<run>', 'run id')
    .option('--json', 'print JSON')
    .action((runId: string, opts: { json?: boolean }) =>
      withEngineService(program, async (call) => {
        const run = await call('runs.get', { runId });
        report(opts, run, (r) =>
          [
            `run ${r.id}: ${r.connector} / ${r.profile}: ${r.status} (${r.startedAt} – ${r.endedAt ?? 'running'})`,
            ...r.steps.map((s) =>
              [`  step ${s.step} ${s.type}: ${s.status}${s.message ? ` — ${s.message}` : ''}`, ...Object.entries(s.counters).map(([k, v]) => `    ${k}: ${v}`),
                ...Object.entries(s.outbound).flatMap(([t, c]) => Object.entries(c).map(([k, v]) => `    ${t} ${k}: ${v}`)),
                ...Object.entries(s.errors).map(([k, v]) => `    error ${k}: ${v}`)].join('\n'),
            ),
          ].join('\n'),
        );
      }),
    );
}
