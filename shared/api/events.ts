// Events the engine pushes to every console: progress, log lines and state changes.
import { z } from 'zod';
import { LogLine, RunProgress, SystemStatus } from '../model/system.ts';
import { RunSummary } from '../model/runs.ts';
import { ExportStatus } from '../model/grid-export.ts';

export const apiEvents = {
  /** A run began, in this process or another one on the same data directory (CLI, scheduler). */
  'run.started': RunSummary,
  'run.progress': RunProgress,
  'run.finished': z.object({ runId: z.string(), connector: z.string(), profile: z.string(), status: z.string() }),
  'log.line': LogLine,
  'state.changed': SystemStatus,
  'export.progress': ExportStatus,
} as const;

export type ApiEvents = typeof apiEvents;
export type EventName = keyof ApiEvents;
export type EventPayload<E extends EventName> = z.infer<ApiEvents[E]>;
