// The crash campaign at CI size: at least 50 SIGKILLs of CLI runs (by progress, and the instant a target took
// a write) across import, synchronization and export to an LDIF file, a CSV file, OpenLDAP (slapd) and the
// Entra emulator. Every database must stay intact and every target must end as an uninterrupted run leaves it:
// 0 lost, 0 duplicated, 0 corrupt. The benchmark runs the same campaign at full size (e2e/bench/suites/crash.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCli } from './cli-bundle.ts';
import { runCrashCampaign, type CampaignResult } from '../../e2e/crash/campaign.ts';
import { missingPrograms } from '../../e2e/bench/needs.ts';
import type { TargetKind } from '../../e2e/crash/workspace.ts';

const missing = missingPrograms(['slapd', 'openssl']);
if (missing.length) console.log(`crash campaign: skipped, ${missing.join(' and ')} not installed (the LDAP and Entra targets need them)`);

let cli: Awaited<ReturnType<typeof bundleCli>>;
let dir = '';
let result: CampaignResult;
const TARGETS: TargetKind[] = ['ldif', 'csv', 'ldap', 'entra'];

beforeAll(async () => {
  if (missing.length) return;
  cli = await bundleCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-crash-'));
  result = await runCrashCampaign({
    people: 120, kills: 52, targets: TARGETS, dir, cliFile: cli.file,
    seed: process.env.IDSYNC_CRASH_SEED ? Number(process.env.IDSYNC_CRASH_SEED) : undefined,
    log: (m) => console.log(m),
    progress: (done) => {
      if (done % 10 === 0) console.log(`crash campaign: ${done} kills`);
    },
  });
}, 900_000);

afterAll(() => {
  cli?.remove();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(missing.length > 0)('crash campaign', () => {
  it('kills at least 50 runs at random points of import, synchronization and export, and at target writes', () => {
    expect(result.kills).toBeGreaterThanOrEqual(50);
    for (const phase of ['import', 'sync', 'export'] as const) expect(result.killsByPhase[phase], `kills during ${phase}`).toBeGreaterThan(0);
    for (const t of TARGETS) expect(result.killsAtWrite[t] ?? 0, `kills at a write to ${t}`).toBeGreaterThan(0);
  });

  it('leaves every database intact, and every rerun completes', () => {
    expect(result.integrityFailures).toEqual([]);
    expect(result.failedReruns).toEqual([]);
  });

  it('converges the metaverse to the uninterrupted end state', () => {
    expect(result.metaverse).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0, corrupt: 0 });
  });

  it.each(TARGETS)('delivers to %s exactly what an uninterrupted run delivers: 0 lost, 0 duplicated, 0 corrupt', (t) => {
    const report = result.targets[t]!;
    expect({ lost: report.lost, duplicated: report.duplicated, unexpected: report.unexpected, corrupt: report.corrupt, examples: report.examples })
      .toEqual({ lost: 0, duplicated: 0, unexpected: 0, corrupt: 0, examples: [] });
    // A replayed write the target refuses (an add of an object that exists) is a duplicate delivery too.
    expect(report.exportErrorExamples).toEqual({});
  });

  it('leaves no temporary file of a killed export behind', () => {
    expect(result.leftoverTempFiles).toEqual([]);
  });
});
