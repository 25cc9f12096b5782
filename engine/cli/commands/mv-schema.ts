// `idsync mv schema` and `idsync mv add-attribute`: the Metaverse Designer from the command line (a custom
// rule often needs a metaverse attribute of its own, e.g. for a directory extension).
import type { Command } from 'commander';
import { MvAttributeType } from '../../../shared/model/metaverse.ts';
import { CliError, report } from '../output.ts';
import { withEngineService } from './with-engine-service.ts';

const collect = (v: string, prev: string[]) => [...prev, v];

/** Registers the schema commands on the `mv` command. */
export function registerMvSchema(program: Command): void {
  const group = program.commands.find((c) => c.name() === 'mv') ?? program.command('mv').description('metaverse');
  group
    .command('schema')
    .description('the metaverse object types and attributes')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) =>
      withEngineService(program, async (call) => {
        report(o, await call('schema.get', {}), (s) => [
          ...s.objectTypes.map((t) => `${t.name}: ${t.attributes.length} attributes`),
          `${s.attributes.length} attributes: ${s.attributes.map((a) => `${a.name} (${a.type}${a.multiValued ? ', multi-valued' : ''}${a.indexed ? ', indexed' : ''})`).join(', ')}`,
        ].join('\n'));
      }),
    );
  group
    .command('add-attribute')
    .description('add a metaverse attribute, optionally to object types')
    .argument('<name>', 'attribute name')
    .option('--type <type>', `one of ${MvAttributeType.options.join(', ')}`, 'string')
    .option('--multi-valued', 'multi-valued')
    .option('--indexed', 'indexed (for joins and searches)')
    .option('--object-type <type>', 'object type that gets the attribute (repeatable)', collect, [])
    .option('--json', 'print JSON')
    .action((name: string, o: { type: string; multiValued?: boolean; indexed?: boolean; objectType: string[]; json?: boolean }) =>
      withEngineService(program, async (call) => {
        const type = MvAttributeType.safeParse(o.type);
        if (!type.success) throw new CliError(`--type must be one of ${MvAttributeType.options.join(', ')}, not "${o.type}"`);
        const schema = await call('schema.addAttribute', { name, type: type.data, multiValued: !!o.multiValued, indexed: !!o.indexed, objectTypes: o.objectType });
        report(o, schema, () => `added ${name} (${type.data})${o.objectType.length ? ` to ${o.objectType.join(', ')}` : ''}`);
      }),
    );
}
