// `idsync run CONNECTOR PROFILE`: runs a run profile in-process, progress on stderr, result on stdout.
import type { Command } from 'commander';
import { CliError, report } from '../output.ts';
import { isCompleted } from '../../sync/step-status.ts';
import type { RunStatus } from '../../../shared/model/runs.ts';
import { fullImportRefusal } from '../../scheduler/full-import-guard.ts';
import type { ApiService } from '../../service/service.ts';
import { withEngineService } from './with-engine-service.ts';

/** The rename trap: refuses a profile with a full import when a selected OU was renamed or deleted. */
async function checkOuSelection(service: ApiService, connector: string, profile: string): Promise<void> {
  const engine = service.context.engine();
  const c = engine.store.connectors.find(connector);
  const steps = c?.runProfiles.find((p) => p.name.toLowerCase() === profile.toLowerCase())?.steps ?? [];
  if (!c || !steps.some((s) => s.type === 'full-import')) return;
  const refusal = await fullImportRefusal(service.context.home, engine, c).catch((err: unknown) => {
    process.stderr.write(`warning: ${c.name}: the OU selection could not be checked (${(err as Error).message})\n`);
    return null;
  });
  if (refusal) throw new CliError(`${refusal}\nOr run with --force (the objects of the renamed OU will be deleted).`, 2);
}

/** Registers `idsync run`. */
export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run a run profile of a connector (exit status 0 for success and completed-*)')
    .argument('<connector>', 'connector name or id')
    .argument('<profile>', 'run profile name, e.g. "Full Import"')
    .option('--json', 'print JSON')
    .option('--quiet', 'no progress on stderr')
    .option('--force', 'run a full import even when a selected OU was renamed or deleted (its objects will be deleted)')
    .action((connector: string, profile: string, opts: { json?: boolean; quiet?: boolean; force?: boolean }) =>
      withEngineService(program, async (call, service, listen) => {
        if (!opts.force) await checkOuSelection(service, connector, profile);
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
