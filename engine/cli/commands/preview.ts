// `idsync preview CONNECTOR DN` and `idsync lineage MVID ATTR`.
import type { Command } from 'commander';
import { report } from '../output.ts';
import { withEngineService } from './with-engine-service.ts';

/** Registers `idsync preview` and `idsync lineage`. */
export function registerPreview(program: Command): void {
  program
    .command('preview')
    .description('show what synchronizing one connector space object would do (--commit applies it)')
    .argument('<connector>', 'connector name or id')
    .argument('<dn>', 'DN of the object')
    .option('--delta', 'delta synchronization preview (default: full)')
    .option('--commit', 'synchronize the object for real')
    .option('--json', 'print JSON')
    .action((connector: string, dn: string, opts: { delta?: boolean; commit?: boolean; json?: boolean }) =>
      withEngineService(program, async (call) => {
        const req = { connector, dn, mode: opts.delta ? ('delta' as const) : ('full' as const) };
        const p = await call(opts.commit ? 'preview.commit' : 'preview.generate', req);
        report(opts, p, (r) =>
          [
            `${r.dn}: ${r.committed ? 'committed' : 'preview'} (${r.mode}) ${r.stateBefore} -> ${r.stateAfter}`,
            `join: ${r.join.action}${r.join.mvId ? ` metaverse ${r.join.mvId}` : ''}${r.join.ruleName ? ` by "${r.join.ruleName}"` : ''}${r.join.detail ? ` — ${r.join.detail}` : ''}`,
            ...(r.error ? [`error ${r.error.code}: ${r.error.message}`] : []),
            'scope:',
            ...r.scoping.map((s) => `  ${s.inScope ? 'in ' : 'out'} ${s.ruleName}`),
            'import flows:',
            ...r.importFlows.map((f) => `  ${f.attribute}: ${JSON.stringify(f.oldValues)} -> ${JSON.stringify(f.newValues)}${f.ruleName ? ` (${f.ruleName})` : ''}`),
            ...r.outbound.flatMap((o) => [
              `outbound ${o.connector}: ${o.action}${o.dn ? ` ${o.dn}` : ''}`,
              ...o.exportFlows.map((f) => `  ${f.attribute}: ${JSON.stringify(f.oldValues)} -> ${JSON.stringify(f.newValues)}${f.ruleName ? ` (${f.ruleName})` : ''}`),
            ]),
          ].join('\n'),
        );
      }),
    );
  program
    .command('lineage')
    .description('which connector, object and rule contributed a metaverse attribute')
    .argument('<mvId>', 'metaverse object id')
    .argument('<attribute>', 'attribute name')
    .option('--json', 'print JSON')
    .action((mvId: string, attribute: string, opts: { json?: boolean }) =>
      withEngineService(program, async (call) => {
        const l = await call('lineage.attribute', { mvId, attribute });
        report(opts, l, (r) =>
          [
            `${r.attribute} = ${JSON.stringify(r.values)}`,
            ...r.contributors.map((c) => `  ${c.connector} ${c.dn ?? c.csId}: rule "${c.ruleName}" (precedence ${c.precedence ?? '?'}, ${c.flowType ?? '?'} ${c.source ?? ''})`),
            ...(r.contributors.length ? [] : ['  no contributor']),
          ].join('\n'),
        );
      }),
    );
}
