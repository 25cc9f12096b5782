// `idsync config import FILE` and `idsync config export [FILE]`.
import fs from 'node:fs';
import type { Command } from 'commander';
import { CliError, report } from '../output.ts';
import { withEngineService } from './with-engine-service.ts';
import { parseJsonInput } from '../../config/json-input.ts';

/** Registers `idsync config`. */
export function registerConfig(program: Command): void {
  const group = program.command('config').description('configuration as a file (metaverse schema, connectors, run profiles, sync rules)');
  group
    .command('export')
    .description('write the configuration (secrets masked) to FILE or stdout')
    .argument('[file]', 'output file')
    .action((file: string | undefined) =>
      withEngineService(program, async (call) => {
        const doc = await call('config.export', {});
        const text = `${JSON.stringify(doc, null, 2)}\n`;
        if (file) fs.writeFileSync(file, text);
        else process.stdout.write(text);
      }),
    );
  group
    .command('import')
    .description('validate and apply a configuration file; an invalid file is refused whole')
    .argument('<file>', 'configuration file (JSON)')
    .option('--json', 'print JSON')
    .action((file: string, opts: { json?: boolean }) =>
      withEngineService(program, async (call) => {
        let document: unknown;
        try {
          document = parseJsonInput(fs.readFileSync(file, 'utf8'));
        } catch (err) {
          throw new CliError(`Cannot read ${file}: ${(err as Error).message}`);
        }
        const result = await call('config.import', { document });
        report(opts, result, (r) =>
          r.ok
            ? `Imported ${r.counts.objectTypes} object types, ${r.counts.attributes} attributes, ${r.counts.connectors} connectors, ${r.counts.syncRules} sync rules`
            : [`${file} was refused (${r.problems.length} problems):`, ...r.problems.map((p) => `  ${p.path}: ${p.message}`)].join('\n'),
        );
        if (!result.ok) process.exitCode = 1;
      }),
    );
}
