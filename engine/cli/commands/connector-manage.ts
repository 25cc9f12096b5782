// `idsync connector create|update|delete|types`: build a configuration without editing a file. Settings come as
// `--set key=value` (dotted keys for nested ones, JSON values where a value is not plain text) or a JSON file;
// secrets only from environment variables (`--secret password=VAR`), never from the command line.
import fs from 'node:fs';
import type { Command } from 'commander';
import { CliError, report } from '../output.ts';
import { withEngineService } from './with-engine-service.ts';

const collect = (v: string, prev: string[]) => [...prev, v];

/** A `--set` value: JSON when it reads as JSON (numbers, true/false, arrays, objects), else the text itself. */
function settingValue(text: string): unknown {
  if (/^(-?\d+(\.\d+)?|true|false|null|\[.*\]|\{.*\})$/s.test(text.trim())) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** Sets `a.b.c` in `target`, creating the objects on the way. */
function setPath(target: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let at = target;
  for (const p of parts.slice(0, -1)) {
    const next = at[p];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) at[p] = {};
    at = at[p] as Record<string, unknown>;
  }
  at[parts[parts.length - 1]!] = value;
}

/** Settings that decide what an import reads: changing one needs a full import. */
const IMPORT_SCOPE = ['baseDns', 'includeContainers', 'excludeContainers', 'objectTypes', 'attributes', 'path', 'format', 'objectType', 'objectTypeAttribute'];

function unsetPath(target: Record<string, unknown>, key: string): void {
  const parts = key.split('.');
  let at: unknown = target;
  for (const p of parts.slice(0, -1)) at = at && typeof at === 'object' ? (at as Record<string, unknown>)[p] : undefined;
  if (at && typeof at === 'object') delete (at as Record<string, unknown>)[parts[parts.length - 1]!];
}

/** Copies `from` into `into`, objects merged key by key, everything else replaced. */
function mergeInto(into: Record<string, unknown>, from: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(from)) {
    const cur = into[k];
    if (v && typeof v === 'object' && !Array.isArray(v) && cur && typeof cur === 'object' && !Array.isArray(cur)) mergeInto(cur as Record<string, unknown>, v as Record<string, unknown>);
    else into[k] = v;
  }
}

/** The configuration from a file, `--set` pairs and `--secret` variables, in that order. */
export function connectorConfig(o: { config?: string; set: readonly string[]; secret: readonly string[] }, env: NodeJS.ProcessEnv = process.env): Record<string, unknown> {
  let config: Record<string, unknown> = {};
  if (o.config) {
    try {
      config = JSON.parse(fs.readFileSync(o.config, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new CliError(`Cannot read the connector configuration ${o.config}: ${(err as Error).message}`);
    }
  }
  for (const pair of o.set) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new CliError(`--set "${pair}": expected key=value`);
    setPath(config, pair.slice(0, eq), settingValue(pair.slice(eq + 1)));
  }
  for (const pair of o.secret) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new CliError(`--secret "${pair}": expected field=ENVIRONMENT_VARIABLE`);
    const variable = pair.slice(eq + 1);
    const value = env[variable];
    if (!value) throw new CliError(`Environment variable ${variable} (for ${pair.slice(0, eq)}) is not set`);
    setPath(config, pair.slice(0, eq), value);
  }
  return config;
}

