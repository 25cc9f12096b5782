// Scheduler settings kept in the data directory as `scheduler.json` (the product keeps them in the tenant;
// IdSync keeps them locally, so a staging host has its own copy).
import fs from 'node:fs';
import path from 'node:path';
import { SchedulerSettings } from './settings.ts';

export const SETTINGS_FILE = 'scheduler.json';

/** Reads and writes the settings of one data directory. */
export class SettingsFile {
  readonly file: string;

  constructor(home: string) {
    this.file = path.join(home, SETTINGS_FILE);
  }

  /** The stored settings, defaults when the file does not exist; a damaged file is an error naming it. */
  load(): SchedulerSettings {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return SchedulerSettings.parse({});
      throw err;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new Error(`${this.file} is not valid JSON: ${(err as Error).message}`);
    }
    const parsed = SchedulerSettings.safeParse(json);
    if (!parsed.success) throw new Error(`${this.file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return parsed.data;
  }

  /** Replaces the stored settings atomically (write a temporary file, then rename). */
  save(settings: SchedulerSettings): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(SchedulerSettings.parse(settings), null, 2)}\n`);
    fs.renameSync(tmp, this.file);
  }

  /** Loads, applies `change` and saves; returns the new settings. */
  update(change: (s: SchedulerSettings) => SchedulerSettings): SchedulerSettings {
    const next = SchedulerSettings.parse(change(this.load()));
    this.save(next);
    return next;
  }
}
