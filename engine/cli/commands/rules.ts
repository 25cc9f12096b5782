// `idsync rules`: the Synchronization Rules Editor from the command line (Get-ADSyncRule, Add-ADSyncRule,
// Remove-ADSyncRule): list, show, add, edit, export, import (validated whole), clone, enable, disable, delete, test,
// precedence and reorder.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Command } from 'commander';
import type { SyncRule } from '../../../shared/model/sync-rules.ts';
import { CliError, report } from '../output.ts';
import { parseJsonInput, JsonInputError } from '../../config/json-input.ts';
import { withEngineService, type Call } from './with-engine-service.ts';
import { problemLines, ruleLines, ruleTestText, ruleText } from './rules-text.ts';
import { RULE_FLAG_OPTIONS, applyRuleFlags, type RuleFlags } from './rules-flags.ts';
import type { SyncRuleInput } from '../../../shared/model/sync-rules.ts';

interface Json {
  json?: boolean;
}

/** A rule by id, or by its name when exactly one rule has it. */
async function findRule(call: Call, idOrName: string): Promise<SyncRule> {
  const all = await call('rules.list', {});
  const byId = all.find((r) => r.id === idOrName);
  if (byId) return byId;
  const byName = all.filter((r) => r.name.toLowerCase() === idOrName.toLowerCase());
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) throw new CliError(`${byName.length} rules are named "${idOrName}"; give the id (${byName.map((r) => r.id).join(', ')})`);
  throw new CliError(`No sync rule "${idOrName}" (by id or name); see \`idsync rules list\``);
}

const marked = (names: readonly string[]) => (names.length ? `\nfull synchronization required on: ${names.join(', ')} (the next sync cycle runs it)` : '');

/** `CONNECTOR:DN` → its two parts (the DN may contain colons; the connector name is before the first). */
function parseObject(text: string): { connector: string; dn: string } {
  const at = text.indexOf(':');
  if (at <= 0 || at === text.length - 1) throw new CliError(`--object "${text}": expected CONNECTOR:DN, e.g. "HR feed (CSV):CN=1001,OU=HR"`);
  return { connector: text.slice(0, at), dn: text.slice(at + 1) };
}

