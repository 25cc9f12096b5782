// Events the engine pushes to every console: progress, log lines and state changes.
import { z } from 'zod';
import { LogLine, RunProgress, SystemStatus } from '../model/system.ts';

export const apiEvents = {
  'run.progress': RunProgress,
  'run.finished': z.object({ runId: z.string(), connector: z.string(), profile: z.string(), status: z.string() }),
  'log.line': LogLine,
  'state.changed': SystemStatus,
} as const;

export type ApiEvents = typeof apiEvents;
export type EventName = keyof ApiEvents;
export type EventPayload<E extends EventName> = z.infer<ApiEvents[E]>;
