// Checks the installer configuration offline: pack the unpacked app with a stand-in Electron distribution
// and look inside app.asar. (Real installers need the Electron binary: `npm run dist` on a connected machine.)
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listPackage } from '@electron/asar';

const root = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-pack-'));
const out = path.join(work, 'out');
let entries: string[] = [];

beforeAll(() => {
  const bundle = spawnSync(process.execPath, [path.join(root, 'build', 'bundle.mjs')], { cwd: root, encoding: 'utf8' });
  expect(bundle.status, bundle.stderr).toBe(0);
  const dist = path.join(work, 'electron-dist');
  fs.mkdirSync(dist);
  fs.writeFileSync(path.join(dist, 'electron'), '#!/bin/sh\necho stand-in\n', { mode: 0o755 });
  fs.writeFileSync(path.join(dist, 'LICENSE'), 'stand-in');
  const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version as string;
  const builder = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules/electron-builder/cli.js'),
      '--linux',
      'dir',
      '--config',
      path.join(root, 'build/electron-builder.config.cjs'),
      `-c.electronDist=${dist}`,
      '-c.npmRebuild=false',
      `-c.electronVersion=${electronVersion}`,
      `-c.directories.output=${out}`,
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, ELECTRON_BUILDER_OFFLINE: 'true' } },
  );
  expect(builder.status, builder.stdout + builder.stderr).toBe(0);
  entries = listPackage(path.join(out, 'linux-unpacked', 'resources', 'app.asar'), { isPack: false }).map((e) => e.replaceAll('\\', '/'));
}, 180_000);

describe('packaged app', () => {
  it('holds the main, preload, engine worker and renderer bundles in app.asar', () => {
    for (const file of ['/dist/electron/main.cjs', '/dist/electron/preload.cjs', '/dist/electron/engine-worker-thread.cjs', '/dist/renderer/index.html']) {
      expect(entries).toContain(file);
    }
    expect(entries.some((e) => /^\/dist\/renderer\/assets\/.+\.js$/.test(e))).toBe(true);
  });

  it('leaves the TypeScript sources out', () => {
    expect(entries.filter((e) => !e.startsWith('/node_modules/') && /\.tsx?$/.test(e))).toEqual([]);
  });

  it("unpacks better-sqlite3's native module from the archive", () => {
    const native = path.join(out, 'linux-unpacked', 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
    expect(fs.existsSync(native)).toBe(true);
  });

  it('points the packaged package.json at the bundled main process', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/electron/main.cjs');
  });
});
