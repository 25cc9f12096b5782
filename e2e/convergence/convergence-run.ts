// The long run: an initial cycle, then per cycle one step of churn and a delta cycle, after which the targets
// must equal the model; then a delta cycle without changes, which must write nothing; then a full cycle, which
// must change nothing. The test stops at the first failing cycle with a short report; the benchmark and the
// replay script keep going and count.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ChurnGenerator, type ChurnStep } from './churn-generator.ts';
import { CycleDriver, type CycleResult, type DriverMode, type Policy } from './cycle-driver.ts';
import type { Scenario, ScenarioFactory } from './scenario.ts';
import { diffTarget, recordOrigins, type Difference, type DnOrigins } from './target-diff.ts';

export type Phase = 'initial cycle' | 'delta cycle after the churn' | 'delta cycle without changes' | 'full cycle without changes';

export interface ConvergenceOptions {
  readonly seed: number;
  /** Delta cycles after the initial one. */
  readonly cycles: number;
  /** People in the initial content. */
  readonly persons: number;
  /** Churn events per step besides the kind whose turn it is. */
  readonly extraEvents: number;
  readonly driver: DriverMode;
  /** A full cycle after every n-th delta cycle (1: after each). */
  readonly fullEvery?: number;
  /** Go on after a failing cycle (counting) instead of throwing. */
  readonly keepGoing?: boolean;
  /** How to run this seed again, printed with a failure. */
  readonly replay: string;
  /** Keep the working directory (data directory, sources, targets) of a failing run and name it in the report. */
  readonly keepFailed?: boolean;
  readonly log?: (line: string) => void;
  /** Differences and problems listed in a report (default 5). */
  readonly shown?: number;
  /** Called after each cycle (progress). */
  readonly onPhase?: (outcome: PhaseOutcome, done: number, total: number) => void;
  /** Where the working directory is made (default: the system's temporary directory). */
  readonly workDir?: string;
  /** Start no new churn cycle after this time (epoch ms); the report says how many ran. */
  readonly deadline?: number;
}

/** What one cycle did and how it compared. */
export interface PhaseOutcome {
  readonly cycle: number;
  readonly phase: Phase;
  readonly ms: number;
  /** Sum of the export counters of the writes sent (adds, updates, renames, deletes). */
  readonly exports: number;
  readonly differences: readonly Difference[];
  /** Writes where none may happen, and steps that did not end well. */
  readonly problems: readonly string[];
  /** The short report of a failing phase. */
  readonly report?: string;
}

export interface ConvergenceReport {
  readonly scenario: string;
  readonly seed: number;
  /** Churn cycles run (fewer than asked only when a deadline stopped the run). */
  readonly cycles: number;
  readonly phases: readonly PhaseOutcome[];
}

/** A cycle where the targets did not converge or a cycle without changes wrote. */
export class ConvergenceError extends Error {
  override readonly name = 'ConvergenceError';
}

const SHOWN = 5;

