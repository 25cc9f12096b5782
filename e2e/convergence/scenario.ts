// What the convergence run needs from a scenario: its sources, its configuration, its model and its targets.
import type { ChurnStep } from './churn-generator.ts';
import type { SourceShape, SourceState } from './source-state.ts';
import type { ActualTarget, ExpectedTarget } from './target-content.ts';

export interface Scenario {
  readonly name: 'files' | 'ldap';
  readonly shape: SourceShape;
  /** The idsync-config document to import. */
  readonly configFile: string;
  /** Carries one churn step to the sources (rewrites the files, or writes to the source directory). */
  writeStep(step: ChurnStep, state: SourceState): Promise<void>;
  /** What the rules make of the current source content, computed by the test's own model. */
  expected(state: SourceState): ExpectedTarget[];
  /** Every target, read back independently of IdSync. */
  readTargets(): Promise<ActualTarget[]>;
  /** Per target, a text that changes whenever the target is written to. */
  fingerprint(): Promise<Record<string, string>>;
  /** What was written between two fingerprints, one line per target (empty when nothing was). */
  describeWrites(before: Record<string, string>, after: Record<string, string>): string[];
  close(): Promise<void>;
}

/** Creates a scenario in an empty working directory. */
export type ScenarioFactory = (dir: string) => Promise<Scenario>;

/** The default description of writes: each target whose fingerprint moved, before → after. */
export function changedFingerprints(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(after).filter((k) => before[k] !== after[k]).map((k) => `${k} was written to: ${before[k]} → ${after[k]}`);
}
