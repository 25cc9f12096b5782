// Builds the console once when a host starts from a source checkout that has not been built yet.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { packageRoot, rendererDist } from './paths.ts';

/** Ensures dist/renderer exists, building it with vite when the sources are present. */
export function ensureConsoleBuilt(log: (line: string) => void): void {
  if (fs.existsSync(path.join(rendererDist, 'index.html'))) return;
  const vite = path.join(packageRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const config = path.join(packageRoot, 'renderer', 'vite.config.ts');
  if (!fs.existsSync(vite) || !fs.existsSync(config)) {
    throw new Error(`The console is not built (${rendererDist} is missing) and cannot be built here`);
  }
  log('Building the console (first start)…');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', config, '--logLevel', 'warn'], {
    cwd: packageRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error('Building the console failed (see the output above)');
}
