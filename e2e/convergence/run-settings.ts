// The seeds, cycle count and driver of a test run, from the environment:
//   IDSYNC_CONVERGENCE_SEED=7 (or 1,5,9)   replay these seeds instead of the default ones
//   IDSYNC_CONVERGENCE_CYCLES=50           delta cycles per seed (default 20)
//   IDSYNC_CONVERGENCE_DRIVER=cli          run every cycle through bin/idsync (default: the API, in process)
//   IDSYNC_CONVERGENCE_KEEP=1              keep the working directory of a failing seed
import type { DriverMode } from './cycle-driver.ts';

export interface RunSettings {
  readonly seeds: readonly number[];
  readonly cycles: number;
  readonly driver: DriverMode;
  readonly keepFailed: boolean;
}

/** The settings for a test file whose default seeds are `seeds`. */
export function runSettings(seeds: readonly number[], env: NodeJS.ProcessEnv = process.env): RunSettings {
  const chosen = env.IDSYNC_CONVERGENCE_SEED?.split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n));
  const cycles = Number(env.IDSYNC_CONVERGENCE_CYCLES ?? 20);
  return {
    seeds: chosen && chosen.length > 0 ? chosen : seeds,
    cycles: Number.isInteger(cycles) && cycles > 0 ? cycles : 20,
    driver: env.IDSYNC_CONVERGENCE_DRIVER === 'cli' ? 'cli' : 'api',
    keepFailed: env.IDSYNC_CONVERGENCE_KEEP === '1',
  };
}

/** The command that replays one seed of a test file. */
export function replayCommand(testFile: string, seed: number, cycles: number): string {
  return `IDSYNC_CONVERGENCE_SEED=${seed}${cycles === 20 ? '' : ` IDSYNC_CONVERGENCE_CYCLES=${cycles}`} npx vitest run ${testFile}` +
    ` (every cycle's differences: npx tsx e2e/convergence/replay.ts ${testFile.includes('ldap') ? 'ldap' : 'files'} ${seed} ${cycles})`;
}

/** Sizes of the runs in `npm test` (the replay script uses the same, so a seed replays the same churn). */
export const TEST_SIZE = { persons: 40, extraEvents: 5 } as const;