/** Runs the long run on a new scenario in a temporary directory (removed afterwards unless it failed). */
export async function runConvergence(factory: ScenarioFactory, o: ConvergenceOptions): Promise<ConvergenceReport> {
  const dir = fs.mkdtempSync(path.join(o.workDir ?? os.tmpdir(), 'idsync-convergence-'));
  const home = path.join(dir, 'home');
  const scenario = await factory(dir);
  const driver = CycleDriver.open(home, o.driver);
  const phases: PhaseOutcome[] = [];
  let failed = false;
  try {
    const gen = new ChurnGenerator(scenario.shape, { seed: o.seed, persons: o.persons });
    const history: ChurnStep[] = [];
    const origins: DnOrigins = new Map();
    const reported = new Set<string>();
    const check = async (cycle: number, phase: Phase, policy: Policy, writesAllowed: boolean) => {
      const outcome = await checkCycle(scenario, driver, gen, { cycle, phase, policy, writesAllowed, origins, reported, history, options: o, dir });
      phases.push(outcome);
      o.onPhase?.(outcome, phases.length, 3 + o.cycles * 2 + Math.floor(o.cycles / (o.fullEvery ?? 1)));
      o.log?.(`${scenario.name} seed ${o.seed} cycle ${cycle} ${phase}: ${Math.round(outcome.ms)} ms, ${outcome.exports} exports, ${outcome.differences.length} differences, ${outcome.problems.length} problems`);
      if (outcome.report) {
        failed = true;
        if (!o.keepGoing) throw new ConvergenceError(outcome.report);
        o.log?.(outcome.report);
      }
    };
    await driver.importConfig(scenario.configFile);
    const initial = gen.initial();
    history.push(initial);
    await scenario.writeStep(initial, gen.state);
    // The first load goes through the CLI whatever the driver, so the command an administrator types is covered.
    await check(0, 'initial cycle', 'Initial', true);
    await check(0, 'delta cycle without changes', 'Delta', false);
    await check(0, 'full cycle without changes', 'Initial', false);
    let c = 1;
    for (; c <= o.cycles && !(o.deadline !== undefined && Date.now() > o.deadline); c++) {
      const step = gen.step(c, o.extraEvents);
      history.push(step);
      await scenario.writeStep(step, gen.state);
      await check(c, 'delta cycle after the churn', 'Delta', true);
      await check(c, 'delta cycle without changes', 'Delta', false);
      if (c % (o.fullEvery ?? 1) === 0) await check(c, 'full cycle without changes', 'Initial', false);
    }
    return { scenario: scenario.name, seed: o.seed, cycles: c - 1, phases };
  } finally {
    await driver.close();
    await scenario.close();
    if (!(failed && o.keepFailed)) fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface CheckContext {
  readonly cycle: number;
  readonly phase: Phase;
  readonly policy: Policy;
  readonly writesAllowed: boolean;
  readonly origins: DnOrigins;
  /** Problems of a target already reported (a refused LDIF record stays in the file): not reported again. */
  readonly reported: Set<string>;
  readonly history: readonly ChurnStep[];
  readonly options: ConvergenceOptions;
  readonly dir: string;
}

async function checkCycle(scenario: Scenario, driver: CycleDriver, gen: ChurnGenerator, k: CheckContext): Promise<PhaseOutcome> {
  const before = await scenario.fingerprint();
  const result = await driver.cycle(k.policy, k.phase === 'initial cycle' ? 'cli' : driver.mode);
  const after = await scenario.fingerprint();
  const expected = scenario.expected(gen.state);
  recordOrigins(k.origins, expected);
  const actual = await scenario.readTargets();
  const differences = expected.flatMap((e) => {
    const a = actual.find((x) => x.name === e.name);
    return a ? diffTarget(e, a, k.origins) : [{ target: e.name, dn: '', text: 'the target could not be read', sources: [] }];
  }).filter((d) => d.dn !== '' || !k.reported.has(`${d.target}|${d.text}`));
  for (const d of differences) if (d.dn === '') k.reported.add(`${d.target}|${d.text}`);
  const problems = [...result.problems];
  if (!k.writesAllowed) {
    problems.push(...scenario.describeWrites(before, after));
    for (const [connector, counters] of Object.entries(result.exports)) {
      problems.push(`${connector} export counters: ${Object.entries(counters).map(([n, v]) => `${n} ${v}`).join(', ')}`);
    }
    problems.push(...result.exported.slice(0, 3).map((x) => `exported: ${x}`));
  }
  // Writes are what reached a target: a failed export is a problem, not a write.
  const exports = Object.values(result.exports).reduce((s, c) => s + Object.entries(c).reduce((x, [n, v]) => x + (n === 'export-failure' ? 0 : v), 0), 0);
  const outcome = { cycle: k.cycle, phase: k.phase, ms: result.ms, exports, differences, problems };
  return differences.length > 0 || problems.length > 0 ? { ...outcome, report: report(scenario, k, result, differences, problems) } : outcome;
}

/** The short failure report: where, the first differences with the churn behind them, and how to replay. */
function report(scenario: Scenario, k: CheckContext, result: CycleResult, differences: readonly Difference[], problems: readonly string[]): string {
  const step = k.history[k.history.length - 1];
  const shown = k.options.shown ?? SHOWN;
  const lines = [
    `${scenario.name} scenario, seed ${k.options.seed}, cycle ${k.cycle}, ${k.phase} (${result.via}, ${result.result}): ` +
      `${differences.length} differences from the model, ${problems.length} problems`,
    ...problems.slice(0, shown).map((p) => `  problem: ${p}`),
    ...differences.slice(0, shown).map((d) => `  ${d.target}${d.dn ? ` ${d.dn}` : ''}: ${d.text}${cause(d, k.history)}`),
    ...(differences.length > shown ? [`  … ${differences.length - shown} more differences`] : []),
    `churn of cycle ${step.cycle}: ${step.events.slice(0, 8).map((e) => `[${e.kind}] ${e.text}`).join('; ')}${step.events.length > 8 ? '; …' : ''}`,
    `replay: ${k.options.replay}`,
    k.options.keepFailed ? `working directory kept: ${k.dir}` : 'IDSYNC_CONVERGENCE_KEEP=1 keeps the working directory (data directory, sources, targets)',
  ];
  return lines.join('\n');
}

/** The latest two churn events that touched the objects a difference concerns (the cycle named when earlier). */
function cause(d: Difference, history: readonly ChurnStep[]): string {
  if (d.sources.length === 0) return '';
  const hits: string[] = [];
  for (let i = history.length - 1; i >= 0 && hits.length < 2; i--) {
    for (const e of history[i].events) {
      if (hits.length < 2 && e.subjects.some((s) => d.sources.includes(s))) hits.push(`[${e.kind}] ${e.text}${i === history.length - 1 ? '' : ` (cycle ${history[i].cycle})`}`);
    }
  }
  return `  ← ${hits.length > 0 ? hits.join('; ') : 'initial content'}`;
}
