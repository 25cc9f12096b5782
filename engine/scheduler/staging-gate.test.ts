// The staging gate of the export step.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsFile } from './settings-file.ts';
import { confirmStagingExportOnce, homeOfDatabase, stagingExportGate } from './staging-gate.ts';

describe('staging gate', () => {
  it('S-53 refuses exports in staging mode, lets one confirmed export through, and allows all once staging ends', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-staging-'));
    try {
      expect(stagingExportGate(home, 'aad', 'tenant')).toEqual({ allowed: true, confirmedInStaging: false });
      new SettingsFile(home).update((s) => ({ ...s, stagingModeEnabled: true }));
      expect(stagingExportGate(home, 'aad', 'tenant')).toMatchObject({ allowed: false, message: expect.stringMatching(/Staging mode is on: nothing was exported to tenant/) });
      confirmStagingExportOnce(home, 'aad');
      expect(stagingExportGate(home, 'aad', 'tenant')).toEqual({ allowed: true, confirmedInStaging: true });
      expect(stagingExportGate(home, 'aad', 'tenant').allowed).toBe(false);
      new SettingsFile(home).update((s) => ({ ...s, stagingModeEnabled: false }));
      expect(stagingExportGate(home, 'aad', 'tenant').allowed).toBe(true);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  it('has no staging settings for an in-memory database', () => {
    expect(homeOfDatabase(':memory:')).toBeNull();
    expect(homeOfDatabase(path.join('data', 'idsync.sqlite'))).toBe('data');
    expect(stagingExportGate(null, 'x', 'x').allowed).toBe(true);
  });
});
