// Long-run convergence, scenario (a): an HR CSV and a directory JSON → an LDIF file and a CSV roster.
// Every cycle: churn, a delta cycle (targets must equal the model), a delta cycle without changes (must write
// nothing), a full cycle (must change nothing). Replay a failing seed with the command its message prints.
import { describe, expect, it } from 'vitest';
import { runConvergence } from './convergence-run.ts';
import { createFilesScenario } from './files-scenario.ts';
import { replayCommand, runSettings, TEST_SIZE } from './run-settings.ts';

const settings = runSettings([1, 2, 3]);
const TEST_FILE = 'e2e/convergence/files.test.ts';

describe('convergence: HR CSV + directory JSON → LDIF and CSV targets', () => {
  for (const seed of settings.seeds) {
    it(`seed ${seed}: ${settings.cycles} delta cycles of churn converge; cycles without changes write nothing`, { timeout: settings.driver === 'cli' ? 900_000 : 170_000 }, async () => {
      const report = await runConvergence(createFilesScenario, {
        seed, cycles: settings.cycles, ...TEST_SIZE, driver: settings.driver, keepFailed: settings.keepFailed, replay: replayCommand(TEST_FILE, seed, settings.cycles),
      });
      expect(report.phases).toHaveLength(3 * (settings.cycles + 1));
      expect(report.phases.filter((p) => p.report)).toEqual([]);
    });
  }
});