/** Registers `idsync rules`. */
export function registerRules(program: Command): void {
  const group = program.command('rules').description('synchronization rules (the Synchronization Rules Editor)');
  const run = <T>(fn: (call: Call) => Promise<T>) => withEngineService(program, (call) => fn(call));

  group.command('list')
    .description('list sync rules by precedence')
    .option('--connector <name>', 'only the rules of this connector')
    .option('--direction <dir>', 'Inbound or Outbound')
    .option('--json', 'print JSON')
    .action((o: Json & { connector?: string; direction?: string }) => run(async (call) => {
      const dir = o.direction ? o.direction[0]!.toUpperCase() + o.direction.slice(1).toLowerCase() : undefined;
      if (dir && dir !== 'Inbound' && dir !== 'Outbound') throw new CliError(`--direction must be Inbound or Outbound, not "${o.direction}"`);
      report(o, await call('rules.list', { connector: o.connector, direction: dir as 'Inbound' | 'Outbound' | undefined }), ruleLines);
    }));

  group.command('show')
    .description('show one rule: description, scoping filter, join rules, transformations')
    .argument('<rule>', 'rule id or name')
    .option('--json', 'print JSON')
    .action((id: string, o: Json) => run(async (call) => report(o, await findRule(call, id), ruleText)));

  /** Validates (every problem with its field) and saves, or with --dry-run only validates. */
  const saveRule = async (call: Call, rule: SyncRuleInput, o: Json & { dryRun?: boolean }, verb: string) => {
    if (rule.connector.name) {
      const c = await call('connectors.get', { connector: rule.connector.name });
      rule = { ...rule, connector: { id: c.id, name: c.name } };
    }
    const v = await call('rules.validate', { rule });
    if (v.problems.length) {
      if (o.json) report(o, v, () => '');
      throw new CliError(`The rule was not ${verb} (${v.problems.length} problem${v.problems.length === 1 ? '' : 's'}):\n${problemLines(v.problems)}`);
    }
    if (o.dryRun) return report(o, { valid: true, warnings: v.warnings, rule }, (x) => ['valid', ...x.warnings.map((w) => `warning: ${w.path}: ${w.message}`)].join('\n'));
    const saved = await call('rules.save', rule);
    const marks = (await call('rules.fullSyncRequired', {})).filter((m) => m.reasons.some((r) => r.includes(`"${saved.name}"`))).map((m) => m.connector);
    report(o, { rule: saved, warnings: v.warnings, fullSyncRequired: marks }, (x) =>
      [`${verb} "${x.rule.name}" (${x.rule.id}) at precedence ${x.rule.precedence}`, ...x.warnings.map((w) => `warning: ${w.path}: ${w.message}`)].join('\n') + marked(x.fullSyncRequired));
  };
  const withRuleFlags = (cmd: Command) => {
    for (const [flags, description, parse, init] of RULE_FLAG_OPTIONS) {
      if (parse) cmd.option(flags, description, parse, init);
      else cmd.option(flags, description);
    }
    return cmd.option('--dry-run', 'validate only').option('--json', 'print JSON');
  };

  withRuleFlags(group.command('add')
    .description('create a rule from flags (New-ADSyncRule): --name, --connector, --cs-type, --mv-type, --precedence, --scope, --join, --flow')
    .option('--id <id>', 'rule id (default: a new GUID)'))
    .action((o: RuleFlags & Json & { id?: string; dryRun?: boolean }) => run(async (call) => {
      const base: SyncRuleInput = {
        id: o.id ?? crypto.randomUUID(), name: '', direction: 'Inbound', precedence: 0, connector: { id: '', name: '' }, sourceObjectType: '', targetObjectType: '', linkType: 'Join',
      };
      await saveRule(call, applyRuleFlags(base, o), o, 'added');
    }));

  withRuleFlags(group.command('edit')
    .description('change a rule with the same flags as add (--flow replaces the transformation to its target; --scope/--join replace those parts)')
    .argument('<rule>', 'rule id or name'))
    .action((id: string, o: RuleFlags & Json & { dryRun?: boolean }) => run(async (call) => {
      const rule = await findRule(call, id);
      if (rule.immutableTag) process.stderr.write(`warning: "${rule.name}" is a standard rule; changes are lost when the standard rules are regenerated (clone it with \`idsync rules clone --disable-original\`)\n`);
      await saveRule(call, applyRuleFlags(rule, o), o, 'saved');
    }));

  group.command('export')
    .description('write rules as a rules document (every rule, or those named); to FILE (a last argument ending in .json) or stdout')
    .argument('[rules...]', 'rule ids or names, then optionally the file')
    .option('--out <file>', 'file to write')
    .option('--json', 'print JSON (the document, or where it was written)')
    .action((args: string[], o: Json & { out?: string }) => run(async (call) => {
      let file = o.out;
      if (!file && args.length && /\.json$/i.test(args[args.length - 1]!)) file = args.pop();
      const ids = await Promise.all(args.map(async (a) => (await findRule(call, a)).id));
      const doc = await call('rules.export', { ids });
      const text = `${JSON.stringify(doc, null, 2)}\n`;
      if (!file) {
        process.stdout.write(text);
        return;
      }
      fs.writeFileSync(file, text);
      report(o, { file, rules: doc.syncRules.map((r) => r.id) }, (v) => `${v.rules.length} rule(s) written to ${v.file}`);
    }));

  group.command('import')
    .description('add or replace the rules of a rules (or configuration) document; validated whole, nothing saved when a rule has a problem')
    .argument('<file>', 'rules document (JSON)')
    .option('--dry-run', 'validate only')
    .option('--json', 'print JSON')
    .action((file: string, o: Json & { dryRun?: boolean }) => run(async (call) => {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (err) {
        throw new CliError(`Cannot read ${file}: ${(err as Error).message}`);
      }
      let document: unknown;
      try {
        document = parseJsonInput(text);
      } catch (err) {
        throw new CliError(`${file} is ${err instanceof JsonInputError ? err.message : `not valid JSON: ${(err as Error).message}`}`);
      }
      const r = await call('rules.import', { document, dryRun: !!o.dryRun });
      if (!r.ok) {
        if (o.json) report(o, r, () => '');
        throw new CliError(`${file} was not imported, nothing changed (${r.problems.length} problem${r.problems.length === 1 ? '' : 's'}):\n${problemLines(r.problems)}`);
      }
      report(o, r, (v) => [
        `${o.dryRun ? 'valid: would add' : 'added'} ${v.added.length}, ${o.dryRun ? 'replace' : 'replaced'} ${v.replaced.length}`,
        ...(v.warnings.length ? ['warnings:', problemLines(v.warnings)] : []),
      ].join('\n') + marked(v.fullSyncRequired));
    }));

  group.command('clone')
    .description('copy a rule as a custom rule at a free precedence (standard rules: disable the original, edit the clone)')
    .argument('<rule>', 'rule id or name')
    .requiredOption('--precedence <n>', 'precedence of the clone (1–99 for custom rules)')
    .option('--name <name>', 'name of the clone (default: "<name> (custom)")')
    .option('--disable-original', 'disable the original rule')
    .option('--json', 'print JSON')
    .action((id: string, o: Json & { precedence: string; name?: string; disableOriginal?: boolean }) => run(async (call) => {
      const precedence = Number(o.precedence);
      if (!Number.isInteger(precedence) || precedence < 0) throw new CliError(`--precedence must be a whole number, not "${o.precedence}"`);
      const rule = await findRule(call, id);
      const r = await call('rules.clone', { id: rule.id, precedence, name: o.name, disableOriginal: !!o.disableOriginal });
      report(o, r, (v) => `cloned "${v.original.name}" as "${v.clone.name}" (${v.clone.id}) at precedence ${v.clone.precedence}${v.original.disabled ? `; "${v.original.name}" disabled` : ''}${marked(v.fullSyncRequired)}`);
    }));

  for (const [name, disabled] of [['enable', false], ['disable', true]] as const) {
    group.command(name)
      .description(`${name} a rule`)
      .argument('<rule>', 'rule id or name')
      .option('--json', 'print JSON')
      .action((id: string, o: Json) => run(async (call) => {
        const rule = await findRule(call, id);
        const r = await call('rules.setDisabled', { id: rule.id, disabled });
        report(o, r, (v) => `"${v.rule.name}" ${disabled ? 'disabled' : 'enabled'}${marked(v.fullSyncRequired)}`);
      }));
  }

  group.command('delete')
    .description('delete a rule (a standard rule is better disabled: it comes back when the standard rules are regenerated)')
    .argument('<rule>', 'rule id or name')
    .option('--force', 'delete a standard rule all the same')
    .option('--json', 'print JSON')
    .action((id: string, o: Json & { force?: boolean }) => run(async (call) => {
      const rule = await findRule(call, id);
      if (rule.immutableTag && !o.force) throw new CliError(`"${rule.name}" is a standard rule (${rule.immutableTag}); disable it with \`idsync rules disable\`, or give --force to delete it`);
      const r = await call('rules.delete', { id: rule.id });
      report(o, r, (v) => `deleted "${v.rule.name}"${marked(v.fullSyncRequired)}`);
    }));

  group.command('test')
    .description('evaluate one rule on one object: scoping clause by clause, join candidates, transformation values (changes nothing)')
    .argument('<rule>', 'rule id or name')
    .option('--object <connector:dn>', 'connector space object, CONNECTOR:DN')
    .option('--mv <id>', 'metaverse object (for outbound rules)')
    .option('--json', 'print JSON')
    .action((id: string, o: Json & { object?: string; mv?: string }) => run(async (call) => {
      if (!o.object === !o.mv) throw new CliError('give --object CONNECTOR:DN or --mv ID');
      const rule = await findRule(call, id);
      const object = o.object ? { kind: 'cs' as const, ...parseObject(o.object) } : { kind: 'mv' as const, id: o.mv! };
      report(o, await call('rules.test', { id: rule.id, object }), ruleTestText);
    }));

  group.command('precedence')
    .description('the rules flowing to one metaverse attribute, in the order they win')
    .argument('<attribute>', 'metaverse attribute')
    .option('--object-type <type>', 'metaverse object type')
    .option('--json', 'print JSON')
    .action((attribute: string, o: Json & { objectType?: string }) => run(async (call) => {
      const rows = await call('schema.precedence', { attribute, objectType: o.objectType });
      report(o, rows, (l) => (l.length ? l.map((e, i) => `${i + 1}. ${String(e.precedence).padStart(4)}  ${e.ruleName}  [${e.connector}, ${e.direction}, ${e.flowType} ${e.source}]${e.disabled ? '  disabled' : ''}`).join('\n') : `No rule flows to ${attribute}.`));
    }));

  group.command('swap')
    .description('swap the precedences of two rules (reorder)')
    .argument('<a>', 'rule id or name')
    .argument('<b>', 'rule id or name')
    .option('--json', 'print JSON')
    .action((a: string, b: string, o: Json) => run(async (call) => {
      const [ra, rb] = [await findRule(call, a), await findRule(call, b)];
      const r = await call('rules.swapPrecedence', { a: ra.id, b: rb.id });
      report(o, r, (v) => `"${v.a.name}" now at ${v.a.precedence}, "${v.b.name}" at ${v.b.precedence}${marked(v.fullSyncRequired)}`);
    }));

  group.command('full-sync-required')
    .description('connectors a rule change left needing a full synchronization')
    .option('--json', 'print JSON')
    .action((o: Json) => run(async (call) => {
      report(o, await call('rules.fullSyncRequired', {}), (l) => (l.length ? l.map((m) => `${m.connector}: ${m.fullSyncRequired ? 'full synchronization required' : 'full import required'}${m.markedAt ? ` since ${m.markedAt}` : ''}\n  ${m.reasons.join('\n  ')}`).join('\n') : 'No connector needs a full synchronization.'));
    }));
}
