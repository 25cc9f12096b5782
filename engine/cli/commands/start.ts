// `idsync start` (npm start): the desktop console where Electron can run, else the headless console.
import type { Command } from 'commander';
import { spawn } from 'node:child_process';
import { electronBinary } from '../../host/electron-binary.ts';
import { serve, type ServeOptions } from './serve.ts';
import { ensureDesktopBuilt } from '../../host/build-desktop.ts';
import { resolveHome } from '../../host/home.ts';

/** Registers `idsync start`. */
export function registerStart(program: Command): void {
  program
    .command('start')
    .description('open the desktop console (or the headless console in a browser when Electron is not available)')
    .option('--port <n>', 'port for the headless console')
    .action(async (opts: ServeOptions) => {
      const binary = electronBinary();
      if (!binary.path) {
        process.stdout.write(`Electron is not available (${binary.reason}); starting the headless console instead.\n`);
        return serve(program, { ...opts, demoIfEmpty: true });
      }
      const main = ensureDesktopBuilt((line) => process.stderr.write(`${line}\n`));
      const home = resolveHome(program.opts<{ home?: string }>().home);
      const child = spawn(binary.path, [main], { stdio: 'inherit', env: { ...process.env, IDSYNC_HOME: home } });
      child.on('exit', (code) => process.exit(code ?? 0));
    });
}
