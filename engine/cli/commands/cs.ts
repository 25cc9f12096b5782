// `idsync cs search|show`: search a connector space and show one object.
import type { Command } from 'commander';
import type { CsSearchScope } from '../../../shared/model/connector-space.ts';
import { CliError, report } from '../output.ts';
import { withEngineService } from './with-engine-service.ts';
import { attributeColumns, collect, exportCsv } from './export-csv.ts';
import { parseClause } from './mv.ts';
import { formatValues } from '../../../shared/model/value-text.ts';

type ChangeOp = 'add' | 'update' | 'delete' | 'delete-add';

interface SearchOptions {
  dn?: string; rdn?: string; subtree?: string; pendingImport?: string | boolean; pendingExport?: string | boolean;
  importErrors?: boolean; exportErrors?: boolean; syncErrors?: boolean; disconnectors?: string | boolean; limit: string; cursor?: string; json?: boolean;
  column: string[]; csv?: string; quiet?: boolean; where: string[];
}

const CS_COLUMNS = [
  { field: 'dn', header: 'Distinguished Name' }, { field: 'objectType', header: 'Object Type' }, { field: 'anchor', header: 'Anchor' }, { field: 'state', header: 'State' },
  { field: 'pendingImport', header: 'Pending Import' }, { field: 'pendingExport', header: 'Pending Export' }, { field: 'hasError', header: 'Error' }, { field: 'mvId', header: 'Metaverse Object' },
];

function ops(value: string | boolean | undefined, all: ChangeOp[]): ChangeOp[] {
  if (typeof value !== 'string') return all;
  return value.split(',').map((v) => v.trim() as ChangeOp);
}

/** The search scope the options ask for. */
function scopeOf(o: SearchOptions): CsSearchScope {
  const chosen: CsSearchScope[] = [];
  if (o.dn) chosen.push({ scope: 'dn-or-anchor', value: o.dn });
  if (o.rdn) chosen.push({ scope: 'rdn', rdn: o.rdn });
  if (o.subtree) chosen.push({ scope: 'subtree', dn: o.subtree });
  if (o.pendingImport) chosen.push({ scope: 'pending-import', ops: ops(o.pendingImport, ['add', 'update', 'delete', 'delete-add']) });
  if (o.pendingExport) chosen.push({ scope: 'pending-export', ops: ops(o.pendingExport, ['add', 'update', 'delete']) });
  if (o.importErrors) chosen.push({ scope: 'import-errors' });
  if (o.exportErrors) chosen.push({ scope: 'export-errors' });
  if (o.syncErrors) chosen.push({ scope: 'sync-errors' });
  if (o.disconnectors) {
    const kinds = typeof o.disconnectors === 'string' ? (o.disconnectors.split(',') as ('normal' | 'filtered' | 'explicit')[]) : ['normal', 'filtered', 'explicit'] as const;
    chosen.push({ scope: 'disconnectors', kinds: [...kinds] });
  }
  if (chosen.length > 1) throw new CliError('Choose one search scope');
  return chosen[0] ?? { scope: 'all' };
}

/** Registers `idsync cs`. */
export function registerCs(program: Command): void {
  const group = program.command('cs').description('connector space');
  group
    .command('search')
    .description('search a connector space: one scope (all objects when none is given) and clauses, ANDed')
    .argument('<connector>', 'connector name or id')
    .option('--dn <dn>', 'exact DN or anchor')
    .option('--rdn <rdn>', 'relative name, e.g. "cn=Ann"')
    .option('--subtree <dn>', 'objects under a container')
    .option('--pending-import [ops]', 'pending imports (add,update,delete,delete-add)')
    .option('--pending-export [ops]', 'pending exports (add,update,delete)')
    .option('--import-errors', 'objects with import errors')
    .option('--export-errors', 'objects with export errors')
    .option('--sync-errors', 'objects with synchronization errors')
    .option('--disconnectors [kinds]', 'disconnectors (normal,filtered,explicit)')
    .option('--where <clause>', 'clause "attribute operator value" (repeatable); attribute dn or anchor for the object\'s own', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--limit <n>', 'page size', '100')
    .option('--cursor <cursor>', 'next page cursor from a previous search')
    .option('--column <attribute>', 'also show this attribute (repeatable), e.g. onPremisesDistinguishedName', collect, [] as string[])
    .option('--csv <file>', 'write every matching object (all pages) to a CSV file, with progress on stderr')
    .option('--quiet', 'no progress on stderr')
    .option('--json', 'print JSON')
    .action((connector: string, opts: SearchOptions) =>
      withEngineService(program, async (call, _service, listen) => {
        const search = scopeOf(opts);
        const clauses = opts.where.map(parseClause);
        if (opts.csv) {
          const result = await exportCsv(call, listen, { grid: 'cs.search', connector, search, clauses }, [...CS_COLUMNS, ...attributeColumns(opts.column)], opts.csv, !!opts.quiet);
          report(opts, result, (r) => `wrote ${r.done} objects to ${r.file}`);
          return;
        }
        const page = await call('cs.search', { connector, search, clauses, columns: opts.column, limit: Number(opts.limit), cursor: opts.cursor ?? null });
        report(opts, page, (p) =>
          [
            ...p.items.map((o) =>
              [
                `${o.id}\t${o.dn}\t${o.objectType}\t${o.state}${o.pendingImport ? `\tpending-import:${o.pendingImport}` : ''}${o.pendingExport ? `\tpending-export:${o.pendingExport}` : ''}${o.hasError ? '\terror' : ''}`,
                ...opts.column.map((c) => `${c}=${formatValues(o.attributes?.[c])}`),
              ].join('\t'),
            ),
            `${p.total}${p.totalExact === false ? '+' : ''} objects${p.nextCursor ? ` (more: --cursor ${p.nextCursor})` : ''}`,
          ].join('\n'),
        );
      }),
    );
  group
    .command('show')
    .description('show one connector space object')
    .argument('<connector>', 'connector name or id')
    .argument('<dn>', 'DN of the object (or its id with --id)')
    .option('--id', 'the second argument is the object id')
    .option('--json', 'print JSON')
    .action((connector: string, dn: string, opts: { id?: boolean; json?: boolean }) =>
      withEngineService(program, async (call) => {
        const o = await call('cs.get', opts.id ? { connector, id: dn } : { connector, dn });
        report(opts, o, (d) =>
          [
            `${d.dn} (${d.objectType}) id ${d.id}, anchor ${d.anchor ?? '(none)'}, ${d.state}${d.mvId ? `, metaverse ${d.mvId}` : ''}`,
            'hologram:',
            ...Object.entries(d.hologram).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`),
            ...(d.pendingImportDetail ? [`pending import ${d.pendingImportDetail.op}:`, ...d.pendingImportDetail.changes.map((c) => `  ${c.attribute}: ${JSON.stringify(c.oldValues)} -> ${JSON.stringify(c.newValues)}`)] : []),
            ...(d.pendingExportDetail ? [`pending export ${d.pendingExportDetail.op}${d.pendingExportDetail.newDn ? ` to ${d.pendingExportDetail.newDn}` : ''}:`, ...d.pendingExportDetail.changes.map((c) => `  ${c.attribute}: ${JSON.stringify(c.oldValues)} -> ${JSON.stringify(c.newValues)}`)] : []),
            ...[d.importError, d.syncError, d.exportError].filter((e) => e).map((e) => `error ${e!.code}: ${e!.message}`),
          ].join('\n'),
        );
      }),
    );
}
