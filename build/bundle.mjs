// Bundles the desktop app: Electron main, preload and engine worker (esbuild), and the console (vite).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const out = path.join(root, 'dist', 'electron');
const only = process.argv.includes('--desktop-only');

// Bundled code is CommonJS, where import.meta.url does not exist; give it the file's own URL.
const importMetaUrl = {
  define: { 'import.meta.url': '__idsyncImportMetaUrl' },
  banner: { js: "const __idsyncImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: false,
  logLevel: 'warning',
  external: ['electron', 'better-sqlite3'],
  ...importMetaUrl,
};

await build({ ...common, entryPoints: { main: path.join(root, 'electron/main.ts') }, outdir: out, outExtension: { '.js': '.cjs' } });
await build({ ...common, entryPoints: { preload: path.join(root, 'electron/preload.ts') }, outdir: out, outExtension: { '.js': '.cjs' } });
await build({
  ...common,
  entryPoints: { 'engine-worker-thread': path.join(root, 'engine/host/worker.ts') },
  outdir: out,
  outExtension: { '.js': '.cjs' },
});

if (!only) {
  const vite = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', path.join(root, 'renderer/vite.config.ts'), '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (vite.status !== 0) process.exit(vite.status ?? 1);
}
console.log(`built ${path.relative(root, out)} and dist/renderer`);
