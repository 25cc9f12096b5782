// `idsync mv search|show`: search the metaverse and show one object with its contributors.
import type { Command } from 'commander';
import { MvOperator, type MvClause } from '../../../shared/model/metaverse.ts';
import { CliError, report } from '../output.ts';
import { withEngineService } from './with-engine-service.ts';
import { attributeColumns, collect, exportCsv } from './export-csv.ts';
import { formatValues } from '../../../shared/model/value-text.ts';

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
    .option('--column <attribute>', 'also show this attribute (repeatable)', collect, [] as string[])
    .option('--csv <file>', 'write every matching object (all pages) to a CSV file, with progress on stderr')
    .option('--quiet', 'no progress on stderr')
    .option('--json', 'print JSON')
    .action((opts: { type?: string; where: string[]; limit: string; cursor?: string; column: string[]; csv?: string; quiet?: boolean; json?: boolean }) =>
      withEngineService(program, async (call, _service, listen) => {
        const clauses = opts.where.map(parseClause);
        if (opts.csv) {
          const columns = [{ field: 'attr:displayName', header: 'displayName' }, ...attributeColumns(opts.column.filter((c) => c !== 'displayName')), { field: 'objectType', header: 'Object Type' }, { field: 'id', header: 'Object ID' }];
          const result = await exportCsv(call, listen, { grid: 'mv.search', objectType: opts.type, clauses }, columns, opts.csv, !!opts.quiet);
          report(opts, result, (r) => `wrote ${r.done} objects to ${r.file}`);
          return;
        }
        const page = await call('mv.search', { objectType: opts.type, clauses, columns: opts.column, limit: Number(opts.limit), cursor: opts.cursor ?? null });
        report(opts, page, (p) =>
          [
            ...p.items.map((o) => [`${o.id}\t${o.objectType}\t${o.displayName ?? ''}`, ...opts.column.map((c) => `${c}=${formatValues(o.attributes[c])}`)].join('\t')),
            `${p.total}${p.totalExact === false ? '+' : ''} objects${p.nextCursor ? ` (more: --cursor ${p.nextCursor})` : ''}`,
          ].join('\n'),
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
