// Day two at scale: the long-run convergence test (e2e/convergence) with the benchmark's user count and 50
// cycles of about 1 % churn, for both scenarios: file sources → LDIF and CSV targets, and slapd → slapd.
// Reports the time of a delta cycle, the writes it makes, and what cycles without changes wrote (goal 0).
import { runConvergence, type PhaseOutcome } from '../../convergence/convergence-run.ts';
import { createFilesScenario } from '../../convergence/files-scenario.ts';
import { createLdapScenario } from '../../convergence/ldap-scenario.ts';
import type { ScenarioFactory } from '../../convergence/scenario.ts';
import type { BenchContext, BenchFigure, BenchSize, BenchSuite } from '../suite.ts';

/** Cycles per run; IDSYNC_BENCH_CONVERGENCE_CYCLES overrides (the figure is 50). */
const CYCLES = Number(process.env.IDSYNC_BENCH_CONVERGENCE_CYCLES ?? 50);
/** A full cycle after every tenth delta cycle: a full cycle of 10k objects costs several delta cycles. */
const FULL_EVERY = 10;
/**
 * Seconds per scenario after which no new cycle starts, by size (IDSYNC_BENCH_CONVERGENCE_BUDGET_S overrides):
 * each suite must end within the harness's default suite limit; the figures say how many cycles ran.
 */
const BUDGET_S: Record<BenchSize, number> = { tiny: 50, '10k': 240, '100k': 1800, '300k': 5400, '1m': Infinity };

function deadline(size: BenchSize): number {
  const override = Number(process.env.IDSYNC_BENCH_CONVERGENCE_BUDGET_S);
  return Date.now() + (Number.isFinite(override) && override > 0 ? override : BUDGET_S[size]) * 1000;
}

/** Fifty cycles of every object at a million would take hours; the convergence it checks is the same at 100k. */
const CONVERGENCE_LARGEST = { size: '100k', why: 'fifty cycles that each read every object; convergence does not depend on the count' } as const;

const mean = (xs: readonly number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** The figures of one run. */
export function convergenceFigures(label: string, cycles: number, phases: readonly PhaseOutcome[]): BenchFigure[] {
  const of = (phase: PhaseOutcome['phase']) => phases.filter((p) => p.phase === phase);
  const initial = of('initial cycle');
  const delta = of('delta cycle after the churn');
  const noop = of('delta cycle without changes');
  const full = of('full cycle without changes');
  const exact = phases.filter((p) => p.differences.length === 0).length;
  const noopWrites = sum(noop.map((p) => p.exports));
  const fullWrites = sum(full.map((p) => p.exports));
  const exactShare = Math.round((1000 * exact) / Math.max(1, phases.length)) / 10;
  return [
    { name: `${label}: churn cycles run within the time budget`, value: cycles, unit: 'cycles', goal: `${CYCLES}`, goalMet: cycles === CYCLES },
    { name: `${label}: initial cycle`, value: Math.round(sum(initial.map((p) => p.ms))), unit: 'ms' },
    { name: `${label}: delta cycle after ~1 % churn, mean`, value: Math.round(mean(delta.map((p) => p.ms))), unit: 'ms' },
    { name: `${label}: delta cycle after ~1 % churn, slowest`, value: Math.round(Math.max(0, ...delta.map((p) => p.ms))), unit: 'ms' },
    { name: `${label}: writes per delta cycle, mean`, value: Math.round(mean(delta.map((p) => p.exports))), unit: 'writes' },
    { name: `${label}: cycle without changes, mean`, value: Math.round(mean(noop.map((p) => p.ms))), unit: 'ms' },
    { name: `${label}: writes in ${noop.length} delta cycles without changes`, value: noopWrites, unit: 'writes', goal: '0', goalMet: noopWrites === 0 },
    { name: `${label}: full cycle without changes, mean`, value: Math.round(mean(full.map((p) => p.ms))), unit: 'ms' },
    { name: `${label}: writes in ${full.length} full cycles without changes`, value: fullWrites, unit: 'writes', goal: '0', goalMet: fullWrites === 0 },
    { name: `${label}: cycles whose targets equal the model`, value: exactShare, unit: '%', goal: '100 %', goalMet: exact === phases.length },
  ];
}

async function measure(ctx: BenchContext, label: string, factory: ScenarioFactory): Promise<BenchFigure[]> {
  let reported = 0;
  const report = await runConvergence(factory, {
    seed: 1, cycles: CYCLES, persons: ctx.count, extraEvents: Math.max(5, Math.round(ctx.count / 100)), driver: 'api', fullEvery: FULL_EVERY,
    keepGoing: true, workDir: ctx.tmpDir, deadline: deadline(ctx.size), replay: `npx tsx e2e/bench/main.ts --only ${label === 'files' ? 'convergence-files' : 'convergence-ldap'} --size ${ctx.size}`,
    onPhase: (outcome, done, total) => {
      ctx.progress(`${label}: cycle ${outcome.cycle} of ${CYCLES}`, done, total);
      // The first failing cycle in full; the figures count the rest.
      if (outcome.report && reported++ === 0) ctx.log(outcome.report);
    },
  });
  return convergenceFigures(label, report.cycles, report.phases);
}

export const convergenceFiles: BenchSuite = {
  name: 'convergence-files',
  description: `HR CSV + directory JSON → LDIF and CSV targets: ${CYCLES} delta cycles of ~1 % churn, each followed by a cycle without changes, a full cycle every ${FULL_EVERY}`,
  largestSize: CONVERGENCE_LARGEST,
  run: (ctx) => measure(ctx, 'files', createFilesScenario),
};

export const convergenceLdap: BenchSuite = {
  name: 'convergence-ldap',
  description: `slapd → slapd: ${CYCLES} delta cycles of ~1 % churn, each followed by a cycle without changes, a full cycle every ${FULL_EVERY}`,
  needs: ['slapd', 'ldapwhoami'],
  largestSize: CONVERGENCE_LARGEST,
  run: (ctx) => measure(ctx, 'ldap', createLdapScenario),
};

export default [convergenceFiles, convergenceLdap];
