// The contract every benchmark suite implements; the harness (e2e/bench/main.ts) runs them and reports.

/** Sizes a run can ask for, smallest first; each suite scales its data to it (users; groups are about a tenth). */
export const BENCH_SIZES = ['tiny', '10k', '100k', '300k', '1m'] as const;

export type BenchSize = (typeof BENCH_SIZES)[number];

/** The number of users a size stands for. */
export const sizeToCount: Record<BenchSize, number> = { tiny: 200, '10k': 10_000, '100k': 100_000, '300k': 300_000, '1m': 1_000_000 };

/** What a suite gets from the harness. */
export interface BenchContext {
  readonly size: BenchSize;
  readonly count: number;
  /** A private scratch directory, removed after the run. */
  readonly tmpDir: string;
  /** Progress of the current phase, shown as a bar. */
  progress(label: string, done: number, total: number): void;
  log(message: string): void;
}

/** One measured figure. Throughput as objects/s, latency as ms, sizes as bytes. */
export interface BenchFigure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The physical floor measured in the same run, if one exists (e.g. ldapsearch over the same entries). */
  readonly floor?: { readonly name: string; readonly value: number; readonly unit: string };
  /** Ratio the goal is expressed in: time/floor time (lower is better) or share (higher is better). */
  readonly ratio?: number;
  /** Human-readable goal, e.g. "≤ 1.5 × floor" or "≥ 5,000 objects/s". */
  readonly goal?: string;
  readonly goalMet?: boolean;
}

/** A benchmark suite. `needs` names system programs it requires (e.g. slapd); missing ones skip it with a reason. */
export interface BenchSuite {
  readonly name: string;
  readonly description: string;
  readonly needs?: readonly string[];
  /**
   * The largest size a whole run takes this suite to, and why (absent: every size). A larger size skips it with
   * that reason unless `--only` names it: suites that measure something other than scale (a server's speed, a
   * campaign of a fixed size) would otherwise take hours at a million users and tell nothing new.
   */
  readonly largestSize?: { readonly size: BenchSize; readonly why: string };
  run(ctx: BenchContext): Promise<readonly BenchFigure[]>;
}
