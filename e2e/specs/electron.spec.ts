// The desktop console in Electron: runs only where the Electron binary exists (it cannot be downloaded everywhere).
import { test, expect, _electron as electron } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { electronBinary } from '../../engine/host/electron-binary.ts';
import { repoRoot } from '../env/idsync-serve.ts';
import { artifactsDir } from './fixtures.ts';

const binary = electronBinary();
if (!binary.path) console.log(`electron.spec.ts skipped: ${binary.reason}`);

test('the desktop console opens with secure defaults and all five tabs', async () => {
  test.skip(!binary.path, `Electron binary not available: ${binary.reason}`);
  const bundle = spawnSync(process.execPath, [path.join(repoRoot, 'build', 'bundle.mjs'), '--desktop-only'], { cwd: repoRoot });
  expect(bundle.status).toBe(0);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-electron-'));
  const app = await electron.launch({
    executablePath: binary.path!,
    args: [path.join(repoRoot, 'dist', 'electron', 'main.cjs'), '--no-sandbox'],
    env: { ...process.env, IDSYNC_HOME: home },
  });
  try {
    const win = await app.firstWindow();
    await expect(win.getByRole('tab', { name: 'Operations' })).toBeVisible();
    const exposed = await win.evaluate(() => ({
      api: typeof window.idsync?.call,
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(exposed).toEqual({ api: 'function', require: 'undefined', process: 'undefined' });
    for (const name of ['Operations', 'Connectors', 'Metaverse Designer', 'Metaverse Search', 'Synchronization Rules']) {
      await win.getByRole('tab', { name }).click();
      await expect(win.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
    }
    await expect(win.getByLabel('Host')).toContainText('desktop console');
    fs.mkdirSync(artifactsDir, { recursive: true });
    await win.screenshot({ path: path.join(artifactsDir, 'electron-console.png') });
  } finally {
    await app.close();
  }
});
