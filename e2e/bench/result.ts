// The shape of one harness run as written to JSON; the schema lets readers (and tests) validate old results.
import { z } from 'zod';
import { BENCH_SIZES } from './suite.ts';

/** A physical floor a figure is compared with. */
export const floorSchema = z.object({ name: z.string(), value: z.number(), unit: z.string() });

/** One measured figure, as a suite returned it. */
export const figureSchema = z.object({
  name: z.string().min(1),
  value: z.number(),
  unit: z.string(),
  floor: floorSchema.optional(),
  ratio: z.number().optional(),
  goal: z.string().optional(),
  goalMet: z.boolean().optional(),
});

/** What happened to one suite: it ran, was skipped (a needed program is missing) or failed (load or run error). */
export const suiteStatusSchema = z.enum(['ok', 'skipped', 'failed']);

/** The outcome of one suite. */
export const suiteResultSchema = z.object({
  name: z.string(),
  description: z.string(),
  file: z.string(),
  status: suiteStatusSchema,
  /** Why the suite was skipped or failed. */
  reason: z.string().optional(),
  durationMs: z.number(),
  /** Highest sampled resident set size while the suite ran. */
  peakRssBytes: z.number(),
  /** The process-wide high-water mark after the suite (includes earlier suites). */
  maxRssBytes: z.number(),
  figures: z.array(figureSchema),
});

/** The machine the run happened on. */
export const machineSchema = z.object({
  cpuModel: z.string(),
  cpuCount: z.number().int(),
  memoryBytes: z.number(),
  os: z.string(),
  node: z.string(),
  /** The engine's V8 old-generation cap in MB (0: V8's own limit); absent in results from before the cap. */
  heapCapMb: z.number().int().optional(),
  gitCommit: z.string(),
  gitDirty: z.boolean(),
});

/** One complete harness run. */
export const benchRunSchema = z.object({
  harness: z.literal('idsync-bench'),
  version: z.literal(1),
  date: z.string(),
  size: z.enum(BENCH_SIZES),
  count: z.number().int(),
  machine: machineSchema,
  durationMs: z.number(),
  suites: z.array(suiteResultSchema),
});

export type SuiteStatus = z.infer<typeof suiteStatusSchema>;
export type SuiteResult = z.infer<typeof suiteResultSchema>;
export type Machine = z.infer<typeof machineSchema>;
export type BenchRun = z.infer<typeof benchRunSchema>;
