// `idsync runs list|show`: run history.
import type { Command } from 'commander';
import { report } from '../output.ts';
import { withEngineService, type Call } from './with-engine-service.ts';

/** One problem of a run: the step, its error code, the object or place it concerns, and the message. */
interface RunProblem {
  step: number;
  code: string;
  dn: string;
  message: string;
  objectType: string;
  csId: string | null;
}

/** Every problem recorded by a run, step by step, paged through the API. */
async function runProblems(call: Call, runId: string, steps: readonly { step: number; errors: Record<string, number> }[]): Promise<RunProblem[]> {
  const out: RunProblem[] = [];
  for (const s of steps) {
    for (const code of Object.keys(s.errors)) {
      let cursor: string | undefined;
      do {
        const page = await call('runs.objects', { runId, step: s.step, counter: code, cursor, limit: 500 });
        for (const o of page.items) out.push({ step: s.step, code, dn: o.dn, message: o.error?.message ?? '', objectType: o.objectType, csId: o.csId });
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
  }
  return out;
}

/** A problem as one line: the message names its place; the DN is added when it does not. */
function problemLine(p: RunProblem): string {
  const where = p.dn && !p.message.includes(p.dn) ? `${p.dn}: ` : '';
  return `    step ${p.step} ${p.code}: ${where}${p.message}`;
}

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
    .description('show a run with its steps and counters (--problems: and every problem with its location)')
    .argument('<run>', 'run id')
    .option('--problems', 'list each problem (error or warning) with the object or file:line it concerns')
    .option('--json', 'print JSON')
    .action((runId: string, opts: { json?: boolean; problems?: boolean }) =>
      withEngineService(program, async (call) => {
        const detail = await call('runs.get', { runId });
        const run = opts.problems ? { ...detail, problems: await runProblems(call, runId, detail.steps) } : detail;
        report(opts, run, (r) =>
          [
            `run ${r.id}: ${r.connector} / ${r.profile}: ${r.status} (${r.startedAt} – ${r.endedAt ?? 'running'})`,
            ...r.steps.map((s) =>
              [`  step ${s.step} ${s.type}: ${s.status}${s.message ? ` — ${s.message}` : ''}`, ...Object.entries(s.counters).map(([k, v]) => `    ${k}: ${v}`),
                ...Object.entries(s.outbound).flatMap(([t, c]) => Object.entries(c).map(([k, v]) => `    ${t} ${k}: ${v}`)),
                ...Object.entries(s.errors).map(([k, v]) => `    error ${k}: ${v}`)].join('\n'),
            ),
            ...('problems' in r ? [r.problems.length ? '  problems:' : '  problems: none', ...r.problems.map(problemLine)] : []),
          ].join('\n'),
        );
      }),
    );
}
