// Types the console shows about the engine itself: host, data directory, engine state and lock.
import { z } from 'zod';

export const HostKind = z.enum(['electron', 'web', 'cli']);
export type HostKind = z.infer<typeof HostKind>;

/** Who holds the engine lock (a run, the installation wizard), so the console can say what is busy. */
export const EngineLock = z.object({
  holder: z.string(),
  kind: z.enum(['run', 'wizard', 'maintenance']),
  since: z.string(),
});
export type EngineLock = z.infer<typeof EngineLock>;

/** A run in progress in any live process on the data directory. */
export const ActiveRun = z.object({ runId: z.string(), connector: z.string(), profile: z.string(), startedBy: z.string(), startedAt: z.string(), pid: z.number() });
export type ActiveRun = z.infer<typeof ActiveRun>;

/** The process that holds the data directory (and runs its scheduler). */
export const HostLockHolder = z.object({ pid: z.number(), hostname: z.string(), holder: z.string(), since: z.string() });

export const EngineState = z.enum(['starting', 'idle', 'running', 'stopping', 'error']);
export type EngineState = z.infer<typeof EngineState>;

export const SystemStatus = z.object({
  version: z.string(),
  host: HostKind,
  home: z.string(),
  state: EngineState,
  lock: EngineLock.nullable(),
  pid: z.number(),
  startedAt: z.string(),
  /** True when no connector is configured yet (the console then offers the demo). */
  empty: z.boolean(),
  /** Runs in progress, whichever process started them. */
  activeRuns: z.array(ActiveRun).default([]),
  /** Who holds the data directory, or null when no host does. */
  hostLock: HostLockHolder.nullable().default(null),
});
export type SystemStatus = z.infer<typeof SystemStatus>;

export const LogLine = z.object({
  time: z.string(),
  level: z.enum(['debug', 'info', 'warn', 'error']),
  source: z.string(),
  message: z.string(),
});
export type LogLine = z.infer<typeof LogLine>;

/** Progress of a running step, sent as an event while it runs. */
export const RunProgress = z.object({
  runId: z.string(),
  connector: z.string(),
  profile: z.string(),
  step: z.number(),
  stepType: z.string(),
  phase: z.string(),
  done: z.number(),
  /** Null when the total is not known in advance (an import from a paged source). */
  total: z.number().nullable(),
  objectsPerSecond: z.number(),
  elapsedMs: z.number(),
});
export type RunProgress = z.infer<typeof RunProgress>;
