// `idsync entra extension list|app|add|remove`: directory extensions of the Entra ID connector (Entra Connect's
// "Directory extensions"), from the command line. `add --from CONNECTOR` does what the wizard page does: registers
// the extension and adds the metaverse attribute, the attribute selection and the two rules that carry the value.
import type { Command } from 'commander';
import { ExtensionDataType, ExtensionTarget, type DirectoryExtension, type DirectoryExtensionList } from '../../../shared/api/entra-extensions.ts';
import { CliError, report } from '../output.ts';
import { withEngineService } from './with-engine-service.ts';

interface Common {
  connector?: string;
  json?: boolean;
}

function pick<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  const found = allowed.find((a) => a.toLowerCase() === value.trim().toLowerCase());
  if (!found) throw new CliError(`${flag} must be one of ${allowed.join(', ')}, not "${value}"`);
  return found;
}

const line = (d: DirectoryExtension) => `${d.name}\t${d.dataType}${d.isMultiValued ? ' (multi-valued)' : ''}\t${d.targetObjects.join(', ')}${d.isSyncedFromOnPremises ? '\tsynchronized from on-premises' : ''}`;

const listText = (l: DirectoryExtensionList) => [
  `${l.connector}: extension application ${l.app.displayName} (appId ${l.app.appId})${l.createMissing ? ', registers missing extensions on first export' : ''}`,
  ...(l.extensions.length ? l.extensions.map(line) : ['no directory extensions registered']),
].join('\n');

/** Registers `idsync entra extension …`. */
export function registerEntraExtension(program: Command): void {
  const entra = program.commands.find((c) => c.name() === 'entra') ?? program.command('entra').description('Microsoft Entra ID');
  const group = entra.command('extension').description('directory extensions: on-premises attributes synchronized to Entra ID as extension_<appId>_<name>');
  const withConnector = (cmd: Command) => cmd.option('--connector <name>', 'the Entra ID connector (default: the only one)').option('--json', 'print JSON');

  withConnector(group.command('list').description('the extension application and its directory extensions'))
    .action((o: Common) => withEngineService(program, async (call) => {
      report(o, await call('entra.extensions.list', { connector: o.connector }), listText);
    }));

  withConnector(group.command('app')
    .description('use this application (its Application (client) ID) for directory extensions; it is read in the tenant first')
    .argument('<appId>', 'Application (client) ID, e.g. of Entra Connect\'s "Tenant Schema Extension App"')
    .option('--create-missing', 'register a missing extension on first export (type from its values)')
    .option('--no-create-missing', 'never register extensions on export'))
    .action((appId: string, o: Common & { createMissing?: boolean }) => withEngineService(program, async (call) => {
      const l = await call('entra.extensions.setApp', { connector: o.connector, appId, createMissing: o.createMissing });
      report(o, l, (v) => `${listText(v)}\nthe next sync cycle runs a full import of ${v.connector}`);
    }));

  withConnector(group.command('add')
    .description('register a directory extension (New-MgApplicationExtensionProperty); with --from, also synchronize an on-premises attribute to it')
    .argument('<name>', 'extension name, e.g. the AD attribute employeeType (a hyphen becomes an underscore)')
    .option('--type <type>', `data type: ${ExtensionDataType.options.join(', ')}`, 'String')
    .option('--targets <types>', 'object types it extends: User, Group or User,Group', 'User')
    .option('--multi-valued', 'holds several values')
    .option('--from <connector>', 'the on-premises connector the attribute comes from: adds the metaverse attribute, selects the attribute and adds the rules')
    .option('--mv-attribute <name>', 'with --from: the metaverse attribute (default: the extension name)'))
    .action((name: string, o: Common & { type: string; targets: string; multiValued?: boolean; from?: string; mvAttribute?: string }) =>
      withEngineService(program, async (call) => {
        const dataType = pick(o.type, ExtensionDataType.options, '--type');
        const targets = [...new Set(o.targets.split(',').map((t) => pick(t, ExtensionTarget.options, '--targets')))];
        if (!o.from) {
          if (o.mvAttribute) throw new CliError('--mv-attribute goes with --from');
          const r = await call('entra.extensions.add', { connector: o.connector, name, dataType, multiValued: !!o.multiValued, targets });
          report(o, r, (v) => [
            `registered ${v.extension.name} (${v.extension.dataType}${v.extension.isMultiValued ? ', multi-valued' : ''}) for ${v.extension.targetObjects.join(', ')}`,
            `the next sync cycle runs a full import of ${v.connector}; flow a value to it with an outbound rule, e.g.`,
            `  idsync rules add --name "Out to AAD - User DirectoryExtension" --direction Outbound --connector "${v.connector}" --cs-type user --mv-type person --precedence 90 --flow "${v.extension.name} <- Direct: ${name}"`,
          ].join('\n'));
          return;
        }
        if (targets.length !== 1) throw new CliError('--from synchronizes one object type: give --targets User or --targets Group');
        const r = await call('entra.extensions.addFlow', {
          connector: o.connector, source: o.from, attribute: name, objectType: targets[0] === 'User' ? 'user' : 'group', dataType, multiValued: !!o.multiValued, mvAttribute: o.mvAttribute,
        });
        report(o, r, (v) => [
          `${v.registered ? 'registered' : 'using the registered'} ${v.extension.name} (${v.extension.dataType})`,
          `${o.from} ${name} → metaverse ${v.mvAttribute} → ${v.connector} ${v.extension.name}`,
          ...v.rules.map((x) => `${x.created ? 'created' : 'updated'} rule "${x.name}" (${x.direction})`),
          ...(v.attributeSelected ? [`${o.from} now imports ${name}: its next import is a full one`] : []),
          'run a sync cycle (idsync cycle) to synchronize the values',
        ].join('\n'));
      }));

  withConnector(group.command('remove')
    .description('delete a directory extension definition (values already written stay, hidden, until it is registered again)')
    .argument('<name>', 'extension name or full extension_… name')
    .option('--yes', 'confirm'))
    .action((name: string, o: Common & { yes?: boolean }) => withEngineService(program, async (call) => {
      if (!o.yes) {
        throw new CliError(`Deleting ${name} makes its values unreadable on every user and group (they come back if it is registered again) and makes the rules that write it fail; run again with --yes`);
      }
      const r = await call('entra.extensions.remove', { connector: o.connector, name, confirm: true });
      report(o, r, (v) => `deleted ${v.removed.name}; rules that still write it now fail on export: remove their transformation`);
    }));
}
