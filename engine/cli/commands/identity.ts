// `idsync search TEXT` and `idsync journey`: the console's global search and object journey on the command line.
import type { Command } from 'commander';
import { formatValues } from '../../../shared/model/value-text.ts';
import { CliError, report } from '../output.ts';
import { withEngineService } from './with-engine-service.ts';

/** Registers `idsync search` and `idsync journey`. */
export function registerIdentity(program: Command): void {
  program
    .command('search')
    .description('find identities by UPN, mail, anchor, DN, employee ID or name in every connector space and the metaverse')
    .argument('<text>', 'what to look for (exact values first, then values that contain it)')
    .option('--limit <n>', 'at most this many hits', '50')
    .option('--json', 'print JSON')
    .action((text: string, opts: { limit: string; json?: boolean }) =>
      withEngineService(program, async (call) => {
        const found = await call('search.global', { text, limit: Number(opts.limit) });
        report(opts, found, (r) =>
          [
            ...r.items.map((h) =>
              [h.kind === 'mv' ? `metaverse ${h.id}` : `${h.connector} ${h.id}${h.mvId ? ` (metaverse ${h.mvId})` : ''}`, h.objectType, h.displayName ?? '', `${h.matched.attribute}${h.matched.exact ? '=' : '~'}${h.matched.value}`, h.dn ?? ''].join('\t'),
            ),
            r.items.length ? `${r.items.length} found${r.truncated ? ' (more exist: raise --limit or narrow the text)' : ''}; see one with: idsync journey --mv ID` : `Nothing matches "${text}".`,
          ].join('\n'),
        );
      }),
    );
  program
    .command('journey')
    .description('an identity end to end: metaverse object, joined connector space objects, pending changes, errors, runs')
    .option('--mv <id>', 'metaverse object id')
    .option('--connector <name>', 'connector of a connector space object (with --cs)')
    .option('--cs <id>', 'connector space object id (with --connector)')
    .option('--json', 'print JSON')
    .action((opts: { mv?: string; connector?: string; cs?: string; json?: boolean }) =>
      withEngineService(program, async (call) => {
        if (!opts.mv && !(opts.connector && opts.cs)) throw new CliError('Give --mv ID, or --connector NAME and --cs ID');
        const j = await call('journey.get', opts.mv ? { mvId: opts.mv } : { connector: opts.connector!, csId: opts.cs! });
        report(opts, j, (x) =>
          [
            x.mv ? `metaverse ${x.mv.id} (${x.mv.objectType}) ${x.mv.displayName ?? ''}` : 'not joined to a metaverse object',
            'connector space objects:',
            ...x.objects.flatMap((o) => [
              `  ${o.connector} ${o.csId}\t${o.dn}\t${o.state}${o.pendingImport ? `\tpending import ${o.pendingImport.op}` : ''}${o.pendingExport ? `\tpending export ${o.pendingExport.op}` : ''}`,
              ...[...(o.pendingImport?.changes ?? []), ...(o.pendingExport?.changes ?? [])].map((c) => `      ${c.attribute}: ${formatValues(c.oldValues)} -> ${formatValues(c.newValues)}`),
              ...o.errors.map((e) => `      ${e.kind} error ${e.code}: ${e.message}`),
            ]),
            'runs that touched it:',
            ...x.runs.map((r) => `  ${r.at}\trun ${r.runId} ${r.connector} / ${r.profile}\tstep ${r.step}\t${r.counter}${r.targetConnector ? ` (${r.targetConnector})` : ''}`),
          ].join('\n'),
        );
      }),
    );
}
