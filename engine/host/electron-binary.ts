// Finds the Electron binary without requiring the `electron` package (that would try to download it).
import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from './paths.ts';

/** The path of the Electron executable, or the reason there is none. */
export function electronBinary(): { path: string | null; reason: string } {
  const pkgDir = path.join(packageRoot, 'node_modules', 'electron');
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, process.platform === 'win32' ? 'electron.exe' : 'electron');
    return fs.existsSync(p) ? { path: p, reason: '' } : { path: null, reason: `no Electron binary at ${p}` };
  }
  const pathFile = path.join(pkgDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return { path: null, reason: 'the Electron binary has not been downloaded' };
  const exe = path.join(pkgDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(exe) ? { path: exe, reason: '' } : { path: null, reason: `the Electron binary is missing (${exe})` };
}
