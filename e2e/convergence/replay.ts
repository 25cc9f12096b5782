// Replays one seed of a scenario and prints every cycle's outcome without stopping at the first failure:
//   npx tsx e2e/convergence/replay.ts files|ldap SEED [CYCLES] [--cli] [--all]
// --all lists every difference of a failing cycle instead of the first five.
import { runConvergence } from './convergence-run.ts';
import { scenarioFactories } from './scenarios.ts';
import { TEST_SIZE } from './run-settings.ts';

const [name, seedText, cyclesText] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const factory = scenarioFactories[name as keyof typeof scenarioFactories];
if (!factory || !seedText) {
  process.stderr.write('usage: npx tsx e2e/convergence/replay.ts files|ldap SEED [CYCLES] [--cli] [--all]\n');
  process.exit(2);
}
const report = await runConvergence(factory, {
  seed: Number(seedText), cycles: Number(cyclesText ?? 20), ...TEST_SIZE,
  driver: process.argv.includes('--cli') ? 'cli' : 'api', keepGoing: true, keepFailed: true, shown: process.argv.includes('--all') ? Infinity : undefined,
  replay: `npx tsx e2e/convergence/replay.ts ${name} ${seedText}`, log: (l) => process.stdout.write(`${l}\n`),
});
const failing = report.phases.filter((p) => p.report);
process.stdout.write(`${report.phases.length - failing.length} of ${report.phases.length} cycles as expected\n`);
process.exit(failing.length === 0 ? 0 : 1);
