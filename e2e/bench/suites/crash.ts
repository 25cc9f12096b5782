// The crash campaign at full size: at least 60 SIGKILLs of CLI runs across import, synchronization and export
// to an LDIF file, a CSV file, OpenLDAP (slapd) and the Entra emulator; the figures are the kills, the
// damaged databases and, per target, the objects lost, delivered twice and corrupt (goal: 0 of each).
import { runCrashCampaign } from '../../crash/campaign.ts';
import { bundleCli } from '../../../engine/sync/cli-bundle.ts';
import type { BenchContext, BenchFigure, BenchSuite } from '../suite.ts';
import type { TargetKind } from '../../crash/workspace.ts';

const TARGETS: TargetKind[] = ['ldif', 'csv', 'ldap', 'entra'];
const KILLS = 60;

/** People per size: every round re-exports the changes, so the campaign stays well below the size's user count. */
function people(count: number): number {
  return Math.min(2000, Math.max(120, Math.round(count / 10)));
}

const zero = (name: string, value: number, unit: string): BenchFigure => ({ name, value, unit, goal: '0', goalMet: value === 0 });

export const crashCampaign: BenchSuite = {
  name: 'crash',
  description: `${KILLS} SIGKILLs across import, sync and export to LDIF, CSV, slapd and the Entra emulator; lost, duplicated and corrupt objects per target`,
  needs: ['slapd', 'openssl'],
  largestSize: { size: '100k', why: 'its campaign has the same 2,000 people from 20k up' },
  async run(ctx: BenchContext): Promise<readonly BenchFigure[]> {
    const cli = await bundleCli();
    try {
      const r = await runCrashCampaign({
        people: people(ctx.count), kills: KILLS, targets: TARGETS, dir: ctx.tmpDir, cliFile: cli.file,
        log: (m) => ctx.log(m), progress: (done, total) => ctx.progress('SIGKILLs', done, total),
      });
      const figures: BenchFigure[] = [
        { name: 'SIGKILLs', value: r.kills, unit: 'kills', goal: `≥ ${KILLS}`, goalMet: r.kills >= KILLS },
        { name: 'kills at a target write', value: Object.values(r.killsAtWrite).reduce((a, b) => a + (b ?? 0), 0), unit: 'kills' },
        zero('databases failing integrity_check', r.integrityFailures.length, 'databases'),
        zero('reruns not completed', r.failedReruns.length, 'runs'),
        zero('metaverse objects lost or different', r.metaverse.lost + r.metaverse.unexpected, 'objects'),
        zero('temporary files left', r.leftoverTempFiles.length, 'files'),
        { name: 'campaign time', value: r.seconds, unit: 's' },
      ];
      for (const t of TARGETS) {
        const report = r.targets[t];
        if (!report) continue;
        const refusals = Object.values(report.exportErrors).reduce((a, b) => a + b, 0);
        figures.push(
          zero(`${t}: lost`, report.lost + report.unexpected, 'objects'),
          zero(`${t}: duplicated`, report.duplicated + refusals, 'objects'),
          zero(`${t}: corrupt`, report.corrupt, 'records'),
        );
      }
      return figures;
    } finally {
      cli.remove();
    }
  },
};
