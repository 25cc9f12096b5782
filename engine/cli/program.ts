// The idsync command line: a thin shell over the same services the console uses.
import { Command } from 'commander';
import { registrars } from './commands/index.ts';
import { version } from '../host/version.ts';

/** Builds the commander program with every command registered. */
export function buildProgram(): Command {
  const program = new Command('idsync')
    .description('IdSync identity synchronization service')
    .version(version, '-V, --version')
    .option('--home <dir>', 'data directory (default: $IDSYNC_HOME or the platform app-data folder)')
    .option('--store <store>', 'where the data directory keeps its store: sqlite (default) or postgres://… (default: $IDSYNC_STORE)')
    .showHelpAfterError();
  // Every command (and every process it starts) opens the same store.
  program.hook('preAction', () => {
    const store = program.opts<{ store?: string }>().store;
    if (store) process.env.IDSYNC_STORE = store;
  });
  for (const register of registrars) register(program);
  return program;
}
