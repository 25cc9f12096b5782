// `idsync store info` and `idsync store migrate --from sqlite --to postgres://…`: where the data directory's store
// lives, and moving it between SQLite and PostgreSQL without loss (the key file stays in the data directory).
import path from 'node:path';
import type { Command } from 'commander';
import { CliError, report } from '../output.ts';
import { resolveHome } from '../../host/home.ts';
import { openStore, type Store } from '../../store/store.ts';
import { copyStore, type StoreCopyReport } from '../../store/store-copy.ts';
import { isPostgresUrl, redactStoreUrl, storeLocation } from '../../store/store-location.ts';

/** The database file of a data directory (the SQLite store; the name PostgreSQL stores are known by). */
function databaseFile(home: string): string {
  return path.join(home, 'idsync.sqlite');
}

function describe(store: string | undefined): string {
  return !store || store === 'sqlite' ? 'sqlite' : redactStoreUrl(store);
}

function checkStoreArg(value: string, flag: string): string {
  if (value !== 'sqlite' && !isPostgresUrl(value)) throw new CliError(`${flag} must be "sqlite" or a postgres://… connection string`, 2);
  return value;
}

/** Registers `idsync store …`. */
export function registerStore(program: Command): void {
  const store = program.command('store').description("where the data directory's store lives: SQLite (default) or PostgreSQL");
  const home = () => resolveHome(program.opts<{ home?: string }>().home);

  store
    .command('info')
    .description('show the store in use, its schema version and size')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => {
      const file = databaseFile(home());
      const location = storeLocation(file);
      const s = openStore(file);
      try {
        const value = {
          kind: location.kind,
          location: location.kind === 'sqlite' ? location.file : redactStoreUrl(location.url),
          schema: location.kind === 'postgres' ? location.schema : null,
          sizeBytes: s.sizeBytes(),
        };
        report(opts, value, (v) => [`store: ${v.kind}`, `location: ${v.location}`, ...(v.schema ? [`schema: ${v.schema}`] : []), `size: ${v.sizeBytes} bytes`].join('\n'));
      } finally {
        s.close();
      }
    });

  store
    .command('migrate')
    .description('copy every object, link, pending export and run record to another store (the target must be empty)')
    .requiredOption('--from <store>', 'the store to read: sqlite or postgres://…')
    .requiredOption('--to <store>', 'the store to write: postgres://… or sqlite')
    .option('--quiet', 'no progress on stderr')
    .option('--json', 'print JSON')
    .action((opts: { from: string; to: string; quiet?: boolean; json?: boolean }) => {
      const from = checkStoreArg(opts.from, '--from');
      const to = checkStoreArg(opts.to, '--to');
      if (describe(from) === describe(to)) throw new CliError('--from and --to name the same store', 2);
      const file = databaseFile(home());
      let source: Store | null = null;
      let target: Store | null = null;
      try {
        source = openStore(file, { store: from });
        target = openStore(file, { store: to });
        const result: StoreCopyReport = copyStore(source, target, (table, rows) => {
          if (!opts.quiet) process.stderr.write(`\r${table}: ${rows} row(s)    `);
        });
        if (!opts.quiet) process.stderr.write('\n');
        report(opts, { from: describe(from), to: describe(to), ...result }, (v) =>
          [`Copied ${v.totalRows} row(s) from ${v.from} to ${v.to}:`, ...v.tables.map((t) => `  ${t.name}: ${t.rows}`),
            `Use the new store with --store ${v.to} or IDSYNC_STORE (keep idsync.key in the data directory: it opens the stored secrets).`].join('\n'),
        );
      } catch (err) {
        if (err instanceof CliError) throw err;
        throw new CliError(`store migrate: ${(err as Error).message}`);
      } finally {
        source?.close();
        target?.close();
      }
    });
}
