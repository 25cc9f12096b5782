// What the wizard applied, kept in the data directory: the current settings, plus a time-stamped snapshot per
// change (like the product's Applied-SynchronizationPolicy-*.json). Secrets are never part of them.
import fs from 'node:fs';
import path from 'node:path';
import { AppliedSettings } from '../../shared/model/wizard.ts';

export const SETTINGS_FILE = 'wizard-settings.json';
export const SNAPSHOT_DIR = 'applied-policy';

/** The applied settings, or null before the first run; a damaged file is an error naming it. */
export function readAppliedSettings(home: string): AppliedSettings | null {
  const file = path.join(home, SETTINGS_FILE);
  if (!fs.existsSync(file)) return null;
  const parsed = AppliedSettings.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** Writes the settings and a snapshot; returns the snapshot's path. */
export function writeAppliedSettings(home: string, settings: AppliedSettings): string {
  const text = `${JSON.stringify(AppliedSettings.parse(settings), null, 2)}\n`;
  const file = path.join(home, SETTINGS_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
  return writeSnapshot(home, settings);
}

/** Writes a time-stamped snapshot of the settings (Export Settings); returns its path. */
export function writeSnapshot(home: string, settings: AppliedSettings): string {
  const dir = path.join(home, SNAPSHOT_DIR);
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const snapshot = path.join(dir, `Applied-SynchronizationPolicy-${stamp}.json`);
  fs.writeFileSync(snapshot, `${JSON.stringify(settings, null, 2)}\n`);
  return snapshot;
}
