// `idsync run CONNECTOR PROFILE`: runs a run profile in-process, progress on stderr, result on stdout.
import type { Command } from 'commander';
import { CliError, report } from '../output.ts';
import { isCompleted } from '../../sync/step-status.ts';
import type { RunStatus } from '../../../shared/model/runs.ts';
import { withEngineService } from './with-engine-service.ts';

/** Registers `idsync run`. */
export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run a run profile of a connector (exit status 0 for success and completed-*)')
    .argument('<connector>', 'connector name or id')
    .argument('<profile>', 'run profile name, e.g. "Full Import"')
    .option('--json', 'print JSON')
    .option('--quiet', 'no progress on stderr')
    .action((connector: string, profile: string, opts: { json?: boolean; quiet?: boolean }) =>
      withEngineService(program, async (call, _service, listen) => {
        let finished: ((status: string) => void) | null = null;
        const done = new Promise<string>((resolve) => (finished = resolve));
        let runId = '';
        listen((event, payload) => {
          if (event === 'run.progress' && !opts.quiet) {
            const p = payload as { step: number; stepType: string; done: number; total: number | null; objectsPerSecond: number };
            process.stderr.write(`step ${p.step} ${p.stepType}: ${p.done}${p.total !== null ? `/${p.total}` : ''} (${p.objectsPerSecond} objects/s)\n`);
          }
          if (event === 'run.finished' && (payload as { runId: string }).runId === runId) finished?.((payload as { status: string }).status);
        });
        const started = await call('runs.start', { connector, profile });
        runId = started.runId;
        const onSigint = () => void call('runs.stop', { runId }).catch(() => {});
        process.once('SIGINT', onSigint);
        // The finished event may already have fired while runs.start returned.
        const poll = setInterval(async () => {
          const r = await call('runs.get', { runId }).catch(() => null);
          if (r && r.status !== 'in-progress') finished?.(r.status);
        }, 250);
        await done;
        clearInterval(poll);
        process.off('SIGINT', onSigint);
        const run = await call('runs.get', { runId });
        const result = {
          runId: run.id, connector: run.connector, profile: run.profile, status: run.status,
          steps: run.steps.map((s) => ({ step: s.step, type: s.type, status: s.status, counters: s.counters, outbound: s.outbound, errors: s.errors, message: s.message })),
        };
        report(opts, result, (r) =>
          [
            `${r.connector} / ${r.profile}: ${r.status} (run ${r.runId})`,
            ...r.steps.map((s) => `  step ${s.step} ${s.type}: ${s.status}${s.message ? ` — ${s.message}` : ''}\n${counterLines(s.counters, s.outbound, s.errors)}`),
          ].join('\n'),
        );
        if (!isCompleted(run.status as RunStatus)) throw new CliError(`run ended with ${run.status}`, 2);
      }),
    );
}

function counterLines(counters: Record<string, number>, outbound: Record<string, Record<string, number>>, errors: Record<string, number>): string {
  const lines = Object.entries(counters).map(([k, v]) => `    ${k}: ${v}`);
  for (const [t, c] of Object.entries(outbound)) for (const [k, v] of Object.entries(c)) lines.push(`    ${t} ${k}: ${v}`);
  for (const [k, v] of Object.entries(errors)) lines.push(`    error ${k}: ${v}`);
  return lines.join('\n');
}
