// Time spans and the settings file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsFile } from './settings-file.ts';
import { SchedulerSettingsUpdate } from './settings.ts';
import { formatTimeSpan, parseTimeSpan } from './timespan.ts';

describe('time spans', () => {
  it('reads the notations Set-ADSyncScheduler accepts and prints them back', () => {
    expect(parseTimeSpan('03:00:00')).toBe(3 * 3600_000);
    expect(parseTimeSpan('1.0:0:0')).toBe(24 * 3600_000);
    expect(formatTimeSpan(parseTimeSpan('7.00:00:00'))).toBe('7.00:00:00');
    expect(formatTimeSpan(30 * 60_000)).toBe('00:30:00');
    expect(() => parseTimeSpan('30m')).toThrow(/'30m' is not a time span/);
    expect(() => parseTimeSpan('00:61:00')).toThrow(/minutes/);
  });
});

describe('settings', () => {
  it('stores a time span in the form it is shown in, however it was typed', () => {
    expect(SchedulerSettingsUpdate.parse({ customizedSyncCycleInterval: '1:0:0', purgeRunHistoryInterval: '7.0:0:0' })).toEqual({
      customizedSyncCycleInterval: '01:00:00', purgeRunHistoryInterval: '7.00:00:00',
    });
    expect(SchedulerSettingsUpdate.parse({ customizedSyncCycleInterval: ' 00:45:00 ' }).customizedSyncCycleInterval).toBe('00:45:00');
  });
});

describe('settings file', () => {
  it('starts from the defaults, saves atomically and names a damaged file', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-sched-'));
    try {
      const file = new SettingsFile(home);
      expect(file.load().purgeRunHistoryInterval).toBe('7.00:00:00');
      file.update((s) => ({ ...s, customizedSyncCycleInterval: '01:00:00' }));
      expect(new SettingsFile(home).load().customizedSyncCycleInterval).toBe('01:00:00');
      fs.writeFileSync(file.file, '{"customizedSyncCycleInterval": "soon"}');
      expect(() => file.load()).toThrow(/scheduler\.json: customizedSyncCycleInterval: must be a time span/);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
