// Messages a suite worker sends to the harness over the IPC channel.
import type { BenchSize } from './suite.ts';

/** What the harness asks a worker to run. */
export interface WorkerJob {
  readonly file: string;
  readonly name: string;
  readonly size: BenchSize;
  readonly count: number;
}

/** Worker → harness. `result` is a SuiteResult-shaped object, validated by the harness. */
export type WorkerMessage =
  /** The suite is loaded and its run begins: its time limit starts now. */
  | { readonly type: 'started' }
  | { readonly type: 'progress'; readonly label: string; readonly done: number; readonly total: number }
  | { readonly type: 'log'; readonly message: string }
  | { readonly type: 'result'; readonly result: unknown };