/** Registers `idsync connector create|update|delete|types` on the `connector` command. */
export function registerConnectorManagement(program: Command): void {
  const group = program.commands.find((c) => c.name() === 'connector') ?? program.command('connector').description('connectors (management agents)');
  group
    .command('create')
    .description('create a connector with the five default run profiles (see `idsync connector types`)')
    .argument('<name>', 'connector name')
    .requiredOption('--type <type>', 'connector type: file, ldap, entra')
    .option('--description <text>', 'description', '')
    .option('--config <file>', 'configuration as a JSON file')
    .option('--set <key=value>', 'a configuration setting (repeatable; dotted keys for nested settings, JSON for lists)', collect, [])
    .option('--secret <field=VAR>', 'a secret setting read from an environment variable (repeatable)', collect, [])
    .option('--delete-threshold <n>', 'deletion threshold of exports')
    .option('--json', 'print JSON')
    .action((name: string, o: { type: string; description: string; config?: string; set: string[]; secret: string[]; deleteThreshold?: string; json?: boolean }) =>
      withEngineService(program, async (call) => {
        const threshold = o.deleteThreshold === undefined ? undefined : Number(o.deleteThreshold);
        if (threshold !== undefined && (!Number.isInteger(threshold) || threshold < 0)) throw new CliError(`--delete-threshold must be a whole number, not "${o.deleteThreshold}"`);
        const c = await call('connectors.create', { name, type: o.type, description: o.description, config: connectorConfig(o), deleteThreshold: threshold });
        report(o, c, (d) => `created connector ${d.name} (${d.type}, ${d.id}) with run profiles ${d.runProfiles.map((p) => p.name).join(', ')}`);
      }),
    );
  group
    .command('update')
    .description('change settings of a connector (e.g. the containers in scope); a change of what is imported queues a full import')
    .argument('<name>', 'connector name or id')
    .option('--description <text>', 'description')
    .option('--set <key=value>', 'a configuration setting (repeatable; dotted keys, JSON for lists: includeContainers=\'["OU=Sales,DC=contoso,DC=com"]\')', collect, [])
    .option('--add <key=value>', 'adds a value to a list setting, e.g. attributes=costCenter (repeatable)', collect, [])
    .option('--unset <key>', 'removes a configuration setting (repeatable)', collect, [])
    .option('--secret <field=VAR>', 'a secret setting read from an environment variable (repeatable)', collect, [])
    .option('--delete-threshold <n|off>', 'deletion threshold of exports')
    .option('--json', 'print JSON')
    .action((name: string, o: { description?: string; set: string[]; add: string[]; unset: string[]; secret: string[]; deleteThreshold?: string; json?: boolean }) =>
      withEngineService(program, async (call) => {
        const before = await call('connectors.get', { connector: name });
        // Masked secrets are sent back masked: the engine keeps the stored ones while the destination is unchanged.
        const config = structuredClone(before.config);
        for (const key of o.unset) unsetPath(config, key);
        const changed = connectorConfig({ set: o.set, secret: o.secret });
        mergeInto(config, changed);
        for (const pair of o.add) {
          const eq = pair.indexOf('=');
          if (eq <= 0) throw new CliError(`--add "${pair}": expected key=value`);
          const key = pair.slice(0, eq);
          const list = config[key] ?? [];
          if (!Array.isArray(list)) throw new CliError(`--add ${key}: the setting is not a list`);
          if (!list.includes(pair.slice(eq + 1))) config[key] = [...list, pair.slice(eq + 1)];
        }
        const threshold = o.deleteThreshold === undefined ? undefined : o.deleteThreshold === 'off' ? null : Number(o.deleteThreshold);
        if (typeof threshold === 'number' && (!Number.isInteger(threshold) || threshold < 0)) throw new CliError(`--delete-threshold must be a whole number or off, not "${o.deleteThreshold}"`);
        const after = await call('connectors.update', { connector: before.id, config, ...(o.description !== undefined ? { description: o.description } : {}), ...(threshold !== undefined ? { deleteThreshold: threshold } : {}) });
        const scope = IMPORT_SCOPE.filter((k) => JSON.stringify(before.config[k]) !== JSON.stringify(after.config[k]));
        if (scope.length) {
          const current = (await call('scheduler.get', {})).ConnectorOverrides[after.id];
          await call('scheduler.override', { connector: after.id, fullImportRequired: true, fullSyncRequired: current?.fullSyncRequired ?? false });
        }
        report(o, { connector: after, fullImportRequired: scope.length > 0, changed: scope }, (v) =>
          `updated connector ${v.connector.name}${v.fullImportRequired ? `\n${v.changed.join(', ')} changed: the next sync cycle runs a full import of ${v.connector.name}` : ''}`);
      }),
    );
  group
    .command('types')
    .description('connector types this engine can create, with their secret fields')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) =>
      withEngineService(program, async (call) => {
        report(o, await call('connectors.types', {}), (l) => l.map((t) => `${t.type}\t${t.displayName}${t.secretFields.length ? `\tsecrets: ${t.secretFields.join(', ')}` : ''}`).join('\n'));
      }),
    );
  group
    .command('delete')
    .description('delete a connector and its connector space (its metaverse contributions are recomputed)')
    .argument('<name>', 'connector name or id')
    .option('--yes', 'confirm the deletion')
    .option('--delete-rules', 'delete the sync rules of the connector too (otherwise they stay, unused, and are listed)')
    .option('--json', 'print JSON')
    .action((name: string, o: { yes?: boolean; deleteRules?: boolean; json?: boolean }) =>
      withEngineService(program, async (call) => {
        const c = await call('connectors.get', { connector: name });
        const rules = await call('rules.list', { connector: c.id });
        if (!o.yes) {
          throw new CliError(
            `Deleting ${c.name} removes its connector space (${c.objectCount} objects) and every metaverse value it contributed; ` +
              `${rules.length} sync rule(s) use it${rules.length ? ` (${rules.map((r) => `"${r.name}"`).join(', ')})` : ''}. Run again with --yes${rules.length ? ' (and --delete-rules to delete those rules)' : ''}.`,
          );
        }
        await call('connectors.delete', { connector: c.id, confirm: true });
        const deleted: string[] = [];
        if (o.deleteRules) for (const r of rules) deleted.push((await call('rules.delete', { id: r.id })).rule.name);
        const kept = o.deleteRules ? [] : rules.map((r) => r.name);
        report(o, { deleted: c.name, objects: c.objectCount, rulesDeleted: deleted, rulesKept: kept }, (v) =>
          [`deleted connector ${v.deleted} and its ${v.objects} objects`, ...(v.rulesDeleted.length ? [`deleted rules: ${v.rulesDeleted.join(', ')}`] : []),
            ...(v.rulesKept.length ? [`rules kept (they apply to no connector now): ${v.rulesKept.join(', ')}`] : [])].join('\n'));
      }),
    );
}
