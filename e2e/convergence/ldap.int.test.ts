// Long-run convergence, scenario (b): a real slapd source → a real slapd target (accesslog delta).
// Every cycle: churn, a delta cycle (targets must equal the model), a delta cycle without changes (must write
// nothing), a full cycle (must change nothing). Replay a failing seed with the command its message prints.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runConvergence } from './convergence-run.ts';
import { createLdapScenario } from './ldap-scenario.ts';
import { replayCommand, runSettings, TEST_SIZE } from './run-settings.ts';

const settings = runSettings([1, 2, 3]);
const TEST_FILE = 'e2e/convergence/ldap.int.test.ts';
const available = existsSync('/usr/sbin/slapd') && existsSync('/usr/bin/ldapwhoami');
if (!available) console.log('convergence (slapd → slapd) skipped: slapd is not installed (apt-get install slapd ldap-utils)');

describe('convergence: slapd source → slapd target', () => {
  for (const seed of settings.seeds) {
    it.skipIf(!available)(`seed ${seed}: ${settings.cycles} delta cycles of churn converge; cycles without changes write nothing`, { timeout: settings.driver === 'cli' ? 900_000 : 170_000 }, async () => {
      const report = await runConvergence(createLdapScenario, {
        seed, cycles: settings.cycles, ...TEST_SIZE, driver: settings.driver, keepFailed: settings.keepFailed, replay: replayCommand(TEST_FILE, seed, settings.cycles),
      });
      expect(report.phases).toHaveLength(3 * (settings.cycles + 1));
      expect(report.phases.filter((p) => p.report)).toEqual([]);
    });
  }
});
