// `idsync scheduler set` as a user types it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-sched-cli-'));
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

function idsync(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'bin/idsync'), '--home', home, 'scheduler', ...args], { encoding: 'utf8', cwd: repoRoot });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('idsync scheduler set', () => {
  it('stores the interval in the form it is shown in and leaves the other settings alone', () => {
    expect(idsync('set', '--next-policy', 'Initial').code).toBe(0);
    const r = idsync('set', '--interval', '1:0:0', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ CustomizedSyncCycleInterval: '01:00:00', CurrentlyEffectiveSyncCycleInterval: '01:00:00', NextSyncCyclePolicyType: 'Initial' });
    expect(JSON.parse(fs.readFileSync(path.join(home, 'scheduler.json'), 'utf8'))).toMatchObject({ customizedSyncCycleInterval: '01:00:00', nextSyncCyclePolicyType: 'Initial' });
    expect(idsync('set', '--interval', '1h').stderr).toMatch(/must be a time span/);
  });
});
