// `idsync serve`: the headless console host on loopback, protected by a per-start token.
import type { Command } from 'commander';
import { startWebHost } from '../../host/web-host.ts';
import { ensureConsoleBuilt } from '../../host/build-console.ts';
import { rendererDist } from '../../host/paths.ts';
import { resolveHome } from '../../host/home.ts';
import { CliError } from '../output.ts';
import { bindRefusal } from '../../host/security.ts';

export interface ServeOptions {
  port?: string;
  host?: string;
  json?: boolean;
  /** Create the demo workspace first when the data directory holds no configuration. */
  demoIfEmpty?: boolean;
}

/** Starts the headless host and keeps it running until the process is asked to stop. */
export async function serve(program: Command, opts: ServeOptions): Promise<void> {
  const port = opts.port === undefined ? 0 : Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a port number, not "${opts.port}"`);
  const refusal = bindRefusal(opts.host ?? '127.0.0.1');
  if (refusal) throw new CliError(`--host ${refusal}`);
  const home = resolveHome(program.opts<{ home?: string }>().home);
  ensureConsoleBuilt((line) => process.stderr.write(`${line}\n`));
  const host = await startWebHost({
    home,
    rendererDir: rendererDist,
    host: opts.host ?? '127.0.0.1',
    port,
    token: process.env.IDSYNC_TOKEN || undefined,
  }).catch((err: Error) => {
    throw new CliError(`the engine did not start: ${err.message}`);
  });
  if (opts.demoIfEmpty && (await host.engine.call('system.status', {})).empty) {
    process.stderr.write(`Nothing is configured in ${home}: creating the demo workspace…\n`);
    const demo = await host.engine.call('workspace.createDemo', { users: 1000 });
    process.stderr.write(`Demo workspace ready: ${demo.users} users, ${demo.groups} groups, ${demo.runs.length} runs.\n`);
  }
  if (opts.json) process.stdout.write(`${JSON.stringify({ url: host.url, port: host.port, home })}\n`);
  else process.stdout.write(`IdSync console: ${host.url}  (data: ${home}; Ctrl+C to stop)\n`);
  const stop = () => {
    void host.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Registers `idsync serve`. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the console and its API on 127.0.0.1 (token-protected)')
    .option('--port <n>', 'port to listen on (default: a free port)')
    .option('--host <addr>', 'address to bind (default: 127.0.0.1)')
    .option('--json', 'print the URL as JSON')
    .option('--demo-if-empty', 'create the demo workspace when nothing is configured yet')
    .action((opts: ServeOptions) => serve(program, opts));
}
