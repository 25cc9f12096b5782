// `idsync mv search|show`: search the metaverse and show one object with its contributors.
import type { Command } from 'commander';
import { MvOperator, type MvClause } from '../../../shared/model/metaverse.ts';
import { CliError, report } from '../output.ts';
import { withEngineService } from './with-engine-service.ts';

/** Parses `attr op value` (value may contain spaces; is-present/is-not-present take none). */
export function parseClause(text: string): MvClause {
  const m = /^\s*(\S+)\s+(\S+)\s*(.*)$/.exec(text);
  const op = m ? MvOperator.safeParse(m[2]) : null;
  if (!m || !op?.success) throw new CliError(`Invalid --where "${text}": expected "attribute operator value" with operator one of ${MvOperator.options.join(', ')}`);
  return { attribute: m[1], operator: op.data, value: m[3].replace(/^"(.*)"$/, '$1') };
}

/** Registers `idsync mv`. */
export function registerMv(program: Command): void {
  const group = program.command('mv').description('metaverse');
  group
    .command('search')
    .description('search the metaverse; clauses are ANDed')
    .option('--type <type>', 'object type')
    .option('--where <clause>', 'clause "attribute operator value" (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--limit <n>', 'page size', '100')
    .option('--cursor <cursor>', 'next page cursor')
    .option('--json', 'print JSON')
    .action((opts: { type?: string; where: string[]; limit: string; cursor?: string; json?: boolean }) =>
      withEngineService(program, async (call) => {
        const page = await call('mv.search', { objectType: opts.type, clauses: opts.where.map(parseClause), limit: Number(opts.limit), cursor: opts.cursor ?? null });
        report(opts, page, (p) =>
          [...p.items.map((o) => `${o.id}\t${o.objectType}\t${o.displayName ?? ''}`), `${p.total} objects${p.nextCursor ? ` (more: --cursor ${p.nextCursor})` : ''}`].join('\n'),
        );
      }),
    );
  group
    .command('show')
    .description('show a metaverse object, its contributors and connectors')
    .argument('<id>', 'metaverse object id')
    .option('--json', 'print JSON')
    .action((id: string, opts: { json?: boolean }) =>
      withEngineService(program, async (call) => {
        const o = await call('mv.get', { id });
        report(opts, o, (d) =>
          [
            `${d.objectType} ${d.id}`,
            ...d.attributes.map((a) => `  ${a.attribute}: ${JSON.stringify(a.values)}  ← ${a.contributors.map((c) => `${c.connector} / ${c.ruleName}`).join(', ')}`),
            'connectors:',
            ...d.connectors.map((c) => `  ${c.connector}: ${c.dn} (${c.linkType}${c.ruleName ? `, ${c.ruleName}` : ''})`),
          ].join('\n'),
        );
      }),
    );
}
