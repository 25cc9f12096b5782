// Builds the desktop bundles (Electron main, preload, engine worker) from a source checkout.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { packageRoot } from './paths.ts';

/** Runs build/bundle.mjs and returns the path of the main bundle. */
export function ensureDesktopBuilt(log: (line: string) => void): string {
  log('Bundling the desktop console…');
  const result = spawnSync(process.execPath, [path.join(packageRoot, 'build', 'bundle.mjs')], { cwd: packageRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('Bundling the desktop console failed (see the output above)');
  return path.join(packageRoot, 'dist', 'electron', 'main.cjs');
}
