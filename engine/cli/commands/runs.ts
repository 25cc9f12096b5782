// `idsync runs list|show|cycles`: run history — sorted, filtered by connector, status, start time or
// scheduler cycle, paged, or written whole to a CSV file — and the scheduler's cycles.
import type { Command } from 'commander';
import { RunSortField } from '../../../shared/model/operations.ts';
import { runStatusText } from '../../../shared/model/run-status-text.ts';
import { formatDuration } from '../../../shared/model/value-text.ts';
import { CliError, report } from '../output.ts';
import { withEngineService, type Call } from './with-engine-service.ts';
import { exportCsv } from './export-csv.ts';

const RUN_COLUMNS = [
  { field: 'connector', header: 'Name' }, { field: 'profile', header: 'Profile Name' }, { field: 'status', header: 'Status' }, { field: 'statusCode', header: 'Result code' },
  { field: 'startedAt', header: 'Start Time' }, { field: 'endedAt', header: 'End Time' }, { field: 'duration', header: 'Duration' },
  { field: 'totals', header: 'Adds / Updates / Deletes / Errors' }, { field: 'startedBy', header: 'Started by' }, { field: 'cycle', header: 'Cycle' },
];

interface ListOptions {
  connector?: string; status?: string[]; limit: string; offset: string; sort: string; from?: string; to?: string; cycle?: string; csv?: string; quiet?: boolean; json?: boolean;
}

/** `--sort startedAt:desc` as the engine's sort. */
function sortOf(text: string): { field: RunSortField; direction: 'asc' | 'desc' } {
  const [field, direction = 'desc'] = text.split(':');
  const f = RunSortField.safeParse(field);
  if (!f.success || (direction !== 'asc' && direction !== 'desc')) throw new CliError(`--sort "${text}": expected FIELD[:asc|desc] with FIELD one of ${RunSortField.options.join(', ')}`);
  return { field: f.data, direction };
}

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
    .description('list runs (newest first unless --sort says otherwise)')
    .option('--connector <name>', 'only this connector')
    .option('--status <status...>', 'only these statuses')
    .option('--from <time>', 'runs that started at or after this date/time (ISO 8601)')
    .option('--to <time>', 'runs that started before this date/time (ISO 8601)')
    .option('--cycle <id>', 'only the runs of this scheduler cycle (see `runs cycles`)')
    .option('--sort <field[:dir]>', `sort by ${RunSortField.options.join(', ')}; asc or desc`, 'startedAt:desc')
    .option('--limit <n>', 'how many (up to 1000)', '50')
    .option('--offset <n>', 'skip this many', '0')
    .option('--csv <file>', 'write every matching run (all pages) to a CSV file')
    .option('--quiet', 'no progress on stderr')
    .option('--json', 'print JSON')
    .action((opts: ListOptions) =>
      withEngineService(program, async (call, _service, listen) => {
        const query = { connector: opts.connector, status: opts.status as never, startedFrom: opts.from, startedTo: opts.to, cycle: opts.cycle, sort: sortOf(opts.sort) };
        if (opts.csv) {
          const result = await exportCsv(call, listen, { grid: 'operations.runs', query }, RUN_COLUMNS, opts.csv, !!opts.quiet);
          report(opts, result, (r) => `wrote ${r.done} runs to ${r.file}`);
          return;
        }
        const page = await call('operations.runs', { ...query, limit: Number(opts.limit), offset: Number(opts.offset) });
        report(opts, page, (p) =>
          [
            ...p.items.map((r) =>
              [r.id, r.connector, r.profile, r.status, r.startedAt, r.endedAt ?? '', r.durationMs === null ? '' : formatDuration(r.durationMs), `${r.totals.adds}/${r.totals.updates}/${r.totals.deletes}/${r.totals.errors}`, r.startedBy].join('\t'),
            ),
            `${p.total} runs`,
          ].join('\n') || 'No runs.',
        );
      }),
    );
  group
    .command('cycles')
    .description('scheduler cycles: the runs the scheduler started one after another, newest first')
    .option('--from <time>', 'cycles that started at or after this date/time')
    .option('--to <time>', 'cycles that started before this date/time')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'print JSON')
    .action((opts: { from?: string; to?: string; limit: string; json?: boolean }) =>
      withEngineService(program, async (call) => {
        const page = await call('operations.cycles', { startedFrom: opts.from, startedTo: opts.to, limit: Number(opts.limit) });
        report(opts, page, (p) =>
          [...p.items.map((c) => `${c.id}\t${c.startedAt}\t${c.endedAt ?? 'running'}\t${runStatusText(c.status)}\t${c.runs} runs\t${c.connectors.join(', ')}`), `${p.total} cycles`].join('\n'),
        );
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
